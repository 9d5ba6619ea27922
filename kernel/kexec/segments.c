// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: segment validation
 *
 * kexec_load() hands the kernel a list of segments, each a user buffer
 * (buf, bufsz) and a physical destination (mem, memsz).  Nothing in that
 * list is trusted.  Before any memory is allocated and before an image
 * already loaded is touched, the whole request goes through the rules in
 * ``segment_rules[]``, in table order; the first rule that fails decides
 * the errno, which is the one upstream Linux returns for that fault, and
 * the kernel logs one line naming the rule and the segment.
 *
 * After the checks hold, these invariants are what the rest of the core
 * relies on:
 *
 * - every destination range [mem, mem + memsz) is page aligned at both
 *   ends, does not wrap, and ends below the architecture's destination
 *   limit;
 * - no two destination ranges share a byte;
 * - bufsz <= memsz, so copying a buffer never writes past its range;
 * - together the ranges take at most half of this kernel's RAM, so the
 *   source pages that stage them can always be found;
 * - the entry point lies inside a destination range, and for a crash
 *   image every range and the entry point lie inside the crash region,
 *   with at least the request's control_room bytes of it left over for
 *   the image's control pages: KEXEC_CRASH_CONTROL_ROOM, and what the
 *   architecture says its page tables for this machine may take.
 */
#define pr_fmt(fmt) "kexec: " fmt

#include <linux/kernel.h>
#include <linux/kexec.h>
#include <linux/printk.h>

#include "internal.h"

/* What a rule about the request as a whole reports when it fails. */
#define WHOLE_REQUEST LONG_MAX

/**
 * struct segment_rule - one named check of a kexec_load() request
 * @what:	what is wrong when the check fails, for the log
 * @errno:	what kexec_load() returns then
 * @bad:	returns -1 if the request passes, else the index of the first
 *		offending segment, or WHOLE_REQUEST for a rule about the
 *		request as a whole
 */
struct segment_rule {
	const char *what;
	int errno;
	long (*bad)(const struct kexec_request *req);
};

static unsigned long seg_end(const struct kexec_segment *s)
{
	return s->mem + s->memsz;
}

static bool in_window(const struct kexec_request *req, unsigned long addr)
{
	return addr >= req->win_start && addr <= req->win_end;
}

static long crash_entry_outside_window(const struct kexec_request *req)
{
	return req->crash && !in_window(req, req->entry) ? WHOLE_REQUEST : -1;
}

static long range_wraps(const struct kexec_request *req)
{
	unsigned long i;

	for (i = 0; i < req->nr; i++)
		if (seg_end(&req->seg[i]) < req->seg[i].mem)
			return i;
	return -1;
}

static long range_unaligned(const struct kexec_request *req)
{
	unsigned long i;

	for (i = 0; i < req->nr; i++)
		if (!PAGE_ALIGNED(req->seg[i].mem) ||
		    !PAGE_ALIGNED(seg_end(&req->seg[i])))
			return i;
	return -1;
}

static long range_beyond_limit(const struct kexec_request *req)
{
	unsigned long i;

	for (i = 0; i < req->nr; i++)
		if (seg_end(&req->seg[i]) >= req->dest_limit)
			return i;
	return -1;
}

static bool ranges_meet(const struct kexec_segment *a,
			const struct kexec_segment *b)
{
	return a->mem < seg_end(b) && b->mem < seg_end(a);
}

static long ranges_overlap(const struct kexec_request *req)
{
	unsigned long i, j;

	for (i = 1; i < req->nr; i++)
		for (j = 0; j < i; j++)
			if (ranges_meet(&req->seg[i], &req->seg[j]))
				return i;
	return -1;
}

static long buffer_larger_than_range(const struct kexec_request *req)
{
	unsigned long i;

	for (i = 0; i < req->nr; i++)
		if (req->seg[i].bufsz > req->seg[i].memsz)
			return i;
	return -1;
}

static long segment_too_big(const struct kexec_request *req)
{
	unsigned long i;

	for (i = 0; i < req->nr; i++)
		if (req->seg[i].memsz >> PAGE_SHIFT > req->ram_pages / 2)
			return i;
	return -1;
}

static long image_too_big(const struct kexec_request *req)
{
	unsigned long i, pages = 0;

	for (i = 0; i < req->nr; i++)
		pages += req->seg[i].memsz >> PAGE_SHIFT;
	return pages > req->ram_pages / 2 ? WHOLE_REQUEST : -1;
}

static long range_outside_window(const struct kexec_request *req)
{
	unsigned long i;

	for (i = 0; req->crash && i < req->nr; i++)
		if (!in_window(req, req->seg[i].mem) ||
		    (req->seg[i].memsz &&
		     !in_window(req, seg_end(&req->seg[i]) - 1)))
			return i;
	return -1;
}

/*
 * A crash image's control pages (relocation code, its page tables, the
 * VMCOREINFO copy) are taken from the crash region after the old image
 * is unloaded; without room for them the load would fail only then, with
 * the old capture kernel already gone.
 */
static long no_control_room(const struct kexec_request *req)
{
	unsigned long i, room = req->win_end - req->win_start + 1;

	if (!req->crash)
		return -1;
	/* Earlier rules: every range is inside the region, none overlap. */
	for (i = 0; i < req->nr; i++)
		room -= req->seg[i].memsz;
	return room < req->control_room ? WHOLE_REQUEST : -1;
}

static long entry_outside_segments(const struct kexec_request *req)
{
	unsigned long i;

	for (i = 0; i < req->nr; i++)
		if (req->entry >= req->seg[i].mem &&
		    req->entry < seg_end(&req->seg[i]))
			return -1;
	return WHOLE_REQUEST;
}

/* Upstream's order, so a request with several faults gets its errno. */
static const struct segment_rule segment_rules[] = {
	{ "crash entry point outside the crash kernel region",
	  EADDRNOTAVAIL, crash_entry_outside_window },
	{ "destination range wraps around", EADDRNOTAVAIL, range_wraps },
	{ "destination range not page aligned",
	  EADDRNOTAVAIL, range_unaligned },
	{ "destination range beyond the architecture's limit",
	  EADDRNOTAVAIL, range_beyond_limit },
	{ "destination range overlaps an earlier one", EINVAL, ranges_overlap },
	{ "bufsz larger than memsz", EINVAL, buffer_larger_than_range },
	{ "segment larger than half of RAM", EINVAL, segment_too_big },
	{ "segments larger than half of RAM", EINVAL, image_too_big },
	{ "crash segment outside the crash kernel region",
	  EADDRNOTAVAIL, range_outside_window },
	{ "entry point outside every segment",
	  EADDRNOTAVAIL, entry_outside_segments },
	{ "no room left in the crash kernel region for control pages",
	  ENOMEM, no_control_room },
};

/**
 * kexec_judge_request() - find the first segment rule a request breaks
 * @req: the request; see struct kexec_request
 *
 * Applies the rules of ``segment_rules[]`` in order and stops at the
 * first that fails.  Logs nothing: kexec_check_request() does.
 *
 * Context: any; reads only @req.
 * Return: the verdict; its @err is 0 or one of the errnos listed for
 * kexec_check_request().
 */
struct kexec_verdict kexec_judge_request(const struct kexec_request *req)
{
	const struct segment_rule *rule;
	long bad;

	for (rule = segment_rules;
	     rule < segment_rules + ARRAY_SIZE(segment_rules); rule++) {
		bad = rule->bad(req);
		if (bad >= 0)
			return (struct kexec_verdict) {
				.err = -rule->errno,
				.why = rule->what,
				.seg = bad == WHOLE_REQUEST ? -1 : bad,
			};
	}
	return (struct kexec_verdict) { .seg = -1 };
}

/**
 * kexec_check_request() - judge a kexec_load() request before acting on it
 * @req: the request; see struct kexec_request
 *
 * Judges @req with kexec_judge_request() and, if a rule fails, logs one
 * line that names it and the segment.
 *
 * Context: any; reads only @req.
 * Return: 0 if the request may be loaded; -EADDRNOTAVAIL for a range
 * that wraps, is unaligned, is beyond the destination limit or (crash
 * images) outside the crash region, or an entry point outside the
 * segments or the crash region; -EINVAL for overlapping ranges, a buffer
 * larger than its range, or an image larger than half of RAM; -ENOMEM
 * for a crash image that leaves no room for its control pages.
 */
int kexec_check_request(const struct kexec_request *req)
{
	struct kexec_verdict v = kexec_judge_request(req);

	if (!v.err)
		return 0;
	if (v.seg < 0)
		pr_warn_ratelimited("refused: %s\n", v.why);
	else
		pr_warn_ratelimited("refused: %s (segment %ld)\n",
				    v.why, v.seg);
	return v.err;
}

/**
 * kexec_range_hits_segments() - does a physical range meet a destination?
 * @image:	an image whose segments passed kexec_check_request()
 * @start:	first byte of the range (boot physical)
 * @size:	length of the range in bytes, not zero
 *
 * Context: any.
 * Return: true if some byte of the range is a destination byte.
 */
bool kexec_range_hits_segments(const struct kimage *image,
			       unsigned long start, unsigned long size)
{
	struct kexec_segment range = { .mem = start, .memsz = size };
	unsigned long i;

	for (i = 0; i < image->nr_segments; i++)
		if (ranges_meet(&range, &image->segment[i]))
			return true;
	return false;
}
