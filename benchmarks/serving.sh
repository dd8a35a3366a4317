#!/usr/bin/env bash
# Serving throughput: ReproBuild.Serving against the seed's deployment — a Flask app under gunicorn with a
# scikit-learn RandomForestClassifier(n_estimators=50, max_depth=4) — on the sample's binary dataset, side by side,
# both loaded by wrk at fixed concurrency in interleaved rounds. Writes the "Serving" section of docs/benchmarks.md.
#
# Usage (from anywhere): bash benchmarks/serving.sh
# Environment: ROUNDS (rounds, default 3), SECONDS_PER_RUN (each wrk run, default 10), CONNECTIONS (default 16),
# WORKERS (gunicorn workers, and the cores both servers may use, default 2), SKIP_BUILD=1 (the caller built
# benchmarks/Serving/Forest.Serve in Release), SERVING_COMMAND (the command the report names).
# About 3 minutes; needs root (or sudo) only to install what is missing: wrk, python3-flask, python3-gunicorn,
# python3-sklearn, util-linux (taskset). Not part of `dotnet test`; no test asserts a time.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python=/usr/bin/python3 # Debian's Flask, gunicorn and scikit-learn are for this interpreter.
say() { echo "[serving.sh] $*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}
command -v wrk >/dev/null || { say "installing wrk"; apt_install wrk; }
"$python" -c 'import flask' 2>/dev/null || { say "installing python3-flask"; apt_install python3-flask; }
"$python" -c 'import gunicorn' 2>/dev/null || { say "installing python3-gunicorn"; apt_install python3-gunicorn; }
"$python" -c 'import sklearn' 2>/dev/null || { say "installing python3-sklearn"; apt_install python3-sklearn; }
command -v taskset >/dev/null || { say "installing util-linux (taskset)"; apt_install util-linux; }
command -v dotnet >/dev/null || { say "dotnet is not on PATH"; exit 1; }

project="$repo/benchmarks/Serving/Forest.Serve/Forest.Serve.csproj"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  say "building $project (Release): trains the Forest model"
  dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly
fi

exec "$python" "$repo/benchmarks/serving_bench.py" "$repo/benchmarks/Serving/Forest.Serve/bin/Release/net10.0/Forest.Serve.dll"
