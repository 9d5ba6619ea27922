// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_load_race - crash while two kexec_load() calls are in flight.
 *
 * Two threads call kexec_load(), one for a capture kernel
 * (KEXEC_ON_CRASH) and one for a normal image, each with one segment at
 * the start of the crash kernel region whose buffer is a page registered
 * with userfaultfd.  When the kernel reads such a buffer, the read
 * faults and waits for this program: that load is now in the middle of
 * its work.  Once both reads wait (or the loads that are not waiting
 * have returned), the program reads /sys/kernel/kexec_crash_size, which
 * fails with EBUSY while anyone holds the kexec lock, says through the
 * kernel log how many loads wait and whether the lock was free, tries a
 * second normal load (one normal image is built at a time: it must get
 * EBUSY), and writes 'c' to /proc/sysrq-trigger, so the kernel panics with the loads
 * still waiting.
 *
 * The series reads kexec_load()'s buffers without the kexec lock, so
 * both loads wait at once and the crash must enter the capture kernel
 * loaded before.  Upstream 6.1 holds the lock while one load reads its
 * buffer (the other gets EBUSY), and for a crash load it has already
 * unloaded the old capture kernel; its crash path finds the lock taken
 * and reboots as panic= says.  The host judges which happened.
 *
 * Usage: kexec_load_race; it returns only if the kernel did not die.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/kexec.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "crash_region.h"

#define PAGE 4096UL

#define LOADS 2

/* One load in flight: its segment, what it returned, whether it did. */
struct load {
	unsigned long flags;
	struct kexec_segment seg;
	long ret;
	bool done;	/* __atomic: written by the loading thread */
};

static struct load loads[LOADS] = {
	{ .flags = KEXEC_ON_CRASH },
	{ .flags = 0 },
};

static void fail(const char *what)
{
	perror(what);
	exit(1);
}

/* The start of "Crash kernel" in /proc/iomem, or exit. */
static unsigned long crash_region_start(void)
{
	unsigned long start, end;

	if (crash_region(&start, &end)) {
		fprintf(stderr, "kexec_load_race: no crash kernel region\n");
		exit(1);
	}
	return start;
}

static int new_uffd(void)
{
	struct uffdio_api api = { .api = UFFD_API };
	int uffd = syscall(__NR_userfaultfd, O_CLOEXEC);

	if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api))
		fail("userfaultfd");
	return uffd;
}

/* A page whose first read by anyone, the kernel included, waits for us. */
static void *trapped_page(int uffd)
{
	struct uffdio_register reg;
	void *page;

	page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		fail("mmap");
	reg.range.start = (unsigned long)page;
	reg.range.len = PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg))
		fail("UFFDIO_REGISTER");
	return page;
}

/*
 * One record into the kernel log.  Not dprintf(): glibc's seeks the
 * descriptor, which /dev/kmsg refuses, and then writes nothing.
 */
static void say(int kmsg, const char *fmt, ...)
{
	char line[64];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (len < 0 || write(kmsg, line, len) != len)
		perror("kexec_load_race: /dev/kmsg");
}

static void *load(void *arg)
{
	struct load *l = arg;

	l->ret = syscall(__NR_kexec_load, (unsigned long)l->seg.mem, 1UL,
			 &l->seg, l->flags);
	__atomic_store_n(&l->done, true, __ATOMIC_RELEASE);
	return NULL;
}

static int loads_done(void)
{
	int i, n = 0;

	for (i = 0; i < LOADS; i++)
		n += __atomic_load_n(&loads[i].done, __ATOMIC_ACQUIRE);
	return n;
}

/*
 * Wait up to 30 s until every load either waits on its buffer or has
 * returned; the number waiting.
 */
static int wait_for_faults(int uffd)
{
	struct pollfd pfd = { .fd = uffd, .events = POLLIN };
	struct uffd_msg msg;
	int tries, waiting = 0;

	for (tries = 0; tries < 300 && waiting + loads_done() < LOADS; tries++) {
		if (poll(&pfd, 1, 100) != 1)
			continue;
		if (read(uffd, &msg, sizeof(msg)) == sizeof(msg) &&
		    msg.event == UFFD_EVENT_PAGEFAULT)
			waiting++;
	}
	return waiting;
}

/*
 * A second normal load while the first still builds: its buffer is an
 * ordinary page, so it would be read at once.  The errno it got, or 0.
 */
static int second_normal_load(void)
{
	static char page[PAGE];
	struct kexec_segment seg = {
		.buf = page, .bufsz = PAGE,
		.mem = loads[1].seg.mem, .memsz = PAGE,
	};

	if (syscall(__NR_kexec_load, (unsigned long)seg.mem, 1UL, &seg, 0UL))
		return errno;
	return 0;
}

/*
 * Is the kexec lock free?  A read of kexec_crash_size takes it with a
 * try-lock and fails with EBUSY when someone holds it.
 */
static int kexec_lock_free(void)
{
	char line[32];
	int fd = open("/sys/kernel/kexec_crash_size", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		fail("open /sys/kernel/kexec_crash_size");
	n = read(fd, line, sizeof(line));
	if (n < 0 && errno != EBUSY)
		fail("read /sys/kernel/kexec_crash_size");
	close(fd);
	return n > 0;
}

int main(void)
{
	pthread_t thread[LOADS];
	int sysrq, kmsg, uffd, i, waiting, lock_free, second;

	sysrq = open("/proc/sysrq-trigger", O_WRONLY);
	kmsg = open("/dev/kmsg", O_WRONLY);
	if (sysrq < 0 || kmsg < 0)
		fail("open /proc/sysrq-trigger or /dev/kmsg");
	uffd = new_uffd();
	for (i = 0; i < LOADS; i++) {
		loads[i].seg.mem = (const void *)crash_region_start();
		loads[i].seg.memsz = PAGE;
		loads[i].seg.bufsz = PAGE;
		loads[i].seg.buf = trapped_page(uffd);
		if (pthread_create(&thread[i], NULL, load, &loads[i]))
			fail("pthread_create");
	}
	waiting = wait_for_faults(uffd);
	lock_free = kexec_lock_free();
	second = second_normal_load();
	for (i = 0; i < LOADS; i++)
		if (__atomic_load_n(&loads[i].done, __ATOMIC_ACQUIRE))
			fprintf(stderr, "kexec_load_race: the %s load returned %ld\n",
				loads[i].flags ? "crash" : "normal", loads[i].ret);
	if (!waiting) {
		fprintf(stderr, "kexec_load_race: no load read its buffer\n");
		return 1;
	}
	say(kmsg, "KDUMP-CRASH-PID=%d\n", getpid());
	say(kmsg, "KDUMP-LOADS-IN-FLIGHT=%d\n", waiting);
	say(kmsg, "KDUMP-KEXEC-LOCK=%s\n", lock_free ? "free" : "taken");
	say(kmsg, "KDUMP-SECOND-NORMAL-LOAD=%s\n",
	    second == EBUSY ? "EBUSY" : second ? "other-error" : "loaded");
	say(kmsg, "KDUMP-LOAD-IN-FLIGHT\n");
	if (write(sysrq, "c", 1) != 1)
		fail("sysrq-trigger");
	fprintf(stderr, "kexec_load_race: still alive after sysrq-c\n");
	return 1;
}
