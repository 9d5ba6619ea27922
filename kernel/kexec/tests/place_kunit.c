// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kexec_fit(), the search behind kexec_add_buffer(): one
 * range of memory, a few busy ranges inside it, and a buffer with a size,
 * an alignment, a window and a direction.  Each case names the address
 * the buffer must get, or that it must not fit.  The range is
 * [1 MiB, 9 MiB) unless a case says otherwise.  Then the rules a buffer
 * must meet before it is placed at all: each case names the rule that
 * must refuse it, or none.
 */
#include <kunit/test.h>
#include <linux/kexec.h>
#include <linux/sizes.h>

#include "../internal.h"

#define LO	SZ_1M
#define HI	(9 * SZ_1M - 1)
#define NOFIT	(~0ULL)

struct fit_case {
	const char *name;
	u64 size, align, min, max;
	bool top_down;
	unsigned int nr_busy;
	struct crash_mem_range busy[3];
	u64 want;
};

#define BUSY(s, e)	{ .start = (s), .end = (e) }

static const struct fit_case fit_cases[] = {
	{ "bottom_up_takes_the_lowest", SZ_4K, SZ_4K, 0, U64_MAX, false, 0,
	  { }, LO },
	{ "top_down_takes_the_highest", SZ_4K, SZ_4K, 0, U64_MAX, true, 0,
	  { }, HI + 1 - SZ_4K },
	{ "exact_fit", 8 * SZ_1M, SZ_4K, 0, U64_MAX, false, 0, { }, LO },
	{ "one_byte_too_big", 8 * SZ_1M + 1, SZ_4K, 0, U64_MAX, false, 0,
	  { }, NOFIT },
	{ "bottom_up_aligns_up", SZ_4K, SZ_2M, 0, U64_MAX, false, 0, { },
	  SZ_2M },
	{ "top_down_aligns_down", SZ_1M, SZ_2M, 0, U64_MAX, true, 0, { },
	  8 * SZ_1M },
	{ "window_min_raises_start", SZ_4K, SZ_4K, 3 * SZ_1M, U64_MAX, false,
	  0, { }, 3 * SZ_1M },
	{ "window_max_lowers_end", SZ_4K, SZ_4K, 0, 4 * SZ_1M - 1, true, 0,
	  { }, 4 * SZ_1M - SZ_4K },
	{ "window_outside_range", SZ_4K, SZ_4K, 10 * SZ_1M, U64_MAX, false,
	  0, { }, NOFIT },
	{ "bottom_up_skips_busy", SZ_1M, SZ_4K, 0, U64_MAX, false, 1,
	  { BUSY(LO, 2 * SZ_1M + 5) }, 2 * SZ_1M + SZ_4K },
	{ "top_down_skips_busy", SZ_1M, SZ_4K, 0, U64_MAX, true, 1,
	  { BUSY(8 * SZ_1M - 5, HI) }, 7 * SZ_1M - SZ_4K },
	{ "gap_between_busy_exactly", SZ_1M, SZ_1M, 0, U64_MAX, false, 2,
	  { BUSY(LO, 3 * SZ_1M - 1), BUSY(4 * SZ_1M, HI) }, 3 * SZ_1M },
	{ "gap_one_page_short", SZ_1M + SZ_4K, SZ_4K, 0, U64_MAX, true, 2,
	  { BUSY(LO, 3 * SZ_1M - 1), BUSY(4 * SZ_1M, HI) }, NOFIT },
	{ "busy_touching_is_not_busy", SZ_4K, SZ_4K, 0, U64_MAX, false, 1,
	  { BUSY(0, LO - 1) }, LO },
	{ "busy_past_both_ends", SZ_4K, SZ_4K, 0, U64_MAX, true, 1,
	  { BUSY(0, U64_MAX) }, NOFIT },
	{ "several_busy_in_a_row", SZ_1M, SZ_4K, 0, U64_MAX, true, 3,
	  { BUSY(8 * SZ_1M, HI), BUSY(7 * SZ_1M, 8 * SZ_1M - 1),
	    BUSY(6 * SZ_1M + 1, 7 * SZ_1M - 1) }, 5 * SZ_1M },
	{ "zero_size", 0, SZ_4K, 0, U64_MAX, false, 0, { }, NOFIT },
};

static void fit_case_desc(const struct fit_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(fit_cases, fit_cases, fit_case_desc);

static void place_test_fit(struct kunit *test)
{
	const struct fit_case *c = test->param_value;
	struct kexec_hole h = {
		.size = c->size, .align = c->align, .min = c->min,
		.max = c->max, .top_down = c->top_down,
	};
	u64 addr = NOFIT;
	bool fits = kexec_fit(&h, LO, HI, c->busy, c->nr_busy, &addr);

	KUNIT_EXPECT_EQ(test, fits, c->want != NOFIT);
	if (fits)
		KUNIT_EXPECT_EQ(test, addr, c->want);
}

/* A range at the very top of the address space must not wrap. */
static void place_test_top_of_memory(struct kunit *test)
{
	struct kexec_hole h = { .size = SZ_4K, .align = SZ_4K, .max = U64_MAX };
	u64 addr = 0;

	KUNIT_EXPECT_TRUE(test, kexec_fit(&h, U64_MAX - SZ_1M + 1, U64_MAX,
					  NULL, 0, &addr));
	KUNIT_EXPECT_EQ(test, addr, U64_MAX - SZ_1M + 1);
	h.top_down = true;
	KUNIT_EXPECT_TRUE(test, kexec_fit(&h, U64_MAX - SZ_1M + 1, U64_MAX,
					  NULL, 0, &addr));
	KUNIT_EXPECT_EQ(test, addr, U64_MAX - SZ_4K + 1);
}

struct kbuf_case {
	const char *name;
	unsigned long nr_segments, bufsz, memsz, align;
	const char *why;
};

#define KB_FULL		"the segment table is full"
#define KB_SIZES	"no memory, or less memory than buffer"
#define KB_ALIGN	"alignment not a power of two"

static const struct kbuf_case kbuf_cases[] = {
	{ "fine", 0, SZ_4K, SZ_4K, SZ_4K, NULL },
	{ "fine_no_bytes_to_copy", 3, 0, SZ_8K, SZ_2M, NULL },
	{ "last_free_slot", KEXEC_SEGMENT_MAX - 1, SZ_4K, SZ_4K, SZ_4K, NULL },
	{ "table_full", KEXEC_SEGMENT_MAX, SZ_4K, SZ_4K, SZ_4K, KB_FULL },
	{ "no_memory", 0, 0, 0, SZ_4K, KB_SIZES },
	{ "buffer_larger_than_memory", 0, SZ_8K + 1, SZ_8K, SZ_4K, KB_SIZES },
	{ "three_pages_alignment", 0, SZ_4K, SZ_4K, 3 * SZ_4K, KB_ALIGN },
	/* The first broken rule is the one named. */
	{ "full_and_empty", KEXEC_SEGMENT_MAX, 0, 0, 3 * SZ_4K, KB_FULL },
	{ "empty_and_misaligned", 0, 0, 0, 3 * SZ_4K, KB_SIZES },
};

static void kbuf_case_desc(const struct kbuf_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kbuf_cases, kbuf_cases, kbuf_case_desc);

static void place_test_kbuf_rules(struct kunit *test)
{
	const struct kbuf_case *c = test->param_value;
	struct kimage image = { .nr_segments = c->nr_segments };
	struct kexec_buf kbuf = {
		.image = &image, .bufsz = c->bufsz, .memsz = c->memsz,
		.buf_align = c->align,
	};
	const char *why = kexec_judge_kbuf(&kbuf);

	KUNIT_EXPECT_STREQ(test, why ?: "(none)", c->why ?: "(none)");
}

static struct kunit_case place_test_cases[] = {
	KUNIT_CASE_PARAM(place_test_fit, fit_cases_gen_params),
	KUNIT_CASE(place_test_top_of_memory),
	KUNIT_CASE_PARAM(place_test_kbuf_rules, kbuf_cases_gen_params),
	{ }
};

static struct kunit_suite place_test_suite = {
	.name = "kexec_place",
	.test_cases = place_test_cases,
};

kunit_test_suite(place_test_suite);

MODULE_LICENSE("GPL");
