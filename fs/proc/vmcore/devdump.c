// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: device dumps (not supported)
 *
 * CONFIG_PROC_VMCORE_DEVICE_DUMP lets drivers add their hardware's state
 * to /proc/vmcore as extra notes.  This implementation does not offer it:
 * when the option is enabled, drivers still link, and each request is
 * declined with -EOPNOTSUPP, as if the option were off.
 */

#include <linux/crash_dump.h>
#include <linux/export.h>
#include <linux/printk.h>

/**
 * vmcore_add_device_dump() - decline a driver's device dump
 * @data: the dump the driver offers; ignored
 *
 * Context: Any context.
 * Return: -EOPNOTSUPP, always.
 */
int vmcore_add_device_dump(struct vmcoredd_data *data)
{
	pr_info_once("vmcore: device dumps are not supported\n");
	return -EOPNOTSUPP;
}
EXPORT_SYMBOL(vmcore_add_device_dump);
