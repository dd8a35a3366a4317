#!/usr/bin/env bash
# ReproBuild's benchmark suite: every figure of docs/benchmarks.md, each ratio measured side by side in this one run.
#
# Usage (from anywhere): bash benchmarks/run.sh
# About 12 minutes on a quiet 2-core machine (the budget is 15; "The run" in docs/benchmarks.md says where they go);
# needs about 6 GB of free disk under $TMPDIR (generated data, deleted at the end) and root (or sudo) only to install
# what is missing: xxhash (xxhsum), python3-pandas, util-linux (taskset), git; the serving stage (benchmarks/serving.sh,
# about 3 minutes more) adds wrk, python3-flask, python3-gunicorn and python3-sklearn.
# Environment: ROUNDS (rounds of each side-by-side measurement, default 3), MAX_WAIT / WAIT_BUDGET (the bounded wait
# for a quiet CPU before each round: at most 10 s a round, 60 s a run), REPROBUILD_BENCH_WORK (a work folder to
# keep and reuse), KEEP_WORK=1 (keep the temporary work folder). `bash benchmarks/run.sh --quick` tries the whole
# script with tiny sizes (its figures mean nothing). Not part of `dotnet test`; no test asserts a time.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python=/usr/bin/python3 # Debian's pandas is for this interpreter; the python3 first on PATH may lack it.
say() { echo "[run.sh] $*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}
command -v xxhsum >/dev/null || { say "installing xxhash (xxhsum)"; apt_install xxhash; }
"$python" -c 'import pandas' 2>/dev/null || { say "installing python3-pandas"; apt_install python3-pandas; }
command -v taskset >/dev/null || { say "installing util-linux (taskset)"; apt_install util-linux; }
command -v git >/dev/null || { say "installing git"; apt_install git; }
command -v dotnet >/dev/null || { say "dotnet is not on PATH"; exit 1; }
if (( $(nproc) < 2 )); then say "warning: $(nproc) core(s); the two-core figures need two"; fi

exec "$python" "$repo/benchmarks/run.py" "$@"
