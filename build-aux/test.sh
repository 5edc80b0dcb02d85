#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what is missing, builds Annota and runs the whole test suite
# headless under Xvfb: once in a normal build, once with AddressSanitizer and
# UndefinedBehaviorSanitizer. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. build-aux/deps.sh

annota_install_packages "${ANNOTA_BUILD_PACKAGES[@]}" "${ANNOTA_RUN_PACKAGES[@]}" \
  "${ANNOTA_TEST_PACKAGES[@]}" || exit 1

export GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:fast_unwind_on_malloc=0"
export LSAN_OPTIONS="suppressions=$PWD/build-aux/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

passed=0
failed=0
status=0

run_suite () {
  local builddir=$1; shift
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" "$@" >/dev/null || { status=1; return; }
  fi
  if ! ninja -C "$builddir"; then
    echo "test.sh: the build in $builddir failed" >&2
    status=1
    failed=$((failed + 1))
    return
  fi
  xvfb-run -a -s "-screen 0 1400x900x24" \
    meson test -C "$builddir" --print-errorlogs --num-processes 2 || status=1
  local counts
  counts=$(python3 - "$builddir/meson-logs/testlog.json" <<'PY'
import json, sys
ok = bad = 0
with open(sys.argv[1]) as f:
    for line in f:
        result = json.loads(line).get("result")
        if result in ("OK", "EXPECTEDFAIL", "SKIP"):
            ok += 1
        else:
            bad += 1
print(ok, bad)
PY
)
  passed=$((passed + ${counts% *}))
  failed=$((failed + ${counts#* }))
}

run_suite _build
run_suite _build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

echo "$passed passed, $failed failed"
exit $status
