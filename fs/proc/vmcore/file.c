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
 * remap_oldmem_pfn_range(), except that pages a vmcore callback disowns,
 * and pages holding the capture kernel's own memory (see oldmem.c), are
 * backed by the zero page.  On error the mmap core tears down what
 * was mapped so far.  mmap drops the read path's cached window first
 * (see vmcore_mmap()); a window another reader is copying from at that
 * very moment can still make a mapping across two chunks fail on x86,
 * with -EINVAL, and the caller may retry.
 *
 * State: one struct vmcore_file, whose mutex serialises creating,
 * opening, growing and removing the file.  File operations other than
 * open read the image without the lock, which is safe because the image
 * is frozen before anything can read it:
 *
 * - until the first open, vmcore_file_add_note() may replace the image
 *   with a grown copy (a driver adding its device dump while the capture
 *   kernel boots);
 * - the first open sets @opened under the mutex; from then on the image
 *   never changes, and a late device dump is refused with -EBUSY, since
 *   moving the data under a reader that has read the headers would
 *   corrupt its dump;
 * - vmcore_file_remove() frees the image only after proc_remove() has
 *   waited for every running file operation; it calls proc_remove()
 *   without the mutex, since an open it waits for takes the mutex.
 */

#include <linux/crash_dump.h>
#include <linux/fs.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/uio.h>
#include <linux/vmalloc.h>

#include "internal.h"

/**
 * struct vmcore_file - the published file
 * @lock: serialises publication, open, growth and removal
 * @pde: the proc entry; NULL while there is no file
 * @img: the image it shows, owned here while @pde is set
 * @opened: the file has been opened: @img is frozen
 */
static struct vmcore_file {
	struct mutex lock;	/* see @lock above */
	struct proc_dir_entry *pde;
	struct vmcore_image img;
	bool opened;
} vmcore_file = {
	.lock = __MUTEX_INITIALIZER(vmcore_file.lock),
};

static int vmcore_open(struct inode *inode, struct file *file)
{
	mutex_lock(&vmcore_file.lock);
	vmcore_file.opened = true;
	/* proc_set_size() reaches new inodes only; a cached one may be older. */
	i_size_write(inode, vmcore_file.img.size);
	mutex_unlock(&vmcore_file.lock);
	file->private_data = &vmcore_file.img;
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
	const struct vmcore_image *img = iocb->ki_filp->private_data;
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

/**
 * struct map_checks - what decides, page by page, how a chunk is mapped
 * @ask_cb: the vmcore callbacks may disown pages
 * @own: the chunk holds some of the capture kernel's own memory
 */
struct map_checks {
	bool ask_cb;
	bool own;
};

/* Is @pfn mapped as old memory, rather than as the zero page? */
static bool page_is_old(unsigned long pfn, const struct map_checks *mc)
{
	u64 pa = PFN_PHYS(pfn);

	if (mc->ask_cb && !vmcore_cb_pfn_is_ram(pfn))
		return false;
	return !mc->own ||
	       vmcore_own_ram_start(pa, pa + PAGE_SIZE) == pa + PAGE_SIZE;
}

/* Length of the run at @pfn whose pages the checks judge alike. */
static unsigned long run_length(unsigned long pfn, unsigned long max,
				const struct map_checks *mc, bool *ram)
{
	unsigned long n = 1;

	*ram = page_is_old(pfn, mc);
	while (n < max && page_is_old(pfn + n, mc) == *ram)
		n++;
	return n;
}

static int map_checked(struct vm_area_struct *vma, unsigned long uaddr,
		       unsigned long pfn, unsigned long npages,
		       const struct map_checks *mc)
{
	unsigned long run;
	bool ram;
	int err;

	for (; npages; npages -= run, pfn += run, uaddr += run << PAGE_SHIFT) {
		run = run_length(pfn, npages, mc, &ram);
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
	struct map_checks mc;
	u64 pa;
	int err, idx;

	if (WARN_ON_ONCE(!c))
		return -EIO;
	*len = min(*len, c->size - (pos - c->file_off));
	pa = c->paddr + (pos - c->file_off);
	mc.own = vmcore_own_ram_start(pa, pa + *len) < pa + *len;
	idx = vmcore_cb_begin(&mc.ask_cb);
	if (mc.ask_cb || mc.own)
		err = map_checked(vma, uaddr, PHYS_PFN(pa), *len >> PAGE_SHIFT,
				  &mc);
	else
		err = map_run(vma, uaddr, PHYS_PFN(pa), *len >> PAGE_SHIFT,
			      true);
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
	const struct vmcore_image *img = file->private_data;
	u64 pos = (u64)vma->vm_pgoff << PAGE_SHIFT;
	u64 len = vma->vm_end - vma->vm_start;

	if (pos >= img->size || len > img->size - pos)
		return -EINVAL;
	if (vma->vm_flags & (VM_WRITE | VM_EXEC))
		return -EPERM;
	vma->vm_flags &= ~(VM_MAYWRITE | VM_MAYEXEC);
	vma->vm_flags |= VM_MIXEDMAP;
	/*
	 * A mapping that spans two chunks is made in parts, and x86 PAT
	 * wants one memory type over each part: a read window still mapping
	 * some of its pages (ioremap, WB) and not the rest (no entry, UC-)
	 * fails it with -EINVAL.  Drop the cached window first.
	 */
	vmcore_oldmem_release();
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
 * @img: the image; on success it belongs to the file and @img is emptied
 *
 * Context: Process context; may sleep.
 * Return: 0; -EEXIST if the file exists or is being removed; -ENOMEM if
 * the proc entry could not be created (@img is then still the caller's).
 */
int vmcore_file_create(struct vmcore_image *img)
{
	struct proc_dir_entry *pde;
	int err = 0;

	mutex_lock(&vmcore_file.lock);
	if (vmcore_file.pde || vmcore_file.img.head) {
		err = -EEXIST;
		goto unlock;
	}
	vmcore_file.img = *img;
	vmcore_file.opened = false;
	pde = proc_create("vmcore", 0400, NULL, &vmcore_proc_ops);
	if (!pde) {
		vmcore_file.img = (struct vmcore_image){};
		err = -ENOMEM;
		goto unlock;
	}
	proc_set_size(pde, img->size);
	vmcore_file.pde = pde;
	*img = (struct vmcore_image){};
unlock:
	mutex_unlock(&vmcore_file.lock);
	return err;
}

/* Replace the image with a grown copy whose new notes @fill writes. */
static int grow_locked(size_t len, vmcore_fill_fn fill, void *arg,
		       const char **why)
{
	struct vmcore_image grown;
	void *room;
	int err;

	lockdep_assert_held(&vmcore_file.lock);
	err = vmcore_layout_grow_notes(&grown, &vmcore_file.img, len, &room,
				       why);
	if (err)
		return err;
	err = fill(room, arg);
	if (err) {
		*why = "the note could not be written";
		vmcore_layout_free(&grown);
		return err;
	}
	vmcore_layout_free(&vmcore_file.img);
	vmcore_file.img = grown;
	proc_set_size(vmcore_file.pde, grown.size);
	return 0;
}

/**
 * vmcore_file_add_note() - append a note to /proc/vmcore before it is read
 * @len: bytes of the note, a multiple of 4
 * @fill: writes the note into the zeroed room it is given; called with
 *        the file's lock held, so it must not touch /proc/vmcore
 * @arg: passed to @fill
 * @why: set to what is wrong on error
 *
 * The note goes after the ones already there, and the PT_NOTE grows to
 * cover it.  Nothing changes unless every step succeeds.
 *
 * Context: Process context; may sleep.
 * Return: 0; -ENODEV if there is no /proc/vmcore; -EBUSY if it has been
 * opened; the errors of vmcore_layout_grow_notes(); the error @fill
 * returned.
 */
int vmcore_file_add_note(size_t len, vmcore_fill_fn fill, void *arg,
			 const char **why)
{
	int err;

	mutex_lock(&vmcore_file.lock);
	if (!vmcore_file.pde) {
		*why = "there is no /proc/vmcore";
		err = -ENODEV;
	} else if (vmcore_file.opened) {
		*why = "/proc/vmcore has been opened already";
		err = -EBUSY;
	} else {
		err = grow_locked(len, fill, arg, why);
	}
	mutex_unlock(&vmcore_file.lock);
	return err;
}

/**
 * vmcore_file_remove() - withdraw /proc/vmcore and free its image
 *
 * Waits for file operations in progress; existing mappings stay valid.
 * Harmless when the file does not exist.
 *
 * Context: Process context; may sleep.
 * Return: nothing.
 */
void vmcore_file_remove(void)
{
	struct proc_dir_entry *pde;

	mutex_lock(&vmcore_file.lock);
	pde = vmcore_file.pde;
	vmcore_file.pde = NULL;
	mutex_unlock(&vmcore_file.lock);
	if (!pde)
		return;
	/* Not under the lock: an open that proc_remove() waits for takes it. */
	proc_remove(pde);
	mutex_lock(&vmcore_file.lock);
	vmcore_layout_free(&vmcore_file.img);
	mutex_unlock(&vmcore_file.lock);
}
