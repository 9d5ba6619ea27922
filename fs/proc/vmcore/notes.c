// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: merging the crashed kernel's ELF notes
 *
 * The header lists one PT_NOTE per possible CPU (its crash_notes buffer)
 * and one for VMCOREINFO.  A PT_NOTE's p_memsz is the size of the buffer
 * the producer set aside, not of the notes the crashed kernel wrote into
 * it; CPUs that never saved their registers leave a buffer of zeros.
 * /proc/vmcore shows a single PT_NOTE holding every real note, back to
 * back, with the exact total as its size.
 *
 * Model: all PT_NOTE segments are read from old memory into one buffer,
 * in program header order.  Each segment is then walked note by note to
 * measure what it really holds, and the measured part is slid down over
 * the unused tails of the segments before it, so the buffer ends up as
 * the merged note section.
 *
 * A walk ends at a note whose n_namesz is zero (the terminator that
 * crash_save_cpu() and kexec-tools leave), when less than a note header
 * is left, or at a note whose padded name and descriptor would run past
 * the end of its segment.  Such a note, and whatever follows it in that
 * segment, is dropped with a warning: after a crash that corrupted
 * memory a CPU's note buffer can hold garbage, and the rest of the dump
 * is still worth having.  A PT_NOTE that cannot be read is dropped the
 * same way, and one that reaches the capture kernel's own memory is read
 * only up to it.  Sizes are computed in 64 bits, so no n_namesz or n_descsz
 * value can wrap them.  The ELF32 and ELF64 note headers have the same
 * layout (three 32-bit words), so this file needs no class accessors.
 */

#define pr_fmt(fmt) "vmcore: " fmt

#include <linux/crash_dump.h>
#include <linux/elf.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "internal.h"

#define VMCORE_NHDR_SIZE	sizeof(struct elf64_note)

static_assert(sizeof(struct elf32_note) == sizeof(struct elf64_note));

/*
 * A note's header words, read at byte offsets: a note in a crashed
 * kernel's buffer need not be aligned, and even forming a pointer to a
 * member of a misaligned struct is undefined behaviour.
 */
static u32 note_word(const void *note, size_t off)
{
	return get_unaligned((const u32 *)(note + off));
}

static u64 note_bytes(const void *n)
{
	u64 name = note_word(n, offsetof(struct elf64_note, n_namesz));
	u64 desc = note_word(n, offsetof(struct elf64_note, n_descsz));

	return VMCORE_NHDR_SIZE + ALIGN(name, 4) + ALIGN(desc, 4);
}

/**
 * vmcore_note_seg_size() - measure the notes in one PT_NOTE segment
 * @seg: the segment's bytes
 * @len: its length
 * @why: set to why the walk stopped early, or NULL if it did not
 *
 * Context: Any context.
 * Return: bytes of notes before the terminator (0 for an empty buffer), or
 * before the first note that does not fit in the segment.
 */
size_t vmcore_note_seg_size(const void *seg, size_t len, const char **why)
{
	size_t pos = 0;
	u64 size;

	*why = NULL;
	while (len - pos >= VMCORE_NHDR_SIZE) {
		const void *n = seg + pos;

		if (!note_word(n, offsetof(struct elf64_note, n_namesz)))
			break;
		size = note_bytes(n);
		if (size > len - pos) {
			*why = "note runs past the end of its PT_NOTE";
			break;
		}
		pos += size;
	}
	return pos;
}

/**
 * vmcore_notes_merge() - compact PT_NOTE segments into one note section
 * @buf: the segments, back to back; rewritten in place
 * @seg_len: length of each segment in @buf
 * @nr: number of segments
 * @why: @nr entries, each set as vmcore_note_seg_size() sets it
 *
 * Context: Any context.
 * Return: length of the merged notes at the start of @buf.
 */
size_t vmcore_notes_merge(void *buf, const size_t *seg_len, unsigned int nr,
			  const char **why)
{
	size_t in = 0, out = 0, real;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		real = vmcore_note_seg_size(buf + in, seg_len[i], &why[i]);
		memmove(buf + out, buf + in, real);
		out += real;
		in += seg_len[i];
	}
	return out;
}

/*
 * Bytes of the PT_NOTE @ph, at @pa, that are read: those before the
 * capture kernel's own memory, which a damaged header may reach.
 */
static size_t note_read_len(const struct vmcore_hdr *h, const void *ph,
			    u64 pa)
{
	size_t len = vmcore_note_len(h, ph);

	if (!h->own_ram_start || !len)
		return len;
	return h->own_ram_start(pa, pa + len) - pa;
}

/*
 * Read every PT_NOTE into @buf, back to back; @phdr[n] is the program
 * header of the n-th.  One that cannot be read gets length 0.
 */
static void read_note_segments(const struct vmcore_hdr *h, void *buf,
			       size_t *seg_len, unsigned int *phdr)
{
	unsigned int i, n = 0;
	size_t off = 0;

	for (i = 0; i < h->phnum; i++) {
		const void *ph = vmcore_hdr_phdr(h, i);
		u64 pa = vmcore_phdr_get(h->cls, ph, VMCORE_P_OFFSET);
		size_t len;

		if (vmcore_phdr_get(h->cls, ph, VMCORE_P_TYPE) != PT_NOTE)
			continue;
		len = note_read_len(h, ph, pa);
		if (len && elfcorehdr_read_notes(buf + off, len, &pa) != len) {
			pr_warn("ELF core header: program header %u: cannot read the PT_NOTE; dropped\n",
				i);
			len = 0;
		}
		phdr[n] = i;
		seg_len[n++] = len;
		off += len;
	}
}

static size_t note_segments_size(const struct vmcore_hdr *h)
{
	size_t total = 0;
	unsigned int i;

	for (i = 0; i < h->phnum; i++) {
		const void *ph = vmcore_hdr_phdr(h, i);

		if (vmcore_phdr_get(h->cls, ph, VMCORE_P_TYPE) == PT_NOTE)
			total += vmcore_note_len(h, ph);
	}
	return total;
}

/**
 * struct vmcore_note_walk - per-segment bookkeeping of one merge
 * @len: bytes read from each PT_NOTE
 * @phdr: program header index of each
 * @why: why each one's walk stopped early, or NULL
 */
struct vmcore_note_walk {
	size_t *len;
	unsigned int *phdr;
	const char **why;
};

static void free_walk(struct vmcore_note_walk *w)
{
	kfree(w->len);
	kfree(w->phdr);
	kfree(w->why);
}

static int alloc_walk(struct vmcore_note_walk *w, unsigned int nr)
{
	w->len = kcalloc(nr, sizeof(*w->len), GFP_KERNEL);
	w->phdr = kcalloc(nr, sizeof(*w->phdr), GFP_KERNEL);
	w->why = kcalloc(nr, sizeof(*w->why), GFP_KERNEL);
	if (w->len && w->phdr && w->why)
		return 0;
	free_walk(w);
	return -ENOMEM;
}

static void report_cut_notes(const struct vmcore_note_walk *w,
			     unsigned int nr)
{
	unsigned int n;

	for (n = 0; n < nr; n++)
		if (w->why[n])
			pr_warn("ELF core header: program header %u: %s; it and the rest of the segment dropped\n",
				w->phdr[n], w->why[n]);
}

/**
 * vmcore_notes_collect() - read and merge every PT_NOTE of the header
 * @h: header that passed vmcore_check_phdrs()
 * @notes: set to a kvmalloc()ed buffer holding the merged notes; the
 *         caller frees it with kvfree()
 * @size: set to the merged notes' length
 * @why: set to what is wrong on error
 *
 * Notes that do not fit and PT_NOTEs that cannot be read are dropped, each
 * with a warning; they do not fail the collection.
 *
 * Context: Process context; may sleep.
 * Return: 0, or -ENOMEM if out of memory.
 */
int vmcore_notes_collect(const struct vmcore_hdr *h, void **notes,
			 size_t *size, const char **why)
{
	unsigned int nr = vmcore_hdr_count(h, PT_NOTE);
	struct vmcore_note_walk w;
	void *buf;

	*why = "out of memory for notes";
	if (alloc_walk(&w, nr ?: 1))
		return -ENOMEM;
	buf = kvmalloc(note_segments_size(h) ?: 1, GFP_KERNEL);
	if (!buf) {
		free_walk(&w);
		return -ENOMEM;
	}
	read_note_segments(h, buf, w.len, w.phdr);
	*size = vmcore_notes_merge(buf, w.len, nr, w.why);
	report_cut_notes(&w, nr);
	free_walk(&w);
	*notes = buf;
	*why = NULL;
	return 0;
}
