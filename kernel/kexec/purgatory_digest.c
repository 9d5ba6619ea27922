// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: the digests an ELF purgatory checks
 *
 * The purgatory of ppc64, s390 and riscv (purgatory.c) carries two global
 * variables for the core to fill: ``purgatory_sha_regions``, one
 * {start, len} pair per segment in KEXEC_SEGMENT_MAX slots, and
 * ``purgatory_sha256_digest``, one SHA-256 over all those regions in
 * that order.  At kexec time the purgatory hashes the regions where they
 * now are and compares: s390 refuses to enter a kernel that does not
 * match, riscv stops, ppc64 carries the digest without checking it.
 *
 * Every segment but the purgatory's own is covered, each over its whole
 * memory: the bytes of its buffer, then the zero fill up to ``memsz``
 * that the copy into the image writes.  The purgatory is left out
 * because the digest is written into it.  The digests are taken when
 * the architecture's loader has returned, so nothing changes a segment
 * after it is hashed; zero-length regions fill the unused slots.
 */
#define pr_fmt(fmt) "kexec: purgatory: " fmt

#include <crypto/sha2.h>
#include <linux/kexec.h>
#include <linux/kexec_digest.h>
#include <linux/mm.h>
#include <linux/purgatory.h>
#include <linux/sched.h>

#include "internal.h"

static void hash_zeros(struct sha256_state *sha, size_t len)
{
	const u8 *zero = page_address(ZERO_PAGE(0));

	while (len) {
		size_t n = min_t(size_t, len, PAGE_SIZE);

		sha256_update(sha, zero, n);
		len -= n;
		if (IS_ALIGNED(len, KEXEC_DIGEST_PIECE))
			cond_resched();
	}
}

/**
 * kexec_purgatory_store_digests() - hash the segments into the purgatory
 * @image:	an image whose loader has placed every segment, the
 *		purgatory among them (kexec_load_purgatory())
 *
 * Context: process context, may sleep; the image is not installed yet.
 * Return: 0; -EINVAL if the image has no purgatory or the purgatory lacks
 * either variable (kexec_purgatory_get_set_symbol()).
 */
int kexec_purgatory_store_digests(struct kimage *image)
{
	struct kexec_sha_region regions[KEXEC_SEGMENT_MAX] = { };
	const void *own = image->purgatory_info.purgatory_buf;
	u8 digest[SHA256_DIGEST_SIZE];
	struct sha256_state sha;
	unsigned long i, n = 0;
	int ret;

	sha256_init(&sha);
	for (i = 0; i < image->nr_segments; i++) {
		const struct kexec_segment *seg = &image->segment[i];

		if (seg->kbuf == own)
			continue;
		kexec_sha256_update(&sha, seg->kbuf, seg->bufsz, true);
		hash_zeros(&sha, seg->memsz - seg->bufsz);
		regions[n].start = seg->mem;
		regions[n++].len = seg->memsz;
	}
	sha256_final(&sha, digest);
	ret = kexec_purgatory_get_set_symbol(image, "purgatory_sha_regions",
					     regions, sizeof(regions), false);
	if (ret)
		return ret;
	return kexec_purgatory_get_set_symbol(image, "purgatory_sha256_digest",
					      digest, sizeof(digest), false);
}
