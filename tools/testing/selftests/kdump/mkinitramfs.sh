#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build a guest initramfs:
#   mkinitramfs.sh SYSROOT INIT KERNEL OUT [PROGRAMS_DIR [BOOT_FILE...]]
# The archive holds busybox, kexec with the shared libraries it needs (the
# ELF NEEDED closure, resolved inside SYSROOT), the static test programs
# of PROGRAMS_DIR in /bin, INIT as /init, and in /boot
# the capture kernel KERNEL and the capture initramfs (the same files
# without /boot), so that one image serves both kernels; BOOT_FILEs go to
# /boot too, under their own names.  INITRAMFS_TOOLS names sysroot
# programs both images get, with their libraries (the capture workflow's
# makedumpfile).
set -euo pipefail

sysroot=$(realpath "$1")
init=$(realpath "$2")
kernel=$(realpath "$3")
out=$(realpath -m "$4")
programs=${5:-}
boot_files=("${@:6}")
work=$out.d

libdirs="lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu
	 lib/aarch64-linux-gnu usr/lib/aarch64-linux-gnu
	 lib/i386-linux-gnu usr/lib/i386-linux-gnu lib usr/lib"

# Copy a file from the sysroot into the image at the same path.
copy_in() {
	mkdir -p "$work/$(dirname "$1")"
	cp -L "$sysroot/$1" "$work/$1"
}

find_lib() {
	local d

	for d in $libdirs; do
		[ -e "$sysroot/$d/$1" ] && { echo "$d/$1"; return 0; }
	done
	echo "mkinitramfs.sh: $1 not found in $sysroot" >&2
	return 1
}

# Copy a dynamically linked program and, recursively, its libraries.
copy_closure() {
	local file=$1 lib path interp

	[ -e "$work/$file" ] && return 0
	copy_in "$file"
	interp=$(readelf -l "$sysroot/$file" |
		 sed -n 's/.*interpreter: \(.*\)]/\1/p')
	[ -z "$interp" ] || copy_in "${interp#/}"
	for lib in $(readelf -d "$sysroot/$file" |
		     sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		path=$(find_lib "$lib")
		copy_closure "$path"
	done
}

# Reproducible: the same files give the same bytes (no times, no inode
# numbers), so make matrix can tell a rebuilt image from a changed one.
pack() {
	(cd "$1" && find . -exec touch -h -d @0 {} + &&
	 find . | LC_ALL=C sort |
	 cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -n -6 > "$2"
}

rm -rf "$work"
mkdir -p "$work"/{bin,sbin,proc,sys,dev,tmp,boot}
copy_in bin/busybox
install -m 0755 "$init" "$work/init"
if [ -n "$programs" ] && [ -d "$programs" ]; then
	find "$programs" -maxdepth 1 -type f -perm -u+x \
		-exec install -m 0755 -t "$work/bin" {} +
fi
for tool in ${INITRAMFS_TOOLS:-}; do
	copy_closure "$tool"
done
pack "$work" "$out.capture"

copy_closure sbin/kexec
mv "$out.capture" "$work/boot/capture.cpio.gz"
cp "$kernel" "$work/boot/kernel"
[ ${#boot_files[@]} -eq 0 ] || cp "${boot_files[@]}" "$work/boot/"
pack "$work" "$out"
rm -rf "$work"
echo "mkinitramfs.sh: $out ($(du -h "$out" | cut -f1))"
