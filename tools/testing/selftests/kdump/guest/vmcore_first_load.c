// SPDX-License-Identifier: GPL-2.0
/*
 * vmcore_first_load - what /proc/vmcore shows of its first PT_LOAD.
 *
 * Runs in a capture kernel booted with a crafted ELF core header (the
 * elfcorehdr scenario).  Prints how many bytes of the first PT_LOAD's
 * pages are not zero, read once with pread() and once through mmap():
 *
 *   KDUMP-LOAD-READ=N
 *   KDUMP-LOAD-MMAP=N
 *
 * N is -1 where that way of reading failed.  The suite judges the
 * numbers: a segment in reserved memory holding known bytes must show
 * them both ways, and a segment in the capture kernel's own RAM must
 * show only zeros both ways.
 */
#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#define CHUNK	(1024 * 1024)

static unsigned char buf[CHUNK];

static long long nonzero(const unsigned char *p, size_t len)
{
	long long n = 0;
	size_t i;

	for (i = 0; i < len; i++)
		n += p[i] != 0;
	return n;
}

static long long count_read(int fd, uint64_t off, uint64_t len)
{
	long long n = 0;
	uint64_t done;
	ssize_t got;

	for (done = 0; done < len; done += got) {
		size_t want = len - done < CHUNK ? len - done : CHUNK;

		got = pread(fd, buf, want, off + done);
		if (got <= 0)
			return -1;
		n += nonzero(buf, got);
	}
	return n;
}

static long long count_mmap(int fd, uint64_t off, uint64_t len)
{
	long long n;
	void *p;

	p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, off);
	if (p == MAP_FAILED)
		return -1;
	n = nonzero(p, len);
	munmap(p, len);
	return n;
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t off, len;
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	int fd;

	fd = open("/proc/vmcore", O_RDONLY);
	if (fd < 0 || pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    eh.e_phnum < 2 ||
	    pread(fd, &ph, sizeof(ph), eh.e_phoff + sizeof(ph)) != sizeof(ph) ||
	    ph.p_type != PT_LOAD) {
		puts("KDUMP-LOAD-READ=-1\nKDUMP-LOAD-MMAP=-1");
		return 1;
	}
	/* The whole pages the file carries for the segment. */
	off = ph.p_offset & ~(uint64_t)(page - 1);
	len = (ph.p_offset + ph.p_memsz + page - 1 - off) & ~(uint64_t)(page - 1);
	printf("KDUMP-LOAD-READ=%lld\n", count_read(fd, off, len));
	printf("KDUMP-LOAD-MMAP=%lld\n", count_mmap(fd, off, len));
	return 0;
}
