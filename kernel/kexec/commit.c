// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: the load transaction
 *
 * kexec_load() and kexec_file_load() differ only in how an image's
 * segments come to be: copied from a list user space wrote, or placed by
 * the kernel's own loader around files it read.  Both then hand the
 * image to kexec_commit(), which is the only place an image is installed
 * or an installed one is replaced.  It:
 *
 * 1. judges the segments with the rules of segments.c, whichever syscall
 *    produced them;
 * 2. for a crash image, unloads the old one, whose bytes the new one is
 *    about to overwrite in the crash region;
 * 3. allocates control pages, lets the architecture prepare the image,
 *    copies the segments and closes the indirection list, then frees
 *    what a kexec_file_load() image needed only to get this far;
 * 4. swaps the image in and frees the one it replaces.
 *
 * For a crash image all four steps run under the kexec lock: steps 2 and
 * 3 write the region the loaded capture kernel lives in, and the crash
 * region can shrink (/sys/kernel/kexec_crash_size) only under the lock,
 * so only a judgement made under it counts.
 *
 * A normal image owns every page of its own until step 4, and its rules
 * depend on nothing the lock guards.  So steps 1 and 3 run without the
 * lock and only step 4 takes it.  Step 3 is the long one, and for
 * kexec_load() it reads the caller's buffers, which may take any time at
 * all (stage.c); a crash meanwhile finds the lock free and enters the
 * loaded capture kernel.  One normal image is built at a time, under a
 * mutex of its own that is only ever tried (normal_build_lock): a second
 * load made meanwhile gets -EBUSY, as with 6.1, instead of taking as
 * much memory again.
 *
 * Everything that can be refused happens before step 2: reading files,
 * probing the image, signature and lockdown checks, the command line and
 * the placement of every buffer all happen before kexec_commit() is
 * called, and step 1 is the last check.  So a refused load of either
 * syscall leaves the loaded image exactly as it was.  Past step 2 only
 * running out of memory can fail a crash load, which then leaves no
 * crash image; a normal image is built beside the old one, which stays
 * loaded until step 4.
 *
 * The crash region is write protected (where the architecture can) while
 * a crash image sits in it; it is open only between steps 2 and 4.
 */
#define pr_fmt(fmt) "kexec: " fmt

#include <linux/kexec.h>
#include <linux/kexec_place.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/pagemap.h>

#include "internal.h"

static struct kimage **slot_of(bool crash)
{
	return crash ? &kexec_crash_image : &kexec_image;
}

/**
 * arch_kexec_crash_control_room() - control page room that grows with the machine
 * @image: a crash image with its segments recorded
 *
 * The default: the architecture's control pages do not depend on the
 * machine's size, so KEXEC_CRASH_CONTROL_ROOM covers them.
 *
 * Context: process context.
 * Return: bytes a crash image needs in the region for control pages
 * beyond KEXEC_CRASH_CONTROL_ROOM.
 */
unsigned long __weak arch_kexec_crash_control_room(const struct kimage *image)
{
	return 0;
}

static void fill_request(struct kexec_request *req, const struct kimage *image)
{
	bool crash = image->type == KEXEC_TYPE_CRASH;

	*req = (struct kexec_request) {
		.seg = image->segment,
		.nr = image->nr_segments,
		.entry = image->start,
		.crash = crash,
		.win_start = phys_to_boot_phys(crashk_res.start),
		.win_end = phys_to_boot_phys(crashk_res.end),
		.dest_limit = KEXEC_DESTINATION_MEMORY_LIMIT,
		.ram_pages = totalram_pages(),
		.control_room = crash ? KEXEC_CRASH_CONTROL_ROOM +
				arch_kexec_crash_control_room(image) : 0,
	};
}

/**
 * kexec_check_image() - judge an image's segments by the rules of segments.c
 * @image: an image with every segment recorded and ->start set
 *
 * kexec_commit() calls this under the kexec lock; kexec_stage() calls it
 * before, without the lock, to bound what it copies.  The crash region
 * can only change under the lock, so only the locked call is final.
 *
 * Context: process context.
 * Return: 0, or the errnos of kexec_check_request() (-EADDRNOTAVAIL,
 * -EINVAL).
 */
int kexec_check_image(const struct kimage *image)
{
	struct kexec_request req;

	fill_request(&req, image);
	return kexec_check_request(&req);
}

static void unload_locked(bool crash)
{
	if (crash && kexec_crash_image)
		arch_kexec_unprotect_crashkres();
	kimage_destroy(xchg(slot_of(crash), NULL));
}

/* Step 3 of the DOC block. */
static int build(struct kimage *image, enum kexec_bufs bufs)
{
	int ret = kimage_alloc_controls(image);

	if (ret)
		return ret;
	ret = machine_kexec_prepare(image);
	if (ret)
		return ret;
	ret = kimage_crash_copy_vmcoreinfo(image);
	if (ret)
		return ret;
	ret = kimage_load_segments(image, bufs);
	if (ret)
		return ret;
	ret = machine_kexec_post_load(image);
	if (ret)
		return ret;
	kimage_file_release(image);
	return 0;
}

static int commit_crash_locked(struct kimage *image, enum kexec_bufs bufs)
{
	int ret = kexec_check_image(image);

	if (ret)
		return ret;
	unload_locked(true);
	ret = build(image, bufs);
	if (ret)
		return ret;
	kimage_destroy(xchg(&kexec_crash_image, image));
	return 0;
}

static int commit_crash(struct kimage *image, enum kexec_bufs bufs)
{
	int ret;

	if (!kexec_lock_try()) {
		kimage_destroy(image);
		return -EBUSY;
	}
	ret = commit_crash_locked(image, bufs);
	if (ret)
		kimage_destroy(image);
	if (kexec_crash_image)
		arch_kexec_protect_crashkres();
	kexec_lock_drop();
	return ret;
}

/* Held while a normal image is built; never waited for (DOC block). */
static DEFINE_MUTEX(normal_build_lock);

static int build_normal(struct kimage *image, enum kexec_bufs bufs)
{
	int ret;

	if (!mutex_trylock(&normal_build_lock))
		return -EBUSY;
	ret = build(image, bufs);
	mutex_unlock(&normal_build_lock);
	return ret;
}

static int commit_normal(struct kimage *image, enum kexec_bufs bufs)
{
	int ret = kexec_check_image(image);

	if (ret)
		goto destroy_image;
	ret = build_normal(image, bufs);
	if (ret)
		goto destroy_image;
	if (!kexec_lock_try()) {
		ret = -EBUSY;
		goto destroy_image;
	}
	image = xchg(&kexec_image, image);
	kexec_lock_drop();
destroy_image:
	/* The image refused, or the one the new image replaced. */
	kimage_destroy(image);
	return ret;
}

/**
 * kexec_commit() - install a fully placed image, or refuse it
 * @image: an image from kimage_alloc() with every segment recorded and
 *	   ->start set; kexec_commit() takes it over
 * @bufs:  where the segments' buffers are; kexec_load() stages a crash
 *	   image's first (stage.c), which would otherwise be read under the
 *	   kexec lock
 *
 * Runs steps 1-4 of the DOC block.  On success @image is installed as
 * ``kexec_image`` or ``kexec_crash_image``; on failure it is freed.  The
 * segments' buffers must stay valid until kexec_commit() returns; they
 * are not used after that.
 *
 * Context: process context, may sleep; takes the kexec lock, for a normal
 * image only to swap it in.
 * Return: 0; -EBUSY if another load, unload or kexec holds the lock, or
 * another normal image is being built; the
 * errnos of kexec_check_request() (-EADDRNOTAVAIL, -EINVAL); -ENOMEM;
 * for user buffers -EFAULT and -EINTR (kimage_load_segments()); or what
 * the architecture's machine_kexec_prepare() returns (e.g. -EBUSY,
 * -EINVAL).
 */
int kexec_commit(struct kimage *image, enum kexec_bufs bufs)
{
	if (image->type == KEXEC_TYPE_CRASH)
		return commit_crash(image, bufs);
	return commit_normal(image, bufs);
}

/**
 * kexec_unload() - unload the normal or the crash image
 * @crash: which one
 *
 * Unloading when nothing is loaded succeeds, as in 6.1.
 *
 * Context: process context, may sleep; takes the kexec lock.
 * Return: 0, or -EBUSY if the kexec lock is held.
 */
int kexec_unload(bool crash)
{
	if (!kexec_lock_try())
		return -EBUSY;
	unload_locked(crash);
	kexec_lock_drop();
	return 0;
}
