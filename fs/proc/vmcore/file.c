// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: the /proc/vmcore file
 *
 * /proc/vmcore (mode 0400, size set to the file size) presents a struct
 * vmcore_image built by layout.c.  File offsets below head_size are served
 * from the head buffer; offsets above it fall in exactly one chunk and are
 * served from old memory through the window in oldmem.c.
 *
 * read_iter: any offset and length; pread() works, reads stop at the end
 * of the file.  mmap: read-only and not executable (VM_MAYWRITE and
 * VM_MAYEXEC are dropped, so mprotect() cannot add them back), at any
 * page-aligned offset inside the file, head included.  Head pages are
 * inserted from the vmalloc_user() buffer; old memory is mapped with
 * remap_oldmem_pfn_range(), except that pages a vmcore callback disowns
 * are backed by the zero page.  On error the mmap core tears down what
 * was mapped so far.
 *
 * Lifetime: vmcore_live is set once, before the proc entry exists, and
 * cleared after proc_remove() has waited for every running file operation,
 * so file operations never see it change.
 */

#include <linux/crash_dump.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/proc_fs.h>
#include <linux/uio.h>
#include <linux/vmalloc.h>

#include "internal.h"

static struct proc_dir_entry *vmcore_pde;
static const struct vmcore_image *vmcore_live;

static int vmcore_open(struct inode *inode, struct file *file)
{
	vmcore_cb_note_open();
	return 0;
}

static ssize_t read_head(const struct vmcore_image *img,
			 struct iov_iter *iter, u64 pos, size_t len)
{
	len = min_t(u64, len, img->head_size - pos);
	return copy_to_iter(img->head + pos, len, iter) == len ? len : -EFAULT;
}

static ssize_t read_chunk(const struct vmcore_image *img,
			  struct iov_iter *iter, u64 pos, size_t len)
{
	const struct vmcore_chunk *c = vmcore_layout_find(img, pos);
	u64 skip;

	if (WARN_ON_ONCE(!c))
		return -EIO;
	skip = pos - c->file_off;
	len = min_t(u64, len, c->size - skip);
	return vmcore_oldmem_read(iter, c->paddr + skip, len, c->paddr,
				  c->paddr + c->size);
}

static ssize_t vmcore_read_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	const struct vmcore_image *img = vmcore_live;
	u64 pos = iocb->ki_pos;
	ssize_t n = 0;
	size_t done;

	for (done = 0; iov_iter_count(iter) && pos < img->size; done += n) {
		size_t want = min_t(u64, iov_iter_count(iter), img->size - pos);

		if (pos < img->head_size)
			n = read_head(img, iter, pos, want);
		else
			n = read_chunk(img, iter, pos, want);
		if (n < 0)
			break;
		pos += n;
	}
	iocb->ki_pos = pos;
	return done ? done : min_t(ssize_t, n, 0);
}

static int map_head(const struct vmcore_image *img, struct vm_area_struct *vma,
		    unsigned long uaddr, u64 pos, u64 len)
{
	len = min_t(u64, len, img->head_size - pos);
	return remap_vmalloc_range_partial(vma, uaddr, img->head + pos, 0, len);
}

/* Map @npages of old memory at @pfn, all RAM or all disowned. */
static int map_run(struct vm_area_struct *vma, unsigned long uaddr,
		   unsigned long pfn, unsigned long npages, bool ram)
{
	unsigned long i;
	int err = 0;

	if (ram)
		return remap_oldmem_pfn_range(vma, uaddr, pfn,
					      npages << PAGE_SHIFT,
					      vma->vm_page_prot);
	for (i = 0; i < npages && !err; i++, uaddr += PAGE_SIZE)
		err = remap_pfn_range(vma, uaddr, my_zero_pfn(uaddr),
				      PAGE_SIZE, vma->vm_page_prot);
	return err;
}

/* Length of the run at @pfn whose pages the callbacks judge alike. */
static unsigned long run_length(unsigned long pfn, unsigned long max,
				bool *ram)
{
	unsigned long n = 1;

	*ram = vmcore_cb_pfn_is_ram(pfn);
	while (n < max && vmcore_cb_pfn_is_ram(pfn + n) == *ram)
		n++;
	return n;
}

static int map_checked(struct vm_area_struct *vma, unsigned long uaddr,
		       unsigned long pfn, unsigned long npages)
{
	unsigned long run;
	bool ram;
	int err;

	for (; npages; npages -= run, pfn += run, uaddr += run << PAGE_SHIFT) {
		run = run_length(pfn, npages, &ram);
		err = map_run(vma, uaddr, pfn, run, ram);
		if (err)
			return err;
	}
	return 0;
}

static int map_chunk(const struct vmcore_image *img,
		     struct vm_area_struct *vma, unsigned long uaddr,
		     u64 pos, u64 *len)
{
	const struct vmcore_chunk *c = vmcore_layout_find(img, pos);
	unsigned long pfn;
	bool active;
	int err, idx;

	if (WARN_ON_ONCE(!c))
		return -EIO;
	*len = min(*len, c->size - (pos - c->file_off));
	pfn = PHYS_PFN(c->paddr + (pos - c->file_off));
	idx = vmcore_cb_begin(&active);
	if (active)
		err = map_checked(vma, uaddr, pfn, *len >> PAGE_SHIFT);
	else
		err = map_run(vma, uaddr, pfn, *len >> PAGE_SHIFT, true);
	vmcore_cb_end(idx);
	return err;
}

static int map_range(const struct vmcore_image *img,
		     struct vm_area_struct *vma, u64 pos)
{
	unsigned long uaddr = vma->vm_start;
	u64 len;
	int err;

	for (; uaddr < vma->vm_end; uaddr += len, pos += len) {
		len = vma->vm_end - uaddr;
		if (pos < img->head_size) {
			len = min_t(u64, len, img->head_size - pos);
			err = map_head(img, vma, uaddr, pos, len);
		} else {
			err = map_chunk(img, vma, uaddr, pos, &len);
		}
		if (err)
			return err;
	}
	return 0;
}

static int vmcore_mmap(struct file *file, struct vm_area_struct *vma)
{
	const struct vmcore_image *img = vmcore_live;
	u64 pos = (u64)vma->vm_pgoff << PAGE_SHIFT;
	u64 len = vma->vm_end - vma->vm_start;

	if (pos >= img->size || len > img->size - pos)
		return -EINVAL;
	if (vma->vm_flags & (VM_WRITE | VM_EXEC))
		return -EPERM;
	vma->vm_flags &= ~(VM_MAYWRITE | VM_MAYEXEC);
	vma->vm_flags |= VM_MIXEDMAP;
	return map_range(img, vma, pos);
}

static const struct proc_ops vmcore_proc_ops = {
	.proc_open	= vmcore_open,
	.proc_read_iter	= vmcore_read_iter,
	.proc_lseek	= default_llseek,
	.proc_mmap	= vmcore_mmap,
};

/**
 * vmcore_file_create() - publish an image as /proc/vmcore
 * @img: the image; must stay valid until vmcore_file_remove() returns
 *
 * Context: Process context; may sleep.
 * Return: 0, or -ENOMEM if the proc entry could not be created.
 */
int vmcore_file_create(struct vmcore_image *img)
{
	vmcore_live = img;
	vmcore_pde = proc_create("vmcore", 0400, NULL, &vmcore_proc_ops);
	if (!vmcore_pde) {
		vmcore_live = NULL;
		return -ENOMEM;
	}
	proc_set_size(vmcore_pde, img->size);
	return 0;
}

/**
 * vmcore_file_remove() - withdraw /proc/vmcore
 *
 * Waits for file operations in progress; existing mappings stay valid.
 * Harmless when the file does not exist.
 *
 * Context: Process context; may sleep.
 * Return: nothing.
 */
void vmcore_file_remove(void)
{
	if (!vmcore_pde)
		return;
	proc_remove(vmcore_pde);
	vmcore_pde = NULL;
	vmcore_live = NULL;
}
