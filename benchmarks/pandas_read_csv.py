"""pandas read_csv throughput, for comparison with ReproBuild's validation benchmark.

Usage: /usr/bin/python3 benchmarks/pandas_read_csv.py <csv> [--warmup <smaller csv>] [--runs N] [--label TEXT]

Same method as the .NET benchmark: one warm-up read of a smaller file, then N timed reads of the measured file in the
same process, and the median. Every column is parsed as read_csv parses it by default (numbers to int64/float64,
strings to Python str objects) with the default "c" engine. Prints one JSON line on stdout.
"""
import argparse
import gc
import json
import os
import statistics
import sys
import time

import pandas as pd


def read(path):
    frame = pd.read_csv(path, engine="c")
    rows = len(frame)
    del frame
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--warmup")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--label", default="pandas")
    args = parser.parse_args()

    size = os.path.getsize(args.csv)
    if args.warmup:
        start = time.perf_counter()
        read(args.warmup)
        print(f"pandas: warm-up over {args.warmup} took {time.perf_counter() - start:.2f} s", file=sys.stderr)
    seconds = []
    cpu_seconds = []  # user + system time of the process: on a loaded machine, the work apart from the waiting
    rows = 0
    for run in range(args.runs):
        gc.collect()
        start = time.perf_counter()
        cpu = time.process_time()
        rows = read(args.csv)
        elapsed = time.perf_counter() - start
        seconds.append(elapsed)
        cpu_seconds.append(time.process_time() - cpu)
        print(f"pandas: run {run + 1}/{args.runs}: {elapsed:.3f} s, {size / 1e6 / elapsed:.1f} MB/s", file=sys.stderr)
    median = statistics.median(seconds)
    print(json.dumps({
        "benchmark": "pandas",
        "label": args.label,
        "file_bytes": size,
        "runs": args.runs,
        "seconds": [round(s, 4) for s in seconds],
        "cpu_seconds": [round(s, 4) for s in cpu_seconds],
        "median_seconds": round(median, 4),
        "mb_per_s": round(size / 1e6 / median, 1),
        "processors": len(os.sched_getaffinity(0)),
        "method": "in-process, 1 warm-up on a smaller file" if args.warmup else "in-process, no warm-up",
        "rows": rows,
        "pandas": pd.__version__,
        "python": sys.version.split()[0],
    }))


if __name__ == "__main__":
    main()
