/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Placing kexec_file_load() buffers, beyond kexec_add_buffer() of
 * <linux/kexec.h>: kernel/kexec/place.c; and the room a crash image's
 * control pages need in the crash region, which an architecture may
 * raise.  The kernel-doc is at the definitions.
 */
#ifndef _LINUX_KEXEC_PLACE_H
#define _LINUX_KEXEC_PLACE_H

struct kimage;

int kexec_add_copy(struct kimage *image, void *buf, unsigned long len,
		   unsigned long align, unsigned long min, unsigned long max,
		   unsigned long *mem);
unsigned long arch_kexec_crash_control_room(const struct kimage *image);

#endif /* _LINUX_KEXEC_PLACE_H */
