// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for bzimage_check(): a well-formed 8 KiB bzImage header,
 * then one case per rule of bzimage_rules[], each breaking that rule and
 * no earlier one, and asserting that exactly that rule fires.
 */
#include <kunit/test.h>
#include <linux/sizes.h>

#include "../kexec_x86.h"

#define FILE_LEN	SZ_8K
#define SETUP_LEN	1024	/* setup_sects = 1 */

struct bz_case {
	const char *name;
	void (*spoil)(struct setup_header *hdr, unsigned long *len);
	bool la57;
	enum bzimage_verdict want;
};

static void good_header(struct setup_header *hdr)
{
	hdr->setup_sects = SETUP_LEN / 512 - 1;
	hdr->boot_flag = 0xaa55;
	hdr->header = 0x53726448;
	hdr->version = 0x020f;
	hdr->loadflags = LOADED_HIGH;
	hdr->xloadflags = XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G;
	hdr->relocatable_kernel = 1;
	hdr->kernel_alignment = SZ_2M;
	hdr->syssize = (FILE_LEN - SETUP_LEN) / 16;
	hdr->init_size = SZ_64K;
	hdr->cmdline_size = 2047;
}

static void keep(struct setup_header *h, unsigned long *len) { }
static void cut_header(struct setup_header *h, unsigned long *len)
{
	*len = 0x1f1 + 4;
}

static void no_flag(struct setup_header *h, unsigned long *len)
{
	h->boot_flag = 0x55aa;
}

static void no_magic(struct setup_header *h, unsigned long *len)
{
	h->header = 0x53726449;
}

static void old(struct setup_header *h, unsigned long *len)
{
	h->version = 0x020b;
}

static void low(struct setup_header *h, unsigned long *len)
{
	h->loadflags = 0;
}

static void no64(struct setup_header *h, unsigned long *len)
{
	h->xloadflags = XLF_CAN_BE_LOADED_ABOVE_4G;
}

static void fixed(struct setup_header *h, unsigned long *len)
{
	h->relocatable_kernel = 0;
}

static void odd_align(struct setup_header *h, unsigned long *len)
{
	h->kernel_alignment = SZ_2M + SZ_4K;
}

static void huge_align(struct setup_header *h, unsigned long *len)
{
	h->kernel_alignment = SZ_2G;
}

static void truncate_file(struct setup_header *h, unsigned long *len)
{
	*len -= 16;
}

static void syssize_lies(struct setup_header *h, unsigned long *len)
{
	h->syssize = U32_MAX;
}

static void tiny_payload(struct setup_header *h, unsigned long *len)
{
	h->syssize = 0x200 / 16;
	*len = SETUP_LEN + 0x200;
}

static void small_init(struct setup_header *h, unsigned long *len)
{
	h->init_size = FILE_LEN - SETUP_LEN - 1;
}

static void short_cmdline(struct setup_header *h, unsigned long *len)
{
	h->cmdline_size = 254;
}

static void five_level(struct setup_header *h, unsigned long *len)
{
	h->xloadflags |= XLF_5LEVEL;
}

static const struct bz_case bz_cases[] = {
	{ "well_formed", keep, false, BZIMAGE_OK },
	{ "too_short", cut_header, false, BZIMAGE_TOO_SHORT },
	{ "no_boot_flag", no_flag, false, BZIMAGE_NO_BOOT_FLAG },
	{ "no_hdrs_magic", no_magic, false, BZIMAGE_NO_MAGIC },
	{ "protocol_2_11", old, false, BZIMAGE_OLD_PROTOCOL },
	{ "not_loaded_high", low, false, BZIMAGE_NOT_HIGH },
	{ "no_64bit_entry", no64, false, BZIMAGE_NO_ENTRY64 },
	{ "not_relocatable", fixed, false, BZIMAGE_NOT_RELOCATABLE },
	{ "alignment_not_power_of_two", odd_align, false, BZIMAGE_BAD_ALIGN },
	{ "alignment_2g", huge_align, false, BZIMAGE_BAD_ALIGN },
	{ "file_cut_short", truncate_file, false, BZIMAGE_TRUNCATED },
	{ "syssize_past_the_file", syssize_lies, false, BZIMAGE_TRUNCATED },
	{ "payload_without_entry", tiny_payload, false, BZIMAGE_NO_PAYLOAD },
	{ "init_size_below_payload", small_init, false, BZIMAGE_SMALL_INIT },
	{ "cmdline_size_254", short_cmdline, false, BZIMAGE_SHORT_CMDLINE },
	{ "4_level_kernel_on_5_level_machine", keep, true, BZIMAGE_NO_5LEVEL },
	{ "5_level_kernel_on_5_level_machine", five_level, true, BZIMAGE_OK },
};

static void bz_case_desc(const struct bz_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bz_cases, bz_cases, bz_case_desc);

static void bzimage_test_verdict(struct kunit *test)
{
	const struct bz_case *c = test->param_value;
	unsigned long len = FILE_LEN;
	u8 *file = kunit_kzalloc(test, FILE_LEN, GFP_KERNEL);
	struct bzimage_input in = { .kernel = file, .la57 = c->la57 };
	struct setup_header *hdr;

	KUNIT_ASSERT_NOT_NULL(test, file);
	hdr = (void *)file + offsetof(struct boot_params, hdr);
	good_header(hdr);
	c->spoil(hdr, &len);
	in.len = len;
	KUNIT_EXPECT_EQ(test, bzimage_check(&in), c->want);
}

static struct kunit_case bzimage_test_cases[] = {
	KUNIT_CASE_PARAM(bzimage_test_verdict, bz_cases_gen_params),
	{ }
};

static struct kunit_suite bzimage_test_suite = {
	.name = "kexec_bzimage",
	.test_cases = bzimage_test_cases,
};

kunit_test_suite(bzimage_test_suite);

MODULE_LICENSE("GPL");
