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
# init.  Then the layout runs: each kernel boots straight as a
# capture kernel over a crafted elfcorehdr= (mkelfcorehdr --loads) whose
# 10, 1000 or 10000 PT_LOADs split 512 MiB of the guest's RAM, and
# guest/perf_layout.init reports /proc/vmcore's set-up time and its
# random 4 KiB read and mmap() rates (PERF_LAYOUTS overrides the counts).
# Last, the reservation runs: for 2 GiB and 8 GiB guests (PERF_RESERVE_MEMS),
# the smallest crashkernel= in 4 MiB steps with which the capture kernel
# boots and makedumpfile writes the dump (guest/perf_reserve.init), found
# by bisection below 512 MiB, once per tree, each size judged by two
# boots out of three.  PERF_PARTS chooses among
# "main layout reserve" (all three by default).
# Writes build/perf/ARCH/raw.tsv (every run), table.txt (the medians,
# project / reference) and chart.svg (bench/perf_chart.py); prints the
# table.  A run whose guest fails to report is listed, not averaged in.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
st=$top/tools/testing/selftests/kdump
arch=${1:?usage: perf.sh ARCH RUNS}
runs=${2:-3}
out=$top/build/perf/$arch
. "$st/lib.sh"

mkdir -p "$out"
raw=$out/raw.tsv
# build_of TREE: the kernel and initramfs make perf built for TREE.  The
# project's is the VARIANT=-perf build, without its test-only options
# (config.ARCH-perf); the reference tree has none of them, so its usual
# build is already the kernel as shipped.
build_of() {
	case $1 in project) echo "project-$arch-perf" ;; *) echo "$1-$arch" ;; esac
}
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
	local kbuild=$top/build/out/$(build_of "$tree")

	mkdir -p "$dir"
	rm -f "$dir/serial.log" "$dir/disk.img"
	truncate -s 1M "$dir/disk.img"
	# Bounded: a guest that never writes would leave it waiting.
	timeout $((guest_limit + 100)) "$top/bench/serial_times.py" --idle 10 \
		"$dir/serial.log" \
		"$dir/serial.times" &
	KDUMP_MEM=2G qemu_run "$arch" "$kbuild/kernel-image" \
		"$top/build/test/$(build_of "$tree")/perf.cpio.gz" "crashkernel=256M" \
		"$dir/disk.img" "$dir/serial.log" 4 "$guest_limit"
	wait
	rm -f "$dir/disk.img"
	collect "$tree" "$run" "$dir"
}

# collect TREE RUN DIR: a run's numbers into raw.tsv, if every
# measurement reported.
collect() {
	local tree=$1 run=$2 dir=$3

	: > "$dir/failed"
	tr -d '\r' < "$dir/serial.log" > "$dir/serial.txt"
	if ! grep -q '^KDUMP-PERF-DONE' "$dir/serial.txt" ||
	   grep '^KDUMP-PERF-FAIL' "$dir/serial.txt" > "$dir/failed"; then
		echo "# $tree run $run failed: $(tr '\n' ' ' < "$dir/failed")"
		failed=$((failed + 1))
		return
	fi
	# A measurement cut short by its time budget (vmcore_perf readers).
	sed -n "s/^KDUMP-PERF-NOTE /# $tree run $run: /p" "$dir/serial.txt"
	{
		sed -n 's/^KDUMP-PERF \([a-z_0-9]*\)=\([0-9.]*\) \(.*\)$/\1\t\2\t\3/p' \
			"$dir/serial.txt"
		[ ! -f "$dir/serial.times" ] || latency "$dir/serial.times"
	} | sed "s/^/$tree\t$run\t/" >> "$raw"
}

# Where the crafted header sits and the RAM its PT_LOADs split, in the
# 2 GiB guest, and how the booted kernel is kept off both, as a real
# capture kernel never owns the memory it dumps (6.1's x86
# copy_oldmem_page() refuses to map RAM the kernel uses): memmap= takes
# them out of x86_64's memory map; arm64's RAM starts at 1 GiB, and mem=
# keeps its first gigabyte only.  6.1's arm64 reads the header through
# the linear map, so there it lies inside that gigabyte, reserved by
# giving elfcorehdr= its size, as a crash region holds it in real life.
case $arch in
arm64)
	layout_machine=aarch64
	layout_hdr=0x60000000
	layout_ram_start=0x90000000
	layout_keep_off=mem=1G
	layout_hdr_size=yes
	;;
*)
	layout_machine=x86_64
	layout_hdr=0x10000000
	layout_ram_start=0x40000000
	layout_keep_off="memmap=1M\$$layout_hdr memmap=512M\$$layout_ram_start"
	layout_hdr_size=
	;;
esac
layout_ram_size=0x20000000

layout_run() {
	local tree=$1 run=$2 n=$3 dir=$out/$1-$2-layout$3
	local kbuild=$top/build/out/$(build_of "$tree") hdr=$layout_hdr

	mkdir -p "$dir"
	rm -f "$dir/serial.log" "$dir/disk.img"
	truncate -s 1M "$dir/disk.img"
	"$top/build/tools/mkelfcorehdr" --machine $layout_machine \
		--base $layout_hdr --loads "$n" \
		--ram $layout_ram_start:$layout_ram_size "$dir/elfcorehdr.bin" ||
		return
	[ -z "$layout_hdr_size" ] ||
		hdr=$(stat -c %s "$dir/elfcorehdr.bin")@$layout_hdr
	KDUMP_MEM=2G KDUMP_QEMU_ARGS="-device loader,file=$dir/elfcorehdr.bin,addr=$layout_hdr,force-raw=on" \
	qemu_run "$arch" "$kbuild/kernel-image" \
		"$top/build/test/$(build_of "$tree")/perf_layout.cpio.gz" \
		"elfcorehdr=$hdr $layout_keep_off initcall_debug kdump_perf_loads=$n" \
		"$dir/disk.img" "$dir/serial.log" 1 300
	rm -f "$dir/disk.img"
	collect "$tree" "$run" "$dir"
}

# reserve_boot TREE MEM SIZE TRY: did crashkernel=SIZE (MiB) carry a MEM
# guest's capture kernel through makedumpfile in boot TRY?
reserve_boot() {
	local tree=$1 mem=$2 size=$3 dir=$out/$1-reserve-$2-$3M-$4

	mkdir -p "$dir"
	rm -f "$dir/serial.log" "$dir/disk.img"
	truncate -s 4G "$dir/disk.img"
	KDUMP_MEM=$mem qemu_run "$arch" "$top/build/out/$(build_of "$tree")/kernel-image" \
		"$top/build/test/$(build_of "$tree")/perf_reserve.cpio.gz" \
		"crashkernel=${size}M" "$dir/disk.img" "$dir/serial.log" 2 240
	rm -f "$dir/disk.img"
	if has_marker "$dir/serial.log" RESERVE-OK; then
		echo "#   crashkernel=${size}M, boot $4: captured"
		return 0
	fi
	echo "#   crashkernel=${size}M, boot $4: not captured: $(reserve_why "$dir/serial.log")"
	return 1
}

# reserve_probe TREE MEM SIZE: does crashkernel=SIZE (MiB) work in two
# boots out of three?  At the threshold one boot can go either way; the
# third boot runs only when the first two disagree.
reserve_probe() {
	local try good=0 bad=0

	for try in 1 2 3; do
		if reserve_boot "$@" $try; then
			good=$((good + 1))
		else
			bad=$((bad + 1))
		fi
		[ $good -lt 2 ] && [ $bad -lt 2 ] || break
	done
	[ $good -ge 2 ]
}

# reserve_why SERIAL: what the guest said went wrong, or the panic.
reserve_why() {
	local said

	said=$(tr -d '\r' < "$1" | sed -n 's/^KDUMP-RESERVE-FAIL //p' | head -n 1)
	# The capture kernel's own complaint: after the second banner.
	[ -n "$said" ] || said=$(tr -d '\r' < "$1" |
		awk '/Linux version/ { n++ } n == 2' |
		grep -E 'Kernel panic|Out of memory|BUG:' | head -n 2 | paste -sd ';')
	if has_marker "$1" RESERVE-CAPTURE; then
		echo "in the capture kernel's init: ${said:-no reason given}"
	elif has_marker "$1" RESERVE-CRASH; then
		echo "the capture kernel never reached init: ${said:-silent}"
	else
		echo "before the crash: ${said:-no reason given}"
	fi
}

# reserve_min TREE MEM: bisection; below lo nothing was shown to work, hi
# works.  One run per tree: the answer is a threshold, not a rate.  The
# first probe is at 128 MiB, well above the 44-48 MiB either tree has
# needed on x86_64, which saves two probes; 512 MiB is tried only if 128
# fails.
reserve_min() {
	local lo=0 hi=512 mid

	echo "# reservation, $2 guest, $1 tree"
	if reserve_probe "$1" "$2" 128; then
		hi=128
	else
		lo=128
		reserve_probe "$1" "$2" $hi || { failed=$((failed + 1)); return; }
	fi
	while [ $((hi - lo)) -gt 4 ]; do
		mid=$(( (lo + hi) / 8 * 4 ))
		if reserve_probe "$1" "$2" $mid; then hi=$mid; else lo=$mid; fi
	done
	printf '%s\t1\treserve_min_%s\t%d\tMiB\n' "$1" "$2" $hi >> "$raw"
}

# part NAME: is NAME among the parts asked for?
part() {
	case " ${PERF_PARTS:-main layout reserve} " in *" $1 "*) ;; *) return 1 ;; esac
}

# Seconds a main-run guest may take; with the readers' budget, upstream's
# arm64 capture kernel gets through the list in about three minutes.
guest_limit=${PERF_GUEST_LIMIT:-600}

failed=0
part main && for run in $(seq 1 "$runs"); do
	for tree in project reference; do
		echo "# run $run of $runs, $tree tree"
		one_run "$tree" "$run"
	done
done
part layout && for run in $(seq 1 "$runs"); do
	for n in ${PERF_LAYOUTS:-10 1000 10000}; do
		for tree in project reference; do
			echo "# layout run $run of $runs, $n PT_LOADs, $tree tree"
			layout_run "$tree" "$run" "$n"
		done
	done
done
part reserve && for mem in ${PERF_RESERVE_MEMS:-2G 8G}; do
	for tree in project reference; do
		reserve_min "$tree" "$mem"
	done
done
"$top/bench/perf_table.py" "$raw" | tee "$out/table.txt"
"$top/bench/perf_chart.py" "$raw" "$out" || failed=$((failed + 1))
echo "# raw runs: $raw; $failed run(s) failed"
[ "$failed" -eq 0 ]
