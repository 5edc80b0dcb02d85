#!/usr/bin/env bash
# test-cli.sh
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# annota-cli as a user runs it: exit codes 0, 1 and 2, the exact lines on
# standard error for bad files, stats checked against an independent count
# in Python, format, and no crash or signal on damaged input. TAP output.
#
#   test-cli.sh   (with ANNOTA_CLI and ANNOTA_SOURCE_ROOT set by meson)

set -u

cli=${ANNOTA_CLI:?ANNOTA_CLI is not set}
root=${ANNOTA_SOURCE_ROOT:?ANNOTA_SOURCE_ROOT is not set}
data=$root/tests/data
sample=$root/data/samples/kerry-lavrov-moscow.vi.json
work=$(mktemp -d "${TMPDIR:-/tmp}/annota-test-cli.XXXXXX")
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT

# A sanitizer's finding must not look like exit status 1, "invalid file".
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:exitcode=87"

n=0
failed=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  shift
  local line
  for line in "$@"; do
    printf '# %s\n' "$line"
  done
}

# check NAME EXPECTED-STATUS EXPECTED-STDOUT-FILE|- EXPECTED-STDERR-FILE|- -- COMMAND…
check () {
  local name=$1 want_status=$2 want_out=$3 want_err=$4
  shift 5
  local status
  "$@" >"$work/out" 2>"$work/err"
  status=$?
  if [ "$status" -ne "$want_status" ]; then
    not_ok "$name" "exit status $status, expected $want_status" "stderr: $(head -c 2000 "$work/err")"
    return
  fi
  if [ "$want_out" != - ] && ! diff -u "$want_out" "$work/out" >"$work/diff"; then
    not_ok "$name" "standard output differs:" "$(cat "$work/diff")"
    return
  fi
  if [ "$want_err" != - ] && ! diff -u "$want_err" "$work/err" >"$work/diff"; then
    not_ok "$name" "standard error differs:" "$(cat "$work/diff")"
    return
  fi
  ok "$name"
}

expect () {
  printf '%s\n' "$@" >"$work/expected-$n"
  echo "$work/expected-$n"
}

empty=$work/empty
: >"$empty"

# Version and help
check "--version" 0 "$(expect "annota-cli 0.1.0")" "$empty" -- "$cli" --version
"$cli" --help >"$work/help" 2>&1
if [ $? -eq 0 ] && grep -q '^  validate ' "$work/help" && grep -q '^  stats ' "$work/help"; then
  ok "--help lists the commands"
else
  not_ok "--help lists the commands" "$(cat "$work/help")"
fi
"$cli" validate --help >"$work/help" 2>&1
if [ $? -eq 0 ] && grep -q -- '--quiet' "$work/help"; then
  ok "validate --help"
else
  not_ok "validate --help" "$(cat "$work/help")"
fi

# Usage errors: exit 2
check "no command" 2 "$empty" - -- "$cli"
check "unknown command" 2 "$empty" \
  "$(expect "annota-cli: unknown command “frobnicate”" "Run “annota-cli --help” for help.")" -- "$cli" frobnicate
check "unknown option" 2 "$empty" \
  "$(expect "annota-cli: unknown option “--frobnicate”" "Run “annota-cli --help” for help.")" -- "$cli" --frobnicate
check "validate: unknown option" 2 "$empty" \
  "$(expect "annota-cli validate: Unknown option --frobnicate" "Run “annota-cli validate --help” for help.")" \
  -- "$cli" validate --frobnicate "$sample"
check "validate: no file" 2 "$empty" \
  "$(expect "annota-cli validate: no file given" "Run “annota-cli validate --help” for help.")" -- "$cli" validate
check "stats: no file" 2 "$empty" - -- "$cli" stats --json
check "format: too many files" 2 "$empty" - -- "$cli" format a.json b.json c.json

# validate: good files
check "validate: the sample" 0 \
  "$(expect "$sample: valid (14 spans)")" "$empty" -- "$cli" validate "$sample"
printf '%s\n' '{"annota": 1, "text": "Ada", "labels": [{"id": "PER"}], "spans": [{"start": 0, "end": 3, "label": "PER"}]}' \
  >"$work/one.json"
printf '%s\n' '{"annota": 1, "text": "Ada"}' >"$work/none.json"
check "validate: one span, in the singular" 0 \
  "$(expect "$work/one.json: valid (1 span)" "$work/none.json: valid (0 spans)")" "$empty" \
  -- "$cli" validate "$work/one.json" "$work/none.json"
(
  cd "$data/native" || exit 1
  "$cli" validate --quiet canonical.json unknown-members.json arabic.json cjk.json crlf.json flags.json
) >"$work/out" 2>"$work/err"
if [ $? -eq 0 ] && [ ! -s "$work/out" ] && [ ! -s "$work/err" ]; then
  ok "validate --quiet: good files, no output"
else
  not_ok "validate --quiet: good files, no output" "$(cat "$work/out" "$work/err")"
fi

# validate: warnings do not fail
(
  cd "$data/native" || exit 1
  "$cli" validate nfd.json emoji-zwj.json
) >"$work/out" 2>"$work/err"
status=$?
printf '%s\n' \
  "nfd.json: text: warning: not in Unicode NFC; offsets count the code points as they are" \
  "nfd.json: spans[0]: warning: ends inside a grapheme cluster (at 1)" \
  "emoji-zwj.json: spans[0]: warning: ends inside a grapheme cluster (at 10)" >"$work/want"
if [ "$status" -eq 0 ] && diff -u "$work/want" "$work/err" >"$work/diff"; then
  ok "validate: warnings are printed and do not fail"
else
  not_ok "validate: warnings are printed and do not fail" "status $status" "$(cat "$work/diff")"
fi

# validate: every bad file gives exit 1 and its exact line
bad=$data/bad/native
while IFS= read -r line; do
  case $line in ''|'#'*) continue ;; esac
  file=${line%%: *}
  printf '%s\n' "$line" >"$work/want"
  (cd "$bad" && "$cli" validate "$file") >"$work/out" 2>"$work/err"
  status=$?
  if [ "$status" -eq 1 ] && diff -u "$work/want" "$work/err" >"$work/diff" && [ ! -s "$work/out" ]; then
    ok "validate: $file"
  else
    not_ok "validate: $file" "status $status" "$(cat "$work/diff")"
  fi
done <"$bad/EXPECTED"

# validate: good and bad together, one line per problem, in order
(
  cd "$bad" || exit 1
  "$cli" validate -q empty.json "$sample" unknown-label.json not-json.json
) >"$work/out" 2>"$work/err"
status=$?
for file in empty unknown-label not-json; do
  grep "^$file\.json: " "$bad/EXPECTED"
done >"$work/want"
if [ "$status" -eq 1 ] && diff -u "$work/want" "$work/err" >"$work/diff"; then
  ok "validate: several files, problems in order"
else
  not_ok "validate: several files, problems in order" "status $status" "$(cat "$work/diff")"
fi

check "validate: a missing file" 1 "$empty" \
  "$(expect "$work/missing.json: cannot open the file: No such file or directory")" \
  -- "$cli" validate "$work/missing.json"

# stats, against a count made by Python from the same files
python_stats () {
  python3 - "$@" <<'EOF'
import json, sys
docs = [json.load(open(p, encoding='utf-8')) for p in sys.argv[1:]]
labels = {}
for d in docs:
    for l in d.get('labels', []):
        labels.setdefault(l['id'], 0)
for d in docs:
    for s in d.get('spans', []):
        labels[s['label']] += 1
statuses = {k: 0 for k in ('suggested', 'accepted', 'rejected')}
states = {k: 0 for k in ('todo', 'in-progress', 'done')}
for d in docs:
    states[d.get('state', 'todo')] += 1
    for s in d.get('spans', []):
        statuses[s.get('status', 'accepted')] += 1
print('{')
print('  "documents": %d,' % len(docs))
print('  "characters": %d,' % sum(len(d['text']) for d in docs))
print('  "spans": %d,' % sum(len(d.get('spans', [])) for d in docs))
for name, counts in (('labels', labels), ('statuses', statuses), ('states', states)):
    print('  "%s": {%s}%s' % (name, ', '.join('%s: %d' % (json.dumps(k, ensure_ascii=False), v)
                                               for k, v in counts.items()),
                              ',' if name != 'states' else ''))
print('}')
EOF
}

if command -v python3 >/dev/null; then
  python_stats "$sample" >"$work/want-sample"
  check "stats --json: the sample" 0 "$work/want-sample" "$empty" -- "$cli" stats --json "$sample"
  files=("$sample" "$data/native/canonical.json" "$data/native/emoji-zwj.json" "$data/native/cjk.json")
  python_stats "${files[@]}" >"$work/want-several"
  check "stats --json: several documents" 0 "$work/want-several" "$empty" -- "$cli" stats --json "${files[@]}"
else
  echo "# python3 is missing: stats against Python skipped"
fi

check "stats: table" 0 "$(expect \
  "Documents:   2" \
  "Characters:  2263" \
  "Spans:       18" \
  "" \
  "Label  Name              Spans" \
  "PER    Person                6" \
  "LOC    Location              9" \
  "ORG    Organization          2" \
  "MISC   Miscellaneous         1" \
  "" \
  "Status          Spans" \
  "suggested           4" \
  "accepted           13" \
  "rejected            1" \
  "" \
  "State         Documents" \
  "todo                  0" \
  "in-progress           2" \
  "done                  0")" "$empty" -- "$cli" stats "$sample" "$data/native/canonical.json"

cp "$bad/past-end.json" "$work/past-end.json"
check "stats: a bad file among good ones" 1 - \
  "$(expect "$work/past-end.json: spans[1].end: 12 is past the end of the text (11 code points)")" \
  -- "$cli" stats --json "$sample" "$work/past-end.json"

# A folder is a corpus: its subfolders count, hidden ones do not, and the
# figures are those of its documents given one by one.
if command -v python3 >/dev/null; then
  mkdir -p "$work/corpus/train" "$work/corpus/dev/deep" "$work/corpus/.git"
  cp "$sample" "$work/corpus/train/a.json"
  cp "$data/native/canonical.json" "$work/corpus/dev/deep/b.json"
  cp "$data/native/canonical.json" "$work/corpus/.git/c.json"
  python_stats "$work/corpus/dev/deep/b.json" "$work/corpus/train/a.json" >"$work/want-corpus"
  check "stats --json: a folder with subfolders" 0 "$work/want-corpus" "$empty" -- "$cli" stats --json "$work/corpus"
fi

# format
check "format to standard output: canonical stays the same" 0 "$data/native/canonical.json" "$empty" \
  -- "$cli" format "$data/native/canonical.json" -
check "format: unknown members kept, canonical order" 0 "$empty" "$empty" \
  -- "$cli" format "$data/native/unknown-members.json" "$work/formatted.json"
if cmp -s "$work/formatted.json" "$data/native/unknown-members.canonical.json"; then
  ok "format: the output is the canonical form"
else
  not_ok "format: the output is the canonical form" "$(diff "$data/native/unknown-members.canonical.json" "$work/formatted.json" | head -20)"
fi

cp "$data/native/unknown-members.json" "$work/in-place.json"
chmod 0640 "$work/in-place.json"
"$cli" format "$work/in-place.json"
if [ $? -eq 0 ] && cmp -s "$work/in-place.json" "$data/native/unknown-members.canonical.json" &&
   [ "$(stat -c %a "$work/in-place.json")" = 640 ]; then
  ok "format: in place, keeping the file's mode"
else
  not_ok "format: in place, keeping the file's mode" "mode $(stat -c %a "$work/in-place.json")"
fi

cp "$bad/truncated.json" "$work/bad.json"
check "format: a bad file is left untouched" 1 "$empty" - -- "$cli" format "$work/bad.json"
if cmp -s "$work/bad.json" "$bad/truncated.json" && [ "$(ls -A "$work" | grep -c '^\.bad')" -eq 0 ]; then
  ok "format: nothing written for a bad file"
else
  not_ok "format: nothing written for a bad file"
fi

# convert to Label Studio: --include picks the statuses there as everywhere,
# suggested spans being the predictions.
cat >"$work/statuses.json" <<'EOF'
{"annota": 1, "text": "John Kerry met Sergey Lavrov in Moscow.", "labels": [{"id": "PER"}, {"id": "LOC"}],
 "spans": [{"start": 0, "end": 10, "label": "PER"},
           {"start": 15, "end": 28, "label": "PER", "status": "suggested", "origin": "model", "score": 0.5},
           {"start": 32, "end": 38, "label": "LOC", "status": "rejected", "origin": "model", "score": 0.25}]}
EOF
ls_span () {
  printf '{"value":{"start":%s,"end":%s,"text":"%s","labels":["%s"]},"from_name":"label","to_name":"text","type":"labels"%s}' "$@"
}
ls_task () {
  printf '[\n{"data":{"text":"John Kerry met Sergey Lavrov in Moscow."},"annotations":[{"result":[%s]}],"predictions":%s}\n]\n' "$@"
}
kerry=$(ls_span 0 10 "John Kerry" PER "")
moscow=$(ls_span 32 38 Moscow LOC "")
predictions='[{"model_version":"model","result":['"$(ls_span 15 28 "Sergey Lavrov" PER ',"score":0.5')"']}]'
for include in default suggested rejected all suggested,rejected; do
  case $include in
    default) ls_task "$kerry" '[]' ;;
    suggested) ls_task "$kerry" "$predictions" ;;
    rejected) ls_task "$kerry,$moscow" '[]' ;;
    *) ls_task "$kerry,$moscow" "$predictions" ;;
  esac >"$work/want-ls.json"
  args=()
  [ "$include" = default ] || args=(--include "$include")
  rm -f "$work/ls.json"
  check "convert to Label Studio, include $include" 0 "$empty" \
    "$(expect "$work/ls.json: 1 document (3 spans) converted from native to labelstudio")" \
    -- "$cli" convert --to labelstudio "${args[@]}" "$work/statuses.json" "$work/ls.json"
  if cmp -s "$work/want-ls.json" "$work/ls.json"; then
    ok "convert to Label Studio, include $include: the tasks"
  else
    not_ok "convert to Label Studio, include $include: the tasks" "$(diff -u "$work/want-ls.json" "$work/ls.json")"
  fi
done

# No crash and no signal on damaged input: every 5th cut of a file, and
# random bytes. A crash gives a status above 1 (or 128 + signal).
cut_failures=()
src=$data/native/canonical.json
size=$(stat -c %s "$src")
for ((i = 0; i < size; i += 5)); do
  head -c "$i" "$src" >"$work/cut.json"
  "$cli" validate -q "$work/cut.json" >/dev/null 2>&1
  status=$?
  if [ "$status" -ne 1 ]; then
    cut_failures+=("cut at $i: status $status")
  fi
done
if [ "${#cut_failures[@]}" -eq 0 ]; then
  ok "validate: every cut of a document is an error, not a crash"
else
  not_ok "validate: every cut of a document is an error, not a crash" "${cut_failures[@]}"
fi

random_failures=()
for i in $(seq 1 30); do
  head -c $((i * 37)) /dev/urandom >"$work/random.json"
  "$cli" validate -q "$work/random.json" >/dev/null 2>&1
  status=$?
  if [ "$status" -ne 1 ]; then
    cp "$work/random.json" "$work/random-$i.json"
    random_failures+=("random input $i: status $status")
  fi
done
if [ "${#random_failures[@]}" -eq 0 ]; then
  ok "validate: random bytes are an error, not a crash"
else
  not_ok "validate: random bytes are an error, not a crash" "${random_failures[@]}"
fi

# Every single-byte change of a small document is either valid or exit 1.
flip_failures=()
small='{"annota": 1, "text": "Ông \ud83d\ude00 Kerry", "labels": [{"id": "PER", "key": "1"}], "spans": [{"start": 0, "end": 3, "label": "PER", "score": 0.5}], "meta": {"a": [1, {"b": null}]}}'
for ((i = 0; i < ${#small}; i++)); do
  for c in '"' '\' '0' '}' ']' '-' 'x'; do
    printf '%s%s%s' "${small:0:i}" "$c" "${small:i+1}" >"$work/flip.json"
    "$cli" validate -q "$work/flip.json" >/dev/null 2>&1
    status=$?
    if [ "$status" -gt 1 ]; then
      flip_failures+=("byte $i set to $c: status $status")
    fi
  done
done
if [ "${#flip_failures[@]}" -eq 0 ]; then
  ok "validate: changed bytes are valid or an error, never a crash"
else
  not_ok "validate: changed bytes are valid or an error, never a crash" "${flip_failures[@]:0:10}"
fi

# In Vietnamese, from the build tree's translations ($ANNOTA_LOCALEDIR, as
# build-aux/run.sh sets it): the message is translated, the file name not.
podir=$(dirname "$(dirname "$(dirname "$cli")")")/po
if [ -f "$podir/vi/LC_MESSAGES/annota.mo" ]; then
  (cd "$root" && LANGUAGE=vi ANNOTA_LOCALEDIR=$podir "$cli" validate tests/data/bad/native/missing-text.json) \
    >"$work/vi.out" 2>"$work/vi.err"
  status=$?
  expected="tests/data/bad/native/missing-text.json: thiếu trường “text”"
  if [ "$status" -eq 1 ] && [ "$(cat "$work/vi.err")" = "$expected" ] && [ ! -s "$work/vi.out" ]; then
    ok "validate in Vietnamese with ANNOTA_LOCALEDIR: the translated message"
  else
    not_ok "validate in Vietnamese with ANNOTA_LOCALEDIR: the translated message" \
      "status $status, stderr: $(cat "$work/vi.err")" "expected: $expected"
  fi
else
  not_ok "validate in Vietnamese: $podir/vi/LC_MESSAGES/annota.mo was not built"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
