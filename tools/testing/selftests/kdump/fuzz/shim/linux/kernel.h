/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/kernel.h> and the small headers it pulls
 * in (align.h, minmax.h, build_bug.h, errno.h), for the kdump fuzzers only.
 */
#ifndef _FUZZ_SHIM_LINUX_KERNEL_H
#define _FUZZ_SHIM_LINUX_KERNEL_H

#include <errno.h>
#include <linux/bug.h>
#include <linux/limits.h>
#include <linux/math.h>
#include <linux/printk.h>
#include <linux/stddef.h>
#include <linux/types.h>

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define BITS_PER_BYTE		8
#define ALIGN(x, a)		(((x) + ((__typeof__(x))(a) - 1)) & \
				 ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define min_t(type, x, y)	((type)(x) < (type)(y) ? (type)(x) : (type)(y))
#define max_t(type, x, y)	((type)(x) > (type)(y) ? (type)(x) : (type)(y))
#define fallthrough		__attribute__((__fallthrough__))
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define likely(x)		__builtin_expect(!!(x), 1)

/* The kernel's one-or-two-argument static_assert (build_bug.h). */
#define static_assert(expr, ...) __static_assert(expr, ##__VA_ARGS__, #expr)
#define __static_assert(expr, msg, ...) _Static_assert(expr, msg)

int hex_to_bin(unsigned char ch);
unsigned long long simple_strtoull(const char *cp, char **endp,
				   unsigned int base);
unsigned long long memparse(const char *ptr, char **retptr);

#endif
