/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which CPUs the crash stop reached: kernel/kexec/crash_stop.c.
 */
#ifndef _LINUX_CRASH_STOP_H
#define _LINUX_CRASH_STOP_H

#include <linux/cpumask.h>
#include <linux/types.h>

#ifdef CONFIG_KEXEC_CORE
void crash_stop_expect_others(void);
void crash_stop_cpu_saved(unsigned int cpu);
bool crash_stop_wait(unsigned long usecs);
const struct cpumask *crash_stop_pending(void);
#else
static inline void crash_stop_expect_others(void) { }
static inline void crash_stop_cpu_saved(unsigned int cpu) { }
static inline bool crash_stop_wait(unsigned long usecs) { return true; }
static inline const struct cpumask *crash_stop_pending(void)
{
	return cpu_none_mask;
}
#endif

#endif /* _LINUX_CRASH_STOP_H */
