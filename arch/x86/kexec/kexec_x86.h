/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces between the files of arch/x86/kexec/ and nothing else.
 */
#ifndef _ARCH_X86_KEXEC_KEXEC_X86_H
#define _ARCH_X86_KEXEC_KEXEC_X86_H

/* Flags for x86_kexec_enter(). */
#define X86_KEXEC_WBINVD	1

/*
 * The stack pointer the new image is entered with, as an offset into the
 * code page: the last word of the page, which machine_kexec_prepare()
 * zeroes.
 */
#define KEXEC_ENTRY_STACK	(PAGE_SIZE - 8)

#ifndef __ASSEMBLY__
#include <linux/kexec.h>
#include <asm/bootparam.h>

/* relocate.S */
extern const u8 kexec_reloc_start[];
extern const u8 kexec_reloc_end[];
void __noreturn x86_kexec_enter(unsigned long head, unsigned long entry,
				unsigned long pgd_pa, unsigned long code_pa,
				unsigned long flags);

/* pgtable.c */
int x86_kexec_build_pgtable(struct kimage *image, pgd_t *pgd);
unsigned long x86_ident_tables(u64 start, u64 end, bool gbpages, bool l5);
/* bzimage.c */
/**
 * enum bzimage_verdict - which rule of bzimage_check() a kernel breaks
 * @BZIMAGE_TOO_SHORT:		shorter than a setup header
 * @BZIMAGE_NO_BOOT_FLAG:	no 0xaa55 at 0x1fe
 * @BZIMAGE_NO_MAGIC:		no "HdrS" at 0x202
 * @BZIMAGE_OLD_PROTOCOL:	boot protocol before 2.12
 * @BZIMAGE_NOT_HIGH:		LOADED_HIGH clear
 * @BZIMAGE_NO_ENTRY64:		XLF_KERNEL_64 clear
 * @BZIMAGE_NOT_RELOCATABLE:	relocatable_kernel clear
 * @BZIMAGE_BAD_ALIGN:		kernel_alignment not a power of two <= 1 GiB
 * @BZIMAGE_TRUNCATED:		setup part plus syssize beyond the file
 * @BZIMAGE_NO_PAYLOAD:		payload too short for the 64-bit entry
 * @BZIMAGE_SMALL_INIT:		init_size smaller than the payload
 * @BZIMAGE_SHORT_CMDLINE:	cmdline_size below 255
 * @BZIMAGE_NO_5LEVEL:		XLF_5LEVEL clear while this machine uses 5-level
 *				paging
 * @BZIMAGE_NR_RULES:		how many rules there are
 * @BZIMAGE_OK:			every rule holds
 */
enum bzimage_verdict {
	BZIMAGE_TOO_SHORT,
	BZIMAGE_NO_BOOT_FLAG,
	BZIMAGE_NO_MAGIC,
	BZIMAGE_OLD_PROTOCOL,
	BZIMAGE_NOT_HIGH,
	BZIMAGE_NO_ENTRY64,
	BZIMAGE_NOT_RELOCATABLE,
	BZIMAGE_BAD_ALIGN,
	BZIMAGE_TRUNCATED,
	BZIMAGE_NO_PAYLOAD,
	BZIMAGE_SMALL_INIT,
	BZIMAGE_SHORT_CMDLINE,
	BZIMAGE_NO_5LEVEL,
	BZIMAGE_NR_RULES,
	BZIMAGE_OK = BZIMAGE_NR_RULES,
};

/**
 * struct bzimage_load - one kexec_file_load() of a bzImage in progress
 * @elfcorehdr:	the ELF core header (crash images), vmalloc'ed
 * @elfcorehdr_mem: where it goes
 * @elfcorehdr_len: its length
 * @params:	boot_params, command line and setup_data, vmalloc'ed
 * @params_mem:	where they go
 * @params_len:	their length
 * @cmdline_off: offset of the command line in @params
 * @setup_off:	offset of the setup_data list in @params
 * @payload_mem: where the payload goes
 * @initrd_mem:	where the initrd goes, if there is one
 * @initrd_len:	its length, or 0
 * @backup_len: bytes of RAM below 1 MiB that purgatory saves before a
 *		crash image starts (from physical 0), or 0
 * @backup_mem:	where it saves them, inside the crash region
 * @purgatory:	the purgatory's buffer, vmalloc'ed
 *
 * The buffers stay until the image is committed (their bytes are copied
 * then), and are freed by the loader's cleanup.
 */
struct bzimage_load {
	void *elfcorehdr;
	unsigned long elfcorehdr_mem;
	unsigned long elfcorehdr_len;
	void *params;
	unsigned long params_mem;
	unsigned long params_len;
	unsigned long cmdline_off;
	unsigned long setup_off;
	unsigned long payload_mem;
	unsigned long initrd_mem;
	unsigned long initrd_len;
	unsigned long backup_len;
	unsigned long backup_mem;
	void *purgatory;
};

/**
 * struct bzimage_input - what bzimage_check() judges
 * @kernel:	the kernel file's bytes
 * @len:	its length
 * @la57:	this machine runs with 5-level paging, which the new kernel
 *		inherits at its 64-bit entry
 */
struct bzimage_input {
	const void *kernel;
	unsigned long len;
	bool la57;
};

unsigned long bzimage_setup_len(const struct setup_header *hdr);
enum bzimage_verdict bzimage_check(const struct bzimage_input *in);

/* bootparams.c */
int x86_bootparams_add(struct kimage *image, struct bzimage_load *ld,
		       const void *kernel, const char *cmdline);
void x86_bootparams_fill(struct kimage *image, struct bzimage_load *ld);

/* crash_map.c */
int x86_crash_add_elfcorehdr(struct kimage *image, struct bzimage_load *ld);
int x86_crash_e820(const struct bzimage_load *ld,
		   struct boot_e820_entry *map, unsigned int max);

/* purgatory/blob.S: the purgatory, a struct purgatory_header first */
extern const u8 x86_purgatory_blob[];
extern const u8 x86_purgatory_blob_end[];

/* purgatory_load.c */
/**
 * struct x86_purgatory_args - what the purgatory does after its checks
 * @kernel_entry: physical address of the new kernel's 64-bit entry point
 * @boot_params: physical address of its struct boot_params
 * @backup_src:	first byte to save before the jump
 * @backup_dst:	where to save it
 * @backup_len:	bytes to save, or 0
 */
struct x86_purgatory_args {
	unsigned long kernel_entry;
	unsigned long boot_params;
	unsigned long backup_src;
	unsigned long backup_dst;
	unsigned long backup_len;
};

int x86_purgatory_load(struct kimage *image,
		       const struct x86_purgatory_args *args, void **bufp);
#endif

#endif /* _ARCH_X86_KEXEC_KEXEC_X86_H */
