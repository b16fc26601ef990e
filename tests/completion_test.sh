#!/usr/bin/env bash
# The bash completion (dist/completions/proctor.bash) completes commands, options, exam codes, bank
# ids and attempt numbers through 'proctor complete', in a home of its own; so do the zsh and fish
# completions, where those shells are installed (tools/setup.sh installs them).
#   tests/completion_test.sh DIR_WITH_PROCTOR COMPLETIONS_DIR
set -euo pipefail
export PATH="$1:$PATH"
completions=$2
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config"
unset PROCTOR_DB
fail() { echo "completion_test: $*" >&2; exit 1; }

# shellcheck source=/dev/null
source "$completions/proctor.bash"
# Completes the words of "$1" (the last one being typed) and prints the candidates on one line.
complete_line() {
  read -r -a COMP_WORDS <<<"$1"
  [[ $1 == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _proctor
  echo "${COMPREPLY[*]}"
}
expect() {
  local got
  got=$(complete_line "$1")
  [[ " $got " == *" $2 "* ]] || fail "'$1' completes to '$got', without '$2'"
}
expect_not() {
  local got
  got=$(complete_line "$1")
  [[ " $got " != *" $2 "* ]] || fail "'$1' completes to '$got', with '$2'"
}

expect "proctor " take
expect "proctor ba" backup
expect "proctor ba" banks
expect "proctor take " CLF-C02
expect "proctor take S" SAA-C03
expect "proctor take c" clf
expect "proctor take CLF-C02 --e" --esl
expect_not "proctor take CLF-C02 --e" --exam
expect "proctor history --exam " DVA-C02
expect "proctor export --format " csv
expect "proctor import --format " gift
expect "proctor banks " show
expect "proctor help " restore
# Every action 'proctor bank' has (as its own error message lists them) is completed.
bank_actions=$( (proctor bank frobnicate 2>&1 || true) | sed -n 's/.*this version has: \([^)]*\)).*/\1/p' | tr -d ,)
[ -n "$bank_actions" ] || fail "'proctor bank frobnicate' lists no actions"
for action in $bank_actions; do expect "proctor bank " "$action"; done
expect "proctor bank export x --format " moodle-xml
expect_not "proctor bank export x --format " checklist
expect "proctor bank check --format " checklist
[ -z "$(complete_line "proctor banks show ")" ] || fail "bank ids completed before a database exists"
[ ! -e "$home/data/proctor/proctor.db" ] || fail "completing created a database"

proctor take CLF-C02 --seed 1 <<<"quit" >/dev/null
expect "proctor banks show " proctor-clf-c02
expect "proctor take CLF-C02 --bank " proctor-saa-c03
expect "proctor resume " 1
expect "proctor bank export " proctor-clf-c02
expect "proctor bank set-domain " proctor-clf-c02
expect_not "proctor bank export proctor-clf-c02 " proctor-clf-c02
expect_not "proctor review " 1
proctor --db "$home/other.db" exams >/dev/null
[ -z "$(complete_line "proctor --db $home/other.db resume ")" ] || fail "--db is not followed"

checked="bash"
# zsh: the completion function run with compadd and _files stubbed (no line editor needed).
if command -v zsh >/dev/null; then
  zsh -n "$completions/_proctor" || fail "zsh: syntax"
  zsh_complete() {
    zsh -f -c '
      compadd() { if [[ $1 == -a ]]; then print -r -- "${(P)2}"; else print -r -- "$@"; fi }
      _files() { print -r -- "<files>" }
      _message() { :; }
      source "$1" >/dev/null 2>&1
      shift
      words=("$@"); CURRENT=${#words}
      _proctor' zsh "$completions/_proctor" "$@"
  }
  zsh_expect() {
    local want=$1 got
    shift
    got=$(zsh_complete "$@" | tr '\n' ' ')
    [[ " $got " == *" $want "* ]] || fail "zsh: '$*' completes to '$got', without '$want'"
  }
  zsh_expect take proctor ""
  zsh_expect CLF-C02 proctor take ""
  zsh_expect --esl proctor take CLF-C02 --e
  zsh_expect proctor-clf-c02 proctor banks show ""
  zsh_expect 1 proctor resume ""
  zsh_expect csv proctor export --format ""
  zsh_expect "<files>" proctor import ""
  zsh_expect export proctor bank ""
  zsh_expect proctor-clf-c02 proctor bank export ""
  zsh_expect markdown proctor bank export x --format ""
  zsh_expect "<files>" proctor bank check ""
  checked+=", zsh"
fi
# fish: its own completion engine, asked with complete -C.
if command -v fish >/dev/null; then
  fish --no-execute "$completions/proctor.fish" || fail "fish: syntax"
  fish_expect() {
    local got
    got=$(fish -c "source '$completions/proctor.fish'; complete -C '$1'" | cut -f1 | tr '\n' ' ')
    [[ " $got " == *" $2 "* ]] || fail "fish: '$1' completes to '$got', without '$2'"
  }
  fish_expect "proctor " take
  fish_expect "proctor take S" SAA-C03
  fish_expect "proctor take clf --e" --esl
  fish_expect "proctor banks show proctor-c" proctor-clf-c02
  fish_expect "proctor resume " 1
expect "proctor bank export " proctor-clf-c02
expect "proctor bank set-domain " proctor-clf-c02
expect_not "proctor bank export proctor-clf-c02 " proctor-clf-c02
  fish_expect "proctor history --exam D" DVA-C02
  fish_expect "proctor bank " export
  fish_expect "proctor bank export proctor-c" proctor-clf-c02
  fish_expect "proctor bank export x --format " moodle-xml
  checked+=", fish"
fi
echo "completion_test: checked $checked"
