#!/usr/bin/env bash
# Benchmark: import a generated native bank of N questions (default 100,000) into a fresh database,
# RUNS times (default 3). Prints each run's wall time, questions per second and peak memory
# (maximum resident set size, from GNU time), then the median. Not a test: run it by hand.
#   tools/bench_import.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
runs=${2:-3}
command -v /usr/bin/time >/dev/null || { echo "bench_import: needs GNU time (apt-get install time)" >&2; exit 1; }
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target proctor proctor_gen_bank >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build/proctor_gen_bank "$n" "$work/bank.json"
size=$(stat -c %s "$work/bank.json")
build/proctor exams --db "$work/base.db" >/dev/null   # schema and shipped banks, outside the timing
echo "bank: $n questions, $((size / 1048576)) MiB"
results=()
for i in $(seq 1 "$runs"); do
  cp "$work/base.db" "$work/run.db"
  line=$( { /usr/bin/time -f "%e %M" build/proctor import --db "$work/run.db" "$work/bank.json" >/dev/null; } 2>&1 | tail -1)
  secs=${line% *}
  kib=${line#* }
  qps=$(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%d", n / s }')
  ratio=$(awk -v k="$kib" -v b="$size" 'BEGIN { printf "%.1f", k * 1024 / b }')
  echo "run $i: ${secs} s, ${qps} questions/s, peak $((kib / 1024)) MiB (${ratio}x the file)"
  results+=("$secs $qps $kib")
  rm -f "$work/run.db" "$work/run.db-wal" "$work/run.db-shm"
done
printf '%s\n' "${results[@]}" | sort -n | awk -v mid=$(((runs + 1) / 2)) 'NR == mid { printf "median: %s s, %s questions/s, peak %d MiB\n", $1, $2, $3 / 1024 }'
