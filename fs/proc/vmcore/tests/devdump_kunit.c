// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for device dumps: which rule refuses a bad description, and
 * the NT_VMCOREDD note a good one becomes.
 *
 * Run with: ./tools/testing/kunit/kunit.py run --arch=x86_64 \
 *	--kunitconfig=fs/proc/vmcore/tests
 */

#include <kunit/test.h>
#include <linux/crash_dump.h>
#include <linux/elf.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <uapi/linux/vmcore.h>

#include "../internal.h"

static int test_callback(struct vmcoredd_data *data, void *buf)
{
	return 0;
}

static void good_data(struct vmcoredd_data *d)
{
	*d = (struct vmcoredd_data){ .size = 5,
				     .vmcoredd_callback = test_callback };
	strscpy(d->dump_name, "nic0", sizeof(d->dump_name));
}

struct rule_case {
	const char *name;
	void (*spoil)(struct vmcoredd_data *d);
	bool disabled;
	const char *why;
};

static void spoil_nothing(struct vmcoredd_data *d)
{
}

static void spoil_name(struct vmcoredd_data *d)
{
	d->dump_name[0] = '\0';
}

static void spoil_terminator(struct vmcoredd_data *d)
{
	memset(d->dump_name, 'x', sizeof(d->dump_name));
}

static void spoil_callback(struct vmcoredd_data *d)
{
	d->vmcoredd_callback = NULL;
}

static void spoil_size_zero(struct vmcoredd_data *d)
{
	d->size = 0;
}

static void spoil_size_huge(struct vmcoredd_data *d)
{
	d->size = vmcore_dd_size_max() + 1;
}

static void spoil_size_largest(struct vmcoredd_data *d)
{
	d->size = vmcore_dd_size_max();
}

static const struct rule_case rule_cases[] = {
	{ "good", spoil_nothing, false, NULL },
	{ "largest", spoil_size_largest, false, NULL },
	{ "disabled", spoil_nothing, true,
	  "device dumps are disabled (novmcoredd)" },
	{ "no_name", spoil_name, false, "the dump has no name" },
	{ "unterminated", spoil_terminator, false,
	  "the dump's name is not NUL-terminated" },
	{ "no_callback", spoil_callback, false, "the dump has no callback" },
	{ "empty", spoil_size_zero, false, "the dump is empty" },
	{ "huge", spoil_size_huge, false,
	  "the dump is too large for one note" },
};

static void rule_desc(const struct rule_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rule, rule_cases, rule_desc);

static void devdump_test_rule_fires(struct kunit *test)
{
	const struct rule_case *c = test->param_value;
	struct vmcoredd_data d;
	const char *why = "unset";
	int err;

	good_data(&d);
	c->spoil(&d);
	err = vmcore_dd_check(&d, c->disabled, &why);
	KUNIT_EXPECT_EQ(test, err, c->why ? -EINVAL : 0);
	if (c->why)
		KUNIT_EXPECT_STREQ(test, why, c->why);
	else
		KUNIT_EXPECT_NULL(test, why);
}

static void devdump_test_null_refused(struct kunit *test)
{
	const char *why = NULL;

	KUNIT_EXPECT_EQ(test, vmcore_dd_check(NULL, false, &why), -EINVAL);
	KUNIT_EXPECT_STREQ(test, why, "no dump description");
}

static void devdump_test_note_layout(struct kunit *test)
{
	struct vmcoredd_data d;
	struct vmcoredd_header *h;
	size_t len;
	u8 *note;

	good_data(&d);
	len = vmcore_dd_note_size(&d);
	/* 12 header bytes, "LINUX" padded to 8, the 44-byte name, 5 -> 8. */
	KUNIT_EXPECT_EQ(test, len, (size_t)(12 + 8 + 44 + 8));
	KUNIT_ASSERT_EQ(test, sizeof(struct vmcoredd_header), (size_t)64);
	note = kunit_kzalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, note);
	vmcore_dd_note_header(note, &d);
	h = (struct vmcoredd_header *)note;
	KUNIT_EXPECT_EQ(test, h->n_namesz, 8U);
	KUNIT_EXPECT_EQ(test, h->n_descsz, 44U + 5U);
	KUNIT_EXPECT_EQ(test, h->n_type, (u32)NT_VMCOREDD);
	KUNIT_EXPECT_EQ(test, memcmp(h->name, "LINUX\0\0\0", 8), 0);
	KUNIT_EXPECT_STREQ(test, (char *)h->dump_name, "nic0");
	KUNIT_EXPECT_EQ(test, h->dump_name[43], 0);
	/* The note is one ELF note: namesz and descsz, 4-aligned, fill it. */
	KUNIT_EXPECT_EQ(test, sizeof(struct elf64_note) +
			ALIGN(h->n_namesz, 4) + ALIGN(h->n_descsz, 4), len);
}

static void devdump_test_sizes_round_to_four(struct kunit *test)
{
	struct vmcoredd_data d;

	good_data(&d);
	d.size = 8;
	KUNIT_EXPECT_EQ(test, vmcore_dd_note_size(&d), (size_t)64 + 8);
	d.size = 9;
	KUNIT_EXPECT_EQ(test, vmcore_dd_note_size(&d), (size_t)64 + 12);
	/* The largest dump's note neither wraps nor loses its padding. */
	d.size = vmcore_dd_size_max();
	KUNIT_EXPECT_EQ(test, vmcore_dd_note_size(&d),
			(size_t)64 + ALIGN((size_t)d.size, 4));
	KUNIT_EXPECT_GT(test, vmcore_dd_note_size(&d), (size_t)d.size);
	KUNIT_EXPECT_LE(test, (u64)d.size + VMCOREDD_MAX_NAME_BYTES,
			(u64)U32_MAX);
}

static void devdump_test_no_file_no_dump(struct kunit *test)
{
	const char *why = NULL;

	if (is_kdump_kernel())
		kunit_skip(test, "a capture kernel has a /proc/vmcore");
	KUNIT_EXPECT_EQ(test, vmcore_file_add_note(64, NULL, NULL, &why),
			-ENODEV);
	KUNIT_EXPECT_STREQ(test, why, "there is no /proc/vmcore");
}

static struct kunit_case devdump_test_cases[] = {
	KUNIT_CASE_PARAM(devdump_test_rule_fires, rule_gen_params),
	KUNIT_CASE(devdump_test_null_refused),
	KUNIT_CASE(devdump_test_note_layout),
	KUNIT_CASE(devdump_test_sizes_round_to_four),
	KUNIT_CASE(devdump_test_no_file_no_dump),
	{}
};

static struct kunit_suite devdump_test_suite = {
	.name = "vmcore_devdump",
	.test_cases = devdump_test_cases,
};

kunit_test_suite(devdump_test_suite);

MODULE_LICENSE("GPL");
