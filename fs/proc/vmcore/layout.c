// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: layout of the /proc/vmcore file
 *
 * The file is an ELF core file of the same class as the header it was
 * built from, laid out as::
 *
 *   +-------------+----------------------------+--------------+---------+
 *   | ELF header  | PT_NOTE, PT_LOAD, PT_LOAD..| merged notes | padding |  head
 *   +-------------+----------------------------+--------------+---------+
 *   | pages of the first PT_LOAD | pages of the second PT_LOAD | ...       chunks
 *   +----------------------------+-----------------------------+------
 *
 * The head lives in one vmalloc_user() buffer padded to a page boundary,
 * so it can be read and mmap()ed directly.  Program headers other than
 * PT_NOTE and PT_LOAD are dropped, and section headers are never emitted.
 *
 * Each PT_LOAD contributes a chunk: the whole pages covering
 * [p_offset, p_offset + p_memsz) of physical memory, placed back to back in
 * program header order.  Its new p_offset points into the chunk at the
 * same offset within a page as the physical address, which is what lets
 * tools mmap() the data at page-aligned file offsets.  All other fields of
 * a PT_LOAD, p_paddr and p_vaddr included, are passed on unchanged.
 *
 * Invariants: chunks are sorted by file offset, non-empty, page aligned,
 * contiguous, and together cover [head_size, size) exactly.  A field
 * that does not fit the class (an ELF32 file past 4 GiB) fails the build
 * rather than being truncated.
 *
 * Growing the notes (a device dump, see devdump.c) builds a new image
 * from the old one: the notes gain room at their end, the head grows by
 * whole pages, and every PT_LOAD and chunk moves down by that many
 * pages.  The old image is left untouched, so the caller decides when the
 * new one replaces it.
 */

#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "internal.h"

struct vmcore_layout {
	const struct vmcore_hdr *in;
	struct vmcore_image *img;
	unsigned int phnum;
};

static bool put_ehdr(const struct vmcore_layout *l)
{
	const struct vmcore_elf_class *c = l->in->cls;
	void *eh = l->img->head;

	memcpy(eh, l->in->buf, c->ehdr_size);
	return vmcore_ehdr_put(c, eh, VMCORE_E_PHOFF, c->ehdr_size) &&
	       vmcore_ehdr_put(c, eh, VMCORE_E_PHNUM, l->phnum) &&
	       vmcore_ehdr_put(c, eh, VMCORE_E_PHENTSIZE, c->phdr_size) &&
	       vmcore_ehdr_put(c, eh, VMCORE_E_EHSIZE, c->ehdr_size) &&
	       vmcore_ehdr_put(c, eh, VMCORE_E_SHOFF, 0) &&
	       vmcore_ehdr_put(c, eh, VMCORE_E_SHENTSIZE, 0) &&
	       vmcore_ehdr_put(c, eh, VMCORE_E_SHNUM, 0) &&
	       vmcore_ehdr_put(c, eh, VMCORE_E_SHSTRNDX, 0);
}

/* Program header @i of the file: 0 is the PT_NOTE, the rest PT_LOADs. */
static void *image_phdr(const struct vmcore_image *img, unsigned int i)
{
	const struct vmcore_elf_class *c = img->cls;

	return img->head + c->ehdr_size + (size_t)i * c->phdr_size;
}

static bool put_notes_size(const struct vmcore_elf_class *c, void *ph,
			   size_t size)
{
	return vmcore_phdr_put(c, ph, VMCORE_P_FILESZ, size) &&
	       vmcore_phdr_put(c, ph, VMCORE_P_MEMSZ, size);
}

static bool put_note_phdr(const struct vmcore_layout *l)
{
	const struct vmcore_elf_class *c = l->in->cls;
	void *ph = image_phdr(l->img, 0);

	/* vmalloc_user() zeroed the rest: no address, flags or alignment. */
	return vmcore_phdr_put(c, ph, VMCORE_P_TYPE, PT_NOTE) &&
	       vmcore_phdr_put(c, ph, VMCORE_P_OFFSET, l->img->notes_off) &&
	       put_notes_size(c, ph, l->img->notes_size);
}

static bool place_load(const struct vmcore_layout *l, void *out,
		       const void *in)
{
	const struct vmcore_elf_class *c = l->in->cls;
	struct vmcore_image *img = l->img;
	u64 start = vmcore_phdr_get(c, in, VMCORE_P_OFFSET);
	u64 span = vmcore_load_span(start,
				    vmcore_phdr_get(c, in, VMCORE_P_MEMSZ));
	u64 base = round_down(start, PAGE_SIZE);

	memcpy(out, in, c->phdr_size);
	if (!vmcore_phdr_put(c, out, VMCORE_P_OFFSET,
			     img->size + (start - base)))
		return false;
	if (span) {
		img->chunks[img->nr_chunks++] = (struct vmcore_chunk){
			.file_off = img->size, .paddr = base, .size = span };
	}
	img->size += span;
	return true;
}

static bool place_loads(const struct vmcore_layout *l)
{
	const struct vmcore_hdr *h = l->in;
	unsigned int i, out = 1;

	for (i = 0; i < h->phnum; i++) {
		const void *ph = vmcore_hdr_phdr(h, i);

		if (vmcore_phdr_get(h->cls, ph, VMCORE_P_TYPE) != PT_LOAD)
			continue;
		if (!place_load(l, image_phdr(l->img, out++), ph))
			return false;
	}
	return true;
}

static int fill_head(const struct vmcore_layout *l, const void *notes,
		     const char **why)
{
	memcpy(l->img->head + l->img->notes_off, notes, l->img->notes_size);
	l->img->size = l->img->head_size;
	if (put_ehdr(l) && put_note_phdr(l) && place_loads(l))
		return 0;
	*why = "offsets do not fit the header's ELF class";
	return -EOVERFLOW;
}

/**
 * vmcore_layout_build() - lay out the file for a validated header
 * @img: filled in; release with vmcore_layout_free()
 * @h: header that passed vmcore_check_phdrs()
 * @notes: merged notes, see vmcore_notes_collect()
 * @notes_size: their length
 * @why: set to what is wrong on error
 *
 * Context: Process context; may sleep.
 * Return: 0; -ENOMEM if out of memory; -E2BIG if the output would need
 * extended program header numbering; -EOVERFLOW if an ELF32 file would
 * need offsets past 4 GiB.
 */
int vmcore_layout_build(struct vmcore_image *img, const struct vmcore_hdr *h,
			const void *notes, size_t notes_size,
			const char **why)
{
	unsigned int loads = vmcore_hdr_count(h, PT_LOAD);
	struct vmcore_layout l = { .in = h, .img = img, .phnum = loads + 1 };
	int err = -ENOMEM;

	*img = (struct vmcore_image){ .cls = h->cls,
				     .notes_size = notes_size };
	*why = "too many program headers";
	if (l.phnum > VMCORE_PHNUM_MAX)
		return -E2BIG;
	img->notes_off = h->cls->ehdr_size + (size_t)l.phnum * h->cls->phdr_size;
	img->head_size = PAGE_ALIGN(img->notes_off + notes_size);
	*why = "out of memory for the file layout";
	img->head = vmalloc_user(img->head_size);
	if (!img->head)
		return err;
	img->chunks = kvcalloc(loads, sizeof(*img->chunks), GFP_KERNEL);
	if (!img->chunks)
		goto free_head;
	err = fill_head(&l, notes, why);
	if (err)
		goto free_chunks;
	*why = "out of memory for the file layout";
	err = vmcore_index_build(img);
	if (err)
		goto free_chunks;
	return 0;

free_chunks:
	kvfree(img->chunks);
free_head:
	vfree(img->head);
	*img = (struct vmcore_image){};
	return err;
}

/* Move every PT_LOAD and chunk @delta bytes further into the file. */
static bool shift_loads(struct vmcore_image *img, u64 delta)
{
	const struct vmcore_elf_class *c = img->cls;
	unsigned int i, phnum = vmcore_ehdr_get(c, img->head, VMCORE_E_PHNUM);

	for (i = 1; i < phnum; i++) {
		void *ph = image_phdr(img, i);
		u64 off = vmcore_phdr_get(c, ph, VMCORE_P_OFFSET);

		if (!vmcore_phdr_put(c, ph, VMCORE_P_OFFSET, off + delta))
			return false;
	}
	for (i = 0; i < img->nr_chunks; i++)
		img->chunks[i].file_off += delta;
	img->size += delta;
	return true;
}

/* Sizes of @in with @extra more bytes of notes; false if they overflow. */
static bool grown_sizes(const struct vmcore_image *in, size_t extra,
			size_t *notes_size, size_t *head_size)
{
	size_t end;

	if (check_add_overflow(in->notes_size, extra, notes_size) ||
	    check_add_overflow(in->notes_off, *notes_size, &end) ||
	    end > SIZE_MAX - PAGE_SIZE)
		return false;
	*head_size = PAGE_ALIGN(end);
	return in->size <= (u64)MAX_LFS_FILESIZE - (*head_size - in->head_size);
}

static int copy_image(struct vmcore_image *out, const struct vmcore_image *in,
		      size_t head_size)
{
	*out = *in;
	out->index = NULL;
	out->nr_index = 0;
	out->head_size = head_size;
	out->head = vmalloc_user(head_size);
	out->chunks = kvmalloc_array(in->nr_chunks, sizeof(*in->chunks),
				     GFP_KERNEL);
	if (!out->head || !out->chunks) {
		vmcore_layout_free(out);
		return -ENOMEM;
	}
	memcpy(out->chunks, in->chunks, in->nr_chunks * sizeof(*in->chunks));
	memcpy(out->head, in->head, in->notes_off + in->notes_size);
	return 0;
}

/**
 * vmcore_layout_grow_notes() - a copy of an image with room for more notes
 * @out: filled in; release with vmcore_layout_free(); empty on error
 * @in: the image to copy; left unchanged
 * @extra: bytes to add at the end of the notes, a multiple of 4
 * @room: set to the first of them, inside @out's head; they are zeroed
 * @why: set to what is wrong on error
 *
 * Context: Process context; may sleep.
 * Return: 0; -EINVAL if @extra is not a multiple of 4; -ENOMEM if out of
 * memory; -EOVERFLOW if the file would outgrow its ELF class or the
 * largest file size.
 */
int vmcore_layout_grow_notes(struct vmcore_image *out,
			     const struct vmcore_image *in, size_t extra,
			     void **room, const char **why)
{
	size_t notes_size, head_size;
	int err;

	*out = (struct vmcore_image){};
	*why = "a note must be a multiple of 4 bytes long";
	if (!IS_ALIGNED(extra, 4))
		return -EINVAL;
	*why = "the notes would outgrow the file";
	if (!grown_sizes(in, extra, &notes_size, &head_size))
		return -EOVERFLOW;
	*why = "out of memory for the grown file";
	err = copy_image(out, in, head_size);
	if (err)
		return err;
	out->notes_size = notes_size;
	*why = "offsets do not fit the file's ELF class";
	if (!put_notes_size(out->cls, image_phdr(out, 0), notes_size) ||
	    !shift_loads(out, head_size - in->head_size)) {
		vmcore_layout_free(out);
		return -EOVERFLOW;
	}
	*why = "out of memory for the grown file";
	err = vmcore_index_build(out);
	if (err) {
		vmcore_layout_free(out);
		return err;
	}
	*room = out->head + in->notes_off + in->notes_size;
	return 0;
}

/**
 * vmcore_layout_free() - release what vmcore_layout_build() allocated
 * @img: the layout; left empty
 *
 * Pages of the head that user space still has mapped stay alive until
 * they are unmapped.
 *
 * Context: Process context; may sleep.  No reader of @img may remain.
 * Return: nothing.
 */
void vmcore_layout_free(struct vmcore_image *img)
{
	kvfree(img->index);
	kvfree(img->chunks);
	vfree(img->head);
	*img = (struct vmcore_image){};
}
