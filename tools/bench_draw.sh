#!/usr/bin/env bash
# Benchmark: drawing a full CLF-C02 form from a bank of N questions (default 1,000,000), RUNS times
# (default 5), against the naive ORDER BY random() draw in the same run (tools/bench_draw.cc).
# Builds the database outside the timing: a generated bank imported with 'proctor import' (the
# import's wall time and peak memory are printed too). Not a test: run it by hand.
#   tools/bench_draw.sh [N] [RUNS]
# BUILD_DIR selects the build directory (default build); TMPDIR where the bank and database go;
# PART the questions per bank file (default: all N in one file).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
runs=${2:-5}
build=${BUILD_DIR:-build}
command -v /usr/bin/time >/dev/null || { echo "bench_draw: needs GNU time (apt-get install time)" >&2; exit 1; }
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROCTOR_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$build" --target proctor proctor_gen_bank proctor_bench_draw >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "bench_draw: proctor's DrawForm against ORDER BY random() per domain, on a database holding an"
echo "  N-question generated CLF-C02 bank and the shipped banks."
echo "reproduce: BUILD_DIR=$build tools/bench_draw.sh $n $runs"
echo "source: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- engine cli 2>/dev/null || echo " + uncommitted engine/cli changes (diff sha1 $(git diff HEAD -- engine cli | sha1sum | cut -c1-8))"), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
mkdir "$work/home"
export HOME="$work/home" XDG_DATA_HOME="$work/home"  # no banks folder, no personal settings
unset PROCTOR_DB
# Native banks are streamed, so one file of any size will do; PART splits the bank into several
# files of different questions (to compare with imports into a growing database).
part=${PART:-$n}
"$build/proctor" exams --db "$work/draw.db" >/dev/null
total_secs=0
peak_kib=0
files=0
for ((offset = 0; offset < n; offset += part)); do
  count=$((n - offset < part ? n - offset : part))
  "$build/proctor_gen_bank" "$count" "$work/bank.json" CLF-C02 --offset "$offset"
  /usr/bin/time -o "$work/time" -f "%e %M" "$build/proctor" import --db "$work/draw.db" "$work/bank.json" >/dev/null
  line=$(tail -1 "$work/time")
  echo "setup: imported questions $offset-$((offset + count - 1)) ($(($(stat -c %s "$work/bank.json") / 1048576)) MiB file) in ${line% *} s, peak $((${line#* } / 1024)) MiB"
  total_secs=$(awk -v a="$total_secs" -v b="${line% *}" 'BEGIN { print a + b }')
  peak_kib=$((${line#* } > peak_kib ? ${line#* } : peak_kib))
  files=$((files + 1))
  rm -f "$work/bank.json"
done
echo "setup (not part of the draw timing): $n questions in $files file(s), proctor import took $total_secs s in all," \
     "peak $((peak_kib / 1024)) MiB; database $(($(stat -c %s "$work/draw.db") / 1048576)) MiB"
"$build/proctor_bench_draw" "$work/draw.db" "$runs" CLF-C02
