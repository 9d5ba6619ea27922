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
#include <linux/slab.h>

struct crash_mem;

#ifdef CONFIG_KEXEC_FILE
struct crash_mem *crash_mem_of_system_ram(unsigned int extra);
#else
static inline struct crash_mem *crash_mem_of_system_ram(unsigned int extra)
{
	return ERR_PTR(-EOPNOTSUPP);
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
