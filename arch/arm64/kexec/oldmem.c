// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: arm64 access to single pages of old memory
 *
 * /proc/vmcore reads the bulk of old memory through its own cached window
 * (fs/proc/vmcore/oldmem.c) and comes here for single pages.  On arm64
 * the old kernel's memory is outside the capture kernel's memory map
 * (``linux,usable-memory-range`` limits it to the crash region), so each
 * page is mapped write-back cacheable, matching how the old kernel mapped
 * it, copied, and unmapped.
 */
#include <linux/crash_dump.h>
#include <linux/io.h>
#include <linux/uio.h>

/**
 * copy_oldmem_page() - copy part of one page of old memory
 * @iter:	where to copy to
 * @pfn:	the old page's frame number
 * @csize:	bytes to copy, within the page
 * @offset:	where in the page to start
 *
 * Context: process context, may sleep.
 * Return: bytes copied, or -ENOMEM if the page could not be mapped.
 */
ssize_t copy_oldmem_page(struct iov_iter *iter, unsigned long pfn,
			 size_t csize, unsigned long offset)
{
	void *page;
	size_t done;

	if (!csize)
		return 0;
	page = memremap(PFN_PHYS(pfn), PAGE_SIZE, MEMREMAP_WB);
	if (!page)
		return -ENOMEM;
	done = copy_to_iter(page + offset, csize, iter);
	memunmap(page);
	return done;
}
