// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: the indirection list
 *
 * The relocation code of every architecture reads one format, fixed by
 * <linux/kexec.h>: a sequence of kimage_entry_t words, each a page
 * aligned physical address ORed with one flag:
 *
 * - IND_DESTINATION: the next copies go to this address, page after page;
 * - IND_SOURCE: copy this page to the current destination, then advance
 *   the destination by one page;
 * - IND_INDIRECTION: go on reading entries from this page;
 * - IND_DONE: stop.
 *
 * The list starts in ``image->head``, a list of one slot.  Each list page
 * keeps its last slot for the link to the next page, so a page holds
 * PAGE_SIZE / sizeof(kimage_entry_t) - 1 entries.  ``image->entry`` is
 * the slot the next entry goes into and ``image->last_entry`` the link
 * slot of the current page; when they meet, a new page is chained in
 * through the link slot.  A list without entries (every crash image) is
 * ``head == IND_DONE``.
 *
 * List pages are placed like source pages (pages.c), so the relocation
 * code never overwrites the list it is reading.
 */
#include <linux/kexec.h>
#include <linux/mm.h>

#include "internal.h"

#define SLOTS_PER_PAGE	(PAGE_SIZE / sizeof(kimage_entry_t))

static int chain_new_page(struct kimage_loader *ld)
{
	struct page *page = kimage_alloc_source_page(ld, KIMAGE_NO_DEST);
	struct kimage *image = ld->image;
	kimage_entry_t *slots;

	if (!page)
		return -ENOMEM;
	slots = page_address(page);
	*image->entry = (page_to_boot_pfn(page) << PAGE_SHIFT) |
			IND_INDIRECTION;
	image->entry = slots;
	image->last_entry = slots + SLOTS_PER_PAGE - 1;
	return 0;
}

/**
 * kimage_add_entry() - append one entry to an image's indirection list
 * @ld:		the loading of the normal image being built
 * @entry:	a page aligned boot physical address ORed with one IND_ flag
 *
 * Context: process context, may sleep; while kexec_commit() builds the
 * image: under the kexec lock for a crash image, without it for a
 * normal one, which nothing else can reach yet.
 * Return: 0, or -ENOMEM if a new list page was needed and none was found.
 */
int kimage_add_entry(struct kimage_loader *ld, kimage_entry_t entry)
{
	struct kimage *image = ld->image;
	int ret;

	if (image->entry == image->last_entry) {
		ret = chain_new_page(ld);
		if (ret)
			return ret;
	}
	*image->entry++ = entry;
	return 0;
}

/**
 * kimage_end_entries() - close an image's indirection list
 * @image: the image; no entry may be added afterwards
 *
 * The terminator may take the link slot: nothing follows it.
 *
 * Context: any; while kexec_commit() builds the image (see
 * kimage_add_entry()).
 */
void kimage_end_entries(struct kimage *image)
{
	*image->entry = IND_DONE;
}
