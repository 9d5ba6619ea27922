#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Read the console logs of a make check-debug run for sanitizer and lock
# checker reports:
#   kdump_sanitizers.sh TEST_DIR
# Every console log under TEST_DIR (a scenario's serial.log, where both
# kernels of a guest run write, or a suite's CASE.serial) is one test
# case: it passes if no line reports a KASAN, UBSAN or KFENCE finding, a
# lockdep splat, a list corruption, a sleep in atomic context, the OOM
# killer at work, or any other BUG: or WARNING: than the crash the
# scenario provoked on purpose.  Prints KTAP; the offending lines as
# comments.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

dir=${1:?usage: kdump_sanitizers.sh TEST_DIR}

# What a report looks like.  "kernel BUG at" has no colon, and arm64
# follows it with "Internal error: Oops - BUG:", which names no place.
reports='(^|[] ])(BUG:|WARNING:|UBSAN:|KASAN:|KFENCE:)|kernel BUG at|possible (circular|recursive) locking|inconsistent lock state|suspicious RCU usage|Invalid wait context|bad unlock balance|held lock freed|list_(add|del) corruption|sleeping function called from invalid context|invoked oom-killer'

# provoked_by NAME: the crash scenario NAME provokes on purpose, as an
# extended regex of the report lines it may print: LKDTM's BUG() and
# WARN() (their lines name drivers/misc/lkdtm/; arm64 adds its "Internal
# error" line to the BUG() of the oops scenarios), its NULL dereference
# (which KASAN reports first), soft lockup and stack overflow.
provoked_by() {
	local any='at drivers/misc/lkdtm/|BUG: kernel NULL pointer dereference|BUG: soft lockup|stack guard page was hit'

	case $1 in
	*oops*) echo "$any|Internal error: Oops - BUG: " ;;
	*null_deref*) echo "$any|KASAN: null-ptr-deref in (lkdtm_|range \\[)" ;;
	*) echo "$any" ;;
	esac
}

# A scenario's console is its serial.log; suites that boot once per case
# (crashkernel, elfcorehdr) keep one CASE.serial each.
mapfile -t logs < <(find "$dir" \( -name serial.log -o -name '*.serial' \) |
	sort)
ktap_plan $(( ${#logs[@]} + 1 ))
[ ${#logs[@]} -gt 0 ]
ktap_result $? "console_logs_found_under_${dir##*/}"
for log in "${logs[@]}"; do
	name=${log#"$dir"/}
	name=${name%/serial.log}
	name=${name%.serial}
	found=$(tr -d '\r' < "$log" | grep -E "$reports" |
		grep -Ev "$(provoked_by "$name")")
	[ -z "$found" ]
	rc=$?
	ktap_result $rc "no_sanitizer_report_in_${name//[^a-zA-Z0-9]/_}"
	[ $rc -eq 0 ] || { echo "# in $log:"; head -n 5 <<< "$found" |
		sed 's/^/# report: /'; }
done
ktap_summary
