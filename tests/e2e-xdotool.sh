#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end, as a person would: the real annota binary on a copy of the
# Vietnamese sample, on an Xvfb of its own, driven with xdotool. Selects the
# first word with the keyboard and labels it PER (key 1), double-clicks the
# second word and labels it LOC (key 2), stretches it with Alt+Right,
# relabels, undoes and redoes, walks to the next span with Tab and deletes it, saves with
# Ctrl+S, quits with Ctrl+Q, and checks the saved file with Python's json.
#
#   tests/e2e-xdotool.sh PATH/TO/annota
set -euo pipefail

annota=${1:?usage: e2e-xdotool.sh PATH/TO/annota}
here=$(cd "$(dirname "$0")" && pwd)
root=${ANNOTA_SOURCE_ROOT:-$(dirname "$here")}
sample="$root/data/samples/kerry-lavrov-moscow.vi.json"

E2E_NAME=e2e
. "$here/e2e-lib.sh"

e2e_start_xvfb
e2e_copy_sample
e2e_run_annota annota.log -- "$doc"
wid=$(e2e_find_window 'kerry-lavrov-moscow\.vi\.json')
e2e_focus_window "$wid"

# The keyboard: the first word, "Phần", labelled PER.
xdotool key --delay 80 ctrl+Home shift+ctrl+Right
sleep 0.3
xdotool key 1
sleep 0.3

# The mouse: a double-click on the second word of the first line, "công",
# labelled LOC. The text starts 32 px in; its first line sits below the
# header bar and the room left for label chips.
click_x=$((X + ${ANNOTA_E2E_WORD_X:-108}))
click_y=$((Y + ${ANNOTA_E2E_WORD_Y:-106}))
xdotool mousemove --sync "$click_x" "$click_y" click --repeat 2 --delay 60 1
sleep 0.3
xdotool key 2
sleep 0.3

# Alt+Right stretches "công" to "công việc"; 3 relabels it ORG; two undos
# take back the relabel and the stretch, one redo brings the stretch back:
# LOC over "công việc" is left only if every one of these keys worked.
xdotool key --delay 150 alt+Right 3 ctrl+z ctrl+z ctrl+shift+z
sleep 0.3

# Tab walks to the next span, the sample's "Nga" (88-91); Delete removes it.
xdotool key --delay 150 Tab Delete
sleep 0.3

e2e_save

e2e_quit

python3 - "$sample" "$doc" <<'PY'
import json, sys

with open(sys.argv[1], encoding="utf-8") as f:
    original = json.load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    saved = json.load(f)

def key(s):
    return (s["start"], s["end"], s["label"], s.get("status", "accepted"), s.get("origin"))

text = saved["text"]
assert text == original["text"], "the text changed"
old = sorted(key(s) for s in original["spans"])
new = sorted(key(s) for s in saved["spans"])
added = sorted(set(new) - set(old))
missing = sorted(set(old) - set(new))
shown = [(s, e, l, text[s:e]) for s, e, l, *_ in added]
assert text[0:4] == "Phần" and text[5:14] == "công việc" and text[88:91] == "Nga"
assert missing == [(88, 91, "LOC", "accepted", "manual")], "removed spans %r, expected Nga 88-91" % missing
expected = [(0, 4, "PER", "accepted", "manual"), (5, 14, "LOC", "accepted", "manual")]
assert added == expected, "added spans %r, expected %r" % (shown, expected)
assert len(new) == len(old) + 1
print("ok 1 e2e: Phần → PER by keyboard, công → LOC by double-click, Alt+Right, relabel, undo, redo, Tab, Delete, Ctrl+S")
PY
echo "1..1"
