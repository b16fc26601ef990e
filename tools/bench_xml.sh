#!/usr/bin/env bash
# Benchmark behind docs/design.md "Moodle XML: expat or the hand-written reader" (the hand-written
# reader, and the `hand` runs, are at commit 69a07a9): the expat reader, building a tree and a question at a time, on a
# generated Moodle XML quiz of N questions (default 200,000), RUNS times (default 3), and once on
# each hostile document (billion laughs, quadratic blowup, external entity, deep nesting, a
# million attributes, a 64 MiB attribute, 200 MiB of text, a comment that never ends). Prints the
# parse time each reader reports, the wall time and peak memory (GNU time), and what it answered.
# Every run is bounded: 60 s and 8 GiB each. Not a test: run it by hand.
#   tools/bench_xml.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200000}
runs=${2:-3}
build=${BUILD_DIR:-build}
command -v /usr/bin/time >/dev/null || { echo "bench_xml: needs GNU time (apt-get install time)" >&2; exit 1; }
cmake --build "$build" --target proctor_bench_xml >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "bench_xml: $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, expat $(dpkg-query -W -f='${Version}' libexpat1 2>/dev/null)"
"$build/proctor_bench_xml" gen "$n" "$work/quiz.xml"
"$build/proctor_bench_xml" hostile "$work"
run() {  # reader file
  ( ulimit -v 8388608; timeout 60 /usr/bin/time -f "%e s wall, %M KiB peak" "$build/proctor_bench_xml" "$1" "$2" ) 2>&1 | tr '\n' ' ' || true
  echo
}
echo "quiz: $n questions, $(( $(stat -c %s "$work/quiz.xml") / 1048576 )) MiB"
for reader in expat expat-stream; do
  for i in $(seq "$runs"); do echo -n "  $reader run $i: "; run "$reader" "$work/quiz.xml"; done
done
for f in billion_laughs quadratic_blowup external_entity undefined_entity deep_nesting many_attributes huge_attribute huge_text unterminated_comment; do
  echo "$f.xml ($(( $(stat -c %s "$work/$f.xml") / 1024 )) KiB)"
  for reader in expat; do echo -n "  $reader: "; run "$reader" "$work/$f.xml"; done
done
