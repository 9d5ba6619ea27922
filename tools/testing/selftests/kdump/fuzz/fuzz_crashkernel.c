// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_crashkernel - libFuzzer harness comparing the crashkernel= parser
 * (kernel/kexec/crashkernel.c, built unmodified against shim/) with
 * upstream 6.1's (parse_crashkernel*() of kernel/crash_core.c, cut out of
 * the reference tree by the Makefile and renamed ref_parse_crashkernel*).
 *
 * Input: 8 bytes of RAM size (little endian), then the command line (up
 * to the first NUL).  Both parsers run on it for the plain, ",high" and
 * ",low" lookups; each lookup must give the same return code and, on
 * success, the same size and base.  The only differences allowed are the
 * deliberate ones that Documentation/admin-guide/kdump/kdump.rst
 * documents, each a named predicate below.  Any other difference, or a
 * broken promise of our parser, calls abort().
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/crash_core.h>
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/sizes.h>

#define CHECK(cond)	do { if (!(cond)) abort(); } while (0)

/* Longest command line tried; its warnings fit in fuzz_printk_last. */
#define CK_MAX_CMDLINE	1024
static_assert(2 * CK_MAX_CMDLINE + 256 <= sizeof(fuzz_printk_last));

typedef int (*ck_parse_fn)(char *cmdline, unsigned long long ram,
			   unsigned long long *size, unsigned long long *base);

int ref_parse_crashkernel(char *cmdline, unsigned long long ram,
			  unsigned long long *size, unsigned long long *base);
int ref_parse_crashkernel_high(char *cmdline, unsigned long long ram,
			       unsigned long long *size,
			       unsigned long long *base);
int ref_parse_crashkernel_low(char *cmdline, unsigned long long ram,
			      unsigned long long *size,
			      unsigned long long *base);

/* One lookup: the plain forms, ",high" or ",low". */
static const struct ck_kind {
	const char *suffix;
	ck_parse_fn ours;
	ck_parse_fn ref;
} ck_kinds[] = {
	{ NULL, parse_crashkernel, ref_parse_crashkernel },
	{ ",high", parse_crashkernel_high, ref_parse_crashkernel_high },
	{ ",low", parse_crashkernel_low, ref_parse_crashkernel_low },
};

/* What one parser did for one lookup. */
struct ck_outcome {
	int ret;
	unsigned long long size;
	unsigned long long base;
	unsigned long nr_msgs;
	char msg[sizeof(fuzz_printk_last)];
};

struct ck_input {
	unsigned long long ram;
	const char *cmdline;
};

/* Run @fn on a private copy of the command line, so ASan sees its end. */
static void ck_run(ck_parse_fn fn, const struct ck_input *in,
		   struct ck_outcome *o)
{
	size_t len = strlen(in->cmdline);
	char *copy = malloc(len + 1);

	CHECK(copy);
	memcpy(copy, in->cmdline, len + 1);
	fuzz_printk_count = 0;
	fuzz_printk_last[0] = '\0';
	o->size = 0xdeadbeef;
	o->base = 0xdeadbeef;
	o->ret = fn(copy, in->ram, &o->size, &o->base);
	o->nr_msgs = fuzz_printk_count;
	memcpy(o->msg, fuzz_printk_last, sizeof(o->msg));
	CHECK(!memcmp(copy, in->cmdline, len + 1));
	free(copy);
}

/* RAM as the range-list form sees it: rounded up to 128 MiB. */
static unsigned long long ck_ram(unsigned long long ram)
{
	return round_up(ram, (unsigned long long)SZ_128M);
}

/* Did our parser refuse the value for @why? */
static bool ck_refused_for(const struct ck_outcome *o, const char *why)
{
	char pat[128];

	if (o->ret != -EINVAL)
		return false;
	snprintf(pat, sizeof(pat), ": %s at \"", why);
	return strstr(o->msg, pat);
}

/* What our parser promises whatever upstream does (crashkernel.c DOC). */
static void ck_check_ours(const struct ck_kind *k, const struct ck_outcome *o)
{
	bool low = k->suffix && !strcmp(k->suffix, ",low");
	const char *outcome = low ? "; the default low size is used\n" :
				    "; nothing reserved\n";
	size_t len = strlen(o->msg), olen = strlen(outcome);

	CHECK(o->ret == 0 || o->ret == -EINVAL || o->ret == -ENOENT);
	/* kdump.rst: "The refusal is a single warning"; no line before it. */
	CHECK(o->nr_msgs <= 1);
	if (o->ret == -EINVAL)
		CHECK(len > olen && !strcmp(o->msg + len - olen, outcome));
	if (o->ret)
		CHECK(!o->size && !o->base);
	if (k->suffix)
		CHECK(!o->base);
}

/* --- deliberate differences documented in kdump.rst -------------------- */

/*
 * kdump.rst, "Rules common to all forms": "The whole value is checked.  A
 * number that overflows 64 bits, a missing size, a missing - or :, a range
 * whose end is not above its start, trailing characters [...] make the
 * kernel refuse the value".  Upstream lets these through: memparse()
 * wraps, takes a bare unit ("K") as 0 and "@" alone as base 0, and stops
 * reading a value at its first matching range or after its offset.  So
 * we may refuse, for one of those reasons, what upstream accepts.
 */
static bool ck_doc_whole_value_checked(const struct ck_outcome *ours,
				       const struct ck_outcome *ref)
{
	static const char * const why[] = {
		"number does not fit in 64 bits",
		"size does not fit in 64 bits",
		"a size was expected",
		"'-' expected after the start of a range",
		"range ends before it starts",
		"':' expected after a range",
		"unexpected character",
	};
	unsigned int i;

	if (ref->ret != 0)
		return false;
	for (i = 0; i < ARRAY_SIZE(why); i++)
		if (ck_refused_for(ours, why[i]))
			return true;
	return false;
}

/*
 * kdump.rst, syntax of the range list: the kernel "takes the first entry
 * for which START <= RAM < END", and refuses the value when "the size
 * chosen is not smaller than RAM".  Upstream compares the size of every
 * entry it reads before the matching one with RAM too ("crashkernel:
 * invalid size"), so it refuses lists that we accept.
 */
static bool ck_doc_only_chosen_size_vs_ram(const struct ck_input *in,
					   const struct ck_outcome *ours,
					   const struct ck_outcome *ref)
{
	if (ours->ret != 0 || ref->ret != -EINVAL)
		return false;
	if (strcmp(ref->msg, "crashkernel: invalid size\n"))
		return false;
	/* Only if what we chose, if anything, is below RAM. */
	return !ours->size || ours->size < ck_ram(in->ram);
}

/*
 * kdump.rst, rules common to all forms: "A size of zero means no
 * reservation, silently."  With nothing to place, the offset means
 * nothing: upstream does not even read "@offset" after a range list that
 * chose no size (or a zero one); we do, and report it.
 */
static bool ck_doc_zero_size(const struct ck_outcome *ours,
			     const struct ck_outcome *ref)
{
	return !ours->ret && !ref->ret && !ours->size && !ref->size;
}

/*
 * kdump.rst, rules common to all forms: "Only a word of the command line
 * that starts with crashkernel= counts" (so "xcrashkernel=" or
 * "a=crashkernel=" are not ours); upstream takes any occurrence.
 */
static bool ck_doc_word_start(const struct ck_input *in)
{
	const char *p = in->cmdline;

	while ((p = strstr(p + 1, "crashkernel=")))
		if (!isspace(p[-1]))
			return true;
	return false;
}

/*
 * kdump.rst, rules common to all forms: "any blank ends a word: a space,
 * a tab, a newline or the other isspace() characters" (the kernel's
 * isspace() also counts \v, \f, \r and 0xa0); upstream ends a value at
 * ' ' only.
 */
static bool ck_doc_any_blank(const struct ck_input *in)
{
	const char *p;

	for (p = in->cmdline; *p; p++)
		if (isspace(*p) && *p != ' ')
			return true;
	return false;
}

static bool ck_same(const struct ck_outcome *a, const struct ck_outcome *b)
{
	if (a->ret != b->ret)
		return false;
	return a->ret || (a->size == b->size && a->base == b->base);
}

static bool ck_allowed(const struct ck_input *in,
		       const struct ck_outcome *ours,
		       const struct ck_outcome *ref)
{
	return ck_doc_whole_value_checked(ours, ref) ||
	       ck_doc_only_chosen_size_vs_ram(in, ours, ref) ||
	       ck_doc_zero_size(ours, ref) ||
	       ck_doc_word_start(in) ||
	       ck_doc_any_blank(in);
}

static void ck_compare(const struct ck_kind *k, const struct ck_input *in)
{
	struct ck_outcome ours, ref;

	ck_run(k->ours, in, &ours);
	ck_check_ours(k, &ours);
	ck_run(k->ref, in, &ref);
	CHECK(ck_same(&ours, &ref) || ck_allowed(in, &ours, &ref));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ck_input in = { 0 };
	char *cmdline;
	unsigned int i;

	if (size < 8 || size - 8 > CK_MAX_CMDLINE)
		return 0;
	for (i = 0; i < 8; i++)
		in.ram |= (unsigned long long)data[i] << (8 * i);
	cmdline = malloc(size - 8 + 1);
	CHECK(cmdline);
	memcpy(cmdline, data + 8, size - 8);
	cmdline[size - 8] = '\0';
	in.cmdline = cmdline;
	for (i = 0; i < ARRAY_SIZE(ck_kinds); i++)
		ck_compare(&ck_kinds[i], &in);
	free(cmdline);
	return 0;
}
