// SPDX-License-Identifier: GPL-2.0
/*
 * User-space stand-in for printk(), for the kdump fuzzers only: each
 * message is formatted (so that its arguments are read under the
 * sanitizers), kept as the last message, and counted.
 */
#include <stdarg.h>
#include <stdio.h>
#include <linux/printk.h>

unsigned long fuzz_printk_count;
char fuzz_printk_last[4096];

void fuzz_printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fuzz_printk_last, sizeof(fuzz_printk_last), fmt, ap);
	va_end(ap);
	fuzz_printk_count++;
}
