#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The order of the x86_64 relocation code's control register writes, read
# from the built kernel:
#   kdump_reloc_order.sh ARCH KBUILD_DIR
# QEMU TCG implements no CET, so no guest can show that CR4.CET is cleared
# before CR0.WP (the SDM's #GP otherwise); this checks the instructions of
# the blob between kexec_reloc_start and kexec_reloc_end instead.
# Environment: KDUMP_MODE.  Prints KTAP.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

arch=$1
vmlinux=$2/vmlinux
dis=$2/reloc.dis
start=$(nm "$vmlinux" 2>/dev/null | awk '/ kexec_reloc_start$/ { print $1 }')
end=$(nm "$vmlinux" 2>/dev/null | awk '/ kexec_reloc_end$/ { print $1 }')

ktap_plan 5
if [ -z "$start" ] || [ -z "$end" ]; then
	for c in cr4_before_cr0 cr4_keeps_pae_la57 cr0_clears_wp \
		 serializes_after_copy enters_on_entry_stack_word; do
		if [ "${KDUMP_MODE:-project}" = reference ]; then
			ktap_skip "${arch}_reloc_$c" "upstream has no kexec_reloc_start blob"
		else
			ktap_result 1 "${arch}_reloc_$c # no kexec_reloc_start in $vmlinux"
		fi
	done
	ktap_summary
	exit
fi

# One instruction per line: "ADDRESS MNEMONIC OPERANDS".
objdump -d --no-show-raw-insn --start-address="0x$start" \
	--stop-address="0x$end" "$vmlinux" |
	sed -n 's/^ *\([0-9a-f]*\):\t\(.*\)$/\1 \2/p' > "$dis"

# at PATTERN: line number of the first instruction matching PATTERN.
at() {
	grep -n -m1 -E "$1" "$dis" | cut -d: -f1
}

cr4=$(at 'mov +%rax,%cr4')
cr0=$(at 'mov +%rax,%cr0')
copy=$(at 'rep movsq')
jump=$(at 'jmp +\*%r10')

[ -n "$cr4" ] && [ -n "$cr0" ] && [ "$cr4" -lt "$cr0" ]
ktap_result $? "${arch}_reloc_cr4_before_cr0"

sed -n "$((cr4 - 1))p" "$dis" | grep -q 'and *\$0x1020,%rax'
ktap_result $? "${arch}_reloc_cr4_keeps_pae_la57"

# The last mask applied to %rax before the CR0 write (an "or" may follow).
mask=$(sed -n "1,${cr0}p" "$dis" |
	sed -n 's/.*and *\$\(0x[0-9a-f]*\),%rax.*/\1/p' | tail -n 1)
[ -n "$mask" ] && [ $(( mask & 0x10000 )) -eq 0 ]
ktap_result $? "${arch}_reloc_cr0_clears_wp"

serial=$(awk -v c="$copy" -v j="$jump" \
	'NR > c && NR < j && /mov +%rax,%cr3/ { print NR; exit }' "$dis")
[ -n "$serial" ]
ktap_result $? "${arch}_reloc_serializes_after_copy"

# The last write to %rsp before the jump points at the code page's last word.
want=$(printf '%x' $(( 0x$start + 4096 - 8 )))
sed -n "1,${jump}p" "$dis" | grep -E ',%rsp$|,%rsp +#' | tail -n 1 |
	grep -q "# $want"
ktap_result $? "${arch}_reloc_enters_on_entry_stack_word"
ktap_summary
