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
  echo "e2e-review: $*" >&2
  if [ -s "$tmp/annota.log" ]; then
    echo "--- annota's output:" >&2
    cat "$tmp/annota.log" >&2
  fi
  exit 1
}

display=
for n in $(seq 251 350); do
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

env HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share" \
  XDG_CACHE_HOME="$tmp/home/.cache" XDG_RUNTIME_DIR="$tmp" \
  DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/no-bus" \
  GTK_A11Y=none GSK_RENDERER=cairo GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 LC_ALL=C.UTF-8 \
  "$annota" "$doc" --suggestions "$predictions" >"$tmp/annota.log" 2>&1 &
app_pid=$!

wid=$(timeout 30 xdotool search --sync --onlyvisible --name 'kerry-lavrov-moscow\.vi\.json' | head -n1) ||
  fail "the window did not appear"
[ -n "$wid" ] || fail "the window did not appear"
xdotool windowmove --sync "$wid" 0 0 >/dev/null 2>&1 || true
xdotool windowsize --sync "$wid" 1280 800 >/dev/null 2>&1 || true
sleep 1
eval "$(xdotool getwindowgeometry --shell "$wid")"
xdotool mousemove --sync $((X + 300)) $((Y + 400))
xdotool windowfocus --sync "$wid" 2>/dev/null || true
sleep 0.3

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
