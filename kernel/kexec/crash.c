// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: the crash path
 *
 * panic(), die() with panic_on_oops, an unrecoverable NMI and sysrq-c
 * all end in __crash_kexec(), which jumps into the loaded capture kernel
 * and never returns if one is loaded.  It runs once: crash_kexec() lets
 * only the CPU that wins ``panic_cpu`` in, panic() itself does the same,
 * and the kexec lock keeps it from racing a load or unload.
 *
 * Everything on this path may run with other CPUs dead in arbitrary
 * places, holding arbitrary locks, with interrupts off and possibly in
 * NMI context.  So it never allocates, never sleeps and never takes a
 * lock it could have to wait for; the only lock it touches is the kexec
 * lock, with a try-lock.  The steps, all prepared at load time:
 *
 * 1. capture the registers of the crashing context (crash_setup_regs());
 * 2. machine_crash_shutdown(): the architecture stops the other CPUs,
 *    each saving its registers into its crash note, saves this CPU's,
 *    and quiesces interrupt controllers and virtualization;
 * 3. name the CPUs that did not stop (crash_stop.c) in the log, write
 *    them and the CRASHTIME into VMCOREINFO, and rebuild its note;
 * 4. machine_kexec() into ``kexec_crash_image``.
 *
 * A crash that finds the kexec lock taken (a load or unload of either
 * image in flight, perhaps blocked on a slow user buffer) does not wait:
 * the capture kernel may be half replaced.  It says so in one line and
 * returns, and panic() goes on to reboot or halt as ``panic=`` says.
 */
#define pr_fmt(fmt) "kdump: " fmt

#include <linux/crash_stop.h>
#include <linux/kexec.h>
#include <linux/objtool.h>
#include <linux/panic.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/preempt.h>
#include <linux/reboot.h>

#include "internal.h"

/* Say which CPUs the crash stop missed: their notes stay empty. */
static void report_unstopped_cpus(void)
{
	const struct cpumask *unstopped = crash_stop_pending();

	if (!cpumask_empty(unstopped))
		pr_emerg("CPUs %*pbl did not stop; the dump lacks their registers\n",
			 cpumask_pr_args(unstopped));
}

/**
 * __crash_kexec() - jump into the capture kernel, if one is loaded
 * @regs: registers at the fault, or NULL to capture the caller's
 *
 * Called by panic() on the CPU that owns ``panic_cpu``, and through
 * crash_kexec().
 *
 * Context: panic or NMI context, interrupts possibly on.  Must not
 * allocate, sleep or take any lock but the kexec try-lock.  Returns only
 * if no capture kernel is loaded or a load is in progress.
 */
void __noclone __crash_kexec(struct pt_regs *regs)
{
	struct pt_regs fixed_regs;

	if (!kexec_lock_try()) {
		pr_emerg("a kexec load or unload holds the kexec lock; not entering the capture kernel\n");
		return;
	}
	if (kexec_crash_image) {
		crash_setup_regs(&fixed_regs, regs);
		machine_crash_shutdown(&fixed_regs);
		report_unstopped_cpus();
		crash_save_vmcoreinfo();
		machine_kexec(kexec_crash_image);
	}
	kexec_lock_drop();
}

STACK_FRAME_NON_STANDARD(__crash_kexec);

/**
 * crash_kexec() - __crash_kexec() for callers that do not own panic_cpu
 * @regs: registers at the fault, or NULL
 *
 * die() and the NMI handlers call this: the first CPU to claim
 * ``panic_cpu`` goes on; a CPU that finds it claimed (by itself, in a
 * nested crash, or by another) returns and lets panic() deal with it.
 *
 * Context: as __crash_kexec().
 */
void crash_kexec(struct pt_regs *regs)
{
	int cpu = raw_smp_processor_id();

	if (atomic_cmpxchg(&panic_cpu, PANIC_CPU_INVALID, cpu) !=
	    PANIC_CPU_INVALID)
		return;
	__crash_kexec(regs);
	atomic_set(&panic_cpu, PANIC_CPU_INVALID);
}

/**
 * kexec_should_crash() - should this oops go straight to the capture kernel?
 * @p: the task that oopsed
 *
 * An oops kills only the task, unless it happened where killing a task
 * cannot help (interrupt context, the idle task, init) or panic_on_oops
 * is set.  With crash_kexec_post_notifiers the capture kernel is entered
 * from panic() after the notifiers instead.
 *
 * Context: the oops path; reads flags only.
 * Return: 1 if die() should call crash_kexec(), 0 otherwise.
 */
int kexec_should_crash(struct task_struct *p)
{
	if (crash_kexec_post_notifiers)
		return 0;
	return in_interrupt() || !p->pid || is_global_init(p) ||
	       panic_on_oops;
}

/**
 * kexec_crash_loaded() - is a capture kernel loaded?
 *
 * Context: any; lockless, see the DOC block of state.c.
 * Return: 1 if a crash image is loaded, 0 otherwise.
 */
int kexec_crash_loaded(void)
{
	return !!kexec_crash_image;
}
EXPORT_SYMBOL_GPL(kexec_crash_loaded);
