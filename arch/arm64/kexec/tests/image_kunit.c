// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for arm64_image_check(): a well-formed 64 KiB Image header
 * judged against a made-up host (little-endian, 4K and 64K granules, 4K
 * pages), then one case per rule of image_rules[], each breaking that
 * rule and no earlier one, and asserting that exactly that rule fires.
 * Then arm64_image_window(), for kernels placed either way.
 */
#include <kunit/test.h>
#include <linux/sizes.h>

#include <asm/image.h>

#include "../kexec_arm64.h"

#define FILE_LEN	SZ_64K

static const struct image_host le_4k_64k = {
	.big_endian = false,
	.granules = IMAGE_GRANULE_4K | IMAGE_GRANULE_64K,
	.page_size = SZ_4K,
};

struct img_case {
	const char *name;
	void (*spoil)(struct arm64_image_header *h, unsigned long *len);
	enum image_verdict want;
};

static u64 flags(unsigned int be, unsigned int page, unsigned int anywhere)
{
	return be << ARM64_IMAGE_FLAG_BE_SHIFT |
	       page << ARM64_IMAGE_FLAG_PAGE_SIZE_SHIFT |
	       anywhere << ARM64_IMAGE_FLAG_PHYS_BASE_SHIFT;
}

static void good_header(struct arm64_image_header *h)
{
	h->text_offset = cpu_to_le64(0);
	h->image_size = cpu_to_le64(SZ_1M);
	h->flags = cpu_to_le64(flags(ARM64_IMAGE_FLAG_LE,
				     ARM64_IMAGE_FLAG_PAGE_SIZE_4K, 1));
	memcpy(&h->magic, ARM64_IMAGE_MAGIC, sizeof(h->magic));
}

static void keep(struct arm64_image_header *h, unsigned long *len) { }

static void cut_header(struct arm64_image_header *h, unsigned long *len)
{
	*len = sizeof(*h) - 1;
}

static void no_magic(struct arm64_image_header *h, unsigned long *len)
{
	memcpy(&h->magic, "ARM\x65", sizeof(h->magic));
}

static void pre_3_17(struct arm64_image_header *h, unsigned long *len)
{
	h->image_size = 0;
	h->flags = 0;
}

static void big_endian(struct arm64_image_header *h, unsigned long *len)
{
	h->flags = cpu_to_le64(flags(ARM64_IMAGE_FLAG_BE,
				     ARM64_IMAGE_FLAG_PAGE_SIZE_4K, 1));
}

static void pages_16k(struct arm64_image_header *h, unsigned long *len)
{
	h->flags = cpu_to_le64(flags(ARM64_IMAGE_FLAG_LE,
				     ARM64_IMAGE_FLAG_PAGE_SIZE_16K, 1));
}

static void pages_64k(struct arm64_image_header *h, unsigned long *len)
{
	h->flags = cpu_to_le64(flags(ARM64_IMAGE_FLAG_LE,
				     ARM64_IMAGE_FLAG_PAGE_SIZE_64K, 1));
}

static void pages_unspecified(struct arm64_image_header *h,
			      unsigned long *len)
{
	h->flags = cpu_to_le64(flags(ARM64_IMAGE_FLAG_LE, 0, 0));
}

static void old_text_offset(struct arm64_image_header *h, unsigned long *len)
{
	h->text_offset = cpu_to_le64(0x80000);
}

static void odd_text_offset(struct arm64_image_header *h, unsigned long *len)
{
	h->text_offset = cpu_to_le64(0x80000 + 0x800);
}

static void size_below_file(struct arm64_image_header *h, unsigned long *len)
{
	h->image_size = cpu_to_le64(FILE_LEN - 1);
}

static void size_is_file(struct arm64_image_header *h, unsigned long *len)
{
	h->image_size = cpu_to_le64(FILE_LEN);
}

static void size_2g(struct arm64_image_header *h, unsigned long *len)
{
	h->text_offset = cpu_to_le64(SZ_4K);
	h->image_size = cpu_to_le64(SZ_2G - SZ_4K + 1);
}

static void size_huge(struct arm64_image_header *h, unsigned long *len)
{
	h->text_offset = cpu_to_le64(SZ_4K);
	h->image_size = cpu_to_le64(U64_MAX - SZ_2K);
}

static const struct img_case img_cases[] = {
	{ "well_formed", keep, IMAGE_OK },
	{ "page_size_unspecified", pages_unspecified, IMAGE_OK },
	{ "page_size_64k", pages_64k, IMAGE_OK },
	{ "text_offset_512k", old_text_offset, IMAGE_OK },
	{ "image_size_equals_file", size_is_file, IMAGE_OK },
	{ "too_short", cut_header, IMAGE_TOO_SHORT },
	{ "bad_magic", no_magic, IMAGE_BAD_MAGIC },
	{ "image_size_0_pre_3_17", pre_3_17, IMAGE_NO_SIZE },
	{ "big_endian", big_endian, IMAGE_WRONG_ENDIAN },
	{ "page_size_16k_unsupported", pages_16k, IMAGE_PAGE_SIZE },
	{ "text_offset_unaligned", odd_text_offset, IMAGE_TEXT_UNALIGNED },
	{ "image_size_below_file", size_below_file, IMAGE_SIZE_BELOW_FILE },
	{ "image_beyond_2g", size_2g, IMAGE_TOO_LARGE },
	{ "image_size_wraps", size_huge, IMAGE_TOO_LARGE },
};

static void img_case_desc(const struct img_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(img_cases, img_cases, img_case_desc);

static void image_test_verdict(struct kunit *test)
{
	const struct img_case *c = test->param_value;
	unsigned long len = FILE_LEN;
	u8 *file = kunit_kzalloc(test, FILE_LEN, GFP_KERNEL);
	struct arm64_image_header *h = (void *)file;

	KUNIT_ASSERT_NOT_NULL(test, file);
	good_header(h);
	c->spoil(h, &len);
	KUNIT_EXPECT_EQ(test, arm64_image_check(file, len, &le_4k_64k),
			c->want);
}

/* A big-endian host refuses the little-endian Image, and takes a BE one. */
static void image_test_big_endian_host(struct kunit *test)
{
	struct image_host be = le_4k_64k;
	u8 *file = kunit_kzalloc(test, FILE_LEN, GFP_KERNEL);
	struct arm64_image_header *h = (void *)file;

	KUNIT_ASSERT_NOT_NULL(test, file);
	be.big_endian = true;
	good_header(h);
	KUNIT_EXPECT_EQ(test, arm64_image_check(file, FILE_LEN, &be),
			IMAGE_WRONG_ENDIAN);
	big_endian(h, NULL);
	KUNIT_EXPECT_EQ(test, arm64_image_check(file, FILE_LEN, &be), IMAGE_OK);
}

/* A 64K-page host wants text_offset aligned to 64K. */
static void image_test_64k_host(struct kunit *test)
{
	struct image_host host = le_4k_64k;
	u8 *file = kunit_kzalloc(test, FILE_LEN, GFP_KERNEL);
	struct arm64_image_header *h = (void *)file;

	KUNIT_ASSERT_NOT_NULL(test, file);
	host.page_size = SZ_64K;
	good_header(h);
	h->text_offset = cpu_to_le64(SZ_4K);
	KUNIT_EXPECT_EQ(test, arm64_image_check(file, FILE_LEN, &host),
			IMAGE_TEXT_UNALIGNED);
	host.granules = IMAGE_GRANULE_64K;
	h->text_offset = 0;
	KUNIT_EXPECT_EQ(test, arm64_image_check(file, FILE_LEN, &host),
			IMAGE_PAGE_SIZE);
}

/* A 40 MiB kernel, and the window its initrd and device tree must use. */
struct window_case {
	const char *name;
	unsigned long base;
	bool top_down;
	unsigned long want_min;
	unsigned long want_max;
};

#define KERNEL_SIZE	(40 * SZ_1M)

static const struct window_case window_cases[] = {
	/* At the top of RAM that ends 64 MiB past 2 GiB: room is below. */
	{ "top_down_just_above_1g_boundary", SZ_2G + 24 * SZ_1M, true,
	  0, 3UL * SZ_1G - 1 },
	{ "top_down_straddling_1g_boundary", SZ_1G - 2 * SZ_1M, true,
	  0, SZ_2G - 1 },
	{ "top_down_above_32g", 33UL * SZ_1G + 24 * SZ_1M, true,
	  2UL * SZ_1G, 34UL * SZ_1G - 1 },
	{ "bottom_up", SZ_1G + 2 * SZ_1M, false, SZ_1G, 33UL * SZ_1G - 1 },
};

static void window_case_desc(const struct window_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(window_cases, window_cases, window_case_desc);

/* The window is 1 GiB aligned, 32 GiB at most, covers the kernel. */
static void image_test_window(struct kunit *test)
{
	const struct window_case *c = test->param_value;
	struct arm64_image_load ld = { };

	arm64_image_window(&ld, c->base, KERNEL_SIZE, c->top_down);
	KUNIT_EXPECT_EQ(test, ld.win_min, c->want_min);
	KUNIT_EXPECT_EQ(test, ld.win_max, c->want_max);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(ld.win_min, SZ_1G));
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(ld.win_max + 1, SZ_1G));
	KUNIT_EXPECT_LE(test, ld.win_max - ld.win_min, SZ_32G - 1);
	KUNIT_EXPECT_LE(test, ld.win_min, c->base);
	KUNIT_EXPECT_GE(test, ld.win_max, c->base + KERNEL_SIZE - 1);
}

static struct kunit_case image_test_cases[] = {
	KUNIT_CASE_PARAM(image_test_verdict, img_cases_gen_params),
	KUNIT_CASE(image_test_big_endian_host),
	KUNIT_CASE(image_test_64k_host),
	KUNIT_CASE_PARAM(image_test_window, window_cases_gen_params),
	{ }
};

static struct kunit_suite image_test_suite = {
	.name = "kexec_arm64_image",
	.test_cases = image_test_cases,
};

kunit_test_suite(image_test_suite);

MODULE_LICENSE("GPL");
