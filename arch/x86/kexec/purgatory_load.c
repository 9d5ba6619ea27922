// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: x86_64 purgatory loading
 *
 * The last segment of an x86_64 kexec_file_load() image is the purgatory
 * (purgatory/), and its entry point is the image's.  The blob is built
 * into the kernel (x86_purgatory_blob) and is position independent, so
 * loading it is copying it: no relocation, no symbol lookup.  The loader
 * only fills in its struct purgatory_params:
 *
 * - the new kernel's 64-bit entry point and its boot_params address, for
 *   the jump;
 * - for a crash image, the backup: the RAM below 1 MiB, which purgatory
 *   copies into a segment of the crash region once the digests match, so
 *   that the capture kernel may use that memory and the dump still has
 *   the dead kernel's bytes (crash_map.c);
 * - one struct purgatory_digest per segment with content: its
 *   destination, the length of its buffer, and the SHA-256 of that
 *   buffer.  Bytes past the buffer are the kexec core's zero fill and are
 *   not hashed.
 *
 * At kexec time the purgatory hashes each range again where the segment
 * now sits and refuses to enter a kernel that does not match (see the
 * DOC in purgatory/entry.S).  That catches a capture kernel overwritten
 * while it waited in the crash region, and a bad copy.
 *
 * The header is checked here although only a broken build could get it
 * wrong: a blob this file misreads would fail at crash time, silently.
 */
#define pr_fmt(fmt) "kexec: purgatory: " fmt

#include <linux/kexec.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <crypto/sha2.h>

#include "kexec_x86.h"
#include "purgatory.h"

/*
 * The lowest address the purgatory takes.  It runs on an identity map of
 * all RAM, so any address would do for it; the first MiB is left to
 * what lives there (BIOS data, the EBDA) and to the new kernel, which
 * reserves it for its real-mode trampoline.  The GDT the purgatory leaves
 * behind stays in use until the new kernel loads its own, so it should
 * not sit in memory the new kernel may claim first.  There is no upper
 * limit: the purgatory is 64-bit code and its GDT base a 64-bit address.
 */
#define PURGATORY_MIN_ADDR	SZ_1M

/*
 * sha256_update() takes an unsigned int length; a segment is hashed in
 * pieces of this size, with a chance to reschedule between them.
 */
#define DIGEST_CHUNK		SZ_4M

static_assert(SHA256_DIGEST_SIZE == PURGATORY_DIGEST_SIZE);

static bool header_sane(const struct purgatory_header *hdr, size_t size)
{
	return hdr->magic == PURGATORY_MAGIC &&
	       hdr->version == PURGATORY_VERSION &&
	       hdr->file_size == size &&
	       hdr->mem_size >= hdr->file_size &&
	       PAGE_ALIGNED(hdr->mem_size) &&
	       hdr->entry_off >= sizeof(*hdr) &&
	       hdr->entry_off < hdr->file_size &&
	       IS_ALIGNED(hdr->params_off, 8) &&
	       hdr->params_off >= sizeof(*hdr) &&
	       (size_t)hdr->params_off + sizeof(struct purgatory_params) <=
	       hdr->file_size;
}

static const struct purgatory_header *blob_header(void)
{
	const struct purgatory_header *hdr = (const void *)x86_purgatory_blob;
	size_t size = x86_purgatory_blob_end - x86_purgatory_blob;

	if (size >= sizeof(*hdr) && header_sane(hdr, size))
		return hdr;
	pr_err("the built-in blob (%zu bytes) has a bad header\n", size);
	return NULL;
}

static void digest_segment(const struct kexec_segment *seg, u8 *out)
{
	const u8 *p = seg->kbuf;
	size_t left = seg->bufsz;
	struct sha256_state state;

	sha256_init(&state);
	while (left) {
		size_t n = min_t(size_t, left, DIGEST_CHUNK);

		sha256_update(&state, p, n);
		p += n;
		left -= n;
		cond_resched();
	}
	sha256_final(&state, out);
}

static void fill_params(struct purgatory_params *params,
			const struct kimage *image,
			const struct x86_purgatory_args *args)
{
	unsigned long i;

	memset(params, 0, sizeof(*params));
	params->entry = args->kernel_entry;
	params->boot_params = args->boot_params;
	params->backup_src = args->backup_src;
	params->backup_dst = args->backup_dst;
	params->backup_len = args->backup_len;
	for (i = 0; i < image->nr_segments; i++) {
		const struct kexec_segment *seg = &image->segment[i];
		struct purgatory_digest *d;

		if (!seg->bufsz)
			continue;
		d = &params->digest[params->nr_digests++];
		d->mem = seg->mem;
		d->len = seg->bufsz;
		digest_segment(seg, d->sha256);
	}
}

/* The blob in a buffer of its own, bss included, its parameters filled. */
static void *blob_copy(const struct purgatory_header *hdr,
		       const struct kimage *image,
		       const struct x86_purgatory_args *args)
{
	void *buf = vzalloc(hdr->mem_size);

	if (!buf)
		return NULL;
	memcpy(buf, x86_purgatory_blob, hdr->file_size);
	fill_params(buf + hdr->params_off, image, args);
	return buf;
}

/**
 * x86_purgatory_load() - add the purgatory as the image's last segment
 * @image:	the image, every other segment placed, its buffer final
 * @args:	the new kernel's entry point and boot_params, and the
 *		backup to save before entering it
 * @bufp:	set to the purgatory's buffer on success
 *
 * Copies the built-in purgatory into a new buffer, lists every segment
 * with content and the SHA-256 of its buffer in the purgatory's
 * parameters, places the buffer with kexec_add_buffer() and makes its
 * entry point the image's.  A segment's buffer changed after this call
 * would stop the purgatory at kexec time, so this comes last.
 *
 * The buffer becomes the segment's, so it must live until the image is
 * loaded; the caller vfree()s *@bufp then, or when the load fails later.
 *
 * Context: process context, may sleep; the image is not installed yet.
 * Return: 0; -ENOEXEC if the built-in blob is malformed (a broken build);
 * -EINVAL if the image has more segments than the purgatory can check,
 * or as kexec_add_buffer() returns it; -EADDRNOTAVAIL if the purgatory
 * does not fit; -ENOMEM.
 */
int x86_purgatory_load(struct kimage *image,
		       const struct x86_purgatory_args *args, void **bufp)
{
	const struct purgatory_header *hdr = blob_header();
	struct kexec_buf kbuf = {
		.image = image,
		.buf_align = PAGE_SIZE,
		.buf_min = PURGATORY_MIN_ADDR,
		.buf_max = ULONG_MAX,
		.top_down = true,
	};
	int ret;

	if (!hdr)
		return -ENOEXEC;
	if (image->nr_segments > PURGATORY_MAX_DIGESTS) {
		pr_warn("refused: %lu segments, it checks at most %d\n",
			image->nr_segments, PURGATORY_MAX_DIGESTS);
		return -EINVAL;
	}
	kbuf.buffer = blob_copy(hdr, image, args);
	if (!kbuf.buffer)
		return -ENOMEM;
	kbuf.bufsz = hdr->file_size;
	kbuf.memsz = hdr->mem_size;
	ret = kexec_add_buffer(&kbuf);
	if (ret)
		goto free_buffer;
	image->start = kbuf.mem + hdr->entry_off;
	*bufp = kbuf.buffer;
	return 0;

free_buffer:
	vfree(kbuf.buffer);
	return ret;
}
