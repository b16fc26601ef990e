#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite as CI does (.ci/run): Release builds with g++ and
# with clang, warnings as errors, each followed by the suite; the Debian package built from the g++
# build and checked; then the suite again under AddressSanitizer and UndefinedBehaviorSanitizer
# (which must stay clean). Each build has its own directory, so `build/` (tools/run.sh) is untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)
started=$SECONDS
step() { echo "== $* ($((SECONDS - started)) s)"; }

step "build (g++, Release, warnings as errors)"
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DPROCTOR_WERROR=ON -DBUILD_TESTING=ON \
      -DPROCTOR_BUILD_BENCHMARKS=ON -DCMAKE_INSTALL_PREFIX=/usr -DPROCTOR_HARDENING=ON -DCMAKE_CXX_COMPILER=g++ >/dev/null
cmake --build build-release -j "$jobs"
step "tests (g++ Release)"
ctest --test-dir build-release -j "$jobs" --output-on-failure
step "package (.deb from the g++ Release build)"
tools/package.sh build-release

step "build (clang, Release, warnings as errors)"
cmake -S . -B build-clang -G Ninja -DCMAKE_BUILD_TYPE=Release -DPROCTOR_WERROR=ON -DBUILD_TESTING=ON \
      -DPROCTOR_BUILD_BENCHMARKS=ON -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build build-clang -j "$jobs"
step "tests (clang Release)"
ctest --test-dir build-clang -j "$jobs" --output-on-failure

step "build (address and undefined-behaviour sanitizers)"
cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPROCTOR_SANITIZE=ON -DBUILD_TESTING=ON >/dev/null
cmake --build build-sanitize -j "$jobs"
step "tests under sanitizers"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-sanitize -j "$jobs" --output-on-failure
step "done"
