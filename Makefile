# SPDX-License-Identifier: GPL-2.0
#
# Build driver of the kdump series.  It is not copied into the kernel.
#
#   make demo              crash an x86_64 guest and show what crash saw
#   make check             every test, both architectures
#   make check REFERENCE=1 the same tests on the untouched upstream kernel
#   make stress N=300      repeated kexec -e reboots and crash captures
#   make fuzz FUZZ_SECONDS=600  the libFuzzer harnesses, each that long
#   make matrix N=5        every crash trigger N times, both trees
#   make check-debug       the main suites on sanitizer kernels
#   make series            the work as a patch series, in build/series/
#   make check-i386        crash and capture a 32-bit x86 kernel
#   make check-riscv64     kexec_file_load() and its ELF purgatory, riscv64
#   make docs-check        Sphinx on the series' documents, no warnings
#   make perf PERF_RUNS=3  /proc/vmcore speed, project beside reference
#   make kernel-arm64      one kernel; see bench/kernel.sh
#
# Everything is built under build/.  Kernel builds never run in parallel.

ARCHES ?= x86_64 arm64

# Which tree the tests run: "project" (the series applied, the default) or
# "reference" (upstream 6.1 untouched, for comparison).
MODE ?= project
ifneq ($(REFERENCE),)
MODE := reference
endif

# VARIANT=-debug (make check-debug sets it): every kernel, initramfs and
# test directory below is the one built with config.<arch>-debug.
VARIANT ?=

B      := $(CURDIR)/build
ST     := tools/testing/selftests/kdump
TOOLS  := $(B)/tools
debarch = $(if $(filter arm64 i386,$(1)),$(1),amd64)
kbuild  = $(B)/out/$(MODE)-$(1)$(VARIANT)
testdir = $(B)/test/$(MODE)-$(1)$(VARIANT)

# Debian packages unpacked for each guest: its userspace, and for arm64
# the arm64 judges that run under qemu-aarch64-static.
SYSROOT_PKGS_x86_64 := busybox-static kexec-tools makedumpfile
SYSROOT_PKGS_arm64  := busybox-static kexec-tools crash makedumpfile
SYSROOT_PKGS_i386   := busybox-static kexec-tools crash makedumpfile

.NOTPARALLEL:
ALL_ARCHES := x86_64 arm64
KERNELS    := $(ALL_ARCHES:%=kernel-%) kernel-i386
SYSROOTS   := $(ALL_ARCHES:%=sysroot-%) sysroot-i386
INITRAMFS  := $(ALL_ARCHES:%=initramfs-%)
.PHONY: all deps tree tools check check-debug check-debug-run demo stress fuzz matrix clean $(KERNELS) $(SYSROOTS) $(INITRAMFS)
.PHONY: kernel-arm64-64k initramfs-arm64-64k series series-check cross-check
.PHONY: check-i386 initramfs-i386 docs-check perf check-riscv64

all: check

deps:
	@bench/deps.sh

tree: deps
	@bench/mktree.sh $(MODE)

$(KERNELS): kernel-%: tree
	@bench/kernel.sh $(MODE) $* $(patsubst -%,%,$(VARIANT))

$(SYSROOTS): sysroot-%: deps
	@$(ST)/mksysroot.sh $(call debarch,$*) $(B)/sysroot/$* $(SYSROOT_PKGS_$*)

# Guest scenarios: $(ST)/guest/NAME.init becomes NAME.cpio.gz per arch.
SCENARIOS := crash refusals crashkernel elfcorehdr reboot readers collect perf \
	perf_layout perf_reserve
# Sysroot programs a scenario's images carry besides busybox and kexec.
initramfs_tools_collect := usr/bin/makedumpfile
initramfs_tools_perf    := usr/bin/makedumpfile sbin/vmcore-dmesg
initramfs_tools_perf_reserve := usr/bin/makedumpfile
# Static C programs run inside the guest, cross-compiled for arm64.
GUEST_PROGS := $(basename $(notdir $(wildcard $(ST)/guest/*.c)))
# Shared objects preloaded into a guest program (kexec), as /bin/NAME.so.
GUEST_PRELOADS := $(basename $(notdir $(wildcard $(ST)/guest/preload/*.c)))
guest_cc = $(if $(filter arm64,$(1)),aarch64-linux-gnu-gcc,gcc)
# The signed copies of a KEXEC_SIG kernel (bench/kernel.sh) that the
# refusals scenario's lockdown case loads.
signed_images = $(addprefix $(call kbuild,$(1))/kernel-image.,signed untrusted)

$(INITRAMFS): initramfs-%: kernel-% sysroot-%
	@mkdir -p $(call testdir,$*) $(B)/guest/$*
	@for p in $(GUEST_PROGS); do \
		$(call guest_cc,$*) -static -O2 -Wall -Wextra -Werror -pthread \
			-I$(B)/trees/$(MODE)/tools/testing/selftests \
			-o $(B)/guest/$*/$$p $(ST)/guest/$$p.c || exit 1; \
	done
	@for p in $(GUEST_PRELOADS); do \
		$(call guest_cc,$*) -shared -fPIC -O2 -Wall -Wextra -Werror \
			-o $(B)/guest/$*/$$p.so $(ST)/guest/preload/$$p.c || exit 1; \
	done
	@for s in $(SCENARIOS); do \
		INITRAMFS_TOOLS="$$(case $$s in \
			collect) echo $(initramfs_tools_collect) ;; \
			perf) echo $(initramfs_tools_perf) ;; \
			perf_reserve) echo $(initramfs_tools_perf_reserve) ;; \
			esac)" \
			$(ST)/mkinitramfs.sh $(B)/sysroot/$* $(ST)/guest/$$s.init \
			$(call kbuild,$*)/kernel-image \
			$(call testdir,$*)/$$s.cpio.gz $(B)/guest/$* \
			$$(test $$s != refusals || \
			   ls $(call signed_images,$*) 2>/dev/null) || exit 1; \
	done

# 32-bit x86: the crash scenario only, whose image needs no guest program.
initramfs-i386: kernel-i386 sysroot-i386
	@mkdir -p $(call testdir,i386)
	@$(ST)/mkinitramfs.sh $(B)/sysroot/i386 $(ST)/guest/crash.init \
		$(call kbuild,i386)/kernel-image $(call testdir,i386)/crash.cpio.gz

# The arm64 kernel again with 64 KiB pages, and its crash scenario.
kernel-arm64-64k: tree
	@bench/kernel.sh $(MODE) arm64 64k

initramfs-arm64-64k: kernel-arm64-64k initramfs-arm64
	@mkdir -p $(call testdir,arm64-64k)
	@$(ST)/mkinitramfs.sh $(B)/sysroot/arm64 $(ST)/guest/crash.init \
		$(call kbuild,arm64-64k)/kernel-image \
		$(call testdir,arm64-64k)/crash.cpio.gz $(B)/guest/arm64

tools: deps
	@$(MAKE) -s -C $(ST)/vmcore_check O=$(TOOLS)
	@$(MAKE) -s -C $(ST)/elfcorehdr O=$(TOOLS)

# crash_suite ARCH CPUS: the sysrq-c scenario on a CPUS-way guest, whose
# capture kernel adds test device dumps that crash must read back.
crash_suite = crash_$(1)_smp$(2)=KDUMP_SMP=$(2) KDUMP_TOOLS=$(TOOLS) \
	KDUMP_DEVDUMP=on KDUMP_MODE=$(MODE) \
	KDUMP_SYSROOT=$(B)/sysroot/$(1) $(ST)/kdump_crash.sh $(1) \
	$(call kbuild,$(1)) $(call testdir,$(1))/crash.cpio.gz \
	$(call testdir,$(1))/crash-smp$(2)

# oops_suite ARCH: a BUG() with panic_on_oops, on a two-way guest; die()
# enters the capture kernel through crash_kexec(), not panic().  Its
# capture kernel boots with novmcoredd: every device dump is refused.
oops_suite = crash_$(1)_oops=KDUMP_TRIGGER=oops KDUMP_TOOLS=$(TOOLS) \
	KDUMP_DEVDUMP=off KDUMP_MODE=$(MODE) \
	KDUMP_SYSROOT=$(B)/sysroot/$(1) $(ST)/kdump_crash.sh $(1) \
	$(call kbuild,$(1)) $(call testdir,$(1))/crash.cpio.gz \
	$(call testdir,$(1))/crash-oops

# salvage_suite ARCH DAMAGE: a sysrq-c crash whose ELF core header
# kexec_damage.so damaged; the dump must still satisfy the judges.
salvage_suite = salvage_$(1)_$(subst -,_,$(2))=KDUMP_DAMAGE=$(2) KDUMP_TIMEOUT=150 \
	KDUMP_TOOLS=$(TOOLS) KDUMP_SYSROOT=$(B)/sysroot/$(1) \
	$(ST)/kdump_crash.sh $(1) $(call kbuild,$(1)) \
	$(call testdir,$(1))/crash.cpio.gz $(call testdir,$(1))/salvage-$(2)
# Every damage on x86_64.  On arm64 only the note damage: its NT_PRSTATUS
# has another size; the other damages take the same path in
# fs/proc/vmcore on both, and each arm64 crash costs make check a minute.
DAMAGES_x86_64 := note-overruns note-huge loads-overlap other-phdr
DAMAGES_arm64  := note-overruns

# trigger_suite ARCH TRIGGER: another way to die (kdump_crash.sh), on a
# four-way guest: a panic inside an interrupt handler, or a panic while a
# CPU spins with interrupts masked.
trigger_suite = crash_$(1)_$(2)=KDUMP_SMP=4 KDUMP_TRIGGER=$(2) \
	KDUMP_MODE=$(MODE) KDUMP_TOOLS=$(TOOLS) \
	KDUMP_SYSROOT=$(B)/sysroot/$(1) $(ST)/kdump_crash.sh $(1) \
	$(call kbuild,$(1)) $(call testdir,$(1))/crash.cpio.gz \
	$(call testdir,$(1))/crash-$(2)
TRIGGERS := hardirq wedged

# matrix_suite ARCH NAME: one run of make matrix's trigger NAME (its table
# in bench/matrix.sh is the only definition), for the triggers that reach
# the capture kernel by a path nothing else in make check takes: from an
# NMI on every CPU, from the stack overflow handler, with every CPU in
# panic() at once, after the post-notifier stop, and a crash while a
# kexec_load() waits.
matrix_suite = crash_$(1)_$(2)=MATRIX_VARIANT=$(VARIANT) bench/matrix.sh \
	--one $(2) $(1) $(MODE) $(call testdir,$(1))/matrix-$(2)
CHECK_TRIGGERS_x86_64 := nmi stack_overflow together post_notifiers load_race
CHECK_TRIGGERS_arm64  := stack_overflow together load_race

# fuzz_suite ARCH: 100000 generated kexec_load() calls, most of them wrong
# (guest/kexec_load_fuzz.c), then the sysrq-c crash scenario, judged as
# usual: every call must get an errno kexec_load() has, and the kernel
# must still load its capture kernel and crash into it.
FUZZ_CALLS := 100000
fuzz_suite = fuzz_kexec_load_$(1)=KDUMP_FUZZ=$(FUZZ_CALLS) KDUMP_TOOLS=$(TOOLS) \
	KDUMP_SYSROOT=$(B)/sysroot/$(1) $(ST)/kdump_crash.sh $(1) \
	$(call kbuild,$(1)) $(call testdir,$(1))/crash.cpio.gz \
	$(call testdir,$(1))/fuzz-kexec-load

# file_crash_suite ARCH TRIGGER and file_reboot_suite ARCH: the crash and
# reboot scenarios with images loaded through kexec_file_load (kexec -s),
# on the architectures that have a kexec_file_load loader (FILE_ARCHES).
FILE_ARCHES := x86_64 arm64
file_crash_suite = crash_$(1)_file_$(2)=KDUMP_LOAD=file KDUMP_TRIGGER=$(2) \
	KDUMP_MODE=$(MODE) KDUMP_TOOLS=$(TOOLS) \
	KDUMP_SYSROOT=$(B)/sysroot/$(1) $(ST)/kdump_crash.sh $(1) \
	$(call kbuild,$(1)) $(call testdir,$(1))/crash.cpio.gz \
	$(call testdir,$(1))/crash-file-$(2)
file_reboot_suite = reboot_$(1)_file=KDUMP_APPEND=kdump_load=file KDUMP_IMA=1 \
	$(ST)/kdump_reboot.sh $(1) $(call kbuild,$(1)) \
	$(call testdir,$(1))/reboot.cpio.gz $(call testdir,$(1))/reboot-file
# file_refusals_suite ARCH [lockdown]: kexec_file_refusals in the guest,
# every errno of kexec_file_load, or the lockdown case alone.
file_refusals_suite = file_$(if $(2),lockdown,refusals)_$(1)= \
	$(ST)/kdump_guest_ktap.sh $(1) $(call kbuild,$(1)) \
	$(call testdir,$(1))/refusals.cpio.gz \
	$(call testdir,$(1))/file-$(if $(2),lockdown,refusals) \
	'crashkernel=64M kdump_refusals=file KDUMP_MODE=$(MODE)$(if $(2), lockdown=integrity)'
# digest_suite ARCH: a capture kernel damaged after kexec -s -p must be
# refused by the check before the jump (kdump_digest.sh).
digest_suite = digest_$(1)=KDUMP_MODE=$(MODE) $(ST)/kdump_digest.sh $(1) \
	$(call kbuild,$(1)) $(call testdir,$(1))/crash.cpio.gz \
	$(call testdir,$(1))/digest
file_suites = $(foreach a,$(filter $(FILE_ARCHES),$(ARCHES)), \
	"$(call file_crash_suite,$(a),sysrq)" \
	"$(call file_crash_suite,$(a),oops)" \
	"$(call file_reboot_suite,$(a))" \
	"$(call file_refusals_suite,$(a))" \
	"$(call file_refusals_suite,$(a),lockdown)" \
	"$(call digest_suite,$(a))")

# el2_suites: crash and kexec -e reboot on arm64 booted at EL2: the kernel
# at EL2 beside KVM (vhe), at EL1 under KVM's nVHE hyp (nvhe), and at EL1
# under the bare hyp stub (stub).  Every kernel of a run must log the
# line that proves it booted that way (KDUMP_EVERY_KERNEL).
el2_append_nvhe := kvm-arm.mode=nvhe
el2_append_stub := id_aa64mmfr1.vh=0 kvm-arm.mode=none
el2_proof_vhe   := VHE mode initialized successfully
el2_proof_nvhe  := Hyp mode initialized successfully
el2_proof_stub  := CPU: All CPU(s) started at EL2
el2_suite = $(2)_arm64_$(1)=KDUMP_VIRT_OPTS=virtualization=on \
	KDUMP_APPEND='$(el2_append_$(1))' \
	KDUMP_EVERY_KERNEL='$(el2_proof_$(1))' \
	KDUMP_TOOLS=$(TOOLS) KDUMP_SYSROOT=$(B)/sysroot/arm64 \
	$(ST)/kdump_$(2).sh arm64 $(call kbuild,arm64) \
	$(call testdir,arm64)/$(2).cpio.gz $(call testdir,arm64)/$(2)-$(1)
el2_suites = $(foreach m,vhe nvhe stub,"$(call el2_suite,$(m),crash)" \
	"$(call el2_suite,$(m),reboot)")

# la57_suites: crash, kexec -e reboot and the KUnit suites on x86_64 with
# 5-level paging (the page-table count of kexec_x86_pgtable depends on it).
# The kernel is built with X86_5LEVEL, as Debian's is, and uses five
# levels when the CPU has LA57 (QEMU's la57, which TCG emulates); every
# kernel of a run must say it did (the guest inits read
# pgtable_l5_enabled from the kernel's own VMCOREINFO in /proc/kcore).
la57_suite = $(1)_x86_64_la57=KDUMP_QEMU_ARGS='-cpu qemu64,+la57' \
	KDUMP_EVERY_KERNEL=KDUMP-PAGE-LEVELS=5 \
	KDUMP_TOOLS=$(TOOLS) KDUMP_SYSROOT=$(B)/sysroot/x86_64 \
	$(ST)/kdump_$(1).sh x86_64 $(call kbuild,x86_64) \
	$(call testdir,x86_64)/$(1).cpio.gz $(call testdir,x86_64)/$(1)-la57
la57_suites = "$(call la57_suite,crash)" "$(call la57_suite,reboot)" \
	"kunit_x86_64_la57=KDUMP_QEMU_ARGS='-cpu qemu64,+la57' \
	KDUMP_KUNIT_EXPECT='kexec_x86_pgtable\..*_5_levels$$' \
	KDUMP_MODE=$(MODE) $(ST)/kdump_kunit.sh x86_64 $(call kbuild,x86_64) \
	$(call testdir,x86_64)/crashkernel.cpio.gz \
	$(call testdir,x86_64)/kunit-la57"

# machine_refusal_suite MACHINE: an arm64 machine that cannot enter a
# normal image (spin-table CPUs, protected KVM) refuses one with EBUSY.
machine_refusal_suite = refusal_arm64_$(subst -,_,$(1))= \
	$(ST)/kdump_machine_refusal.sh arm64 $(call kbuild,arm64) \
	$(call testdir,arm64)/refusals.cpio.gz $(call testdir,arm64)/refusal-$(1) \
	$(1) 'crashkernel=64M KDUMP_MODE=$(MODE)'

# crash_64k_suite: the crash suite on the arm64 kernel with 64 KiB pages.
crash_64k_suite = crash_arm64_64k=KDUMP_TOOLS=$(TOOLS) \
	KDUMP_SYSROOT=$(B)/sysroot/arm64 $(ST)/kdump_crash.sh arm64 \
	$(call kbuild,arm64-64k) $(call testdir,arm64-64k)/crash.cpio.gz \
	$(call testdir,arm64-64k)/crash

linear_map_suite = linear_map_arm64=KDUMP_MODE=$(MODE) \
	$(ST)/kdump_linear_map.sh arm64 $(call kbuild,arm64) \
	$(call testdir,arm64)/crashkernel.cpio.gz $(call testdir,arm64)/linear-map

# wedged_pnmi_suite: the wedged scenario on arm64 with GICv3 pseudo-NMIs,
# which let the series stop the CPU that ignored the crash stop IPI.
wedged_pnmi_suite = crash_arm64_wedged_pnmi=KDUMP_PSEUDO_NMI=1 KDUMP_SMP=4 \
	KDUMP_TRIGGER=wedged KDUMP_MODE=$(MODE) KDUMP_TOOLS=$(TOOLS) \
	KDUMP_SYSROOT=$(B)/sysroot/arm64 $(ST)/kdump_crash.sh arm64 \
	$(call kbuild,arm64) $(call testdir,arm64)/crash.cpio.gz \
	$(call testdir,arm64)/crash-wedged-pnmi

refusals_suite = refusals_$(1)=$(ST)/kdump_guest_ktap.sh $(1) $(call kbuild,$(1)) \
	$(call testdir,$(1))/refusals.cpio.gz $(call testdir,$(1))/refusals \
	'crashkernel=64M KDUMP_MODE=$(MODE)'

# readers_suite ARCH: parallel and blocked readers of /proc/vmcore in a
# two-CPU capture kernel.
readers_suite = readers_$(1)=$(ST)/kdump_guest_ktap.sh $(1) $(call kbuild,$(1)) \
	$(call testdir,$(1))/readers.cpio.gz $(call testdir,$(1))/readers \
	'crashkernel=192M'

lockdown_suite = lockdown_$(1)=$(ST)/kdump_guest_ktap.sh $(1) $(call kbuild,$(1)) \
	$(call testdir,$(1))/refusals.cpio.gz $(call testdir,$(1))/lockdown \
	'crashkernel=64M lockdown=integrity'

crashkernel_suite = crashkernel_$(1)=KDUMP_MODE=$(MODE) \
	$(ST)/kdump_crashkernel.sh $(1) $(call kbuild,$(1)) \
	$(call testdir,$(1))/crashkernel.cpio.gz $(call testdir,$(1))/crashkernel

reboot_suite = reboot_$(1)=$(ST)/kdump_reboot.sh $(1) $(call kbuild,$(1)) \
	$(call testdir,$(1))/reboot.cpio.gz $(call testdir,$(1))/reboot

reloc_order_suite = reloc_order_$(1)=KDUMP_MODE=$(MODE) \
	$(ST)/kdump_reloc_order.sh $(1) $(call kbuild,$(1))

kaslr_offset_suite = kaslr_offset_$(1)=$(ST)/kdump_kaslr_offset.sh $(1) \
	$(call kbuild,$(1)) $(call testdir,$(1))/crashkernel.cpio.gz \
	$(call testdir,$(1))/kaslr-offset

kunit_suite = kunit_$(1)=KDUMP_MODE=$(MODE) $(ST)/kdump_kunit.sh $(1) \
	$(call kbuild,$(1)) $(call testdir,$(1))/crashkernel.cpio.gz \
	$(call testdir,$(1))/kunit

elfcorehdr_suite = elfcorehdr_$(1)=KDUMP_MODE=$(MODE) KDUMP_TOOLS=$(TOOLS) \
	$(ST)/kdump_elfcorehdr.sh $(1) $(call kbuild,$(1)) \
	$(call testdir,$(1))/elfcorehdr.cpio.gz $(call testdir,$(1))/elfcorehdr

# collect_suite ARCH [busy]: the capture workflow of a distribution's
# kdump service (kdump_collect.sh): the capture kernel writes the dump to
# an ext4 file system on the virtio disk and sends it over virtio-net to
# the host, with the disk and the network busy at the crash for "busy".
collect_suite = collect_$(1)$(if $(2),_busy)=KDUMP_TOOLS=$(TOOLS) \
	KDUMP_SYSROOT=$(B)/sysroot/$(1) $(ST)/kdump_collect.sh $(1) \
	$(call kbuild,$(1)) $(call testdir,$(1))/collect.cpio.gz \
	$(call testdir,$(1))/collect$(if $(2),-busy) $(2)
# The runs per architecture: "quiet" and "busy".  The busy run makes every
# check of the quiet one, so arm64, where each costs a minute, runs it alone.
COLLECT_RUNS_x86_64 := quiet busy
COLLECT_RUNS_arm64  := busy

# kselftest_suite: the selftests as kernel developers run them, through
# kselftest's lib.mk in the project tree, against its x86_64 kernel
# (tools/testing/selftests/kdump/Makefile); one result, its own KTAP
# nested under kselftest's "# " prefix.
kselftest_suite = kselftest_x86_64=env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	make -s -C $(B)/trees/$(MODE)/tools/testing/selftests TARGETS=kdump \
	run_tests O=$(call kbuild,x86_64)

# docs_suite: Sphinx builds the series' documents with the kernel's own
# conf.py and kernel-doc, without a warning (bench/docs.sh).
docs_suite = docs=bench/docs.sh $(MODE)

# fuzzers_suite: the libFuzzer harnesses of $(ST)/fuzz/ built and run for
# FUZZ_CHECK_SECONDS each, so that they keep building as the code under
# them changes; make fuzz runs them for longer.
FUZZ_CHECK_SECONDS ?= 20
fuzzers_suite = fuzzers=bench/deps.sh clang-14 libclang-rt-14-dev \
	> /dev/null && $(ST)/fuzz/run.sh $(FUZZ_CHECK_SECONDS)

# series_suite: the repository exported as a patch series (make series)
# must apply with git am to pristine files and give the project tree.
series_suite = series=bench/series.sh check

check: tools $(ARCHES:%=initramfs-%) \
	$(if $(filter arm64,$(ARCHES)),initramfs-arm64-64k)
	@echo "# kdump selftests, $(MODE) tree"
	@$(ST)/run_tests.sh \
		"vmcore_check=$(MAKE) -s -C $(ST)/vmcore_check O=$(TOOLS) test" \
		$(foreach a,$(ARCHES),"$(call kunit_suite,$(a))" \
			"$(call crash_suite,$(a),2)" \
			"$(call oops_suite,$(a))" \
			$(foreach t,$(TRIGGERS),"$(call trigger_suite,$(a),$(t))") \
			$(foreach t,$(CHECK_TRIGGERS_$(a)),"$(call matrix_suite,$(a),$(t))") \
			"$(call fuzz_suite,$(a))" \
			"$(call refusals_suite,$(a))" \
			"$(call lockdown_suite,$(a))" \
			"$(call crashkernel_suite,$(a))" \
			"$(call reboot_suite,$(a))" \
			"$(call readers_suite,$(a))" \
			$(foreach r,$(COLLECT_RUNS_$(a)), \
				"$(call collect_suite,$(a),$(filter busy,$(r)))") \
			$(foreach d,$(DAMAGES_$(a)),"$(call salvage_suite,$(a),$(d))")) \
		$(file_suites) \
		$(if $(filter arm64,$(ARCHES)),"$(wedged_pnmi_suite)" \
			"$(linear_map_suite)" $(el2_suites) \
			"$(call machine_refusal_suite,spin-table)" \
			"$(call machine_refusal_suite,pkvm)" \
			"$(crash_64k_suite)") \
		$(if $(filter x86_64,$(ARCHES)),"$(call elfcorehdr_suite,x86_64)" \
			$(la57_suites) \
			"$(call kaslr_offset_suite,x86_64)" \
			"$(call reloc_order_suite,x86_64)") \
		$(if $(filter project,$(MODE)),"$(series_suite)" "$(docs_suite)" \
			"$(fuzzers_suite)" \
			$(if $(filter x86_64,$(ARCHES)),"$(kselftest_suite)"))

demo: tools initramfs-x86_64
	@bench/demo.sh $(call kbuild,x86_64) $(call testdir,x86_64)/crash-smp2 \
		"$(call crash_suite,x86_64,2)"

# make series: the repository as a git format-patch series against
# pristine linux-source-6.1, cut as patches/split says, with the cover
# letter of patches/cover, in build/series/.  make series-check: that it
# applies to a whole pristine tree with git am and gives the project
# tree, that each patch passes checkpatch --strict there, and that every
# prefix of the series builds (x86_64, the selftest config).  Not part of
# make check, which makes the first of these checks on the files the
# series touches.
series: tree
	@bench/series.sh export
series-check: tree
	@bench/deps.sh python3-ply python3-git
	@bench/series.sh full

# make cross-check [CROSS_TREE=reference]: kexec and crash dumps of the
# other Debian architectures (i386, armhf, ppc64el, s390x, riscv64,
# mips64el) configured and built with Debian's cross compilers
# (bench/cross.sh).  Not part of make check.
CROSS_TREE ?= project
cross-check: tree
	@bench/cross.sh $(CROSS_TREE)

# make check-i386: 32-bit x86 boots, crashes and is captured: the crash
# scenario (with device dumps) and the oops scenario (novmcoredd) on an
# i386 kernel with HIGHMEM4G, judged by Debian's i386 makedumpfile and
# crash under qemu-i386-static.  Not part of make check, whose cold run
# it would push past 45 minutes with a fourth kernel build.
# make perf [PERF_RUNS=3] [ARCHES=x86_64]: /proc/vmcore's throughput and
# the crash latency, the project's beside the reference tree's, medians
# in build/perf/ARCH/table.txt (bench/perf.sh), on kernels without the
# project's test-only options (config.<arch>-perf).  Not part of make check.
PERF_RUNS ?= 3
perf:
	@bench/deps.sh gnuplot-nox
	@$(MAKE) -s tools
	@for a in $(ARCHES); do \
		$(MAKE) -s MODE=project VARIANT=-perf initramfs-$$a && \
		$(MAKE) -s MODE=reference initramfs-$$a && \
		bench/perf.sh $$a $(PERF_RUNS) || exit 1; \
	done

docs-check: tree
	@bench/docs.sh $(MODE)

check-i386: tools initramfs-i386
	@echo "# kdump selftests, $(MODE) tree, i386"
	@$(ST)/run_tests.sh "$(call crash_suite,i386,2)" "$(call oops_suite,i386)"

# make check-riscv64: kexec_file_load() through the ELF purgatory the core
# loads (kernel/kexec/purgatory.c) on a riscv64 guest: a kexec reboot, a
# crash captured and checked from inside the capture kernel, and a
# damaged capture kernel that the purgatory refuses to enter
# (kdump_elf_purgatory.sh); then the KUnit suites, booted with that
# suite's image, so riscv64 runs the purgatory loader's own.  Debian has no riscv64 makedumpfile or crash
# for bookworm, so the capture kernel judges its own /proc/vmcore.  Not
# part of make check, for the same reason as check-i386.
check-riscv64: tree
	@bench/deps.sh gcc-riscv64-linux-gnu libc6-dev-riscv64-cross \
		qemu-system-misc
	@bench/kernel.sh $(MODE) riscv64
	@echo "# kdump selftests, $(MODE) tree, riscv64"
	@$(ST)/run_tests.sh "elf_purgatory_riscv64=$(ST)/kdump_elf_purgatory.sh \
		riscv64 $(call kbuild,riscv64) \
		$(call testdir,riscv64)/elf-purgatory" \
		"kunit_riscv64=KDUMP_MODE=$(MODE) $(ST)/kdump_kunit.sh riscv64 \
		$(call kbuild,riscv64) \
		$(call testdir,riscv64)/elf-purgatory/boot.cpio.gz \
		$(call testdir,riscv64)/kunit"

# make matrix [N=5] [ARCHES=...]: the crash-trigger matrix (bench/matrix.sh)
# on the project and the reference tree: each trigger N times per
# architecture and tree, one table at the end.  Not part of make check.
matrix_n = $(if $(filter command line,$(origin N)),$(N),5)
matrix: tools
	@$(MAKE) -s MODE=project $(ARCHES:%=initramfs-%)
	@$(MAKE) -s REFERENCE=1 $(ARCHES:%=initramfs-%)
	@bench/matrix.sh $(matrix_n) $(B)/matrix \
		$(foreach a,$(ARCHES),$(a):project $(a):reference)

# make check-debug [ARCHES=...]: the crash, oops, refusals, crashkernel,
# reboot, kexec_load fuzz and (x86_64) elfcorehdr suites and every other
# trigger of the matrix once, on kernels built with KASAN, UBSAN, lockdep
# and the other checkers of config.<arch>-debug; then kdump_sanitizers.sh
# reads every console log of the run for a report.  Not part of make
# check: under TCG the crash suite takes eight times as long.
check-debug:
	@$(MAKE) -s VARIANT=-debug check-debug-run
check-debug-run: tools $(ARCHES:%=initramfs-%)
	@echo "# kdump selftests, $(MODE) tree, sanitizer kernels"
	@KDUMP_TIMEOUT=600 $(ST)/run_tests.sh \
		$(foreach a,$(ARCHES),"$(call crash_suite,$(a),2)" \
			"$(call oops_suite,$(a))" \
			"$(call refusals_suite,$(a))" \
			"$(call crashkernel_suite,$(a))" \
			"$(call reboot_suite,$(a))" \
			"$(call fuzz_suite,$(a))" \
			$(if $(filter x86_64,$(a)),"$(call elfcorehdr_suite,$(a))") \
			$(foreach t,$(filter-out sysrq oops,$(shell bench/matrix.sh --list $(a))), \
				"$(call matrix_suite,$(a),$(t))") \
			"sanitizers_$(a)=$(ST)/kdump_sanitizers.sh $(call testdir,$(a))")

# make fuzz [FUZZ_SECONDS=60]: the libFuzzer harnesses of $(ST)/fuzz/
# (the ELF core header checks, notes and layout of /proc/vmcore; the
# crashkernel= parser against upstream's), each for FUZZ_SECONDS, under
# ASan and UBSan.  Not part of make check.
FUZZ_SECONDS ?= 60
fuzz:
	@bench/deps.sh clang-14 libclang-rt-14-dev
	@bench/mktree.sh reference
	@$(ST)/fuzz/run.sh $(FUZZ_SECONDS)

# make stress [N=100] [ARCHES=...] [REFERENCE=1]: N kexec -e reboots and N
# crash captures per architecture, counting failures (bench/stress.sh).
# Not part of make check.
N ?= 100
stress: tools $(ARCHES:%=initramfs-%)
	@rc=0; for a in $(ARCHES); do \
		KDUMP_TOOLS=$(TOOLS) bench/stress.sh $$a $(B)/out/$(MODE)-$$a \
			$(B)/test/$(MODE)-$$a $(B)/stress/$(MODE)-$$a $(N) || rc=1; \
	done; exit $$rc

clean:
	rm -rf $(B)/out $(B)/test $(B)/guest $(TOOLS)
