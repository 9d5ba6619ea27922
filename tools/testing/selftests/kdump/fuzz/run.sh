#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh - build the kdump fuzzers and run each for a while
#
#   run.sh [SECONDS]      each harness runs SECONDS (default 60)
#
# Environment: O, the build directory (default build/fuzz at the top of
# the tree).
#
# Each harness runs under nice 19, one after the other, on a fresh copy
# of its checked-in corpus (O/work/NAME); its log is O/NAME.log and what
# it finds is written to O/repro/NAME-*.  The result is KTAP, one case
# per harness with its execution count; the exit status is 1 if any
# harness crashed or a sanitizer reported, 2 if the build failed (then
# both cases fail).  make check runs it for a few seconds, so that the
# harnesses keep building as the code under them changes.

set -u

secs=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
srctree=$(cd "$here/../../../../.." && pwd)
O=${O:-$srctree/build/fuzz}
ck=fuzz_crashkernel

case $secs in
''|*[!0-9]*) echo "usage: run.sh [SECONDS]" >&2; exit 2 ;;
esac

echo "KTAP version 1"
echo "1..2"
if ! nice -n 19 make -s -C "$here" O="$O" "$O/fuzz_vmcore_hdr" "$O/$ck"; then
	echo "not ok 1 fuzz_vmcore_hdr # the harnesses do not build"
	echo "not ok 2 $ck # the harnesses do not build"
	exit 2
fi

n=0
failed=0

# executions: the final stats, else the last status line
count_execs()
{
	local n

	n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$1" | tail -n 1)
	[ -n "$n" ] || n=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$1" | tail -n 1)
	echo "${n:-0}"
}

# run_one NAME CORPUS MAX_LEN
run_one()
{
	local name=$1 corpus=$2 max_len=$3
	local work=$O/work/$corpus log=$O/$name.log
	local rc execs crashes

	rm -rf "$work"
	mkdir -p "$work" "$O/repro"
	cp "$here/corpus/$corpus"/* "$work"/
	echo "# $name: $secs s on $work (log: $log)"
	nice -n 19 "$O/$name" -max_len="$max_len" -max_total_time="$secs" \
		-timeout=25 -print_final_stats=1 \
		-artifact_prefix="$O/repro/$name-" "$work" >"$log" 2>&1
	rc=$?
	execs=$(count_execs "$log")
	crashes=$(grep -c 'Test unit written to' "$log")
	report='ERROR: [A-Za-z]+Sanitizer|ERROR: libFuzzer|runtime error:'
	if [ "$crashes" -eq 0 ] &&
	   { [ "$rc" -ne 0 ] || grep -qE "$report" "$log"; }; then
		crashes=1
	fi
	n=$((n + 1))
	if [ "$crashes" -ne 0 ]; then
		failed=1
		grep -E "$report|SUMMARY:|Test unit written" "$log" |
			sed 's/^/# /'
		echo "# reproduce: $O/$name FILE (FILE as written above)"
		echo "not ok $n $name # $crashes crashes, $execs executions ($secs s)"
	else
		echo "ok $n $name # $execs executions, 0 crashes ($secs s)"
	fi
}

run_one fuzz_vmcore_hdr vmcore_hdr 65536
run_one "$ck" crashkernel 1032

exit $failed
