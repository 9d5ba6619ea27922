#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Normal kexec reboots on one architecture:
#   kdump_reboot.sh ARCH KBUILD_DIR INITRD OUT_DIR
# The first kernel loads itself with kexec -l and jumps with kexec -e; the
# second kernel must reach its init with every CPU online and exactly the
# command line it was given, then do the same once more over itself (see
# guest/reboot.init for why that hop matters).  Environment: KDUMP_SMP
# (default 2), KDUMP_TIMEOUT, KDUMP_EVERY_KERNEL (a line each of the three
# kernels must log, proving how it booted), KDUMP_IMA (set for
# kexec_file_load() hops: IMA's measurement list must reach every kernel,
# so the third holds three boot_aggregate entries).  Prints KTAP.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

suite_args "$@"
smp=${KDUMP_SMP:-2}
serial=$out/serial.log
all_cpus="0-$((smp - 1))"

truncate -s 1M "$out/disk.img"
qemu_run "$arch" "$kbuild/kernel-image" "$initrd" "" "$out/disk.img" \
	"$serial" "$smp" "${KDUMP_TIMEOUT:-180}"
echo "# $arch guest: qemu status $?"
rm -f "$out/disk.img"

plan=6
[ -n "${KDUMP_EVERY_KERNEL:-}" ] && plan=$((plan + 1))
[ -n "${KDUMP_IMA:-}" ] && plan=$((plan + 1))
ktap_plan $plan
[ "$(marker "$serial" LOADED-SECOND)" = 1 ] &&
	[ "$(marker "$serial" FIRST-CPUS)" = "$all_cpus" ]
ktap_result $? "${arch}_kexec_l_sets_kexec_loaded" "$serial"
has_marker "$serial" SECOND-KERNEL-UP
ktap_result $? "${arch}_kexec_e_second_kernel_reaches_init" "$serial"
[ "$(marker "$serial" SECOND-CPUS)" = "$all_cpus" ]
ktap_result $? "${arch}_second_kernel_brings_up_${smp}_cpus" "$serial"
cmdline_exact "$serial" "$arch" reboot PASSED-SECOND-CMDLINE SECOND-CMDLINE
ktap_result $? "${arch}_second_kernel_cmdline_is_what_kexec_passed" "$serial"
has_marker "$serial" THIRD-KERNEL-UP
ktap_result $? "${arch}_kexec_e_over_the_running_kernel_reaches_init" "$serial"
cmdline_exact "$serial" "$arch" reboot PASSED-THIRD-CMDLINE THIRD-CMDLINE
ktap_result $? "${arch}_third_kernel_cmdline_is_what_kexec_passed" "$serial"
if [ -n "${KDUMP_EVERY_KERNEL:-}" ]; then
	every_kernel_says "$serial" 3 "$KDUMP_EVERY_KERNEL"
	ktap_result $? "${arch}_all_three_kernels_booted_as_asked" "$serial"
fi
if [ -n "${KDUMP_IMA:-}" ]; then
	echo "# IMA boot_aggregate entries: $(marker "$serial" FIRST-IMA-BOOTS)," \
		"$(marker "$serial" SECOND-IMA-BOOTS)," \
		"$(marker "$serial" THIRD-IMA-BOOTS)"
	[ "$(marker "$serial" FIRST-IMA-BOOTS)" = 1 ] &&
		[ "$(marker "$serial" SECOND-IMA-BOOTS)" = 2 ] &&
		[ "$(marker "$serial" THIRD-IMA-BOOTS)" = 3 ]
	ktap_result $? "${arch}_ima_measurement_list_reaches_every_kernel" \
		"$serial"
fi
ktap_summary
