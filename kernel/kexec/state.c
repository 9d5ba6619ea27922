// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: kexec state
 *
 * The kexec core keeps all of its state in a handful of objects whose
 * names the rest of the kernel already knows:
 *
 * - ``kexec_image``: the kernel ``kexec -e`` (or reboot(2) with
 *   LINUX_REBOOT_CMD_KEXEC) jumps into, or NULL;
 * - ``kexec_crash_image``: the capture kernel a crash jumps into, or NULL;
 *   its bytes already sit in the crash kernel region;
 * - ``crashk_res`` and ``crashk_low_res``: that region (see region.c);
 * - ``kexec_in_progress``: set once a kexec reboot has started, so that
 *   drivers skip work a reboot would do;
 * - ``kexec_load_disabled``: a one-way switch, settable through the
 *   kernel.kexec_load_disabled sysctl, after which nothing can be loaded.
 *
 * One lock guards the two image pointers and the region: ``kexec_lock``,
 * an atomic flag taken only with a try-lock.  It is never slept on,
 * because the crash path takes it too, from panic or NMI context, where
 * waiting for a CPU that may itself be dead is not an option.  The rules:
 *
 * 1. Whoever holds the lock may replace, free or jump into an image and
 *    may change the region; nobody else may.
 * 2. A caller that finds the lock taken gives up with -EBUSY (syscalls,
 *    sysfs) or does nothing (the crash path: a load or unload is in
 *    flight, so there is no consistent image to jump into).
 * 3. Readers that only test whether a pointer is NULL (sysfs
 *    kexec_loaded, kexec_crash_loaded()) do so without the lock; they get
 *    an answer that was true at some moment, which is all they promise.
 */
#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/init.h>
#include <linux/kexec.h>
#include <linux/sysctl.h>

#include "internal.h"

struct kimage *kexec_image;
struct kimage *kexec_crash_image;
bool kexec_in_progress;
int kexec_load_disabled;

static atomic_t kexec_lock = ATOMIC_INIT(0);

/**
 * kexec_lock_try() - try to become the only user of the kexec state
 *
 * Context: any, including NMI and panic: never sleeps or spins.
 * Return: true if the caller now holds the lock, false if someone else
 * does.
 */
bool kexec_lock_try(void)
{
	return atomic_cmpxchg_acquire(&kexec_lock, 0, 1) == 0;
}

/**
 * kexec_lock_drop() - release the lock taken by kexec_lock_try()
 *
 * Context: any; the caller must hold the lock.
 */
void kexec_lock_drop(void)
{
	atomic_set_release(&kexec_lock, 0);
}

/**
 * kexec_check_caller() - may the caller load or unload an image at all?
 *
 * Context: process context.
 * Return: 0, or -EPERM without CAP_SYS_BOOT or once loading is disabled.
 */
int kexec_check_caller(void)
{
	if (!capable(CAP_SYS_BOOT) || kexec_load_disabled)
		return -EPERM;
	return 0;
}

/* 0 may become 1, and nothing else: loading cannot be switched back on. */
static struct ctl_table kexec_state_sysctls[] = {
	{
		.procname	= "kexec_load_disabled",
		.data		= &kexec_load_disabled,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ONE,
		.extra2		= SYSCTL_ONE,
	},
	{ }
};

static int __init kexec_state_sysctl_init(void)
{
	register_sysctl_init("kernel", kexec_state_sysctls);
	return 0;
}
late_initcall(kexec_state_sysctl_init);
