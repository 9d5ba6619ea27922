/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel log as root reads it, for the guest programs that check
 * which line a refusal printed.
 */
#ifndef _KDUMP_GUEST_KERNEL_LOG_H
#define _KDUMP_GUEST_KERNEL_LOG_H

#include <string.h>
#include <sys/klog.h>

/*
 * kernel_log_count() - how many times the kernel log holds @text
 * @text:	the text, not empty
 *
 * Return: that count, or -1 if the log cannot be read.
 */
static inline int kernel_log_count(const char *text)
{
	static char log[1 << 18];
	int n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, log, sizeof(log) - 1);
	const char *p = log;
	int count = 0;

	if (n < 0)
		return -1;
	log[n] = 0;
	while ((p = strstr(p, text))) {
		count++;
		p += strlen(text);
	}
	return count;
}

#endif
