/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for <linux/bug.h>, for the kdump fuzzers only. */
#ifndef _FUZZ_SHIM_LINUX_BUG_H
#define _FUZZ_SHIM_LINUX_BUG_H

#include <stdlib.h>

#define BUG_ON(cond)	do { if (cond) abort(); } while (0)

#endif
