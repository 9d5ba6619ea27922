// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for how old memory is told from the capture kernel's own
 * (oldmem.c).  The test kernel's RAM plays the capture kernel's: a
 * buffer it allocates is its own memory, which vmcore_own_ram_start()
 * must find, which a segment read must show as zeros, and which a header
 * read (the ELF core header sits in reserved RAM on arm64) still sees.
 * A page that System RAM covers only in part is not its own.
 *
 * Run with: ./tools/testing/kunit/kunit.py run --arch=x86_64 \
 *	--kunitconfig=fs/proc/vmcore/tests
 */

#include <kunit/test.h>
#include <linux/crash_dump.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <linux/vmalloc.h>

#include "../internal.h"

/* Long enough for the read to try a window before going page by page. */
#define TEST_LEN	SZ_64K
#define TEST_BYTE	0xa5
/* What walk_system_ram_res() looks for. */
#define TEST_RAM_FLAGS	(IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY)

static int note_ram_end(struct resource *res, void *arg)
{
	u64 *top = arg;

	*top = max_t(u64, *top, res->end + 1);
	return 0;
}

/* End of the highest System RAM: nothing above it is anyone's RAM. */
static u64 ram_top(void)
{
	u64 top = 0;

	walk_system_ram_res(0, VMCORE_PADDR_END - 1, &top, note_ram_end);
	return top;
}

/* A buffer of the test kernel's own RAM, filled with TEST_BYTE. */
static void *own_buffer(struct kunit *test)
{
	void *buf = kunit_kmalloc(test, TEST_LEN, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_TRUE(test, PAGE_ALIGNED(buf));
	memset(buf, TEST_BYTE, TEST_LEN);
	return buf;
}

static void oldmem_test_own_ram_found(struct kunit *test)
{
	u64 pa = virt_to_phys(own_buffer(test));

	KUNIT_EXPECT_EQ(test, vmcore_own_ram_start(pa, pa + TEST_LEN), pa);
	KUNIT_EXPECT_EQ(test, vmcore_own_ram_start(pa + 0x10, pa + 0x20),
			pa + 0x10);
	/* One byte: the resource walk itself refuses such a range. */
	KUNIT_EXPECT_EQ(test, vmcore_own_ram_start(pa + 5, pa + 6), pa + 5);
}

static void oldmem_test_beyond_ram_is_old(struct kunit *test)
{
	u64 top = ram_top();

	KUNIT_ASSERT_GT(test, top, (u64)PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, vmcore_own_ram_start(top, top + SZ_2M),
			top + SZ_2M);
	KUNIT_EXPECT_EQ(test, vmcore_own_ram_start(top - PAGE_SIZE,
						   top + PAGE_SIZE),
			top - PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, vmcore_own_ram_start(top - 1, top + 1), top - 1);
}

/*
 * RAM that covers a page only in part is not the kernel's own: it never
 * uses such a page.  Two made-up System RAM ranges above the real RAM,
 * the first covering no page whole, the second one page.
 */
static void oldmem_test_partial_pages_not_own(struct kunit *test)
{
	u64 p = PAGE_SIZE, at = round_up(ram_top(), SZ_1G) + SZ_1G;
	struct resource part = DEFINE_RES_NAMED(at + p / 2, p, "System RAM",
						TEST_RAM_FLAGS);
	struct resource one = DEFINE_RES_NAMED(at + 5 * p / 2, 2 * p,
					       "System RAM", TEST_RAM_FLAGS);

	KUNIT_ASSERT_EQ(test, insert_resource(&iomem_resource, &part), 0);
	if (insert_resource(&iomem_resource, &one)) {
		release_resource(&part);
		KUNIT_FAIL(test, "cannot insert the second range");
		return;
	}
	KUNIT_EXPECT_EQ(test, vmcore_own_ram_start(at, at + 3 * p), at + 3 * p);
	KUNIT_EXPECT_EQ(test, vmcore_own_ram_start(at, at + 8 * p), at + 3 * p);
	KUNIT_EXPECT_EQ(test, vmcore_own_ram_start(at + 7 * p / 2, at + 8 * p),
			at + 7 * p / 2);
	KUNIT_EXPECT_EQ(test, vmcore_own_ram_start(at + 4 * p, at + 8 * p),
			at + 8 * p);
	release_resource(&one);
	release_resource(&part);
}

/* The capture kernel reserves all of it, and loaders may dump it there. */
static void oldmem_test_x86_low_mib_is_shared(struct kunit *test)
{
	if (!IS_ENABLED(CONFIG_X86))
		kunit_skip(test, "only x86 shares its first 1 MiB");
	KUNIT_EXPECT_EQ(test, vmcore_own_ram_start(0, SZ_1M), (u64)SZ_1M);
	KUNIT_EXPECT_EQ(test, vmcore_own_ram_start(SZ_4K, SZ_1M + SZ_4K),
			(u64)SZ_1M);
}

/* Read TEST_LEN bytes at @pa into a fresh buffer, one way or the other. */
static u8 *read_back(struct kunit *test, u64 pa, bool segment)
{
	u8 *dst = kunit_kzalloc(test, TEST_LEN, GFP_KERNEL);
	struct kvec kv = { .iov_base = dst, .iov_len = TEST_LEN };
	struct iov_iter iter;
	u64 pos = pa;
	ssize_t n;

	KUNIT_ASSERT_NOT_NULL(test, dst);
	memset(dst, ~TEST_BYTE, TEST_LEN);
	iov_iter_kvec(&iter, ITER_DEST, &kv, 1, TEST_LEN);
	if (segment)
		n = vmcore_oldmem_read(&iter, pa, TEST_LEN, pa, pa + TEST_LEN);
	else
		n = read_from_oldmem(&iter, TEST_LEN, &pos, false);
	vmcore_oldmem_release();
	KUNIT_EXPECT_EQ(test, n, (ssize_t)TEST_LEN);
	return dst;
}

static void oldmem_test_segment_read_hides_own_ram(struct kunit *test)
{
	u8 *got = read_back(test, virt_to_phys(own_buffer(test)), true);

	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(got, 0, TEST_LEN), NULL);
}

static void oldmem_test_header_read_sees_own_ram(struct kunit *test)
{
	u8 *got = read_back(test, virt_to_phys(own_buffer(test)), false);

	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(got, TEST_BYTE, TEST_LEN), NULL);
}

static struct kunit_case oldmem_test_cases[] = {
	KUNIT_CASE(oldmem_test_own_ram_found),
	KUNIT_CASE(oldmem_test_beyond_ram_is_old),
	KUNIT_CASE(oldmem_test_partial_pages_not_own),
	KUNIT_CASE(oldmem_test_x86_low_mib_is_shared),
	KUNIT_CASE(oldmem_test_segment_read_hides_own_ram),
	KUNIT_CASE(oldmem_test_header_read_sees_own_ram),
	{}
};

static struct kunit_suite oldmem_test_suite = {
	.name = "vmcore_oldmem",
	.test_cases = oldmem_test_cases,
};

kunit_test_suite(oldmem_test_suite);
