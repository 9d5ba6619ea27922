// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: which CPUs the crash stop reached
 *
 * At a crash the architecture interrupts every other online CPU so that
 * it saves its registers and stops.  A CPU spinning with interrupts
 * masked, or stuck in firmware, may never answer; its NT_PRSTATUS note is
 * then missing, and whoever reads the dump must be told which CPU that
 * was rather than left to guess from an empty note.
 *
 * The bookkeeping is one static CPU mask, the CPUs still owed:
 *
 * - the architecture calls crash_stop_expect_others() just before it
 *   sends its stop interrupts: every online CPU but this one is owed;
 * - crash_save_cpu() crosses a CPU off once its registers are in its
 *   note, so the mask never names a CPU whose note is complete;
 * - the architecture may wait for the mask to empty, bounded, with
 *   crash_stop_wait(), and escalate (an NMI) for the CPUs left;
 * - __crash_kexec() names the CPUs still owed in the log, and
 *   crash_save_vmcoreinfo() in the VMCOREINFO key
 *   ``CRASH_CPUS_NOT_STOPPED`` (a CPU list such as ``1,3-5``).  The key
 *   is absent when every CPU stopped.
 *
 * A CPU may also save its registers before the crashing CPU asks: one
 * that lost the race to panic() stops itself (arm64's
 * panic_smp_self_stop()), and may do so just before or just after the
 * winner takes its snapshot of the online CPUs.  So a second mask
 * remembers the CPUs already saved, and the snapshot leaves them out.  A
 * saving CPU sets its saved bit before it clears its owed bit, and the
 * snapshot clears the saved CPUs after it is written, so whichever order
 * the two CPUs run in, a saved CPU is never left owed.
 *
 * Only the crashing CPU sets owed bits, before any stop interrupt is
 * sent; each stopping CPU changes its own bits with atomic bit
 * operations.  No lock, no allocation: all of it runs on the crash path.
 */
#include <linux/cpumask.h>
#include <linux/crash_stop.h>
#include <linux/delay.h>
#include <linux/smp.h>

static struct cpumask crash_stop_owed;
static struct cpumask crash_stop_saved;

/**
 * crash_stop_expect_others() - every other online CPU now owes its registers
 *
 * Context: crash path, on the crashing CPU, before the stop interrupts
 * are sent.  No allocation, no locks.
 */
void crash_stop_expect_others(void)
{
	unsigned int cpu;

	cpumask_copy(&crash_stop_owed, cpu_online_mask);
	cpumask_clear_cpu(raw_smp_processor_id(), &crash_stop_owed);
	/* Pairs with the barrier in crash_stop_cpu_saved(). */
	smp_mb();
	/* Bit by bit, atomically: a saving CPU may clear its bit meanwhile. */
	for_each_cpu(cpu, &crash_stop_saved)
		cpumask_clear_cpu(cpu, &crash_stop_owed);
	/* Owed before any CPU can see the interrupt that clears it. */
	smp_mb();
}

/**
 * crash_stop_cpu_saved() - @cpu's registers are in its crash note
 * @cpu: the CPU, normally the caller
 *
 * Context: crash path, on a CPU being stopped (IPI or NMI handler) or
 * stopping itself after losing the race to panic().
 */
void crash_stop_cpu_saved(unsigned int cpu)
{
	cpumask_set_cpu(cpu, &crash_stop_saved);
	/* Saved before owed is cleared; see crash_stop_expect_others(). */
	smp_mb__after_atomic();
	cpumask_clear_cpu(cpu, &crash_stop_owed);
}

/**
 * crash_stop_wait() - wait, bounded, for the owed CPUs
 * @usecs: the longest wait, in microseconds
 *
 * Context: crash path, on the crashing CPU.  Busy-waits; no locks.
 * Return: true if no CPU is owed any more.
 */
bool crash_stop_wait(unsigned long usecs)
{
	while (!cpumask_empty(&crash_stop_owed) && usecs--)
		udelay(1);
	return cpumask_empty(&crash_stop_owed);
}

/**
 * crash_stop_pending() - the CPUs that have not saved their registers yet
 *
 * Context: crash path.  The mask shrinks while stopping CPUs answer.
 * Return: the mask; empty when every CPU stopped or none was asked to.
 */
const struct cpumask *crash_stop_pending(void)
{
	return &crash_stop_owed;
}
