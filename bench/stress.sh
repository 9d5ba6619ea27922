#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Repeat the two ways a kernel leaves for another, and count failures:
#   bench/stress.sh ARCH KBUILD_DIR TEST_DIR OUT_DIR N
# N kexec -l / kexec -e reboots (TEST_DIR/reboot.cpio.gz, two hops each:
# see guest/reboot.init), then N crash captures (TEST_DIR/crash.cpio.gz).
# A reboot passes when the third kernel reaches its init; a capture
# passes when the capture kernel saved a /proc/vmcore of the size it
# announced and vmcore_check accepts it.
# The serial log of every failed run is kept in OUT_DIR/failed/.
#
# Environment: KDUMP_SMP (default 2), KDUMP_TOOLS (vmcore_check),
# KDUMP_TIMEOUT (seconds per guest, default 180), STRESS_PHASES (default
# "reboot crash"; name one to run only it), STRESS_QEMU_LOG=1 to record
# QEMU's exception log (-d int,cpu_reset) of each run; it is kept only for
# failed runs.  OUT_DIR/progress names the run in flight.
# Not part of make check.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
st=$here/../tools/testing/selftests/kdump
. "$st/lib.sh"

arch=$1
kbuild=$2
tests=$3
out=$4
n=$5
smp=${KDUMP_SMP:-2}
mkdir -p "$out/failed"

# run_guest NAME APPEND DISK_SIZE: one boot; sets $serial.
run_guest() {
	serial=$out/$1.serial
	rm -f "$serial" "$out/qemu.log"
	truncate -s "$3" "$out/disk.img"
	local args=${KDUMP_QEMU_ARGS:-}
	[ "${STRESS_QEMU_LOG:-0}" = 1 ] &&
		args="$args -d int,cpu_reset -D $out/qemu.log"
	KDUMP_QEMU_ARGS=$args qemu_run "$arch" "$kbuild/kernel-image" \
		"$tests/$1.cpio.gz" "$2" "$out/disk.img" "$serial" "$smp" \
		"${KDUMP_TIMEOUT:-180}" > /dev/null
}

# keep NAME I: file the logs of failed run I.
keep() {
	cp "$serial" "$out/failed/$1-$2.serial"
	[ -f "$out/qemu.log" ] && mv "$out/qemu.log" "$out/failed/$1-$2.qemu.log"
	return 0
}

reboot_ok() {
	has_marker "$serial" THIRD-KERNEL-UP
}

capture_ok() {
	rm -f "$out/vmcore"
	saved_vmcore "$serial" "$out/disk.img" "$out" || return 1
	marked_block "$serial" IOMEM > "$out/iomem"
	"$KDUMP_TOOLS/vmcore_check" --arch "$arch" --cpus "$smp" \
		--crash-pid "$(marker "$serial" CRASH-PID |
			sed -n 's/^\([0-9][0-9]*\).*/\1/p')" \
		--iomem "$out/iomem" "$out/vmcore" > "$out/vmcore_check.txt" 2>&1
}

# stress NAME APPEND DISK_SIZE CHECK: N runs, prints the failure count.
stress() {
	local i failed=0 start=$SECONDS

	for i in $(seq 1 "$n"); do
		echo "$arch $1 run $i of $n, $failed failed so far" \
			> "$out/progress"
		run_guest "$1" "$2" "$3"
		if ! "$4"; then
			failed=$((failed + 1))
			keep "$1" "$i"
			echo "# $arch $1 run $i failed: $(tail -n 3 "$serial" |
				tr -d '\r' | tr '\n' ' ')"
		fi
	done
	echo "$arch $1: $failed of $n failed ($((SECONDS - start))s)"
	[ "$failed" -eq 0 ]
}

# phase NAME: true if STRESS_PHASES asks for NAME.
phase() {
	case " ${STRESS_PHASES:-reboot crash} " in *" $1 "*) return 0;; esac
	return 1
}

rc=0
if phase reboot; then
	stress reboot "" 1M reboot_ok || rc=1
fi
if phase crash; then
	stress crash "crashkernel=128M kdump_trigger=sysrq" 1G capture_ok ||
		rc=1
fi
rm -f "$out/disk.img" "$out/vmcore" "$out/qemu.log"
exit $rc
