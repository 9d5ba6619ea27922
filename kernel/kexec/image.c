// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: images
 *
 * A struct kimage is one loaded kernel: its segments, the pages that
 * carry them and the control pages the architecture asked for.  Its life:
 *
 * 1. kimage_alloc() makes it empty; its segments are then recorded
 *    (kexec_load()) or placed (kexec_file_load(), place.c), and, once the
 *    request has been accepted, kimage_alloc_controls() allocates the
 *    control code pages (and, for a normal image, the swap page some
 *    relocation code uses);
 * 2. the architecture prepares it (machine_kexec_prepare());
 * 3. kimage_load_segments() copies the buffers: a crash image
 *    straight into the crash region, a normal image into source pages
 *    listed in its indirection list (entries.c), which it then closes;
 *    the buffers of a normal image of kexec_load() are read from user
 *    space here, straight into those pages;
 * 4. it is installed as ``kexec_image`` or ``kexec_crash_image``;
 * 5. kimage_destroy() undoes all of this, at any step.
 *
 * A crash image goes through steps 1 to 4 under the kexec lock, because
 * it overwrites the region the loaded capture kernel lives in.  A normal
 * image touches nothing but its own pages until step 4, so it is built
 * without the lock (commit.c).
 *
 * Destination bytes beyond a segment's buffer are zero, for both kinds.
 */
#define pr_fmt(fmt) "kexec: " fmt

#include <linux/highmem.h>
#include <linux/kexec.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "internal.h"

/**
 * kimage_alloc() - an empty image, before anything is placed in it
 * @crash:	true for an image that goes into the crash region
 *
 * The image has no segments and no control pages yet: kexec_load()
 * copies its segments in, a kexec_file_load() loader places them with
 * kexec_add_buffer(), and kexec_commit() adds the control pages.
 *
 * Context: process context, may sleep.
 * Return: the image, or ERR_PTR(-ENOMEM).
 */
struct kimage *kimage_alloc(bool crash)
{
	struct kimage *image = kzalloc(sizeof(*image), GFP_KERNEL);

	if (!image)
		return ERR_PTR(-ENOMEM);
	image->head = 0;
	image->entry = &image->head;
	image->last_entry = &image->head;
	INIT_LIST_HEAD(&image->control_pages);
	INIT_LIST_HEAD(&image->dest_pages);
	INIT_LIST_HEAD(&image->unusable_pages);
	image->type = crash ? KEXEC_TYPE_CRASH : KEXEC_TYPE_DEFAULT;
	return image;
}

/**
 * kimage_alloc_controls() - give an image its control pages
 * @image: an image whose segments are all known
 *
 * A crash image takes them from the crash region, around its segments,
 * so this runs only after the previous crash image has been unloaded.
 *
 * Context: process context, may sleep; while kexec_commit() builds the
 * image: under the kexec lock for a crash image, without it for a
 * normal one, which nothing else can reach yet.
 * Return: 0, or -ENOMEM.
 */
int kimage_alloc_controls(struct kimage *image)
{
	unsigned int order = get_order(KEXEC_CONTROL_PAGE_SIZE);

	if (image->type == KEXEC_TYPE_CRASH)
		image->control_page = phys_to_boot_phys(crashk_res.start);
	image->control_code_page = kimage_alloc_control_pages(image, order);
	if (!image->control_code_page)
		goto no_memory;
	if (image->type == KEXEC_TYPE_CRASH)
		return 0;
	image->swap_page = kimage_alloc_control_pages(image, 0);
	if (!image->swap_page)
		goto no_memory;
	return 0;

no_memory:
	pr_warn("no memory for the control pages\n");
	return -ENOMEM;
}

/**
 * kimage_create() - an image for an accepted kexec_load() request
 * @req:	a request kexec_check_request() accepted
 * @flags:	the kexec_load() flags, already checked
 *
 * Context: process context, may sleep; for a crash request the caller
 * holds the kexec lock.
 * Return: the image with its control pages, or ERR_PTR(-ENOMEM).
 */
struct kimage *kimage_create(const struct kexec_request *req,
			     unsigned long flags)
{
	struct kimage *image = kimage_alloc(req->crash);
	int ret;

	if (IS_ERR(image))
		return image;
	kimage_set_segments(image, req->seg, req->nr, req->entry, flags);
	ret = kimage_alloc_controls(image);
	if (!ret)
		return image;
	kimage_destroy(image);
	return ERR_PTR(ret);
}

/**
 * kimage_set_segments() - record kexec_load()'s segments in an image
 * @image:	an image from kimage_alloc(), with no segments yet
 * @seg:	the segments, at most KEXEC_SEGMENT_MAX, buffers in user space
 * @nr:		how many
 * @entry:	the entry point
 * @flags:	the kexec_load() flags
 *
 * Context: any.
 */
void kimage_set_segments(struct kimage *image, const struct kexec_segment *seg,
			 unsigned long nr, unsigned long entry,
			 unsigned long flags)
{
	image->start = entry;
	image->nr_segments = nr;
	memcpy(image->segment, seg, nr * sizeof(*seg));
	image->preserve_context = !!(flags & KEXEC_PRESERVE_CONTEXT);
}

static size_t chunk(const struct kexec_segment *seg, unsigned long off)
{
	return off < seg->bufsz ? min_t(size_t, seg->bufsz - off, PAGE_SIZE)
				: 0;
}

/*
 * Fill @page with the bytes of @seg at @off; the rest of the page is
 * zero.  A normal image of kexec_load() is read from its caller here,
 * with no lock held (commit.c); every other buffer is the kernel's own.
 */
static int fill_page(const struct kimage_loader *ld, struct page *page,
		     const struct kexec_segment *seg, unsigned long off)
{
	size_t len = chunk(seg, off);
	void *dst = kmap_local_page(page);
	int ret = 0;

	if (ld->bufs == KEXEC_BUFS_USER)
		ret = copy_from_user(dst, seg->buf + off, len) ? -EFAULT : 0;
	else
		memcpy(dst, seg->kbuf + off, len);
	memset(dst + len, 0, PAGE_SIZE - len);
	kunmap_local(dst);
	/* A fault that gave up because the caller was killed. */
	if (ret && fatal_signal_pending(current))
		return -EINTR;
	return ret;
}

static int load_crash_page(const struct kimage_loader *ld,
			   const struct kexec_segment *seg, unsigned long off)
{
	struct page *page = boot_pfn_to_page((seg->mem + off) >> PAGE_SHIFT);
	int ret = fill_page(ld, page, seg, off);

	kexec_flush_icache_page(page);
	return ret;
}

/* A crash segment is one contiguous range of the region: prepare it whole. */
static void *crash_range(const struct kexec_segment *seg)
{
	return page_address(boot_pfn_to_page(seg->mem >> PAGE_SHIFT));
}

static int load_normal_page(struct kimage_loader *ld,
			    const struct kexec_segment *seg, unsigned long off)
{
	unsigned long dest = seg->mem + off;
	struct page *page;
	int ret;

	page = kimage_alloc_source_page(ld, dest);
	if (!page)
		return -ENOMEM;
	ret = fill_page(ld, page, seg, off);
	if (ret)
		return ret;
	return kimage_add_entry(ld, (page_to_boot_pfn(page) << PAGE_SHIFT) |
				    IND_SOURCE);
}

static int load_crash_segment(struct kimage_loader *ld,
			      const struct kexec_segment *seg)
{
	unsigned long off, pages = seg->memsz >> PAGE_SHIFT;
	int ret = 0;

	if (!pages)
		return 0;
	arch_kexec_post_alloc_pages(crash_range(seg), pages, 0);
	for (off = 0; !ret && off < seg->memsz; off += PAGE_SIZE) {
		ret = load_crash_page(ld, seg, off);
		cond_resched();
	}
	arch_kexec_pre_free_pages(crash_range(seg), pages);
	return ret;
}

/* A load that reads its caller's memory stops when the caller is killed. */
static int next_page_ok(const struct kimage_loader *ld)
{
	cond_resched();
	if (ld->bufs == KEXEC_BUFS_USER && fatal_signal_pending(current))
		return -EINTR;
	return 0;
}

/*
 * Every segment that has pages starts with its own IND_DESTINATION, even
 * when it follows on from the previous one: the relocation code then
 * never depends on where an earlier segment (possibly an empty one at
 * the same address) left its cursor.
 */
static int load_normal_segment(struct kimage_loader *ld,
			       const struct kexec_segment *seg)
{
	unsigned long off;
	int ret;

	if (!seg->memsz)
		return 0;
	ret = kimage_add_entry(ld, seg->mem | IND_DESTINATION);
	for (off = 0; !ret && off < seg->memsz; off += PAGE_SIZE) {
		ret = load_normal_page(ld, seg, off);
		if (!ret)
			ret = next_page_ok(ld);
	}
	return ret;
}

/* Say why segment @i could not be loaded. */
static void report_segment(unsigned long i, int ret)
{
	if (ret == -EFAULT)
		pr_warn_ratelimited("refused: buffer of segment %lu cannot be read\n",
				    i);
	else if (ret != -EINTR)
		pr_warn("cannot load segment %lu: %d\n", i, ret);
}

/**
 * kimage_load_segments() - copy every segment's buffer into the image
 * @image: an image from kimage_create(), prepared by the architecture
 * @bufs:  where the buffers are; KEXEC_BUFS_USER only for a normal image
 *
 * Closes the indirection list on success.
 *
 * Context: process context, may sleep.  For a crash image the caller
 * holds the kexec lock and has lifted the region's write protection; a
 * normal image is private to the caller until it is installed, and is
 * loaded without the lock.
 * Return: 0; -ENOMEM; for user buffers, -EFAULT if one cannot be read and
 * -EINTR if the caller was killed meanwhile.
 */
int kimage_load_segments(struct kimage *image, enum kexec_bufs bufs)
{
	struct kimage_loader ld = { .image = image, .bufs = bufs };
	unsigned long i;
	int ret = 0;

	xa_init(&ld.parked);
	for (i = 0; !ret && i < image->nr_segments; i++) {
		ret = image->type == KEXEC_TYPE_CRASH ?
			load_crash_segment(&ld, &image->segment[i]) :
			load_normal_segment(&ld, &image->segment[i]);
		if (ret)
			report_segment(i, ret);
	}
	/* Pages still parked stay on image->unusable_pages. */
	xa_destroy(&ld.parked);
	if (!ret)
		kimage_end_entries(image);
	return ret;
}

/**
 * kimage_crash_copy_vmcoreinfo() - keep VMCOREINFO inside the crash region
 * @image: the image being built
 *
 * For a crash image, gives VMCOREINFO a second home in a control page of
 * the crash region, mapped into vmalloc space; crash_save_vmcoreinfo()
 * writes the final note from there, away from memory a runaway first
 * kernel is likely to scribble on.  Does nothing for a normal image.
 *
 * Context: process context, may sleep; the caller holds the kexec lock.
 * Return: 0, or -ENOMEM.
 */
int kimage_crash_copy_vmcoreinfo(struct kimage *image)
{
	struct page *page;
	void *copy;

	if (image->type != KEXEC_TYPE_CRASH)
		return 0;
	page = kimage_alloc_control_pages(image, 0);
	if (!page)
		return -ENOMEM;
	copy = vmap(&page, 1, VM_MAP, PAGE_KERNEL);
	if (!copy)
		return -ENOMEM;
	image->vmcoreinfo_data_copy = copy;
	crash_update_vmcoreinfo_safecopy(copy);
	return 0;
}

/**
 * kimage_destroy() - free an image at any step of its life
 * @image: the image, or NULL
 *
 * Context: process context, may sleep; @image is not installed: never
 * was, or was taken out of its slot under the kexec lock.
 */
void kimage_destroy(struct kimage *image)
{
	if (!image)
		return;
	if (image->vmcoreinfo_data_copy) {
		crash_update_vmcoreinfo_safecopy(NULL);
		vunmap(image->vmcoreinfo_data_copy);
	}
	machine_kexec_cleanup(image);
	kimage_file_release(image);
	kimage_free_pages(image);
	kfree(image);
}
