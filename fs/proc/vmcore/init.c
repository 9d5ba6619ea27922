// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: bringing /proc/vmcore up and down
 *
 * At fs_initcall time, in a kernel started with a valid elfcorehdr= (or
 * one the architecture produced through elfcorehdr_alloc()), the ELF core
 * header is copied out of memory, validated, its notes merged and the file
 * laid out; only then is /proc/vmcore created.  Any failure leaves the
 * file out and logs exactly one line naming the reason; the capture kernel
 * boots on regardless.
 *
 * The header is copied in two reads: first the ELF header alone, whose
 * rules bound the program header table, then everything up to the end of
 * that table.  All rules run again on the second copy, which is the only
 * one used afterwards.  The header's size is elfcorehdr_size when the
 * producer gave one, VMCORE_HDR_MAX otherwise.
 *
 * Either way, the header has been consumed when vmcore_init() returns:
 * elfcorehdr_free() has released it and elfcorehdr_addr is marked unusable
 * (is_kdump_kernel() stays true).  vmcore_cleanup() withdraws the file and
 * frees everything; it may run at any time after boot (powerpc's fadump
 * calls it when user space releases the dump).
 */

#define pr_fmt(fmt) "vmcore: " fmt

#include <linux/crash_dump.h>
#include <linux/elf.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/slab.h>

#include "internal.h"

static int read_header(void *buf, size_t len, const char **why)
{
	u64 pos = elfcorehdr_addr;

	if (elfcorehdr_read(buf, len, &pos) == len)
		return 0;
	*why = "cannot read the ELF core header";
	return -EIO;
}

static int load_header(struct vmcore_hdr *h, void **hdr, const char **why)
{
	u64 limit = elfcorehdr_size ?: VMCORE_HDR_MAX;
	size_t len = min_t(u64, limit, sizeof(struct elf64_hdr));
	union { struct elf32_hdr e32; struct elf64_hdr e64; } ehdr;
	int err;

	err = read_header(&ehdr, len, why);
	if (!err)
		err = vmcore_check_ehdr(h, &ehdr, len, limit, why);
	if (err)
		return err;
	len = vmcore_hdr_table_end(h);
	*hdr = kvmalloc(len, GFP_KERNEL);
	if (!*hdr) {
		*why = "out of memory for the ELF core header";
		return -ENOMEM;
	}
	err = read_header(*hdr, len, why);
	if (!err)
		err = vmcore_check_header(h, *hdr, len, limit, why);
	if (err)
		kvfree(*hdr);
	return err;
}

static void report(const struct vmcore_hdr *h, const char *why)
{
	if (h->bad_phdr >= 0)
		pr_err("ELF core header rejected, no /proc/vmcore: %s (program header %d)\n",
		       why, h->bad_phdr);
	else
		pr_err("ELF core header rejected, no /proc/vmcore: %s\n", why);
}

static int vmcore_build(struct vmcore_image *img)
{
	struct vmcore_hdr h = { .bad_phdr = -1,
				.own_ram_start = vmcore_own_ram_start };
	const char *why = "unknown error";
	size_t notes_size;
	void *hdr, *notes;
	int err;

	err = load_header(&h, &hdr, &why);
	if (err) {
		report(&h, why);
		return err;
	}
	err = vmcore_notes_collect(&h, &notes, &notes_size, &why);
	if (err)
		goto free_hdr;
	err = vmcore_layout_build(img, &h, notes, notes_size, &why);
	kvfree(notes);
free_hdr:
	kvfree(hdr);
	if (err)
		report(&h, why);
	return err;
}

static int __init vmcore_init(void)
{
	struct vmcore_image img;
	int err;

	err = elfcorehdr_alloc(&elfcorehdr_addr, &elfcorehdr_size);
	if (err)
		return err;
	if (!is_vmcore_usable())
		return 0;
	err = vmcore_build(&img);
	elfcorehdr_free(elfcorehdr_addr);
	vmcore_unusable();
	if (err)
		return err;
	err = vmcore_file_create(&img);
	if (err) {
		pr_err("cannot create /proc/vmcore (%d)\n", err);
		vmcore_layout_free(&img);
	}
	return err;
}
fs_initcall(vmcore_init);

/**
 * vmcore_cleanup() - withdraw /proc/vmcore and free what backs it
 *
 * Safe to call when /proc/vmcore was never created, and more than once.
 *
 * Context: Process context; may sleep.
 * Return: nothing.
 */
void vmcore_cleanup(void)
{
	vmcore_file_remove();
	vmcore_oldmem_release();
}
