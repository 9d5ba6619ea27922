#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# check-blob.sh READELF ELF - refuse a linked purgatory that would need a
# loader: no run-time relocation and no GOT or PLT content may be left,
# because the kernel copies the blob as it is.  purgatory.lds.S asserts
# the same from inside the link; this checks what came out of it.

readelf=$1
elf=$2

relocs=$($readelf -rW "$elf") || exit 1
if printf '%s\n' "$relocs" | grep -q '^Relocation section'; then
	echo "$elf: the purgatory has relocations:" >&2
	printf '%s\n' "$relocs" >&2
	exit 1
fi

# "[Nr] Name Type Address Off Size ...": complain about any .got*, .plt*,
# .igot* or .iplt* section that is not empty.
sections=$($readelf -SW "$elf") || exit 1
bad=$(printf '%s\n' "$sections" |
	sed -n 's/^ *\[ *[0-9]*\] *//p' |
	awk '$1 ~ /^\.(i?got|i?plt)/ && $5 !~ /^0+$/ { print $1 }')
if [ -n "$bad" ]; then
	echo "$elf: the purgatory has GOT or PLT content in:" $bad >&2
	exit 1
fi
