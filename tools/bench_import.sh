#!/usr/bin/env bash
# Benchmark: import a generated native bank of N questions (default 100,000) into a fresh database,
# RUNS times (default 3), against a baseline in the same run: the sqlite3 command-line shell's
# `.import` of the same questions as CSV rows (bank_id, id, exam, domain, type, and the question's
# JSON text as body: the same data) into a new table of a copy of the same database. Prints each
# run's wall time, questions (rows) per second and peak memory (maximum resident set size, from GNU
# time), then the median and the spread (min-max) of each, and the ratio. Not a test: run it by hand.
#   tools/bench_import.sh [N] [RUNS]
# BUILD_DIR selects the build directory (default build).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
runs=${2:-3}
build=${BUILD_DIR:-build}
command -v /usr/bin/time >/dev/null || { echo "bench_import: needs GNU time (apt-get install time)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench_import: needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 1; }
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROCTOR_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$build" --target proctor proctor_gen_bank >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "bench_import: 'proctor import' of an N-question native JSON bank into a database that holds the"
echo "  shipped banks, against the sqlite3 shell's '.mode csv' '.import' of the same questions as CSV"
echo "  into a new table of a copy of that database (same file, WAL mode). Wall time and peak RSS from"
echo "  GNU time; every run starts from a fresh copy, made outside the timing."
echo "reproduce: BUILD_DIR=$build tools/bench_import.sh $n $runs"
echo "source: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- engine cli 2>/dev/null || echo " + uncommitted engine/cli changes (diff sha1 $(git diff HEAD -- engine cli | sha1sum | cut -c1-8))"), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
mkdir "$work/home"
export HOME="$work/home" XDG_DATA_HOME="$work/home"  # no banks folder, no ~/.sqliterc
unset PROCTOR_DB

"$build/proctor_gen_bank" "$n" "$work/bank.json" CLF-C02 --csv "$work/rows.csv"
size=$(stat -c %s "$work/bank.json")
csv_size=$(stat -c %s "$work/rows.csv")
"$build/proctor" exams --db "$work/base.db" >/dev/null   # schema and shipped banks, outside the timing
echo "bank: $n questions, $((size / 1048576)) MiB JSON; the same rows as CSV: $((csv_size / 1048576)) MiB"
echo "sqlite3 $(sqlite3 --version | cut -d' ' -f1) on the same file: journal_mode=$(sqlite3 "$work/base.db" 'PRAGMA journal_mode'), synchronous=$(sqlite3 "$work/base.db" 'PRAGMA synchronous') (2 = FULL)"

# Runs a command under GNU time, its output discarded (its errors shown); prints "seconds peak_kib".
timed() {
  /usr/bin/time -o "$work/time" -f "%e %M" "$@" >/dev/null || { echo "bench_import: failed: $*" >&2; return 1; }
  tail -1 "$work/time"
}

proctor_runs=()
sqlite_runs=()
for i in $(seq 1 "$runs"); do
  cp "$work/base.db" "$work/run.db"
  line=$(timed "$build/proctor" import --db "$work/run.db" "$work/bank.json")
  secs=${line% *}
  kib=${line#* }
  qps=$(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%d", n / s }')
  ratio=$(awk -v k="$kib" -v b="$size" 'BEGIN { printf "%.1f", k * 1024 / b }')
  echo "run $i proctor import:  ${secs} s, ${qps} questions/s, peak $((kib / 1024)) MiB (${ratio}x the file)"
  proctor_runs+=("$secs $qps $kib")
  rm -f "$work/run.db" "$work/run.db-wal" "$work/run.db-shm"

  cp "$work/base.db" "$work/csv.db"
  line=$(timed sqlite3 "$work/csv.db" ".mode csv" ".import $work/rows.csv questions_csv")
  secs=${line% *}
  kib=${line#* }
  rows=$(sqlite3 "$work/csv.db" "SELECT count(*) FROM questions_csv")
  [ "$rows" -eq "$n" ] || { echo "bench_import: sqlite3 imported $rows rows, not $n" >&2; exit 1; }
  qps=$(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%d", n / s }')
  echo "run $i sqlite3 .import: ${secs} s, ${qps} rows/s, peak $((kib / 1024)) MiB"
  sqlite_runs+=("$secs $qps $kib")
  rm -f "$work/csv.db" "$work/csv.db-wal" "$work/csv.db-shm"
done

# Prints "M (A-B)": the median, min and max of column `col` of the lines on stdin, divided by
# `div`, with printf format `fmt`.
stats() {
  local col=$1 div=$2 fmt=$3
  cut -d' ' -f"$col" | sort -g | awk -v div="$div" -v fmt="$fmt" '{ v[NR] = $1 / div }
    END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf fmt " (" fmt "-" fmt ")", m, v[1], v[NR] }'
}
summary() {
  local label=$1 unit=$2
  shift 2
  printf '%s\n' "$@" > "$work/summary"
  echo "$label median (min-max): $(stats 1 1 '%.2f' < "$work/summary") s, $(stats 2 1 '%d' < "$work/summary") $unit/s, peak $(stats 3 1024 '%d' < "$work/summary") MiB"
}
summary "proctor import " questions "${proctor_runs[@]}"
summary "sqlite3 .import" rows "${sqlite_runs[@]}"
p=$(printf '%s\n' "${proctor_runs[@]}" | stats 2 1 '%d' | cut -d' ' -f1)
s=$(printf '%s\n' "${sqlite_runs[@]}" | stats 2 1 '%d' | cut -d' ' -f1)
# Each run's ratio pairs the two imports made moments apart, so it is less disturbed by other load.
for i in $(seq 0 $((runs - 1))); do
  echo "${proctor_runs[$i]} ${sqlite_runs[$i]}"
done | awk '{ printf "%.3f\n", $2 / $5 }' > "$work/ratios"
awk -v p="$p" -v s="$s" 'BEGIN { printf "ratio of the medians: proctor import runs at %.2fx the rate of sqlite3 .import\n", p / s }'
echo "ratio per run: $(tr '\n' ' ' < "$work/ratios")(median (min-max) $(stats 1 1 '%.2f' < "$work/ratios")x)"
echo "target >= 100000 questions/s and faster than the baseline: $(awk -v p="$p" -v s="$s" 'BEGIN { print (p >= 100000 && p > s) ? "met" : "not met" }') (median $p questions/s)"
