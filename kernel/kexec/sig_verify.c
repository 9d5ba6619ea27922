// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Kernel signatures (CONFIG_KEXEC_SIG)
 *
 * A loader of the architecture's table may check the signature of the
 * kernel it recognised through its verify_sig operation (PE/COFF
 * signatures: sig_pe.c); a loader without one has every kernel counted
 * as unsigned.
 *
 * Whether a signature is required is one flag, set at build time by
 * CONFIG_KEXEC_SIG_FORCE or at boot by set_kexec_sig_enforced() (IMA's
 * architecture policy calls it under Secure Boot); it is never cleared.
 * What a missing signature means is decided in sig_policy.c.
 */
#define pr_fmt(fmt) "kexec: " fmt

#include <linux/kexec.h>

#include "internal.h"

static bool kexec_sig_enforced __ro_after_init =
	IS_ENABLED(CONFIG_KEXEC_SIG_FORCE);

/**
 * set_kexec_sig_enforced() - require a valid signature from now on
 *
 * Context: Boot, before user space can call kexec_file_load().
 */
void set_kexec_sig_enforced(void)
{
	kexec_sig_enforced = true;
}

/**
 * kexec_file_sig_enforced() - is a valid kernel signature required?
 *
 * Context: Any.
 * Return: true if kexec_file_load() refuses a kernel without one.
 */
bool kexec_file_sig_enforced(void)
{
	return kexec_sig_enforced;
}

/**
 * kexec_file_verify_sig() - ask a loader to check a kernel's signature
 * @ops:	the loader that recognised the kernel
 * @buf:	the kernel file
 * @len:	its length
 *
 * Context: Process context; sleeps.
 * Return: 0 if the signature is valid; the loader's error otherwise, or
 * -EKEYREJECTED if the loader cannot check signatures.
 */
int kexec_file_verify_sig(const struct kexec_file_ops *ops, const void *buf,
			  unsigned long len)
{
	if (!ops->verify_sig) {
		pr_debug("the kernel's loader checks no signatures\n");
		return -EKEYREJECTED;
	}
	return ops->verify_sig(buf, len);
}
