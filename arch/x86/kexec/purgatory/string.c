// SPDX-License-Identifier: GPL-2.0
/*
 * memcpy() and memset() for the purgatory: lib/crypto/sha256.c calls them,
 * and the compiler may emit calls to them for copies and clears of its
 * own.  They are string instructions, so the compiler cannot recognise a
 * copy loop in them and turn it back into a call to themselves.
 */
#include <linux/string.h>

void *memcpy(void *dst, const void *src, size_t len)
{
	void *ret = dst;

	asm volatile("rep movsb"
		     : "+D" (dst), "+S" (src), "+c" (len)
		     : : "memory");
	return ret;
}

void *memset(void *dst, int c, size_t len)
{
	void *ret = dst;

	asm volatile("rep stosb"
		     : "+D" (dst), "+c" (len)
		     : "a" (c) : "memory");
	return ret;
}
