// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: x86_64 VMCOREINFO keys
 *
 * What a dump reader needs to translate addresses on x86_64 before it can
 * read anything else: where the kernel was loaded (phys_base and the KASLR
 * offset), the root page table and whether it has five levels, the image
 * size limit, and the SME mask to strip from page table entries.
 */
#include <linux/crash_core.h>
#include <linux/pgtable.h>

#include <asm/setup.h>

#ifdef CONFIG_NUMA
static void x86_numa_keys(void)
{
	VMCOREINFO_SYMBOL(node_data);
	VMCOREINFO_LENGTH(node_data, MAX_NUMNODES);
}
#else
static inline void x86_numa_keys(void) { }
#endif

/**
 * arch_crash_save_vmcoreinfo() - append the x86_64 keys
 *
 * Context: boot, from the VMCOREINFO initcall.
 */
void arch_crash_save_vmcoreinfo(void)
{
	u64 sme_mask = sme_me_mask;

	VMCOREINFO_NUMBER(phys_base);
	VMCOREINFO_SYMBOL(init_top_pgt);
	vmcoreinfo_append_str("NUMBER(pgtable_l5_enabled)=%d\n",
			      pgtable_l5_enabled());
	x86_numa_keys();
	vmcoreinfo_append_str("KERNELOFFSET=%lx\n", kaslr_offset());
	VMCOREINFO_NUMBER(KERNEL_IMAGE_SIZE);
	VMCOREINFO_NUMBER(sme_mask);
}
