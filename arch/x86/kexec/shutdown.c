// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: x86 crash shutdown
 *
 * Between the panic and the jump into the capture kernel, the machine
 * must be brought to a state a freshly booted kernel can take over:
 * every other CPU parked with its registers saved, virtualization off, no
 * interrupt source live, and the interrupt controllers back in the mode
 * the firmware left them in.  native_machine_crash_shutdown() does this as
 * the steps of ``crash_quiesce_steps[]``, in order.
 *
 * The other CPUs are stopped with an NMI (nmi_shootdown_cpus()), because
 * a CPU spinning with interrupts off, or holding a lock the panicking CPU
 * wants, ignores anything else.  Each one, in its NMI handler, saves its
 * registers into its crash note, stops Intel PT tracing into memory the
 * capture kernel may own, and turns off its local APIC; it then halts.
 * A CPU that does not answer within nmi_shootdown_cpus()' second is
 * named in the log and in VMCOREINFO (kernel/kexec/crash_stop.c).
 *
 * Everything here runs on the crash path: no allocation, no sleeping, and
 * no lock that another CPU may hold (ioapic_zap_locks() resets the one
 * the IO-APIC code would take).
 */
#include <linux/crash_stop.h>
#include <linux/kexec.h>
#include <linux/reboot.h>
#include <linux/smp.h>

#include <asm/apic.h>
#include <asm/cpu.h>
#include <asm/crash.h>
#include <asm/hpet.h>
#include <asm/intel_pt.h>
#include <asm/io_apic.h>
#include <asm/reboot.h>

#ifdef CONFIG_SMP
static void park_this_cpu(int cpu, struct pt_regs *regs)
{
	crash_save_cpu(regs, cpu);
	cpu_emergency_stop_pt();
	disable_local_APIC();
}

/**
 * kdump_nmi_shootdown_cpus() - stop every other CPU, saving its registers
 *
 * smp_ops.crash_stop_other_cpus on SMP x86.
 *
 * Context: crash path, interrupts off.  No allocation, no sleeping, no
 * locks.
 */
void kdump_nmi_shootdown_cpus(void)
{
	crash_stop_expect_others();
	nmi_shootdown_cpus(park_this_cpu);
	disable_local_APIC();
}

static void halt_other_cpus(void)
{
	if (smp_ops.crash_stop_other_cpus)
		smp_ops.crash_stop_other_cpus();
	else
		smp_send_stop();
}
#else
static inline void halt_other_cpus(void) { }
#endif

/**
 * crash_smp_send_stop() - stop the other CPUs once per crash
 *
 * panic() calls this before the notifiers when crash_kexec_post_notifiers
 * is set, and native_machine_crash_shutdown() calls it again; only the
 * first call does anything.
 *
 * Context: crash path, interrupts off.
 */
void crash_smp_send_stop(void)
{
	static bool stopped;

	if (stopped)
		return;
	halt_other_cpus();
	stopped = true;
}

#ifdef CONFIG_X86_IO_APIC
static void quiesce_io_apic(void)
{
	ioapic_zap_locks();
	clear_IO_APIC();
}
#else
static inline void quiesce_io_apic(void) { }
#endif

#ifdef CONFIG_HPET_TIMER
static void quiesce_hpet(void)
{
	hpet_disable();
}
#else
static inline void quiesce_hpet(void) { }
#endif

static void (* const crash_quiesce_steps[])(void) = {
	crash_smp_send_stop,
	cpu_emergency_disable_virtualization,
	cpu_emergency_stop_pt,
	quiesce_io_apic,
	lapic_shutdown,
	restore_boot_irq_mode,
	quiesce_hpet,
};

/**
 * native_machine_crash_shutdown() - quiesce the machine for the capture kernel
 * @regs: the registers of the crashing context, saved last
 *
 * machine_ops.crash_shutdown on bare metal; hypervisor platforms wrap it.
 *
 * Context: crash path, on the one CPU that owns the panic.  No
 * allocation, no sleeping, no locks another CPU may hold.
 */
void native_machine_crash_shutdown(struct pt_regs *regs)
{
	unsigned int i;

	local_irq_disable();
	for (i = 0; i < ARRAY_SIZE(crash_quiesce_steps); i++)
		crash_quiesce_steps[i]();
	crash_save_cpu(regs, safe_smp_processor_id());
}
