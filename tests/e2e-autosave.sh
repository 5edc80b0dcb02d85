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

E2E_NAME=e2e-autosave
. "$here/e2e-lib.sh"

e2e_start_xvfb
e2e_copy_sample
recovery="$tmp/home/.local/state/annota/recovery"

# The recovery interval made short, so the test need not wait.
run_annota () {
  local log=$1; shift
  e2e_run_annota "$log" ANNOTA_AUTOSAVE_INTERVAL=0.5 -- "$@"
}

focus_window () {
  e2e_focus_window "$1"
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
e2e_save

e2e_quit

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
