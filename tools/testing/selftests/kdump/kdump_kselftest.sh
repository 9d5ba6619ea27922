#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kdump selftests as kselftest runs them (see Makefile): boot the
# kernel of KDUMP_KBUILD under QEMU on this machine's architecture and
# run, judged by makedumpfile and crash on the host:
#   - the crash scenario: sysrq-c, the capture kernel saves the vmcore;
#   - the oops scenario: a BUG() with panic_on_oops;
#   - every refusal of kexec_load(), inside the guest;
#   - kexec -e reboots.
# With CONFIG_PROC_VMCORE_DEVICE_DUMP_TEST the crash scenario also reads
# test device dumps back, and the oops one checks novmcoredd.
# The guests' userspace (busybox, kexec-tools, makedumpfile) comes from
# Debian packages, fetched with apt-get download by mksysroot.sh.
#
# Environment: KDUMP_KBUILD (the kernel's object tree), KDUMP_SRCTREE (its
# source tree), KDUMP_WORK (where to build; default
# KDUMP_KBUILD/kselftest/kdump-work).  Prints KTAP; exits 4, kselftest's
# skip, naming what is missing when this machine or kernel cannot run the
# scenarios.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)

skip() {
	echo "1..0 # SKIP $*"
	exit 4
}

[ -n "${KDUMP_KBUILD:-}" ] && [ -n "${KDUMP_SRCTREE:-}" ] ||
	skip "KDUMP_KBUILD and KDUMP_SRCTREE are unset: run it through the Makefile"
kbuild=$KDUMP_KBUILD
src=$KDUMP_SRCTREE
work=${KDUMP_WORK:-$kbuild/kselftest/kdump-work}

case $(uname -m) in
x86_64)	arch=x86_64; deb=amd64; qemu=qemu-system-x86_64
	image=arch/x86/boot/bzImage ;;
aarch64) arch=arm64; deb=arm64; qemu=qemu-system-aarch64
	image=arch/arm64/boot/Image ;;
*)	skip "no kdump guest machine for $(uname -m)" ;;
esac

# The first option of the fragments that the kernel lacks, if any.
missing_option() {
	local line

	grep -h '^CONFIG_.*=[ym]' "$here/config" "$here/config.$arch" |
	while read -r line; do
		grep -qx "$line" "$kbuild/.config" || {
			echo "$line"
			break
		}
	done
}

check_host() {
	local t

	for t in $qemu apt-get dpkg cpio gzip python3 gcc make makedumpfile crash; do
		command -v "$t" > /dev/null || skip "this machine has no $t"
	done
	[ "$(id -u)" = 0 ] || skip "apt-get download and QEMU's disks need root"
}

build_guest_programs() {
	local c p

	mkdir -p "$work/guest"
	for c in "$here"/guest/*.c; do
		p=$(basename "$c" .c)
		gcc -static -O2 -Wall -Wextra -Werror -pthread \
			-I"$src/tools/testing/selftests" \
			-o "$work/guest/$p" "$c" || return 1
	done
	for c in "$here"/guest/preload/*.c; do
		p=$(basename "$c" .c)
		gcc -shared -fPIC -O2 -Wall -Wextra -Werror \
			-o "$work/guest/$p.so" "$c" || return 1
	done
}

build_images() {
	local s

	mkdir -p "$work/kernel"
	ln -sf "$kbuild/$image" "$work/kernel/kernel-image"
	ln -sf "$kbuild/vmlinux" "$work/kernel/vmlinux"
	ln -sf "$kbuild/.config" "$work/kernel/.config"
	for s in crash refusals reboot; do
		"$here/mkinitramfs.sh" "$work/sysroot" "$here/guest/$s.init" \
			"$kbuild/$image" "$work/$s.cpio.gz" "$work/guest" ||
			return 1
	done
	make -s -C "$here/vmcore_check" O="$work/tools"
}

check_host
[ -f "$kbuild/$image" ] && [ -f "$kbuild/vmlinux" ] ||
	skip "no kernel built in $kbuild"
missing=$(missing_option)
[ -z "$missing" ] ||
	skip "$kbuild/.config lacks $missing (merge $here/config and config.$arch)"
mkdir -p "$work"
"$here/mksysroot.sh" "$deb" "$work/sysroot" busybox-static kexec-tools \
	makedumpfile > "$work/mksysroot.log" 2>&1 ||
	skip "cannot fetch Debian's busybox-static, kexec-tools and makedumpfile (see $work/mksysroot.log)"
if ! build_guest_programs || ! build_images; then
	echo "1..1"
	echo "not ok 1 kdump_build_guests"
	exit 1
fi

# Device dumps are checked when the kernel has the test ones.
on= off=
if grep -qx CONFIG_PROC_VMCORE_DEVICE_DUMP_TEST=y "$kbuild/.config"; then
	on=KDUMP_DEVDUMP=on off=KDUMP_DEVDUMP=off
fi
export KDUMP_MODE=project KDUMP_TOOLS="$work/tools" KDUMP_SYSROOT="$work/sysroot"
k="$work/kernel"
# A run in which every case was skipped is a kselftest skip, not a pass.
"$here/run_tests.sh" \
	"vmcore_check=make -s -C $here/vmcore_check O=$work/tools test" \
	"crash_$arch=$on $here/kdump_crash.sh $arch $k $work/crash.cpio.gz $work/crash" \
	"crash_${arch}_oops=$off KDUMP_TRIGGER=oops $here/kdump_crash.sh $arch $k $work/crash.cpio.gz $work/crash-oops" \
	"refusals_$arch=$here/kdump_guest_ktap.sh $arch $k $work/refusals.cpio.gz $work/refusals 'crashkernel=64M KDUMP_MODE=project'" \
	"reboot_$arch=$here/kdump_reboot.sh $arch $k $work/reboot.cpio.gz $work/reboot" |
	tee "$work/ktap.txt"
rc=${PIPESTATUS[0]}
[ $rc -eq 0 ] && tail -n 1 "$work/ktap.txt" | grep -q '^0 passed, 0 failed' &&
	exit 4
exit $rc
