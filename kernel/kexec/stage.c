// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: a crash image's buffers, copied in before the lock
 *
 * kexec_load() names the bytes of each segment by a user space pointer.
 * Reading them can take any time at all: a page on a slow disk, or a
 * userfaultfd page whose handler never answers.  The kexec lock must
 * never be held that long, because a crash that finds it taken cannot
 * use even the capture kernel that is already loaded (crash.c).
 *
 * A crash image is built under the lock, in the crash region, over the
 * capture kernel it replaces (commit.c).  So kexec_load() copies every
 * buffer of a crash image into kernel memory first, outside the lock,
 * while the loaded capture kernel stays whole and usable, and only then
 * hands the image to kexec_commit().  From there on a crash image of
 * either system call looks alike: its buffers are the kernel's own, and
 * the lock is held only for work that waits on nothing outside the
 * kernel.
 *
 * A normal image is not staged.  It is built without the lock, and its
 * buffers are read straight into the pages that carry it (image.c): a
 * copy would only cost time and as much memory again.
 *
 * Invariants:
 *
 * - the copy is made only for a request the segment rules (segments.c)
 *   accept, so no buffer is larger than its segment and an image takes
 *   at most half of RAM; kexec_commit() judges the rules again under the
 *   lock, and that is the judgement that counts;
 * - the price is free memory for one copy of the capture kernel while it
 *   loads, although its final home is the reserved region;
 *   a request whose copy does not fit in the memory available is
 *   refused with -ENOMEM before anything is allocated, so that a load
 *   never wakes the OOM killer;
 * - a staged segment's ``kbuf`` points at vmalloc memory owned by the
 *   caller's &struct kexec_staging until kexec_unstage(), which runs
 *   after kexec_commit() has returned and never uses the buffers again.
 */
#define pr_fmt(fmt) "kexec: " fmt

#include <linux/kexec.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "internal.h"

/* Copied in steps this large, so a kill or a reschedule is not held up. */
#define STAGE_STEP	SZ_1M

static int copy_in(void *dst, const void __user *src, size_t len)
{
	size_t off, n;

	for (off = 0; off < len; off += n) {
		n = min_t(size_t, len - off, STAGE_STEP);
		if (copy_from_user(dst + off, src + off, n))
			return -EFAULT;
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	return 0;
}

/*
 * vmalloc() cannot be told to fail rather than wake the OOM killer, so
 * the copies are only made if they fit in the memory available now.
 */
static int check_room(const struct kimage *image)
{
	unsigned long i, pages = 0;
	long avail = si_mem_available();

	for (i = 0; i < image->nr_segments; i++)
		pages += PAGE_ALIGN(image->segment[i].bufsz) >> PAGE_SHIFT;
	if (avail > 0 && pages <= avail)
		return 0;
	pr_warn_ratelimited("refused: %lu KiB of buffers to copy in, %ld KiB of memory available\n",
			    pages << (PAGE_SHIFT - 10),
			    avail << (PAGE_SHIFT - 10));
	return -ENOMEM;
}

static int stage_one(struct kexec_segment *seg, void **copy)
{
	int ret;

	if (!seg->bufsz)
		return 0;
	/* A request may ask for half of RAM: fail quietly, say so once. */
	*copy = __vmalloc(seg->bufsz, GFP_KERNEL | __GFP_NOWARN);
	if (!*copy)
		return -ENOMEM;
	ret = copy_in(*copy, seg->buf, seg->bufsz);
	if (ret)
		return ret;
	seg->kbuf = *copy;
	return 0;
}

/**
 * kexec_stage() - copy a crash image's segment buffers into the kernel
 * @image:	an image from kimage_alloc() with kimage_set_segments() done;
 *		each segment's ``buf`` becomes the kernel copy, ``kbuf``
 * @st:		where the copies are recorded; kexec_unstage() frees them
 *
 * Checks the segment rules first, so that nothing is copied for a
 * request they refuse, and so that the copies are bounded.
 *
 * Context: process context, may sleep; the kexec lock is not held.
 * Return: 0; the errnos of kexec_check_request() (-EADDRNOTAVAIL,
 * -EINVAL); -EFAULT for a buffer that cannot be read; -ENOMEM; -EINTR if
 * the caller was killed meanwhile.  On failure @st still needs
 * kexec_unstage().
 */
int kexec_stage(struct kimage *image, struct kexec_staging *st)
{
	unsigned long i;
	int ret = kexec_check_image(image);

	memset(st, 0, sizeof(*st));
	if (ret)
		return ret;
	ret = check_room(image);
	if (ret)
		return ret;
	for (i = 0; i < image->nr_segments; i++) {
		ret = stage_one(&image->segment[i], &st->copy[i]);
		if (ret == -EFAULT)
			pr_warn_ratelimited("refused: buffer of segment %lu cannot be read\n",
					    i);
		if (ret == -ENOMEM)
			pr_warn_ratelimited("refused: no memory to copy in the %zu bytes of segment %lu\n",
					    image->segment[i].bufsz, i);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * kexec_unstage() - free the copies kexec_stage() made
 * @st:	the record kexec_stage() filled, even partly
 *
 * Context: process context; after kexec_commit() has returned.
 */
void kexec_unstage(struct kexec_staging *st)
{
	unsigned long i;

	for (i = 0; i < ARRAY_SIZE(st->copy); i++) {
		vfree(st->copy[i]);
		st->copy[i] = NULL;
	}
}
