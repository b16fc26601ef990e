#!/usr/bin/env bash
# Benchmark: from launching 'proctor take CLF-C02' to the first question on screen, with N generated
# questions (default 100,000) and the shipped banks in the database, RUNS times (default 10),
# against launching 'proctor --help' to its exit in the same run (tools/bench_start.cc). Also
# --plain through pipes. Not a test: run it by hand.
#   tools/bench_start.sh [N] [RUNS]
# BUILD_DIR selects the build directory (default build); TMPDIR where the bank and database go.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
runs=${2:-10}
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROCTOR_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$build" --target proctor proctor_gen_bank proctor_bench_start >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "reproduce: BUILD_DIR=$build tools/bench_start.sh $n $runs"
echo "source: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- engine cli 2>/dev/null || echo " + uncommitted engine/cli changes (diff sha1 $(git diff HEAD -- engine cli | sha1sum | cut -c1-8))"), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
mkdir "$work/home"
export HOME="$work/home" XDG_DATA_HOME="$work/home"  # no banks folder, no personal settings
unset PROCTOR_DB
"$build/proctor_gen_bank" "$n" "$work/bank.json" CLF-C02
"$build/proctor" exams --db "$work/start.db" >/dev/null   # the shipped banks, imported on first use
"$build/proctor" import --db "$work/start.db" "$work/bank.json" >/dev/null
rm -f "$work/bank.json"
echo "setup (outside the timing): $n generated CLF-C02 questions and the shipped banks imported"
"$build/proctor_bench_start" "$build/proctor" "$work/start.db" "$runs" CLF-C02
