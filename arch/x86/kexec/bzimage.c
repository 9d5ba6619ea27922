// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: x86_64 bzImage loader for kexec_file_load()
 *
 * A bzImage is a real-mode setup part followed by the compressed kernel
 * (the *payload*).  kexec_file_load() never runs the setup part: the new
 * kernel is entered at its 64-bit entry point, 0x200 bytes into the
 * payload, with %rsi pointing at a struct boot_params the loader fills
 * in (Documentation/x86/boot.rst, "64-bit Boot Protocol").  The segments
 * the loader places, in this order:
 *
 * 1. for a crash image, the backup of low memory and the ELF core header
 *    (crash_map.c);
 * 2. the boot parameters: struct boot_params, the command line and the
 *    setup_data list (bootparams.c);
 * 3. the payload, at an address aligned to the header's
 *    kernel_alignment and no lower than its pref_address, with init_size
 *    bytes of room for decompression.  The lower bound matters: a kernel
 *    loaded below pref_address (LOAD_PHYSICAL_ADDR) decompresses itself
 *    at pref_address, over whatever was placed there;
 * 4. the initrd, if one was given;
 * 5. last, the purgatory (purgatory_load.c), which checks the SHA-256 of
 *    segments 1-4 before it jumps to the payload, and is the image's
 *    entry point.
 *
 * Buffers 2-5 go as high as they may (top-down), away from the low memory
 * that firmware and the new kernel's early boot use.
 *
 * The header is untrusted input: bzimage_check() applies the rules of
 * ``bzimage_rules[]`` in order, and a kernel that fails one is refused
 * with -ENOEXEC and one line naming the rule.
 */
#define pr_fmt(fmt) "kexec: bzImage: " fmt

#include <linux/kexec.h>
#include <linux/kexec_place.h>
#include <linux/pgtable.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include <asm/bootparam.h>
#include <asm/setup.h>

#include "kexec_x86.h"

/* Where the setup header sits in a bzImage, as in struct boot_params. */
#define SETUP_HDR_OFF	offsetof(struct boot_params, hdr)
#define HDRS_MAGIC	0x53726448	/* "HdrS" */
#define BOOT_FLAG	0xaa55
/* 2.12 added xloadflags, which says whether a 64-bit entry exists. */
#define MIN_PROTOCOL	0x020c
/* Offset of the 64-bit entry point in the payload. */
#define ENTRY64_OFF	0x200

static const struct setup_header *hdr_of(const void *kernel)
{
	return kernel + SETUP_HDR_OFF;
}

/**
 * bzimage_setup_len() - bytes of the real-mode setup part
 * @hdr: a setup header bzimage_check() accepted, or is checking
 *
 * Context: any.
 * Return: the length; the payload starts there.
 */
unsigned long bzimage_setup_len(const struct setup_header *hdr)
{
	return ((unsigned long)(hdr->setup_sects ?: 4) + 1) * 512;
}

static bool too_short(const struct bzimage_input *in)
{
	return in->len < SETUP_HDR_OFF + sizeof(struct setup_header);
}

static bool no_boot_flag(const struct bzimage_input *in)
{
	return hdr_of(in->kernel)->boot_flag != BOOT_FLAG;
}

static bool no_hdrs_magic(const struct bzimage_input *in)
{
	return hdr_of(in->kernel)->header != HDRS_MAGIC;
}

static bool old_protocol(const struct bzimage_input *in)
{
	return hdr_of(in->kernel)->version < MIN_PROTOCOL;
}

static bool not_loaded_high(const struct bzimage_input *in)
{
	return !(hdr_of(in->kernel)->loadflags & LOADED_HIGH);
}

static bool no_entry64(const struct bzimage_input *in)
{
	return !(hdr_of(in->kernel)->xloadflags & XLF_KERNEL_64);
}

static bool not_relocatable(const struct bzimage_input *in)
{
	return !hdr_of(in->kernel)->relocatable_kernel;
}

static bool bad_alignment(const struct bzimage_input *in)
{
	u32 align = hdr_of(in->kernel)->kernel_alignment;

	return !is_power_of_2(align) || align > SZ_1G;
}

static bool truncated(const struct bzimage_input *in)
{
	const struct setup_header *hdr = hdr_of(in->kernel);

	return bzimage_setup_len(hdr) + (u64)hdr->syssize * 16 > in->len;
}

static bool payload_without_entry(const struct bzimage_input *in)
{
	return in->len - bzimage_setup_len(hdr_of(in->kernel)) <= ENTRY64_OFF;
}

static bool small_init_size(const struct bzimage_input *in)
{
	return hdr_of(in->kernel)->init_size <
	       in->len - bzimage_setup_len(hdr_of(in->kernel));
}

/* A kernel that cannot run with 5-level paging, on a machine that uses it. */
static bool no_5level(const struct bzimage_input *in)
{
	return in->la57 && !(hdr_of(in->kernel)->xloadflags & XLF_5LEVEL);
}

static bool short_cmdline_size(const struct bzimage_input *in)
{
	return hdr_of(in->kernel)->cmdline_size < 255;
}

/**
 * struct bzimage_rule - one named check of a bzImage header
 * @what:	what is wrong when the check fails, for the log
 * @bad:	true if the kernel file breaks the rule; earlier rules hold
 */
struct bzimage_rule {
	const char *what;
	bool (*bad)(const struct bzimage_input *in);
};

static const struct bzimage_rule bzimage_rules[] = {
	[BZIMAGE_TOO_SHORT] = { "shorter than a setup header", too_short },
	[BZIMAGE_NO_BOOT_FLAG] = { "no 0xaa55 boot flag", no_boot_flag },
	[BZIMAGE_NO_MAGIC] = { "no HdrS magic", no_hdrs_magic },
	[BZIMAGE_OLD_PROTOCOL] = { "boot protocol older than 2.12",
				   old_protocol },
	[BZIMAGE_NOT_HIGH] = { "not loadable at 1 MiB (LOADED_HIGH clear)",
			       not_loaded_high },
	[BZIMAGE_NO_ENTRY64] = { "no 64-bit entry point (XLF_KERNEL_64 clear)",
				 no_entry64 },
	[BZIMAGE_NOT_RELOCATABLE] = { "not relocatable", not_relocatable },
	[BZIMAGE_BAD_ALIGN] = { "kernel_alignment not a power of two up to 1 GiB",
				bad_alignment },
	[BZIMAGE_TRUNCATED] = { "truncated: setup and syssize run past the file",
				truncated },
	[BZIMAGE_NO_PAYLOAD] = { "payload too short to hold the 64-bit entry",
				 payload_without_entry },
	[BZIMAGE_SMALL_INIT] = { "init_size smaller than the payload",
				 small_init_size },
	[BZIMAGE_SHORT_CMDLINE] = { "cmdline_size below 255", short_cmdline_size },
	[BZIMAGE_NO_5LEVEL] = { "XLF_5LEVEL clear on a machine with 5-level paging",
				no_5level },
};

static_assert(ARRAY_SIZE(bzimage_rules) == BZIMAGE_NR_RULES);

/**
 * bzimage_check() - judge a kernel file as a bzImage for 64-bit entry
 * @in:	the file's bytes and length, and what the machine needs of it
 *
 * Context: any; reads only the file.
 * Return: BZIMAGE_OK, or the first rule of ``bzimage_rules[]`` it breaks.
 */
enum bzimage_verdict bzimage_check(const struct bzimage_input *in)
{
	enum bzimage_verdict v;

	for (v = 0; v < BZIMAGE_NR_RULES; v++)
		if (bzimage_rules[v].bad(in))
			return v;
	return BZIMAGE_OK;
}

/*
 * Not a bzImage at all is -ENOEXEC without a word, so that another loader
 * may claim the file; a bzImage with a broken header is -EBADMSG, after
 * one line saying which rule it breaks.  The core turns both into
 * -ENOEXEC.
 */
static int bzimage_probe(const char *kernel, unsigned long len)
{
	struct bzimage_input in = {
		.kernel = kernel,
		.len = len,
		.la57 = pgtable_l5_enabled(),
	};
	enum bzimage_verdict v = bzimage_check(&in);

	if (v == BZIMAGE_OK)
		return 0;
	if (v <= BZIMAGE_NO_MAGIC)
		return -ENOEXEC;
	pr_warn_ratelimited("refused: %s\n", bzimage_rules[v].what);
	return -EBADMSG;
}

static u64 highest_allowed(const struct setup_header *hdr)
{
	return hdr->xloadflags & XLF_CAN_BE_LOADED_ABOVE_4G ? ULONG_MAX
							     : SZ_4G - 1;
}

static int add_payload(struct kimage *image, struct bzimage_load *ld,
		       const char *kernel, unsigned long len)
{
	const struct setup_header *hdr = hdr_of(kernel);
	unsigned long setup = bzimage_setup_len(hdr);
	struct kexec_buf kbuf = {
		.image = image,
		.buffer = (void *)kernel + setup,
		.bufsz = len - setup,
		.memsz = hdr->init_size,
		.buf_align = hdr->kernel_alignment,
		.buf_min = max_t(u64, hdr->pref_address, SZ_1M),
		.buf_max = highest_allowed(hdr),
		.top_down = true,
		.mem = KEXEC_BUF_MEM_UNKNOWN,
	};
	int ret = kexec_add_buffer(&kbuf);

	ld->payload_mem = kbuf.mem;
	return ret;
}

static int add_initrd(struct kimage *image, struct bzimage_load *ld,
		      const struct setup_header *hdr, void *initrd,
		      unsigned long len)
{
	unsigned long max = hdr->xloadflags & XLF_CAN_BE_LOADED_ABOVE_4G ?
			    ULONG_MAX : hdr->initrd_addr_max;

	if (!initrd)
		return 0;
	ld->initrd_len = len;
	return kexec_add_copy(image, initrd, len, PAGE_SIZE, SZ_1M, max,
			      &ld->initrd_mem);
}

static int bzimage_cleanup(void *data)
{
	struct bzimage_load *ld = data;

	if (IS_ERR_OR_NULL(ld))
		return 0;
	vfree(ld->elfcorehdr);
	vfree(ld->params);
	vfree(ld->purgatory);
	kfree(ld);
	return 0;
}

static int load_segments(struct kimage *image, struct bzimage_load *ld,
			 const char *kernel, unsigned long kernel_len,
			 void *initrd, unsigned long initrd_len,
			 const char *cmdline)
{
	const struct setup_header *hdr = hdr_of(kernel);
	struct x86_purgatory_args args;
	int ret;

	if (image->type == KEXEC_TYPE_CRASH) {
		ret = x86_crash_add_elfcorehdr(image, ld);
		if (ret)
			return ret;
	}
	ret = x86_bootparams_add(image, ld, kernel, cmdline);
	if (ret)
		return ret;
	ret = add_payload(image, ld, kernel, kernel_len);
	if (ret)
		return ret;
	ret = add_initrd(image, ld, hdr, initrd, initrd_len);
	if (ret)
		return ret;
	x86_bootparams_fill(image, ld);
	args = (struct x86_purgatory_args) {
		.kernel_entry = ld->payload_mem + ENTRY64_OFF,
		.boot_params = ld->params_mem,
		.backup_dst = ld->backup_mem,
		.backup_len = ld->backup_len,
	};
	return x86_purgatory_load(image, &args, &ld->purgatory);
}

static void *bzimage_load(struct kimage *image, char *kernel,
			  unsigned long kernel_len, char *initrd,
			  unsigned long initrd_len, char *cmdline,
			  unsigned long cmdline_len)
{
	struct bzimage_load *ld = kzalloc(sizeof(*ld), GFP_KERNEL);
	int ret;

	if (!ld)
		return ERR_PTR(-ENOMEM);
	ret = load_segments(image, ld, kernel, kernel_len, initrd, initrd_len,
			    cmdline);
	if (!ret)
		return ld;
	bzimage_cleanup(ld);
	return ERR_PTR(ret);
}

static const struct kexec_file_ops bzimage64_ops = {
	.probe = bzimage_probe,
	.load = bzimage_load,
	.cleanup = bzimage_cleanup,
#ifdef CONFIG_KEXEC_BZIMAGE_VERIFY_SIG
	.verify_sig = kexec_kernel_verify_pe_sig,
#endif
};

/* The image formats kexec_file_load() accepts on x86_64, tried in order. */
const struct kexec_file_ops * const kexec_file_loaders[] = {
	&bzimage64_ops,
	NULL
};
