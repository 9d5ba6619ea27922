#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vmcore_check's own tests, on small crafted cores (no guests):
#   run_tests.sh BIN_DIR
# Each case checks the exit status and the exact complaint, so a case can
# only pass when the validator says the right thing for the right reason.
set -uo pipefail

bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
pass=0
fail=0

# name | arch | mkcore variant | extra vmcore_check args | status | text
cases='valid_x86_64|x86_64|valid||0|OK: x86_64, 2 NT_PRSTATUS
valid_arm64|arm64|valid||0|OK: arm64, 2 NT_PRSTATUS
valid_with_iomem|x86_64|valid|--iomem IOMEM|0|OK: x86_64
truncated|x86_64|truncated||1|truncated vmcore
prstatus_removed|x86_64|no-prstatus||1|0 NT_PRSTATUS notes, want one per online cpu (2)
key_deleted|arm64|missing-key=NUMBER(kimage_voffset)||1|VMCOREINFO lacks NUMBER(kimage_voffset)
key_deleted_x86_64|x86_64|missing-key=SYMBOL(prb)||1|VMCOREINFO lacks SYMBOL(prb)
bad_magic|x86_64|bad-magic||1|no ELF magic
phdr_table_outside_file|x86_64|phdr-out-of-file||1|program header table (3 at offset 0x7ffffff0) runs past
huge_note_descsz|x86_64|huge-descsz||1|note (namesz 11, descsz 4294967280) runs past the end of PT_NOTE
two_pt_note|arm64|two-notes||1|2 PT_NOTE program headers, want exactly 1
zero_crashtime|x86_64|zero-crashtime||1|CRASHTIME=0 is not a positive decimal
cpu_count_mismatch|x86_64|valid|--cpus 3|1|2 NT_PRSTATUS notes, want one per online cpu (3)
wrong_crash_pid|x86_64|valid|--crash-pid 7|1|0 NT_PRSTATUS notes carry the crashing pid 7
five_level_stack|x86_64|five-level-stack||0|crashing cpu note 0 pid 100 pc 0xffffffff81000000 sp 0xff54c72300137ce8
user_mode_registers|x86_64|user-regs||1|crashing cpu note 0: pc 0x401000 sp 0x7ffd12345670 are not kernel addresses
wrong_machine|arm64|valid|--arch x86_64|1|e_machine is 183, want 62 for x86_64
wrong_page_size|arm64|valid|--page-size 65536|1|VMCOREINFO PAGESIZE=4096, want 65536
ram_not_covered|x86_64|uncovered|--iomem IOMEM|1|System RAM 0x400000-0x4fffff is in no PT_LOAD
empty_file|x86_64|EMPTY||1|file is 0 bytes, smaller than an ELF header'

echo "KTAP version 1"
echo "1..$(echo "$cases" | wc -l)"
while IFS='|' read -r name arch variant extra want text; do
	n=$((n + 1))
	core=$work/$name.core
	if [ "$variant" = EMPTY ]; then
		: > "$core"
	else
		"$bin/mkcore" --arch "$arch" --cpus 2 --variant "$variant" \
			--iomem "$work/$name.iomem" "$core"
	fi
	# Later options override earlier ones, so a case can change one.
	"$bin/vmcore_check" --arch "$arch" --cpus 2 --crash-pid 100 \
		${extra//IOMEM/$work/$name.iomem} "$core" > "$work/out" 2>&1
	got=$?
	if [ $got -eq "$want" ] && grep -qF -- "$text" "$work/out"; then
		pass=$((pass + 1))
		echo "ok $n vmcore_check_$name"
	else
		fail=$((fail + 1))
		echo "not ok $n vmcore_check_$name"
		echo "# exit $got (want $want), want text: $text"
		sed 's/^/# /' "$work/out"
	fi
done <<< "$cases"
echo "# $pass passed, $fail failed"
[ $fail -eq 0 ]
