/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/stdarg.h>, for the kdump fuzzers only:
 * va_list and its macros come from the compiler's <stdarg.h>.
 */
#ifndef _FUZZ_SHIM_LINUX_STDARG_H
#define _FUZZ_SHIM_LINUX_STDARG_H

#include <stdarg.h>

#endif
