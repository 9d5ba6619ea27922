/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hashing a kexec segment, which may be larger than the unsigned int
 * length sha256_update() takes: used by the purgatory's digest
 * (kernel/kexec/purgatory_digest.c) and by arm64's check of a capture
 * kernel's bytes (arch/arm64/kexec/digest.c).
 */
#ifndef _LINUX_KEXEC_DIGEST_H
#define _LINUX_KEXEC_DIGEST_H

#include <crypto/sha2.h>
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/sizes.h>

/* The most bytes one sha256_update() call is given. */
#define KEXEC_DIGEST_PIECE	SZ_1M

/**
 * kexec_sha256_update() - add a buffer of any length to a SHA-256
 * @st:		the hash being computed
 * @p:		the bytes
 * @len:	how many; may exceed UINT_MAX
 * @may_sleep:	reschedule between pieces of KEXEC_DIGEST_PIECE bytes
 *
 * Context: with @may_sleep, process context.  Without it, any context,
 * including the crash path: then it neither sleeps, allocates nor takes
 * a lock.
 */
static inline void kexec_sha256_update(struct sha256_state *st,
				       const u8 *p, size_t len,
				       bool may_sleep)
{
	size_t n;

	for (; len; p += n, len -= n) {
		n = min_t(size_t, len, KEXEC_DIGEST_PIECE);
		sha256_update(st, p, n);
		if (may_sleep)
			cond_resched();
	}
}

#endif /* _LINUX_KEXEC_DIGEST_H */
