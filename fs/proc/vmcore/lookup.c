// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: finding the chunk of a file offset
 *
 * Every read() and mmap() of /proc/vmcore past the head starts by finding
 * the chunk (the PT_LOAD) that holds its file offset.  A dump has from a
 * handful of PT_LOADs to tens of thousands (a machine with fragmented
 * memory, or one PT_LOAD per memory block), and a debugger following
 * pointers reads a page here and a page there, so the lookup must not
 * grow with the PT_LOAD count.
 *
 * Chunks are sorted, page aligned and back to back (layout.c), so the data
 * part of the file is cut into buckets of equal size, a power of two no
 * smaller than a page, and about as many buckets as chunks.  For each
 * bucket the index holds the first chunk that reaches into it.  A lookup
 * computes the bucket by a shift, then searches only the chunks between
 * that bucket's first and the next bucket's first, which for an even
 * layout is one or two.  A very uneven layout (one huge PT_LOAD among
 * many small ones) puts many chunks in a few buckets, and the search there
 * stays a binary search: never slower than without the index.
 *
 * The index is relative to the start of the data, so it stays right when
 * the head grows and every chunk moves by the same amount (devdump.c).
 *
 * Cost: four bytes per bucket, at most two buckets per chunk.  The index
 * is immutable once built, like the rest of the image.
 */

#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "internal.h"

/* Offset of @pos from the first chunk; @pos must not lie before it. */
static u64 data_off(const struct vmcore_image *img, u64 pos)
{
	return pos - img->chunks[0].file_off;
}

static u64 data_size(const struct vmcore_image *img)
{
	return img->size - img->chunks[0].file_off;
}

/* The smallest power-of-two bucket, at least a page, giving <= 2n buckets. */
static unsigned int bucket_shift(const struct vmcore_image *img)
{
	u64 per_chunk = div_u64(data_size(img), img->nr_chunks);

	return max_t(unsigned int, PAGE_SHIFT,
		     per_chunk ? ilog2(per_chunk) : 0);
}

/**
 * vmcore_index_build() - index the chunks of a laid out image
 * @img: an image whose chunks are final; its old index, if any, is freed
 *
 * Context: Process context; may sleep.
 * Return: 0, or -ENOMEM.
 */
int vmcore_index_build(struct vmcore_image *img)
{
	unsigned int shift, n, b, c = 0;
	u32 *index;

	kvfree(img->index);
	img->index = NULL;
	img->nr_index = 0;
	if (!img->nr_chunks)
		return 0;
	shift = bucket_shift(img);
	/*
	 * A shift, not DIV_ROUND_UP_ULL(): its divisor is 32 bits wide, and
	 * a bucket is 4 GiB or more once the chunks average that much.  The
	 * sum cannot wrap: the data is no larger than MAX_LFS_FILESIZE, and
	 * the bucket is a page or no larger than the data.
	 */
	n = (data_size(img) + (1ULL << shift) - 1) >> shift;
	index = kvmalloc_array(n, sizeof(*index), GFP_KERNEL);
	if (!index)
		return -ENOMEM;
	for (b = 0; b < n; b++) {
		u64 start = (u64)b << shift;
		const struct vmcore_chunk *ch = &img->chunks[c];

		while (data_off(img, ch->file_off) + ch->size <= start)
			ch = &img->chunks[++c];
		index[b] = c;
	}
	img->index = index;
	img->nr_index = n;
	img->index_shift = shift;
	return 0;
}

/**
 * vmcore_layout_find() - find the chunk holding a file offset
 * @img: the layout, indexed by vmcore_index_build()
 * @pos: file offset at or after @img->head_size
 *
 * Context: Any context.
 * Return: the chunk containing @pos, or NULL if @pos is past the end.
 */
const struct vmcore_chunk *vmcore_layout_find(const struct vmcore_image *img,
					      u64 pos)
{
	unsigned int lo, hi;
	u64 b;

	if (!img->nr_index || pos < img->chunks[0].file_off ||
	    pos >= img->size)
		return NULL;
	b = data_off(img, pos) >> img->index_shift;
	lo = img->index[b];
	hi = b + 1 < img->nr_index ? img->index[b + 1] + 1 : img->nr_chunks;
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		const struct vmcore_chunk *c = &img->chunks[mid];

		if (pos < c->file_off)
			hi = mid;
		else if (pos - c->file_off >= c->size)
			lo = mid + 1;
		else
			return c;
	}
	return NULL;
}
