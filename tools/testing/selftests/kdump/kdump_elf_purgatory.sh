#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kexec_file_load() through the ELF purgatory that the kexec core loads,
# relocates and fills with digests (kernel/kexec/purgatory.c), on a
# riscv64 guest:
#   kdump_elf_purgatory.sh ARCH KBUILD_DIR OUT_DIR
# The guest's only program is elf_purgatory/init.c, built static with
# Debian's cross compiler (bookworm has no riscv64 port, so no busybox
# and no kexec-tools).  Two initramfs images: "mini" holds the init;
# "boot" holds the init, the kernel's vmlinux (the format riscv64's
# kexec_file_load() takes) and mini, which the loaded kernel gets.
# Three guests:
#   reboot  kexec_file_load() and reboot(LINUX_REBOOT_CMD_KEXEC) enter the
#           second kernel;
#   crash   sysrq-c enters the capture kernel through the purgatory, and
#           its /proc/vmcore is an ELF core with one NT_PRSTATUS per CPU,
#           VMCOREINFO, and the dead kernel's memory: a page the first
#           init filled with a random marker, and the panic message;
#   digest  the loaded capture kernel's ELF core header is damaged
#           through debugfs (KEXEC_CORRUPT_TEST) before the crash: the
#           purgatory's SHA-256 check must keep the capture kernel from
#           starting at all.  Without the check it would boot and print
#           its banner; the guest is given twice the time the crash
#           guest needed to reach its capture kernel.
# Environment: KDUMP_TIMEOUT (seconds per guest, default 600).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

arch=$1
kbuild=$2
out=$3
mkdir -p "$out"

case $arch in
riscv64) cross=riscv64-linux-gnu- ;;
*) echo "kdump_elf_purgatory.sh: no ELF purgatory guest for $arch" >&2
   exit 2 ;;
esac

# cpio_of DIR OUT: DIR as a gzip'd newc archive.
cpio_of() {
	(cd "$1" && find . | sort | cpio -o -H newc --quiet -R 0:0) |
		gzip -1 > "$2"
}

make_images() {
	local work=$out/initramfs

	rm -rf "$work"
	mkdir -p "$work/mini/proc" "$work/mini/sys" "$work/mini/dev" \
		 "$work/mini/boot"
	"${cross}gcc" -static -O2 -Wall -Wextra -Werror \
		-o "$work/mini/init" "$here/elf_purgatory/init.c" || return 1
	cpio_of "$work/mini" "$out/mini.cpio.gz" || return 1
	cp -a "$work/mini" "$work/boot"
	cp "$out/mini.cpio.gz" "$work/boot/boot/mini.cpio.gz"
	"${cross}strip" -o "$work/boot/boot/vmlinux" "$kbuild/vmlinux" ||
		return 1
	cpio_of "$work/boot" "$out/boot.cpio.gz"
}

# guest NAME ARGS: run the boot image with kdump_test=NAME; the console
# goes to $out/NAME.log and its KDUMP-CHECK lines become KTAP cases.
guest() {
	local name=$1 args=$2 limit=${3:-${KDUMP_TIMEOUT:-600}}

	rm -f "$out/$name.disk"
	truncate -s 1M "$out/$name.disk"
	KDUMP_MEM=768M qemu_run "$arch" "$kbuild/kernel-image" \
		"$out/boot.cpio.gz" "crashkernel=160M kdump_test=$name $args" \
		"$out/$name.disk" "$out/$name.log" 2 "$limit"
	guest_rc=$?
	rm -f "$out/$name.disk"
}

# checks NAME CASE...: one KTAP case per CASE the guest had to report.
checks() {
	local log=$out/$1.log c line
	shift

	for c in "$@"; do
		line=$(tr -d '\r' < "$log" |
			grep -m1 -E "^KDUMP-CHECK (ok|not ok) $c( |\$)")
		case $line in
		"KDUMP-CHECK ok "*) ktap_result 0 "${arch}_$c" ;;
		"") ktap_result 1 "${arch}_$c # never reported (qemu status $guest_rc)" "$log" ;;
		*) ktap_result 1 "${arch}_$c # ${line#*# }" "$log" ;;
		esac
	done
}

# banners LOG: how many kernels started on this console.
banners() {
	tr -d '\r' < "$1" | grep -c 'Linux version '
}

ktap_plan 13
if ! make_images > "$out/images.log" 2>&1; then
	ktap_result 1 "${arch}_images" "$out/images.log"
	ktap_summary
	exit 1
fi
ktap_result 0 "${arch}_images"

guest reboot ""
checks reboot reboot_load reboot_second_kernel

start=$(date +%s)
guest crash ""
crash_secs=$(( $(date +%s) - start ))
checks crash crash_load capture_elf_header capture_pt_load \
	capture_prstatus_per_cpu capture_vmcoreinfo capture_read_all \
	capture_user_marker capture_panic_in_log
echo "# crash guest: $crash_secs s, $(marker "$out/crash.log" DUMP-BYTES) bytes read from /proc/vmcore"

limit=$((2 * crash_secs))
[ "$limit" -ge 60 ] || limit=60
guest digest "" "$limit"
checks digest digest_damage
if has_marker "$out/digest.log" CRASHING && [ "$(banners "$out/digest.log")" -eq 1 ]; then
	ktap_result 0 "${arch}_digest_refused"
else
	ktap_result 1 "${arch}_digest_refused # the damaged capture kernel was entered, or the guest never crashed" \
		"$out/digest.log"
fi
ktap_summary
