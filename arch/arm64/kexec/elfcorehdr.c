// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: arm64 ELF core header of a kexec_file_load() crash image
 *
 * The capture kernel learns what to dump from the ELF core header, and
 * what it may use from linux,usable-memory-range (fdt.c).  The two views
 * are complements: the header describes every System RAM range of the
 * dead kernel except the crash regions (``crashk_res`` and, when one was
 * reserved, ``crashk_low_res``), which are exactly the usable ranges.
 * The kernel image gets its own PT_LOAD at its link address as well, for
 * tools that want kernel virtual addresses.
 *
 * Unlike x86, arm64 needs no backup of low memory: the capture kernel
 * does not use any RAM outside the usable ranges.
 */
#define pr_fmt(fmt) "kexec: Image: " fmt

#include <linux/crash_elf.h>
#include <linux/ioport.h>
#include <linux/kexec.h>
#include <linux/vmalloc.h>

#include "kexec_arm64.h"

/**
 * arm64_kexec_add_elfcorehdr() - write and place a crash image's ELF core
 *				  header
 * @image:	a crash image being loaded
 * @ld:		the load, with the kernel placed
 *
 * Context: process context, may sleep; the image is not installed yet.
 * Return: 0; -EADDRNOTAVAIL if the crash region has no room left; -EAGAIN
 * if memory was hot-added meanwhile; -EINVAL if there are more ranges
 * than an ELF header can count; -ENOMEM.
 */
int arm64_kexec_add_elfcorehdr(struct kimage *image,
			       struct arm64_image_load *ld)
{
	struct crash_mem *mem = crash_mem_to_dump(0);
	unsigned long len;
	void *hdr;
	int ret;

	if (IS_ERR(mem))
		return PTR_ERR(mem);
	ret = crash_prepare_elf64_headers(mem, true, &hdr, &len);
	crash_mem_free(mem);
	if (ret)
		return ret;
	ld->elfcorehdr = hdr;
	ld->elfcorehdr_len = len;
	ret = crash_add_elfcorehdr(image, hdr, len, ld->win_min, ld->win_max);
	ld->elfcorehdr_mem = image->elf_load_addr;
	return ret;
}
