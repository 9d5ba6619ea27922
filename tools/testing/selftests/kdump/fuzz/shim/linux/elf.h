/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/elf.h>, for the kdump fuzzers only: the
 * structures and constants are the uapi header's (linux-libc-dev); what
 * the kernel takes from <asm/elf.h> is given for x86_64.
 */
#ifndef _FUZZ_SHIM_LINUX_ELF_H
#define _FUZZ_SHIM_LINUX_ELF_H

#include <linux/types.h>
#include_next <linux/elf.h>

#define ELF_DATA	ELFDATA2LSB
#define ELF_ARCH	EM_X86_64
#define elf_check_arch(x)	((x)->e_machine == EM_X86_64)
#define elfhdr			elf64_hdr
#define elf_shdr		elf64_shdr

#endif
