// SPDX-License-Identifier: GPL-2.0
/*
 * User-space stand-ins, for the kdump fuzzers only, of the number parsing
 * the crashkernel= parsers use: hex_to_bin() (lib/hexdump.c),
 * simple_strtoull() (lib/vsprintf.c, lib/kstrtox.c) and memparse()
 * (lib/cmdline.c).  Same behaviour as the kernel's: no sign, no leading
 * blanks, silent wrap-around on overflow.
 */
#include <linux/ctype.h>
#include <linux/kernel.h>

int hex_to_bin(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch |= 0x20;
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

/* _parse_integer_fixup_radix() of lib/kstrtox.c */
static const char *fixup_radix(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0') {
			if (_tolower(s[1]) == 'x' && isxdigit(s[2]))
				*base = 16;
			else
				*base = 8;
		} else {
			*base = 10;
		}
	}
	if (*base == 16 && s[0] == '0' && _tolower(s[1]) == 'x')
		s += 2;
	return s;
}

unsigned long long simple_strtoull(const char *cp, char **endp,
				   unsigned int base)
{
	unsigned long long res = 0;
	int val;

	cp = fixup_radix(cp, &base);
	while ((val = hex_to_bin(*cp)) >= 0 && (unsigned int)val < base) {
		res = res * base + val;
		cp++;
	}
	if (endp)
		*endp = (char *)cp;
	return res;
}

unsigned long long memparse(const char *ptr, char **retptr)
{
	char *endptr;
	unsigned long long ret = simple_strtoull(ptr, &endptr, 0);

	switch (*endptr) {
	case 'E':
	case 'e':
		ret <<= 10;
		fallthrough;
	case 'P':
	case 'p':
		ret <<= 10;
		fallthrough;
	case 'T':
	case 't':
		ret <<= 10;
		fallthrough;
	case 'G':
	case 'g':
		ret <<= 10;
		fallthrough;
	case 'M':
	case 'm':
		ret <<= 10;
		fallthrough;
	case 'K':
	case 'k':
		ret <<= 10;
		endptr++;
		fallthrough;
	default:
		break;
	}
	if (retptr)
		*retptr = endptr;
	return ret;
}
