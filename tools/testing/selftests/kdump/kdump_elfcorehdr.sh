#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The capture side reads an untrusted ELF core header:
#   kdump_elfcorehdr.sh ARCH KBUILD_DIR INITRD OUT_DIR
# Each case boots the kernel as a capture kernel (elfcorehdr=) with a
# header crafted by mkelfcorehdr and placed in guest RAM by QEMU's loader
# device.  The valid header must give /proc/vmcore; every corrupted one
# must give none, with a warning, and no oops or WARNING backtrace.
# x86_64 only for now.
# Environment: KDUMP_TOOLS (holds mkelfcorehdr), KDUMP_MODE, KDUMP_TIMEOUT.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

suite_args "$@"
base=0x10000000

variants="valid bad-magic bad-class bad-phentsize phnum-huge note-huge
	  note-overruns load-wraps loads-overlap"

ktap_plan "$(echo $variants | wc -w)"
for v in $variants; do
	serial=$out/$v.serial
	"$KDUMP_TOOLS/mkelfcorehdr" --base $base --variant "$v" "$out/$v.bin"
	truncate -s 1M "$out/disk.img"
	KDUMP_QEMU_ARGS="-device loader,file=$out/$v.bin,addr=$base,force-raw=on" \
	qemu_run "$arch" "$kbuild/kernel-image" "$initrd" \
		"elfcorehdr=$base memmap=64K\$$base" "$out/disk.img" "$serial" 1 \
		"${KDUMP_TIMEOUT:-120}" > /dev/null
	got=$(marker "$serial" VMCORE)
	marked_block "$serial" SAID > "$out/$v.said"
	case=${arch}_elfcorehdr_${v//-/_}
	if [ -z "$got" ] || grep -q -E '^<[0-9]>(BUG:|Oops|general protection)' \
			"$out/$v.said"; then
		ktap_result 1 "$case # no clean boot to init" "$serial"
	elif [ "$v" = valid ]; then
		[ "$got" = present ]
		ktap_result $? "$case" "$out/$v.said"
	elif [ "$got" = present ] && [ "${KDUMP_MODE:-project}" = reference ]; then
		ktap_skip "$case" "upstream accepts this header"
	elif [ "$got" = present ]; then
		ktap_result 1 "$case # /proc/vmcore exists for a bad header" \
			"$out/$v.said"
	elif splat=$(grep -m1 '^WARNING: CPU:' "$serial" | tr -d '\r') &&
	     [ -n "$splat" ]; then
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
done
rm -f "$out/disk.img"
ktap_summary
