/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for <linux/overflow.h>, for the kdump fuzzers only. */
#ifndef _FUZZ_SHIM_LINUX_OVERFLOW_H
#define _FUZZ_SHIM_LINUX_OVERFLOW_H

#define check_add_overflow(a, b, d)	__builtin_add_overflow(a, b, d)
#define check_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)

#endif
