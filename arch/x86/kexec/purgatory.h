/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The contract between the x86_64 purgatory (arch/x86/kexec/purgatory/)
 * and the kernel that loads it (arch/x86/kexec/purgatory_load.c).
 *
 * The purgatory is a position-independent blob: it runs wherever it is
 * placed, with no relocation applied by the loading kernel.  It starts
 * with a struct purgatory_header; the loader copies it into a buffer of
 * mem_size bytes (the tail beyond file_size is the blob's zeroed bss and
 * stack), fills the struct purgatory_params at params_off, and adds that
 * buffer as the image's last segment.  The image's entry point is the
 * segment's address plus entry_off.
 */
#ifndef _ARCH_X86_KEXEC_PURGATORY_H
#define _ARCH_X86_KEXEC_PURGATORY_H

/* The constants are also read by the purgatory's linker script. */
#define PURGATORY_MAGIC		0x59524750	/* "PGRY", little endian */
#define PURGATORY_VERSION	1
#define PURGATORY_MAX_DIGESTS	16
#define PURGATORY_DIGEST_SIZE	32		/* SHA-256 */

#ifndef __ASSEMBLY__
#include <linux/types.h>

/**
 * struct purgatory_header - what the loader needs to know about the blob
 * @magic:	PURGATORY_MAGIC
 * @version:	PURGATORY_VERSION
 * @entry_off:	offset of the first instruction from the start of the blob
 * @params_off:	offset of the struct purgatory_params, 8-byte aligned
 * @file_size:	bytes of the blob that carry content
 * @mem_size:	bytes the blob needs in memory, bss and stack included;
 *		a multiple of the page size
 *
 * purgatory/purgatory.lds.S writes it, field by field in this order.
 */
struct purgatory_header {
	__u32 magic;
	__u32 version;
	__u32 entry_off;
	__u32 params_off;
	__u32 file_size;
	__u32 mem_size;
};

/**
 * struct purgatory_digest - one range the purgatory checks before the jump
 * @mem:	physical address of the first byte
 * @len:	bytes to hash
 * @sha256:	their SHA-256, as the loading kernel computed it
 */
struct purgatory_digest {
	__u64 mem;
	__u64 len;
	__u8 sha256[PURGATORY_DIGEST_SIZE];
};

/**
 * struct purgatory_params - filled by the loader, read by the purgatory
 * @entry:	physical address of the new kernel's 64-bit entry point
 * @boot_params: physical address of its struct boot_params (goes in %rsi)
 * @nr_digests:	how many entries of @digest are used
 * @reserved:	zero
 * @backup_src:	first byte of memory to save once the digests match (crash
 *		images: the RAM below 1 MiB, which the capture kernel uses)
 * @backup_dst:	where to save it, a segment without content
 * @backup_len:	bytes to save, or 0
 * @digest:	the ranges to check, in order
 *
 * On entry the purgatory checks every range; if one does not match, it
 * writes one line naming the range to the first serial port (0x3f8) and
 * halts.  Otherwise it loads a flat GDT (__BOOT_CS 0x10, __BOOT_DS 0x18)
 * and jumps to @entry with %rsi = @boot_params, as the 64-bit boot
 * protocol requires.
 */
struct purgatory_params {
	__u64 entry;
	__u64 boot_params;
	__u32 nr_digests;
	__u32 reserved;
	__u64 backup_src;
	__u64 backup_dst;
	__u64 backup_len;
	struct purgatory_digest digest[PURGATORY_MAX_DIGESTS];
};
#endif /* __ASSEMBLY__ */

#endif /* _ARCH_X86_KEXEC_PURGATORY_H */
