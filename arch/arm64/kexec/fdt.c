// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: the device tree of a kernel loaded by kexec_file_load() on arm64
 *
 * The new kernel gets the device tree the running kernel booted with
 * (``initial_boot_params``), with /chosen rewritten.  First every
 * property this file may write is deleted, so nothing stale survives
 * from the boot loader or from an earlier kexec; then it writes:
 *
 * - ``bootargs``: the command line kexec_file_load() was given, unless it
 *   is empty.  A command line the new kernel would truncate (longer than
 *   COMMAND_LINE_SIZE - 1 characters) is refused with -EINVAL;
 * - ``linux,initrd-start`` and ``linux,initrd-end`` (end exclusive), when
 *   there is an initrd;
 * - for a crash image, ``linux,elfcorehdr`` (<address size>) and
 *   ``linux,usable-memory-range`` (<address size> pairs: ``crashk_res``,
 *   then ``crashk_low_res`` last when one is reserved), both in the root
 *   node's #address-cells and #size-cells;
 * - ``linux,ima-kexec-buffer`` (<address size>) and a memory reservation
 *   of that range, when the image carries IMA's measurement list
 *   (kexec_ima.h).  A stale property's reservation goes with it, if the
 *   tree reserves exactly that range, so buffers of earlier kexecs do
 *   not pile up as reserved memory;
 * - ``kaslr-seed`` (8 bytes) and ``rng-seed``, random bytes, when the
 *   running kernel's RNG is initialised (as upstream decides; the new
 *   kernel reads kaslr-seed only if it was built with KASLR);
 * - ``linux,booted-from-kexec``, empty.
 *
 * arm64_kexec_fdt_build() is the pure part: it reads only its arguments,
 * so a test can feed it a small hand-made tree.
 */
#define pr_fmt(fmt) "kexec: Image: " fmt

#include <linux/crash_elf.h>
#include <linux/kexec.h>
#include <linux/kexec_ima.h>
#include <linux/kexec_place.h>
#include <linux/libfdt.h>
#include <linux/mm.h>
#include <linux/of_fdt.h>
#include <linux/random.h>
#include <linux/string.h>

#include <asm/setup.h>

#include "kexec_arm64.h"

#define KASLR_SEED_LEN	8
/* Room for the properties, reservation and /chosen node this file adds. */
#define FDT_SLACK	1024
#define IMA_PROP	"linux,ima-kexec-buffer"

static const char * const chosen_props[] = {
	"bootargs",
	"linux,initrd-start",
	"linux,initrd-end",
	"linux,elfcorehdr",
	"linux,usable-memory-range",
	IMA_PROP,
	"kaslr-seed",
	"rng-seed",
	"linux,booted-from-kexec",
};

static int errno_of(int fdt_err)
{
	return fdt_err == -FDT_ERR_NOSPACE ? -ENOSPC : -EINVAL;
}

static bool has_cmdline(const struct arm64_fdt_params *p)
{
	return p->cmdline && p->cmdline[0];
}

/**
 * arm64_kexec_fdt_room() - bytes arm64_kexec_fdt_build() may need
 * @src:	the tree it starts from, already checked with fdt_check_header()
 * @p:		what it adds
 *
 * Context: any; pure.
 * Return: a buffer size large enough for the result.
 */
size_t arm64_kexec_fdt_room(const void *src, const struct arm64_fdt_params *p)
{
	size_t len = fdt_totalsize(src) + FDT_SLACK + ARM64_FDT_RNG_SEED_LEN;

	if (has_cmdline(p))
		len += strnlen(p->cmdline, COMMAND_LINE_SIZE) + 1;
	return len;
}

static int chosen_of(void *fdt)
{
	int node = fdt_path_offset(fdt, "/chosen");

	if (node == -FDT_ERR_NOTFOUND)
		node = fdt_add_subnode(fdt, 0, "chosen");
	return node;
}

static int clear_chosen(void *fdt, int node)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(chosen_props); i++) {
		ret = fdt_delprop(fdt, node, chosen_props[i]);
		if (ret && ret != -FDT_ERR_NOTFOUND)
			return ret;
	}
	return 0;
}

/* Append @val in @cells big-endian cells; 1 cell holds only 32 bits. */
static int put_cells(fdt32_t **pos, int cells, u64 val)
{
	if (cells == 1 && upper_32_bits(val))
		return -FDT_ERR_BADVALUE;
	if (cells == 2)
		*(*pos)++ = cpu_to_fdt32(upper_32_bits(val));
	*(*pos)++ = cpu_to_fdt32(lower_32_bits(val));
	return 0;
}

/*
 * The root's #address-cells and #size-cells, in @ac and @sc; false unless
 * both are 1 or 2, the only widths put_cells() and get_cells() know.
 */
static bool root_cells(const void *fdt, int *ac, int *sc)
{
	*ac = fdt_address_cells(fdt, 0);
	*sc = fdt_size_cells(fdt, 0);
	return *ac >= 1 && *ac <= 2 && *sc >= 1 && *sc <= 2;
}

/* Take a value of @cells big-endian cells off the front of *@pos. */
static u64 get_cells(const fdt32_t **pos, int cells)
{
	u64 val = 0;

	while (cells--)
		val = (val << 32) | fdt32_to_cpu(*(*pos)++);
	return val;
}

/* Write the ranges of @r with a size as one <address size>... property. */
static int put_ranges(void *fdt, int node, const char *name,
		      const struct arm64_fdt_range *r, unsigned int nr)
{
	fdt32_t cells[8], *pos = cells;
	unsigned int i;
	int ac, sc, ret = 0;

	if (!root_cells(fdt, &ac, &sc))
		return -FDT_ERR_BADNCELLS;
	for (i = 0; i < nr && !ret; i++) {
		if (!r[i].size)
			continue;
		ret = put_cells(&pos, ac, r[i].start);
		if (!ret)
			ret = put_cells(&pos, sc, r[i].size);
	}
	if (ret || pos == cells)
		return ret;
	return fdt_setprop(fdt, node, name, cells, (pos - cells) * sizeof(*pos));
}

/*
 * Drop the reservation of the measurement list an earlier kexec passed,
 * found through the stale property that clear_chosen() then deletes; its
 * first <address size> pair names the list.  A property too short for
 * the root's cells names nothing, and a reservation of another range is
 * left alone.
 */
static int drop_stale_ima(void *fdt, int node)
{
	const fdt32_t *v;
	u64 addr, size, a, sz;
	int ac, sc, i, len;

	v = fdt_getprop(fdt, node, IMA_PROP, &len);
	if (!v || !root_cells(fdt, &ac, &sc) ||
	    len < (ac + sc) * (int)sizeof(*v))
		return 0;
	addr = get_cells(&v, ac);
	size = get_cells(&v, sc);
	for (i = 0; i < fdt_num_mem_rsv(fdt); i++) {
		if (!fdt_get_mem_rsv(fdt, i, &a, &sz) && a == addr &&
		    sz == size)
			return fdt_del_mem_rsv(fdt, i);
	}
	return 0;
}

static int put_ima(void *fdt, int node, const struct arm64_fdt_range *r)
{
	int ret;

	if (!r->size)
		return 0;
	ret = put_ranges(fdt, node, IMA_PROP, r, 1);
	if (ret)
		return ret;
	return fdt_add_mem_rsv(fdt, r->start, r->size);
}

static int put_initrd(void *fdt, int node, const struct arm64_fdt_range *r)
{
	int ret;

	if (!r->size)
		return 0;
	ret = fdt_setprop_u64(fdt, node, "linux,initrd-start", r->start);
	if (ret)
		return ret;
	return fdt_setprop_u64(fdt, node, "linux,initrd-end",
			       r->start + r->size);
}

static int put_seeds(void *fdt, int node, const struct arm64_fdt_params *p)
{
	int ret = 0;

	if (p->kaslr_seed)
		ret = fdt_setprop(fdt, node, "kaslr-seed", p->kaslr_seed,
				  KASLR_SEED_LEN);
	if (!ret && p->rng_seed)
		ret = fdt_setprop(fdt, node, "rng-seed", p->rng_seed,
				  ARM64_FDT_RNG_SEED_LEN);
	return ret;
}

/* bootargs, the initrd and the crash ranges: what the new kernel boots by. */
static int put_boot(void *fdt, int node, const struct arm64_fdt_params *p)
{
	int ret;

	if (has_cmdline(p)) {
		ret = fdt_setprop_string(fdt, node, "bootargs", p->cmdline);
		if (ret)
			return ret;
	}
	ret = put_initrd(fdt, node, &p->initrd);
	if (ret)
		return ret;
	ret = put_ranges(fdt, node, "linux,elfcorehdr", &p->elfcorehdr, 1);
	if (ret)
		return ret;
	return put_ranges(fdt, node, "linux,usable-memory-range", p->usable,
			  ARRAY_SIZE(p->usable));
}

static int fill_chosen(void *fdt, int node, const struct arm64_fdt_params *p)
{
	int ret;

	ret = drop_stale_ima(fdt, node);
	if (ret)
		return ret;
	ret = clear_chosen(fdt, node);
	if (ret)
		return ret;
	ret = put_boot(fdt, node, p);
	if (ret)
		return ret;
	ret = put_ima(fdt, node, &p->ima);
	if (ret)
		return ret;
	ret = put_seeds(fdt, node, p);
	if (ret)
		return ret;
	return fdt_setprop(fdt, node, "linux,booted-from-kexec", NULL, 0);
}

/**
 * arm64_kexec_fdt_build() - the device tree for a new kernel
 * @dst:	where to write it
 * @len:	bytes at @dst; arm64_kexec_fdt_room() is enough
 * @src:	the tree to start from; not changed
 * @p:		what /chosen gets, as the DOC block says
 *
 * The result is packed: fdt_totalsize(@dst) is its size.
 *
 * Context: any; reads only its arguments.
 * Return: 0; -EINVAL for a command line longer than COMMAND_LINE_SIZE - 1,
 * a @src that is not a valid tree, or an address or size that does not
 * fit the root node's cells; -ENOSPC if @len is too small.
 */
int arm64_kexec_fdt_build(void *dst, size_t len, const void *src,
			  const struct arm64_fdt_params *p)
{
	int node, ret;

	if (p->cmdline && strnlen(p->cmdline, COMMAND_LINE_SIZE) >=
			  COMMAND_LINE_SIZE) {
		pr_warn("refused: command line longer than %d characters\n",
			COMMAND_LINE_SIZE - 1);
		return -EINVAL;
	}
	ret = fdt_open_into(src, dst, min_t(size_t, len, INT_MAX));
	if (ret)
		return errno_of(ret);
	node = chosen_of(dst);
	if (node < 0)
		return errno_of(node);
	ret = fill_chosen(dst, node, p);
	if (!ret)
		ret = fdt_pack(dst);
	return ret ? errno_of(ret) : 0;
}

/* The running kernel's side: the crash regions and random seeds. */
static void gather_params(struct arm64_fdt_params *p,
			  const struct kimage *image,
			  const struct arm64_image_load *ld, u8 *kaslr, u8 *rng)
{
	p->initrd = (struct arm64_fdt_range){ ld->initrd_mem, ld->initrd_len };
	p->ima = (struct arm64_fdt_range){ kexec_ima_addr(image),
					   kexec_ima_size(image) };
	if (image->type == KEXEC_TYPE_CRASH) {
		p->elfcorehdr = (struct arm64_fdt_range){ ld->elfcorehdr_mem,
							  ld->elfcorehdr_len };
		if (crash_region_set(&crashk_res))
			p->usable[0] = (struct arm64_fdt_range){
				crashk_res.start, resource_size(&crashk_res) };
		if (crash_region_set(&crashk_low_res))
			p->usable[1] = (struct arm64_fdt_range){
				crashk_low_res.start,
				resource_size(&crashk_low_res) };
	}
	if (!rng_is_initialized()) {
		pr_notice("the RNG is not ready: no kaslr-seed or rng-seed for the new kernel\n");
		return;
	}
	get_random_bytes(kaslr, KASLR_SEED_LEN);
	get_random_bytes(rng, ARM64_FDT_RNG_SEED_LEN);
	p->kaslr_seed = kaslr;
	p->rng_seed = rng;
}

static int place_dtb(struct kimage *image, struct arm64_image_load *ld)
{
	unsigned long len = fdt_totalsize(ld->dtb);

	/* booting.rst: at most 2 MiB. */
	if (len > SZ_2M) {
		pr_warn("refused: device tree of %lu bytes, at most 2 MiB\n",
			len);
		return -E2BIG;
	}
	return kexec_add_copy(image, ld->dtb, len, PAGE_SIZE, ld->win_min,
			      ld->win_max, &ld->dtb_mem);
}

/**
 * arm64_kexec_add_dtb() - build and place the new kernel's device tree
 * @image:	the image being loaded
 * @ld:		the load, with the kernel, initrd and ELF core header placed
 * @cmdline:	the command line, NUL-terminated, or NULL
 *
 * Context: process context, may sleep; the image is not installed yet.
 * Return: 0 with ld->dtb and ld->dtb_mem set; -EINVAL for a command line
 * longer than COMMAND_LINE_SIZE - 1 or a boot device tree libfdt cannot
 * read; -E2BIG for a device tree beyond 2 MiB; -EADDRNOTAVAIL if it does
 * not fit; -ENOMEM.
 */
int arm64_kexec_add_dtb(struct kimage *image, struct arm64_image_load *ld,
			const char *cmdline)
{
	struct arm64_fdt_params p = { .cmdline = cmdline };
	u8 kaslr[KASLR_SEED_LEN], rng[ARM64_FDT_RNG_SEED_LEN];
	size_t len;
	int ret;

	if (!initial_boot_params || fdt_check_header(initial_boot_params)) {
		pr_warn("refused: no device tree to start from\n");
		return -EINVAL;
	}
	gather_params(&p, image, ld, kaslr, rng);
	len = arm64_kexec_fdt_room(initial_boot_params, &p);
	ld->dtb = kvmalloc(len, GFP_KERNEL);
	if (!ld->dtb)
		return -ENOMEM;
	ret = arm64_kexec_fdt_build(ld->dtb, len, initial_boot_params, &p);
	memzero_explicit(kaslr, sizeof(kaslr));
	memzero_explicit(rng, sizeof(rng));
	if (ret)
		return ret;
	return place_dtb(image, ld);
}
