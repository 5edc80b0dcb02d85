#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs one validator on one built data file and fails on anything it reports
# beyond hints (desktop file) or pedantic notes (metainfo): a warning today is
# a rejected package tomorrow.
#
# Usage: test-validate.sh desktop|metainfo|schema|man FILE-OR-DIR

set -u

kind=$1
target=$2
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

need () {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "$1 is not installed (package $2)"
    exit 1
  fi
}

fail=0
case $kind in
  desktop)
    need desktop-file-validate desktop-file-utils
    desktop-file-validate "$target" >"$out" 2>&1 || fail=1
    cat "$out"
    if grep -E ': (error|warning): ' "$out" >/dev/null; then
      fail=1
    fi
    ;;
  metainfo)
    need appstreamcli appstream
    appstreamcli validate --no-net --pedantic --no-color "$target" >"$out" 2>&1 || fail=1
    cat "$out"
    # E: errors, W: warnings, I: infos fail; P: pedantic notes are allowed.
    if grep -E '^[EWI]: ' "$out" >/dev/null; then
      fail=1
    fi
    ;;
  schema)
    need glib-compile-schemas libglib2.0-bin
    glib-compile-schemas --strict --dry-run "$target" >"$out" 2>&1 || fail=1
    cat "$out"
    if [ -s "$out" ]; then
      fail=1
    fi
    ;;
  man)
    need groff groff-base
    need man man-db
    # groff prints warnings but still exits 0, so anything on stderr fails.
    groff -man -ww -z "$target" 2>"$err" || fail=1
    if [ -s "$err" ]; then
      cat "$err"
      fail=1
    fi
    LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$target" >"$out" 2>"$err" || fail=1
    if [ -s "$err" ]; then
      cat "$err"
      fail=1
    fi
    for section in NAME SYNOPSIS DESCRIPTION 'SEE ALSO'; do
      if ! grep -q "^$section\$" "$out"; then
        echo "no $section section in $target"
        fail=1
      fi
    done
    if grep -n '@[A-Z_]*@' "$target"; then
      echo "unsubstituted variable in $target"
      fail=1
    fi
    ;;
  *)
    echo "unknown kind $kind"
    exit 1
    ;;
esac

if [ "$fail" -ne 0 ]; then
  echo "FAIL: $kind $target"
  exit 1
fi
echo "PASS: $kind $target"
