/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Layout of the purgatory blob.  It is linked at 0, so a symbol's address
 * is its offset in the blob: the header first, then code, read-only data
 * and data, which make up the file, then the bss (stack included), which
 * the loader's zero fill provides.  Dynamic linking sections are dropped,
 * but the run-time relocation and GOT/PLT sections are kept and must be
 * empty, since nothing relocates the blob.
 */
#include <asm/page_types.h>

#include "../purgatory.h"

#undef i386	/* predefined by a 32-bit preprocessor */

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(purgatory_start)

SECTIONS
{
	. = 0;
	/*
	 * struct purgatory_header, field by field.  The linker writes it
	 * because the linker knows the sizes, and a data statement is a
	 * constant in the file: no relocation, not even a resolved one.
	 */
	.header : {
		purgatory_header = .;
		LONG(PURGATORY_MAGIC)
		LONG(PURGATORY_VERSION)
		LONG(__purgatory_entry_off)
		LONG(__purgatory_params_off)
		LONG(__purgatory_file_size)
		LONG(__purgatory_mem_size)
	}
	.text : { *(.text .text.*) }
	.rodata : { *(.rodata .rodata.*) }
	.data : {
		*(.data .data.*)
		. = ALIGN(8);
	}
	.rela.dyn : { *(.rela.*) }
	.got : { *(.got) *(.igot.*) }
	.got.plt : { *(.got.plt) *(.igot.plt) }
	.plt : { *(.plt) *(.plt.*) *(.iplt) }
	__purgatory_file_end = .;

	.bss : {
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(PAGE_SIZE);
	}
	__purgatory_mem_end = .;

	/* Not loaded, so not in the blob. */
	.symtab 0 : { *(.symtab) }
	.strtab 0 : { *(.strtab) }
	.shstrtab 0 : { *(.shstrtab) }

	/DISCARD/ : {
		*(.dynamic) *(.dynsym) *(.dynstr) *(.dynbss)
		*(.hash) *(.gnu.hash) *(.interp) *(.gnu.version*)
		*(.eh_frame) *(.note.*) *(.comment) *(.modinfo)
	}

	__purgatory_entry_off = ABSOLUTE(purgatory_start);
	__purgatory_params_off = ABSOLUTE(purgatory_params);
	__purgatory_file_size = ABSOLUTE(__purgatory_file_end);
	__purgatory_mem_size = ABSOLUTE(__purgatory_mem_end);
}

ASSERT(purgatory_header == 0, "the header must start the blob")
ASSERT(__purgatory_params_off % 8 == 0, "purgatory_params is not 8-aligned")
ASSERT(__purgatory_mem_size % PAGE_SIZE == 0, "mem_size is not page-aligned")
ASSERT(SIZEOF(.rela.dyn) == 0, "the purgatory has run-time relocations")
ASSERT(SIZEOF(.got) == 0, "the purgatory has GOT entries")
ASSERT(SIZEOF(.got.plt) == 0, "the purgatory has GOT entries")
ASSERT(SIZEOF(.plt) == 0, "the purgatory has PLT entries")
