// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for elfcorehdr_parse(), the reader of the capture kernel's
 * elfcorehdr= parameter.  Each case is one value and either the offset
 * and size it must give or the rule that must refuse it; a refused value
 * must leave both outputs alone, so that a half-read value never makes a
 * normal kernel think it is a capture kernel.
 */
#include <kunit/test.h>
#include <linux/sizes.h>

#include "../internal.h"

#define UNTOUCHED	0x5a5a5a5aULL

struct hdr_param_case {
	const char *name;
	const char *arg;
	unsigned long long addr, size;
	const char *why;
};

#define OK(n, a, ad, sz)	{ n, a, ad, sz, NULL }
#define BAD(n, a, w)		{ n, a, UNTOUCHED, UNTOUCHED, w }

static const struct hdr_param_case hdr_param_cases[] = {
	OK("offset", "0x7f000000", 0x7f000000, 0),
	OK("offset_with_suffix", "2032M", 2032ULL * SZ_1M, 0),
	OK("size_at_offset", "4K@0x7f000000", 0x7f000000, SZ_4K),
	OK("both_suffixed", "64K@1G", SZ_1G, SZ_64K),
	OK("zero_size", "0@0x1000", 0x1000, 0),
	BAD("empty", "", "no number"),
	BAD("word", "here", "no number"),
	BAD("at_first", "@0x1000", "no number"),
	BAD("nothing_after_at", "4K@", "no offset after '@'"),
	BAD("word_after_at", "4K@x", "no offset after '@'"),
	BAD("trailing_word", "0x1000 ", "characters after the offset"),
	BAD("bad_suffix", "4Q", "characters after the offset"),
	BAD("two_ats", "4K@1M@2M", "characters after the offset"),
};

static void hdr_param_desc(const struct hdr_param_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(hdr_param, hdr_param_cases, hdr_param_desc);

static void elfcorehdr_param_test(struct kunit *test)
{
	const struct hdr_param_case *c = test->param_value;
	unsigned long long addr = UNTOUCHED, size = UNTOUCHED;
	const char *why = elfcorehdr_parse(c->arg, &addr, &size);

	KUNIT_EXPECT_STREQ(test, why ?: "(none)", c->why ?: "(none)");
	KUNIT_EXPECT_EQ(test, addr, c->addr);
	KUNIT_EXPECT_EQ(test, size, c->size);
}

static struct kunit_case elfcorehdr_param_cases[] = {
	KUNIT_CASE_PARAM(elfcorehdr_param_test, hdr_param_gen_params),
	{ }
};

static struct kunit_suite elfcorehdr_param_suite = {
	.name = "kexec_elfcorehdr_param",
	.test_cases = elfcorehdr_param_cases,
};

kunit_test_suite(elfcorehdr_param_suite);

MODULE_LICENSE("GPL");
