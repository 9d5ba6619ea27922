// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: arm64 crash shutdown
 *
 * Between the panic and the jump into the capture kernel,
 * machine_crash_shutdown() stops every other CPU with its registers saved
 * and silences every interrupt, so that the capture kernel starts on a
 * quiet machine.
 *
 * **Stopping CPUs.**  The crashing CPU marks every other online CPU as
 * owing its registers (kernel/kexec/crash_stop.c) and sends them the
 * crash stop IPI.  Each one, in kdump_crash_stop_ipi(), saves its
 * registers into its crash note, which crosses it off, masks SDEI events
 * and either turns itself off through its cpu_ops (PSCI CPU_OFF) or parks
 * in a WFE loop.  The crashing CPU waits at most a second.  A CPU that
 * had interrupts masked all that time is sent the stop again as a GICv3
 * pseudo-NMI, when the kernel runs with them (irqchip.gicv3_pseudo_nmi=1),
 * and waited for another second.  A CPU that still owes its registers is
 * named by the core, in the log and in VMCOREINFO.
 *
 * **CPUs that panic at the same time.**  Only one CPU wins panic(); the
 * others stop themselves in panic_smp_self_stop() with interrupts masked
 * and mark themselves offline, so the winner's IPI never reaches them
 * and, without pseudo-NMIs, their registers would be missing from the
 * dump.  So a loser first saves its own registers into its note, through
 * kdump_panic_self_stop(); crash_stop.c keeps the winner from waiting for
 * a CPU that did so before or after it took its snapshot.
 *
 * **Silencing interrupts.**  Every interrupt is deactivated (or, failing
 * that, EOIed if it was being handled), masked and disabled by calling
 * the chip at the root of its hierarchy directly, the interrupt
 * controller the CPUs talk to.  Nothing here takes a lock:
 *
 * - not an interrupt descriptor's lock: a panic raised inside an
 *   interrupt handler holds that interrupt's lock, and the generic
 *   helpers (irq_set_irqchip_state()) would wait for it forever;
 * - not the locks of the chips further up a hierarchy (PCI MSI, the
 *   GICv3 ITS): a CPU stopped by an NMI may have been stopped holding
 *   one.  So MSIs are masked where they arrive, at the root, and the
 *   ITS's LPIs, which the GIC cannot mask by itself, are left to the
 *   capture kernel, which resets the ITS.  Chips behind a slow bus
 *   (those with irq_bus_lock) sleep and are left alone too.
 *
 * All of it runs on the crash path: no allocation, no sleeping, no lock.
 */
#define pr_fmt(fmt) "kdump: " fmt

#include <linux/arm_sdei.h>
#include <linux/crash_stop.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/kexec.h>
#include <linux/smp.h>
#include <linux/time64.h>

#include <asm/cpu_ops.h>
#include <asm/kdump_hooks.h>

/* How long the crashing CPU waits for the others to answer the IPI. */
#define CRASH_STOP_WAIT_US	USEC_PER_SEC

/* The CPUs sent the stop IPI; static, the crash path cannot allocate. */
static struct cpumask crash_stop_targets;

/* GICv3 LPIs start here; their mask lives in the ITS, not in the GIC. */
#define FIRST_LPI	8192

/* The CPUs that have begun to stop: an NMI must not stop one twice. */
static struct cpumask crash_stopping;

#ifdef CONFIG_HOTPLUG_CPU
static void turn_this_cpu_off(unsigned int cpu)
{
	const struct cpu_operations *ops = get_cpu_ops(cpu);

	if (ops && ops->cpu_die)
		ops->cpu_die(cpu);
}
#else
static void turn_this_cpu_off(unsigned int cpu)
{
}
#endif

/**
 * kdump_crash_stop_ipi() - stop this CPU for a crash dump
 * @cpu:	this CPU
 * @regs:	its registers when the IPI came
 *
 * Called by smp.c for IPI_CPU_CRASH_STOP and IPI_CPU_CRASH_NMI.  A CPU
 * that answered the IPI late and is already stopping returns from the
 * NMI at once, so its note keeps the registers the IPI found.
 *
 * Context: hard-IRQ or NMI context on a CPU being stopped.  Does not
 * return, except from such a second call.  No allocation, no locks, no
 * tracing.
 */
void kdump_crash_stop_ipi(unsigned int cpu, struct pt_regs *regs)
{
	if (cpumask_test_and_set_cpu(cpu, &crash_stopping))
		return;
	crash_save_cpu(regs, cpu);
	local_irq_disable();
	sdei_mask_local_cpu();
	turn_this_cpu_off(cpu);
	cpu_park_loop();
}

/**
 * kdump_panic_self_stop() - save this CPU's registers, it lost the panic race
 * @cpu:	this CPU
 *
 * Called by panic_smp_self_stop() on a CPU that called panic() while
 * another CPU was already panicking; the caller then parks it.  Its
 * registers go into its crash note, as if the crash stop IPI had found
 * it in panic(), if a capture kernel is loaded.  An IPI or NMI that
 * arrives later finds the CPU already stopping and returns.
 *
 * Context: panic path, interrupts masked, on the losing CPU.  No
 * allocation, no locks, no tracing.
 */
void kdump_panic_self_stop(unsigned int cpu)
{
	struct pt_regs regs;

	if (!kexec_crash_loaded())
		return;
	if (cpumask_test_and_set_cpu(cpu, &crash_stopping))
		return;
	crash_setup_regs(&regs, NULL);
	crash_save_cpu(&regs, cpu);
}

/* The CPUs that ignored the IPI get it again as a pseudo-NMI, if any. */
static void stop_with_nmi(void)
{
	cpumask_copy(&crash_stop_targets, crash_stop_pending());
	if (!kdump_send_crash_stop_nmi(&crash_stop_targets))
		return;
	pr_crit("stopping CPUs %*pbl with an NMI\n",
		cpumask_pr_args(&crash_stop_targets));
	crash_stop_wait(CRASH_STOP_WAIT_US);
}

/**
 * crash_smp_send_stop() - stop the other CPUs once per crash
 *
 * panic() calls this before the notifiers when crash_kexec_post_notifiers
 * is set, and machine_crash_shutdown() calls it again; only the first
 * call does anything.
 *
 * Context: crash path, interrupts off.  No allocation, no locks.
 */
void crash_smp_send_stop(void)
{
	static bool stopped;

	if (stopped)
		return;
	stopped = true;
	crash_stop_expect_others();
	if (!cpumask_empty(crash_stop_pending())) {
		cpumask_copy(&crash_stop_targets, crash_stop_pending());
		pr_crit("stopping CPUs %*pbl\n",
			cpumask_pr_args(&crash_stop_targets));
		kdump_send_crash_stop_ipi(&crash_stop_targets);
		if (!crash_stop_wait(CRASH_STOP_WAIT_US))
			stop_with_nmi();
	}
	sdei_mask_local_cpu();
	sdei_handler_abort();
}

#ifdef CONFIG_IRQ_DOMAIN_HIERARCHY
static struct irq_data *root_of(struct irq_data *d)
{
	while (d->parent_data)
		d = d->parent_data;
	return d;
}
#else
static struct irq_data *root_of(struct irq_data *d)
{
	return d;
}
#endif

/* Clear the active state; 0 on success. */
static int deactivate(struct irq_data *d)
{
	if (!d->chip->irq_set_irqchip_state)
		return -EINVAL;
	return d->chip->irq_set_irqchip_state(d, IRQCHIP_STATE_ACTIVE, false);
}

static void silence(struct irq_desc *desc)
{
	struct irq_data *top = irq_desc_get_irq_data(desc);
	struct irq_data *d = root_of(top);
	struct irq_chip *chip = irq_data_get_irq_chip(d);

	if (!chip || chip->irq_bus_lock || d->hwirq >= FIRST_LPI)
		return;
	if (deactivate(d) && irqd_irq_inprogress(top) && chip->irq_eoi)
		chip->irq_eoi(d);
	if (chip->irq_mask)
		chip->irq_mask(d);
	if (chip->irq_disable && !irqd_irq_disabled(d))
		chip->irq_disable(d);
}

static void silence_interrupts(void)
{
	struct irq_desc *desc;
	unsigned int irq;

	for_each_irq_desc(irq, desc)
		silence(desc);
}

/**
 * machine_crash_shutdown() - quiesce the machine for the capture kernel
 * @regs: the registers of the crashing context
 *
 * Context: crash path, on the one CPU that owns the panic.  No
 * allocation, no sleeping, no lock another CPU, or this one, may hold.
 */
void machine_crash_shutdown(struct pt_regs *regs)
{
	local_irq_disable();
	crash_smp_send_stop();
	crash_save_cpu(regs, smp_processor_id());
	silence_interrupts();
	pr_info("entering the capture kernel\n");
}
