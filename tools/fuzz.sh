#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each (default 60), outside CI. Needs clang and
# libclang-rt-14-dev (Debian). New inputs go to a scratch copy of the corpus; a crash leaves its
# input in build-fuzz/ and the script reports it.
#   tools/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(native checklist lettered gift xml csv jsonarray catalog)
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROCTOR_FUZZ=ON >/dev/null
cmake --build build-fuzz --target $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null
status=0
export UBSAN_OPTIONS="suppressions=$PWD/tools/ubsan-fuzz.supp:print_stacktrace=1:halt_on_error=1"
for t in "${targets[@]}"; do
  work=$(mktemp -d)
  cp -r "tests/fuzz/corpus/$t/." "$work/"
  log="build-fuzz/fuzz_$t.log"
  if (cd build-fuzz && ./fuzz_"$t" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 "$work" >"fuzz_$t.log" 2>&1); then
    result=ok
  else
    result="CRASH (see $log and build-fuzz/crash-*)"
    status=1
  fi
  # libFuzzer's last word ("Done N runs in S second(s)"), else its last status line ("#N ...").
  execs=$(grep -oE '^Done [0-9]+ runs' "$log" | grep -oE '[0-9]+' || true)
  [ -n "$execs" ] || execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
  [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  echo "fuzz_$t: ${seconds}s, ${execs:-?} executions, corpus $(ls "$work" | wc -l) inputs: $result"
  rm -rf "$work"
done
exit $status
