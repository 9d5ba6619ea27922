#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# An arm64 machine on which no normal image can be entered must refuse
# kexec_load of one with EBUSY, say why, and still load a crash image:
#   kdump_machine_refusal.sh arm64 KBUILD_DIR INITRD OUT_DIR MACHINE ARGS
# MACHINE is one of
#   spin-table  the CPUs' enable method is spin-table, which cannot take a
#               CPU offline again.  QEMU's virt machine only describes
#               PSCI, so its device tree is dumped and rewritten; QEMU
#               never releases CPU 1 from the pen, which is what a
#               spin-table CPU that kexec cannot reclaim looks like.
#   pkvm        kvm-arm.mode=protected at EL2: protected KVM keeps EL2.
# The guest side is refusals.init with kdump_machine=MACHINE (KTAP).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

suite_args "$@"
machine=$5
args="${6:-} kdump_machine=$machine"

# spin_table_dtb DTB: QEMU's own device tree for the guest qemu_run
# boots, with every CPU's enable method turned into a spin-table whose
# release address is a reserved page at the top of RAM.
spin_table_dtb() {
	local dtc=$kbuild/scripts/dtc/dtc release=0x5ffff000

	qemu-system-aarch64 -M "$arm64_machine,dumpdtb=$1.qemu" \
		-cpu "$arm64_cpu" -smp "$KDUMP_SMP" -m "$KDUMP_MEM" \
		-display none > /dev/null 2>&1 &&
	"$dtc" -q -I dtb -O dts -o "$1.dts" "$1.qemu" || return 1
	sed -i -e "1a /memreserve/ $release 0x1000;" \
	    -e "s|enable-method = \"psci\";|enable-method = \"spin-table\"; cpu-release-addr = <0x00 $release>;|" \
	    "$1.dts"
	[ "$(grep -c 'spin-table' "$1.dts")" = 2 ] || return 1
	"$dtc" -q -I dts -O dtb -o "$1" "$1.dts"
}

case $machine in
spin-table)
	# The tree describes this RAM size and CPU count; boot the same.
	export KDUMP_MEM=512M KDUMP_SMP=2
	if ! spin_table_dtb "$out/spin-table.dtb"; then
		echo "not ok 1 ${arch}_spin_table_device_tree # cannot build it"
		exit 1
	fi
	export KDUMP_QEMU_ARGS="-dtb $out/spin-table.dtb"
	;;
pkvm)
	export KDUMP_VIRT_OPTS=virtualization=on
	args="$args kvm-arm.mode=protected"
	;;
*)
	echo "kdump_machine_refusal.sh: unknown machine $machine" >&2
	exit 2
	;;
esac

exec "$here/kdump_guest_ktap.sh" "$arch" "$kbuild" "$initrd" "$out" "$args"
