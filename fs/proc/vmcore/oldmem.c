// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: windowed access to the crashed kernel's memory
 *
 * Reading /proc/vmcore streams the whole of the old kernel's memory.
 * Mapping and unmapping it one page at a time would cost a page table
 * update and a TLB flush for every 4 KiB, so old memory is reached through
 * windows of up to VMCORE_WINDOW_SIZE bytes, mapped with
 * memremap(MEMREMAP_WB) and kept while reads stay inside them.  memremap()
 * returns the direct map for memory the capture kernel owns and a cached
 * ioremap for the rest, on x86 and arm64 alike.
 *
 * The cache keeps VMCORE_WINDOWS windows, so that as many readers
 * streaming different parts at once (makedumpfile --split) each keep
 * theirs; with one window they would take it from each other at every
 * read, and every unmap is a TLB flush on all CPUs.  A miss that is worth
 * a window replaces the least recently used one.
 *
 * A window pays off only for a reader that goes on where it stopped.
 * Mapping 4 MiB for one 4 KiB read at a random offset (crash following
 * pointers) costs far more than the read, so a miss maps the whole
 * window only for a read of at least VMCORE_STREAM_READ bytes or one that
 * goes on where the previous read, or the previous step of the same read,
 * stopped.  Any other read that misses is copied page by page, each page
 * mapped on its own as upstream's reader maps it, and the cached windows
 * stay for the streams they serve.
 *
 * A window is aligned to its size and clipped to bounds given by the
 * caller, the page span of one PT_LOAD or of one read_from_oldmem() call,
 * so it never reaches holes, MMIO or memory outside the dump.  When the
 * clipped window would mix capture-kernel RAM with other memory, which
 * memremap() refuses, it shrinks to the one page being read.
 *
 * Concurrency: a window is a reference-counted object.  The cache
 * (vmcore_win_cache) holds one reference to each window it keeps, and
 * every reader holds one while it copies.  A read that finds its window
 * takes that reference under RCU alone, with kref_get_unless_zero(): a
 * window whose last reference is gone is skipped, and its struct is freed
 * only after a grace period.  The cache's mutex is held only to map a new
 * window and change the slots, never while copying to user space, which
 * may fault and sleep for as long as user space likes (userfaultfd, FUSE,
 * NFS).  A read that finds its window takes no lock at all.  Readers
 * never wait for each other's page faults, and parallel readers
 * (makedumpfile --split) each keep their own window alive while the
 * cache moves on.  The last reference unmaps.  The callbacks
 * (vmcore_cb.c) are consulted outside the mutex.
 *
 * Only x86_64 and arm64 use the window (window_usable()); other
 * architectures read every page through their copy_oldmem_page().
 *
 * The capture kernel's own memory: its System RAM (whole pages of it,
 * see vmcore_own_ram_start()) is never old memory, whatever a PT_LOAD
 * claims, except on x86 below 1 MiB, which the
 * capture kernel reserves whole at boot (reserve_real_mode()) and a
 * loader without a backup region dumps in place.  Segment reads
 * (vmcore_oldmem_read()) show such pages as zeros: a damaged or hostile
 * header must not make /proc/vmcore serve memory the capture kernel is
 * using, live slab included.  No window is mapped across such a page,
 * so a read that finds a window needs no check, and dumps whose
 * PT_LOADs stay out of the capture kernel's RAM, which is every dump a
 * working loader writes, pay one resource walk per window mapped.  The
 * header reads (read_from_oldmem()) are exempt: on arm64 the ELF core
 * header itself sits in reserved RAM of the capture kernel.
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
#include <linux/kref.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/uio.h>

#include "internal.h"

#define VMCORE_WINDOW_SIZE	SZ_4M
/* Windows cached at once: the parallel streams that keep their own. */
#define VMCORE_WINDOWS		4
/* A read this long maps a whole window even at a new offset. */
#define VMCORE_STREAM_READ	SZ_64K

/* How a range of old memory is read. */
#define OLDMEM_ASK_CB		BIT(0)	/* consult the vmcore callbacks */
#define OLDMEM_ENCRYPTED	BIT(1)	/* via copy_oldmem_page_encrypted() */
#define OLDMEM_SEGMENT		BIT(2)	/* the capture kernel's RAM reads as 0 */

/**
 * struct vmcore_window - one mapped part of old memory
 * @ref: the cache's reference, if it still points here, plus one per
 *       reader copying from it
 * @base: physical address mapped at @va
 * @size: bytes mapped
 * @va: the mapping
 * @used: local_clock() when a read last found it; a hint for choosing
 *        which window to replace, read and written without a lock
 * @rcu: frees the struct after lockless lookups are done with it
 *
 * Immutable once mapped but for @ref and @used.
 */
struct vmcore_window {
	struct kref ref;
	u64 base;
	size_t size;
	void *va;
	u64 used;
	struct rcu_head rcu;
};

/**
 * struct vmcore_win_cache - the windows kept between reads
 * @lock: serialises changes to @slot; never held across a copy to user
 *        space
 * @slot: the cached windows, NULL where there is none; read under RCU
 * @next: where the most recent read ends, if it copies all it asked for;
 *        a hint, read and written without a lock
 */
struct vmcore_win_cache {
	struct mutex lock;	/* serialises changes to @slot */
	struct vmcore_window __rcu *slot[VMCORE_WINDOWS];
	u64 next;
};

static struct vmcore_win_cache vmcore_wins = {
	.lock = __MUTEX_INITIALIZER(vmcore_wins.lock),
};

static void window_free(struct kref *ref)
{
	struct vmcore_window *w = container_of(ref, struct vmcore_window, ref);

	memunmap(w->va);
	kfree_rcu(w, rcu);
}

static void window_put(struct vmcore_window *w)
{
	if (w)
		kref_put(&w->ref, window_free);
}

static bool window_holds(const struct vmcore_window *w, u64 pa)
{
	return w && pa >= w->base && pa - w->base < w->size;
}

/* How [@base, @end) meets the capture kernel's RAM: REGION_*. */
static int ram_overlap(u64 base, u64 end)
{
	return region_intersects(base, end - base, IORESOURCE_SYSTEM_RAM,
				 IORES_DESC_NONE);
}

/* Does [@base, @end) mix capture-kernel RAM with other memory? */
static bool window_mixed(u64 base, u64 end)
{
	return ram_overlap(base, end) == REGION_MIXED;
}

/*
 * The window maps old memory by its physical address, which is what old
 * memory is on x86_64 and arm64, the architectures the series is built
 * and tested for.  Elsewhere it may take a translation only the
 * architecture's copy_oldmem_page() knows (s390 swaps its lowest
 * region with the capture kernel's), and without HAS_IOMEM there is no
 * memremap(): there every page goes through copy_oldmem_page(), as
 * upstream reads it.  A constant, so the window code is compiled out.
 */
static bool window_usable(void)
{
	return IS_ENABLED(CONFIG_HAS_IOMEM) &&
	       (IS_ENABLED(CONFIG_X86_64) || IS_ENABLED(CONFIG_ARM64));
}

/* End of the low memory the capture kernel shares with the dead one. */
static u64 shared_low_end(void)
{
	return IS_ENABLED(CONFIG_X86) ? SZ_1M : 0;
}

/**
 * struct own_ram_search - the first byte of own RAM in a range
 * @start: the range
 * @end: its end, exclusive
 * @first: the byte found, @end while none is
 */
struct own_ram_search {
	u64 start;
	u64 end;
	u64 first;
};

/* The first whole page of a System RAM resource that meets the range. */
static int own_ram_found(struct resource *res, void *arg)
{
	struct own_ram_search *s = arg;
	u64 first = round_up(res->start, PAGE_SIZE);
	u64 end = round_down(res->end + 1, PAGE_SIZE);

	if (first >= end || end <= s->start)
		return 0;
	s->first = clamp_t(u64, first, s->start, s->end);
	return 1;
}

/**
 * vmcore_own_ram_start() - where a range reaches the capture kernel's RAM
 * @start: physical address of the range
 * @end: its end, exclusive; at most VMCORE_PADDR_END
 *
 * The capture kernel's own memory is the whole pages of its System RAM
 * outside the low memory it shares with the dead kernel (the first 1 MiB
 * on x86).  It never uses a page its RAM covers only in part: x86 trims
 * such pages from memblock, and arm64 takes its memory in whole pages.
 * kexec-tools makes one on x86, the rest of the page where the backup of
 * low memory ends, and that page's old bytes are read as usual.  Only
 * where old memory is addressed physically (x86_64 and arm64) is any
 * range judged; elsewhere none reaches it.
 *
 * Context: Process context; takes the resource tree's lock.
 * Return: the first address in [@start, @end) that is the capture
 * kernel's own memory, or @end if there is none.
 */
u64 vmcore_own_ram_start(u64 start, u64 end)
{
	struct own_ram_search s = { max(start, shared_low_end()), end, end };

	if (!window_usable() || s.start >= end)
		return end;
	/* Whole pages: the walk refuses a range of a single byte. */
	walk_system_ram_res(round_down(s.start, PAGE_SIZE),
			    round_up(end, PAGE_SIZE) - 1, &s, own_ram_found);
	return s.first;
}

/* Does [@base, @end) hold any of the capture kernel's own memory? */
static bool holds_own_ram(u64 base, u64 end)
{
	return vmcore_own_ram_start(base, end) < end;
}

/*
 * May [@base, @end) be one window?  Not if it mixes the capture kernel's
 * RAM with other memory, which memremap() refuses, nor if it holds any of
 * the capture kernel's own memory: a window is found by any later read,
 * and segment reads must never reach that memory.
 */
static bool window_refused(u64 base, u64 end)
{
	return window_mixed(base, end) || holds_own_ram(base, end);
}

/*
 * Map a window around @pa; ERR_PTR(-ENXIO) if even the page holding @pa
 * cannot be one (see window_refused()), for page_copy() to deal with.
 */
static struct vmcore_window *window_map(u64 pa, u64 lo, u64 hi)
{
	u64 block = round_down(pa, VMCORE_WINDOW_SIZE);
	u64 base = max(block, lo);
	u64 end = block + min_t(u64, VMCORE_WINDOW_SIZE, hi - block);
	struct vmcore_window *w;

	if (window_refused(base, end)) {
		base = round_down(pa, PAGE_SIZE);
		end = base + PAGE_SIZE;
		if (window_refused(base, end))
			return ERR_PTR(-ENXIO);
	}
	w = kmalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return ERR_PTR(-ENOMEM);
	w->va = memremap(base, end - base, MEMREMAP_WB);
	if (!w->va) {
		kfree(w);
		return ERR_PTR(-ENOMEM);
	}
	kref_init(&w->ref);
	w->used = local_clock();
	w->base = base;
	w->size = end - base;
	return w;
}

/* Is a read of @len bytes at @pa that missed worth a new window? */
static bool window_worth_it(const struct vmcore_win_cache *c, u64 pa,
			    size_t len)
{
	return len >= VMCORE_STREAM_READ || pa == READ_ONCE(c->next);
}

/* A referenced cached window holding @pa, or NULL; no lock is needed. */
static struct vmcore_window *window_find(struct vmcore_win_cache *c, u64 pa)
{
	struct vmcore_window *w;
	unsigned int i;

	rcu_read_lock();
	for (i = 0; i < VMCORE_WINDOWS; i++) {
		w = rcu_dereference(c->slot[i]);
		if (window_holds(w, pa) && kref_get_unless_zero(&w->ref))
			goto found;
	}
	w = NULL;
found:
	rcu_read_unlock();
	return w;
}

/* The window in slot @i, with the cache's lock held. */
static struct vmcore_window *slot_window(struct vmcore_win_cache *c,
					 unsigned int i)
{
	return rcu_dereference_protected(c->slot[i],
					 lockdep_is_held(&c->lock));
}

/* The slot a new window takes: an empty one, else the least recently used. */
static unsigned int window_victim(struct vmcore_win_cache *c)
{
	unsigned int i, v = 0;
	struct vmcore_window *w;

	for (i = 0; i < VMCORE_WINDOWS; i++) {
		w = slot_window(c, i);
		if (!w)
			return i;
		if (READ_ONCE(w->used) < READ_ONCE(slot_window(c, v)->used))
			v = i;
	}
	return v;
}

/*
 * A referenced window for @pa: one cached since the caller looked, or a
 * new one cached; ERR_PTR(-ENXIO) if no window is worth it.  A lone read
 * (crash following a pointer) is told so without the mutex.
 */
static struct vmcore_window *window_replace(struct vmcore_win_cache *c,
					    u64 pa, size_t len, u64 lo, u64 hi)
{
	struct vmcore_window *w, *old;
	unsigned int slot;

	if (!window_worth_it(c, pa, len))
		return ERR_PTR(-ENXIO);
	mutex_lock(&c->lock);
	w = window_find(c, pa);
	if (w)
		goto unlock;
	w = window_map(pa, lo, hi);
	if (IS_ERR(w))
		goto unlock;
	slot = window_victim(c);
	old = slot_window(c, slot);
	kref_get(&w->ref);
	rcu_assign_pointer(c->slot[slot], w);
	window_put(old);
unlock:
	mutex_unlock(&c->lock);
	return w;
}

/*
 * A referenced window holding @pa, for a read of @len bytes: a cached
 * one, or a new one cached; ERR_PTR(-ENXIO) for a read no window serves,
 * which the caller copies page by page.
 */
static struct vmcore_window *window_get(u64 pa, size_t len, u64 lo, u64 hi)
{
	struct vmcore_win_cache *c = &vmcore_wins;
	struct vmcore_window *w = window_find(c, pa);

	if (!w)
		w = window_replace(c, pa, len, lo, hi);
	/* Where what this step copies ends: a read going on from there streams. */
	if (IS_ERR(w)) {
		WRITE_ONCE(c->next, min(pa + len,
					round_down(pa, PAGE_SIZE) + PAGE_SIZE));
		return w;
	}
	WRITE_ONCE(c->next, min(pa + len, w->base + w->size));
	WRITE_ONCE(w->used, local_clock());
	return w;
}

/* Copy what one window holds of [@pa, @pa + @len); no lock is held. */
static ssize_t window_copy(struct iov_iter *iter, u64 pa, size_t len,
			   u64 lo, u64 hi)
{
	struct vmcore_window *w;
	ssize_t ret;

	if (!window_usable())
		return -ENXIO;
	w = window_get(pa, len, lo, hi);
	if (IS_ERR(w))
		return PTR_ERR(w);
	len = min_t(u64, len, w->base + w->size - pa);
	ret = copy_to_iter(w->va + (pa - w->base), len, iter);
	window_put(w);
	return ret;
}

/*
 * Is the page holding @pa shown as zeros: disowned by a vmcore callback,
 * or, for a segment read, holding the capture kernel's own memory?
 */
static bool page_zeroed(u64 pa, unsigned int how)
{
	u64 page = round_down(pa, PAGE_SIZE);

	if ((how & OLDMEM_ASK_CB) && !vmcore_cb_pfn_is_ram(PHYS_PFN(pa)))
		return true;
	return (how & OLDMEM_SEGMENT) && holds_own_ram(page, page + PAGE_SIZE);
}

/* Is the page at @page wholly the capture kernel's own RAM? */
static bool page_is_own_ram(u64 page)
{
	return ram_overlap(page, page + PAGE_SIZE) == REGION_INTERSECTS;
}

/*
 * Copy @len bytes at @pa, within one page, that no window serves.  Old
 * memory, the usual case, goes to the architecture's copy_oldmem_page(),
 * exactly as upstream's reader sends it, after one look at the memory
 * map.  A segment read of a page holding the capture kernel's own memory
 * gets zeros.  Other reads of its RAM (the ELF core header on arm64, low
 * memory on x86) go through the direct map, which memremap() returns and
 * x86's ioremap() refuses with a warning.
 */
static ssize_t page_copy(struct iov_iter *iter, u64 pa, size_t len,
			 unsigned int how)
{
	u64 page = round_down(pa, PAGE_SIZE);
	ssize_t ret;
	void *va;

	if (page_zeroed(pa, how))
		return iov_iter_zero(len, iter);
	if (!window_usable() || !page_is_own_ram(page))
		return copy_oldmem_page(iter, PHYS_PFN(pa), len,
					offset_in_page(pa));
	va = memremap(page, PAGE_SIZE, MEMREMAP_WB);
	if (!va)
		return -ENOMEM;
	ret = copy_to_iter(va + offset_in_page(pa), len, iter);
	memunmap(va);
	return ret;
}

static ssize_t oldmem_step(struct iov_iter *iter, u64 pa, size_t len,
			   u64 lo, u64 hi, unsigned int how)
{
	ssize_t ret;

	if (how & (OLDMEM_ASK_CB | OLDMEM_ENCRYPTED)) {
		len = min_t(size_t, len, PAGE_SIZE - offset_in_page(pa));
		if (page_zeroed(pa, how))
			return iov_iter_zero(len, iter);
	}
	if (how & OLDMEM_ENCRYPTED)
		return copy_oldmem_page_encrypted(iter, PHYS_PFN(pa), len,
						  offset_in_page(pa));
	ret = window_copy(iter, pa, len, lo, hi);
	if (ret != -ENXIO)
		return ret;
	len = min_t(size_t, len, PAGE_SIZE - offset_in_page(pa));
	return page_copy(iter, pa, len, how);
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
 * For the data of a PT_LOAD.  Pages a registered callback disowns, and
 * pages holding the capture kernel's own memory, are copied as zeros.  If
 * the old kernel ran with memory encryption, pages are read one at a time
 * through copy_oldmem_page_encrypted().
 *
 * Context: Process context; may sleep.  Takes the window cache's mutex,
 * but not across the copy, and the resource tree's lock.
 * Return: @len; -ENOMEM if old memory could not be mapped; -EFAULT if
 * @iter could not take all the bytes.
 */
ssize_t vmcore_oldmem_read(struct iov_iter *iter, u64 pa, size_t len,
			   u64 lo, u64 hi)
{
	unsigned int how = OLDMEM_SEGMENT;

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
 * vmcore_oldmem_release() - drop the cached windows
 *
 * Each mapping goes when the last reader still copying from it is done.
 *
 * Context: Process context; may sleep.  Takes the cache's mutex.
 * Return: nothing.
 */
void vmcore_oldmem_release(void)
{
	struct vmcore_window *old[VMCORE_WINDOWS];
	unsigned int i;

	if (!window_usable())
		return;
	mutex_lock(&vmcore_wins.lock);
	for (i = 0; i < VMCORE_WINDOWS; i++) {
		old[i] = slot_window(&vmcore_wins, i);
		RCU_INIT_POINTER(vmcore_wins.slot[i], NULL);
	}
	mutex_unlock(&vmcore_wins.lock);
	for (i = 0; i < VMCORE_WINDOWS; i++)
		window_put(old[i]);
}
