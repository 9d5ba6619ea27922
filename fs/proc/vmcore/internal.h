/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces shared by the files that make up /proc/vmcore.  Each file's
 * DOC block describes its own model; this header only carries the types
 * and limits they have in common.
 */
#ifndef _FS_PROC_VMCORE_INTERNAL_H
#define _FS_PROC_VMCORE_INTERNAL_H

#include <linux/elf.h>
#include <linux/limits.h>
#include <linux/math.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/types.h>

struct iov_iter;

/* Largest e_phnum accepted: PN_XNUM itself means "count elsewhere". */
#define VMCORE_PHNUM_MAX	(PN_XNUM - 1)
/* Header size assumed when elfcorehdr= gave an address only. */
#define VMCORE_HDR_MAX		SZ_4M
/* Largest single PT_NOTE segment, and all of them together. */
#define VMCORE_NOTE_SEG_MAX	SZ_1M
#define VMCORE_NOTES_MAX	SZ_64M
/* First physical address no segment may reach; keeps page rounding safe. */
#define VMCORE_PADDR_END	((u64)round_down((u64)PHYS_ADDR_MAX, PAGE_SIZE))
/* Most bytes of old memory the file may carry after its header. */
#define VMCORE_DATA_MAX		((u64)MAX_LFS_FILESIZE - VMCORE_HDR_MAX - VMCORE_NOTES_MAX)

/* ELF header fields reached through struct vmcore_elf_class. */
enum vmcore_ehdr_field {
	VMCORE_E_TYPE,
	VMCORE_E_MACHINE,
	VMCORE_E_VERSION,
	VMCORE_E_PHOFF,
	VMCORE_E_SHOFF,
	VMCORE_E_EHSIZE,
	VMCORE_E_PHENTSIZE,
	VMCORE_E_PHNUM,
	VMCORE_E_SHENTSIZE,
	VMCORE_E_SHNUM,
	VMCORE_E_SHSTRNDX,
	VMCORE_E_NR
};

/* Program header fields reached through struct vmcore_elf_class. */
enum vmcore_phdr_field {
	VMCORE_P_TYPE,
	VMCORE_P_FLAGS,
	VMCORE_P_OFFSET,
	VMCORE_P_VADDR,
	VMCORE_P_PADDR,
	VMCORE_P_FILESZ,
	VMCORE_P_MEMSZ,
	VMCORE_P_ALIGN,
	VMCORE_P_NR
};

/**
 * struct vmcore_field - where one header field lives
 * @off: byte offset from the start of the header
 * @len: width in bytes: 2, 4 or 8
 */
struct vmcore_field {
	u8 off;
	u8 len;
};

/**
 * struct vmcore_elf_class - layout of one ELF class
 * @ident: ELFCLASS32 or ELFCLASS64, as found in e_ident[EI_CLASS]
 * @ehdr_size: size of the ELF header
 * @phdr_size: size of one program header
 * @machine_ok: whether e_machine suits this kernel (arch's check_arch macro)
 * @ehdr: ELF header fields
 * @phdr: program header fields
 */
struct vmcore_elf_class {
	u8 ident;
	u8 ehdr_size;
	u8 phdr_size;
	bool (*machine_ok)(const void *ehdr);
	struct vmcore_field ehdr[VMCORE_E_NR];
	struct vmcore_field phdr[VMCORE_P_NR];
};

const struct vmcore_elf_class *vmcore_elf_class_of(u8 ident);
u64 vmcore_elf_get(const void *hdr, struct vmcore_field f);
bool vmcore_elf_put(void *hdr, struct vmcore_field f, u64 val);

/**
 * vmcore_ehdr_get() - read an ELF header field
 * @c: class of @ehdr
 * @ehdr: the ELF header
 * @f: the field
 *
 * Context: Any context.
 * Return: the field's value, zero-extended.
 */
static inline u64 vmcore_ehdr_get(const struct vmcore_elf_class *c,
				  const void *ehdr, enum vmcore_ehdr_field f)
{
	return vmcore_elf_get(ehdr, c->ehdr[f]);
}

/**
 * vmcore_ehdr_put() - write an ELF header field
 * @c: class of @ehdr
 * @ehdr: the ELF header
 * @f: the field
 * @val: the value
 *
 * Context: Any context.
 * Return: false if @val does not fit the field (nothing is written).
 */
static inline bool vmcore_ehdr_put(const struct vmcore_elf_class *c,
				   void *ehdr, enum vmcore_ehdr_field f, u64 val)
{
	return vmcore_elf_put(ehdr, c->ehdr[f], val);
}

/**
 * vmcore_phdr_get() - read a program header field
 * @c: class of @phdr
 * @phdr: the program header
 * @f: the field
 *
 * Context: Any context.
 * Return: the field's value, zero-extended.
 */
static inline u64 vmcore_phdr_get(const struct vmcore_elf_class *c,
				  const void *phdr, enum vmcore_phdr_field f)
{
	return vmcore_elf_get(phdr, c->phdr[f]);
}

/**
 * vmcore_phdr_put() - write a program header field
 * @c: class of @phdr
 * @phdr: the program header
 * @f: the field
 * @val: the value
 *
 * Context: Any context.
 * Return: false if @val does not fit the field (nothing is written).
 */
static inline bool vmcore_phdr_put(const struct vmcore_elf_class *c,
				   void *phdr, enum vmcore_phdr_field f, u64 val)
{
	return vmcore_elf_put(phdr, c->phdr[f], val);
}

/**
 * enum vmcore_verdict - what a broken rule costs
 * @VMCORE_REFUSE: the file cannot be built safely: no /proc/vmcore
 * @VMCORE_DROP: the program header is left out of the file
 * @VMCORE_KEEP: the program header is used anyway
 */
enum vmcore_verdict {
	VMCORE_REFUSE,
	VMCORE_DROP,
	VMCORE_KEEP,
};

struct vmcore_hdr;

/**
 * typedef vmcore_salvage_fn - told of each rule broken without refusal
 * @h: the header
 * @phdr: index of the program header concerned, or -1 for the whole set
 * @why: the rule's message
 * @verdict: VMCORE_DROP or VMCORE_KEEP
 */
typedef void (*vmcore_salvage_fn)(const struct vmcore_hdr *h, int phdr,
				  const char *why, enum vmcore_verdict verdict);

/**
 * struct vmcore_hdr - an ELF core header under validation
 * @cls: its class; valid once the class rule has passed
 * @buf: copy of the header, starting with the ELF header; program headers
 *       the rules drop are rewritten to PT_NULL in it
 * @len: bytes of @buf that are present
 * @limit: bytes the producer says the header has
 * @phoff: e_phoff, valid once the ELF header rules have passed
 * @phnum: e_phnum, valid once the ELF header rules have passed
 * @bad_phdr: index of the program header a rule refused, or -1
 * @salvage: called for every rule broken without refusal; NULL logs a
 *           warning
 * @own_ram_start: where a range first reaches the capture kernel's own
 *                 memory, as vmcore_own_ram_start(); NULL where no range
 *                 does (KUnit and the fuzzers pass their own or none)
 */
struct vmcore_hdr {
	const struct vmcore_elf_class *cls;
	u8 *buf;
	size_t len;
	u64 limit;
	u64 phoff;
	unsigned int phnum;
	int bad_phdr;
	vmcore_salvage_fn salvage;
	u64 (*own_ram_start)(u64 start, u64 end);
};

/**
 * vmcore_hdr_phdr() - address of a program header
 * @h: header whose ELF header rules have passed
 * @i: index, below @h->phnum
 *
 * Context: Any context.
 * Return: pointer to program header @i inside @h->buf.
 */
static inline void *vmcore_hdr_phdr(const struct vmcore_hdr *h,
				    unsigned int i)
{
	return h->buf + h->phoff + (size_t)i * h->cls->phdr_size;
}

/**
 * vmcore_note_len() - bytes of a PT_NOTE segment that are read
 * @h: header that passed vmcore_check_phdrs()
 * @ph: one of its PT_NOTE program headers
 *
 * A PT_NOTE larger than VMCORE_NOTE_SEG_MAX is kept, but only its first
 * VMCORE_NOTE_SEG_MAX bytes are read: no producer writes notes that long.
 *
 * Context: Any context.
 * Return: p_memsz, at most VMCORE_NOTE_SEG_MAX.
 */
static inline size_t vmcore_note_len(const struct vmcore_hdr *h,
				     const void *ph)
{
	return min_t(u64, vmcore_phdr_get(h->cls, ph, VMCORE_P_MEMSZ),
		     VMCORE_NOTE_SEG_MAX);
}

/**
 * vmcore_hdr_table_end() - end of the program header table
 * @h: header whose ELF header rules have passed
 *
 * Context: Any context.
 * Return: offset just past the last program header.
 */
static inline u64 vmcore_hdr_table_end(const struct vmcore_hdr *h)
{
	return h->phoff + (u64)h->phnum * h->cls->phdr_size;
}

/**
 * vmcore_load_span() - bytes a PT_LOAD occupies in the file
 * @start: physical address of the segment
 * @size: its p_memsz
 *
 * The file carries whole pages so that the data can be mmap()ed.
 *
 * Context: Any context.
 * Return: size of the page-aligned range covering the segment, 0 if empty.
 */
static inline u64 vmcore_load_span(u64 start, u64 size)
{
	if (!size)
		return 0;
	return round_up(start + size, PAGE_SIZE) - round_down(start, PAGE_SIZE);
}

int vmcore_check_ehdr(struct vmcore_hdr *h, void *buf, size_t len,
		      u64 limit, const char **why);
int vmcore_check_phdrs(struct vmcore_hdr *h, const char **why);
int vmcore_check_header(struct vmcore_hdr *h, void *buf, size_t len,
			u64 limit, const char **why);
unsigned int vmcore_hdr_count(const struct vmcore_hdr *h, u32 type);

size_t vmcore_note_seg_size(const void *seg, size_t len, const char **why);
size_t vmcore_notes_merge(void *buf, const size_t *seg_len, unsigned int nr,
			  const char **why);
int vmcore_notes_collect(const struct vmcore_hdr *h, void **notes,
			 size_t *size, const char **why);

/**
 * struct vmcore_chunk - one PT_LOAD's pages in the file
 * @file_off: file offset of the first byte, page aligned
 * @paddr: physical address of that byte, page aligned
 * @size: length in bytes, a multiple of PAGE_SIZE
 */
struct vmcore_chunk {
	u64 file_off;
	u64 paddr;
	u64 size;
};

/**
 * struct vmcore_image - what /proc/vmcore shows
 * @cls: ELF class of the file
 * @head: ELF header, program headers and merged notes (vmalloc_user())
 * @head_size: bytes of @head, a multiple of PAGE_SIZE; data starts here
 * @notes_off: offset of the notes in @head; program header 0 is their
 *             PT_NOTE, the others are PT_LOADs
 * @notes_size: bytes of notes, a multiple of 4
 * @chunks: old memory, in file order, back to back after @head
 * @nr_chunks: entries in @chunks
 * @index: for each bucket of 1 << @index_shift bytes of data, the first
 *         chunk reaching into it (lookup.c)
 * @nr_index: entries in @index
 * @index_shift: log2 of a bucket's size
 * @size: file size
 */
struct vmcore_image {
	const struct vmcore_elf_class *cls;
	void *head;
	size_t head_size;
	size_t notes_off;
	size_t notes_size;
	struct vmcore_chunk *chunks;
	unsigned int nr_chunks;
	u32 *index;
	unsigned int nr_index;
	unsigned int index_shift;
	u64 size;
};

int vmcore_layout_build(struct vmcore_image *img, const struct vmcore_hdr *h,
			const void *notes, size_t notes_size,
			const char **why);
int vmcore_layout_grow_notes(struct vmcore_image *out,
			     const struct vmcore_image *in, size_t extra,
			     void **room, const char **why);
void vmcore_layout_free(struct vmcore_image *img);
int vmcore_index_build(struct vmcore_image *img);
const struct vmcore_chunk *vmcore_layout_find(const struct vmcore_image *img,
					      u64 pos);

int vmcore_cb_begin(bool *active);
void vmcore_cb_end(int idx);
bool vmcore_cb_pfn_is_ram(unsigned long pfn);
void vmcore_cb_note_open(void);

ssize_t vmcore_oldmem_read(struct iov_iter *iter, u64 pa, size_t len,
			   u64 lo, u64 hi);
u64 vmcore_own_ram_start(u64 start, u64 end);

void vmcore_oldmem_release(void);

/**
 * typedef vmcore_fill_fn - writes a note into room made for it
 * @room: the zeroed bytes, as many as were asked for
 * @arg: the caller's argument
 *
 * Return: 0, or a negative errno that cancels the addition.
 */
typedef int (*vmcore_fill_fn)(void *room, void *arg);

int vmcore_file_create(struct vmcore_image *img);
int vmcore_file_add_note(size_t len, vmcore_fill_fn fill, void *arg,
			 const char **why);
void vmcore_file_remove(void);

/* The rules a device dump must pass, see devdump.c. */
struct vmcoredd_data;
int vmcore_dd_check(const struct vmcoredd_data *data, bool disabled,
		    const char **why);
size_t vmcore_dd_size_max(void);
size_t vmcore_dd_note_size(const struct vmcoredd_data *data);
void vmcore_dd_note_header(void *note, const struct vmcoredd_data *data);

#endif /* _FS_PROC_VMCORE_INTERNAL_H */
