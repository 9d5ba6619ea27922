/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces between the files of arch/arm64/kexec/ and nothing else.
 */
#ifndef _ARCH_ARM64_KEXEC_KEXEC_ARM64_H
#define _ARCH_ARM64_KEXEC_KEXEC_ARM64_H

/*
 * The entry record: how relocate.S enters the new image, written at load
 * time into the copy of relocate.S in the control code page.  Offsets
 * for the assembler; struct arm64_kexec_entry below is the same layout.
 */
#define ENTRY_EL1_REGS	0	/* x0-x3 for the image, entered here */
#define ENTRY_PC	32	/* where the image starts */
#define ENTRY_EL2_REGS	40	/* x0-x4 for HVC_SOFT_RESTART; x0 0: none */
#define ENTRY_SIZE	80

#ifndef __ASSEMBLY__
#include <linux/types.h>

/**
 * struct arm64_kexec_entry - the registers the new image starts with
 * @el1_regs:	x0-x3 when it is entered at the current exception level:
 *		the device tree (or 0, when purgatory knows it), then zeroes
 * @pc:		its entry point, physical
 * @el2_regs:	x0-x4 of the HVC_SOFT_RESTART call that enters it at EL2,
 *		or all zero when it is entered at the current level
 */
struct arm64_kexec_entry {
	u64 el1_regs[4];
	u64 pc;
	u64 el2_regs[5];
};

/* relocate.S */
extern char arm64_kexec_entry_record[];

/*
 * relocate.S, entered at its physical address through its own identity
 * map; see the comment there for what each argument means.
 */
typedef void __noreturn (*arm64_kexec_relocate_fn)(unsigned long head,
						   phys_addr_t linear_ttbr1,
						   unsigned long pa_minus_va,
						   phys_addr_t zero_page);

/* protect.c */
void arm64_kexec_map_crash_region(bool valid);
#endif

#endif /* _ARCH_ARM64_KEXEC_KEXEC_ARM64_H */
