#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A translation is only complete against the strings the sources have now, not
# against the template it was last merged with. For each language of
# po/LINGUAS this regenerates the template from the files of po/POTFILES.in
# (as the glib preset of meson's i18n module does), merges the language's .po
# with it in a temporary folder, and fails when a message is untranslated or
# fuzzy, when msgfmt --check rejects the file (format directives, plural
# forms, header), or when a translation drops the mnemonic of its message.
# Nothing is written into po/.
#
# Usage: test-translation.sh SOURCE_ROOT

set -u

root=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

for tool in xgettext msgmerge msgfmt msgattrib; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "FAIL: $tool is not installed (package gettext)"
    exit 1
  fi
done

sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$root/po/POTFILES.in" |
  grep -v '^$' >"$tmp/potfiles"
languages=$(sed -e 's/#.*//' "$root/po/LINGUAS" | tr -s ' \t' '\n\n' | grep -v '^$')
if [ -z "$languages" ]; then
  echo "FAIL: po/LINGUAS lists no language"
  exit 1
fi

if ! (cd "$root" && xgettext --from-code=UTF-8 --add-comments \
        --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
        --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
        --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
        --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
        --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
        --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
        --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
        --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
        --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
        --package-name=annota --files-from="$tmp/potfiles" --output="$tmp/annota.pot") \
     2>"$tmp/xgettext.err"; then
  cat "$tmp/xgettext.err"
  echo "FAIL: xgettext cannot extract the files of po/POTFILES.in"
  exit 1
fi
echo "$(grep -c '^msgid ' "$tmp/annota.pot") messages in the template"

# Control characters such as a carriage return belong to the program's output,
# not to the message a translator sees.
if msgattrib --no-wrap "$tmp/annota.pot" 2>/dev/null |
     grep -E '^msgid(_plural)? "([^\\]|\\[^rabfv])*\\[rabfv]' >"$tmp/control"; then
  echo "FAIL: messages with a control character (keep it outside the translatable string):"
  sed -e 's/^/  /' "$tmp/control"
  fail=1
fi

for lang in $languages; do
  po=$root/po/$lang.po
  if [ ! -f "$po" ]; then
    echo "FAIL: po/LINGUAS lists $lang, but po/$lang.po does not exist"
    fail=1
    continue
  fi

  # The committed file itself must compile, whatever the sources say.
  if ! msgfmt --check --output-file=/dev/null "$po" 2>"$tmp/$lang.check"; then
    cat "$tmp/$lang.check"
    echo "FAIL: po/$lang.po: msgfmt --check rejects it"
    fail=1
  fi

  if ! msgmerge --quiet --output-file="$tmp/$lang.po" "$po" "$tmp/annota.pot" 2>"$tmp/$lang.merge"; then
    cat "$tmp/$lang.merge"
    echo "FAIL: po/$lang.po: msgmerge with the template failed"
    fail=1
    continue
  fi

  if ! msgfmt --check --check-format --statistics --output-file="$tmp/$lang.mo" \
         "$tmp/$lang.po" 2>"$tmp/$lang.stats"; then
    grep -v 'translated message' "$tmp/$lang.stats"
    echo "FAIL: po/$lang.po merged with the current template: msgfmt --check rejects it"
    fail=1
  fi
  stats=$(grep 'translated message' "$tmp/$lang.stats" | tail -n 1)
  echo "$lang: $stats"
  case $stats in
    *fuzzy*|*untranslated*)
      echo "FAIL: po/$lang.po is not complete: $stats"
      fail=1 ;;
  esac

  msgattrib --untranslated --no-obsolete "$tmp/$lang.po" 2>>"$tmp/$lang.attrib" >"$tmp/$lang.untranslated"
  if grep -q '^msgid ' "$tmp/$lang.untranslated"; then
    echo "FAIL: po/$lang.po: untranslated messages (run meson compile annota-pot, msgmerge, translate):"
    grep -v '^msgid ""$' "$tmp/$lang.untranslated" | grep -E '^(#:|msgid)' | sed -e 's/^/  /'
    fail=1
  fi
  msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" 2>>"$tmp/$lang.attrib" >"$tmp/$lang.fuzzy"
  if grep -q '^msgid ' "$tmp/$lang.fuzzy"; then
    echo "FAIL: po/$lang.po: fuzzy messages (the English changed; check and unmark them):"
    grep -v '^msgid ""$' "$tmp/$lang.fuzzy" | grep -E '^(#:|msgid)' | sed -e 's/^/  /'
    fail=1
  fi

  # A label like "_Open" keeps a mnemonic in its translation ("_Mở"). Each
  # message is joined onto one line first: msgid<TAB>msgstr.
  msgattrib --translated --no-fuzzy --no-obsolete --no-wrap "$tmp/$lang.po" 2>>"$tmp/$lang.attrib" |
    awk '
      /^msgid "/ { id = substr($0, 8, length($0) - 8); next }
      /^msgstr(\[0\])? "/ { sub(/^msgstr(\[0\])? "/, ""); print id "\t" substr($0, 1, length($0) - 1); id = "" }
    ' >"$tmp/$lang.pairs"
  awk -F '\t' '$1 ~ /(^|[^A-Za-z0-9_])_[A-Za-z]/ && index($2, "_") == 0 { print "  " $1 " → " $2 }' \
    "$tmp/$lang.pairs" >"$tmp/$lang.mnemonics"
  if [ -s "$tmp/$lang.mnemonics" ]; then
    echo "FAIL: po/$lang.po: translations without the mnemonic of their message:"
    cat "$tmp/$lang.mnemonics"
    fail=1
  fi
done

exit $fail
