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
# panic()), KDUMP_TIMEOUT (seconds, default 300), KDUMP_TOOLS (directory
# holding vmcore_check), KDUMP_SYSROOT (arm64 sysroot with the arm64
# judges).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/judges.sh"

suite_args "$@"
smp=${KDUMP_SMP:-2}
trigger=${KDUMP_TRIGGER:-sysrq}
case $trigger in
sysrq) panic_line="Kernel panic - not syncing: sysrq triggered crash" ;;
oops) panic_line="kernel BUG at drivers/misc/lkdtm/" ;;
*) echo "kdump_crash.sh: unknown KDUMP_TRIGGER $trigger" >&2; exit 2 ;;
esac
damage=${KDUMP_DAMAGE:-}
notes=$smp
[ "$damage" = note-overruns ] && notes=$((smp - 1))
serial=$out/serial.log
vmcore=$out/vmcore
rm -f "$serial" "$vmcore" "$out/disk.img"
truncate -s 1G "$out/disk.img"

ktap_plan "$([ -n "$damage" ] && echo 8 || echo 7)"

start=$(date +%s)
qemu_run "$arch" "$kbuild/kernel-image" "$initrd" \
	"crashkernel=128M kdump_trigger=$trigger${damage:+ kdump_damage=$damage}" \
	"$out/disk.img" "$serial" "$smp" "${KDUMP_TIMEOUT:-300}"
qemu_rc=$?
echo "# $arch guest ran $(( $(date +%s) - start ))s, qemu status $qemu_rc"

crash_pid=$(marker "$serial" CRASH-PID)
cpus=$(marker "$serial" CPUS)
has_marker "$serial" LOADED && [ -n "$crash_pid" ] && [ "$cpus" = "$smp" ]
ktap_result $? "${arch}_first_kernel_loads_capture_kernel_on_${smp}_cpus" \
	"$serial"

saved_vmcore "$serial" "$out/disk.img" "$out"
saved=$?
rm -f "$out/disk.img"
ktap_result $saved "${arch}_capture_kernel_saves_vmcore" "$serial"

cmdline_exact "$serial" "$arch" crash PASSED-CMDLINE SECOND-CMDLINE
ktap_result $? "${arch}_capture_kernel_cmdline_is_what_kexec_passed" "$serial"

if [ -n "$damage" ]; then
	grep -q 'kexec_damage: .* done' "$serial" &&
		grep -q 'vmcore: ELF core header: .*; \(dropped\|kept\|it and\)' \
			"$serial" && ! grep -q '^WARNING: CPU:' "$serial"
	ktap_result $? "${arch}_capture_kernel_warns_about_${damage//-/_}" "$serial"
	tr -d '\r' < "$serial" | grep 'vmcore: ELF core header: ' |
		sed 's/^/# said: /'
fi

marked_block "$serial" IOMEM > "$out/iomem"
"$KDUMP_TOOLS/vmcore_check" --arch "$arch" --cpus "$notes" \
	--crash-pid "${crash_pid:-0}" --iomem "$out/iomem" "$vmcore" \
	> "$out/vmcore_check.txt" 2>&1
ktap_result $? "${arch}_vmcore_check" "$out/vmcore_check.txt"

judge_makedumpfile "$arch" "$vmcore" "$out"
ktap_result $? "${arch}_makedumpfile_c_d31" "$out/makedumpfile.txt"

judge_dmesg "$arch" "$vmcore" "$out" "$panic_line"
ktap_result $? "${arch}_makedumpfile_dump_dmesg_has_panic" \
	"$out/makedumpfile-dmesg.txt"

judge_crash "$arch" "$kbuild/vmlinux" "$vmcore" "$out" "${crash_pid:-none}" \
	"$panic_line" "$smp"
ktap_result $? "${arch}_crash_bt_log_ps_sys_${smp}_cpus" "$out/crash.txt"

echo "# $arch scenario took $(( $(date +%s) - start ))s; artifacts in $out"
ktap_summary
