/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The crashkernel= reservation policy shared by the architectures:
 * kernel/kexec/reserve.c.
 */
#ifndef _LINUX_CRASH_RESERVE_H
#define _LINUX_CRASH_RESERVE_H

#include <linux/init.h>
#include <linux/types.h>

/**
 * struct crash_reserve_limits - one architecture's numbers
 * @floor:	lowest address a region without an offset may start at
 * @align:	alignment of a region placed by the kernel
 * @fixed_align: alignment a ``size@offset`` offset must have
 * @low_limit:	end of the memory every device can reach (DMA); a region
 *		above it needs a low companion below it
 * @high_limit:	end of the memory the capture kernel can be placed in
 * @default_low: size of the low companion when ``,low`` does not give one
 */
struct crash_reserve_limits {
	phys_addr_t floor;
	phys_addr_t align;
	phys_addr_t fixed_align;
	phys_addr_t low_limit;
	phys_addr_t high_limit;
	unsigned long long default_low;
};

/**
 * struct crash_reserve_ops - where the policy takes memory from
 * @alloc:	take @size bytes aligned to @align within [@start, @end),
 *		the highest such block; return its base, or 0
 * @free:	give back what @alloc returned
 */
struct crash_reserve_ops {
	phys_addr_t (*alloc)(phys_addr_t size, phys_addr_t align,
			     phys_addr_t start, phys_addr_t end);
	void (*free)(phys_addr_t base, phys_addr_t size);
};

/**
 * enum crash_reserve_verdict - what crash_reserve_plan() decided
 * @CRASH_RESERVED:	the regions in struct crash_regions were taken
 * @CRASH_NOT_ASKED:	no usable crashkernel= value (the parser warned if
 *			there was a malformed one), or a size of 0
 * @CRASH_UNALIGNED:	the offset is not a multiple of @fixed_align
 * @CRASH_TOO_LARGE:	the size is not below the amount of RAM
 * @CRASH_OUT_OF_REACH:	offset + size wraps or passes @high_limit
 * @CRASH_NOT_FREE:	[offset, offset + size) is not free RAM
 * @CRASH_NO_ROOM:	no free block of that size anywhere allowed
 * @CRASH_NO_LOW_ROOM:	the region went above @low_limit and no free
 *			block below it could hold the low companion
 */
enum crash_reserve_verdict {
	CRASH_RESERVED,
	CRASH_NOT_ASKED,
	CRASH_UNALIGNED,
	CRASH_TOO_LARGE,
	CRASH_OUT_OF_REACH,
	CRASH_NOT_FREE,
	CRASH_NO_ROOM,
	CRASH_NO_LOW_ROOM,
};

/**
 * struct crash_regions - the outcome of crash_reserve_plan()
 * @base:	start of the crash kernel region
 * @size:	its size, 0 if none
 * @low_base:	start of the low companion
 * @low_size:	its size, 0 if none
 */
struct crash_regions {
	phys_addr_t base;
	unsigned long long size;
	phys_addr_t low_base;
	unsigned long long low_size;
};

enum crash_reserve_verdict
crash_reserve_plan(const char *cmdline, unsigned long long ram,
		   const struct crash_reserve_limits *lim,
		   const struct crash_reserve_ops *ops,
		   struct crash_regions *out);
void __init crash_reserve(const struct crash_reserve_limits *lim);

#endif /* _LINUX_CRASH_RESERVE_H */
