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
# (The salvage suites, kdump_crash.sh with KDUMP_DAMAGE, damage real
# headers of real crashes and have the dumps judged.)  x86_64 only for now.
# Environment: KDUMP_TOOLS (holds mkelfcorehdr), KDUMP_MODE, KDUMP_TIMEOUT.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

suite_args "$@"
base=0x10000000

# variant | what the capture kernel must do | elfcorehdr= size prefix
variants="valid|present|
loads-huge|present|
bad-magic|refuse|
bad-class|refuse|
bad-phentsize|refuse|
phnum-huge|refuse|
phoff-huge|refuse|0x100000000@
load-wraps|refuse|
note-huge|salvage|
note-overruns|salvage|
note-unaligned|salvage|
loads-overlap|salvage|
other-phdr|salvage|"

ktap_plan "$(echo "$variants" | wc -l)"
while IFS='|' read -r v want size; do
	serial=$out/$v.serial
	"$KDUMP_TOOLS/mkelfcorehdr" --base $base --variant "$v" "$out/$v.bin"
	truncate -s 1M "$out/disk.img"
	KDUMP_QEMU_ARGS="-device loader,file=$out/$v.bin,addr=$base,force-raw=on" \
	qemu_run "$arch" "$kbuild/kernel-image" "$initrd" \
		"elfcorehdr=$size$base memmap=64K\$$base" "$out/disk.img" \
		"$serial" 1 "${KDUMP_TIMEOUT:-120}" > /dev/null
	got=$(marker "$serial" VMCORE)
	marked_block "$serial" SAID > "$out/$v.said"
	case=${arch}_elfcorehdr_${v//-/_}
	splat=$(grep -m1 '^WARNING: CPU:' "$serial" | tr -d '\r')
	if [ -z "$got" ] || grep -q -E '^<[0-9]>(BUG:|Oops|general protection)' \
			"$out/$v.said"; then
		ktap_result 1 "$case # no clean boot to init" "$serial"
	elif [ "$want" = present ]; then
		[ "$got" = present ] && [ -z "$splat" ]
		ktap_result $? "$case" "$out/$v.said"
	elif [ "$want" = salvage ]; then
		if [ "$got" = present ] && [ -z "$splat" ] &&
		   grep -q '^<4>vmcore: ELF core header: ' "$out/$v.said"; then
			ktap_result 0 "$case # /proc/vmcore kept"
			grep '^<[0-4]>' "$out/$v.said" | sed 's/^/# said: /'
		elif [ "${KDUMP_MODE:-project}" = reference ] &&
		     [ "$got" = present ]; then
			ktap_skip "$case" "upstream keeps it without a warning"
		else
			ktap_result 1 "$case # want /proc/vmcore, a warning, no WARNING" \
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
