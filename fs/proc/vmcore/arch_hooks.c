// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: architecture hooks and their defaults
 *
 * These are the points where an architecture can change how /proc/vmcore
 * finds the ELF core header and reaches old memory.  Each one here is a
 * weak default that suits an architecture whose header and old memory are
 * plain physical memory; arch code replaces any of them with a strong
 * definition of the same signature (declared in <linux/crash_dump.h>).
 *
 * copy_oldmem_page() has no default: every architecture with crash dump
 * support provides it.  The bulk data path of /proc/vmcore reads through
 * its own window (oldmem.c) and calls copy_oldmem_page() only for the odd
 * page the window cannot map.
 */

#include <linux/cc_platform.h>
#include <linux/crash_dump.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/uio.h>

#include "internal.h"

/**
 * elfcorehdr_alloc() - let the architecture produce the ELF core header
 * @addr: set to the header's physical address if one is produced
 * @size: set to the header's size if one is produced
 *
 * The default leaves elfcorehdr= in charge.
 *
 * Context: Process context, at fs_initcall time.
 * Return: 0, or a negative errno to leave /proc/vmcore out.
 */
int __weak elfcorehdr_alloc(unsigned long long *addr, unsigned long long *size)
{
	return 0;
}

/**
 * elfcorehdr_free() - release what elfcorehdr_alloc() produced
 * @addr: the header's physical address
 *
 * Called once the header has been copied, whether or not it was valid.
 *
 * Context: Process context, at fs_initcall time.
 * Return: nothing.
 */
void __weak elfcorehdr_free(unsigned long long addr)
{
}

static ssize_t read_into_kernel(char *buf, size_t count, u64 *ppos,
				bool encrypted)
{
	struct kvec kvec = { .iov_base = buf, .iov_len = count };
	struct iov_iter iter;

	iov_iter_kvec(&iter, ITER_DEST, &kvec, 1, count);
	return read_from_oldmem(&iter, count, ppos, encrypted);
}

/**
 * elfcorehdr_read() - read bytes of the ELF core header
 * @buf: destination
 * @count: bytes to read
 * @ppos: physical address; advanced by the bytes read
 *
 * In a guest with encrypted memory (SEV), the first kernel wrote the
 * header through an encrypted mapping, so it is read back through one.
 *
 * Context: Process context; may sleep.
 * Return: @count, or a negative errno from read_from_oldmem().
 */
ssize_t __weak elfcorehdr_read(char *buf, size_t count, u64 *ppos)
{
	return read_into_kernel(buf, count, ppos,
				cc_platform_has(CC_ATTR_GUEST_MEM_ENCRYPT));
}

/**
 * elfcorehdr_read_notes() - read bytes of a PT_NOTE segment
 * @buf: destination
 * @count: bytes to read
 * @ppos: physical address; advanced by the bytes read
 *
 * Notes live in old memory, which is encrypted when the old kernel ran
 * with memory encryption.
 *
 * Context: Process context; may sleep.
 * Return: @count, or a negative errno from read_from_oldmem().
 */
ssize_t __weak elfcorehdr_read_notes(char *buf, size_t count, u64 *ppos)
{
	return read_into_kernel(buf, count, ppos,
				cc_platform_has(CC_ATTR_MEM_ENCRYPT));
}

/**
 * remap_oldmem_pfn_range() - map old memory into user space
 * @vma: the mapping
 * @from: user address of the first page
 * @pfn: first page frame of old memory
 * @size: bytes to map, a multiple of PAGE_SIZE
 * @prot: protection of the mapping
 *
 * Context: Process context, from ->mmap(); mmap lock held.
 * Return: 0, or a negative errno from remap_pfn_range().
 */
int __weak remap_oldmem_pfn_range(struct vm_area_struct *vma,
				  unsigned long from, unsigned long pfn,
				  unsigned long size, pgprot_t prot)
{
	return remap_pfn_range(vma, from, pfn, size, pgprot_encrypted(prot));
}

/**
 * copy_oldmem_page_encrypted() - copy from one encrypted page of old memory
 * @iter: destination
 * @pfn: page frame of old memory
 * @csize: bytes to copy, not crossing the end of the page
 * @offset: offset of the first byte within the page
 *
 * The default is for architectures without memory encryption.
 *
 * Context: Process context; may sleep.
 * Return: as copy_oldmem_page().
 */
ssize_t __weak copy_oldmem_page_encrypted(struct iov_iter *iter,
					  unsigned long pfn, size_t csize,
					  unsigned long offset)
{
	return copy_oldmem_page(iter, pfn, csize, offset);
}
