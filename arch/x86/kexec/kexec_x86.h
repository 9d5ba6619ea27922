/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces between the files of arch/x86/kexec/ and nothing else.
 */
#ifndef _ARCH_X86_KEXEC_KEXEC_X86_H
#define _ARCH_X86_KEXEC_KEXEC_X86_H

/* Flags for x86_kexec_enter(). */
#define X86_KEXEC_WBINVD	1

/*
 * The stack pointer the new image is entered with, as an offset into the
 * code page: the last word of the page, which machine_kexec_prepare()
 * zeroes.
 */
#define KEXEC_ENTRY_STACK	(PAGE_SIZE - 8)

#ifndef __ASSEMBLY__
#include <linux/kexec.h>

/* relocate.S */
extern const u8 kexec_reloc_start[];
extern const u8 kexec_reloc_end[];
void __noreturn x86_kexec_enter(unsigned long head, unsigned long entry,
				unsigned long pgd_pa, unsigned long code_pa,
				unsigned long flags);

/* pgtable.c */
int x86_kexec_build_pgtable(struct kimage *image, pgd_t *pgd);

/* purgatory/blob.S: the purgatory, a struct purgatory_header first */
extern const u8 x86_purgatory_blob[];
extern const u8 x86_purgatory_blob_end[];

/* purgatory_load.c */
/**
 * struct x86_purgatory_args - what the purgatory does after its checks
 * @kernel_entry: physical address of the new kernel's 64-bit entry point
 * @boot_params: physical address of its struct boot_params
 * @backup_src:	first byte to save before the jump
 * @backup_dst:	where to save it
 * @backup_len:	bytes to save, or 0
 */
struct x86_purgatory_args {
	unsigned long kernel_entry;
	unsigned long boot_params;
	unsigned long backup_src;
	unsigned long backup_dst;
	unsigned long backup_len;
};

int x86_purgatory_load(struct kimage *image,
		       const struct x86_purgatory_args *args, void **bufp);
#endif

#endif /* _ARCH_X86_KEXEC_KEXEC_X86_H */
