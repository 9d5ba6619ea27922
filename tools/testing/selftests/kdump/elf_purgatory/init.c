// SPDX-License-Identifier: GPL-2.0
/*
 * PID 1 of the ELF purgatory selftest (kdump_elf_purgatory.sh).
 *
 * The guest is riscv64, whose kexec_file_load() loads the purgatory the
 * kexec core relocates and fills with the segments' SHA-256
 * (kernel/kexec/purgatory.c).  Debian bookworm has no riscv64 port, so
 * there is no busybox and no kexec-tools here: this program is the whole
 * user space, and it talks to the kernel through the system calls a kdump
 * service uses.  What it does depends on the kernel command line:
 *
 *   kdump_test=reboot  load /boot/vmlinux with kexec_file_load() and
 *                      reboot into it (kexec -s -l; kexec -e)
 *   kdump_test=crash   load it as the capture kernel (kexec -s -p), leave
 *                      a marker in memory, crash through sysrq
 *   kdump_test=digest  the same, after damaging the loaded capture kernel
 *                      through debugfs: the purgatory must refuse it
 *   kdump_stage=second the kernel the reboot test entered: say so
 *   kdump_stage=capture the capture kernel: judge /proc/vmcore
 *
 * Results are "KDUMP-CHECK ok NAME" or "KDUMP-CHECK not ok NAME # WHY"
 * lines on the console; the host script turns them into KTAP.  Every
 * path ends in a power-off, or in the crash it was asked for.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>
#include <linux/kexec.h>
#include <linux/reboot.h>

#define MARKER_LEN	32
#define CHUNK		(1 << 20)

static char cmdline[4096];
/* A page of the first kernel's memory the dump must hold. */
static char marker_page[4096];

static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

static void check(int ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("KDUMP-CHECK %s %s", ok ? "ok" : "not ok", name);
	if (!ok && fmt) {
		printf(" # ");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
	}
	printf("\n");
	fflush(stdout);
}

static void power_off(void)
{
	say("KDUMP-POWEROFF\n");
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

/* A copy of the value of "key=" on the command line, or NULL. */
static const char *param(const char *key)
{
	size_t len = strlen(key);
	const char *p = cmdline;

	while ((p = strstr(p, key))) {
		if ((p == cmdline || p[-1] == ' ') && p[len] == '=')
			return strndup(p + len + 1, strcspn(p + len + 1, " "));
		p += len;
	}
	return NULL;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	int ok;

	if (fd < 0)
		return -1;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return ok ? 0 : -1;
}

static int file_load(unsigned long flags, const char *args)
{
	int kfd = open("/boot/vmlinux", O_RDONLY);
	int ifd = open("/boot/mini.cpio.gz", O_RDONLY);
	long ret;

	if (kfd < 0 || ifd < 0)
		return -ENOENT;
	ret = syscall(SYS_kexec_file_load, kfd, ifd, strlen(args) + 1, args,
		      flags);
	close(kfd);
	close(ifd);
	return ret ? -errno : 0;
}

static void test_reboot(void)
{
	int ret = file_load(0, "console=ttyS0 kdump_stage=second");

	check(!ret, "reboot_load", "kexec_file_load: %s", strerror(-ret));
	if (ret)
		power_off();
	sync();
	say("KDUMP-KEXEC\n");
	reboot(LINUX_REBOOT_CMD_KEXEC);
	check(0, "reboot_kexec", "reboot(KEXEC): %s", strerror(errno));
	power_off();
}

static int read_at(int fd, void *buf, size_t len, off_t off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = pread(fd, (char *)buf + done, len - done,
				  off + done);

		if (n <= 0)
			return -1;
		done += n;
	}
	return 0;
}

/* A marker the capture kernel must find in the dump; random per boot. */
static void leave_marker(char *marker)
{
	unsigned int seed = getpid() ^ (unsigned int)(unsigned long)&seed;
	int fd = open("/dev/urandom", O_RDONLY);
	size_t i;

	if (fd >= 0) {
		if (read(fd, &seed, sizeof(seed)) != sizeof(seed))
			seed ^= 0x5a5a5a5a;
		close(fd);
	}
	srand(seed);
	for (i = 0; i < MARKER_LEN; i++)
		marker[i] = "0123456789abcdef"[rand() % 16];
	marker[MARKER_LEN] = 0;
	for (i = 0; i + MARKER_LEN + 8 <= sizeof(marker_page); i += 64)
		snprintf(marker_page + i, 64, "KDM-%s", marker);
}

/*
 * The segment riscv64's loader places the ELF core header in: after one
 * segment per PT_LOAD of the kernel (arch/riscv/kernel/elf_kexec.c).  A
 * capture kernel entered with that header damaged still boots and says
 * so on the console, so a silent console tells that the purgatory
 * refused the damage, not that the damage broke the kernel.
 */
static int elfcorehdr_segment(void)
{
	int fd = open("/boot/vmlinux", O_RDONLY), loads = 0, i;
	Elf64_Ehdr eh;
	Elf64_Phdr ph;

	if (fd < 0 || read_at(fd, &eh, sizeof(eh), 0))
		return -1;
	for (i = 0; i < eh.e_phnum; i++) {
		if (read_at(fd, &ph, sizeof(ph), eh.e_phoff + i * sizeof(ph)))
			return -1;
		loads += ph.p_type == PT_LOAD;
	}
	close(fd);
	return loads;
}

static void test_crash(int damage)
{
	char marker[MARKER_LEN + 1], args[512], seg[16];
	int ret;

	leave_marker(marker);
	snprintf(args, sizeof(args),
		 "console=ttyS0 nr_cpus=1 kdump_stage=capture kdump_cpus=%d kdump_marker=%s",
		 get_nprocs(), marker);
	ret = file_load(KEXEC_FILE_ON_CRASH, args);
	check(!ret, "crash_load", "kexec_file_load: %s", strerror(-ret));
	if (ret)
		power_off();
	if (damage) {
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
		snprintf(seg, sizeof(seg), "%d", elfcorehdr_segment());
		ret = write_file("/sys/kernel/debug/kexec/corrupt_crash_segment",
				 seg);
		check(!ret, "digest_damage", "corrupt_crash_segment: %s",
		      strerror(errno));
		if (ret)
			power_off();
	}
	say("KDUMP-CRASHING\n");
	write_file("/proc/sysrq-trigger", "c");
	check(0, "crash_sysrq", "still alive after sysrq-c");
	power_off();
}

/* --- the capture kernel --------------------------------------------------- */

struct dump {
	int fd;
	Elf64_Ehdr eh;
	Elf64_Phdr *ph;
};

static int open_dump(struct dump *d)
{
	size_t size;

	d->fd = open("/proc/vmcore", O_RDONLY);
	if (d->fd < 0 || read_at(d->fd, &d->eh, sizeof(d->eh), 0))
		return -1;
	if (memcmp(d->eh.e_ident, ELFMAG, SELFMAG) ||
	    d->eh.e_ident[EI_CLASS] != ELFCLASS64 || d->eh.e_type != ET_CORE ||
	    d->eh.e_machine != EM_RISCV || !d->eh.e_phnum ||
	    d->eh.e_phentsize != sizeof(Elf64_Phdr))
		return -1;
	size = d->eh.e_phnum * sizeof(Elf64_Phdr);
	d->ph = malloc(size);
	return d->ph ? read_at(d->fd, d->ph, size, d->eh.e_phoff) : -1;
}

/* The one PT_NOTE's notes: NT_PRSTATUS count and the VMCOREINFO text. */
static int read_notes(struct dump *d, int *prstatus, char **vmcoreinfo)
{
	Elf64_Phdr *note = NULL;
	char *buf;
	size_t off = 0;
	int i;

	for (i = 0; i < d->eh.e_phnum; i++)
		if (d->ph[i].p_type == PT_NOTE)
			note = note ? (void *)-1 : &d->ph[i];
	if (!note || note == (void *)-1 || note->p_filesz > (1 << 20))
		return -1;
	buf = calloc(1, note->p_filesz + 1);
	if (!buf || read_at(d->fd, buf, note->p_filesz, note->p_offset))
		return -1;
	*prstatus = 0;
	*vmcoreinfo = NULL;
	while (off + sizeof(Elf64_Nhdr) <= note->p_filesz) {
		Elf64_Nhdr *n = (Elf64_Nhdr *)(buf + off);
		char *name = buf + off + sizeof(*n);
		char *desc = name + ((n->n_namesz + 3) & ~3U);

		if (n->n_namesz == 5 && !strcmp(name, "CORE") &&
		    n->n_type == NT_PRSTATUS)
			(*prstatus)++;
		if (n->n_namesz == 11 && !strcmp(name, "VMCOREINFO"))
			*vmcoreinfo = strndup(desc, n->n_descsz);
		off = desc - buf + ((n->n_descsz + 3) & ~3U);
		if (!n->n_namesz && !n->n_descsz)
			break;
	}
	return 0;
}

/*
 * Read every PT_LOAD through read(), as cp would, looking for @a and @b;
 * a match may straddle two chunks.
 */
static int scan_loads(struct dump *d, const char *a, const char *b,
		      int *found_a, int *found_b, unsigned long long *bytes)
{
	size_t keep = 128;
	char *buf = malloc(CHUNK + keep);
	int i;

	if (!buf)
		return -1;
	*bytes = 0;
	for (i = 0; i < d->eh.e_phnum; i++) {
		Elf64_Phdr *p = &d->ph[i];
		unsigned long long pos = 0;
		size_t carried = 0;

		if (p->p_type != PT_LOAD)
			continue;
		while (pos < p->p_filesz) {
			size_t n = p->p_filesz - pos < CHUNK ?
				   p->p_filesz - pos : CHUNK;
			size_t total = carried + n;

			if (read_at(d->fd, buf + carried, n, p->p_offset + pos))
				return -1;
			*found_a |= !!memmem(buf, total, a, strlen(a));
			*found_b |= !!memmem(buf, total, b, strlen(b));
			/* The last bytes begin the next window. */
			carried = total < keep ? total : keep;
			memmove(buf, buf + total - carried, carried);
			pos += n;
			*bytes += n;
		}
	}
	free(buf);
	return 0;
}

static void test_capture(void)
{
	const char *cpus = param("kdump_cpus"), *mark = param("kdump_marker");
	char marker[MARKER_LEN + 8];
	int prstatus = -1, loads = 0, found_mark = 0, found_panic = 0, i;
	unsigned long long bytes = 0;
	char *info = NULL;
	struct dump d;

	say("KDUMP-CAPTURE\n");
	if (open_dump(&d)) {
		check(0, "capture_elf_header", "/proc/vmcore: no riscv64 ELF core");
		power_off();
	}
	check(1, "capture_elf_header", NULL);
	for (i = 0; i < d.eh.e_phnum; i++)
		loads += d.ph[i].p_type == PT_LOAD;
	check(loads > 0, "capture_pt_load", "no PT_LOAD");
	if (read_notes(&d, &prstatus, &info))
		check(0, "capture_notes", "not exactly one readable PT_NOTE");
	check(cpus && prstatus == atoi(cpus), "capture_prstatus_per_cpu",
	      "%d NT_PRSTATUS notes for %s CPUs", prstatus, cpus ? cpus : "?");
	check(info && strstr(info, "OSRELEASE=") && strstr(info, "PAGESIZE=") &&
	      strstr(info, "CRASHTIME=") && strstr(info, "SYMBOL(swapper_pg_dir)="),
	      "capture_vmcoreinfo", "VMCOREINFO missing or incomplete");
	snprintf(marker, sizeof(marker), "KDM-%s", mark ? mark : "none");
	if (scan_loads(&d, marker, "Kernel panic - not syncing: sysrq triggered crash",
		       &found_mark, &found_panic, &bytes))
		check(0, "capture_read_all", "a read() of /proc/vmcore failed");
	else
		check(1, "capture_read_all", NULL);
	say("KDUMP-DUMP-BYTES=%llu\n", bytes);
	check(mark && found_mark, "capture_user_marker",
	      "the first kernel's marker page is not in the dump");
	check(found_panic, "capture_panic_in_log",
	      "the panic message is not in the dump");
	power_off();
}

int main(void)
{
	const char *test, *stage;
	int fd;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 1);
		dup2(fd, 2);
	}
	fd = open("/proc/cmdline", O_RDONLY);
	if (fd < 0 || read(fd, cmdline, sizeof(cmdline) - 1) < 0)
		power_off();
	close(fd);
	cmdline[strcspn(cmdline, "\n")] = 0;
	test = param("kdump_test");
	stage = param("kdump_stage");
	if (stage && !strcmp(stage, "second")) {
		check(1, "reboot_second_kernel", NULL);
		power_off();
	}
	if (stage && !strcmp(stage, "capture"))
		test_capture();
	if (test && !strcmp(test, "reboot"))
		test_reboot();
	if (test && (!strcmp(test, "crash") || !strcmp(test, "digest")))
		test_crash(!strcmp(test, "digest"));
	check(0, "init", "no kdump_test= or kdump_stage= on the command line");
	power_off();
	return 0;
}
