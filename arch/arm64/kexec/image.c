// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: arm64 Image loader for kexec_file_load()
 *
 * An arm64 kernel Image starts with a 64-byte header
 * (Documentation/arm64/booting.rst, struct arm64_image_header): the
 * magic "ARM\x64" at 0x38, ``text_offset``, ``image_size`` (the memory
 * the kernel needs from its load address, BSS and early page tables
 * included) and ``flags``: bit 0 the byte order, bits 1-2 the page size,
 * bit 3 whether the kernel may sit anywhere in RAM or should be as low as
 * possible.  The kernel is entered at its first byte, with the MMU off
 * and x0 holding the physical address of its device tree; there is no
 * purgatory on arm64.
 *
 * The segments the loader places, in this order:
 *
 * 1. the kernel, text_offset bytes above a 2 MiB aligned base, with
 *    image_size bytes of memory.  A normal image goes as high in RAM as
 *    it fits (as low as it fits when flags bit 3 is clear), a crash image
 *    as high in the crash region as it fits;
 * 2. the initrd, if one was given;
 * 3. for a crash image, the ELF core header (elfcorehdr.c);
 * 4. the device tree (fdt.c), which names 2 and 3.
 *
 * Segments 2-4 stay inside a 1 GiB aligned window of 32 GiB that covers
 * the kernel, as booting.rst asks of the initrd: the one that ends at the
 * 1 GiB boundary above a kernel placed top-down, the one that starts at
 * the boundary below a kernel placed bottom-up.  The
 * image starts at the kernel's load address, and machine.c puts the
 * device tree's address in x0.
 *
 * The header is untrusted input: arm64_image_check() applies the rules
 * of ``image_rules[]`` in order.  A file that is not an Image at all is
 * -ENOEXEC without a word, so that another loader may claim it; an Image
 * this kernel will not start is -EBADMSG after one line naming the rule.
 * kexec_file_load() turns both into -ENOEXEC.
 *
 * An Image of the other byte order is refused even where the CPU could
 * run it (upstream accepts it there): the ELF core header a crash image
 * gets is written in the running kernel's byte order, and entering a
 * kernel of the other order is not tested.
 */
#define pr_fmt(fmt) "kexec: Image: " fmt

#include <linux/cpufeature.h>
#include <linux/kexec.h>
#include <linux/kexec_place.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include <asm/image.h>
#include <asm/sysreg.h>

#include "kexec_arm64.h"

static const struct arm64_image_header *hdr_of(const void *kernel)
{
	return kernel;
}

static u64 flag_field(const struct arm64_image_header *h, unsigned int shift,
		      u64 mask)
{
	return (le64_to_cpu(h->flags) >> shift) & mask;
}

static bool too_short(const struct arm64_image_header *h, unsigned long len,
		      const struct image_host *host)
{
	return len < sizeof(*h);
}

static bool bad_magic(const struct arm64_image_header *h, unsigned long len,
		      const struct image_host *host)
{
	return memcmp(&h->magic, ARM64_IMAGE_MAGIC, sizeof(h->magic));
}

static bool no_size(const struct arm64_image_header *h, unsigned long len,
		    const struct image_host *host)
{
	return !h->image_size;
}

static bool wrong_endian(const struct arm64_image_header *h, unsigned long len,
			 const struct image_host *host)
{
	u64 be = flag_field(h, ARM64_IMAGE_FLAG_BE_SHIFT,
			    ARM64_IMAGE_FLAG_BE_MASK);

	return be != host->big_endian;
}

/* Field 0 ("unspecified") predates the field; it asks for nothing. */
static bool page_size_missing(const struct arm64_image_header *h,
			      unsigned long len, const struct image_host *host)
{
	u64 ps = flag_field(h, ARM64_IMAGE_FLAG_PAGE_SIZE_SHIFT,
			    ARM64_IMAGE_FLAG_PAGE_SIZE_MASK);

	return ps && !(host->granules & BIT(ps));
}

static bool text_unaligned(const struct arm64_image_header *h,
			   unsigned long len, const struct image_host *host)
{
	return !IS_ALIGNED(le64_to_cpu(h->text_offset), host->page_size);
}

static bool size_below_file(const struct arm64_image_header *h,
			    unsigned long len, const struct image_host *host)
{
	return le64_to_cpu(h->image_size) < len;
}

static bool too_large(const struct arm64_image_header *h, unsigned long len,
		      const struct image_host *host)
{
	return le64_to_cpu(h->text_offset) >= SZ_2G ||
	       le64_to_cpu(h->image_size) > SZ_2G - le64_to_cpu(h->text_offset);
}

/**
 * struct image_rule - one named check of an Image header
 * @what:	what is wrong when the check fails, for the log
 * @bad:	true if the file breaks the rule; earlier rules hold
 */
struct image_rule {
	const char *what;
	bool (*bad)(const struct arm64_image_header *h, unsigned long len,
		    const struct image_host *host);
};

static const struct image_rule image_rules[] = {
	[IMAGE_TOO_SHORT] = { "shorter than an Image header", too_short },
	[IMAGE_BAD_MAGIC] = { "no ARM\\x64 magic", bad_magic },
	[IMAGE_NO_SIZE] = {
		"image_size is 0, as before Linux 3.17: the memory it needs is unknown",
		no_size },
	[IMAGE_WRONG_ENDIAN] = { "byte order differs from the running kernel's",
				 wrong_endian },
	[IMAGE_PAGE_SIZE] = { "built for a page size this CPU does not support",
			      page_size_missing },
	[IMAGE_TEXT_UNALIGNED] = { "text_offset not page aligned",
				   text_unaligned },
	[IMAGE_SIZE_BELOW_FILE] = { "image_size smaller than the file",
				    size_below_file },
	[IMAGE_TOO_LARGE] = { "text_offset + image_size beyond 2 GiB",
			      too_large },
};

static_assert(ARRAY_SIZE(image_rules) == IMAGE_NR_RULES);

/**
 * arm64_image_check() - judge a kernel file as an arm64 Image
 * @kernel:	the file's bytes
 * @len:	its length
 * @host:	the byte order and page sizes it must agree with
 *
 * Context: any; reads only the file and @host.
 * Return: IMAGE_OK, or the first rule of ``image_rules[]`` it breaks.
 */
enum image_verdict arm64_image_check(const void *kernel, unsigned long len,
				     const struct image_host *host)
{
	enum image_verdict v;

	for (v = 0; v < IMAGE_NR_RULES; v++)
		if (image_rules[v].bad(hdr_of(kernel), len, host))
			return v;
	return IMAGE_OK;
}

static bool granule_in(u64 mmfr0, unsigned int shift, bool is_signed,
		       int min, int max)
{
	int v = is_signed ? cpuid_feature_extract_signed_field(mmfr0, shift) :
		cpuid_feature_extract_unsigned_field(mmfr0, shift);

	return v >= min && v <= max;
}

/* The page sizes every CPU of the system supports (ID_AA64MMFR0_EL1). */
static unsigned int cpu_granules(void)
{
	u64 mmfr0 = read_sanitised_ftr_reg(SYS_ID_AA64MMFR0_EL1);
	unsigned int g = 0;

	if (granule_in(mmfr0, ID_AA64MMFR0_EL1_TGRAN4_SHIFT, true,
		       ID_AA64MMFR0_EL1_TGRAN4_SUPPORTED_MIN,
		       ID_AA64MMFR0_EL1_TGRAN4_SUPPORTED_MAX))
		g |= IMAGE_GRANULE_4K;
	if (granule_in(mmfr0, ID_AA64MMFR0_EL1_TGRAN16_SHIFT, false,
		       ID_AA64MMFR0_EL1_TGRAN16_SUPPORTED_MIN,
		       ID_AA64MMFR0_EL1_TGRAN16_SUPPORTED_MAX))
		g |= IMAGE_GRANULE_16K;
	if (granule_in(mmfr0, ID_AA64MMFR0_EL1_TGRAN64_SHIFT, true,
		       ID_AA64MMFR0_EL1_TGRAN64_SUPPORTED_MIN,
		       ID_AA64MMFR0_EL1_TGRAN64_SUPPORTED_MAX))
		g |= IMAGE_GRANULE_64K;
	return g;
}

static int image_probe(const char *kernel, unsigned long len)
{
	const struct image_host host = {
		.big_endian = IS_ENABLED(CONFIG_CPU_BIG_ENDIAN),
		.granules = cpu_granules(),
		.page_size = PAGE_SIZE,
	};
	enum image_verdict v = arm64_image_check(kernel, len, &host);

	if (v == IMAGE_OK)
		return 0;
	if (v <= IMAGE_BAD_MAGIC)
		return -ENOEXEC;
	pr_warn_ratelimited("refused: %s\n", image_rules[v].what);
	return -EBADMSG;
}

/**
 * arm64_image_window() - where the initrd and device tree may go
 * @ld:		the load; its @win_min and @win_max are set
 * @base:	the kernel's 2 MiB aligned base
 * @size:	bytes the kernel needs from @base
 * @top_down:	whether the kernel was placed as high as it fits
 *
 * booting.rst asks for the initrd in a 1 GiB aligned window of at most
 * 32 GiB that covers the kernel.  The window opens towards the room the
 * kernel left: below a kernel placed top-down, which may sit just above
 * a 1 GiB boundary at the top of RAM or of the crash region, and above a
 * kernel placed bottom-up.
 *
 * Context: any.
 */
void arm64_image_window(struct arm64_image_load *ld, unsigned long base,
			unsigned long size, bool top_down)
{
	unsigned long top = ALIGN(base + size, SZ_1G);

	if (!top_down) {
		ld->win_min = ALIGN_DOWN(base, SZ_1G);
		ld->win_max = ld->win_min + SZ_32G - 1;
		return;
	}
	ld->win_min = top > SZ_32G ? top - SZ_32G : 0;
	ld->win_max = top - 1;
}

/*
 * The 2 MiB aligned base is found for text_offset + image_size bytes; the
 * kernel's segment starts text_offset above it.  booting.rst leaves the
 * bytes below text_offset free for any use.
 */
static int add_kernel(struct kimage *image, struct arm64_image_load *ld,
		      const char *kernel, unsigned long len)
{
	const struct arm64_image_header *h = hdr_of(kernel);
	u64 text = le64_to_cpu(h->text_offset);
	bool anywhere = flag_field(h, ARM64_IMAGE_FLAG_PHYS_BASE_SHIFT,
				   ARM64_IMAGE_FLAG_PHYS_BASE_MASK);
	struct kexec_buf kbuf = {
		.image = image,
		.buffer = (void *)kernel,
		.bufsz = len,
		.memsz = PAGE_ALIGN(text + le64_to_cpu(h->image_size)),
		.buf_align = SZ_2M,
		.buf_max = ULONG_MAX,
		.top_down = anywhere || image->type == KEXEC_TYPE_CRASH,
		.mem = KEXEC_BUF_MEM_UNKNOWN,
	};
	int ret = kexec_locate_mem_hole(&kbuf);

	if (ret) {
		pr_warn("refused: no 2 MiB aligned room for %lu bytes of kernel\n",
			kbuf.memsz);
		return ret;
	}
	arm64_image_window(ld, kbuf.mem, kbuf.memsz, kbuf.top_down);
	kbuf.mem += text;
	kbuf.memsz = le64_to_cpu(h->image_size);
	ret = kexec_add_buffer(&kbuf);
	ld->kernel_mem = kbuf.mem;
	return ret;
}

static int add_initrd(struct kimage *image, struct arm64_image_load *ld,
		      void *initrd, unsigned long len)
{
	if (!initrd)
		return 0;
	ld->initrd_len = len;
	return kexec_add_copy(image, initrd, len, PAGE_SIZE, ld->win_min,
			      ld->win_max, &ld->initrd_mem);
}

static int image_cleanup(void *data)
{
	struct arm64_image_load *ld = data;

	if (IS_ERR_OR_NULL(ld))
		return 0;
	vfree(ld->elfcorehdr);
	kvfree(ld->dtb);
	kfree(ld);
	return 0;
}

static int load_segments(struct kimage *image, struct arm64_image_load *ld,
			 const char *kernel, unsigned long kernel_len,
			 void *initrd, unsigned long initrd_len,
			 const char *cmdline)
{
	int ret = add_kernel(image, ld, kernel, kernel_len);

	if (ret)
		return ret;
	ret = add_initrd(image, ld, initrd, initrd_len);
	if (ret)
		return ret;
	if (image->type == KEXEC_TYPE_CRASH) {
		ret = arm64_kexec_add_elfcorehdr(image, ld);
		if (ret)
			return ret;
	}
	ret = arm64_kexec_add_dtb(image, ld, cmdline);
	if (ret)
		return ret;
	image->start = ld->kernel_mem;
	image->arch.dtb_mem = ld->dtb_mem;
	return 0;
}

static void *image_load(struct kimage *image, char *kernel,
			unsigned long kernel_len, char *initrd,
			unsigned long initrd_len, char *cmdline,
			unsigned long cmdline_len)
{
	struct arm64_image_load *ld = kzalloc(sizeof(*ld), GFP_KERNEL);
	int ret;

	if (!ld)
		return ERR_PTR(-ENOMEM);
	ret = load_segments(image, ld, kernel, kernel_len, initrd, initrd_len,
			    cmdline);
	if (!ret)
		return ld;
	image_cleanup(ld);
	return ERR_PTR(ret);
}

static const struct kexec_file_ops arm64_image_ops = {
	.probe = image_probe,
	.load = image_load,
	.cleanup = image_cleanup,
#ifdef CONFIG_KEXEC_IMAGE_VERIFY_SIG
	.verify_sig = kexec_kernel_verify_pe_sig,
#endif
};

/* The image formats kexec_file_load() accepts on arm64, tried in order. */
const struct kexec_file_ops * const kexec_file_loaders[] = {
	&arm64_image_ops,
	NULL
};
