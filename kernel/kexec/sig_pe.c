// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: PE/COFF kernel signatures
 *
 * The x86_64 bzImage and the arm64 Image are PE/COFF files when built
 * with the EFI stub, and distributions sign them the way firmware
 * expects (sbsign, pesign: an Authenticode signature in the certificate
 * table).  Both architectures' loaders point their verify_sig operation
 * at kexec_kernel_verify_pe_sig().  It accepts a signature by a key of
 * the kernel's secondary keyring (which holds the built-in keys), and,
 * for a key the firmware vouches for, of the platform keyring
 * (CONFIG_INTEGRITY_PLATFORM_KEYRING).
 */
#include <linux/kexec.h>
#include <linux/verification.h>

/*
 * The keyrings a PE signature may chain to, in the order they are tried;
 * the next is tried only if the one before does not know the key.
 */
static struct key * const kexec_pe_keyrings[] = {
	VERIFY_USE_SECONDARY_KEYRING,
	VERIFY_USE_PLATFORM_KEYRING,
};

static unsigned int nr_pe_keyrings(void)
{
	if (IS_ENABLED(CONFIG_INTEGRITY_PLATFORM_KEYRING))
		return ARRAY_SIZE(kexec_pe_keyrings);
	return 1;
}

/**
 * kexec_kernel_verify_pe_sig() - check the signature of a PE/COFF kernel
 * @kernel:	the kernel file
 * @kernel_len:	its length
 *
 * Context: Process context; sleeps.
 * Return: 0 if a signature chains to a trusted key; -ENOKEY if no
 * keyring knows its key; -ENODATA if the file has none; -ELIBBAD or
 * -EBADMSG if the file or its signature is malformed; -EKEYREJECTED if
 * the signature does not match.
 */
int kexec_kernel_verify_pe_sig(const char *kernel, unsigned long kernel_len)
{
	unsigned int i;
	int ret = -ENOKEY;

	for (i = 0; i < nr_pe_keyrings() && ret == -ENOKEY; i++)
		ret = verify_pefile_signature(kernel, kernel_len,
					      kexec_pe_keyrings[i],
					      VERIFYING_KEXEC_PE_SIGNATURE);
	return ret;
}
