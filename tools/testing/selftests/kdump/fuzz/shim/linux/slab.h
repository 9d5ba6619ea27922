/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/slab.h>, for the kdump fuzzers only:
 * every allocator is malloc()/calloc(), so AddressSanitizer sees exact
 * object sizes and LeakSanitizer sees every leak.  A zero-sized request
 * gets a distinct pointer that must not be dereferenced, as the kernel's
 * ZERO_SIZE_PTR.
 *
 * Requests above FUZZ_ALLOC_MAX fail, as the kernel's may: AddressSanitizer
 * takes milliseconds over each block that large, which a header can ask
 * for with one PT_NOTE (sized, not read) and would slow fuzzing tenfold.
 * The default keeps every PT_NOTE that fits in a 64 KiB input readable;
 * build with -DFUZZ_ALLOC_MAX=0 for no limit.
 */
#ifndef _FUZZ_SHIM_LINUX_SLAB_H
#define _FUZZ_SHIM_LINUX_SLAB_H

#include <stdlib.h>
#include <linux/types.h>

#ifndef FUZZ_ALLOC_MAX
#define FUZZ_ALLOC_MAX	(96 * 1024)
#endif

#define GFP_KERNEL	0u

static inline void *kshim_alloc(size_t n, size_t size, bool zero)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	if (FUZZ_ALLOC_MAX && bytes > FUZZ_ALLOC_MAX)
		return NULL;
	return zero ? calloc(1, bytes) : malloc(bytes);
}

#define kmalloc(size, flags)		kshim_alloc(1, size, false)
#define kzalloc(size, flags)		kshim_alloc(1, size, true)
#define kmalloc_array(n, size, flags)	kshim_alloc(n, size, false)
#define kcalloc(n, size, flags)		kshim_alloc(n, size, true)
#define kvmalloc(size, flags)		kmalloc(size, flags)
#define kvzalloc(size, flags)		kzalloc(size, flags)
#define kvmalloc_array(n, size, flags)	kmalloc_array(n, size, flags)
#define kvcalloc(n, size, flags)	kcalloc(n, size, flags)
#define kfree(p)			free((void *)(p))
#define kvfree(p)			free((void *)(p))

#endif
