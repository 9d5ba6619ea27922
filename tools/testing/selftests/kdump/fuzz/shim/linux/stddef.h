/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for <linux/stddef.h>, for the kdump fuzzers only. */
#ifndef _FUZZ_SHIM_LINUX_STDDEF_H
#define _FUZZ_SHIM_LINUX_STDDEF_H

#include <stddef.h>

#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))

#endif
