#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's own KUnit suites, run at boot by the test kernel:
#   kdump_kunit.sh ARCH KBUILD_DIR INITRD OUT_DIR
# Boots once (INITRD's init only has to power off), reads the KTAP that
# KUnit printed on the console, and reports every leaf case of it as one
# flat KTAP result named suite.case[.parameter].  A kernel built without
# the suites (the reference tree) reports one SKIP saying so.
# Environment: KDUMP_MODE, KDUMP_TIMEOUT.
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

# Leaf results of KUnit's nested KTAP.  "# Subtest: NAME" at indent I opens
# a test whose children sit at indent I; its own result comes at I - 4.
tr -d '\r' < "$serial" | awk '
function indent(s) { match(s, /^ */); return RLENGTH }
/^ *# Subtest: / {
	i = indent($0); open[i] = 1; name[i] = $NF; next
}
/^ *(not )?ok [0-9]+ / {
	i = indent($0)
	if (open[i + 4]) { open[i + 4] = 0; next }
	line = substr($0, i + 1)
	ok = line !~ /^not /
	sub(/^(not )?ok [0-9]+ /, "", line)
	path = ""
	for (d = 4; d <= i; d += 4)
		path = path name[d] "."
	print (ok ? "ok" : "not ok") "\t" path line
}' > "$out/leaves.txt"

ktap_plan "$(wc -l < "$out/leaves.txt" | awk '{print ($1 ? $1 : 1)}')"
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
	ok) ktap_result 0 "${arch}_kunit_$name" ;;
	*) ktap_result 1 "${arch}_kunit_$name" "$serial" ;;
	esac
done < "$out/leaves.txt"
ktap_summary
