// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_refusals - kexec_load(2) must refuse bad requests with upstream's
 * errno, and a refused request must not disturb the image already loaded.
 *
 * Runs as PID 1's child in a guest booted with crashkernel=.  It loads a
 * one-page crash "image" into the reserved region, then tries every bad
 * request below; before each one the image is (re)loaded, and after it
 * /sys/kernel/kexec_crash_loaded must still read 1.  The last cases unload
 * the image, shrink the region through /sys/kernel/kexec_crash_size, drop
 * CAP_SYS_BOOT, and finally set the one-way kexec_load_disabled sysctl.
 * Output is KTAP.
 *
 * With --lockdown, the guest was booted with lockdown=integrity and the
 * only case is that kexec_load is refused with EPERM.
 *
 * With --machine=NAME, the guest runs on a machine whose kernel cannot
 * hand over to a normal image: "spin-table" (a CPU parked by an enable
 * method that cannot take it offline again) or "pkvm" (protected KVM
 * keeps EL2).  A normal image must be refused with EBUSY, the kernel must
 * say why, and a crash image must still load.
 *
 * Upstream 6.1 frees the loaded crash image before it validates a new one,
 * so on the reference kernel (KDUMP_MODE=reference in the environment) the
 * keep-the-loaded-image case is reported as a SKIP naming that behaviour.
 *
 * Output is KTAP through kselftest.h; each mode sets its plan from the
 * cases it has, and exits non-zero when a case failed or the count of
 * cases run differs from the plan.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/capability.h>
#include <linux/kexec.h>

#include "kselftest.h"
#include "kernel_log.h"

#define PAGE		4096UL
#define CAP_BOOT	22	/* CAP_SYS_BOOT */

static unsigned long crash_start, crash_end;	/* inclusive, from iomem */
static char page_buf[PAGE];
static char lost_by[512];	/* refused calls that unloaded the image */

static long kexec_load(unsigned long entry, unsigned long nr,
		       struct kexec_segment *segs, unsigned long flags)
{
	return syscall(SYS_kexec_load, entry, nr, segs, flags);
}

static int read_flag(const char *path)
{
	FILE *f = fopen(path, "r");
	int v = -1;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

static int write_str(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (!f)
		return -1;
	ok = fputs(s, f) >= 0;
	return (fclose(f) == 0 && ok) ? 0 : -1;
}

static int find_crash_region(void)
{
	char line[256];
	FILE *f = fopen("/proc/iomem", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strstr(line, ": Crash kernel"))
			continue;
		if (sscanf(line, " %lx-%lx", &crash_start, &crash_end) == 2)
			break;
	}
	fclose(f);
	return crash_end > crash_start ? 0 : -1;
}

static void report(int ok, const char *name, const char *why)
{
	if (!ok && why)
		ksft_print_msg("%s: %s\n", name, why);
	ksft_test_result(ok, "%s\n", name);
	fflush(stdout);
}

/* A case that cannot be judged here; counted as skipped, never passed. */
static void skip(const char *name, const char *why)
{
	ksft_test_result_skip("%s: %s\n", name, why);
	fflush(stdout);
}

/* One page at @mem of @len bytes, with @bufsz bytes of data. */
static struct kexec_segment seg(unsigned long mem, unsigned long len,
				unsigned long bufsz)
{
	struct kexec_segment s = {
		.buf = page_buf, .bufsz = bufsz,
		.mem = (void *)mem, .memsz = len,
	};

	return s;
}

/*
 * x86_64's relocation page table maps all RAM with pages of the crash
 * region, so the room a crash image must leave grows with the machine.
 */
#ifdef __x86_64__
#define TABLES_GROW_WITH_RAM	1
#else
#define TABLES_GROW_WITH_RAM	0
#endif

/* Load the one-page crash image unless it is loaded already. */
static int ensure_loaded(void)
{
	struct kexec_segment s = seg(crash_start, PAGE, PAGE);

	if (read_flag("/sys/kernel/kexec_crash_loaded") == 1)
		return 0;
	return kexec_load(crash_start, 1, &s, KEXEC_ON_CRASH) ? -1 : 0;
}

/* A refused call: check its errno, and note if it lost the image. */
static void expect_refusal(const char *name, long rc, int want)
{
	char why[160];
	int err = errno;

	if (read_flag("/sys/kernel/kexec_crash_loaded") != 1 &&
	    strlen(lost_by) + strlen(name) + 2 < sizeof(lost_by)) {
		strcat(lost_by, " ");
		strcat(lost_by, name);
	}
	snprintf(why, sizeof(why), "returned %ld errno %d (%s), want %d (%s)",
		 rc, rc == -1 ? err : 0, rc == -1 ? strerror(err) : "-",
		 want, strerror(want));
	report(rc == -1 && err == want, name, why);
	ensure_loaded();
}

static void test_kept_loaded_image(void)
{
	const char *mode = getenv("KDUMP_MODE");
	char why[600];

	if (!lost_by[0]) {
		report(1, "refused_calls_keep_loaded_image", NULL);
		return;
	}
	if (mode && !strcmp(mode, "reference")) {
		snprintf(why, sizeof(why),
			 "upstream 6.1 frees the loaded image first; lost by:%s",
			 lost_by);
		skip("refused_calls_keep_loaded_image", why);
		return;
	}
	snprintf(why, sizeof(why), "the loaded crash image was lost by:%s",
		 lost_by);
	report(0, "refused_calls_keep_loaded_image", why);
}

static void test_valid_load(void)
{
	struct kexec_segment s = seg(crash_start, PAGE, PAGE);
	long rc = kexec_load(crash_start, 1, &s, KEXEC_ON_CRASH);
	char why[96];

	snprintf(why, sizeof(why), "rc %ld errno %d, kexec_crash_loaded %d",
		 rc, errno, read_flag("/sys/kernel/kexec_crash_loaded"));
	report(rc == 0 && read_flag("/sys/kernel/kexec_crash_loaded") == 1,
	       "load_one_page_crash_image", why);
}

static void test_bad_requests(void)
{
	unsigned long base = crash_start;
	struct kexec_segment s[KEXEC_SEGMENT_MAX + 1];
	int i;

	for (i = 0; i <= KEXEC_SEGMENT_MAX; i++)
		s[i] = seg(base + i * PAGE, PAGE, PAGE);
	expect_refusal("too_many_segments",
		       kexec_load(base, KEXEC_SEGMENT_MAX + 1, s,
				  KEXEC_ON_CRASH), EINVAL);

	expect_refusal("unknown_flag_bit",
		       kexec_load(base, 1, s, KEXEC_ON_CRASH | 0x8), EINVAL);

	expect_refusal("unknown_architecture",
		       kexec_load(base, 1, s, KEXEC_ON_CRASH | (99 << 16)),
		       EINVAL);

	s[1] = seg(base, PAGE, PAGE);
	expect_refusal("overlapping_segments",
		       kexec_load(base, 2, s, KEXEC_ON_CRASH), EINVAL);

	s[0] = seg(base, PAGE, 2 * PAGE);
	expect_refusal("bufsz_larger_than_memsz",
		       kexec_load(base, 1, s, KEXEC_ON_CRASH), EINVAL);

	s[0] = seg(base + 512, PAGE, PAGE);
	expect_refusal("segment_not_page_aligned",
		       kexec_load(base, 1, s, KEXEC_ON_CRASH), EADDRNOTAVAIL);

	s[0] = seg(base, PAGE + 100, PAGE);
	expect_refusal("segment_size_not_page_multiple",
		       kexec_load(base, 1, s, KEXEC_ON_CRASH), EADDRNOTAVAIL);

	s[0] = seg(-PAGE, 2 * PAGE, PAGE);
	expect_refusal("segment_wraps_address_space",
		       kexec_load(base, 1, s, KEXEC_ON_CRASH), EADDRNOTAVAIL);

	/* The entry point is inside, so only the segment's rule applies. */
	s[0] = seg(crash_end + 1, PAGE, PAGE);
	expect_refusal("crash_segment_outside_reservation",
		       kexec_load(base, 1, s, KEXEC_ON_CRASH), EADDRNOTAVAIL);

	s[0] = seg(base, PAGE, PAGE);
	expect_refusal("crash_entry_outside_reservation",
		       kexec_load(crash_end + 1, 1, s, KEXEC_ON_CRASH),
		       EADDRNOTAVAIL);

	expect_refusal("segment_list_unreadable",
		       kexec_load(base, 1, (void *)8, KEXEC_ON_CRASH), EFAULT);

	s[0] = seg(base, PAGE, PAGE);
	s[0].buf = (void *)8;
	expect_refusal("segment_buffer_unreadable",
		       kexec_load(base, 1, s, KEXEC_ON_CRASH), EFAULT);
}

/*
 * A normal (not crash) image whose entry point lies in no segment.  The
 * series refuses it; upstream 6.1 loads it, so on the reference kernel
 * the load is undone and the case reported as a SKIP.
 */
static void test_entry_outside_segments(void)
{
	struct kexec_segment s = seg(crash_start, PAGE, PAGE);
	const char *mode = getenv("KDUMP_MODE");
	long rc = kexec_load(crash_start + 2 * PAGE, 1, &s, 0);

	if (rc == 0 && mode && !strcmp(mode, "reference")) {
		kexec_load(0, 0, NULL, 0);
		skip("entry_outside_every_segment",
		     "upstream 6.1 loads such an image");
		return;
	}
	expect_refusal("entry_outside_every_segment", rc, EADDRNOTAVAIL);
	if (rc == 0)
		kexec_load(0, 0, NULL, 0);
}

static void test_unload(void)
{
	long rc = kexec_load(0, 0, NULL, KEXEC_ON_CRASH);

	report(rc == 0 && read_flag("/sys/kernel/kexec_crash_loaded") == 0,
	       "unload_with_zero_segments", "crash image still loaded");
}

/*
 * The segment rules keep 32 pages of the region free for a crash image's
 * control pages, and x86_64 adds what its page table for this machine
 * may take.  So there an image that leaves exactly 32 pages is refused
 * with ENOMEM, before the loaded one is touched, and one that leaves 64
 * more loads on this small guest; elsewhere the 32 pages are enough.
 * Upstream 6.1 has no such rule.
 */
static void test_control_room(void)
{
	unsigned long size = crash_end - crash_start + 1;
	const char *mode = getenv("KDUMP_MODE");
	struct kexec_segment s = seg(crash_start, size - 32 * PAGE, PAGE);
	char why[160];
	long rc;
	int err;

	ensure_loaded();
	rc = kexec_load(crash_start, 1, &s, KEXEC_ON_CRASH);
	err = errno;
	if (!TABLES_GROW_WITH_RAM) {
		snprintf(why, sizeof(why), "returned %ld errno %d", rc,
			 rc ? err : 0);
		report(rc == 0, "crash_image_leaving_32_pages_loads", why);
		return;
	}
	if (rc == 0 && mode && !strcmp(mode, "reference")) {
		skip("crash_page_tables_need_more_than_32_pages",
		     "upstream 6.1 keeps no room for them");
	} else {
		errno = err;
		expect_refusal("crash_page_tables_need_more_than_32_pages",
			       rc, ENOMEM);
	}
	s = seg(crash_start, size - 96 * PAGE, PAGE);
	rc = kexec_load(crash_start, 1, &s, KEXEC_ON_CRASH);
	err = errno;
	snprintf(why, sizeof(why), "returned %ld errno %d", rc,
		 rc ? err : 0);
	report(rc == 0, "crash_page_tables_fit_in_96_pages", why);
}

/* Write @val to /sys/kernel/kexec_crash_size; 0 or the errno of write(). */
static int write_crash_size(unsigned long val)
{
	char buf[32];
	int fd = open("/sys/kernel/kexec_crash_size", O_WRONLY);
	int len = snprintf(buf, sizeof(buf), "%lu", val);
	int err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, buf, len) != len)
		err = errno;
	close(fd);
	return err;
}

/*
 * kexec_crash_size shrinks the region, but not while a crash image lives
 * in it (ENOENT).  Shrinking by 1 MiB keeps the start and the first page
 * the remaining cases load into.
 */
static void test_shrink(void)
{
	unsigned long size = crash_end - crash_start + 1;
	char why[96];
	int err;

	ensure_loaded();
	err = write_crash_size(size - 0x100000);
	snprintf(why, sizeof(why), "write gave errno %d, want %d (ENOENT)",
		 err, ENOENT);
	report(err == ENOENT, "crash_size_not_shrunk_while_loaded", why);
	kexec_load(0, 0, NULL, KEXEC_ON_CRASH);
	err = write_crash_size(size - 0x100000);
	snprintf(why, sizeof(why), "write gave errno %d, size now %d",
		 err, read_flag("/sys/kernel/kexec_crash_size"));
	report(err == 0 && read_flag("/sys/kernel/kexec_crash_size") ==
	       (int)(size - 0x100000), "crash_size_shrinks_after_unload", why);
}

/*
 * A size larger than the region is EINVAL, ULONG_MAX too, which rounding
 * up to the region's alignment would wrap to 0.  Upstream 6.1 rounds
 * first and frees the whole region; on the reference kernel that case is
 * a SKIP, run last but one: the kexec_load_disabled case after it is
 * refused before any region is looked at.
 */
static void test_shrink_huge(void)
{
	const char *mode = getenv("KDUMP_MODE");
	int before = read_flag("/sys/kernel/kexec_crash_size");
	int err = write_crash_size(-1UL), after;
	char why[96];

	after = read_flag("/sys/kernel/kexec_crash_size");
	snprintf(why, sizeof(why), "write gave errno %d, size %d, was %d",
		 err, after, before);
	if (err != EINVAL && after == 0 && mode &&
	    !strcmp(mode, "reference")) {
		skip("crash_size_ulong_max_einval",
		     "upstream 6.1 rounds ULONG_MAX up to 0 and frees the region");
		return;
	}
	report(err == EINVAL && after == before && before > 0,
	       "crash_size_ulong_max_einval", why);
}

/* Drop CAP_SYS_BOOT from the effective set; 0 or -1. */
static int drop_cap_sys_boot(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -1;
	data[0].effective &= ~(1U << CAP_BOOT);
	return syscall(SYS_capset, &hdr, data) ? -1 : 0;
}

/* A child without CAP_SYS_BOOT in its effective set is refused. */
static void test_no_cap_sys_boot(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		if (drop_cap_sys_boot())
			_exit(2);
		if (kexec_load(0, 0, NULL, KEXEC_ON_CRASH) != -1)
			_exit(4);
		_exit(errno == EPERM ? 0 : 5);
	}
	waitpid(pid, &status, 0);
	report(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "without_cap_sys_boot_eperm",
	       "child exit 2: capget/capset failed, 4: load allowed, 5: wrong errno");
}

#ifdef __x86_64__
/*
 * kexec_load through the 32-bit entry: a 64-bit x86 program that raises
 * int $0x80 gets the ia32 system call table, so the kernel's compat
 * handler runs.  283 is kexec_load there.  Returns -errno.
 */
static long compat_kexec_load(unsigned long flags)
{
	long ret;

	asm volatile("int $0x80"
		     : "=a" (ret)
		     : "a" (283L), "b" (0L), "c" (0L), "d" (0L), "S" (flags)
		     : "memory", "r8", "r9", "r10", "r11");
	return ret;
}

#define HAVE_COMPAT_ENTRY	1
#else
static long compat_kexec_load(unsigned long flags)
{
	(void)flags;
	return -EOPNOTSUPP;
}

#define HAVE_COMPAT_ENTRY	0
#endif

/*
 * The compat kexec_load checks the caller before the architecture field,
 * as 6.1 does: without CAP_SYS_BOOT it is EPERM even for an image that
 * names no architecture, and with it that image is EINVAL.
 */
static void test_compat_order(void)
{
	int status = 0;
	pid_t pid;

	if (!HAVE_COMPAT_ENTRY) {
		skip("compat_without_cap_sys_boot_eperm_before_arch_check",
		     "no 32-bit system call entry reachable from this program");
		skip("compat_default_arch_einval",
		     "no 32-bit system call entry reachable from this program");
		return;
	}
	pid = fork();
	if (pid == 0) {
		if (drop_cap_sys_boot())
			_exit(2);
		_exit(compat_kexec_load(KEXEC_ARCH_DEFAULT) == -EPERM ? 0 : 5);
	}
	waitpid(pid, &status, 0);
	report(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "compat_without_cap_sys_boot_eperm_before_arch_check",
	       "child exit 2: capget/capset failed, 5: not EPERM");
	report(compat_kexec_load(KEXEC_ARCH_DEFAULT) == -EINVAL,
	       "compat_default_arch_einval", "not EINVAL");
}

/* Setting kexec_load_disabled is one-way; it must be the last case. */
static void test_load_disabled(void)
{
	const char *knob = "/proc/sys/kernel/kexec_load_disabled";
	struct kexec_segment s = seg(crash_start, PAGE, PAGE);
	long rc;
	int err;

	if (write_str(knob, "1")) {
		report(0, "kexec_load_disabled_eperm", "cannot set the sysctl");
		report(0, "kexec_load_disabled_is_one_way",
		       "cannot set the sysctl");
		return;
	}
	rc = kexec_load(crash_start, 1, &s, KEXEC_ON_CRASH);
	err = errno;
	report(rc == -1 && err == EPERM, "kexec_load_disabled_eperm",
	       "load allowed or wrong errno");
	report(write_str(knob, "0") != 0 && read_flag(knob) == 1,
	       "kexec_load_disabled_is_one_way", "the sysctl could be cleared");
}

/* Booted with lockdown=integrity: kexec_load is a way around lockdown. */
static void test_lockdown(void)
{
	struct kexec_segment s = seg(crash_start, PAGE, PAGE);
	long rc;
	int err;

	ksft_set_plan(1);
	rc = kexec_load(crash_start, 1, &s, KEXEC_ON_CRASH);
	err = errno;
	report(rc == -1 && err == EPERM, "kernel_lockdown_eperm",
	       "load allowed under lockdown, or wrong errno");
}

/* Machines that must refuse a normal image, and how each tree says so. */
static const struct refusing_machine {
	const char *name;
	const char *proof;	/* in the log when the machine is as named */
	const char *project;	/* the series' refusal line */
	const char *reference;	/* upstream 6.1's */
} machines[] = {
	{ "spin-table", "CPU1: failed to come online",
	  "refused: CPU 1 cannot be taken offline (enable method spin-table)",
	  "Can't kexec: CPUs are stuck in the kernel." },
	{ "pkvm", "Protected nVHE mode initialized successfully",
	  "refused: protected KVM keeps EL2",
	  "Can't kexec: CPUs are stuck in the kernel." },
};

static int log_has(const char *text)
{
	return kernel_log_count(text) > 0;
}

/* A page of System RAM outside the crash region, or 0. */
static unsigned long free_ram_page(void)
{
	unsigned long start, end, found = 0;
	char line[256];
	FILE *f = fopen("/proc/iomem", "r");

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		if (line[0] == ' ' || !strstr(line, ": System RAM"))
			continue;
		if (sscanf(line, "%lx-%lx", &start, &end) != 2)
			continue;
		if (start < crash_start)
			found = (start + PAGE - 1) & ~(PAGE - 1);
		else if (end > crash_end + PAGE)
			found = crash_end + 1;
	}
	fclose(f);
	return found;
}

static void test_machine_refuses(const struct refusing_machine *m)
{
	const char *mode = getenv("KDUMP_MODE");
	const char *line = mode && !strcmp(mode, "reference") ?
			   m->reference : m->project;
	unsigned long dest = free_ram_page();
	struct kexec_segment s = seg(dest, PAGE, PAGE);
	char why[200];
	long rc;
	int err;

	ksft_set_plan(4);
	report(log_has(m->proof), "machine_is_as_named",
	       "the boot log does not show the machine named");
	rc = dest ? kexec_load(dest, 1, &s, 0) : 0;
	err = errno;
	snprintf(why, sizeof(why), "normal load at %#lx returned %ld errno %d",
		 dest, rc, rc == -1 ? err : 0);
	report(rc == -1 && err == EBUSY, "normal_image_refused_ebusy", why);
	snprintf(why, sizeof(why), "no \"%s\" in the kernel log", line);
	report(log_has(line), "refusal_says_why", why);
	report(ensure_loaded() == 0 &&
	       read_flag("/sys/kernel/kexec_crash_loaded") == 1,
	       "crash_image_still_loads", "the crash image was refused");
}

static void machine_mode(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(machines); i++) {
		if (!strcmp(name, machines[i].name)) {
			test_machine_refuses(&machines[i]);
			return;
		}
	}
	ksft_exit_fail_msg("unknown machine \"%s\"\n", name);
}

/* Every case of the default mode; the page-table room takes two here. */
#define NR_CASES	(24 + (TABLES_GROW_WITH_RAM ? 2 : 1))

static void test_default_mode(void)
{
	ksft_set_plan(NR_CASES);
	ksft_print_msg("crash kernel region %#lx-%#lx\n", crash_start,
		       crash_end);
	test_valid_load();
	test_bad_requests();
	test_entry_outside_segments();
	test_control_room();
	test_kept_loaded_image();
	test_unload();
	test_shrink();
	test_no_cap_sys_boot();
	test_compat_order();
	test_shrink_huge();
	test_load_disabled();
}

int main(int argc, char **argv)
{
	ksft_print_header();
	if (find_crash_region())
		ksft_exit_fail_msg("no \"Crash kernel\" region in /proc/iomem\n");
	if (argc > 1 && !strcmp(argv[1], "--lockdown"))
		test_lockdown();
	else if (argc > 1 && !strncmp(argv[1], "--machine=", 10))
		machine_mode(argv[1] + 10);
	else
		test_default_mode();
	ksft_finished();
}
