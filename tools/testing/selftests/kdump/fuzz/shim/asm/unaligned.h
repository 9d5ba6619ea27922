/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <asm/unaligned.h>, for the kdump fuzzers only:
 * the kernel's packed-struct accessors, in the CPU's byte order.
 */
#ifndef _FUZZ_SHIM_ASM_UNALIGNED_H
#define _FUZZ_SHIM_ASM_UNALIGNED_H

#define get_unaligned(ptr) ({						\
	const struct { __typeof__(*(ptr)) x; }				\
		__attribute__((__packed__)) *__pptr = (const void *)(ptr); \
	__pptr->x;							\
})

#define put_unaligned(val, ptr) do {					\
	struct { __typeof__(*(ptr)) x; }				\
		__attribute__((__packed__)) *__pptr = (void *)(ptr);	\
	__pptr->x = (val);						\
} while (0)

#endif
