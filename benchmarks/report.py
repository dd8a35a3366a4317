"""Writes docs/benchmarks.md from the results of benchmarks/run.py (the Validation section comes from
benchmarks/validation_report.py, which validation.sh ran in the same run; it is kept as it is).

Usage: /usr/bin/python3 benchmarks/run.py --report-only <results.json>
"""
import datetime
import os
import platform
import re
import statistics
import subprocess

COMMAND = "bash benchmarks/run.sh"


def med(values):
    values = [v for v in values if v == v]  # drop NaN
    return statistics.median(values) if values else float("nan")


def sh(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine():
    model, memory = "unknown", "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    return model, memory


def yes(ok):
    return "yes" if ok else "**no**"


def each(values, digits=2):
    return ", ".join(f"{v:.{digits}f}" for v in values)


def ROUNDS_OF(scale):
    """The no-op and restore rounds of the scale stage, as text."""
    if not scale:
        return "0"
    r = next(iter(scale.values()))
    return f"{len(r.get('noop', []))} no-op and {len(r.get('restore', []))} restoring"


def write(results, path):
    repo = os.path.dirname(os.path.dirname(os.path.abspath(path)))
    old = open(path).read() if os.path.exists(path) else ""
    validation_section = ""
    m = re.search(r"^## Validation\n.*?(?=^## |\Z)", old, re.S | re.M)
    if m:
        validation_section = m.group(0).rstrip() + "\n"
    # benchmarks/serving.sh writes the Serving section itself, as validation.sh writes Validation.
    serving = re.search(r"^## Serving\n.*?(?=^## |\Z)", old, re.S | re.M)
    serving_section = serving.group(0).rstrip() + "\n" if serving else ""

    out = []
    w = out.append
    model, memory = machine()
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    # The commit the run measured: a report rewritten later (--report-only) still names it.
    commit = results.get("commit") or sh("git", "-C", repo, "rev-parse", "--short", "HEAD")
    dirty = results.get("dirty", sh("git", "-C", repo, "status", "--porcelain", "--", "src", "build"))
    summary = []  # (figure, measured, goal, met)
    summary_notes = []

    w("# Benchmarks")
    w("")
    w("What ReproBuild costs over doing the same by hand, and how close each stage is to the machine's limit. Every "
      "ratio below is measured side by side in one run of one command, in interleaved rounds (each side once per "
      "round, so that a drift in the speed of this shared machine hits both alike); a figure is the median of its "
      "rounds. Absolute times move by 10–25% from one run to the next on this virtual machine; the ratios are what "
      "to compare.")
    w("")
    w(f"**Reproduce** from the repository root: `{COMMAND}` — builds ReproBuild in Release and packs it (a unique "
      "version in a temporary feed), generates every dataset deterministically in a temporary folder (nothing large "
      "is committed; about 6 GB, deleted at the end), builds generated projects that consume the package as a user's "
      "project does, and rewrites this file. Not part of `dotnet test`; no test asserts a time.")
    w("")
    if results.get("quick"):
        w("> **These figures come from `--quick`, with tiny sizes: they only show that the script runs.**")
        w("")
    # The run's start (also when this file is written again from its results with --report-only).
    w(f"- Measured: the run started {results.get('started_utc', now)}, commit {commit}"
      + (" with uncommitted changes in src/ and build/" if dirty and dirty != "unknown" else "")
      + f"; the whole run took {results.get('total_seconds', 0) / 60:.1f} minutes of wall time (where it went: [The run](#the-run)).")
    for rerun in results.get("rerun", []):
        w(f"- The stage `{rerun['stage']}` was measured again at {rerun['at']} with `/usr/bin/python3 benchmarks/run.py "
          f"--only {rerun['stage']} <results.json>` (same work folder, same package), after the first run had shown what it "
          "needed to break its figures down; comparisons within a section are still side by side.")
    w(f"- Machine: {os.cpu_count()} cores (`nproc`), {model}, {memory} memory, {platform.system()} {platform.release()} "
      f"(a virtual machine on a shared host, with other engineers' work on it); .NET SDK {sh('dotnet', '--version')}, "
      f"xxhsum {sh('dpkg-query', '-W', '-f', '${Version}', 'xxhash')} (Debian's xxhash), md5sum from coreutils "
      f"{sh('dpkg-query', '-W', '-f', '${Version}', 'coreutils')}. `MSBUILDDISABLENODEREUSE=1` (every build starts fresh MSBuild processes) "
      "except where a measurement says node reuse is on.")
    w("")

    sections = []

    # ----- 1 and 2 -------------------------------------------------------------------------------------------------
    n = results.get("noop")
    if n:
        gb = n["bytes"] / 1e9
        q = n["noop"]
        has_runtime = "runtime" in q
        base = "runtime" if has_runtime else "without"
        nw, nb, nwo = med(q["with"]), med(q[base]), med(q["without"])
        nrw, nrb, nrwo = med(q["with_no_restore"]), med(q[base + "_no_restore"]), med(q["without_no_restore"])
        added = (nw - nb) * 1000
        added_nr = (nrw - nrb) * 1000
        diffs = [(a - b) * 1000 for a, b in zip(q["with"], q[base])]
        diffs_nr = [(a - b) * 1000 for a, b in zip(q["with_no_restore"], q[base + "_no_restore"])]
        reuse = "with_reuse" in q and q["with_reuse"]
        if reuse:
            nu, nub = med(q["with_reuse"]), med(q[base + "_reuse"])
            nru, nrub = med(q["with_no_restore_reuse"]), med(q[base + "_no_restore_reuse"])
            added_u, added_nru = (nu - nub) * 1000, (nru - nrub) * 1000
        worst = max([added, added_nr] + ([added_u, added_nru] if reuse else []))
        summary.append((f"No-op `dotnet build`, {n['files']} datasets, {gb:.2f} GB: time ReproBuild adds"
                        + (" (vs the same project referencing ReproBuild.Runtime)" if has_runtime else ""),
                        f"{added:+.0f} ms ({nw:.2f} s vs {nb:.2f} s); `--no-restore`: {added_nr:+.0f} ms"
                        + (f"; node reuse on: {added_u:+.0f} ms, `--no-restore` {added_nru:+.0f} ms" if reuse else ""), "≤ 50 ms",
                        yes(worst <= 50)))
        if has_runtime:
            summary.append((f"… the same against a project without any ML.NET reference",
                            f"{(nw - nwo) * 1000:+.0f} ms ({nw:.2f} s vs {nwo:.2f} s); `--no-restore`: {(nrw - nrwo) * 1000:+.0f} ms", "(see below)", "—"))
        s = []
        s.append("## No-op build")
        s.append("")
        s.append(f"`dotnet build -c Release` of a class library with {n['files']} `Dataset` items ({n['bytes']:,} bytes: "
                 f"{n['files']} generated CSV files of 50 MiB, text columns), nothing changed since the last build. Three "
                 "versions of the same project, built in turn in each round: **with ReproBuild** (its package reference); "
                 "**Runtime only**: a reference to ReproBuild.Runtime instead, which the ReproBuild package also brings "
                 "(it loads the embedded models, and depends on Microsoft.ML, FastTree and LightGbm, whose assemblies and "
                 "native libraries every build then resolves and copies) — what any project that uses ML.NET models pays; "
                 "**without either** (the `Dataset` items then mean nothing). Each was built once first (restore, "
                 "compile; with ReproBuild: hash and inspect every dataset)." if has_runtime else
                 f"`dotnet build -c Release` of a class library with {n['files']} `Dataset` items, nothing changed, "
                 "against the same project without the ReproBuild package reference.")
        s.append("")
        has_before = bool(q.get("before"))
        before_ref = n.get("before_ref", "before")

        def before_cell(key):
            return f" {med(q[key]):.3f} | {(med(q[key]) - med(q[key.replace('before', base)])) * 1000:+.0f} |" if has_before else ""
        s.append("| build | with ReproBuild (s) | Runtime only (s) | without either (s) | ReproBuild adds (ms) | each round (ms) |"
                 + (f" ReproBuild of {before_ref} (s) | it added (ms) |" if has_before else ""))
        s.append("|---|---:|---:|---:|---:|---|" + ("---:|---:|" if has_before else ""))
        s.append(f"| `dotnet build` (restore included) | {nw:.3f} | {nb:.3f} | {nwo:.3f} | {added:+.0f} | {each(diffs, 0)} |" + before_cell("before"))
        s.append(f"| `dotnet build --no-restore` | {nrw:.3f} | {nrb:.3f} | {nrwo:.3f} | {added_nr:+.0f} | {each(diffs_nr, 0)} |" + before_cell("before_no_restore"))
        if reuse:
            diffs_u = [(a - b) * 1000 for a, b in zip(q["with_reuse"], q[base + "_reuse"])]
            diffs_nru = [(a - b) * 1000 for a, b in zip(q["with_no_restore_reuse"], q[base + "_no_restore_reuse"])]
            s.append(f"| `dotnet build`, node reuse on | {nu:.3f} | {nub:.3f} | {med(q['without_reuse']):.3f} | {added_u:+.0f} | {each(diffs_u, 0)} |" + before_cell("before_reuse"))
            s.append(f"| `dotnet build --no-restore`, node reuse on | {nru:.3f} | {nrub:.3f} | {med(q['without_no_restore_reuse']):.3f} | {added_nru:+.0f} | {each(diffs_nru, 0)} |" + before_cell("before_no_restore_reuse"))
        s.append("")
        if has_before:
            s.append(f"**Before and after**: the fourth project is the same one built with the ReproBuild of commit {before_ref} "
                     "(the last before the no-op stamp), packed by this run from that commit and built in the same rounds.")
            s.append("")
        if reuse:
            s.append("Node reuse off: `MSBUILDDISABLENODEREUSE=1`, every build starts fresh MSBuild processes (CI, and this "
                     "machine's default). On: `MSBUILDDISABLENODEREUSE=0`, as on a developer's machine, where MSBuild keeps "
                     "its worker nodes between builds (the first round started them; `dotnet build-server shutdown` stops "
                     "them after the stage). A single project builds in the `dotnet build` process itself, which is new "
                     "every time either way, so ReproBuild's task assembly is loaded and its code compiled in every build.")
            s.append("")
        tasks = n.get("noop_tasks", {})
        s.append("**ReproBuild's own work** in the no-op build (MSBuild's `-clp:PerformanceSummary`, median task time "
                 "over the rounds): " + ", ".join(f"`{k}` {v * 1000:.0f} ms" for k, v in sorted(tasks.items(), key=lambda kv: -kv[1]))
                 + f" (sum {sum(tasks.values()) * 1000:.0f} ms). "
                 + ("No engine process started. " if "InspectDatasets" not in tasks and "TrainModels" not in tasks else "The engine ran. ")
                 + ("`CheckPipelineStamp` found the stamp the last no-op build left holding (every item and setting the "
                    "same, every file the pipeline read with the size and time recorded), so every other step of the "
                    "pipeline was skipped: one task reading one small file and a stat per file, no JSON read, no "
                    "lock file compared. " if "CheckPipelineStamp" in tasks and "HashDatasets" not in tasks else "")
                 + ("`CollectOutputs` (which runs in every build, design-time ones too) answered from its own stamp. "
                    if "CollectOutputs" in tasks else ""))
        s.append("")
        tb = n.get("noop_tasks_before")
        if tb:
            s.append(f"**The same work with the ReproBuild of {n.get('before_ref', 'before')}**: "
                     + ", ".join(f"`{k}` {v * 1000:.0f} ms" for k, v in sorted(tb.items(), key=lambda kv: -kv[1]))
                     + f" (sum {sum(tb.values()) * 1000:.0f} ms).")
            s.append("")
        targets = n.get("targets")
        if targets and has_runtime:
            w_, r_, o_ = targets["with"], targets["runtime"], targets["without"]
            names = set(w_) | set(r_) | set(o_)
            rows = sorted(names, key=lambda k: -abs(w_.get(k, 0) - o_.get(k, 0)))
            s.append("Where the differences go, by MSBuild target (`--no-restore` builds, median ms over the rounds; "
                     "the targets whose time differs most between the project with ReproBuild and the one without either):")
            s.append("")
            b_ = targets.get("before") or {}
            if b_:
                rows = sorted(names | set(b_), key=lambda k: -max(abs(w_.get(k, 0) - o_.get(k, 0)), abs(b_.get(k, 0) - o_.get(k, 0))))
            s.append("| target | with ReproBuild | Runtime only | without either |" + (f" ReproBuild of {n.get('before_ref')} |" if b_ else ""))
            s.append("|---|---:|---:|---:|" + ("---:|" if b_ else ""))
            for k in rows[:14]:
                s.append(f"| `{k}` | {w_.get(k, 0) * 1000:.0f} | {r_.get(k, 0) * 1000:.0f} | {o_.get(k, 0) * 1000:.0f} |"
                         + (f" {b_.get(k, 0) * 1000:.0f} |" if b_ else ""))
            rb = sum(v for k, v in w_.items() if "ReproBuild" in k)
            rbb = sum(v for k, v in b_.items() if "ReproBuild" in k)
            s.append(f"| all of ReproBuild's targets | {rb * 1000:.0f} | 0 | 0 |" + (f" {rbb * 1000:.0f} |" if b_ else ""))
            s.append("")
            top = sorted(((k, v) for k, v in w_.items() if "ReproBuild" in k), key=lambda kv: -kv[1])[:3]
            sdk_diff = sum(v for k, v in w_.items() if "ReproBuild" not in k) - sum(r_.values())
            s.append(("**Goal met**: " if worst <= 50 else "**Goal missed**: ") +
                     f"ReproBuild adds {added:+.0f} ms to a no-op `dotnet build` ({added_nr:+.0f} ms with `--no-restore`"
                     + (f"; with node reuse on {added_u:+.0f} ms and {added_nru:+.0f} ms" if reuse else "")
                     + "), against the same project with ReproBuild.Runtime. Its targets take "
                     f"{rb * 1000:.0f} ms in all (" + ", ".join(f"`{k}` {v * 1000:.0f} ms" for k, v in top) + "); the SDK's own "
                     f"targets {sdk_diff * 1000:+.0f} ms; the remaining {added_nr - rb * 1000 - sdk_diff * 1000:+.0f} ms fall outside "
                     "any target (evaluating ReproBuild's props and targets, loading its task assembly). Against a project "
                     f"with no ML.NET reference at all the difference is {(nw - nwo) * 1000:+.0f} ms ({(nrw - nrwo) * 1000:+.0f} ms "
                     "with `--no-restore`); single rounds move by tens of ms on this machine (see each round).")
            s.append("")
        f = n.get("first", {})
        runtime_first = f"Runtime only: {f['runtime']:.1f} s, " if f.get("runtime") else ""
        s.append(f"The first build of the project with ReproBuild took {n['first_with']:.1f} s ({runtime_first}"
                 f"without either: {n['first_without']:.1f} s): it hashed the 5 GB and the engine inspected every dataset once "
                 "(SHA-256, rows, column types and profiles). Its longest tasks: "
                 + ", ".join(f"`{k}` {v:.1f} s" for k, v in sorted(n.get("first_tasks", {}).items(), key=lambda kv: -kv[1])[:4]) + ".")
        s.append("")
        sections.append("\n".join(s))

    n = results.get("hashing") or (results["noop"] if results.get("noop") and "hash" in results["noop"] else None)
    if n:
        gb = n["bytes"] / 1e9
        h = n["hash"]
        o1, o2 = gb / med(h["ours1"]), gb / med(h["ours2"])
        x1, x2 = gb / med(h["xxh1"]), gb / med(h["xxh2p"])
        md5 = gb / med(h["md5"])
        l1, l2 = gb / med(h["lib1"]), gb / med(h["lib2"])
        of1, of2 = gb / med(h["ours1_first"]), gb / med(h["ours2_first"])
        lf1, lf2 = gb / med(h["lib1_first"]), gb / med(h.get("lib2_first", [float("nan")]))
        summary.append(("Cold change detection, one core: StatCache.Hash vs `xxhsum -H2`",
                        f"{o1 / x1:.0%} ({o1:.2f} vs {x1:.2f} GB/s)", "≥ 90%", yes(o1 / x1 >= 0.9)))
        summary.append(("Cold change detection, both cores: StatCache.Hash vs `xxhsum -H2`",
                        f"{o2 / x1:.2f}× ({o2:.2f} vs {x1:.2f} GB/s)", "> 1×", yes(o2 > x1)))
        bc, bn = med(h["build_cold"]), med(h["build_noop"])
        bc1, bn1 = med(h["build_cold1"]), med(h["build_noop1"])
        hash_build = bc - bn
        hash_build1 = bc1 - bn1
        summary.append(("… in the build: `dotnet build` after deleting the stat cache, minus a no-op build",
                        f"{hash_build:.2f} s both cores ({gb / hash_build:.2f} GB/s), {hash_build1:.2f} s one core ({gb / hash_build1:.2f} GB/s); "
                        f"`xxhsum -H2`: {med(h['xxh1']):.2f} s", "(no goal)", "—"))
        s = []
        s.append("## Cold change detection")
        s.append("")
        s.append(f"Hashing the same {n['files']} files ({n['bytes']:,} bytes, in the page cache) with an empty stat cache, "
                 "as after `obj/…/reprobuild/stat-cache.tsv` is deleted. In-process: `ReproBuild.Benchmarks hash` calls "
                 "`StatCache.Load` + `StatCache.Hash`, compiled from the task's own source files (`src/ReproBuild.Tasks/StatCache.cs`, "
                 "`ContentHasher.cs`), in a fresh process; it reports the first call (what a build pays: MSBuild runs the task "
                 "once per build, in a fresh process here) and the median of 3 more calls (the code before this change: "
                 "1 more call). Each process is one round; "
                 "one core is `taskset -c 0`. `xxhsum -H2` (XXH3-128, the same hash: the first file's digest is "
                 f"`{n.get('xxhsum_first', '?')}` from both) and `md5sum` (DVC's hash) run over the same file list, one process each; "
                 "on both cores, `xxhsum` runs as two processes over half the files each.")
        s.append("")
        s.append("| measurement | cores | GB/s | median s | each round (s) |")
        s.append("|---|---|---:|---:|---|")
        rows = [
            ("`StatCache.Hash`, steady (calls 2–4 of the process)", 1, h["ours1"]),
            ("`StatCache.Hash`, first call in a fresh process", 1, h["ours1_first"]),
            ("`xxhsum -H2`", 1, h["xxh1"]),
            ("`md5sum`", 1, h["md5"]),
            ("`StatCache.Hash`, steady", 2, h["ours2"]),
            ("`StatCache.Hash`, first call in a fresh process", 2, h["ours2_first"]),
            ("`xxhsum -H2`, two processes over half the files each", 2, h["xxh2p"]),
            ("before this change: the same parallel loop through System.IO.Hashing's `XxHash128`, steady (call 2 of the process)", 1, h["lib1"]),
            ("… first call in a fresh process", 1, h["lib1_first"]),
            ("… steady", 2, h["lib2"]),
            ("… first call in a fresh process", 2, h.get("lib2_first", [])),
            ("`dotnet build --no-restore` after deleting the stat cache", 2, h["build_cold"]),
            ("`dotnet build --no-restore`, no-op", 2, h["build_noop"]),
            ("`dotnet build --no-restore` after deleting the stat cache", 1, h["build_cold1"]),
            ("`dotnet build --no-restore`, no-op", 1, h["build_noop1"]),
        ]
        for title, cores, values in rows:
            if values:
                is_build = title.startswith("`dotnet build")
                rate = "—" if is_build else f"{gb / med(values):.2f}"
                s.append(f"| {title} | {cores} | {rate} | {med(values):.3f} | {each(values, 3)} |")
        s.append("")
        s.append(f"In the build, hashing the {gb:.2f} GB costs {hash_build:.2f} s on both cores and {hash_build1:.2f} s on one "
                 f"(cold build minus no-op build; `HashDatasets` itself: {med(h.get('build_cold_task', [])):.2f} s and "
                 f"{med(h.get('build_cold1_task', [])):.2f} s by MSBuild's task summary), against {med(h['xxh1']):.2f} s for `xxhsum -H2` "
                 f"and {med(h['md5']):.1f} s for `md5sum` on one core.")
        s.append("")
        s.append("**What got faster.** Before this change `ContentHasher` streamed each file through System.IO.Hashing's "
                 "`XxHash128`. That package is not precompiled, so its code starts at the JIT's tier 0, and with one core "
                 "the hot loop stayed there for seconds (tiered compilation promotes it from a background thread that "
                 "the hashing thread starves; `DOTNET_TC_QuickJitForLoops=0` or `DOTNET_TieredCompilation=0` made it "
                 "fast, which a task cannot set for MSBuild's process). The first call in a fresh process — the only "
                 f"call a build makes — hashed at {lf1:.2f} GB/s on one core (above). `ContentHasher` now runs XXH3-128's "
                 "long-input loop itself with AVX2, in methods marked `AggressiveOptimization` (compiled optimised at "
                 f"their first call): {of1:.2f} GB/s for the first call on one core ({of1 / lf1:.0f}× faster) and "
                 f"{of2:.2f} GB/s on both (before: {lf2:.2f}; on two cores the tier-0 stall does not arise, the JIT's "
                 "background compiler has a core of its own, and the two are within the spread of the rounds). Its digests are System.IO.Hashing's, byte for byte "
                 "(unit tests over every length to 1,100 bytes, block and buffer boundaries, and a value from `xxhsum`); "
                 "without AVX2 (ARM64) and for files of at most 240 bytes it still calls the library. Files are hashed "
                 "in parallel across cores (`Parallel.ForEach` over the files whose stat changed, as before); a single "
                 "file is one sequential XXH3 stream and cannot be split without changing the digest. Buffer size and "
                 "read call (`FileStream` or `RandomAccess`, 64 KiB to 4 MiB) changed the steady rate by less than the "
                 "noise (`ReproBuild.Benchmarks hash-variants`).")
        s.append("")
        sections.append("\n".join(s))

    # ----- 3 -------------------------------------------------------------------------------------------------------
    v = results.get("validation")
    if v:
        grouped = {}
        for r in v["records"]:
            grouped.setdefault(r["label"], []).extend(r.get("seconds", []))
        size = next(r["file_bytes"] for r in v["records"] if r["label"] == "validate-1core")

        def mbps(label):
            return size / 1e6 / med(grouped[label])
        va, pa, pd = mbps("validate-1core"), mbps("parse-1core"), mbps("pandas-1core")
        summary.append(("Validation vs raw Sep parse (one core)", f"{va / pa:.0%} ({va:.1f} vs {pa:.1f} MB/s)", "≥ 70%", yes(va / pa >= 0.7)))
        if "validate-2core" in grouped and "parse-2core" in grouped:
            va2, pa2 = mbps("validate-2core"), mbps("parse-2core")
            summary.append(("Validation vs raw Sep parse (both cores)", f"{va2 / pa2:.0%} ({va2:.1f} vs {pa2:.1f} MB/s)", "≥ 70%", yes(va2 / pa2 >= 0.7)))
        summary.append(("Validation vs pandas `read_csv` (one core)", f"{va / pd:.2f}× ({va:.1f} vs {pd:.1f} MB/s)", "≥ 5×", yes(va / pd >= 5)))

    # ----- 4 -------------------------------------------------------------------------------------------------------
    t = results.get("training")
    if t:
        s = []
        s.append("## Training overhead")
        s.append("")
        s.append("`dotnet build` of a project that trains one model — binary classification on a generated CSV (8 "
                 "numeric columns, one with 1% missing, a 12-value categorical, a 0/1 label), FastTree with 100 trees of "
                 "20 leaves, seed 42, 20% held out — against `benchmarks/HandWritten`, an ML.NET console program that "
                 "trains the same pipeline by hand: the engine's featurisation (`FeaturePipeline`: mean imputation, "
                 "one-hot text, concatenate), the same trainer options (one thread, same seed), `TrainTestSplit`, evaluation, "
                 "save. A build that trains also compiles the project (the model is embedded), so each round also times "
                 "a build whose only work is compiling (the source file touched, ReproBuild up to date). "
                 "**Overhead = build that trains − build that compiles − hand-written program.** Every build that trains "
                 "starts from an empty model cache and without ReproBuild's obj/ folder, so it hashes, inspects and trains.")
        s.append("")
        s.append("| rows | build that trains (s) | build that compiles (s) | hand-written (s) | overhead (s) | goal: 5% + 0.5 s | met | ReproBuild's tasks (s) |")
        s.append("|---:|---:|---:|---:|---:|---:|---|---:|")
        breakdowns = []
        for rows, r in t.items():
            if rows == "engine_start":
                continue
            tr, co, ha = med(r["train"]), med(r["compile"]), med(r["hand"])
            overhead = [a - b - c for a, b, c in zip(r["train"], r["compile"], r["hand"])]
            ov = med(overhead)
            goal = 0.05 * ha + 0.5
            task_sum = med([sum(x.values()) for x in r["tasks"]])
            s.append(f"| {int(rows):,} | {tr:.2f} | {co:.2f} | {ha:.2f} | {ov:+.2f} | {goal:.2f} | {yes(ov <= goal)} | {task_sum:.2f} |")
            summary.append((f"Training overhead, {int(rows):,} rows: build that trains − build that compiles − hand-written",
                            f"{ov:+.2f} s (hand-written {ha:.2f} s)", f"≤ {goal:.2f} s (5% + 0.5 s)", yes(ov <= goal)))
            breakdowns.append((rows, r))
        s.append("")
        s.append("Rounds (s): " + "; ".join(f"{int(rows):,} rows: trains {each(r['train'])}, compiles {each(r['compile'])}, hand-written {each(r['hand'])}" for rows, r in breakdowns) + ".")
        s.append("")
        starts = t.get("engine_start", [])
        s.append("### Where the time goes")
        s.append("")
        s.append(f"ReproBuild's tasks in the build that trains (MSBuild's task summary, median over the rounds), the "
                 f"hand-written program's own steps (Stopwatch inside it), and the engine's steps timed one by one in one "
                 f"fresh process (`ReproBuild.Benchmarks train-stages`: the calls `engine inspect` and `engine train` make, "
                 f"in order). Starting the engine's process alone (`dotnet ReproBuild.Engine.dll` exiting at once, before "
                 f"any ML.NET code runs): {med(starts):.2f} s; a training build starts it once: the same process inspects "
                 f"and then trains (`engine serve`, docs/architecture.md), and the package ships it precompiled "
                 f"(ReadyToRun) for linux-x64.")
        s.append("")
        for rows, r in breakdowns:
            tasks = {}
            for x in r["tasks"]:
                for k, val in x.items():
                    tasks.setdefault(k, []).append(val)
            hand_steps = {}
            for x in r["hand_steps"]:
                for k, val in x["steps"].items():
                    hand_steps.setdefault(k, []).append(val)
            s.append(f"**{int(rows):,} rows** — tasks: " + ", ".join(f"`{k}` {med(vs):.2f}" for k, vs in sorted(tasks.items(), key=lambda kv: -med(kv[1])) if med(vs) >= 0.01)
                     + " s. Hand-written: " + ", ".join(f"{k} {med(vs):.2f}" for k, vs in hand_steps.items())
                     + f" s (AUC {r['hand_steps'][-1].get('auc')}).")
            s.append("")
            stages = r.get("stages", {}).get("stages", [])
            if stages:
                total = sum(x["seconds"] for x in stages)
                s.append("| engine step (one fresh process, cold) | s | share |")
                s.append("|---|---:|---:|")
                for x in stages:
                    s.append(f"| {x['stage']} | {x['seconds']:.2f} | {x['seconds'] / total:.0%} |")
                s.append(f"| **sum** | **{total:.2f}** | |")
                auc = r.get("stages", {}).get("auc")
                s.append("")
                build_auc = (r.get("metrics") or {}).get("metrics", {}).get("AreaUnderRocCurve")
                same = build_auc is not None and abs(build_auc - auc) < 1e-12
                s.append(f"The steps above give AUC {auc:.6f}" + (f", the build's own model {build_auc:.6f}" + (" — the same model, so the steps are the engine's" if same else "") if build_auc is not None else "")
                         + f"; the hand-written program {r['hand_steps'][-1].get('auc')}: the same pipeline, apart from the "
                         "reader (the engine parses numbers to doubles with its own reader and serves them through "
                         "`TableDataView`; the program reads floats with ML.NET's `TextLoader`).")
                s.append("")
                # Where the overhead goes.
                tsum = med([sum(x.values()) for x in r["tasks"]])
                insp = med(tasks.get("InspectDatasets", [0]))
                trn = med(tasks.get("TrainModels", [0]))
                ha = med(r["hand"])
                ov = med([a - b - c for a, b, c in zip(r["train"], r["compile"], r["hand"])])
                goal = 0.05 * ha + 0.5
                st = {x["stage"]: x["seconds"] for x in stages}
                inspect_inproc = next((v for k, v in st.items() if k.startswith("inspect")), 0)
                load_inproc = next((v for k, v in st.items() if k.startswith("load")), 0)
                s.append(f"Where the {ov:+.2f} s go: ReproBuild's tasks take {tsum:.2f} s against the hand-written "
                         f"program's {ha:.2f} s. `InspectDatasets` ({insp:.2f} s) starts the engine and makes a whole "
                         f"pass over the file that the program does not make (check every cell, SHA-256, profile; {inspect_inproc:.2f} s "
                         f"of it in-process); `TrainModels` ({trn:.2f} s) hands the same engine process its request; it reads the file "
                         f"again into memory ({load_inproc:.2f} s in-process, checked against the inspected SHA-256), then "
                         f"featurises, trains, evaluates and saves as the program does (the program's own steps: "
                         f"{sum(med(vs) for vs in hand_steps.values()):.2f} s), and writes the canonical zip, provenance, "
                         f"metrics and run record (hundredths of a second). Outside its tasks the build that trains took "
                         f"{med(r['train']) - tsum:.2f} s, against {med(r['compile']):.2f} s for the build that only compiles "
                         f"(it also embeds the model). The rest is the engine's start and the JIT warm-up of ML.NET's code (the "
                         f"engine's own assemblies are precompiled; ML.NET's are not) and the noise of single builds on this "
                         f"shared machine (see the rounds).")
                s.append("")
                summary_notes.append((rows, ov, goal, insp, load_inproc))
        if summary_notes:
            worst = max(summary_notes, key=lambda x: x[1] - x[2])
            s.append(f"**Goal missed**" if any(ov > goal for _, ov, goal, _, _ in summary_notes) else "**Goal met**")
            s[-1] += (f": the allowance is 5% + 0.5 s of the hand-written time; at {int(worst[0]):,} rows the inspection "
                      f"pass takes {worst[3]:.2f} s of the allowed {worst[2]:.2f} s — validation and the SHA-256 the provenance "
                      "needs are work the hand-written program does not do. Done for this goal: inspection and training in one "
                      "engine process (one start, one JIT warm-up of the engine's code), the engine precompiled (ReadyToRun) for "
                      "linux-x64, validation about twice as fast (see Validation), the file's SHA-256 computed on a thread of its own beside "
                      "the reader (inspection and the training table's load), plain decimal numbers read and converted in one pass "
                      "(Clinger's exact fast path). Tried and reverted: building the training table "
                      "in the inspection pass instead of reading the file again — byte-identical models, but slower (3.30 s against "
                      "3.07 s at 50,000 rows, and inspection 0.5 s slower at 500,000), because the second read comes from the page "
                      f"cache (at {int(worst[0]):,} rows it costs {worst[4]:.2f} s in-process) and keeping the parse costs more.")
            s.append("")
        sections.append("\n".join(s))

    # ----- 5 -------------------------------------------------------------------------------------------------------
    c = results.get("cache")
    if c:
        s = ["## Cache hit", ""]
        if c.get("pending"):
            s.append("Pending the cache: this run's tree had no `ReproBuildCacheDir`/`ReproBuildRemote` in build/ReproBuild.props.")
            summary.append(("Cache hit: `dotnet clean && dotnet build`, model in the cache vs retraining", "pending the cache", "—", "—"))
        else:
            hit, re_ = med(c["hit"]), med(c["retrain"])
            summary.append((f"Cache hit: `dotnet clean && dotnet build`, {c['rows']:,} rows, model in the local cache vs retraining",
                            f"{hit:.2f} s vs {re_:.2f} s ({re_ / hit:.1f}× faster)", "(no goal)", "—"))
            s.append(f"`dotnet clean && dotnet build --no-restore` of the {c['rows']:,}-row training project above, with the "
                     "model in the local cache (`REPROBUILD_CACHE` pointing at the cache that the training stage's last "
                     "build that trained filled) against the same with an empty cache (retrains), in "
                     f"{len(c['hit'])} interleaved rounds. Trained in a cache-hit build: "
                     + ("never" if not any(c["hit_trained"]) else f"{sum(c['hit_trained'])} of {len(c['hit_trained'])} rounds (the cache missed)") + ".")
            s.append("")
            s.append("| build | median s | each round (s) |")
            s.append("|---|---:|---|")
            s.append(f"| clean + build, model in the cache | {hit:.2f} | {each(c['hit'])} |")
            s.append(f"| clean + build, empty cache (retrains) | {re_:.2f} | {each(c['retrain'])} |")
            s.append("")
            if c.get("hit_tasks"):
                tasks = {}
                for x in c["hit_tasks"]:
                    for k, val in x.items():
                        tasks.setdefault(k, []).append(val)
                s.append(f"Where a cache hit's time goes: `dotnet clean` {med(c['hit_clean']):.2f} s; in the build, "
                         + ", ".join(f"`{k}` {med(vs):.2f} s" for k, vs in sorted(tasks.items(), key=lambda kv: -med(kv[1])) if med(vs) >= 0.005)
                         + (". `dotnet clean` deletes ReproBuild's obj/ folder with the dataset summaries, so the build "
                            "inspects the dataset again (an engine process and a pass over the file) before it finds the model "
                            "in the cache" if "InspectDatasets" in tasks else ". No engine process started")
                         + "; the compiler runs because `dotnet clean` deleted the assembly.")
                s.append("")
            cl = c.get("clone")
            if cl:
                s.append("### Fresh clone with a warm or an empty remote")
                s.append("")
                s.append(f"A generated git repository holds the sample's three models (samples/Cancer's project and data, with a "
                         f"`PackageReference` to ReproBuild as a user's project has) and `Big`, FastTree with {cl['big_trees']} trees "
                         f"on {cl['big_rows']:,} rows. Time from `git clone` to a built project (`dotnet build -c Release`, "
                         "restore included), each clone with an empty local cache, `-p:ReproBuildRemote=<folder>`: a remote "
                         "that an earlier clone filled (warm) or an empty one (retrains, then pushes).")
                s.append("")
                s.append("| project | empty remote (s) | warm remote (s) | ratio | models trained (empty / warm) |")
                s.append("|---|---:|---:|---:|---|")
                for name in ["Cancer", "Big"]:
                    if name in cl:
                        e = [x["seconds"] for x in cl[name]["empty"]]
                        wm = [x["seconds"] for x in cl[name]["warm"]]
                        s.append(f"| {name} | {med(e):.2f} ({each(e)}) | {med(wm):.2f} ({each(wm)}) | {med(e) / med(wm):.1f}× | "
                                 f"{'/'.join(str(x['trained']) for x in cl[name]['empty'])} / {'/'.join(str(x['trained']) for x in cl[name]['warm'])} |")
                        summary.append((f"Fresh clone to a built project, warm vs empty remote: {name}",
                                        f"{med(wm):.2f} s vs {med(e):.2f} s ({med(e) / med(wm):.1f}×)", "(no goal)", "—"))
                s.append("")
                big = [t for x in cl.get("Big", {}).get("empty", []) for t in x.get("training_seconds", []) if t]
                if big:
                    s.append(f"Training `Big` took {each(big, 1)} s (the engine's run record) in the empty-remote build.")
                    s.append("")
        sections.append("\n".join(s))

    # ----- 6 -------------------------------------------------------------------------------------------------------
    sc = results.get("scale")
    if sc and all("noop_plain" in r for r in sc.values()):
        s = ["## Scale", ""]
        ks = sorted(sc, key=int)
        s.append("How the no-op build and a build that restores every model from the local cache grow with the number of "
                 "datasets and models: one project with N `Dataset` items (tiny CSV files of 40 rows) and N `Model` items "
                 "(LbfgsLogisticRegression, at most 10 iterations, one per dataset), against the same project without the ReproBuild package "
                 "(the items then mean nothing), `dotnet build -c Release --no-restore`, node reuse off. The models were "
                 "trained once first, into a model cache of their own. **No-op**: nothing changed since the last build "
                 f"(median of {len(sc[ks[0]]['noop'])} interleaved rounds). **Restore**: obj/Release and bin/ deleted first, as "
                 "in a fresh clone with a warm local cache: ReproBuild hashes and inspects every dataset, finds every model "
                 "in the cache by its fingerprint and restores it, generates the typed API and embeds the models; the project "
                 f"without ReproBuild compiles from the same clean state ({len(sc[ks[0]]['restore'])} rounds). DVC's "
                 "`dvc status` is the comparison users know: its time grows with the number of files it tracks.")
        s.append("")
        s.append("| datasets and models | no-op: with (s) | without (s) | ReproBuild adds (ms) | per dataset and model (ms) | "
                 "restore: with (s) | without (s) | ReproBuild adds (s) | per model restored (ms) | restored | ReproBuild's tasks when restoring (s) |")
        s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        rows = []
        for k in ks:
            r = sc[k]
            n_ = int(k)
            nw_, np_ = med(r["noop"]), med(r["noop_plain"])
            rw_, rp_ = med(r["restore"]), med(r["restore_plain"])
            tasks_ = med([sum(t.get(x, 0.0) for x in t if x != "Csc") for t in r["restore_tasks"]])
            rows.append((n_, nw_, np_, rw_, rp_))
            s.append(f"| {n_:,} | {nw_:.2f} | {np_:.2f} | {(nw_ - np_) * 1000:+.0f} | {(nw_ - np_) * 1000 / (2 * n_):.2f} | "
                     f"{rw_:.2f} | {rp_:.2f} | {rw_ - rp_:+.2f} | {(rw_ - rp_) * 1000 / n_:.1f} | {min(r['restored'])} | {tasks_:.2f} |")
        s.append("")
        (n0, nw0, np0, rw0, rp0), (n1, nw1, np1, rw1, rp1) = rows[-2], rows[-1]
        slope_noop = ((nw1 - np1) - (nw0 - np0)) * 1000 / (2 * (n1 - n0))
        slope_restore = ((rw1 - rp1) - (rw0 - rp0)) * 1000 / (n1 - n0)
        per_item = (nw1 - np1) * 1000 / (2 * n1)
        per_model = (rw1 - rp1) * 1000 / n1
        summary.append((f"Scale, no-op: time ReproBuild adds per dataset and per model, {n1:,} of each",
                        f"{per_item:.2f} ms ({(nw1 - np1) * 1000:+.0f} ms in all); from {n0:,} to {n1:,}: {slope_noop:.2f} ms each",
                        "≤ 1 ms", yes(per_item <= 1)))
        last_tasks = med([sum(v for x, v in t.items() if x != "Csc") for t in sc[ks[-1]]["restore_tasks"]])
        last_csc = med([t.get("Csc", 0.0) for t in sc[ks[-1]]["restore_tasks"]])
        plain_csc = sc[ks[-1]].get("restore_plain_csc", 0.0)
        summary.append((f"Scale, restoring every model from the local cache: time ReproBuild adds per model, {n1:,} models",
                        f"{per_model:.1f} ms ({rw1 - rp1:+.1f} s in all; ReproBuild's tasks {last_tasks * 1000 / n1:.1f} ms a model, "
                        f"compiling the typed API {(last_csc - plain_csc) * 1000 / n1:.1f} ms a model); from {n0:,} to {n1:,}: {slope_restore:.1f} ms each",
                        "≤ 20 ms", yes(per_model <= 20)))
        last = sc[ks[-1]]
        nt = {}
        for t in last["noop_tasks"]:
            for x, v in t.items():
                nt.setdefault(x, []).append(v)
        rt = {}
        for t in last["restore_tasks"]:
            for x, v in t.items():
                rt.setdefault(x, []).append(v)
        s.append(f"Per dataset and model, the no-op costs {per_item:.2f} ms at {n1:,} of each ({slope_noop:.2f} ms for each one "
                 f"added between {n0:,} and {n1:,}); per model, restoring costs {per_model:.1f} ms ({slope_restore:.1f} ms for each "
                 f"one added). ReproBuild's tasks in the no-op build with {n1:,}: "
                 + ", ".join(f"`{x}` {med(v) * 1000:.0f} ms" for x, v in sorted(nt.items(), key=lambda kv: -med(kv[1]))[:4])
                 + f". In the restoring build: " + ", ".join(f"`{x}` {med(v):.2f} s" for x, v in sorted(rt.items(), key=lambda kv: -med(kv[1]))[:6])
                 + " (`Csc` compiles the project with the typed API of every model, which the project without ReproBuild does not have"
                 + f"; its `Csc` took {plain_csc:.2f} s). ReproBuild's own tasks restore at {last_tasks * 1000 / n1:.1f} ms a model; "
                 f"compiling the generated API — each model's input and prediction classes and a thin entry point over ReproBuild.Runtime's "
                 f"`TypedModel`, with the models embedded — costs "
                 f"{(last_csc - plain_csc) * 1000 / n1:.1f} ms a model more; the rest is MSBuild's own work on the larger project "
                 "(among it, copying every model's files to the output folder). A project that does not call its models through the typed API can turn it off "
                 "(`ReproBuildTypedApi=false`). Where the compile's time goes, measured apart at 300 models by running the build's own "
                 "compiler command without one input at a time (commit 3c94840, before the plumbing moved into `TypedModel`): the "
                 "generated code was 85–90% of what ReproBuild adds to the compile, the embedded resources and metadata stamps the "
                 "rest; compiling it with the SDK's analyzers and source generators took about 3× as long as without them. Moving "
                 "the per-model plumbing into `TypedModel` cut the compiler's CPU time there from 21.3 to 13.5 s (median of 3 "
                 "interleaved rounds on a loaded machine). What would close the rest: less generated code a model (the input and "
                 "prediction classes are now most of it), and ReproBuild's own tasks (`InspectDatasets` inspects each tiny dataset "
                 "in turn in one engine process; `RestoreModels` copies and checks each model's files).")
        s.append("")
        s.append(f"Training the {n1:,} models the first time took {last['first']:.1f} s (one engine process; tasks: "
                 + ", ".join(f"`{x}` {v:.1f} s" for x, v in sorted(last["first_tasks"].items(), key=lambda kv: -kv[1])[:4]) + ").")
        s.append("")
        sections.append("\n".join(s))

    fm = results.get("first_model")
    if fm:
        s = ["## Time to first model", ""]
        s.append("The README's main command on a fresh clone of this repository (`git clone`, an empty model cache, the "
                 "machine's NuGet packages folder as it is): `dotnet restore samples/Cancer.Predict` first and a build of ReproBuild itself "
                 "(`src/ReproBuild.Tasks`, with the engine and ReproBuild.Runtime: the samples use ReproBuild from source, "
                 "where a user's project gets the package), each timed apart; then `dotnet run --project samples/Cancer.Predict --no-restore`, timed to the "
                 "first `model.zip` under a sample's obj/ (polled every 20 ms) and to its end, when it has printed the "
                 "predictions of every model.")
        s.append("")
        s.append("| step | s |")
        s.append("|---|---:|")
        s.append(f"| restore (not in the figure) | {fm['restore']:.1f} |")
        s.append(f"| build ReproBuild itself from source (not in the figure) | {fm['compile']:.1f} |")
        s.append(f"| `dotnet run`: to the first model | **{fm['first_model']:.1f}** |")
        s.append(f"| `dotnet run`: to the end (every model of the samples trained, embedded, predictions printed) | {fm['total']:.1f} |")
        s.append("")
        s.append(f"Models trained: {len(fm['trained'])} (" + ", ".join(fm["trained"]) + "). Before the first model, `dotnet run` "
                 "evaluates the solution, checks that the compiled projects are up to date, hashes and inspects the first "
                 "project's datasets and starts training; the rest of the run trains the other models (and runs the Wine "
                 "sample's stages), compiles the samples with their typed API and the models embedded, and runs the program. "
                 "The samples run the engine as ReproBuild's Debug build from source, compiled at run time; the package "
                 "ships it precompiled (ReadyToRun) for linux-x64.")
        s.append("")
        summary.append(("Time to the first model: `dotnet run --project samples/Cancer.Predict` on a fresh clone, restore and compile apart",
                        f"{fm['first_model']:.1f} s (to the end: {fm['total']:.1f} s; restore {fm['restore']:.1f} s, compile {fm['compile']:.1f} s)",
                        "(no goal)", "—"))
        sections.append("\n".join(s))

    conditions = results.get("conditions", [])
    vconditions = (results.get("validation") or {}).get("conditions", [])
    waited = sum(c[3] for c in conditions) + sum(c[4] for c in vconditions)
    total = results.get("total_seconds", 0)
    wait = results.get("wait", {"max_wait": 30, "budget": None, "quiet": 25, "sample": 1})
    summary.append(("The whole suite, `bash benchmarks/run.sh`, 2 cores",
                    f"{total / 60:.1f} min wall time, of which {waited / 60:.1f} min waiting for a quiet CPU", "< 15 min", yes(total < 15 * 60)))
    if conditions:
        busy = [c[1] for c in conditions] + [c[1] for c in vconditions]
        loads = [c[2] for c in conditions] + [c[2] for c in vconditions]
        budget = f" and {wait['budget']} s over the whole run" if wait.get("budget") is not None else ""
        w(f"- Conditions: before each of {len(conditions) + len(vconditions)} rounds and measurements the script waited, at most "
          f"{wait['max_wait']} s each{budget}, for the CPU to be less than {wait['quiet']}% busy (both cores, over "
          f"{wait['sample']:g} s; a CI machine is quiet and does not wait). It waited {waited:.0f} s in all; busy when a round "
          f"started: median {med(busy):.0f}%, highest {max(busy)}% ({sum(1 for b in busy if b >= wait['quiet'])} rounds started "
          f"at {wait['quiet']}% or more); 1-minute load average {min(loads):.1f}–{max(loads):.1f} (a process on one core counts 1).")
        w("")

    # ----- the run itself ----------------------------------------------------------------------------------------
    stages = results.get("stage_seconds")
    if stages:
        names = {"noop": "No-op build", "hashing": "Cold change detection", "training": "Training overhead",
                 "cache": "Cache hit and fresh clones", "scale": "Scale", "first_model": "Time to first model",
                 "validation": "Validation", "serving": "Serving"}
        s = ["## The run", ""]
        s.append(f"Where the {total / 60:.1f} minutes of `{COMMAND}` went (wall time of each stage, waiting for a quiet "
                 "CPU included; stages run one after another, never beside each other; the clock runs from the start of "
                 "`run.py` to the end of the last stage, and deleting the work folder and writing this file take seconds more):")
        s.append("")
        s.append("| stage | s | of which waiting | share |")
        s.append("|---|---:|---:|---:|")
        setup = results.get("setup_seconds", 0)
        steps = results.get("setup_steps", {})
        s.append(f"| setup: " + "; ".join(f"{k} {v:.0f} s" for k, v in steps.items()) + f" | {setup:.0f} | 0 | {setup / total:.0%} |")
        for key, v in stages.items():
            s.append(f"| {names.get(key, key)} | {v['seconds']:.0f} | {v['waited']:.0f} | {v['seconds'] / total:.0%} |")
        rest = total - setup - sum(v["seconds"] for v in stages.values())
        if rest >= 0.5:
            s.append(f"| between the stages | {rest:.0f} | 0 | {rest / total:.0%} |")
        s.append(f"| **the whole run** | **{total:.0f}** | **{waited:.0f}** | |")
        s.append("")
        sc = results.get("scale") or {}
        noop_rounds = len((results.get("noop") or {}).get("noop", {}).get("with", []))
        hash_rounds = len((results.get("hashing") or {}).get("hash", {}).get("ours1", []))
        tr = results.get("training") or {}
        train_rounds = ", ".join(f"{len(r['train'])} at {int(k):,} rows" for k, r in tr.items() if k != "engine_start")
        c = results.get("cache") or {}
        vr = (results.get("validation") or {}).get("records", [])
        v_rounds = sum(1 for r in vr if r.get("label") == "validate-1core")
        big = (c.get("clone") or {}).get("Big", {})
        can = (c.get("clone") or {}).get("Cancer", {})
        s.append("What keeps it within the budget: rounds where the spread between rounds is small next to the "
                 f"difference measured — no-op build {noop_rounds}, cold change detection {hash_rounds}, training "
                 f"{train_rounds}, cache hit {len(c.get('hit', []))}, fresh clones {len(can.get('empty', []))} each for "
                 f"Cancer and {len(big.get('empty', []))} each for Big, scale {ROUNDS_OF(sc)}, time to first model 1, validation {v_rounds} (breakdown 1); "
                 f"validation over a {(results.get('validation') or {}).get('mib', '?')} MiB file; the scale stage's files are "
                 "tiny; the cache-hit stage reuses the training stage's "
                 f"{c.get('rows', 0):,}-row project and the model cache its last build that trained filled; every "
                 "stage reuses the datasets generated once and the package packed once; and the bounded wait above.")
        s.append("")
        sections.append("\n".join(s))

    w("## Summary")
    w("")
    w("| figure | measured | goal | met |")
    w("|---|---|---|---|")
    for figure, measured, goal, met in summary:
        w(f"| {figure} | {measured} | {goal} | {met} |")
    w("")
    text = "\n".join(out) + "\n"
    order = sections[:2] + ([validation_section] if validation_section else []) + sections[2:] + ([serving_section] if serving_section else [])
    text += "\n".join(x.rstrip() + "\n" for x in order)
    with open(path, "w") as f:
        f.write(text)
    print(f"wrote {path}")
