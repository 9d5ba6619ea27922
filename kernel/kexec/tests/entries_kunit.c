// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the indirection list that kimage_load_segments() builds
 * for a normal image.  Each case loads a real image (zero-filled buffers,
 * so no user memory is needed), then replays the list the way every
 * relocation code reads it and checks that each source page would be
 * copied to the destination its segment names, and that every segment
 * with pages opens with its own IND_DESTINATION.
 */
#include <kunit/test.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/sizes.h>

#include "normal_image.h"

#define MAX_SEGS	3
#define MAX_PAGES	8
#define BASE		SZ_16M

struct entries_case {
	const char *name;
	unsigned long nr;
	struct kexec_segment seg[MAX_SEGS];
};

#define SEG(m, msz) { .mem = BASE + (m), .memsz = (msz) }

static const struct entries_case entries_cases[] = {
	{ "one_segment", 1, { SEG(0, 2 * PAGE_SIZE) } },
	{ "adjacent_segments", 2,
	  { SEG(0, PAGE_SIZE), SEG(PAGE_SIZE, PAGE_SIZE) } },
	/* Z, empty, sits where B starts: B must not follow on from A. */
	{ "empty_segment_at_next_start", 3,
	  { SEG(0, PAGE_SIZE), SEG(2 * PAGE_SIZE, 0),
	    SEG(2 * PAGE_SIZE, PAGE_SIZE) } },
	{ "empty_segment_first", 2,
	  { SEG(4 * PAGE_SIZE, 0), SEG(4 * PAGE_SIZE, PAGE_SIZE) } },
	{ "descending_segments", 2,
	  { SEG(4 * PAGE_SIZE, PAGE_SIZE), SEG(0, PAGE_SIZE) } },
};

static void entries_case_desc(const struct entries_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(entries, entries_cases, entries_case_desc);

/**
 * struct replay - what the relocation code would do with a list
 * @dest:	destination of each IND_SOURCE page, in list order
 * @copies:	how many entries of @dest are used
 * @marks:	every IND_DESTINATION address, in list order
 * @nr_marks:	how many entries of @marks are used
 */
struct replay {
	unsigned long dest[MAX_PAGES];
	unsigned int copies;
	unsigned long marks[MAX_SEGS];
	unsigned int nr_marks;
};

static kimage_entry_t *list_page(kimage_entry_t entry)
{
	return phys_to_virt(boot_phys_to_phys(entry & PAGE_MASK));
}

/* Follow the list as relocate.S does, recording instead of copying. */
static void replay_list(struct kunit *test, struct kimage *image,
			struct replay *r)
{
	kimage_entry_t *slot = &image->head;
	unsigned long cursor = 0;

	for (;;) {
		kimage_entry_t e = *slot++;

		if (e & IND_DONE)
			return;
		if (e & IND_INDIRECTION) {
			slot = list_page(e);
		} else if (e & IND_DESTINATION) {
			if (r->nr_marks == MAX_SEGS)
				break;
			r->marks[r->nr_marks++] = e & PAGE_MASK;
			cursor = e & PAGE_MASK;
		} else if (e & IND_SOURCE) {
			if (r->copies == MAX_PAGES)
				break;
			r->dest[r->copies++] = cursor;
			cursor += PAGE_SIZE;
		}
	}
	/* Not under KUNIT_ASSERT: the caller still holds the kexec lock. */
	KUNIT_FAIL(test, "more than %d destinations or %d pages", MAX_SEGS,
		   MAX_PAGES);
}

static struct kimage *load_image(struct kunit *test,
				 const struct entries_case *c)
{
	struct kimage *image = kunit_normal_image(test, c->seg, c->nr);

	if (image && kimage_load_segments(image, KEXEC_BUFS_KERNEL)) {
		kimage_destroy(image);
		KUNIT_FAIL(test, "kimage_load_segments() failed");
		return NULL;
	}
	return image;
}

static void entries_follow_segments(struct kunit *test)
{
	const struct entries_case *c = test->param_value;
	struct replay r = { };
	unsigned int i, page = 0, mark = 0;
	struct kimage *image;
	unsigned long off;

	KUNIT_ASSERT_TRUE_MSG(test, kexec_lock_try(), "kexec lock busy");
	image = load_image(test, c);
	if (image) {
		replay_list(test, image, &r);
		kimage_destroy(image);
	}
	kexec_lock_drop();
	if (!image)
		return;

	for (i = 0; i < c->nr; i++) {
		if (!c->seg[i].memsz)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, r.marks[mark++], c->seg[i].mem,
				    "segment %u has no destination of its own", i);
		for (off = 0; off < c->seg[i].memsz; off += PAGE_SIZE)
			KUNIT_EXPECT_EQ_MSG(test, r.dest[page++],
					    c->seg[i].mem + off,
					    "page %#lx of segment %u misplaced",
					    off, i);
	}
	KUNIT_EXPECT_EQ(test, r.nr_marks, mark);
	KUNIT_EXPECT_EQ(test, r.copies, page);
}

static struct kunit_case entries_test_cases[] = {
	KUNIT_CASE_PARAM(entries_follow_segments, entries_gen_params),
	{}
};

static struct kunit_suite entries_test_suite = {
	.name = "kexec_entries",
	.test_cases = entries_test_cases,
};

kunit_test_suite(entries_test_suite);
