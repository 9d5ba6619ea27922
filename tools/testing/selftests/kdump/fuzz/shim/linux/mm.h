/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/mm.h> (and the <linux/fs.h> limit it
 * brings), for the kdump fuzzers only; x86_64 values.
 */
#ifndef _FUZZ_SHIM_LINUX_MM_H
#define _FUZZ_SHIM_LINUX_MM_H

#include <linux/kernel.h>

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)
#define MAX_LFS_FILESIZE	((loff_t)LLONG_MAX)

#endif
