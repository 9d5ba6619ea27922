// SPDX-License-Identifier: GPL-2.0
/*
 * Test device dumps for the kdump selftests (PROC_VMCORE_DEVICE_DUMP_TEST).
 *
 * A capture kernel booted with devdump_test.size=SIZE adds, at late_initcall
 * as a driver would at probe time, "kdump_test_a" of SIZE bytes and
 * "kdump_test_b" of SIZE + 3 bytes.  Byte i of dump k (0 for a, 1 for b,
 * 2 for the late one) is (i + 13 * k) % 251: a period that is no power of
 * two, so a dump read from the wrong offset or cut short is told apart.
 * Writing a size to /sys/kernel/debug/vmcoredd_test_late offers
 * "kdump_test_late" at that moment; the write fails with the errno
 * vmcore_add_device_dump() returned.
 */

#define pr_fmt(fmt) "vmcoredd_test: " fmt

#include <linux/crash_dump.h>
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

struct test_dump {
	struct vmcoredd_data data;
	unsigned int k;
};

static unsigned int test_size;
module_param_named(size, test_size, uint, 0444);
MODULE_PARM_DESC(size, "bytes of the first test device dump; 0: none");

static int fill_pattern(struct vmcoredd_data *data, void *buf)
{
	struct test_dump *t = container_of(data, struct test_dump, data);
	u8 *p = buf;
	unsigned int i;

	for (i = 0; i < data->size; i++)
		p[i] = (i + 13 * t->k) % 251;
	return 0;
}

static int add_test_dump(const char *name, unsigned int k, unsigned int size)
{
	struct test_dump t = {
		.data = { .size = size, .vmcoredd_callback = fill_pattern },
		.k = k,
	};
	int err;

	strscpy(t.data.dump_name, name, sizeof(t.data.dump_name));
	err = vmcore_add_device_dump(&t.data);
	pr_info("%s of %u bytes: %d\n", name, size, err);
	return err;
}

static ssize_t late_write(struct file *file, const char __user *buf,
			  size_t len, loff_t *ppos)
{
	unsigned int size;
	int err;

	err = kstrtouint_from_user(buf, len, 0, &size);
	if (err)
		return err;
	err = add_test_dump("kdump_test_late", 2, size);
	return err ? err : len;
}

static const struct file_operations late_fops = {
	.write = late_write,
};

static int __init devdump_test_init(void)
{
	if (!is_kdump_kernel() || !test_size)
		return 0;
	add_test_dump("kdump_test_a", 0, test_size);
	add_test_dump("kdump_test_b", 1, test_size + 3);
	debugfs_create_file("vmcoredd_test_late", 0200, NULL, NULL,
			    &late_fops);
	return 0;
}
late_initcall(devdump_test_init);
