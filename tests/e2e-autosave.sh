#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A crash, as a person would live it: the real annota binary on a copy of
# the Vietnamese sample, on an Xvfb of its own. Labels the first word PER
# with the keyboard, waits for the recovery copy (the interval made short
# with ANNOTA_AUTOSAVE_INTERVAL), kills the app with SIGKILL, starts it
# again without a file, answers "Recover Unsaved Work?" with Enter
# (Restore), saves with Ctrl+S, quits with Ctrl+Q, and checks with Python's
# json that the file has the span and that no copy is left.
#
#   tests/e2e-autosave.sh PATH/TO/annota
set -euo pipefail

annota=${1:?usage: e2e-autosave.sh PATH/TO/annota}
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
  echo "e2e-autosave: $*" >&2
  for log in "$tmp"/annota-*.log; do
    if [ -s "$log" ]; then
      echo "--- $(basename "$log"):" >&2
      cat "$log" >&2
    fi
  done
  exit 1
}

# Our own display, whose number Xvfb picks itself: another test's server
# that is still going away cannot be taken for ours.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
  [ -s "$tmp/display" ] && break
  sleep 0.1
done
[ -s "$tmp/display" ] || fail "Xvfb did not start"
export DISPLAY=":$(head -n1 "$tmp/display")"
for _ in $(seq 100); do
  xdotool getmouselocation >/dev/null 2>&1 && break
  sleep 0.1
done
xdotool getmouselocation >/dev/null 2>&1 || fail "Xvfb did not start"

doc="$tmp/kerry-lavrov-moscow.vi.json"
cp "$sample" "$doc"
chmod u+w "$doc"
mkdir -p "$tmp/home"
recovery="$tmp/home/.local/state/annota/recovery"

# A home of its own, no session bus (each start is an instance of its own),
# fatal criticals, as in e2e-xdotool.sh.
run_annota () {
  local log=$1; shift
  env G_DEBUG=fatal-criticals HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" \
    XDG_DATA_HOME="$tmp/home/.local/share" XDG_STATE_HOME="$tmp/home/.local/state" \
    XDG_CACHE_HOME="$tmp/home/.cache" XDG_RUNTIME_DIR="$tmp" \
    DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/no-bus" \
    GTK_A11Y=none GSK_RENDERER=cairo GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 LC_ALL=C.UTF-8 \
    ANNOTA_AUTOSAVE_INTERVAL=0.5 \
    "$annota" "$@" >"$tmp/$log" 2>&1 &
  app_pid=$!
}

focus_window () {
  local wid=$1
  xdotool windowmove --sync "$wid" 0 0 >/dev/null 2>&1 || true
  xdotool windowsize --sync "$wid" 1280 800 >/dev/null 2>&1 || true
  sleep 1
  eval "$(xdotool getwindowgeometry --shell "$wid")"
  # Keys go to the window under the pointer: put it on the text.
  xdotool mousemove --sync $((X + 300)) $((Y + 400))
  xdotool windowfocus --sync "$wid" 2>/dev/null || true
  sleep 0.3
}

# 1. Open the document and label its first word, "Phần", PER.
run_annota annota-1.log "$doc"
wid=$(timeout 30 xdotool search --sync --onlyvisible --name 'kerry-lavrov-moscow\.vi\.json' | head -n1) ||
  fail "the window did not appear"
[ -n "$wid" ] || fail "the window did not appear"
focus_window "$wid"
xdotool key --delay 80 ctrl+Home shift+ctrl+Right
sleep 0.3
xdotool key 1
sleep 0.3
timeout 10 xdotool search --sync --onlyvisible --name 'kerry-lavrov-moscow\.vi\.json •' >/dev/null ||
  fail "labelling did not mark the document unsaved"

# 2. Wait for the recovery copy to hold the span.
has_span () {
  python3 - "$@" <<'PY'
import glob, json, sys
for path in glob.glob(sys.argv[1] + "/*.json"):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError):
        continue
    if any(s["start"] == 0 and s["end"] == 4 and s["label"] == "PER" for s in doc["spans"]):
        sys.exit(0)
sys.exit(1)
PY
}
for _ in $(seq 100); do
  has_span "$recovery" && break
  sleep 0.1
done
has_span "$recovery" || fail "no recovery copy with the span in $recovery"
ls "$recovery"/*.info >/dev/null 2>&1 || fail "no key file beside the recovery copy"

# 3. Kill it: no chance to save or clean up.
kill -9 "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=
cmp -s "$sample" "$doc" || fail "the document changed on disk before any save"

# 4. Start again, without a file: the question comes first.
run_annota annota-2.log
dialog=$(timeout 30 xdotool search --sync --onlyvisible --name '^Recover Unsaved Work\?$' | head -n1) ||
  fail "the restore question did not appear"
[ -n "$dialog" ] || fail "the restore question did not appear"
sleep 0.5
xdotool windowfocus --sync "$dialog" 2>/dev/null || true
sleep 0.3
# Restore is the default answer.
xdotool key Return

wid=$(timeout 30 xdotool search --sync --onlyvisible --name 'kerry-lavrov-moscow\.vi\.json •' | head -n1) ||
  fail "the restored document did not appear"
[ -n "$wid" ] || fail "the restored document did not appear"
cmp -s "$sample" "$doc" || fail "restoring wrote the document"
focus_window "$wid"

# 5. Ctrl+S writes it to the document's own file.
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

left=$(ls -A "$recovery" 2>/dev/null || true)
[ -z "$left" ] || fail "recovery files left after saving: $left"

python3 - "$sample" "$doc" <<'PY' || fail "the saved file is not the restored document"
import json, sys

with open(sys.argv[1], encoding="utf-8") as f:
    original = json.load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    saved = json.load(f)

def key(s):
    return (s["start"], s["end"], s["label"], s.get("status", "accepted"), s.get("origin"))

assert saved["text"] == original["text"], "the text changed"
assert saved["text"][0:4] == "Phần"
old = sorted(key(s) for s in original["spans"])
new = sorted(key(s) for s in saved["spans"])
added = sorted(set(new) - set(old))
missing = sorted(set(old) - set(new))
assert missing == [], "spans lost: %r" % missing
assert added == [(0, 4, "PER", "accepted", "manual")], "added spans %r" % added
print("ok 1 e2e-autosave: Phần → PER, copied, kill -9, restored with Enter, Ctrl+S wrote it, no copy left")
PY
echo "1..1"
