// SPDX-License-Identifier: GPL-2.0
/*
 * mkcore - write a small synthetic vmcore, valid or broken in one way, for
 * vmcore_check's own tests.
 *
 *   mkcore --arch x86_64|arm64 --cpus N [--variant V] [--iomem FILE] OUT
 *
 * The valid core has N NT_PRSTATUS notes (note 0 is the crashing task,
 * pid 100), a VMCOREINFO note with every required key, and two PT_LOADs
 * of two pages around a crash kernel region, as --iomem describes it.
 * Variants: valid, truncated, no-prstatus, missing-key=KEY, bad-magic,
 * phdr-out-of-file, huge-descsz, two-notes, zero-crashtime, uncovered.
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"

#define PAGE		4096
#define CRASH_PID	100
#define BUF_SIZE	(256 * 1024)

struct spec {
	int machine, cpus;
	size_t prstatus_size, pc_reg, sp_reg;
	const char *const *arch_keys;
	const char *variant;
};

static unsigned char buf[BUF_SIZE];
static size_t len;

static void *put(const void *data, size_t n)
{
	void *at = buf + len;

	if (len + n > BUF_SIZE) {
		fprintf(stderr, "mkcore: buffer full\n");
		exit(2);
	}
	if (data)
		memcpy(at, data, n);
	len += (n + 3) & ~(size_t)3;
	return at;
}

static Elf64_Nhdr *put_note(const char *name, uint32_t type,
			    const void *desc, uint32_t descsz)
{
	Elf64_Nhdr nh = { strlen(name) + 1, descsz, type };
	Elf64_Nhdr *at = put(&nh, sizeof(nh));

	put(name, nh.n_namesz);
	put(desc, descsz);
	return at;
}

static int is_variant(const struct spec *s, const char *v)
{
	return !strcmp(s->variant, v);
}

static void put_prstatus(const struct spec *s, int cpu)
{
	unsigned char pr[512] = { 0 };
	int32_t pid = cpu ? 0 : CRASH_PID;
	uint64_t pc = 0xffffffff81000000ull + cpu, sp = 0xffffc90000004000ull;

	if (s->machine == EM_AARCH64) {
		pc = 0xffff800008010000ull + cpu;
		sp = 0xffff800008004000ull;
	}
	/* A vmap stack of a kernel running five page-table levels. */
	if (is_variant(s, "five-level-stack"))
		sp = 0xff54c72300137ce8ull;
	/* The crashing CPU's registers are a user task's. */
	if (is_variant(s, "user-regs") && !cpu) {
		pc = 0x401000;
		sp = 0x7ffd12345670ull;
	}
	memcpy(pr + 32, &pid, sizeof(pid));
	memcpy(pr + 112 + 8 * s->pc_reg, &pc, sizeof(pc));
	memcpy(pr + 112 + 8 * s->sp_reg, &sp, sizeof(sp));
	put_note("CORE", NT_PRSTATUS, pr, s->prstatus_size);
}

static void add_keys(const struct spec *s, char *text, const char *const *k)
{
	const char *skip = "";

	if (!strncmp(s->variant, "missing-key=", 12))
		skip = s->variant + 12;
	for (; *k; k++) {
		if (!strcmp(*k, skip))
			continue;
		strcat(text, *k);
		if (!strcmp(*k, "PAGESIZE"))
			strcat(text, "=4096\n");
		else if (!strcmp(*k, "CRASHTIME"))
			strcat(text, is_variant(s, "zero-crashtime") ? "=0\n"
							: "=1764000000\n");
		else if (!strcmp(*k, "OSRELEASE"))
			strcat(text, "=6.1.0-mkcore\n");
		else
			strcat(text, "=1a\n");
	}
}

static void put_vmcoreinfo(const struct spec *s)
{
	static char text[16384];
	Elf64_Nhdr *nh;

	add_keys(s, text, keys_common);
	add_keys(s, text, s->arch_keys);
	nh = put_note("VMCOREINFO", 0, text, strlen(text));
	if (is_variant(s, "huge-descsz"))
		nh->n_descsz = 0xfffffff0;
}

static void write_iomem(const struct spec *s, const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		exit(2);
	}
	fprintf(f, "00000000-000fffff : Reserved\n");
	fprintf(f, "00100000-%08x : System RAM\n",
		is_variant(s, "uncovered") ? 0x4fffff : 0x3fffff);
	fprintf(f, "  00120000-0012ffff : Kernel code\n");
	fprintf(f, "  00200000-002fffff : Crash kernel\n");
	fprintf(f, "fec00000-fec003ff : IOAPIC 0\n");
	fclose(f);
}

static void build(const struct spec *s)
{
	int nnotes = is_variant(s, "two-notes") ? 2 : 1;
	Elf64_Ehdr *eh = put(NULL, sizeof(*eh));
	Elf64_Phdr *ph = put(NULL, (nnotes + 2) * sizeof(*ph));
	size_t notes_at = len;
	int i;

	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_CORE;
	eh->e_machine = s->machine;
	eh->e_version = EV_CURRENT;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = nnotes + 2;

	for (i = 0; !is_variant(s, "no-prstatus") && i < s->cpus; i++)
		put_prstatus(s, i);
	put_vmcoreinfo(s);
	for (i = 0; i < nnotes; i++)
		ph[i] = (Elf64_Phdr){ .p_type = PT_NOTE, .p_offset = notes_at,
				      .p_filesz = len - notes_at };

	len = (len + PAGE - 1) & ~(size_t)(PAGE - 1);
	for (i = 0; i < 2; i++) {
		ph[nnotes + i] = (Elf64_Phdr){
			.p_type = PT_LOAD, .p_offset = len,
			.p_paddr = i ? 0x300000 : 0x100000,
			.p_vaddr = 0xffff888000000000ull,
			.p_filesz = 2 * PAGE, .p_memsz = 0x100000,
		};
		/* Two pages of data; the rest of p_memsz reads as zeroes. */
		memset(put(NULL, 2 * PAGE), 0x5a + i, 2 * PAGE);
	}

	if (is_variant(s, "bad-magic"))
		eh->e_ident[EI_MAG1] = 'X';
	if (is_variant(s, "phdr-out-of-file"))
		eh->e_phoff = 0x7ffffff0;
}

static int write_core(const struct spec *s, const char *path)
{
	/* A truncated core loses half of the last PT_LOAD's data. */
	size_t size = is_variant(s, "truncated") ? len - PAGE : len;
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		return 2;
	}
	fwrite(buf, 1, size, f);
	return fclose(f) ? 2 : 0;
}

int main(int argc, char **argv)
{
	struct spec s = { .variant = "valid", .cpus = 2 };
	const char *iomem = NULL, *out = NULL;
	int i;

	for (i = 1; i < argc; i++) {
		if (i + 1 < argc && !strcmp(argv[i], "--arch")) {
			i++;
			if (!strcmp(argv[i], "arm64"))
				s = (struct spec){ EM_AARCH64, s.cpus, 392, 32,
						   31, keys_arm64, s.variant };
			else
				s = (struct spec){ EM_X86_64, s.cpus, 336, 16,
						   19, keys_x86_64, s.variant };
		} else if (i + 1 < argc && !strcmp(argv[i], "--cpus")) {
			s.cpus = atoi(argv[++i]);
		} else if (i + 1 < argc && !strcmp(argv[i], "--variant")) {
			s.variant = argv[++i];
		} else if (i + 1 < argc && !strcmp(argv[i], "--iomem")) {
			iomem = argv[++i];
		} else {
			out = argv[i];
		}
	}
	if (!s.machine || !out || s.cpus < 1 || s.cpus > 64) {
		fputs("usage: mkcore --arch A --cpus N [--variant V] [--iomem FILE] OUT\n",
		      stderr);
		return 2;
	}
	build(&s);
	if (iomem)
		write_iomem(&s, iomem);
	return write_core(&s, out);
}
