/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/init.h>, for the kdump fuzzers only:
 * no init sections; early_param() only keeps its handler referenced.
 */
#ifndef _FUZZ_SHIM_LINUX_INIT_H
#define _FUZZ_SHIM_LINUX_INIT_H

#define __init
#define __initdata

#define early_param(str, fn)					\
	static int (*const __fuzz_param_##fn)(char *)		\
		__attribute__((unused)) = fn

#endif
