// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_damage.so - damage the ELF core header that kexec-tools hands to
 * kexec_load(), the way memory corruption or a buggy producer would, so
 * that the capture kernel's salvage rules meet a real crash.
 *
 * Preloaded into "kexec -p" (LD_PRELOAD); KDUMP_DAMAGE says what to do:
 *
 *   note-overruns  CPU 1's PT_NOTE shrinks below the note it holds
 *   note-huge      CPU 1's PT_NOTE grows to 2 MiB
 *   loads-overlap  the largest PT_LOAD is split in two that overlap by
 *                  two pages without nesting
 *   other-phdr     a PT_GNU_STACK is added
 *
 * kexec-tools lists one PT_NOTE per CPU, in CPU order, then VMCOREINFO's.
 * If the damage cannot be done (unknown name, no header, no room), the
 * load fails with EINVAL and a message: a test must never pass on an
 * undamaged header.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <linux/kexec.h>

#define PAGE	4096UL

static Elf64_Phdr *phdr(Elf64_Ehdr *eh, unsigned int i)
{
	return (Elf64_Phdr *)((char *)eh + eh->e_phoff) + i;
}

/* The @n-th program header of @type, or NULL. */
static Elf64_Phdr *nth(Elf64_Ehdr *eh, Elf64_Word type, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < eh->e_phnum; i++)
		if (phdr(eh, i)->p_type == type && !n--)
			return phdr(eh, i);
	return NULL;
}

/* A free slot after the last program header, or NULL. */
static Elf64_Phdr *append(Elf64_Ehdr *eh, size_t bufsz)
{
	if (eh->e_phoff + (eh->e_phnum + 1) * sizeof(Elf64_Phdr) > bufsz)
		return NULL;
	return phdr(eh, eh->e_phnum++);
}

/*
 * Split the largest PT_LOAD in two that overlap by two pages without
 * nesting; together they still describe exactly the same RAM.
 */
static const char *overlap_loads(Elf64_Ehdr *eh, size_t bufsz)
{
	Elf64_Phdr *l = NULL, *p, *add;
	unsigned long mid, end;
	unsigned int i;

	for (i = 0; (p = nth(eh, PT_LOAD, i)); i++)
		if (!l || p->p_memsz > l->p_memsz)
			l = p;
	if (!l || l->p_memsz < 4 * PAGE)
		return "no PT_LOAD of four pages or more";
	add = append(eh, bufsz);
	if (!add)
		return "no room for another program header";
	end = l->p_paddr + l->p_memsz;
	mid = (l->p_paddr + l->p_memsz / 2) & ~(PAGE - 1);
	*add = *l;
	add->p_paddr = mid - PAGE;
	add->p_offset = add->p_paddr;
	add->p_vaddr = l->p_vaddr + (add->p_paddr - l->p_paddr);
	add->p_memsz = end - add->p_paddr;
	add->p_filesz = add->p_memsz;
	l->p_memsz = mid + PAGE - l->p_paddr;
	l->p_filesz = l->p_memsz;
	return NULL;
}

static const char *damage(Elf64_Ehdr *eh, size_t bufsz, const char *how)
{
	Elf64_Phdr *cpu1 = nth(eh, PT_NOTE, 1), *add;

	if (!nth(eh, PT_NOTE, 2))
		return "fewer than two CPU notes";
	if (!strcmp(how, "note-overruns")) {
		cpu1->p_memsz = 16;
		cpu1->p_filesz = 16;
	} else if (!strcmp(how, "note-huge")) {
		cpu1->p_memsz = 2UL << 20;
		cpu1->p_filesz = cpu1->p_memsz;
	} else if (!strcmp(how, "loads-overlap")) {
		return overlap_loads(eh, bufsz);
	} else if (!strcmp(how, "other-phdr")) {
		add = append(eh, bufsz);
		if (!add)
			return "no room for another program header";
		*add = (Elf64_Phdr){ .p_type = PT_GNU_STACK, .p_flags = PF_R };
	} else {
		return "unknown KDUMP_DAMAGE";
	}
	return NULL;
}

static int is_core_header(const struct kexec_segment *s)
{
	const Elf64_Ehdr *eh = s->buf;

	return s->bufsz >= sizeof(*eh) && !memcmp(eh, ELFMAG, SELFMAG) &&
	       eh->e_ident[EI_CLASS] == ELFCLASS64 && eh->e_type == ET_CORE;
}

/* Replace the header segment's buffer by a damaged copy; 0 or -1. */
static int damage_segments(struct kexec_segment *seg, unsigned long nr)
{
	const char *how = getenv("KDUMP_DAMAGE"), *why = "no ELF core header";
	unsigned long i;
	void *copy;

	for (i = 0; i < nr; i++) {
		if (!is_core_header(&seg[i]))
			continue;
		copy = malloc(seg[i].bufsz);
		if (!copy)
			return -1;
		memcpy(copy, seg[i].buf, seg[i].bufsz);
		why = damage(copy, seg[i].bufsz, how);
		if (!why) {
			seg[i].buf = copy;
			fprintf(stderr, "kexec_damage: %s done\n", how);
			return 0;
		}
	}
	fprintf(stderr, "kexec_damage: %s: %s\n", how, why);
	return -1;
}

long syscall(long nr, ...)
{
	static long (*real)(long nr, ...);
	long a[6];
	va_list ap;
	int i;

	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (!real)
		real = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
	if (nr == SYS_kexec_load && (a[3] & KEXEC_ON_CRASH) && a[1] &&
	    getenv("KDUMP_DAMAGE") &&
	    damage_segments((struct kexec_segment *)a[2], a[1])) {
		errno = EINVAL;
		return -1;
	}
	return real(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}
