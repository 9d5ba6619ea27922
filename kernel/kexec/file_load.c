// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: kexec_file_load()
 *
 * kexec_file_load(kernel_fd, initrd_fd, cmdline_len, cmdline, flags)
 * loads a kernel from files instead of from a segment list, so the kernel
 * itself decides what goes where and can check what it loads (signatures,
 * lockdown, digests in purgatory).  The order of business:
 *
 * 1. Permission: CAP_SYS_BOOT and loading not disabled (-EPERM), then the
 *    flags (-EINVAL).  KEXEC_FILE_UNLOAD unloads and stops here.
 * 2. The kernel file is read whole (kernel_read_file(), which applies
 *    the LSM and IMA hooks): -EBADF for a bad or write-only descriptor,
 *    -EINVAL for an empty or non-regular file, -ETXTBSY for a file open
 *    for writing, -EFBIG beyond 4 GiB.
 * 3. A loader of the architecture's table recognises it (-ENOEXEC),
 *    through arch_kexec_kernel_image_probe(), which on ppc64 also notes
 *    the memory no buffer may use.
 * 4. Signature and lockdown (sig_policy.c): a kernel without a valid
 *    signature is refused when one is required (the verifier's error),
 *    and, whatever the configuration, while the kernel is locked down
 *    (-EPERM), unless IMA appraises the file's signature itself.
 * 5. The initrd, unless KEXEC_FILE_NO_INITRAMFS, as in step 2.
 * 6. The command line: at most COMMAND_LINE_SIZE bytes (-EINVAL), readable
 *    (-EFAULT) and NUL-terminated (-EINVAL).
 * 7. With CONFIG_IMA_KEXEC, IMA places a copy of its measurement list
 *    as a segment first (ima_add_kexec_buffer(); a list it cannot pass
 *    on is logged and left behind, as upstream does).  Then the loader
 *    builds the image: its buffers are placed (place.c), a crash image
 *    gets its ELF core header, the architecture adds what it needs (boot
 *    parameters that say where the measurement list is, purgatory,
 *    device tree).  Where the purgatory is an ELF object (purgatory.c),
 *    the core then stores the segments' digests in it.
 * 8. kexec_commit() (commit.c), the transaction kexec_load() shares.
 *
 * From step 2 on, the files, the command line and the loader's data
 * belong to the image; kimage_file_release() frees them once the
 * segments have been copied, or with an image that is refused.
 *
 * Steps 2-7 run without the kexec lock: a crash while a large file is
 * being read still finds the capture kernel that was loaded before, and a
 * refusal at any step leaves it loaded.
 */
#define pr_fmt(fmt) "kexec: " fmt

#include <linux/capability.h>
#include <linux/ima.h>
#include <linux/kernel_read_file.h>
#include <linux/kexec.h>
#include <linux/kexec_ima.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/vmalloc.h>

#include <asm/setup.h>

#include "internal.h"

#define KEXEC_FILE_FLAGS \
	(KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH | KEXEC_FILE_NO_INITRAMFS)

/* The largest kernel or initrd file read, as in 6.1.y. */
#define KEXEC_FILE_SIZE_MAX	min_t(s64, 4LL << 30, SSIZE_MAX)

static int check_call(unsigned long flags)
{
	int ret = kexec_check_caller();

	if (ret)
		return ret;
	if (flags & ~KEXEC_FILE_FLAGS) {
		pr_warn_ratelimited("refused: unknown flags %#lx\n",
				    flags & ~KEXEC_FILE_FLAGS);
		return -EINVAL;
	}
	return 0;
}

static int read_file(int fd, void **buf, unsigned long *len,
		     enum kernel_read_file_id id)
{
	ssize_t n = kernel_read_file_from_fd(fd, 0, buf, KEXEC_FILE_SIZE_MAX,
					     NULL, id);

	if (n < 0) {
		pr_warn_ratelimited("refused: cannot read the %s file: %zd\n",
				    kernel_read_file_id_str(id), n);
		return n;
	}
	*len = n;
	return 0;
}

/**
 * kexec_image_probe_default() - find the loader of a kernel file
 * @image:	the image being loaded
 * @buf:	the kernel file
 * @buf_len:	its length
 *
 * Asks each loader of the architecture's kexec_file_loaders[] in turn and
 * makes the first that recognises the file the image's (``image->fops``).
 * A probe returns -ENOEXEC, quietly, for a file that is not its format,
 * and -EBADMSG for one of its format that is broken, after a line saying
 * how; only a file no loader explained gets the generic line.  This is
 * what arch_kexec_kernel_image_probe() does unless the architecture adds
 * to it.
 *
 * Context: process context.
 * Return: 0, or -ENOEXEC if no loader recognises the file.
 */
int kexec_image_probe_default(struct kimage *image, void *buf,
			      unsigned long buf_len)
{
	const struct kexec_file_ops * const *ops;
	bool explained = false;
	int ret;

	for (ops = kexec_file_loaders; *ops; ops++) {
		ret = (*ops)->probe(buf, buf_len);
		if (!ret) {
			image->fops = *ops;
			return 0;
		}
		explained |= ret == -EBADMSG;
	}
	if (!explained)
		pr_warn_ratelimited("refused: no loader recognises the kernel image\n");
	return -ENOEXEC;
}

static int copy_cmdline(struct kimage *image, const char __user *ucmd,
			unsigned long len)
{
	char *cmdline;

	if (!len)
		return 0;
	if (len > COMMAND_LINE_SIZE) {
		pr_warn_ratelimited("refused: command line of %lu bytes, at most %d\n",
				    len, COMMAND_LINE_SIZE);
		return -EINVAL;
	}
	cmdline = memdup_user(ucmd, len);
	if (IS_ERR(cmdline)) {
		pr_warn_ratelimited("refused: the command line cannot be read\n");
		return PTR_ERR(cmdline);
	}
	image->cmdline_buf = cmdline;
	image->cmdline_buf_len = len;
	if (cmdline[len - 1]) {
		pr_warn_ratelimited("refused: command line not NUL-terminated\n");
		return -EINVAL;
	}
	return 0;
}

/* Steps 2-6 of the DOC block: the files become the image's. */
static int read_input(struct kimage *image, int kernel_fd, int initrd_fd,
		      const char __user *ucmd, unsigned long cmdline_len,
		      unsigned long flags)
{
	int ret = read_file(kernel_fd, &image->kernel_buf,
			    &image->kernel_buf_len, READING_KEXEC_IMAGE);

	if (ret)
		return ret;
	ret = arch_kexec_kernel_image_probe(image, image->kernel_buf,
					    image->kernel_buf_len);
	if (ret)
		return ret;
	ret = kexec_file_check_sig(image->fops, image->kernel_buf,
				   image->kernel_buf_len);
	if (ret)
		return ret;
	if (!(flags & KEXEC_FILE_NO_INITRAMFS)) {
		ret = read_file(initrd_fd, &image->initrd_buf,
				&image->initrd_buf_len, READING_KEXEC_INITRAMFS);
		if (ret)
			return ret;
	}
	ret = copy_cmdline(image, ucmd, cmdline_len);
	if (ret)
		return ret;
	/* IMA measures the command line without its NUL, as in 6.1. */
	if (image->cmdline_buf)
		ima_kexec_cmdline(kernel_fd, image->cmdline_buf,
				  image->cmdline_buf_len - 1);
	return 0;
}

/*
 * Step 7: IMA's measurement list is placed before the loader runs, so
 * the loader can tell the new kernel where it is; the loader places the
 * segments; an ELF purgatory is told.
 */
static int build(struct kimage *image)
{
	void *ldata;

	ima_add_kexec_buffer(image);
	ldata = image->fops->load(image, image->kernel_buf,
				  image->kernel_buf_len, image->initrd_buf,
				  image->initrd_buf_len, image->cmdline_buf,
				  image->cmdline_buf_len);
	if (IS_ERR(ldata))
		return PTR_ERR(ldata);
	image->image_loader_data = ldata;
	return kexec_purgatory_store_digests(image);
}

/**
 * kexec_image_post_load_cleanup_default() - let the loader free its data
 * @image:	an image whose loader has run, or has not
 *
 * Calls the loader's cleanup operation on what its load operation
 * returned, once; arch_kimage_file_post_load_cleanup() calls this after
 * freeing what the architecture itself added to the image.
 *
 * Context: process context.
 * Return: 0, or what the loader's cleanup returns.
 */
int kexec_image_post_load_cleanup_default(struct kimage *image)
{
	void *ldata = image->image_loader_data;

	image->image_loader_data = NULL;
	if (!ldata || !image->fops || !image->fops->cleanup)
		return 0;
	return image->fops->cleanup(ldata);
}

/**
 * kimage_file_release() - free what a kexec_file_load() image needed only
 *			   while it was being built
 * @image:	any image; nothing happens unless it came from
 *		kexec_file_load()
 *
 * The files, the command line, the loader's and the architecture's
 * working data, the purgatory's copy and IMA's copy of its measurement
 * list are needed until the segments are copied into the image.
 * kexec_commit() calls this once they are, and kimage_destroy() for an
 * image that never got that far; a second call finds nothing left to
 * free.
 *
 * Context: process context.
 */
void kimage_file_release(struct kimage *image)
{
	if (!image->file_mode)
		return;
	arch_kimage_file_post_load_cleanup(image);
	kexec_purgatory_release(image);
	kexec_ima_release(image);
	vfree(image->kernel_buf);
	vfree(image->initrd_buf);
	kfree(image->cmdline_buf);
	image->kernel_buf = NULL;
	image->kernel_buf_len = 0;
	image->initrd_buf = NULL;
	image->initrd_buf_len = 0;
	image->cmdline_buf = NULL;
	image->cmdline_buf_len = 0;
}

SYSCALL_DEFINE5(kexec_file_load, int, kernel_fd, int, initrd_fd,
		unsigned long, cmdline_len, const char __user *, cmdline_ptr,
		unsigned long, flags)
{
	struct kimage *image;
	int ret = check_call(flags);

	if (ret)
		return ret;
	if (flags & KEXEC_FILE_UNLOAD)
		return kexec_unload(flags & KEXEC_FILE_ON_CRASH);
	image = kimage_alloc(flags & KEXEC_FILE_ON_CRASH);
	if (IS_ERR(image))
		return PTR_ERR(image);
	image->file_mode = 1;
	ret = read_input(image, kernel_fd, initrd_fd, cmdline_ptr, cmdline_len,
			 flags);
	if (ret)
		goto destroy_image;
	ret = build(image);
	if (ret)
		goto destroy_image;
	/* Step 8: kexec_commit() takes the image over. */
	return kexec_commit(image, KEXEC_BUFS_KERNEL);

destroy_image:
	kimage_destroy(image);
	return ret;
}
