#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what is missing, builds Annota and opens it on the Vietnamese
# sample document. Arguments, if any, are passed to annota instead of the
# sample.
set -euo pipefail
cd "$(dirname "$0")/.."
. build-aux/deps.sh

annota_install_packages "${ANNOTA_BUILD_PACKAGES[@]}" "${ANNOTA_RUN_PACKAGES[@]}"

builddir=_build
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" >/dev/null
fi
ninja -C "$builddir" >/dev/null

# The translations are built into the build tree, not yet installed.
export ANNOTA_LOCALEDIR="$PWD/$builddir/po"

sample=data/samples/kerry-lavrov-moscow.vi.json
if [ "$#" -eq 0 ]; then
  set -- "$sample"
fi

if [ -x "$builddir/src/ui/annota" ]; then
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display to open a window on; here is what annota-cli says of the document instead." >&2
    exec "$builddir/src/cli/annota-cli" stats "$@"
  fi
  export ANNOTA_SAMPLES_DIR="$PWD/data/samples"
  # The settings schema is compiled into the build tree.
  export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
  exec "$builddir/src/ui/annota" "$@"
fi
exec "$builddir/src/cli/annota-cli" stats "$@"
