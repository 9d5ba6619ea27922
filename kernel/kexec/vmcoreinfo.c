// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: VMCOREINFO
 *
 * VMCOREINFO is a page of "KEY=value" lines that tells makedumpfile and
 * crash how this kernel lays out its data: symbol addresses, structure
 * sizes and offsets, constants.  It is built once at boot (the generic
 * keys in vmcoreinfo_keys.c, then each subsystem's and the
 * architecture's) and published as an ELF note named "VMCOREINFO" whose
 * physical address and size /sys/kernel/vmcoreinfo gives; kexec-tools
 * copies that address into the capture kernel's ELF core header.
 *
 * At a crash one more key is added, CRASHTIME (and CRASH_CPUS_NOT_STOPPED
 * if the crash stop missed a CPU, see crash_stop.c), and the note rebuilt.
 * When a crash image is loaded, the lines also live in a *safe copy*
 * inside the crash region (see kimage_crash_copy_vmcoreinfo()); the crash
 * path then appends to the safe copy and builds the note from it.
 *
 * The buffer is never more than VMCOREINFO_BYTES.  A line goes in whole
 * or not at all: a cut line would give its key a wrong value (a list of
 * CPUs missing its tail, say), where a missing line is visibly missing,
 * and a warning says so once.  Boot checks that the keys leave room for
 * CRASHTIME and warns if not.  vmcoreinfo_append_str() formats straight
 * into the buffer, so it needs no stack buffer and no allocation and is
 * safe on the crash path.
 */
#define pr_fmt(fmt) "vmcoreinfo: " fmt

#include <linux/crash_core.h>
#include <linux/crash_stop.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/timekeeping.h>

#include <asm/page.h>

#include "internal.h"

unsigned char *vmcoreinfo_data;
size_t vmcoreinfo_size;
u32 *vmcoreinfo_note;

/*
 * "CRASHTIME=", the decimal seconds of a 64-bit time and a newline, and a
 * short CRASH_CPUS_NOT_STOPPED line.
 */
#define CRASHTIME_ROOM	(sizeof("CRASHTIME=") + 20 + 1 + 64)

/* A copy of vmcoreinfo_data in the crash region, or NULL. */
static unsigned char *vmcoreinfo_safecopy;

static void publish_note(void)
{
	u32 *buf;

	if (!vmcoreinfo_size)
		return;
	buf = append_elf_note(vmcoreinfo_note, VMCOREINFO_NOTE_NAME, 0,
			      vmcoreinfo_data, vmcoreinfo_size);
	final_note(buf);
}

/**
 * vmcoreinfo_add_line() - format one line into a VMCOREINFO buffer
 * @buf:	the buffer, @cap bytes
 * @used:	bytes of @buf already holding lines
 * @cap:	size of @buf
 * @fmt:	printf-style format of the line, including its newline
 * @args:	its arguments
 *
 * The line goes in whole or not at all.  It fits when it and the
 * terminating NUL that vsnprintf() writes fit in the @cap - @used bytes
 * left; a line that does not fit leaves the bytes after @used zero.
 *
 * Context: any, including the crash path: no allocation, no lock.
 * Return: the length of the line added, or 0 if it did not fit.
 */
size_t vmcoreinfo_add_line(unsigned char *buf, size_t used, size_t cap,
			   const char *fmt, va_list args)
{
	size_t room = cap - used;
	int len;

	if (used >= cap)
		return 0;
	len = vsnprintf(buf + used, room, fmt, args);
	if (len >= 0 && len < room)
		return len;
	memset(buf + used, 0, room);
	return 0;
}

/**
 * vmcoreinfo_append_str() - add a line to VMCOREINFO
 * @fmt: printf-style format of the line, including its newline
 *
 * A line that does not fit in what is left of the VMCOREINFO_BYTES is
 * left out, with a warning the first time; see vmcoreinfo_add_line().
 *
 * Context: any, including the crash path; formats in place.
 */
void vmcoreinfo_append_str(const char *fmt, ...)
{
	va_list args;
	size_t len;

	if (!vmcoreinfo_data)
		return;
	va_start(args, fmt);
	len = vmcoreinfo_add_line(vmcoreinfo_data, vmcoreinfo_size,
				  VMCOREINFO_BYTES, fmt, args);
	va_end(args);
	if (!len) {
		pr_warn_once("full, a line was left out\n");
		return;
	}
	if (vmcoreinfo_safecopy && vmcoreinfo_safecopy != vmcoreinfo_data)
		memcpy(vmcoreinfo_safecopy + vmcoreinfo_size,
		       vmcoreinfo_data + vmcoreinfo_size, len);
	vmcoreinfo_size += len;
}

/**
 * crash_update_vmcoreinfo_safecopy() - set or drop the safe copy
 * @ptr: a VMCOREINFO_BYTES buffer in the crash region, or NULL to drop it
 *
 * Context: process context; the caller holds the kexec lock.
 */
void crash_update_vmcoreinfo_safecopy(void *ptr)
{
	vmcoreinfo_safecopy = ptr;
	if (vmcoreinfo_safecopy)
		memcpy(vmcoreinfo_safecopy, vmcoreinfo_data, vmcoreinfo_size);
}

/**
 * crash_save_vmcoreinfo() - final VMCOREINFO for the capture kernel
 *
 * Switches to the safe copy if there is one, adds CRASHTIME and, when
 * some CPU did not stop, CRASH_CPUS_NOT_STOPPED, and rebuilds the note.
 * Runs after machine_crash_shutdown(), when that is known.
 *
 * Context: crash path.  Must not allocate, sleep or take locks.
 */
void crash_save_vmcoreinfo(void)
{
	const struct cpumask *unstopped = crash_stop_pending();

	if (!vmcoreinfo_note)
		return;
	vmcoreinfo_data = vmcoreinfo_safecopy ?: vmcoreinfo_data;
	vmcoreinfo_append_str("CRASHTIME=%lld\n", ktime_get_real_seconds());
	if (!cpumask_empty(unstopped))
		vmcoreinfo_append_str("CRASH_CPUS_NOT_STOPPED=%*pbl\n",
				      cpumask_pr_args(unstopped));
	publish_note();
}

/**
 * arch_crash_save_vmcoreinfo() - the architecture's VMCOREINFO lines
 *
 * Architectures override this weak default to add their keys.
 *
 * Context: boot, from a subsys initcall.
 */
void __weak arch_crash_save_vmcoreinfo(void)
{
}

/**
 * paddr_vmcoreinfo_note() - physical address of the VMCOREINFO note
 *
 * Context: any.
 * Return: the address /sys/kernel/vmcoreinfo reports.
 */
phys_addr_t __weak paddr_vmcoreinfo_note(void)
{
	return __pa(vmcoreinfo_note);
}
EXPORT_SYMBOL(paddr_vmcoreinfo_note);

static int __init vmcoreinfo_alloc(void)
{
	vmcoreinfo_data = (unsigned char *)get_zeroed_page(GFP_KERNEL);
	if (!vmcoreinfo_data)
		goto fail;
	vmcoreinfo_note = alloc_pages_exact(VMCOREINFO_NOTE_SIZE,
					    GFP_KERNEL | __GFP_ZERO);
	if (!vmcoreinfo_note)
		goto free_data;
	return 0;

free_data:
	free_page((unsigned long)vmcoreinfo_data);
	vmcoreinfo_data = NULL;
fail:
	pr_warn("no memory, dumps will lack VMCOREINFO\n");
	return -ENOMEM;
}

static int __init vmcoreinfo_init(void)
{
	int ret = vmcoreinfo_alloc();

	if (ret)
		return ret;
	vmcoreinfo_add_generic_keys();
	arch_crash_save_vmcoreinfo();
	if (vmcoreinfo_size + CRASHTIME_ROOM >= VMCOREINFO_BYTES)
		pr_warn("%zu bytes of keys leave no room for CRASHTIME\n",
			vmcoreinfo_size);
	publish_note();
	return 0;
}
subsys_initcall(vmcoreinfo_init);
