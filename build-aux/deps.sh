#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the Debian 12 packages Annota needs to build, run and test, and
# nothing when they are all there already. Sourced by run.sh and test.sh.

ANNOTA_BUILD_PACKAGES=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libicu-dev libyajl-dev libglib-testing-0-dev
)
ANNOTA_RUN_PACKAGES=(
  fonts-cantarell fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
)
ANNOTA_TEST_PACKAGES=(
  xvfb xauth xdotool imagemagick python3 groff-base man-db dbus-daemon
  desktop-file-utils appstream
)

annota_missing_packages () {
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      printf '%s\n' "$pkg"
    fi
  done
}

annota_install_packages () {
  local missing
  mapfile -t missing < <(annota_missing_packages "$@")
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  echo "Installing ${missing[*]}" >&2
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      echo "Missing packages (run as root or install them): ${missing[*]}" >&2
      return 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq &&
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
