// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kexec_check_request(): one case per rule of
 * segment_rules[], each a small request that breaks exactly that rule,
 * plus requests that must pass and the order in which rules are applied.
 * Requests describe a machine with 64 MiB of RAM and a crash region at
 * [16 MiB, 32 MiB).
 */
#include <kunit/test.h>
#include <linux/sizes.h>

#include "../internal.h"

#define MAX_SEGS	3
#define WIN_START	SZ_16M
#define WIN_END		(SZ_32M - 1)

struct seg_case {
	const char *name;
	bool crash;
	unsigned long entry;
	unsigned long nr;
	struct kexec_segment seg[MAX_SEGS];
	int ret;
	unsigned long arch_room;
};

#define SEG(m, msz, bsz) { .mem = (m), .memsz = (msz), .bufsz = (bsz) }

static const struct seg_case seg_cases[] = {
	{ "one_page", false, SZ_1M, 1, { SEG(SZ_1M, PAGE_SIZE, 10) }, 0 },
	{ "crash_in_window", true, WIN_START, 2,
	  { SEG(WIN_START, SZ_1M, SZ_1M),
	    SEG(WIN_START + SZ_2M, PAGE_SIZE, 0) }, 0 },
	{ "crash_leaves_control_room", true, WIN_START, 1,
	  { SEG(WIN_START, SZ_16M - KEXEC_CRASH_CONTROL_ROOM, 0) }, 0 },
	{ "crash_fills_window", true, WIN_START, 1,
	  { SEG(WIN_START, SZ_16M, 0) }, -ENOMEM },
	{ "crash_a_page_short_of_control_room", true, WIN_START, 1,
	  { SEG(WIN_START, SZ_16M - KEXEC_CRASH_CONTROL_ROOM + PAGE_SIZE, 0) },
	  -ENOMEM },
	/* The architecture's page tables for a big machine need a page more. */
	{ "crash_a_page_short_of_arch_room", true, WIN_START, 1,
	  { SEG(WIN_START, SZ_16M - KEXEC_CRASH_CONTROL_ROOM, 0) },
	  -ENOMEM, PAGE_SIZE },
	{ "adjacent_segments", false, SZ_1M, 2,
	  { SEG(SZ_1M, PAGE_SIZE, 0), SEG(SZ_1M + PAGE_SIZE, PAGE_SIZE, 0) },
	  0 },
	{ "crash_entry_outside_window", true, WIN_END + 1, 1,
	  { SEG(WIN_START, PAGE_SIZE, 0) }, -EADDRNOTAVAIL },
	{ "range_wraps", false, 0, 1, { SEG(-PAGE_SIZE, 2 * PAGE_SIZE, 0) },
	  -EADDRNOTAVAIL },
	{ "start_unaligned", false, SZ_1M, 1,
	  { SEG(SZ_1M + 512, PAGE_SIZE, 0) }, -EADDRNOTAVAIL },
	{ "size_unaligned", false, SZ_1M, 1, { SEG(SZ_1M, 100, 0) },
	  -EADDRNOTAVAIL },
	{ "beyond_limit", false, SZ_1M, 1,
	  { SEG(SZ_1G, SZ_1G, 0) }, -EADDRNOTAVAIL },
	{ "overlapping", false, SZ_1M, 2,
	  { SEG(SZ_1M, 2 * PAGE_SIZE, 0), SEG(SZ_1M + PAGE_SIZE, PAGE_SIZE, 0) },
	  -EINVAL },
	{ "same_range_twice", false, SZ_1M, 2,
	  { SEG(SZ_1M, PAGE_SIZE, 0), SEG(SZ_1M, PAGE_SIZE, 0) }, -EINVAL },
	{ "bufsz_above_memsz", false, SZ_1M, 1,
	  { SEG(SZ_1M, PAGE_SIZE, PAGE_SIZE + 1) }, -EINVAL },
	{ "segment_over_half_ram", false, SZ_1M, 1,
	  { SEG(SZ_1M, SZ_32M + PAGE_SIZE, 0) }, -EINVAL },
	{ "image_over_half_ram", false, SZ_1M, 2,
	  { SEG(SZ_1M, SZ_16M, 0), SEG(SZ_32M, SZ_16M + PAGE_SIZE, 0) },
	  -EINVAL },
	{ "crash_segment_below_window", true, WIN_START, 2,
	  { SEG(WIN_START, PAGE_SIZE, 0), SEG(SZ_1M, PAGE_SIZE, 0) },
	  -EADDRNOTAVAIL },
	{ "crash_segment_across_window_end", true, WIN_START, 1,
	  { SEG(WIN_END + 1 - PAGE_SIZE, 2 * PAGE_SIZE, 0) }, -EADDRNOTAVAIL },
	{ "entry_outside_segments", false, SZ_2M, 1,
	  { SEG(SZ_1M, PAGE_SIZE, 0) }, -EADDRNOTAVAIL },
	{ "entry_at_segment_end", false, SZ_1M + PAGE_SIZE, 1,
	  { SEG(SZ_1M, PAGE_SIZE, 0) }, -EADDRNOTAVAIL },
	/* Rule order: the unaligned range is found before the overlap. */
	{ "first_rule_decides", false, SZ_1M, 2,
	  { SEG(SZ_1M, 2 * PAGE_SIZE, 0), SEG(SZ_1M + 8, PAGE_SIZE, 0) },
	  -EADDRNOTAVAIL },
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

	KUNIT_EXPECT_EQ(test, kexec_check_request(&req), c->ret);
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
