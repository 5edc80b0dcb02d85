#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Review end to end, as a person would: the real annota binary opens a copy
# of the Vietnamese sample with `--suggestions` (tests/data/ui/predictions.json)
# on an Xvfb of its own, and every suggestion is decided with real keys from
# xdotool: X and Delete reject, Enter and A accept, a digit relabels and
# accepts, Alt+Right stretches one first, J skips one that comes round again
# at the end; Enter after the last marks the document done. Ctrl+S saves,
# Ctrl+Q quits, and Python's json checks the file.
#
#   tests/e2e-review.sh PATH/TO/annota
set -euo pipefail

annota=${1:?usage: e2e-review.sh PATH/TO/annota}
here=$(cd "$(dirname "$0")" && pwd)
root=${ANNOTA_SOURCE_ROOT:-$(dirname "$here")}
sample="$root/data/samples/kerry-lavrov-moscow.vi.json"
predictions="$root/tests/data/ui/predictions.json"

E2E_NAME=e2e-review
. "$here/e2e-lib.sh"

e2e_start_xvfb
e2e_copy_sample
e2e_run_annota annota.log -- "$doc" --suggestions "$predictions"
wid=$(e2e_find_window 'kerry-lavrov-moscow\.vi\.json')
e2e_focus_window "$wid"

# Review mode is on at the first suggestion of the text. One key per
# decision, in the order of the text:
#   x       205 ORG "Kerry" (the conflict)  rejected
#   Return  458 PER "Lavrov"                accepted
#   a       480 PER "Putin"                 accepted
#   j       876 ORG "Bộ Ngoại giao Nga"     skipped, for later
#   Delete  958 LOC "Syria"                 rejected
#   1       965 LOC "Matxcơva"              accepted as PER
#   alt+Right Return  977 LOC "Washington"  stretched to "Washington đã", accepted
#   2       1374 ORG "IS"                   accepted as LOC
#   Return  1455 LOC "Ukraina"              accepted
#   x       1534 MISC "Donbass"             rejected
#   Return  1641 PER "Barack Obama"         accepted
#   Return  876 ORG, come round again       accepted
#   Return  nothing open: marks the document done
xdotool key --delay 120 x Return a j Delete 1 alt+Right Return 2 Return x Return Return Return
sleep 0.5

e2e_save

e2e_quit

python3 - "$sample" "$doc" <<'PY' || fail "the saved file is not as reviewed"
import json, sys

with open(sys.argv[1], encoding="utf-8") as f:
    original = json.load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    saved = json.load(f)

assert saved["text"] == original["text"], "the text changed"
assert saved["state"] == "done", "state %r, expected done" % saved["state"]
spans = saved["spans"]
open_ = [s for s in spans if s.get("status", "accepted") == "suggested"]
assert not open_, "still suggested: %r" % open_
for s in spans:
    if s.get("origin") != "manual":
        assert s.get("reviewed") is True, "no reviewed mark: %r" % s

decided = sorted((s["start"], s["end"], s["label"], s["status"]) for s in spans if s.get("reviewed"))
expected = sorted([
    (205, 210, "ORG", "rejected"), (458, 464, "PER", "accepted"), (480, 485, "PER", "accepted"),
    (876, 893, "ORG", "accepted"), (958, 963, "LOC", "rejected"), (965, 973, "PER", "accepted"),
    (977, 990, "LOC", "accepted"), (1374, 1376, "LOC", "accepted"), (1455, 1462, "LOC", "accepted"),
    (1534, 1541, "MISC", "rejected"), (1641, 1653, "PER", "accepted"),
])
assert decided == expected, "decided %r\nexpected %r" % (decided, expected)
conflict = [s for s in spans if s.get("conflict")]
assert [(s["start"], s["label"]) for s in conflict] == [(205, "ORG")], "conflict marks %r" % conflict
manual = sorted((s["start"], s["end"], s["label"]) for s in spans if s.get("origin") == "manual")
assert manual == sorted((s["start"], s["end"], s["label"]) for s in original["spans"] if s.get("origin") == "manual")
assert len(spans) == len(original["spans"]) + 8
print("ok 1 e2e-review: 11 suggestions decided with 14 keys (x Return a j Delete 1 alt+Right Return 2 Return x Return Return), then Enter marks the document done, Ctrl+S")
PY
echo "1..1"
