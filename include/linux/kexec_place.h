/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Placing kexec_file_load() buffers, beyond kexec_add_buffer() of
 * <linux/kexec.h>: kernel/kexec/place.c.  The kernel-doc is at the
 * definition.
 */
#ifndef _LINUX_KEXEC_PLACE_H
#define _LINUX_KEXEC_PLACE_H

struct kimage;

int kexec_add_copy(struct kimage *image, void *buf, unsigned long len,
		   unsigned long align, unsigned long min, unsigned long max,
		   unsigned long *mem);

#endif /* _LINUX_KEXEC_PLACE_H */
