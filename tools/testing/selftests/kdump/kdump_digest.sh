#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A capture kernel damaged while it waits must not be entered:
#   kdump_digest.sh ARCH KBUILD_DIR INITRD OUT_DIR
# The guest loads the capture kernel with kexec -s -p (kexec_file_load),
# flips the first byte of one of its segments through the test-only
# debugfs file of CONFIG_KEXEC_CORRUPT_TEST, and crashes.  The check of
# the segments' SHA-256 before the jump (x86_64: the purgatory) must name
# the damaged range on the console and stop there: no capture kernel may
# boot.  The machine then halts; the guest is stopped a second after the
# check's line (KDUMP_STOP_ON), or at its timeout if the line never comes.
# Environment: KDUMP_CORRUPT (the segment to damage, default the kernel
# itself, see below), KDUMP_TIMEOUT (default 60),
# KDUMP_MODE (reference: upstream has neither the debugfs file nor a line
# to print, and the suite is skipped with that reason).  Prints KTAP.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

suite_args "$@"
# The kernel itself: segment 3 of an x86_64 crash image, 0 of an arm64
# one, one later when IMA's measurement list goes first (IMA_KEXEC).
ima=0
grep -qx 'CONFIG_IMA_KEXEC=y' "$kbuild/.config" 2>/dev/null && ima=1
case $arch in
arm64)	segment=${KDUMP_CORRUPT:-$ima}
	check_says='kexec: segment [0-9]+ at 0x[0-9a-f]+-0x[0-9a-f]+: SHA-256 mismatch, not entering the capture kernel'
	range_start='at 0x0*%s-' ;;
*)	segment=${KDUMP_CORRUPT:-$((3 + ima))}
	check_says='^kexec purgatory: range [0-9]+ at 0x[0-9a-f]+ .*SHA-256 mismatch, halting'
	range_start='at 0x0*%s ' ;;
esac
serial=$out/serial.log
rm -f "$serial"
truncate -s 1M "$out/disk.img"

ktap_plan 3
start=$(date +%s)
KDUMP_STOP_ON='SHA-256 mismatch' qemu_run "$arch" "$kbuild/kernel-image" \
	"$initrd" "crashkernel=128M kdump_load=file kdump_corrupt=$segment" \
	"$out/disk.img" "$serial" 2 "${KDUMP_TIMEOUT:-60}"
echo "# $arch guest ran $(( $(date +%s) - start ))s, qemu status $?"
rm -f "$out/disk.img"

log() { tr -d '\r' < "$serial"; }

if has_marker "$serial" CORRUPT-UNSUPPORTED; then
	for c in first_kernel_damages_the_capture_kernel \
		 crash_names_the_damaged_range no_capture_kernel_boots; do
		ktap_skip "${arch}_$c" \
			"no corrupt_crash_segment in debugfs (KDUMP_MODE=${KDUMP_MODE:-project})"
	done
	ktap_summary
	exit 0
fi

# The kernel says where it flipped the byte; the check must name that
# address, as the start of the range it refuses.
at=$(log | sed -n 's/.*kexec: test: flipped the first byte of crash segment [0-9]* at 0x\([0-9a-f]*\).*/\1/p' |
	tail -n 1)
has_marker "$serial" CORRUPTED && [ -n "$at" ]
ktap_result $? "${arch}_first_kernel_damages_the_capture_kernel" "$serial"

said=$(log | grep -E "$check_says" | tail -n 1)
echo "# damaged at 0x${at:-?}; the check said: ${said:-nothing}"
[ -n "$at" ] && printf '%s\n' "$said" |
	grep -Eq "$(printf "$range_start" "$at")"
ktap_result $? "${arch}_crash_names_the_damaged_range" "$serial"

kernels=$(log | grep -c '^Linux version ')
echo "# kernels that booted: $kernels"
! has_marker "$serial" CAPTURE-UP && [ "$kernels" = 1 ]
ktap_result $? "${arch}_no_capture_kernel_boots" "$serial"
ktap_summary
