/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The crash kernel region as /proc/iomem shows it to root, for the guest
 * programs that build kexec_load() requests inside it.
 */
#ifndef _KDUMP_GUEST_CRASH_REGION_H
#define _KDUMP_GUEST_CRASH_REGION_H

#include <stdio.h>
#include <string.h>

/*
 * crash_region() - the first "Crash kernel" range of /proc/iomem
 * @start:	its first byte
 * @end:	its last byte (inclusive, as /proc/iomem prints it)
 *
 * Return: 0, or -1 if /proc/iomem cannot be read or has no such range.
 */
static inline int crash_region(unsigned long *start, unsigned long *end)
{
	char line[256];
	FILE *f = fopen("/proc/iomem", "r");
	int ret = -1;

	if (!f)
		return -1;
	while (ret && fgets(line, sizeof(line), f))
		if (strstr(line, ": Crash kernel") &&
		    sscanf(line, " %lx-%lx", start, end) == 2 && *end > *start)
			ret = 0;
	fclose(f);
	return ret;
}

#endif /* _KDUMP_GUEST_CRASH_REGION_H */
