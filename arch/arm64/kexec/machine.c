// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: arm64 machine layer
 *
 * What the kexec core asks of arm64, and how it is answered.
 *
 * At load time, machine_kexec_prepare() refuses a normal image the
 * machine could not enter (a CPU that cannot be taken offline, or EL2
 * held by protected KVM) with 6.1's -EBUSY and a log line naming the
 * reason; machine_kexec_post_load() prepares, in control pages of the
 * image, everything the jump will use:
 *
 * - the relocation code (relocate.S) in the control code page, with its
 *   entry record (the registers the image starts with, and whether EL2
 *   enters it), cleaned to the point of coherency and invalidated from
 *   the instruction cache so it runs correctly with the MMU on or off;
 * - an identity map of that page alone (trans_pgd_idmap_page()), which
 *   machine_kexec() installs in TTBR0: the old kernel's idmap is never
 *   used, and a crash touches no page table that a runaway old kernel
 *   could have damaged outside the crash region;
 * - a zeroed page for TTBR1 during break-before-make;
 * - for a normal image, a copy of the linear map (trans_pgd_create_copy())
 *   so the relocation code can copy with the MMU and caches on from
 *   tables no destination covers;
 * - for a normal image on a kernel at EL1 under an EL2 hyp stub (nVHE), a
 *   copy of the stub's vectors (trans_pgd_copy_el2_vectors()): the copy
 *   may overwrite the old kernel's, and the new image is entered at EL2
 *   through HVC_SOFT_RESTART after it.
 *
 * The segments of a crash image are already where they run; they are
 * cleaned to the point of coherency now, because the capture kernel
 * starts with its caches off and the crash path has no time for it.  A
 * crash image of kexec_file_load() also has its SHA-256 recorded now,
 * and checked again first thing in machine_kexec() (digest.c).
 *
 * machine_kexec() then masks every exception, points EL2 at the copied
 * vectors (normal images under nVHE; for a crash, whatever owns EL2, the
 * stub or KVM's host handler, serves HVC_SOFT_RESTART), installs the
 * identity map and calls the relocation code, which never returns.
 *
 * Exception levels: a kernel booted at EL2 with VHE runs at EL2, so the
 * relocation code's MMU switch-off and branch happen at EL2 already; a
 * kernel at EL1 with EL2 available enters the new image through EL2; one
 * booted at EL1 branches to it at EL1.  Protected KVM never gives EL2
 * back: a normal image is refused at load time, and a capture kernel,
 * whose soft restart EL2 then refuses, is entered at EL1.
 *
 * A normal image's copy of the linear map is made with the crash region
 * mapped (protect.c unmaps it while a capture kernel is loaded), since
 * kexec-tools may place a normal image's pages there.
 */
#define pr_fmt(fmt) "kexec: " fmt

#include <linux/cacheflush.h>
#include <linux/console.h>
#include <linux/cpu.h>
#include <linux/kexec.h>
#include <linux/mm.h>
#include <linux/mmu_context.h>
#include <linux/reboot.h>
#include <linux/smp.h>
#include <linux/stddef.h>

#include <asm/cpu_ops.h>
#include <asm/daifflags.h>
#include <asm/sections.h>
#include <asm/trans_pgd.h>
#include <asm/virt.h>

#include "kexec_arm64.h"

/*
 * kernel_kexec() takes every CPU but the one it runs on offline before
 * the jump; a CPU that stays behind would run the old kernel's code while
 * the copy overwrites it.  So every possible CPU, online or parked in its
 * enable method's holding pen (spin-table), must be able to die.
 */
#ifdef CONFIG_HOTPLUG_CPU
static bool cpu_can_go_offline(unsigned int cpu)
{
	const struct cpu_operations *ops = get_cpu_ops(cpu);

	if (!ops || !ops->cpu_die)
		return false;
	return !ops->cpu_can_disable || ops->cpu_can_disable(cpu);
}
#else
static bool cpu_can_go_offline(unsigned int cpu)
{
	return false;
}
#endif

static const char *cpu_enable_method(unsigned int cpu)
{
	const struct cpu_operations *ops = get_cpu_ops(cpu);

	return ops ? ops->name : "none";
}

/* The CPU migrate_to_reboot_cpu() will keep, as it will choose it. */
static unsigned int kexec_stay_cpu(void)
{
	if (reboot_cpu >= 0 && reboot_cpu < nr_cpu_ids && cpu_online(reboot_cpu))
		return reboot_cpu;
	return cpumask_first(cpu_online_mask);
}

static int check_cpus_can_go(void)
{
	unsigned int cpu, stay = kexec_stay_cpu();

	for_each_possible_cpu(cpu) {
		if (cpu == stay || cpu_can_go_offline(cpu))
			continue;
		pr_err("refused: CPU %u cannot be taken offline (enable method %s)\n",
		       cpu, cpu_enable_method(cpu));
		return -EBUSY;
	}
	/* A CPU that failed to boot or to die is still in the kernel. */
	if (cpus_are_stuck_in_kernel()) {
		pr_err("refused: a CPU that failed to come online or to die is still running kernel code\n");
		return -EBUSY;
	}
	return 0;
}

/**
 * machine_kexec_prepare() - refuse an image this machine cannot enter
 * @image: the image being loaded
 *
 * Context: process context, may sleep; while kexec_commit() builds the
 * image: under the kexec lock for a crash image, without it for a
 * normal one, which nothing else can reach yet.
 * Return: 0; -EBUSY for a normal image when protected KVM owns EL2 and
 * will not hand it back, or when a CPU could not be taken offline at
 * kexec time (6.1's errno for both).
 */
int machine_kexec_prepare(struct kimage *image)
{
	if (image->type == KEXEC_TYPE_CRASH)
		return 0;
	if (is_protected_kvm_enabled()) {
		pr_err("refused: protected KVM keeps EL2, the new kernel could not be entered\n");
		return -EBUSY;
	}
	return check_cpus_can_go();
}

/* trans_pgd's allocator: zeroed control pages of the image. */
static void *control_page(void *arg)
{
	struct page *page = kimage_alloc_control_pages(arg, 0);

	if (!page)
		return NULL;
	clear_page(page_address(page));
	return page_address(page);
}

static void clean_to_poc(void *start, size_t len)
{
	dcache_clean_inval_poc((unsigned long)start,
			       (unsigned long)start + len);
}

static void clean_crash_segments(const struct kimage *image)
{
	unsigned long i;

	for (i = 0; i < image->nr_segments; i++)
		clean_to_poc(phys_to_virt(image->segment[i].mem),
			     image->segment[i].memsz);
}

/*
 * The registers the image starts with, in the copy's entry record:
 * through EL2 when the kernel runs at EL1 with EL2 available (the hyp
 * stub, or KVM), directly otherwise (EL1 only, or VHE at EL2).
 */
static void write_entry_record(const struct kimage *image, void *code)
{
	struct arm64_kexec_entry *rec = code + (arm64_kexec_entry_record -
						__relocate_new_kernel_start);

	BUILD_BUG_ON(offsetof(struct arm64_kexec_entry, el1_regs) !=
		     ENTRY_EL1_REGS);
	BUILD_BUG_ON(offsetof(struct arm64_kexec_entry, pc) != ENTRY_PC);
	BUILD_BUG_ON(offsetof(struct arm64_kexec_entry, el2_regs) !=
		     ENTRY_EL2_REGS);
	BUILD_BUG_ON(sizeof(*rec) != ENTRY_SIZE);

	*rec = (struct arm64_kexec_entry) {
		.el1_regs = { image->arch.dtb_mem },
		.pc = image->start,
	};
	if (!is_hyp_nvhe())
		return;
	rec->el2_regs[0] = HVC_SOFT_RESTART;
	rec->el2_regs[1] = image->start;
	rec->el2_regs[2] = image->arch.dtb_mem;
}

static int install_code(struct kimage *image, struct trans_pgd_info *info)
{
	void *code = page_address(image->control_code_page);
	size_t len = __relocate_new_kernel_end - __relocate_new_kernel_start;

	memcpy(code, __relocate_new_kernel_start, len);
	write_entry_record(image, code);
	clean_to_poc(code, len);
	icache_inval_pou((unsigned long)code, (unsigned long)code + len);
	image->arch.kern_reloc = __pa(code);
	image->arch.phys_offset = __pa(code) - (unsigned long)code;
	return trans_pgd_idmap_page(info, &image->arch.ttbr0,
				    &image->arch.t0sz, code);
}

/* What only a normal image needs: the linear map copy, the EL2 vectors. */
static int prepare_copy(struct kimage *image, struct trans_pgd_info *info)
{
	pgd_t *linear;
	int ret;

	/*
	 * The copy leaves out what is unmapped, and a destination may lie in
	 * the crash region: copy it with the region mapped.  This runs
	 * without the kexec lock, so a capture kernel may be loaded or
	 * unloaded meanwhile; borrowing the region holds that off.
	 */
	arm64_kexec_crash_region_borrow();
	ret = trans_pgd_create_copy(info, &linear, PAGE_OFFSET, PAGE_END);
	arm64_kexec_crash_region_return();
	if (ret)
		return ret;
	image->arch.ttbr1 = __pa(linear);
	if (!is_hyp_nvhe())
		return 0;
	return trans_pgd_copy_el2_vectors(info, &image->arch.el2_vectors);
}

/**
 * machine_kexec_post_load() - build what the jump needs, in control pages
 * @image: the image just loaded; its segments and list are final
 *
 * For a crash image of kexec_file_load(), also records the SHA-256 of
 * its segments, now in the crash region (digest.c).
 *
 * Context: process context, may sleep; while kexec_commit() builds the
 * image: under the kexec lock for a crash image, without it for a
 * normal one, which nothing else can reach yet.
 * Return: 0, or -ENOMEM when control pages or memory run out.
 */
int machine_kexec_post_load(struct kimage *image)
{
	struct trans_pgd_info info = {
		.trans_alloc_page = control_page,
		.trans_alloc_arg = image,
	};
	void *zero;
	int ret;

	image->arch.ttbr1 = 0;
	image->arch.el2_vectors = 0;
	ret = install_code(image, &info);
	if (ret)
		return ret;
	zero = control_page(image);
	if (!zero)
		return -ENOMEM;
	image->arch.zero_page = __pa(zero);
	if (image->type == KEXEC_TYPE_CRASH) {
		clean_crash_segments(image);
		return arm64_kexec_digests_record(image);
	}
	return prepare_copy(image, &info);
}

/**
 * machine_kexec_cleanup() - undo machine_kexec_prepare() and post_load
 * @image: the image being freed
 *
 * Every page the layer used is a control page, which the core frees
 * with the image; only the digests of a crash image are freed here.
 *
 * Context: process context; from kimage_destroy(), the image no longer
 * (or never) installed.
 */
void machine_kexec_cleanup(struct kimage *image)
{
	arm64_kexec_digests_free(image);
}

/*
 * A crash image whose bytes changed since the load: the other CPUs are
 * stopped and the interrupt controllers quiesced, so there is no machine
 * to return to.  Flush the log, then stop here for good.
 */
static void __noreturn refuse_damaged_image(void)
{
	console_flush_on_panic(CONSOLE_FLUSH_PENDING);
	local_daif_mask();
	for (;;)
		wfi();
}

/**
 * machine_kexec() - jump into a loaded image
 * @image: kexec_image or kexec_crash_image, prepared at load time
 *
 * For a normal image every other CPU is offline by now; if one is not,
 * the copy would overwrite code it runs, so the machine restarts instead.
 *
 * A crash image loaded by kexec_file_load() is first hashed again
 * (digest.c).  If its bytes changed, this logs which segment, flushes the
 * console and halts this CPU with every exception masked: the dump is
 * lost either way, but no damaged kernel runs, and nothing returns into
 * a machine machine_crash_shutdown() has half shut down.
 *
 * Context: reboot or crash path, other CPUs stopped.  Does not return.
 * Must not allocate, sleep or take locks.
 */
void __nocfi machine_kexec(struct kimage *image)
{
	bool crash = image->type == KEXEC_TYPE_CRASH;
	arm64_kexec_relocate_fn relocate;

	if (crash && !arm64_kexec_digests_match(image))
		refuse_damaged_image();
	if (!crash && num_online_cpus() > 1) {
		pr_emerg("CPUs %*pbl are still online; restarting instead\n",
			 cpumask_pr_args(cpu_online_mask));
		emergency_restart();
	}
	local_daif_mask();
	if (!crash && is_hyp_nvhe())
		__hyp_set_vectors(image->arch.el2_vectors);
	cpu_install_ttbr0(image->arch.ttbr0, image->arch.t0sz);
	relocate = (arm64_kexec_relocate_fn)image->arch.kern_reloc;
	relocate(image->head, image->arch.ttbr1, image->arch.phys_offset,
		 image->arch.zero_page);
}
