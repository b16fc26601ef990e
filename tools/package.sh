#!/usr/bin/env bash
# Builds the Debian package and checks it: a Release build with prefix /usr and no tests (in
# build-package, or in BUILD_DIR when given, which must be configured with prefix /usr; both with
# Debian's hardening flags, PROCTOR_HARDENING), then
# `cpack -G DEB`, then the .deb's control fields, dependencies and contents (dpkg-deb), a run of the
# packaged binary from an unpacked copy, and lintian's findings when lintian is installed.
#   tools/package.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "package: $*" >&2; exit 1; }
build=${1:-}
if [ -z "$build" ]; then
  build=build-package
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DBUILD_TESTING=OFF \
        -DPROCTOR_HARDENING=ON >/dev/null
fi
# Also for a given build directory: it re-runs CMake when a CMake file changed, or cpack would use a
# stale CPackConfig.cmake (nothing is compiled when the build is up to date).
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
[ "$prefix" = /usr ] || fail "$build is configured with prefix $prefix; a .deb needs -DCMAKE_INSTALL_PREFIX=/usr"
rm -f "$build"/proctor_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/proctor_*.deb)
echo "package: $deb ($(($(stat -c %s "$deb") / 1024)) KiB)"
dpkg-deb --info "$deb" | sed -n '/^ [A-Z][A-Za-z-]*:/,$p'

# Dependencies: the libraries the binary links, found by dpkg-shlibdeps.
depends=$(dpkg-deb --field "$deb" Depends)
for lib in libsqlite3-0 libncursesw6 libboost-program-options1.74.0 libstdc++6 libc6; do
  [[ ", $depends," == *", $lib "* || ", $depends," == *", $lib,"* ]] || fail "Depends lacks $lib: $depends"
done

# Contents: the binary, man pages, completions and docs, all owned by root, nothing under /usr/local.
contents=$(dpkg-deb --contents "$deb")
for f in ./usr/bin/proctor ./usr/share/man/man1/proctor.1.gz ./usr/share/man/man5/proctor-banks.5.gz \
         ./usr/share/bash-completion/completions/proctor ./usr/share/zsh/vendor-completions/_proctor \
         ./usr/share/fish/vendor_completions.d/proctor.fish ./usr/share/doc/proctor/copyright \
         ./usr/share/doc/proctor/changelog.gz ./usr/share/doc/proctor/readiness.md; do
  grep -qE " $f\$" <<<"$contents" || fail "the .deb lacks $f"
done
! grep -q "/usr/local" <<<"$contents" || fail "the .deb installs under /usr/local"
! grep -vE "^[-dl][rwxs-]{9} root/root " <<<"$contents" | grep -q . || fail "files not owned by root: $contents"
echo "package: contents ($(wc -l <<<"$contents") entries):"
awk '{ print "  " $6 }' <<<"$contents" | grep -v '/$'

# The packaged binary runs (unpacked: installing needs root and changes the machine).
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb --extract "$deb" "$root"
mkdir "$root/home"
HOME="$root/home" XDG_DATA_HOME="$root/home" XDG_CONFIG_HOME="$root/home" "$root/usr/bin/proctor" --version
HOME="$root/home" XDG_DATA_HOME="$root/home" XDG_CONFIG_HOME="$root/home" "$root/usr/bin/proctor" exams --json >/dev/null
echo "package: the unpacked binary runs (exams --json on a new database)"

if command -v lintian >/dev/null; then
  echo "package: lintian:"
  lintian --info --display-level ">=pedantic" "$deb" || true
else
  echo "package: lintian is not installed (apt-get install lintian), not checked"
fi
