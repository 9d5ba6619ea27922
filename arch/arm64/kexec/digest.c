// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: arm64 check of a capture kernel's bytes before the jump
 *
 * A capture kernel may wait in the crash region for months while the
 * running kernel, perhaps already failing, writes where it should not.
 * Upstream arm64 enters whatever is there.  Here, for a crash image
 * loaded by kexec_file_load(), the SHA-256 of every segment that has
 * content is taken at load time, once the bytes are in the crash region
 * (machine_kexec_post_load(), after the core copied them); machine_kexec()
 * hashes them again before it does anything else and does not enter a
 * capture kernel whose bytes changed.
 *
 * The bytes are read through a read-only vmap of each segment's pages,
 * made at load time: protect.c takes the crash region out of the linear
 * map while a capture kernel is loaded, and the crash path must not map
 * anything.  The mapping cannot write, so the check adds no way to damage
 * what it checks.  The digests cover each segment's bytes from the file
 * (bufsz); the rest of a segment is zero fill the new kernel clears or
 * never reads.
 *
 * Images of kexec_load() are not checked: user space chose their bytes
 * and layout, and gave no digests to compare with.  Normal images
 * (kexec -e) are not checked either: their bytes sit in ordinary pages
 * that the core wrote a moment before the reboot, and relocate.S copies
 * them into place after the last point at which C code could compare
 * anything; a check of the source pages would test only the few seconds
 * between load and reboot.
 */
#define pr_fmt(fmt) "kexec: " fmt

#include <crypto/sha2.h>
#include <linux/kexec.h>
#include <linux/kexec_digest.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "kexec_arm64.h"

/**
 * struct segment_digest - what one segment looked like at load time
 * @index:	its index in image->segment[]
 * @map:	a read-only mapping of its bytes
 * @len:	bytes hashed, from the segment's start
 * @sha:	their SHA-256
 */
struct segment_digest {
	unsigned long index;
	const u8 *map;
	unsigned long len;
	u8 sha[SHA256_DIGEST_SIZE];
};

/**
 * struct arm64_kexec_digests - the digests of a crash image
 * @nr:		entries in @seg
 * @seg:	one per segment with content
 */
struct arm64_kexec_digests {
	unsigned long nr;
	struct segment_digest seg[];
};

/* Only the load may reschedule while hashing; the crash path must not. */
static void hash_segment(const u8 *p, unsigned long len, u8 *out,
			 bool may_sleep)
{
	struct sha256_state st;

	sha256_init(&st);
	kexec_sha256_update(&st, p, len, may_sleep);
	sha256_final(&st, out);
}

static const u8 *map_ro(phys_addr_t start, unsigned long len)
{
	unsigned long i, nr = PFN_UP(len);
	struct page **pages = kvmalloc_array(nr, sizeof(*pages), GFP_KERNEL);
	void *map;

	if (!pages)
		return NULL;
	for (i = 0; i < nr; i++)
		pages[i] = pfn_to_page(PHYS_PFN(start) + i);
	map = vmap(pages, nr, VM_MAP, PAGE_KERNEL_RO);
	kvfree(pages);
	return map;
}

static void unmap_all(struct arm64_kexec_digests *d)
{
	unsigned long i;

	for (i = 0; i < d->nr; i++)
		vunmap(d->seg[i].map);
}

static int record_segment(struct arm64_kexec_digests *d,
			  const struct kimage *image, unsigned long i)
{
	const struct kexec_segment *seg = &image->segment[i];
	struct segment_digest *sd = &d->seg[d->nr];

	if (!seg->bufsz)
		return 0;
	sd->map = map_ro(seg->mem, seg->bufsz);
	if (!sd->map)
		return -ENOMEM;
	sd->index = i;
	sd->len = seg->bufsz;
	hash_segment(sd->map, sd->len, sd->sha, true);
	d->nr++;
	return 0;
}

/**
 * arm64_kexec_digests_record() - hash a crash image's segments in place
 * @image: the image just loaded: its segments are in the crash region
 *
 * Does nothing for a normal image or one loaded by kexec_load().
 *
 * Context: process context, may sleep; the kexec lock is held and the
 * crash region is mapped.
 * Return: 0, or -ENOMEM.
 */
int arm64_kexec_digests_record(struct kimage *image)
{
	struct arm64_kexec_digests *d;
	unsigned long i;
	int ret = 0;

	if (image->type != KEXEC_TYPE_CRASH || !image->file_mode)
		return 0;
	d = kzalloc(struct_size(d, seg, image->nr_segments), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	for (i = 0; i < image->nr_segments && !ret; i++)
		ret = record_segment(d, image, i);
	if (ret)
		goto unmap_segments;
	image->arch.digests = d;
	return 0;

unmap_segments:
	unmap_all(d);
	kfree(d);
	return ret;
}

/**
 * arm64_kexec_digests_match() - are a crash image's bytes still intact?
 * @image: the crash image about to be entered
 *
 * Hashes every recorded segment again through its read-only mapping.  On
 * the first mismatch, logs one line with the segment's index and
 * physical range.
 *
 * Context: the crash path: other CPUs stopped, interrupts off, perhaps
 * NMI.  Does not allocate, sleep or take locks.
 * Return: true if every recorded segment hashes as at load time, or
 * none was recorded; false otherwise.
 */
bool arm64_kexec_digests_match(const struct kimage *image)
{
	const struct arm64_kexec_digests *d = image->arch.digests;
	const struct kexec_segment *seg;
	u8 now[SHA256_DIGEST_SIZE];
	unsigned long i;

	for (i = 0; d && i < d->nr; i++) {
		hash_segment(d->seg[i].map, d->seg[i].len, now, false);
		if (!memcmp(now, d->seg[i].sha, sizeof(now)))
			continue;
		seg = &image->segment[d->seg[i].index];
		pr_emerg("segment %lu at %#lx-%#lx: SHA-256 mismatch, not entering the capture kernel\n",
			 d->seg[i].index, seg->mem, seg->mem + seg->memsz - 1);
		return false;
	}
	return true;
}

/**
 * arm64_kexec_digests_free() - drop what arm64_kexec_digests_record() kept
 * @image: the image being freed
 *
 * Context: process context; from kimage_destroy(), the image no longer
 * (or never) installed.
 */
void arm64_kexec_digests_free(struct kimage *image)
{
	struct arm64_kexec_digests *d = image->arch.digests;

	if (!d)
		return;
	unmap_all(d);
	kfree(d);
	image->arch.digests = NULL;
}
