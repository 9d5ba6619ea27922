/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/crash_dump.h>, for the kdump fuzzers
 * only.  The machine checks are x86_64's; elfcorehdr_read_notes() reads
 * the fuzz input as old memory (shim/oldmem.c).
 */
#ifndef _FUZZ_SHIM_LINUX_CRASH_DUMP_H
#define _FUZZ_SHIM_LINUX_CRASH_DUMP_H

#include <linux/elf.h>
#include <linux/types.h>

#define vmcore_elf32_check_arch(x)	elf_check_arch(x)
#define vmcore_elf64_check_arch(x)	elf_check_arch(x)

ssize_t elfcorehdr_read_notes(char *buf, size_t count, u64 *ppos);

/* Fuzzer only: old memory is @size bytes at FUZZ_OLDMEM_BASE. */
#define FUZZ_OLDMEM_BASE	0x1000ULL
void fuzz_oldmem_set(const void *mem, size_t size);

/*
 * Fuzzer only: the capture kernel's own memory, [FUZZ_OWN_START,
 * FUZZ_OWN_END), one page inside inputs of 8 KiB or more; no read may
 * reach it.
 */
#define FUZZ_OWN_START		0x3000ULL
#define FUZZ_OWN_END		0x4000ULL
u64 fuzz_own_ram_start(u64 start, u64 end);

#endif
