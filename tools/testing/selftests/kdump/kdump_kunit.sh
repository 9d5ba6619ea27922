#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's own KUnit suites, run at boot by the test kernel:
#   kdump_kunit.sh ARCH KBUILD_DIR INITRD OUT_DIR
# Boots once (INITRD's init only has to power off), has the kernel's own
# KTAP parser (tools/testing/kunit/kunit.py parse) read what KUnit printed
# on the console, and reports every leaf case of it as one flat KTAP
# result named suite.case[.parameter].  A kernel built without
# the suites (the reference tree) reports one SKIP saying so.
# Environment: KDUMP_MODE, KDUMP_TIMEOUT, KDUMP_KUNIT_EXPECT (an extended
# regex some leaf's name must match, proving how the kernel ran: one
# more case), KDUMP_QEMU_ARGS (see lib.sh).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

suite_args "$@"
serial=$out/serial.log
rm -f "$serial" "$out/disk.img"
truncate -s 1M "$out/disk.img"
qemu_run "$arch" "$kbuild/kernel-image" "$initrd" "crashkernel=64M kunit.enable=1" \
	"$out/disk.img" "$serial" 1 "${KDUMP_TIMEOUT:-120}"
rc=$?
rm -f "$out/disk.img"

# The kernel's own KTAP parser reads the console (kunit.py parse, from
# the tree the kernel was built from), and its KernelCI JSON is
# flattened into one "STATUS<TAB>suite.case[.parameter]" line per leaf.
# A crashed or truncated run is the parser's to judge: its cases come out
# as ERROR or FAIL, and an empty result counts as a failure below.
# -B: no __pycache__ in the kernel tree, which make series compares.
python3 -B "$kbuild/source/tools/testing/kunit/kunit.py" parse \
	--json="$out/kunit.json" "$serial" > "$out/kunit_parse.txt" 2>&1
python3 - "$out/kunit.json" > "$out/leaves.txt" 2>/dev/null <<'PY'
import json
import sys


def walk(group, path):
    for case in group["test_cases"]:
        print(case["status"] + "\t" + ".".join(path + [case["name"]]))
    for sub in group["sub_groups"]:
        walk(sub, path + [sub["name"]])


walk(json.load(open(sys.argv[1])), [])
PY

expect=${KDUMP_KUNIT_EXPECT:-}
leaves=$(wc -l < "$out/leaves.txt")
plan=$((leaves ? leaves : 1))
[ -n "$expect" ] && [ "$leaves" -gt 0 ] && plan=$((plan + 1))
ktap_plan $plan
if [ ! -s "$out/leaves.txt" ]; then
	if [ "${KDUMP_MODE:-project}" = reference ] &&
	   ! grep -q '^CONFIG_KEXEC_KUNIT_TEST=y' "$kbuild/.config"; then
		ktap_skip "${arch}_kunit" "the reference tree has no KUnit suites"
		exit 0
	fi
	ktap_result 1 "${arch}_kunit # no KUnit results on the console (qemu status $rc)" \
		"$serial"
	ktap_summary
	exit
fi
while IFS=$'\t' read -r status name; do
	case $status in
	PASS) ktap_result 0 "${arch}_kunit_$name" ;;
	SKIP) ktap_skip "${arch}_kunit_$name" "skipped by the KUnit suite" ;;
	*) ktap_result 1 "${arch}_kunit_$name # $status" "$out/kunit_parse.txt" ;;
	esac
done < "$out/leaves.txt"
if [ -n "$expect" ]; then
	grep -qE "$expect" "$out/leaves.txt"
	ktap_result $? "${arch}_kunit_ran_as_asked # a leaf matching $expect" \
		"$out/leaves.txt"
fi
ktap_summary
