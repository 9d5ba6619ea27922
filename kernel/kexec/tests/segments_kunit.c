// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kexec_judge_request() and kexec_check_request(): one
 * case per rule of segment_rules[], each a small request that breaks
 * exactly that rule and is checked for the rule that fired, the errno and
 * the segment named, plus requests that must pass and the order in which
 * rules are applied.
 * Requests describe a machine with 64 MiB of RAM and a crash region at
 * [16 MiB, 32 MiB).
 */
#include <kunit/test.h>
#include <linux/sizes.h>

#include "../internal.h"

#define MAX_SEGS	3
#define WIN_START	SZ_16M
#define WIN_END		(SZ_32M - 1)

/* The rules' descriptions, as kexec_judge_request() reports them. */
#define CRASH_ENTRY	"crash entry point outside the crash kernel region"
#define WRAPS		"destination range wraps around"
#define UNALIGNED	"destination range not page aligned"
#define BEYOND		"destination range beyond the architecture's limit"
#define OVERLAP		"destination range overlaps an earlier one"
#define BUFSZ		"bufsz larger than memsz"
#define SEG_HALF	"segment larger than half of RAM"
#define IMAGE_HALF	"segments larger than half of RAM"
#define OUTSIDE		"crash segment outside the crash kernel region"
#define ENTRY		"entry point outside every segment"
#define ROOM		"no room left in the crash kernel region for control pages"

/**
 * struct seg_case - one request and what the rules must say of it
 * @name:	case name
 * @crash:	KEXEC_ON_CRASH
 * @entry:	entry point
 * @nr:		segments in @seg
 * @seg:	the segments
 * @want:	the verdict expected: errno, rule, and the segment named
 * @arch_room:	what the architecture adds to the control room
 */
struct seg_case {
	const char *name;
	bool crash;
	unsigned long entry;
	unsigned long nr;
	struct kexec_segment seg[MAX_SEGS];
	struct kexec_verdict want;
	unsigned long arch_room;
};

#define SEG(m, msz, bsz) { .mem = (m), .memsz = (msz), .bufsz = (bsz) }
#define PASS		{ .seg = -1 }
#define FAIL(e, w, b)	{ .err = -(e), .why = (w), .seg = (b) }

static const struct seg_case seg_cases[] = {
	{ "one_page", false, SZ_1M, 1, { SEG(SZ_1M, PAGE_SIZE, 10) }, PASS },
	{ "crash_in_window", true, WIN_START, 2,
	  { SEG(WIN_START, SZ_1M, SZ_1M),
	    SEG(WIN_START + SZ_2M, PAGE_SIZE, 0) }, PASS },
	{ "crash_leaves_control_room", true, WIN_START, 1,
	  { SEG(WIN_START, SZ_16M - KEXEC_CRASH_CONTROL_ROOM, 0) }, PASS },
	{ "crash_fills_window", true, WIN_START, 1,
	  { SEG(WIN_START, SZ_16M, 0) }, FAIL(ENOMEM, ROOM, -1) },
	{ "crash_a_page_short_of_control_room", true, WIN_START, 1,
	  { SEG(WIN_START, SZ_16M - KEXEC_CRASH_CONTROL_ROOM + PAGE_SIZE, 0) },
	  FAIL(ENOMEM, ROOM, -1) },
	/* The architecture's page tables for a big machine need a page more. */
	{ "crash_a_page_short_of_arch_room", true, WIN_START, 1,
	  { SEG(WIN_START, SZ_16M - KEXEC_CRASH_CONTROL_ROOM, 0) },
	  FAIL(ENOMEM, ROOM, -1), PAGE_SIZE },
	{ "adjacent_segments", false, SZ_1M, 2,
	  { SEG(SZ_1M, PAGE_SIZE, 0), SEG(SZ_1M + PAGE_SIZE, PAGE_SIZE, 0) },
	  PASS },
	{ "crash_entry_outside_window", true, WIN_END + 1, 1,
	  { SEG(WIN_START, PAGE_SIZE, 0) },
	  FAIL(EADDRNOTAVAIL, CRASH_ENTRY, -1) },
	{ "range_wraps", false, 0, 1, { SEG(-PAGE_SIZE, 2 * PAGE_SIZE, 0) },
	  FAIL(EADDRNOTAVAIL, WRAPS, 0) },
	{ "start_unaligned", false, SZ_1M, 1,
	  { SEG(SZ_1M + 512, PAGE_SIZE, 0) },
	  FAIL(EADDRNOTAVAIL, UNALIGNED, 0) },
	{ "size_unaligned", false, SZ_1M, 2,
	  { SEG(SZ_2M, PAGE_SIZE, 0), SEG(SZ_1M, 100, 0) },
	  FAIL(EADDRNOTAVAIL, UNALIGNED, 1) },
	{ "beyond_limit", false, SZ_1M, 1,
	  { SEG(SZ_1G, SZ_1G, 0) }, FAIL(EADDRNOTAVAIL, BEYOND, 0) },
	{ "overlapping", false, SZ_1M, 2,
	  { SEG(SZ_1M, 2 * PAGE_SIZE, 0), SEG(SZ_1M + PAGE_SIZE, PAGE_SIZE, 0) },
	  FAIL(EINVAL, OVERLAP, 1) },
	{ "same_range_twice", false, SZ_1M, 3,
	  { SEG(SZ_4M, PAGE_SIZE, 0), SEG(SZ_1M, PAGE_SIZE, 0),
	    SEG(SZ_1M, PAGE_SIZE, 0) }, FAIL(EINVAL, OVERLAP, 2) },
	{ "bufsz_above_memsz", false, SZ_1M, 1,
	  { SEG(SZ_1M, PAGE_SIZE, PAGE_SIZE + 1) }, FAIL(EINVAL, BUFSZ, 0) },
	{ "segment_over_half_ram", false, SZ_1M, 1,
	  { SEG(SZ_1M, SZ_32M + PAGE_SIZE, 0) }, FAIL(EINVAL, SEG_HALF, 0) },
	{ "image_over_half_ram", false, SZ_1M, 2,
	  { SEG(SZ_1M, SZ_16M, 0), SEG(SZ_32M, SZ_16M + PAGE_SIZE, 0) },
	  FAIL(EINVAL, IMAGE_HALF, -1) },
	{ "crash_segment_below_window", true, WIN_START, 2,
	  { SEG(WIN_START, PAGE_SIZE, 0), SEG(SZ_1M, PAGE_SIZE, 0) },
	  FAIL(EADDRNOTAVAIL, OUTSIDE, 1) },
	{ "crash_segment_across_window_end", true, WIN_START, 1,
	  { SEG(WIN_END + 1 - PAGE_SIZE, 2 * PAGE_SIZE, 0) },
	  FAIL(EADDRNOTAVAIL, OUTSIDE, 0) },
	{ "entry_outside_segments", false, SZ_2M, 1,
	  { SEG(SZ_1M, PAGE_SIZE, 0) }, FAIL(EADDRNOTAVAIL, ENTRY, -1) },
	{ "entry_at_segment_end", false, SZ_1M + PAGE_SIZE, 1,
	  { SEG(SZ_1M, PAGE_SIZE, 0) }, FAIL(EADDRNOTAVAIL, ENTRY, -1) },
	/* Rule order: the unaligned range is found before the overlap. */
	{ "first_rule_decides", false, SZ_1M, 2,
	  { SEG(SZ_1M, 2 * PAGE_SIZE, 0), SEG(SZ_1M + 8, PAGE_SIZE, 0) },
	  FAIL(EADDRNOTAVAIL, UNALIGNED, 1) },
};

static void seg_case_desc(const struct seg_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(seg_cases, seg_cases, seg_case_desc);

static void segments_test_request_verdict(struct kunit *test)
{
	const struct seg_case *c = test->param_value;
	struct kexec_request req = {
		.seg = c->seg,
		.nr = c->nr,
		.entry = c->entry,
		.crash = c->crash,
		.win_start = WIN_START,
		.win_end = WIN_END,
		.dest_limit = SZ_1G,
		.ram_pages = SZ_64M >> PAGE_SHIFT,
		.control_room = c->crash ?
				KEXEC_CRASH_CONTROL_ROOM + c->arch_room : 0,
	};
	struct kexec_verdict v = kexec_judge_request(&req);

	KUNIT_EXPECT_EQ(test, v.err, c->want.err);
	KUNIT_EXPECT_STREQ(test, v.why ?: "(none)", c->want.why ?: "(none)");
	KUNIT_EXPECT_EQ(test, v.seg, c->want.seg);
	KUNIT_EXPECT_EQ(test, kexec_check_request(&req), c->want.err);
}

static struct kunit_case segments_test_cases[] = {
	KUNIT_CASE_PARAM(segments_test_request_verdict,
			 seg_cases_gen_params),
	{ }
};

static struct kunit_suite segments_test_suite = {
	.name = "kexec_segments",
	.test_cases = segments_test_cases,
};

kunit_test_suite(segments_test_suite);

MODULE_LICENSE("GPL");
