#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The crash-trigger matrix: every way of dying below, N times, per
# architecture and tree, each judged by the crash scenario's judges
# (kdump_crash.sh: vmcore_check, makedumpfile -d 31 and --dump-dmesg with
# the cause, crash bt -a/log/ps/sys):
#   bench/matrix.sh N OUT_DIR ARCH:TREE...
# Prints one table, trigger x arch x tree -> captured/N, and the first
# failed judge of every miss; everything is kept under OUT_DIR.  The
# kernels and initramfs images must be built (make matrix does that).
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
st=$top/tools/testing/selftests/kdump
n=$1 out=$2
shift 2

# name | KDUMP_TRIGGER | LKDTM point | command line | panic line (a grep
# pattern for the dead kernel's log) | architectures
triggers='
sysrq|sysrq|||Kernel panic - not syncing: sysrq triggered crash|x86_64 arm64
oops|oops|||kernel BUG at drivers/misc/lkdtm/|x86_64 arm64
null_deref|lkdtm|EXCEPTION|oops=panic|NULL pointer dereference|x86_64 arm64
warn|lkdtm|WARNING|panic_on_warn=1|panic_on_warn set|x86_64 arm64
hardirq|hardirq|||Kernel panic - not syncing: dumptest|x86_64 arm64
wedged|wedged|||Kernel panic - not syncing: sysrq triggered crash|x86_64 arm64
post_notifiers|sysrq||crash_kexec_post_notifiers|Kernel panic - not syncing: sysrq triggered crash|x86_64 arm64
'

# one_run ARCH TREE NAME TRIGGER POINT APPEND PANIC DIR: 0 if captured
one_run() {
	local arch=$1 tree=$2 name=$3 trigger=$4 point=$5 append=$6 \
	      panic=$7 dir=$8 smp=2

	[ "$trigger" = hardirq ] || [ "$trigger" = wedged ] && smp=4
	KDUMP_TRIGGER=$trigger KDUMP_LKDTM=$point KDUMP_PANIC_LINE=$panic \
	KDUMP_APPEND=$append KDUMP_SMP=$smp KDUMP_MODE=$tree \
	KDUMP_TOOLS=$top/build/tools KDUMP_SYSROOT=$top/build/sysroot/$arch \
		"$st/kdump_crash.sh" "$arch" "$top/build/out/$tree-$arch" \
		"$top/build/test/$tree-$arch/crash.cpio.gz" "$dir" \
		> "$dir.ktap" 2>&1
	! grep -q '^not ok' "$dir.ktap" && grep -q '^ok' "$dir.ktap"
}

# why KTAP: the first failed judge, or why nothing was judged
why() {
	grep -m1 '^not ok' "$1" | sed 's/^not ok [0-9]* //' ||
		tail -n 1 "$1"
}

rows=()
misses=()
while IFS='|' read -r name trigger point append panic arches; do
	[ -n "$name" ] || continue
	for at in "$@"; do
		arch=${at%%:*} tree=${at#*:}
		case " $arches " in *" $arch "*) ;; *) continue ;; esac
		ok=0
		for i in $(seq 1 "$n"); do
			dir=$out/$tree-$arch/$name-$i
			mkdir -p "$dir"
			if one_run "$arch" "$tree" "$name" "$trigger" \
				   "$point" "$append" "$panic" "$dir"; then
				ok=$((ok + 1))
			else
				misses+=("$name $arch $tree run $i: $(why "$dir.ktap")")
			fi
		done
		rows+=("$(printf '%-16s %-7s %-10s %s/%s' "$name" "$arch" \
			"$tree" "$ok" "$n")")
		echo "matrix: ${rows[-1]}" >&2
	done
done <<< "$triggers"

printf '%-16s %-7s %-10s %s\n' trigger arch tree captured
printf '%s\n' "${rows[@]}"
[ ${#misses[@]} -eq 0 ] || { echo "misses:"; printf '  %s\n' "${misses[@]}"; }
