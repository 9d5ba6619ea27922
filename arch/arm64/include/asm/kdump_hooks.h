/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The points where arm64 code outside arch/arm64/kexec/ calls into the
 * kdump series, or the series calls back into it.
 */
#ifndef _ASM_ARM64_KDUMP_HOOKS_H
#define _ASM_ARM64_KDUMP_HOOKS_H

#include <linux/cpumask.h>

struct pt_regs;

#ifdef CONFIG_KEXEC_CORE
void __init reserve_crashkernel(void);
void kdump_crash_stop_ipi(unsigned int cpu, struct pt_regs *regs);
void kdump_panic_self_stop(unsigned int cpu);
void kdump_send_crash_stop_ipi(const struct cpumask *mask);
bool kdump_send_crash_stop_nmi(const struct cpumask *mask);
#else
static inline void reserve_crashkernel(void) { }
static inline void kdump_crash_stop_ipi(unsigned int cpu,
					struct pt_regs *regs) { }
static inline void kdump_panic_self_stop(unsigned int cpu) { }
#endif

#endif /* _ASM_ARM64_KDUMP_HOOKS_H */
