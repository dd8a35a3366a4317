"""Measures ReproBuild.Serving against Flask under gunicorn and writes the "Serving" section of docs/benchmarks.md.
Started by benchmarks/serving.sh (which installs and builds what it needs); see there for the environment variables.

Both servers run at once for the whole run, each restricted to the same WORKERS cores (gunicorn with WORKERS sync
workers; Kestrel one process), and answer the same bodies: one row (a JSON object keyed by column name) and a batch of
100 rows (an array of them) of samples/Cancer/data/cancer.csv. wrk loads one server at a time at CONNECTIONS
connections for SECONDS_PER_RUN seconds, in interleaved rounds (each case once per round, so that a drift in the speed
of this shared machine hits both sides alike); figures are medians of the rounds. Peak memory is the peak resident set
(VmHWM) of the server's processes, summed over gunicorn's master and workers.
"""
import csv
import datetime
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
SECONDS = int(os.environ.get("SECONDS_PER_RUN", "10"))
CONNECTIONS = int(os.environ.get("CONNECTIONS", "16"))
WORKERS = int(os.environ.get("WORKERS", "2"))
COMMAND = os.environ.get("SERVING_COMMAND", "bash benchmarks/serving.sh")
PYTHON = "/usr/bin/python3"
STARTED = time.time()


def say(message):
    print(f"[serving_bench.py {time.time() - STARTED:5.0f} s] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url, body):
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def wait_until_answering(url, body, process, what):
    deadline = time.time() + 120
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} exited with {process.returncode}")
        try:
            return post(url, body)
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{what} did not answer within 120 s")


def peak_rss_mib(pid):
    """VmHWM of the process and its children (gunicorn's workers), in MiB."""
    pids = [pid]
    try:
        pids += [int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()]
    except OSError:
        pass
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
        except (OSError, StopIteration):
            pass
    return total / 1024


def to_ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url, script, seconds):
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "-s", script, url],
                         capture_output=True, text=True, check=True).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)$", out, re.M)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": to_ms(percentiles["50"]), "p99": to_ms(percentiles["99"]),
            "non2xx": int(errors.group(1)) if errors else 0, "socket_errors": socket_errors.group(1) if socket_errors else "",
            "requests": int(re.search(r"(\d+) requests in", out).group(1))}


def main():
    serve_dll = sys.argv[1]
    work = tempfile.mkdtemp(prefix="reprobuild-serving.")
    processes = []
    try:
        with open(os.path.join(REPO, "samples", "Cancer", "data", "cancer.csv"), newline="") as f:
            rows = [{k: float(v) for k, v in r.items() if k != "diagnosis"} for r in csv.DictReader(f)]
        bodies = {"single": json.dumps(rows[0]).encode(), "batch": json.dumps(rows[:100]).encode()}
        scripts = {}
        for case, body in bodies.items():
            with open(os.path.join(work, f"{case}.json"), "wb") as f:
                f.write(body)
            scripts[case] = os.path.join(work, f"{case}.lua")
            with open(scripts[case], "w") as f:
                f.write(f'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                        f'local file = io.open("{work}/{case}.json", "rb")\nwrk.body = file:read("*a")\nfile:close()\n')

        say("training the scikit-learn forest")
        model = os.path.join(work, "forest.pkl")
        subprocess.run([PYTHON, os.path.join(REPO, "benchmarks", "Serving", "flask_app.py"), "train", model], check=True)

        cores = ",".join(str(c) for c in range(WORKERS))
        flask_port, ours_port = free_port(), free_port()
        flask = subprocess.Popen(["taskset", "-c", cores, PYTHON, "-m", "gunicorn", "-w", str(WORKERS), "-b", f"127.0.0.1:{flask_port}",
                                  "--chdir", os.path.join(REPO, "benchmarks", "Serving"), "--log-level", "warning", "flask_app:app"],
                                 env={**os.environ, "SKLEARN_MODEL": model}, stdout=subprocess.DEVNULL)
        processes.append(flask)
        ours = subprocess.Popen(["taskset", "-c", cores, "dotnet", serve_dll, "--urls", f"http://127.0.0.1:{ours_port}"],
                                env={**os.environ, "DOTNET_gcServer": "0", "ASPNETCORE_ENVIRONMENT": "Production"}, stdout=subprocess.DEVNULL)
        processes.append(ours)
        urls = {"flask": f"http://127.0.0.1:{flask_port}/predict", "reprobuild": f"http://127.0.0.1:{ours_port}/models/Forest/predict"}
        answers = {}
        for side, process in [("flask", flask), ("reprobuild", ours)]:
            wait_until_answering(urls[side], bodies["single"], process, side)
            answers[side] = post(urls[side], bodies["batch"])["predictions"]
        agree = sum(1 for a, b in zip(answers["flask"], answers["reprobuild"]) if a["predictedLabel"] == b["predictedLabel"])
        truth = [r["diagnosis"] == "malignant" for r in csv.DictReader(open(os.path.join(REPO, "samples", "Cancer", "data", "cancer.csv"), newline=""))][:100]
        correct = {side: sum(1 for a, t in zip(answers[side], truth) if a["predictedLabel"] == t) for side in answers}

        say("warming up both servers")
        for case in bodies:
            for side in urls:
                wrk(urls[side], scripts[case], 3)

        measurements = {f"{side}/{case}": [] for case in bodies for side in urls}
        conditions = []
        for round_ in range(1, ROUNDS + 1):
            for case in bodies:
                for side in urls:
                    load = os.getloadavg()[0]
                    result = wrk(urls[side], scripts[case], SECONDS)
                    measurements[f"{side}/{case}"].append(result)
                    conditions.append([f"{round_}:{side}/{case}", round(load, 2)])
                    say(f"round {round_} {side}/{case}: {result['rps']:.0f} req/s, p50 {result['p50']:.2f} ms, p99 {result['p99']:.2f} ms")
        memory = {"flask": peak_rss_mib(flask.pid), "reprobuild": peak_rss_mib(ours.pid)}
        results = {"rounds": ROUNDS, "seconds": SECONDS, "connections": CONNECTIONS, "workers": WORKERS, "measurements": measurements,
                   "memory_mib": memory, "agree": agree, "correct": correct, "conditions": conditions,
                   "at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                   "commit": subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip(),
                   "wrk": subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "wrk"], capture_output=True, text=True).stdout,
                   "flask": subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "python3-flask"], capture_output=True, text=True).stdout,
                   "gunicorn": subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "python3-gunicorn"], capture_output=True, text=True).stdout,
                   "sklearn": subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "python3-sklearn"], capture_output=True, text=True).stdout}
        kept = os.path.join(tempfile.gettempdir(), "reprobuild-serving-results.json")
        with open(kept, "w") as f:
            json.dump(results, f, indent=1)
        say(f"results in {kept}")
        write_section(results, os.path.join(REPO, "docs", "benchmarks.md"))
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        subprocess.run(["rm", "-rf", work])


def write_section(results, path):
    med = lambda side, case, key: statistics.median(m[key] for m in results["measurements"][f"{side}/{case}"])
    out = ["## Serving", ""]
    out.append(f"ReproBuild.Serving against the seed's deployment, side by side in one run of `{COMMAND}` ({results['at']}, commit "
               f"{results['commit']}): a Flask app ({results['flask']}) under gunicorn ({results['gunicorn']}, {results['workers']} sync "
               f"workers) with scikit-learn's ({results['sklearn']}) `RandomForestClassifier(n_estimators=50, max_depth=4)`, against "
               f"`benchmarks/Serving/Forest.Serve` — `AddReproBuildServing` and `MapReproBuildServing`, nothing else — with a FastForest "
               f"of 50 trees of at most 16 leaves, both trained on samples/Cancer/data/cancer.csv. Each server may use the same "
               f"{results['workers']} cores (`taskset`); wrk ({results['wrk']}) loads one at a time with {results['connections']} "
               f"connections for {results['seconds']} s, the bodies are the same (one row as a JSON object keyed by column name, or an "
               f"array of 100 rows), and the cases run in {results['rounds']} interleaved rounds after a 3 s warm-up of each; figures "
               "are medians of the rounds, and wrk shares the two cores with the server it loads. ReproBuild.Serving checks every "
               "value against the dataset's Table Schema before it scores; the Flask app checks nothing.")
    out.append("")
    out.append("| request | server | requests/s | p50 latency | p99 latency | peak memory |")
    out.append("|---|---|---:|---:|---:|---:|")
    for case, label in [("single", "one row"), ("batch", "100 rows")]:
        for side, name in [("flask", "Flask + gunicorn"), ("reprobuild", "ReproBuild.Serving")]:
            out.append(f"| {label} | {name} | {med(side, case, 'rps'):,.0f} | {med(side, case, 'p50'):.2f} ms | "
                       f"{med(side, case, 'p99'):.2f} ms | {results['memory_mib'][side]:.0f} MiB |")
    out.append("")
    single = med("reprobuild", "single", "rps") / med("flask", "single", "rps")
    batch = med("reprobuild", "batch", "rps") / med("flask", "batch", "rps")
    p99 = med("reprobuild", "single", "p99")
    out.append(f"- Throughput, ReproBuild.Serving over Flask: **{single:.1f}×** for one row, **{batch:.1f}×** for 100 rows "
               f"(goal ≥ 10×: {'met' if single >= 10 else 'not met'} for one row). p99 for one row: **{p99:.2f} ms** "
               f"(goal < 5 ms: {'met' if p99 < 5 else 'not met'}).")
    rounds = lambda side, case: ", ".join(f"{m['rps']:,.0f}" for m in results["measurements"][f"{side}/{case}"])
    out.append(f"- Each round's requests/s — one row: Flask {rounds('flask', 'single')}; ReproBuild.Serving {rounds('reprobuild', 'single')}. "
               f"100 rows: Flask {rounds('flask', 'batch')}; ReproBuild.Serving {rounds('reprobuild', 'batch')}.")
    errors = sum(m["non2xx"] for ms in results["measurements"].values() for m in ms)
    out.append(f"- Every answer was 200 ({errors} others); peak memory is the servers' peak resident set over the whole run "
               "(gunicorn's master and workers summed; Kestrel with workstation GC).")
    out.append(f"- The two forests are different models of the same data: on the 100 rows of the batch they agree on "
               f"{results['agree']}, and are right on {results['correct']['flask']} (scikit-learn) and {results['correct']['reprobuild']} "
               "(ReproBuild) — the rows are training rows for both.")
    loads = [c[1] for c in results["conditions"]]
    out.append(f"- Conditions: 1-minute load average {min(loads):.1f}–{max(loads):.1f} when a measurement started (the two "
               "servers idle in between; other users of this shared machine count too).")
    out.append("")
    section = "\n".join(out)
    text = open(path).read() if os.path.exists(path) else "# Benchmarks\n"
    pattern = re.compile(r"^## Serving\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _: section + "\n", text, count=1) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    with open(path, "w") as f:
        f.write(text)
    say(f"wrote the Serving section of {path}")


if __name__ == "__main__":
    main()
