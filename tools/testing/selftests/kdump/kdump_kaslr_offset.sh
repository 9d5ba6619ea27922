#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A fixed-offset crashkernel= must never lose to KASLR:
#   kdump_kaslr_offset.sh ARCH KBUILD_DIR INITRD OUT_DIR
# Boots KDUMP_BOOTS (default 30) times with KASLR on, 1.5 GiB of RAM and
# crashkernel=192M@1G; every boot must reserve exactly that range.  Before
# the decompressor kept the kernel out of it, about one boot in seven
# placed the kernel there and reserved nothing.  Uses the crashkernel
# scenario's init.  Environment: KDUMP_BOOTS, KDUMP_TIMEOUT.  Prints KTAP.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

suite_args "$@"
boots=${KDUMP_BOOTS:-30}
want_range=40000000-4bffffff

ktap_plan "$boots"
for i in $(seq 1 "$boots"); do
	serial=$out/boot-$i.serial
	truncate -s 1M "$out/disk.img"
	KDUMP_MEM=1536M qemu_run "$arch" "$kbuild/kernel-image" "$initrd" \
		"crashkernel=192M@1G" "$out/disk.img" "$serial" 1 \
		"${KDUMP_TIMEOUT:-120}" > /dev/null
	range=$(marker "$serial" CRASH-RANGE)
	[ "$range" = "$want_range" ]
	if ktap_result $? "${arch}_crashkernel_192M_at_1G_boot_$i" "$serial"
	then
		rm -f "$serial"
	else
		echo "# reserved ${range:-nothing};" \
			"kernel code at $(marker "$serial" KERNEL-CODE)"
	fi
done
rm -f "$out/disk.img"
ktap_summary
