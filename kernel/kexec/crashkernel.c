// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: crashkernel= parser
 *
 * ``crashkernel=`` says how much memory to set aside for a capture
 * kernel, and optionally where.  Its forms, where a size is a number (in
 * C notation: 0x hex, leading-zero octal, else decimal) with an optional
 * K, M, G, T, P or E suffix:
 *
 * - ``size[@offset]``: that much, at @offset or wherever it fits;
 * - ``start-[end]:size[,start-[end]:size...][@offset]``: the size of the
 *   first range that holds the machine's RAM, rounded up to 128 MiB,
 *   as start <= RAM < end (an empty end is no limit);
 * - ``size,high`` and ``size,low``: memory above 4 GiB, and the companion
 *   below it, where the architecture distinguishes them.
 *
 * Only the last ``crashkernel=`` of each kind on the command line counts,
 * as with most parameters; the plain forms ignore values ending in
 * ",high" or ",low", and the suffixed lookups take only those.
 *
 * The parser is strict: every number must fit in 64 bits after its
 * suffix, ranges must not be empty, and the value must end after what
 * the grammar allows.  A value that breaks a rule is refused whole with
 * one warning that quotes it and says what is wrong, and the kernel
 * boots without a reservation; except ``size,low``, where, as in 6.1, a
 * malformed value means the architecture's default low size.
 */
#include <linux/crash_core.h>
#include <linux/ctype.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/overflow.h>
#include <linux/printk.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "internal.h"

#define CK_NAME		"crashkernel="

/**
 * struct ck_parser - a cursor over one crashkernel= value
 * @value:	the first character of the value
 * @p:		the next character to read
 * @why:	what was wrong, set by the first failing rule
 * @no_range:	a range list had no range for this machine's RAM
 */
struct ck_parser {
	const char *value;
	const char *p;
	const char *why;
	bool no_range;
};

/* Bytes of @s before the end of its word: a NUL or any isspace() blank. */
static size_t ck_word_len(const char *s)
{
	size_t len = 0;

	while (s[len] && !isspace(s[len]))
		len++;
	return len;
}

static bool ck_at_end(const struct ck_parser *ck)
{
	return !ck_word_len(ck->p);
}

static int ck_fail(struct ck_parser *ck, const char *why)
{
	if (!ck->why)
		ck->why = why;
	return -EINVAL;
}

static bool ck_take(struct ck_parser *ck, char c)
{
	if (*ck->p != c)
		return false;
	ck->p++;
	return true;
}

static unsigned int ck_base(struct ck_parser *ck)
{
	if (ck->p[0] == '0' && tolower(ck->p[1]) == 'x' &&
	    isxdigit(ck->p[2])) {
		ck->p += 2;
		return 16;
	}
	return ck->p[0] == '0' ? 8 : 10;
}

static int ck_digits(struct ck_parser *ck, unsigned long long *val)
{
	unsigned int base = ck_base(ck);
	const char *first = ck->p;
	int d;

	*val = 0;
	while ((d = hex_to_bin(*ck->p)) >= 0 && d < base) {
		if (check_mul_overflow(*val, (unsigned long long)base, val) ||
		    check_add_overflow(*val, (unsigned long long)d, val))
			return ck_fail(ck, "number does not fit in 64 bits");
		ck->p++;
	}
	return ck->p == first ? ck_fail(ck, "a size was expected") : 0;
}

static unsigned int ck_suffix_shift(char c)
{
	const char *units = "KMGTPE";
	const char *u = c ? strchr(units, toupper(c)) : NULL;

	return u ? 10 * (u - units + 1) : 0;
}

/* A number with an optional binary-unit suffix. */
static int ck_size(struct ck_parser *ck, unsigned long long *val)
{
	unsigned int shift;
	int ret = ck_digits(ck, val);

	if (ret)
		return ret;
	shift = ck_suffix_shift(*ck->p);
	if (!shift)
		return 0;
	ck->p++;
	if (*val > (ULLONG_MAX >> shift))
		return ck_fail(ck, "size does not fit in 64 bits");
	*val <<= shift;
	return 0;
}

static int ck_end(struct ck_parser *ck)
{
	return ck_at_end(ck) ? 0 : ck_fail(ck, "unexpected character");
}

static int ck_offset(struct ck_parser *ck, unsigned long long *base)
{
	if (!ck_take(ck, '@'))
		return 0;
	return ck_size(ck, base);
}

/* One "start-[end]:size" entry; @in_range says whether @ram is in it. */
static int ck_range(struct ck_parser *ck, unsigned long long ram,
		    unsigned long long *size, bool *in_range)
{
	unsigned long long start, end = ULLONG_MAX;
	int ret = ck_size(ck, &start);

	if (ret)
		return ret;
	if (!ck_take(ck, '-'))
		return ck_fail(ck, "'-' expected after the start of a range");
	if (*ck->p != ':') {
		ret = ck_size(ck, &end);
		if (ret)
			return ret;
		if (end <= start)
			return ck_fail(ck, "range ends before it starts");
	}
	if (!ck_take(ck, ':'))
		return ck_fail(ck, "':' expected after a range");
	*in_range = ram >= start && ram < end;
	return ck_size(ck, size);
}

static int ck_range_list(struct ck_parser *ck, unsigned long long ram,
			 unsigned long long *crash_size)
{
	unsigned long long size;
	bool matched = false, in_range;
	int ret;

	ram = round_up(ram, SZ_128M);
	do {
		ret = ck_range(ck, ram, &size, &in_range);
		if (ret)
			return ret;
		if (in_range && !matched) {
			*crash_size = size;
			matched = true;
		}
	} while (ck_take(ck, ','));
	if (matched && *crash_size >= ram)
		return ck_fail(ck, "the size chosen is not smaller than RAM");
	ck->no_range = !matched;
	return 0;
}

static bool ck_is_range_list(const char *value)
{
	return strnchr(value, ck_word_len(value), ':');
}

static int ck_parse_value(struct ck_parser *ck, unsigned long long ram,
			  unsigned long long *size, unsigned long long *base,
			  const char *suffix)
{
	int ret;

	if (suffix) {
		ret = ck_size(ck, size);
		if (!ret && strncmp(ck->p, suffix, strlen(suffix)))
			ret = ck_fail(ck, "unexpected character");
		ck->p += ret ? 0 : strlen(suffix);
	} else if (ck_is_range_list(ck->value)) {
		ret = ck_range_list(ck, ram, size);
		if (!ret)
			ret = ck_offset(ck, base);
	} else {
		ret = ck_size(ck, size);
		if (!ret)
			ret = ck_offset(ck, base);
	}
	return ret ?: ck_end(ck);
}

static bool ck_has_suffix(const char *value, const char *suffix)
{
	size_t len = ck_word_len(value);
	size_t slen = strlen(suffix);

	return len >= slen && !strncmp(value + len - slen, suffix, slen);
}

/* Does @value belong to the lookup for @suffix (NULL: the plain forms)? */
static bool ck_kind_matches(const char *value, const char *suffix)
{
	if (suffix)
		return ck_has_suffix(value, suffix);
	return !ck_has_suffix(value, ",high") && !ck_has_suffix(value, ",low");
}

/* What a malformed value of this kind leads to, for its warning. */
static const char *ck_outcome(const char *suffix)
{
	if (suffix && !strcmp(suffix, ",low"))
		return "the default low size is used";
	return "nothing reserved";
}

static const char *ck_find(const char *cmdline, const char *suffix)
{
	const char *p, *value, *found = NULL;

	for (p = strstr(cmdline, CK_NAME); p; p = strstr(p + 1, CK_NAME)) {
		if (p != cmdline && !isspace(p[-1]))
			continue;
		value = p + strlen(CK_NAME);
		if (ck_kind_matches(value, suffix))
			found = value;
	}
	return found;
}

/* One line per value: the refusal, or that no range fits this machine. */
static void ck_report(const struct crashkernel_verdict *v,
		      unsigned long long ram, const char *suffix)
{
	if (v->err == -EINVAL)
		pr_warn("crashkernel=%.*s: %s at \"%.*s\"; %s\n",
			(int)ck_word_len(v->value), v->value, v->why,
			(int)ck_word_len(v->at), v->at, ck_outcome(suffix));
	else if (v->no_range)
		pr_info("crashkernel: no range holds %llu MiB of RAM, nothing reserved\n",
			round_up(ram, SZ_128M) >> 20);
}

/**
 * crashkernel_judge() - parse the last crashkernel= of one kind, quietly
 * @cmdline:	the kernel command line
 * @ram:	bytes of RAM, for the range-list form
 * @size:	set to the size asked for, 0 if none or refused
 * @base:	set to the offset asked for, 0 if none or refused
 * @suffix:	",high", ",low", or NULL for the plain forms
 *
 * crashkernel_parse() without the log line, for it and for the KUnit
 * suite, which checks which rule refused a value.
 *
 * Context: any; reads @cmdline only.
 * Return: the verdict; its @err is 0 (with *@size 0 when a range list
 * has no range for this machine), -ENOENT if there is no value of this
 * kind, or -EINVAL if the value broke the rule @why names.
 */
struct crashkernel_verdict crashkernel_judge(const char *cmdline,
					     unsigned long long ram,
					     unsigned long long *size,
					     unsigned long long *base,
					     const char *suffix)
{
	struct crashkernel_verdict v = { .err = -ENOENT };
	struct ck_parser ck = { };

	*size = 0;
	*base = 0;
	ck.value = ck_find(cmdline, suffix);
	if (!ck.value)
		return v;
	ck.p = ck.value;
	v.err = ck_parse_value(&ck, ram, size, base, suffix);
	if (v.err) {
		*size = 0;
		*base = 0;
	}
	v.why = ck.why;
	v.value = ck.value;
	v.at = ck.p;
	v.no_range = ck.no_range;
	return v;
}

/**
 * crashkernel_parse() - parse the last crashkernel= of one kind
 * @cmdline:	the kernel command line
 * @ram:	bytes of RAM, for the range-list form
 * @size:	set to the size asked for, 0 if none
 * @base:	set to the offset asked for, 0 if none
 * @suffix:	",high", ",low", or NULL for the plain forms
 *
 * Context: any; reads @cmdline only.  Logs one warning for a bad value.
 * Return: 0, with *@size 0 when a range list has no range for this
 * machine; -ENOENT if there is no value of this kind; -EINVAL if the
 * value is malformed.
 */
int crashkernel_parse(const char *cmdline, unsigned long long ram,
		      unsigned long long *size, unsigned long long *base,
		      const char *suffix)
{
	struct crashkernel_verdict v;

	v = crashkernel_judge(cmdline, ram, size, base, suffix);
	ck_report(&v, ram, suffix);
	return v.err;
}

/**
 * parse_crashkernel() - the plain crashkernel= forms
 * @cmdline:	the kernel command line
 * @system_ram:	bytes of RAM
 * @crash_size:	set to the size to reserve
 * @crash_base:	set to the requested offset, 0 for "anywhere"
 *
 * Context: boot.
 * Return: see crashkernel_parse().
 */
int __init parse_crashkernel(char *cmdline, unsigned long long system_ram,
			     unsigned long long *crash_size, unsigned long long *crash_base)
{
	return crashkernel_parse(cmdline, system_ram, crash_size, crash_base, NULL);
}

/**
 * parse_crashkernel_high() - crashkernel=size,high
 * @cmdline:	the kernel command line
 * @system_ram:	bytes of RAM (unused by this form)
 * @crash_size:	set to the size to reserve above 4 GiB
 * @crash_base:	set to 0
 *
 * Context: boot.
 * Return: see crashkernel_parse().
 */
int __init parse_crashkernel_high(char *cmdline, unsigned long long system_ram,
				  unsigned long long *crash_size, unsigned long long *crash_base)
{
	return crashkernel_parse(cmdline, system_ram, crash_size, crash_base, ",high");
}

/**
 * parse_crashkernel_low() - crashkernel=size,low
 * @cmdline:	the kernel command line
 * @system_ram:	bytes of RAM (unused by this form)
 * @crash_size:	set to the size to reserve below 4 GiB
 * @crash_base:	set to 0
 *
 * Context: boot.
 * Return: see crashkernel_parse().
 */
int __init parse_crashkernel_low(char *cmdline, unsigned long long system_ram,
				 unsigned long long *crash_size, unsigned long long *crash_base)
{
	return crashkernel_parse(cmdline, system_ram, crash_size, crash_base, ",low");
}

/* The value is read by the parsers above; this only marks it as known. */
static int __init crashkernel_param(char *arg)
{
	return 0;
}
early_param("crashkernel", crashkernel_param);
