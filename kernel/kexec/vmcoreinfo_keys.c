// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: generic VMCOREINFO keys
 *
 * The keys every architecture exports, grouped by what the dump tools
 * use them for.  The spelling of each key and the format of its value
 * are ABI: makedumpfile and crash look them up by name and parse the
 * number as the VMCOREINFO_* macro of <linux/crash_core.h> prints it
 * (SYMBOL in hex, SIZE, OFFSET and LENGTH in unsigned decimal, NUMBER in
 * signed decimal).
 * Groups that exist only in some configurations are functions with an
 * empty stub, so the list below reads the same in every build.
 */
#include <linux/buildid.h>
#include <linux/crash_core.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>
#include <linux/page-flags.h>
#include <linux/printk.h>
#include <linux/utsname.h>
#include <linux/vmalloc.h>

#include <asm/sections.h>

#include "../kallsyms_internal.h"
#include "internal.h"

/* Values whose key name is a macro name, not a kernel identifier. */
#define PAGE_BUDDY_MAPCOUNT_VALUE	(~PG_buddy)
#define PAGE_OFFLINE_MAPCOUNT_VALUE	(~PG_offline)

static void __init keys_release(void)
{
	VMCOREINFO_OSRELEASE(init_uts_ns.name.release);
	VMCOREINFO_BUILD_ID();
	VMCOREINFO_PAGESIZE(PAGE_SIZE);
	VMCOREINFO_SYMBOL(init_uts_ns);
	VMCOREINFO_OFFSET(uts_namespace, name);
}

#ifdef CONFIG_MMU
static void __init keys_page_tables(void)
{
	VMCOREINFO_SYMBOL_ARRAY(swapper_pg_dir);
}
#else
static inline void keys_page_tables(void) { }
#endif

static void __init keys_kernel_layout(void)
{
	VMCOREINFO_SYMBOL(node_online_map);
	keys_page_tables();
	VMCOREINFO_SYMBOL(_stext);
	VMCOREINFO_SYMBOL(vmap_area_list);
	VMCOREINFO_OFFSET(vmap_area, va_start);
	VMCOREINFO_OFFSET(vmap_area, list);
}

#ifndef CONFIG_NUMA
static void __init keys_single_node(void)
{
	VMCOREINFO_SYMBOL(mem_map);
	VMCOREINFO_SYMBOL(contig_page_data);
}
#else
static inline void keys_single_node(void) { }
#endif

#ifdef CONFIG_SPARSEMEM
static void __init keys_sparsemem(void)
{
	VMCOREINFO_SYMBOL_ARRAY(mem_section);
	VMCOREINFO_LENGTH(mem_section, NR_SECTION_ROOTS);
	VMCOREINFO_STRUCT_SIZE(mem_section);
	VMCOREINFO_OFFSET(mem_section, section_mem_map);
	VMCOREINFO_NUMBER(SECTION_SIZE_BITS);
	VMCOREINFO_NUMBER(MAX_PHYSMEM_BITS);
}
#else
static inline void keys_sparsemem(void) { }
#endif

#ifdef CONFIG_FLATMEM
static void __init keys_flatmem(void)
{
	VMCOREINFO_OFFSET(pglist_data, node_mem_map);
}
#else
static inline void keys_flatmem(void) { }
#endif

static void __init keys_struct_page(void)
{
	VMCOREINFO_STRUCT_SIZE(page);
	VMCOREINFO_OFFSET(page, flags);
	VMCOREINFO_OFFSET(page, _refcount);
	VMCOREINFO_OFFSET(page, mapping);
	VMCOREINFO_OFFSET(page, lru);
	VMCOREINFO_OFFSET(page, _mapcount);
	VMCOREINFO_OFFSET(page, private);
	VMCOREINFO_OFFSET(page, compound_dtor);
	VMCOREINFO_OFFSET(page, compound_order);
	VMCOREINFO_OFFSET(page, compound_head);
}

static void __init keys_nodes_and_zones(void)
{
	VMCOREINFO_STRUCT_SIZE(pglist_data);
	VMCOREINFO_STRUCT_SIZE(zone);
	VMCOREINFO_STRUCT_SIZE(free_area);
	VMCOREINFO_STRUCT_SIZE(list_head);
	VMCOREINFO_SIZE(nodemask_t);
	VMCOREINFO_OFFSET(pglist_data, node_zones);
	VMCOREINFO_OFFSET(pglist_data, nr_zones);
	keys_flatmem();
	VMCOREINFO_OFFSET(pglist_data, node_start_pfn);
	VMCOREINFO_OFFSET(pglist_data, node_spanned_pages);
	VMCOREINFO_OFFSET(pglist_data, node_id);
	VMCOREINFO_OFFSET(zone, free_area);
	VMCOREINFO_OFFSET(zone, vm_stat);
	VMCOREINFO_OFFSET(zone, spanned_pages);
	VMCOREINFO_OFFSET(free_area, free_list);
	VMCOREINFO_OFFSET(list_head, next);
	VMCOREINFO_OFFSET(list_head, prev);
	VMCOREINFO_LENGTH(zone.free_area, MAX_ORDER);
	VMCOREINFO_LENGTH(free_area.free_list, MIGRATE_TYPES);
	VMCOREINFO_NUMBER(NR_FREE_PAGES);
}

#ifdef CONFIG_MEMORY_FAILURE
static void __init keys_hwpoison(void)
{
	VMCOREINFO_NUMBER(PG_hwpoison);
}
#else
static inline void keys_hwpoison(void) { }
#endif

#ifdef CONFIG_HUGETLB_PAGE
static void __init keys_hugetlb(void)
{
	VMCOREINFO_NUMBER(HUGETLB_PAGE_DTOR);
	VMCOREINFO_NUMBER(PAGE_OFFLINE_MAPCOUNT_VALUE);
}
#else
static inline void keys_hugetlb(void) { }
#endif

/* What makedumpfile needs to tell free, cache and slab pages apart. */
static void __init keys_page_flags(void)
{
	VMCOREINFO_NUMBER(PG_lru);
	VMCOREINFO_NUMBER(PG_private);
	VMCOREINFO_NUMBER(PG_swapcache);
	VMCOREINFO_NUMBER(PG_swapbacked);
	VMCOREINFO_NUMBER(PG_slab);
	keys_hwpoison();
	VMCOREINFO_NUMBER(PG_head_mask);
	VMCOREINFO_NUMBER(PAGE_BUDDY_MAPCOUNT_VALUE);
	keys_hugetlb();
}

/* Lets crash find symbols in a dump without vmlinux's symbol table. */
static void __init keys_kallsyms(void)
{
	if (!IS_ENABLED(CONFIG_KALLSYMS))
		return;
	VMCOREINFO_SYMBOL(kallsyms_names);
	VMCOREINFO_SYMBOL(kallsyms_num_syms);
	VMCOREINFO_SYMBOL(kallsyms_token_table);
	VMCOREINFO_SYMBOL(kallsyms_token_index);
	if (IS_ENABLED(CONFIG_KALLSYMS_BASE_RELATIVE)) {
		VMCOREINFO_SYMBOL(kallsyms_offsets);
		VMCOREINFO_SYMBOL(kallsyms_relative_base);
	} else {
		VMCOREINFO_SYMBOL(kallsyms_addresses);
	}
}

/**
 * vmcoreinfo_add_generic_keys() - append the architecture-neutral keys
 *
 * Includes the printk ring buffer's keys (log_buf_vmcoreinfo_setup()).
 *
 * Context: boot, once, from the VMCOREINFO initcall.
 */
void __init vmcoreinfo_add_generic_keys(void)
{
	keys_release();
	keys_kernel_layout();
	keys_single_node();
	keys_sparsemem();
	keys_struct_page();
	keys_nodes_and_zones();
	keys_page_flags();
	log_buf_vmcoreinfo_setup();
	keys_kallsyms();
}
