/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/math.h>, and div_u64() of the
 * <linux/math64.h> it comes with, for the kdump fuzzers only; the same
 * arithmetic as the kernel's, wrap-around and 32-bit divisors included.
 */
#ifndef _FUZZ_SHIM_LINUX_MATH_H
#define _FUZZ_SHIM_LINUX_MATH_H

#define __round_mask(x, y)	((__typeof__(x))((y) - 1))
#define round_up(x, y)		((((x) - 1) | __round_mask(x, y)) + 1)
#define round_down(x, y)	((x) & ~__round_mask(x, y))
#define roundup(x, y) ({				\
	__typeof__(y) __y = y;				\
	(((x) + (__y - 1)) / __y) * __y;		\
})
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
/* Both divide by 32 bits, as the kernel's do_div() does: keep that trap. */
#define div_u64(n, d)		((unsigned long long)(n) / (unsigned int)(d))
#define DIV_ROUND_UP_ULL(n, d)	\
	(((unsigned long long)(n) + (d) - 1) / (unsigned int)(d))

#endif
