// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: placing kexec_file_load() buffers
 *
 * With kexec_load() user space chooses every destination; with
 * kexec_file_load() the kernel's loaders do, one buffer at a time, through
 * kexec_add_buffer().  A buffer asks for a size, an alignment, a window
 * [buf_min, buf_max] and a direction: the lowest fitting address
 * (bottom-up) or the highest (top-down).  Where it may go:
 *
 * - a crash image: inside the crash kernel region only (``crashk_res``);
 * - a normal image: in System RAM, outside the crash region(s), because
 *   those hold the capture kernel, which must outlive a kexec reboot that
 *   fails half-way.
 *
 * In both cases a buffer never shares a byte with one the image already
 * has.  Destinations may be RAM the running kernel uses: the relocation
 * code copies the image there only at kexec time.
 *
 * Placement runs before the kexec lock is taken (the image is private
 * until kexec_commit()).  The crash region can shrink meanwhile, through
 * /sys/kernel/kexec_crash_size; kexec_commit() judges the segments again
 * under the lock, so such a race ends in a refusal, never in a segment
 * outside the region.
 *
 * kexec_fit() is the pure search; the rest walks the machine's memory.
 */
#define pr_fmt(fmt) "kexec: " fmt

#include <linux/ioport.h>
#include <linux/kexec.h>
#include <linux/kexec_place.h>
#include <linux/mm.h>

#include "internal.h"

static bool clashes(u64 start, u64 size, const struct crash_mem_range *busy,
		    unsigned int nr, const struct crash_mem_range **hit)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		if (busy[i].start <= start + size - 1 && start <= busy[i].end) {
			*hit = &busy[i];
			return true;
		}
	}
	return false;
}

static bool fit_down(const struct kexec_hole *h, u64 lo, u64 hi,
		     const struct crash_mem_range *busy, unsigned int nr,
		     u64 *addr)
{
	const struct crash_mem_range *b;
	u64 cand = ALIGN_DOWN(hi - h->size + 1, h->align);

	while (cand >= lo) {
		if (!clashes(cand, h->size, busy, nr, &b)) {
			*addr = cand;
			return true;
		}
		if (b->start < lo || b->start - lo < h->size)
			return false;
		cand = ALIGN_DOWN(b->start - h->size, h->align);
	}
	return false;
}

static bool fit_up(const struct kexec_hole *h, u64 lo, u64 hi,
		   const struct crash_mem_range *busy, unsigned int nr,
		   u64 *addr)
{
	const struct crash_mem_range *b;
	u64 cand = ALIGN(lo, h->align);

	while (cand >= lo && cand <= hi - h->size + 1) {
		if (!clashes(cand, h->size, busy, nr, &b)) {
			*addr = cand;
			return true;
		}
		if (b->end >= hi)
			return false;
		cand = ALIGN(b->end + 1, h->align);
	}
	return false;
}

/**
 * kexec_fit() - the best place for a buffer inside one range of memory
 * @h:		what is placed: size (not 0), alignment (a power of two),
 *		window and direction
 * @start:	first byte of the range
 * @end:	last byte of the range
 * @busy:	ranges the buffer must not touch (inclusive ends)
 * @nr:		how many
 * @addr:	where the buffer goes, if it fits
 *
 * Context: any; pure.
 * Return: true if the buffer fits, with @addr the lowest (bottom-up) or
 * highest (top-down) aligned address that keeps it inside the range and
 * the window and off every busy range.
 */
bool kexec_fit(const struct kexec_hole *h, u64 start, u64 end,
	       const struct crash_mem_range *busy, unsigned int nr, u64 *addr)
{
	u64 lo = max(start, h->min), hi = min(end, h->max);

	if (!h->size || hi < lo || hi - lo < h->size - 1)
		return false;
	return h->top_down ? fit_down(h, lo, hi, busy, nr, addr)
			   : fit_up(h, lo, hi, busy, nr, addr);
}

/**
 * struct hole_search - one kexec_locate_mem_hole() walk
 * @hole:	what is placed
 * @busy:	the image's segments, and for a normal image the crash regions
 * @nr_busy:	entries used in @busy
 * @found:	whether some range had room
 * @best:	the best address so far
 */
struct hole_search {
	struct kexec_hole hole;
	struct crash_mem_range busy[KEXEC_SEGMENT_MAX + 2];
	unsigned int nr_busy;
	bool found;
	u64 best;
};

static void add_busy(struct hole_search *s, u64 start, u64 size)
{
	if (!size)
		return;
	s->busy[s->nr_busy].start = start;
	s->busy[s->nr_busy].end = start + size - 1;
	s->nr_busy++;
}

static void try_range(struct hole_search *s, u64 start, u64 end)
{
	u64 addr;

	if (!kexec_fit(&s->hole, start, end, s->busy, s->nr_busy, &addr))
		return;
	if (!s->found || (s->hole.top_down ? addr > s->best : addr < s->best))
		s->best = addr;
	s->found = true;
}

static int try_ram(struct resource *res, void *arg)
{
	try_range(arg, phys_to_boot_phys(res->start),
		  phys_to_boot_phys(res->end));
	return 0;
}

static void init_search(struct hole_search *s, const struct kexec_buf *kbuf)
{
	const struct kimage *image = kbuf->image;
	unsigned long i;

	s->hole = (struct kexec_hole) {
		.size = kbuf->memsz,
		.align = kbuf->buf_align,
		.min = kbuf->buf_min,
		.max = kbuf->buf_max,
		.top_down = kbuf->top_down,
	};
	for (i = 0; i < image->nr_segments; i++)
		add_busy(s, image->segment[i].mem, image->segment[i].memsz);
	if (image->type == KEXEC_TYPE_CRASH)
		return;
	add_busy(s, phys_to_boot_phys(crashk_res.start),
		 resource_size(&crashk_res) * !!crashk_res.end);
	add_busy(s, phys_to_boot_phys(crashk_low_res.start),
		 resource_size(&crashk_low_res) * !!crashk_low_res.end);
}

/**
 * kexec_locate_mem_hole() - choose the destination of a buffer
 * @kbuf: the buffer; ->memsz and ->buf_align already page multiples
 *
 * A buffer whose ->mem is already set (not KEXEC_BUF_MEM_UNKNOWN) keeps it.
 *
 * Context: process context; the image is not installed yet.
 * Return: 0 with ->mem set; -EADDRNOTAVAIL if nothing fits (for a crash
 * image: no crash region, or no room left in it).
 */
int kexec_locate_mem_hole(struct kexec_buf *kbuf)
{
	struct hole_search *s;
	int ret = -EADDRNOTAVAIL;

	if (kbuf->mem != KEXEC_BUF_MEM_UNKNOWN)
		return 0;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	init_search(s, kbuf);
	if (kbuf->image->type != KEXEC_TYPE_CRASH)
		walk_system_ram_res(0, ULONG_MAX, s, try_ram);
	else if (crashk_res.end)
		try_range(s, phys_to_boot_phys(crashk_res.start),
			  phys_to_boot_phys(crashk_res.end));
	if (s->found) {
		kbuf->mem = s->best;
		ret = 0;
	}
	kfree(s);
	return ret;
}

static bool kbuf_table_full(const struct kexec_buf *kbuf)
{
	return kbuf->image->nr_segments >= KEXEC_SEGMENT_MAX;
}

static bool kbuf_sizes_wrong(const struct kexec_buf *kbuf)
{
	return !kbuf->memsz || kbuf->bufsz > kbuf->memsz;
}

static bool kbuf_align_wrong(const struct kexec_buf *kbuf)
{
	return !is_power_of_2(kbuf->buf_align);
}

/* What a loader may ask of kexec_add_buffer(), first broken rule first. */
static const struct {
	bool (*broken)(const struct kexec_buf *kbuf);
	const char *why;
} kbuf_rules[] = {
	{ kbuf_table_full, "the segment table is full" },
	{ kbuf_sizes_wrong, "no memory, or less memory than buffer" },
	{ kbuf_align_wrong, "alignment not a power of two" },
};

/**
 * kexec_judge_kbuf() - the first rule a buffer to place breaks
 * @kbuf: the buffer, its ->memsz and ->buf_align already rounded to pages
 *
 * Context: any.
 * Return: what is wrong with @kbuf, or NULL if nothing is.
 */
const char *kexec_judge_kbuf(const struct kexec_buf *kbuf)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kbuf_rules); i++)
		if (kbuf_rules[i].broken(kbuf))
			return kbuf_rules[i].why;
	return NULL;
}

static int check_kbuf(const struct kexec_buf *kbuf)
{
	const char *why = kexec_judge_kbuf(kbuf);

	if (!why)
		return 0;
	pr_warn("refused: %s (segment %lu, %lu bytes in %lu, alignment %#lx)\n",
		why, kbuf->image->nr_segments, kbuf->bufsz, kbuf->memsz,
		kbuf->buf_align);
	return -EINVAL;
}

/**
 * kexec_add_buffer() - place a buffer and add it to the image's segments
 * @kbuf: the buffer: ->image, ->buffer (kernel memory, valid until the
 *	  image is committed), ->bufsz, ->memsz, ->buf_align, ->buf_min,
 *	  ->buf_max, ->top_down; ->mem as for kexec_locate_mem_hole()
 *
 * Rounds ->memsz up to whole pages and ->buf_align up to a page, then
 * places the buffer with arch_kexec_locate_mem_hole(): that is
 * kexec_locate_mem_hole() unless the architecture (ppc64) also avoids
 * memory of its own.  Bytes from ->bufsz to ->memsz will be zero.
 *
 * Context: process context, may sleep; the image is not installed yet.
 * Return: 0 with ->mem set; -EINVAL for a full segment table, an empty
 * buffer, one larger than its memory or an alignment that is not a power
 * of two; -EADDRNOTAVAIL if nothing fits; -ENOMEM.
 */
int kexec_add_buffer(struct kexec_buf *kbuf)
{
	struct kexec_segment *seg;
	int ret;

	kbuf->memsz = ALIGN(kbuf->memsz, PAGE_SIZE);
	kbuf->buf_align = max(kbuf->buf_align, PAGE_SIZE);
	ret = check_kbuf(kbuf);
	if (ret)
		return ret;
	ret = arch_kexec_locate_mem_hole(kbuf);
	if (ret == -EADDRNOTAVAIL)
		pr_warn("refused: no room for %lu bytes in %s\n", kbuf->memsz,
			kbuf->image->type == KEXEC_TYPE_CRASH ?
			"the crash kernel region" : "RAM");
	if (ret)
		return ret;
	seg = &kbuf->image->segment[kbuf->image->nr_segments++];
	seg->kbuf = kbuf->buffer;
	seg->bufsz = kbuf->bufsz;
	seg->mem = kbuf->mem;
	seg->memsz = kbuf->memsz;
	return 0;
}

/**
 * kexec_add_copy() - place a copy of a buffer as high as it fits
 * @image:	the image being loaded
 * @buf:	the bytes (kernel memory, valid until the image is committed)
 * @len:	their length; the memory is as long, rounded up to pages
 * @align:	the alignment, at least a page
 * @min:	the lowest address the copy may use
 * @max:	the highest address it may use
 * @mem:	set to where the copy goes, or KEXEC_BUF_MEM_UNKNOWN
 *
 * What the loaders place beside the kernel (an initrd, boot parameters,
 * a device tree, an ELF core header) is a copy of a buffer, top-down in a
 * window; this is kexec_add_buffer() for that common case.
 *
 * Context: process context, may sleep; the image is not installed yet.
 * Return: as kexec_add_buffer().
 */
int kexec_add_copy(struct kimage *image, void *buf, unsigned long len,
		   unsigned long align, unsigned long min, unsigned long max,
		   unsigned long *mem)
{
	struct kexec_buf kbuf = {
		.image = image,
		.buffer = buf,
		.bufsz = len,
		.memsz = len,
		.buf_align = align,
		.buf_min = min,
		.buf_max = max,
		.top_down = true,
		.mem = KEXEC_BUF_MEM_UNKNOWN,
	};
	int ret = kexec_add_buffer(&kbuf);

	*mem = kbuf.mem;
	return ret;
}
