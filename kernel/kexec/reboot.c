// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: kexec reboot
 *
 * reboot(LINUX_REBOOT_CMD_KEXEC) ends in kernel_kexec(): an orderly
 * shutdown, as for a reboot, but instead of resetting the machine the
 * last CPU standing jumps into ``kexec_image``.
 *
 * Images that preserve the old kernel's context (KEXEC_PRESERVE_CONTEXT,
 * CONFIG_KEXEC_JUMP) cannot be loaded: the series holds the option back,
 * and kexec_load() refuses the flag.
 */
#include <linux/cpu.h>
#include <linux/kexec.h>
#include <linux/kmsg_dump.h>
#include <linux/reboot.h>
#include <linux/syscore_ops.h>

#include "internal.h"

static void shut_down_for_kexec(void)
{
	kexec_in_progress = true;
	kernel_restart_prepare("kexec reboot");
	migrate_to_reboot_cpu();
	syscore_shutdown();
	/* The architecture may stop the other CPUs through hotplug. */
	cpu_hotplug_enable();
	pr_notice("Starting new kernel\n");
	machine_shutdown();
	kmsg_dump(KMSG_DUMP_SHUTDOWN);
	machine_kexec(kexec_image);
}

/**
 * kernel_kexec() - reboot into the loaded kexec image
 *
 * Context: process context, from reboot(2); takes the kexec lock.  Does
 * not return when it starts a normal image.
 * Return: -EBUSY if a load is in progress, -EINVAL if no image is loaded.
 */
int kernel_kexec(void)
{
	if (!kexec_lock_try())
		return -EBUSY;
	if (kexec_image)
		shut_down_for_kexec();
	kexec_lock_drop();
	return -EINVAL;
}
