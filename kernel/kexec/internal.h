/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces shared by the files of the kexec core and nothing else.
 * What the rest of the kernel sees is declared in <linux/kexec.h>,
 * <linux/crash_core.h> and <linux/crash_dump.h>.
 */
#ifndef _KERNEL_KEXEC_INTERNAL_H
#define _KERNEL_KEXEC_INTERNAL_H

#include <linux/elf.h>
#include <linux/kexec.h>
#include <linux/stdarg.h>
#include <linux/xarray.h>

struct crash_mem_range;
struct kexec_buf;
struct kexec_file_ops;

/**
 * struct kexec_request - a kexec_load() request, as the validator sees it
 * @seg:	the segments, already copied into the kernel
 * @nr:		how many entries @seg holds
 * @entry:	physical address where the new kernel starts executing
 * @crash:	true for KEXEC_ON_CRASH: every byte must land in @win
 * @win_start:	first byte of the crash kernel region (boot physical)
 * @win_end:	last byte of the crash kernel region, inclusive
 * @dest_limit:	first address no segment may reach
 * @ram_pages:	pages of RAM in this kernel; an image may take half
 * @control_room: bytes a crash image must leave free in the region for
 *		its control pages
 *
 * The validator takes everything it judges from this structure, so the
 * KUnit suite can build requests without touching the machine.
 */
struct kexec_request {
	const struct kexec_segment *seg;
	unsigned long nr;
	unsigned long entry;
	bool crash;
	unsigned long win_start;
	unsigned long win_end;
	unsigned long dest_limit;
	unsigned long ram_pages;
	unsigned long control_room;
};

/* crashkernel.c */

/**
 * struct crashkernel_verdict - what crashkernel_judge() made of a value
 * @err:	0, -ENOENT (no value of this kind) or -EINVAL
 * @why:	the first rule the value broke, NULL if none
 * @value:	the value judged, NULL if there was none
 * @at:		where in @value parsing stopped
 * @no_range:	a range list had no range for the machine's RAM
 */
struct crashkernel_verdict {
	int err;
	const char *why;
	const char *value;
	const char *at;
	bool no_range;
};

struct crashkernel_verdict crashkernel_judge(const char *cmdline,
					     unsigned long long ram,
					     unsigned long long *size,
					     unsigned long long *base,
					     const char *suffix);
int crashkernel_parse(const char *cmdline, unsigned long long ram,
		      unsigned long long *size, unsigned long long *base,
		      const char *suffix);

/* elfcorehdr.c */
const char *elfcorehdr_parse(const char *arg, unsigned long long *addr,
			     unsigned long long *size);

/* vmcoreinfo.c */
size_t vmcoreinfo_add_line(unsigned char *buf, size_t used, size_t cap,
			   const char *fmt, va_list args);

/* vmcoreinfo_keys.c */
void __init vmcoreinfo_add_generic_keys(void);

/* state.c */
bool kexec_lock_try(void);
void kexec_lock_drop(void);
int kexec_check_caller(void);

/**
 * struct kexec_hole - what kexec_fit() looks for
 * @size:	bytes, not zero
 * @align:	alignment of the first byte, a power of two
 * @min:	lowest first byte allowed
 * @max:	highest last byte allowed
 * @top_down:	prefer the highest address rather than the lowest
 */
struct kexec_hole {
	u64 size;
	u64 align;
	u64 min;
	u64 max;
	bool top_down;
};

/* place.c */
bool kexec_fit(const struct kexec_hole *h, u64 start, u64 end,
	       const struct crash_mem_range *busy, unsigned int nr, u64 *addr);
const char *kexec_judge_kbuf(const struct kexec_buf *kbuf);

/**
 * enum kexec_bufs - whose memory the segments' buffers are in
 * @KEXEC_BUFS_KERNEL:	``kbuf``, the kernel's own: kexec_file_load()'s,
 *			and kexec_load()'s for a crash image (stage.c)
 * @KEXEC_BUFS_USER:	``buf``, the caller's: kexec_load()'s for a normal
 *			image, read while the image is built, outside the
 *			kexec lock (commit.c)
 */
enum kexec_bufs {
	KEXEC_BUFS_KERNEL,
	KEXEC_BUFS_USER,
};

/* commit.c */
int kexec_check_image(const struct kimage *image);
int kexec_commit(struct kimage *image, enum kexec_bufs bufs);
int kexec_unload(bool crash);

/**
 * struct kexec_staging - kexec_load()'s buffers, copied into the kernel
 * @copy:	one vmalloc copy per segment, NULL for an empty buffer
 *
 * Filled by kexec_stage(), outside the kexec lock; see stage.c.
 */
struct kexec_staging {
	void *copy[KEXEC_SEGMENT_MAX];
};

int kexec_stage(struct kimage *image, struct kexec_staging *st);
void kexec_unstage(struct kexec_staging *st);

/* segments.c */
/*
 * What a crash image must leave free in the region for its control pages
 * on any machine; arch_kexec_crash_control_room() adds the part that
 * grows with the machine.
 */
#define KEXEC_CRASH_CONTROL_ROOM	(32 * PAGE_SIZE)

/**
 * struct kexec_verdict - what the segment rules said of a request
 * @err:	0 if every rule holds, else the negative errno of the first
 *		rule that fails
 * @why:	that rule's description, NULL if every rule holds
 * @seg:	the first segment that breaks it, or -1 when the rule is
 *		about the request as a whole (or nothing broke)
 */
struct kexec_verdict {
	int err;
	const char *why;
	long seg;
};

struct kexec_verdict kexec_judge_request(const struct kexec_request *req);
int kexec_check_request(const struct kexec_request *req);
bool kexec_range_hits_segments(const struct kimage *image,
			       unsigned long start, unsigned long size);

/**
 * struct kimage_loader - the copying of one image's segments
 * @image:	the image being loaded
 * @bufs:	where its segments' buffers are
 * @parked:	pages the allocator handed out inside a destination range,
 *		by boot pfn; each is the source-to-be of its own address
 *		(normal images only)
 *
 * Lives for one kimage_load_segments() call.  The
 * pages indexed in @parked sit on ``image->unusable_pages`` until their
 * address is loaded, when they move to ``image->dest_pages``.
 */
struct kimage_loader {
	struct kimage *image;
	enum kexec_bufs bufs;
	struct xarray parked;
};

/* pages.c */
/* An address no page has: for source pages that stage no destination. */
#define KIMAGE_NO_DEST	(~0UL)

struct page *kimage_alloc_source_page(struct kimage_loader *ld,
				      unsigned long dest);
void kimage_free_pages(struct kimage *image);

/* entries.c */
int kimage_add_entry(struct kimage_loader *ld, kimage_entry_t entry);
void kimage_end_entries(struct kimage *image);

/* image.c */
struct kimage *kimage_alloc(bool crash);
void kimage_set_segments(struct kimage *image, const struct kexec_segment *seg,
			 unsigned long nr, unsigned long entry,
			 unsigned long flags);
int kimage_alloc_controls(struct kimage *image);
struct kimage *kimage_create(const struct kexec_request *req,
			     unsigned long flags);
int kimage_load_segments(struct kimage *image, enum kexec_bufs bufs);
void kimage_destroy(struct kimage *image);

/* sig_policy.c: what a missing signature means. */
enum kexec_sig_verdict {
	KEXEC_SIG_SIGNED,
	KEXEC_SIG_ENFORCED,
	KEXEC_SIG_IMA,
	KEXEC_SIG_LOCKDOWN,
	KEXEC_SIG_UNSIGNED,
};

/**
 * struct kexec_sig_query - the questions kexec_sig_judge() may ask
 * @enforced:		is a valid signature required?
 * @ima_appraises:	does IMA appraise the kernel file's signature?
 * @locked_down:	0, or the error of a lockdown that forbids kexec
 */
struct kexec_sig_query {
	bool (*enforced)(const struct kexec_sig_query *q);
	bool (*ima_appraises)(const struct kexec_sig_query *q);
	int (*locked_down)(const struct kexec_sig_query *q);
};

int kexec_sig_judge(int verified, const struct kexec_sig_query *q,
		    enum kexec_sig_verdict *verdict);
int kexec_file_check_sig(const struct kexec_file_ops *ops, const void *buf,
			 unsigned long len);

/* file_load.c */
#ifdef CONFIG_KEXEC_FILE
void kimage_file_release(struct kimage *image);
#else
static inline void kimage_file_release(struct kimage *image) { }
#endif

/* purgatory_elf.c: reading an ELF purgatory object. */
#if ELF_CLASS == ELFCLASS64
#define purgatory_sym	elf64_sym
#else
#define purgatory_sym	elf32_sym
#endif

static inline const struct elf_shdr *purgatory_sections(const struct elfhdr *ehdr)
{
	return (const void *)ehdr + ehdr->e_shoff;
}

/* Is the section part of the loaded copy, with bytes of its own? */
static inline bool purgatory_loaded(const struct elf_shdr *sh)
{
	return (sh->sh_flags & SHF_ALLOC) && sh->sh_type != SHT_NOBITS;
}

/* Does [off, off + len) lie inside @size bytes? */
static inline bool purgatory_inside(u64 size, u64 off, u64 len)
{
	return off <= size && len <= size - off;
}

const char *purgatory_object_fault(const void *obj, size_t size);
int purgatory_measure(const struct elfhdr *ehdr, unsigned long *bufsz,
		      unsigned long *memsz, unsigned long *align);
void purgatory_place(const struct elfhdr *ehdr, struct elf_shdr *sechdrs, void *buf,
		     unsigned long mem, unsigned long bufsz);
const struct purgatory_sym *purgatory_find_symbol(const struct elfhdr *ehdr, const char *name);
int purgatory_entry(const struct elfhdr *ehdr, const struct elf_shdr *sechdrs,
		    unsigned long *entry);

/* purgatory.c and purgatory_digest.c: loading it into an image. */
#ifdef CONFIG_KEXEC_PURGATORY_ELF
/* The object arch/<arch>/purgatory/ links into the kernel. */
extern const char kexec_purgatory[];
extern const size_t kexec_purgatory_size;

void kexec_purgatory_release(struct kimage *image);
int kexec_purgatory_store_digests(struct kimage *image);
#else
static inline void kexec_purgatory_release(struct kimage *image) { }
static inline int kexec_purgatory_store_digests(struct kimage *image)
{
	return 0;
}
#endif

/*
 * sig_verify.c: kernel signatures.  Without CONFIG_KEXEC_SIG every kernel
 * counts as unsigned and none is required.
 */
#ifdef CONFIG_KEXEC_SIG
int kexec_file_verify_sig(const struct kexec_file_ops *ops, const void *buf,
			  unsigned long len);
bool kexec_file_sig_enforced(void);
#else
static inline int kexec_file_verify_sig(const struct kexec_file_ops *ops,
					const void *buf, unsigned long len)
{
	return -EKEYREJECTED;
}

static inline bool kexec_file_sig_enforced(void)
{
	return false;
}
#endif

#endif /* _KERNEL_KEXEC_INTERNAL_H */
