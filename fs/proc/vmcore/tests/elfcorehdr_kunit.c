// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the ELF core header rules, the note walk and merge, and
 * the file layout of /proc/vmcore.  Everything runs on headers built in
 * memory; no old memory is touched.
 *
 * Run with: ./tools/testing/kunit/kunit.py run --arch=x86_64 \
 *	--kunitconfig=fs/proc/vmcore/tests
 */

#include <kunit/test.h>
#include <linux/elf.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>

#include "../internal.h"

#define TEST_NOTE_PA	0x1000ULL
#define TEST_NOTE_LEN	0x400ULL
#define TEST_LOAD1_PA	0x100800ULL
#define TEST_LOAD1_LEN	0x200000ULL
#define TEST_LOAD2_PA	0x400000ULL
#define TEST_LOAD2_LEN	0x1000ULL
/* The capture kernel's own memory, as the rules are told. */
#define TEST_OWN_PA	0x800000ULL
#define TEST_OWN_END	0x900000ULL

struct test_core {
	const struct vmcore_elf_class *cls;
	size_t len;
	union {
		u64 align;
		u8 bytes[1024];
	};
};

static void *ph(struct test_core *t, unsigned int i)
{
	return t->bytes + t->cls->ehdr_size + i * t->cls->phdr_size;
}

static void set_eh(struct test_core *t, enum vmcore_ehdr_field f, u64 val)
{
	vmcore_ehdr_put(t->cls, t->bytes, f, val);
}

static void set_ph(struct test_core *t, unsigned int i, u32 type, u64 pa,
		   u64 filesz, u64 memsz)
{
	vmcore_phdr_put(t->cls, ph(t, i), VMCORE_P_TYPE, type);
	vmcore_phdr_put(t->cls, ph(t, i), VMCORE_P_OFFSET, pa);
	vmcore_phdr_put(t->cls, ph(t, i), VMCORE_P_PADDR, pa);
	vmcore_phdr_put(t->cls, ph(t, i), VMCORE_P_FILESZ, filesz);
	vmcore_phdr_put(t->cls, ph(t, i), VMCORE_P_MEMSZ, memsz);
}

/* A good core header: one PT_NOTE and two PT_LOADs. */
static struct test_core *make_core(struct kunit *test, u8 ident)
{
	struct test_core *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->cls = vmcore_elf_class_of(ident);
	KUNIT_ASSERT_NOT_NULL(test, t->cls);
	memcpy(t->bytes, ELFMAG, SELFMAG);
	t->bytes[EI_CLASS] = ident;
	t->bytes[EI_DATA] = ELF_DATA;
	t->bytes[EI_VERSION] = EV_CURRENT;
	set_eh(t, VMCORE_E_TYPE, ET_CORE);
	set_eh(t, VMCORE_E_MACHINE, ELF_ARCH);
	set_eh(t, VMCORE_E_VERSION, EV_CURRENT);
	set_eh(t, VMCORE_E_PHOFF, t->cls->ehdr_size);
	set_eh(t, VMCORE_E_EHSIZE, t->cls->ehdr_size);
	set_eh(t, VMCORE_E_PHENTSIZE, t->cls->phdr_size);
	set_eh(t, VMCORE_E_PHNUM, 3);
	set_ph(t, 0, PT_NOTE, TEST_NOTE_PA, TEST_NOTE_LEN, TEST_NOTE_LEN);
	set_ph(t, 1, PT_LOAD, TEST_LOAD1_PA, TEST_LOAD1_LEN, TEST_LOAD1_LEN);
	set_ph(t, 2, PT_LOAD, TEST_LOAD2_PA, TEST_LOAD2_LEN, TEST_LOAD2_LEN);
	t->len = t->cls->ehdr_size + 3 * t->cls->phdr_size;
	/* Only where class_taken() is false. */
	if (!t->cls->machine_ok(t->bytes))
		kunit_skip(test, "this kernel takes no ELFCLASS%u core header",
			   ident == ELFCLASS32 ? 32 : 64);
	return t;
}

static int check(struct test_core *t, struct vmcore_hdr *h, const char **why)
{
	return vmcore_check_header(h, t->bytes, t->len, t->len, why);
}

/* --- the class tables agree with <linux/elf.h> ------------------------ */

static void elfcorehdr_test_accessors_match_elf_h(struct kunit *test)
{
	const struct vmcore_elf_class *c32 = vmcore_elf_class_of(ELFCLASS32);
	const struct vmcore_elf_class *c64 = vmcore_elf_class_of(ELFCLASS64);
	struct elf32_hdr e32 = { .e_phoff = 0x11223344, .e_phnum = 0x5566 };
	struct elf64_phdr p64 = { .p_memsz = 0x1122334455667788ULL,
				  .p_type = 0x99aabbcc };

	KUNIT_ASSERT_NOT_NULL(test, c32);
	KUNIT_ASSERT_NOT_NULL(test, c64);
	KUNIT_EXPECT_EQ(test, c32->ehdr_size, sizeof(e32));
	KUNIT_EXPECT_EQ(test, c64->phdr_size, sizeof(p64));
	KUNIT_EXPECT_EQ(test, vmcore_ehdr_get(c32, &e32, VMCORE_E_PHOFF),
			0x11223344ULL);
	KUNIT_EXPECT_EQ(test, vmcore_ehdr_get(c32, &e32, VMCORE_E_PHNUM),
			0x5566ULL);
	KUNIT_EXPECT_EQ(test, vmcore_phdr_get(c64, &p64, VMCORE_P_MEMSZ),
			0x1122334455667788ULL);
	KUNIT_EXPECT_EQ(test, vmcore_phdr_get(c64, &p64, VMCORE_P_TYPE),
			0x99aabbccULL);
	KUNIT_EXPECT_FALSE(test, vmcore_ehdr_put(c32, &e32, VMCORE_E_PHOFF,
						 1ULL << 32));
	KUNIT_EXPECT_EQ(test, e32.e_phoff, 0x11223344U);
}

/* --- good headers ---------------------------------------------------- */

static const u8 test_classes[] = { ELFCLASS32, ELFCLASS64 };

static void class_desc(const u8 *ident, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "ELFCLASS%u",
		 *ident == ELFCLASS32 ? 32 : 64);
}

KUNIT_ARRAY_PARAM(any_class, test_classes, class_desc);

/* Does this kernel take core headers of class @ident for its machine? */
static bool class_taken(u8 ident)
{
	const struct vmcore_elf_class *cls = vmcore_elf_class_of(ident);
	u8 hdr[sizeof(struct elf64_hdr)] = { };

	hdr[EI_CLASS] = ident;
	vmcore_ehdr_put(cls, hdr, VMCORE_E_MACHINE, ELF_ARCH);
	return cls->machine_ok(hdr);
}

/*
 * The classes the parameterized cases run with: both, except where the
 * architecture takes only its own (riscv64's elf_check_arch() wants
 * ELFCLASS64, as in 6.1).  A class left out is not a case at all, because
 * 6.1's KUnit prints a skipped parameter as "ok" with no SKIP directive.
 */
static const void *test_class_gen_params(const void *prev, char *desc)
{
	const u8 *ident = prev;

	while ((ident = any_class_gen_params(ident, desc)))
		if (class_taken(*ident))
			return ident;
	return NULL;
}

static void elfcorehdr_test_good_header_accepted(struct kunit *test)
{
	struct test_core *t = make_core(test, *(const u8 *)test->param_value);
	const char *why = NULL;
	struct vmcore_hdr h = { };

	KUNIT_EXPECT_EQ_MSG(test, check(t, &h, &why), 0, "%s", why);
	KUNIT_EXPECT_EQ(test, h.phnum, 3U);
	KUNIT_EXPECT_EQ(test, vmcore_hdr_count(&h, PT_LOAD), 2U);
	KUNIT_EXPECT_EQ(test, vmcore_hdr_count(&h, PT_NOTE), 1U);
}

static void elfcorehdr_test_nested_loads_accepted(struct kunit *test)
{
	struct test_core *t = make_core(test, ELFCLASS64);
	const char *why = NULL;
	struct vmcore_hdr h = { };

	/* Like x86_64's kernel image segment inside its RAM segment. */
	set_ph(t, 2, PT_LOAD, TEST_LOAD1_PA + 0x1000, 0x3000, 0x3000);
	KUNIT_EXPECT_EQ_MSG(test, check(t, &h, &why), 0, "%s", why);
}

static void elfcorehdr_test_size_of_address_only_header(struct kunit *test)
{
	struct test_core *t = make_core(test, ELFCLASS64);
	const char *why = NULL;
	struct vmcore_hdr h = { };

	/* Only the ELF header read so far, the size not declared. */
	KUNIT_EXPECT_EQ(test, vmcore_check_ehdr(&h, t->bytes,
						t->cls->ehdr_size,
						VMCORE_HDR_MAX, &why), 0);
	KUNIT_EXPECT_EQ(test, vmcore_hdr_table_end(&h), (u64)t->len);
}

/* --- bad headers ----------------------------------------------------- */

struct bad_case {
	const char *name;
	void (*spoil)(struct test_core *t);
	const char *why;
	int phdr;
};

static void spoil_magic(struct test_core *t)
{
	t->bytes[EI_MAG1] = 'X';
}

static void spoil_class(struct test_core *t)
{
	t->bytes[EI_CLASS] = ELFCLASSNONE;
}

static void spoil_byte_order(struct test_core *t)
{
	t->bytes[EI_DATA] ^= ELFDATA2LSB ^ ELFDATA2MSB;
}

static void spoil_ident_version(struct test_core *t)
{
	t->bytes[EI_VERSION] = EV_NONE;
}

static void spoil_truncated(struct test_core *t)
{
	t->len = EI_NIDENT + 4;
}

static void spoil_version(struct test_core *t)
{
	set_eh(t, VMCORE_E_VERSION, EV_NONE);
}

static void spoil_type(struct test_core *t)
{
	set_eh(t, VMCORE_E_TYPE, ET_EXEC);
}

static void spoil_machine(struct test_core *t)
{
	set_eh(t, VMCORE_E_MACHINE, EM_NONE);
}

static void spoil_phentsize(struct test_core *t)
{
	set_eh(t, VMCORE_E_PHENTSIZE, t->cls->phdr_size + 8);
}

static void spoil_phnum_xnum(struct test_core *t)
{
	set_eh(t, VMCORE_E_PHNUM, PN_XNUM);
}

static void spoil_phnum_zero(struct test_core *t)
{
	set_eh(t, VMCORE_E_PHNUM, 0);
}

static void spoil_phnum_large(struct test_core *t)
{
	set_eh(t, VMCORE_E_PHNUM, VMCORE_PHNUM_MAX);
}

static void spoil_phoff_inside(struct test_core *t)
{
	set_eh(t, VMCORE_E_PHOFF, 8);
}

static void spoil_phoff_beyond(struct test_core *t)
{
	set_eh(t, VMCORE_E_PHOFF, t->cls->ehdr_size + t->cls->phdr_size);
}

static void spoil_phoff_huge(struct test_core *t)
{
	set_eh(t, VMCORE_E_PHOFF, U64_MAX - 8);
}

static void spoil_load_wrap(struct test_core *t)
{
	set_ph(t, 2, PT_LOAD, U64_MAX - 0x1000, 0x10000, 0x10000);
}

static void spoil_load_filesz(struct test_core *t)
{
	set_ph(t, 1, PT_LOAD, TEST_LOAD1_PA, TEST_LOAD1_LEN + 1, TEST_LOAD1_LEN);
}

static void spoil_loads_too_big(struct test_core *t)
{
	set_ph(t, 1, PT_LOAD, 0, 1ULL << 62, 1ULL << 62);
	set_ph(t, 2, PT_LOAD, 1ULL << 62, 1ULL << 62, 1ULL << 62);
}

static const struct bad_case bad_cases[] = {
	{ "bad magic", spoil_magic, "bad ELF magic", -1 },
	{ "bad class", spoil_class, "unknown ELF class", -1 },
	{ "foreign byte order", spoil_byte_order,
	  "byte order differs from this kernel", -1 },
	{ "bad e_ident version", spoil_ident_version,
	  "bad e_ident[EI_VERSION]", -1 },
	{ "truncated", spoil_truncated, "ELF header truncated", -1 },
	{ "bad e_version", spoil_version, "bad e_version", -1 },
	{ "not ET_CORE", spoil_type, "e_type is not ET_CORE", -1 },
	{ "foreign machine", spoil_machine,
	  "e_machine does not match this kernel", -1 },
	{ "bad e_phentsize", spoil_phentsize, "bad e_phentsize", -1 },
	{ "PN_XNUM", spoil_phnum_xnum,
	  "extended numbering (PN_XNUM) is not supported", -1 },
	{ "no program headers", spoil_phnum_zero, "no program headers", -1 },
	{ "e_phnum too large", spoil_phnum_large,
	  "program headers extend beyond the elfcorehdr size", -1 },
	{ "e_phoff inside the ELF header", spoil_phoff_inside,
	  "e_phoff points into the ELF header", -1 },
	{ "program headers beyond the size", spoil_phoff_beyond,
	  "program headers extend beyond the elfcorehdr size", -1 },
	{ "e_phoff wraps", spoil_phoff_huge,
	  "program headers extend beyond the elfcorehdr size", -1 },
	{ "PT_LOAD wraps", spoil_load_wrap,
	  "PT_LOAD wraps or leaves the physical address space", 2 },
	{ "p_filesz above p_memsz", spoil_load_filesz,
	  "PT_LOAD p_filesz exceeds p_memsz", 1 },
	{ "PT_LOADs too big for a file", spoil_loads_too_big,
	  "PT_LOAD segments add up to more than a file can hold", -1 },
};

static void bad_case_desc(const struct bad_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bad_header, bad_cases, bad_case_desc);

static void elfcorehdr_test_bad_header_rejected(struct kunit *test)
{
	const struct bad_case *c = test->param_value;
	struct test_core *t = make_core(test, ELFCLASS64);
	const char *why = NULL;
	struct vmcore_hdr h = { };

	c->spoil(t);
	KUNIT_EXPECT_EQ(test, check(t, &h, &why), -EINVAL);
	KUNIT_EXPECT_STREQ(test, why ?: "(none)", c->why);
	KUNIT_EXPECT_EQ(test, h.bad_phdr, c->phdr);
}

/* Only the ELF header is read, so the size may be anything. */
static void elfcorehdr_test_table_beyond_4m_rejected(struct kunit *test)
{
	struct test_core *t = make_core(test, ELFCLASS64);
	const char *why = NULL;
	struct vmcore_hdr h = { };

	set_eh(t, VMCORE_E_PHOFF, SZ_8M);
	KUNIT_EXPECT_EQ(test, vmcore_check_ehdr(&h, t->bytes,
						t->cls->ehdr_size, SZ_1G,
						&why), -EINVAL);
	KUNIT_EXPECT_STREQ(test, why ?: "(none)",
			   "program headers end beyond 4 MiB");
}

/* --- damaged headers that still give a dump ------------------------- */

struct salvage_case {
	const char *name;
	void (*spoil)(struct test_core *t);
	int phdr;
	const char *why;
	enum vmcore_verdict verdict;
	unsigned int loads;	/* PT_LOADs left */
	unsigned int notes;	/* PT_NOTEs left */
};

static void spoil_loads_overlap(struct test_core *t)
{
	set_ph(t, 2, PT_LOAD, TEST_LOAD1_PA + TEST_LOAD1_LEN - 0x10, 0x20, 0x20);
}

static void spoil_note_size(struct test_core *t)
{
	set_ph(t, 0, PT_NOTE, TEST_NOTE_PA, SZ_2M, SZ_2M);
}

static void spoil_note_align(struct test_core *t)
{
	set_ph(t, 0, PT_NOTE, TEST_NOTE_PA + 2, TEST_NOTE_LEN, TEST_NOTE_LEN);
}

static void spoil_note_wrap(struct test_core *t)
{
	set_ph(t, 0, PT_NOTE, U64_MAX - 0x100, 0x400, 0x400);
}

static void spoil_other_type(struct test_core *t)
{
	set_ph(t, 2, PT_GNU_STACK, 0, 0, 0);
}

static void spoil_load_own(struct test_core *t)
{
	set_ph(t, 2, PT_LOAD, TEST_OWN_PA + 0x1000, 0x1000, 0x1000);
}

/* Its last byte is the own memory's first. */
static void spoil_load_tail_own(struct test_core *t)
{
	set_ph(t, 2, PT_LOAD, TEST_OWN_PA - 0xfff, 0x1000, 0x1000);
}

static void spoil_note_own(struct test_core *t)
{
	set_ph(t, 0, PT_NOTE, TEST_OWN_PA - 0x100, 0x200, 0x200);
}

static const struct salvage_case salvage_cases[] = {
	{ "overlapping PT_LOADs", spoil_loads_overlap, -1,
	  "PT_LOAD segments overlap, each is read on its own", VMCORE_KEEP,
	  2, 1 },
	{ "huge PT_NOTE", spoil_note_size, 0,
	  "PT_NOTE larger than 1 MiB, only its first 1 MiB is read",
	  VMCORE_KEEP, 2, 1 },
	{ "misaligned PT_NOTE", spoil_note_align, 0,
	  "PT_NOTE not 4-byte aligned", VMCORE_KEEP, 2, 1 },
	{ "PT_NOTE wraps", spoil_note_wrap, 0,
	  "PT_NOTE wraps or leaves the physical address space", VMCORE_DROP,
	  2, 0 },
	{ "PT_GNU_STACK", spoil_other_type, 2, "neither PT_LOAD nor PT_NOTE",
	  VMCORE_DROP, 1, 1 },
	{ "PT_LOAD in own memory", spoil_load_own, 2,
	  "PT_LOAD reaches the capture kernel's own memory, which reads as zeros",
	  VMCORE_KEEP, 2, 1 },
	{ "PT_LOAD ending in own memory", spoil_load_tail_own, 2,
	  "PT_LOAD reaches the capture kernel's own memory, which reads as zeros",
	  VMCORE_KEEP, 2, 1 },
	{ "PT_NOTE into own memory", spoil_note_own, 0,
	  "PT_NOTE reaches the capture kernel's own memory, read only up to it",
	  VMCORE_KEEP, 2, 1 },
};

static void salvage_case_desc(const struct salvage_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(salvage, salvage_cases, salvage_case_desc);

/**
 * struct salvage_log - what the rules reported, for the test to judge
 * @h: the header, as the salvage callback sees it
 * @count: how many reports
 * @phdr: program header of the first report
 * @why: message of the first report
 * @verdict: verdict of the first report
 */
struct salvage_log {
	struct vmcore_hdr h;
	unsigned int count;
	int phdr;
	const char *why;
	enum vmcore_verdict verdict;
};

static void record_salvage(const struct vmcore_hdr *h, int phdr,
			   const char *why, enum vmcore_verdict verdict)
{
	struct salvage_log *log = container_of(h, struct salvage_log, h);

	if (!log->count++) {
		log->phdr = phdr;
		log->why = why;
		log->verdict = verdict;
	}
}

/* The capture kernel's own memory, for the rules: [TEST_OWN_PA, _END). */
static u64 test_own_ram_start(u64 start, u64 end)
{
	u64 first = max(start, TEST_OWN_PA);

	return first < min(end, TEST_OWN_END) ? first : end;
}

static void elfcorehdr_test_damage_salvaged(struct kunit *test)
{
	const struct salvage_case *c = test->param_value;
	struct test_core *t = make_core(test, ELFCLASS64);
	struct salvage_log log = { .h.salvage = record_salvage,
				   .h.own_ram_start = test_own_ram_start };
	const char *why = NULL;

	c->spoil(t);
	KUNIT_EXPECT_EQ_MSG(test, check(t, &log.h, &why), 0, "%s", why);
	KUNIT_EXPECT_EQ(test, log.count, 1U);
	KUNIT_EXPECT_EQ(test, log.phdr, c->phdr);
	KUNIT_EXPECT_STREQ(test, log.why ?: "(none)", c->why);
	KUNIT_EXPECT_EQ(test, log.verdict, c->verdict);
	KUNIT_EXPECT_EQ(test, vmcore_hdr_count(&log.h, PT_LOAD), c->loads);
	KUNIT_EXPECT_EQ(test, vmcore_hdr_count(&log.h, PT_NOTE), c->notes);
}

/*
 * Segments that end where the own memory begins, or start where it
 * ends, break no rule; nor does any segment when the rules are
 * told of no own memory.
 */
static void elfcorehdr_test_own_memory_bounds(struct kunit *test)
{
	struct test_core *t = make_core(test, ELFCLASS64);
	struct salvage_log log = { .h.salvage = record_salvage,
				   .h.own_ram_start = test_own_ram_start };
	const char *why = NULL;

	set_ph(t, 0, PT_NOTE, TEST_OWN_END, TEST_NOTE_LEN, TEST_NOTE_LEN);
	set_ph(t, 1, PT_LOAD, TEST_OWN_PA - 0x1000, 0x1000, 0x1000);
	set_ph(t, 2, PT_LOAD, TEST_OWN_END, 0x1000, 0x1000);
	KUNIT_EXPECT_EQ_MSG(test, check(t, &log.h, &why), 0, "%s", why);
	KUNIT_EXPECT_EQ_MSG(test, log.count, 0U, "%s", log.why);

	t = make_core(test, ELFCLASS64);
	log = (struct salvage_log){ .h.salvage = record_salvage };
	set_ph(t, 1, PT_LOAD, TEST_OWN_PA, 0x1000, 0x1000);
	KUNIT_EXPECT_EQ_MSG(test, check(t, &log.h, &why), 0, "%s", why);
	KUNIT_EXPECT_EQ_MSG(test, log.count, 0U, "%s", log.why);
}

/* --- notes ----------------------------------------------------------- */

/* Write a note with zeroed name and descriptor; return its size. */
static size_t put_note(u8 *buf, u32 namesz, u32 descsz)
{
	struct elf64_note n = { .n_namesz = namesz, .n_descsz = descsz };

	memcpy(buf, &n, sizeof(n));
	return sizeof(n) + ALIGN(namesz, 4) + ALIGN(descsz, 4);
}

struct note_case {
	const char *name;
	u32 sizes[4];	/* name/descriptor size pairs; namesz 0 ends */
	size_t seg_len;
	size_t want;	/* bytes of notes kept */
	bool cut;	/* the walk stopped at a note that does not fit */
};

static const struct note_case note_cases[] = {
	{ "empty buffer", { 0 }, 64, 0, false },
	{ "one note then zeros", { 5, 336 }, 512, 12 + 8 + 336, false },
	{ "two notes, zero-terminated", { 5, 336, 11, 100 }, 1024,
	  (12 + 8 + 336) + (12 + 12 + 100), false },
	{ "notes fill the segment", { 4, 4, 4, 8 }, 12 + 4 + 4 + 12 + 4 + 8,
	  12 + 4 + 4 + 12 + 4 + 8, false },
	{ "tail shorter than a note header", { 4, 4 }, 20 + 8, 20, false },
	{ "descriptor runs past the end", { 5, 600 }, 512, 0, true },
	{ "second note runs past the end", { 4, 4, 4, 600 }, 512, 20, true },
	{ "n_namesz would wrap", { 0xffffffff, 4 }, 512, 0, true },
	{ "n_descsz would wrap", { 4, 0xfffffffd }, 512, 0, true },
};

static void note_case_desc(const struct note_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(note_size, note_cases, note_case_desc);

static u8 *note_segment(struct kunit *test, const struct note_case *c)
{
	u8 *seg = kunit_kzalloc(test, c->seg_len + 16, GFP_KERNEL);
	size_t off = 0;

	KUNIT_ASSERT_NOT_NULL(test, seg);
	if (c->sizes[0] && off + 12 <= c->seg_len)
		off += put_note(seg + off, c->sizes[0], c->sizes[1]);
	if (c->sizes[2] && off + 12 <= c->seg_len)
		put_note(seg + off, c->sizes[2], c->sizes[3]);
	return seg;
}

static void elfcorehdr_test_note_size_found(struct kunit *test)
{
	const struct note_case *c = test->param_value;
	u8 *seg = note_segment(test, c);
	const char *why = NULL;

	KUNIT_EXPECT_EQ(test, vmcore_note_seg_size(seg, c->seg_len, &why),
			c->want);
	if (c->cut)
		KUNIT_EXPECT_STREQ(test, why ?: "(none)",
				   "note runs past the end of its PT_NOTE");
	else
		KUNIT_EXPECT_NULL(test, why);
}

static void elfcorehdr_test_notes_merged(struct kunit *test)
{
	const size_t seg_len[] = { 512, 0, 256 };
	u8 *buf = kunit_kzalloc(test, 768, GFP_KERNEL);
	const char *why[3];
	size_t first;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	first = put_note(buf, 5, 336);
	put_note(buf + 512, 11, 100);
	KUNIT_EXPECT_EQ(test, vmcore_notes_merge(buf, seg_len, 3, why),
			first + 12 + 12 + 100);
	KUNIT_EXPECT_NULL(test, why[0]);
	KUNIT_EXPECT_NULL(test, why[2]);
	KUNIT_EXPECT_EQ(test, ((struct elf64_note *)(buf + first))->n_namesz,
			11U);
}

/* A note that does not fit is dropped; the segments around it stay. */
static void elfcorehdr_test_merge_drops_bad_note(struct kunit *test)
{
	const size_t seg_len[] = { 64, 64, 64 };
	u8 *buf = kunit_kzalloc(test, 192, GFP_KERNEL);
	const char *why[3];

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_note(buf, 4, 4);
	put_note(buf + 64, 4, 100);
	put_note(buf + 128, 4, 8);
	KUNIT_EXPECT_EQ(test, vmcore_notes_merge(buf, seg_len, 3, why),
			(size_t)(20 + 24));
	KUNIT_EXPECT_NULL(test, why[0]);
	KUNIT_EXPECT_NOT_NULL(test, why[1]);
	KUNIT_EXPECT_NULL(test, why[2]);
	KUNIT_EXPECT_EQ(test, ((struct elf64_note *)(buf + 20))->n_descsz, 8U);
}

/* --- layout ---------------------------------------------------------- */

static void elfcorehdr_test_layout_keeps_page_offset(struct kunit *test)
{
	struct test_core *t = make_core(test, *(const u8 *)test->param_value);
	const struct vmcore_elf_class *c = t->cls;
	struct vmcore_image img;
	const char *why = NULL;
	struct vmcore_hdr h = { };
	u8 notes[24] = { 4 };
	const void *out;

	KUNIT_ASSERT_EQ(test, check(t, &h, &why), 0);
	KUNIT_ASSERT_EQ(test, vmcore_layout_build(&img, &h, notes, sizeof(notes),
						  &why), 0);
	out = img.head + c->ehdr_size;
	KUNIT_EXPECT_EQ(test, vmcore_phdr_get(c, out, VMCORE_P_TYPE), (u64)PT_NOTE);
	KUNIT_EXPECT_EQ(test, vmcore_phdr_get(c, out, VMCORE_P_FILESZ), 24ULL);
	out += c->phdr_size;
	KUNIT_EXPECT_EQ(test, vmcore_phdr_get(c, out, VMCORE_P_OFFSET),
			(u64)img.head_size + offset_in_page(TEST_LOAD1_PA));
	KUNIT_EXPECT_EQ(test, img.nr_chunks, 2U);
	KUNIT_EXPECT_EQ(test, img.size, img.head_size +
			vmcore_load_span(TEST_LOAD1_PA, TEST_LOAD1_LEN) +
			TEST_LOAD2_LEN);
	KUNIT_EXPECT_PTR_EQ(test, vmcore_layout_find(&img, img.size - 1),
			    (const struct vmcore_chunk *)&img.chunks[1]);
	KUNIT_EXPECT_NULL(test, vmcore_layout_find(&img, img.size));
	vmcore_layout_free(&img);
}

static void build_image(struct kunit *test, struct test_core *t,
			struct vmcore_image *img)
{
	struct vmcore_hdr h = { };
	const char *why = NULL;
	u8 notes[24] = { 4 };

	KUNIT_ASSERT_EQ_MSG(test, check(t, &h, &why), 0, "%s", why);
	KUNIT_ASSERT_EQ_MSG(test, vmcore_layout_build(img, &h, notes,
						      sizeof(notes), &why),
			    0, "%s", why);
}

static u64 load_offset(const struct vmcore_image *img, unsigned int i)
{
	const struct vmcore_elf_class *c = img->cls;

	return vmcore_phdr_get(c, img->head + c->ehdr_size + i * c->phdr_size,
			       VMCORE_P_OFFSET);
}

static u64 notes_filesz(const struct vmcore_image *img)
{
	return vmcore_phdr_get(img->cls, img->head + img->cls->ehdr_size,
			       VMCORE_P_FILESZ);
}

/* Room for a note of @extra bytes: where it is, and what moves. */
static void elfcorehdr_test_grow_notes(struct kunit *test)
{
	const size_t extras[] = { 4, PAGE_SIZE, 3 * PAGE_SIZE + 12 };
	struct test_core *t = make_core(test, *(const u8 *)test->param_value);
	struct vmcore_image img, big;
	const char *why = NULL;
	unsigned int i;
	void *room;
	u64 delta;

	build_image(test, t, &img);
	for (i = 0; i < ARRAY_SIZE(extras); i++) {
		int err = vmcore_layout_grow_notes(&big, &img, extras[i],
						   &room, &why);

		KUNIT_ASSERT_EQ_MSG(test, err, 0, "%s", why);
		delta = big.head_size - img.head_size;
		KUNIT_EXPECT_EQ(test, big.head_size,
				PAGE_ALIGN(img.notes_off + 24 + extras[i]));
		KUNIT_EXPECT_PTR_EQ(test, room, big.head + img.notes_off + 24);
		KUNIT_EXPECT_EQ(test, memcmp(big.head, img.head,
					     img.cls->ehdr_size), 0);
		KUNIT_EXPECT_EQ(test, notes_filesz(&big), 24 + (u64)extras[i]);
		KUNIT_EXPECT_EQ(test, notes_filesz(&img), 24ULL);
		KUNIT_EXPECT_EQ(test, load_offset(&big, 1),
				load_offset(&img, 1) + delta);
		KUNIT_EXPECT_EQ(test, load_offset(&big, 2),
				load_offset(&img, 2) + delta);
		KUNIT_EXPECT_EQ(test, big.chunks[0].file_off, big.head_size);
		KUNIT_EXPECT_EQ(test, big.chunks[1].paddr, img.chunks[1].paddr);
		KUNIT_EXPECT_EQ(test, big.size, img.size + delta);
		KUNIT_EXPECT_PTR_EQ(test, vmcore_layout_find(&big, big.size - 1),
				    (const struct vmcore_chunk *)&big.chunks[1]);
		vmcore_layout_free(&big);
	}
	vmcore_layout_free(&img);
}

static void elfcorehdr_test_grow_notes_refused(struct kunit *test)
{
	struct test_core *t = make_core(test, ELFCLASS32);
	struct vmcore_image img, big = { };
	const char *why = NULL;
	void *room = NULL;

	/* The second PT_LOAD just fits below 4 GiB in the ELF32 file. */
	set_ph(t, 1, PT_LOAD, 0x1000, 0xffff0000, 0xffff0000);
	set_ph(t, 2, PT_LOAD, 0xffff2000, 0x1000, 0x1000);
	build_image(test, t, &img);
	KUNIT_EXPECT_EQ(test, vmcore_layout_grow_notes(&big, &img, 6, &room,
						       &why), -EINVAL);
	KUNIT_EXPECT_STREQ(test, why, "a note must be a multiple of 4 bytes long");
	KUNIT_EXPECT_EQ(test, vmcore_layout_grow_notes(&big, &img, 16 * PAGE_SIZE,
						       &room, &why), -EOVERFLOW);
	KUNIT_EXPECT_STREQ(test, why, "offsets do not fit the file's ELF class");
	KUNIT_EXPECT_EQ(test, vmcore_layout_grow_notes(&big, &img, SIZE_MAX - 3,
						       &room, &why), -EOVERFLOW);
	KUNIT_EXPECT_STREQ(test, why, "the notes would outgrow the file");
	KUNIT_EXPECT_NULL(test, room);
	KUNIT_EXPECT_NULL(test, big.head);
	KUNIT_EXPECT_EQ(test, notes_filesz(&img), 24ULL);
	vmcore_layout_free(&img);
}

static struct kunit_case elfcorehdr_test_cases[] = {
	KUNIT_CASE(elfcorehdr_test_accessors_match_elf_h),
	KUNIT_CASE_PARAM(elfcorehdr_test_good_header_accepted,
			 test_class_gen_params),
	KUNIT_CASE(elfcorehdr_test_nested_loads_accepted),
	KUNIT_CASE(elfcorehdr_test_size_of_address_only_header),
	KUNIT_CASE_PARAM(elfcorehdr_test_bad_header_rejected,
			 bad_header_gen_params),
	KUNIT_CASE(elfcorehdr_test_table_beyond_4m_rejected),
	KUNIT_CASE_PARAM(elfcorehdr_test_damage_salvaged,
			 salvage_gen_params),
	KUNIT_CASE(elfcorehdr_test_own_memory_bounds),
	KUNIT_CASE_PARAM(elfcorehdr_test_note_size_found,
			 note_size_gen_params),
	KUNIT_CASE(elfcorehdr_test_notes_merged),
	KUNIT_CASE(elfcorehdr_test_merge_drops_bad_note),
	KUNIT_CASE_PARAM(elfcorehdr_test_layout_keeps_page_offset,
			 test_class_gen_params),
	KUNIT_CASE_PARAM(elfcorehdr_test_grow_notes, test_class_gen_params),
	KUNIT_CASE(elfcorehdr_test_grow_notes_refused),
	{}
};

static struct kunit_suite elfcorehdr_test_suite = {
	.name = "vmcore_elfcorehdr",
	.test_cases = elfcorehdr_test_cases,
};

kunit_test_suite(elfcorehdr_test_suite);

MODULE_LICENSE("GPL");
