#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The capture side reads an untrusted ELF core header:
#   kdump_elfcorehdr.sh ARCH KBUILD_DIR INITRD OUT_DIR
# Each case boots the kernel as a capture kernel (elfcorehdr=) with a
# header crafted by mkelfcorehdr and placed in guest RAM by QEMU's loader
# device.  The valid header must give /proc/vmcore.  A header that makes
# the file unsafe to build must give none, with a warning; damage that
# costs only one program header or note must still give /proc/vmcore, with
# a warning naming it.  No case may cause an oops or a WARNING backtrace.
# The PT_LOADs lie in memory kept from the capture kernel (memmap=), as
# old memory is, and QEMU puts a copy of the header at the first one, so
# that its bytes are known; load-own's first PT_LOAD is the capture
# kernel's own RAM instead, which /proc/vmcore must show as zeros, read
# or mmap()ed (vmcore_first_load counts the bytes that are not zero).
# (The salvage suites, kdump_crash.sh with KDUMP_DAMAGE, damage real
# headers of real crashes and have the dumps judged.)  x86_64 only for now.
# Environment: KDUMP_TOOLS (holds mkelfcorehdr), KDUMP_MODE, KDUMP_TIMEOUT.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

suite_args "$@"
base=0x10000000
# Where mkelfcorehdr's PT_LOADs are: 8 MiB kept from the capture kernel.
data=$((base + 0x800000))
own="reaches the capture kernel's own memory"

# variant | what the capture kernel must do | elfcorehdr= size prefix |
#   the first PT_LOAD's bytes (data: the header's copy; zeros) |
#   a warning it must give
variants="valid|present||data|
loads-huge|present||data|
bad-magic|refuse|||
bad-class|refuse|||
bad-phentsize|refuse|||
phnum-huge|refuse|||
phoff-huge|refuse|0x100000000@||
load-wraps|refuse|||
note-huge|salvage||data|PT_NOTE $own
note-overruns|salvage||data|
note-unaligned|salvage||data|
loads-overlap|salvage||data|
other-phdr|salvage||data|
load-own|salvage||zeros|PT_LOAD $own"

# load_shows SERIAL WANT: the first PT_LOAD read and mmap()ed alike, as
# WANT says: "data" (some bytes not zero) or "zeros"; "" checks nothing.
load_shows() {
	local r m
	r=$(marker "$1" LOAD-READ)
	m=$(marker "$1" LOAD-MMAP)
	case $2 in
	data) [ "${r:--1}" -gt 0 ] && [ "$m" = "$r" ] ;;
	zeros) [ "$r" = 0 ] && [ "$m" = 0 ] ;;
	esac
}

ktap_plan "$(echo "$variants" | wc -l)"
while IFS='|' read -r v want size load says; do
	serial=$out/$v.serial
	"$KDUMP_TOOLS/mkelfcorehdr" --base $base --variant "$v" "$out/$v.bin"
	truncate -s 1M "$out/disk.img"
	KDUMP_QEMU_ARGS="-device loader,file=$out/$v.bin,addr=$base,force-raw=on
		-device loader,file=$out/$v.bin,addr=$data,force-raw=on" \
	qemu_run "$arch" "$kbuild/kernel-image" "$initrd" \
		"elfcorehdr=$size$base memmap=64K\$$base memmap=8M\$$data" \
		"$out/disk.img" "$serial" 1 "${KDUMP_TIMEOUT:-120}" > /dev/null
	got=$(marker "$serial" VMCORE)
	marked_block "$serial" SAID > "$out/$v.said"
	case=${arch}_elfcorehdr_${v//-/_}
	splat=$(grep -m1 '^WARNING: CPU:' "$serial" | tr -d '\r')
	if [ -z "$got" ] || grep -q -E '^<[0-9]>(BUG:|Oops|general protection)' \
			"$out/$v.said"; then
		ktap_result 1 "$case # no clean boot to init" "$serial"
	elif [ "$want" = present ]; then
		[ "$got" = present ] && [ -z "$splat" ] &&
			load_shows "$serial" "$load" &&
			! grep -q '^<4>vmcore: ELF core header: ' "$out/$v.said"
		ktap_result $? "$case # read $(marker "$serial" LOAD-READ), mmap $(marker "$serial" LOAD-MMAP)" \
			"$out/$v.said"
	elif [ "$want" = salvage ]; then
		if [ "$got" = present ] && [ -z "$splat" ] &&
		   load_shows "$serial" "$load" &&
		   grep -q "^<4>vmcore: ELF core header: .*$says" "$out/$v.said"; then
			ktap_result 0 "$case # /proc/vmcore kept"
			grep '^<[0-4]>' "$out/$v.said" | sed 's/^/# said: /'
		elif [ "${KDUMP_MODE:-project}" = reference ] &&
		     [ "$got" = present ]; then
			ktap_skip "$case" "upstream keeps it without a warning"
		else
			ktap_result 1 "$case # want /proc/vmcore, a warning${says:+ that $says}, no WARNING, the PT_LOAD's ${load:-bytes}: read $(marker "$serial" LOAD-READ), mmap $(marker "$serial" LOAD-MMAP)" \
				"$out/$v.said"
			[ -z "$splat" ] || echo "# $splat"
		fi
	elif [ "$got" = present ] && [ "${KDUMP_MODE:-project}" = reference ]; then
		ktap_skip "$case" "upstream accepts this header"
	elif [ "$got" = present ]; then
		ktap_result 1 "$case # /proc/vmcore exists for a bad header" \
			"$out/$v.said"
	elif [ -n "$splat" ]; then
		# Refused, but only after a kernel WARNING backtrace.
		if [ "${KDUMP_MODE:-project}" = reference ]; then
			ktap_skip "$case" "upstream refuses it after $splat"
		else
			ktap_result 1 "$case # refused after $splat" "$serial"
		fi
	else
		ktap_result 0 "$case"
		grep '^<[0-4]>' "$out/$v.said" | sed 's/^/# said: /'
	fi
done <<< "$variants"
rm -f "$out/disk.img"
ktap_summary
