#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# The device dumps of an ELF vmcore, without crash:
#   vmcoredd_extract.py VMCORE DIR
# Walks every PT_NOTE of a little-endian ELF32 or ELF64 core and writes
# the data of each NT_VMCOREDD note to DIR/devdump.INDEX, printing
# "INDEX SIZE NAME" for each.  For architectures crash cannot read
# (crash 8.0.2 does not know 6.1's i386 kernels).  Exits 1 if the notes
# are malformed.

import mmap
import struct
import sys

NT_VMCOREDD = 0x700
NAME_BYTES = 44


def phdrs(core):
    cls = core[4]
    if core[:4] != b"\x7fELF" or cls not in (1, 2) or core[5] != 1:
        sys.exit("not a little-endian ELF file")
    if cls == 1:
        phoff, = struct.unpack_from("<I", core, 28)
        phentsize, phnum = struct.unpack_from("<HH", core, 42)
        fmt, fields = "<IIIIIIII", (0, 1, 4)      # type, offset, filesz
    else:
        phoff, = struct.unpack_from("<Q", core, 32)
        phentsize, phnum = struct.unpack_from("<HH", core, 54)
        fmt, fields = "<IIQQQQQQ", (0, 2, 5)
    for i in range(phnum):
        ph = struct.unpack_from(fmt, core, phoff + i * phentsize)
        yield tuple(ph[f] for f in fields)


def notes(core, off, size):
    end = off + size
    while off + 12 <= end:
        namesz, descsz, ntype = struct.unpack_from("<III", core, off)
        name_off = off + 12
        desc_off = name_off + (namesz + 3) // 4 * 4
        nxt = desc_off + (descsz + 3) // 4 * 4
        if nxt > end:
            sys.exit("note at %#x runs past its PT_NOTE" % off)
        yield core[name_off:name_off + namesz], ntype, \
            core[desc_off:desc_off + descsz]
        off = nxt


def main():
    with open(sys.argv[1], "rb") as f:
        core = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    index = 0
    for ptype, off, size in phdrs(core):
        if ptype != 4:                          # PT_NOTE
            continue
        for name, ntype, desc in notes(core, off, size):
            if ntype != NT_VMCOREDD or name.rstrip(b"\0") != b"LINUX":
                continue
            dd_name = desc[:NAME_BYTES].split(b"\0")[0].decode()
            data = desc[NAME_BYTES:]
            with open("%s/devdump.%d" % (sys.argv[2], index), "wb") as out:
                out.write(data)
            print(index, len(data), dd_name)
            index += 1


main()
