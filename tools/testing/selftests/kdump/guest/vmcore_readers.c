// SPDX-License-Identifier: GPL-2.0
/*
 * vmcore_readers - /proc/vmcore shared by several readers at once.
 *
 * Runs in a capture kernel with two CPUs.  Prints KTAP.
 *
 * parallel_readers_agree: four processes read the same 32 MiB of old
 * memory, each in its own order and chunk size, at the same time; every
 * chunk's checksum must equal the one a single reader found beforehand.
 *
 * blocked_reader_does_not_block_others: a thread reads /proc/vmcore into
 * a page registered with userfaultfd, so the kernel's copy to user space
 * faults and waits; while it waits, another process must be able to read
 * both the same old memory and other old memory.  Then the fault is
 * resolved and the waiting read must complete with the right bytes.
 *
 * mmap_across_loads_after_read: a read() of old memory, then an mmap()
 * of 8 MiB before the end of a PT_LOAD and 64 KiB after it, starting at
 * the page that was read; the mapping must succeed and hold what read()
 * gives.  Reads keep a window of old memory mapped, and on x86 a mapping
 * of one part of a range and not the rest gave remap_pfn_range() two
 * memory types to reconcile, which it refuses with -EINVAL.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MIB		(1024UL * 1024)
#define SPAN		(32 * MIB)
#define GRAIN		(64 * 1024)		/* checksum granularity */
#define NR_GRAINS	(SPAN / GRAIN)
#define NR_READERS	4
#define PAGE		4096UL
/* A read at least this long maps a window of old memory (oldmem.c). */
#define STREAM_READ	(64 * 1024UL)

static int n_case, n_fail;
static off_t span_start;	/* file offset of the span, in old memory */

static void report(int ok, const char *name, const char *why)
{
	printf("%sok %d %s\n", ok ? "" : "not ", ++n_case, name);
	if (!ok && why)
		printf("# %s\n", why);
	n_fail += !ok;
	fflush(stdout);
}

static uint64_t fnv(const unsigned char *p, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (len--)
		h = (h ^ *p++) * 0x100000001b3ull;
	return h;
}

static int read_at(int fd, void *buf, size_t len, off_t off)
{
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = pread(fd, (char *)buf + done, len - done, off + done);
		if (n <= 0)
			return -1;
		done += n;
	}
	return 0;
}

/* Checksum every grain of the span, visiting grains in @order. */
static int checksum_span(int fd, uint64_t *sum, const unsigned int *order,
			 size_t chunk)
{
	static unsigned char buf[GRAIN];
	unsigned int i;
	size_t off;

	for (i = 0; i < NR_GRAINS; i++) {
		for (off = 0; off < GRAIN; off += chunk)
			if (read_at(fd, buf + off, chunk,
				    span_start + (off_t)order[i] * GRAIN + off))
				return -1;
		sum[order[i]] = fnv(buf, GRAIN);
	}
	return 0;
}

static void make_order(unsigned int *order, int how)
{
	unsigned int i;

	for (i = 0; i < NR_GRAINS; i++) {
		if (how == 0)
			order[i] = i;			/* forward */
		else if (how == 1)
			order[i] = NR_GRAINS - 1 - i;	/* backward */
		else if (how == 2)
			order[i] = (i * 7) % NR_GRAINS;	/* strided */
		else					/* from both ends */
			order[i] = (i % 2) ? NR_GRAINS - 1 - i / 2 : i / 2;
	}
}

static void test_parallel_readers(int fd)
{
	static const size_t chunk[NR_READERS] = { GRAIN, 4096, 512, 16384 };
	static unsigned int order[NR_GRAINS];
	uint64_t *want, *got;
	int r, status, ok = 1;

	want = calloc(NR_GRAINS, sizeof(*want));
	got = mmap(NULL, NR_READERS * NR_GRAINS * sizeof(*got),
		   PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	make_order(order, 0);
	if (!want || got == MAP_FAILED || checksum_span(fd, want, order, GRAIN)) {
		report(0, "parallel_readers_agree", "setup or first read failed");
		return;
	}
	for (r = 0; r < NR_READERS; r++) {
		if (fork() == 0) {
			int own = open("/proc/vmcore", O_RDONLY);

			make_order(order, r);
			_exit(own < 0 || checksum_span(own, got + r * NR_GRAINS,
						       order, chunk[r]));
		}
	}
	for (r = 0; r < NR_READERS; r++)
		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			ok = 0;
	for (r = 0; ok && r < NR_READERS; r++)
		ok = !memcmp(want, got + r * NR_GRAINS, NR_GRAINS * sizeof(*got));
	report(ok, "parallel_readers_agree",
	       "a reader failed or read different bytes");
}

struct blocked_read {
	int fd;
	void *dst;
	off_t off;
	int ret;
};

static void *blocked_reader(void *arg)
{
	struct blocked_read *b = arg;

	b->ret = read_at(b->fd, b->dst, STREAM_READ, b->off);
	return NULL;
}

static int make_uffd(void *area)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = {
		.range = { .start = (unsigned long)area, .len = PAGE },
		.mode = UFFDIO_REGISTER_MODE_MISSING,
	};
	int uffd = syscall(SYS_userfaultfd, O_CLOEXEC);

	if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api) ||
	    ioctl(uffd, UFFDIO_REGISTER, &reg))
		return -1;
	return uffd;
}

/* Wait up to 10 s for the thread's read to fault on the registered page. */
static int wait_for_fault(int uffd)
{
	struct pollfd p = { .fd = uffd, .events = POLLIN };
	struct uffd_msg msg;

	if (poll(&p, 1, 10000) != 1 || read(uffd, &msg, sizeof(msg)) != sizeof(msg))
		return -1;
	return msg.event == UFFD_EVENT_PAGEFAULT ? 0 : -1;
}

/* In a child with a 20 s alarm: read old memory at @a and far from it. */
static int others_can_read(off_t a, off_t far)
{
	static unsigned char buf[MIB];
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open("/proc/vmcore", O_RDONLY);

		alarm(20);
		_exit(fd < 0 || read_at(fd, buf, PAGE, a) ||
		      read_at(fd, buf, sizeof(buf), far));
	}
	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       !WEXITSTATUS(status) ? 0 : -1;
}

/*
 * The blocked read is long enough to read through a window of old memory,
 * and faults on the first page of its buffer, the only one registered, so
 * it waits while it holds that window.
 */
static void test_blocked_reader(int fd)
{
	static unsigned char want[STREAM_READ];
	struct blocked_read b = { .fd = fd, .off = span_start };
	struct uffdio_zeropage zero;
	pthread_t t;
	int uffd, others;

	b.dst = mmap(NULL, STREAM_READ, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uffd = b.dst == MAP_FAILED ? -1 : make_uffd(b.dst);
	if (uffd < 0 || read_at(fd, want, STREAM_READ, b.off) ||
	    pthread_create(&t, NULL, blocked_reader, &b)) {
		report(0, "blocked_reader_does_not_block_others",
		       "userfaultfd setup failed");
		return;
	}
	if (wait_for_fault(uffd)) {
		report(0, "blocked_reader_does_not_block_others",
		       "the read never faulted on the registered page");
		return;
	}
	others = others_can_read(b.off, b.off + SPAN);
	zero = (struct uffdio_zeropage){
		.range = { .start = (unsigned long)b.dst, .len = PAGE } };
	ioctl(uffd, UFFDIO_ZEROPAGE, &zero);
	pthread_join(t, NULL);
	report(!others, "blocked_reader_does_not_block_others",
	       "another reader waited for the blocked one (killed after 20 s)");
	report(!b.ret && !memcmp(b.dst, want, STREAM_READ),
	       "blocked_reader_completes_with_right_bytes",
	       "the resumed read failed or returned other bytes");
}

/*
 * The file offset where a PT_LOAD of at least @min bytes ends and the
 * next one begins, or -1.
 */
static off_t load_boundary(int fd, off_t min)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph, next;
	int i;

	if (read_at(fd, &eh, sizeof(eh), 0) || eh.e_ident[EI_CLASS] != ELFCLASS64)
		return -1;
	for (i = 0; i + 1 < eh.e_phnum; i++) {
		if (read_at(fd, &ph, sizeof(ph), eh.e_phoff + i * sizeof(ph)) ||
		    read_at(fd, &next, sizeof(next),
			    eh.e_phoff + (i + 1) * sizeof(next)))
			return -1;
		if (ph.p_type == PT_LOAD && next.p_type == PT_LOAD &&
		    ph.p_filesz >= (uint64_t)min &&
		    ph.p_offset + ph.p_filesz == next.p_offset &&
		    next.p_filesz >= 64 * 1024 && !(next.p_offset % PAGE))
			return next.p_offset;
	}
	return -1;
}

static void test_mmap_after_read(int fd)
{
	const size_t len = 8 * MIB + 64 * 1024;
	off_t end = load_boundary(fd, 8 * MIB), start = end - 8 * MIB;
	unsigned char *want = malloc(len), *again = malloc(STREAM_READ);
	void *map;

	if (end < 0 || !want || !again || read_at(fd, want, len, start)) {
		report(0, "mmap_across_loads_after_read",
		       "no two adjacent PT_LOADs to map across, or read() failed");
		return;
	}
	/*
	 * A read this long maps a window at @start, 4 MiB of the 8 MiB
	 * before the boundary; now map across it.
	 */
	read_at(fd, again, STREAM_READ, start);
	map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, start);
	if (map == MAP_FAILED) {
		report(0, "mmap_across_loads_after_read", strerror(errno));
		return;
	}
	report(!memcmp(map, want, len), "mmap_across_loads_after_read",
	       "the mapping differs from what read() gave");
	munmap(map, len);
	free(again);
	free(want);
}

int main(void)
{
	int fd = open("/proc/vmcore", O_RDONLY);
	struct stat st;

	printf("KTAP version 1\n1..4\n");
	if (fd < 0 || fstat(fd, &st) || st.st_size < (off_t)(4 * SPAN)) {
		printf("Bail out! no /proc/vmcore of at least %lu MiB\n",
		       4 * SPAN / MIB);
		return 1;
	}
	span_start = (st.st_size / 2) & ~(off_t)(MIB - 1);
	printf("# %d CPUs online, /proc/vmcore %lld bytes, span at %lld\n",
	       (int)sysconf(_SC_NPROCESSORS_ONLN), (long long)st.st_size,
	       (long long)span_start);
	test_parallel_readers(fd);
	test_blocked_reader(fd);
	test_mmap_after_read(fd);
	printf("# %d passed, %d failed\n", n_case - n_fail, n_fail);
	return n_fail ? 1 : 0;
}
