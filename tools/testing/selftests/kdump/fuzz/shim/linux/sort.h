/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/sort.h>, for the kdump fuzzers only:
 * qsort() with the same comparison; a swap function is not supported.
 */
#ifndef _FUZZ_SHIM_LINUX_SORT_H
#define _FUZZ_SHIM_LINUX_SORT_H

#include <stdlib.h>
#include <linux/bug.h>

static inline void sort(void *base, size_t num, size_t size,
			int (*cmp)(const void *, const void *),
			void (*swap)(void *, void *, int))
{
	BUG_ON(swap);
	if (num)
		qsort(base, num, size, cmp);
}

#endif
