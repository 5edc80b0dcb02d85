#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes data/screenshots/annota-window.png: the window on the Vietnamese
# sample document (which carries a few spans), on its own Xvfb at 1400x900.
#
#   build-aux/screenshot.sh [BUILDDIR] [OUTPUT.png] [DOCUMENT] [TITLE]
#
# DOCUMENT may be a folder (a corpus); TITLE is the window title to wait
# for (default: DOCUMENT's name; for a corpus, its first document's).
set -euo pipefail
cd "$(dirname "$0")/.."

builddir=${1:-_build}
output=${2:-data/screenshots/annota-window.png}
document=${3:-data/samples/kerry-lavrov-moscow.vi.json}

for tool in Xvfb xdotool import; do
  command -v "$tool" >/dev/null || { echo "screenshot.sh: $tool is missing (xvfb, xdotool, imagemagick)" >&2; exit 1; }
done
if [ ! -x "$builddir/src/ui/annota" ]; then
  meson setup "$builddir" >/dev/null 2>&1 || true
  ninja -C "$builddir" src/ui/annota >/dev/null
fi

tmp=$(mktemp -d)
app_pid=
xvfb_pid=
cleanup () {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# A free display number of our own, so that parallel runs do not meet.
display=
for n in $(seq 90 140); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then
    display=":$n"
    break
  fi
done
[ -n "$display" ] || { echo "screenshot.sh: no free X display" >&2; exit 1; }

Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do
  DISPLAY=$display xdotool getmouselocation >/dev/null 2>&1 && break
  sleep 0.1
done

# A copy in the Documents folder of a fresh home: the sample is never
# written to, the title shows a plausible ~/Documents, and no recent
# documents or settings of the user show.
mkdir -p "$tmp/home/Documents"
cp -R "$document" "$tmp/home/Documents/"
doc="$tmp/home/Documents/$(basename "$document")"

env DISPLAY="$display" HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" \
  XDG_DATA_HOME="$tmp/home/.local/share" XDG_CACHE_HOME="$tmp/home/.cache" \
  XDG_RUNTIME_DIR="$tmp" DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/no-bus" \
  GTK_A11Y=none GSK_RENDERER=cairo GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 \
  ANNOTA_SAMPLES_DIR="$PWD/data/samples" \
  "$builddir/src/ui/annota" "$doc" >"$tmp/annota.log" 2>&1 &
app_pid=$!

name=${4:-$(basename "$doc")}
if ! DISPLAY=$display timeout 20 xdotool search --sync --onlyvisible --name "$name" >"$tmp/wid" 2>/dev/null; then
  echo "screenshot.sh: the window did not appear" >&2
  cat "$tmp/annota.log" >&2
  DISPLAY=$display xdotool search --onlyvisible --name . getwindowname %@ >&2 2>/dev/null || true
  exit 1
fi
wid=$(head -n1 "$tmp/wid")
# Fill the screen, as a maximised window would, then let it draw.
DISPLAY=$display xdotool windowmove "$wid" 0 0 windowsize "$wid" 1400 900
sleep "${ANNOTA_SCREENSHOT_DELAY:-2}"

mkdir -p "$(dirname "$output")"
DISPLAY=$display import -window root "$output.tmp.png"
mv "$output.tmp.png" "$output"
echo "$output"
