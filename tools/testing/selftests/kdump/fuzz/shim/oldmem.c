// SPDX-License-Identifier: GPL-2.0
/*
 * User-space stand-in for elfcorehdr_read_notes(), for the kdump fuzzers
 * only: "old memory" is the fuzz input, placed at physical address
 * FUZZ_OLDMEM_BASE.  A read that leaves it copies what lies inside and
 * returns the short count, where the kernel's read would fail.  A read
 * that reaches the capture kernel's own memory aborts: the rules must
 * have kept every read out of it.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/crash_dump.h>

static const unsigned char *oldmem;
static size_t oldmem_size;

void fuzz_oldmem_set(const void *mem, size_t size)
{
	oldmem = mem;
	oldmem_size = size;
}

ssize_t elfcorehdr_read_notes(char *buf, size_t count, u64 *ppos)
{
	u64 off = *ppos - FUZZ_OLDMEM_BASE;
	size_t n;

	if (count && fuzz_own_ram_start(*ppos, *ppos + count) < *ppos + count)
		abort();
	if (*ppos < FUZZ_OLDMEM_BASE || off >= oldmem_size)
		return 0;
	n = oldmem_size - off < count ? oldmem_size - off : count;
	memcpy(buf, oldmem + off, n);
	*ppos += n;
	return n;
}

/* As vmcore_own_ram_start() says of [FUZZ_OWN_START, FUZZ_OWN_END). */
u64 fuzz_own_ram_start(u64 start, u64 end)
{
	u64 first = start > FUZZ_OWN_START ? start : FUZZ_OWN_START;

	return first < end && first < FUZZ_OWN_END ? first : end;
}
