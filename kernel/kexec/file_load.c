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
 * 3. A loader of the architecture's table recognises it (-ENOEXEC).
 * 4. Signature and lockdown (sig_policy.c): a kernel without a valid
 *    signature is refused when one is required (the verifier's error),
 *    and, whatever the configuration, while the kernel is locked down
 *    (-EPERM), unless IMA appraises the file's signature itself.
 * 5. The initrd, unless KEXEC_FILE_NO_INITRAMFS, as in step 2.
 * 6. The command line: at most COMMAND_LINE_SIZE bytes (-EINVAL), readable
 *    (-EFAULT) and NUL-terminated (-EINVAL).
 * 7. The loader builds the image: its buffers are placed (place.c), a
 *    crash image gets its ELF core header, the architecture adds what it
 *    needs (boot parameters, purgatory, device tree).
 * 8. kexec_commit() (commit.c), the transaction kexec_load() shares.
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
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/vmalloc.h>

#include <asm/setup.h>

#include "internal.h"

#define KEXEC_FILE_FLAGS \
	(KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH | KEXEC_FILE_NO_INITRAMFS)

/* The largest kernel or initrd file read, as in 6.1.y. */
#define KEXEC_FILE_SIZE_MAX	min_t(s64, 4LL << 30, SSIZE_MAX)

/**
 * struct kexec_file_input - what kexec_file_load() was given, read in
 * @kernel:	the kernel file
 * @kernel_len:	its length
 * @initrd:	the initrd file, or NULL
 * @initrd_len:	its length
 * @cmdline:	the command line, NUL-terminated, or NULL
 * @cmdline_len: its length, the NUL included
 * @ops:	the loader that recognised @kernel
 */
struct kexec_file_input {
	void *kernel;
	size_t kernel_len;
	void *initrd;
	size_t initrd_len;
	char *cmdline;
	unsigned long cmdline_len;
	const struct kexec_file_ops *ops;
};

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

static int read_file(int fd, void **buf, size_t *len,
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

/*
 * A probe returns -ENOEXEC, quietly, for a file that is not its format,
 * and -EBADMSG for one of its format that is broken, after a line saying
 * how; only a file no loader explained gets the generic line.
 */
static int find_loader(struct kexec_file_input *in)
{
	const struct kexec_file_ops * const *ops;
	bool explained = false;
	int ret;

	for (ops = kexec_file_loaders; *ops; ops++) {
		ret = (*ops)->probe(in->kernel, in->kernel_len);
		if (!ret) {
			in->ops = *ops;
			return 0;
		}
		explained |= ret == -EBADMSG;
	}
	if (!explained)
		pr_warn_ratelimited("refused: no loader recognises the kernel image\n");
	return -ENOEXEC;
}

static int copy_cmdline(struct kexec_file_input *in, const char __user *ucmd,
			unsigned long len)
{
	if (!len)
		return 0;
	if (len > COMMAND_LINE_SIZE) {
		pr_warn_ratelimited("refused: command line of %lu bytes, at most %d\n",
				    len, COMMAND_LINE_SIZE);
		return -EINVAL;
	}
	in->cmdline = memdup_user(ucmd, len);
	if (IS_ERR(in->cmdline)) {
		pr_warn_ratelimited("refused: the command line cannot be read\n");
		return PTR_ERR(in->cmdline);
	}
	in->cmdline_len = len;
	if (in->cmdline[len - 1]) {
		pr_warn_ratelimited("refused: command line not NUL-terminated\n");
		return -EINVAL;
	}
	return 0;
}

/* Steps 2-6 of the DOC block. */
static int read_input(struct kexec_file_input *in, int kernel_fd,
		      int initrd_fd, const char __user *ucmd,
		      unsigned long cmdline_len, unsigned long flags)
{
	int ret = read_file(kernel_fd, &in->kernel, &in->kernel_len,
			    READING_KEXEC_IMAGE);

	if (ret)
		return ret;
	ret = find_loader(in);
	if (ret)
		return ret;
	ret = kexec_file_check_sig(in->ops, in->kernel, in->kernel_len);
	if (ret)
		return ret;
	if (!(flags & KEXEC_FILE_NO_INITRAMFS)) {
		ret = read_file(initrd_fd, &in->initrd, &in->initrd_len,
				READING_KEXEC_INITRAMFS);
		if (ret)
			return ret;
	}
	ret = copy_cmdline(in, ucmd, cmdline_len);
	if (ret)
		return ret;
	/* IMA measures the command line without its NUL, as in 6.1. */
	if (in->cmdline)
		ima_kexec_cmdline(kernel_fd, in->cmdline, in->cmdline_len - 1);
	return 0;
}

static void free_input(struct kexec_file_input *in)
{
	vfree(in->kernel);
	vfree(in->initrd);
	if (!IS_ERR(in->cmdline))
		kfree(in->cmdline);
}

/* Steps 7 and 8. */
static int load(struct kexec_file_input *in, unsigned long flags)
{
	struct kimage *image = kimage_alloc(flags & KEXEC_FILE_ON_CRASH);
	void *ldata;
	int ret;

	if (IS_ERR(image))
		return PTR_ERR(image);
	image->file_mode = 1;
	ldata = in->ops->load(image, in->kernel, in->kernel_len, in->initrd,
			      in->initrd_len, in->cmdline, in->cmdline_len);
	if (IS_ERR(ldata)) {
		kimage_destroy(image);
		return PTR_ERR(ldata);
	}
	ret = kexec_commit(image);
	if (in->ops->cleanup)
		in->ops->cleanup(ldata);
	return ret;
}

SYSCALL_DEFINE5(kexec_file_load, int, kernel_fd, int, initrd_fd,
		unsigned long, cmdline_len, const char __user *, cmdline_ptr,
		unsigned long, flags)
{
	struct kexec_file_input in = { };
	int ret = check_call(flags);

	if (ret)
		return ret;
	if (flags & KEXEC_FILE_UNLOAD)
		return kexec_unload(flags & KEXEC_FILE_ON_CRASH);
	ret = read_input(&in, kernel_fd, initrd_fd, cmdline_ptr, cmdline_len,
			 flags);
	if (ret)
		goto free_files;
	ret = load(&in, flags);
free_files:
	free_input(&in);
	return ret;
}
