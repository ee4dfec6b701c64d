#!/usr/bin/env bash
# The command-line reference, docs/cli.md, made from the commands' own --help:
# `aia --help`, then each subcommand's, then each of theirs (aia project init,
# ...), in the order the help lists them. Nothing in it is written by hand, so
# it says what the program says; tst_docs fails when the file is stale.
#
# Usage: cli_reference.sh AIA [OUT]          write OUT (default docs/cli.md)
#        cli_reference.sh --check AIA FILE   exit 1, with the difference, unless FILE is current
set -euo pipefail

# The names listed under "Subcommands:" in a help text.
subcommands() {
  awk '/^Subcommands:/ { on = 1; next } on && /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }'
}

section() {  # HEADING HELP-TEXT
  printf '## `%s`\n\n```text\n%s\n```\n\n' "$1" "$2"
}

generate() {
  local aia=$1 top help sub subhelp
  top=$("$aia" --help)
  printf '# Command-line reference\n\n'
  printf '<!-- Made by docs/tools/cli_reference.sh from each command'"'"'s --help; do not edit by hand. -->\n\n'
  printf 'Every command of `aia`, as its `--help` prints it. The guides in this folder say when to use which;\n'
  printf 'this page is the full list of options. `aia --threads N COMMAND` sets the CPU threads for any command.\n\n'
  section "aia" "$top"
  while read -r cmd; do
    help=$("$aia" "$cmd" --help)
    section "aia $cmd" "$help"
    while read -r sub; do
      [[ -n $sub ]] || continue
      subhelp=$("$aia" "$cmd" "$sub" --help)
      section "aia $cmd $sub" "$subhelp"
    done <<<"$(subcommands <<<"$help")"
  done <<<"$(subcommands <<<"$top")"
}

if [[ ${1:-} == --check ]]; then
  [[ $# -eq 3 ]] || { echo "usage: cli_reference.sh --check AIA FILE" >&2; exit 2; }
  fresh=$(mktemp)
  trap 'rm -f "$fresh"' EXIT
  generate "$2" >"$fresh"
  if ! diff -u "$3" "$fresh"; then
    echo "cli_reference: $3 is stale: run bash docs/tools/cli_reference.sh $2 $3" >&2
    exit 1
  fi
  exit 0
fi
[[ $# -ge 1 ]] || { echo "usage: cli_reference.sh AIA [OUT]" >&2; exit 2; }
out=${2:-$(dirname "$0")/../cli.md}
tmp=$(mktemp "$out.XXXX")
generate "$1" >"$tmp"
mv "$tmp" "$out"
