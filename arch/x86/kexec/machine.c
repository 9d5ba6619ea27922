// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: x86_64 machine layer
 *
 * What the kexec core asks of x86_64, and how it is answered:
 *
 * - machine_kexec_prepare(), at load time: the first page of the image's
 *   8 KiB control block receives the relocation blob (relocate.S) and,
 *   in its last word, the zero the new image finds on its stack; the
 *   second page the top-level relocation page table (pgtable.c).  Doing
 *   all of it now means the crash path writes nothing into the crash
 *   region;
 * - machine_kexec(), at reboot or crash: quiesce this CPU (interrupts,
 *   debug registers, CET), make the segment registers independent of
 *   the GDT, invalidate the IDT and GDT so that any fault from here on
 *   resets the machine instead of running half-overwritten handlers, and
 *   enter the relocation code.  It never returns;
 * - arch_kexec_protect_crashkres(): while a crash image is loaded, the
 *   whole crash region, and the low companion, are read-only in the
 *   direct map, so a stray write of the running kernel cannot corrupt the
 *   capture kernel;
 * - arch_kexec_post_alloc_pages(): with host memory encryption (SME),
 *   pages the new kernel will read before it sets up encryption are
 *   mapped decrypted while they are filled.
 *
 * KEXEC_PRESERVE_CONTEXT (kexec jump) is not supported by this layer; the
 * series holds back CONFIG_KEXEC_JUMP, so the flag is refused as upstream
 * refuses it without that option.
 */
#include <linux/cc_platform.h>
#include <linux/kexec.h>
#include <linux/mm.h>
#include <linux/set_memory.h>

#include <asm/cpu.h>
#include <asm/debugreg.h>
#include <asm/desc.h>
#include <asm/segment.h>
#include <asm/set_memory.h>

#include "kexec_x86.h"

static void *code_page(struct kimage *image)
{
	return page_address(image->control_code_page);
}

static pgd_t *table_page(struct kimage *image)
{
	return page_address(image->control_code_page) + PAGE_SIZE;
}

/**
 * machine_kexec_prepare() - lay out an image's control block
 * @image: the image being loaded; its segments are final
 *
 * Context: process context, may sleep; while kexec_commit() builds the
 * image: under the kexec lock for a crash image, without it for a
 * normal one, which nothing else can reach yet.
 * Return: 0, or -ENOMEM if the page table could not be built.
 */
int machine_kexec_prepare(struct kimage *image)
{
	size_t blob = kexec_reloc_end - kexec_reloc_start;

	BUILD_BUG_ON(KEXEC_CONTROL_PAGE_SIZE < 2 * PAGE_SIZE);
	BUILD_BUG_ON(KEXEC_CONTROL_CODE_MAX_SIZE > KEXEC_ENTRY_STACK);
	/*
	 * The blob, then zeroes up to and including the entry stack word;
	 * vmlinux.lds.S keeps the blob within KEXEC_CONTROL_CODE_MAX_SIZE,
	 * half a page, so the two never meet.
	 */
	memcpy(code_page(image), kexec_reloc_start, blob);
	memset(code_page(image) + blob, 0, PAGE_SIZE - blob);
	clear_page(table_page(image));
	return x86_kexec_build_pgtable(image, table_page(image));
}

/**
 * machine_kexec_cleanup() - undo machine_kexec_prepare()
 * @image: the image being freed
 *
 * The control block and every table page are control pages, which the
 * core frees with the image; there is nothing else to release.
 *
 * Context: process context; from kimage_destroy(), the image no longer
 * (or never) installed.
 */
void machine_kexec_cleanup(struct kimage *image)
{
}

/* Load data segments with a selector whose hidden part is cached now. */
static void pin_data_segments(void)
{
	asm volatile("movl %0, %%ds\n\t"
		     "movl %0, %%es\n\t"
		     "movl %0, %%ss\n\t"
		     "movl %0, %%fs\n\t"
		     "movl %0, %%gs"
		     : : "r" (__KERNEL_DS) : "memory");
}

/**
 * machine_kexec() - jump into a loaded image
 * @image: kexec_image or kexec_crash_image, prepared at load time
 *
 * Context: reboot or crash path, other CPUs stopped.  Does not return.
 * Must not allocate, sleep or take locks: it only writes CPU state.
 */
void machine_kexec(struct kimage *image)
{
	unsigned long flags = 0;

	if (cc_platform_has(CC_ATTR_HOST_MEM_ENCRYPT))
		flags |= X86_KEXEC_WBINVD;
	local_irq_disable();
	hw_breakpoint_disable();
	cet_disable();
	pin_data_segments();
	native_idt_invalidate();
	native_gdt_invalidate();
	x86_kexec_enter(image->head, image->start, __pa(table_page(image)),
			page_to_phys(image->control_code_page), flags);
}

static void mark_region(const struct resource *res, bool read_only)
{
	unsigned long first = PHYS_PFN(res->start);
	struct page *page = pfn_to_page(first);
	int pages;

	if (!res->end || res->start > res->end)
		return;
	pages = PHYS_PFN(res->end) - first + 1;
	if (read_only)
		set_pages_ro(page, pages);
	else
		set_pages_rw(page, pages);
}

/**
 * arch_kexec_protect_crashkres() - make the crash region read-only
 *
 * Context: process context; the kexec lock is held.
 */
void arch_kexec_protect_crashkres(void)
{
	mark_region(&crashk_res, true);
	mark_region(&crashk_low_res, true);
}

/**
 * arch_kexec_unprotect_crashkres() - make the crash region writable again
 *
 * Context: process context; the kexec lock is held.
 */
void arch_kexec_unprotect_crashkres(void)
{
	mark_region(&crashk_low_res, false);
	mark_region(&crashk_res, false);
}

/**
 * arch_kexec_post_alloc_pages() - prepare pages the new image will read
 * @vaddr:	their address in the direct map
 * @pages:	how many
 * @gfp:	how they were allocated (unused)
 *
 * Context: process context, may sleep.
 * Return: 0, or the error of set_memory_decrypted().
 */
int arch_kexec_post_alloc_pages(void *vaddr, unsigned int pages, gfp_t gfp)
{
	if (!cc_platform_has(CC_ATTR_HOST_MEM_ENCRYPT))
		return 0;
	return set_memory_decrypted((unsigned long)vaddr, pages);
}

/**
 * arch_kexec_pre_free_pages() - undo arch_kexec_post_alloc_pages()
 * @vaddr:	their address in the direct map
 * @pages:	how many
 *
 * Context: process context, may sleep.
 */
void arch_kexec_pre_free_pages(void *vaddr, unsigned int pages)
{
	if (cc_platform_has(CC_ATTR_HOST_MEM_ENCRYPT))
		set_memory_encrypted((unsigned long)vaddr, pages);
}
