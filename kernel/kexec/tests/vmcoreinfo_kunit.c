// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for vmcoreinfo_add_line(), the one place a VMCOREINFO line
 * is formatted.  Each case starts from a buffer of CAP bytes whose first
 * @used bytes already hold lines ('x' here) and whose tail is zero,
 * followed by a canary the function must never touch, adds one line and
 * checks what it returned and every byte of the buffer: a line is added
 * whole or not at all, and a refused line leaves no partial bytes behind.
 */
#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/string.h>

#include "../internal.h"

#define CAP	32
#define CANARY	0xa5
#define TAIL	16

struct line_case {
	const char *name;
	size_t used;
	const char *line;	/* added through "%s" */
	size_t added;		/* expected return */
};

static const struct line_case line_cases[] = {
	{ "fits", 0, "KEY=1\n", 6 },
	{ "fits_after_lines", 10, "KEY=1\n", 6 },
	/* 21 bytes and vsnprintf()'s NUL fill the 22 left exactly. */
	{ "fills_to_the_last_byte", 10, "CRASHTIME=1234567890\n", 21 },
	{ "one_byte_too_long", 10, "CRASHTIME=12345678901\n", 0 },
	{ "much_too_long", 4, "CRASH_CPUS_NOT_STOPPED=1,3,5,7,9,11\n", 0 },
	{ "buffer_full", CAP, "K=1\n", 0 },
	{ "one_byte_left", CAP - 1, "\n", 0 },
};

static void line_case_desc(const struct line_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(line, line_cases, line_case_desc);

static size_t add(unsigned char *buf, size_t used, const char *fmt, ...)
{
	va_list args;
	size_t len;

	va_start(args, fmt);
	len = vmcoreinfo_add_line(buf, used, CAP, fmt, args);
	va_end(args);
	return len;
}

static void fill(unsigned char *buf, size_t used)
{
	memset(buf, 'x', used);
	memset(buf + used, 0, CAP - used);
	memset(buf + CAP, CANARY, TAIL);
}

/* Every byte: the old lines, the added line if any, zeros, the canary. */
static void expect_buffer(struct kunit *test, const unsigned char *buf,
			  size_t used, const char *line, size_t added)
{
	size_t i;

	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(buf, 'x', used), NULL);
	KUNIT_EXPECT_EQ(test, memcmp(buf + used, line, added), 0);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(buf + used + added, 0,
					     CAP - used - added), NULL);
	for (i = CAP; i < CAP + TAIL; i++)
		KUNIT_EXPECT_EQ_MSG(test, buf[i], CANARY, "byte %zu", i);
}

static void add_line(struct kunit *test)
{
	const struct line_case *c = test->param_value;
	unsigned char buf[CAP + TAIL];
	size_t len;

	fill(buf, c->used);
	len = add(buf, c->used, "%s", c->line);
	KUNIT_EXPECT_EQ(test, len, c->added);
	expect_buffer(test, buf, c->used, c->line, c->added);
}

/*
 * The line that motivated all-or-nothing: a CPU list that does not fit
 * must not appear as a shorter, wrong list.
 */
static void cpu_list_is_never_cut(struct kunit *test)
{
	DECLARE_BITMAP(cpus, 12) = { 0 };
	unsigned char buf[CAP + TAIL];
	size_t used = CAP - sizeof("CRASH_CPUS_NOT_STOPPED=1,3\n") + 1;

	__set_bit(1, cpus);
	__set_bit(3, cpus);
	__set_bit(11, cpus);
	fill(buf, used);
	KUNIT_EXPECT_EQ(test, add(buf, used, "CRASH_CPUS_NOT_STOPPED=%*pbl\n",
				  12, cpus), 0);
	expect_buffer(test, buf, used, "", 0);

	__clear_bit(11, cpus);
	fill(buf, used);
	KUNIT_EXPECT_EQ(test, add(buf, used, "CRASH_CPUS_NOT_STOPPED=%*pbl\n",
				  12, cpus), 0);
	fill(buf, used - 1);
	KUNIT_EXPECT_EQ(test, add(buf, used - 1,
				  "CRASH_CPUS_NOT_STOPPED=%*pbl\n", 12, cpus),
			sizeof("CRASH_CPUS_NOT_STOPPED=1,3\n") - 1);
	expect_buffer(test, buf, used - 1, "CRASH_CPUS_NOT_STOPPED=1,3\n",
		      sizeof("CRASH_CPUS_NOT_STOPPED=1,3\n") - 1);
}

static struct kunit_case vmcoreinfo_cases[] = {
	KUNIT_CASE_PARAM(add_line, line_gen_params),
	KUNIT_CASE(cpu_list_is_never_cut),
	{}
};

static struct kunit_suite vmcoreinfo_suite = {
	.name = "kexec_vmcoreinfo",
	.test_cases = vmcoreinfo_cases,
};

kunit_test_suite(vmcoreinfo_suite);

MODULE_LICENSE("GPL");
