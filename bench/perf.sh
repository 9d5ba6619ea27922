#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make perf: the series' /proc/vmcore beside upstream's, in one run:
#   bench/perf.sh ARCH RUNS
# Boots the project's and the reference tree's kernels alternately, RUNS
# times each, in identical guests (2 GiB, four CPUs, crashkernel=256M;
# the capture kernel takes all four), times a kexec -l of a 64 MiB initrd,
# crashes them with sysrq-c, and lets the capture kernel measure
# (guest/perf.init, guest/vmcore_perf.c):
#   - read() of the whole vmcore in 4 KiB, 64 KiB, 1 MiB and 4 MiB calls,
#     mmap() in 4 MiB windows, and memcpy() in the same boot (the ceiling);
#   - 1, 2 and 4 processes reading disjoint parts at once;
#   - cp /proc/vmcore /dev/null, makedumpfile -l -d 31 with and without
#     mmap, vmcore-dmesg;
# and the host timestamps the console (bench/serial_times.py) for the
# latency from the panic to the capture kernel's first line and to its
# init.  Writes build/perf/ARCH/raw.tsv (every run) and table.txt (the
# medians, project / reference); prints the table.  A run whose guest
# fails to report is listed, not averaged in.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
st=$top/tools/testing/selftests/kdump
arch=${1:?usage: perf.sh ARCH RUNS}
runs=${2:-3}
out=$top/build/perf/$arch
. "$st/lib.sh"

mkdir -p "$out"
raw=$out/raw.tsv
printf 'tree\trun\tmetric\tvalue\tunit\n' > "$raw"

# latency TIMES: seconds from the panic to the capture kernel's first
# console line ("Linux version", the second kernel's banner) and to its
# init (KDUMP-PERF-START), from the host's timestamps.
latency() {
	awk '
	/sysrq: Trigger a crash/ && !crash { crash = $1 }
	crash && /Linux version/ && !first { first = $1 }
	/KDUMP-PERF-START/ && !init { init = $1 }
	END {
		if (crash && first) printf "panic_to_capture_line\t%.3f\ts\n", first - crash
		if (crash && init) printf "panic_to_capture_init\t%.3f\ts\n", init - crash
	}' "$1"
}

one_run() {
	local tree=$1 run=$2 dir=$out/$1-$2
	local kbuild=$top/build/out/$tree-$arch

	mkdir -p "$dir"
	rm -f "$dir/serial.log" "$dir/disk.img"
	truncate -s 1M "$dir/disk.img"
	# Bounded: a guest that never writes would leave it waiting.
	timeout 700 "$top/bench/serial_times.py" --idle 10 "$dir/serial.log" \
		"$dir/serial.times" &
	KDUMP_MEM=2G qemu_run "$arch" "$kbuild/kernel-image" \
		"$top/build/test/$tree-$arch/perf.cpio.gz" "crashkernel=256M" \
		"$dir/disk.img" "$dir/serial.log" 4 600
	wait
	rm -f "$dir/disk.img"
	# A run counts only if every measurement reported.
	: > "$dir/failed"
	tr -d '\r' < "$dir/serial.log" > "$dir/serial.txt"
	if ! grep -q '^KDUMP-PERF-DONE' "$dir/serial.txt" ||
	   grep '^KDUMP-PERF-FAIL' "$dir/serial.txt" > "$dir/failed"; then
		echo "# $tree run $run failed: $(tr '\n' ' ' < "$dir/failed")"
		failed=$((failed + 1))
		return
	fi
	{
		sed -n 's/^KDUMP-PERF \([a-z_0-9]*\)=\([0-9.]*\) \(.*\)$/\1\t\2\t\3/p' \
			"$dir/serial.txt"
		latency "$dir/serial.times"
	} | sed "s/^/$tree\t$run\t/" >> "$raw"
}

failed=0
for run in $(seq 1 "$runs"); do
	for tree in project reference; do
		echo "# run $run of $runs, $tree tree"
		one_run "$tree" "$run"
	done
done
"$top/bench/perf_table.py" "$raw" | tee "$out/table.txt"
echo "# raw runs: $raw; $failed run(s) failed"
[ "$failed" -eq 0 ]
