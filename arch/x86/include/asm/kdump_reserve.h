/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_KDUMP_RESERVE_H
#define _ASM_X86_KDUMP_RESERVE_H

#ifdef CONFIG_KEXEC_CORE
void __init reserve_crashkernel(void);
#else
static inline void reserve_crashkernel(void) { }
#endif

#endif /* _ASM_X86_KDUMP_RESERVE_H */
