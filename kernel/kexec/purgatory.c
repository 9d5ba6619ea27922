// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: the ELF purgatory of ppc64, s390 and riscv
 *
 * On these architectures the purgatory (the code that runs after the old
 * kernel has stopped and before the new one starts) is a relocatable ELF
 * object, built by arch/<arch>/purgatory/ and linked into the kernel as
 * ``kexec_purgatory``.  Their kexec_file_load() loaders ask the core for
 * two things (x86_64 has a position-independent purgatory of its own,
 * arch/x86/kexec/purgatory/, and needs neither):
 *
 * - kexec_load_purgatory() makes a loaded copy: the object's allocated
 *   sections laid out in one buffer, placed as a segment, relocated for
 *   the address it got; its entry point becomes the image's;
 * - kexec_purgatory_get_set_symbol() reads or writes a global variable of
 *   that copy (the new kernel's entry, a device tree address, ...).
 *
 * The core adds the third: once the loader is done, every other segment
 * is hashed into the copy (purgatory_digest.c), and the purgatory checks
 * the hash before it jumps.
 *
 * Layout.  Allocated sections with content are copied in section-table
 * order, each at its own alignment, from the start of the buffer;
 * allocated NOBITS sections (.bss) follow, in the zero fill that
 * kexec_add_buffer() gives every segment past its buffer.  The segment
 * is aligned to the largest alignment of any of them.
 *
 * What the architectures' relocation hooks (arch_kexec_apply_relocations_add())
 * rely on, and so what ``image->purgatory_info`` holds once the copy is
 * made: ``ehdr`` is the object as built; ``sechdrs`` a private copy of
 * its section table in which an allocated section's ``sh_addr`` is its
 * load address and, for one with content, ``sh_offset`` is its offset in
 * ``purgatory_buf``.  Relocation and symbol tables are passed to the
 * hooks as the object has them.
 *
 * The entry point is the global symbol ``purgatory_start`` if an
 * executable section holds it, else ``e_entry`` in the first executable
 * section whose link-time range holds it.
 *
 * The object is part of the kernel image, so only a broken build can
 * make it malformed.  It is checked all the same, rule by rule, before
 * any offset in it is followed: a purgatory the loader misreads fails at
 * crash time, when nobody is looking.
 */
#define pr_fmt(fmt) "kexec: purgatory: " fmt

#include <linux/kexec.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "internal.h"

static int apply_one(struct purgatory_info *pi, const struct elf_shdr *rel)
{
	const struct elf_shdr *orig = purgatory_sections(pi->ehdr);
	struct elf_shdr *target = &pi->sechdrs[rel->sh_info];

	if (!purgatory_loaded(target))
		return 0;
	if (rel->sh_type == SHT_RELA)
		return arch_kexec_apply_relocations_add(pi, target, rel,
							&orig[rel->sh_link]);
	return arch_kexec_apply_relocations(pi, target, rel,
					    &orig[rel->sh_link]);
}

static int relocate_copy(struct purgatory_info *pi)
{
	const struct elf_shdr *orig = purgatory_sections(pi->ehdr);
	unsigned int i;
	int ret;

	for (i = 0; i < pi->ehdr->e_shnum; i++) {
		if (orig[i].sh_type != SHT_RELA && orig[i].sh_type != SHT_REL)
			continue;
		ret = apply_one(pi, &orig[i]);
		if (ret) {
			pr_err("relocation of section %u failed: %d\n",
			       orig[i].sh_info, ret);
			return ret;
		}
	}
	return 0;
}

/* The object checked and its table copied: the copy's skeleton. */
static int start_copy(struct purgatory_info *pi, struct kexec_buf *kbuf)
{
	const struct elfhdr *ehdr = (const void *)kexec_purgatory;
	const char *fault = purgatory_object_fault(ehdr, kexec_purgatory_size);
	unsigned long align;

	if (fault) {
		pr_err("the built-in object is malformed: %s\n", fault);
		return -ENOEXEC;
	}
	if (purgatory_measure(ehdr, &kbuf->bufsz, &kbuf->memsz, &align)) {
		pr_err("the built-in object's sections overflow\n");
		return -ENOEXEC;
	}
	kbuf->buf_align = max(kbuf->buf_align, align);
	pi->sechdrs = kvmalloc_array(ehdr->e_shnum, sizeof(struct elf_shdr),
				     GFP_KERNEL);
	pi->purgatory_buf = vzalloc(max(kbuf->bufsz, 1UL));
	if (!pi->sechdrs || !pi->purgatory_buf)
		return -ENOMEM;
	memcpy(pi->sechdrs, purgatory_sections(ehdr),
	       ehdr->e_shnum * sizeof(struct elf_shdr));
	pi->ehdr = ehdr;
	kbuf->buffer = pi->purgatory_buf;
	return 0;
}

/**
 * kexec_load_purgatory() - add a loaded copy of the purgatory to an image
 * @image:	the image being loaded
 * @kbuf:	where the copy may go: ->buf_min, ->buf_max, ->top_down,
 *		->buf_align (at least), ->mem (KEXEC_BUF_MEM_UNKNOWN or a
 *		fixed address); ->image, ->buffer and the sizes are filled in
 *
 * Checks the built-in object, lays it out, places it with
 * kexec_add_buffer(), relocates it for that address and sets
 * ``image->start`` to its entry point (see the DOC block).  The copy and
 * the section table stay in ``image->purgatory_info`` until the image is
 * loaded or freed (kexec_purgatory_release()).
 *
 * Context: process context, may sleep; the image is not installed yet.
 * Return: 0; -ENOEXEC for a malformed object, one without an entry point
 * or one the architecture cannot relocate; -EINVAL or -EADDRNOTAVAIL as
 * kexec_add_buffer() returns them; -ENOMEM.
 */
int kexec_load_purgatory(struct kimage *image, struct kexec_buf *kbuf)
{
	struct purgatory_info *pi = &image->purgatory_info;
	unsigned long entry;
	int ret;

	kbuf->image = image;
	ret = start_copy(pi, kbuf);
	if (ret)
		goto release;
	ret = kexec_add_buffer(kbuf);
	if (ret)
		goto release;
	purgatory_place(pi->ehdr, pi->sechdrs, pi->purgatory_buf, kbuf->mem,
			kbuf->bufsz);
	ret = purgatory_entry(pi->ehdr, pi->sechdrs, &entry);
	if (ret) {
		pr_err("the built-in object has no entry point\n");
		goto release;
	}
	ret = relocate_copy(pi);
	if (ret)
		goto release;
	image->start = entry;
	return 0;

release:
	kexec_purgatory_release(image);
	return ret;
}

/**
 * kexec_purgatory_release() - free the loaded copy's working buffers
 * @image:	the image
 *
 * Once the segments are copied into the image, or the load has failed,
 * the copy in ``purgatory_buf`` and the section table are not needed.
 * A segment still naming the buffer is never read again.
 *
 * Context: process context.
 */
void kexec_purgatory_release(struct kimage *image)
{
	struct purgatory_info *pi = &image->purgatory_info;

	vfree(pi->purgatory_buf);
	kvfree(pi->sechdrs);
	*pi = (struct purgatory_info) { };
}

static int symbol_bytes(struct kimage *image, const char *name,
			unsigned int size, void **bytes)
{
	struct purgatory_info *pi = &image->purgatory_info;
	const struct purgatory_sym *sym;
	const struct elf_shdr *sec;

	if (!pi->purgatory_buf) {
		pr_err("no purgatory loaded to hold %s\n", name);
		return -EINVAL;
	}
	sym = purgatory_find_symbol(pi->ehdr, name);
	if (!sym) {
		pr_err("no global symbol %s\n", name);
		return -EINVAL;
	}
	sec = &pi->sechdrs[sym->st_shndx];
	if (sym->st_size != size || !purgatory_loaded(sec) ||
	    !purgatory_inside(sec->sh_size, sym->st_value, size)) {
		pr_err("%s: %llu bytes in a %s section, %u asked for\n", name,
		       (u64)sym->st_size, purgatory_loaded(sec) ? "loaded" :
		       "NOBITS or unloaded", size);
		return -EINVAL;
	}
	*bytes = pi->purgatory_buf + sec->sh_offset + sym->st_value;
	return 0;
}

/**
 * kexec_purgatory_get_set_symbol() - read or write a purgatory variable
 * @image:	an image with a loaded copy (kexec_load_purgatory())
 * @name:	a defined global symbol of the purgatory
 * @buf:	where to read it into, or what to write
 * @size:	the symbol's size, exactly
 * @get_value:	true to read, false to write
 *
 * Context: process context; the image is not installed yet.
 * Return: 0; -EINVAL if no copy is loaded, the symbol is missing, its
 * size differs or it lives in a NOBITS section (the copy holds no bytes
 * for it).
 */
int kexec_purgatory_get_set_symbol(struct kimage *image, const char *name,
				   void *buf, unsigned int size,
				   bool get_value)
{
	void *bytes;
	int ret = symbol_bytes(image, name, size, &bytes);

	if (ret)
		return ret;
	if (get_value)
		memcpy(buf, bytes, size);
	else
		memcpy(bytes, buf, size);
	return 0;
}
