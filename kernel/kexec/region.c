// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: the crash kernel region
 *
 * ``crashk_res`` is the memory set aside at boot by ``crashkernel=`` for
 * the capture kernel; ``crashk_low_res`` is the optional companion below
 * 4 GiB that ``crashkernel=X,high`` asks for.  The architecture reserves
 * them and inserts them into /proc/iomem as "Crash kernel"; this file
 * owns the two resources and the one change allowed after boot:
 * shrinking ``crashk_res`` through /sys/kernel/kexec_crash_size.
 *
 * A region with ``end == 0`` does not exist.  Shrinking keeps the start
 * and gives the tail back to the page allocator as "System RAM"; it is
 * refused while a crash image is loaded, since the image lives there.
 * Both operations take the kexec lock.
 */
#define pr_fmt(fmt) "kexec: " fmt

#include <linux/ioport.h>
#include <linux/kexec.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "internal.h"

struct resource crashk_res = {
	.name  = "Crash kernel",
	.flags = IORESOURCE_BUSY | IORESOURCE_SYSTEM_RAM,
	.desc  = IORES_DESC_CRASH_KERNEL,
};

struct resource crashk_low_res = {
	.name  = "Crash kernel",
	.flags = IORESOURCE_BUSY | IORESOURCE_SYSTEM_RAM,
	.desc  = IORES_DESC_CRASH_KERNEL,
};

static unsigned long region_size(void)
{
	return crashk_res.end ? resource_size(&crashk_res) : 0;
}

/**
 * crash_get_memory_size() - size of the crash kernel region
 *
 * Context: process context; takes the kexec lock.
 * Return: the size in bytes (0 if there is no region), or -EBUSY if a
 * load is in progress.
 */
ssize_t crash_get_memory_size(void)
{
	ssize_t size;

	if (!kexec_lock_try())
		return -EBUSY;
	size = region_size();
	kexec_lock_drop();
	return size;
}

/* Hand [@start, crashk_res.end] back to the system as RAM. */
static void release_tail(struct resource *ram, unsigned long start)
{
	crash_free_reserved_phys_range(start, crashk_res.end);
	ram->name = "System RAM";
	ram->flags = IORESOURCE_BUSY | IORESOURCE_SYSTEM_RAM;
	ram->start = start;
	ram->end = crashk_res.end;
	if (start == crashk_res.start && crashk_res.parent)
		release_resource(&crashk_res);
	crashk_res.end = start - 1;
	insert_resource(&iomem_resource, ram);
}

static int shrink_locked(unsigned long new_size)
{
	unsigned long old_size = region_size();
	struct resource *ram;

	if (kexec_crash_image) {
		pr_warn("unload the crash kernel before shrinking its region\n");
		return -ENOENT;
	}
	/* Compared first: rounding a size near ULONG_MAX up wraps it to 0. */
	if (new_size <= old_size)
		new_size = roundup(new_size, KEXEC_CRASH_MEM_ALIGN);
	if (new_size > old_size) {
		pr_warn("kexec_crash_size: the region can only shrink, it has %lu bytes\n",
			old_size);
		return -EINVAL;
	}
	if (new_size == old_size)
		return 0;
	ram = kzalloc(sizeof(*ram), GFP_KERNEL);
	if (!ram)
		return -ENOMEM;
	release_tail(ram, crashk_res.start + new_size);
	return 0;
}

/**
 * crash_shrink_memory() - make the crash kernel region smaller
 * @new_size: the size wanted, in bytes; rounded up to KEXEC_CRASH_MEM_ALIGN
 *
 * Context: process context, may sleep; takes the kexec lock.
 * Return: 0 (also when @new_size is the current size); -EBUSY if a load
 * is in progress; -ENOENT while a crash image is loaded; -EINVAL if
 * @new_size is larger than the region; -ENOMEM.
 */
int crash_shrink_memory(unsigned long new_size)
{
	int ret;

	if (!kexec_lock_try())
		return -EBUSY;
	ret = shrink_locked(new_size);
	kexec_lock_drop();
	return ret;
}
