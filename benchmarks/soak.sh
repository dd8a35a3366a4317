#!/usr/bin/env bash
# The long soak: builds killed with SIGKILL at random moments, each followed by a normal build whose models, lock
# file, cache and processes are checked against clean builds of the same inputs (SoakTests in the integration
# tests; the normal test run does 3 trials).
#
# Usage (from anywhere): bash benchmarks/soak.sh [trials]      default 40 trials, about 15 minutes on 2 cores
# REPROBUILD_SOAK_SEED=<n> replays a run (the seed is printed); the full log goes to $TMPDIR/reprobuild-soak.log.
# Exits non-zero when any trial broke an invariant; every violation is listed in the log and in the test's message.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log="${TMPDIR:-/tmp}/reprobuild-soak.log"
cd "$repo"

REPROBUILD_SOAK_TRIALS=${1:-40} dotnet test tests/ReproBuild.IntegrationTests --filter FullyQualifiedName~SoakTests \
  --logger "console;verbosity=detailed" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

echo
echo "== soak summary (full log: $log) =="
# The test's own lines (after "TestContext Messages:"): one per trial, its violations indented below it, then totals.
awk '/TestContext Messages:/ { on = 1 } on' "$log" | grep -E '^\s*SOAK |^\s+\[[0-9] ' | sed 's/^ //'
if ! grep -q 'SOAK RESULT:' "$log"; then
  echo "The soak did not get to its result: see $log."
fi
exit "$status"
