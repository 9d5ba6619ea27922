/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IMA measurement list that a kexec_file_load() image carries to the
 * next kernel.  ima_add_kexec_buffer() (security/integrity/ima) copies the
 * list into a buffer, places it as a segment and records where in the
 * image; the architecture then tells the new kernel: x86 with a SETUP_IMA
 * setup_data entry, arm64 with /chosen "linux,ima-kexec-buffer" and a
 * memory reservation.  Those fields of struct kimage exist only with
 * CONFIG_IMA_KEXEC, so the series reads them through these helpers and
 * needs no #ifdef in a function body.
 */
#ifndef _LINUX_KEXEC_IMA_H
#define _LINUX_KEXEC_IMA_H

#include <linux/kexec.h>
#include <linux/vmalloc.h>

#ifdef CONFIG_IMA_KEXEC
/* Physical address of the measurement list's segment. */
static inline phys_addr_t kexec_ima_addr(const struct kimage *image)
{
	return image->ima_buffer_addr;
}

/* Bytes the segment spans; 0 when the image carries no list. */
static inline size_t kexec_ima_size(const struct kimage *image)
{
	return image->ima_buffer_size;
}

/* Free IMA's copy of the list once the segments are copied. */
static inline void kexec_ima_release(struct kimage *image)
{
	vfree(image->ima_buffer);
	image->ima_buffer = NULL;
}
#else
static inline phys_addr_t kexec_ima_addr(const struct kimage *image)
{
	return 0;
}

static inline size_t kexec_ima_size(const struct kimage *image)
{
	return 0;
}

static inline void kexec_ima_release(struct kimage *image)
{
}
#endif

#endif /* _LINUX_KEXEC_IMA_H */
