// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: ELF class accessors
 *
 * An ELF core header comes in one of two classes, ELFCLASS32 or ELFCLASS64,
 * whose headers hold the same fields at different offsets and widths.
 * Rather than parse each class with its own copy of the code, every class
 * is described once, in a table that gives the position and width of each
 * field the subsystem uses.  The rest of /proc/vmcore touches header fields
 * only through vmcore_elf_get() and vmcore_elf_put() with a descriptor from
 * that table, so a single path handles both classes, and the output keeps
 * the class of the input.
 *
 * Invariants: every descriptor is 2, 4 or 8 bytes wide (the KUnit suite
 * checks the tables against <linux/elf.h>); values are stored
 * in the running kernel's byte order (the validator refuses any other
 * EI_DATA before a field is read); vmcore_elf_put() refuses to truncate,
 * so an ELF32 file can never silently lose the high half of an offset.
 * Headers may sit at any alignment; accesses are unaligned-safe.
 */

#include <linux/crash_dump.h>
#include <linux/elf.h>
#include <linux/stddef.h>
#include <asm/unaligned.h>

#include "internal.h"

/* Field widths: ELF "half" and "word"; addresses take the class's width. */
#define VMCORE_HALF	2
#define VMCORE_WORD	4

#define VMCORE_FIELD(type, member, width) \
	{ .off = offsetof(type, member), .len = (width) }
#define VMCORE_EH_ADDR(type, member) \
	VMCORE_FIELD(type, member, sizeof_field(type, e_entry))
#define VMCORE_PH_ADDR(type, member) \
	VMCORE_FIELD(type, member, sizeof_field(type, p_vaddr))

#define VMCORE_EHDR_FIELDS(type) {					\
	[VMCORE_E_TYPE]		= VMCORE_FIELD(type, e_type, VMCORE_HALF),	\
	[VMCORE_E_MACHINE]	= VMCORE_FIELD(type, e_machine, VMCORE_HALF),	\
	[VMCORE_E_VERSION]	= VMCORE_FIELD(type, e_version, VMCORE_WORD),	\
	[VMCORE_E_PHOFF]	= VMCORE_EH_ADDR(type, e_phoff),		\
	[VMCORE_E_SHOFF]	= VMCORE_EH_ADDR(type, e_shoff),		\
	[VMCORE_E_EHSIZE]	= VMCORE_FIELD(type, e_ehsize, VMCORE_HALF),	\
	[VMCORE_E_PHENTSIZE]	= VMCORE_FIELD(type, e_phentsize, VMCORE_HALF), \
	[VMCORE_E_PHNUM]	= VMCORE_FIELD(type, e_phnum, VMCORE_HALF),	\
	[VMCORE_E_SHENTSIZE]	= VMCORE_FIELD(type, e_shentsize, VMCORE_HALF), \
	[VMCORE_E_SHNUM]	= VMCORE_FIELD(type, e_shnum, VMCORE_HALF),	\
	[VMCORE_E_SHSTRNDX]	= VMCORE_FIELD(type, e_shstrndx, VMCORE_HALF),	\
}

#define VMCORE_PHDR_FIELDS(type) {					\
	[VMCORE_P_TYPE]		= VMCORE_FIELD(type, p_type, VMCORE_WORD),	\
	[VMCORE_P_FLAGS]	= VMCORE_FIELD(type, p_flags, VMCORE_WORD),	\
	[VMCORE_P_OFFSET]	= VMCORE_PH_ADDR(type, p_offset),		\
	[VMCORE_P_VADDR]	= VMCORE_PH_ADDR(type, p_vaddr),		\
	[VMCORE_P_PADDR]	= VMCORE_PH_ADDR(type, p_paddr),		\
	[VMCORE_P_FILESZ]	= VMCORE_PH_ADDR(type, p_filesz),		\
	[VMCORE_P_MEMSZ]	= VMCORE_PH_ADDR(type, p_memsz),		\
	[VMCORE_P_ALIGN]	= VMCORE_PH_ADDR(type, p_align),		\
}

static bool vmcore_machine_ok32(const void *ehdr)
{
	return vmcore_elf32_check_arch((const struct elf32_hdr *)ehdr);
}

static bool vmcore_machine_ok64(const void *ehdr)
{
	return vmcore_elf64_check_arch((const struct elf64_hdr *)ehdr);
}

static const struct vmcore_elf_class vmcore_elf_classes[] = {
	{
		.ident		= ELFCLASS32,
		.ehdr_size	= sizeof(struct elf32_hdr),
		.phdr_size	= sizeof(struct elf32_phdr),
		.machine_ok	= vmcore_machine_ok32,
		.ehdr		= VMCORE_EHDR_FIELDS(struct elf32_hdr),
		.phdr		= VMCORE_PHDR_FIELDS(struct elf32_phdr),
	},
	{
		.ident		= ELFCLASS64,
		.ehdr_size	= sizeof(struct elf64_hdr),
		.phdr_size	= sizeof(struct elf64_phdr),
		.machine_ok	= vmcore_machine_ok64,
		.ehdr		= VMCORE_EHDR_FIELDS(struct elf64_hdr),
		.phdr		= VMCORE_PHDR_FIELDS(struct elf64_phdr),
	},
};

/**
 * vmcore_elf_class_of() - look up a class by its e_ident[EI_CLASS] byte
 * @ident: ELFCLASS32 or ELFCLASS64; anything else is unknown
 *
 * Context: Any context.
 * Return: the class description, or NULL for an unknown class.
 */
const struct vmcore_elf_class *vmcore_elf_class_of(u8 ident)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vmcore_elf_classes); i++)
		if (vmcore_elf_classes[i].ident == ident)
			return &vmcore_elf_classes[i];
	return NULL;
}

/**
 * vmcore_elf_get() - read one header field
 * @hdr: start of the ELF or program header
 * @f: the field's descriptor, from a struct vmcore_elf_class
 *
 * Context: Any context.
 * Return: the field's value, zero-extended to 64 bits.
 */
u64 vmcore_elf_get(const void *hdr, struct vmcore_field f)
{
	const void *p = hdr + f.off;

	switch (f.len) {
	case 2:
		return get_unaligned((const u16 *)p);
	case 4:
		return get_unaligned((const u32 *)p);
	default:
		return get_unaligned((const u64 *)p);
	}
}

/**
 * vmcore_elf_put() - write one header field
 * @hdr: start of the ELF or program header
 * @f: the field's descriptor, from a struct vmcore_elf_class
 * @val: the value to store
 *
 * Context: Any context.
 * Return: true if stored; false, leaving @hdr untouched, if @val needs more
 * bits than the field has.
 */
bool vmcore_elf_put(void *hdr, struct vmcore_field f, u64 val)
{
	void *p = hdr + f.off;

	if (f.len < sizeof(u64) && val >> (f.len * BITS_PER_BYTE))
		return false;
	switch (f.len) {
	case 2:
		put_unaligned((u16)val, (u16 *)p);
		break;
	case 4:
		put_unaligned((u32)val, (u32 *)p);
		break;
	default:
		put_unaligned(val, (u64 *)p);
		break;
	}
	return true;
}
