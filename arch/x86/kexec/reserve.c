// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: x86 crash kernel reservation
 *
 * At boot, after memblock knows the RAM and before the page allocator
 * takes it over, ``crashkernel=`` is turned into ``crashk_res`` (and, for
 * a region above 4 GiB, ``crashk_low_res``).  The policy:
 *
 * - ``size@offset``: exactly [offset, offset + size), which must be free
 *   RAM, with offset a multiple of 1 MiB; nothing else is tried.
 * - ``size`` or a range list: the highest free, 16 MiB aligned block
 *   below 4 GiB, else below 64 TiB (a capture kernel entered from 5-level
 *   paging may only have 4 levels).
 * - ``size,high``: below 64 TiB straight away; a region that ends up above
 *   4 GiB gets a companion below 4 GiB for DMA and swiotlb, sized by
 *   ``crashkernel=size,low`` or, without a valid one, the swiotlb size
 *   plus 8 MiB and at least 256 MiB.  No companion, no region.
 *
 * Whatever the value asks for, the kernel boots.  A request it cannot
 * meet leaves both resources empty and logs one warning saying why.
 */
#include <linux/crash_core.h>
#include <linux/init.h>
#include <linux/ioport.h>
#include <linux/kexec.h>
#include <linux/memblock.h>
#include <linux/sizes.h>
#include <linux/swiotlb.h>

#include <asm/kdump_reserve.h>
#include <asm/setup.h>
#include <xen/xen.h>

#define CRASH_ALIGN		SZ_16M
#define CRASH_LOW_LIMIT		SZ_4G
#define CRASH_HIGH_LIMIT	SZ_64T

/**
 * struct crash_request - what crashkernel= asked for
 * @size:	bytes to reserve
 * @base:	where, or 0 for anywhere
 * @high:	the ",high" form: do not try below 4 GiB first
 */
struct crash_request {
	unsigned long long size;
	unsigned long long base;
	bool high;
};

static bool read_request(struct crash_request *req, unsigned long long ram)
{
	*req = (struct crash_request) { };
	if (!parse_crashkernel(boot_command_line, ram, &req->size,
			       &req->base) && req->size)
		return true;
	if (parse_crashkernel_high(boot_command_line, ram, &req->size,
				   &req->base) || !req->size)
		return false;
	req->high = true;
	return true;
}

static bool request_fits(const struct crash_request *req,
			 unsigned long long ram)
{
	if (!IS_ALIGNED(req->base, SZ_1M)) {
		pr_warn("crashkernel: offset %#llx is not a multiple of 1 MiB; nothing reserved\n",
			req->base);
		return false;
	}
	if (req->size >= ram) {
		pr_warn("crashkernel: %llu MiB asked for, the system has %llu MiB of RAM; nothing reserved\n",
			req->size >> 20, ram >> 20);
		return false;
	}
	if (req->base + req->size < req->base ||
	    req->base + req->size > CRASH_HIGH_LIMIT) {
		pr_warn("crashkernel: [%#llx-%#llx) is beyond 64 TiB; nothing reserved\n",
			req->base, req->base + req->size);
		return false;
	}
	return true;
}

static phys_addr_t place_fixed(const struct crash_request *req)
{
	/* The range is exactly one aligned block: it is had whole or not at all. */
	if (memblock_phys_alloc_range(req->size, SZ_1M, req->base,
				      req->base + req->size))
		return req->base;
	pr_warn("crashkernel: [%#llx-%#llx) is not free RAM; nothing reserved\n",
		req->base, req->base + req->size);
	return 0;
}

static phys_addr_t place_anywhere(const struct crash_request *req)
{
	phys_addr_t got = 0;

	if (!req->high)
		got = memblock_phys_alloc_range(req->size, CRASH_ALIGN,
						CRASH_ALIGN, CRASH_LOW_LIMIT);
	if (!got)
		got = memblock_phys_alloc_range(req->size, CRASH_ALIGN,
						CRASH_ALIGN, CRASH_HIGH_LIMIT);
	if (!got)
		pr_warn("crashkernel: no free %llu MiB block of RAM below %s; nothing reserved\n",
			req->size >> 20, req->high ? "64 TiB" : "4 GiB or 64 TiB");
	return got;
}

/*
 * crashkernel=size,low, or the default when there is none or it is
 * malformed (the parser has said so), as 6.1 does.
 */
static unsigned long long low_companion_size(void)
{
	unsigned long long ram = min_t(unsigned long long,
				       memblock_phys_mem_size(),
				       CRASH_LOW_LIMIT);
	unsigned long long size, base;

	if (parse_crashkernel_low(boot_command_line, ram, &size, &base))
		return max_t(unsigned long long,
			     swiotlb_size_or_default() + SZ_8M, SZ_256M);
	return size;
}

static int reserve_low_companion(void)
{
	unsigned long long size = low_companion_size();
	phys_addr_t base;

	if (!size)
		return 0;
	base = memblock_phys_alloc_range(size, CRASH_ALIGN, 0, CRASH_LOW_LIMIT);
	if (!base) {
		pr_warn("crashkernel: no free %llu MiB below 4 GiB for the low companion; nothing reserved\n",
			size >> 20);
		return -ENOMEM;
	}
	pr_info("crashkernel: reserved %llu MiB at %#llx below 4 GiB for DMA\n",
		size >> 20, (unsigned long long)base);
	crashk_low_res.start = base;
	crashk_low_res.end = base + size - 1;
	insert_resource(&iomem_resource, &crashk_low_res);
	return 0;
}

/**
 * reserve_crashkernel() - carve out the crash kernel region at boot
 *
 * Context: early boot, from setup_arch(), while memblock allocates.
 * Logs one line: what was reserved, or why nothing was.
 */
void __init reserve_crashkernel(void)
{
	unsigned long long ram = memblock_phys_mem_size();
	struct crash_request req;
	phys_addr_t base;

	if (!read_request(&req, ram) || !request_fits(&req, ram))
		return;
	if (xen_pv_domain()) {
		pr_info("crashkernel: ignored in a Xen PV domain\n");
		return;
	}
	base = req.base ? place_fixed(&req) : place_anywhere(&req);
	if (!base)
		return;
	if (base >= CRASH_LOW_LIMIT && reserve_low_companion()) {
		memblock_phys_free(base, req.size);
		return;
	}
	pr_info("crashkernel: reserved %llu MiB at %#llx (System RAM: %llu MiB)\n",
		req.size >> 20, (unsigned long long)base, ram >> 20);
	crashk_res.start = base;
	crashk_res.end = base + req.size - 1;
	insert_resource(&iomem_resource, &crashk_res);
}
