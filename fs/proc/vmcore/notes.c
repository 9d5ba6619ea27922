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
 * crash_save_cpu() and kexec-tools leave), or when less than a note
 * header is left.  A note whose padded name and descriptor would run past
 * the end of its segment makes the whole header invalid.  Sizes are
 * computed in 64 bits, so no n_namesz or n_descsz value can wrap them.
 * The ELF32 and ELF64 note headers have the same layout (three 32-bit
 * words), so this file needs no class accessors.
 */

#include <linux/crash_dump.h>
#include <linux/elf.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "internal.h"

#define VMCORE_NHDR_SIZE	sizeof(struct elf64_note)

static_assert(sizeof(struct elf32_note) == sizeof(struct elf64_note));

static u64 note_bytes(const struct elf64_note *n)
{
	u64 name = get_unaligned(&n->n_namesz);
	u64 desc = get_unaligned(&n->n_descsz);

	return VMCORE_NHDR_SIZE + ALIGN(name, 4) + ALIGN(desc, 4);
}

/**
 * vmcore_note_seg_size() - measure the notes in one PT_NOTE segment
 * @seg: the segment's bytes
 * @len: its p_memsz
 * @why: set to what is wrong on error
 *
 * Context: Any context.
 * Return: bytes of notes before the terminator (0 for an empty buffer), or
 * -EINVAL if a note does not fit in the segment.
 */
ssize_t vmcore_note_seg_size(const void *seg, size_t len, const char **why)
{
	size_t pos = 0;
	u64 size;

	while (len - pos >= VMCORE_NHDR_SIZE) {
		const struct elf64_note *n = seg + pos;

		if (!get_unaligned(&n->n_namesz))
			break;
		size = note_bytes(n);
		if (size > len - pos) {
			*why = "note runs past the end of its PT_NOTE segment";
			return -EINVAL;
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
 * @why: set to what is wrong on error
 *
 * Context: Any context.
 * Return: length of the merged notes at the start of @buf, or -EINVAL if
 * a segment holds a note that does not fit (see vmcore_note_seg_size()).
 */
ssize_t vmcore_notes_merge(void *buf, const size_t *seg_len, unsigned int nr,
			   const char **why)
{
	size_t in = 0, out = 0;
	unsigned int i;
	ssize_t real;

	for (i = 0; i < nr; i++) {
		real = vmcore_note_seg_size(buf + in, seg_len[i], why);
		if (real < 0)
			return real;
		memmove(buf + out, buf + in, real);
		out += real;
		in += seg_len[i];
	}
	return out;
}

static int read_note_segments(const struct vmcore_hdr *h, void *buf,
			      size_t *seg_len, const char **why)
{
	unsigned int i, n = 0;
	size_t off = 0;

	for (i = 0; i < h->phnum; i++) {
		const void *ph = vmcore_hdr_phdr(h, i);
		u64 pa = vmcore_phdr_get(h->cls, ph, VMCORE_P_OFFSET);
		size_t len = vmcore_phdr_get(h->cls, ph, VMCORE_P_MEMSZ);

		if (vmcore_phdr_get(h->cls, ph, VMCORE_P_TYPE) != PT_NOTE)
			continue;
		if (len && elfcorehdr_read_notes(buf + off, len, &pa) != len) {
			*why = "cannot read a PT_NOTE segment";
			return -EIO;
		}
		seg_len[n++] = len;
		off += len;
	}
	return 0;
}

static size_t note_segments_size(const struct vmcore_hdr *h)
{
	size_t total = 0;
	unsigned int i;

	for (i = 0; i < h->phnum; i++) {
		const void *ph = vmcore_hdr_phdr(h, i);

		if (vmcore_phdr_get(h->cls, ph, VMCORE_P_TYPE) == PT_NOTE)
			total += vmcore_phdr_get(h->cls, ph, VMCORE_P_MEMSZ);
	}
	return total;
}

/**
 * vmcore_notes_collect() - read and merge every PT_NOTE of the header
 * @h: header that passed vmcore_check_phdrs()
 * @notes: set to a kvmalloc()ed buffer holding the merged notes; the
 *         caller frees it with kvfree()
 * @size: set to the merged notes' length
 * @why: set to what is wrong on error
 *
 * Context: Process context; may sleep.
 * Return: 0; -ENOMEM if out of memory; -EIO if old memory could not be
 * read; -EINVAL if a note does not fit in its segment.
 */
int vmcore_notes_collect(const struct vmcore_hdr *h, void **notes,
			 size_t *size, const char **why)
{
	unsigned int nr = vmcore_hdr_count(h, PT_NOTE);
	size_t *seg_len;
	ssize_t merged;
	void *buf;
	int err;

	*why = "out of memory for notes";
	seg_len = kcalloc(nr, sizeof(*seg_len), GFP_KERNEL);
	if (!seg_len)
		return -ENOMEM;
	err = -ENOMEM;
	buf = kvmalloc(note_segments_size(h), GFP_KERNEL);
	if (!buf)
		goto free_seg_len;
	err = read_note_segments(h, buf, seg_len, why);
	if (err)
		goto free_buf;
	merged = vmcore_notes_merge(buf, seg_len, nr, why);
	err = merged < 0 ? merged : 0;
	if (err)
		goto free_buf;
	kfree(seg_len);
	*notes = buf;
	*size = merged;
	*why = NULL;
	return 0;

free_buf:
	kvfree(buf);
free_seg_len:
	kfree(seg_len);
	return err;
}
