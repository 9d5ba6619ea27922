/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces between the files of arch/arm64/kexec/ and nothing else.
 */
#ifndef _ARCH_ARM64_KEXEC_KEXEC_ARM64_H
#define _ARCH_ARM64_KEXEC_KEXEC_ARM64_H

#include <linux/types.h>

/*
 * relocate.S, entered at its physical address through its own identity
 * map; see the comment there for what each argument means.
 */
typedef void __noreturn (*arm64_kexec_relocate_fn)(unsigned long head,
						   phys_addr_t linear_ttbr1,
						   unsigned long pa_minus_va,
						   phys_addr_t zero_page,
						   unsigned long entry,
						   phys_addr_t dtb,
						   unsigned long via_el2);

/* protect.c */
void arm64_kexec_map_crash_region(bool valid);

#endif /* _ARCH_ARM64_KEXEC_KEXEC_ARM64_H */
