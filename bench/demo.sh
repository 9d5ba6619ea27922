#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: crash an x86_64 guest, capture its dump, show what crash saw.
#   bench/demo.sh KBUILD_DIR OUT_DIR "NAME=SCENARIO-COMMAND"
set -uo pipefail

kbuild=$1
out=$2
cmd=${3#*=}

echo "Booting an x86_64 guest with crashkernel=128M, loading a capture"
echo "kernel with kexec -p, crashing it with sysrq-c (TCG, ~10-30s)..."
log=$(mktemp)
KDUMP_KEEP_DUMPS=1 bash -c "$cmd" > "$log" 2>&1
rc=$?
grep -E '^(ok|not ok) ' "$log" | sed 's/^/  /'
if [ $rc -ne 0 ]; then
	echo "The demo failed; full report:"
	cat "$log"
	rm -f "$log"
	exit 1
fi
rm -f "$log"

echo
echo "crash 8.0.2, 'bt' of the task that panicked:"
sed 's/^/  /' "$out/crash-bt.txt" | head -n 14
echo
echo "The dead kernel's last words (makedumpfile --dump-dmesg):"
grep -A6 'sysrq: Trigger a crash' "$out/dmesg.txt" | head -n 7 | sed 's/^/  /'
echo
echo "vmcore:          $out/vmcore ($(du -h "$out/vmcore" | cut -f1))"
echo "compressed dump: $out/dumpfile ($(du -h "$out/dumpfile" | cut -f1))"
echo "explore it:      crash $kbuild/vmlinux $out/vmcore"
