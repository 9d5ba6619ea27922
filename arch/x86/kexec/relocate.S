/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: x86_64 relocation code
 *
 * The last code the old kernel runs.  It copies the new image into place
 * by following the indirection list (kernel/kexec/entries.c) and jumps to
 * the image's entry point.  It comes in two parts:
 *
 * - x86_kexec_enter(), in kernel text, is called by machine_kexec() with
 *   interrupts off and the IDT and GDT already invalidated.  It switches
 *   to the page table built at load time, whose lower half maps RAM, the
 *   destinations and firmware tables one to one and whose upper half is
 *   the kernel's own (so this code stays mapped across the switch), and
 *   jumps to the identity-mapped copy of the second part;
 * - the *blob*, from kexec_reloc_start to kexec_reloc_end, copied at load
 *   time into the first control page.  It is position independent and
 *   uses neither a stack nor memory of its own: the old kernel, its page
 *   tables included, may be overwritten under it, so after the jump it
 *   touches nothing but control pages, list pages and the pages it copies.
 *
 * x86_kexec_enter() takes its arguments in the C calling convention::
 *
 *   rdi  the first list entry (kimage->head): IND_INDIRECTION or IND_DONE
 *   rsi  the physical entry point of the new image
 *   rdx  physical address of the top-level page table
 *   rcx  physical address of the control page holding the blob
 *   r8   X86_KEXEC_WBINVD: write caches back around the copy, because
 *        memory encryption is on and the new kernel may read memory
 *        through the other encryption view
 *
 * The new image is entered in 64-bit mode on the identity map, with
 * interrupts off and no valid GDT or IDT.  Every general register is zero
 * except r10, which holds the entry point, and the stack pointer, which
 * points at a zero word at the end of the code page (KEXEC_ENTRY_STACK).
 * That word is what a kexec-tools purgatory reads as the address to jump
 * back to (non-zero only for kexec jump, which this layer does not do),
 * and it lies in a control page: identity-mapped, never a destination,
 * and zeroed when the image was prepared.  The image sets up its own
 * descriptor tables and stack, as kexec-tools' purgatory does.
 *
 * Control registers are put into a known state in the order the SDM
 * requires (SDM volume 3A: 2.5 for CR0 and CR4, 4.10 for TLBs), each step
 * commented where it happens.
 */
#include <linux/linkage.h>
#include <linux/kexec.h>
#include <asm/nospec-branch.h>
#include <asm/page_types.h>
#include <asm/processor-flags.h>
#include <asm/unwind_hints.h>

#include "kexec_x86.h"

	.text
	.code64

SYM_CODE_START_NOALIGN(x86_kexec_enter)
	UNWIND_HINT_EMPTY
	ANNOTATE_NOENDBR
	movq	%rsi, %r10
	movq	%r8, %r11
	movq	%rdx, %cr3
	leaq	(.Lidentity - kexec_reloc_start)(%rcx), %rax
	ANNOTATE_RETPOLINE_SAFE
	jmp	*%rax
SYM_CODE_END(x86_kexec_enter)

	.balign	16
SYM_CODE_START_NOALIGN(kexec_reloc_start)
	UNWIND_HINT_EMPTY
	ANNOTATE_NOENDBR
.Lidentity:
	/*
	 * CR4 first, keeping only PAE (long mode faults if it is cleared)
	 * and LA57 (it cannot change while paging is on).  The order is
	 * forced by CET: MOV to CR0 that clears WP raises #GP while CR4.CET
	 * is set, and with no IDT that #GP is a triple fault.  Clearing the
	 * other bits is allowed at any time:
	 * - PGE: flushes every TLB entry, global ones included, so nothing
	 *   cached from the old kernel's mappings survives;
	 * - PCIDE: 1 to 0 flushes every PCID; CR3 was loaded with PCID 0,
	 *   so its low bits (now PWT/PCD) are zero and memory stays WB;
	 * - SMEP, SMAP: this code and the image run as supervisor on
	 *   supervisor pages, and no user page is touched;
	 * - MCE: a machine check would end the machine either way, as
	 *   there is no IDT to deliver it to;
	 * - OSFXSR, OSXSAVE, FSGSBASE, UMIP and the rest: nothing here
	 *   uses SSE, XSAVE or those instructions.
	 */
	movq	%cr4, %rax
	andq	$(X86_CR4_PAE | X86_CR4_LA57), %rax
	movq	%rax, %cr4

	/*
	 * CR0: paging and protection stay on; clear WP (CET is off now),
	 * alignment checking (AM), and TS and EM so that x87 instructions
	 * in the image do not fault (SSE is off with OSFXSR, as the image
	 * expects of a fresh CPU).  CD and NW are kept: caches stay as the
	 * old kernel had them.
	 */
	movq	%cr0, %rax
	andq	$~(X86_CR0_AM | X86_CR0_WP | X86_CR0_TS | X86_CR0_EM), %rax
	orl	$(X86_CR0_PG | X86_CR0_PE), %eax
	movq	%rax, %cr0

	testq	$X86_KEXEC_WBINVD, %r11
	jz	1f
	wbinvd
1:
	/*
	 * %rcx: entry in hand; %rbx: next slot of the list page being read;
	 * %r9: destination of the next source page.
	 */
	movq	%rdi, %rcx
	xorl	%ebx, %ebx
	xorl	%r9d, %r9d
.Lentry:
	movq	%rcx, %rsi
	andq	$PAGE_MASK, %rsi
	testb	$IND_DESTINATION, %cl
	jnz	.Ldestination
	testb	$IND_INDIRECTION, %cl
	jnz	.Lindirection
	testb	$IND_DONE, %cl
	jnz	.Ldone
	testb	$IND_SOURCE, %cl
	jz	.Lnext
	movq	%r9, %rdi
	movl	$(PAGE_SIZE / 8), %ecx
	rep movsq
	movq	%rdi, %r9
	jmp	.Lnext
.Ldestination:
	movq	%rsi, %r9
	jmp	.Lnext
.Lindirection:
	movq	%rsi, %rbx
.Lnext:
	movq	(%rbx), %rcx
	addq	$8, %rbx
	jmp	.Lentry

.Ldone:
	/*
	 * MOV to CR3 is serializing (SDM 3A, 9.3): no instruction fetched
	 * before the copy can run after it, so the image's code is fetched
	 * from what was just written.
	 */
	movq	%cr3, %rax
	movq	%rax, %cr3
	testq	$X86_KEXEC_WBINVD, %r11
	jz	2f
	wbinvd
2:
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r11d, %r11d
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	/* The blob starts its control page; the entry stack word ends it. */
	leaq	(kexec_reloc_start + KEXEC_ENTRY_STACK)(%rip), %rsp
	ANNOTATE_RETPOLINE_SAFE
	jmp	*%r10
SYM_CODE_END(kexec_reloc_start)
	.globl	kexec_reloc_end
kexec_reloc_end:

	/* vmlinux.lds.S checks the blob against KEXEC_CONTROL_CODE_MAX_SIZE. */
	.globl	kexec_control_code_size
	.set	kexec_control_code_size, kexec_reloc_end - kexec_reloc_start
