#!/usr/bin/env bash
# Installs the Debian 12 packages proctor needs to build, test and benchmark, and nothing else.
# Idempotent: silent when everything is already there.
set -euo pipefail

packages=(
  g++ clang cmake ninja-build  # CI builds with both compilers (tools/test.sh)
  libsqlite3-dev libcereal-dev rapidjson-dev libboost-program-options-dev libexpat1-dev
  googletest libgtest-dev libgmock-dev
  libncurses-dev tmux
  sqlite3 time  # the benchmarks' baselines and peak memory (tools/bench_*.sh)
  dpkg-dev file groff-base man-db  # the .deb (cpack, dpkg-shlibdeps) and the man page checks
  zsh fish  # the shell completions' tests
  libpq-dev pkg-config  # the optional team server (proctor sync, proctor team)
  postgresql-15  # its tests start a throwaway cluster (initdb, pg_ctl); tools/team_demo.sh too
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "setup: these packages are missing: ${missing[*]}" >&2
  echo "setup: install them as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
