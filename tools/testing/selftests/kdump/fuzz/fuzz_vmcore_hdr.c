// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_vmcore_hdr - libFuzzer harness for the ELF core header rules, the
 * note merge and the file layout of /proc/vmcore (fs/proc/vmcore/
 * elfcorehdr.c, elfclass.c, notes.c, layout.c, built unmodified against
 * shim/).
 *
 * The input is an ELF core header and, at the same time, the crashed
 * kernel's memory: it sits at physical address FUZZ_OLDMEM_BASE, so the
 * PT_NOTEs it lists are read from its own bytes.  The header is loaded as
 * fs/proc/vmcore/init.c loads it (elfcorehdr_size being the input's size),
 * then notes are merged and the file laid out.  Every result is checked
 * against a model computed here from the input alone; any disagreement
 * calls abort(), so libFuzzer reports it with the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/crash_dump.h>
#include <linux/slab.h>

#include "internal.h"

#define CHECK(cond)	do { if (!(cond)) abort(); } while (0)

/* Fields of an ELF or program header, whatever the class. */
struct eh {
	u8 ident[EI_NIDENT];
	u64 type, machine, version, entry, phoff, shoff, flags;
	u64 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct ph {
	u64 type, flags, offset, vaddr, paddr, filesz, memsz, align;
};

/* What the salvage callback saw, for one input. */
static struct {
	unsigned long calls;
	unsigned int drops;
	unsigned int drop[PN_XNUM];	/* program headers dropped */
	bool dropped[PN_XNUM];		/* the same, by index */
	unsigned int owns;
	unsigned int own[PN_XNUM];	/* said to reach own memory */
	bool owned[PN_XNUM];		/* the same, by index */
} salvage;

#define OWN_RAM_SAID	"reaches the capture kernel's own memory"

/* One accepted header, and the model of its file. */
struct model {
	const u8 *in;
	size_t in_size;
	struct vmcore_hdr *h;
	bool is64;
	size_t ehsz;
	size_t phsz;
	unsigned int nload;
	u64 *load_off;		/* p_offset of each output PT_LOAD */
	u64 size;		/* expected file size */
	size_t head_size;
	size_t notes_off;
};

/* read_eh64() and read_eh32(): an ELF header of each class, widened. */
#define DEFINE_READ_EH(bits)						\
static void read_eh##bits(const void *p, struct eh *o)			\
{									\
	Elf##bits##_Ehdr e;						\
									\
	memcpy(&e, p, sizeof(e));					\
	*o = (struct eh){ .type = e.e_type, .machine = e.e_machine,	\
		.version = e.e_version, .entry = e.e_entry,		\
		.phoff = e.e_phoff, .shoff = e.e_shoff,			\
		.flags = e.e_flags, .ehsize = e.e_ehsize,		\
		.phentsize = e.e_phentsize, .phnum = e.e_phnum,		\
		.shentsize = e.e_shentsize, .shnum = e.e_shnum,		\
		.shstrndx = e.e_shstrndx };				\
	memcpy(o->ident, e.e_ident, EI_NIDENT);				\
}

DEFINE_READ_EH(64)
DEFINE_READ_EH(32)

static void read_eh(bool is64, const void *p, struct eh *o)
{
	if (is64)
		read_eh64(p, o);
	else
		read_eh32(p, o);
}

static void read_ph(bool is64, const void *p, struct ph *o)
{
	Elf64_Phdr p64;
	Elf32_Phdr p32;

	if (is64) {
		memcpy(&p64, p, sizeof(p64));
		*o = (struct ph){ p64.p_type, p64.p_flags, p64.p_offset,
				  p64.p_vaddr, p64.p_paddr, p64.p_filesz,
				  p64.p_memsz, p64.p_align };
		return;
	}
	memcpy(&p32, p, sizeof(p32));
	*o = (struct ph){ p32.p_type, p32.p_flags, p32.p_offset,
			  p32.p_vaddr, p32.p_paddr, p32.p_filesz,
			  p32.p_memsz, p32.p_align };
}

static void model_ph(const struct model *m, const u8 *tab, unsigned int i,
		     struct ph *o)
{
	read_ph(m->is64, tab + m->h->phoff + (size_t)i * m->phsz, o);
}

static void count_salvage(const struct vmcore_hdr *h, int phdr,
			  const char *why, enum vmcore_verdict verdict)
{
	CHECK(why && phdr >= -1 && phdr < (int)h->phnum);
	CHECK(verdict == VMCORE_DROP || verdict == VMCORE_KEEP);
	CHECK(verdict == VMCORE_KEEP || phdr >= 0);
	salvage.calls++;
	if (strstr(why, OWN_RAM_SAID)) {
		CHECK(verdict == VMCORE_KEEP && phdr >= 0);
		CHECK(!salvage.owned[phdr]);
		salvage.owned[phdr] = true;
		salvage.own[salvage.owns++] = phdr;
	}
	if (verdict != VMCORE_DROP)
		return;
	CHECK(!salvage.dropped[phdr]);
	salvage.dropped[phdr] = true;
	salvage.drop[salvage.drops++] = phdr;
}

static void salvage_reset(void)
{
	while (salvage.drops)
		salvage.dropped[salvage.drop[--salvage.drops]] = false;
	while (salvage.owns)
		salvage.owned[salvage.own[--salvage.owns]] = false;
	salvage.calls = 0;
}

/* --- the rules' promises --------------------------------------------- */

static bool range_ok(const struct ph *p)
{
	return p->offset <= VMCORE_PADDR_END &&
	       p->memsz <= VMCORE_PADDR_END - p->offset;
}

static u64 load_span(const struct ph *p)
{
	u64 base = p->offset & ~(u64)(PAGE_SIZE - 1);

	if (!p->memsz)
		return 0;
	return ((p->offset + p->memsz + PAGE_SIZE - 1) &
		~(u64)(PAGE_SIZE - 1)) - base;
}

/* Bytes of a PT_NOTE that are read: at most 1 MiB, none of own memory. */
static u64 note_read_len(const struct ph *p)
{
	u64 len = p->memsz < SZ_1M ? p->memsz : SZ_1M;

	return len ? fuzz_own_ram_start(p->offset, p->offset + len) -
		     p->offset : 0;
}

/* Does a kept segment reach own memory: a PT_LOAD, a note's read? */
static bool reaches_own(const struct ph *p)
{
	u64 len = p->memsz;

	if (p->type == PT_NOTE) {
		len = p->memsz < SZ_1M ? p->memsz : SZ_1M;
		return len && note_read_len(p) < len;
	}
	return len && fuzz_own_ram_start(p->offset, p->offset + len) <
		      p->offset + len;
}

/* A drop turns a bad program header into PT_NULL, and nothing else. */
static void check_drop(const struct model *m, unsigned int i)
{
	struct ph in, out;

	model_ph(m, m->in, i, &in);
	model_ph(m, m->h->buf, i, &out);
	if (!salvage.dropped[i]) {
		CHECK(!memcmp(&in, &out, sizeof(in)));
		return;
	}
	CHECK(out.type == PT_NULL && in.type != PT_NULL);
	CHECK((in.type != PT_LOAD && in.type != PT_NOTE) ||
	      (in.type == PT_NOTE && !range_ok(&in)));
	in.type = PT_NULL;
	CHECK(!memcmp(&in, &out, sizeof(in)));
}

static void check_accepted_phdr(const struct model *m, unsigned int i,
				u64 *notes, u64 *data)
{
	struct ph p;

	check_drop(m, i);
	model_ph(m, m->h->buf, i, &p);
	CHECK(p.type == PT_NULL || p.type == PT_LOAD || p.type == PT_NOTE);
	if (p.type == PT_NULL)
		return;
	CHECK(range_ok(&p));
	CHECK(salvage.owned[i] == reaches_own(&p));
	if (p.type == PT_NOTE) {
		*notes += p.memsz < SZ_1M ? p.memsz : SZ_1M;
		return;
	}
	CHECK(p.filesz <= p.memsz);
	*data += load_span(&p);
}

/* What an accepted header must look like, read with <elf.h> alone. */
static void check_accepted(const struct model *m)
{
	const struct vmcore_hdr *h = m->h;
	u64 notes = 0, data = 0;
	struct eh e;
	unsigned int i;

	read_eh(m->is64, h->buf, &e);
	CHECK(e.ident[EI_CLASS] == (m->is64 ? ELFCLASS64 : ELFCLASS32));
	CHECK(!memcmp(e.ident, ELFMAG, SELFMAG));
	CHECK(e.ident[EI_DATA] == ELFDATA2LSB);
	CHECK(e.ident[EI_VERSION] == EV_CURRENT && e.version == EV_CURRENT);
	CHECK(e.type == ET_CORE && e.machine == EM_X86_64);
	CHECK(e.phentsize == m->phsz && e.phnum == h->phnum);
	CHECK(e.phoff == h->phoff && h->phoff >= m->ehsz);
	CHECK(h->phnum && h->phnum < PN_XNUM);
	CHECK(vmcore_hdr_table_end(h) <= h->len && h->len <= m->in_size);
	for (i = 0; i < h->phnum; i++)
		check_accepted_phdr(m, i, &notes, &data);
	CHECK(notes <= VMCORE_NOTES_MAX && data <= VMCORE_DATA_MAX);
}

/* --- notes ------------------------------------------------------------ */

/* Bytes of whole notes at the start of @seg, as notes.c's DOC says. */
static size_t walk_notes(const u8 *seg, size_t len)
{
	size_t pos = 0;
	u32 w[3];
	u64 size;

	while (len - pos >= sizeof(w)) {
		memcpy(w, seg + pos, sizeof(w));
		if (!w[0])
			break;
		size = sizeof(w) + (((u64)w[0] + 3) & ~3ULL) +
		       (((u64)w[1] + 3) & ~3ULL);
		if (size > len - pos)
			break;
		pos += size;
	}
	return pos;
}

/* The part of old memory a PT_NOTE covers, or NULL if it leaves it. */
static const u8 *note_bytes(const struct model *m, const struct ph *p,
			    size_t len)
{
	u64 off = p->offset - FUZZ_OLDMEM_BASE;

	if (p->offset < FUZZ_OLDMEM_BASE || off > m->in_size ||
	    len > m->in_size - off)
		return NULL;
	return m->in + off;
}

/* The merged notes must be every PT_NOTE's whole notes, in order. */
static void check_notes(const struct model *m, const u8 *notes,
			size_t size)
{
	size_t done = 0, len, real;
	const u8 *seg;
	unsigned int i;
	struct ph p;

	for (i = 0; i < m->h->phnum; i++) {
		model_ph(m, m->h->buf, i, &p);
		if (p.type != PT_NOTE)
			continue;
		len = note_read_len(&p);
		seg = note_bytes(m, &p, len);
		if (!len || !seg)
			continue;
		real = walk_notes(seg, len);
		CHECK(real <= size - done);
		CHECK(!memcmp(notes + done, seg, real));
		done += real;
	}
	CHECK(done == size);
}

/* --- layout ----------------------------------------------------------- */

/* Expected offsets; returns the error vmcore_layout_build() must give. */
static int model_layout(struct model *m, size_t notes_size)
{
	unsigned int i, k = 0;
	u64 pos;
	struct ph p;
	int err = 0;

	m->nload = vmcore_hdr_count(m->h, PT_LOAD);
	if (m->nload + 1 > VMCORE_PHNUM_MAX)
		return -E2BIG;
	m->notes_off = m->ehsz + (size_t)(m->nload + 1) * m->phsz;
	m->head_size = PAGE_ALIGN(m->notes_off + notes_size);
	m->load_off = calloc(m->nload + 1, sizeof(*m->load_off));
	CHECK(m->load_off);
	pos = m->head_size;
	for (i = 0; i < m->h->phnum; i++) {
		model_ph(m, m->h->buf, i, &p);
		if (p.type != PT_LOAD)
			continue;
		m->load_off[k] = pos + (p.offset & (PAGE_SIZE - 1));
		if (!m->is64 && m->load_off[k] > UINT32_MAX)
			err = -EOVERFLOW;
		pos += load_span(&p);
		k++;
	}
	m->size = pos;
	return err;
}

static void check_ehdr_out(const struct model *m, const void *head)
{
	struct eh in, out;

	read_eh(m->is64, m->h->buf, &in);
	read_eh(m->is64, head, &out);
	CHECK(out.phoff == m->ehsz && out.shoff == 0);
	CHECK(out.ehsize == m->ehsz && out.phentsize == m->phsz);
	CHECK(out.phnum == m->nload + 1);
	CHECK(!out.shentsize && !out.shnum && !out.shstrndx);
	in.phoff = out.phoff;
	in.shoff = out.shoff;
	in.ehsize = out.ehsize;
	in.phentsize = out.phentsize;
	in.phnum = out.phnum;
	in.shentsize = out.shentsize;
	in.shnum = out.shnum;
	in.shstrndx = out.shstrndx;
	CHECK(!memcmp(&in, &out, sizeof(in)));
}

static void check_head(const struct model *m, const struct vmcore_image *img,
		       const u8 *notes, size_t notes_size)
{
	const u8 *head = img->head;
	struct ph p;
	size_t i;

	CHECK(img->head_size == m->head_size);
	CHECK(img->head_size % PAGE_SIZE == 0);
	CHECK(img->head_size >= m->notes_off + notes_size);
	check_ehdr_out(m, head);
	read_ph(m->is64, head + m->ehsz, &p);
	CHECK(p.type == PT_NOTE && p.offset == m->notes_off);
	CHECK(p.filesz == notes_size && p.memsz == notes_size);
	CHECK(!p.flags && !p.vaddr && !p.paddr && !p.align);
	CHECK(!memcmp(head + m->notes_off, notes, notes_size));
	for (i = m->notes_off + notes_size; i < img->head_size; i++)
		CHECK(!head[i]);
}

/* Output PT_LOAD @k is input PT_LOAD @k with its new p_offset. */
static void check_load_out(const struct model *m,
			   const struct vmcore_image *img,
			   const struct ph *in, unsigned int k)
{
	const u8 *head = img->head;
	struct ph out, want = *in;

	read_ph(m->is64, head + m->ehsz + (size_t)(k + 1) * m->phsz, &out);
	want.offset = m->load_off[k];
	CHECK(!memcmp(&want, &out, sizeof(out)));
}

/* Chunk @c holds PT_LOAD @p's pages and vmcore_layout_find() finds it. */
static void check_chunk(const struct vmcore_image *img,
			const struct vmcore_chunk *c, const struct ph *p,
			u64 file_off)
{
	CHECK(c->file_off == file_off);
	CHECK(c->paddr == (p->offset & ~(u64)(PAGE_SIZE - 1)));
	CHECK(c->size == load_span(p) && c->size);
	CHECK(c->file_off % PAGE_SIZE == 0 && c->size % PAGE_SIZE == 0);
	CHECK(vmcore_layout_find(img, c->file_off) == c);
	CHECK(vmcore_layout_find(img, c->file_off + c->size - 1) == c);
	CHECK(vmcore_layout_find(img, c->file_off + c->size / 2) == c);
}

static void check_chunks(const struct model *m,
			 const struct vmcore_image *img)
{
	unsigned int i, k = 0, n = 0;
	u64 pos = img->head_size;
	struct ph p;

	for (i = 0; i < m->h->phnum; i++) {
		model_ph(m, m->h->buf, i, &p);
		if (p.type != PT_LOAD)
			continue;
		check_load_out(m, img, &p, k++);
		if (!p.memsz)
			continue;
		CHECK(n < img->nr_chunks);
		check_chunk(img, &img->chunks[n++], &p, pos);
		pos += load_span(&p);
	}
	CHECK(n == img->nr_chunks && k == m->nload);
	CHECK(pos == img->size && img->size == m->size);
	CHECK(img->size <= (u64)MAX_LFS_FILESIZE);
	CHECK(!vmcore_layout_find(img, img->size));
	CHECK(!vmcore_layout_find(img, U64_MAX));
	CHECK(!vmcore_layout_find(img, 0));
	CHECK(!vmcore_layout_find(img, img->head_size - 1));
}

static void check_layout(struct model *m, const u8 *notes,
			 size_t notes_size)
{
	struct vmcore_image img;
	const char *why = NULL;
	int want = model_layout(m, notes_size);
	int err = vmcore_layout_build(&img, m->h, notes, notes_size, &why);

	if (err == -ENOMEM)
		goto out;
	CHECK(err == want && (!err || why));
	if (!err) {
		check_head(m, &img, notes, notes_size);
		check_chunks(m, &img);
	}
	vmcore_layout_free(&img);
	CHECK(!img.head && !img.chunks && !img.nr_chunks && !img.size);
out:
	free(m->load_off);
}

/* --- driver ----------------------------------------------------------- */

static void check_file(struct model *m)
{
	const char *why = NULL;
	size_t notes_size = 0;
	void *notes = NULL;
	int err;

	m->is64 = m->h->cls->ident == ELFCLASS64;
	m->ehsz = m->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	m->phsz = m->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	check_accepted(m);
	err = vmcore_notes_collect(m->h, &notes, &notes_size, &why);
	if (err) {
		CHECK(err == -ENOMEM && why);
		return;
	}
	CHECK(!why);
	check_notes(m, notes, notes_size);
	check_layout(m, notes, notes_size);
	kvfree(notes);
}

/*
 * Load the header as init.c does: the ELF header alone first, then the
 * header up to the end of its program header table, every rule again.
 */
static int load_header(struct vmcore_hdr *h, const u8 *in, size_t size,
		       u8 **hdr, const char **why)
{
	size_t len = min_t(size_t, size, sizeof(Elf64_Ehdr));
	u8 *first = malloc(len ?: 1);
	int err;

	CHECK(first);
	memcpy(first, in, len);
	err = vmcore_check_ehdr(h, first, len, size, why);
	free(first);
	if (err)
		return err;
	len = vmcore_hdr_table_end(h);
	CHECK(len <= size);
	*hdr = malloc(len);
	CHECK(*hdr);
	memcpy(*hdr, in, len);
	err = vmcore_check_header(h, *hdr, len, size, why);
	if (err)
		free(*hdr);
	return err;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vmcore_hdr h = { .salvage = count_salvage,
				.own_ram_start = fuzz_own_ram_start };
	struct model m = { .in = data, .in_size = size, .h = &h };
	const char *why = NULL;
	u8 *hdr;
	int err;

	salvage_reset();
	fuzz_oldmem_set(data, size);
	err = load_header(&h, data, size, &hdr, &why);
	if (err) {
		CHECK(err == -EINVAL && why);
		CHECK(h.bad_phdr < 0 || (unsigned int)h.bad_phdr < h.phnum);
		return 0;
	}
	CHECK(!why && h.bad_phdr == -1 && h.buf == hdr);
	check_file(&m);
	free(hdr);
	return 0;
}
