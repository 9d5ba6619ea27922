#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What crashkernel= costs the arm64 linear map:
#   kdump_linear_map.sh ARCH KBUILD_DIR INITRD OUT_DIR
# Boots 2 GiB guests with rodata=on, so the linear map may use block
# mappings, once without and once with crashkernel=256M.  The kernel's
# own page tables come out of memblock and so out of MemTotal: a linear
# map of 2 GiB in pages costs 4 MiB of them, in 2 MiB blocks 8 KiB.  With
# the series MemTotal must drop by the 256 MiB reserved and less than
# 1 MiB more; upstream 6.1 maps all of RAM with pages whenever
# crashkernel= is given, which the reference run reports as a skip.
# Uses the crashkernel scenario's init.  Prints KTAP.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

suite_args "$@"

# boot NAME APPEND: MemTotal in KiB of one boot, empty if it failed.
boot() {
	truncate -s 1M "$out/disk.img"
	KDUMP_MEM=2G qemu_run "$arch" "$kbuild/kernel-image" "$initrd" \
		"nokaslr rodata=on $2" "$out/disk.img" "$out/$1.serial" 1 \
		"${KDUMP_TIMEOUT:-120}" > /dev/null
	marker "$out/$1.serial" MEMTOTAL-KB
}

ktap_plan 1
without=$(boot without "")
with=$(boot with "crashkernel=256M")
rm -f "$out/disk.img"
case=${arch}_crashkernel_keeps_linear_map_blocks
if [ -z "$without" ] || [ -z "$with" ]; then
	ktap_result 1 "$case # a guest did not reach its init" "$out/with.serial"
	ktap_summary
	exit
fi
extra=$((without - with - 256 * 1024))
echo "# MemTotal: $without kB without crashkernel=, $with kB with crashkernel=256M: $extra kB beyond the region"
if [ "$extra" -lt 1024 ]; then
	ktap_result 0 "$case"
elif [ "${KDUMP_MODE:-project}" = reference ]; then
	ktap_skip "$case" "upstream maps all of RAM with pages for crashkernel=: $extra kB of page tables"
else
	ktap_result 1 "$case # $extra kB more than the region"
fi
ktap_summary
