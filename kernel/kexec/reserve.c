// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: the crash kernel region at boot
 *
 * ``crashkernel=`` becomes ``crashk_res``, and maybe ``crashk_low_res``,
 * by the same rules on every architecture; only the numbers differ, and
 * each architecture gives them in a struct crash_reserve_limits:
 *
 * - ``size@offset``: exactly [offset, offset + size), which must be free
 *   RAM, with the offset a multiple of ``fixed_align``; nothing else is
 *   tried;
 * - ``size`` or a range list: the highest free ``align``-aligned block
 *   below ``low_limit`` (the end of the memory every device can reach:
 *   4 GiB on x86_64, the end of ZONE_DMA/ZONE_DMA32 on arm64), else the
 *   highest below ``high_limit``;
 * - ``size,high``: below ``high_limit`` straight away;
 * - a region that ends up above ``low_limit`` gets a *low companion*
 *   below it, for the capture kernel's DMA buffers and swiotlb:
 *   ``crashkernel=size,low`` bytes, or ``default_low`` when there is no
 *   such value or it is malformed; ``crashkernel=0,low`` asks for none.
 *   No companion, no region.
 *
 * Whatever the value asks for, the kernel boots.  A request that cannot
 * be met leaves both resources empty and logs one warning that quotes
 * the numbers and says why.
 *
 * crash_reserve_plan() makes every decision and takes its memory through
 * a struct crash_reserve_ops, so that KUnit runs it against a pretend
 * memory map; crash_reserve() runs it against memblock at boot and
 * publishes the result in /proc/iomem.
 */
#define pr_fmt(fmt) "crashkernel: " fmt

#include <linux/crash_core.h>
#include <linux/crash_reserve.h>
#include <linux/ioport.h>
#include <linux/kexec.h>
#include <linux/kmemleak.h>
#include <linux/memblock.h>
#include <linux/mm.h>

#include "internal.h"

/**
 * struct crash_request - what crashkernel= asked for
 * @size:	bytes to reserve
 * @base:	where, or 0 for anywhere
 * @high:	the ",high" form: do not try below the low limit first
 */
struct crash_request {
	unsigned long long size;
	unsigned long long base;
	bool high;
};

static bool read_request(struct crash_request *req, const char *cmdline,
			 unsigned long long ram)
{
	*req = (struct crash_request) { };
	if (!crashkernel_parse(cmdline, ram, &req->size, &req->base, NULL) &&
	    req->size)
		return true;
	if (crashkernel_parse(cmdline, ram, &req->size, &req->base, ",high"))
		return false;
	req->high = true;
	return req->size;
}

static enum crash_reserve_verdict
check_alignment(const struct crash_request *req, unsigned long long ram,
		const struct crash_reserve_limits *lim)
{
	if (IS_ALIGNED(req->base, lim->fixed_align))
		return CRASH_RESERVED;
	pr_warn("offset %#llx is not a multiple of %llu KiB; nothing reserved\n",
		req->base, (unsigned long long)lim->fixed_align >> 10);
	return CRASH_UNALIGNED;
}

static enum crash_reserve_verdict
check_size(const struct crash_request *req, unsigned long long ram,
	   const struct crash_reserve_limits *lim)
{
	if (req->size < ram)
		return CRASH_RESERVED;
	pr_warn("%llu MiB asked for, the system has %llu MiB of RAM; nothing reserved\n",
		req->size >> 20, ram >> 20);
	return CRASH_TOO_LARGE;
}

static enum crash_reserve_verdict
check_reach(const struct crash_request *req, unsigned long long ram,
	    const struct crash_reserve_limits *lim)
{
	unsigned long long end = req->base + req->size;

	if (end > req->base && end <= lim->high_limit)
		return CRASH_RESERVED;
	pr_warn("[%#llx-%#llx) is beyond %#llx, where a capture kernel can run; nothing reserved\n",
		req->base, end, (unsigned long long)lim->high_limit);
	return CRASH_OUT_OF_REACH;
}

/* The rules a request must pass before any memory is looked for. */
static enum crash_reserve_verdict
(* const request_rules[])(const struct crash_request *req,
			  unsigned long long ram,
			  const struct crash_reserve_limits *lim) = {
	check_alignment,
	check_size,
	check_reach,
};

static enum crash_reserve_verdict
check_request(const struct crash_request *req, unsigned long long ram,
	      const struct crash_reserve_limits *lim)
{
	enum crash_reserve_verdict v;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(request_rules); i++) {
		v = request_rules[i](req, ram, lim);
		if (v != CRASH_RESERVED)
			return v;
	}
	return CRASH_RESERVED;
}

static enum crash_reserve_verdict
place_fixed(const struct crash_request *req,
	    const struct crash_reserve_limits *lim,
	    const struct crash_reserve_ops *ops, struct crash_regions *out)
{
	/* The range is exactly one block: it is had whole or not at all. */
	out->base = ops->alloc(req->size, lim->fixed_align, req->base,
			       req->base + req->size);
	if (out->base == req->base)
		return CRASH_RESERVED;
	pr_warn("[%#llx-%#llx) is not free RAM; nothing reserved\n",
		req->base, req->base + req->size);
	return CRASH_NOT_FREE;
}

static enum crash_reserve_verdict
place_anywhere(const struct crash_request *req,
	       const struct crash_reserve_limits *lim,
	       const struct crash_reserve_ops *ops, struct crash_regions *out)
{
	out->base = 0;
	if (!req->high)
		out->base = ops->alloc(req->size, lim->align, lim->floor,
				       lim->low_limit);
	if (!out->base)
		out->base = ops->alloc(req->size, lim->align, lim->floor,
				       lim->high_limit);
	if (out->base)
		return CRASH_RESERVED;
	pr_warn("no free %llu MiB block of RAM below %#llx; nothing reserved\n",
		req->size >> 20, (unsigned long long)lim->high_limit);
	return CRASH_NO_ROOM;
}

/* crashkernel=size,low, or the default when there is none or it is bad. */
static unsigned long long low_size(const char *cmdline, unsigned long long ram,
				   const struct crash_reserve_limits *lim)
{
	unsigned long long size, base;

	if (crashkernel_parse(cmdline, min_t(unsigned long long, ram,
					     lim->low_limit),
			      &size, &base, ",low"))
		return lim->default_low;
	return size;
}

static enum crash_reserve_verdict
place_low(const char *cmdline, unsigned long long ram,
	  const struct crash_reserve_limits *lim,
	  const struct crash_reserve_ops *ops, struct crash_regions *out)
{
	out->low_size = PAGE_ALIGN(low_size(cmdline, ram, lim));
	if (!out->low_size)
		return CRASH_RESERVED;
	out->low_base = ops->alloc(out->low_size, lim->align, 0,
				   lim->low_limit);
	if (out->low_base)
		return CRASH_RESERVED;
	pr_warn("no free %llu MiB below %#llx for the low companion of [%#llx-%#llx); nothing reserved\n",
		out->low_size >> 20, (unsigned long long)lim->low_limit,
		(unsigned long long)out->base,
		(unsigned long long)(out->base + out->size));
	return CRASH_NO_LOW_ROOM;
}

/**
 * crash_reserve_plan() - decide and take the crash kernel regions
 * @cmdline:	the kernel command line
 * @ram:	bytes of RAM in the machine
 * @lim:	the architecture's numbers
 * @ops:	where the memory comes from
 * @out:	the regions taken; both sizes are 0 unless CRASH_RESERVED
 *
 * Takes nothing, or exactly the regions it reports: a failure after the
 * main region was taken gives it back.  Logs one warning for a request
 * it refuses (the parser logs one for a malformed value).
 *
 * Context: boot with memblock ops, or any context the ops allow (KUnit).
 * Return: CRASH_RESERVED, or the rule that refused the request.
 */
enum crash_reserve_verdict
crash_reserve_plan(const char *cmdline, unsigned long long ram,
		   const struct crash_reserve_limits *lim,
		   const struct crash_reserve_ops *ops,
		   struct crash_regions *out)
{
	struct crash_regions got = { };
	struct crash_request req;
	enum crash_reserve_verdict v;

	*out = got;
	if (!read_request(&req, cmdline, ram))
		return CRASH_NOT_ASKED;
	req.size = PAGE_ALIGN(req.size);
	v = check_request(&req, ram, lim);
	if (v != CRASH_RESERVED)
		return v;
	v = req.base ? place_fixed(&req, lim, ops, &got) :
		       place_anywhere(&req, lim, ops, &got);
	if (v != CRASH_RESERVED)
		return v;
	got.size = req.size;
	if (got.base + got.size > lim->low_limit) {
		v = place_low(cmdline, ram, lim, ops, &got);
		if (v != CRASH_RESERVED) {
			ops->free(got.base, got.size);
			return v;
		}
	}
	*out = got;
	return CRASH_RESERVED;
}

static phys_addr_t __init memblock_take(phys_addr_t size, phys_addr_t align,
					phys_addr_t start, phys_addr_t end)
{
	return memblock_phys_alloc_range(size, align, start, end);
}

static void __init memblock_give_back(phys_addr_t base, phys_addr_t size)
{
	memblock_phys_free(base, size);
}

static const struct crash_reserve_ops memblock_ops __initconst = {
	.alloc = memblock_take,
	.free = memblock_give_back,
};

static void __init publish(struct resource *res, phys_addr_t base,
			   unsigned long long size)
{
	if (!size)
		return;
	/* Never scanned: the region may be unmapped while an image is loaded. */
	kmemleak_ignore_phys(base);
	res->start = base;
	res->end = base + size - 1;
	insert_resource(&iomem_resource, res);
}

/**
 * crash_reserve() - carve out the crash kernel regions at boot
 * @lim: the architecture's numbers
 *
 * Context: early boot, while memblock allocates and before the page
 * allocator takes memory over.  Logs one line: what was reserved, or
 * why nothing was.
 */
void __init crash_reserve(const struct crash_reserve_limits *lim)
{
	unsigned long long ram = memblock_phys_mem_size();
	struct crash_regions got;

	if (crash_reserve_plan(boot_command_line, ram, lim, &memblock_ops,
			       &got) != CRASH_RESERVED)
		return;
	publish(&crashk_res, got.base, got.size);
	publish(&crashk_low_res, got.low_base, got.low_size);
	if (got.low_size)
		pr_info("reserved %llu MiB at %#llx below %#llx for DMA\n",
			got.low_size >> 20, (unsigned long long)got.low_base,
			(unsigned long long)lim->low_limit);
	pr_info("reserved %llu MiB at %#llx (System RAM: %llu MiB)\n",
		got.size >> 20, (unsigned long long)got.base, ram >> 20);
}
