// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_load_race - crash while a kexec_load() of a capture kernel is in
 * flight.
 *
 * A thread calls kexec_load(KEXEC_ON_CRASH) with one segment, at the
 * start of the crash kernel region, whose buffer is a page registered
 * with userfaultfd.  When the kernel reads that buffer, the read faults
 * and waits for this program: the load is now in the middle of its work.
 * The program then says so through the kernel log and writes 'c' to
 * /proc/sysrq-trigger, so the kernel panics with the load still waiting.
 * The series reads kexec_load()'s buffers before it takes the kexec lock,
 * so the crash must enter the capture kernel loaded before; upstream 6.1
 * holds the lock (and has already unloaded that kernel) and reboots as
 * panic= says.  The host judges which happened.
 *
 * Usage: kexec_load_race; it returns only if the kernel did not die.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/kexec.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "crash_region.h"

#define PAGE 4096UL

static struct kexec_segment seg;
static long load_ret;

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

/* A page whose first read by anyone, the kernel included, waits for us. */
static void *trapped_page(int *uffd)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	void *page;

	*uffd = syscall(__NR_userfaultfd, O_CLOEXEC);
	if (*uffd < 0 || ioctl(*uffd, UFFDIO_API, &api))
		fail("userfaultfd");
	page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		fail("mmap");
	reg.range.start = (unsigned long)page;
	reg.range.len = PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(*uffd, UFFDIO_REGISTER, &reg))
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
	(void)arg;
	load_ret = syscall(__NR_kexec_load, (unsigned long)seg.mem, 1UL, &seg,
			   (unsigned long)KEXEC_ON_CRASH);
	return NULL;
}

int main(void)
{
	struct pollfd pfd = { .events = POLLIN };
	struct uffd_msg msg;
	pthread_t thread;
	int sysrq, kmsg;

	sysrq = open("/proc/sysrq-trigger", O_WRONLY);
	kmsg = open("/dev/kmsg", O_WRONLY);
	if (sysrq < 0 || kmsg < 0)
		fail("open /proc/sysrq-trigger or /dev/kmsg");
	seg.mem = (const void *)crash_region_start();
	seg.memsz = PAGE;
	seg.bufsz = PAGE;
	seg.buf = trapped_page(&pfd.fd);
	if (pthread_create(&thread, NULL, load, NULL))
		fail("pthread_create");
	if (poll(&pfd, 1, 30000) != 1 ||
	    read(pfd.fd, &msg, sizeof(msg)) != sizeof(msg) ||
	    msg.event != UFFD_EVENT_PAGEFAULT) {
		pthread_join(thread, NULL);
		fprintf(stderr, "kexec_load_race: the load never read its buffer (returned %ld)\n",
			load_ret);
		return 1;
	}
	say(kmsg, "KDUMP-CRASH-PID=%d\n", getpid());
	say(kmsg, "KDUMP-LOAD-IN-FLIGHT\n");
	if (write(sysrq, "c", 1) != 1)
		fail("sysrq-trigger");
	fprintf(stderr, "kexec_load_race: still alive after sysrq-c\n");
	return 1;
}
