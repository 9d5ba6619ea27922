// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: x86 crash kernel reservation
 *
 * x86_64's numbers for the shared crashkernel= policy
 * (kernel/kexec/reserve.c):
 *
 * - a region the kernel places is 16 MiB aligned and starts at 16 MiB or
 *   above; a ``size@offset`` offset must be a multiple of 1 MiB;
 * - the low limit is 4 GiB, what 32-bit DMA reaches;
 * - the high limit is 64 TiB: a capture kernel entered from 5-level
 *   paging may itself use only four levels;
 * - the default low companion is the swiotlb size plus 8 MiB, and at
 *   least 256 MiB.
 *
 * A Xen PV domain has no crash kernel of its own to reserve for.
 */
#include <linux/crash_reserve.h>
#include <linux/init.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/swiotlb.h>

#include <asm/kdump_reserve.h>
#include <asm/setup.h>
#include <xen/xen.h>

/**
 * reserve_crashkernel() - carve out the crash kernel region at boot
 *
 * Context: early boot, from setup_arch(), while memblock allocates.
 * Logs one line: what was reserved, or why nothing was.
 */
void __init reserve_crashkernel(void)
{
	const struct crash_reserve_limits x86_limits = {
		.floor = SZ_16M,
		.align = SZ_16M,
		.fixed_align = SZ_1M,
		.low_limit = SZ_4G,
		.high_limit = SZ_64T,
		.default_low = max_t(unsigned long long,
				     swiotlb_size_or_default() + SZ_8M,
				     SZ_256M),
	};

	if (xen_pv_domain()) {
		if (strstr(boot_command_line, "crashkernel="))
			pr_info("crashkernel: ignored in a Xen PV domain\n");
		return;
	}
	crash_reserve(&x86_limits);
}
