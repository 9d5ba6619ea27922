// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: arm64 VMCOREINFO keys
 *
 * What makedumpfile and crash need before they can translate a single
 * arm64 kernel address: the size of the kernel's virtual address space
 * (``NUMBER(VA_BITS)``, and ``NUMBER(TCR_EL1_T1SZ)`` for the one the
 * hardware really walks, which differs with 52-bit VAs on a 48-bit CPU),
 * where the linear map starts in physical memory (``PHYS_OFFSET``), how
 * far the kernel image's virtual addresses are from its physical ones
 * (``kimage_voffset``) and from their link-time values (``KERNELOFFSET``),
 * the bounds of the module, vmalloc and vmemmap areas, and the bits of a
 * kernel pointer that pointer authentication uses
 * (``NUMBER(KERNELPACMASK)``, 0 without it) so a reader can strip them
 * from return addresses on saved stacks.
 *
 * Every hexadecimal NUMBER() is printed with its 0x prefix; VA_BITS is
 * decimal.  These are the 6.1 formats the Debian tools parse.
 */
#include <linux/cpufeature.h>
#include <linux/crash_core.h>

#include <asm/memory.h>
#include <asm/pgtable-hwdef.h>
#include <asm/compiler.h>
#include <asm/sysreg.h>

static void hex_key(const char *name, u64 value)
{
	vmcoreinfo_append_str("NUMBER(%s)=0x%llx\n", name, value);
}

static u64 kernel_pac_mask(void)
{
	if (!system_supports_address_auth())
		return 0;
	return ptrauth_kernel_pac_mask();
}

/**
 * arch_crash_save_vmcoreinfo() - append the arm64 keys
 *
 * Context: boot, from the VMCOREINFO initcall.
 */
void arch_crash_save_vmcoreinfo(void)
{
	u64 t1sz = (read_sysreg(tcr_el1) & TCR_T1SZ_MASK) >> TCR_T1SZ_OFFSET;

	VMCOREINFO_NUMBER(VA_BITS);
	hex_key("MODULES_VADDR", MODULES_VADDR);
	hex_key("MODULES_END", MODULES_END);
	hex_key("VMALLOC_START", VMALLOC_START);
	hex_key("VMALLOC_END", VMALLOC_END);
	hex_key("VMEMMAP_START", VMEMMAP_START);
	hex_key("VMEMMAP_END", VMEMMAP_END);
	hex_key("kimage_voffset", kimage_voffset);
	hex_key("PHYS_OFFSET", PHYS_OFFSET);
	hex_key("TCR_EL1_T1SZ", t1sz);
	vmcoreinfo_append_str("KERNELOFFSET=%lx\n", kaslr_offset());
	hex_key("KERNELPACMASK", kernel_pac_mask());
}
