#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The crash-trigger matrix: every way of dying below, N times, per
# architecture and tree, each judged by the crash scenario's judges
# (kdump_crash.sh: vmcore_check, makedumpfile -d 31 and --dump-dmesg with
# the cause, crash bt -a/log/ps/sys):
#   bench/matrix.sh N OUT_DIR ARCH:TREE...
#   bench/matrix.sh --one NAME ARCH TREE OUT_DIR
#   bench/matrix.sh --list ARCH
# Prints one table, trigger x arch x tree -> captured/N, and the first
# failed judge of every miss; everything is kept under OUT_DIR.  The
# kernels and initramfs images must be built (make matrix does that).
# MATRIX_TRIGGERS (names from the table below) runs only those.  --one
# runs trigger NAME once and prints its KTAP: make check runs some
# triggers that way, so the table below is their only definition; --list
# names the triggers an architecture has.  MATRIX_VARIANT (-debug) picks
# the kernels built with config.<arch>-debug.
# A run already judged on the same kernel and initramfs (the same bytes)
# counts without running again, so make matrix N=10 can be stopped and
# started again and go on where it was; MATRIX_FRESH=1 runs every one.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
st=$top/tools/testing/selftests/kdump

# name | KDUMP_TRIGGER | LKDTM point | command line | panic line (a grep
# pattern for the dead kernel's log) | architectures | more environment
# for kdump_crash.sh.  A name may have one row per architecture.
triggers='
sysrq|sysrq|||Kernel panic - not syncing: sysrq triggered crash|x86_64 arm64|
oops|oops|||kernel BUG at drivers/misc/lkdtm/|x86_64 arm64|
null_deref|lkdtm|EXCEPTION|oops=panic|NULL pointer dereference|x86_64 arm64|
warn|lkdtm|WARNING|panic_on_warn=1|panic_on_warn set|x86_64 arm64|
softlockup|lkdtm|SOFTLOCKUP|softlockup_panic=1 watchdog_thresh=5|softlockup: hung tasks|x86_64 arm64|
hung_task|lkdtm|HUNG_TASK|hung_task_panic=1 sysctl.kernel.hung_task_timeout_secs=5|hung_task: blocked tasks|x86_64 arm64|KDUMP_PID_FROM_LOG=1
hardirq|hardirq|||Kernel panic - not syncing: dumptest|x86_64 arm64|KDUMP_SMP=4
wedged|wedged|||Kernel panic - not syncing: sysrq triggered crash|x86_64 arm64|KDUMP_SMP=4
nmi|nmi|||Kernel panic - not syncing: NMI: Not continuing|x86_64|
stack_overflow|lkdtm|EXHAUST_STACK|oops=panic|stack guard page was hit|x86_64|
stack_overflow|lkdtm|EXHAUST_STACK||Kernel panic - not syncing: kernel stack overflow|arm64|
together|together|||Kernel panic - not syncing: dumptest|x86_64 arm64|KDUMP_SMP=4
post_notifiers|sysrq||crash_kexec_post_notifiers|Kernel panic - not syncing: sysrq triggered crash|x86_64 arm64|
load_race|load_race|||Kernel panic - not syncing: sysrq triggered crash|x86_64 arm64|
'

# Rows a sanitizer kernel (MATRIX_VARIANT=-debug) cannot run, and why:
# NAME|ARCH|REASON.  Each was seen on both trees; --one reports a SKIP.
debug_skips='
stack_overflow|arm64|6.1 arm64 with KASAN and lockdep never reaches panic(): its overflow handler faults in lock_acquire() on the 4 KiB overflow stack, and so does every die() after, until that stack overflows too; the reference tree hangs the same way
'

# run_row ARCH TREE DIR NAME TRIGGER POINT APPEND PANIC ARCHES ENV: one
# run of a row of the table, its KTAP on stdout.
run_row() {
	local arch=$1 tree=$2 dir=$3 trigger=$5 point=$6 append=$7 \
	      panic=$8 more=${10}
	local build=$tree-$arch${MATRIX_VARIANT:-}

	# A sanitizer kernel under TCG can stall 13 s at boot, which a
	# 10 s soft lockup threshold takes for the lockup to provoke.
	[ "${MATRIX_VARIANT:-}" = -debug ] &&
		append=${append/watchdog_thresh=5/watchdog_thresh=30}

	# shellcheck disable=SC2086 # more is a list of assignments
	env KDUMP_TRIGGER="$trigger" KDUMP_LKDTM="$point" \
	    KDUMP_PANIC_LINE="$panic" KDUMP_APPEND="$append" KDUMP_SMP=2 \
	    KDUMP_MODE="$tree" KDUMP_TOOLS="$top/build/tools" \
	    KDUMP_SYSROOT="$top/build/sysroot/$arch" $more \
		"$st/kdump_crash.sh" "$arch" "$top/build/out/$build" \
		"$top/build/test/$build/crash.cpio.gz" "$dir"
}

# stamp ARCH TREE: what a run of ARCH and TREE ran on, kernel and
# initramfs, as one hash.
stamp() {
	local build=$2-$1${MATRIX_VARIANT:-}

	cat "$top/build/out/$build/kernel-image" \
	    "$top/build/test/$build/crash.cpio.gz" | sha256sum | cut -c1-64
}

# captured KTAP: did the run whose KTAP this is pass every judge?
captured() {
	! grep -q '^not ok' "$1" && grep -q '^ok' "$1"
}

# one_run ARCH TREE DIR ROW...: 0 if captured; KTAP in DIR.ktap.  The
# stamp is written once the run is over, so a run cut short runs again.
one_run() {
	local want=${stamps[$1:$2]}

	if [ -z "${MATRIX_FRESH:-}" ] && [ -f "$3.stamp" ] &&
	   [ "$(cat "$3.stamp")" = "$want" ]; then
		echo "matrix: $4 $1 $2 $(basename "$3"): judged before" >&2
		captured "$3.ktap"
		return
	fi
	rm -f "$3.stamp"
	run_row "$@" > "$3.ktap" 2>&1
	echo "$want" > "$3.stamp"
	captured "$3.ktap"
}

if [ "$1" = --list ]; then
	while IFS='|' read -r name _ _ _ _ arches _; do
		case " $arches " in *" $2 "*) echo "$name" ;; esac
	done <<< "$triggers"
	exit 0
fi
if [ "$1" = --one ] && [ "${MATRIX_VARIANT:-}" = -debug ] &&
   skip=$(grep "^$2|$3|" <<< "$debug_skips"); then
	printf 'KTAP version 1\n1..1\nok 1 %s_%s # SKIP %s\n' "$3" "$2" \
		"${skip#*|*|}"
	exit 0
fi
if [ "$1" = --one ]; then
	row=$(grep "^$2|.*|\([^|]* \)*$3\( [^|]*\)*|[^|]*$" <<< "$triggers") ||
		{ echo "matrix.sh: no trigger $2 on $3" >&2; exit 2; }
	mkdir -p "$5"
	IFS='|' read -r -a fields <<< "$row"
	run_row "$3" "$4" "$5" "${fields[@]}" ""
	exit
fi

# why KTAP: the first failed judge, or why nothing was judged
why() {
	grep -m1 '^not ok' "$1" | sed 's/^not ok [0-9]* //' ||
		tail -n 1 "$1"
}

n=$1 out=$2
shift 2
declare -A stamps
for at in "$@"; do
	stamps[$at]=$(stamp "${at%%:*}" "${at#*:}") || exit 2
done
rows=()
misses=()
while IFS='|' read -r name trigger point append panic arches more; do
	[ -n "$name" ] || continue
	case " ${MATRIX_TRIGGERS:-$name} " in *" $name "*) ;; *) continue ;; esac
	for at in "$@"; do
		arch=${at%%:*} tree=${at#*:}
		case " $arches " in *" $arch "*) ;; *) continue ;; esac
		ok=0
		for i in $(seq 1 "$n"); do
			dir=$out/$tree-$arch/$name-$i
			mkdir -p "$dir"
			if one_run "$arch" "$tree" "$dir" "$name" "$trigger" \
				   "$point" "$append" "$panic" "$arches" \
				   "$more"; then
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
