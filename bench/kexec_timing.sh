#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Load time and crash latency of kexec_load against kexec_file_load:
#   bench/kexec_timing.sh ARCH KBUILD_DIR INITRD OUT_DIR [RUNS]
# Runs the crash scenario (kdump_crash.sh, sysrq-c, two CPUs) RUNS times
# (default 3) with each way of loading, alternating: "segments" (kexec -p:
# kexec-tools builds the image, its purgatory hashes it), "nochecks"
# (kexec -p --no-checks, no hashing at all) and "file" (kexec -s -p:
# kexec_file_load, the series' purgatory hashes every segment).  For each
# run it reports the guest's own time for the kexec command (LOAD-MS) and
# the host's time from the dying kernel's "sysrq: Trigger a crash" line to
# the capture kernel's first console line (bench/serial_times.py), then
# the medians.  Not part of make check.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
st=$top/tools/testing/selftests/kdump
arch=$1 kbuild=$2 initrd=$3 out=$4 runs=${5:-3}

mkdir -p "$out"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

one_run() {
	local mode=$1 dir=$out/$1-$2 times

	mkdir -p "$dir"
	times=$dir/serial.times
	rm -f "$dir/serial.log"
	"$top/bench/serial_times.py" --idle 5 "$dir/serial.log" "$times" &
	case $mode in
	segments) KDUMP_TOOLS=${KDUMP_TOOLS:-} "$st/kdump_crash.sh" "$arch" \
			"$kbuild" "$initrd" "$dir" > "$dir/ktap.txt" 2>&1 ;;
	nochecks) KDUMP_APPEND=kdump_nochecks=1 "$st/kdump_crash.sh" "$arch" \
			"$kbuild" "$initrd" "$dir" > "$dir/ktap.txt" 2>&1 ;;
	file) KDUMP_LOAD=file "$st/kdump_crash.sh" "$arch" "$kbuild" \
			"$initrd" "$dir" > "$dir/ktap.txt" 2>&1 ;;
	esac
	wait
	awk -v mode="$mode" '
		/KDUMP-LOAD-MS=/ { sub(/.*KDUMP-LOAD-MS=/, ""); load = $0 }
		/sysrq: Trigger a crash/ && !panic { panic = $1 }
		panic && !up && $1 > panic && /Linux version/ { up = $1 }
		END { printf "%s %s %.3f\n", mode, load, up - panic }
	' "$times"
}

for i in $(seq 1 "$runs"); do
	for mode in segments nochecks file; do
		one_run $mode "$i"
	done
done | tee "$out/runs.txt"
echo "# medians: mode, kexec command ms (in the guest), panic to capture kernel s (host)"
for mode in segments nochecks file; do
	printf '%s %s %s\n' "$mode" \
		"$(awk -v m=$mode '$1 == m { print $2 }' "$out/runs.txt" | median)" \
		"$(awk -v m=$mode '$1 == m { print $3 }' "$out/runs.txt" | median)"
done
