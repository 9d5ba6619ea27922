// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for page placement (pages.c): a page the allocator hands
 * out inside a destination range must end up as the source of its own
 * address, not be wasted.  The test frees a block of pages onto this
 * CPU's free list just before loading an image whose one segment covers
 * exactly that block, so the allocator offers the block's pages first, in
 * reverse order: every one but the first lands inside the destination
 * before its own turn.
 */
#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/gfp.h>
#include <linux/mm.h>

#include "normal_image.h"

#define BLOCK_ORDER	6
#define BLOCK_PAGES	BIT(BLOCK_ORDER)

static unsigned long pages_in(struct list_head *list, unsigned long start,
			      unsigned long end)
{
	unsigned long n = 0, addr;
	struct page *page;

	list_for_each_entry(page, list, lru) {
		addr = page_to_boot_pfn(page) << PAGE_SHIFT;
		n += addr >= start && addr < end;
	}
	return n;
}

static void pages_parked_page_is_reused(struct kunit *test)
{
	struct kexec_segment seg = { .memsz = BLOCK_PAGES << PAGE_SHIFT };
	unsigned long i, start, in_place, wasted;
	struct kimage *image;
	struct page *block;
	int ret;

	KUNIT_ASSERT_TRUE_MSG(test, kexec_lock_try(), "kexec lock busy");
	block = alloc_pages(GFP_KERNEL, BLOCK_ORDER);
	if (!block) {
		kexec_lock_drop();
		KUNIT_FAIL(test, "no %lu free pages", BLOCK_PAGES);
		return;
	}
	start = page_to_boot_pfn(block) << PAGE_SHIFT;
	seg.mem = start;
	image = kunit_normal_image(test, &seg, 1);
	if (!image) {
		__free_pages(block, BLOCK_ORDER);
		kexec_lock_drop();
		return;
	}

	migrate_disable();
	split_page(block, BLOCK_ORDER);
	for (i = 0; i < BLOCK_PAGES; i++)
		__free_page(block + i);
	ret = kimage_load_segments(image, KEXEC_BUFS_KERNEL);
	migrate_enable();

	in_place = pages_in(&image->dest_pages, start, start + seg.memsz);
	wasted = pages_in(&image->unusable_pages, start, start + seg.memsz);
	kimage_destroy(image);
	kexec_lock_drop();

	KUNIT_ASSERT_EQ(test, ret, 0);
	kunit_info(test, "%lu of %lu pages staged in place, %lu wasted\n",
		   in_place, BLOCK_PAGES, wasted);
	KUNIT_EXPECT_GE(test, in_place, BLOCK_PAGES / 2);
}

static struct kunit_case pages_test_cases[] = {
	KUNIT_CASE(pages_parked_page_is_reused),
	{}
};

static struct kunit_suite pages_test_suite = {
	.name = "kexec_pages",
	.test_cases = pages_test_cases,
};

kunit_test_suite(pages_test_suite);
