// SPDX-License-Identifier: GPL-2.0
/*
 * mkseeds - write the seed corpora of the kdump fuzzers.
 *
 *   mkseeds DIR     writes DIR/vmcore_hdr/ and DIR/crashkernel/
 *
 * vmcore_hdr seeds are ELF core headers followed by the notes their
 * PT_NOTEs point at; the fuzzer maps the input at physical address
 * FUZZ_OLDMEM_BASE (shim/linux/crash_dump.h), so a note at input offset X
 * has p_offset OLDMEM + X.  Each is ELF64 or ELF32 and valid, or damaged
 * in the ways the rules salvage.  crashkernel seeds are 8 bytes of RAM
 * size (little endian) followed by a command line.
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OLDMEM		0x1000ULL
#define SEED_SIZE	0x1000
#define NOTES_AT	0x800

struct seg {
	uint32_t type;
	uint64_t pa;
	uint64_t size;
};

static unsigned char buf[SEED_SIZE];
static const char *outdir;

static void put(const char *sub, const char *name, const void *p, size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/%s", outdir, sub, name);
	f = fopen(path, "w");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f)) {
		perror(path);
		exit(1);
	}
}

/* A note at @at: name "CORE" or "VMCOREINFO", @desc bytes of payload. */
static size_t put_note(size_t at, const char *name, uint32_t type,
		       uint32_t desc)
{
	uint32_t nh[3] = { strlen(name) + 1, desc, type };
	size_t name_len = (nh[0] + 3) & ~3u;

	memcpy(buf + at, nh, sizeof(nh));
	memcpy(buf + at + sizeof(nh), name, nh[0]);
	memset(buf + at + sizeof(nh) + name_len, 0x5a, desc);
	return sizeof(nh) + name_len + ((desc + 3) & ~3u);
}

/* put_ehdr64() and put_ehdr32(): one ELF header of each class. */
#define DEFINE_PUT_EHDR(bits)						\
static void put_ehdr##bits(unsigned int phnum)				\
{									\
	Elf##bits##_Ehdr eh = {						\
		.e_ident = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3,	\
			     ELFCLASS##bits, ELFDATA2LSB, EV_CURRENT },	\
		.e_type = ET_CORE, .e_machine = EM_X86_64,		\
		.e_version = EV_CURRENT,				\
		.e_phoff = sizeof(Elf##bits##_Ehdr),			\
		.e_ehsize = sizeof(Elf##bits##_Ehdr),			\
		.e_phentsize = sizeof(Elf##bits##_Phdr),		\
		.e_phnum = phnum,					\
	};								\
									\
	memcpy(buf, &eh, sizeof(eh));					\
}

DEFINE_PUT_EHDR(64)
DEFINE_PUT_EHDR(32)

static void put_phdrs(int is64, const struct seg *s, unsigned int n)
{
	Elf64_Phdr p64;
	Elf32_Phdr p32;
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (is64) {
			p64 = (Elf64_Phdr){ .p_type = s[i].type,
				.p_offset = s[i].pa, .p_paddr = s[i].pa,
				.p_vaddr = s[i].type == PT_LOAD ?
					0xffff888000000000ULL + s[i].pa : 0,
				.p_filesz = s[i].size, .p_memsz = s[i].size,
				.p_flags = PF_R | PF_W | PF_X };
			memcpy(buf + sizeof(Elf64_Ehdr) + i * sizeof(p64),
			       &p64, sizeof(p64));
			continue;
		}
		p32 = (Elf32_Phdr){ .p_type = s[i].type,
			.p_offset = s[i].pa, .p_paddr = s[i].pa,
			.p_filesz = s[i].size, .p_memsz = s[i].size,
			.p_flags = PF_R | PF_W | PF_X };
		memcpy(buf + sizeof(Elf32_Ehdr) + i * sizeof(p32), &p32,
		       sizeof(p32));
	}
}

/*
 * Two CPU note buffers (one saved, one all zeros) and VMCOREINFO, as a
 * crashed kernel leaves them; fills @s[0..2], returns the next free byte.
 */
static size_t put_notes(struct seg *s)
{
	size_t at = NOTES_AT, n;

	n = put_note(at, "CORE", NT_PRSTATUS, 336);
	s[0] = (struct seg){ PT_NOTE, OLDMEM + at, n + 12 + 64 };
	at += n + 12 + 64;
	s[1] = (struct seg){ PT_NOTE, OLDMEM + at, 128 };
	at += 128;
	n = put_note(at, "VMCOREINFO", 0, 40);
	memcpy(buf + at + 24, "OSRELEASE=6.1.0\nPAGESIZE=4096\n", 30);
	s[2] = (struct seg){ PT_NOTE, OLDMEM + at, n };
	return at + n;
}

static void seed_valid(int is64, const char *name)
{
	struct seg s[6];

	memset(buf, 0, sizeof(buf));
	put_notes(s);
	s[3] = (struct seg){ PT_LOAD, 0x1000000, 0x2000000 };
	s[4] = (struct seg){ PT_LOAD, 0x1200000, 0x1000 };	/* nested */
	s[5] = (struct seg){ PT_LOAD, 0x100000000ULL, 0x1800 };
	if (!is64)
		s[5].pa = 0x40000800;
	is64 ? put_ehdr64(6) : put_ehdr32(6);
	put_phdrs(is64, s, 6);
	put("vmcore_hdr", name, buf, SEED_SIZE);
}

/* Everything the rules salvage rather than refuse. */
static void seed_damaged(int is64, const char *name)
{
	struct seg s[9];

	memset(buf, 0, sizeof(buf));
	put_notes(s);
	/* A note that overruns its segment, one not 4-byte aligned. */
	s[0].size = 100;
	s[2] = (struct seg){ PT_NOTE, OLDMEM + 0xe02,
			     put_note(0xe02, "VMCOREINFO", 0, 40) };
	/* PT_LOADs that overlap, one empty. */
	s[3] = (struct seg){ PT_LOAD, 0x1000000, 0x2000000 };
	s[4] = (struct seg){ PT_LOAD, 0x2800000, 0x1000000 };
	s[5] = (struct seg){ PT_LOAD, 0x5000, 0 };
	s[6] = (struct seg){ PT_GNU_STACK, 0, 0 };
	s[7] = (struct seg){ PT_NOTE, 0xfffff000, 0x2000 };	/* unread */
	s[8] = (struct seg){ PT_NOTE, OLDMEM, 0x200000 };	/* > 1 MiB */
	is64 ? put_ehdr64(9) : put_ehdr32(9);
	put_phdrs(is64, s, 9);
	put("vmcore_hdr", name, buf, SEED_SIZE);
}

/* ELF32 whose data passes 4 GiB: the layout must refuse to truncate. */
static void seed_elf32_4g(void)
{
	struct seg s[4];

	memset(buf, 0, sizeof(buf));
	s[0] = (struct seg){ PT_NOTE, OLDMEM + NOTES_AT, 0 };
	s[1] = (struct seg){ PT_LOAD, 0, 0xf0000000 };
	s[2] = (struct seg){ PT_LOAD, 0x100000, 0x1ff00000 };
	s[3] = (struct seg){ PT_LOAD, 0x5000, 0x1000 };	/* past 4 GiB */
	put_ehdr32(4);
	put_phdrs(0, s, 4);
	put("vmcore_hdr", "elf32-past-4g", buf, 0x100);
}

/* Many small PT_LOADs, so that chunk lookups have work to do. */
static void seed_many_loads(void)
{
	struct seg s[60];
	unsigned int i;

	memset(buf, 0, sizeof(buf));
	for (i = 0; i < 60; i++)
		s[i] = (struct seg){ PT_LOAD, 0x100000 * i + 0x10 * i,
				     0x1000 * (i % 5) + 0x100 };
	put_ehdr64(60);
	put_phdrs(1, s, 60);
	put("vmcore_hdr", "elf64-many-loads",
	    buf, sizeof(Elf64_Ehdr) + 60 * sizeof(Elf64_Phdr));
}

static void seed_cmdline(const char *name, uint64_t ram, const char *cmd)
{
	unsigned char c[512];
	size_t n = strlen(cmd);
	int i;

	for (i = 0; i < 8; i++)
		c[i] = ram >> (8 * i);
	memcpy(c + 8, cmd, n);
	put("crashkernel", name, c, 8 + n);
}

static void seeds_crashkernel(void)
{
	const uint64_t g = 1ULL << 30, m = 1ULL << 20;

	seed_cmdline("size", 4 * g, "quiet crashkernel=64M console=ttyS0");
	seed_cmdline("offset", 4 * g, "crashkernel=0x2000000@256m");
	seed_cmdline("ranges", 16 * g - m,
		     "crashkernel=1G-8G:192M,8G-128G:384M,128G-:1G");
	seed_cmdline("ranges-offset", 512 * m,
		     "crashkernel=0-1G:32M,1G-:64M@16M");
	seed_cmdline("high-low", 8 * g,
		     "crashkernel=256M,high crashkernel=0x10000000,low");
	seed_cmdline("last-wins", 4 * g,
		     "crashkernel=16M quiet crashkernel=32M");
	seed_cmdline("overflow", 4 * g,
		     "crashkernel=99999999999999999999M crashkernel=1E,low");
	seed_cmdline("octal-high", 511 * m,
		     "crashkernel=512M-:16M crashkernel=0177K,high");
	seed_cmdline("unchosen-too-big", 512 * m,
		     "crashkernel=0-256M:1G,256M-:64M");
	seed_cmdline("no-range-offset", 512 * m,
		     "crashkernel=1G-2G:64M@16M");
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: mkseeds DIR\n", stderr);
		return 2;
	}
	outdir = argv[1];
	seed_valid(1, "elf64-valid");
	seed_valid(0, "elf32-valid");
	seed_damaged(1, "elf64-damaged");
	seed_damaged(0, "elf32-damaged");
	seed_elf32_4g();
	seed_many_loads();
	seeds_crashkernel();
	return 0;
}
