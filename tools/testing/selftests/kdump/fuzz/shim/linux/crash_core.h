/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/crash_core.h>, for the kdump fuzzers
 * only: just the crashkernel= parsers.
 */
#ifndef _FUZZ_SHIM_LINUX_CRASH_CORE_H
#define _FUZZ_SHIM_LINUX_CRASH_CORE_H

int parse_crashkernel(char *cmdline, unsigned long long system_ram,
		      unsigned long long *crash_size,
		      unsigned long long *crash_base);
int parse_crashkernel_high(char *cmdline, unsigned long long system_ram,
			   unsigned long long *crash_size,
			   unsigned long long *crash_base);
int parse_crashkernel_low(char *cmdline, unsigned long long system_ram,
			  unsigned long long *crash_size,
			  unsigned long long *crash_base);

#endif
