/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces between the files of arch/arm64/kexec/ and nothing else.
 */
#ifndef _ARCH_ARM64_KEXEC_KEXEC_ARM64_H
#define _ARCH_ARM64_KEXEC_KEXEC_ARM64_H

/*
 * The entry record: how relocate.S enters the new image, written at load
 * time into the copy of relocate.S in the control code page.  Offsets
 * for the assembler; struct arm64_kexec_entry below is the same layout.
 */
#define ENTRY_EL1_REGS	0	/* x0-x3 for the image, entered here */
#define ENTRY_PC	32	/* where the image starts */
#define ENTRY_EL2_REGS	40	/* x0-x4 for HVC_SOFT_RESTART; x0 0: none */
#define ENTRY_SIZE	80

#ifndef __ASSEMBLY__
#include <linux/bits.h>
#include <linux/ioport.h>
#include <linux/types.h>

/**
 * struct arm64_kexec_entry - the registers the new image starts with
 * @el1_regs:	x0-x3 when it is entered at the current exception level:
 *		the device tree (or 0, when purgatory knows it), then zeroes
 * @pc:		its entry point, physical
 * @el2_regs:	x0-x4 of the HVC_SOFT_RESTART call that enters it at EL2,
 *		or all zero when it is entered at the current level
 */
struct arm64_kexec_entry {
	u64 el1_regs[4];
	u64 pc;
	u64 el2_regs[5];
};

/* relocate.S */
extern char arm64_kexec_entry_record[];

/*
 * relocate.S, entered at its physical address through its own identity
 * map; see the comment there for what each argument means.
 */
typedef void __noreturn (*arm64_kexec_relocate_fn)(unsigned long head,
						   phys_addr_t linear_ttbr1,
						   unsigned long pa_minus_va,
						   phys_addr_t zero_page);

/* protect.c */
void arm64_kexec_crash_region_borrow(void);
void arm64_kexec_crash_region_return(void);

struct kimage;

/* digest.c */
#ifdef CONFIG_KEXEC_FILE
int arm64_kexec_digests_record(struct kimage *image);
bool arm64_kexec_digests_match(const struct kimage *image);
void arm64_kexec_digests_free(struct kimage *image);
#else
static inline int arm64_kexec_digests_record(struct kimage *image)
{
	return 0;
}

static inline bool arm64_kexec_digests_match(const struct kimage *image)
{
	return true;
}

static inline void arm64_kexec_digests_free(struct kimage *image) { }
#endif

/* image.c */
/**
 * enum image_verdict - which rule of arm64_image_check() a file breaks
 * @IMAGE_TOO_SHORT:		shorter than the 64-byte Image header
 * @IMAGE_BAD_MAGIC:		no "ARM\x64" at offset 0x38
 * @IMAGE_NO_SIZE:		image_size 0: a kernel older than 3.17
 * @IMAGE_WRONG_ENDIAN:		byte order (flags bit 0) not the running one
 * @IMAGE_PAGE_SIZE:		page size (flags bits 1-2) the CPU lacks
 * @IMAGE_TEXT_UNALIGNED:	text_offset not a multiple of the page size
 * @IMAGE_SIZE_BELOW_FILE:	image_size smaller than the file
 * @IMAGE_TOO_LARGE:		text_offset + image_size beyond 2 GiB
 * @IMAGE_NR_RULES:		how many rules there are
 * @IMAGE_OK:			every rule holds
 */
enum image_verdict {
	IMAGE_TOO_SHORT,
	IMAGE_BAD_MAGIC,
	IMAGE_NO_SIZE,
	IMAGE_WRONG_ENDIAN,
	IMAGE_PAGE_SIZE,
	IMAGE_TEXT_UNALIGNED,
	IMAGE_SIZE_BELOW_FILE,
	IMAGE_TOO_LARGE,
	IMAGE_NR_RULES,
	IMAGE_OK = IMAGE_NR_RULES,
};

/* Bits of struct image_host.granules: translation granules a CPU has. */
#define IMAGE_GRANULE_4K	BIT(1)
#define IMAGE_GRANULE_16K	BIT(2)
#define IMAGE_GRANULE_64K	BIT(3)

/**
 * struct image_host - what an Image must agree with
 * @big_endian:	the running kernel is big-endian
 * @granules:	IMAGE_GRANULE_* of every page size the CPU supports,
 *		indexed like the header's page size field
 * @page_size:	the running kernel's page size
 */
struct image_host {
	bool big_endian;
	unsigned int granules;
	unsigned long page_size;
};

/**
 * struct arm64_image_load - one kexec_file_load() of an Image in progress
 * @kernel_mem:	where the kernel goes (2 MiB aligned base + text_offset)
 * @win_min:	first byte the initrd and device tree may use
 * @win_max:	last byte they may use
 * @initrd_mem:	where the initrd goes, if there is one
 * @initrd_len:	its length, or 0
 * @elfcorehdr:	the ELF core header (crash images), vmalloc'ed
 * @elfcorehdr_mem: where it goes
 * @elfcorehdr_len: its length
 * @dtb:	the device tree, kvmalloc'ed
 * @dtb_mem:	where it goes
 *
 * The buffers stay until the image is committed, which copies their
 * bytes, and are freed by the loader's cleanup.
 */
struct arm64_image_load {
	unsigned long kernel_mem;
	unsigned long win_min;
	unsigned long win_max;
	unsigned long initrd_mem;
	unsigned long initrd_len;
	void *elfcorehdr;
	unsigned long elfcorehdr_mem;
	unsigned long elfcorehdr_len;
	void *dtb;
	unsigned long dtb_mem;
};

enum image_verdict arm64_image_check(const void *kernel, unsigned long len,
				     const struct image_host *host);
void arm64_image_window(struct arm64_image_load *ld, unsigned long base,
			unsigned long size, bool top_down);

/* elfcorehdr.c */
int arm64_kexec_add_elfcorehdr(struct kimage *image,
			       struct arm64_image_load *ld);

/* fdt.c */
/**
 * struct arm64_fdt_range - a physical range for the device tree
 * @start:	first byte
 * @size:	length in bytes; 0: the property is left out
 */
struct arm64_fdt_range {
	u64 start;
	u64 size;
};

#define ARM64_FDT_RNG_SEED_LEN	64

/**
 * struct arm64_fdt_params - what /chosen of the new kernel says
 * @cmdline:	bootargs, or NULL (or "") for none
 * @initrd:	the initrd; size 0 for none
 * @elfcorehdr:	the ELF core header (crash images); size 0 for none
 * @usable:	the memory a capture kernel may use, in this order;
 *		unused entries have size 0
 * @ima:	IMA's measurement list; size 0 for none
 * @kaslr_seed:	8 bytes for kaslr-seed, or NULL to leave it out
 * @rng_seed:	ARM64_FDT_RNG_SEED_LEN bytes for rng-seed, or NULL
 */
struct arm64_fdt_params {
	const char *cmdline;
	struct arm64_fdt_range initrd;
	struct arm64_fdt_range elfcorehdr;
	struct arm64_fdt_range usable[2];
	struct arm64_fdt_range ima;
	const u8 *kaslr_seed;
	const u8 *rng_seed;
};

int arm64_kexec_add_dtb(struct kimage *image, struct arm64_image_load *ld,
			const char *cmdline);
size_t arm64_kexec_fdt_room(const void *src, const struct arm64_fdt_params *p);
int arm64_kexec_fdt_build(void *dst, size_t len, const void *src,
			  const struct arm64_fdt_params *p);
#endif

#endif /* _ARCH_ARM64_KEXEC_KEXEC_ARM64_H */
