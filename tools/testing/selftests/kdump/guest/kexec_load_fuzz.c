// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_load_fuzz - many generated kexec_load() calls, most of them wrong.
 *
 * Usage: kexec_load_fuzz CALLS [SEED]
 *
 * Each call is built from a pseudo-random stream (xorshift64*, SEED, so a
 * run can be repeated): a segment count from 0 to 20 (0 unloads), and per
 * segment a destination that is inside the crash kernel region, at its
 * edges, unaligned, wrapping around the address space or anywhere at
 * all; a size of zero, a page, a few pages, more than the region or
 * close to ULONG_MAX; a buffer that is valid, shorter or longer than the
 * segment, NULL, unmapped, a kernel address or misaligned; flags that are
 * KEXEC_ON_CRASH or not, with random architecture and unknown bits; an
 * entry point inside a segment or anywhere.  Segments may overlap each
 * other.  One call in eight is built to be accepted but for, now and
 * then, its buffer, so loads, replaced images, unloads and refused
 * copies happen too.
 *
 * The kernel must stay alive, refuse with the errnos kexec_load() has,
 * and print nothing but its one-line refusals; the host reads the
 * console for anything else.  The last line counts the calls by result:
 *   KDUMP-FUZZ calls=N ok=N EINVAL=N EADDRNOTAVAIL=N EFAULT=N ... other=N
 * where "other" is any errno kexec_load() does not have (a failure).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/kexec.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "crash_region.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define PAGE		4096UL
#define MAX_SEGS	20
#define BUF_PAGES	16

static uint64_t state;
static unsigned long region_start, region_end;	/* inclusive end */
static unsigned char *buf;			/* BUF_PAGES readable pages */
static unsigned char *hole;			/* one unmapped page */

static uint64_t rnd(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545f4914f6cdd1dULL;
}

static unsigned long pick(const unsigned long *v, size_t n)
{
	return v[rnd() % n];
}

static void find_region(void)
{
	if (crash_region(&region_start, &region_end)) {
		fprintf(stderr, "kexec_load_fuzz: no crash kernel region\n");
		exit(1);
	}
}

static unsigned long gen_mem(void)
{
	unsigned long size = region_end + 1 - region_start;
	const unsigned long edges[] = {
		region_start, region_end + 1 - PAGE, region_end + 1,
		region_start - PAGE, 0, PAGE, -PAGE, -2 * PAGE,
	};

	switch (rnd() % 6) {
	case 0:
	case 1:
		return region_start + (rnd() % (size / PAGE)) * PAGE;
	case 2:
		return pick(edges, ARRAY_SIZE(edges));
	case 3:
		return region_start + rnd() % size;	/* unaligned */
	default:
		return rnd() & ~(PAGE - 1);
	}
}

static unsigned long gen_size(void)
{
	const unsigned long sizes[] = {
		0, PAGE, 2 * PAGE, BUF_PAGES * PAGE, PAGE - 1, 1,
		region_end + 1 - region_start, (region_end - region_start) * 2,
		-PAGE, ~0UL,
	};

	return rnd() % 2 ? (rnd() % 8 + 1) * PAGE :
			   pick(sizes, ARRAY_SIZE(sizes));
}

/* A buffer that cannot be read whole, or is oddly placed. */
static const void *gen_odd_buf(void)
{
	const uintptr_t odd[] = {
		0, (uintptr_t)hole, 0xffff888000000000UL, (uintptr_t)buf + 1,
		(uintptr_t)buf + BUF_PAGES * PAGE - 1, 8,
	};

	return (const void *)pick(odd, ARRAY_SIZE(odd));
}

static const void *gen_buf(void)
{
	return rnd() % 4 ? buf : gen_odd_buf();
}

static unsigned long gen_flags(void)
{
	unsigned long flags = rnd() % 2 ? KEXEC_ON_CRASH : 0;

	switch (rnd() % 8) {
	case 0:
		flags |= (rnd() % 64) << 16;		/* some architecture */
		break;
	case 1:
		flags |= 1UL << (rnd() % 16);		/* any low bit */
		break;
	case 2:
		flags = rnd();
		break;
	}
	return flags;
}

/*
 * A request kexec_load() should accept: one to three small crash segments
 * back to back at the start of the region, entry in the first.  One in
 * four then gets an odd buffer, which only the copy of the buffers can
 * refuse (EFAULT), or which is read from a misaligned address.
 */
static unsigned long gen_valid(struct kexec_segment *seg, unsigned long *entry)
{
	unsigned long i, nr = rnd() % 3 + 1, mem = region_start;

	for (i = 0; i < nr; i++) {
		seg[i].memsz = (rnd() % 4 + 1) * PAGE;
		seg[i].bufsz = rnd() % (seg[i].memsz + 1);
		if (seg[i].bufsz > BUF_PAGES * PAGE)
			seg[i].bufsz = BUF_PAGES * PAGE;
		seg[i].buf = buf;
		seg[i].mem = (const void *)mem;
		mem += seg[i].memsz;
	}
	if (rnd() % 4 == 0) {
		i = rnd() % nr;
		seg[i].buf = gen_odd_buf();
		seg[i].bufsz = seg[i].bufsz ?: PAGE;
	}
	*entry = region_start;
	return nr;
}

static unsigned long gen_any(struct kexec_segment *seg, unsigned long *entry)
{
	unsigned long i, nr = rnd() % (MAX_SEGS + 1);

	for (i = 0; i < nr; i++) {
		seg[i].mem = (const void *)gen_mem();
		seg[i].memsz = gen_size();
		seg[i].bufsz = rnd() % 3 ? rnd() % (BUF_PAGES * PAGE + 1) :
					   gen_size();
		seg[i].buf = gen_buf();
	}
	*entry = nr && rnd() % 2 ? (unsigned long)seg[rnd() % nr].mem :
				   gen_mem();
	return nr;
}

/* The errnos kexec_load() may return; anything else is counted apart. */
static const int known[] = {
	0, EINVAL, EADDRNOTAVAIL, EFAULT, EBUSY, ENOMEM, EPERM,
};

static unsigned long counts[ARRAY_SIZE(known)];
static unsigned long other;

static void count(long ret)
{
	int err = ret ? errno : 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(known); i++)
		if (known[i] == err) {
			counts[i]++;
			return;
		}
	if (!other++)
		fprintf(stderr, "kexec_load_fuzz: unexpected errno %d\n", err);
}

int main(int argc, char **argv)
{
	struct kexec_segment seg[MAX_SEGS];
	unsigned long calls, n, nr, entry, flags;

	if (argc < 2)
		return 2;
	calls = strtoul(argv[1], NULL, 0);
	state = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x6b64756d70ULL;
	find_region();
	buf = mmap(NULL, (BUF_PAGES + 1) * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (buf == MAP_FAILED)
		return 1;
	memset(buf, 0x90, BUF_PAGES * PAGE);
	hole = buf + BUF_PAGES * PAGE;
	munmap(hole, PAGE);
	printf("KDUMP-FUZZ-SEED=%#llx\n", (unsigned long long)state);
	for (n = 0; n < calls; n++) {
		memset(seg, 0, sizeof(seg));
		if (rnd() % 8 == 0) {
			nr = gen_valid(seg, &entry);
			flags = KEXEC_ON_CRASH;
		} else {
			nr = gen_any(seg, &entry);
			flags = gen_flags();
		}
		count(syscall(__NR_kexec_load, entry, nr, seg, flags));
	}
	printf("KDUMP-FUZZ calls=%lu ok=%lu EINVAL=%lu EADDRNOTAVAIL=%lu ",
	       calls, counts[0], counts[1], counts[2]);
	printf("EFAULT=%lu EBUSY=%lu ENOMEM=%lu EPERM=%lu other=%lu\n",
	       counts[3], counts[4], counts[5], counts[6], other);
	return other ? 1 : 0;
}
