#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build into a temporary DESTDIR as a packager would, checks that
# every file is where the desktop expects it, and runs what was installed:
# annota-cli --version, and the window (when it is built) with --help and for
# a few seconds on a display with the installed sample document.
#
# Usage: test-install.sh MESON BUILD_ROOT SOURCE_ROOT BINDIR DATADIR MANDIR LOCALEDIR
#                        APP_ID VERSION UI(true|false) APP_TARGET(true|false)
# (directories absolute, with the prefix; APP_TARGET: the build defines annota)

set -uo pipefail

meson=$1 build=$2 source=$3 bindir=$4 datadir=$5 mandir=$6 localedir=$7
app_id=$8 version=$9 ui=${10} app_target=${11}

destdir=$(mktemp -d "${TMPDIR:-/tmp}/annota-install.XXXXXX")
trap 'rm -rf "$destdir"' EXIT
fail=0

check () {
  if [ -e "$destdir$1" ]; then
    echo "ok    $1"
  else
    echo "FAIL  $1 is not installed"
    fail=1
  fi
}

if ! "$meson" install -C "$build" --destdir "$destdir" --quiet; then
  echo "FAIL: meson install into $destdir"
  exit 1
fi

# Everything meson says it installs, and the files this test knows by name.
"$meson" introspect "$build" --installed >"$destdir.installed.json" || fail=1
mapfile -t installed < <(python3 -c '
import json, sys
for path in json.load(open(sys.argv[1])).values():
    print(path)
' "$destdir.installed.json")
rm -f "$destdir.installed.json"
for path in "${installed[@]}"; do
  if [ ! -e "$destdir$path" ]; then
    echo "FAIL  $path (listed by meson introspect --installed) is not installed"
    fail=1
  fi
done
echo "meson installs ${#installed[@]} files"

app_built=false
for path in "${installed[@]}"; do
  if [ "$path" = "$bindir/annota" ]; then
    app_built=true
  fi
done

check "$bindir/annota-cli"
check "$mandir/man1/annota-cli.1"
check "$datadir/annota/samples/kerry-lavrov-moscow.vi.json"
check "$datadir/annota/samples/kerry-lavrov-moscow.vi.txt"
if [ "$app_target" = true ]; then
  check "$bindir/annota"
fi
if [ "$ui" = true ]; then
  check "$datadir/applications/$app_id.desktop"
  check "$datadir/metainfo/$app_id.metainfo.xml"
  check "$datadir/icons/hicolor/scalable/apps/$app_id.svg"
  check "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
  check "$datadir/glib-2.0/schemas/$app_id.gschema.xml"
  check "$mandir/man1/annota.1"
else
  for path in "$bindir/annota" "$datadir/applications/$app_id.desktop"; do
    if [ -e "$destdir$path" ]; then
      echo "FAIL  $path is installed in a build without the window"
      fail=1
    fi
  done
fi
while read -r lang; do
  case $lang in ''|'#'*) continue ;; esac
  check "$localedir/$lang/LC_MESSAGES/annota.mo"
done < <(sed -e 's/#.*//' -e 's/[[:space:]]\+/\n/g' "$source/po/LINGUAS")

# The installed command line tool, with no help from the build tree.
cli_out=$(env -u LD_LIBRARY_PATH LC_ALL=C.UTF-8 "$destdir$bindir/annota-cli" --version 2>&1)
cli_status=$?
echo "annota-cli --version: exit $cli_status: $cli_out"
if [ "$cli_status" -ne 0 ]; then
  echo "FAIL: the installed annota-cli --version exits with $cli_status"
  fail=1
elif [[ "$cli_out" != *"$version"* ]]; then
  echo "FAIL: the installed annota-cli --version does not print $version"
  fail=1
fi

if [ "$app_built" = true ]; then
  help_out=$(env -u LD_LIBRARY_PATH LC_ALL=C.UTF-8 "$destdir$bindir/annota" --help 2>&1)
  help_status=$?
  echo "annota --help: exit $help_status"
  echo "$help_out" | sed -e 's/^/  /'
  if [ "$help_status" -ne 0 ] || [[ "$help_out" != *annota* ]]; then
    echo "FAIL: the installed annota --help"
    fail=1
  fi

  # The window from the installed files only: its schema compiled from the
  # installed one, its icons from the installed theme.
  schemas=$(mktemp -d "${TMPDIR:-/tmp}/annota-schemas.XXXXXX")
  if ! glib-compile-schemas --strict --targetdir="$schemas" "$destdir$datadir/glib-2.0/schemas"; then
    echo "FAIL: the installed schema does not compile"
    fail=1
  fi
  run=(timeout --signal=TERM --kill-after=5 5
       env -u LD_LIBRARY_PATH
       GSETTINGS_SCHEMA_DIR="$schemas" GSETTINGS_BACKEND=memory
       XDG_DATA_DIRS="$destdir$datadir:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
       GTK_A11Y=none NO_AT_BRIDGE=1 GSK_RENDERER=cairo G_DEBUG=fatal-criticals
       "$destdir$bindir/annota" "$destdir$datadir/annota/samples/kerry-lavrov-moscow.vi.json")
  if command -v dbus-run-session >/dev/null; then
    run=(dbus-run-session -- "${run[@]}")
  fi
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    if ! command -v xvfb-run >/dev/null; then
      echo "FAIL: no display, and xvfb-run is not installed (package xvfb)"
      exit 1
    fi
    run=(xvfb-run -a -s "-screen 0 1280x800x24" "${run[@]}")
  fi
  "${run[@]}" >"$schemas/app.log" 2>&1
  app_status=$?
  sed -e 's/^/  /' "$schemas/app.log"
  # 124: still running when the timeout ended it, which is what a window
  # with a document does; anything else is a crash or a failed start.
  echo "annota with the sample document for 5 s: exit $app_status"
  if [ "$app_status" -ne 124 ]; then
    echo "FAIL: the installed annota stopped by itself with exit status $app_status"
    fail=1
  fi
  rm -rf "$schemas"
elif [ "$ui" = true ]; then
  echo "the window (annota) is not built yet, so it was not started"
fi

exit $fail
