/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: x86_64 purgatory
 *
 * The purgatory is the code a kexec_file_load() image runs between the
 * old kernel and the new one.  It is a flat blob, linked at address 0 and
 * loaded by purgatory_load.c at whatever page-aligned address
 * kexec_add_buffer() finds, as the image's last segment.  Nothing
 * relocates it: every reference is RIP-relative, the linker script
 * writes the header's offsets and sizes as plain constants, and the build
 * fails if the linked blob has a single run-time relocation or GOT/PLT
 * entry (purgatory.lds.S, check-blob.sh).
 *
 * What runs, and on what:
 *
 * - relocate.S has copied every segment into place and jumps to the
 *   header's entry_off, in 64-bit mode at CPL 0 with interrupts off, on
 *   a page table that maps all RAM and every destination one to one, so
 *   a physical address is a usable pointer.  No GDT or IDT is valid, the
 *   general registers are zero but for %r10 and %rsp, and SSE is off
 *   (CR4.OSFXSR clear), so the blob is built without SSE;
 * - purgatory_start switches to the blob's own stack, in its bss, and
 *   calls purgatory_verify() (purgatory.c).  That hashes each range the
 *   loading kernel listed in struct purgatory_params with the kernel's
 *   own SHA-256 (lib/crypto/sha256.c, built into the blob) and compares
 *   it with the digest taken at load time;
 * - on a mismatch, or parameters that cannot be right, it writes one line
 *   to the first serial port (polled 8250 at 0x3f8) and halts with
 *   interrupts off, for good: a damaged capture kernel is never entered.
 *   With no IDT an NMI would turn the halt into a triple fault, that is a
 *   reset, which is where a damaged kernel would end up anyway;
 * - when every range matches, it follows the 64-bit boot protocol
 *   (Documentation/x86/boot.rst, "64-bit BOOT PROTOCOL"): load a GDT
 *   whose __BOOT_CS (0x10) is flat 64-bit code and __BOOT_DS (0x18) flat
 *   data, reload CS, DS, ES, SS (and FS, GS) from it, and jump to the
 *   kernel's 64-bit entry with %rsi pointing at its boot_params and
 *   interrupts still off.
 *
 * The blob's memory stays as it was left: the new kernel runs on this GDT
 * until it loads its own, which it does before it reuses memory it does
 * not know about.
 */
#include <linux/linkage.h>
#include <asm/segment.h>

#include "entry.h"

	.text
	.code64
SYM_CODE_START(purgatory_start)
	/*
	 * The C code expects the direction flag clear (x86-64 psABI,
	 * 3.2.1) and a stack of its own: the word %rsp points at belongs to
	 * relocate.S's control page.  The stack top is 16-byte aligned, so
	 * the call leaves %rsp + 8 aligned as the psABI requires.
	 */
	cld
	leaq	purgatory_stack_end(%rip), %rsp

	/* Returns only if every range matches; halts otherwise. */
	call	purgatory_verify

	/*
	 * LGDT in 64-bit mode takes a 10-byte pseudo-descriptor: a 16-bit
	 * limit and a 64-bit linear base (SDM vol. 2A, LGDT).  The base is
	 * where the blob was put, so it is computed here, and the
	 * pseudo-descriptor is built on the stack.  The old GDT register is
	 * only replaced; no selector is reloaded until the far return.
	 */
	leaq	purgatory_gdt(%rip), %rax
	subq	$16, %rsp
	movw	$(purgatory_gdt_end - purgatory_gdt - 1), (%rsp)
	movq	%rax, 2(%rsp)
	lgdt	(%rsp)
	addq	$16, %rsp

	/*
	 * Reload CS.  A far return with REX.W pops an 8-byte RIP, then an
	 * 8-byte slot whose low 16 bits are the selector (SDM vol. 2B, RET,
	 * far return to the same privilege level); the descriptor is read
	 * from the new GDT and, with L = 1, keeps the CPU in 64-bit mode.
	 */
	pushq	$__BOOT_CS
	leaq	.Lnew_cs(%rip), %rax
	pushq	%rax
	lretq
.Lnew_cs:
	/*
	 * The data selectors.  SS takes a writable data segment whose DPL
	 * is the CPL (SDM vol. 2B, MOV, "Move to Segment Register"); in
	 * 64-bit mode the bases of DS, ES and SS are ignored, and loading
	 * FS and GS from a flat descriptor sets their bases to zero (SDM
	 * vol. 3A, 3.4.4).  The boot protocol asks for DS, ES and SS; FS
	 * and GS get the same so no stale base survives.
	 */
	movl	$__BOOT_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs

	/*
	 * The boot protocol's only register: %rsi = struct boot_params.
	 * Everything else is cleared so the new kernel sees nothing of
	 * the purgatory; the stack stays valid but is not promised to it.
	 */
	movq	(purgatory_params + PARAMS_BOOT_PARAMS)(%rip), %rsi
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	/*
	 * The entry point is read straight from the parameters, so no
	 * register has to hold it.  Interrupts are still off: nothing
	 * since relocate.S has set IF.
	 */
	jmpq	*(purgatory_params + PARAMS_ENTRY)(%rip)
SYM_CODE_END(purgatory_start)

/*
 * The GDT (SDM vol. 3A, 3.5.1): the null descriptor, an unused slot, then
 * the two the boot protocol names, both base 0, limit 0xfffff in 4 KiB
 * units (G = 1), present, DPL 0.  The accessed bit is preset in both type
 * fields, so loading them does not write to the table (SDM vol. 3A,
 * 3.4.5.1).
 * - __BOOT_CS: type 0xb, execute/read code; L = 1, D = 0: 64-bit code
 *   (SDM vol. 3A, 5.2.1);
 * - __BOOT_DS: type 0x3, read/write data; B = 1.
 * The base of the table is 8-byte aligned, as the SDM recommends.
 */
	.section ".rodata", "a"
	.balign	16
SYM_DATA_START_LOCAL(purgatory_gdt)
	.quad	0
	.quad	0
	.quad	GDT_ENTRY(0xa09b, 0, 0xfffff)	/* __BOOT_CS, 0x10 */
	.quad	GDT_ENTRY(0xc093, 0, 0xfffff)	/* __BOOT_DS, 0x18 */
SYM_DATA_END_LABEL(purgatory_gdt, SYM_L_LOCAL, purgatory_gdt_end)
	/* The table above puts them in slots 2 and 3. */
	.if	(__BOOT_CS != 2 * 8) || (__BOOT_DS != 3 * 8)
	.error	"__BOOT_CS or __BOOT_DS moved"
	.endif

/* The stack, zero like the rest of the bss (kexec zero-fills past file_size). */
	.section ".bss", "aw", @nobits
	.balign	16
SYM_DATA_START_LOCAL(purgatory_stack)
	.skip	PURGATORY_STACK_SIZE
SYM_DATA_END_LABEL(purgatory_stack, SYM_L_LOCAL, purgatory_stack_end)
