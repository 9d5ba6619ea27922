#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make perf's chart: bench/perf_chart.py RAW.tsv OUT_DIR

Writes two gnuplot data files of medians, project beside reference, and
has gnuplot (Debian's gnuplot-nox) draw them into OUT_DIR/chart.svg:
read() throughput against the block size, with mmap() and the boot's
memcpy() as lines, and random 4 KiB read throughput against the number
of PT_LOADs in the ELF core header.  A metric with no runs is left out.
"""
import collections
import os
import statistics
import subprocess
import sys

BLOCKS = [("read_4k", 4), ("read_64k", 64), ("read_1024k", 1024),
          ("read_4096k", 4096)]


def medians(path):
    runs = collections.defaultdict(lambda: collections.defaultdict(list))
    with open(path) as f:
        next(f)
        for line in f:
            tree, _run, metric, value, _unit = line.rstrip("\n").split("\t")
            runs[metric][tree].append(float(value))
    return {m: {t: statistics.median(v) for t, v in trees.items()}
            for m, trees in runs.items()}


def write_rows(path, rows):
    with open(path, "w") as f:
        for row in rows:
            f.write(" ".join(str(x) for x in row) + "\n")
    return bool(rows)


def main():
    med = medians(sys.argv[1])
    out = sys.argv[2]
    get = lambda m, t: med.get(m, {}).get(t, "NaN")
    blocks = [(kib, get(m, "project"), get(m, "reference"))
              for m, kib in BLOCKS if m in med]
    layouts = sorted(int(m.split("_")[1]) for m in med
                     if m.startswith("layout_") and m.endswith("_rand4k"))
    loads = [(n, get("layout_%d_rand4k" % n, "project"),
              get("layout_%d_rand4k" % n, "reference")) for n in layouts]
    have_blocks = write_rows(os.path.join(out, "blocks.dat"), blocks)
    have_loads = write_rows(os.path.join(out, "layouts.dat"), loads)
    plots = ['set terminal svg size 1000,420 dynamic',
             'set output "%s"' % os.path.join(out, "chart.svg"),
             'set multiplot layout 1,2',
             'set logscale x 2', 'set ylabel "MB/s"', 'set key top left',
             'set grid']
    if have_blocks:
        plots += ['set title "/proc/vmcore read() by block size"',
                  'set xlabel "block (KiB)"',
                  'plot "%s" u 1:2 w lp t "series", "" u 1:3 w lp t "6.1", '
                  '%s t "series mmap()" dt 2, %s t "6.1 mmap()" dt 3, '
                  '%s t "memcpy()" dt 4'
                  % (os.path.join(out, "blocks.dat"),
                     get("mmap", "project"), get("mmap", "reference"),
                     get("memcpy", "project"))]
    if have_loads:
        plots += ['set logscale x 10',
                  'set title "random 4 KiB reads by PT_LOAD count"',
                  'set xlabel "PT_LOADs"',
                  'plot "%s" u 1:2 w lp t "series", "" u 1:3 w lp t "6.1"'
                  % os.path.join(out, "layouts.dat")]
    plots.append('unset multiplot')
    subprocess.run(["gnuplot"], input="\n".join(plots) + "\n", text=True,
                   check=True)
    print("# chart: %s" % os.path.join(out, "chart.svg"))


main()
