/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/kexec.h>, for the kdump fuzzers only:
 * what kernel/kexec/internal.h needs to be parsed, nothing more.
 */
#ifndef _FUZZ_SHIM_LINUX_KEXEC_H
#define _FUZZ_SHIM_LINUX_KEXEC_H

#include <linux/mm.h>
#include <linux/types.h>

struct kexec_segment;
struct kimage;
struct page;
typedef unsigned long kimage_entry_t;

#define KEXEC_SEGMENT_MAX	16

#endif
