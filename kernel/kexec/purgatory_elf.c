// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: reading an ELF purgatory object
 *
 * The pure half of purgatory.c: the rules a purgatory object must meet
 * before any offset in it is followed, the size and layout of its loaded
 * copy, its symbols and its entry point.  None of it touches an image,
 * so the KUnit suite (tests/purgatory_kunit.c) runs it on every
 * architecture against objects it builds itself; the kernel proper uses
 * it only where ARCH_HAS_KEXEC_PURGATORY is set.
 */
#define pr_fmt(fmt) "kexec: purgatory: " fmt

#include <linux/elf.h>
#include <linux/kexec.h>
#include <linux/log2.h>
#include <linux/overflow.h>
#include <linux/string.h>

#include "internal.h"

#define PURGATORY_ENTRY_SYMBOL	"purgatory_start"

/*
 * Relocation entries of the kernel's ELF class, whichever kind the module
 * loader uses; both begin with r_offset, an address-sized field.
 */
#if ELF_CLASS == ELFCLASS64
#define PURGATORY_REL_SIZE	sizeof(struct elf64_rel)
#define PURGATORY_RELA_SIZE	sizeof(struct elf64_rela)
#else
#define PURGATORY_REL_SIZE	sizeof(struct elf32_rel)
#define PURGATORY_RELA_SIZE	sizeof(struct elf32_rela)
#endif

/* Are a section's bytes inside the object? NOBITS sections have none. */
static bool bytes_inside(size_t size, const struct elf_shdr *sh)
{
	return sh->sh_type == SHT_NOBITS ||
	       purgatory_inside(size, sh->sh_offset, sh->sh_size);
}

static const char *ident_fault(const struct elfhdr *ehdr, size_t size)
{
	if (size < sizeof(*ehdr) || memcmp(ehdr->e_ident, ELFMAG, SELFMAG))
		return "not an ELF object";
	if (ehdr->e_ident[EI_CLASS] != ELF_CLASS ||
	    ehdr->e_ident[EI_DATA] != ELF_DATA ||
	    ehdr->e_ident[EI_VERSION] != EV_CURRENT)
		return "ELF class, byte order or version of another machine";
	if (ehdr->e_type != ET_REL)
		return "not a relocatable object";
	if (ehdr->e_machine != ELF_ARCH)
		return "built for another machine";
	return NULL;
}

static const char *table_fault(const struct elfhdr *ehdr, size_t size)
{
	if (ehdr->e_shentsize != sizeof(struct elf_shdr) || !ehdr->e_shnum)
		return "no section table of this machine's entry size";
	if (!IS_ALIGNED(ehdr->e_shoff, __alignof__(struct elf_shdr)))
		return "section table misaligned";
	if (!purgatory_inside(size, ehdr->e_shoff,
			      (u64)ehdr->e_shnum * sizeof(struct elf_shdr)))
		return "section table outside the object";
	return NULL;
}

static const char *alloc_fault(const struct elf_shdr *sh)
{
	if (!(sh->sh_flags & SHF_ALLOC))
		return NULL;
	if (sh->sh_addralign && !is_power_of_2(sh->sh_addralign))
		return "section alignment not a power of two";
	return NULL;
}

static const char *strtab_fault(const struct elfhdr *ehdr, u32 index)
{
	const struct elf_shdr *str;

	if (index >= ehdr->e_shnum)
		return "symbol table without a string table";
	str = &purgatory_sections(ehdr)[index];
	if (str->sh_type != SHT_STRTAB)
		return "symbol table without a string table";
	if (!str->sh_size || ((const char *)ehdr)[str->sh_offset +
						  str->sh_size - 1])
		return "string table not NUL-terminated";
	return NULL;
}

static bool symbol_sane(const struct elfhdr *ehdr, const struct purgatory_sym *sym,
			const struct elf_shdr *str)
{
	return sym->st_name < str->sh_size &&
	       (sym->st_shndx < ehdr->e_shnum ||
		sym->st_shndx >= SHN_LORESERVE);
}

static const char *symtab_fault(const struct elfhdr *ehdr, const struct elf_shdr *sh)
{
	const struct elf_shdr *shdr = purgatory_sections(ehdr);
	const struct purgatory_sym *sym = (const void *)ehdr + sh->sh_offset;
	const char *fault;
	size_t i;

	if (sh->sh_size % sizeof(*sym) ||
	    !IS_ALIGNED(sh->sh_offset, __alignof__(*sym)))
		return "symbol table of partial or misaligned entries";
	fault = strtab_fault(ehdr, sh->sh_link);
	if (fault)
		return fault;
	for (i = 0; i < sh->sh_size / sizeof(*sym); i++)
		if (!symbol_sane(ehdr, &sym[i], &shdr[sh->sh_link]))
			return "symbol with a bad name or section index";
	return NULL;
}

static const char *reloc_fault(const struct elfhdr *ehdr, const struct elf_shdr *sh)
{
	size_t stride = sh->sh_type == SHT_RELA ? PURGATORY_RELA_SIZE :
						   PURGATORY_REL_SIZE;
	const struct elf_shdr *shdr = purgatory_sections(ehdr);
	const void *rel = (const void *)ehdr + sh->sh_offset;
	size_t i;

	if (sh->sh_size % stride ||
	    !IS_ALIGNED(sh->sh_offset, sizeof(elf_addr_t)))
		return "relocations of partial or misaligned entries";
	if (sh->sh_link >= ehdr->e_shnum ||
	    shdr[sh->sh_link].sh_type != SHT_SYMTAB)
		return "relocations without a symbol table";
	if (sh->sh_info >= ehdr->e_shnum)
		return "relocations of a section that does not exist";
	if (!purgatory_loaded(&shdr[sh->sh_info]))
		return NULL;
	for (i = 0; i < sh->sh_size / stride; i++) {
		const elf_addr_t *r_offset = rel + i * stride;

		if (*r_offset >= shdr[sh->sh_info].sh_size)
			return "relocation outside its section";
	}
	return NULL;
}

/* One section whose bytes sections_fault() found inside the object. */
static const char *section_fault(const struct elfhdr *ehdr,
				 const struct elf_shdr *sh)
{
	const char *fault = alloc_fault(sh);

	if (fault)
		return fault;
	if (sh->sh_type == SHT_SYMTAB)
		return symtab_fault(ehdr, sh);
	if (sh->sh_type == SHT_REL || sh->sh_type == SHT_RELA)
		return reloc_fault(ehdr, sh);
	return NULL;
}

/*
 * Every section's bytes are checked to be inside the object before any
 * table that names another section is followed.
 */
static const char *sections_fault(const struct elfhdr *ehdr, size_t size)
{
	const struct elf_shdr *shdr = purgatory_sections(ehdr);
	const char *fault;
	unsigned int i;

	for (i = 0; i < ehdr->e_shnum; i++)
		if (!bytes_inside(size, &shdr[i]))
			return "section outside the object";
	for (i = 0; i < ehdr->e_shnum; i++) {
		fault = section_fault(ehdr, &shdr[i]);
		if (fault)
			return fault;
	}
	return NULL;
}

/**
 * purgatory_object_fault() - check a purgatory object before reading it
 * @obj:	the object
 * @size:	its size in bytes
 *
 * The rules, in order: an ELF header of this machine's class, byte order
 * and type (ET_REL); a section table of whole entries inside the object;
 * every section's bytes inside it; allocated sections aligned to a power
 * of two; symbol tables of whole entries, each
 * with a NUL-terminated string table, every name inside it and every
 * section index valid; relocation tables of whole entries that name a
 * symbol table and a section, every offset inside that section.
 *
 * Context: any.
 * Return: NULL for an object the loader may follow, or the rule it
 * breaks.
 */
const char *purgatory_object_fault(const void *obj, size_t size)
{
	const char *fault = ident_fault(obj, size);

	if (fault)
		return fault;
	fault = table_fault(obj, size);
	if (fault)
		return fault;
	return sections_fault(obj, size);
}

static unsigned long section_align(const struct elf_shdr *sh)
{
	return max_t(unsigned long, sh->sh_addralign, 1);
}

/**
 * purgatory_measure() - how much memory the loaded copy needs
 * @ehdr:	an object purgatory_object_fault() accepted
 * @bufsz:	set to the bytes with content, the last section's end
 * @memsz:	set to the whole copy, NOBITS sections included
 * @align:	set to the largest section alignment
 *
 * Context: any.
 * Return: 0, or -ENOEXEC if the sizes overflow.
 */
int purgatory_measure(const struct elfhdr *ehdr, unsigned long *bufsz,
		      unsigned long *memsz, unsigned long *align)
{
	const struct elf_shdr *shdr = purgatory_sections(ehdr);
	unsigned long content = 0, bss = 0, bss_align = 1;
	unsigned int i;

	*align = 1;
	for (i = 0; i < ehdr->e_shnum; i++) {
		const struct elf_shdr *sh = &shdr[i];
		unsigned long *end = purgatory_loaded(sh) ? &content : &bss;

		if (!(sh->sh_flags & SHF_ALLOC))
			continue;
		*align = max(*align, section_align(sh));
		if (!purgatory_loaded(sh))
			bss_align = max(bss_align, section_align(sh));
		*end = ALIGN(*end, section_align(sh));
		if (check_add_overflow(*end, (unsigned long)sh->sh_size, end))
			return -ENOEXEC;
	}
	*bufsz = ALIGN(content, bss_align);
	if (*bufsz < content || check_add_overflow(*bufsz, bss, memsz))
		return -ENOEXEC;
	return 0;
}

/**
 * purgatory_place() - lay the sections out at their load address
 * @ehdr:	an object purgatory_object_fault() accepted
 * @sechdrs:	a copy of its section table, rewritten as the DOC says
 * @buf:	the buffer of purgatory_measure()'s @bufsz bytes
 * @mem:	the load address of @buf
 * @bufsz:	that size, where the NOBITS sections begin
 *
 * Context: any.
 */
void purgatory_place(const struct elfhdr *ehdr, struct elf_shdr *sechdrs, void *buf,
		     unsigned long mem, unsigned long bufsz)
{
	unsigned long off = 0, bss = bufsz;
	unsigned int i;

	for (i = 0; i < ehdr->e_shnum; i++) {
		struct elf_shdr *sh = &sechdrs[i];

		if (!(sh->sh_flags & SHF_ALLOC))
			continue;
		if (!purgatory_loaded(sh)) {
			bss = ALIGN(bss, section_align(sh));
			sh->sh_addr = mem + bss;
			bss += sh->sh_size;
			continue;
		}
		off = ALIGN(off, section_align(sh));
		memcpy(buf + off, (const void *)ehdr + sh->sh_offset,
		       sh->sh_size);
		sh->sh_addr = mem + off;
		sh->sh_offset = off;
		off += sh->sh_size;
	}
}

/**
 * purgatory_find_symbol() - a defined global symbol of the object
 * @ehdr:	an object purgatory_object_fault() accepted
 * @name:	its name
 *
 * Context: any.
 * Return: the symbol, as the object has it, or NULL.
 */
const struct purgatory_sym *purgatory_find_symbol(const struct elfhdr *ehdr, const char *name)
{
	const struct elf_shdr *shdr = purgatory_sections(ehdr);
	unsigned int i;
	size_t k;

	for (i = 0; i < ehdr->e_shnum; i++) {
		const struct purgatory_sym *sym = (const void *)ehdr + shdr[i].sh_offset;
		const char *str;

		if (shdr[i].sh_type != SHT_SYMTAB)
			continue;
		str = (const void *)ehdr + shdr[shdr[i].sh_link].sh_offset;
		for (k = 0; k < shdr[i].sh_size / sizeof(*sym); k++) {
			if (ELF_ST_BIND(sym[k].st_info) != STB_GLOBAL ||
			    sym[k].st_shndx == SHN_UNDEF ||
			    sym[k].st_shndx >= ehdr->e_shnum)
				continue;
			if (!strcmp(str + sym[k].st_name, name))
				return &sym[k];
		}
	}
	return NULL;
}

static bool executable(const struct elf_shdr *sh)
{
	return purgatory_loaded(sh) && (sh->sh_flags & SHF_EXECINSTR);
}

/**
 * purgatory_entry() - the loaded copy's entry point
 * @ehdr:	an object purgatory_object_fault() accepted
 * @sechdrs:	its section table after purgatory_place()
 * @entry:	set to the entry point's load address
 *
 * Context: any.
 * Return: 0, or -ENOEXEC if no executable section holds an entry point.
 */
int purgatory_entry(const struct elfhdr *ehdr, const struct elf_shdr *sechdrs,
		    unsigned long *entry)
{
	const struct purgatory_sym *sym = purgatory_find_symbol(ehdr, PURGATORY_ENTRY_SYMBOL);
	const struct elf_shdr *orig = purgatory_sections(ehdr);
	unsigned int i;

	if (sym && executable(&sechdrs[sym->st_shndx]) &&
	    sym->st_value < sechdrs[sym->st_shndx].sh_size) {
		*entry = sechdrs[sym->st_shndx].sh_addr + sym->st_value;
		return 0;
	}
	for (i = 0; i < ehdr->e_shnum; i++) {
		if (!executable(&orig[i]) || ehdr->e_entry < orig[i].sh_addr ||
		    ehdr->e_entry - orig[i].sh_addr >= orig[i].sh_size)
			continue;
		*entry = sechdrs[i].sh_addr + (ehdr->e_entry - orig[i].sh_addr);
		return 0;
	}
	return -ENOEXEC;
}
