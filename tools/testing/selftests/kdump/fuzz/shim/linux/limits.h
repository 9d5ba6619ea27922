/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/limits.h>, for the kdump fuzzers only.
 * ULLONG_MAX and friends come from the C library's <limits.h>, SIZE_MAX
 * from its <stdint.h>.
 */
#ifndef _FUZZ_SHIM_LINUX_LIMITS_H
#define _FUZZ_SHIM_LINUX_LIMITS_H

#include <limits.h>
#include <stdint.h>
#include <linux/types.h>

#define U64_MAX		((u64)~0ULL)
#define PHYS_ADDR_MAX	(~(phys_addr_t)0)

#endif
