#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run a guest whose /init prints a KTAP document between KDUMP-KTAP-BEGIN
# and KDUMP-KTAP-END, and pass that document on:
#   kdump_guest_ktap.sh ARCH KBUILD_DIR INITRD OUT_DIR [KERNEL-ARGS]
# A guest that dies or hangs before KDUMP-KTAP-END fails the suite, with
# the tail of its serial log.  Environment: KDUMP_SMP, KDUMP_TIMEOUT.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

suite_args "$@"
args=${5:-}
serial=$out/serial.log
rm -f "$serial" "$out/disk.img"
truncate -s 16M "$out/disk.img"

qemu_run "$arch" "$kbuild/kernel-image" "$initrd" "$args" "$out/disk.img" \
	"$serial" "${KDUMP_SMP:-2}" "${KDUMP_TIMEOUT:-120}"
rc=$?
rm -f "$out/disk.img"

marked_block "$serial" KTAP > "$out/ktap.txt"
cat "$out/ktap.txt"
if ! has_marker "$serial" KTAP-END; then
	echo "not ok 999 ${arch}_guest_finished # qemu status $rc"
	tail -n 40 "$serial" | tr -d '\r' | sed 's/^/# /'
	exit 1
fi
echo "# kernel messages about kexec in the guest:"
marked_block "$serial" DMESG | sed 's/^/#   /'
# A program that stopped early, or whose plan is stale, still ends the
# block: the plan must match the cases that reported.
plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$out/ktap.txt" | head -n 1)
ran=$(grep -cE '^(not )?ok [0-9]+ ' "$out/ktap.txt")
if [ "${plan:-none}" != "$ran" ]; then
	echo "# the guest planned ${plan:-no} cases and reported $ran"
	exit 1
fi
! grep -q '^not ok' "$out/ktap.txt"
