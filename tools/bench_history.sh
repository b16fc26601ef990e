#!/usr/bin/env bash
# Benchmark: proctor history and stats on a database of N finished exam attempts (default 10,000),
# each command RUNS times (default 5). Prints every run's wall time and the median. Not a test.
#   tools/bench_history.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${2:-5}
command -v /usr/bin/time >/dev/null || { echo "bench_history: needs GNU time (apt-get install time)" >&2; exit 1; }
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROCTOR_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build --target proctor proctor_gen_history >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build/proctor_gen_history "$n" "$work/history.db"
echo "database: $n attempts, $(($(stat -c %s "$work/history.db") / 1048576)) MiB"
for cmd in "history" "history --json" "stats CLF-C02" "stats CLF-C02 --items"; do
  times=()
  for _ in $(seq 1 "$runs"); do
    times+=("$( { /usr/bin/time -f "%e" build/proctor $cmd --db "$work/history.db" >/dev/null; } 2>&1 | tail -1)")
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  echo "$cmd: $(echo $sorted) (median $(echo "$sorted" | sed -n "$(((runs + 1) / 2))p") s)"
done
