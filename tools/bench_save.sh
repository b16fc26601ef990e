#!/usr/bin/env bash
# Benchmark: saving one answer durably in a real exam attempt, K times (default 500), against a bare
# SQLite WAL commit with synchronous=FULL in the same run and directory (tools/bench_save.cc).
# The databases go in a temporary directory beside where proctor keeps its database
# ($XDG_DATA_HOME or ~/.local/share, when it exists), so the file system is the one answers are
# saved on. Not a test: run it by hand.
#   tools/bench_save.sh [K]
# BUILD_DIR selects the build directory (default build).
set -euo pipefail
cd "$(dirname "$0")/.."
k=${1:-500}
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROCTOR_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$build" --target proctor_bench_save >/dev/null
data_dir=${XDG_DATA_HOME:-${HOME:-/nonexistent}/.local/share}
if [ -d "$data_dir" ] && [ -w "$data_dir" ]; then
  work=$(mktemp -d "$data_dir/proctor-bench-save.XXXXXX")
else
  work=$(mktemp -d)
fi
trap 'rm -rf "$work"' EXIT

echo "reproduce: BUILD_DIR=$build tools/bench_save.sh $k"
echo "source: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- engine cli 2>/dev/null || echo " + uncommitted engine/cli changes (diff sha1 $(git diff HEAD -- engine cli | sha1sum | cut -c1-8))"), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
echo "file system of $work: $(findmnt -n -o SOURCE,FSTYPE,OPTIONS -T "$work" 2>/dev/null || stat -f -c %T "$work")"
HOME="$work" XDG_DATA_HOME="$work" "$build/proctor_bench_save" "$work" "$k"
