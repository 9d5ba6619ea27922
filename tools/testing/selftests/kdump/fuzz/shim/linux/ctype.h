/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/ctype.h>, for the kdump fuzzers only.
 * As lib/ctype.c, isspace() is also true for 0xa0 (Latin-1 no-break
 * space); the Latin-1 letters of the kernel's table are left out because
 * no case mapping of theirs yields an ASCII letter, which is all that the
 * code under test compares against.
 */
#ifndef _FUZZ_SHIM_LINUX_CTYPE_H
#define _FUZZ_SHIM_LINUX_CTYPE_H

static inline int kshim_isspace(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0;
}

static inline int kshim_isxdigit(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
					  (c | 0x20) <= 'f');
}

static inline unsigned char kshim_tolower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static inline unsigned char kshim_toupper(unsigned char c)
{
	return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

#define isspace(c)	kshim_isspace(c)
#define isxdigit(c)	kshim_isxdigit(c)
#define tolower(c)	kshim_tolower(c)
#define toupper(c)	kshim_toupper(c)
#define _tolower(c)	((c) | 0x20)

#endif
