// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: x86 crash kernel reservation
 *
 * x86's numbers for the shared crashkernel= policy
 * (kernel/kexec/reserve.c).  On both widths a region the kernel places is
 * 16 MiB aligned and starts at 16 MiB or above, and a ``size@offset``
 * offset must be a multiple of 1 MiB.  On x86_64:
 *
 * - the low limit is 4 GiB, what 32-bit DMA reaches;
 * - the high limit is 64 TiB: a capture kernel entered from 5-level
 *   paging may itself use only four levels;
 * - the default low companion is the swiotlb size plus 8 MiB, and at
 *   least 256 MiB.
 *
 * On 32-bit x86 both limits are 512 MiB, inside the kernel's low memory,
 * so ``,high`` changes nothing and no region needs a low companion.
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

/* Where the two widths differ; phys_addr_t has 32 bits without PAE. */
#ifdef CONFIG_X86_64
#define X86_CRASH_LOW_LIMIT	SZ_4G
#define X86_CRASH_HIGH_LIMIT	SZ_64T
#else
#define X86_CRASH_LOW_LIMIT	SZ_512M
#define X86_CRASH_HIGH_LIMIT	SZ_512M
#endif

static const struct crash_reserve_limits x86_limits __initconst = {
	.floor = SZ_16M,
	.align = SZ_16M,
	.fixed_align = SZ_1M,
	.low_limit = X86_CRASH_LOW_LIMIT,
	.high_limit = X86_CRASH_HIGH_LIMIT,
	.default_low = SZ_256M,
};

/**
 * reserve_crashkernel() - carve out the crash kernel region at boot
 *
 * Context: early boot, from setup_arch(), while memblock allocates.
 * Logs one line: what was reserved, or why nothing was.
 */
void __init reserve_crashkernel(void)
{
	struct crash_reserve_limits lim = x86_limits;

	if (IS_ENABLED(CONFIG_SWIOTLB))
		lim.default_low = max_t(unsigned long long, lim.default_low,
					swiotlb_size_or_default() + SZ_8M);
	if (xen_pv_domain()) {
		if (strstr(boot_command_line, "crashkernel="))
			pr_info("crashkernel: ignored in a Xen PV domain\n");
		return;
	}
	crash_reserve(&lim);
}
