// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the crash ELF core header of kexec_file_load()
 * (kernel/kexec/crash_elf.c).
 *
 * Range exclusion is a table of lists and excluded ranges, each with the
 * list it must leave; a failing exclusion must leave the list as it was,
 * and no exclusion may write beyond max_nr_ranges.  Headers are built for
 * crafted lists placed far above the kernel image, then read back field
 * by field and handed to /proc/vmcore's own header checks
 * (fs/proc/vmcore/elfcorehdr.c), which must accept them without a single
 * complaint.  Those cases are skipped without CONFIG_PROC_VMCORE.
 */
#include <kunit/test.h>
#include <linux/crash_elf.h>
#include <linux/elf.h>
#include <linux/ioport.h>
#include <linux/kexec.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/sections.h>

#include "../../../fs/proc/vmcore/internal.h"

/* Ranges a case gives; slots a list has, the last never in use. */
#define MAX_RANGES	4
#define MAX_SLOTS	(MAX_RANGES + 1)
#define POISON		0x5a5a5a5a5a5a5a5aULL

#define R(s, e)		{ .start = (s), .end = (e) }
#define A		R(0x10000, 0x1ffff)
#define B		R(0x40000, 0x4ffff)
#define C		R(0x80000, 0x8ffff)
#define TOP		R(U64_MAX - 0xfff, U64_MAX)

/* A list of @max slots holding @nr ranges; the unused slots poisoned. */
static struct crash_mem *make_mem(struct kunit *test, unsigned int max,
				  unsigned int nr,
				  const struct crash_mem_range *r)
{
	struct crash_mem *mem;
	unsigned int i;

	mem = kunit_kzalloc(test, struct_size(mem, ranges, MAX_SLOTS),
			    GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, mem);
	mem->max_nr_ranges = max;
	mem->nr_ranges = nr;
	for (i = 0; i < MAX_SLOTS; i++)
		mem->ranges[i] = i < nr ? r[i] :
			(struct crash_mem_range)R(POISON, POISON);
	return mem;
}

static void expect_ranges(struct kunit *test, const struct crash_mem *mem,
			  const struct crash_mem_range *want, unsigned int nr)
{
	unsigned int i;

	KUNIT_ASSERT_EQ(test, mem->nr_ranges, nr);
	for (i = 0; i < nr; i++) {
		KUNIT_EXPECT_EQ_MSG(test, mem->ranges[i].start, want[i].start,
				    "range %u", i);
		KUNIT_EXPECT_EQ_MSG(test, mem->ranges[i].end, want[i].end,
				    "range %u", i);
	}
}

/* --- crash_exclude_mem_range() ---------------------------------------- */

struct exclude_case {
	const char *name;
	unsigned int max;
	unsigned int nr;
	struct crash_mem_range in[MAX_RANGES];
	u64 start, end;
	int ret;
	/* On error the list must be @in, unchanged. */
	unsigned int want_nr;
	struct crash_mem_range want[MAX_RANGES];
	const char *why;	/* the rule that refuses it, if any */
};

static const struct exclude_case exclude_cases[] = {
	{ "empty_list", 2, 0, { }, 0x10000, 0x1ffff, 0, 0, { } },
	/* Touches A's last byte and B's first from outside: nothing goes. */
	{ "between_adjacent", 3, 2, { A, B }, 0x20000, 0x3ffff, 0,
	  2, { A, B } },
	{ "below_all", 3, 2, { A, B }, 0, 0xffff, 0, 2, { A, B } },
	{ "above_all", 3, 2, { A, B }, 0x50000, U64_MAX, 0, 2, { A, B } },
	{ "left_edge", 3, 2, { A, B }, 0x8000, 0x10fff, 0,
	  2, { R(0x11000, 0x1ffff), B } },
	{ "right_edge", 3, 2, { A, B }, 0x1f000, 0x2ffff, 0,
	  2, { R(0x10000, 0x1efff), B } },
	{ "first_byte_only", 3, 2, { A, B }, 0x8000, 0x10000, 0,
	  2, { R(0x10001, 0x1ffff), B } },
	{ "last_byte_only", 3, 2, { A, B }, 0x4ffff, 0x5ffff, 0,
	  2, { A, R(0x40000, 0x4fffe) } },
	{ "whole_exact", 3, 2, { A, B }, 0x10000, 0x1ffff, 0, 1, { B } },
	{ "whole_last_exact", 3, 2, { A, B }, 0x40000, 0x4ffff, 0, 1, { A } },
	{ "whole_and_more", 3, 2, { A, B }, 0x8000, 0x2ffff, 0, 1, { B } },
	{ "middle_split", 3, 2, { A, B }, 0x14000, 0x15fff, 0,
	  3, { R(0x10000, 0x13fff), R(0x16000, 0x1ffff), B } },
	{ "middle_split_last", 3, 2, { A, B }, 0x44000, 0x44fff, 0,
	  3, { A, R(0x40000, 0x43fff), R(0x45000, 0x4ffff) } },
	{ "split_leaves_one_byte_each_side", 3, 2, { A, B }, 0x10001, 0x1fffe,
	  0, 3, { R(0x10000, 0x10000), R(0x1ffff, 0x1ffff), B } },
	{ "spanning_two", 3, 2, { A, B }, 0x18000, 0x47fff, 0,
	  2, { R(0x10000, 0x17fff), R(0x48000, 0x4ffff) } },
	/* Upstream 6.1 stops after trimming A, keeping B and all of C. */
	{ "spanning_three", 3, 3, { A, B, C }, 0x18000, 0x87fff, 0,
	  2, { R(0x10000, 0x17fff), R(0x88000, 0x8ffff) } },
	{ "covering_all", 3, 3, { A, B, C }, 0, U64_MAX, 0, 0, { } },
	{ "split_when_full", 2, 2, { A, B }, 0x14000, 0x15fff, -ENOMEM },
	{ "split_last_when_full", 2, 2, { A, B }, 0x44000, 0x44fff, -ENOMEM },
	/* Trimming and removing take no slot. */
	{ "trim_when_full", 2, 2, { A, B }, 0x18000, 0x47fff, 0,
	  2, { R(0x10000, 0x17fff), R(0x48000, 0x4ffff) } },
	{ "remove_when_full", 2, 2, { A, B }, 0x10000, 0x1ffff, 0, 1, { B } },
	{ "bottom_of_address_space", 2, 1, { R(0, 0xfff) }, 0, 0, 0,
	  1, { R(1, 0xfff) } },
	{ "top_of_address_space", 2, 1, { TOP }, U64_MAX, U64_MAX, 0,
	  1, { R(U64_MAX - 0xfff, U64_MAX - 1) } },
	{ "split_below_top", 2, 1, { TOP }, U64_MAX - 1, U64_MAX - 1, 0,
	  2, { R(U64_MAX - 0xfff, U64_MAX - 2), R(U64_MAX, U64_MAX) } },
	{ "start_after_end", 3, 2, { A, B }, 0x15000, 0x14fff, -EINVAL, 0, { },
	  "it ends before it starts" },
	{ "more_ranges_than_slots", 1, 2, { A, B }, 0x14000, 0x14fff,
	  -EINVAL, 0, { }, "more ranges than slots" },
	{ "range_ends_before_start", 3, 2, { A, R(0x50000, 0x4ffff) },
	  0x14000, 0x14fff, -EINVAL, 0, { }, "a range ends before it starts" },
	{ "ranges_unsorted", 3, 2, { B, A }, 0x8000, 0x10fff, -EINVAL, 0, { },
	  "ranges out of order or overlapping" },
	{ "ranges_overlap", 3, 2, { A, R(0x1ffff, 0x2ffff) }, 0x8000, 0x10fff,
	  -EINVAL, 0, { }, "ranges out of order or overlapping" },
	/* The list's own rules come first. */
	{ "unsorted_and_start_after_end", 3, 2, { B, A }, 0x15000, 0x14fff,
	  -EINVAL, 0, { }, "ranges out of order or overlapping" },
};

static void exclude_case_desc(const struct exclude_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(exclude, exclude_cases, exclude_case_desc);

static void crash_elf_test_exclude(struct kunit *test)
{
	const struct exclude_case *c = test->param_value;
	struct crash_mem *mem = make_mem(test, c->max, c->nr, c->in);
	const char *why = crash_exclude_judge(mem, c->start, c->end);
	unsigned int i;

	KUNIT_EXPECT_STREQ(test, why ?: "(none)", c->why ?: "(none)");
	KUNIT_EXPECT_EQ(test, crash_exclude_mem_range(mem, c->start, c->end),
			c->ret);
	KUNIT_EXPECT_EQ(test, mem->max_nr_ranges, c->max);
	for (i = max(c->max, c->nr); i < MAX_SLOTS; i++)
		KUNIT_EXPECT_EQ_MSG(test, mem->ranges[i].start, POISON,
				    "slot %u beyond max_nr_ranges written", i);
	if (c->ret)
		expect_ranges(test, mem, c->in, c->nr);
	else
		expect_ranges(test, mem, c->want, c->want_nr);
}

/* --- crash_prepare_elf64_headers(): crafted lists ---------------------- */

/* What a PT_LOAD must say. */
struct want_load {
	u64 paddr;
	u64 vaddr;
	u64 size;
};

/* A base no PT_LOAD of the kernel image can meet. */
static u64 far_base(void)
{
	return ALIGN((u64)__pa_symbol(_end), SZ_1G) + SZ_1G;
}

struct header_case {
	const char *name;
	bool map_kernel;
	/* Put the pages holding the kernel image first in the list. */
	bool ram_around_kernel;
	unsigned int nr;
	/* Ranges, relative to far_base(). */
	struct crash_mem_range off[MAX_RANGES];
};

static const struct header_case header_cases[] = {
	{ "ram_only", false, false, 2, { R(0, 0xfffff), R(SZ_1G, SZ_2G - 1) } },
	{ "with_kernel_map", true, false, 2,
	  { R(0, 0xfffff), R(SZ_1G, SZ_2G - 1) } },
	{ "kernel_map_inside_ram", true, true, 1, { R(0, 0xfffff) } },
	{ "no_ranges", false, false, 0, { } },
	{ "kernel_map_only", true, false, 0, { } },
	/* Sizes are exact, not rounded to pages. */
	{ "unaligned_sizes", false, false, 3,
	  { R(0x123, 0x123), R(0x2000, 0x2ffe), R(0x4001, 0x5000) } },
	/* Order is the list's; sorting is not asked of it. */
	{ "order_kept", true, false, 2, { R(SZ_1G, SZ_1G + 0xfff), R(0, 0xfff) } },
};

static void header_case_desc(const struct header_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(header, header_cases, header_case_desc);

/* The case's list, every slot in use. */
static struct crash_mem *header_mem(struct kunit *test,
				    const struct header_case *c)
{
	unsigned int nr = c->nr + c->ram_around_kernel, i;
	struct crash_mem_range *r;
	struct crash_mem *mem;

	/* Without them the header has no CPU notes to count. */
	KUNIT_ASSERT_TRUE_MSG(test, crash_notes, "no per-CPU crash notes");
	mem = kunit_kzalloc(test, struct_size(mem, ranges, nr), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, mem);
	mem->max_nr_ranges = nr;
	mem->nr_ranges = nr;
	r = mem->ranges;
	if (c->ram_around_kernel) {
		r->start = ALIGN_DOWN((u64)__pa_symbol(_text), PAGE_SIZE);
		r->end = PAGE_ALIGN((u64)__pa_symbol(_end)) - 1;
		r++;
	}
	for (i = 0; i < c->nr; i++, r++) {
		r->start = far_base() + c->off[i].start;
		r->end = far_base() + c->off[i].end;
	}
	return mem;
}

/* The PT_LOADs @mem must become, in order; returns how many. */
static unsigned int want_loads(struct kunit *test, const struct crash_mem *mem,
			       bool map_kernel, struct want_load **loads)
{
	struct want_load *w;
	unsigned int i;

	w = kunit_kcalloc(test, mem->nr_ranges + 1, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	*loads = w;
	if (map_kernel)
		*w++ = (struct want_load){ __pa_symbol(_text),
					   (unsigned long)_text,
					   _end - _text };
	for (i = 0; i < mem->nr_ranges; i++)
		*w++ = (struct want_load){
			mem->ranges[i].start,
			(unsigned long)__va(mem->ranges[i].start),
			mem->ranges[i].end - mem->ranges[i].start + 1 };
	return w - *loads;
}

static unsigned int want_phnum(const struct crash_mem *mem, bool map_kernel)
{
	return num_possible_cpus() + 1 + map_kernel + mem->nr_ranges;
}

static void expect_ehdr(struct kunit *test, const struct elf64_hdr *eh,
			unsigned long sz, unsigned int phnum)
{
	size_t table_end = sizeof(*eh) + phnum * sizeof(struct elf64_phdr);

	KUNIT_EXPECT_EQ(test, sz, ALIGN(table_end, ELF_CORE_HEADER_ALIGN));
	KUNIT_EXPECT_EQ(test, memcmp(eh->e_ident, ELFMAG, SELFMAG), 0);
	KUNIT_EXPECT_EQ(test, eh->e_ident[EI_CLASS], ELFCLASS64);
	KUNIT_EXPECT_EQ(test, eh->e_ident[EI_DATA], ELF_DATA);
	KUNIT_EXPECT_EQ(test, eh->e_ident[EI_VERSION], EV_CURRENT);
	KUNIT_EXPECT_EQ(test, eh->e_ident[EI_OSABI], ELF_OSABI);
	KUNIT_EXPECT_EQ(test, eh->e_type, ET_CORE);
	KUNIT_EXPECT_EQ(test, eh->e_machine, ELF_ARCH);
	KUNIT_EXPECT_EQ(test, eh->e_version, EV_CURRENT);
	KUNIT_EXPECT_EQ(test, eh->e_phoff, sizeof(*eh));
	KUNIT_EXPECT_EQ(test, eh->e_ehsize, sizeof(*eh));
	KUNIT_EXPECT_EQ(test, eh->e_phentsize, sizeof(struct elf64_phdr));
	KUNIT_EXPECT_EQ(test, eh->e_phnum, phnum);
	KUNIT_EXPECT_EQ(test, eh->e_shoff, 0);
	KUNIT_EXPECT_EQ(test, eh->e_shnum, 0);
	if (sz >= table_end)
		KUNIT_EXPECT_NULL(test, memchr_inv((const u8 *)eh + table_end,
						   0, sz - table_end));
}

static void expect_note(struct kunit *test, const struct elf64_phdr *ph,
			u64 paddr, u64 size, const char *what)
{
	KUNIT_EXPECT_EQ_MSG(test, ph->p_type, PT_NOTE, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, ph->p_offset, paddr, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, ph->p_paddr, paddr, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, ph->p_filesz, size, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, ph->p_memsz, size, "%s", what);
}

/* One note per possible CPU, then VMCOREINFO; returns what follows. */
static const struct elf64_phdr *
expect_notes(struct kunit *test, const struct elf64_phdr *ph)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		expect_note(test, ph++,
			    per_cpu_ptr_to_phys(per_cpu_ptr(crash_notes, cpu)),
			    sizeof(note_buf_t), "CPU note");
	expect_note(test, ph++, paddr_vmcoreinfo_note(), VMCOREINFO_NOTE_SIZE,
		    "VMCOREINFO note");
	return ph;
}

static void expect_load(struct kunit *test, const struct elf64_phdr *ph,
			const struct want_load *w, unsigned int i)
{
	KUNIT_EXPECT_EQ_MSG(test, ph->p_type, PT_LOAD, "PT_LOAD %u", i);
	KUNIT_EXPECT_EQ_MSG(test, ph->p_flags, PF_R | PF_W | PF_X,
			    "PT_LOAD %u", i);
	KUNIT_EXPECT_EQ_MSG(test, ph->p_offset, w->paddr, "PT_LOAD %u", i);
	KUNIT_EXPECT_EQ_MSG(test, ph->p_paddr, w->paddr, "PT_LOAD %u", i);
	KUNIT_EXPECT_EQ_MSG(test, ph->p_vaddr, w->vaddr, "PT_LOAD %u", i);
	KUNIT_EXPECT_EQ_MSG(test, ph->p_filesz, w->size, "PT_LOAD %u", i);
	KUNIT_EXPECT_EQ_MSG(test, ph->p_memsz, w->size, "PT_LOAD %u", i);
	KUNIT_EXPECT_EQ_MSG(test, ph->p_align, 0, "PT_LOAD %u", i);
}

static void expect_header(struct kunit *test, const void *buf,
			  unsigned long sz, const struct crash_mem *mem,
			  bool map_kernel)
{
	unsigned int phnum = want_phnum(mem, map_kernel), nr, i;
	const struct elf64_phdr *ph;
	struct want_load *w;

	expect_ehdr(test, buf, sz, phnum);
	if (((const struct elf64_hdr *)buf)->e_phnum != phnum)
		return;
	ph = expect_notes(test, buf + sizeof(struct elf64_hdr));
	nr = want_loads(test, mem, map_kernel, &w);
	for (i = 0; i < nr; i++)
		expect_load(test, ph++, &w[i], i);
}

static void crash_elf_test_header_fields(struct kunit *test)
{
	const struct header_case *c = test->param_value;
	struct crash_mem *mem = header_mem(test, c);
	unsigned long sz = 0;
	void *buf = NULL;

	KUNIT_ASSERT_EQ(test, crash_prepare_elf64_headers(mem, c->map_kernel,
							  &buf, &sz), 0);
	expect_header(test, buf, sz, mem, c->map_kernel);
	vfree(buf);
}

/* --- crash_prepare_elf64_headers(): what /proc/vmcore makes of it ------ */

/**
 * struct vmcore_log - what /proc/vmcore's checks complained of
 * @h: the header under check
 * @count: complaints that did not refuse the header
 * @why: the first of them
 */
struct vmcore_log {
	struct vmcore_hdr h;
	unsigned int count;
	const char *why;
};

static void log_salvage(const struct vmcore_hdr *h, int phdr,
			const char *why, enum vmcore_verdict verdict)
{
	struct vmcore_log *log = container_of(h, struct vmcore_log, h);

	if (!log->count++)
		log->why = why;
}

static u64 load_field(const struct vmcore_hdr *h, unsigned int i,
		      enum vmcore_phdr_field f)
{
	return vmcore_phdr_get(h->cls, vmcore_hdr_phdr(h, i), f);
}

/* Each PT_LOAD, in order, must be the next of @w. */
static void expect_vmcore_loads(struct kunit *test, const struct vmcore_hdr *h,
				const struct want_load *w, unsigned int nr)
{
	unsigned int i, n = 0;

	for (i = 0; i < h->phnum && n < nr; i++) {
		if (load_field(h, i, VMCORE_P_TYPE) != PT_LOAD)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, load_field(h, i, VMCORE_P_PADDR),
				    w[n].paddr, "PT_LOAD %u", n);
		KUNIT_EXPECT_EQ_MSG(test, load_field(h, i, VMCORE_P_OFFSET),
				    w[n].paddr, "PT_LOAD %u", n);
		KUNIT_EXPECT_EQ_MSG(test, load_field(h, i, VMCORE_P_FILESZ),
				    w[n].size, "PT_LOAD %u", n);
		n++;
	}
}

static void expect_vmcore_accepts(struct kunit *test, void *buf,
				  unsigned long sz, const struct crash_mem *mem,
				  bool map_kernel)
{
	struct vmcore_log log = { .h.salvage = log_salvage };
	const char *why = NULL;
	struct want_load *w;
	unsigned int nr;
	int ret;

	nr = want_loads(test, mem, map_kernel, &w);
	ret = vmcore_check_header(&log.h, buf, sz, sz, &why);
	KUNIT_EXPECT_EQ_MSG(test, ret, 0, "refused: %s", why);
	if (ret)
		return;
	KUNIT_EXPECT_EQ_MSG(test, log.count, 0, "first complaint: %s",
			    log.why);
	KUNIT_EXPECT_EQ(test, vmcore_hdr_count(&log.h, PT_NOTE),
			num_possible_cpus() + 1);
	KUNIT_EXPECT_EQ(test, vmcore_hdr_count(&log.h, PT_LOAD), nr);
	expect_vmcore_loads(test, &log.h, w, nr);
}

static void crash_elf_test_header_accepted_by_vmcore(struct kunit *test)
{
	const struct header_case *c = test->param_value;
	struct crash_mem *mem;
	unsigned long sz = 0;
	void *buf = NULL;

	if (!IS_ENABLED(CONFIG_PROC_VMCORE))
		kunit_skip(test, "needs CONFIG_PROC_VMCORE");
	mem = header_mem(test, c);
	KUNIT_ASSERT_EQ(test, crash_prepare_elf64_headers(mem, c->map_kernel,
							  &buf, &sz), 0);
	expect_vmcore_accepts(test, buf, sz, mem, c->map_kernel);
	vfree(buf);
}

/* --- crash_prepare_elf64_headers(): refused input ---------------------- */

struct refused_case {
	const char *name;
	unsigned int max;
	unsigned int nr;
	struct crash_mem_range in[MAX_RANGES];
	const char *why;
};

static const struct refused_case refused_cases[] = {
	{ "more_ranges_than_slots", 1, 2, { A, B }, "more ranges than slots" },
	{ "range_ends_before_start", 2, 2, { A, R(0x50000, 0x4ffff) },
	  "a range ends before it starts" },
	{ "one_byte_before_start", 1, 1, { R(0x10000, 0xffff) },
	  "a range ends before it starts" },
};

static void refused_case_desc(const struct refused_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(refused, refused_cases, refused_case_desc);

static void crash_elf_test_header_refused(struct kunit *test)
{
	const struct refused_case *c = test->param_value;
	struct crash_mem *mem = make_mem(test, c->max, c->nr, c->in);
	unsigned long sz = 12345;
	void *buf = test;

	KUNIT_EXPECT_STREQ(test, crash_header_judge(mem, true) ?: "(none)",
			   c->why);
	KUNIT_EXPECT_EQ(test, crash_prepare_elf64_headers(mem, true, &buf, &sz),
			-EINVAL);
	KUNIT_EXPECT_PTR_EQ(test, buf, (void *)test);
	KUNIT_EXPECT_EQ(test, sz, 12345UL);
}

/* Fill @mem with @nr one-page ranges, two pages apart. */
static void fill_pages(struct crash_mem *mem, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		mem->ranges[i].start = far_base() + 2ULL * i * PAGE_SIZE;
		mem->ranges[i].end = mem->ranges[i].start + PAGE_SIZE - 1;
	}
	mem->max_nr_ranges = nr;
	mem->nr_ranges = nr;
}

/* e_phnum counts up to PN_XNUM - 1; one more program header is refused. */
static void crash_elf_test_phnum_limit(struct kunit *test)
{
	unsigned int fixed = num_possible_cpus() + 2, nr = PN_XNUM - 1 - fixed;
	struct crash_mem *mem;
	unsigned long sz;
	void *buf = NULL;
	int ret;

	if (fixed >= PN_XNUM - 1)
		kunit_skip(test, "too many possible CPUs");
	mem = vzalloc(struct_size(mem, ranges, nr + 1));
	KUNIT_ASSERT_NOT_NULL(test, mem);
	fill_pages(mem, nr);
	ret = crash_prepare_elf64_headers(mem, true, &buf, &sz);
	KUNIT_EXPECT_EQ(test, ret, 0);
	if (!ret)
		KUNIT_EXPECT_EQ(test, ((struct elf64_hdr *)buf)->e_phnum, PN_XNUM - 1);
	vfree(buf);
	buf = NULL;
	fill_pages(mem, nr + 1);
	KUNIT_EXPECT_STREQ(test, crash_header_judge(mem, true) ?: "(none)",
			   "more program headers than e_phnum can count");
	KUNIT_EXPECT_EQ(test, crash_prepare_elf64_headers(mem, true, &buf, &sz),
			-EINVAL);
	KUNIT_EXPECT_NULL(test, buf);
	vfree(mem);
}

/* --- crash_mem_of_system_ram() ----------------------------------------- */

static int count_ram(struct resource *res, void *arg)
{
	(*(unsigned int *)arg)++;
	return 0;
}

static void expect_system_ram(struct kunit *test,
			      const struct crash_mem_range *r, unsigned int i)
{
	KUNIT_EXPECT_LE_MSG(test, r->start, r->end, "range %u", i);
	KUNIT_EXPECT_EQ_MSG(test, region_intersects(r->start,
						    r->end - r->start + 1,
						    IORESOURCE_SYSTEM_RAM,
						    IORES_DESC_NONE),
			    REGION_INTERSECTS, "range %u", i);
	if (i)
		KUNIT_EXPECT_GT_MSG(test, r->start, r[-1].end,
				    "range %u not after range %u", i, i - 1);
}

static void crash_elf_test_system_ram_listed(struct kunit *test)
{
	struct crash_mem *mem = crash_mem_of_system_ram(3);
	unsigned int nr = 0, i;

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(mem), "error %ld", PTR_ERR(mem));
	walk_system_ram_res(0, -1, &nr, count_ram);
	KUNIT_EXPECT_GT(test, nr, 0);
	KUNIT_EXPECT_EQ(test, mem->nr_ranges, nr);
	KUNIT_EXPECT_EQ(test, mem->max_nr_ranges, nr + 3);
	for (i = 0; i < mem->nr_ranges; i++)
		expect_system_ram(test, &mem->ranges[i], i);
	crash_mem_free(mem);
}

static int exclude_region(struct crash_mem *mem, const struct resource *res)
{
	if (!res->end || res->start > res->end)
		return 0;
	return crash_exclude_mem_range(mem, res->start, res->end);
}

/* This machine's own header, as an architecture would build it. */
static void crash_elf_test_system_ram_header(struct kunit *test)
{
	struct crash_mem *mem;
	unsigned long sz = 0;
	void *buf = NULL;
	int ret;

	if (!IS_ENABLED(CONFIG_PROC_VMCORE))
		kunit_skip(test, "needs CONFIG_PROC_VMCORE");
	mem = crash_mem_of_system_ram(2);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(mem), "error %ld", PTR_ERR(mem));
	KUNIT_EXPECT_EQ(test, exclude_region(mem, &crashk_res), 0);
	KUNIT_EXPECT_EQ(test, exclude_region(mem, &crashk_low_res), 0);
	ret = crash_prepare_elf64_headers(mem, true, &buf, &sz);
	KUNIT_EXPECT_EQ(test, ret, 0);
	if (!ret)
		expect_vmcore_accepts(test, buf, sz, mem, true);
	vfree(buf);
	crash_mem_free(mem);
}

static struct kunit_case crash_elf_test_cases[] = {
	KUNIT_CASE_PARAM(crash_elf_test_exclude, exclude_gen_params),
	KUNIT_CASE_PARAM(crash_elf_test_header_fields, header_gen_params),
	KUNIT_CASE_PARAM(crash_elf_test_header_accepted_by_vmcore,
			 header_gen_params),
	KUNIT_CASE_PARAM(crash_elf_test_header_refused, refused_gen_params),
	KUNIT_CASE(crash_elf_test_phnum_limit),
	KUNIT_CASE(crash_elf_test_system_ram_listed),
	KUNIT_CASE(crash_elf_test_system_ram_header),
	{ }
};

static struct kunit_suite crash_elf_test_suite = {
	.name = "kexec_crash_elf",
	.test_cases = crash_elf_test_cases,
};

kunit_test_suite(crash_elf_test_suite);

MODULE_LICENSE("GPL");
