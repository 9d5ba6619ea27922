// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: x86_64 boot parameters for kexec_file_load()
 *
 * The new kernel learns everything about the machine from one segment,
 * laid out as::
 *
 *   +0          struct boot_params: the bzImage's own setup header, the
 *               first 128 e820 entries, ACPI RSDP, screen_info
 *   +4096       the command line, NUL-terminated; for a crash image it
 *               starts with "elfcorehdr=0x<address> "
 *   +setup_off  setup_data: SETUP_E820_EXT with the e820 entries beyond
 *               128 (if any), SETUP_IMA with where IMA's measurement
 *               list lies (if the image carries one, kexec_ima.h), then
 *               SETUP_RNG_SEED with 32 random bytes
 *
 * The memory map is the firmware's (``e820_table_kexec``) for a normal
 * image, and for a crash image the map crash_map.c builds: RAM only in the
 * crash region(s) and below 1 MiB, plus the ACPI and reserved ranges.  No
 * entry is dropped: a map longer than the zero page holds continues in
 * SETUP_E820_EXT, which the new kernel appends to it.
 *
 * x86_bootparams_add() builds and places the segment, with every address
 * the new kernel needs still unknown; x86_bootparams_fill() writes them
 * once the payload and the initrd are placed.
 */
#define pr_fmt(fmt) "kexec: bzImage: " fmt

#include <linux/kexec.h>
#include <linux/kexec_ima.h>
#include <linux/kexec_place.h>
#include <linux/random.h>
#include <linux/screen_info.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include <asm/e820/api.h>
#include <asm/setup.h>

#include "kexec_x86.h"

#define RNG_SEED_LEN	32
/* The "kexec-tools" loader ID of Documentation/x86/boot.rst, version 0. */
#define LOADER_KEXEC	0xd0

/**
 * struct params_plan - what goes into the boot parameters segment
 * @map:	the e820 map for the new kernel
 * @nr:		entries in @map
 * @cmdline:	the command line the new kernel gets
 * @cmdline_len: its length, the NUL included
 * @ima:	where IMA's measurement list lies; size 0 for none
 */
struct params_plan {
	struct boot_e820_entry *map;
	int nr;
	char *cmdline;
	size_t cmdline_len;
	struct ima_setup_data ima;
};

static int firmware_e820(struct boot_e820_entry *map, unsigned int max)
{
	const struct e820_table *t = e820_table_kexec;
	unsigned int i;

	if (t->nr_entries > max)
		return -E2BIG;
	for (i = 0; i < t->nr_entries; i++)
		map[i] = (struct boot_e820_entry) {
			.addr = t->entries[i].addr,
			.size = t->entries[i].size,
			.type = t->entries[i].type,
		};
	return t->nr_entries;
}

static unsigned long ext_entries(const struct params_plan *p)
{
	return p->nr > E820_MAX_ENTRIES_ZEROPAGE ?
	       p->nr - E820_MAX_ENTRIES_ZEROPAGE : 0;
}

/* Bytes a setup_data entry of @len data bytes takes, next one aligned. */
static unsigned long entry_len(unsigned long len)
{
	return ALIGN(sizeof(struct setup_data) + len, 8);
}

static unsigned long e820_ext_len(const struct params_plan *p)
{
	if (!ext_entries(p))
		return 0;
	return entry_len(ext_entries(p) * sizeof(struct boot_e820_entry));
}

static unsigned long ima_len(const struct params_plan *p)
{
	return p->ima.size ? entry_len(sizeof(p->ima)) : 0;
}

/* All of setup_data: the optional entries, then the RNG seed. */
static unsigned long setup_data_len(const struct params_plan *p)
{
	return e820_ext_len(p) + ima_len(p) + entry_len(RNG_SEED_LEN);
}

static int make_cmdline(struct params_plan *p, const struct bzimage_load *ld,
			const struct setup_header *hdr, const char *user)
{
	if (ld->elfcorehdr)
		p->cmdline = kasprintf(GFP_KERNEL, "elfcorehdr=0x%lx %s",
				       ld->elfcorehdr_mem, user ?: "");
	else
		p->cmdline = kstrdup(user ?: "", GFP_KERNEL);
	if (!p->cmdline)
		return -ENOMEM;
	p->cmdline_len = strlen(p->cmdline) + 1;
	if (p->cmdline_len <= (size_t)hdr->cmdline_size + 1)
		return 0;
	pr_warn("refused: command line of %zu bytes, the new kernel takes %u\n",
		p->cmdline_len - 1, hdr->cmdline_size);
	return -EINVAL;
}

static int make_plan(struct params_plan *p, struct kimage *image,
		     const struct bzimage_load *ld,
		     const struct setup_header *hdr, const char *user)
{
	p->ima.addr = kexec_ima_addr(image);
	p->ima.size = kexec_ima_size(image);
	p->map = kcalloc(E820_MAX_ENTRIES, sizeof(*p->map), GFP_KERNEL);
	if (!p->map)
		return -ENOMEM;
	p->nr = image->type == KEXEC_TYPE_CRASH ?
		x86_crash_e820(ld, p->map, E820_MAX_ENTRIES) :
		firmware_e820(p->map, E820_MAX_ENTRIES);
	if (p->nr < 0) {
		pr_warn("refused: the memory map has more than %d entries\n",
			E820_MAX_ENTRIES);
		return p->nr;
	}
	return make_cmdline(p, ld, hdr, user);
}

static void copy_setup_header(struct boot_params *bp, const void *kernel)
{
	const u8 *k = kernel;
	size_t len = 0x202 + k[0x201] - offsetof(struct boot_params, hdr);

	memcpy(&bp->hdr, k + offsetof(struct boot_params, hdr),
	       min(len, sizeof(bp->hdr)));
	bp->hdr.type_of_loader = LOADER_KEXEC;
	bp->hdr.hardware_subarch = boot_params.hdr.hardware_subarch;
	bp->acpi_rsdp_addr = boot_params.acpi_rsdp_addr;
	bp->screen_info = screen_info;
}

/*
 * Start a setup_data entry at *@off and link it from @prev (from the
 * header for the first); *@off moves past it.  Links are offsets into
 * the segment until x86_bootparams_fill() knows where it lies.
 */
static struct setup_data *next_entry(void *params, struct setup_data *prev,
				     unsigned long *off, u32 type, u32 len)
{
	struct setup_data *sd = params + *off;

	if (prev)
		prev->next = *off;
	else
		((struct boot_params *)params)->hdr.setup_data = *off;
	sd->type = type;
	sd->len = len;
	*off += entry_len(len);
	return sd;
}

static void write_setup_data(void *params, unsigned long off,
			     const struct params_plan *p)
{
	unsigned int n = ext_entries(p);
	struct setup_data *sd = NULL;

	if (n) {
		sd = next_entry(params, sd, &off, SETUP_E820_EXT,
				n * sizeof(struct boot_e820_entry));
		memcpy(sd->data, p->map + E820_MAX_ENTRIES_ZEROPAGE, sd->len);
	}
	if (p->ima.size) {
		sd = next_entry(params, sd, &off, SETUP_IMA, sizeof(p->ima));
		memcpy(sd->data, &p->ima, sizeof(p->ima));
	}
	sd = next_entry(params, sd, &off, SETUP_RNG_SEED, RNG_SEED_LEN);
	get_random_bytes(sd->data, RNG_SEED_LEN);
}

static void write_params(void *params, struct bzimage_load *ld,
			 const void *kernel, const struct params_plan *p)
{
	struct boot_params *bp = params;
	unsigned int n = min_t(unsigned int, p->nr, E820_MAX_ENTRIES_ZEROPAGE);

	copy_setup_header(bp, kernel);
	memcpy(bp->e820_table, p->map, n * sizeof(*p->map));
	bp->e820_entries = n;
	ld->cmdline_off = sizeof(*bp);
	memcpy(params + ld->cmdline_off, p->cmdline, p->cmdline_len);
	ld->setup_off = ALIGN(ld->cmdline_off + p->cmdline_len, 16);
	write_setup_data(params, ld->setup_off, p);
}

static int place_params(struct kimage *image, struct bzimage_load *ld,
			const struct setup_header *hdr)
{
	unsigned long max = hdr->xloadflags & XLF_CAN_BE_LOADED_ABOVE_4G ?
			    ULONG_MAX : SZ_4G - 1;

	return kexec_add_copy(image, ld->params, ld->params_len, PAGE_SIZE,
			      SZ_1M, max, &ld->params_mem);
}

/**
 * x86_bootparams_add() - build and place the boot parameters segment
 * @image:	the image being loaded
 * @ld:		the load; for a crash image its ELF core header is placed
 * @kernel:	the bzImage, accepted by bzimage_check()
 * @cmdline:	the user's command line, or NULL
 *
 * Context: process context, may sleep; the image is not installed yet.
 * Return: 0; -EINVAL if the command line is longer than the new kernel
 * takes; -E2BIG if the memory map has more entries than a kernel keeps;
 * -EADDRNOTAVAIL if the segment fits nowhere; -ENOMEM.
 */
int x86_bootparams_add(struct kimage *image, struct bzimage_load *ld,
		       const void *kernel, const char *cmdline)
{
	const struct setup_header *hdr = kernel + offsetof(struct boot_params,
							   hdr);
	struct params_plan p = { };
	int ret = make_plan(&p, image, ld, hdr, cmdline);

	if (ret)
		goto free_plan;
	ld->params_len = ALIGN(sizeof(struct boot_params) + p.cmdline_len, 16) +
			 setup_data_len(&p);
	ld->params = vzalloc(ld->params_len);
	ret = -ENOMEM;
	if (!ld->params)
		goto free_plan;
	write_params(ld->params, ld, kernel, &p);
	ret = place_params(image, ld, hdr);
free_plan:
	kfree(p.cmdline);
	kfree(p.map);
	return ret;
}

static void set_split(u32 *lo, u32 *hi, u64 val)
{
	*lo = lower_32_bits(val);
	*hi = upper_32_bits(val);
}

/**
 * x86_bootparams_fill() - write the addresses known only after placement
 * @image:	the image being loaded
 * @ld:		the load, with the boot parameters, payload and initrd placed
 *
 * Context: any; writes only @ld's buffer.
 */
void x86_bootparams_fill(struct kimage *image, struct bzimage_load *ld)
{
	struct boot_params *bp = ld->params;
	u64 *next = &bp->hdr.setup_data;

	set_split(&bp->hdr.cmd_line_ptr, &bp->ext_cmd_line_ptr,
		  ld->params_mem + ld->cmdline_off);
	set_split(&bp->hdr.ramdisk_image, &bp->ext_ramdisk_image,
		  ld->initrd_mem);
	set_split(&bp->hdr.ramdisk_size, &bp->ext_ramdisk_size,
		  ld->initrd_len);
	bp->hdr.code32_start = lower_32_bits(ld->payload_mem);
	while (*next) {
		struct setup_data *sd = ld->params + *next;

		*next += ld->params_mem;
		next = &sd->next;
	}
}
