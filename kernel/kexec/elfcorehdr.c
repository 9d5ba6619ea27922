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

unsigned long long elfcorehdr_addr = ELFCORE_ADDR_MAX;
EXPORT_SYMBOL_GPL(elfcorehdr_addr);

unsigned long long elfcorehdr_size;

static int __init elfcorehdr_param(char *arg)
{
	unsigned long long first, addr;
	char *end;

	if (!arg)
		return -EINVAL;
	first = memparse(arg, &end);
	if (end == arg)
		goto malformed;
	addr = first;
	if (*end == '@') {
		char *at = end + 1;

		addr = memparse(at, &end);
		if (end == at)
			goto malformed;
		elfcorehdr_size = first;
	}
	if (*end)
		goto malformed;
	elfcorehdr_addr = addr;
	return 0;

malformed:
	pr_warn("elfcorehdr=%s: not [size@]offset, ignored\n", arg);
	elfcorehdr_size = 0;
	return -EINVAL;
}
early_param("elfcorehdr", elfcorehdr_param);
