// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: windowed access to the crashed kernel's memory
 *
 * Reading /proc/vmcore streams the whole of the old kernel's memory.
 * Mapping and unmapping it one page at a time would cost a page table
 * update and a TLB flush for every 4 KiB, so old memory is reached through
 * one window of up to VMCORE_WINDOW_SIZE bytes, mapped with
 * memremap(MEMREMAP_WB) and kept while reads stay inside it.  memremap()
 * returns the direct map for memory the capture kernel owns and a cached
 * ioremap for the rest, on x86 and arm64 alike.
 *
 * A window is aligned to its size and clipped to bounds given by the
 * caller, the page span of one PT_LOAD or of one read_from_oldmem() call,
 * so it never reaches holes, MMIO or memory outside the dump.  When the
 * clipped window would mix capture-kernel RAM with other memory, which
 * memremap() refuses, it shrinks to the one page being read.
 *
 * Locking: vmcore_window.lock is held exactly while the window is being
 * remapped or copied from.  Nothing is called under it that could take it
 * again; copying to user space may fault and sleep, hence a mutex.  The
 * callbacks (vmcore_cb.c) are consulted outside it.
 *
 * Memory encryption (AMD SME/SEV): the window maps memory unencrypted, so
 * when the old kernel's memory was encrypted every read goes through
 * copy_oldmem_page_encrypted() instead, one page at a time.  Correct, and
 * as slow as upstream's reader; making that case fast is left for later.
 */

#include <linux/cc_platform.h>
#include <linux/crash_dump.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/uio.h>

#include "internal.h"

#define VMCORE_WINDOW_SIZE	SZ_4M

/* How a range of old memory is read. */
#define OLDMEM_ASK_CB		BIT(0)	/* consult the vmcore callbacks */
#define OLDMEM_ENCRYPTED	BIT(1)	/* via copy_oldmem_page_encrypted() */

/**
 * struct vmcore_window - the mapped part of old memory
 * @lock: serialises every use of the fields below
 * @base: physical address mapped at @va
 * @size: bytes mapped; 0 when nothing is
 * @va: the mapping, or NULL
 */
struct vmcore_window {
	struct mutex lock;	/* guards @base, @size, @va and the mapping */
	u64 base;
	size_t size;
	void *va;
};

static struct vmcore_window vmcore_win = {
	.lock = __MUTEX_INITIALIZER(vmcore_win.lock),
};

static void window_unmap(struct vmcore_window *w)
{
	if (w->va)
		memunmap(w->va);
	w->va = NULL;
	w->size = 0;
}

static bool window_holds(const struct vmcore_window *w, u64 pa)
{
	return w->va && pa >= w->base && pa - w->base < w->size;
}

/* Does [@base, @end) mix capture-kernel RAM with other memory? */
static bool window_mixed(u64 base, u64 end)
{
	return region_intersects(base, end - base, IORESOURCE_SYSTEM_RAM,
				 IORES_DESC_NONE) == REGION_MIXED;
}

/*
 * Map the window around @pa; -ENXIO if even the page holding @pa mixes
 * RAM with other memory (a RAM range of the capture kernel that starts or
 * ends inside a page), which memremap() refuses.
 */
static int window_map(struct vmcore_window *w, u64 pa, u64 lo, u64 hi)
{
	u64 block = round_down(pa, VMCORE_WINDOW_SIZE);
	u64 base = max(block, lo);
	u64 end = block + min_t(u64, VMCORE_WINDOW_SIZE, hi - block);

	if (window_mixed(base, end)) {
		base = round_down(pa, PAGE_SIZE);
		end = base + PAGE_SIZE;
		if (window_mixed(base, end))
			return -ENXIO;
	}
	window_unmap(w);
	w->va = memremap(base, end - base, MEMREMAP_WB);
	if (!w->va)
		return -ENOMEM;
	w->base = base;
	w->size = end - base;
	return 0;
}

/* Copy what the window holds of [@pa, @pa + @len), mapping it if needed. */
static ssize_t window_copy(struct iov_iter *iter, u64 pa, size_t len,
			   u64 lo, u64 hi)
{
	struct vmcore_window *w = &vmcore_win;
	ssize_t ret = 0;

	mutex_lock(&w->lock);
	if (!window_holds(w, pa))
		ret = window_map(w, pa, lo, hi);
	if (!ret) {
		len = min_t(u64, len, w->base + w->size - pa);
		ret = copy_to_iter(w->va + (pa - w->base), len, iter);
	}
	mutex_unlock(&w->lock);
	return ret;
}

static ssize_t oldmem_step(struct iov_iter *iter, u64 pa, size_t len,
			   u64 lo, u64 hi, unsigned int how)
{
	ssize_t ret;

	if (how & (OLDMEM_ASK_CB | OLDMEM_ENCRYPTED))
		len = min_t(size_t, len, PAGE_SIZE - offset_in_page(pa));
	if ((how & OLDMEM_ASK_CB) && !vmcore_cb_pfn_is_ram(PHYS_PFN(pa)))
		return iov_iter_zero(len, iter);
	if (how & OLDMEM_ENCRYPTED)
		return copy_oldmem_page_encrypted(iter, PHYS_PFN(pa), len,
						  offset_in_page(pa));
	ret = window_copy(iter, pa, len, lo, hi);
	if (ret != -ENXIO)
		return ret;
	/* A page the window cannot map: the architecture copies it alone. */
	len = min_t(size_t, len, PAGE_SIZE - offset_in_page(pa));
	return copy_oldmem_page(iter, PHYS_PFN(pa), len, offset_in_page(pa));
}

static ssize_t oldmem_read(struct iov_iter *iter, u64 pa, size_t len,
			   u64 lo, u64 hi, unsigned int how)
{
	size_t done = 0;
	ssize_t n = 0;

	while (done < len) {
		n = oldmem_step(iter, pa + done, len - done, lo, hi, how);
		if (n <= 0)
			break;
		done += n;
		cond_resched();
	}
	if (done == len)
		return len;
	return n < 0 ? n : -EFAULT;
}

static ssize_t oldmem_read_checked(struct iov_iter *iter, u64 pa, size_t len,
				   u64 lo, u64 hi, unsigned int how)
{
	bool active;
	ssize_t ret;
	int idx;

	idx = vmcore_cb_begin(&active);
	ret = oldmem_read(iter, pa, len, lo, hi,
			  active ? how | OLDMEM_ASK_CB : how);
	vmcore_cb_end(idx);
	return ret;
}

/**
 * vmcore_oldmem_read() - copy old memory, honouring the vmcore callbacks
 * @iter: destination
 * @pa: physical address of the first byte
 * @len: bytes to copy
 * @lo: page-aligned start of the range the window may map, at most @pa
 * @hi: page-aligned end of that range, at least @pa + @len
 *
 * Pages a registered callback disowns are copied as zeros.  If the old
 * kernel ran with memory encryption, pages are read one at a time
 * through copy_oldmem_page_encrypted().
 *
 * Context: Process context; may sleep.  Takes the window lock.
 * Return: @len; -ENOMEM if old memory could not be mapped; -EFAULT if
 * @iter could not take all the bytes.
 */
ssize_t vmcore_oldmem_read(struct iov_iter *iter, u64 pa, size_t len,
			   u64 lo, u64 hi)
{
	unsigned int how = 0;

	if (cc_platform_has(CC_ATTR_MEM_ENCRYPT))
		how |= OLDMEM_ENCRYPTED;
	return oldmem_read_checked(iter, pa, len, lo, hi, how);
}

/**
 * read_from_oldmem() - copy old memory at a physical address
 * @iter: destination
 * @count: bytes to copy
 * @ppos: physical address; advanced by the bytes copied
 * @encrypted: read through copy_oldmem_page_encrypted(), page by page
 *
 * Pages a registered vmcore callback disowns are copied as zeros.
 *
 * Context: Process context; may sleep.
 * Return: @count; -EINVAL if the range leaves the physical address space;
 * -ENOMEM if old memory could not be mapped; -EFAULT if the copy came up
 * short.
 */
ssize_t read_from_oldmem(struct iov_iter *iter, size_t count, u64 *ppos,
			 bool encrypted)
{
	u64 pa = *ppos;
	ssize_t ret;

	if (!count)
		return 0;
	if (pa > VMCORE_PADDR_END || count > VMCORE_PADDR_END - pa)
		return -EINVAL;
	ret = oldmem_read_checked(iter, pa, count, round_down(pa, PAGE_SIZE),
				  round_up(pa + count, PAGE_SIZE),
				  encrypted ? OLDMEM_ENCRYPTED : 0);
	if (ret > 0)
		*ppos += ret;
	return ret;
}

/**
 * vmcore_oldmem_release() - unmap the window
 *
 * Context: Process context; may sleep.  Takes the window lock.
 * Return: nothing.
 */
void vmcore_oldmem_release(void)
{
	mutex_lock(&vmcore_win.lock);
	window_unmap(&vmcore_win);
	mutex_unlock(&vmcore_win.lock);
}
