// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for reading an ELF purgatory object
 * (kernel/kexec/purgatory_elf.c).
 *
 * The suite builds a small relocatable object of the running kernel's
 * class and machine (text, data, bss, a symbol table, its strings and one
 * relocation table), then breaks it one field at a time: each case names
 * the rule that must fire, so deleting any rule turns a case red.  The
 * intact object must be accepted, measured, laid out at a load address
 * and searched for symbols and its entry point exactly as the DOC block
 * of purgatory.c says.
 */
#include <kunit/test.h>
#include <linux/elf.h>
#include <linux/kexec.h>
#include <linux/stddef.h>
#include <linux/string.h>

#include "../internal.h"

enum { S_NULL, S_TEXT, S_DATA, S_BSS, S_SYMTAB, S_STRTAB, S_RELA, S_NR };
enum { Y_NULL, Y_START, Y_VAR, Y_LOCAL, Y_UNDEF, Y_NR };

/* Offsets of the names in the string table below. */
#define N_START		1
#define N_VAR		17
#define N_LOCAL		21
#define N_UNDEF		27
static const char strings[] = "\0purgatory_start\0var\0local\0undef";

#define TEXT_ADDR	0x1000	/* the text's link-time address */
#define LOAD_ADDR	0x200000UL

/* The relocation entry: r_offset, r_info, r_addend, address-sized. */
struct test_rela {
	elf_addr_t offset;
	elf_addr_t info;
	elf_addr_t addend;
};

struct test_obj {
	struct elfhdr ehdr;
	u8 text[32];
	u8 data[24];
	struct purgatory_sym sym[Y_NR];
	char str[64];
	struct test_rela rela[1];
	struct elf_shdr shdr[S_NR];
};

static void set_section(struct test_obj *o, int i, u32 type,
			unsigned long flags, size_t off, size_t size,
			unsigned long align)
{
	o->shdr[i].sh_type = type;
	o->shdr[i].sh_flags = flags;
	o->shdr[i].sh_offset = off;
	o->shdr[i].sh_size = size;
	o->shdr[i].sh_addralign = align;
}

static void set_symbol(struct test_obj *o, int i, u32 name,
		       unsigned char bind, u16 shndx, unsigned long value,
		       unsigned long size)
{
	o->sym[i].st_name = name;
	o->sym[i].st_info = (bind << 4) | STT_OBJECT;
	o->sym[i].st_shndx = shndx;
	o->sym[i].st_value = value;
	o->sym[i].st_size = size;
}

static void fill_header(struct elfhdr *e)
{
	memcpy(e->e_ident, ELFMAG, SELFMAG);
	e->e_ident[EI_CLASS] = ELF_CLASS;
	e->e_ident[EI_DATA] = ELF_DATA;
	e->e_ident[EI_VERSION] = EV_CURRENT;
	e->e_type = ET_REL;
	e->e_machine = ELF_ARCH;
	e->e_entry = TEXT_ADDR + 8;
	e->e_shoff = offsetof(struct test_obj, shdr);
	e->e_shentsize = sizeof(struct elf_shdr);
	e->e_shnum = S_NR;
}

static void fill_sections(struct test_obj *o)
{
	set_section(o, S_TEXT, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
		    offsetof(struct test_obj, text), sizeof(o->text), 16);
	o->shdr[S_TEXT].sh_addr = TEXT_ADDR;
	set_section(o, S_DATA, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE,
		    offsetof(struct test_obj, data), sizeof(o->data), 8);
	set_section(o, S_BSS, SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 0, 100, 64);
	set_section(o, S_SYMTAB, SHT_SYMTAB, 0, offsetof(struct test_obj, sym),
		    sizeof(o->sym), 8);
	o->shdr[S_SYMTAB].sh_link = S_STRTAB;
	set_section(o, S_STRTAB, SHT_STRTAB, 0, offsetof(struct test_obj, str),
		    sizeof(o->str), 1);
	set_section(o, S_RELA, SHT_RELA, 0, offsetof(struct test_obj, rela),
		    sizeof(o->rela), 8);
	o->shdr[S_RELA].sh_link = S_SYMTAB;
	o->shdr[S_RELA].sh_info = S_TEXT;
}

/* The intact object; its text and data are byte patterns. */
static struct test_obj *make_obj(struct kunit *test)
{
	struct test_obj *o = kunit_kzalloc(test, sizeof(*o), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, o);
	fill_header(&o->ehdr);
	fill_sections(o);
	memset(o->text, 0xc3, sizeof(o->text));
	memset(o->data, 0x5a, sizeof(o->data));
	memcpy(o->str, strings, sizeof(strings));
	set_symbol(o, Y_START, N_START, STB_GLOBAL, S_TEXT, 4, 0);
	set_symbol(o, Y_VAR, N_VAR, STB_GLOBAL, S_DATA, 8, 8);
	set_symbol(o, Y_LOCAL, N_LOCAL, STB_LOCAL, S_DATA, 0, 8);
	set_symbol(o, Y_UNDEF, N_UNDEF, STB_GLOBAL, SHN_UNDEF, 0, 0);
	o->rela[0].offset = 8;
	return o;
}

/* --- the rules ---------------------------------------------------------- */

struct rule_case {
	const char *name;
	void (*breaks)(struct test_obj *o, size_t *size);
	const char *fault;
};

#define BREAK(fn, stmt) \
	static void fn(struct test_obj *o, size_t *size) { stmt; }

BREAK(short_header, *size = sizeof(struct elfhdr) - 1)
BREAK(bad_magic, o->ehdr.e_ident[EI_MAG1] = 'X')
BREAK(bad_class, o->ehdr.e_ident[EI_CLASS] = ELFCLASSNONE)
BREAK(bad_data, o->ehdr.e_ident[EI_DATA] = ELFDATANONE)
BREAK(bad_version, o->ehdr.e_ident[EI_VERSION] = EV_NONE)
BREAK(executable_type, o->ehdr.e_type = ET_EXEC)
BREAK(other_machine, o->ehdr.e_machine = EM_NONE)
BREAK(bad_shentsize, o->ehdr.e_shentsize = sizeof(struct elf_shdr) - 1)
BREAK(no_sections, o->ehdr.e_shnum = 0)
/* One byte early: still inside the object, but not aligned. */
BREAK(table_misaligned, o->ehdr.e_shoff -= 1)
BREAK(table_truncated, *size -= 1)
BREAK(text_outside, o->shdr[S_TEXT].sh_offset = *size)
BREAK(strtab_outside, o->shdr[S_STRTAB].sh_size = *size)
BREAK(align_not_pow2, o->shdr[S_DATA].sh_addralign = 24)
BREAK(symtab_partial, o->shdr[S_SYMTAB].sh_size -= 1)
BREAK(symtab_misaligned, o->shdr[S_SYMTAB].sh_offset += 1)
BREAK(symtab_link_range, o->shdr[S_SYMTAB].sh_link = S_NR)
BREAK(symtab_link_type, o->shdr[S_SYMTAB].sh_link = S_TEXT)
BREAK(strtab_unterminated, o->str[sizeof(o->str) - 1] = 'x')
BREAK(name_outside, o->sym[Y_VAR].st_name = sizeof(o->str))
BREAK(shndx_outside, o->sym[Y_VAR].st_shndx = S_NR)
BREAK(rela_partial, o->shdr[S_RELA].sh_size -= 1)
BREAK(rela_misaligned, o->shdr[S_RELA].sh_offset += 1)
BREAK(rela_link, o->shdr[S_RELA].sh_link = S_STRTAB)
BREAK(rela_info, o->shdr[S_RELA].sh_info = S_NR)
BREAK(rela_offset, o->rela[0].offset = sizeof(o->text))

#define NOT_ELF		"not an ELF object"
#define FOREIGN		"ELF class, byte order or version of another machine"
#define NO_TABLE	"no section table of this machine's entry size"
#define SYMTAB_ENTRIES	"symbol table of partial or misaligned entries"
#define RELA_ENTRIES	"relocations of partial or misaligned entries"
#define OUTSIDE		"section outside the object"
#define NO_STRTAB	"symbol table without a string table"
#define BAD_SYMBOL	"symbol with a bad name or section index"

static const struct rule_case rule_cases[] = {
	{ "short header", short_header, NOT_ELF },
	{ "magic", bad_magic, NOT_ELF },
	{ "class", bad_class, FOREIGN },
	{ "byte order", bad_data, FOREIGN },
	{ "version", bad_version, FOREIGN },
	{ "ET_EXEC", executable_type, "not a relocatable object" },
	{ "machine", other_machine, "built for another machine" },
	{ "shentsize", bad_shentsize, NO_TABLE },
	{ "no sections", no_sections, NO_TABLE },
	{ "table misaligned", table_misaligned, "section table misaligned" },
	{ "table truncated", table_truncated,
	  "section table outside the object" },
	{ "text outside", text_outside, OUTSIDE },
	{ "strtab outside", strtab_outside, OUTSIDE },
	{ "alignment 24", align_not_pow2,
	  "section alignment not a power of two" },
	{ "symtab partial", symtab_partial, SYMTAB_ENTRIES },
	{ "symtab misaligned", symtab_misaligned, SYMTAB_ENTRIES },
	{ "symtab link range", symtab_link_range, NO_STRTAB },
	{ "symtab link type", symtab_link_type, NO_STRTAB },
	{ "strtab unterminated", strtab_unterminated,
	  "string table not NUL-terminated" },
	{ "name outside", name_outside, BAD_SYMBOL },
	{ "shndx outside", shndx_outside, BAD_SYMBOL },
	{ "rela partial", rela_partial, RELA_ENTRIES },
	{ "rela misaligned", rela_misaligned, RELA_ENTRIES },
	{ "rela link", rela_link, "relocations without a symbol table" },
	{ "rela info", rela_info,
	  "relocations of a section that does not exist" },
	{ "rela offset", rela_offset, "relocation outside its section" },
};

static void rule_case_desc(const struct rule_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rule, rule_cases, rule_case_desc);

static void rule_fires(struct kunit *test)
{
	const struct rule_case *c = test->param_value;
	struct test_obj *o = make_obj(test);
	size_t size = sizeof(*o);
	const char *fault;

	c->breaks(o, &size);
	fault = purgatory_object_fault(o, size);
	KUNIT_ASSERT_NOT_NULL(test, fault);
	KUNIT_EXPECT_STREQ(test, fault, c->fault);
}

static void intact_accepted(struct kunit *test)
{
	struct test_obj *o = make_obj(test);

	KUNIT_EXPECT_NULL(test, purgatory_object_fault(o, sizeof(*o)));
}

/* A relocation of a section that is not loaded is not bounds-checked. */
static void rela_of_unloaded_accepted(struct kunit *test)
{
	struct test_obj *o = make_obj(test);

	o->shdr[S_RELA].sh_info = S_STRTAB;
	o->rela[0].offset = ~0UL;
	KUNIT_EXPECT_NULL(test, purgatory_object_fault(o, sizeof(*o)));
}

/* --- layout, symbols, entry --------------------------------------------- */

/*
 * Text at 0 (32 bytes), data at 32 (24 bytes, to 56); the bss, aligned
 * to 64, starts the zero fill at 64 and ends at 164.
 */
static void measure(struct kunit *test)
{
	struct test_obj *o = make_obj(test);
	unsigned long bufsz, memsz, align;

	KUNIT_ASSERT_EQ(test, purgatory_measure(&o->ehdr, &bufsz, &memsz,
						&align), 0);
	KUNIT_EXPECT_EQ(test, bufsz, 64UL);
	KUNIT_EXPECT_EQ(test, memsz, 164UL);
	KUNIT_EXPECT_EQ(test, align, 64UL);
}

static void measure_overflow(struct kunit *test)
{
	struct test_obj *o = make_obj(test);
	unsigned long bufsz, memsz, align;

	o->shdr[S_BSS].sh_size = ULONG_MAX - 10;
	KUNIT_EXPECT_EQ(test, purgatory_measure(&o->ehdr, &bufsz, &memsz,
						&align), -ENOEXEC);
}

static struct elf_shdr *placed(struct kunit *test, struct test_obj *o, u8 *buf)
{
	struct elf_shdr *sh = kunit_kzalloc(test, sizeof(o->shdr), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, sh);
	memcpy(sh, o->shdr, sizeof(o->shdr));
	purgatory_place(&o->ehdr, sh, buf, LOAD_ADDR, 64);
	return sh;
}

static void place(struct kunit *test)
{
	struct test_obj *o = make_obj(test);
	u8 *buf = kunit_kzalloc(test, 64, GFP_KERNEL);
	struct elf_shdr *sh;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	sh = placed(test, o, buf);
	KUNIT_EXPECT_EQ(test, sh[S_TEXT].sh_addr, LOAD_ADDR);
	KUNIT_EXPECT_EQ(test, sh[S_TEXT].sh_offset, 0UL);
	KUNIT_EXPECT_EQ(test, sh[S_DATA].sh_addr, LOAD_ADDR + 32);
	KUNIT_EXPECT_EQ(test, sh[S_DATA].sh_offset, 32UL);
	KUNIT_EXPECT_EQ(test, sh[S_BSS].sh_addr, LOAD_ADDR + 64);
	/* Sections not loaded keep their file offsets. */
	KUNIT_EXPECT_EQ(test, sh[S_STRTAB].sh_offset,
			o->shdr[S_STRTAB].sh_offset);
	KUNIT_EXPECT_EQ(test, memcmp(buf, o->text, sizeof(o->text)), 0);
	KUNIT_EXPECT_EQ(test, memcmp(buf + 32, o->data, sizeof(o->data)), 0);
	KUNIT_EXPECT_EQ(test, buf[56], 0);
}

static void symbols(struct kunit *test)
{
	struct test_obj *o = make_obj(test);
	const struct purgatory_sym *sym = purgatory_find_symbol(&o->ehdr, "var");

	KUNIT_ASSERT_NOT_NULL(test, sym);
	KUNIT_EXPECT_PTR_EQ(test, sym, &o->sym[Y_VAR]);
	KUNIT_EXPECT_NULL(test, purgatory_find_symbol(&o->ehdr, "local"));
	KUNIT_EXPECT_NULL(test, purgatory_find_symbol(&o->ehdr, "undef"));
	KUNIT_EXPECT_NULL(test, purgatory_find_symbol(&o->ehdr, "va"));
}

/* Where @o's entry point lands once it is placed at LOAD_ADDR. */
static int placed_entry(struct kunit *test, struct test_obj *o,
			unsigned long *entry)
{
	u8 *buf = kunit_kzalloc(test, 64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	*entry = 0;
	return purgatory_entry(&o->ehdr, placed(test, o, buf), entry);
}

static void entry_from_symbol(struct kunit *test)
{
	struct test_obj *o = make_obj(test);
	unsigned long entry;

	KUNIT_ASSERT_EQ(test, placed_entry(test, o, &entry), 0);
	KUNIT_EXPECT_EQ(test, entry, LOAD_ADDR + 4);
}

/* Without purgatory_start, e_entry inside the text's link-time range. */
static void entry_from_e_entry(struct kunit *test)
{
	struct test_obj *o = make_obj(test);
	unsigned long entry;

	o->sym[Y_START].st_info = STB_LOCAL << 4;
	KUNIT_ASSERT_EQ(test, placed_entry(test, o, &entry), 0);
	KUNIT_EXPECT_EQ(test, entry, LOAD_ADDR + 8);
}

/*
 * purgatory_start in a data section does not count; nor does e_entry
 * past the text.
 */
static void entry_missing(struct kunit *test)
{
	struct test_obj *o = make_obj(test);
	unsigned long entry;

	o->sym[Y_START].st_shndx = S_DATA;
	o->ehdr.e_entry = TEXT_ADDR + sizeof(o->text);
	KUNIT_EXPECT_EQ(test, placed_entry(test, o, &entry), -ENOEXEC);
}

static struct kunit_case purgatory_test_cases[] = {
	KUNIT_CASE(intact_accepted),
	KUNIT_CASE_PARAM(rule_fires, rule_gen_params),
	KUNIT_CASE(rela_of_unloaded_accepted),
	KUNIT_CASE(measure),
	KUNIT_CASE(measure_overflow),
	KUNIT_CASE(place),
	KUNIT_CASE(symbols),
	KUNIT_CASE(entry_from_symbol),
	KUNIT_CASE(entry_from_e_entry),
	KUNIT_CASE(entry_missing),
	{}
};

static struct kunit_suite purgatory_test_suite = {
	.name = "kexec_purgatory",
	.test_cases = purgatory_test_cases,
};

kunit_test_suite(purgatory_test_suite);
