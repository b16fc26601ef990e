#!/usr/bin/env bash
# Sets up, builds, and starts proctor. With no arguments: a mock CLF-C02 exam on the shipped banks.
# Any arguments are passed to proctor instead (tools/run.sh take SAA-C03 --esl).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target proctor >/dev/null
if [ $# -eq 0 ]; then set -- take CLF-C02; fi
exec build/proctor "$@"
