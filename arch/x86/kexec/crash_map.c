// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: x86_64 memory maps of a kexec_file_load() crash image
 *
 * A crash image loaded by kexec_file_load() is told about memory twice,
 * and the two views must agree:
 *
 * - the *dump* view, the ELF core header: one PT_LOAD per range of the
 *   dead kernel's System RAM, the crash region(s) left out, plus the
 *   kernel text mapping and the CPU and VMCOREINFO notes;
 * - the *use* view, the capture kernel's e820 map: RAM only where the
 *   dead kernel's memory does not matter: the crash region(s), minus the
 *   ELF core header and the backup below, and the RAM below 1 MiB, which
 *   every x86 kernel needs (real-mode trampoline, BIOS data).  The ACPI,
 *   ACPI NVS and reserved ranges are passed on as they are.
 *
 * The RAM below 1 MiB is in both views.  Upstream 6.1 drops it from the
 * dump; this series keeps it: before the capture kernel starts, purgatory
 * copies it into a *backup* segment in the crash region, and the PT_LOADs
 * below 1 MiB point their p_offset there (p_paddr keeps the address the
 * data had).  The capture kernel's e820 leaves the backup out, so nothing
 * overwrites it before /proc/vmcore is read.
 */
#define pr_fmt(fmt) "kexec: bzImage: " fmt

#include <linux/crash_elf.h>
#include <linux/elf.h>
#include <linux/ioport.h>
#include <linux/kexec.h>
#include <linux/vmalloc.h>

#include <asm/e820/types.h>

#include "kexec_x86.h"

static int extend_end(struct resource *res, void *arg)
{
	u64 *end = arg;

	*end = max_t(u64, *end, res->end + 1);
	return 0;
}

/* End of the RAM below 1 MiB, page aligned: the backup covers [0, end). */
static unsigned long low_ram_end(void)
{
	u64 end = 0;

	walk_system_ram_res(0, SZ_1M - 1, &end, extend_end);
	return PAGE_ALIGN(end);
}

static int add_backup(struct kimage *image, struct bzimage_load *ld)
{
	struct kexec_buf kbuf = {
		.image = image,
		.memsz = low_ram_end(),
		.buf_align = PAGE_SIZE,
		.buf_max = ULONG_MAX,
		.mem = KEXEC_BUF_MEM_UNKNOWN,
	};
	int ret;

	if (!kbuf.memsz)
		return 0;
	ret = kexec_add_buffer(&kbuf);
	ld->backup_len = kbuf.memsz;
	ld->backup_mem = kbuf.mem;
	return ret;
}

/* Split the range holding @at in two, so none crosses it. */
static int split_at(struct crash_mem *mem, u64 at)
{
	unsigned int i;

	for (i = 0; i < mem->nr_ranges; i++) {
		if (mem->ranges[i].start >= at || mem->ranges[i].end < at)
			continue;
		if (mem->nr_ranges == mem->max_nr_ranges)
			return -ENOMEM;
		memmove(&mem->ranges[i + 2], &mem->ranges[i + 1],
			(mem->nr_ranges - i - 1) * sizeof(mem->ranges[0]));
		mem->ranges[i + 1].start = at;
		mem->ranges[i + 1].end = mem->ranges[i].end;
		mem->ranges[i].end = at - 1;
		mem->nr_ranges++;
		return 0;
	}
	return 0;
}

/* The dump's ranges, none crossing the end of the backup. */
static struct crash_mem *dump_ranges(const struct bzimage_load *ld)
{
	struct crash_mem *mem = crash_mem_to_dump(1);
	int ret;

	if (IS_ERR(mem))
		return mem;
	ret = split_at(mem, ld->backup_len);
	if (!ret)
		return mem;
	crash_mem_free(mem);
	return ERR_PTR(ret);
}

/* Point every PT_LOAD below the backup's end at the saved copy. */
static void redirect_low_loads(void *hdr, const struct bzimage_load *ld)
{
	struct elf64_hdr *eh = hdr;
	struct elf64_phdr *ph = hdr + eh->e_phoff;
	unsigned int i;

	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_paddr >= ld->backup_len)
			continue;
		ph[i].p_offset = ld->backup_mem + ph[i].p_paddr;
	}
}

/**
 * x86_crash_add_elfcorehdr() - place the backup and the ELF core header
 * @image:	a crash image being loaded
 * @ld:		the load
 *
 * Context: process context, may sleep; the image is not installed yet.
 * Return: 0; -EADDRNOTAVAIL if the crash region has no room; -ENOMEM.
 */
int x86_crash_add_elfcorehdr(struct kimage *image, struct bzimage_load *ld)
{
	struct crash_mem *mem;
	unsigned long len;
	void *hdr;
	int ret = add_backup(image, ld);

	if (ret)
		return ret;
	mem = dump_ranges(ld);
	if (IS_ERR(mem))
		return PTR_ERR(mem);
	ret = crash_prepare_elf64_headers(mem, true, &hdr, &len);
	crash_mem_free(mem);
	if (ret)
		return ret;
	redirect_low_loads(hdr, ld);
	ld->elfcorehdr = hdr;
	ld->elfcorehdr_len = len;
	ret = crash_add_elfcorehdr(image, hdr, len, 0, ULONG_MAX);
	ld->elfcorehdr_mem = image->elf_load_addr;
	return ret;
}

/**
 * struct e820_walk - the capture kernel's e820 map being built
 * @map:	its entries
 * @nr:		entries used
 * @max:	entries @map has room for
 * @type:	the e820 type of the ranges being walked
 */
struct e820_walk {
	struct boot_e820_entry *map;
	unsigned int nr;
	unsigned int max;
	u32 type;
};

static int add_entry(struct e820_walk *w, u64 start, u64 end)
{
	if (end < start)
		return 0;
	if (w->nr == w->max)
		return -E2BIG;
	w->map[w->nr++] = (struct boot_e820_entry) {
		.addr = start, .size = end - start + 1, .type = w->type,
	};
	return 0;
}

static int add_resource(struct resource *res, void *arg)
{
	return add_entry(arg, res->start, res->end);
}

/* A walk that finds nothing "fails" with -EINVAL; only a full map counts. */
static int add_by_desc(struct e820_walk *w, unsigned long desc,
		       unsigned long flags, u64 end, u32 type)
{
	w->type = type;
	if (walk_iomem_res_desc(desc, flags, 0, end, w, add_resource) == -E2BIG)
		return -E2BIG;
	return 0;
}

static int exclude(struct crash_mem *mem, u64 start, u64 len)
{
	return len ? crash_exclude_mem_range(mem, start, start + len - 1) : 0;
}

/* The crash region, minus what the capture kernel must not touch. */
static int add_crash_region(struct e820_walk *w, const struct bzimage_load *ld)
{
	struct crash_mem *left = kzalloc(struct_size(left, ranges, 3),
					 GFP_KERNEL);
	unsigned int i;
	int ret;

	if (!left)
		return -ENOMEM;
	left->max_nr_ranges = 3;
	left->nr_ranges = 1;
	left->ranges[0].start = crashk_res.start;
	left->ranges[0].end = crashk_res.end;
	ret = exclude(left, ld->elfcorehdr_mem, ld->elfcorehdr_len);
	if (ret)
		goto free_left;
	ret = exclude(left, ld->backup_mem, ld->backup_len);
	if (ret)
		goto free_left;
	w->type = E820_TYPE_RAM;
	for (i = 0; !ret && i < left->nr_ranges; i++)
		ret = add_entry(w, left->ranges[i].start, left->ranges[i].end);
free_left:
	kfree(left);
	return ret;
}

/**
 * struct e820_source - ranges of the running kernel's resource tree that
 *			the capture kernel's e820 map repeats
 * @desc:	the resources' IORES_DESC_*
 * @flags:	the resource flags they must have
 * @end:	last address looked at
 * @type:	the e820 type they get
 */
struct e820_source {
	unsigned long desc;
	unsigned long flags;
	u64 end;
	u32 type;
};

#define BUSY_MEM	(IORESOURCE_MEM | IORESOURCE_BUSY)

static const struct e820_source crash_e820_sources[] = {
	{ IORES_DESC_NONE, IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY,
	  SZ_1M - 1, E820_TYPE_RAM },
	{ IORES_DESC_ACPI_TABLES, BUSY_MEM, U64_MAX, E820_TYPE_ACPI },
	{ IORES_DESC_ACPI_NV_STORAGE, BUSY_MEM, U64_MAX, E820_TYPE_NVS },
	{ IORES_DESC_RESERVED, BUSY_MEM, U64_MAX, E820_TYPE_RESERVED },
};

/**
 * x86_crash_e820() - the e820 map a crash image's kernel boots with
 * @ld:		the load, with the ELF core header and backup placed
 * @map:	where to write it
 * @max:	entries @map has room for
 *
 * Context: process context, may sleep.
 * Return: the number of entries; -E2BIG if @max is too few; -ENOMEM.
 */
int x86_crash_e820(const struct bzimage_load *ld,
		   struct boot_e820_entry *map, unsigned int max)
{
	const struct e820_source *src;
	struct e820_walk w = { .map = map, .max = max };
	int ret;

	for (src = crash_e820_sources;
	     src < crash_e820_sources + ARRAY_SIZE(crash_e820_sources); src++) {
		ret = add_by_desc(&w, src->desc, src->flags, src->end,
				  src->type);
		if (ret)
			return ret;
	}
	w.type = E820_TYPE_RAM;
	if (crash_region_set(&crashk_low_res)) {
		ret = add_entry(&w, crashk_low_res.start, crashk_low_res.end);
		if (ret)
			return ret;
	}
	ret = add_crash_region(&w, ld);
	return ret ?: w.nr;
}
