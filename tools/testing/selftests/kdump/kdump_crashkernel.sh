#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# crashkernel= at boot, one guest boot per value:
#   kdump_crashkernel.sh ARCH KBUILD_DIR INITRD OUT_DIR
# Valid forms must reserve exactly what they ask for; malformed or
# impossible values must leave the kernel booting with no reservation and
# a warning that names the problem.  Environment: KDUMP_MODE (reference
# or project), KDUMP_TIMEOUT.  Prints KTAP.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

suite_args "$@"

# Guests have 512 MiB; arm64's RAM starts at 1 GiB, x86_64's at 0.
case $arch in
x86_64) at=256M; at_hex=10000000 ;;
arm64) at=1280M; at_hex=50000000 ;;
esac

# name | crashkernel= value | reserved bytes (0: refused) | start (hex) |
# RAM (default 512M) | bytes of the low companion below 4 GiB (x86_64)
cases="valid_size|64M|67108864|
valid_range_list|128M-256M:32M,256M-:48M|50331648|
valid_offset|32M@$at|33554432|$at_hex
garbage|abc|0|
bad_suffix|64Q|0|
larger_than_ram|4G|0|
overflowing_number|99999999999999999999999M|0|
inverted_range|1G-512M:64M|0|
offset_outside_ram|32M@64T|0|"
# 6.1 gives a malformed ,low the default low size instead of refusing.
[ "$arch" = x86_64 ] && cases="$cases
malformed_low_takes_default|256M,high crashkernel=abc,low|268435456||5G|268435456"
# arm64 with 5 GiB at 1 GiB, so that RAM reaches past the 4 GiB DMA limit:
# plain sizes stay below it, ,high goes to the top of RAM with a low
# companion (128 MiB unless ,low says), offsets must be 2 MiB aligned.
[ "$arch" = arm64 ] && cases="$cases
below_dma_limit_5g|256M|268435456|f0000000|5G|
high_default_low_5g|256M,high|268435456||5G|134217728
high_given_low_5g|256M,high crashkernel=64M,low|268435456||5G|67108864
offset_5g|256M@0x60000000|268435456|60000000|5G|
unaligned_offset|32M@0x50100000|0|
larger_than_ram_5g|8G|0||5G|"

# low_size RANGES: bytes of the reservation that ends below 4 GiB, if the
# main one does not (hex ranges as /proc/iomem prints them).
low_size() {
	local r

	for r in $1; do
		[ $((0x${r#*-})) -lt $((1 << 32)) ] || continue
		echo $((0x${r#*-} - 0x${r%-*} + 1))
	done
}

ktap_plan "$(echo "$cases" | wc -l)"
while IFS='|' read -r name value want start mem low; do
	serial=$out/$name.serial
	truncate -s 1M "$out/disk.img"
	# nokaslr: a randomly placed kernel can sit where size@offset points
	# (kdump_kaslr_offset.sh tests that with KASLR on).
	KDUMP_MEM=${mem:-512M} qemu_run "$arch" "$kbuild/kernel-image" \
		"$initrd" "nokaslr crashkernel=$value" "$out/disk.img" \
		"$serial" 1 "${KDUMP_TIMEOUT:-120}" > /dev/null
	size=$(marker "$serial" CRASH-SIZE)
	range=$(marker "$serial" CRASH-RANGE)
	ranges=$(marker "$serial" CRASH-RANGES)
	marked_block "$serial" WARN > "$out/$name.warn"
	case=${arch}_crashkernel_$name
	if [ -z "$size" ]; then
		ktap_result 1 "$case # the guest did not reach its init" "$serial"
	elif [ "$want" != 0 ]; then
		[ "$size" = "$want" ] &&
			{ [ -z "$start" ] || [ "${range%-*}" = "$start" ]; } &&
			{ [ -z "$low" ] || [ "$(low_size "$ranges")" = "$low" ]; }
		ktap_result $? "$case" "$serial" ||
			echo "# reserved $size ($ranges), want $want${low:+ and $low low}"
	elif [ "$size" != 0 ] || [ "$range" != none ]; then
		ktap_result 1 "$case" "$serial"
		echo "# reserved $size ($range) for a bad value"
	elif grep -q '^<[0-4]>' "$out/$name.warn"; then
		ktap_result 0 "$case"
		grep '^<[0-4]>' "$out/$name.warn" | sed 's/^/# said: /'
	elif [ "${KDUMP_MODE:-project}" = reference ]; then
		ktap_skip "$case" \
			"upstream gives no warning: $(head -n 1 "$out/$name.warn")"
	else
		ktap_result 1 "$case # refused without a warning" \
			"$out/$name.warn"
	fi
done <<< "$cases"
rm -f "$out/disk.img"
ktap_summary
