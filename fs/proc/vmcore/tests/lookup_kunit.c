// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the chunk index (lookup.c): on even and uneven layouts,
 * every chunk's first, middle and last byte finds that chunk, offsets
 * outside the data find none, and the index stays within its size bound
 * and right when every chunk moves by the same amount; buckets of 4 GiB
 * and more included.
 *
 * Run with: ./tools/testing/kunit/kunit.py run --arch=x86_64 \
 *	--kunitconfig=fs/proc/vmcore/tests
 */

#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "../internal.h"

#define HEAD_PAGES	2

/**
 * struct lookup_case - a layout, as chunk sizes in pages
 * @name: what the layout is
 * @nr: chunks
 * @pages: size of chunk @i in pages
 */
struct lookup_case {
	const char *name;
	unsigned int nr;
	unsigned long (*pages)(unsigned int i);
};

static unsigned long pages_one(unsigned int i)
{
	return 1;
}

static unsigned long pages_three(unsigned int i)
{
	return 3;
}

/* One 1 GiB chunk first, then small ones: few buckets hold most chunks. */
static unsigned long pages_huge_first(unsigned int i)
{
	return i ? 1 : SZ_1G >> PAGE_SHIFT;
}

static unsigned long pages_huge_last(unsigned int i)
{
	return i == 99 ? SZ_1G >> PAGE_SHIFT : 1;
}

/*
 * Chunks of 4 GiB and of 1 TiB, as on a machine whose RAM is one or two
 * large ranges: the buckets are 4 GiB and larger.
 */
static unsigned long pages_4g(unsigned int i)
{
	return SZ_4G >> PAGE_SHIFT;
}

static unsigned long pages_1t(unsigned int i)
{
	return (1ULL << 40) >> PAGE_SHIFT;
}

/* Sizes from 1 to 97 pages in a fixed scattered order. */
static unsigned long pages_scattered(unsigned int i)
{
	return 1 + (i * 37) % 97;
}

static const struct lookup_case lookup_cases[] = {
	{ "single", 1, pages_three },
	{ "pages", 4096, pages_one },
	{ "even", 1000, pages_three },
	{ "huge_first", 100, pages_huge_first },
	{ "huge_last", 100, pages_huge_last },
	{ "scattered", 3000, pages_scattered },
	{ "one_4g", 1, pages_4g },
	{ "two_1t", 2, pages_1t },
};

static void lookup_case_desc(const struct lookup_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(lookup, lookup_cases, lookup_case_desc);

/* Lay out @c's chunks back to back after the head, then index them. */
static void build(struct kunit *test, struct vmcore_image *img,
		  const struct lookup_case *c)
{
	unsigned int i;

	*img = (struct vmcore_image){ .head_size = HEAD_PAGES * PAGE_SIZE };
	img->chunks = kunit_kcalloc(test, c->nr, sizeof(*img->chunks),
				    GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, img->chunks);
	img->size = img->head_size;
	for (i = 0; i < c->nr; i++) {
		u64 size = (u64)c->pages(i) << PAGE_SHIFT;

		img->chunks[i] = (struct vmcore_chunk){
			.file_off = img->size, .paddr = SZ_4G + img->size,
			.size = size };
		img->size += size;
	}
	img->nr_chunks = c->nr;
	KUNIT_ASSERT_EQ(test, vmcore_index_build(img), 0);
}

static void free_index(struct vmcore_image *img)
{
	kvfree(img->index);
	img->index = NULL;
}

/* Each chunk's first, middle and last byte finds it. */
static void expect_all_found(struct kunit *test,
			     const struct vmcore_image *img)
{
	unsigned int i;

	for (i = 0; i < img->nr_chunks; i++) {
		const struct vmcore_chunk *c = &img->chunks[i];
		u64 at[] = { c->file_off, c->file_off + c->size / 2,
			     c->file_off + c->size - 1 };
		unsigned int k;

		for (k = 0; k < ARRAY_SIZE(at); k++)
			KUNIT_EXPECT_PTR_EQ_MSG(test, vmcore_layout_find(img, at[k]),
						c, "chunk %u, offset %llu", i,
						at[k]);
	}
}

static void finds_every_chunk(struct kunit *test)
{
	const struct lookup_case *c = test->param_value;
	struct vmcore_image img;

	build(test, &img, c);
	expect_all_found(test, &img);
	free_index(&img);
}

static void outside_finds_nothing(struct kunit *test)
{
	const struct lookup_case *c = test->param_value;
	struct vmcore_image img;

	build(test, &img, c);
	KUNIT_EXPECT_NULL(test, vmcore_layout_find(&img, 0));
	KUNIT_EXPECT_NULL(test, vmcore_layout_find(&img, img.head_size - 1));
	KUNIT_EXPECT_NULL(test, vmcore_layout_find(&img, img.size));
	KUNIT_EXPECT_NULL(test, vmcore_layout_find(&img, U64_MAX));
	free_index(&img);
}

/* At most two buckets per chunk, each bucket at least a page. */
static void index_is_bounded(struct kunit *test)
{
	const struct lookup_case *c = test->param_value;
	struct vmcore_image img;

	build(test, &img, c);
	KUNIT_EXPECT_LE(test, img.nr_index, 2 * img.nr_chunks + 1);
	KUNIT_EXPECT_GE(test, img.index_shift, PAGE_SHIFT);
	free_index(&img);
}

/* Growing the head moves every chunk alike; the index still holds. */
static void survives_a_shift(struct kunit *test)
{
	const struct lookup_case *c = test->param_value;
	struct vmcore_image img;
	unsigned int i;

	build(test, &img, c);
	for (i = 0; i < img.nr_chunks; i++)
		img.chunks[i].file_off += 3 * PAGE_SIZE;
	img.head_size += 3 * PAGE_SIZE;
	img.size += 3 * PAGE_SIZE;
	expect_all_found(test, &img);
	KUNIT_EXPECT_NULL(test, vmcore_layout_find(&img, img.head_size - 1));
	free_index(&img);
}

static void empty_image(struct kunit *test)
{
	struct vmcore_image img = { .head_size = PAGE_SIZE, .size = PAGE_SIZE };

	KUNIT_EXPECT_EQ(test, vmcore_index_build(&img), 0);
	KUNIT_EXPECT_EQ(test, img.nr_index, 0U);
	KUNIT_EXPECT_NULL(test, vmcore_layout_find(&img, 0));
}

static struct kunit_case lookup_test_cases[] = {
	KUNIT_CASE_PARAM(finds_every_chunk, lookup_gen_params),
	KUNIT_CASE_PARAM(outside_finds_nothing, lookup_gen_params),
	KUNIT_CASE_PARAM(index_is_bounded, lookup_gen_params),
	KUNIT_CASE_PARAM(survives_a_shift, lookup_gen_params),
	KUNIT_CASE(empty_image),
	{}
};

static struct kunit_suite lookup_test_suite = {
	.name = "vmcore_lookup",
	.test_cases = lookup_test_cases,
};

kunit_test_suite(lookup_test_suite);
