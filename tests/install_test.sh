#!/usr/bin/env bash
# `cmake --install` of a build directory into a DESTDIR lays out what a package needs, with prefix /usr:
# the binary, both man pages (rendered by man -l with groff -ww: no warning), the bash, zsh and fish
# completions, and the documentation under share/doc/proctor; the installed binary runs.
#   tests/install_test.sh BUILD_DIR
set -euo pipefail
build=$1
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
fail() { echo "install_test: $*" >&2; exit 1; }

DESTDIR="$root" cmake --install "$build" --prefix /usr >/dev/null
# zsh: vendor-completions when the build was configured for /usr (Debian's zsh looks there),
# site-functions otherwise.
zsh_dir=site-functions
grep -q '^CMAKE_INSTALL_PREFIX:PATH=/usr$' "$build/CMakeCache.txt" && zsh_dir=vendor-completions
expected=(
  usr/bin/proctor
  usr/share/man/man1/proctor.1.gz
  usr/share/man/man5/proctor-banks.5.gz
  usr/share/bash-completion/completions/proctor
  usr/share/zsh/$zsh_dir/_proctor
  usr/share/fish/vendor_completions.d/proctor.fish
  usr/share/doc/proctor/README.md
  usr/share/doc/proctor/readiness.md
  usr/share/doc/proctor/json.md
  usr/share/doc/proctor/export.md
  usr/share/doc/proctor/bank-format.md
  usr/share/doc/proctor/changelog.gz
  usr/share/doc/proctor/copyright
  usr/share/doc/proctor/LICENSE
  usr/share/doc/proctor/LICENSES/MIT.txt
  usr/share/doc/proctor/LICENSES/CC-BY-4.0.txt
)
for f in "${expected[@]}"; do
  [ -f "$root/$f" ] || fail "missing $f; installed: $(cd "$root" && find . -type f | sort | tr '\n' ' ')"
done
[ -x "$root/usr/bin/proctor" ] || fail "usr/bin/proctor is not executable"
# Nothing else: no test programs, benchmarks or headers in a package.
extra=$(cd "$root" && find . -type f | sed 's|^\./||' | sort | grep -vxF -f <(printf '%s\n' "${expected[@]}") |
        grep -v '^usr/share/doc/proctor/' || true)
[ -z "$extra" ] || fail "unexpected files installed: $extra"

# The man pages render, and groff has nothing to warn about (-ww: every warning).
for page in usr/share/man/man1/proctor.1.gz usr/share/man/man5/proctor-banks.5.gz; do
  warnings=$(zcat "$root/$page" | groff -ww -man -z 2>&1 || true)
  [ -z "$warnings" ] || fail "groff -ww warns about $page: $warnings"
  if command -v man >/dev/null; then
    text=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings=all -l "$root/$page" 2>"$root/man.err")
    [ ! -s "$root/man.err" ] || fail "man -l warns about $page: $(cat "$root/man.err")"
    grep -q "^NAME" <<<"$text" || fail "man -l shows no NAME section for $page"
  fi
done

# The installed binary runs, and finds its documentation where it was installed only when the
# prefix matches the build's (the build's own prefix is not /usr here).
home=$(mktemp -d)
out=$(HOME="$home" XDG_DATA_HOME="$home" XDG_CONFIG_HOME="$home" "$root/usr/bin/proctor" --version)
rm -rf "$home"
[[ $out == "proctor "* ]] || fail "the installed proctor printed '$out'"
echo "install_test: ${#expected[@]} files laid out under DESTDIR with prefix /usr; man pages clean under groff -ww"
