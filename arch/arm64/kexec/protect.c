// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: arm64 guard of a loaded capture kernel
 *
 * While a crash image is loaded, the crash kernel regions are taken out
 * of the linear map, so that a stray write by the running kernel cannot
 * damage the capture kernel it will need.  The relocation code and its
 * tables are reached through their own identity map and the VMCOREINFO
 * safe copy through vmalloc space, so the crash path never needs the
 * linear map of the region.
 *
 * Unmapping single pages needs a page-granular linear map.  The series
 * does not force one (upstream 6.1 maps all of RAM with pages whenever
 * ``crashkernel=`` is given, which costs page-table memory and TLB reach
 * for the whole life of the kernel): it guards the region only where the
 * linear map is page-granular anyway, which is the case whenever
 * can_set_direct_map() is true (``rodata=full``, the arm64 default, or
 * debug_pagealloc or a late KFENCE pool).  With block mappings the
 * region stays mapped, and the first load says so once.
 *
 * The regions are mapped and unmapped under one mutex, because one of the
 * three parties that do so, the build of a normal image, runs without the
 * kexec lock (see arm64_kexec_crash_region_borrow()).
 *
 * Hibernation saves the region's pages like any reserved memory: they are
 * mapped again around the snapshot (crash_prepare_suspend() and
 * crash_post_resume()), and crash_is_nosave() keeps the free part of the
 * region out of the image.
 */
#define pr_fmt(fmt) "kexec: " fmt

#include <linux/ioport.h>
#include <linux/kexec.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/set_memory.h>

#include "kexec_arm64.h"

/*
 * The regions' place in the linear map is changed by three parties: the
 * holder of the kexec lock, when it loads or unloads a capture kernel;
 * hibernation, around its snapshot; and the build of a normal image,
 * which runs without the kexec lock and maps the regions for the moment
 * it copies the linear map (machine.c).  This mutex orders all three.
 * @crash_region_guarded says whether the regions belong out of the
 * linear map between them: set while a capture kernel is loaded.
 */
static DEFINE_MUTEX(crash_map_lock);
static bool crash_region_guarded;

static void map_resource(const struct resource *res, bool valid)
{
	if (!res->end || res->end < res->start)
		return;
	set_memory_valid((unsigned long)phys_to_virt(res->start),
			 resource_size(res) >> PAGE_SHIFT, valid);
}

/* Map (@valid) or unmap the crash regions; nothing on block mappings. */
static void map_crash_region(bool valid)
{
	lockdep_assert_held(&crash_map_lock);
	if (!can_set_direct_map()) {
		pr_info_once("the linear map uses block mappings; the crash kernel region stays writable\n");
		return;
	}
	map_resource(&crashk_res, valid);
	map_resource(&crashk_low_res, valid);
}

static void set_guard(bool guarded)
{
	mutex_lock(&crash_map_lock);
	crash_region_guarded = guarded;
	map_crash_region(!guarded);
	mutex_unlock(&crash_map_lock);
}

/**
 * arch_kexec_protect_crashkres() - unmap the crash regions
 *
 * Context: process context, may sleep; the kexec lock is held.
 */
void arch_kexec_protect_crashkres(void)
{
	set_guard(true);
}

/**
 * arch_kexec_unprotect_crashkres() - map the crash regions again
 *
 * Context: process context, may sleep; the kexec lock is held.
 */
void arch_kexec_unprotect_crashkres(void)
{
	set_guard(false);
}

/**
 * arm64_kexec_crash_region_borrow() - map the crash regions for a moment
 *
 * A normal image's copy of the linear map must hold the regions, where a
 * destination may lie, even while a capture kernel keeps them unmapped.
 * The copy is made without the kexec lock, so the regions stay as this
 * leaves them, mapped, until arm64_kexec_crash_region_return(): loading,
 * unloading and hibernation wait until then.
 *
 * Context: process context, may sleep.  The holder of the kexec lock may
 * wait for the mutex this takes; nothing ever waits for the kexec lock.
 */
void arm64_kexec_crash_region_borrow(void)
{
	mutex_lock(&crash_map_lock);
	if (crash_region_guarded)
		map_crash_region(true);
}

/**
 * arm64_kexec_crash_region_return() - end arm64_kexec_crash_region_borrow()
 *
 * Context: process context, may sleep; after
 * arm64_kexec_crash_region_borrow(), by the same task.
 */
void arm64_kexec_crash_region_return(void)
{
	if (crash_region_guarded)
		map_crash_region(false);
	mutex_unlock(&crash_map_lock);
}

#ifdef CONFIG_HIBERNATION
/**
 * crash_prepare_suspend() - map the crash regions for the snapshot
 *
 * Context: hibernation, before the image is written.
 */
void crash_prepare_suspend(void)
{
	mutex_lock(&crash_map_lock);
	if (crash_region_guarded)
		map_crash_region(true);
	mutex_unlock(&crash_map_lock);
}

/**
 * crash_post_resume() - unmap them again after the snapshot
 *
 * Context: hibernation, after resume or a failed snapshot.
 */
void crash_post_resume(void)
{
	mutex_lock(&crash_map_lock);
	if (crash_region_guarded)
		map_crash_region(false);
	mutex_unlock(&crash_map_lock);
}

static bool in_resource(const struct resource *res, phys_addr_t pa)
{
	return res->end && pa >= res->start && pa <= res->end;
}

static bool in_a_segment(const struct kimage *image, phys_addr_t pa)
{
	unsigned long i;

	for (i = 0; i < image->nr_segments; i++)
		if (pa - image->segment[i].mem < image->segment[i].memsz)
			return true;
	return false;
}

/*
 * Crash control pages (relocation code, its tables, the VMCOREINFO copy)
 * are taken upwards from the start of crashk_res, below image->control_page.
 */
static bool in_control_pages(const struct kimage *image, phys_addr_t pa)
{
	return in_resource(&crashk_res, pa) && pa < image->control_page;
}

/**
 * crash_is_nosave() - may hibernation leave this page out?
 * @pfn: a page frame
 *
 * Context: hibernation, while the snapshot is built.
 * Return: true for a page of a crash region that holds no part of the
 * loaded capture kernel: neither a segment nor a control page.
 */
bool crash_is_nosave(unsigned long pfn)
{
	const struct kimage *image = kexec_crash_image;
	phys_addr_t pa = PFN_PHYS(pfn);

	if (!in_resource(&crashk_res, pa) && !in_resource(&crashk_low_res, pa))
		return false;
	if (!image)
		return true;
	return !in_a_segment(image, pa) && !in_control_pages(image, pa);
}

/**
 * crash_free_reserved_phys_range() - give shrunk-off crash memory back
 * @begin:	first byte, page aligned
 * @end:	last byte (crashk_res.end)
 *
 * Context: process context; the kexec lock is held.
 */
void crash_free_reserved_phys_range(unsigned long begin, unsigned long end)
{
	unsigned long pfn;

	for (pfn = PHYS_PFN(begin); PFN_PHYS(pfn) < end; pfn++)
		free_reserved_page(pfn_to_page(pfn));
}
#endif
