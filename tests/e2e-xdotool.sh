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

for tool in Xvfb xdotool python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "1..0 # SKIP $tool is not installed"
    exit 0
  fi
done

tmp=$(mktemp -d)
app_pid=
xvfb_pid=
cleanup () {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

fail () {
  echo "e2e: $*" >&2
  if [ -s "$tmp/annota.log" ]; then
    echo "--- annota's output:" >&2
    cat "$tmp/annota.log" >&2
  fi
  exit 1
}

# Our own display, so that this runs with or without xvfb-run around it.
display=
for n in $(seq 150 250); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then
    display=":$n"
    break
  fi
done
[ -n "$display" ] || fail "no free X display"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
for _ in $(seq 100); do
  xdotool getmouselocation >/dev/null 2>&1 && break
  sleep 0.1
done
xdotool getmouselocation >/dev/null 2>&1 || fail "Xvfb did not start"

doc="$tmp/kerry-lavrov-moscow.vi.json"
cp "$sample" "$doc"
chmod u+w "$doc"
mkdir -p "$tmp/home"

# A home of its own and no session bus: no other instance of Annota can
# take the file, and nothing of the user's is touched. Criticals stay fatal;
# plain warnings do not, since GTK 4.8 warns about snapshotting its own
# unallocated tooltip and popover gizmos when a slow (sanitizer) build draws
# a frame before laying them out.
env G_DEBUG=fatal-criticals HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share" \
  XDG_CACHE_HOME="$tmp/home/.cache" XDG_RUNTIME_DIR="$tmp" \
  DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/no-bus" \
  GTK_A11Y=none GSK_RENDERER=cairo GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 LC_ALL=C.UTF-8 \
  "$annota" "$doc" >"$tmp/annota.log" 2>&1 &
app_pid=$!

wid=$(timeout 30 xdotool search --sync --onlyvisible --name 'kerry-lavrov-moscow\.vi\.json' | head -n1) ||
  fail "the window did not appear"
[ -n "$wid" ] || fail "the window did not appear"
xdotool windowmove --sync "$wid" 0 0 >/dev/null 2>&1 || true
xdotool windowsize --sync "$wid" 1280 800 >/dev/null 2>&1 || true
sleep 1
eval "$(xdotool getwindowgeometry --shell "$wid")"

# Keys go to the window under the pointer: put it on the text.
xdotool mousemove --sync $((X + 300)) $((Y + 400))
xdotool windowfocus --sync "$wid" 2>/dev/null || true
sleep 0.3

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

before=$(stat -c %Y.%s "$doc")
xdotool key ctrl+s
for _ in $(seq 50); do
  [ "$(stat -c %Y.%s "$doc")" != "$before" ] && break
  sleep 0.1
done
[ "$(stat -c %Y.%s "$doc")" != "$before" ] || fail "Ctrl+S did not write the file"

xdotool key ctrl+q
for _ in $(seq 50); do
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$app_pid" 2>/dev/null; then
  fail "Ctrl+Q did not quit (a save question left open?)"
fi
wait "$app_pid" || fail "annota exited with status $?"
app_pid=

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
