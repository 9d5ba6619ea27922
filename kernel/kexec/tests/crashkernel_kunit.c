// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the crashkernel= parser: every form, every suffix, and
 * the malformed values it must refuse.  Each case is one command line
 * and what crashkernel_judge() must make of it; a refused value must be
 * refused by the rule the case names, so that no rule can go missing
 * while a later one happens to refuse the same value.
 */
#include <kunit/test.h>
#include <linux/sizes.h>

#include "../internal.h"

struct ck_case {
	const char *name;
	const char *cmdline;
	unsigned long long ram;
	const char *suffix;
	int ret;
	unsigned long long size;
	unsigned long long base;
	const char *why;
};

#define RAM	(512ULL * SZ_1M)

static const struct ck_case ck_valid[] = {
	{ "size", "crashkernel=64M", RAM, NULL, 0, SZ_64M, 0 },
	{ "size_at_offset", "crashkernel=32M@256M", RAM, NULL, 0,
	  SZ_32M, SZ_256M },
	{ "every_suffix_k", "crashkernel=65536K", RAM, NULL, 0, SZ_64M, 0 },
	{ "lowercase_suffix", "crashkernel=64m", RAM, NULL, 0, SZ_64M, 0 },
	{ "gigabytes", "crashkernel=1G", 8ULL * SZ_1G, NULL, 0, SZ_1G, 0 },
	{ "terabyte_offset", "crashkernel=1M@1T", RAM, NULL, 0,
	  SZ_1M, 1ULL << 40 },
	{ "hex", "crashkernel=0x4000000", RAM, NULL, 0, SZ_64M, 0 },
	{ "plain_bytes", "crashkernel=4096", RAM, NULL, 0, 4096, 0 },
	{ "range_list_second", "crashkernel=128M-256M:32M,256M-:48M", RAM,
	  NULL, 0, 48 * SZ_1M, 0 },
	{ "range_list_first", "crashkernel=0-1G:32M,1G-:64M", RAM, NULL, 0,
	  SZ_32M, 0 },
	{ "range_ram_rounded_up", "crashkernel=512M-:16M", RAM - SZ_1M,
	  NULL, 0, SZ_16M, 0 },
	{ "range_list_none_match", "crashkernel=1G-2G:64M", RAM, NULL, 0,
	  0, 0 },
	{ "range_list_offset", "crashkernel=0-:16M@64M", RAM, NULL, 0,
	  SZ_16M, SZ_64M },
	{ "last_one_wins", "crashkernel=16M quiet crashkernel=32M", RAM,
	  NULL, 0, SZ_32M, 0 },
	{ "followed_by_more", "crashkernel=64M console=ttyS0", RAM, NULL, 0,
	  SZ_64M, 0 },
	{ "high", "crashkernel=256M,high", RAM, ",high", 0, SZ_256M, 0 },
	{ "low", "crashkernel=128M,low", RAM, ",low", 0, SZ_128M, 0 },
	{ "plain_skips_high", "crashkernel=64M crashkernel=256M,high", RAM,
	  NULL, 0, SZ_64M, 0 },
	{ "high_skips_plain", "crashkernel=256M,high crashkernel=64M", RAM,
	  ",high", 0, SZ_256M, 0 },
	/* Any isspace() blank ends a value, as it ends a parameter. */
	{ "vtab_ends_high", "crashkernel=256M,high\vquiet", RAM, ",high", 0,
	  SZ_256M, 0 },
	{ "vtab_ends_size", "crashkernel=64M\v1G-:32M", RAM, NULL, 0, SZ_64M,
	  0 },
	{ "cr_ends_range_list", "crashkernel=0-:16M\r1G", RAM, NULL, 0, SZ_16M,
	  0 },
};

#define NO_SIZE		"a size was expected"
#define TOO_BIG		"number does not fit in 64 bits"
#define SHIFT_TOO_BIG	"size does not fit in 64 bits"
#define TRAILING	"unexpected character"
#define NO_DASH		"'-' expected after the start of a range"
#define INVERTED	"range ends before it starts"
#define NO_COLON	"':' expected after a range"
#define NOT_BELOW_RAM	"the size chosen is not smaller than RAM"

#define REFUSED(n, cmd, sfx, w) \
	{ .name = n, .cmdline = cmd, .ram = RAM, .suffix = sfx, \
	  .ret = -EINVAL, .why = w }
#define ABSENT(n, cmd, sfx) \
	{ .name = n, .cmdline = cmd, .ram = RAM, .suffix = sfx, \
	  .ret = -ENOENT }

static const struct ck_case ck_refused[] = {
	ABSENT("absent", "quiet console=ttyS0", NULL),
	ABSENT("high_absent", "crashkernel=64M", ",high"),
	ABSENT("plain_skips_vtab_high", "crashkernel=256M,high\vquiet", NULL),
	ABSENT("not_a_parameter_suffix", "xcrashkernel=64M", NULL),
	ABSENT("high_with_garbage", "crashkernel=256M,highx", ",high"),
	REFUSED("empty", "crashkernel=", NULL, NO_SIZE),
	REFUSED("garbage", "crashkernel=abc", NULL, NO_SIZE),
	REFUSED("bad_suffix", "crashkernel=64Q", NULL, TRAILING),
	REFUSED("trailing_garbage", "crashkernel=64M@1Gx", NULL, TRAILING),
	REFUSED("offset_missing", "crashkernel=64M@", NULL, NO_SIZE),
	REFUSED("overflowing_digits", "crashkernel=99999999999999999999999M",
		NULL, TOO_BIG),
	REFUSED("overflowing_suffix", "crashkernel=17179869184G", NULL,
		SHIFT_TOO_BIG),
	REFUSED("overflowing_offset", "crashkernel=1M@99999999999999999999",
		NULL, TOO_BIG),
	REFUSED("inverted_range", "crashkernel=1G-512M:64M", NULL, INVERTED),
	REFUSED("empty_range", "crashkernel=1G-1G:64M", NULL, INVERTED),
	REFUSED("range_without_dash", "crashkernel=1G:64M", NULL, NO_DASH),
	/* Without the rule, "64M" would be taken as the first range's size. */
	REFUSED("range_without_colon", "crashkernel=0-1G64M,1G-:32M", NULL,
		NO_COLON),
	REFUSED("range_without_size", "crashkernel=0-1G:", NULL, NO_SIZE),
	REFUSED("range_size_of_ram", "crashkernel=0-:512M", NULL,
		NOT_BELOW_RAM),
	REFUSED("range_list_dangling_comma", "crashkernel=0-1G:32M,", NULL,
		NO_SIZE),
	REFUSED("high_without_size", "crashkernel=,high", ",high", NO_SIZE),
	REFUSED("high_with_offset", "crashkernel=256M@1G,high", ",high",
		TRAILING),
};

static void ck_case_desc(const struct ck_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ck_valid, ck_valid, ck_case_desc);
KUNIT_ARRAY_PARAM(ck_refused, ck_refused, ck_case_desc);

static void crashkernel_test_accepts_valid_forms(struct kunit *test)
{
	const struct ck_case *c = test->param_value;
	unsigned long long size = ~0ULL, base = ~0ULL;
	struct crashkernel_verdict v;

	v = crashkernel_judge(c->cmdline, c->ram, &size, &base, c->suffix);
	KUNIT_EXPECT_EQ(test, v.err, c->ret);
	KUNIT_EXPECT_STREQ(test, v.why ?: "(none)", "(none)");
	KUNIT_EXPECT_EQ(test, size, c->size);
	KUNIT_EXPECT_EQ(test, base, c->base);
}

static void crashkernel_test_refuses_malformed_values(struct kunit *test)
{
	const struct ck_case *c = test->param_value;
	unsigned long long size = ~0ULL, base = ~0ULL;
	struct crashkernel_verdict v;

	v = crashkernel_judge(c->cmdline, c->ram, &size, &base, c->suffix);
	KUNIT_EXPECT_EQ(test, v.err, c->ret);
	KUNIT_EXPECT_STREQ(test, v.why ?: "(none)", c->why ?: "(none)");
	KUNIT_EXPECT_EQ(test, size, 0ULL);
	KUNIT_EXPECT_EQ(test, base, 0ULL);
}

static struct kunit_case crashkernel_test_cases[] = {
	KUNIT_CASE_PARAM(crashkernel_test_accepts_valid_forms,
			 ck_valid_gen_params),
	KUNIT_CASE_PARAM(crashkernel_test_refuses_malformed_values,
			 ck_refused_gen_params),
	{ }
};

static struct kunit_suite crashkernel_test_suite = {
	.name = "crashkernel",
	.test_cases = crashkernel_test_cases,
};

kunit_test_suite(crashkernel_test_suite);

MODULE_LICENSE("GPL");
