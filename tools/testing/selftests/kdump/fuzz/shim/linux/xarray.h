/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/xarray.h>, for the kdump fuzzers only:
 * the type, so that structures embedding one can be declared.
 */
#ifndef _FUZZ_SHIM_LINUX_XARRAY_H
#define _FUZZ_SHIM_LINUX_XARRAY_H

struct xarray {
	void *xa_head;
};

#endif
