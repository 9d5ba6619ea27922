// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: elfcorehdr=
 *
 * A capture kernel learns where the dead kernel's ELF core header lies
 * from ``elfcorehdr=[size[KMG]@]offset[KMG]`` on its command line (or,
 * on device-tree systems, from the architecture, which fills in the same
 * two variables).  ``elfcorehdr_addr`` stays ELFCORE_ADDR_MAX when there
 * is none, which is how is_kdump_kernel() tells a capture kernel from a
 * normal one.  A value that does not parse whole is ignored with a
 * warning: booting as a normal kernel is safer than trusting half of it.
 */
#include <linux/crash_dump.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/printk.h>

#include "internal.h"

unsigned long long elfcorehdr_addr = ELFCORE_ADDR_MAX;
EXPORT_SYMBOL_GPL(elfcorehdr_addr);

unsigned long long elfcorehdr_size;

/**
 * elfcorehdr_parse() - read an elfcorehdr= value
 * @arg:	the value, NUL-terminated
 * @addr:	set to the offset of the header
 * @size:	set to its size, 0 when the value gives none
 *
 * The value must be whole: a number, or two joined by '@', each with an
 * optional K, M or G (memparse()), and nothing after.
 *
 * Context: any.
 * Return: NULL, or the rule @arg breaks; *@addr and *@size are then
 * left alone.
 */
const char *elfcorehdr_parse(const char *arg, unsigned long long *addr,
			     unsigned long long *size)
{
	unsigned long long first, offset = 0;
	bool sized = false;
	const char *at;
	char *end;

	first = memparse(arg, &end);
	if (end == arg)
		return "no number";
	if (*end == '@') {
		at = end + 1;
		offset = memparse(at, &end);
		if (end == at)
			return "no offset after '@'";
		sized = true;
	}
	if (*end)
		return "characters after the offset";
	*addr = sized ? offset : first;
	*size = sized ? first : 0;
	return NULL;
}

static int __init elfcorehdr_param(char *arg)
{
	const char *why;

	if (!arg)
		return -EINVAL;
	why = elfcorehdr_parse(arg, &elfcorehdr_addr, &elfcorehdr_size);
	if (!why)
		return 0;
	pr_warn("elfcorehdr=%s: %s, ignored\n", arg, why);
	return -EINVAL;
}
early_param("elfcorehdr", elfcorehdr_param);
