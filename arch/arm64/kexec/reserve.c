// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: arm64 crash kernel reservation
 *
 * arm64's numbers for the shared crashkernel= policy
 * (kernel/kexec/reserve.c), so that ``crashkernel=`` means on arm64 what
 * it means on x86_64:
 *
 * - every region is 2 MiB aligned, as the arm64 boot protocol wants a
 *   kernel image to be, and so is a ``size@offset`` offset;
 * - the low limit is ``arm64_dma_phys_limit``, the end of ZONE_DMA (or
 *   ZONE_DMA32): what the most limited device of this machine reaches.
 *   It is known only once zone_sizes_init() has run, which is why
 *   bootmem_init() reserves after it;
 * - the high limit is the end of the physical address space;
 * - a region above the low limit gets a 128 MiB low companion unless
 *   ``crashkernel=size,low`` says otherwise.
 *
 * Reserving after the linear map exists costs it nothing: the region
 * stays mapped like any other RAM (see protect.c for how a loaded
 * capture kernel is guarded).
 */
#include <linux/crash_reserve.h>
#include <linux/init.h>
#include <linux/processor.h>
#include <linux/sizes.h>

#include <asm/kdump_hooks.h>
#include <asm/memory.h>
#include <asm/pgtable-hwdef.h>

/**
 * reserve_crashkernel() - carve out the crash kernel region at boot
 *
 * Context: early boot, from bootmem_init() after zone_sizes_init(), while
 * memblock allocates.  Logs one line: what was reserved, or why nothing
 * was.
 */
void __init reserve_crashkernel(void)
{
	const struct crash_reserve_limits arm64_limits = {
		.floor = 0,
		.align = SZ_2M,
		.fixed_align = SZ_2M,
		.low_limit = arm64_dma_phys_limit,
		.high_limit = PHYS_MASK + 1,
		.default_low = SZ_128M,
	};

	crash_reserve(&arm64_limits);
}
