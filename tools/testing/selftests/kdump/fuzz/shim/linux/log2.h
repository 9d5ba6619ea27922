/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/log2.h>, for the kdump fuzzers only:
 * the floor of the base-2 logarithm of a non-zero value up to 64 bits.
 */
#ifndef _FUZZ_SHIM_LINUX_LOG2_H
#define _FUZZ_SHIM_LINUX_LOG2_H

#define ilog2(n)	(63 - __builtin_clzll((unsigned long long)(n)))

#endif
