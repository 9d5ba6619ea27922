#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Does every other Debian architecture still build kexec and crash dumps
# with the series applied?
#   bench/cross.sh MODE [NAME...]    MODE: project | reference
# For each NAME of the table below (all by default): allnoconfig plus the
# row's options, every one of which must survive Kconfig, then vmlinux,
# with Debian's cross compiler, which bench/deps.sh installs.  Out of
# tree in build/cross/MODE-NAME.
# Prints KTAP: one case per architecture, the first compiler or linker
# errors as diagnostics.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:?usage: cross.sh project|reference [NAME...]}
shift
src=$top/build/trees/$mode

# name | ARCH= | cross prefix (Debian's gcc-<triplet>) | options on top of
# allnoconfig: what the machine needs to build, then the kexec and crash
# dump options that the architecture offers in 6.1
table='i386|i386|i686-linux-gnu-|HIGHMEM4G KEXEC CRASH_DUMP PROC_FS PROC_VMCORE
armhf|arm|arm-linux-gnueabihf-|MMU ARCH_MULTI_V7 ARCH_VIRT AEABI KEXEC CRASH_DUMP PROC_FS PROC_VMCORE
ppc64el|powerpc|powerpc64le-linux-gnu-|PPC64 CPU_LITTLE_ENDIAN PPC_PSERIES CRYPTO CRYPTO_SHA256 KEXEC KEXEC_FILE CRASH_DUMP PROC_FS PROC_VMCORE
s390x|s390|s390x-linux-gnu-|CRYPTO CRYPTO_SHA256 CRYPTO_SHA256_S390 KEXEC KEXEC_FILE CRASH_DUMP PROC_FS PROC_VMCORE
riscv64|riscv|riscv64-linux-gnu-|MMU CRYPTO CRYPTO_SHA256 KEXEC KEXEC_FILE CRASH_DUMP PROC_FS PROC_VMCORE
mips64el|mips|mips64el-linux-gnuabi64-|MIPS_GENERIC_KERNEL 64BIT CPU_LITTLE_ENDIAN CPU_MIPS64_R2 KEXEC CRASH_DUMP PROC_FS PROC_VMCORE'

names=${*:-$(echo "$table" | cut -d'|' -f1)}

# row NAME: the table's row for NAME.
row() {
	echo "$table" | grep "^$1|" ||
		{ echo "cross.sh: no architecture $1" >&2; exit 2; }
}

# The cross compilers, Debian's gcc-<triplet> packages.
for name in $names; do
	row "$name" > /dev/null || exit 2
done
# shellcheck disable=SC2046
"$top/bench/deps.sh" $(for name in $names; do
	cross=$(row "$name" | cut -d'|' -f3)
	echo "gcc-${cross%-}"
done) || exit 2

# build NAME KARCH CROSS OPTIONS: configure and build one kernel.
build() {
	local out=$top/build/cross/$mode-$1 opt

	mkdir -p "$out"
	for opt in $4; do echo "CONFIG_$opt=y"; done > "$out/fragment.config"
	make -s -C "$src" O="$out" ARCH="$2" CROSS_COMPILE="$3" \
		CC="ccache ${3}gcc" KCONFIG_ALLCONFIG="$out/fragment.config" \
		allnoconfig > "$out/build.log" 2>&1 || return 1
	for opt in $4; do
		grep -qx "CONFIG_$opt=y" "$out/.config" && continue
		echo "cross.sh: CONFIG_$opt=y did not stick" >> "$out/build.log"
		return 1
	done
	make -s -C "$src" O="$out" ARCH="$2" CROSS_COMPILE="$3" \
		CC="ccache ${3}gcc" -j"$(nproc)" vmlinux >> "$out/build.log" 2>&1
}

n=0
fail=0
echo "KTAP version 1"
echo "1..$(echo "$names" | wc -w)"
for name in $names; do
	IFS='|' read -r _ karch cross opts <<< "$(row "$name")"
	n=$((n + 1))
	start=$(date +%s)
	if build "$name" "$karch" "$cross" "$opts"; then
		echo "ok $n ${name}_${mode}_builds # $(( $(date +%s) - start ))s"
		continue
	fi
	fail=$((fail + 1))
	echo "not ok $n ${name}_${mode}_builds # $(( $(date +%s) - start ))s"
	grep -m 12 -E 'error|Error|undefined reference|did not stick' \
		"$top/build/cross/$mode-$name/build.log" | sed 's/^/# /'
done
echo "# $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
