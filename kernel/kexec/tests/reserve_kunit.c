// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the crashkernel= reservation policy
 * (kernel/kexec/reserve.c).  Each case is a command line, a pretend
 * machine (its RAM ranges and one architecture's limits) and the
 * verdict and regions crash_reserve_plan() must come to.  The pretend
 * allocator hands out the highest free aligned block, as memblock does,
 * and the suite checks that a refused request leaves nothing taken.
 */
#include <kunit/test.h>
#include <linux/crash_reserve.h>
#include <linux/mm.h>
#include <linux/sizes.h>

#define MAX_RANGES	4

/* A pretend machine: RAM ranges [start, end), and the blocks taken. */
struct pretend_mem {
	phys_addr_t ram[MAX_RANGES][2];
	phys_addr_t taken[MAX_RANGES][2];
	unsigned int nr_taken;
};

static struct pretend_mem *mem;

/* The end of a taken block overlapping [lo, hi), lowest start first; or 0. */
static phys_addr_t taken_below(phys_addr_t lo, phys_addr_t hi)
{
	phys_addr_t start = 0;
	unsigned int i;

	for (i = 0; i < mem->nr_taken; i++)
		if (mem->taken[i][0] < hi && lo < mem->taken[i][1] &&
		    (!start || mem->taken[i][0] < start))
			start = mem->taken[i][0] ? mem->taken[i][0] : 1;
	return start;
}

static phys_addr_t take_in(const phys_addr_t r[2], phys_addr_t size,
			   phys_addr_t align, phys_addr_t lo, phys_addr_t hi)
{
	phys_addr_t top = min(hi, r[1]), bottom = max(lo, r[0]), at, busy;

	while (top >= bottom + size) {
		at = ALIGN_DOWN(top - size, align);
		if (at < bottom)
			return 0;
		busy = taken_below(at, at + size);
		if (!busy) {
			mem->taken[mem->nr_taken][0] = at;
			mem->taken[mem->nr_taken++][1] = at + size;
			return at;
		}
		top = busy;
	}
	return 0;
}

static phys_addr_t pretend_alloc(phys_addr_t size, phys_addr_t align,
				 phys_addr_t start, phys_addr_t end)
{
	phys_addr_t got;
	int i;

	if (mem->nr_taken == MAX_RANGES)
		return 0;
	for (i = MAX_RANGES - 1; i >= 0; i--) {
		if (mem->ram[i][1] <= mem->ram[i][0])
			continue;
		got = take_in(mem->ram[i], size, align, start, end);
		if (got)
			return got;
	}
	return 0;
}

static void pretend_free(phys_addr_t base, phys_addr_t size)
{
	unsigned int i;

	for (i = 0; i < mem->nr_taken; i++) {
		if (mem->taken[i][0] != base || mem->taken[i][1] != base + size)
			continue;
		mem->taken[i][0] = mem->taken[--mem->nr_taken][0];
		mem->taken[i][1] = mem->taken[mem->nr_taken][1];
		return;
	}
}

static const struct crash_reserve_ops pretend_ops = {
	.alloc = pretend_alloc,
	.free = pretend_free,
};

/* x86_64's numbers, and arm64's with a 4 GiB DMA limit. */
static const struct crash_reserve_limits x86 = {
	.floor = SZ_16M, .align = SZ_16M, .fixed_align = SZ_1M,
	.low_limit = SZ_4G, .high_limit = SZ_64T, .default_low = SZ_256M,
};

static const struct crash_reserve_limits arm64 = {
	.floor = 0, .align = SZ_2M, .fixed_align = SZ_2M,
	.low_limit = SZ_4G, .high_limit = 1ULL << 48, .default_low = SZ_128M,
};

/* RAM layouts: 512 MiB at 0 or at 1 GiB; 5 GiB split around a hole. */
#define RAM_512M_AT_0	{ { 0, SZ_512M } }
#define RAM_512M_AT_1G	{ { SZ_1G, SZ_1G + SZ_512M } }
#define RAM_5G		{ { 0, 3ULL * SZ_1G }, { SZ_4G, 6ULL * SZ_1G } }
/* 5 GiB whose low part is too small for any low companion. */
#define RAM_5G_LOW_FULL	{ { 0, SZ_64M }, { SZ_4G, 9ULL * SZ_1G } }

/* 65537 KiB rounds up to whole pages, placed 2 MiB aligned below 1.5 GiB. */
#define ODD_SIZE	PAGE_ALIGN(65537ULL * SZ_1K)
#define ODD_BASE	ALIGN_DOWN(SZ_1G + SZ_512M - ODD_SIZE, SZ_2M)

struct reserve_case {
	const char *name;
	const char *cmdline;
	const struct crash_reserve_limits *lim;
	phys_addr_t ram[MAX_RANGES][2];
	enum crash_reserve_verdict verdict;
	struct crash_regions want;
};

static const struct reserve_case reserve_cases[] = {
	{ "no_value", "quiet", &x86, RAM_512M_AT_0, CRASH_NOT_ASKED },
	{ "size_zero", "crashkernel=0", &x86, RAM_512M_AT_0, CRASH_NOT_ASKED },
	{ "malformed", "crashkernel=abc", &x86, RAM_512M_AT_0,
	  CRASH_NOT_ASKED },
	{ "size_placed_highest", "crashkernel=64M", &x86, RAM_512M_AT_0,
	  CRASH_RESERVED, { SZ_512M - SZ_64M, SZ_64M } },
	{ "size_page_aligned", "crashkernel=65537K", &arm64, RAM_512M_AT_1G,
	  CRASH_RESERVED, { ODD_BASE, ODD_SIZE } },
	{ "fixed", "crashkernel=32M@1280M", &arm64, RAM_512M_AT_1G,
	  CRASH_RESERVED, { 0x50000000, SZ_32M } },
	{ "fixed_unaligned", "crashkernel=32M@0x50100000", &arm64,
	  RAM_512M_AT_1G, CRASH_UNALIGNED },
	{ "fixed_outside_ram", "crashkernel=32M@256M", &arm64,
	  RAM_512M_AT_1G, CRASH_NOT_FREE },
	{ "too_large", "crashkernel=512M", &x86, RAM_512M_AT_0,
	  CRASH_TOO_LARGE },
	{ "beyond_reach", "crashkernel=32M@0xfffffffffe000000", &x86,
	  RAM_512M_AT_0, CRASH_OUT_OF_REACH },
	/* Ends 32 MiB past arm64's 48-bit reach, without wrapping. */
	{ "beyond_reach_no_wrap", "crashkernel=32M@0x1000000000000", &arm64,
	  RAM_512M_AT_1G, CRASH_OUT_OF_REACH },
	/* Ends exactly at the reach: it passes, and finds no RAM there. */
	{ "ends_at_reach", "crashkernel=32M@0xfffffe000000", &arm64,
	  RAM_512M_AT_1G, CRASH_NOT_FREE },
	{ "no_room", "crashkernel=448M", &arm64,
	  { { SZ_1G, SZ_1G + SZ_256M }, { SZ_2G, SZ_2G + SZ_256M } },
	  CRASH_NO_ROOM },
	{ "low_first", "crashkernel=256M", &arm64, RAM_5G, CRASH_RESERVED,
	  { 3ULL * SZ_1G - SZ_256M, SZ_256M } },
	{ "falls_back_high_with_companion", "crashkernel=4G", &arm64,
	  { { 0, SZ_1G }, { SZ_4G, 10ULL * SZ_1G } }, CRASH_RESERVED,
	  { 6ULL * SZ_1G, SZ_4G, SZ_1G - SZ_128M, SZ_128M } },
	{ "high_default_low", "crashkernel=256M,high", &arm64, RAM_5G,
	  CRASH_RESERVED,
	  { 6ULL * SZ_1G - SZ_256M, SZ_256M, 3ULL * SZ_1G - SZ_128M, SZ_128M } },
	{ "high_x86_default_low", "crashkernel=256M,high", &x86, RAM_5G,
	  CRASH_RESERVED,
	  { 6ULL * SZ_1G - SZ_256M, SZ_256M, 3ULL * SZ_1G - SZ_256M, SZ_256M } },
	{ "high_given_low", "crashkernel=256M,high crashkernel=64M,low",
	  &arm64, RAM_5G, CRASH_RESERVED,
	  { 6ULL * SZ_1G - SZ_256M, SZ_256M, 3ULL * SZ_1G - SZ_64M, SZ_64M } },
	{ "high_no_low", "crashkernel=256M,high crashkernel=0,low", &arm64,
	  RAM_5G, CRASH_RESERVED, { 6ULL * SZ_1G - SZ_256M, SZ_256M } },
	{ "high_malformed_low", "crashkernel=256M,high crashkernel=abc,low",
	  &arm64, RAM_5G, CRASH_RESERVED,
	  { 6ULL * SZ_1G - SZ_256M, SZ_256M, 3ULL * SZ_1G - SZ_128M, SZ_128M } },
	{ "high_no_low_room", "crashkernel=256M,high", &arm64,
	  RAM_5G_LOW_FULL, CRASH_NO_LOW_ROOM },
	{ "plain_wins_over_high", "crashkernel=64M crashkernel=256M,high",
	  &arm64, RAM_5G, CRASH_RESERVED, { 3ULL * SZ_1G - SZ_64M, SZ_64M } },
};

static void reserve_case_desc(const struct reserve_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(reserve, reserve_cases, reserve_case_desc);

static unsigned long long ram_size(const struct pretend_mem *m)
{
	unsigned long long sum = 0;
	unsigned int i;

	for (i = 0; i < MAX_RANGES; i++)
		sum += m->ram[i][1] - m->ram[i][0];
	return sum;
}

static void reserve_test_plan(struct kunit *test)
{
	const struct reserve_case *c = test->param_value;
	struct pretend_mem m = { };
	struct crash_regions got;
	unsigned int taken = 0;

	memcpy(m.ram, c->ram, sizeof(m.ram));
	mem = &m;
	KUNIT_EXPECT_EQ(test, crash_reserve_plan(c->cmdline, ram_size(&m),
						 c->lim, &pretend_ops, &got),
			c->verdict);
	KUNIT_EXPECT_EQ(test, got.base, c->want.base);
	KUNIT_EXPECT_EQ(test, got.size, c->want.size);
	KUNIT_EXPECT_EQ(test, got.low_base, c->want.low_base);
	KUNIT_EXPECT_EQ(test, got.low_size, c->want.low_size);
	taken += !!c->want.size + !!c->want.low_size;
	KUNIT_EXPECT_EQ_MSG(test, m.nr_taken, taken,
			    "blocks left taken after the plan");
	mem = NULL;
}

static struct kunit_case reserve_test_cases[] = {
	KUNIT_CASE_PARAM(reserve_test_plan, reserve_gen_params),
	{ }
};

static struct kunit_suite reserve_test_suite = {
	.name = "crashkernel_reserve",
	.test_cases = reserve_test_cases,
};

kunit_test_suite(reserve_test_suite);

MODULE_LICENSE("GPL");
