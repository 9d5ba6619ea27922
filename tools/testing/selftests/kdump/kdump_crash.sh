#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The crash scenario on one architecture:
#   kdump_crash.sh ARCH KBUILD_DIR INITRD OUT_DIR
# A guest boots with crashkernel=, loads the capture kernel with kexec -p,
# and crashes; the capture kernel saves /proc/vmcore to a disk and powers
# off.  The host then judges the dump with the vmcore validator,
# makedumpfile and crash.  Prints KTAP.
#
# Environment: KDUMP_DAMAGE (a kexec_damage.so damage: the ELF core header
# is damaged on its way to kexec_load; the capture kernel must warn and
# still give a dump the judges accept, with CPU 1's note dropped for
# note-overruns), KDUMP_SMP (CPUs, default 2), KDUMP_TRIGGER (sysrq, the
# default: panic() through sysrq-c; or oops: a BUG() with panic_on_oops,
# so die() enters the capture kernel through crash_kexec() without
# panic(); hardirq: a panic inside an interrupt handler, the task it
# interrupted is read from the dead kernel's log; wedged: CPU 1 spins
# with interrupts masked when CPU 0 panics, and the kernel must either
# stop it with an NMI or name it as not stopped; lkdtm: a child of init
# writes KDUMP_LKDTM to LKDTM's DIRECT file, what turns that into a panic
# is in KDUMP_APPEND, and KDUMP_PANIC_LINE is what the dead kernel's log
# must hold, as make matrix runs it, with KDUMP_PID_FROM_LOG=1 when the
# task that panics is not the writer (a hung task is found by khungtaskd);
# together: every CPU calls panic() at once, exactly one may win and every
# CPU's registers must be in the dump; nmi, x86_64: the host injects an
# NMI into every CPU through the QEMU monitor, with unknown_nmi_panic=1;
# load_race: sysrq-c while a second crash load and a normal load both
# wait for their buffers, the capture kernel loaded before must be
# entered),
# KDUMP_TIMEOUT (seconds,
# default 300), KDUMP_TOOLS (directory holding vmcore_check),
# KDUMP_SYSROOT (arm64 sysroot with the arm64 judges), KDUMP_MODE
# (reference: what upstream does not do is skipped, with the reason),
# KDUMP_PSEUDO_NMI=1 (arm64: boot with GICv3 pseudo-NMIs), KDUMP_EVERY_KERNEL
# (a line both kernels must log, proving how each booted), KDUMP_LOAD=file
# (load with kexec -s -p, through kexec_file_load: the kernel builds the
# ELF core header and the capture kernel's memory map itself), KDUMP_FUZZ
# (first that many generated kexec_load() calls, guest/kexec_load_fuzz.c:
# each must get an errno kexec_load() has without waking the OOM killer,
# and the crash must still be captured afterwards), KDUMP_KEEP_DUMPS=1
# (keep the vmcore when every case passed; it is kept anyway on a failure),
# KDUMP_DEVDUMP (on: the capture kernel adds two test device dumps,
# devdump_test.size=, and crash must extract them byte for byte from the
# vmcore and from makedumpfile's dump, while a third offered after the
# vmcore was read is refused; off: the same with novmcoredd, every device
# dump refused; the project tree only, CONFIG_PROC_VMCORE_DEVICE_DUMP_TEST).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/judges.sh"

suite_args "$@"
smp=${KDUMP_SMP:-2}
trigger=${KDUMP_TRIGGER:-sysrq}
mode=${KDUMP_MODE:-project}
case $trigger in
sysrq|wedged|load_race) panic_line="Kernel panic - not syncing: sysrq triggered crash" ;;
oops) panic_line="kernel BUG at drivers/misc/lkdtm/" ;;
hardirq|together) panic_line="Kernel panic - not syncing: dumptest" ;;
nmi) panic_line="Kernel panic - not syncing: NMI: Not continuing" ;;
lkdtm) panic_line=${KDUMP_PANIC_LINE:?KDUMP_TRIGGER=lkdtm needs it}
       : "${KDUMP_LKDTM:?KDUMP_TRIGGER=lkdtm needs it}" ;;
*) echo "kdump_crash.sh: unknown KDUMP_TRIGGER $trigger" >&2; exit 2 ;;
esac
# The CPUs the crash stop cannot reach: none on x86_64, which stops CPUs
# with an NMI; on arm64 the wedged CPU, unless pseudo-NMIs are on and the
# series, not upstream 6.1, sends one.
pnmi=${KDUMP_PSEUDO_NMI:-0}
# The panicking task is read from the dead kernel's log when it is not
# the child of init that provoked the crash.
pid_from_log=${KDUMP_PID_FROM_LOG:-}
case $trigger in hardirq|nmi|together) pid_from_log=1 ;; esac
extra=
if [ "$trigger" = nmi ]; then
	extra=" unknown_nmi_panic=1"
	export KDUMP_MONITOR_ON='^KDUMP-NMI-READY' KDUMP_MONITOR_CMD=nmi
fi
unstopped=
[ "$trigger" = wedged ] && [ "$arch" = arm64 ] &&
	{ [ "$pnmi" != 1 ] || [ "$mode" = reference ]; } && unstopped=1
damage=${KDUMP_DAMAGE:-}
load=${KDUMP_LOAD:-segments}
notes=$smp
[ "$damage" = note-overruns ] && notes=$((smp - 1))
[ -n "$unstopped" ] && notes=$((smp - 1))
# The CPUs whose backtrace crash must show.
bt_cpus=$(seq 0 $((smp - 1)) | grep -vx "${unstopped:-none}")
serial=$out/serial.log
vmcore=$out/vmcore
rm -f "$serial" "$vmcore" "$out/disk.img"
truncate -s 1G "$out/disk.img"

plan=8
[ -n "${KDUMP_EVERY_KERNEL:-}" ] && plan=$((plan + 1))
[ "$trigger" = wedged ] && plan=$((plan + 2))
[ "$trigger" = together ] && plan=$((plan + 1))
[ "$trigger" = load_race ] && plan=$((plan + 3))
[ "$load" = file ] && plan=$((plan + 1))
fuzz=${KDUMP_FUZZ:-}
[ -n "$fuzz" ] && plan=$((plan + 1))
devdump=${KDUMP_DEVDUMP:-}
dd_size=70001
case $devdump in
on) plan=$((plan + 3)); extra="$extra devdump_test.size=$dd_size" ;;
off) plan=$((plan + 1)); extra="$extra novmcoredd devdump_test.size=4096" ;;
'') ;;
*) echo "kdump_crash.sh: KDUMP_DEVDUMP is on or off" >&2; exit 2 ;;
esac
ktap_plan $plan

start=$(date +%s)
qemu_run "$arch" "$kbuild/kernel-image" "$initrd" \
	"crashkernel=128M kdump_trigger=$trigger${damage:+ kdump_damage=$damage}$([ "$pnmi" = 1 ] && echo " irqchip.gicv3_pseudo_nmi=1")$([ "$load" = file ] && echo " kdump_load=file")${KDUMP_LKDTM:+ kdump_lkdtm=$KDUMP_LKDTM}${fuzz:+ kdump_fuzz=$fuzz}$extra" \
	"$out/disk.img" "$serial" "$smp" "${KDUMP_TIMEOUT:-300}"
qemu_rc=$?
echo "# $arch guest ran $(( $(date +%s) - start ))s, qemu status $qemu_rc"

# The console may put a kernel message right after the number (the
# sysrq line races the marker's newline): keep the digits only.
crash_pid=$(marker "$serial" CRASH-PID | sed -n 's/^\([0-9][0-9]*\).*/\1/p')
cpus=$(marker "$serial" CPUS)
has_marker "$serial" LOADED && [ "$cpus" = "$smp" ] &&
	{ [ -n "$crash_pid" ] || [ -n "$pid_from_log" ]; }
ktap_result $? "${arch}_first_kernel_loads_capture_kernel_on_${smp}_cpus" \
	"$serial"

saved_vmcore "$serial" "$out/disk.img" "$out"
saved=$?
rm -f "$out/disk.img"
ktap_result $saved "${arch}_capture_kernel_saves_vmcore" "$serial"

kind=crash
[ "$load" = file ] && kind=crash-file
cmdline_exact "$serial" "$arch" $kind PASSED-CMDLINE SECOND-CMDLINE
ktap_result $? "${arch}_capture_kernel_cmdline_is_what_kexec_passed" "$serial"

marked_block "$serial" IOMEM > "$out/iomem"
if [ "$load" = file ] && [ "$arch" = arm64 ]; then
	capture_dt_is_crash_region "$serial" "$out/iomem"
	ktap_result $? "${arch}_capture_kernel_ram_is_the_crash_region" \
		"$serial"
elif [ "$load" = file ]; then
	marked_block "$serial" CAPTURE-IOMEM > "$out/capture-iomem"
	hdr=$(marker "$serial" SECOND-CMDLINE |
		sed -n 's/^elfcorehdr=\(0x[0-9a-f]*\) .*/\1/p')
	capture_ram_is_crash_region "$out/iomem" "$out/capture-iomem" \
		"${hdr:-0}"
	ktap_result $? "${arch}_capture_kernel_ram_is_the_crash_region" \
		"$out/capture-iomem"
fi

if [ -n "$fuzz" ]; then
	said=$(tr -d '\r' < "$serial" | sed -n 's/^KDUMP-FUZZ \(calls=.*\)/\1/p')
	echo "# kexec_load_fuzz: ${said:-no summary}"
	# A request too big for memory is refused; it must not wake the OOM
	# killer, which would kill some other process for it.
	case " $said " in *" calls=$fuzz "*" other=0 "*) true ;; *) false ;; esac &&
		! grep -q 'invoked oom-killer' "$serial"
	ktap_result $? "${arch}_kexec_load_fuzz_${fuzz}_calls_known_errnos" \
		"$serial"
fi

if [ -n "${KDUMP_EVERY_KERNEL:-}" ]; then
	every_kernel_says "$serial" 2 "$KDUMP_EVERY_KERNEL"
	ktap_result $? "${arch}_both_kernels_booted_as_asked" "$serial"
fi

if [ -n "$damage" ]; then
	grep -q 'kexec_damage: .* done' "$serial" &&
		grep -q 'vmcore: ELF core header: .*; \(dropped\|kept\|it and\)' \
			"$serial" && ! grep -q '^WARNING: CPU:' "$serial"
	ktap_result $? "${arch}_capture_kernel_warns_about_${damage//-/_}" "$serial"
	tr -d '\r' < "$serial" | grep 'vmcore: ELF core header: ' |
		sed 's/^/# said: /'
else
	# A loader's own header breaks no rule: none of its PT_LOADs reaches
	# the capture kernel's RAM, no note is cut, nothing is dropped.
	! grep -q 'vmcore: ELF core header' "$serial"
	ktap_result $? "${arch}_capture_kernel_takes_the_header_silently" \
		"$serial"
fi

judge_makedumpfile "$arch" "$vmcore" "$out"
mdf=$?

judge_dmesg "$arch" "$vmcore" "$out" "$panic_line"
dmesg_ok=$?
# A panic in an interrupt, or in a task other than the provoking one: the
# task that panicked, as the oops header in the dead kernel's log names it.
if [ -n "$pid_from_log" ] && [ -f "$out/dmesg.txt" ]; then
	crash_pid=$(sed -n 's/.*CPU: [0-9]* PID: \([0-9]*\) Comm: .*/\1/p' \
		"$out/dmesg.txt" | tail -n 1)
	echo "# the panic happened in task ${crash_pid:-?}"
fi

# Idle tasks share PID 0: an interrupt that found CPU 0 idle names no
# single note, so vmcore_check then looks for the kernel-mode one instead.
vc_pid=${crash_pid:-0}
[ -n "$pid_from_log" ] && [ "$vc_pid" = 0 ] && vc_pid=-1
if [ "$arch" = i386 ]; then
	ktap_skip "${arch}_vmcore_check" \
		"vmcore_check knows the x86_64 and arm64 notes and keys only; makedumpfile and crash judge the i386 dump"
else
	"$KDUMP_TOOLS/vmcore_check" --arch "$arch" --cpus "$notes" \
		--crash-pid "$vc_pid" --iomem "$out/iomem" \
		--page-size "$(kernel_page_size "$kbuild")" "$vmcore" \
		> "$out/vmcore_check.txt" 2>&1
	ktap_result $? "${arch}_vmcore_check" "$out/vmcore_check.txt"
fi

ktap_result $mdf "${arch}_makedumpfile_c_d31" "$out/makedumpfile.txt"
ktap_result $dmesg_ok "${arch}_makedumpfile_dump_dmesg_has_panic" \
	"$out/makedumpfile-dmesg.txt"

# crash 8.0.2 cannot read a 6.1 i386 kernel at all: it looks up the
# symbol sys_open, which is __ia32_sys_open since the syscall wrappers.
no_crash=
[ "$arch" = i386 ] &&
	no_crash="crash 8.0.2 cannot read 6.1 i386 kernels (it resolves sys_open, now __ia32_sys_open)"
if [ -n "$no_crash" ]; then
	ktap_skip "${arch}_crash_bt_log_ps_sys_${smp}_cpus" "$no_crash"
else
	judge_crash "$arch" "$kbuild/vmlinux" "$vmcore" "$out" \
		"${crash_pid:-none}" "$panic_line" "$bt_cpus"
	crash_result $? "${arch}_crash_bt_log_ps_sys_${smp}_cpus" "$out"
fi

# devdump_said LINE...: the serial log holds every LINE.
devdump_said() {
	local line

	for line in "$@"; do
		# Not grep -q: under pipefail, tr killed by SIGPIPE fails.
		tr -d '\r' < "$serial" | grep -F -- "$line" > /dev/null || {
			echo "# missing from the console: $line"
			return 1
		}
	done
}

if [ -n "$devdump" ] && [ "$mode" = reference ]; then
	for c in $( [ "$devdump" = on ] && echo added vmcore dumpfile || echo novmcoredd); do
		ktap_skip "${arch}_device_dumps_$c" \
			"the reference tree has no test device dumps"
	done
elif [ "$devdump" = on ]; then
	devdump_said "vmcoredd_test: kdump_test_a of $dd_size bytes: 0" \
		"vmcoredd_test: kdump_test_b of $((dd_size + 3)) bytes: 0" \
		"KDUMP-LATE-DEVDUMP=refused" \
		"vmcore: device dump kdump_test_late not added: /proc/vmcore has been opened already (-16)"
	ktap_result $? "${arch}_device_dumps_added_until_vmcore_is_read" "$serial"
	if [ -n "$no_crash" ]; then
		judge_devdumps_elf "$vmcore" "$out" "$dd_size"
		ktap_result $? "${arch}_notes_reader_extracts_device_dumps_from_vmcore" \
			"$out/crash-dev-vmcore.txt"
		ktap_skip "${arch}_crash_extracts_device_dumps_from_makedumpfile_dump" \
			"$no_crash"
	else
		judge_devdumps "$arch" "$kbuild/vmlinux" "$vmcore" "$out" "$dd_size"
		ktap_result $? "${arch}_crash_extracts_device_dumps_from_vmcore" \
			"$out/crash-dev-vmcore.txt"
		judge_devdumps "$arch" "$kbuild/vmlinux" "$out/dumpfile" "$out" \
			"$dd_size"
		ktap_result $? "${arch}_crash_extracts_device_dumps_from_makedumpfile_dump" \
			"$out/crash-dev-dumpfile.txt"
	fi
elif [ "$devdump" = off ]; then
	if [ -n "$no_crash" ]; then
		mkdir -p "$out/devdump.d"
		"$here/vmcoredd_extract.py" "$vmcore" "$out/devdump.d" \
			> "$out/crash-dev-vmcore.txt" 2>&1 &&
			[ ! -s "$out/crash-dev-vmcore.txt" ] &&
			echo "no device dumps found" > "$out/crash-dev-vmcore.txt"
		rm -rf "$out/devdump.d"
	else
		printf 'dev -V\nquit\n' |
			tool "$arch" crash -s "$kbuild/vmlinux" "$vmcore" \
			> "$out/crash-dev-vmcore.txt" 2>&1
	fi
	devdump_said "vmcoredd_test: kdump_test_a of 4096 bytes: -22" \
		"vmcore: device dump kdump_test_a not added: device dumps are disabled (novmcoredd) (-22)" \
		"KDUMP-LATE-DEVDUMP=refused" &&
		grep -q "no device dumps found" "$out/crash-dev-vmcore.txt"
	ktap_result $? "${arch}_novmcoredd_refuses_device_dumps" "$serial"
fi

if [ "$trigger" = load_race ]; then
	# The dead kernel's log: the load was waiting when the panic came.
	sed -n '/KDUMP-LOAD-IN-FLIGHT/,$p' "$out/dmesg.txt" 2>/dev/null |
		grep -q "$panic_line"
	ktap_result $? "${arch}_crash_came_while_kexec_load_waited" \
		"$out/dmesg.txt"
	# Both loads read their buffers at once, with the kexec lock free.
	grep -q "KDUMP-LOADS-IN-FLIGHT=2" "$out/dmesg.txt" 2>/dev/null &&
		grep -q "KDUMP-KEXEC-LOCK=free" "$out/dmesg.txt"
	ktap_result $? "${arch}_both_loads_wait_with_the_kexec_lock_free" \
		"$out/dmesg.txt"
	# One normal image is built at a time.
	grep -q "KDUMP-SECOND-NORMAL-LOAD=EBUSY" "$out/dmesg.txt" 2>/dev/null
	ktap_result $? "${arch}_second_normal_load_during_a_build_gets_ebusy" \
		"$out/dmesg.txt"
fi

if [ "$trigger" = together ]; then
	# Every CPU called panic(); one message, so one CPU went on.
	won=$(grep -c "$panic_line" "$out/dmesg.txt" 2>/dev/null)
	echo "# panic() went on on ${won:-0} CPU(s)"
	[ "${won:-0}" = 1 ]
	ktap_result $? "${arch}_exactly_one_cpu_wins_panic" "$out/dmesg.txt"
fi

if [ "$trigger" = wedged ]; then
	# Which CPUs the dead kernel said it could not stop, in its log and
	# in VMCOREINFO; exactly $unstopped, or none and no key.
	said=$(sed -n 's/.*kdump: CPUs \([0-9,-]*\) did not stop.*/\1/p' \
		"$out/dmesg.txt" 2>/dev/null | tail -n 1)
	key=$("$KDUMP_TOOLS/vmcore_check" --arch "$arch" \
		--key CRASH_CPUS_NOT_STOPPED "$vmcore")
	echo "# log names: '${said}', VMCOREINFO has: '${key}'"
	if [ "$mode" = reference ] && [ -n "$unstopped" ]; then
		ktap_skip "${arch}_crash_names_unstopped_cpus" \
			"upstream does not name the CPUs that did not stop"
	else
		[ "$said" = "$unstopped" ] &&
			[ "$key" = "${unstopped:+CRASH_CPUS_NOT_STOPPED=$unstopped}" ]
		ktap_result $? "${arch}_crash_names_unstopped_cpus" \
			"$out/dmesg.txt"
	fi
	if [ -n "$unstopped" ]; then
		ktap_skip "${arch}_wedged_cpu_backtrace" \
			"no NMI reaches CPU 1 ($([ "$pnmi" = 1 ] && echo "upstream 6.1 stops CPUs with an IPI only" || echo "pseudo-NMIs are off")); its registers are not in the dump"
	else
		awk '/^PID: .* CPU: 1 /{p=1; next} /^PID: /{p=0} p' \
			"$out/crash-bt-a.txt" | grep -q lkdtm_HARDLOCKUP
		ktap_result $? "${arch}_wedged_cpu_backtrace" "$out/crash-bt-a.txt"
	fi
fi

echo "# $arch scenario took $(( $(date +%s) - start ))s; artifacts in $out"
ktap_summary "$vmcore"
