#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every malformed file of tests/data/bad/ that is not a native document
# (those are checked by test-cli.sh), as a user meets it on the command
# line: labels.json files through `annota-cli validate`, the interchange
# formats through `annota-cli convert FILE OUT.json --to native`. Each must
# give exactly the expected first line on stderr and exit 1 — never a
# signal — write no output, and leave the input byte for byte as it was.
# Inputs that once broke a reader and now convert are listed as "ok": they
# must convert, and their output must validate.
set -uo pipefail

cli=${ANNOTA_CLI:?ANNOTA_CLI names the annota-cli to test}
root=${ANNOTA_SOURCE_ROOT:?}
bad=$root/tests/data/bad
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# FORMAT/FILE: the first line annota-cli prints, run in the file's folder.
expected=$(cat <<'LIST'
spacy/duplicate-member-in-tokens.jsonl:1: invalid JSON at column 69: the member “end” is given twice
spacy/nul-in-unknown-member.jsonl:1: x: NUL character (\u0000) in a string
spacy/overlong-utf8-text.jsonl:1: text: invalid UTF-8 at byte 1 of a string
doccano/duplicate-member-in-relations.jsonl:1: invalid JSON at column 57: the member “id” is given twice
doccano/encoded-surrogate-text.jsonl:1: text: invalid UTF-8 at byte 1 of a string
doccano/infinite-offset.jsonl:1: label[0][0] is 1e400, expected an integer offset
doccano/lone-surrogate-text.jsonl:1: invalid JSON at column 20: a string escape is a lone surrogate
doccano/nul-in-unknown-member.jsonl:1: x: NUL character (\u0000) in a string
doccano/overlong-utf8-in-unknown-member.jsonl:1: x: invalid UTF-8 at byte 0 of a string
doccano/overlong-utf8-text.jsonl:1: text: invalid UTF-8 at byte 1 of a string
doccano/string-end-offset.jsonl:1: entities[0].end_offset is a string, expected an integer offset
labelstudio/annotation-not-object.json: [0]: annotations[0] is a number, expected an object
labelstudio/duplicate-member-in-data.json:1: invalid JSON: the member “x” is given twice
labelstudio/duplicate-member-in-result.json:1: invalid JSON: the member “value” is given twice
labelstudio/nul-in-unknown-member.json:1: [0].x: NUL character (\u0000) in a string
labelstudio/overlong-utf8-text.json:1: [0].data.text: invalid UTF-8 at byte 1 of a string
labelstudio/score-above-one.json: [0]: predictions[0].result[0].score: 1.5 is out of range; expected a number from 0 to 1
conll/empty-token.conll:2: empty token (the first column is empty)
conll/mixed-separators-space-in-label.conll: ok
brat/id-with-space.ann: ok
LIST
)

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n $1"; shift; for line in "$@"; do echo "# $line"; done; }

check () {
  local format=$1 file=$2 want=$3; shift 3
  local dir=$bad/$format name status got before after out
  name=$(basename "$file")
  out=$tmp/out.json
  rm -f "$out"
  before=$(sha256sum "$file" | cut -d' ' -f1)
  (cd "$dir" && "$@" "$name" "$out" >"$tmp/stdout" 2>"$tmp/stderr")
  status=$?
  after=$(sha256sum "$file" | cut -d' ' -f1)
  got=$(head -n 1 "$tmp/stderr")
  if [ "$before" != "$after" ]; then
    not_ok "$format/$name" "the input changed"
  elif [ "$status" -ge 2 ]; then
    not_ok "$format/$name" "exit status $status (a signal or a usage error)" "$(cat "$tmp/stderr")"
  elif [ "$want" = ok ]; then
    if [ "$status" -ne 0 ]; then
      not_ok "$format/$name" "expected it to convert, got: $got"
    elif ! "$cli" validate "$out" >/dev/null 2>"$tmp/validate"; then
      not_ok "$format/$name" "the output does not validate: $(head -n 1 "$tmp/validate")"
    else
      ok "$format/$name converts"
    fi
  elif [ "$status" -ne 1 ]; then
    not_ok "$format/$name" "exit status $status, expected 1"
  elif [ -e "$out" ]; then
    not_ok "$format/$name" "an output was written"
  elif [ "$got" != "$want" ]; then
    not_ok "$format/$name" "expected: $want" "got:      $got"
  else
    ok "$format/$name: $got"
  fi
}

convert () { "$cli" convert "$1" "$2" --to native; }
validate () { "$cli" validate "$1"; }

# labels.json files, with their EXPECTED list beside them.
while IFS= read -r line; do
  case $line in '#'*|'') continue ;; esac
  name=${line%%:*}
  check labels "$bad/labels/$name" "$line" validate
done <"$bad/labels/EXPECTED"

# The interchange formats: every file there must be in the list above.
for format in spacy doccano labelstudio conll brat; do
  for file in "$bad/$format"/*; do
    name=$(basename "$file")
    case $name in EXPECTED|README*) continue ;; esac
    [ "$format" = brat ] && [ "${name%.ann}" = "$name" ] && continue
    line=$(printf '%s\n' "$expected" | grep -F "$format/$name:" | head -n 1)
    if [ -z "$line" ]; then
      not_ok "$format/$name" "not in this test's list: add its expected message"
      continue
    fi
    want=${line#"$format/"}
    [ "$want" = "$name: ok" ] && want=ok
    check "$format" "$file" "$want" convert
  done
done

echo "1..$n"
[ "$failed" -eq 0 ]
