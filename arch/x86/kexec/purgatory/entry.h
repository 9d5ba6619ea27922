/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What entry.S and purgatory.c share inside the purgatory.
 */
#ifndef _ARCH_X86_KEXEC_PURGATORY_ENTRY_H
#define _ARCH_X86_KEXEC_PURGATORY_ENTRY_H

/*
 * Offsets of the two fields of struct purgatory_params the assembly reads;
 * purgatory.c checks them against the structure.
 */
#define PARAMS_ENTRY		0
#define PARAMS_BOOT_PARAMS	8

/* Bytes of stack, in the blob's bss. */
#define PURGATORY_STACK_SIZE	4096

#ifndef __ASSEMBLY__
#include "../purgatory.h"

/* Filled by the loading kernel; the header's params_off points at it. */
extern struct purgatory_params purgatory_params;

/*
 * Returns only if every range matches its digest, after saving the
 * backup range.
 */
void purgatory_verify(void);
#endif

#endif /* _ARCH_X86_KEXEC_PURGATORY_ENTRY_H */
