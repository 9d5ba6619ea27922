// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: x86 access to single pages of old memory
 *
 * /proc/vmcore reads the bulk of old memory through its own cached window
 * (fs/proc/vmcore/oldmem.c).  It comes here for the pages the window
 * cannot take: pages the capture kernel's memory map splits between RAM
 * and something else, and pages of a dump whose memory was encrypted
 * (SME or SEV), which must be mapped with the encryption bit set.  Each
 * page is mapped, copied and unmapped on its own.
 */
#include <linux/crash_dump.h>
#include <linux/io.h>
#include <linux/uio.h>

typedef void __iomem *(*old_page_mapper)(resource_size_t pa,
					 unsigned long size);

static ssize_t copy_through(old_page_mapper map, struct iov_iter *iter,
			    unsigned long pfn, size_t len,
			    unsigned long offset)
{
	void __iomem *page;
	size_t done;

	if (!len)
		return 0;
	page = map(PFN_PHYS(pfn), PAGE_SIZE);
	if (!page)
		return -ENOMEM;
	done = copy_to_iter((void __force *)page + offset, len, iter);
	iounmap(page);
	return done;
}

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
	return copy_through(ioremap_cache, iter, pfn, csize, offset);
}

/**
 * copy_oldmem_page_encrypted() - copy part of one encrypted old page
 * @iter:	where to copy to
 * @pfn:	the old page's frame number
 * @csize:	bytes to copy, within the page
 * @offset:	where in the page to start
 *
 * Context: process context, may sleep.
 * Return: bytes copied, or -ENOMEM if the page could not be mapped.
 */
ssize_t copy_oldmem_page_encrypted(struct iov_iter *iter, unsigned long pfn,
				   size_t csize, unsigned long offset)
{
	return copy_through(ioremap_encrypted, iter, pfn, csize, offset);
}
