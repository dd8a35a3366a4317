#!/usr/bin/env bash
# Validation throughput: DatasetInspector.Inspect against a raw Sep parse and pandas read_csv of the same file, and
# a breakdown of where validation's time goes. Writes the "Validation" section of docs/benchmarks.md.
#
# Usage (from anywhere): bash benchmarks/validation.sh [megabytes]
#   megabytes  size of the generated CSV in MiB (default 1024: 1.07 GB).
# Environment: ROUNDS (separate processes per measurement, default 3), MAX_WAIT (seconds to wait for a quiet machine
# before each measurement, default 900), QUIET_BUSY_PERCENT (CPU busy % that counts as quiet, default 15),
# KEEP_RESULTS (a folder to copy the raw JSON results into), BREAKDOWN_ROUNDS (rounds of the breakdown measurements,
# default ROUNDS), WARMUP_MIB (size of the warm-up file, default 64), WARMUP_SECONDS (least warm-up time per process,
# default 3), WAIT_BUDGET (seconds of waiting for a quiet machine over the whole script, default unbounded),
# SKIP_BUILD=1 (the caller built tests/ReproBuild.Benchmarks in Release), VALIDATION_COMMAND (the command the report names),
# MEMORY_MIB (the file sizes in MiB whose peak memory is measured, default "256 1024"; empty to skip).
# Takes about 10-15 minutes on a quiet 2-core machine; needs root (or sudo) only to install missing packages.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
megabytes="${1:-1024}"
rounds="${ROUNDS:-3}"
breakdown_rounds="${BREAKDOWN_ROUNDS:-$rounds}"
warmup_mib="${WARMUP_MIB:-64}"
warmup_seconds="${WARMUP_SECONDS:-3}"
max_wait="${MAX_WAIT:-900}"
wait_budget="${WAIT_BUDGET:-}"
waited_total=0
quiet_busy="${QUIET_BUSY_PERCENT:-15}"
python=/usr/bin/python3 # Debian's pandas is for this interpreter; the python3 first on PATH may lack it.
started=$SECONDS

say() { echo "[validation.sh] $*" >&2; }

# (a) What it needs, installed when missing.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}
if ! "$python" -c 'import pandas' 2>/dev/null; then
  say "installing python3-pandas"
  apt_install python3-pandas
fi
if ! command -v taskset >/dev/null; then
  say "installing util-linux (taskset)"
  apt_install util-linux
fi
command -v dotnet >/dev/null || { say "dotnet is not on PATH"; exit 1; }

# (b) The benchmark, in Release.
project="$repo/tests/ReproBuild.Benchmarks/ReproBuild.Benchmarks.csproj"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  say "building $project (Release)"
  dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly
fi
bench=(dotnet "$repo/tests/ReproBuild.Benchmarks/bin/Release/net10.0/ReproBuild.Benchmarks.dll")

# (c) The data, in a temporary folder outside the repository, deleted at the end.
work="$(mktemp -d "${TMPDIR:-/tmp}/reprobuild-validation.XXXXXX")"
trap 'rm -rf "$work"' EXIT
memory_mib="${MEMORY_MIB-256 1024}"
largest_memory=$(printf '%s\n' 0 $memory_mib | sort -n | tail -1)
needed=$(( (megabytes + 64 + largest_memory) * 1024 * 1024 + 100 * 1024 * 1024 ))
free=$(( $(df -Pk "$work" | awk 'NR==2 {print $4}') * 1024 ))
if (( free < needed )); then say "not enough space in $work: $free bytes free, $needed needed"; exit 1; fi
say "generating ${megabytes} MiB and a ${warmup_mib} MiB warm-up file in $work"
"${bench[@]}" generate "$work/data.csv" "$megabytes"
"${bench[@]}" generate "$work/warmup.csv" "$warmup_mib"
cat "$work/data.csv" "$work/warmup.csv" > /dev/null # into the page cache

# A measurement waits until no CI run is going and the CPU is idle (both cores), up to MAX_WAIT seconds.
busy_percent() { # share of both CPUs busy over half a second
  local _ u n s i w q sq st t1 i1 t2 i2
  read -r _ u n s i w q sq st _ < /proc/stat; t1=$((u + n + s + i + w + q + sq + st)); i1=$((i + w))
  sleep 0.5
  read -r _ u n s i w q sq st _ < /proc/stat; t2=$((u + n + s + i + w + q + sq + st)); i2=$((i + w))
  echo $(( 100 * ((t2 - t1) - (i2 - i1)) / (t2 - t1 > 0 ? t2 - t1 : 1) ))
}
ci_running() {
  # A CI run works in another clone named ci-clone; never count this script's own clone.
  [[ "$repo" == *ci-clone* ]] && return 1
  pgrep -f "ci-clone" >/dev/null
}
: > "$work/conditions.tsv"
wait_for_quiet() {
  local label="$1" waited=0 busy reason timed_out=no
  while :; do
    busy=$(busy_percent)
    if ci_running; then reason="a CI run (ci-clone) is running"
    elif (( busy >= quiet_busy )); then reason="the CPU is ${busy}% busy"
    else break
    fi
    if (( waited >= max_wait )) || { [ -n "$wait_budget" ] && (( waited_total + waited >= wait_budget )); }; then
      say "warning: measuring $label although $reason (waited ${waited} s)"
      timed_out=yes
      break
    fi
    (( waited % 60 == 0 )) && say "waiting before $label: $reason"
    sleep 2; waited=$((waited + 2))
  done
  waited_total=$((waited_total + waited))
  printf '%s\t%s\t%s\t%s\t%s\n' "$round:$label" "$busy" "$(cut -d' ' -f1-3 /proc/loadavg)" "$timed_out" "$waited" >> "$work/conditions.tsv"
}

results="$work/results.jsonl"
: > "$results"
measure() { # label, command...
  local label="$1"; shift
  wait_for_quiet "$label"
  say "round $round: measuring $label"
  "$@" --label "$label" >> "$results"
}

csv="$work/data.csv"
schema="$work/data.schema.json"
# Each process warms up (passes over the warm-up file, at least 2 and WARMUP_SECONDS), then times one run over the measured
# file. The runtime keeps its defaults but for one: the JIT starts promoting hot methods at once instead of after a
# 100 ms quiet spell, which a busy loop keeps putting off for seconds; warm figures are then warm from the first
# timed run. The cold rows below run with every default.
warm=(--warmup "$work/warmup.csv" --warmup-seconds "$warmup_seconds" --runs 1)
pandas_warm=(--warmup "$work/warmup.csv" --runs 1) # pandas: one warm-up read
hot=(env DOTNET_TC_CallCountingDelayMs=0)
one=("${hot[@]}" taskset -c 0)

# (d) Every measurement is a separate process, run once per round, in interleaved rounds: a drift in the speed of
# this shared machine hits every measurement alike. The report takes the median of the rounds.
for round in $(seq 1 "$rounds"); do
  # Side by side: validation, raw parse and pandas on one core, validation on both cores.
  measure validate-1core "${one[@]}" "${bench[@]}" validate "$csv" "$schema" "${warm[@]}"
  measure parse-1core "${one[@]}" "${bench[@]}" parse "$csv" "${warm[@]}"
  measure pandas-1core "${one[@]}" "$python" "$repo/benchmarks/pandas_read_csv.py" "$csv" "${pandas_warm[@]}"
  measure validate-2core "${hot[@]}" "${bench[@]}" validate "$csv" "$schema" "${warm[@]}"
  measure parse-2core "${hot[@]}" "${bench[@]}" parse "$csv" "${warm[@]}"
  (( round > breakdown_rounds )) && continue
  # The breakdown, one core.
  measure sha256 "${one[@]}" "${bench[@]}" sha256 "$csv" "${warm[@]}"
  measure tokenize "${one[@]}" "${bench[@]}" parse "$csv" --tokenize-only "${warm[@]}"
  measure parse+sha256 "${one[@]}" "${bench[@]}" parse "$csv" --hash "${warm[@]}"
  measure parse+profile "${one[@]}" "${bench[@]}" parse "$csv" --profile "${warm[@]}"
  measure check-types "${one[@]}" "${bench[@]}" check "$csv" "$work/data.types.schema.json" "${warm[@]}"
  measure check-full "${one[@]}" "${bench[@]}" check "$csv" "$schema" "${warm[@]}"
  measure validate-types "${one[@]}" "${bench[@]}" validate "$csv" "$work/data.types.schema.json" "${warm[@]}"
done
# Once: as a build runs it, a fresh engine process with every runtime default validating a file with no warm-up,
# the big one and the 64 MiB one; and the per-call costs.
round=once
measure validate-cold-1core taskset -c 0 "${bench[@]}" validate "$csv" "$schema" --runs 1
measure validate-cold-small-1core taskset -c 0 "${bench[@]}" validate "$work/warmup.csv" "$work/warmup.schema.json" --runs 1
measure micro "${one[@]}" "${bench[@]}" micro "$csv" "$schema"
# Peak memory (VmHWM) of a fresh process validating a file once, as the engine does (both cores, runtime defaults), at
# two sizes: validation streams, so it should not grow with the file. Each file is generated, measured and deleted.
for mib in $memory_mib; do
  "${bench[@]}" generate "$work/memory.csv" "$mib"
  measure "memory-${mib}" "${bench[@]}" validate "$work/memory.csv" "$work/memory.schema.json" --runs 1
  rm -f "$work"/memory.*
done

# (e) The report.
command="bash benchmarks/validation.sh"
[ "$#" -gt 0 ] && command="$command $*"
command="${VALIDATION_COMMAND:-$command}"
mkdir -p "$repo/docs"
"$python" "$repo/benchmarks/validation_report.py" "$results" "$work/conditions.tsv" "$repo/docs/benchmarks.md" "$command"
if [ -n "${KEEP_RESULTS:-}" ]; then # a folder to keep the raw results in
  mkdir -p "$KEEP_RESULTS" && cp "$results" "$work/conditions.tsv" "$KEEP_RESULTS/"
fi
say "wrote the Validation section of $repo/docs/benchmarks.md in $((SECONDS - started)) s"
