// SPDX-License-Identifier: GPL-2.0
/*
 * mkelfcorehdr - write an ELF core header, as kexec-tools hands one to a
 * capture kernel through elfcorehdr=, valid or corrupted in one way.
 *
 *   mkelfcorehdr [--machine M] --base PHYS --variant V OUT
 *   mkelfcorehdr [--machine M] --base PHYS --loads N --ram START:SIZE OUT
 *
 * The blob is placed at physical address PHYS in the guest; offsets in
 * its program headers are physical addresses, as in a real elfcorehdr.
 * It holds the header, one PT_NOTE pointing at a VMCOREINFO note inside
 * the blob, and two PT_LOADs describing 4 MiB of RAM each, at PHYS + 8 MiB
 * and PHYS + 12 MiB: the test keeps [PHYS + 8 MiB, PHYS + 16 MiB) out of
 * the capture kernel's RAM, as old memory is.  Variants:
 * valid, bad-magic, bad-class, bad-phentsize, phnum-huge, phoff-huge,
 * note-huge, note-overruns, note-unaligned, load-wraps, loads-overlap,
 * other-phdr (a PT_GNU_STACK after the PT_LOADs), loads-huge (valid: the
 * second PT_LOAD is 64 GiB at 4 GiB, as on a machine with that much RAM),
 * load-own (the first PT_LOAD is 16 MiB at 16 MiB, the capture kernel's
 * own RAM).
 *
 * With --loads, a valid header whose N PT_LOADs split the SIZE bytes of
 * RAM at START into equal runs of whole pages (the last takes the rest),
 * for make perf's measurement of how /proc/vmcore scales with the number
 * of program headers; the note then follows the longer table.
 *
 * --machine x86_64 (the default) or aarch64 sets e_machine: a capture
 * kernel takes only a header of its own machine.
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE		0x1000
#define MAX_LOADS	60000
#define BLOB_MAX	(((sizeof(Elf64_Ehdr) + (MAX_LOADS + 1) * \
			   sizeof(Elf64_Phdr) + PAGE - 1) & ~(PAGE - 1)) + PAGE)

static unsigned char blob[BLOB_MAX];
/* The note page follows the program headers. */
static uint64_t note_at = PAGE, blob_size = 2 * PAGE;
static Elf64_Half machine = EM_X86_64;

static int is(const char *a, const char *b)
{
	return !strcmp(a, b);
}

/* A VMCOREINFO note at NOTE_AT; returns its size. */
static uint64_t put_note(const char *variant)
{
	static const char text[] = "OSRELEASE=elfcorehdr-test\nPAGESIZE=4096\n";
	Elf64_Nhdr nh = { sizeof("VMCOREINFO"), sizeof(text) - 1, 0 };
	unsigned char *p = blob + note_at;

	if (is(variant, "note-overruns"))
		nh.n_descsz = 0x100000;
	memcpy(p, &nh, sizeof(nh));
	memcpy(p + sizeof(nh), "VMCOREINFO", sizeof("VMCOREINFO"));
	memcpy(p + sizeof(nh) + 12, text, sizeof(text) - 1);
	return sizeof(nh) + 12 + ((sizeof(text) - 1 + 3) & ~3u);
}

static void put_loads(Elf64_Phdr *ph, uint64_t base, const char *variant)
{
	uint64_t second = base + (is(variant, "loads-overlap") ? 0xa00000 :
							      0xc00000);
	int i;

	for (i = 0; i < 2; i++) {
		ph[i] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W | PF_X,
				      .p_align = 0 };
		ph[i].p_paddr = i ? second : base + 0x800000;
		ph[i].p_memsz = 0x400000;
	}
	if (is(variant, "load-own")) {
		ph[0].p_paddr = 0x1000000;
		ph[0].p_memsz = 0x1000000;
	}
	if (is(variant, "load-wraps"))
		ph[1].p_paddr = 0xfffffffffffff000ull;
	if (is(variant, "loads-huge")) {
		ph[1].p_paddr = 0x100000000ull;
		ph[1].p_memsz = 0x1000000000ull;
	}
	/* In an elfcorehdr, p_offset is the physical address too. */
	for (i = 0; i < 2; i++) {
		ph[i].p_offset = ph[i].p_paddr;
		ph[i].p_filesz = ph[i].p_memsz;
		ph[i].p_vaddr = 0xffff888000000000ull + ph[i].p_paddr;
	}
}

static void build(uint64_t base, const char *variant)
{
	Elf64_Ehdr *eh = (void *)blob;
	Elf64_Phdr *ph = (void *)(blob + sizeof(*eh));
	uint64_t note_size = put_note(variant);

	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = is(variant, "bad-class") ? 7 : ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_CORE;
	eh->e_machine = machine;
	eh->e_version = EV_CURRENT;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = is(variant, "bad-phentsize") ? 40 : sizeof(*ph);
	eh->e_phnum = is(variant, "phnum-huge") ? 0xffff : 3;
	/* Beyond 4 MiB; the suite declares a header size that allows it. */
	if (is(variant, "phoff-huge"))
		eh->e_phoff = 0x80000000ull;

	ph[0] = (Elf64_Phdr){ .p_type = PT_NOTE, .p_offset = base + note_at,
			      .p_filesz = note_size, .p_memsz = note_size };
	if (is(variant, "note-huge")) {
		ph[0].p_memsz = 0x7fffffffffffull;
		ph[0].p_filesz = ph[0].p_memsz;
	}
	if (is(variant, "note-unaligned"))
		ph[0].p_offset += 2;
	put_loads(ph + 1, base, variant);
	if (is(variant, "other-phdr")) {
		ph[3] = (Elf64_Phdr){ .p_type = PT_GNU_STACK, .p_flags = PF_R };
		eh->e_phnum = 4;
	}
	if (is(variant, "bad-magic"))
		eh->e_ident[EI_MAG2] = 'X';
}

/* N PT_LOADs over [start, start + size), whole pages each. */
static void build_split(uint64_t base, unsigned int n, uint64_t start,
			uint64_t size)
{
	Elf64_Ehdr *eh = (void *)blob;
	Elf64_Phdr *ph = (void *)(blob + sizeof(*eh));
	uint64_t run = size / n & ~(uint64_t)(PAGE - 1);
	unsigned int i;

	note_at = (sizeof(*eh) + (n + 1) * sizeof(*ph) + PAGE - 1) &
		  ~(uint64_t)(PAGE - 1);
	blob_size = note_at + PAGE;
	build(base, "valid");
	eh->e_phnum = n + 1;
	for (i = 0; i < n; i++) {
		Elf64_Phdr *p = &ph[i + 1];

		*p = (Elf64_Phdr){ .p_type = PT_LOAD,
				   .p_flags = PF_R | PF_W | PF_X };
		p->p_paddr = start + i * run;
		p->p_memsz = i + 1 < n ? run : size - i * run;
		p->p_offset = p->p_paddr;
		p->p_filesz = p->p_memsz;
		p->p_vaddr = 0xffff888000000000ull + p->p_paddr;
	}
}

int main(int argc, char **argv)
{
	const char *variant = "valid", *out = NULL, *ram = NULL;
	uint64_t base = 0, start = 0, size = 0;
	unsigned int loads = 0;
	char *colon;
	FILE *f;
	int i;

	for (i = 1; i < argc; i++) {
		if (i + 1 < argc && is(argv[i], "--base"))
			base = strtoull(argv[++i], NULL, 0);
		else if (i + 1 < argc && is(argv[i], "--variant"))
			variant = argv[++i];
		else if (i + 1 < argc && is(argv[i], "--loads"))
			loads = strtoul(argv[++i], NULL, 0);
		else if (i + 1 < argc && is(argv[i], "--ram"))
			ram = argv[++i];
		else if (i + 1 < argc && is(argv[i], "--machine"))
			machine = is(argv[++i], "aarch64") ? EM_AARCH64 :
				  is(argv[i], "x86_64") ? EM_X86_64 : EM_NONE;
		else
			out = argv[i];
	}
	if (ram) {
		start = strtoull(ram, &colon, 0);
		size = *colon == ':' ? strtoull(colon + 1, NULL, 0) : 0;
	}
	if (!base || !out || machine == EM_NONE ||
	    (loads && (loads > MAX_LOADS || !ram ||
		       size < (uint64_t)loads * PAGE))) {
		fputs("usage: mkelfcorehdr [--machine x86_64|aarch64] --base PHYS --variant V OUT\n"
		      "       mkelfcorehdr [--machine x86_64|aarch64] --base PHYS --loads N --ram START:SIZE OUT\n",
		      stderr);
		return 2;
	}
	if (loads)
		build_split(base, loads, start, size);
	else
		build(base, variant);
	f = fopen(out, "w");
	if (!f || fwrite(blob, 1, blob_size, f) != blob_size || fclose(f)) {
		perror(out);
		return 2;
	}
	return 0;
}
