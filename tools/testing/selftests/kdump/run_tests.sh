#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run kdump test suites and print one KTAP document:
#   run_tests.sh NAME=COMMAND...
# Each COMMAND prints KTAP of its own; it is nested as a subtest.  The last
# line counts the leaf test cases: "N passed, N failed, N skipped"; a
# case marked "# SKIP" is counted as skipped, never as passed.
set -uo pipefail

pass=0
fail=0
skip=0
n=0

# Free space where the artifacts go: a full disk shows up as a guest whose
# disk writes stop, or as a dump that cannot be extracted.
disk_free() {
	echo "# $1: $(df -Pm . | awk 'NR == 2 { print $4 }') MiB free on $(pwd)"
}

echo "KTAP version 1"
echo "1..$#"
disk_free start
for suite in "$@"; do
	name=${suite%%=*}
	cmd=${suite#*=}
	n=$((n + 1))
	log=$(mktemp)
	start=$(date +%s)
	bash -c "$cmd" > "$log" 2>&1
	rc=$?
	sed 's/^/    /' "$log"
	s=$(grep -c '^ok .*# SKIP' "$log")
	p=$(( $(grep -c '^ok ' "$log") - s ))
	f=$(grep -c '^not ok ' "$log")
	rm -f "$log"
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + s))
	if [ $rc -eq 0 ] && [ "$f" -eq 0 ] && [ "$p" -gt 0 ]; then
		echo "ok $n $name # $(( $(date +%s) - start ))s"
	elif [ $rc -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -gt 0 ]; then
		# Every case was skipped, each with its reason: a skip.
		echo "ok $n $name # SKIP all $s cases skipped"
	else
		# A suite that dies before reporting still counts as a failure.
		[ "$f" -eq 0 ] && fail=$((fail + 1))
		echo "not ok $n $name # exit $rc after $(( $(date +%s) - start ))s"
	fi
done
disk_free end
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
