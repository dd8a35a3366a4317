"""Writes the "Validation" section of docs/benchmarks.md from the results of benchmarks/validation.sh.

Usage: /usr/bin/python3 benchmarks/validation_report.py <results.jsonl> <conditions.tsv> <docs/benchmarks.md> <command>

results.jsonl: one JSON line per process (from ReproBuild.Benchmarks and pandas_read_csv.py), with a "label"; a label
measured in several rounds has several lines, and its figure is the median of their times.
conditions.tsv: round:label, CPU busy % just before the measurement, /proc/loadavg, whether the wait for a quiet
machine timed out, and (when present) the seconds waited. Only the "## Validation" section of the document is replaced; other sections are kept.
"""
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys

GOAL_RAW = 0.70
GOAL_PANDAS = 5.0


def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    return model, memory


def run(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


class Figure:
    """One measurement over its rounds: each process's time, and the median."""

    def __init__(self, records):
        self.records = records
        self.bytes = records[0].get("file_bytes", 0)
        self.seconds = [s for record in records for s in record.get("seconds", [])]
        self.median = statistics.median(self.seconds) if self.seconds else 0.0
        # CPU time (user + system) of the same runs, where the benchmark recorded it.
        cpu = [s for record in records for s in record.get("cpu_seconds", [])]
        self.cpu_median = statistics.median(cpu) if cpu else None
        self.mbps = self.bytes / 1e6 / self.median if self.median else 0.0
        # Seconds per GB (10^9 bytes).
        self.spg = self.median * 1e9 / self.bytes if self.bytes else 0.0

    def __getitem__(self, key):
        return self.records[0][key]

    def get(self, key, default=None):
        return self.records[0].get(key, default)


def main():
    results_file, conditions_file, doc_file, command = sys.argv[1:5]
    grouped = {}
    with open(results_file) as lines:
        for line in lines:
            line = line.strip()
            if line.startswith("{"):
                record = json.loads(line)
                grouped.setdefault(record["label"], []).append(record)
    figures = {label: Figure(records) for label, records in grouped.items()}
    conditions = []
    with open(conditions_file) as lines:
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) in (4, 5):
                conditions.append({"label": parts[0], "busy": int(parts[1]), "load": parts[2], "timed_out": parts[3] == "yes",
                                   "waited": int(parts[4]) if len(parts) == 5 else None})

    f = figures.__getitem__
    validate1, parse1, pandas1, validate2 = f("validate-1core"), f("parse-1core"), f("pandas-1core"), f("validate-2core")
    ratio_raw = validate1.mbps / parse1.mbps
    ratio_pandas = validate1.mbps / pandas1.mbps
    ratio_cores = validate2.mbps / validate1.mbps
    rounds = len(validate1.seconds)
    model, memory = machine()
    # When the section is written again from a run's kept results, the time of that run.
    now = os.environ.get("VALIDATION_MEASURED_AT") or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    here = os.path.dirname(os.path.abspath(doc_file))
    commit = run("git", "-C", here, "rev-parse", "--short", "HEAD")
    dirty = run("git", "-C", here, "status", "--porcelain", "--", "../src")
    sdk = run("dotnet", "--version")
    size = validate1.bytes
    rows = validate1.get("rows", 0)

    def yes(ok):
        return "yes" if ok else "**no**"

    out = []
    w = out.append
    w("## Validation")
    w("")
    w("How fast `dotnet build` validates a dataset against its Table Schema: `DatasetInspector.Inspect` reads the CSV "
      "once (Sep), computes its SHA-256 in the same pass, casts every cell through its schema field, checks the "
      "constraints and profiles every column.")
    w("")
    w(f"Reproduce from the repository root: `{command}` (installs Debian's python3-pandas and util-linux when "
      "missing, builds `tests/ReproBuild.Benchmarks` in Release, generates the file in a temporary folder and deletes "
      "it at the end; `bash benchmarks/validation.sh [MiB]` runs this section alone). Before each measurement it waits "
      "(a bounded time) until no CI run (`ci-clone`) is running and the CPU is idle.")
    w("")
    w(f"- Measured: {now}, commit {commit}" + (", with uncommitted changes under src/" if dirty and dirty != "unknown" else "") + ".")
    w(f"- Machine: {os.cpu_count()} cores (`nproc`), {model}, {memory} memory, {platform.system()} {platform.release()} "
      f"(a virtual machine on a shared host); .NET SDK {sdk}, Sep 0.17.1, pandas {pandas1.get('pandas', '?')} "
      f"(Python {pandas1.get('python', '?')}).")
    w(f"- Data: {size:,} bytes, {rows:,} rows × 12 columns, generated with a fixed seed by "
      "`ReproBuild.Benchmarks generate` (the same bytes every time): 10 numeric (4 integer, 6 decimal with 1–6 "
      "places, 6 of them with negative values) and 2 string (a categorical of 20 values and a 10–16 character id). "
      "Every column has a constraint: minimum/maximum (or exclusiveMinimum) on the 10 numbers, enum on the "
      "categorical, maxLength and pattern on the id, required on 5 fields. No cell is missing or invalid, and every "
      "validation run checks that it found nothing. The file is in the page cache.")
    breakdown_rounds = len(f("sha256").seconds) if "sha256" in figures else rounds
    warm_mib = f("validate-cold-small-1core").bytes / 2**20 if "validate-cold-small-1core" in figures else 64
    m = re.search(r"([0-9.]+) s\)", validate1.get("method", ""))
    warm_seconds = f"{float(m.group(1)):g}" if m else "3"
    w(f"- Method: every figure in the first table is the median of {rounds} separate processes (the breakdown: "
      f"{breakdown_rounds}), run in interleaved rounds (each "
      "measurement once per round, so that a drift in the speed of the shared machine hits all of them alike). Each "
      f"process first warms up over a {warm_mib:.0f} MiB file of the same kind (passes over it, at least 2 and for at least {warm_seconds} s; "
      "pandas: one pass), then times one run over the measured file (Stopwatch; `time.perf_counter` for pandas). "
      "MB/s = file bytes / median time, in 10^6 bytes. One core: `taskset -c 0`; both cores: no taskset. The .NET runtime runs with its defaults (tiered compilation, dynamic PGO, workstation "
      "GC), as the engine does, but for `DOTNET_TC_CallCountingDelayMs=0` in the warm measurements: by default the JIT "
      "waits for a 100 ms spell without new compilations before promoting hot methods, which a busy loop keeps putting "
      "off for seconds, so a warm-up would not be warm. The cold rows run with every default.")
    w("")
    w("| measurement | cores | MB/s | median s | each process (s) |")
    w("|---|---|---:|---:|---|")

    def row(title, figure, cores):
        each = ", ".join(f"{s:.2f}" for s in figure.seconds)
        w(f"| {title} | {cores} | {figure.mbps:.1f} | {figure.median:.2f} | {each} |")

    row("Validation: `DatasetInspector.Inspect`, schema with constraints", validate1, 1)
    row("Raw parse: Sep, same options, numbers to double (csFastFloat: exact, invariant, the parser validation casts "
        "with), strings materialised, no checks", parse1, 1)
    row("pandas `read_csv` (engine \"c\", every column parsed)", pandas1, 1)
    row("Validation, as above", validate2, 2)
    parse2 = figures.get("parse-2core")
    if parse2:
        row("Raw parse, as above", parse2, 2)
    if "validate-cold-1core" in figures:
        row("Validation in a fresh process with runtime defaults, no warm-up (as a build runs it; one process; not a goal)", f("validate-cold-1core"), 1)
    if "validate-cold-small-1core" in figures:
        cold_small = f("validate-cold-small-1core")
        row(f"… the same over a {cold_small.bytes / 2**20:.0f} MiB file of the same kind", cold_small, 1)
    if "validate-cold-small-1core" in figures:
        cold_small = f("validate-cold-small-1core")
        fixed = cold_small.median - cold_small.bytes / 1e6 / validate1.mbps
        w("")
        w(f"A fresh process pays for the JIT's warm-up: over the {cold_small.bytes / 2**20:.0f} MiB file it takes "
          f"{cold_small.median:.2f} s where the warm rate would take {cold_small.bytes / 1e6 / validate1.mbps:.2f} s, "
          f"about {fixed:.1f} s more. That is paid once per engine process, so it matters most for small datasets.")
    w("")
    ratio_raw2 = validate2.mbps / parse2.mbps if parse2 else None
    w("| goal | measured | met |")
    w("|---|---:|---|")
    w(f"| validation ≥ {GOAL_RAW:.0%} of raw parse, one core | {ratio_raw:.0%} ({validate1.mbps:.1f} / {parse1.mbps:.1f} MB/s) | {yes(ratio_raw >= GOAL_RAW)} |")
    if parse2:
        w(f"| validation ≥ {GOAL_RAW:.0%} of raw parse, both cores | {ratio_raw2:.0%} ({validate2.mbps:.1f} / {parse2.mbps:.1f} MB/s) | {yes(ratio_raw2 >= GOAL_RAW)} |")
    w(f"| validation ≥ {GOAL_PANDAS:.0f}× pandas `read_csv`, one core | {ratio_pandas:.2f}× ({validate1.mbps:.1f} / {pandas1.mbps:.1f} MB/s) | {yes(ratio_pandas >= GOAL_PANDAS)} |")
    cpu_ratio_raw = cpu_ratio_pandas = None
    if validate1.cpu_median and parse1.cpu_median and pandas1.cpu_median:
        cpu_ratio_raw = parse1.cpu_median / validate1.cpu_median
        cpu_ratio_pandas = pandas1.cpu_median / validate1.cpu_median
        w(f"| … the same one-core goals by CPU time (user + system of the timed run; median s: validation "
          f"{validate1.cpu_median:.2f}, raw parse {parse1.cpu_median:.2f}, pandas {pandas1.cpu_median:.2f}) | "
          f"{cpu_ratio_raw:.0%} of raw parse; {cpu_ratio_pandas:.2f}× pandas | "
          f"{yes(cpu_ratio_raw >= GOAL_RAW)}; {yes(cpu_ratio_pandas >= GOAL_PANDAS)} |")
    w("")
    loads = [float(c["load"].split()[0]) for c in conditions]
    if cpu_ratio_raw is not None and loads and max(loads) > 2 * (os.cpu_count() or 1):
        w(f"The machine was loaded by other work during this run (1-minute load {min(loads):.1f}–{max(loads):.1f} on "
          f"{os.cpu_count()} cores): a pinned process shared its core with others, and a long run (validation, "
          f"{validate1.median:.2f} s) is descheduled more often than a short one (the raw parse, {parse1.median:.2f} s), "
          "so wall-time ratios understate validation. The CPU-time row counts only the work each process did; read the ratios from it "
          "until the suite runs on a quiet machine.")
        w("")
    missed = [text for ok, text in [
        (ratio_raw >= GOAL_RAW, f"on one core validation runs at {ratio_raw:.0%} of the raw parse, not {GOAL_RAW:.0%}"),
        (ratio_raw2 is None or ratio_raw2 >= GOAL_RAW, f"on both cores at {ratio_raw2 or 0:.0%}"),
        (ratio_pandas >= GOAL_PANDAS, f"it runs at {ratio_pandas:.2f}× pandas, not {GOAL_PANDAS:.0f}×"),
    ] if not ok]
    if missed:
        w("**Goals missed:** " + "; ".join(missed) + ". The breakdown below says where the time goes.")
        if not ratio_pandas >= GOAL_PANDAS and GOAL_PANDAS * pandas1.mbps > parse1.mbps:
            w(f"The pandas goal is out of reach of any validation that converts every cell on one core: "
              f"{GOAL_PANDAS:.0f}× pandas is {GOAL_PANDAS * pandas1.mbps:.0f} MB/s, more than the raw parse itself "
              f"({parse1.mbps:.1f} MB/s, {parse1.mbps / pandas1.mbps:.1f}× pandas on this machine), which only "
              "tokenises and converts.")
    else:
        w("Every goal is met.")
    w("")
    cores_text = (f"**Cores:** validation on both cores runs at {validate2.mbps:.1f} MB/s, {ratio_cores:.2f}× the "
                  "one-core figure")
    shares = size >= 32 * 2**20  # DatasetInspector.ParallelFrom: from 32 MiB, columns are shared among the cores
    if ratio_cores < 1.15 and not shares:
        cores_text += (": validation does not split a file under 32 MiB across cores; a second core only takes the JIT's "
                       "background compilation and the GC off the thread that does the work.")
    elif ratio_cores < 1.15:
        cores_text += (". `DatasetInspector.Inspect` shares the columns of a file of 32 MiB or more (this one) among the "
                       "cores (casting, constraints and profiles) while the reading thread fills the next batch of rows; "
                       "reading, UTF-8 decoding, tokenising, SHA-256 and copying rows into batches stay on that one thread, "
                       "which bounds the gain. In this run the gain is "
                       f"{ratio_cores:.2f}× (one-core processes {min(validate1.seconds):.2f}–{max(validate1.seconds):.2f} s, "
                       f"two-core {min(validate2.seconds):.2f}–{max(validate2.seconds):.2f} s)"
                       + ("; the ranges overlap, so this run does not tell the gain from the spread between processes."
                          if min(validate1.seconds) <= max(validate2.seconds) else "."))
    else:
        cores_text += (". `DatasetInspector.Inspect` shares a large file's columns among the cores (casting, "
                       "constraints and profiles) while the reading thread fills the next batch of rows; reading, UTF-8 "
                       "decoding, tokenising, SHA-256 and copying rows into batches stay on that one thread, which bounds "
                       "the gain (see the estimate below).")
    w(cores_text)
    w("")

    # The breakdown: each step measured on its own over the same file; steps by difference.
    tok = f("tokenize").spg
    parse = parse1.spg
    sha = f("sha256").spg
    sha_inline = f("parse+sha256").spg - parse
    profile = f("parse+profile").spg - parse
    check_types = f("check-types").spg
    check_full = f("check-full").spg
    validate_types = f("validate-types").spg
    validate_full = validate1.spg
    cast = check_types - tok
    constraints = check_full - check_types
    remainder = validate_full - (check_full + sha + profile)
    budget = parse / GOAL_RAW

    w("### Where the time goes (one core)")
    w("")
    w("Each measurement runs alone over the same file (median of the rounds, in seconds per GB of 10^9 bytes); a step's "
      "cost is the difference between two of them. On this shared virtual machine a process can run 10–25% faster or "
      "slower than the next one doing the same work (see the times of each process above), so a difference smaller "
      "than about 2 s/GB is noise.")
    w("")
    w("| measurement | s/GB | MB/s | each process (s) |")
    w("|---|---:|---:|---|")
    for label, title in [
        ("sha256", "SHA-256 alone (1 MiB reads through the hashing stream)"),
        ("tokenize", "Sep tokenising only (UTF-8 decode, rows and fields, no conversion)"),
        ("parse-1core", "raw parse (tokenise + csFastFloat + strings)"),
        ("parse+sha256", "raw parse, reading through the SHA-256 stream"),
        ("parse+profile", "raw parse + `ColumnProfiler` on every cell"),
        ("check-types", "Sep + `SchemaField.Check` on every cell, schema without constraints"),
        ("check-full", "Sep + `SchemaField.Check` on every cell, every constraint"),
        ("validate-types", "validation, schema without constraints"),
        ("validate-1core", "validation, schema with constraints"),
    ]:
        figure = f(label)
        w(f"| {title} | {figure.spg:.2f} | {figure.mbps:.1f} | {', '.join(f'{s:.2f}' for s in figure.seconds)} |")
    w("")
    steps = [
        ("Sep tokenising and UTF-8 decoding (`tokenize`)", tok),
        ("casting every cell through its schema type: missing-value and control-character tests, the Table Schema "
         "number/integer grammar, then csFastFloat or an in-place `long`, the `CellCheck` (`check-types` − `tokenize`)", cast),
        ("constraints: minimum/maximum on 10 numbers, enum, maxLength and pattern (`check-full` − `check-types`)", constraints),
        ("SHA-256 (`sha256`, measured alone)", sha),
        ("profiling: distinct counts, Welford mean/deviation, reservoir sample (`parse+profile` − `parse`)", profile),
        ("the rest: the inspector's own per-row work (line number, quote and UTF-8 scans, field count, handing each "
         "cell to its column's check, keys) and what the parts above miss (validation − `check-full` − SHA-256 − "
         "profiling)", remainder),
    ]
    serial = tok + sha + remainder
    parallel = cast + constraints + profile
    w(f"Validation takes {validate_full:.2f} s/GB; the raw parse {parse:.2f} s/GB (tokenising {tok:.2f}, csFastFloat "
      f"and strings {parse - tok:.2f}). At {GOAL_RAW:.0%} of the raw parse, validation would take at most "
      f"{budget:.2f} s/GB. Validation's time by step:")
    w("")
    w("| step | s/GB | share |")
    w("|---|---:|---:|")
    for title, seconds in steps:
        w(f"| {title} | {seconds:.2f} | {seconds / validate_full:.0%} |")
    w(f"| **validation** | **{validate_full:.2f}** | 100% |")
    w("")
    negative = [(title.split(":")[0].split(" (")[0], seconds) for title, seconds in steps if seconds < 0]
    if negative:
        w(f"**Caution — this run's breakdown is within the noise:** " + ", ".join(f"{t} comes out at {v:.2f} s/GB" for t, v in negative)
          + ", a cost below zero. The breakdown's measurements are single processes of about a second each (the "
          f"breakdown ran {breakdown_rounds} round(s) over this {size / 1e6:.0f} MB file), and on this shared machine such "
          "a process moved by more than the steps it measures (see the raw parse's own processes in the first table); the "
          "differences below inherit that noise. The per-call figures further down (the fastest of 7 interleaved rounds "
          "in one process) are the steadier account of what each step costs.")
        w("")
    if serial > 0 and parallel > 0:
        best2 = validate_full / (serial + parallel / 2)
        w(f"Of these, casting, constraints and profiling ({parallel:.2f} s/GB) are per column and can share out "
          f"among cores; tokenising, SHA-256 and the rest ({serial:.2f} s/GB) run on the reading thread. With two "
          f"cores validation could at best reach {best2:.2f}× its one-core speed; measured: {ratio_cores:.2f}×.")
        w("")
    w(f"Cross-checks: validation without constraints takes {validate_types:.2f} s/GB, so in place the constraints cost "
      f"{validate_full - validate_types:.2f} s/GB (measured apart above: {constraints:.2f}). SHA-256 alone runs at "
      f"{f('sha256').mbps / 1000:.2f} GB/s; reading the raw parse through the hashing stream changed its time by "
      f"{sha_inline:+.2f} s/GB (within the noise). Casting through the schema types costs {cast:.2f} s/GB against "
      f"{parse - tok:.2f} for the raw parse's csFastFloat and two strings a row.")
    w("")
    if "micro" in figures:
        m = figures["micro"].records[0]
        numeric_cells = 10 * rows
        per_gb = 1e9 / size

        def spg_of(ns, count):
            return ns * count / 1e9 * per_gb

        w(f"Per call, on one core (`ReproBuild.Benchmarks micro` over the cells of the first 2,000 rows, the fastest of "
          f"7 interleaved rounds; s/GB = ns × calls in this file):")
        w("")
        w("| call | ns | calls per row | ≈ s/GB |")
        w("|---|---:|---:|---:|")
        if "fast_double_parse_ns" in m:
            w(f"| csFastFloat of a numeric cell (the raw parse's and validation's conversion) | {m['fast_double_parse_ns']:.0f} | 10 | {spg_of(m['fast_double_parse_ns'], numeric_cells):.2f} |")
        w(f"| `double.Parse` of a numeric cell (the runtime's parser, the baseline before) | {m['double_parse_ns']:.0f} | 10 | {spg_of(m['double_parse_ns'], numeric_cells):.2f} |")
        w(f"| `SchemaField.Check` of a numeric cell (cast and constraints) | {m['schema_check_numeric_ns']:.0f} | 10 | {spg_of(m['schema_check_numeric_ns'], numeric_cells):.2f} |")
        w(f"| `ColumnProfiler.AddNumber` (distinct count, Welford, reservoir sample) | {m['profiler_add_number_ns']:.0f} | 10 | {spg_of(m['profiler_add_number_ns'], numeric_cells):.2f} |")
        if "pattern_nonbacktracking_ns" in m:
            w(f"| the id's pattern `{m['pattern']}` as the engine compiles it (`RegexOptions.NonBacktracking`) | {m['pattern_nonbacktracking_ns']:.0f} | 1 | {spg_of(m['pattern_nonbacktracking_ns'], rows):.2f} |")
            w(f"| … the same pattern with `RegexOptions.Compiled` | {m['pattern_compiled_ns']:.0f} | 1 | {spg_of(m['pattern_compiled_ns'], rows):.2f} |")
        by_field = [(key[len("check_"):-len("_ns")], ns) for key, ns in m.items() if key.startswith("check_") and key.endswith("_ns")]
        if by_field:
            w("")
            w("`SchemaField.Check` by field (cast and every constraint, ns per cell): "
              + ", ".join(f"{name.rsplit('_', 1)[0]} ({name.rsplit('_', 1)[1]}) {ns:.0f}" for name, ns in by_field) + ".")
        w("")
    # What validation spends beyond what the raw parse spends too (tokenising and converting every cell).
    overhead = [
        ("constraints", constraints),
        ("the rest (per-row work, batching)", remainder),
        ("profiling", profile),
        ("casting through the schema types beyond the raw parse's conversion and strings", cast - (parse - tok)),
        ("SHA-256", sha),
    ]
    overhead.sort(key=lambda item: item[1], reverse=True)
    w(f"**Where the time goes beyond the raw parse:** validation takes {validate_full - parse:.2f} s/GB more than the "
      f"raw parse; for {GOAL_RAW:.0%} it could take only {budget - parse:.2f} s/GB more. The extra goes to "
      + "; ".join(f"{title} {seconds:.2f}" for title, seconds in overhead) + " (s/GB). The top two: "
      + " and ".join(f"{title} ({seconds / (validate_full - parse):.0%} of the extra)" for title, seconds in overhead[:2]) + ".")
    if "micro" in figures and "pattern_nonbacktracking_ns" in figures["micro"].records[0]:
        pattern_spg = figures["micro"].records[0]["pattern_nonbacktracking_ns"] * rows / size
        w(f"Of the constraints, the id's pattern accounts for about {pattern_spg:.2f} s/GB (per-call figure above; it "
          "stays `NonBacktracking`, linear in the value whatever the pattern, where `Compiled` would need a match "
          f"timeout that can turn a slow value into a finding); the other {constraints - pattern_spg:.2f} s/GB go to "
          "the minimum/maximum checks on the 10 numeric columns (plain `double`/`long` comparisons compiled at schema "
          "load, `ConstraintShortcut`), the enum lookup and maxLength.")
    # The floor: what validation cannot skip even if casting, constraints and its per-row work cost nothing.
    # Profiling by difference can drown in noise; the per-call figure then stands in for it.
    profile_floor = profile
    if "micro" in figures and profile <= 0:
        profile_floor = figures["micro"].records[0]["profiler_add_number_ns"] * 10 * rows / size
    floor = parse + sha + profile_floor
    w("")
    w(f"**What bounds the one-core ratio:** validation must at least tokenise and convert every cell (the raw parse, "
      f"{parse:.2f} s/GB), hash the file (SHA-256, {sha:.2f}) and profile every cell (an output of the build, "
      f"{profile_floor:.2f}): {floor:.2f} s/GB, {parse / floor:.0%} of the raw parse, before a single constraint is "
      f"checked. For {GOAL_RAW:.0%} on one core, SHA-256, profiling, the grammar, the constraints and the per-row work "
      f"together would have to fit in {budget - parse:.2f} s/GB. Done since the last run: SHA-256 on a thread of its own "
      "beside the reader (on two or more cores), and plain decimal numbers read and converted in one pass (Clinger's exact "
      "fast path, bit for bit the parser's value). What would close more of it: a profile that counts distinct values "
      "without hashing every cell's text (keyed by the number where its text is canonical, so that the output stays "
      "byte-identical), and casting and checking columns on more than one core for files under 32 MiB.")
    memory = sorted((f(label) for label in figures if label.startswith("memory-")), key=lambda figure: figure.bytes)
    if memory:
        w("")
        w("### Peak memory")
        w("")
        w("A fresh process validates the file once, as the engine does (both cores, runtime defaults, the same schema); "
          "its peak resident memory is the kernel's high-water mark (`VmHWM` in /proc/self/status) at the end. Each file "
          "is generated for the measurement and deleted after it.")
        w("")
        w("| file | rows | peak memory | seconds |")
        w("|---|---:|---:|---:|")
        for figure in memory:
            w(f"| {figure.bytes / 2**20:,.0f} MiB ({figure.bytes:,} bytes) | {figure.get('rows', 0):,} | "
              f"{figure.get('peak_rss_bytes', 0) / 2**20:.0f} MiB | {figure.median:.1f} |")
        if len(memory) > 1:
            small, large = memory[0], memory[-1]
            grow = large.get("peak_rss_bytes", 0) / max(small.get("peak_rss_bytes", 1), 1)
            w("")
            w(f"With a file {large.bytes / small.bytes:.0f}× as large, peak memory is {grow:.2f}× as large: "
              + ("flat in the file's size (validation streams: a 1 MiB read buffer, Sep's row buffer, two batches of "
                 "4,096 rows, 1,000 distinct values and a 10,000-value sample a column)." if grow < 1.25 else
                 "it grows with the file, which validation should not do."))
    noisy = [c["label"] for c in conditions if c["timed_out"]]
    if noisy:
        w("")
        w("**Caution:** the machine was not quiet before " + ", ".join(noisy) + " (the wait timed out); those figures may be low.")
    w("")
    busiest = max(conditions, key=lambda c: c["busy"]) if conditions else None
    if busiest:
        waits = [c["waited"] for c in conditions if c["waited"] is not None]
        w(f"Before each of the {len(conditions)} measurements the CPU was at most {busiest['busy']}% busy over half a second "
          f"(both cores; the busiest: {busiest['label']}); load averages ranged from "
          f"{min(float(c['load'].split()[0]) for c in conditions):.2f} to {max(float(c['load'].split()[0]) for c in conditions):.2f} "
          "(1 minute; a measurement running on one core counts about 1)"
          + (f"; waiting for a quiet machine took {sum(waits)} s in all." if waits else "."))
        w("")
    section = "\n".join(out)

    if os.path.exists(doc_file):
        with open(doc_file) as doc:
            text = doc.read()
    else:
        text = "# Benchmarks\n\nMeasurements of ReproBuild on real machines, each with the command that reproduces it.\n"
    pattern_section = re.compile(r"^## Validation\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern_section.search(text):
        text = pattern_section.sub(lambda _: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    with open(doc_file, "w") as doc:
        doc.write(text)
    print(f"validation: {validate1.mbps:.1f} MB/s (1 core), raw parse {parse1.mbps:.1f} MB/s, pandas {pandas1.mbps:.1f} MB/s, "
          f"validation 2 cores {validate2.mbps:.1f} MB/s; {ratio_raw:.0%} of raw parse, {ratio_pandas:.2f}x pandas")


if __name__ == "__main__":
    main()
