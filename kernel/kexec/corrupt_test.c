// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: damaging a loaded capture kernel, for tests
 *
 * A capture kernel waits in the crash region, perhaps for months, while
 * the running kernel may scribble over it.  kexec_file_load() images are
 * checked before they are entered (the purgatory compares every segment
 * with its SHA-256); this file lets a test prove that the check works, by
 * doing the scribbling on purpose.
 *
 * Writing a segment number N to /sys/kernel/debug/kexec/corrupt_crash_segment
 * flips the bits of the first byte of segment N of the loaded crash image.
 * The next crash must then stop in purgatory with a line naming that
 * segment's range, instead of booting a damaged kernel.
 *
 * Only CONFIG_KEXEC_CORRUPT_TEST builds this, and no production kernel
 * should: it writes into the crash region by design.
 */
#define pr_fmt(fmt) "kexec: " fmt

#include <linux/debugfs.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/kexec.h>

#include "internal.h"

static void flip_first_byte(const struct kexec_segment *seg)
{
	struct page *page = boot_pfn_to_page(seg->mem >> PAGE_SHIFT);
	u8 *p = kmap_local_page(page);

	p[0] ^= 0xff;
	kunmap_local(p);
}

static int corrupt_locked(u64 n)
{
	struct kimage *image = kexec_crash_image;

	if (!image)
		return -ENOENT;
	if (n >= image->nr_segments || !image->segment[n].memsz)
		return -EINVAL;
	arch_kexec_unprotect_crashkres();
	flip_first_byte(&image->segment[n]);
	arch_kexec_protect_crashkres();
	pr_warn("test: flipped the first byte of crash segment %llu at %#lx\n",
		n, image->segment[n].mem);
	return 0;
}

static int corrupt_set(void *data, u64 n)
{
	int ret;

	if (!kexec_lock_try())
		return -EBUSY;
	ret = corrupt_locked(n);
	kexec_lock_drop();
	return ret;
}

DEFINE_DEBUGFS_ATTRIBUTE(corrupt_fops, NULL, corrupt_set, "%llu\n");

static int __init corrupt_test_init(void)
{
	struct dentry *dir = debugfs_create_dir("kexec", NULL);

	debugfs_create_file_unsafe("corrupt_crash_segment", 0200, dir, NULL,
				   &corrupt_fops);
	return 0;
}
late_initcall(corrupt_test_init);
