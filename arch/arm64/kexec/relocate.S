/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: arm64 relocation code
 *
 * The last code the old kernel runs: copy the new image into place and
 * enter it.
 *
 * machine_kexec_post_load() copies this into the image's control code
 * page, which nothing is copied over, fills in the copy's entry record
 * (struct arm64_kexec_entry: the registers the image starts with) and
 * gives the page an identity map of its own; machine_kexec() installs
 * that map in TTBR0 and calls the copy at its physical address, with
 * every exception masked:
 *
 * - x0: kimage->head, the first entry of the indirection list;
 * - x1: physical address of a copy of the linear map for TTBR1, or 0
 *   when there is nothing to copy (crash images: segments are in place);
 * - x2: physical minus virtual address of the linear map;
 * - x3: physical address of a zeroed page, for break-before-make.
 *
 * With x1 set it switches TTBR1 to the copied linear map (through the
 * zero page, so no walk ever mixes old and new tables: break-before-make,
 * Arm ARM D8.14 in DDI 0487J) and walks the list with the MMU and caches
 * on, cleaning and invalidating each page it writes to the point of
 * coherency, since the new image starts with its caches off.  The
 * old kernel's own tables, stack and text may be overwritten from the
 * first copy on: nothing here touches memory outside the control pages
 * and the list.  Then it invalidates the instruction cache, turns the
 * MMU off (the identity map keeps the next instruction where it was) and
 * enters the image with the registers of the entry record: through
 * HVC_SOFT_RESTART when the record has an EL2 call, else, or when EL2
 * refuses the call (protected KVM), by a branch at the current level.
 * The record is read with the MMU off; it was cleaned to the point of
 * coherency with the rest of the page.
 */
#include <linux/kexec.h>
#include <linux/linkage.h>

#include <asm/assembler.h>
#include <asm/page.h>
#include <asm/sysreg.h>
#include <asm/virt.h>

#include "kexec_arm64.h"

.section ".kexec_relocate.text", "ax"

SYM_CODE_START(arm64_kexec_relocate)
	cbz	x1, .Lcopied			/* nothing to copy */
	raw_dcache_line_size x15, x9		/* x15 = D-cache line size */
	break_before_make_ttbr_switch x3, x1, x9, x10
	mov	x9, x0				/* x9 = current entry */

.Lentry:
	/* x10 = the linear address of the page the entry names */
	and	x10, x9, PAGE_MASK
	sub	x10, x10, x2
	tbnz	x9, IND_DONE_BIT, .Lcopied
	tbz	x9, IND_DESTINATION_BIT, 1f
	mov	x11, x10			/* x11 = where the next page goes */
1:	tbz	x9, IND_INDIRECTION_BIT, 2f
	mov	x12, x10			/* x12 = next entry to read */
2:	tbz	x9, IND_SOURCE_BIT, 3f
	mov	x13, x11			/* start of the page written */
	copy_page x11, x10, x16, x17, x18, x19, x20, x21, x22, x23
	mov	x14, x11			/* its end; x11 moved on a page */
	dcache_by_myline_op civac, sy, x13, x14, x15, x16
3:	ldr	x9, [x12], #8
	b	.Lentry

.Lcopied:
	/*
	 * The new image's code may sit where old instructions were cached,
	 * and instruction fetches stay cacheable with the MMU off.
	 */
	ic	iallu
	dsb	nsh
	isb
	mov_q	x9, INIT_SCTLR_EL1_MMU_OFF
	pre_disable_mmu_workaround
	/* Under VHE this write reaches SCTLR_EL2 (HCR_EL2.E2H redirects it). */
	msr	sctlr_el1, x9
	isb

	adr	x9, arm64_kexec_entry_record
	ldr	x10, [x9, #ENTRY_EL2_REGS]
	cbz	x10, .Lenter_here
	/*
	 * EL2 (the hyp stub, or KVM's host handler) turns its MMU off and
	 * branches to x1 with x2-x4 moved to x0-x2.  HVC64 keeps x4-x17
	 * (SMCCC), so x9 survives a refusal.
	 */
	ldp	x0, x1, [x9, #ENTRY_EL2_REGS]
	ldp	x2, x3, [x9, #ENTRY_EL2_REGS + 16]
	ldr	x4, [x9, #ENTRY_EL2_REGS + 32]
	hvc	#0

.Lenter_here:
	ldr	x10, [x9, #ENTRY_PC]
	ldp	x0, x1, [x9, #ENTRY_EL1_REGS]
	ldp	x2, x3, [x9, #ENTRY_EL1_REGS + 16]
	br	x10
SYM_CODE_END(arm64_kexec_relocate)

	.balign	8
SYM_DATA_START(arm64_kexec_entry_record)
	.fill	ENTRY_SIZE, 1, 0
SYM_DATA_END(arm64_kexec_entry_record)
