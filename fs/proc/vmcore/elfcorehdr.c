// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: ELF core header validation
 *
 * The ELF core header was written by the crashed kernel or by kexec-tools
 * into memory that nothing guarded while that kernel was failing, so every
 * byte of it is treated as hostile.  Validation works on an in-memory copy
 * (which is what lets KUnit exercise it without old memory) and is a fixed
 * sequence of named rules, one helper per rule.  A rule returns NULL when
 * it holds, or a short phrase saying what is wrong.
 *
 * What a broken rule costs follows one principle: a dump is worth saving
 * even when part of its header is damaged, so the dump is refused only
 * when the header makes the file unsafe to build (its ELF header, counts
 * or sizes that overflow, PT_LOADs that wrap or cannot be described).
 * Every other broken rule costs only the program header concerned, which
 * is dropped (rewritten to PT_NULL in the copy, so nothing later sees it)
 * or kept as it is, and logs one warning naming it.  That is what upstream
 * does for the same damage, except that a PT_NOTE is never read beyond
 * VMCORE_NOTE_SEG_MAX.  A refusal is the single log line that explains
 * why there is no /proc/vmcore.
 *
 * Rules come in three stages: rules on the ELF header (all refusing),
 * rules applied to each program header, and rules on the program headers
 * as a set.  A rule may rely on every rule before it: once the class rule
 * has passed, @cls is set; once the ELF header stage has passed, the
 * program header table lies within the size the producer declared, and
 * within VMCORE_HDR_MAX, without overflow.
 *
 * Facts the rules encode:
 *
 * - Producers store a segment's physical address in p_offset (and the same
 *   value in p_paddr); /proc/vmcore has always read it from p_offset.
 * - PT_NOTE segments are sized for the buffer, not for the notes in it;
 *   their size is bounded here and measured later (see notes.c).
 * - PT_LOAD segments may nest: x86_64 describes the kernel image a second
 *   time inside the System RAM segment holding it, and makedumpfile looks
 *   for that segment.  Segments that overlap without nesting are kept,
 *   with a warning: each is read on its own.
 * - Extended numbering (e_phnum == PN_XNUM) is refused; no producer of
 *   crash headers uses it.
 * - No segment lies in the capture kernel's own memory: producers leave
 *   the crash kernel region out, and on x86 point low memory at a backup
 *   copy.  A segment that reaches it is kept, with a warning, and the
 *   capture kernel's own pages are never read for it (see oldmem.c).
 */

#define pr_fmt(fmt) "vmcore: " fmt

#include <linux/crash_dump.h>
#include <linux/elf.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "internal.h"

typedef const char *(*vmcore_ehdr_rule)(struct vmcore_hdr *h);

/**
 * struct vmcore_phdr_rule - a rule on one program header
 * @check: NULL if the rule holds for @ph, else what is wrong
 * @verdict: what a program header breaking it costs
 */
struct vmcore_phdr_rule {
	const char *(*check)(const struct vmcore_hdr *h, const void *ph);
	enum vmcore_verdict verdict;
};

/**
 * struct vmcore_set_rule - a rule on all program headers together
 * @check: NULL if the rule holds, else what is wrong
 * @verdict: VMCORE_REFUSE, or VMCORE_KEEP to only warn
 */
struct vmcore_set_rule {
	const char *(*check)(const struct vmcore_hdr *h);
	enum vmcore_verdict verdict;
};

static u64 ehdr_field(const struct vmcore_hdr *h, enum vmcore_ehdr_field f)
{
	return vmcore_ehdr_get(h->cls, h->buf, f);
}

static u64 phdr_field(const struct vmcore_hdr *h, const void *ph,
		      enum vmcore_phdr_field f)
{
	return vmcore_phdr_get(h->cls, ph, f);
}

/* --- ELF header rules ------------------------------------------------ */

static const char *rule_ident_present(struct vmcore_hdr *h)
{
	return h->len < EI_NIDENT ? "shorter than e_ident" : NULL;
}

static const char *rule_magic(struct vmcore_hdr *h)
{
	return memcmp(h->buf, ELFMAG, SELFMAG) ? "bad ELF magic" : NULL;
}

static const char *rule_class(struct vmcore_hdr *h)
{
	h->cls = vmcore_elf_class_of(h->buf[EI_CLASS]);
	return h->cls ? NULL : "unknown ELF class";
}

static const char *rule_byte_order(struct vmcore_hdr *h)
{
	return h->buf[EI_DATA] != ELF_DATA ?
		"byte order differs from this kernel" : NULL;
}

static const char *rule_ident_version(struct vmcore_hdr *h)
{
	return h->buf[EI_VERSION] != EV_CURRENT ?
		"bad e_ident[EI_VERSION]" : NULL;
}

static const char *rule_ehdr_complete(struct vmcore_hdr *h)
{
	if (h->len < h->cls->ehdr_size || h->limit < h->cls->ehdr_size)
		return "ELF header truncated";
	return NULL;
}

static const char *rule_version(struct vmcore_hdr *h)
{
	return ehdr_field(h, VMCORE_E_VERSION) != EV_CURRENT ?
		"bad e_version" : NULL;
}

static const char *rule_type(struct vmcore_hdr *h)
{
	return ehdr_field(h, VMCORE_E_TYPE) != ET_CORE ?
		"e_type is not ET_CORE" : NULL;
}

static const char *rule_machine(struct vmcore_hdr *h)
{
	return h->cls->machine_ok(h->buf) ?
		NULL : "e_machine does not match this kernel";
}

static const char *rule_phentsize(struct vmcore_hdr *h)
{
	return ehdr_field(h, VMCORE_E_PHENTSIZE) != h->cls->phdr_size ?
		"bad e_phentsize" : NULL;
}

static const char *rule_phnum_xnum(struct vmcore_hdr *h)
{
	h->phnum = ehdr_field(h, VMCORE_E_PHNUM);
	return h->phnum == PN_XNUM ?
		"extended numbering (PN_XNUM) is not supported" : NULL;
}

static const char *rule_phnum_present(struct vmcore_hdr *h)
{
	return h->phnum ? NULL : "no program headers";
}

static const char *rule_phoff(struct vmcore_hdr *h)
{
	h->phoff = ehdr_field(h, VMCORE_E_PHOFF);
	return h->phoff < h->cls->ehdr_size ?
		"e_phoff points into the ELF header" : NULL;
}

static const char *rule_table_fits(struct vmcore_hdr *h)
{
	if (h->phoff > h->limit ||
	    (u64)h->phnum * h->cls->phdr_size > h->limit - h->phoff)
		return "program headers extend beyond the elfcorehdr size";
	return NULL;
}

static const char *rule_table_bounded(struct vmcore_hdr *h)
{
	/* No overflow: rule_table_fits bounded both terms by the limit. */
	return vmcore_hdr_table_end(h) > VMCORE_HDR_MAX ?
		"program headers end beyond 4 MiB" : NULL;
}

static const vmcore_ehdr_rule vmcore_ehdr_rules[] = {
	rule_ident_present,
	rule_magic,
	rule_class,
	rule_byte_order,
	rule_ident_version,
	rule_ehdr_complete,
	rule_version,
	rule_type,
	rule_machine,
	rule_phentsize,
	rule_phnum_xnum,
	rule_phnum_present,
	rule_phoff,
	rule_table_fits,
	rule_table_bounded,
};

/* --- rules for each program header ----------------------------------- */

static bool is_segment(const struct vmcore_hdr *h, const void *ph, u32 type)
{
	return phdr_field(h, ph, VMCORE_P_TYPE) == type;
}

static const char *rule_load_sizes(const struct vmcore_hdr *h, const void *ph)
{
	if (!is_segment(h, ph, PT_LOAD))
		return NULL;
	if (phdr_field(h, ph, VMCORE_P_FILESZ) > phdr_field(h, ph, VMCORE_P_MEMSZ))
		return "PT_LOAD p_filesz exceeds p_memsz";
	return NULL;
}

static bool leaves_address_space(const struct vmcore_hdr *h, const void *ph)
{
	u64 start = phdr_field(h, ph, VMCORE_P_OFFSET);
	u64 size = phdr_field(h, ph, VMCORE_P_MEMSZ);

	return start > VMCORE_PADDR_END || size > VMCORE_PADDR_END - start;
}

static const char *rule_load_range(const struct vmcore_hdr *h, const void *ph)
{
	if (is_segment(h, ph, PT_LOAD) && leaves_address_space(h, ph))
		return "PT_LOAD wraps or leaves the physical address space";
	return NULL;
}

static const char *rule_known_type(const struct vmcore_hdr *h, const void *ph)
{
	if (is_segment(h, ph, PT_LOAD) || is_segment(h, ph, PT_NOTE) ||
	    is_segment(h, ph, PT_NULL))
		return NULL;
	return "neither PT_LOAD nor PT_NOTE";
}

static const char *rule_note_range(const struct vmcore_hdr *h, const void *ph)
{
	if (is_segment(h, ph, PT_NOTE) && leaves_address_space(h, ph))
		return "PT_NOTE wraps or leaves the physical address space";
	return NULL;
}

static const char *rule_note_size(const struct vmcore_hdr *h, const void *ph)
{
	if (!is_segment(h, ph, PT_NOTE))
		return NULL;
	if (phdr_field(h, ph, VMCORE_P_MEMSZ) > VMCORE_NOTE_SEG_MAX)
		return "PT_NOTE larger than 1 MiB, only its first 1 MiB is read";
	return NULL;
}

static const char *rule_note_align(const struct vmcore_hdr *h, const void *ph)
{
	if (!is_segment(h, ph, PT_NOTE))
		return NULL;
	if (!IS_ALIGNED(phdr_field(h, ph, VMCORE_P_OFFSET), 4))
		return "PT_NOTE not 4-byte aligned";
	return NULL;
}

/* Does [@start, @start + @len) reach the capture kernel's own memory? */
static bool reaches_own_ram(const struct vmcore_hdr *h, u64 start, u64 len)
{
	return h->own_ram_start && len &&
	       h->own_ram_start(start, start + len) < start + len;
}

/* The range rules bound the sum; own memory comes in whole pages. */
static const char *rule_load_own(const struct vmcore_hdr *h, const void *ph)
{
	if (!is_segment(h, ph, PT_LOAD) ||
	    !reaches_own_ram(h, phdr_field(h, ph, VMCORE_P_OFFSET),
			     phdr_field(h, ph, VMCORE_P_MEMSZ)))
		return NULL;
	return "PT_LOAD reaches the capture kernel's own memory, which reads as zeros";
}

static const char *rule_note_own(const struct vmcore_hdr *h, const void *ph)
{
	if (!is_segment(h, ph, PT_NOTE) ||
	    !reaches_own_ram(h, phdr_field(h, ph, VMCORE_P_OFFSET),
			     vmcore_note_len(h, ph)))
		return NULL;
	return "PT_NOTE reaches the capture kernel's own memory, read only up to it";
}

/* In order; after a DROP the program header is PT_NULL for the rest. */
static const struct vmcore_phdr_rule vmcore_phdr_rules[] = {
	{ rule_load_sizes, VMCORE_REFUSE },
	{ rule_load_range, VMCORE_REFUSE },
	{ rule_known_type, VMCORE_DROP },
	{ rule_note_range, VMCORE_DROP },
	{ rule_note_size, VMCORE_KEEP },
	{ rule_note_align, VMCORE_KEEP },
	{ rule_load_own, VMCORE_KEEP },
	{ rule_note_own, VMCORE_KEEP },
};

/* --- rules on the set of program headers ----------------------------- */

struct vmcore_range {
	u64 start;
	u64 end;
};

static const char *rule_notes_total(const struct vmcore_hdr *h)
{
	u64 sum = 0;
	unsigned int i;

	/* No overflow: at most 65534 terms of at most 1 MiB. */
	for (i = 0; i < h->phnum; i++)
		if (is_segment(h, vmcore_hdr_phdr(h, i), PT_NOTE))
			sum += vmcore_note_len(h, vmcore_hdr_phdr(h, i));
	return sum > VMCORE_NOTES_MAX ?
		"PT_NOTE segments add up to more than 64 MiB" : NULL;
}

static const char *rule_file_size(const struct vmcore_hdr *h)
{
	u64 total = 0, span;
	unsigned int i;

	for (i = 0; i < h->phnum; i++) {
		const void *ph = vmcore_hdr_phdr(h, i);

		if (!is_segment(h, ph, PT_LOAD))
			continue;
		span = vmcore_load_span(phdr_field(h, ph, VMCORE_P_OFFSET),
					phdr_field(h, ph, VMCORE_P_MEMSZ));
		if (span > VMCORE_DATA_MAX - total)
			return "PT_LOAD segments add up to more than a file can hold";
		total += span;
	}
	return NULL;
}

static int range_cmp(const void *a, const void *b)
{
	const struct vmcore_range *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return 0;
}

/*
 * @r is sorted by start, longest first on ties.  Keep the chain of ranges
 * enclosing the current one as a stack in the already visited prefix of
 * @r; a range ending beyond its innermost encloser overlaps it partially.
 */
static bool ranges_nest(struct vmcore_range *r, unsigned int n)
{
	unsigned int i, depth = 0;

	for (i = 0; i < n; i++) {
		struct vmcore_range cur = r[i];

		while (depth && r[depth - 1].end <= cur.start)
			depth--;
		if (depth && cur.end > r[depth - 1].end)
			return false;
		r[depth++] = cur;
	}
	return true;
}

static unsigned int collect_loads(const struct vmcore_hdr *h,
				  struct vmcore_range *r)
{
	unsigned int i, n = 0;

	for (i = 0; i < h->phnum; i++) {
		const void *ph = vmcore_hdr_phdr(h, i);
		u64 size = phdr_field(h, ph, VMCORE_P_MEMSZ);

		if (!is_segment(h, ph, PT_LOAD) || !size)
			continue;
		r[n].start = phdr_field(h, ph, VMCORE_P_OFFSET);
		r[n].end = r[n].start + size;
		n++;
	}
	return n;
}

static const char *rule_loads_nest(const struct vmcore_hdr *h)
{
	struct vmcore_range *r;
	unsigned int n;
	bool ok;

	r = kvmalloc_array(h->phnum, sizeof(*r), GFP_KERNEL);
	if (!r)
		return "no memory to check PT_LOAD overlaps";
	n = collect_loads(h, r);
	sort(r, n, sizeof(*r), range_cmp, NULL);
	ok = ranges_nest(r, n);
	kvfree(r);
	return ok ? NULL : "PT_LOAD segments overlap, each is read on its own";
}

static const struct vmcore_set_rule vmcore_set_rules[] = {
	{ rule_notes_total, VMCORE_REFUSE },
	{ rule_file_size, VMCORE_REFUSE },
	{ rule_loads_nest, VMCORE_KEEP },
};

/* --- entry points ----------------------------------------------------- */

static void salvage(const struct vmcore_hdr *h, int phdr, const char *why,
		    enum vmcore_verdict verdict)
{
	const char *what = verdict == VMCORE_DROP ? "dropped" : "kept";

	if (h->salvage) {
		h->salvage(h, phdr, why, verdict);
		return;
	}
	if (phdr < 0)
		pr_warn("ELF core header: %s; %s\n", why, what);
	else
		pr_warn("ELF core header: program header %d: %s; %s\n",
			phdr, why, what);
}

/* Apply the rules to program header @i; returns the refusal, or NULL. */
static const char *check_phdr(struct vmcore_hdr *h, unsigned int i)
{
	void *ph = vmcore_hdr_phdr(h, i);
	const struct vmcore_phdr_rule *r;
	const char *why;

	for (r = vmcore_phdr_rules; r < vmcore_phdr_rules +
	     ARRAY_SIZE(vmcore_phdr_rules); r++) {
		why = r->check(h, ph);
		if (!why)
			continue;
		if (r->verdict == VMCORE_REFUSE) {
			h->bad_phdr = i;
			return why;
		}
		salvage(h, i, why, r->verdict);
		if (r->verdict == VMCORE_DROP)
			vmcore_phdr_put(h->cls, ph, VMCORE_P_TYPE, PT_NULL);
	}
	return NULL;
}

static const char *run_phdr_rules(struct vmcore_hdr *h)
{
	const char *why = NULL;
	unsigned int i;

	for (i = 0; !why && i < h->phnum; i++)
		why = check_phdr(h, i);
	return why;
}

static const char *run_set_rules(struct vmcore_hdr *h)
{
	const struct vmcore_set_rule *r;
	const char *why;

	for (r = vmcore_set_rules; r < vmcore_set_rules +
	     ARRAY_SIZE(vmcore_set_rules); r++) {
		why = r->check(h);
		if (why && r->verdict == VMCORE_REFUSE)
			return why;
		if (why)
			salvage(h, -1, why, r->verdict);
	}
	return NULL;
}

/**
 * vmcore_check_ehdr() - run the ELF header rules
 * @h: filled in: class, e_phoff, e_phnum; only @h->salvage and
 *     @h->own_ram_start are kept
 * @buf: copy of the header's first @len bytes
 * @len: bytes present in @buf; the program headers need not be among them
 * @limit: size of the whole header as declared by its producer
 * @why: set to the failed rule's message on error
 *
 * On success the program header table is known to end at or before @limit.
 *
 * Context: Any context.
 * Return: 0, or -EINVAL if a rule failed.
 */
int vmcore_check_ehdr(struct vmcore_hdr *h, void *buf, size_t len,
		      u64 limit, const char **why)
{
	struct vmcore_hdr kept = *h;
	unsigned int r;

	*h = (struct vmcore_hdr){ .buf = buf, .len = len, .limit = limit,
				  .bad_phdr = -1, .salvage = kept.salvage,
				  .own_ram_start = kept.own_ram_start };
	for (r = 0; r < ARRAY_SIZE(vmcore_ehdr_rules); r++) {
		*why = vmcore_ehdr_rules[r](h);
		if (*why)
			return -EINVAL;
	}
	return 0;
}

/**
 * vmcore_check_phdrs() - run the program header rules
 * @h: header that passed vmcore_check_ehdr() with its table present
 * @why: set to the refusing rule's message on error; @h->bad_phdr names
 *       the offending program header when a per-header rule refused
 *
 * Rules that do not refuse report through @h->salvage (or a warning), and
 * program headers they drop become PT_NULL in @h->buf.
 *
 * Context: Process context; may sleep (allocates to check overlaps).
 * Return: 0, or -EINVAL if a rule refused or the table is not in @h->buf.
 */
int vmcore_check_phdrs(struct vmcore_hdr *h, const char **why)
{
	*why = NULL;
	if (vmcore_hdr_table_end(h) > h->len)
		*why = "program headers not loaded";
	if (!*why)
		*why = run_phdr_rules(h);
	if (!*why)
		*why = run_set_rules(h);
	return *why ? -EINVAL : 0;
}

/**
 * vmcore_check_header() - run every rule on a complete in-memory header
 * @h: filled in as by vmcore_check_ehdr()
 * @buf: the header, ELF header first
 * @len: bytes present in @buf
 * @limit: declared header size; at most @len for the table to be present
 * @why: set to the failed rule's message on error
 *
 * Context: Process context; may sleep.
 * Return: 0, or -EINVAL if any rule failed.
 */
int vmcore_check_header(struct vmcore_hdr *h, void *buf, size_t len,
			u64 limit, const char **why)
{
	int err = vmcore_check_ehdr(h, buf, len, limit, why);

	return err ? err : vmcore_check_phdrs(h, why);
}

/**
 * vmcore_hdr_count() - count program headers of one type
 * @h: header that passed vmcore_check_ehdr() with its table present
 * @type: p_type to count, such as PT_LOAD
 *
 * Context: Any context.
 * Return: the number of program headers of type @type.
 */
unsigned int vmcore_hdr_count(const struct vmcore_hdr *h, u32 type)
{
	unsigned int i, n = 0;

	for (i = 0; i < h->phnum; i++)
		n += is_segment(h, vmcore_hdr_phdr(h, i), type);
	return n;
}
