/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kernel/kexec KUnit suites share: an empty normal image made
 * the way kexec_load() makes one, from segments that need no user memory.
 */
#ifndef _KERNEL_KEXEC_TESTS_NORMAL_IMAGE_H
#define _KERNEL_KEXEC_TESTS_NORMAL_IMAGE_H

#include <kunit/test.h>
#include <linux/err.h>
#include <linux/mm.h>

#include "../internal.h"

/**
 * kunit_normal_image() - an accepted normal image, not yet loaded
 * @test:	the test; fails it if the request is refused
 * @seg:	the segments, the last one holding the entry point
 * @nr:		how many
 *
 * Context: process context, may sleep; the caller holds the kexec lock.
 * Return: the image, to load with kimage_load_segments() and free with
 * kimage_destroy(); or NULL after failing @test.
 */
static inline struct kimage *kunit_normal_image(struct kunit *test,
						const struct kexec_segment *seg,
						unsigned long nr)
{
	struct kexec_request req = {
		.seg = seg,
		.nr = nr,
		.entry = seg[nr - 1].mem,
		.dest_limit = KEXEC_DESTINATION_MEMORY_LIMIT,
		.ram_pages = totalram_pages(),
	};
	struct kimage *image;

	KUNIT_EXPECT_EQ(test, kexec_check_request(&req), 0);
	image = kimage_create(&req, 0);
	KUNIT_EXPECT_FALSE(test, IS_ERR(image));
	return IS_ERR(image) ? NULL : image;
}

#endif /* _KERNEL_KEXEC_TESTS_NORMAL_IMAGE_H */
