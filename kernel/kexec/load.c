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
 * 3. The kexec lock is tried (-EBUSY).
 * 4. The request is validated whole (segments.c), and every segment's
 *    buffer is faulted in (-EFAULT if one cannot be read).  Up to here
 *    nothing loaded has been touched, so a refused request leaves the
 *    loaded image exactly as it was.
 * 5. A crash image replaces the old one in place, so the old one is
 *    unloaded first; a normal image is built beside the old one and
 *    swapped in, so a failure while building keeps the old image.  (A
 *    crash load that fails after step 4, for want of memory, therefore
 *    leaves no crash image loaded.)
 *
 * The crash region is write protected (where the architecture can) while
 * a crash image sits in it; it is opened only between steps 5 and the
 * installation of the new image.
 */
#include <linux/capability.h>
#include <linux/compat.h>
#include <linux/kexec.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

#include "internal.h"

static int check_caller(void)
{
	if (!capable(CAP_SYS_BOOT) || kexec_load_disabled)
		return -EPERM;
	return 0;
}

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
	int ret = check_caller();

	if (!ret)
		ret = check_policy();
	if (!ret)
		ret = check_flags(nr_segments, flags);
	return ret;
}

static void fill_request(struct kexec_request *req, unsigned long entry,
			 const struct kexec_segment *seg, unsigned long nr,
			 unsigned long flags)
{
	*req = (struct kexec_request) {
		.seg = seg,
		.nr = nr,
		.entry = entry,
		.crash = flags & KEXEC_ON_CRASH,
		.win_start = phys_to_boot_phys(crashk_res.start),
		.win_end = phys_to_boot_phys(crashk_res.end),
		.dest_limit = KEXEC_DESTINATION_MEMORY_LIMIT,
		.ram_pages = totalram_pages(),
	};
}

/* Fault every buffer in now, so a bad pointer is refused before step 5. */
static int check_buffers(const struct kexec_request *req)
{
	unsigned long i;

	for (i = 0; i < req->nr; i++) {
		if (!fault_in_readable(req->seg[i].buf, req->seg[i].bufsz))
			continue;
		pr_warn_ratelimited("kexec: refused: buffer of segment %lu cannot be read\n",
				    i);
		return -EFAULT;
	}
	return 0;
}

static void unload(bool crash)
{
	if (crash) {
		if (kexec_crash_image)
			arch_kexec_unprotect_crashkres();
		kimage_destroy(xchg(&kexec_crash_image, NULL));
	} else {
		kimage_destroy(xchg(&kexec_image, NULL));
	}
}

/* Steps 2-5 of the DOC block, for an image whose request was accepted. */
static struct kimage *build(const struct kexec_request *req,
			    unsigned long flags)
{
	struct kimage *image = kimage_create(req, flags);
	int ret;

	if (IS_ERR(image))
		return image;
	ret = machine_kexec_prepare(image);
	if (!ret)
		ret = kimage_crash_copy_vmcoreinfo(image);
	if (!ret)
		ret = kimage_load_segments(image);
	if (!ret)
		ret = machine_kexec_post_load(image);
	if (!ret)
		return image;
	kimage_destroy(image);
	return ERR_PTR(ret);
}

static int load_locked(const struct kexec_request *req, unsigned long flags)
{
	struct kimage *image;
	int ret = kexec_check_request(req);

	if (!ret)
		ret = check_buffers(req);
	if (ret)
		return ret;
	if (req->crash)
		unload(true);
	image = build(req, flags);
	if (IS_ERR(image))
		return PTR_ERR(image);
	kimage_destroy(xchg(req->crash ? &kexec_crash_image : &kexec_image,
			    image));
	return 0;
}

static int do_load(unsigned long entry, const struct kexec_segment *seg,
		   unsigned long nr, unsigned long flags)
{
	struct kexec_request req;
	int ret = 0;

	if (!kexec_lock_try())
		return -EBUSY;
	fill_request(&req, entry, seg, nr, flags);
	if (nr)
		ret = load_locked(&req, flags);
	else
		unload(req.crash);
	if (req.crash && kexec_crash_image)
		arch_kexec_protect_crashkres();
	kexec_lock_drop();
	return ret;
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
