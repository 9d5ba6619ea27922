/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The memory ranges a kexec_file_load() crash image dumps, gathered for
 * the architectures: kernel/kexec/crash_elf.c.  The list is a struct
 * crash_mem; crash_exclude_mem_range() edits it and
 * crash_prepare_elf64_headers() turns it into the ELF core header, both
 * declared in <linux/kexec.h>.  The kernel-doc of each function is at its
 * definition.
 */
#ifndef _LINUX_CRASH_ELF_H
#define _LINUX_CRASH_ELF_H

#include <linux/err.h>
#include <linux/ioport.h>
#include <linux/slab.h>

struct crash_mem;
struct kimage;

/**
 * crash_region_set() - is this crash region reserved?
 * @r: crashk_res or crashk_low_res
 *
 * /sys/kernel/kexec_crash_size can shrink a region to nothing, which
 * leaves it ending before it starts.
 *
 * Context: any.
 * Return: true if @r covers at least one byte.
 */
static inline bool crash_region_set(const struct resource *r)
{
	return r->end && r->start <= r->end;
}

#ifdef CONFIG_KEXEC_FILE
const char *crash_exclude_judge(const struct crash_mem *mem, u64 mstart,
				u64 mend);
const char *crash_header_judge(const struct crash_mem *mem, bool map_kernel);
struct crash_mem *crash_mem_of_system_ram(unsigned int extra);
struct crash_mem *crash_mem_to_dump(unsigned int extra);
int crash_add_elfcorehdr(struct kimage *image, void *hdr, unsigned long len,
			 unsigned long min, unsigned long max);
#else
static inline struct crash_mem *crash_mem_of_system_ram(unsigned int extra)
{
	return ERR_PTR(-EOPNOTSUPP);
}

static inline struct crash_mem *crash_mem_to_dump(unsigned int extra)
{
	return ERR_PTR(-EOPNOTSUPP);
}

static inline int crash_add_elfcorehdr(struct kimage *image, void *hdr,
				       unsigned long len, unsigned long min,
				       unsigned long max)
{
	return -EOPNOTSUPP;
}
#endif

/**
 * crash_mem_free() - free a list made by crash_mem_of_system_ram()
 * @mem: the list, or NULL; not an error pointer
 *
 * Context: process context.
 */
static inline void crash_mem_free(struct crash_mem *mem)
{
	kvfree(mem);
}

#endif /* _LINUX_CRASH_ELF_H */
