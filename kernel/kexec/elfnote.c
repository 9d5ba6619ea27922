// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: ELF notes
 *
 * The crash notes and the VMCOREINFO note share one layout, the ELF note
 * of the ELF specification: a struct elf_note header (namesz, descsz,
 * type), then the name with its NUL, then the descriptor, each padded to
 * a multiple of four bytes.  A sequence of notes ends with a header of
 * zeros, which is how the capture kernel finds the real length of a note
 * buffer whose program header gives only its capacity.
 */
#include <linux/crash_core.h>
#include <linux/elf.h>
#include <linux/string.h>

static u32 *put_padded(u32 *buf, const void *data, size_t len)
{
	size_t words = DIV_ROUND_UP(len, sizeof(u32));

	if (words)
		buf[words - 1] = 0;	/* the padding */
	memcpy(buf, data, len);
	return buf + words;
}

/**
 * append_elf_note() - write one ELF note
 * @buf:	where the note starts; four-byte aligned, with room for
 *		the header, the padded name and the padded descriptor
 * @name:	the note's name, NUL terminated
 * @type:	the note's type
 * @data:	the descriptor
 * @data_len:	its length in bytes
 *
 * Context: any, including the crash path: writes @buf only.
 * Return: the word just past the note.
 */
u32 *append_elf_note(u32 *buf, char *name, unsigned int type,
		     void *data, size_t data_len)
{
	struct elf_note head = {
		.n_namesz = strlen(name) + 1,
		.n_descsz = data_len,
		.n_type = type,
	};

	buf = put_padded(buf, &head, sizeof(head));
	buf = put_padded(buf, name, head.n_namesz);
	return put_padded(buf, data, data_len);
}

/**
 * final_note() - terminate a sequence of ELF notes
 * @buf: the word after the last note
 *
 * Context: any, including the crash path.
 */
void final_note(u32 *buf)
{
	memset(buf, 0, sizeof(struct elf_note));
}
