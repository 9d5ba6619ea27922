#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build one selftest kernel: bench/kernel.sh MODE ARCH [VARIANT]
#   MODE     reference | project   (which tree under build/trees/)
#   ARCH     x86_64 | arm64 | i386 | riscv64
#   VARIANT  optional, e.g. 64k: adds the fragment config.ARCH-VARIANT
# Output goes to build/out/MODE-ARCH[-VARIANT] (kbuild O= directory).  The
# .config is allnoconfig plus the selftest fragments (config, config.ARCH,
# config.MODE and config.ARCH-VARIANT, in that order); it is regenerated
# only when they change, so an edit to one source file rebuilds only that
# file.
set -euo pipefail

mode=$1
arch=$2
variant=${3:+$arch-$3}
top=$(cd "$(dirname "$0")/.." && pwd)
src=$top/build/trees/$mode
out=$top/build/out/$mode-${variant:-$arch}
frag_dir=$top/tools/testing/selftests/kdump

case $arch in
x86_64)	karch=x86_64; cross=; image=arch/x86/boot/bzImage ;;
i386)	karch=i386; cross=; image=arch/x86/boot/bzImage ;;
arm64)	karch=arm64; cross=aarch64-linux-gnu-; image=arch/arm64/boot/Image ;;
riscv64) karch=riscv; cross=riscv64-linux-gnu-; image=arch/riscv/boot/Image ;;
*)	echo "kernel.sh: unknown arch '$arch'" >&2; exit 2 ;;
esac

[ -d "$src" ] || { echo "kernel.sh: no tree $src" >&2; exit 2; }
mkdir -p "$out"

kmake() {
	make -s -C "$src" O="$out" ARCH=$karch CROSS_COMPILE=$cross \
		CC="ccache ${cross}gcc" HOSTCC="ccache gcc" "$@"
}

# Every option the fragment asks for must survive Kconfig's dependency
# resolution; a silently dropped option would make the kernel meaningless.
check_config() {
	local line name want bad=0

	while read -r line; do
		case $line in CONFIG_*=*) ;; *) continue ;; esac
		name=${line%%=*}
		want=${line#*=}
		if [ "$want" = n ]; then
			grep -q "^$name=" "$out/.config" || continue
		else
			grep -qx "$line" "$out/.config" && continue
		fi
		echo "kernel.sh: $name=$want did not stick in $mode-${variant:-$arch}" >&2
		bad=1
	done < "$out/fragment.config"
	return $bad
}

# config.<mode> adds what only one tree has (the project's KUnit suites).
[ -z "$variant" ] || [ -f "$frag_dir/config.$variant" ] ||
	{ echo "kernel.sh: no fragment config.$variant" >&2; exit 2; }
# A later fragment may override an earlier one (config.arm64-64k turns KVM
# off again, config.ARCH-perf the project's test options); only the last
# assignment of a symbol is kept, so Kconfig does not warn and
# check_config judges what was finally asked.
cat "$frag_dir/config" "$frag_dir/config.$arch" \
	$(ls "$frag_dir/config.$mode" 2>/dev/null) \
	${variant:+"$frag_dir/config.$variant"} |
	tac | awk -F= '!/^CONFIG_/ || !seen[$1]++' | tac \
	> "$out/fragment.config.new"
if ! cmp -s "$out/fragment.config.new" "$out/fragment.config" ||
   [ ! -f "$out/.config" ]; then
	mv "$out/fragment.config.new" "$out/fragment.config"
	kmake KCONFIG_ALLCONFIG="$out/fragment.config" allnoconfig
	check_config
else
	rm -f "$out/fragment.config.new"
fi

# With KEXEC_SIG, two signed copies of the image for the lockdown suite:
# kernel-image.signed with the build's module signing key (a built-in
# trusted key), kernel-image.untrusted with a key the kernel never saw.
sign_image() {
	local key=$out/certs/signing_key.pem stranger=$out/untrusted_key.pem

	rm -f "$out/kernel-image.signed" "$out/kernel-image.untrusted"
	grep -q '^CONFIG_KEXEC_SIG=y' "$out/.config" || return 0
	[ -f "$key" ] || { echo "kernel.sh: KEXEC_SIG without $key" >&2; return 1; }
	[ -f "$stranger" ] ||
		openssl req -new -x509 -newkey rsa:2048 -nodes -days 36500 \
			-subj "/CN=kdump selftest untrusted key/" -batch \
			-keyout "$stranger" -out "$stranger.crt" 2>/dev/null
	sbsign --key "$key" --cert "$key" --output "$out/kernel-image.signed" \
		"$out/$image" 2>/dev/null
	sbsign --key "$stranger" --cert "$stranger.crt" \
		--output "$out/kernel-image.untrusted" "$out/$image" 2>/dev/null
}

kmake -j"$(nproc)" vmlinux "$(basename $image)"
ln -sf "$out/$image" "$out/kernel-image"
sign_image
echo "kernel.sh: $mode-${variant:-$arch}: $out/$image"
