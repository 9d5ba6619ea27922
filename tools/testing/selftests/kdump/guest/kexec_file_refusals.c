// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_refusals - kexec_file_load(2) must refuse bad requests with
 * upstream's errno, and a refused request must not disturb the crash
 * image already loaded.
 *
 * Runs as PID 1's child in a guest booted with crashkernel=64M whose
 * initramfs holds /boot/kernel (a bzImage of the running kernel) and
 * /boot/capture.cpio.gz.  The first case loads those two as the crash
 * image with kexec_file_load().  Each case of the table below then makes
 * one bad request: an unknown flag, kernel descriptors that are not a
 * readable regular file, files that are not a whole bzImage, a bad initrd
 * descriptor, bad command lines, a caller without CAP_SYS_BOOT.  It must
 * fail with its errno, and /sys/kernel/kexec_crash_loaded must still read
 * 1 afterwards; a case that lost the image says so, and the image is
 * loaded again for the next.  The last cases cross the two system calls
 * (each unloads what the other loaded), shrink the crash region through
 * /sys/kernel/kexec_crash_size until the kernel no longer fits, and set
 * the one-way kexec_load_disabled sysctl.  The files the cases need are
 * made under /tmp.  Output is KTAP, through kselftest.h.
 *
 * With --lockdown, the guest was booted with lockdown=integrity: an
 * unsigned kernel is refused with EPERM and, where the kernel was built
 * with KEXEC_SIG (the initramfs then holds two signed copies), a kernel
 * signed with a trusted key loads and one signed with an unknown key is
 * refused with EPERM.
 *
 * Where kexec_file_load() is not built, every case is a SKIP.  On arm64
 * /boot/kernel is an Image, and the two bzImage header cases are replaced
 * by two of the Image header: image_size 0 and the other byte order.
 *
 * Upstream 6.1 frees the loaded crash image before it reads the files, so
 * on the reference kernel (KDUMP_MODE=reference in the environment) a
 * refusal that gave the right errno but lost the image is a SKIP naming
 * that; a wrong errno still fails.  The cases 6.1 does not refuse (a
 * bzImage cut short, which it loads) are not run there, and its load of
 * an unsigned kernel under lockdown (no KEXEC_SIG) is a SKIP too.  Files
 * up to 4 GiB are read, as in 6.1.y; a 5 GiB one is refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <linux/capability.h>
#include <linux/kexec.h>

#include "kselftest.h"
#include "crash_region.h"
#include "kernel_log.h"

#ifndef SYS_kexec_file_load
#ifdef __aarch64__
#define SYS_kexec_file_load	294	/* asm-generic/unistd.h */
#else
#error "no system call number for kexec_file_load"
#endif
#endif

#ifndef __printf
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#endif

#define KERNEL		"/boot/kernel"
#define INITRD		"/boot/capture.cpio.gz"
#define SIGNED		"/boot/kernel-image.signed"	/* a trusted key */
#define UNTRUSTED	"/boot/kernel-image.untrusted"	/* an unknown key */
#define CRASH_LOADED	"/sys/kernel/kexec_crash_loaded"
#define CRASH_SIZE	"/sys/kernel/kexec_crash_size"
#define LOAD_DISABLED	"/proc/sys/kernel/kexec_load_disabled"
#define SCRATCH		"/tmp/kexec_file_refusals"

#define MIB		(1024UL * 1024)
#define GIB		(1024 * MIB)
#define FLAG_UNKNOWN	0x8UL
#define HDRS_OFF	0x202	/* "HdrS" in a bzImage */
#define SYSSIZE_OFF	0x1f4	/* its syssize, a u32 */
#define MAX_OWNED	4
#define HARNESS_ERR	(-2L)	/* a call that could not be made */
#define NOT_BUILT	"kexec_file_load is not built (ENOSYS)"
#define REF_UNLOADS \
	"upstream 6.1 unloads the crash image before it reads the files"
#define NO_SIGNED \
	"no signed kernels in /boot (no KEXEC_SIG): the unsigned case only"
#define REF_LOCKDOWN \
	"6.1 lets an unsigned kexec_file_load through lockdown without KEXEC_SIG"

static const char console_cmdline[] = "console=ttyS0";
static char long_cmdline[2049];	/* 2048 characters and the NUL */
static char page_buf[1 << 16];	/* a crash "image" for kexec_load() */
static long page;

static bool reference;		/* KDUMP_MODE=reference: upstream 6.1 */
static bool image_dirty;	/* a refusal loaded something: reload */
static char setup_why[200];	/* why a case could not be set up */
static char no_image_why[200];	/* why no crash image was loaded */
static char lost_by[512];	/* refusals after which the image was gone */

/* The five arguments of kexec_file_load(), and the descriptors to close. */
struct kfl_args {
	int kernel_fd;
	int initrd_fd;
	unsigned long cmdline_len;
	const char *cmdline;
	unsigned long flags;
	int owned[MAX_OWNED];
	int nr_owned;
};

/**
 * struct kfl_case - one call and what it must do
 * @name:	the KTAP test name
 * @setup:	turns the valid arguments into this case's: 0, or -1 with
 *		setup_why saying why it could not
 * @call:	makes the call: NULL for kexec_file_load() of the arguments
 * @want:	the errno the call must fail with, or 0 if it must succeed
 * @image:	the capture kernel is loaded before the call
 * @loaded:	what kexec_crash_loaded must read after it
 * @not_on_ref:	why upstream 6.1 does not refuse it; not run there
 * @says:	for a refusal several rules give the same errno: the line the
 *		series' kernel logs for the rule that must refuse it (the
 *		reference tree words its refusals differently: not checked)
 */
struct kfl_case {
	const char *name;
	int (*setup)(struct kfl_args *a);
	long (*call)(const struct kfl_args *a);
	int want;
	bool image;
	int loaded;
	const char *not_on_ref;
	const char *says;
};

struct outcome {
	long rc;
	int err;
	int before;
	int after;
	int said;	/* times @says was in the log before the call */
};

static long sys_kexec_file_load(int kernel_fd, int initrd_fd,
				unsigned long cmdline_len, const char *cmd,
				unsigned long flags)
{
	return syscall(SYS_kexec_file_load, kernel_fd, initrd_fd, cmdline_len,
		       cmd, flags);
}

static long kfl(const struct kfl_args *a)
{
	return sys_kexec_file_load(a->kernel_fd, a->initrd_fd, a->cmdline_len,
				   a->cmdline, a->flags);
}

static long kfl_unload(void)
{
	return sys_kexec_file_load(-1, -1, 0, NULL,
				   KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH);
}

static const struct {
	int err;
	const char *name;
} errnames[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EIO, "EIO" },
	{ E2BIG, "E2BIG" }, { ENOEXEC, "ENOEXEC" }, { EBADF, "EBADF" },
	{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" },
	{ EBUSY, "EBUSY" }, { EINVAL, "EINVAL" }, { ETXTBSY, "ETXTBSY" },
	{ EFBIG, "EFBIG" }, { ENOSYS, "ENOSYS" }, { EBADMSG, "EBADMSG" },
	{ EADDRNOTAVAIL, "EADDRNOTAVAIL" }, { EKEYREJECTED, "EKEYREJECTED" },
	{ ENOKEY, "ENOKEY" }, { ENODATA, "ENODATA" }, { ELIBBAD, "ELIBBAD" },
};

static const char *errname(int err)
{
	static char buf[24];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errnames); i++)
		if (errnames[i].err == err)
			return errnames[i].name;
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}

static __printf(3, 4) void append(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

static __printf(1, 2) int fail_setup(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(setup_why, sizeof(setup_why), fmt, ap);
	va_end(ap);
	return -1;
}

static long read_num(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = -1;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

static int crash_loaded(void)
{
	return read_num(CRASH_LOADED);
}

/* Write @s to @path as "echo s > path" does: 0, or the errno. */
static int write_str(const char *path, const char *s)
{
	ssize_t len = strlen(s), n;
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	int err = 0;

	if (fd < 0)
		return errno;
	n = write(fd, s, len);
	if (n != len)
		err = n < 0 ? errno : EIO;
	close(fd);
	return err;
}

/* ---- the arguments of a case ---------------------------------------- */

static int own(struct kfl_args *a, int fd)
{
	if (fd >= 0 && a->nr_owned < MAX_OWNED)
		a->owned[a->nr_owned++] = fd;
	return fd;
}

static void release(struct kfl_args *a)
{
	while (a->nr_owned)
		close(a->owned[--a->nr_owned]);
}

static int open_owned(struct kfl_args *a, const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC, 0600);

	if (fd < 0)
		return fail_setup("open %s: %s", path, strerror(errno));
	return own(a, fd);
}

/* The capture kernel, its initrd and "console=ttyS0", on crash. */
static int valid_args(struct kfl_args *a)
{
	*a = (struct kfl_args) {
		.cmdline = console_cmdline,
		.cmdline_len = sizeof(console_cmdline),
		.flags = KEXEC_FILE_ON_CRASH,
	};
	a->kernel_fd = open_owned(a, KERNEL, O_RDONLY);
	a->initrd_fd = open_owned(a, INITRD, O_RDONLY);
	return a->kernel_fd < 0 || a->initrd_fd < 0 ? -1 : 0;
}

static int use_kernel(struct kfl_args *a, const char *path, int flags)
{
	a->kernel_fd = open_owned(a, path, flags);
	return a->kernel_fd < 0 ? -1 : 0;
}

/* ---- files the cases make --------------------------------------------- */

#define F_WRITE_ONLY	SCRATCH "/write-only"
#define F_FIFO		SCRATCH "/fifo"
#define F_EMPTY		SCRATCH "/empty"
#define F_BUSY		SCRATCH "/kernel-busy"
#define F_SPARSE	SCRATCH "/sparse"
#define F_GARBAGE	SCRATCH "/garbage"
#define F_CUT		SCRATCH "/kernel-64k"
#define F_SYSSIZE	SCRATCH "/kernel-syssize"
#define F_NOSIZE	SCRATCH "/kernel-image-size-0"
#define F_BE		SCRATCH "/kernel-big-endian"

static const char *const scratch_files[] = {
	F_WRITE_ONLY, F_FIFO, F_EMPTY, F_BUSY, F_SPARSE, F_GARBAGE, F_CUT,
	F_SYSSIZE, F_NOSIZE, F_BE,
};

static int copy_fd(int in, int out, size_t limit)
{
	static char buf[1 << 16];
	ssize_t n;

	while (limit) {
		n = read(in, buf, limit < sizeof(buf) ? limit : sizeof(buf));
		if (n <= 0)
			return n < 0 ? -1 : 0;
		if (write(out, buf, n) != n)
			return -1;
		limit -= n;
	}
	return 0;
}

/* Copy the first @limit bytes of @src (all of it, if shorter) to @dst. */
static int copy_file(const char *src, const char *dst, size_t limit)
{
	int in = open(src, O_RDONLY | O_CLOEXEC);
	int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	int ret = in < 0 || out < 0 ? -1 : copy_fd(in, out, limit);

	if (in >= 0)
		close(in);
	if (out >= 0 && close(out))
		ret = -1;
	if (ret)
		return fail_setup("copy %s to %s: %s", src, dst,
				  strerror(errno));
	return 0;
}

/* Make @path @len bytes long: @buf, or a hole if @buf is NULL. */
static int make_file(const char *path, const void *buf, off_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	int ret;

	if (fd < 0)
		return fail_setup("create %s: %s", path, strerror(errno));
	if (buf)
		ret = write(fd, buf, len) == len ? 0 : -1;
	else
		ret = ftruncate(fd, len);
	if (close(fd))
		ret = -1;
	if (ret)
		return fail_setup("fill %s: %s", path, strerror(errno));
	return 0;
}

/* Write @len bytes of @buf at @off of @path, whose bytes at @at are @was. */
static int patch_file(const char *path, off_t off, const void *buf,
		      size_t len, off_t at, const char *was)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	char old[8] = "";
	int ret = -1;

	if (fd < 0)
		return fail_setup("open %s: %s", path, strerror(errno));
	if (pread(fd, old, strlen(was), at) != (ssize_t)strlen(was) ||
	    memcmp(old, was, strlen(was)))
		fail_setup("%s has no \"%s\" at %#lx", path, was, (long)at);
	else if (pwrite(fd, buf, len, off) != (ssize_t)len)
		fail_setup("write %s: %s", path, strerror(errno));
	else
		ret = 0;
	close(fd);
	return ret;
}

/* ---- setups: each changes the valid arguments in one way --------------- */

static int set_unknown_flag(struct kfl_args *a)
{
	a->flags |= FLAG_UNKNOWN;
	return 0;
}

static int set_kernel_minus_one(struct kfl_args *a)
{
	a->kernel_fd = -1;
	return 0;
}

static int set_kernel_closed(struct kfl_args *a)
{
	int fd = open(KERNEL, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || close(fd))
		return fail_setup("open and close %s: %s", KERNEL,
				  strerror(errno));
	a->kernel_fd = fd;
	return 0;
}

static int set_kernel_write_only(struct kfl_args *a)
{
	if (copy_file(KERNEL, F_WRITE_ONLY, SIZE_MAX))
		return -1;
	return use_kernel(a, F_WRITE_ONLY, O_WRONLY);
}

static int set_kernel_directory(struct kfl_args *a)
{
	return use_kernel(a, SCRATCH, O_RDONLY | O_DIRECTORY);
}

static int set_kernel_fifo(struct kfl_args *a)
{
	if (mkfifo(F_FIFO, 0600) && errno != EEXIST)
		return fail_setup("mkfifo %s: %s", F_FIFO, strerror(errno));
	return use_kernel(a, F_FIFO, O_RDONLY | O_NONBLOCK);
}

static int set_kernel_empty(struct kfl_args *a)
{
	if (make_file(F_EMPTY, NULL, 0))
		return -1;
	return use_kernel(a, F_EMPTY, O_RDONLY);
}

/* A copy of the kernel that another descriptor holds open for writing. */
static int set_kernel_busy(struct kfl_args *a)
{
	if (copy_file(KERNEL, F_BUSY, SIZE_MAX) ||
	    open_owned(a, F_BUSY, O_WRONLY) < 0)
		return -1;
	return use_kernel(a, F_BUSY, O_RDONLY);
}

static int set_kernel_sparse(struct kfl_args *a, off_t len)
{
	if (make_file(F_SPARSE, NULL, len))
		return -1;
	return use_kernel(a, F_SPARSE, O_RDONLY);
}

static int set_kernel_5g(struct kfl_args *a)
{
	return set_kernel_sparse(a, 5 * GIB);
}

/* 4 KiB of a fixed pseudo-random sequence: no boot flag, no "HdrS". */
static int set_kernel_garbage(struct kfl_args *a)
{
	unsigned char buf[4096];
	unsigned int x = 2463534242u;
	size_t i;

	for (i = 0; i < sizeof(buf); i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = x;
	}
	if (make_file(F_GARBAGE, buf, sizeof(buf)))
		return -1;
	return use_kernel(a, F_GARBAGE, O_RDONLY);
}

#ifndef __aarch64__
static int set_kernel_cut(struct kfl_args *a)
{
	if (copy_file(KERNEL, F_CUT, 64 * 1024))
		return -1;
	return use_kernel(a, F_CUT, O_RDONLY);
}

/* The whole kernel, whose header claims 0xffffffff * 16 bytes of payload. */
static int set_kernel_syssize(struct kfl_args *a)
{
	static const unsigned char ones[4] = { 0xff, 0xff, 0xff, 0xff };

	if (copy_file(KERNEL, F_SYSSIZE, SIZE_MAX) ||
	    patch_file(F_SYSSIZE, SYSSIZE_OFF, ones, sizeof(ones), HDRS_OFF,
		       "HdrS"))
		return -1;
	return use_kernel(a, F_SYSSIZE, O_RDONLY);
}

#else
/* The arm64 Image header (Documentation/arm64/booting.rst). */
#define IMAGE_SIZE_OFF	0x10	/* image_size, a u64 */
#define IMAGE_FLAGS_OFF	0x18	/* flags; bit 0 set: big-endian */
#define IMAGE_MAGIC_OFF	0x38	/* "ARM\x64" */

/* The whole kernel, with image_size 0 as in kernels before 3.17. */
static int set_image_size_0(struct kfl_args *a)
{
	static const unsigned char zero[8];

	if (copy_file(KERNEL, F_NOSIZE, SIZE_MAX) ||
	    patch_file(F_NOSIZE, IMAGE_SIZE_OFF, zero, sizeof(zero),
		       IMAGE_MAGIC_OFF, "ARM\x64"))
		return -1;
	return use_kernel(a, F_NOSIZE, O_RDONLY);
}

/* The whole kernel, flagged with the byte order it was not built for. */
static int set_image_other_endian(struct kfl_args *a)
{
	int fd = open(KERNEL, O_RDONLY | O_CLOEXEC);
	unsigned char flags;
	bool read_ok = fd >= 0 && pread(fd, &flags, 1, IMAGE_FLAGS_OFF) == 1;

	if (fd >= 0)
		close(fd);
	if (!read_ok)
		return fail_setup("cannot read the flags of %s", KERNEL);
	flags ^= 1;
	if (copy_file(KERNEL, F_BE, SIZE_MAX) ||
	    patch_file(F_BE, IMAGE_FLAGS_OFF, &flags, 1, IMAGE_MAGIC_OFF,
		       "ARM\x64"))
		return -1;
	return use_kernel(a, F_BE, O_RDONLY);
}
#endif

static int set_initrd_minus_one(struct kfl_args *a)
{
	a->initrd_fd = -1;
	return 0;
}

static int set_cmdline_no_nul(struct kfl_args *a)
{
	a->cmdline_len = strlen(console_cmdline);
	return 0;
}

static int set_cmdline_unreadable(struct kfl_args *a)
{
	a->cmdline = (const char *)1;
	a->cmdline_len = 16;
	return 0;
}

static int set_cmdline_2049(struct kfl_args *a)
{
	memset(long_cmdline, 'x', sizeof(long_cmdline) - 1);
	a->cmdline = long_cmdline;
	a->cmdline_len = sizeof(long_cmdline);
	return 0;
}

#ifndef __aarch64__
/* 2047 characters: the core takes them, the x86 loader's prefix does not. */
static int set_cmdline_2048(struct kfl_args *a)
{
	set_cmdline_2049(a);
	long_cmdline[sizeof(long_cmdline) - 2] = 0;
	a->cmdline_len = sizeof(long_cmdline) - 1;
	return 0;
}
#endif

static int set_unload(struct kfl_args *a)
{
	a->kernel_fd = -1;
	a->initrd_fd = -1;
	a->cmdline = NULL;
	a->cmdline_len = 0;
	a->flags = KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH;
	return 0;
}

/* A one-page crash image loaded with kexec_load(), to be unloaded. */
static int set_kexec_load_image(struct kfl_args *a)
{
	unsigned long start, end;
	struct kexec_segment s = {
		.buf = page_buf, .bufsz = page,
		.memsz = page,
	};

	if (crash_region(&start, &end))
		return fail_setup("no \"Crash kernel\" region in /proc/iomem");
	s.mem = (void *)start;
	if (syscall(SYS_kexec_load, start, 1UL, &s,
		    (unsigned long)KEXEC_ON_CRASH))
		return fail_setup("kexec_load of one page: %s",
				  errname(errno));
	if (crash_loaded() != 1)
		return fail_setup("kexec_crash_loaded is %d after kexec_load",
				  crash_loaded());
	return set_unload(a);
}

static int set_nothing_loaded(struct kfl_args *a)
{
	if (crash_loaded() != 0)
		return fail_setup("kexec_crash_loaded reads %d, not 0",
				  crash_loaded());
	return set_unload(a);
}

/* Shrink the crash region to @size bytes; nothing may be loaded. */
static int shrink_region(unsigned long size)
{
	char buf[32];
	int err;

	snprintf(buf, sizeof(buf), "%lu", size);
	err = write_str(CRASH_SIZE, buf);
	if (err)
		return fail_setup("writing %s to %s: %s", buf, CRASH_SIZE,
				  errname(err));
	if (read_num(CRASH_SIZE) != (long)size)
		return fail_setup("%s reads %ld after writing %s", CRASH_SIZE,
				  read_num(CRASH_SIZE), buf);
	return 0;
}

static int set_region_4m(struct kfl_args *a)
{
	(void)a;
	return shrink_region(4 * MIB);
}

static int set_region_empty(struct kfl_args *a)
{
	(void)a;
	return shrink_region(0);
}

/* One-way: the last case. */
static int set_load_disabled(struct kfl_args *a)
{
	int err = write_str(LOAD_DISABLED, "1");

	(void)a;
	if (err)
		return fail_setup("writing 1 to %s: %s", LOAD_DISABLED,
				  errname(err));
	return 0;
}

/* ---- calls other than kexec_file_load() of the arguments --------------- */

/* Drop CAP_SYS_BOOT from the effective set: 0 or -1. */
static int drop_cap_sys_boot(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -1;
	data[0].effective &= ~(1U << CAP_SYS_BOOT);
	return syscall(SYS_capset, &hdr, data) ? -1 : 0;
}

/* The call from a child without CAP_SYS_BOOT; its errno is its status. */
static long call_without_cap(const struct kfl_args *a)
{
	int status = 0;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (drop_cap_sys_boot())
			_exit(255);
		_exit(kfl(a) ? errno : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
		fail_setup("the child did not run or exit");
		return HARNESS_ERR;
	}
	if (WEXITSTATUS(status) == 255) {
		fail_setup("capget/capset failed in the child");
		return HARNESS_ERR;
	}
	errno = WEXITSTATUS(status);
	return errno ? -1 : 0;
}

static long call_kexec_load_unload(const struct kfl_args *a)
{
	(void)a;
	return syscall(SYS_kexec_load, 0UL, 0UL, NULL,
		       (unsigned long)KEXEC_ON_CRASH);
}

/* ---- the cases ---------------------------------------------------------- */

#define REFUSAL(n, s, e)	{ .name = n, .setup = s, .want = e, \
				  .image = true, .loaded = 1 }
#define REFUSAL_NOT_ON_REF(n, s, e, why) \
				{ .name = n, .setup = s, .want = e, \
				  .image = true, .loaded = 1, \
				  .not_on_ref = why }
#define REFUSAL_SAYING(n, s, e, line) \
				{ .name = n, .setup = s, .want = e, \
				  .image = true, .loaded = 1, .says = line }

/* Where 6.1 differs on arm64 only, by a deviation kdump.rst documents. */
#ifdef __aarch64__
#define ARM64_REF_DIFFERS(why)	why
#else
#define ARM64_REF_DIFFERS(why)	NULL
#endif

static const struct kfl_case cases[] = {
	{ .name = "load_crash_kernel_and_initrd", .loaded = 1 },
	REFUSAL("unknown_flag_0x8_einval", set_unknown_flag, EINVAL),
	REFUSAL("kernel_fd_minus_one_ebadf", set_kernel_minus_one, EBADF),
	REFUSAL("kernel_fd_closed_ebadf", set_kernel_closed, EBADF),
	REFUSAL("kernel_fd_write_only_ebadf", set_kernel_write_only, EBADF),
	REFUSAL("kernel_directory_einval", set_kernel_directory, EINVAL),
	REFUSAL("kernel_fifo_einval", set_kernel_fifo, EINVAL),
	REFUSAL("kernel_empty_file_einval", set_kernel_empty, EINVAL),
	REFUSAL("kernel_open_for_writing_etxtbsy", set_kernel_busy, ETXTBSY),
	REFUSAL("kernel_5g_sparse_file_efbig", set_kernel_5g, EFBIG),
	REFUSAL_NOT_ON_REF("kernel_4k_garbage_enoexec", set_kernel_garbage,
			   ENOEXEC,
			   ARM64_REF_DIFFERS("6.1 refuses it with EINVAL")),
#ifdef __aarch64__
	REFUSAL_NOT_ON_REF("kernel_image_size_0_enoexec", set_image_size_0,
			   ENOEXEC, "6.1 refuses it with EINVAL"),
	REFUSAL_NOT_ON_REF("kernel_other_endian_enoexec",
			   set_image_other_endian, ENOEXEC,
			   "6.1 loads it where the CPU has both byte orders"),
#else
	REFUSAL_NOT_ON_REF("kernel_bzimage_cut_at_64k_enoexec", set_kernel_cut,
			   ENOEXEC, "6.1 loads a bzImage cut short"),
	REFUSAL_NOT_ON_REF("kernel_syssize_past_end_enoexec",
			   set_kernel_syssize, ENOEXEC,
			   "6.1 does not check syssize against the file"),
#endif
	REFUSAL("initrd_fd_minus_one_ebadf", set_initrd_minus_one, EBADF),
	/* The loaders refuse these too: the core's rule must come first. */
	REFUSAL_SAYING("cmdline_not_nul_terminated_einval", set_cmdline_no_nul,
		       EINVAL, "refused: command line not NUL-terminated"),
	REFUSAL("cmdline_unreadable_efault", set_cmdline_unreadable, EFAULT),
	{ .name = "cmdline_2049_bytes_einval", .setup = set_cmdline_2049,
	  .want = EINVAL, .image = true, .loaded = 1,
	  .not_on_ref = ARM64_REF_DIFFERS("6.1 truncates the command line"),
	  .says = "refused: command line of 2049 bytes, at most 2048" },
#ifndef __aarch64__
	/* The capture kernel's command line gets elfcorehdr= in front. */
	REFUSAL_SAYING("cmdline_2048_bytes_and_elfcorehdr_einval",
		       set_cmdline_2048, EINVAL, "the new kernel takes 2047"),
#endif
	{ .name = "without_cap_sys_boot_eperm", .call = call_without_cap,
	  .want = EPERM, .image = true, .loaded = 1 },
	{ .name = "kexec_load_unloads_file_loaded_image",
	  .call = call_kexec_load_unload, .image = true },
	{ .name = "kexec_file_load_unloads_kexec_load_image",
	  .setup = set_kexec_load_image },
	{ .name = "unload_with_nothing_loaded", .setup = set_nothing_loaded },
	{ .name = "crash_region_4m_too_small_eaddrnotavail",
	  .setup = set_region_4m, .want = EADDRNOTAVAIL },
	{ .name = "crash_region_empty_eaddrnotavail",
	  .setup = set_region_empty, .want = EADDRNOTAVAIL },
	{ .name = "kexec_load_disabled_eperm", .setup = set_load_disabled,
	  .want = EPERM },
};

/* ---- running and judging a case ------------------------------------- */

static long load_capture_kernel(void)
{
	struct kfl_args a;
	long rc = valid_args(&a) ? -1 : kfl(&a);
	int err = errno;

	release(&a);
	errno = err;
	return rc;
}

/* Load the capture kernel unless it is loaded: 0, or -1 saying why not. */
static int ensure_loaded(void)
{
	long rc;

	if (image_dirty)
		kfl_unload();
	image_dirty = false;
	if (crash_loaded() == 1)
		return 0;
	rc = load_capture_kernel();
	if (!rc && crash_loaded() == 1)
		return 0;
	snprintf(no_image_why, sizeof(no_image_why),
		 "not judged: no crash image before the call (loading it: %s)",
		 rc ? errname(errno) : "returned 0, not loaded");
	return -1;
}

static void note_lost(const char *name)
{
	if (strlen(lost_by) + strlen(name) + 2 < sizeof(lost_by)) {
		strcat(lost_by, " ");
		strcat(lost_by, name);
	}
}

static void fail(const char *name, const char *why)
{
	ksft_test_result_fail("%s\n", name);
	ksft_print_msg("%s: %s\n", name, why);
}

static bool right_result(const struct kfl_case *c, const struct outcome *o)
{
	if (!c->want)
		return o->rc == 0;
	return o->rc == -1 && o->err == c->want;
}

static void wrong_result(const struct kfl_case *c, const struct outcome *o)
{
	char why[200] = "";

	if (o->rc == -1)
		append(why, sizeof(why), "got %s", errname(o->err));
	else
		append(why, sizeof(why), "returned %ld", o->rc);
	append(why, sizeof(why), ", want %s",
	       c->want ? errname(c->want) : "success");
	if (o->after != c->loaded)
		append(why, sizeof(why), "; kexec_crash_loaded read %d",
		       o->after);
	fail(c->name, why);
}

/* The right errno, but the crash image is not as it must be. */
static void wrong_image(const struct kfl_case *c, const struct outcome *o)
{
	bool refusal = c->want && c->image && c->loaded == 1;
	char why[240];

	if (c->image && o->before != 1) {
		if (reference)
			ksft_test_result_skip("%s: %s\n", c->name,
					      no_image_why);
		else
			fail(c->name, no_image_why);
		return;
	}
	if (refusal && reference) {
		ksft_test_result_skip("%s: %s as expected, but %s\n", c->name,
				      errname(c->want), REF_UNLOADS);
		return;
	}
	snprintf(why, sizeof(why),
		 "%s as expected, but kexec_crash_loaded read %d",
		 c->want ? errname(c->want) : "returned 0", o->after);
	fail(c->name, why);
}

/* The series logged the rule the case names, once more than before. */
static bool said_why(const struct kfl_case *c, const struct outcome *o)
{
	return !c->says || reference || kernel_log_count(c->says) > o->said;
}

static void judge(const struct kfl_case *c, const struct outcome *o)
{
	char why[240];

	if (!right_result(c, o)) {
		wrong_result(c, o);
	} else if (o->after != c->loaded || (c->image && o->before != 1)) {
		wrong_image(c, o);
	} else if (!said_why(c, o)) {
		snprintf(why, sizeof(why), "%s, but the log lacks \"%s\"",
			 errname(c->want), c->says);
		fail(c->name, why);
	} else {
		ksft_test_result_pass("%s\n", c->name);
	}
	if (c->want && c->image && o->before == 1 && o->after != 1)
		note_lost(c->name);
	if (c->want && c->image && !o->rc)
		image_dirty = true;
}

static void setup_error(const char *name)
{
	ksft_test_result_error("%s\n", name);
	ksft_print_msg("%s: could not be set up: %s\n", name, setup_why);
}

static void run_case(const struct kfl_case *c)
{
	struct outcome o = { .before = -1 };
	struct kfl_args a;

	if (reference && c->not_on_ref) {
		ksft_test_result_skip("%s: not run: %s\n", c->name,
				      c->not_on_ref);
		return;
	}
	if (c->image)
		o.before = ensure_loaded() ? 0 : 1;
	if (valid_args(&a) || (c->setup && c->setup(&a))) {
		release(&a);
		setup_error(c->name);
		return;
	}
	o.said = c->says ? kernel_log_count(c->says) : 0;
	o.rc = c->call ? c->call(&a) : kfl(&a);
	o.err = errno;
	release(&a);
	if (o.rc == HARNESS_ERR) {
		setup_error(c->name);
		return;
	}
	o.after = crash_loaded();
	judge(c, &o);
}

/* ---- modes ------------------------------------------------------------ */

/*
 * Booted with lockdown=integrity: a kernel is loaded only with a valid
 * signature.  bench/kernel.sh signs two copies of a kernel built with
 * KEXEC_SIG, one with the build's trusted key and one with a key the
 * kernel does not know; without them only the unsigned case runs.
 */
struct lockdown_case {
	const char *name;
	const char *kernel;
	int want;		/* the errno, or 0: loads */
};

static const struct lockdown_case lockdown_cases[] = {
	{ "lockdown_refuses_unsigned_kernel_eperm", KERNEL, EPERM },
	{ "lockdown_loads_signed_kernel", SIGNED, 0 },
	{ "lockdown_refuses_untrusted_signature_eperm", UNTRUSTED, EPERM },
};

static bool have_signed_kernels(void)
{
	return !access(SIGNED, R_OK) && !access(UNTRUSTED, R_OK);
}

static size_t nr_lockdown_cases(void)
{
	return have_signed_kernels() ? ARRAY_SIZE(lockdown_cases) : 1;
}

static long load_kernel_file(const char *path)
{
	struct kfl_args a;
	long rc = -1;
	int err;

	if (!valid_args(&a) && !use_kernel(&a, path, O_RDONLY))
		rc = kfl(&a);
	err = errno;
	release(&a);
	errno = err;
	return rc;
}

static void run_lockdown_case(const struct lockdown_case *c)
{
	long rc = load_kernel_file(c->kernel);
	int err = errno, loaded = crash_loaded();
	char why[160];

	if (!rc)
		kfl_unload();
	if (c->want ? rc == -1 && err == c->want : !rc && loaded == 1) {
		ksft_test_result_pass("%s\n", c->name);
		return;
	}
	if (!rc && c->want && reference && !strcmp(c->kernel, KERNEL)) {
		ksft_test_result_skip("%s: %s\n", c->name, REF_LOCKDOWN);
		return;
	}
	snprintf(why, sizeof(why), "%s%s, want %s",
		 rc ? "got " : "returned 0",
		 rc ? errname(err) : loaded == 1 ? "" : " and nothing loaded",
		 c->want ? errname(c->want) : "the kernel loaded");
	fail(c->name, why);
}

static void test_lockdown(void)
{
	size_t i;

	if (!have_signed_kernels())
		ksft_print_msg("%s\n", NO_SIGNED);
	for (i = 0; i < nr_lockdown_cases(); i++)
		run_lockdown_case(&lockdown_cases[i]);
}

static void skip_all(bool lockdown)
{
	size_t i;

	if (lockdown) {
		for (i = 0; i < nr_lockdown_cases(); i++)
			ksft_test_result_skip("%s: %s\n",
					      lockdown_cases[i].name, NOT_BUILT);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		ksft_test_result_skip("%s: %s\n", cases[i].name, NOT_BUILT);
}

/* An unknown flag is refused before anything is done, unless ENOSYS. */
static bool kexec_file_load_built(void)
{
	return sys_kexec_file_load(-1, -1, 0, NULL, FLAG_UNKNOWN) == 0 ||
	       errno != ENOSYS;
}

static void make_scratch(void)
{
	if (mkdir("/tmp", 01777) && errno != EEXIST)
		ksft_exit_fail_msg("mkdir /tmp: %s\n", strerror(errno));
	if (mkdir(SCRATCH, 0700) && errno != EEXIST)
		ksft_exit_fail_msg("mkdir %s: %s\n", SCRATCH, strerror(errno));
}

static void remove_scratch(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(scratch_files); i++)
		unlink(scratch_files[i]);
	rmdir(SCRATCH);
}

static void run_all(void)
{
	size_t i;

	make_scratch();
	ksft_print_msg("crash kernel region: %ld bytes\n",
		       read_num(CRASH_SIZE));
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		run_case(&cases[i]);
	if (lost_by[0])
		ksft_print_msg("the crash image was gone after:%s\n", lost_by);
	remove_scratch();
}

int main(int argc, char **argv)
{
	const char *mode = getenv("KDUMP_MODE");
	bool lockdown = argc > 1 && !strcmp(argv[1], "--lockdown");
	bool built = kexec_file_load_built();

	setvbuf(stdout, NULL, _IOLBF, 0);
	reference = mode && !strcmp(mode, "reference");
	page = sysconf(_SC_PAGESIZE);
	ksft_print_header();
	if (argc > 2 || (argc > 1 && !lockdown))
		ksft_exit_fail_msg("usage: %s [--lockdown]\n", argv[0]);
	ksft_set_plan(lockdown ? nr_lockdown_cases() : ARRAY_SIZE(cases));
	if (!built)
		skip_all(lockdown);
	else if (lockdown)
		test_lockdown();
	else
		run_all();
	ksft_finished();
}
