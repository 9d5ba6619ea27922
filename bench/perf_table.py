#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The table of make perf: bench/perf_table.py RAW.tsv

One row per metric: the median of the project's runs, the median of the
reference's, their ratio (project / reference) and which way is better
(MB/s: higher; seconds: lower), so a ratio reads at a glance: "read_4k
3281 796 4.12 higher" means the series reads 4.12 times as fast.
"""
import collections
import statistics
import sys


def main():
    runs = collections.defaultdict(lambda: collections.defaultdict(list))
    units = {}
    with open(sys.argv[1]) as f:
        next(f)
        for line in f:
            tree, _run, metric, value, unit = line.rstrip("\n").split("\t")
            runs[metric][tree].append(float(value))
            units[metric] = unit
    print("%-24s %12s %12s %8s  %s" % ("metric", "project", "reference",
                                        "ratio", "better"))
    for metric in runs:
        p, r = runs[metric].get("project"), runs[metric].get("reference")
        mp = statistics.median(p) if p else None
        mr = statistics.median(r) if r else None
        ratio = "%8.2f" % (mp / mr) if mp and mr else "%8s" % "-"
        better = "higher" if units[metric] == "MB/s" else "lower"
        print("%-24s %12s %12s %s  %s (%s, runs %d/%d)" % (
            metric,
            "%.3f" % mp if mp is not None else "-",
            "%.3f" % mr if mr is not None else "-",
            ratio, better, units[metric], len(p or []), len(r or [])))


main()
