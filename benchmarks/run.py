"""ReproBuild's benchmark suite: every figure of docs/benchmarks.md from one run. Started by benchmarks/run.sh.

Usage: /usr/bin/python3 benchmarks/run.py [--quick] [--report-only <results.json>]
  --quick        tiny sizes, to try the script (the report says so); not for the doc.
Environment: REPROBUILD_BENCH_WORK (work folder; default a new one under $TMPDIR, deleted at the end unless
KEEP_WORK=1; generated data in it is reused when present), ROUNDS (rounds of the side-by-side measurements, default 3;
the no-op build takes 2 more, the 500,000-row training 2), CACHE_ROUNDS (cache hit against retraining, default 2),
MAX_WAIT / WAIT_BUDGET / QUIET_BUSY_PERCENT (before each round, wait at most MAX_WAIT s, default 10, and WAIT_BUDGET s
over the whole run, default 60, for the CPU to be less than QUIET_BUSY_PERCENT busy, default 25).

Everything that is compared is measured side by side in this run, in interleaved rounds (each measurement once per
round, so that a drift in the speed of this shared machine hits every side alike); figures are medians of the rounds.
Projects are built against ReproBuild packed from this working tree (a unique version in a temporary feed), in
Release, as a user's project consumes it.
"""
import datetime
import glob
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUICK = "--quick" in sys.argv
ROUNDS = int(os.environ.get("ROUNDS", "3"))
# The cache hit is 1.8x faster than retraining and its rounds spread by less than 10%: two rounds tell them apart.
CACHE_ROUNDS = int(os.environ.get("CACHE_ROUNDS", str(min(ROUNDS, 2))))
STARTED = time.time()

SIZES = {
    # (files, MiB each) for the no-op and change-detection datasets: 100 x 50 MiB = 5.24 GB.
    "text": (10, 2) if QUICK else (100, 50),
    "train": [5_000, 20_000] if QUICK else [50_000, 500_000],
    # N datasets and N models in one project, tiny files: how the no-op and the restoring build grow with N.
    "scale": [5, 10, 20] if QUICK else [10, 100, 1000],
    "validation_mib": 16 if QUICK else 64,
}
# The ReproBuild the no-op stage compares with, side by side: the last commit before the no-op stamp (issue 15).
BEFORE_REF = os.environ.get("BEFORE_REF", "3741f8c")
# The model of the fresh-clone benchmark must take at least 30 s to train: 550 trees took 29 s and 750 took 33 s on a
# busy machine, 1000 took 45 s on a quiet one; 800 leave a margin.
BIG_TREES = 20 if QUICK else 800


def say(message):
    print(f"[run.py {time.time() - STARTED:6.0f} s] {message}", file=sys.stderr, flush=True)


def env_for(**extra):
    env = dict(os.environ)
    # Node reuse off unless a measurement turns it on (MSBUILDDISABLENODEREUSE=0): every build starts fresh MSBuild
    # processes, as in CI; with it on, a developer's machine keeps worker nodes between builds.
    env.update({"DOTNET_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_NOLOGO": "1", "MSBUILDDISABLENODEREUSE": "1",
                "DOTNET_SKIP_FIRST_TIME_EXPERIENCE": "1"})
    env.update({k: str(v) for k, v in extra.items()})
    return env


def run(command, cwd=None, env=None, check=True):
    """Runs a command; returns (wall seconds, stdout)."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env or env_for(), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if check and done.returncode != 0:
        say(f"failed ({done.returncode}): {' '.join(command)} in {cwd}\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
        raise SystemExit(1)
    return seconds, done.stdout


CONDITIONS = []  # (what, CPU busy % just before, 1-minute load average, seconds waited)
# Before each round the script waits until the machine's other users leave the CPU idle, but a bounded time: at most
# MAX_WAIT seconds a round and WAIT_BUDGET seconds over the whole run (a CI machine is quiet; on a shared one the busy
# figure and the load average recorded for every round say what the measurement ran beside).
WAIT = {"max_wait": int(os.environ.get("MAX_WAIT", "10")), "budget": int(os.environ.get("WAIT_BUDGET", "60")),
        "quiet": int(os.environ.get("QUIET_BUSY_PERCENT", "25")), "sample": 0.5}


def busy_percent(sample=WAIT["sample"]):
    """Share of all CPUs busy over `sample` seconds."""
    def read():
        with open("/proc/stat") as f:
            parts = [int(x) for x in f.readline().split()[1:9]]
        return sum(parts), parts[3] + parts[4]
    t1, i1 = read()
    time.sleep(sample)
    t2, i2 = read()
    return 100 * ((t2 - t1) - (i2 - i1)) // max(t2 - t1, 1)


def waited_so_far():
    return sum(c[3] for c in CONDITIONS)


def wait_quiet(what):
    """Before a round: wait (a bounded time) until the other users of this shared machine leave the CPU idle."""
    waited = 0.0
    started = time.perf_counter()
    while True:
        busy = busy_percent()
        left = min(WAIT["max_wait"] - waited, WAIT["budget"] - waited_so_far() - waited)
        if busy < WAIT["quiet"] or left <= 0:
            break
        time.sleep(min(2.0, left))
        waited = time.perf_counter() - started
    with open("/proc/loadavg") as f:
        load = float(f.read().split()[0])
    CONDITIONS.append((what, busy, load, round(waited, 1)))


def median(values):
    return statistics.median(values) if values else float("nan")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


PERF = re.compile(r"^\s+(\d+) ms\s+(\S+)\s+(\d+) calls", re.M)


def task_times(output):
    """Task Performance Summary of a build (-clp:PerformanceSummary): task -> seconds."""
    section = output.split("Task Performance Summary:", 1)
    if len(section) < 2:
        return {}
    return {name: int(ms) / 1000 for ms, name, _ in PERF.findall(section[1])}


def target_times(output):
    section = output.split("Target Performance Summary:", 1)
    if len(section) < 2:
        return {}
    body = section[1].split("Task Performance Summary:", 1)[0]
    return {name: int(ms) / 1000 for ms, name, _ in PERF.findall(body)}


def reprobuild_tasks():
    """ReproBuild's task names, as MSBuild's task summary lists them (without their namespace)."""
    with open(os.path.join(REPO, "build", "ReproBuild.Tasks.targets")) as f:
        return sorted(set(re.findall(r'TaskName="ReproBuild\.Tasks\.(?:\w+\.)*(\w+)"', f.read())))


class Bench:
    def __init__(self, work):
        self.work = work
        self.version = "0.1.0-bench." + datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d%H%M%S")
        self.before_version = self.version.replace("-bench.", "-before.")
        self.feed = os.path.join(work, "feed")
        self.tool = ["dotnet", os.path.join(REPO, "tests/ReproBuild.Benchmarks/bin/Release/net10.0/ReproBuild.Benchmarks.dll")]
        self.hand = ["dotnet", os.path.join(REPO, "benchmarks/HandWritten/bin/Release/net10.0/HandWritten.dll")]
        self.tasks = reprobuild_tasks()
        self.caches = 0

    # ----- setup -----------------------------------------------------------------------------------------------
    def setup(self):
        steps = self.setup_steps = {}
        clock = time.perf_counter()

        def step(name):
            nonlocal clock
            now = time.perf_counter()
            steps[name] = round(now - clock, 1)
            clock = now
        say("building the benchmark programs (Release)")
        for project in ["tests/ReproBuild.Benchmarks/ReproBuild.Benchmarks.csproj", "benchmarks/HandWritten/HandWritten.csproj"]:
            run(["dotnet", "build", project, "-c", "Release", "-nologo", "-v", "q", "-clp:ErrorsOnly"], cwd=REPO)
        step("build the benchmark programs")
        say(f"packing ReproBuild {self.version} (Release) into {self.feed}")
        for project in ["src/ReproBuild.Runtime/ReproBuild.Runtime.csproj", "src/ReproBuild.Tasks/ReproBuild.Tasks.csproj"]:
            run(["dotnet", "pack", project, "-c", "Release", "-o", self.feed, f"-p:Version={self.version}", "-nologo", "-v", "q"], cwd=REPO)
        step("pack ReproBuild")
        # The no-op stage builds the same project with the ReproBuild of BEFORE_REF too, side by side: what the no-op
        # work changed, measured in one run.
        before = os.path.join(self.work, "before-src")
        shutil.rmtree(before, ignore_errors=True)
        os.makedirs(before)
        archive = subprocess.run(["git", "-C", REPO, "archive", BEFORE_REF], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", before], input=archive, check=True)
        say(f"packing the ReproBuild of {BEFORE_REF} as {self.before_version}")
        for project in ["src/ReproBuild.Runtime/ReproBuild.Runtime.csproj", "src/ReproBuild.Tasks/ReproBuild.Tasks.csproj"]:
            run(["dotnet", "pack", project, "-c", "Release", "-o", self.feed, f"-p:Version={self.before_version}", "-nologo", "-v", "q"], cwd=before)
        shutil.rmtree(before, ignore_errors=True)
        step(f"pack the ReproBuild of {BEFORE_REF}")
        # Generated projects live here; these files stop MSBuild and NuGet from looking further up.
        write(os.path.join(self.work, "Directory.Build.props"), "<Project />\n")
        write(os.path.join(self.work, "Directory.Build.targets"), "<Project />\n")
        write(os.path.join(self.work, "nuget.config"), f"""<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="bench" value="{self.feed}" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
</configuration>
""")
        files, mib = SIZES["text"]
        say(f"generating {files} text datasets of {mib} MiB")
        run(self.tool + ["generate-text", os.path.join(self.work, "data"), str(files), str(mib)])
        step("generate the text datasets")
        for rows in SIZES["train"]:
            path = self.train_csv(rows)
            if not os.path.exists(path):
                run(self.tool + ["generate-train", path, str(rows)])
        if not os.path.exists(self.train_csv(200)):
            run(self.tool + ["generate-train", self.train_csv(200), "200"])
        step("generate the training datasets")
        # Into the page cache: every figure here is about a warm file system.
        for path in sorted(glob.glob(os.path.join(self.work, "data", "*.csv"))) + [self.train_csv(r) for r in SIZES["train"]]:
            with open(path, "rb") as f:
                while f.read(1 << 24):
                    pass
        step("read every dataset into the page cache")

    def train_csv(self, rows):
        return os.path.join(self.work, f"train{rows}.csv")

    def fresh_cache(self):
        """An empty model cache: a build that must train is never served by an earlier one."""
        self.caches += 1
        path = os.path.join(self.work, "caches", f"{os.getpid()}-{self.caches}")
        shutil.rmtree(path, ignore_errors=True)
        return path

    def project(self, path, items, reprobuild=True, properties="", version=None):
        reference = f'  <ItemGroup>\n    <PackageReference Include="ReproBuild" Version="{version or self.version}" />\n  </ItemGroup>\n' if reprobuild else ""
        write(path, f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>{properties}
  </PropertyGroup>
{reference}  <ItemGroup>
{items}
  </ItemGroup>
</Project>
""")
        write(os.path.join(os.path.dirname(path), "Class1.cs"), "namespace Bench;\n\npublic static class Class1\n{\n    public static int Answer => 42;\n}\n")

    def build(self, project, *extra, cache=None, cores=None, node_reuse=False):
        command = ["dotnet", "build", project, "-c", "Release", "-nologo", "-clp:PerformanceSummary", *extra]
        if cores:
            command = ["taskset", "-c", cores] + command
        return run(command, env=env_for(REPROBUILD_CACHE=cache or self.fresh_cache(), MSBUILDDISABLENODEREUSE="0" if node_reuse else "1"))

    @staticmethod
    def shut_down_reused_nodes():
        """The MSBuild nodes that builds with node reuse left waiting: no process outlives the run."""
        run(["dotnet", "build-server", "shutdown", "--msbuild"], check=False)

    # ----- 1 and 2: no-op build, cold change detection -----------------------------------------------------------
    def noop(self):
        data = os.path.join(self.work, "data")
        files = sorted(glob.glob(os.path.join(data, "*.csv")))
        total = sum(os.path.getsize(f) for f in files)
        with_rb = os.path.join(self.work, "noop", "with", "With.csproj")
        without = os.path.join(self.work, "noop", "without", "Without.csproj")
        items = '    <Dataset Include="../../data/*.csv" />'
        self.project(with_rb, items)
        self.project(without, items, reprobuild=False)
        cache = self.fresh_cache()

        # What a project that loads ML.NET models needs anyway: ReproBuild.Runtime (which brings Microsoft.ML) and no
        # ReproBuild. The package reference to ReproBuild brings the same runtime library, so the difference between
        # this project and the one with ReproBuild is ReproBuild's own build-time work.
        runtime_only = os.path.join(self.work, "noop", "runtime", "RuntimeOnly.csproj")
        self.project(runtime_only, items + f'\n    <PackageReference Include="ReproBuild.Runtime" Version="{self.version}" />', reprobuild=False)
        before = os.path.join(self.work, "noop", "before", "Before.csproj")
        self.project(before, items, version=self.before_version)
        projects = {"with": with_rb, "without": without, "runtime": runtime_only, "before": before}
        keys = ["with", "before", "without", "runtime"]

        say("no-op: first builds (restore, compile; with ReproBuild: hash and inspect every dataset)")
        first = {}
        first_tasks = {}
        for key in ["without", "runtime", "with", "before"]:
            first[key], out = self.build(projects[key], cache=cache)
            if key == "with":
                first_tasks = task_times(out)

        say(f"no-op: {ROUNDS + 2} rounds of dotnet build: with ReproBuild, with ReproBuild.Runtime only, without either;"
            " with and without --no-restore; node reuse off and on")
        suffixes = ["", "_no_restore", "_reuse", "_no_restore_reuse"]
        noop = {f"{key}{suffix}": [] for key in projects for suffix in suffixes}
        tasks = []
        tasks_before = []
        tasks_reuse = []
        targets = {key: [] for key in projects}
        try:
            for round_ in range(ROUNDS + 2):
                wait_quiet(f"no-op {round_}")
                for key in keys:
                    s, out = self.build(projects[key], cache=cache)
                    noop[key].append(s)
                    if key == "with":
                        tasks.append(task_times(out))
                    if key == "before":
                        tasks_before.append(task_times(out))
                for key in keys:
                    s, out = self.build(projects[key], "--no-restore", cache=cache)
                    noop[key + "_no_restore"].append(s)
                    targets[key].append(target_times(out))
                # Node reuse on, as on a developer's machine: the first round also starts the nodes the later ones reuse.
                for key in keys:
                    s, out = self.build(projects[key], cache=cache, node_reuse=True)
                    noop[key + "_reuse"].append(s)
                    if key == "with":
                        tasks_reuse.append(task_times(out))
                for key in keys:
                    s, _ = self.build(projects[key], "--no-restore", cache=cache, node_reuse=True)
                    noop[key + "_no_restore_reuse"].append(s)
        finally:
            self.shut_down_reused_nodes()
        ran = sorted(set(name for t in tasks for name in t if name in self.tasks))
        rb_task_seconds = {name: median([t.get(name, 0.0) for t in tasks]) for name in ran}
        ran_before = sorted(set(name for t in tasks_before for name in t if name in self.tasks))
        rb_task_seconds_before = {name: median([t.get(name, 0.0) for t in tasks_before]) for name in ran_before}
        ran_reuse = sorted(set(name for t in tasks_reuse for name in t if name in self.tasks))
        rb_task_seconds_reuse = {name: median([t.get(name, 0.0) for t in tasks_reuse]) for name in ran_reuse}
        # Per target, the median over the rounds (--no-restore builds), for a breakdown of the difference.
        target_medians = {key: {name: median([t.get(name, 0.0) for t in runs]) for name in set(n for t in runs for n in t)}
                          for key, runs in targets.items()}
        return {
            "files": len(files), "bytes": total, "first": first,
            "first_without": first["without"], "first_with": first["with"], "first_tasks": first_tasks,
            "noop": noop, "noop_tasks": rb_task_seconds, "noop_tasks_reuse": rb_task_seconds_reuse,
            "noop_tasks_before": rb_task_seconds_before, "before_ref": BEFORE_REF, "targets": target_medians,
        }

    def hashing(self):
        data = os.path.join(self.work, "data")
        files = sorted(glob.glob(os.path.join(data, "*.csv")))
        total = sum(os.path.getsize(f) for f in files)
        with_rb = os.path.join(self.work, "noop", "with", "With.csproj")
        cache = self.fresh_cache()
        stat_cache = os.path.join(os.path.dirname(with_rb), "obj", "Release", "net10.0", "reprobuild", "stat-cache.tsv")
        if not os.path.exists(stat_cache):
            self.build(with_rb, cache=cache)  # the no-op stage left the project built; only when run alone (--only)

        say(f"cold change detection: {ROUNDS} rounds over {len(files)} files, {total:,} bytes")
        if not os.path.exists(stat_cache):
            say(f"no stat cache at {stat_cache}")
            raise SystemExit(1)
        h = {k: [] for k in ["ours1", "ours2", "ours1_first", "ours2_first", "lib1", "lib2", "lib1_first", "xxh1", "xxh2p",
                             "build_cold", "build_noop", "build_cold1", "build_noop1", "md5"]}
        digests = set()
        for round_ in range(ROUNDS):
            wait_quiet(f"hash {round_}")
            for key, prefix, extra in [("ours1", ["taskset", "-c", "0"], []), ("ours2", [], []),
                                       ("lib1", ["taskset", "-c", "0"], ["--library"]), ("lib2", [], ["--library"])]:
                # The code before this change (--library) is shown for the record: one steady call after the first.
                _, out = run(prefix + self.tool + ["hash", data, "--runs", "1" if extra else "3"] + extra)
                r = json.loads(out)
                h[key].append(r["median_seconds"])
                h[key + "_first"] = h.get(key + "_first", []) + [r["first_seconds"]]
                digests.add(r["digest"])
            s, _ = run(["taskset", "-c", "0", "xxhsum", "-H2"] + files)
            h["xxh1"].append(s)
            half = len(files) // 2
            started = time.perf_counter()
            procs = [subprocess.Popen(["xxhsum", "-H2"] + part, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for part in (files[:half], files[half:])]
            for p in procs:
                p.wait()
            h["xxh2p"].append(time.perf_counter() - started)
            # Whole builds: after the stat cache is deleted, and no-op, each on both cores and on one.
            for key, cores in [("build_cold", None), ("build_noop", None), ("build_cold1", "0"), ("build_noop1", "0")]:
                if key.startswith("build_cold"):
                    os.remove(stat_cache)
                s, out = self.build(with_rb, "--no-restore", cache=cache, cores=cores)
                h[key].append(s)
                if key == "build_cold":
                    h.setdefault("build_cold_task", []).append(task_times(out).get("HashDatasets", float("nan")))
                if key == "build_cold1":
                    h.setdefault("build_cold1_task", []).append(task_times(out).get("HashDatasets", float("nan")))
            if round_ == 0:
                s, _ = run(["taskset", "-c", "0", "md5sum"] + files)
                h["md5"].append(s)
        if len(digests) != 1:
            say(f"hash digests differ between runs: {digests}")
            raise SystemExit(1)
        # The same hashes as xxhsum: check the first file.
        _, out = run(["xxhsum", "-H2", files[0]])
        return {"files": len(files), "bytes": total, "hash": h, "xxhsum_first": out.split()[0]}

    # ----- 3: validation ----------------------------------------------------------------------------------------
    def validation(self):
        mib = SIZES["validation_mib"]
        say(f"validation: benchmarks/validation.sh {mib}")
        keep = os.path.join(self.work, "validation-results")
        # The same bounds on waiting for a quiet CPU as every other stage: what is left of the run's budget. The warm-up
        # file is 32 MiB, the size from which DatasetInspector shares columns among the cores (ParallelFrom), so that
        # the two-core measurement warms up the code it then times.
        budget = max(0, int(WAIT["budget"] - waited_so_far()))
        env = env_for(ROUNDS=str(min(ROUNDS, 3)), BREAKDOWN_ROUNDS="1", MAX_WAIT=str(WAIT["max_wait"]), WAIT_BUDGET=str(budget),
                      QUIET_BUSY_PERCENT=str(WAIT["quiet"]), KEEP_RESULTS=keep, SKIP_BUILD="1",
                      WARMUP_MIB="8" if QUICK else "32", WARMUP_SECONDS="2", VALIDATION_COMMAND="bash benchmarks/run.sh")
        seconds, _ = run(["bash", os.path.join(REPO, "benchmarks/validation.sh"), str(mib)], env=env)
        records = []
        with open(os.path.join(keep, "results.jsonl")) as f:
            for line in f:
                records.append(json.loads(line))
        conditions = []  # label, busy %, load averages, timed out, seconds waited
        with open(os.path.join(keep, "conditions.tsv")) as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 5:
                    conditions.append([parts[0], int(parts[1]), float(parts[2].split()[0]), parts[3] == "yes", int(parts[4])])
        return {"seconds": seconds, "records": records, "mib": mib, "conditions": conditions}

    # ----- 4: training overhead ---------------------------------------------------------------------------------
    def model_items(self, csv, trees=100, name="Churn"):
        return (f'    <Dataset Include="{csv}" Name="train" />\n'
                f'    <Model Include="{name}" Dataset="train" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" '
                f'Seed="42" TestFraction="0.2" Parameters="NumberOfTrees={trees};NumberOfLeaves=20" />')

    def training(self):
        out = {}
        for rows in SIZES["train"]:
            csv = self.train_csv(rows)
            project = os.path.join(self.work, "train", f"T{rows}", f"T{rows}.csproj")
            self.project(project, self.model_items(csv))
            folder = os.path.dirname(project)
            reprobuild_obj = os.path.join(folder, "obj", "Release", "net10.0", "reprobuild")
            run(["dotnet", "restore", project], env=env_for())
            # Compile once (ReproBuild off: nothing trains), so that every timed build finds the same obj/ and bin/.
            self.build(project, "--no-restore", "-p:ReproBuildEnabled=false")
            rounds = 2 if rows >= 500_000 and not QUICK else ROUNDS
            r = {"train": [], "compile": [], "hand": [], "tasks": [], "hand_steps": [], "targets": []}
            say(f"training {rows:,} rows: {rounds} rounds of: build that trains, build that compiles, hand-written program")
            for round_ in range(rounds):
                wait_quiet(f"train {rows} {round_}")
                shutil.rmtree(reprobuild_obj, ignore_errors=True)  # every input changed: hash, inspect, train
                # Every build that trains starts from an empty model cache; the last one at the smallest size fills
                # the cache that the cache-hit stage then reads (the same project, the same model).
                last = rows == SIZES["train"][0] and round_ == rounds - 1
                s, o = self.build(project, "--no-restore", cache=self.shared_cache() if last else None)
                if "ReproBuild: trained" not in o:
                    say(o[-3000:])
                    raise SystemExit("the build did not train")
                r["train"].append(s)
                r.setdefault("csc", []).append(task_times(o).get("Csc", float("nan")))
                r["tasks"].append({k: v for k, v in task_times(o).items() if k in self.tasks})
                r["targets"].append({k: v for k, v in target_times(o).items() if "ReproBuild" in k})
                os.utime(os.path.join(folder, "Class1.cs"))  # the compiler runs; ReproBuild has nothing to do
                s, o = self.build(project, "--no-restore")
                r["compile"].append(s)
                s, o = run(self.hand + [csv, os.path.join(self.work, f"hand{rows}.zip")])
                r["hand"].append(s)
                r["hand_steps"].append(json.loads(o.strip().splitlines()[-1]))
            wait_quiet(f"train-stages {rows}")
            _, o = run(self.tool + ["train-stages", csv])
            r["stages"] = json.loads(o)
            metrics = glob.glob(os.path.join(folder, "bin", "Release", "net10.0", "models", "Churn.metrics.json"))
            r["metrics"] = json.load(open(metrics[0])) if metrics else {}
            out[str(rows)] = r
        # The engine's bare start: the host, the engine's assembly, an immediate exit (usage error).
        engine = glob.glob(os.path.expanduser(f"~/.nuget/packages/reprobuild/{self.version}/tools/engine/ReproBuild.Engine.dll"))
        starts = []
        for _ in range(5):
            s, _ = run(["dotnet", engine[0]], check=False)
            starts.append(s)
        out["engine_start"] = starts
        return out

    # ----- 5: cache hit, and a fresh clone with a warm or an empty remote ---------------------------------------
    def shared_cache(self):
        return os.path.join(self.work, "cache-shared")

    def cache(self):
        if not self.cache_landed():
            say("the model cache is not in build/ReproBuild.targets: cache figures pending")
            return {"pending": True}
        rows = SIZES["train"][0]
        # The training stage's project: its last build that trained filled the shared cache.
        project = os.path.join(self.work, "train", f"T{rows}", f"T{rows}.csproj")
        shared = self.shared_cache()
        if not os.path.isdir(shared):  # run alone (--only cache)
            self.project(project, self.model_items(self.train_csv(rows)))
            run(["dotnet", "restore", project], env=env_for())
            self.build(project, "--no-restore", cache=shared)  # trains, stores the model in the cache
        rounds = CACHE_ROUNDS
        r = {"rows": rows, "hit": [], "retrain": [], "hit_trained": [], "rounds": rounds}
        say(f"cache hit: {rounds} rounds of dotnet clean && dotnet build, cache warm and empty")
        for round_ in range(rounds):
            wait_quiet(f"cache {round_}")
            for key, cache in [("hit", shared), ("retrain", None)]:
                cache = cache or self.fresh_cache()
                s1, _ = run(["dotnet", "clean", project, "-c", "Release", "-nologo", "-v", "q"], env=env_for(REPROBUILD_CACHE=cache))
                s2, o = self.build(project, "--no-restore", cache=cache)
                r[key].append(s1 + s2)
                r.setdefault(key + "_clean", []).append(s1)
                r.setdefault(key + "_tasks", []).append({k: v for k, v in task_times(o).items() if k in self.tasks or k == "Csc"})
                if key == "hit":
                    r["hit_trained"].append("ReproBuild: trained" in o)
        r["clone"] = self.fresh_clone()
        return r

    def cache_landed(self):
        with open(os.path.join(REPO, "build", "ReproBuild.props")) as f:
            props = f.read()
        return "ReproBuildRemote" in props and "REPROBUILD_CACHE" in props

    def fresh_clone(self):
        """A git repository holding the sample's models and a big one, cloned and built with a warm or an empty remote."""
        origin = os.path.join(self.work, "origin")
        shutil.rmtree(origin, ignore_errors=True)
        os.makedirs(origin)
        shutil.copy(os.path.join(self.work, "nuget.config"), origin)
        write(os.path.join(origin, "Directory.Build.props"), "<Project />\n")
        write(os.path.join(origin, "Directory.Build.targets"), "<Project />\n")
        # The sample, as a user's project: its csproj with a PackageReference instead of the repository's wiring.
        sample = os.path.join(REPO, "samples", "Cancer")
        shutil.copytree(os.path.join(sample, "data"), os.path.join(origin, "Cancer", "data"))
        with open(os.path.join(sample, "Cancer.csproj")) as f:
            csproj = f.read()
        csproj = re.sub(r"<!--.*?-->\s*", "", csproj, flags=re.S)
        csproj = csproj.replace("  <ItemGroup>", f'  <ItemGroup>\n    <PackageReference Include="ReproBuild" Version="{self.version}" />\n  </ItemGroup>\n  <ItemGroup>', 1)
        write(os.path.join(origin, "Cancer", "Cancer.csproj"), csproj)
        rows = SIZES["train"][-1]
        os.makedirs(os.path.join(origin, "Big"))
        shutil.copy(self.train_csv(rows), os.path.join(origin, "Big", "train.csv"))
        self.project(os.path.join(origin, "Big", "Big.csproj"), self.model_items("train.csv", trees=BIG_TREES, name="Big"))
        write(os.path.join(origin, ".gitignore"), "bin/\nobj/\n.reprobuild/\n")
        git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "-c", "commit.gpgsign=false"]
        run(git + ["init", "-q", "-b", "main"], cwd=origin)
        run(git + ["add", "-A"], cwd=origin)
        run(git + ["commit", "-q", "-m", "benchmark repository"], cwd=origin)

        remote = os.path.join(self.work, "remote")
        shutil.rmtree(remote, ignore_errors=True)
        os.makedirs(remote)
        clones = 0

        def clone_and_build(name, remote_folder):
            nonlocal clones
            wait_quiet(f"clone {name} {clones}")
            clones += 1
            target = os.path.join(self.work, "clones", str(clones))
            shutil.rmtree(target, ignore_errors=True)
            started = time.perf_counter()
            run(["git", "clone", "-q", origin, target])
            _, o = run(["dotnet", "build", os.path.join(target, name, f"{name}.csproj"), "-c", "Release", "-nologo",
                        f"-p:ReproBuildRemote={remote_folder}"], env=env_for(REPROBUILD_CACHE=self.fresh_cache()))
            seconds = time.perf_counter() - started
            trainings = []
            for record in glob.glob(os.path.join(target, name, ".reprobuild", "runs", "*.json")):
                with open(record) as f:
                    trainings.append(json.load(f).get("durationSeconds"))
            return {"seconds": seconds, "trained": o.count("ReproBuild: trained"), "training_seconds": trainings}

        r = {"big_trees": BIG_TREES, "big_rows": rows}
        for name in ["Cancer", "Big"]:
            say(f"fresh clone: {name}, remote empty (trains, pushes) then warm (restores)")
            # The first build fills the shared remote, so it is one of the empty-remote measurements.
            empty = [clone_and_build(name, remote)]
            warm = [clone_and_build(name, remote)]
            if name == "Cancer":
                empty_remote = os.path.join(self.work, "remotes", f"empty-{os.getpid()}")
                shutil.rmtree(empty_remote, ignore_errors=True)
                os.makedirs(empty_remote)
                empty.append(clone_and_build(name, empty_remote))
                warm.append(clone_and_build(name, remote))
            r[name] = {"empty": empty, "warm": warm}
        return r

    # ----- 6: scale ---------------------------------------------------------------------------------------------
    def scale(self):
        """N tiny datasets and N models in one project: the no-op build and a build that restores every model from the
        local cache, against the same project without ReproBuild, for each N."""
        out = {}
        rows = open(self.train_csv(200)).read().splitlines()[:41]  # 40 rows: what the models read does not matter here
        for count in SIZES["scale"]:
            folder = os.path.join(self.work, "scale", f"N{count}")
            shutil.rmtree(folder, ignore_errors=True)
            items = []
            for i in range(count):
                write(os.path.join(folder, "data", f"d{i:04d}.csv"), "\n".join(rows) + "\n")
                items.append(f'    <Dataset Include="data/d{i:04d}.csv" Name="d{i:04d}" />\n'
                             f'    <Model Include="M{i:04d}" Dataset="d{i:04d}" Task="BinaryClassification" LabelColumn="label" '
                             f'Trainer="LbfgsLogisticRegression" Seed="{i}" TestFraction="0.25" Parameters="MaximumNumberOfIterations=10" />')
            with_rb = os.path.join(folder, "with", "Scale.csproj")
            without = os.path.join(folder, "without", "Scale.csproj")
            self.project(with_rb, "\n".join(i.replace('Include="data/', 'Include="../data/') for i in items))
            self.project(without, "\n".join(i.replace('Include="data/', 'Include="../data/') for i in items), reprobuild=False)
            cache = self.fresh_cache()
            say(f"scale: {count} datasets and {count} models: restore, train once, then no-op and restore-from-cache rounds")
            for project in [with_rb, without]:
                run(["dotnet", "restore", project], env=env_for())
            trained, o = self.build(with_rb, "--no-restore", cache=cache)
            self.build(without, "--no-restore", cache=cache)
            first_tasks = {k: v for k, v in task_times(o).items() if k in self.tasks or k == "Csc"}
            r = {"trained": o.count("ReproBuild: trained"), "first": trained, "first_tasks": first_tasks,
                 "noop": [], "noop_plain": [], "noop_tasks": [], "restore": [], "restore_plain": [], "restore_tasks": [], "restored": []}
            # The second build writes the no-op stamp (the first trained); measured rounds start after it.
            self.build(with_rb, "--no-restore", cache=cache)
            for round_ in range(ROUNDS):
                wait_quiet(f"scale {count} no-op {round_}")
                s, o = self.build(with_rb, "--no-restore", cache=cache)
                r["noop"].append(s)
                r["noop_tasks"].append({k: v for k, v in task_times(o).items() if k in self.tasks})
                s, _ = self.build(without, "--no-restore", cache=cache)
                r["noop_plain"].append(s)
            # One round at the largest count: its builds take tens of seconds and the suite has a budget.
            for round_ in range(CACHE_ROUNDS if count < max(SIZES["scale"]) else 1):
                # As a fresh clone with a warm local cache: no obj/ or bin/, every model restored from the cache. The
                # project without ReproBuild compiles from the same clean state.
                for project in [with_rb, without]:
                    for sub in ["bin", os.path.join("obj", "Release")]:
                        shutil.rmtree(os.path.join(os.path.dirname(project), sub), ignore_errors=True)
                wait_quiet(f"scale {count} restore {round_}")
                s, o = self.build(with_rb, "--no-restore", cache=cache)
                r["restore"].append(s)
                r["restored"].append(o.count("ReproBuild: restored "))
                r["restore_tasks"].append({k: v for k, v in task_times(o).items() if k in self.tasks or k == "Csc"})
                s, o = self.build(without, "--no-restore", cache=cache)
                r["restore_plain"].append(s)
                r["restore_plain_csc"] = task_times(o).get("Csc", 0.0)
            out[str(count)] = r
            shutil.rmtree(folder, ignore_errors=True)
        return out

    # ----- 6b: time to the first model ---------------------------------------------------------------------------
    def first_model(self):
        """The README's main command on a fresh clone of this repository, with an empty model cache: restore and the
        build of ReproBuild itself (the samples use it from source) measured first, apart; then `dotnet run --project
        samples/Cancer.Predict`, timed to the first model file under obj/ and to its end."""
        clone = os.path.join(self.work, "first-model")
        shutil.rmtree(clone, ignore_errors=True)
        run(["git", "clone", "-q", "--no-hardlinks", REPO, clone])
        env = env_for(REPROBUILD_CACHE=self.fresh_cache())
        restore, _ = run(["dotnet", "restore", "samples/Cancer.Predict"], cwd=clone, env=env)
        # ReproBuild itself, from source, as the samples use it (what the package brings a user's project).
        compile_only, _ = run(["dotnet", "build", "src/ReproBuild.Tasks/ReproBuild.Tasks.csproj", "--no-restore"], cwd=clone, env=env)
        wait_quiet("first model")
        started = time.perf_counter()
        process = subprocess.Popen(["dotnet", "run", "--project", "samples/Cancer.Predict", "--no-restore"], cwd=clone, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        first = None
        while process.poll() is None:
            if first is None and glob.glob(os.path.join(clone, "samples", "*", "obj", "*", "*", "reprobuild", "models", "*", "model.zip")):
                first = time.perf_counter() - started
            time.sleep(0.02)
        total = time.perf_counter() - started
        output = process.stdout.read()
        if process.returncode != 0:
            say(f"dotnet run failed ({process.returncode}):\n{output[-4000:]}")
            raise SystemExit(1)
        models = sorted(os.path.basename(os.path.dirname(f)) for f in glob.glob(
            os.path.join(clone, "samples", "*", "obj", "*", "*", "reprobuild", "models", "*", "model.zip")))
        shutil.rmtree(clone, ignore_errors=True)
        return {"restore": restore, "compile": compile_only, "first_model": first, "total": total,
                "printed": output.count("\n"), "trained": models}

    # ----- 7: serving -----------------------------------------------------------------------------------------------
    def serving(self):
        say("serving: benchmarks/serving.sh")
        env = env_for(ROUNDS=str(ROUNDS), SECONDS_PER_RUN="2" if QUICK else "10", SERVING_COMMAND="bash benchmarks/run.sh")
        seconds, _ = run(["bash", os.path.join(REPO, "benchmarks/serving.sh")], env=env)
        # serving.sh writes its own section of the doc (report.py keeps it) and leaves its results here.
        with open(os.path.join(tempfile.gettempdir(), "reprobuild-serving-results.json")) as f:
            return {"seconds": seconds, **json.load(f)}


def main():
    if "--report-only" in sys.argv:
        with open(sys.argv[sys.argv.index("--report-only") + 1]) as f:
            results = json.load(f)
    elif "--only" in sys.argv:
        # One stage again, into the results of an earlier run whose work folder was kept (KEEP_WORK=1).
        stage, file = sys.argv[sys.argv.index("--only") + 1], sys.argv[sys.argv.index("--only") + 2]
        with open(file) as f:
            results = json.load(f)
        bench = Bench(results["work"])
        bench.version = results["version"]
        run(["dotnet", "build", "tests/ReproBuild.Benchmarks/ReproBuild.Benchmarks.csproj", "-c", "Release", "-nologo", "-v", "q"], cwd=REPO)
        results[stage] = getattr(bench, stage)()
        results.setdefault("rerun", []).append({"stage": stage, "at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                                                "conditions": CONDITIONS})
        write(file, json.dumps(results, indent=1))
    else:
        work = os.environ.get("REPROBUILD_BENCH_WORK") or tempfile.mkdtemp(prefix="reprobuild-bench.")
        os.makedirs(work, exist_ok=True)
        bench = Bench(work)
        results = {"quick": QUICK, "rounds": ROUNDS, "version": bench.version, "work": work, "wait": WAIT,
                   "started_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                   "commit": subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip(),
                   "dirty": subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--", "src", "build"], capture_output=True, text=True).stdout.strip()}
        try:
            bench.setup()
            results["setup_seconds"] = time.time() - STARTED
            results["setup_steps"] = bench.setup_steps
            results["stage_seconds"] = {}
            for key, stage in [("noop", bench.noop), ("hashing", bench.hashing), ("training", bench.training), ("cache", bench.cache),
                               ("scale", bench.scale), ("first_model", bench.first_model), ("validation", bench.validation),
                               ("serving", bench.serving)]:
                began, waited_before = time.time(), waited_so_far()
                results[key] = stage()
                waited = waited_so_far() - waited_before + sum(c[4] for c in results[key].get("conditions", []) if key == "validation")
                results["stage_seconds"][key] = {"seconds": round(time.time() - began, 1), "waited": round(waited, 1)}
                say(f"stage {key}: {time.time() - began:.0f} s")
                results["conditions"] = CONDITIONS
                write(os.path.join(work, "results.json"), json.dumps(results, indent=1))
        finally:
            results["total_seconds"] = time.time() - STARTED
            results["conditions"] = CONDITIONS
            write(os.path.join(work, "results.json"), json.dumps(results, indent=1))
            # Kept after the work folder is gone: `run.py --report-only <file>` rewrites the doc from it.
            kept = os.path.join(tempfile.gettempdir(), "reprobuild-bench-results.json")
            write(kept, json.dumps(results, indent=1))
            say(f"results in {kept}")
            packages = os.environ.get("NUGET_PACKAGES") or os.path.expanduser("~/.nuget/packages")
            for package in ["reprobuild", "reprobuild.runtime"]:
                for version in [bench.version, bench.before_version]:
                    shutil.rmtree(os.path.join(packages, package, version), ignore_errors=True)
                try:
                    os.rmdir(os.path.join(packages, package))  # only when no other version is there
                except OSError:
                    pass
            if os.environ.get("KEEP_WORK") != "1" and not os.environ.get("REPROBUILD_BENCH_WORK"):
                shutil.rmtree(work, ignore_errors=True)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import report
    report.write(results, os.path.join(REPO, "docs", "benchmarks.md"))


if __name__ == "__main__":
    main()
