// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: per-CPU crash notes
 *
 * Every possible CPU owns one note buffer (``crash_notes``, a per-CPU
 * note_buf_t) whose physical address user space reads from
 * /sys/devices/system/cpu/cpuN/crash_notes and writes into the ELF core
 * header it hands the capture kernel as a PT_NOTE segment.  At a crash
 * each CPU writes one NT_PRSTATUS note, named "CORE", with its registers
 * and the pid it was running, followed by an empty terminating note.
 *
 * Invariants: a buffer never straddles a page boundary (user space
 * assumes it is physically contiguous, and per-CPU memory is only
 * virtually contiguous across pages), and filling it uses only the stack.
 */
#include <linux/crash_stop.h>
#include <linux/elfcore.h>
#include <linux/init.h>
#include <linux/kexec.h>
#include <linux/log2.h>
#include <linux/percpu.h>
#include <linux/sched.h>

#include "internal.h"

note_buf_t __percpu *crash_notes;

/**
 * crash_save_cpu() - write one CPU's NT_PRSTATUS note
 * @regs:	the registers to save
 * @cpu:	the CPU whose note buffer receives them
 *
 * Context: crash path, on @cpu, typically from an NMI handler while the
 * CPU is being stopped.  Must not allocate, sleep or take locks; uses a
 * struct elf_prstatus on the stack.
 */
void crash_save_cpu(struct pt_regs *regs, int cpu)
{
	struct elf_prstatus prstatus = { };
	u32 *buf;

	if (cpu < 0 || cpu >= nr_cpu_ids || !crash_notes)
		return;
	buf = (u32 *)per_cpu_ptr(crash_notes, cpu);
	prstatus.common.pr_pid = current->pid;
	elf_core_copy_regs(&prstatus.pr_reg, regs);
	buf = append_elf_note(buf, KEXEC_CORE_NOTE_NAME, NT_PRSTATUS,
			      &prstatus, sizeof(prstatus));
	final_note(buf);
	crash_stop_cpu_saved(cpu);
}

static int __init crash_notes_init(void)
{
	size_t size = sizeof(note_buf_t);
	size_t align = min_t(size_t, roundup_pow_of_two(size), PAGE_SIZE);

	/* A power-of-two alignment no smaller than the size keeps it in a page. */
	BUILD_BUG_ON(sizeof(note_buf_t) > PAGE_SIZE);
	crash_notes = __alloc_percpu(size, align);
	if (!crash_notes) {
		pr_warn("kexec: no memory for the per-CPU crash notes\n");
		return -ENOMEM;
	}
	return 0;
}
subsys_initcall(crash_notes_init);
