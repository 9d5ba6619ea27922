// SPDX-License-Identifier: GPL-2.0
/*
 * vmcore_check - judge an ELF64 /proc/vmcore saved from a crashed kernel.
 *
 *   vmcore_check --arch x86_64|arm64 --cpus N [--crash-pid PID]
 *                [--iomem FILE] [--page-size BYTES] VMCORE
 *   vmcore_check --arch x86_64|arm64 --key NAME VMCORE
 *
 * The second form prints NAME=value from the VMCOREINFO note and exits 0,
 * or exits 1 if the note has no such key.
 *
 * The file is hostile input: it may be truncated anywhere and any count,
 * offset or size in it may be a lie.  Every rule is one function; each
 * violation is printed on its own line as "vmcore_check: FAIL: ...".
 * Exit status: 0 clean, 1 violations, 2 usage or I/O error.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keys.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MAX_CPUS	512
#define MAX_RANGES	256

/* What differs between the architectures, as data. */
struct arch {
	const char *name;
	int machine;
	size_t prstatus_size;	/* sizeof(struct elf_prstatus) */
	size_t pc_reg, sp_reg;	/* indexes into pr_reg, u64 words */
	uint64_t text_min;	/* lowest kernel text address */
	uint64_t stack_min;	/* lowest kernel stack address */
	const char *const *keys;
};

/* elf_prstatus: pr_pid at 32, pr_reg at 112 on both 64-bit arches. */
#define PRSTATUS_PID	32
#define PRSTATUS_REG	112

static const struct arch arches[] = {
	/* user_regs_struct: rip is word 16, rsp word 19.  Stacks are in the
	 * upper half, which starts at 0xff00... with five page-table levels
	 * (0xffff8... with four, where the addresses between cannot occur).
	 */
	{ "x86_64", EM_X86_64, 336, 16, 19,
	  0xffffffff80000000ull, 0xff00000000000000ull, keys_x86_64 },
	/* user_pt_regs: regs[31], sp, pc, pstate; 48-bit VA: the kernel
	 * image lives in the vmalloc area at 0xffff8..., stacks anywhere in
	 * the upper half.
	 */
	{ "arm64", EM_AARCH64, 392, 32, 31,
	  0xffff800000000000ull, 0xffff000000000000ull, keys_arm64 },
};

struct range {
	uint64_t start, end;	/* [start, end) */
};

struct cpu_note {
	int32_t pid;
	uint64_t pc, sp;
};

struct core {
	const struct arch *arch;
	const unsigned char *map;
	uint64_t size;
	const Elf64_Ehdr *eh;
	const Elf64_Phdr *note;		/* the single PT_NOTE, if found */
	struct range loads[MAX_RANGES];	/* PT_LOAD physical ranges */
	int nloads;
	struct cpu_note cpus[MAX_CPUS];
	int ncpus;
	const char *vmcoreinfo;		/* not NUL-terminated */
	size_t vmcoreinfo_len;
	int nvmcoreinfo;
	unsigned long page_size;	/* what VMCOREINFO PAGESIZE must say */
	int failures;
};

static void fail(struct core *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("vmcore_check: FAIL: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	c->failures++;
}

/* Does [off, off + len) lie inside the file?  Overflow-safe. */
static int in_file(const struct core *c, uint64_t off, uint64_t len)
{
	return off <= c->size && len <= c->size - off;
}

static uint64_t load64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* ---- ELF header and program headers ------------------------------------ */

static int check_ident(struct core *c)
{
	const unsigned char *id = c->map;

	if (c->size < sizeof(Elf64_Ehdr)) {
		fail(c, "file is %" PRIu64 " bytes, smaller than an ELF header",
		     c->size);
		return -1;
	}
	if (memcmp(id, ELFMAG, SELFMAG)) {
		fail(c, "no ELF magic");
		return -1;
	}
	if (id[EI_CLASS] != ELFCLASS64 || id[EI_DATA] != ELFDATA2LSB ||
	    id[EI_VERSION] != EV_CURRENT) {
		fail(c, "not a little-endian ELF64 version 1 file");
		return -1;
	}
	return 0;
}

static int check_ehdr(struct core *c)
{
	const Elf64_Ehdr *eh = c->eh;

	if (eh->e_type != ET_CORE)
		fail(c, "e_type is %u, not ET_CORE", eh->e_type);
	if (eh->e_machine != c->arch->machine)
		fail(c, "e_machine is %u, want %d for %s", eh->e_machine,
		     c->arch->machine, c->arch->name);
	if (eh->e_phentsize != sizeof(Elf64_Phdr)) {
		fail(c, "e_phentsize is %u, want %zu", eh->e_phentsize,
		     sizeof(Elf64_Phdr));
		return -1;
	}
	if (eh->e_phnum == 0) {
		fail(c, "no program headers");
		return -1;
	}
	if (!in_file(c, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr))) {
		fail(c, "program header table (%u at offset %#" PRIx64
		     ") runs past the end of the file", eh->e_phnum, eh->e_phoff);
		return -1;
	}
	return 0;
}

static void check_load(struct core *c, const Elf64_Phdr *ph, int i)
{
	if (ph->p_filesz > ph->p_memsz)
		fail(c, "PT_LOAD %d: p_filesz %#" PRIx64 " > p_memsz %#" PRIx64,
		     i, ph->p_filesz, ph->p_memsz);
	if (!in_file(c, ph->p_offset, ph->p_filesz))
		fail(c, "PT_LOAD %d: data at %#" PRIx64 "+%#" PRIx64
		     " runs past the end of the file (%#" PRIx64
		     " bytes): truncated vmcore", i, ph->p_offset,
		     ph->p_filesz, c->size);
	if (ph->p_paddr + ph->p_memsz < ph->p_paddr)
		fail(c, "PT_LOAD %d: physical range wraps", i);
	else if (c->nloads < MAX_RANGES)
		c->loads[c->nloads++] = (struct range){ ph->p_paddr,
			ph->p_paddr + ph->p_memsz };
	else
		fail(c, "more than %d PT_LOAD headers", MAX_RANGES);
}

static void check_phdrs(struct core *c)
{
	const Elf64_Phdr *ph = (const void *)(c->map + c->eh->e_phoff);
	int i, notes = 0;

	for (i = 0; i < c->eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD)
			check_load(c, &ph[i], i);
		if (ph[i].p_type != PT_NOTE)
			continue;
		notes++;
		c->note = &ph[i];
	}
	if (notes != 1) {
		fail(c, "%d PT_NOTE program headers, want exactly 1", notes);
		c->note = NULL;
		return;
	}
	if (!in_file(c, c->note->p_offset, c->note->p_filesz)) {
		fail(c, "PT_NOTE data runs past the end of the file");
		c->note = NULL;
	}
	if (!c->nloads)
		fail(c, "no PT_LOAD program headers");
}

/* ---- notes ------------------------------------------------------------- */

static void take_prstatus(struct core *c, const unsigned char *desc,
			  uint32_t descsz)
{
	const struct arch *a = c->arch;
	struct cpu_note *n;
	int32_t pid;

	if (descsz != a->prstatus_size) {
		fail(c, "NT_PRSTATUS %d is %u bytes, want %zu", c->ncpus,
		     descsz, a->prstatus_size);
		return;
	}
	if (c->ncpus >= MAX_CPUS) {
		fail(c, "more than %d NT_PRSTATUS notes", MAX_CPUS);
		return;
	}
	n = &c->cpus[c->ncpus++];
	memcpy(&pid, desc + PRSTATUS_PID, sizeof(pid));
	n->pid = pid;
	n->pc = load64(desc + PRSTATUS_REG + 8 * a->pc_reg);
	n->sp = load64(desc + PRSTATUS_REG + 8 * a->sp_reg);
}

static void take_note(struct core *c, const char *name, uint32_t namesz,
		      uint32_t type, const unsigned char *desc, uint32_t descsz)
{
	if (namesz == 5 && !memcmp(name, "CORE", 5) && type == NT_PRSTATUS) {
		take_prstatus(c, desc, descsz);
	} else if (namesz == 11 && !memcmp(name, "VMCOREINFO", 11)) {
		c->vmcoreinfo = (const char *)desc;
		c->vmcoreinfo_len = descsz;
		c->nvmcoreinfo++;
	}
}

/* Walk the PT_NOTE data; an all-zero header ends it (padding). */
static void walk_notes(struct core *c)
{
	const unsigned char *p = c->map + c->note->p_offset;
	uint64_t left = c->note->p_filesz, name_len, desc_len;
	Elf64_Nhdr nh;

	while (left >= sizeof(nh)) {
		memcpy(&nh, p, sizeof(nh));
		if (!nh.n_namesz && !nh.n_descsz && !nh.n_type)
			return;
		name_len = ((uint64_t)nh.n_namesz + 3) & ~3ull;
		desc_len = ((uint64_t)nh.n_descsz + 3) & ~3ull;
		if (sizeof(nh) + name_len + desc_len > left) {
			fail(c, "note (namesz %u, descsz %u) runs past the end of PT_NOTE",
			     nh.n_namesz, nh.n_descsz);
			return;
		}
		take_note(c, (const char *)p + sizeof(nh), nh.n_namesz,
			  nh.n_type, p + sizeof(nh) + name_len, nh.n_descsz);
		p += sizeof(nh) + name_len + desc_len;
		left -= sizeof(nh) + name_len + desc_len;
	}
}

static int kernel_regs(const struct arch *a, const struct cpu_note *n)
{
	return n->pc >= a->text_min && n->sp >= a->stack_min;
}

static void check_crashing_cpu(struct core *c, long crash_pid)
{
	int i, found = -1, matches = 0;

	for (i = 0; i < c->ncpus; i++) {
		if (crash_pid >= 0 ? c->cpus[i].pid == crash_pid :
		    kernel_regs(c->arch, &c->cpus[i])) {
			matches++;
			if (found < 0)
				found = i;
		}
	}
	if (crash_pid >= 0 && matches != 1) {
		fail(c, "%d NT_PRSTATUS notes carry the crashing pid %ld, want 1",
		     matches, crash_pid);
		return;
	}
	if (found < 0) {
		fail(c, "no NT_PRSTATUS note has a kernel PC and SP");
		return;
	}
	if (!kernel_regs(c->arch, &c->cpus[found]))
		fail(c, "crashing cpu note %d: pc %#" PRIx64 " sp %#" PRIx64
		     " are not kernel addresses", found, c->cpus[found].pc,
		     c->cpus[found].sp);
	printf("vmcore_check: crashing cpu note %d pid %d pc %#" PRIx64
	       " sp %#" PRIx64 "\n", found, c->cpus[found].pid,
	       c->cpus[found].pc, c->cpus[found].sp);
}

static void check_cpus(struct core *c, int want, long crash_pid)
{
	if (c->ncpus != want)
		fail(c, "%d NT_PRSTATUS notes, want one per online cpu (%d)",
		     c->ncpus, want);
	if (c->ncpus)
		check_crashing_cpu(c, crash_pid);
}

/* ---- VMCOREINFO ----------------------------------------------------------- */

/* Value of @key in the VMCOREINFO text, or NULL; *len gets its length. */
static const char *vmcoreinfo_value(const struct core *c, const char *key,
				    size_t *len)
{
	const char *p = c->vmcoreinfo, *end = p + c->vmcoreinfo_len, *nl;
	size_t klen = strlen(key);

	while (p < end) {
		nl = memchr(p, '\n', end - p);
		if (!nl)
			nl = end;
		if ((size_t)(nl - p) > klen && !memcmp(p, key, klen) &&
		    p[klen] == '=') {
			*len = nl - p - klen - 1;
			return p + klen + 1;
		}
		p = nl + 1;
	}
	return NULL;
}

static int all_of(const char *s, size_t len, const char *set)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!strchr(set, s[i]))
			return 0;
	return len > 0;
}

/* The decimal value of v[0..len), or ULONG_MAX if it is not one. */
static unsigned long decimal(const char *v, size_t len)
{
	unsigned long n = 0;
	size_t i;

	if (!len || len > 19 || !all_of(v, len, "0123456789"))
		return ULONG_MAX;
	for (i = 0; i < len; i++)
		n = n * 10 + (v[i] - '0');
	return n;
}

static void check_key_list(struct core *c, const char *const *keys)
{
	size_t len;

	for (; *keys; keys++)
		if (!vmcoreinfo_value(c, *keys, &len))
			fail(c, "VMCOREINFO lacks %s", *keys);
}

static void check_formats(struct core *c)
{
	const char *v;
	size_t len;

	v = vmcoreinfo_value(c, "PAGESIZE", &len);
	if (v && decimal(v, len) != c->page_size)
		fail(c, "VMCOREINFO PAGESIZE=%.*s, want %lu", (int)len, v,
		     c->page_size);
	/* makedumpfile refuses a dump whose CRASHTIME is 0. */
	v = vmcoreinfo_value(c, "CRASHTIME", &len);
	if (v && (!all_of(v, len, "0123456789") || (len == 1 && *v == '0')))
		fail(c, "VMCOREINFO CRASHTIME=%.*s is not a positive decimal",
		     (int)len, v);
	v = vmcoreinfo_value(c, "KERNELOFFSET", &len);
	if (v && !all_of(v, len, "0123456789abcdef"))
		fail(c, "VMCOREINFO KERNELOFFSET=%.*s is not hex", (int)len, v);
	v = vmcoreinfo_value(c, "OSRELEASE", &len);
	if (v && !len)
		fail(c, "VMCOREINFO OSRELEASE is empty");
}

static int check_vmcoreinfo(struct core *c)
{
	if (c->nvmcoreinfo != 1) {
		fail(c, "%d VMCOREINFO notes, want 1", c->nvmcoreinfo);
		if (!c->nvmcoreinfo)
			return 0;
	}
	check_key_list(c, keys_common);
	check_key_list(c, c->arch->keys);
	check_formats(c);
	return 0;
}

/* ---- coverage of System RAM ---------------------------------------------- */

struct iomem {
	struct range ram[MAX_RANGES], crash[8];
	int nram, ncrash;
};

static int parse_iomem(const char *path, struct iomem *m)
{
	char line[256], name[128];
	uint64_t start, end;
	int depth;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		depth = strspn(line, " ");
		if (sscanf(line, " %" SCNx64 "-%" SCNx64 " : %127[^\n]",
			   &start, &end, name) != 3 || end < start)
			continue;
		if (!depth && !strcmp(name, "System RAM") && m->nram < MAX_RANGES)
			m->ram[m->nram++] = (struct range){ start, end + 1 };
		if (!strcmp(name, "Crash kernel") && m->ncrash < 8)
			m->crash[m->ncrash++] = (struct range){ start, end + 1 };
	}
	fclose(f);
	return 0;
}

static int overlaps(struct range a, struct range b)
{
	return a.start < b.end && b.start < a.end;
}

/* First byte at or after @from in @r that no PT_LOAD covers, or r.end. */
static uint64_t first_uncovered(const struct core *c, struct range r,
				uint64_t from)
{
	int i, moved = 1;

	while (moved && from < r.end) {
		moved = 0;
		for (i = 0; i < c->nloads; i++) {
			if (c->loads[i].start <= from && from < c->loads[i].end) {
				from = c->loads[i].end;
				moved = 1;
			}
		}
	}
	return from < r.end ? from : r.end;
}

/* Report the parts of @r that no PT_LOAD covers. */
static void check_covered(struct core *c, struct range r)
{
	uint64_t at = first_uncovered(c, r, r.start), stop;
	int i;

	while (at < r.end) {
		stop = r.end;
		for (i = 0; i < c->nloads; i++)
			if (c->loads[i].start > at && c->loads[i].start < stop)
				stop = c->loads[i].start;
		fail(c, "System RAM %#" PRIx64 "-%#" PRIx64
		     " is in no PT_LOAD", at, stop - 1);
		at = first_uncovered(c, r, stop);
	}
}

/* @r minus the crash kernel regions, each remaining piece checked. */
static void check_ram_range(struct core *c, const struct iomem *m,
			    struct range r)
{
	int i;

	for (i = 0; i < m->ncrash; i++) {
		if (!overlaps(r, m->crash[i]))
			continue;
		if (m->crash[i].start > r.start)
			check_ram_range(c, m, (struct range){ r.start,
					m->crash[i].start });
		if (m->crash[i].end < r.end)
			check_ram_range(c, m, (struct range){ m->crash[i].end,
					r.end });
		return;
	}
	check_covered(c, r);
}

static int check_iomem(struct core *c, const char *path)
{
	struct iomem m = { .nram = 0 };
	int i, j;

	if (parse_iomem(path, &m)) {
		fprintf(stderr, "vmcore_check: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!m.nram)
		fail(c, "%s lists no System RAM", path);
	for (i = 0; i < m.nram; i++)
		check_ram_range(c, &m, m.ram[i]);
	for (i = 0; i < m.ncrash; i++)
		for (j = 0; j < c->nloads; j++)
			if (overlaps(m.crash[i], c->loads[j]))
				fail(c, "PT_LOAD %#" PRIx64 "-%#" PRIx64
				     " overlaps the crash kernel region",
				     c->loads[j].start, c->loads[j].end - 1);
	return 0;
}

/* ---- main ---------------------------------------------------------------- */

struct options {
	const struct arch *arch;
	int cpus;
	long crash_pid;
	unsigned long page_size;
	const char *iomem, *path, *key;
};

static const char usage_text[] =
	"usage: vmcore_check --arch x86_64|arm64 --cpus N\n"
	"                    [--crash-pid PID] [--iomem FILE]\n"
	"                    [--page-size BYTES] VMCORE\n"
	"       vmcore_check --arch x86_64|arm64 --key NAME VMCORE\n";

static int print_usage(void)
{
	fputs(usage_text, stderr);
	return 2;
}

static const struct arch *find_arch(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(arches); i++)
		if (!strcmp(arches[i].name, name))
			return &arches[i];
	return NULL;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (i + 1 < argc && !strcmp(argv[i], "--arch"))
			o->arch = find_arch(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "--cpus"))
			o->cpus = atoi(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "--crash-pid"))
			o->crash_pid = atol(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "--iomem"))
			o->iomem = argv[++i];
		else if (i + 1 < argc && !strcmp(argv[i], "--page-size"))
			o->page_size = strtoul(argv[++i], NULL, 0);
		else if (i + 1 < argc && !strcmp(argv[i], "--key"))
			o->key = argv[++i];
		else if (argv[i][0] != '-' && !o->path)
			o->path = argv[i];
		else
			return -1;
	}
	return o->arch && (o->cpus > 0 || o->key) && o->path ? 0 : -1;
}

static int map_file(struct core *c, const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, "vmcore_check: %s: %s\n", path, strerror(errno));
		return -1;
	}
	c->size = st.st_size;
	c->map = c->size ? mmap(NULL, c->size, PROT_READ, MAP_PRIVATE, fd, 0)
			 : (const void *)"";
	close(fd);
	if (c->map == MAP_FAILED) {
		fprintf(stderr, "vmcore_check: mmap %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	c->eh = (const void *)c->map;
	return 0;
}

/* The headers and the notes, read and checked; false if no notes to see. */
static bool read_headers_and_notes(struct core *c)
{
	if (check_ident(c) || check_ehdr(c))
		return false;
	check_phdrs(c);
	if (!c->note)
		return false;
	walk_notes(c);
	return true;
}

/* --key NAME: print NAME=value from the VMCOREINFO note; 1 if absent. */
static int print_key(struct core *c, const char *key)
{
	const char *v;
	size_t len;

	if (!read_headers_and_notes(c) || c->nvmcoreinfo != 1)
		return 2;
	v = vmcoreinfo_value(c, key, &len);
	if (!v)
		return 1;
	printf("%s=%.*s\n", key, (int)len, v);
	return 0;
}

static int judge(struct core *c, const struct options *o)
{
	if (!read_headers_and_notes(c))
		return 0;
	check_cpus(c, o->cpus, o->crash_pid);
	check_vmcoreinfo(c);
	if (o->iomem && check_iomem(c, o->iomem))
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = { .crash_pid = -1, .page_size = 4096 };
	static struct core c;
	uint64_t covered = 0;
	int i;

	if (parse_args(argc, argv, &o))
		return print_usage();
	c.arch = o.arch;
	c.page_size = o.page_size;
	if (o.key)
		return map_file(&c, o.path) ? 2 : print_key(&c, o.key);
	if (map_file(&c, o.path) || judge(&c, &o))
		return 2;
	if (c.failures)
		return 1;
	for (i = 0; i < c.nloads; i++)
		covered += c.loads[i].end - c.loads[i].start;
	printf("vmcore_check: OK: %s, %d NT_PRSTATUS, %d PT_LOAD covering %"
	       PRIu64 " MiB, VMCOREINFO complete\n", c.arch->name, c.ncpus,
	       c.nloads, covered >> 20);
	return 0;
}
