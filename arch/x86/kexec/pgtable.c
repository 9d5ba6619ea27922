// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: x86_64 relocation page table
 *
 * The relocation code and the first instructions of the new image run on
 * a page table built when the image is loaded, never at crash time.  Its
 * lower half maps, one to one and executable:
 *
 * - all RAM the kernel maps (``pfn_mapped[]``): sources, list pages and
 *   control pages live there;
 * - every destination range, which may lie outside that RAM;
 * - ACPI tables and ACPI NVS, and the EFI system and configuration
 *   tables, which a decompressing kernel reads before it has page tables
 *   of its own.
 *
 * Its upper half is a copy of the kernel's top-level entries, so the part
 * of the relocation code in kernel text stays mapped across the switch.
 * Nothing below the top level is shared with the kernel, so overwriting
 * the old kernel cannot pull the identity map out from under the copy.
 *
 * Every table page is a control page of the image (outside all
 * destinations, and for a crash image inside the crash region), so it is
 * freed with the image.  ``ident_sources[]`` lists what is mapped.
 *
 * Their number grows with the machine: about one page per GiB of RAM
 * without 1 GiB pages.  So before a crash image replaces the loaded one,
 * the same sources are walked again, counting at most how many tables
 * each range can take (x86_ident_tables()), and the segment rules demand
 * that much room in the region: found short only after the old capture
 * kernel was unloaded, the room would cost it.
 */
#define pr_fmt(fmt) "kexec: " fmt

#include <linux/cc_platform.h>
#include <linux/efi.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kexec.h>
#include <linux/kexec_place.h>
#include <linux/mm.h>
#include <linux/pgtable.h>

#include <asm/efi.h>
#include <asm/init.h>
#include <asm/setup.h>

#include "kexec_x86.h"

/**
 * struct ident_map - a page table being built, or counted
 * @info:	how kernel_ident_mapping_init() allocates and flags tables
 * @pgd:	the top-level table
 * @image:	the image the table belongs to
 * @tables:	if set, nothing is mapped: the most table pages each range
 *		could take are added here
 */
struct ident_map {
	struct x86_mapping_info info;
	pgd_t *pgd;
	const struct kimage *image;
	unsigned long *tables;
};

/* Slots of @size (a power of two) that [@start, @end) touches. */
static u64 slots(u64 start, u64 end, u64 size)
{
	return (ALIGN(end, size) - ALIGN_DOWN(start, size)) / size;
}

/* What one top-level entry spans with five levels (PGDIR_SHIFT is 48). */
#define L5_PGDIR_SIZE	BIT_ULL(48)

/**
 * x86_ident_tables() - most table pages one range of the identity map takes
 * @start:	first byte
 * @end:	first byte after the range
 * @gbpages:	whether whole GiBs are mapped with 1 GiB pages
 * @l5:		whether paging has five levels
 *
 * kernel_ident_mapping_init() maps with 2 MiB pages (and 1 GiB pages for
 * whole, aligned GiBs when allowed) below a top level it is given.  A
 * range then takes at most a PMD table per GiB it touches (only the two
 * partial GiBs at its ends with 1 GiB pages), a PUD table per 512 GiB,
 * and, when five levels run, a P4D table per top-level entry (256 TiB).
 * With four levels the P4D level is folded into the top level, whether
 * the kernel was built for five or not: pgd_present() then always holds,
 * so no P4D page is taken.  Tables that ranges share are counted for
 * each, so the sum over ranges is an upper bound.
 *
 * Context: any.
 * Return: that many pages; 0 for an empty range.
 */
unsigned long x86_ident_tables(u64 start, u64 end, bool gbpages, bool l5)
{
	u64 n;

	if (start >= end)
		return 0;
	n = slots(start, end, PUD_SIZE);
	if (gbpages)
		n = min_t(u64, n, 2);
	n += slots(start, end, P4D_SIZE);
	if (l5)
		n += slots(start, end, L5_PGDIR_SIZE);
	return n;
}

static void *alloc_table(void *data)
{
	struct page *page = kimage_alloc_control_pages(data, 0);

	if (!page)
		return NULL;
	clear_page(page_address(page));
	return page_address(page);
}

static int map_range(struct ident_map *map, u64 start, u64 end)
{
	if (map->tables) {
		*map->tables += x86_ident_tables(start, end,
						 map->info.direct_gbpages,
						 pgtable_l5_enabled());
		return 0;
	}
	return kernel_ident_mapping_init(&map->info, map->pgd, start, end);
}

static int map_ram(struct ident_map *map)
{
	int i, ret = 0;

	for (i = 0; i < nr_pfn_mapped && !ret; i++)
		ret = map_range(map, PFN_PHYS(pfn_mapped[i].start),
				PFN_PHYS(pfn_mapped[i].end));
	return ret;
}

static int map_destinations(struct ident_map *map)
{
	const struct kexec_segment *seg = map->image->segment;
	unsigned long i;
	int ret = 0;

	for (i = 0; i < map->image->nr_segments && !ret; i++)
		ret = map_range(map, seg[i].mem, seg[i].mem + seg[i].memsz);
	return ret;
}

static int map_resource(struct resource *res, void *data)
{
	return map_range(data, res->start, res->end + 1);
}

static int map_acpi(struct ident_map *map)
{
	static const unsigned long descs[] = {
		IORES_DESC_ACPI_TABLES, IORES_DESC_ACPI_NV_STORAGE,
	};
	unsigned long flags = IORESOURCE_MEM | IORESOURCE_BUSY;
	int i, ret;

	for (i = 0; i < ARRAY_SIZE(descs); i++) {
		ret = walk_iomem_res_desc(descs[i], flags, 0, -1, map,
					  map_resource);
		if (ret && ret != -EINVAL)	/* -EINVAL: none of them */
			return ret;
	}
	return 0;
}

#ifdef CONFIG_EFI
static int map_efi_config_tables(struct ident_map *map, u64 systab)
{
	size_t entry = efi_enabled(EFI_64BIT) ? sizeof(efi_config_table_64_t)
					      : sizeof(efi_config_table_32_t);
	size_t size = efi_enabled(EFI_64BIT) ? sizeof(efi_system_table_64_t)
					     : sizeof(efi_system_table_32_t);
	unsigned long nr;
	void *table;

	table = memremap(systab, size, MEMREMAP_WB);
	if (!table) {
		pr_err("cannot map the EFI system table\n");
		return -ENOMEM;
	}
	nr = efi_enabled(EFI_64BIT) ?
		((efi_system_table_64_t *)table)->nr_tables :
		((efi_system_table_32_t *)table)->nr_tables;
	memunmap(table);
	return map_range(map, efi_config_table, efi_config_table + nr * entry);
}

static int map_efi(struct ident_map *map)
{
	u64 systab = boot_params.efi_info.efi_systab |
		     ((u64)boot_params.efi_info.efi_systab_hi << 32);
	size_t size = efi_enabled(EFI_64BIT) ? sizeof(efi_system_table_64_t)
					     : sizeof(efi_system_table_32_t);
	int ret;

	if (!efi_enabled(EFI_BOOT) || !systab)
		return 0;
	ret = map_range(map, systab, systab + size);
	return ret ?: map_efi_config_tables(map, systab);
}
#else
static inline int map_efi(struct ident_map *map)
{
	return 0;
}
#endif

static int (* const ident_sources[])(struct ident_map *map) = {
	map_ram,
	map_destinations,
	map_acpi,
	map_efi,
};

static void share_kernel_half(pgd_t *pgd)
{
	memcpy(pgd + KERNEL_PGD_BOUNDARY, init_mm.pgd + KERNEL_PGD_BOUNDARY,
	       KERNEL_PGD_PTRS * sizeof(pgd_t));
}

/**
 * arch_kexec_crash_control_room() - room the relocation page table may need
 * @image: a crash image with its segments recorded
 *
 * Walks what x86_kexec_build_pgtable() will map and counts the most table
 * pages it can take (x86_ident_tables()).
 *
 * Context: process context, may sleep (the EFI system table is mapped to
 * read how many configuration tables follow it).
 * Return: that many pages, in bytes.  If a firmware table cannot be
 * mapped, the count stops there; building the table will then fail too.
 */
unsigned long arch_kexec_crash_control_room(const struct kimage *image)
{
	unsigned long tables = 0;
	struct ident_map map = {
		.info.direct_gbpages = direct_gbpages,
		.image = image,
		.tables = &tables,
	};
	int i, ret = 0;

	for (i = 0; i < ARRAY_SIZE(ident_sources) && !ret; i++)
		ret = ident_sources[i](&map);
	return tables * PAGE_SIZE;
}

/**
 * x86_kexec_build_pgtable() - build the relocation page table of an image
 * @image:	the image, its segments final
 * @pgd:	a zeroed control page to hold the top-level table
 *
 * Context: process context, may sleep; while kexec_commit() builds the
 * image: under the kexec lock for a crash image, without it for a
 * normal one, which nothing else can reach yet.
 * Return: 0, or -ENOMEM when a table page or a firmware table mapping
 * could not be had.
 */
int x86_kexec_build_pgtable(struct kimage *image, pgd_t *pgd)
{
	struct ident_map map = {
		.info = {
			.alloc_pgt_page = alloc_table,
			.context = image,
			.page_flag = __PAGE_KERNEL_LARGE_EXEC,
			.kernpg_flag = _KERNPG_TABLE_NOENC,
			.direct_gbpages = direct_gbpages,
		},
		.pgd = pgd,
		.image = image,
	};
	int i, ret;

	if (cc_platform_has(CC_ATTR_GUEST_MEM_ENCRYPT)) {
		map.info.page_flag |= _PAGE_ENC;
		map.info.kernpg_flag |= _PAGE_ENC;
	}
	for (i = 0; i < ARRAY_SIZE(ident_sources); i++) {
		ret = ident_sources[i](&map);
		if (ret)
			return ret;
	}
	share_kernel_half(pgd);
	return 0;
}
