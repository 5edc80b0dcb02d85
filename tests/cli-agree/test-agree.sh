#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# annota-cli agree: exit statuses, messages, the table, and the JSON figures
# parsed with python3 and compared with fractions worked out by hand.
#
# a.json and b.json hold "Ông John Kerry gặp Lavrov ở Moskva hôm thứ Hai."
# (11 ICU tokens: Ông John Kerry gặp Lavrov ở Moskva hôm thứ Hai .).
#   A: PER John Kerry [4,14) accepted, PER Lavrov [19,25) accepted,
#      LOC Moskva [28,34) accepted, MISC thứ Hai [39,46) rejected.
#   B: PER Kerry [9,14) accepted, LOC Lavrov [19,25) rejected,
#      PER Lavrov [19,25) suggested, LOC Moskva [28,34) accepted,
#      MISC thứ Hai [39,46) accepted.
# moscow.json has "Moscow" where the others have "Moskva".
#
# Usage: test-agree.sh DATA_DIR, with ANNOTA_CLI naming the annota-cli binary.

set -u

data=$1
cli=${ANNOTA_CLI:?ANNOTA_CLI names the annota-cli binary}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

a=$data/a.json
b=$data/b.json

# run STATUS ARG…: runs "annota-cli agree ARG…" into $tmp/out and $tmp/err
# and checks its exit status.
run () {
  expected=$1
  shift
  "$cli" agree "$@" >"$tmp/out" 2>"$tmp/err"
  status=$?
  if [ "$status" -ne "$expected" ]; then
    echo "FAIL: agree $*: exit status $status, expected $expected"
    cat "$tmp/out" "$tmp/err"
    fail=1
    return 1
  fi
  echo "ok: agree $* (exit $status)"
  return 0
}

no_stderr () {
  if [ -s "$tmp/err" ]; then
    echo "FAIL: unexpected standard error:"
    cat "$tmp/err"
    fail=1
  fi
}

stderr_has () {
  if ! grep -Fq -- "$1" "$tmp/err"; then
    echo "FAIL: standard error lacks “$1”:"
    cat "$tmp/err"
    fail=1
  fi
}

stdout_empty () {
  if [ -s "$tmp/out" ]; then
    echo "FAIL: unexpected standard output:"
    cat "$tmp/out"
    fail=1
  fi
}

# check CASE: compares the JSON on $tmp/out with the figures of CASE.
check () {
  python3 - "$1" "$tmp/out" <<'EOF' || fail=1
import json
import math
import sys
from fractions import Fraction as F

case, path = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    got = json.load(f)

def row(tp, fp, fn):
    """Counts and the figures they define; None where undefined."""
    return {"tp": tp, "fp": fp, "fn": fn,
            "precision": F(tp, tp + fp) if tp + fp else None,
            "recall": F(tp, tp + fn) if tp + fn else None,
            "f1": F(2 * tp, 2 * tp + fp + fn) if tp + fp + fn else None}

# Token categories, worked out by hand (see the top of this file):
#   A          O PER PER O PER O LOC O O O O
#   B          O O   PER O PER O LOC O MISC MISC O   (agree 8)
#   B accepted O O   PER O O   O LOC O MISC MISC O   (agree 7)
#   B PER,LOC  O O   PER O PER O LOC O O O O         (agree 10)
# default:       A: O 7, PER 3, LOC 1; B: O 6, PER 2, LOC 1, MISC 2
#                Σ = 42 + 6 + 1 = 49;  kappa = (11·8 − 49) / (121 − 49) = 39/72
# accepted-only: B: O 7, PER 1, LOC 1, MISC 2
#                Σ = 49 + 3 + 1 = 53;  kappa = (11·7 − 53) / (121 − 53) = 24/68
# PER,LOC:       B: O 8, PER 2, LOC 1
#                Σ = 56 + 6 + 1 = 63;  kappa = (11·10 − 63) / (121 − 63) = 47/58
# a against a:   Σ = 49 + 9 + 1 = 59;  kappa = (121 − 59) / (121 − 59) = 1
cases = {
    "exact": dict(
        match="exact", accepted_only=False, filter=None, spans=(3, 4),
        labels={"LOC": row(1, 0, 0), "MISC": row(0, 1, 0), "PER": row(1, 1, 1)},
        micro=row(2, 2, 1),
        macro=(F(1 + 0 + F(1, 2), 3), F(1 + F(1, 2), 2), F(1 + 0 + F(1, 2), 3)),
        kappa=F(39, 72), observed=F(8, 11), expected=F(49, 121)),
    "overlap": dict(
        match="overlap", accepted_only=False, filter=None, spans=(3, 4),
        labels={"LOC": row(1, 0, 0), "MISC": row(0, 1, 0), "PER": row(2, 0, 0)},
        micro=row(3, 1, 0),
        macro=(F(2, 3), F(1), F(2, 3)),
        kappa=F(39, 72), observed=F(8, 11), expected=F(49, 121)),
    "accepted-only": dict(
        match="exact", accepted_only=True, filter=None, spans=(3, 3),
        labels={"LOC": row(1, 0, 0), "MISC": row(0, 1, 0), "PER": row(0, 1, 2)},
        micro=row(1, 2, 2),
        macro=(F(1, 3), F(1, 2), F(1, 3)),
        kappa=F(24, 68), observed=F(7, 11), expected=F(53, 121)),
    "overlap-accepted-only": dict(
        match="overlap", accepted_only=True, filter=None, spans=(3, 3),
        labels={"LOC": row(1, 0, 0), "MISC": row(0, 1, 0), "PER": row(1, 0, 1)},
        micro=row(2, 1, 1),
        macro=(F(2, 3), F(1 + F(1, 2), 2), F(1 + 0 + F(2, 3), 3)),
        kappa=F(24, 68), observed=F(7, 11), expected=F(53, 121)),
    "per-loc": dict(
        match="exact", accepted_only=False, filter=["PER", "LOC"], spans=(3, 3),
        labels={"LOC": row(1, 0, 0), "PER": row(1, 1, 1)},
        micro=row(2, 1, 1),
        macro=(F(3, 4), F(3, 4), F(3, 4)),
        kappa=F(47, 58), observed=F(10, 11), expected=F(63, 121)),
    "per-unknown": dict(
        match="exact", accepted_only=False, filter=["PER", "NOPE"], spans=(2, 2),
        labels={"PER": row(1, 1, 1)},
        micro=row(1, 1, 1),
        macro=(F(1, 2), F(1, 2), F(1, 2)),
        # A: O PER PER O PER O O O O O O; B: O O PER O PER O O O O O O (agree 10)
        # A: O 8, PER 3; B: O 9, PER 2; Σ = 72 + 6 = 78
        kappa=F(110 - 78, 121 - 78), observed=F(10, 11), expected=F(78, 121)),
    "same": dict(
        match="exact", accepted_only=False, filter=None, spans=(3, 3),
        labels={"LOC": row(1, 0, 0), "PER": row(2, 0, 0)},
        micro=row(3, 0, 0),
        macro=(F(1), F(1), F(1)),
        kappa=F(1), observed=F(1), expected=F(59, 121)),
}
want = cases[case]
problems = []

def same(where, value, expected, exact=True):
    if expected is None:
        if value is not None:
            problems.append(f"{where}: {value!r}, expected null")
    elif isinstance(expected, F):
        if not isinstance(value, float):
            problems.append(f"{where}: {value!r}, expected {float(expected)!r}")
        elif exact and value != float(expected):
            problems.append(f"{where}: {value!r}, expected {float(expected)!r}")
        elif not exact and not math.isclose(value, float(expected), rel_tol=0, abs_tol=1e-12):
            problems.append(f"{where}: {value!r}, expected {float(expected)!r}")
    elif value != expected or type(value) is not type(expected):
        problems.append(f"{where}: {value!r}, expected {expected!r}")

same("match", got.get("match"), want["match"])
same("accepted_only", got.get("accepted_only"), want["accepted_only"])
same("filter", got.get("filter"), want["filter"])
same("spans", got.get("spans"), {"reference": want["spans"][0], "compared": want["spans"][1]})
same("label order", list(got.get("labels", {})), sorted(want["labels"]))
for label, expected in want["labels"].items():
    for key, value in expected.items():
        same(f"labels.{label}.{key}", got["labels"].get(label, {}).get(key), value)
for key, value in want["micro"].items():
    same(f"micro.{key}", got["micro"].get(key), value)
same("macro keys", sorted(got["macro"]), ["f1", "precision", "recall"])
for key, value in zip(("precision", "recall", "f1"), want["macro"]):
    same(f"macro.{key}", got["macro"].get(key), value, exact=False)
same("kappa", got.get("kappa"), want["kappa"])
same("tokens", got.get("tokens"), 11)
same("observed_agreement", got.get("observed_agreement"), want["observed"])
same("expected_agreement", got.get("expected_agreement"), want["expected"])

for problem in problems:
    print(f"FAIL: {case}: {problem}")
sys.exit(1 if problems else 0)
EOF
}

# The figures.
run 0 "$a" "$b" --json && no_stderr && check exact
run 0 --json --match exact "$a" "$b" && no_stderr && check exact
run 0 "$a" "$b" --json --match overlap && no_stderr && check overlap
run 0 "$a" "$b" --json --accepted-only && no_stderr && check accepted-only
run 0 "$a" "$b" --json --accepted-only --match=overlap && no_stderr && check overlap-accepted-only
run 0 "$a" "$b" --json --labels PER,LOC && no_stderr && check per-loc
run 0 "$a" "$b" --json --labels PER --labels ' LOC ,' && no_stderr && check per-loc
run 0 "$a" "$a" --json && no_stderr && check same

# A label neither document has is compared (as nothing) but warned about.
run 0 "$a" "$b" --json --labels PER,NOPE && check per-unknown &&
  stderr_has 'warning: neither document has the label “NOPE”'

# The table.
cat >"$tmp/table" <<EOF
Reference: $a (3 spans counted)
Compared:  $b (4 spans counted)
Match: exact

Label  Precision  Recall      F1     TP     FP     FN
LOC       1.0000  1.0000  1.0000      1      0      0
MISC      0.0000       –  0.0000      0      1      0
PER       0.5000  0.5000  0.5000      1      1      1
micro     0.5000  0.6667  0.5714      2      2      1
macro     0.5000  0.7500  0.5000

Cohen’s kappa over 11 tokens: 0.5417 (observed agreement 0.7273, expected 0.4050)
EOF
if run 0 "$a" "$b"; then
  no_stderr
  if ! cmp -s "$tmp/out" "$tmp/table"; then
    echo "FAIL: the table differs:"
    diff "$tmp/table" "$tmp/out"
    fail=1
  fi
fi

# Texts that differ: where, and what each has there.
run 1 "$a" "$data/moscow.json" && stdout_empty &&
  stderr_has "The texts differ at code point 31: $a has “…kva hôm thứ Hai.” (U+006B); $data/moscow.json has “…cow hôm thứ Hai.” (U+0063)"
run 1 --json "$data/moscow.json" "$a" && stdout_empty && stderr_has "differ at code point 31"

# Files that cannot be read.
run 1 "$a" "$tmp/missing.json" && stdout_empty && stderr_has "$tmp/missing.json"
printf '{"annota": 1, "text": "x", "spans": [{"start": 0, "end": 2, "label": "PER"}]}' >"$tmp/bad.json"
run 1 "$tmp/bad.json" "$a" && stdout_empty && stderr_has "$tmp/bad.json"

# Wrong command lines.
run 2 && stdout_empty && stderr_has "expected two files"
run 2 "$a" && stdout_empty && stderr_has "expected two files"
run 2 "$a" "$b" "$b" && stdout_empty && stderr_has "too many files"
run 2 "$a" "$b" --match fuzzy && stdout_empty && stderr_has "unknown match “fuzzy”"
run 2 "$a" "$b" --labels , && stdout_empty && stderr_has "--labels names no label"
run 2 "$a" "$b" --frobnicate && stdout_empty && stderr_has "--frobnicate"
if run 0 --help && ! grep -q -- "--accepted-only" "$tmp/out"; then
  echo "FAIL: --help does not list --accepted-only"
  fail=1
fi

exit $fail
