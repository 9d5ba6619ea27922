// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for x86_ident_tables(): for each range, the identity map is
 * really built by kernel_ident_mapping_init() into pages of the test's
 * own, and the pages it took must not exceed the count (an upper bound)
 * nor fall more than two below it.  That is the room a crash image's
 * relocation page table is promised in the crash region.  The count
 * depends on the paging mode the kernel runs in, so make check boots
 * this suite on a CPU with LA57 too (kunit_x86_64_la57).
 */
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/sizes.h>

#include <asm/init.h>
#include <asm/pgtable.h>

#include "../kexec_x86.h"

#define MAX_TABLES	2048

struct ident_case {
	const char *name;
	u64 start;
	u64 end;
	bool gbpages;
};

static const struct ident_case ident_cases[] = {
	{ "one_gib", 0, SZ_1G, false },
	{ "one_page", SZ_1M, SZ_1M + PAGE_SIZE, false },
	{ "64_gib_2m_pages", 0, 64ULL * SZ_1G, false },
	{ "64_gib_1g_pages", 0, 64ULL * SZ_1G, true },
	{ "unaligned_1g_pages", SZ_1G + SZ_2M, 5ULL * SZ_1G - SZ_2M, true },
	{ "across_512_gib", 511ULL * SZ_1G, 513ULL * SZ_1G, false },
	{ "one_tib_2m_pages", SZ_4G, SZ_4G + (1ULL << 40), false },
};

/* The paging mode is part of the name: make check runs both. */
static void ident_case_desc(const struct ident_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s_%d_levels", c->name,
		 pgtable_l5_enabled() ? 5 : 4);
}

KUNIT_ARRAY_PARAM(ident_cases, ident_cases, ident_case_desc);

/* The table pages kernel_ident_mapping_init() asked for. */
struct table_pool {
	unsigned long used;
	unsigned long page[MAX_TABLES];
};

static void *take_table(void *context)
{
	struct table_pool *pool = context;
	unsigned long page;

	if (pool->used == MAX_TABLES)
		return NULL;
	page = get_zeroed_page(GFP_KERNEL);
	if (page)
		pool->page[pool->used++] = page;
	return (void *)page;
}

static void drain(struct table_pool *pool)
{
	while (pool->used)
		free_page(pool->page[--pool->used]);
}

static void pgtable_test_ident_tables(struct kunit *test)
{
	const struct ident_case *c = test->param_value;
	struct table_pool *pool = kunit_kzalloc(test, sizeof(*pool), GFP_KERNEL);
	unsigned long pgd = get_zeroed_page(GFP_KERNEL), want, used;
	struct x86_mapping_info info = {
		.alloc_pgt_page = take_table,
		.context = pool,
		.page_flag = __PAGE_KERNEL_LARGE_EXEC,
		.kernpg_flag = _KERNPG_TABLE_NOENC,
		.direct_gbpages = c->gbpages,
	};

	KUNIT_ASSERT_NOT_NULL(test, pool);
	KUNIT_ASSERT_NE(test, pgd, 0UL);
	want = x86_ident_tables(c->start, c->end, c->gbpages,
				pgtable_l5_enabled());
	KUNIT_EXPECT_EQ(test, kernel_ident_mapping_init(&info, (pgd_t *)pgd,
							c->start, c->end), 0);
	used = pool->used;
	drain(pool);
	free_page(pgd);
	KUNIT_EXPECT_LE(test, used, want);
	KUNIT_EXPECT_LE(test, want, used + 2);
}

static void pgtable_test_empty_range(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, x86_ident_tables(SZ_1G, SZ_1G, false, false), 0UL);
}

static struct kunit_case pgtable_test_cases[] = {
	KUNIT_CASE_PARAM(pgtable_test_ident_tables, ident_cases_gen_params),
	KUNIT_CASE(pgtable_test_empty_range),
	{ }
};

static struct kunit_suite pgtable_test_suite = {
	.name = "kexec_x86_pgtable",
	.test_cases = pgtable_test_cases,
};

kunit_test_suite(pgtable_test_suite);

MODULE_LICENSE("GPL");
