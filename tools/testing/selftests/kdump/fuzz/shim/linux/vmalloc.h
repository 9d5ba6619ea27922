/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/vmalloc.h>, for the kdump fuzzers only.
 * vmalloc_user() memory is zeroed, as the kernel's is; the size limit is
 * slab.h's.
 */
#ifndef _FUZZ_SHIM_LINUX_VMALLOC_H
#define _FUZZ_SHIM_LINUX_VMALLOC_H

#include <linux/slab.h>

#define vmalloc_user(size)	kshim_alloc(1, size, true)
#define vfree(p)		free((void *)(p))

#endif
