// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: kexec_load()
 *
 * kexec_load(entry, nr_segments, segments, flags) loads a kernel to jump
 * into later: on a crash (KEXEC_ON_CRASH) or on ``kexec -e``.  With
 * nr_segments == 0 it unloads.  The order of business is fixed:
 *
 * 1. Permission: CAP_SYS_BOOT and loading not disabled (-EPERM), then the
 *    LSM hook, then lockdown (-EPERM), then flags and segment count
 *    (-EINVAL), then the architecture in the flags (-EINVAL); a compat
 *    (32-bit) caller must then name an architecture explicitly
 *    (-EINVAL), so an unprivileged one gets -EPERM, as in 6.1.
 * 2. The segment list is copied in (-EFAULT).
 * 3. For a crash image, the segment rules (segments.c), then every
 *    buffer is copied into the kernel (-EFAULT), outside the kexec lock
 *    (stage.c): reading user memory may wait for ever, and the loaded
 *    capture kernel stays usable meanwhile.
 * 4. The image is handed to kexec_commit() (commit.c), the transaction
 *    kexec_file_load() shares.  For a crash image: the kexec lock
 *    (-EBUSY), the segment rules again, then the swap.  A normal image
 *    needs no staging: it is built without the lock, its buffers read
 *    straight into its own pages (-EFAULT), and the lock is taken only
 *    for the swap (-EBUSY).  A refused request leaves the loaded image as
 *    it was.
 *
 * Upstream takes the lock first, so a request that is both malformed and
 * concurrent with another load gets -EBUSY there and the rule's errno
 * here, and a normal load concurrent with another may succeed here
 * (commit.c); any other request gets the same errno from both.
 */
#include <linux/compat.h>
#include <linux/kexec.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

#include "internal.h"

static int check_policy(void)
{
	int ret = security_kernel_load_data(LOADING_KEXEC_IMAGE, false);

	if (ret < 0)
		return ret;
	return security_locked_down(LOCKDOWN_KEXEC);
}

static int check_flags(unsigned long nr_segments, unsigned long flags)
{
	unsigned long arch = flags & KEXEC_ARCH_MASK;

	if ((flags & ~KEXEC_ARCH_MASK) & ~KEXEC_FLAGS) {
		pr_warn_ratelimited("kexec: refused: unknown flags %#lx\n",
				    flags & ~KEXEC_ARCH_MASK);
		return -EINVAL;
	}
	if (nr_segments > KEXEC_SEGMENT_MAX) {
		pr_warn_ratelimited("kexec: refused: %lu segments, at most %d\n",
				    nr_segments, KEXEC_SEGMENT_MAX);
		return -EINVAL;
	}
	if (arch != KEXEC_ARCH && arch != KEXEC_ARCH_DEFAULT) {
		pr_warn_ratelimited("kexec: refused: image for architecture %lu\n",
				    arch >> 16);
		return -EINVAL;
	}
	return 0;
}

static int check_call(unsigned long nr_segments, unsigned long flags)
{
	int ret = kexec_check_caller();

	if (ret)
		return ret;
	ret = check_policy();
	if (ret)
		return ret;
	return check_flags(nr_segments, flags);
}

/* A crash image's buffers are staged first; see the DOC block. */
static int load_crash(struct kimage *image)
{
	struct kexec_staging st;
	int ret = kexec_stage(image, &st);

	if (ret) {
		kimage_destroy(image);
		goto free_copies;
	}
	ret = kexec_commit(image, KEXEC_BUFS_KERNEL);
free_copies:
	kexec_unstage(&st);
	return ret;
}

static int do_load(unsigned long entry, const struct kexec_segment *seg,
		   unsigned long nr, unsigned long flags)
{
	struct kimage *image;

	if (!nr)
		return kexec_unload(flags & KEXEC_ON_CRASH);
	image = kimage_alloc(flags & KEXEC_ON_CRASH);
	if (IS_ERR(image))
		return PTR_ERR(image);
	kimage_set_segments(image, seg, nr, entry, flags);
	if (flags & KEXEC_ON_CRASH)
		return load_crash(image);
	return kexec_commit(image, KEXEC_BUFS_USER);
}

SYSCALL_DEFINE4(kexec_load, unsigned long, entry, unsigned long, nr_segments,
		struct kexec_segment __user *, segments, unsigned long, flags)
{
	struct kexec_segment *seg;
	int ret = check_call(nr_segments, flags);

	if (ret)
		return ret;
	seg = memdup_user(segments, array_size(nr_segments, sizeof(*seg)));
	if (IS_ERR(seg)) {
		if (PTR_ERR(seg) == -EFAULT)
			pr_warn_ratelimited("kexec: refused: the segment list cannot be read\n");
		return PTR_ERR(seg);
	}
	ret = do_load(entry, seg, nr_segments, flags);
	kfree(seg);
	return ret;
}

#ifdef CONFIG_COMPAT
static int compat_copy_segments(struct kexec_segment *seg,
				const struct compat_kexec_segment __user *useg,
				unsigned long nr)
{
	struct compat_kexec_segment cs;
	unsigned long i;

	for (i = 0; i < nr; i++) {
		if (copy_from_user(&cs, &useg[i], sizeof(cs)))
			return -EFAULT;
		seg[i] = (struct kexec_segment) {
			.buf = compat_ptr(cs.buf),
			.bufsz = cs.bufsz,
			.mem = cs.mem,
			.memsz = cs.memsz,
		};
	}
	return 0;
}

COMPAT_SYSCALL_DEFINE4(kexec_load, compat_ulong_t, entry,
		       compat_ulong_t, nr_segments,
		       struct compat_kexec_segment __user *, segments,
		       compat_ulong_t, flags)
{
	struct kexec_segment *seg;
	int ret;

	ret = check_call(nr_segments, flags);
	if (ret)
		return ret;
	/* A 32-bit caller must name the architecture it built the image for. */
	if ((flags & KEXEC_ARCH_MASK) == KEXEC_ARCH_DEFAULT) {
		pr_warn_ratelimited("kexec: refused: a compat caller must name the image's architecture\n");
		return -EINVAL;
	}
	seg = kcalloc(nr_segments ?: 1, sizeof(*seg), GFP_KERNEL);
	if (!seg)
		return -ENOMEM;
	ret = compat_copy_segments(seg, segments, nr_segments);
	if (!ret)
		ret = do_load(entry, seg, nr_segments, flags);
	kfree(seg);
	return ret;
}
#endif
