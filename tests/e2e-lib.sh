# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the end-to-end scripts share: a temporary folder, an Xvfb of their
# own, the real annota started as a person's fresh session would start it,
# and its window found, placed and focused. Sourced after setting E2E_NAME.
#
#   E2E_NAME=e2e-foo; . "$here/e2e-lib.sh"

for tool in Xvfb xdotool python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "1..0 # SKIP $tool is not installed"
    exit 0
  fi
done

tmp=$(mktemp -d)
app_pid=
xvfb_pid=
e2e_cleanup () {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap e2e_cleanup EXIT

fail () {
  echo "$E2E_NAME: $*" >&2
  for log in "$tmp"/annota*.log; do
    if [ -s "$log" ]; then
      echo "--- $(basename "$log"):" >&2
      cat "$log" >&2
    fi
  done
  exit 1
}

# Our own display, whose number Xvfb picks itself: another test's server
# that is still going away cannot be taken for ours, and this runs with or
# without xvfb-run around it.
e2e_start_xvfb () {
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
}

# A writable copy of the sample in $doc, and a home of the test's own.
e2e_copy_sample () {
  doc="$tmp/kerry-lavrov-moscow.vi.json"
  cp "$sample" "$doc"
  chmod u+w "$doc"
  mkdir -p "$tmp/home"
}

# e2e_run_annota LOG [ENV=VALUE…] -- [ARG…]: starts annota in the background
# with a home of its own and no session bus (each start is an instance of
# its own, and nothing of the user's is touched). Criticals stay fatal;
# plain warnings do not, since GTK 4.8 warns about snapshotting its own
# unallocated tooltip and popover gizmos when a slow (sanitizer) build draws
# a frame before laying them out.
e2e_run_annota () {
  local log=$1; shift
  local extra_env=()
  while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
    extra_env+=("$1"); shift
  done
  [ "${1:-}" = "--" ] && shift
  env G_DEBUG=fatal-criticals HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" \
    XDG_DATA_HOME="$tmp/home/.local/share" XDG_STATE_HOME="$tmp/home/.local/state" \
    XDG_CACHE_HOME="$tmp/home/.cache" XDG_RUNTIME_DIR="$tmp" \
    DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/no-bus" \
    GTK_A11Y=none GSK_RENDERER=cairo GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 LC_ALL=C.UTF-8 \
    "${extra_env[@]}" "$annota" "$@" >"$tmp/$log" 2>&1 &
  app_pid=$!
}

# e2e_find_window TITLE-REGEX: prints the id of the visible window.
e2e_find_window () {
  local wid
  wid=$(timeout 30 xdotool search --sync --onlyvisible --name "$1" | head -n1) ||
    fail "the window “$1” did not appear"
  [ -n "$wid" ] || fail "the window “$1” did not appear"
  echo "$wid"
}

# Places the window at the top left at 1280×800, and puts the pointer on
# the text, since keys go to the window under the pointer. Sets X and Y.
e2e_focus_window () {
  local wid=$1
  xdotool windowmove --sync "$wid" 0 0 >/dev/null 2>&1 || true
  xdotool windowsize --sync "$wid" 1280 800 >/dev/null 2>&1 || true
  sleep 1
  eval "$(xdotool getwindowgeometry --shell "$wid")"
  xdotool mousemove --sync $((X + 300)) $((Y + 400))
  xdotool windowfocus --sync "$wid" 2>/dev/null || true
  sleep 0.3
}

# Ctrl+Q, then waits for annota to exit with status 0.
e2e_quit () {
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
}

# Ctrl+S, then waits until $doc on disk changed.
e2e_save () {
  local before
  before=$(stat -c %Y.%s "$doc")
  xdotool key ctrl+s
  for _ in $(seq 50); do
    [ "$(stat -c %Y.%s "$doc")" != "$before" ] && break
    sleep 0.1
  done
  [ "$(stat -c %Y.%s "$doc")" != "$before" ] || fail "Ctrl+S did not write the file"
}
