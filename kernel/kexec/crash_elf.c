// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: the ELF core header of a kexec_file_load() crash image
 *
 * kexec_load() is handed the ELF core header (elfcorehdr) by user space;
 * for a crash image loaded with kexec_file_load() the kernel writes it.
 * The capture kernel turns it into /proc/vmcore, and makedumpfile and
 * crash read it from there, so its shape is ABI: it is the header
 * kexec-tools writes and that upstream Linux writes.
 *
 * The input is a struct crash_mem: up to max_nr_ranges physical ranges,
 * each inclusive at both ends.  An architecture fills it with every
 * System RAM range (crash_mem_of_system_ram()), takes out what must not
 * be dumped, such as the crash kernel region, with
 * crash_exclude_mem_range(), and passes the rest to
 * crash_prepare_elf64_headers().
 *
 * Invariants of a list:
 *
 * - nr_ranges <= max_nr_ranges, and start <= end in every range; both
 *   functions refuse a list that breaks them with -EINVAL;
 * - for crash_exclude_mem_range() the ranges are also sorted by address
 *   and share no byte.  crash_mem_of_system_ram() makes such lists and
 *   an exclusion keeps them so;
 * - an exclusion removes the excluded bytes from every range they meet,
 *   not only from the first (upstream Linux 6.1 stops after the first
 *   range it trims or splits, leaving the others in the dump);
 * - because ranges are disjoint, an exclusion that falls strictly inside
 *   one range meets no other: it splits that range and needs one free
 *   slot.  Without one it fails with -ENOMEM and the list is unchanged;
 *   an exclusion either happens entirely or not at all.
 *
 * The header is ELF64, ET_CORE, with this kernel's e_machine, byte order
 * and EI_OSABI, no section headers, and program headers in this order:
 *
 * - one PT_NOTE per possible CPU, the CPU's ``crash_notes`` buffer.  A
 *   CPU that is absent at the crash leaves its buffer empty, which the
 *   capture kernel skips; a CPU hot-added after the load is still
 *   described.  No buffers (their allocation failed at boot), no notes;
 * - one PT_NOTE for the VMCOREINFO note;
 * - if the architecture asks for it, one PT_LOAD for the kernel image at
 *   its link address, [_text, _end).  The same bytes are described again
 *   by the System RAM range holding them; tools that want kernel virtual
 *   addresses look for this one;
 * - one PT_LOAD per range, in list order.
 *
 * Every segment carries its physical address in both p_paddr and
 * p_offset (the capture kernel reads p_offset).  A range's PT_LOAD has
 * the linear-map address __va(start) in p_vaddr, p_flags RWX, p_align 0
 * and p_filesz = p_memsz = the range's exact length; the capture kernel
 * rounds each segment out to whole pages itself.  The buffer is zeroed
 * and its size a multiple of ELF_CORE_HEADER_ALIGN.
 */
#define pr_fmt(fmt) "kexec: " fmt

#include <linux/crash_elf.h>
#include <linux/elf.h>
#include <linux/ioport.h>
#include <linux/kexec.h>
#include <linux/kexec_place.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/percpu.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/sections.h>

/* --- checking a list --------------------------------------------------- */

/* Why @mem breaks the invariants every user of a list relies on, or NULL. */
static const char *mem_fault(const struct crash_mem *mem)
{
	unsigned int i;

	if (mem->nr_ranges > mem->max_nr_ranges)
		return "more ranges than slots";
	for (i = 0; i < mem->nr_ranges; i++)
		if (mem->ranges[i].start > mem->ranges[i].end)
			return "a range ends before it starts";
	return NULL;
}

/* Why the ranges of @mem are not sorted and disjoint, or NULL. */
static const char *order_fault(const struct crash_mem *mem)
{
	unsigned int i;

	for (i = 1; i < mem->nr_ranges; i++)
		if (mem->ranges[i].start <= mem->ranges[i - 1].end)
			return "ranges out of order or overlapping";
	return NULL;
}

/* --- excluding a range ------------------------------------------------- */

static bool range_meets(const struct crash_mem_range *r, u64 start, u64 end)
{
	return r->start <= end && start <= r->end;
}

/* Index of the range [start, end] lies strictly inside, or nr_ranges. */
static unsigned int find_container(const struct crash_mem *mem,
				   u64 start, u64 end)
{
	unsigned int i;

	for (i = 0; i < mem->nr_ranges; i++)
		if (mem->ranges[i].start < start && end < mem->ranges[i].end)
			break;
	return i;
}

/* Cut [start, end] out of the middle of range @i, into a free slot. */
static int split_range(struct crash_mem *mem, unsigned int i,
		       u64 start, u64 end)
{
	struct crash_mem_range *r = &mem->ranges[i];

	if (mem->nr_ranges == mem->max_nr_ranges)
		return -ENOMEM;
	memmove(r + 2, r + 1, (mem->nr_ranges - i - 1) * sizeof(*r));
	r[1].start = end + 1;
	r[1].end = r->end;
	r->end = start - 1;
	mem->nr_ranges++;
	return 0;
}

/*
 * Take [start, end] off @r, which does not hold it strictly inside, so
 * at most one side of @r survives.  Returns false if nothing is left.
 */
static bool trim_range(struct crash_mem_range *r, u64 start, u64 end)
{
	if (!range_meets(r, start, end))
		return true;
	if (r->start < start)
		r->end = start - 1;
	else if (r->end > end)
		r->start = end + 1;
	else
		return false;
	return true;
}

/* Trim every range [start, end] meets and drop those it covers. */
static void cut_ranges(struct crash_mem *mem, u64 start, u64 end)
{
	unsigned int i, kept = 0;

	for (i = 0; i < mem->nr_ranges; i++) {
		struct crash_mem_range r = mem->ranges[i];

		if (trim_range(&r, start, end))
			mem->ranges[kept++] = r;
	}
	mem->nr_ranges = kept;
}

/**
 * crash_exclude_judge() - why crash_exclude_mem_range() would refuse
 * @mem:	the list
 * @mstart:	first byte to exclude
 * @mend:	last byte to exclude, inclusive
 *
 * Context: any context.
 * Return: the first rule the list or the range breaks, or NULL.
 */
const char *crash_exclude_judge(const struct crash_mem *mem, u64 mstart,
				u64 mend)
{
	const char *why = mem_fault(mem) ?: order_fault(mem);

	if (!why && mstart > mend)
		why = "it ends before it starts";
	return why;
}

/**
 * crash_exclude_mem_range() - take a physical range out of a crash list
 * @mem:	the list; sorted, disjoint ranges (see the DOC block above)
 * @mstart:	first byte to exclude
 * @mend:	last byte to exclude, inclusive
 *
 * Every range that meets [@mstart, @mend] loses the bytes it shares with
 * it: a range inside it is removed, a range it overlaps at one edge is
 * trimmed there, and a range holding it strictly inside is split in two,
 * which takes one more slot.  Ranges it does not meet are left alone,
 * and the list stays sorted.  On error @mem is unchanged.
 *
 * Context: any context; does not allocate or sleep.
 * Return: 0 on success (including when nothing was excluded);
 * -ENOMEM if a split was needed and all max_nr_ranges slots are in use;
 * -EINVAL if @mstart > @mend, or @mem has more ranges than slots, a
 * range ending before it starts, or ranges out of order or overlapping.
 */
int crash_exclude_mem_range(struct crash_mem *mem,
			    unsigned long long mstart, unsigned long long mend)
{
	const char *why = crash_exclude_judge(mem, mstart, mend);
	unsigned int i;

	if (why) {
		pr_warn("cannot exclude [%#llx-%#llx] from the crash dump: %s\n",
			mstart, mend, why);
		return -EINVAL;
	}
	i = find_container(mem, mstart, mend);
	if (i < mem->nr_ranges)
		return split_range(mem, i, mstart, mend);
	cut_ranges(mem, mstart, mend);
	return 0;
}

/* --- gathering System RAM ---------------------------------------------- */

static int count_ram_range(struct resource *res, void *arg)
{
	unsigned int *nr = arg;

	(*nr)++;
	return 0;
}

static int add_ram_range(struct resource *res, void *arg)
{
	struct crash_mem *mem = arg;

	if (mem->nr_ranges == mem->max_nr_ranges)
		return -EAGAIN;
	mem->ranges[mem->nr_ranges].start = res->start;
	mem->ranges[mem->nr_ranges].end = res->end;
	mem->nr_ranges++;
	return 0;
}

/**
 * crash_mem_of_system_ram() - list every System RAM range for a crash dump
 * @extra:	free slots to leave after the ranges, one for each split the
 *		caller's exclusions may need
 *
 * Walks the System RAM resources (walk_system_ram_res()) twice: once to
 * count them, once to fill a list with max_nr_ranges = count + @extra.
 * The list is sorted and disjoint, as crash_exclude_mem_range() wants.
 * A machine without System RAM resources gets an empty list.
 *
 * Context: process context; may sleep.
 * Return: the list, to be freed with crash_mem_free(); ERR_PTR(-ENOMEM)
 * if it cannot be allocated, ERR_PTR(-EAGAIN) if memory was hot-added
 * between the two walks (calling again is safe).
 */
struct crash_mem *crash_mem_of_system_ram(unsigned int extra)
{
	unsigned int nr = 0, slots;
	struct crash_mem *mem;

	/* Its -EINVAL only says that there is no System RAM at all. */
	walk_system_ram_res(0, -1, &nr, count_ram_range);
	if (check_add_overflow(nr, extra, &slots))
		return ERR_PTR(-ENOMEM);
	mem = kvzalloc(struct_size(mem, ranges, slots), GFP_KERNEL);
	if (!mem)
		return ERR_PTR(-ENOMEM);
	/* RAM added since the count must not take the caller's slots. */
	mem->max_nr_ranges = nr;
	if (walk_system_ram_res(0, -1, mem, add_ram_range) == -EAGAIN)
		goto free_mem;
	mem->max_nr_ranges = slots;
	return mem;

free_mem:
	kvfree(mem);
	return ERR_PTR(-EAGAIN);
}

/* --- writing the header ------------------------------------------------ */

static struct elf64_phdr *put_note(struct elf64_phdr *ph, u64 paddr, u64 size)
{
	ph->p_type = PT_NOTE;
	ph->p_offset = paddr;
	ph->p_paddr = paddr;
	ph->p_filesz = size;
	ph->p_memsz = size;
	return ph + 1;
}

static struct elf64_phdr *put_load(struct elf64_phdr *ph, u64 paddr,
				   u64 vaddr, u64 size)
{
	ph->p_type = PT_LOAD;
	ph->p_flags = PF_R | PF_W | PF_X;
	ph->p_offset = paddr;
	ph->p_paddr = paddr;
	ph->p_vaddr = vaddr;
	ph->p_filesz = size;
	ph->p_memsz = size;
	return ph + 1;
}

static struct elf64_phdr *put_cpu_notes(struct elf64_phdr *ph)
{
	unsigned int cpu;

	if (!crash_notes)
		return ph;
	for_each_possible_cpu(cpu)
		ph = put_note(ph, per_cpu_ptr_to_phys(per_cpu_ptr(crash_notes, cpu)),
			      sizeof(note_buf_t));
	return ph;
}

static struct elf64_phdr *put_kernel_map(struct elf64_phdr *ph)
{
	return put_load(ph, __pa_symbol(_text), (unsigned long)_text,
			_end - _text);
}

static struct elf64_phdr *put_ram_loads(struct elf64_phdr *ph,
					const struct crash_mem *mem)
{
	const struct crash_mem_range *r;

	for (r = mem->ranges; r < mem->ranges + mem->nr_ranges; r++)
		ph = put_load(ph, r->start, (unsigned long)__va(r->start),
			      r->end - r->start + 1);
	return ph;
}

/* Fill the program header table that follows @eh; returns its length. */
static unsigned int put_phdrs(struct elf64_hdr *eh, const struct crash_mem *mem,
			      bool map_kernel)
{
	struct elf64_phdr *first = (struct elf64_phdr *)(eh + 1), *ph;

	ph = put_cpu_notes(first);
	ph = put_note(ph, paddr_vmcoreinfo_note(), VMCOREINFO_NOTE_SIZE);
	if (map_kernel)
		ph = put_kernel_map(ph);
	ph = put_ram_loads(ph, mem);
	return ph - first;
}

static void put_ehdr(struct elf64_hdr *eh, unsigned int phnum)
{
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELF_DATA;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_ident[EI_OSABI] = ELF_OSABI;
	eh->e_type = ET_CORE;
	eh->e_machine = ELF_ARCH;
	eh->e_version = EV_CURRENT;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(struct elf64_phdr);
	eh->e_phnum = phnum;
}

/* Program headers the header gets at most: fewer if crash_notes is NULL. */
static size_t max_phnum(const struct crash_mem *mem, bool map_kernel)
{
	return (size_t)num_possible_cpus() + 1 + map_kernel + mem->nr_ranges;
}

/**
 * crash_header_judge() - why crash_prepare_elf64_headers() would refuse
 * @mem:	the ranges to dump
 * @map_kernel:	whether the header describes the kernel image too
 *
 * Context: any context.
 * Return: the first rule @mem breaks, or NULL if a header can be written.
 */
const char *crash_header_judge(const struct crash_mem *mem, bool map_kernel)
{
	const char *why = mem_fault(mem);

	if (!why && max_phnum(mem, map_kernel) >= PN_XNUM)
		why = "more program headers than e_phnum can count";
	return why;
}

/**
 * crash_prepare_elf64_headers() - write the ELF core header of a crash image
 * @mem:		the ranges to dump, one PT_LOAD each, in this order
 * @need_kernel_map:	nonzero to describe the kernel image at its link
 *			address too, in a PT_LOAD before the ranges'
 * @addr:		set to the header on success
 * @sz:			set to its size on success
 *
 * Writes the header the DOC block above describes into a new zeroed
 * buffer whose size is a multiple of ELF_CORE_HEADER_ALIGN.  The ranges
 * need not be sorted.  On error *@addr and *@sz are left alone.
 *
 * Context: process context; may sleep.  The caller frees the header with
 * vfree().
 * Return: 0 on success; -EINVAL if @mem has more ranges than slots or a
 * range ending before it starts, or needs more program headers than
 * e_phnum can count (65534); -ENOMEM if the buffer cannot be allocated.
 */
int crash_prepare_elf64_headers(struct crash_mem *mem, int need_kernel_map,
				void **addr, unsigned long *sz)
{
	bool map_kernel = need_kernel_map;
	const char *why = crash_header_judge(mem, map_kernel);
	unsigned long size;
	struct elf64_hdr *eh;

	if (why) {
		pr_warn("cannot write the crash ELF core header: %s\n", why);
		return -EINVAL;
	}
	size = ALIGN(sizeof(*eh) + max_phnum(mem, map_kernel) *
		     sizeof(struct elf64_phdr), ELF_CORE_HEADER_ALIGN);
	eh = vzalloc(size);
	if (!eh)
		return -ENOMEM;
	put_ehdr(eh, put_phdrs(eh, mem, map_kernel));
	*addr = eh;
	*sz = size;
	return 0;
}

static int exclude_region(struct crash_mem *mem, const struct resource *r)
{
	if (!crash_region_set(r))
		return 0;
	return crash_exclude_mem_range(mem, r->start, r->end);
}

/**
 * crash_mem_to_dump() - what a crash image's ELF core header describes
 * @extra:	free slots to leave for the caller's own edits
 *
 * Every System RAM range, minus the crash regions (``crashk_res`` and
 * ``crashk_low_res``), which hold the capture kernel, not the dead one.
 *
 * Context: process context; may sleep.
 * Return: the list, to be freed with crash_mem_free(); an ERR_PTR() as
 * crash_mem_of_system_ram() and crash_exclude_mem_range() return them.
 */
struct crash_mem *crash_mem_to_dump(unsigned int extra)
{
	struct crash_mem *mem = crash_mem_of_system_ram(extra + 2);
	int ret;

	if (IS_ERR(mem))
		return mem;
	ret = exclude_region(mem, &crashk_res);
	if (ret)
		goto free_mem;
	ret = exclude_region(mem, &crashk_low_res);
	if (ret)
		goto free_mem;
	return mem;

free_mem:
	crash_mem_free(mem);
	return ERR_PTR(ret);
}

/**
 * crash_add_elfcorehdr() - place a crash image's ELF core header
 * @image:	the crash image being loaded
 * @hdr:	the header, from crash_prepare_elf64_headers()
 * @len:	its length
 * @min:	lowest address it may take
 * @max:	highest address its last byte may take
 *
 * Places the header as high as it fits and records it in the image
 * (->elf_load_addr, ->elf_headers_sz), where the loaders find it for
 * elfcorehdr= or linux,elfcorehdr.
 *
 * Context: process context, may sleep; the image is not installed yet.
 * Return: 0, or what kexec_add_buffer() returns (-EADDRNOTAVAIL when the
 * crash region has no room left).
 */
int crash_add_elfcorehdr(struct kimage *image, void *hdr, unsigned long len,
			 unsigned long min, unsigned long max)
{
	unsigned long mem;
	int ret = kexec_add_copy(image, hdr, len, ELF_CORE_HEADER_ALIGN, min,
				 max, &mem);

	if (ret)
		return ret;
	image->elf_load_addr = mem;
	image->elf_headers_sz = len;
	return 0;
}
