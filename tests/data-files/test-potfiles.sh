#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A file with translatable strings that po/POTFILES.in does not list is never
# translated, and nothing else notices. Fails when a file under src/ or data/
# has such strings but is not listed (nor in po/POTFILES.skip), when a listed
# file is missing or listed twice, and when xgettext cannot extract a listed
# file or finds no string in one that has some.
#
# Usage: test-potfiles.sh SOURCE_ROOT

set -u

root=$1
potfiles=$root/po/POTFILES.in
skipfile=$root/po/POTFILES.skip
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# The entries of a POTFILES-style list: no comments, no blank lines, no
# surrounding blanks.
entries () {
  if [ -f "$1" ]; then
    sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$1" | grep -v '^$'
  fi
}

entries "$potfiles" >"$tmp/listed"
entries "$skipfile" >"$tmp/skipped"

while IFS= read -r f; do
  if [ ! -f "$root/$f" ]; then
    echo "FAIL: po/POTFILES.in lists $f, which does not exist"
    fail=1
  fi
done <"$tmp/listed"

sort "$tmp/listed" | uniq -d >"$tmp/twice"
while IFS= read -r f; do
  echo "FAIL: po/POTFILES.in lists $f more than once"
  fail=1
done <"$tmp/twice"

# Whether a file has strings for translators, by the way its kind marks them.
translatable () {
  case $1 in
    *.c|*.h)
      grep -Eq '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|Q_)[[:space:]]*\(|ngettext[[:space:]]*\(|g_dpgettext2?[[:space:]]*\(|g_dcgettext[[:space:]]*\(' "$2" ;;
    *.desktop.in)
      grep -Eq '^(Name|GenericName|Comment|Keywords)=' "$2" ;;
    *.metainfo.xml.in|*.appdata.xml.in|*.metainfo.xml|*.appdata.xml)
      grep -Eq '<(name|summary|description)[ >]' "$2" ;;
    *.ui|*.xml|*.in)
      grep -Eq 'translatable="yes"|<_[A-Za-z]|gettext-domain=' "$2" ;;
    *)
      return 1 ;;
  esac
}

(cd "$root" && find src data -path data/samples -prune -o -type f \
   \( -name '*.c' -o -name '*.h' -o -name '*.ui' -o -name '*.in' -o -name '*.xml' \) -print) |
  LC_ALL=C sort >"$tmp/candidates"

: >"$tmp/needed"
while IFS= read -r f; do
  if translatable "$f" "$root/$f"; then
    echo "$f" >>"$tmp/needed"
    if ! grep -Fxq "$f" "$tmp/listed" && ! grep -Fxq "$f" "$tmp/skipped"; then
      echo "FAIL: $f has translatable strings but is not in po/POTFILES.in"
      fail=1
    fi
  fi
done <"$tmp/candidates"

echo "$(wc -l <"$tmp/needed") files with translatable strings, $(wc -l <"$tmp/listed") listed"

# Extract as the glib preset of meson's i18n module does.
: >"$tmp/existing"
while IFS= read -r f; do
  if [ -f "$root/$f" ]; then
    echo "$f" >>"$tmp/existing"
  fi
done <"$tmp/listed"

if ! command -v xgettext >/dev/null 2>&1; then
  echo "FAIL: xgettext is not installed (package gettext)"
  exit 1
fi

if ! (cd "$root" && xgettext --from-code=UTF-8 --add-comments \
        --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
        --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
        --files-from="$tmp/existing" --output="$tmp/annota.pot") 2>"$tmp/xgettext.err"; then
  cat "$tmp/xgettext.err"
  echo "FAIL: xgettext cannot extract the files of po/POTFILES.in"
  exit 1
fi
cat "$tmp/xgettext.err"

grep '^#: ' "$tmp/annota.pot" | sed -e 's/^#: //' | tr ' ' '\n' | sed -e 's/:[0-9]*$//' |
  sort -u >"$tmp/extracted"
while IFS= read -r f; do
  if grep -Fxq "$f" "$tmp/listed" && ! grep -Fxq "$f" "$tmp/extracted"; then
    echo "FAIL: xgettext finds no string in $f, which has some"
    fail=1
  fi
done <"$tmp/needed"

echo "$(grep -c '^msgid ' "$tmp/annota.pot") messages extracted"
exit $fail
