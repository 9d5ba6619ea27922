/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/printk.h>, for the kdump fuzzers only.
 * Messages are formatted into fuzz_printk_last (so the sanitizers check
 * every argument) and counted, never printed.
 */
#ifndef _FUZZ_SHIM_LINUX_PRINTK_H
#define _FUZZ_SHIM_LINUX_PRINTK_H

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

extern unsigned long fuzz_printk_count;
extern char fuzz_printk_last[4096];

void fuzz_printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define pr_err(fmt, ...)	fuzz_printk(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	fuzz_printk(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	fuzz_printk(pr_fmt(fmt), ##__VA_ARGS__)

#endif
