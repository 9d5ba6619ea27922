// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: page placement
 *
 * An image needs memory of three kinds before it can be started:
 *
 * - *control pages*, for the architecture's relocation code, its page
 *   tables and its stack;
 * - *source pages*, which hold a copy of each destination page until the
 *   relocation code moves it into place;
 * - *indirection pages*, which hold the list that tells the relocation
 *   code what to copy where (see entries.c); they are placed like source
 *   pages.
 *
 * Source pages are written only through kmap_local_page(), so on a
 * 32-bit machine they may come from highmem; indirection pages are
 * written through page_address() and come from lowmem.  Every such page
 * must also lie below the architecture's source limit, which is checked
 * in page frames because a PAE machine's highmem may lie above 4 GiB.
 *
 * The relocation code overwrites destination ranges while it runs, so
 * the one rule of placement is: **no control, indirection or source page
 * may lie inside a destination range**, with a single exception, a
 * source page whose address is exactly its own destination (copying it
 * onto itself destroys nothing).  Pages the allocator hands out that
 * break the rule are parked on ``image->unusable_pages`` so it does not
 * offer them again, and are freed with the image.  A parked page is also
 * indexed by its address for the rest of the load (struct
 * kimage_loader): when that address's turn comes, the page becomes its
 * source in place instead of a fresh one being allocated, so an image
 * whose destinations cover free memory does not need twice its size.
 * (A page parked after its own address was loaded stays unused.)
 *
 * A crash image is different: its segments are copied straight into the
 * crash kernel region at load time, so it has no source or indirection
 * pages, and its control pages are carved out of the part of the region
 * the segments leave free, at increasing addresses from
 * ``image->control_page``.
 *
 * Every page allocated here carries its order in page_private() and the
 * Reserved flag, and sits on one of the image's three lists, so freeing
 * an image is freeing three lists.
 */
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/kexec.h>
#include <linux/list.h>
#include <linux/mm.h>

#include "internal.h"

/*
 * Source pages are many (one per destination page of a normal image, up
 * to half of RAM): when memory runs out the load fails with -ENOMEM and
 * one line from kimage_load_segments(), rather than waking the OOM
 * killer, which would kill some other process for a request that was
 * only too big.
 */
#define SOURCE_PAGE_GFP	(GFP_KERNEL | __GFP_RETRY_MAYFAIL | __GFP_NOWARN)

/* Data pages may be highmem, list pages not: see the DOC block above. */
static gfp_t source_page_gfp(unsigned long dest)
{
	if (dest == KIMAGE_NO_DEST)
		return SOURCE_PAGE_GFP;
	return SOURCE_PAGE_GFP | __GFP_HIGHMEM;
}

static struct page *alloc_marked(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp & ~__GFP_ZERO, order);
	unsigned long i;

	if (!page)
		return NULL;
	set_page_private(page, order);
	for (i = 0; i < (1UL << order); i++)
		SetPageReserved(page + i);
	arch_kexec_post_alloc_pages(page_address(page), 1 << order, gfp);
	if (gfp & __GFP_ZERO)
		for (i = 0; i < (1UL << order); i++)
			clear_highpage(page + i);
	return page;
}

static void free_marked(struct page *page)
{
	unsigned int order = page_private(page);
	unsigned long i;

	arch_kexec_pre_free_pages(page_address(page), 1 << order);
	for (i = 0; i < (1UL << order); i++)
		ClearPageReserved(page + i);
	__free_pages(page, order);
}

static void free_list(struct list_head *list)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		list_del(&page->lru);
		free_marked(page);
	}
}

static unsigned long page_boot_addr(struct page *page)
{
	return page_to_boot_pfn(page) << PAGE_SHIFT;
}

/*
 * Does @page, @order pages long, end at or below @limit?  Compared in
 * page frames: a highmem page of a 32-bit PAE machine may lie above
 * 4 GiB, where its address does not fit in an unsigned long.
 */
static bool below_limit(struct page *page, unsigned int order,
			unsigned long limit)
{
	/* The last page frame that ends at or below @limit. */
	unsigned long last = (limit - (PAGE_SIZE - 1)) >> PAGE_SHIFT;

	return page_to_boot_pfn(page) + (1UL << order) - 1 <= last;
}

/* May @page, @order pages long, stay put while the image is relocated? */
static bool placement_ok(struct kimage *image, struct page *page,
			 unsigned int order, unsigned long limit)
{
	return below_limit(page, order, limit) &&
	       !kexec_range_hits_segments(image, page_boot_addr(page),
					  PAGE_SIZE << order);
}

/* May @page hold the data bound for @dest (KIMAGE_NO_DEST: a list)? */
static bool source_ok(struct kimage *image, struct page *page,
		      unsigned long dest)
{
	if (!below_limit(page, 0, KEXEC_SOURCE_MEMORY_LIMIT))
		return false;
	return page_boot_addr(page) == dest ||
	       !kexec_range_hits_segments(image, page_boot_addr(page), PAGE_SIZE);
}

static struct page *normal_control_pages(struct kimage *image,
					 unsigned int order)
{
	struct page *page;
	LIST_HEAD(rejected);

	while ((page = alloc_marked(KEXEC_CONTROL_MEMORY_GFP, order))) {
		if (placement_ok(image, page, order,
				 KEXEC_CONTROL_MEMORY_LIMIT)) {
			list_add(&page->lru, &image->control_pages);
			break;
		}
		list_add(&page->lru, &rejected);
	}
	free_list(&rejected);
	return page;
}

static struct page *crash_control_pages(struct kimage *image,
					unsigned int order)
{
	unsigned long size = PAGE_SIZE << order;
	unsigned long start = ALIGN(image->control_page, size);
	unsigned long last = phys_to_boot_phys(crashk_res.end);
	struct page *page;

	while (start < last && start + size - 1 <= last &&
	       start + size - 1 <= KEXEC_CRASH_CONTROL_MEMORY_LIMIT) {
		if (!kexec_range_hits_segments(image, start, size)) {
			image->control_page = start + size;
			page = boot_pfn_to_page(start >> PAGE_SHIFT);
			arch_kexec_post_alloc_pages(page_address(page),
						    1 << order, 0);
			return page;
		}
		start += size;
	}
	return NULL;
}

/**
 * kimage_alloc_control_pages() - memory that survives the relocation
 * @image:	the image being built; its segments are final
 * @order:	log2 of the number of contiguous pages wanted
 *
 * For a normal image the pages come from the page allocator, below
 * KEXEC_CONTROL_MEMORY_LIMIT and outside every destination range; for a
 * crash image they are taken from the crash kernel region where no
 * segment lies.  Architectures call this for their relocation code and
 * page tables.  The pages belong to @image and are freed with it.
 *
 * Context: process context, may sleep; while kexec_commit() builds the
 * image: under the kexec lock for a crash image, without it for a
 * normal one, which nothing else can reach yet.
 * Return: the first page of the block, or NULL if none could be found.
 */
struct page *kimage_alloc_control_pages(struct kimage *image,
					unsigned int order)
{
	if (image->type == KEXEC_TYPE_CRASH)
		return crash_control_pages(image, order);
	return normal_control_pages(image, order);
}

/* Park @page, indexed by its address, which may still be to come. */
static void park(struct kimage_loader *ld, struct page *page)
{
	list_add(&page->lru, &ld->image->unusable_pages);
	xa_store(&ld->parked, page_to_boot_pfn(page), page,
		 GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN);
}

/* The page parked at @dest, now taken off the parked list, or NULL. */
static struct page *unpark(struct kimage_loader *ld, unsigned long dest)
{
	struct page *page = xa_erase(&ld->parked, dest >> PAGE_SHIFT);

	if (page)
		list_move(&page->lru, &ld->image->dest_pages);
	return page;
}

/**
 * kimage_alloc_source_page() - a page to stage one destination page in
 * @ld:		the loading of a normal (not crash) image
 * @dest:	the destination the page will be copied to, or KIMAGE_NO_DEST
 *
 * A page parked earlier at @dest itself is used first.  If xa_store()
 * cannot index a parked page, that page is merely not reused.  A page for
 * data may be a highmem page, so callers must map it with
 * kmap_local_page(); a page for KIMAGE_NO_DEST is in lowmem, and
 * page_address() gives it.
 *
 * Context: process context, may sleep; while kexec_commit() builds a
 * normal image, which nothing else can reach yet: no lock is needed.
 * Return: a page outside every destination range (or at @dest itself)
 * and below KEXEC_SOURCE_MEMORY_LIMIT, now on ``image->dest_pages``; or
 * NULL when memory runs out.
 */
struct page *kimage_alloc_source_page(struct kimage_loader *ld,
				      unsigned long dest)
{
	struct page *page;

	/*
	 * Nothing is bound for KIMAGE_NO_DEST, whose page frame on 32-bit
	 * is that of the last page below 4 GiB: what is parked there may be
	 * a highmem page, and a list page must not be.
	 */
	page = dest == KIMAGE_NO_DEST ? NULL : unpark(ld, dest);
	if (page)
		return page;
	while ((page = alloc_marked(source_page_gfp(dest), 0))) {
		if (source_ok(ld->image, page, dest)) {
			list_add(&page->lru, &ld->image->dest_pages);
			return page;
		}
		park(ld, page);
	}
	return NULL;
}

/**
 * kimage_free_pages() - give back every page an image took
 * @image: the image; its lists may be empty
 *
 * Crash images took their pages from the crash region, which stays
 * reserved; only pages from the allocator are freed.
 *
 * Context: process context; from kimage_destroy(), the image no longer
 * (or never) installed.
 */
void kimage_free_pages(struct kimage *image)
{
	free_list(&image->dest_pages);
	free_list(&image->control_pages);
	free_list(&image->unusable_pages);
}
