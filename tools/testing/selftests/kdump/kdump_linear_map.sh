#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What crashkernel= costs the arm64 linear map:
#   kdump_linear_map.sh ARCH KBUILD_DIR INITRD OUT_DIR
# Boots 2 GiB guests with rodata=on, so the linear map may use block
# mappings, once without and once with crashkernel=256M, and compares
# the page-table memory /proc/meminfo reports.  Upstream 6.1 maps all of
# RAM with pages whenever crashkernel= is given (reported, as a skip); the
# series must cost nothing: the two boots differ by less than 64 KiB.
# Uses the crashkernel scenario's init.  Prints KTAP.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

suite_args "$@"

# boot NAME APPEND: page-table KiB of one boot, empty if it failed.
boot() {
	truncate -s 1M "$out/disk.img"
	KDUMP_MEM=2G qemu_run "$arch" "$kbuild/kernel-image" "$initrd" \
		"nokaslr rodata=on $2" "$out/disk.img" "$out/$1.serial" 1 \
		"${KDUMP_TIMEOUT:-120}" > /dev/null
	marker "$out/$1.serial" PAGETABLES-KB
}

ktap_plan 1
without=$(boot without "")
with=$(boot with "crashkernel=256M")
rm -f "$out/disk.img"
echo "# PageTables: ${without:-?} kB without crashkernel=, ${with:-?} kB with crashkernel=256M"
case=${arch}_crashkernel_keeps_linear_map_blocks
if [ -z "$without" ] || [ -z "$with" ]; then
	ktap_result 1 "$case # a guest did not reach its init" "$out/with.serial"
elif [ $((with - without)) -lt 64 ]; then
	ktap_result 0 "$case"
elif [ "${KDUMP_MODE:-project}" = reference ]; then
	ktap_skip "$case" "upstream maps all of RAM with pages for crashkernel=: $((with - without)) kB more page tables"
else
	ktap_result 1 "$case # $((with - without)) kB more page tables"
fi
ktap_summary
