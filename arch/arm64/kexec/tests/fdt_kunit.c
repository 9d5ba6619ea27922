// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for arm64_kexec_fdt_build(): a small hand-made tree whose
 * /chosen holds stale copies of every property the builder writes, plus
 * one it must keep, rewritten for a normal and for a crash image.  The
 * tree also reserves the memory of a stale IMA measurement list, which
 * must go, and another range, which must stay.
 */
#include <kunit/test.h>
#include <linux/libfdt.h>
#include <linux/sizes.h>

#include <asm/setup.h>

#include "../kexec_arm64.h"

#define SRC_LEN	SZ_4K
#define DST_LEN	SZ_16K

static const u8 kaslr[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static u8 rng[ARM64_FDT_RNG_SEED_LEN] = { 0xa5, [ARM64_FDT_RNG_SEED_LEN - 1] = 0x5a };

#define IMA_PROP	"linux,ima-kexec-buffer"
struct rsv {
	u64 addr, size;
};

/* The stale measurement list's range, and a reservation of another. */
static const struct rsv stale_ima = { 0x7000, 0x2000 };
static const struct rsv other_rsv = { 0x9000, 0x1000 };

/* A stale IMA property of @cells cells each, its reservation, another. */
static void add_stale_ima(struct kunit *test, void *fdt, int node, u32 cells)
{
	fdt32_t v[4], *pos = v;

	if (cells == 2)
		*pos++ = 0;
	*pos++ = cpu_to_fdt32(stale_ima.addr);
	if (cells == 2)
		*pos++ = 0;
	*pos++ = cpu_to_fdt32(stale_ima.size);
	KUNIT_ASSERT_EQ(test, fdt_setprop(fdt, node, IMA_PROP, v,
					  (pos - v) * sizeof(*v)), 0);
	KUNIT_ASSERT_EQ(test, fdt_add_mem_rsv(fdt, stale_ima.addr,
					      stale_ima.size), 0);
	KUNIT_ASSERT_EQ(test, fdt_add_mem_rsv(fdt, other_rsv.addr,
					      other_rsv.size), 0);
}

/* A tree with #address-cells = #size-cells = @cells and a stale /chosen. */
static void *make_src(struct kunit *test, u32 cells, bool chosen)
{
	void *fdt = kunit_kzalloc(test, SRC_LEN, GFP_KERNEL);
	int node;

	KUNIT_ASSERT_NOT_NULL(test, fdt);
	KUNIT_ASSERT_EQ(test, fdt_create_empty_tree(fdt, SRC_LEN), 0);
	KUNIT_ASSERT_EQ(test, fdt_setprop_u32(fdt, 0, "#address-cells", cells), 0);
	KUNIT_ASSERT_EQ(test, fdt_setprop_u32(fdt, 0, "#size-cells", cells), 0);
	if (!chosen)
		return fdt;
	node = fdt_add_subnode(fdt, 0, "chosen");
	KUNIT_ASSERT_GE(test, node, 0);
	fdt_setprop_string(fdt, node, "bootargs", "stale");
	fdt_setprop_string(fdt, node, "stdout-path", "/pl011@9000000");
	fdt_setprop_u64(fdt, node, "linux,initrd-start", 0x1000);
	fdt_setprop_u64(fdt, node, "linux,initrd-end", 0x2000);
	fdt_setprop_u64(fdt, node, "linux,elfcorehdr", 0x3000);
	fdt_setprop_u64(fdt, node, "linux,usable-memory-range", 0x4000);
	fdt_setprop_u64(fdt, node, "kaslr-seed", 0x5000);
	fdt_setprop_u64(fdt, node, "rng-seed", 0x6000);
	KUNIT_ASSERT_EQ(test, fdt_setprop(fdt, node, "linux,booted-from-kexec",
					  NULL, 0), 0);
	add_stale_ima(test, fdt, node, cells);
	return fdt;
}

static void *build(struct kunit *test, const void *src,
		   const struct arm64_fdt_params *p, int want)
{
	void *dst = kunit_kzalloc(test, DST_LEN, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, dst);
	KUNIT_ASSERT_EQ(test, arm64_kexec_fdt_build(dst, DST_LEN, src, p), want);
	return dst;
}

static const void *prop(struct kunit *test, const void *fdt, const char *name,
			int *len)
{
	int node = fdt_path_offset(fdt, "/chosen");

	KUNIT_ASSERT_GE(test, node, 0);
	return fdt_getprop(fdt, node, name, len);
}

static void expect_absent(struct kunit *test, const void *fdt,
			  const char *name)
{
	int len;

	KUNIT_EXPECT_NULL_MSG(test, prop(test, fdt, name, &len), "%s", name);
}

static void expect_cells(struct kunit *test, const void *fdt, const char *name,
			 const u32 *want, int n)
{
	const fdt32_t *got;
	int i, len;

	got = prop(test, fdt, name, &len);
	KUNIT_ASSERT_NOT_NULL_MSG(test, got, "%s", name);
	KUNIT_ASSERT_EQ_MSG(test, len, n * 4, "%s", name);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ_MSG(test, fdt32_to_cpu(got[i]), want[i],
				    "%s cell %d", name, i);
}

/* The tree reserves exactly the @n distinct ranges of @want, any order. */
static void expect_rsv(struct kunit *test, const void *fdt,
		       const struct rsv *want, int n)
{
	unsigned long seen = 0;
	u64 addr, size;
	int i, j;

	KUNIT_ASSERT_EQ(test, fdt_num_mem_rsv(fdt), n);
	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_EQ(test, fdt_get_mem_rsv(fdt, i, &addr, &size), 0);
		for (j = 0; j < n; j++)
			if (!(seen & BIT(j)) && want[j].addr == addr &&
			    want[j].size == size)
				break;
		KUNIT_EXPECT_LT_MSG(test, j, n, "reserved %llx+%llx", addr,
				    size);
		seen |= BIT(j);
	}
}

static void fdt_test_normal_image(struct kunit *test)
{
	struct arm64_fdt_params p = {
		.cmdline = "console=ttyAMA0 root=/dev/vda",
		.initrd = { 0x48000000, 0x123000 },
		.kaslr_seed = kaslr,
		.rng_seed = rng,
	};
	const u32 initrd_start[] = { 0, 0x48000000 };
	const u32 initrd_end[] = { 0, 0x48123000 };
	void *dst = build(test, make_src(test, 2, true), &p, 0);
	const void *v;
	int len;

	KUNIT_EXPECT_STREQ(test, (const char *)prop(test, dst, "bootargs", &len),
			   p.cmdline);
	KUNIT_EXPECT_STREQ(test,
			   (const char *)prop(test, dst, "stdout-path", &len),
			   "/pl011@9000000");
	expect_cells(test, dst, "linux,initrd-start", initrd_start, 2);
	expect_cells(test, dst, "linux,initrd-end", initrd_end, 2);
	expect_absent(test, dst, "linux,elfcorehdr");
	expect_absent(test, dst, "linux,usable-memory-range");
	v = prop(test, dst, "kaslr-seed", &len);
	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_EXPECT_EQ(test, len, 8);
	KUNIT_EXPECT_EQ(test, memcmp(v, kaslr, 8), 0);
	v = prop(test, dst, "rng-seed", &len);
	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_EXPECT_EQ(test, len, ARM64_FDT_RNG_SEED_LEN);
	KUNIT_EXPECT_EQ(test, memcmp(v, rng, ARM64_FDT_RNG_SEED_LEN), 0);
	KUNIT_EXPECT_NOT_NULL(test, prop(test, dst, "linux,booted-from-kexec",
					 &len));
	KUNIT_EXPECT_EQ(test, len, 0);
	KUNIT_EXPECT_LE(test, fdt_totalsize(dst), (u32)DST_LEN);
}

/* The usable ranges in the order given: the low region last. */
static void fdt_test_crash_image(struct kunit *test)
{
	struct arm64_fdt_params p = {
		.cmdline = "maxcpus=1",
		.elfcorehdr = { 0x1f000000, 0x10000 },
		.usable = { { 0x118000000ULL, 0x8000000 },
			    { 0x10000000, 0x1000000 } },
	};
	const u32 hdr[] = { 0, 0x1f000000, 0, 0x10000 };
	const u32 usable[] = { 1, 0x18000000, 0, 0x8000000,
			       0, 0x10000000, 0, 0x1000000 };
	void *dst = build(test, make_src(test, 2, true), &p, 0);

	expect_cells(test, dst, "linux,elfcorehdr", hdr, ARRAY_SIZE(hdr));
	expect_cells(test, dst, "linux,usable-memory-range", usable,
		     ARRAY_SIZE(usable));
	expect_absent(test, dst, "linux,initrd-start");
	expect_absent(test, dst, "linux,initrd-end");
	expect_absent(test, dst, "kaslr-seed");
	expect_absent(test, dst, "rng-seed");
}

/* One address cell and one size cell: 32-bit values only. */
static void fdt_test_one_cell_root(struct kunit *test)
{
	struct arm64_fdt_params p = {
		.elfcorehdr = { 0x1f000000, 0x10000 },
		.usable = { { 0x18000000, 0x8000000 } },
	};
	const u32 hdr[] = { 0x1f000000, 0x10000 };
	const u32 usable[] = { 0x18000000, 0x8000000 };
	const u32 ima[] = { 0x1e000000, 0x3000 };
	const struct rsv rsv[] = { other_rsv, { 0x1e000000, 0x3000 } };
	const void *src = make_src(test, 1, true);
	void *dst;

	p.ima = (struct arm64_fdt_range){ 0x1e000000, 0x3000 };
	dst = build(test, src, &p, 0);
	expect_cells(test, dst, "linux,elfcorehdr", hdr, ARRAY_SIZE(hdr));
	expect_cells(test, dst, "linux,usable-memory-range", usable,
		     ARRAY_SIZE(usable));
	expect_cells(test, dst, IMA_PROP, ima, ARRAY_SIZE(ima));
	expect_rsv(test, dst, rsv, ARRAY_SIZE(rsv));
	p.usable[1] = (struct arm64_fdt_range){ SZ_4G, SZ_1M };
	build(test, src, &p, -EINVAL);
}

/* Nothing to say: every stale property goes, the flag stays. */
static void fdt_test_clears_stale(struct kunit *test)
{
	struct arm64_fdt_params p = { .cmdline = "" };
	void *dst = build(test, make_src(test, 2, true), &p, 0);
	int len;

	expect_absent(test, dst, "bootargs");
	expect_absent(test, dst, "linux,initrd-start");
	expect_absent(test, dst, "linux,initrd-end");
	expect_absent(test, dst, "linux,elfcorehdr");
	expect_absent(test, dst, "linux,usable-memory-range");
	expect_absent(test, dst, "kaslr-seed");
	expect_absent(test, dst, "rng-seed");
	expect_absent(test, dst, IMA_PROP);
	expect_rsv(test, dst, &other_rsv, 1);
	KUNIT_EXPECT_NOT_NULL(test, prop(test, dst, "linux,booted-from-kexec",
					 &len));
}

/* The measurement list is named and reserved; the stale one's goes. */
static void fdt_test_ima_buffer(struct kunit *test)
{
	struct arm64_fdt_params p = { .ima = { 0x147000000ULL, 0x3000 } };
	const u32 ima[] = { 1, 0x47000000, 0, 0x3000 };
	const struct rsv rsv[] = { other_rsv, { 0x147000000ULL, 0x3000 } };
	void *dst = build(test, make_src(test, 2, true), &p, 0);

	expect_cells(test, dst, IMA_PROP, ima, ARRAY_SIZE(ima));
	expect_rsv(test, dst, rsv, ARRAY_SIZE(rsv));
}

/* A reservation that only starts where the stale list did stays. */
static void fdt_test_ima_other_size(struct kunit *test)
{
	struct arm64_fdt_params p = { .cmdline = "quiet" };
	const struct rsv longer = { stale_ima.addr, 2 * stale_ima.size };
	const struct rsv rsv[] = { other_rsv, longer };
	void *src = make_src(test, 2, true);
	void *dst;

	/* make_src() reserved the stale list first: make that one longer. */
	KUNIT_ASSERT_EQ(test, fdt_del_mem_rsv(src, 0), 0);
	KUNIT_ASSERT_EQ(test, fdt_add_mem_rsv(src, longer.addr, longer.size),
			0);
	dst = build(test, src, &p, 0);
	expect_absent(test, dst, IMA_PROP);
	expect_rsv(test, dst, rsv, ARRAY_SIZE(rsv));
}

static void fdt_test_adds_chosen(struct kunit *test)
{
	struct arm64_fdt_params p = { .cmdline = "quiet" };
	void *dst = build(test, make_src(test, 2, false), &p, 0);
	int len;

	KUNIT_EXPECT_STREQ(test, (const char *)prop(test, dst, "bootargs", &len),
			   "quiet");
}

static void fdt_test_cmdline_limit(struct kunit *test)
{
	char *cmd = kunit_kzalloc(test, COMMAND_LINE_SIZE + 1, GFP_KERNEL);
	struct arm64_fdt_params p = { .cmdline = cmd };
	const void *src = make_src(test, 2, true);
	void *dst;
	int len;

	KUNIT_ASSERT_NOT_NULL(test, cmd);
	memset(cmd, 'x', COMMAND_LINE_SIZE);
	build(test, src, &p, -EINVAL);
	cmd[COMMAND_LINE_SIZE - 1] = '\0';
	dst = build(test, src, &p, 0);
	prop(test, dst, "bootargs", &len);
	KUNIT_EXPECT_EQ(test, len, COMMAND_LINE_SIZE);
}

static void fdt_test_refusals(struct kunit *test)
{
	struct arm64_fdt_params p = { .cmdline = "quiet" };
	const void *src = make_src(test, 2, true);
	void *junk = kunit_kzalloc(test, SRC_LEN, GFP_KERNEL);
	void *dst = kunit_kzalloc(test, DST_LEN, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, junk);
	KUNIT_ASSERT_NOT_NULL(test, dst);
	KUNIT_EXPECT_EQ(test, arm64_kexec_fdt_build(dst, DST_LEN, junk, &p),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, arm64_kexec_fdt_build(dst, 64, src, &p), -ENOSPC);
	KUNIT_EXPECT_LE(test, fdt_totalsize(src) + 0UL,
			arm64_kexec_fdt_room(src, &p));
}

static struct kunit_case fdt_test_cases[] = {
	KUNIT_CASE(fdt_test_normal_image),
	KUNIT_CASE(fdt_test_crash_image),
	KUNIT_CASE(fdt_test_one_cell_root),
	KUNIT_CASE(fdt_test_clears_stale),
	KUNIT_CASE(fdt_test_ima_buffer),
	KUNIT_CASE(fdt_test_ima_other_size),
	KUNIT_CASE(fdt_test_adds_chosen),
	KUNIT_CASE(fdt_test_cmdline_limit),
	KUNIT_CASE(fdt_test_refusals),
	{ }
};

static struct kunit_suite fdt_test_suite = {
	.name = "kexec_arm64_fdt",
	.test_cases = fdt_test_cases,
};

kunit_test_suite(fdt_test_suite);

MODULE_LICENSE("GPL");
