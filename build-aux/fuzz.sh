#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the libFuzzer harnesses (tests/fuzz/, clang, -Dfuzzing=true) and
# runs each in turn for SECONDS, one process at a time, with a corpus
# seeded from tests/data/ in a temporary folder. Prints per harness the
# executions, executions per second and new crashes; a crash (or leak,
# timeout, out-of-memory) input is copied to tests/data/bad/FORMAT/ as
# fuzz-KIND-SHA.EXT unless an identical file is already there, and makes
# the script exit with 1.
#
# Usage: build-aux/fuzz.sh SECONDS [HARNESS...]
#   HARNESS: native, labels, spacy, doccano, brat, conll, labelstudio
#   (default: every tests/fuzz/fuzz-*.c but fuzz-common.c)
# Environment: ANNOTA_FUZZ_BUILDDIR (default _build-fuzz),
#   ANNOTA_FUZZ_CORPUS=DIR to keep the grown corpora in DIR/HARNESS
#   between runs instead of a temporary folder; ANNOTA_FUZZ_FINDINGS_FAIL=0
#   to report new failing inputs without failing (inputs already in
#   tests/data/bad/ that fail again always fail the run).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
root=$PWD
if [ ! -f meson.build ] || [ ! -d tests/fuzz ]; then
  echo "$0: run it from the source tree (build-aux/fuzz.sh)" >&2
  exit 2
fi

usage () {
  echo "usage: $0 SECONDS [HARNESS...]" >&2
  exit 2
}

seconds=${1:-}
case $seconds in
  ''|*[!0-9]*) usage ;;
esac
shift

builddir=${ANNOTA_FUZZ_BUILDDIR:-_build-fuzz}

if [ $# -gt 0 ]; then
  harnesses=("$@")
else
  harnesses=()
  for src in tests/fuzz/fuzz-*.c; do
    name=$(basename "$src" .c)
    name=${name#fuzz-}
    [ "$name" = common ] || harnesses+=("$name")
  done
fi

# clang and its fuzzer runtime (Debian 12: clang 14, libclang-rt-14-dev).
. build-aux/deps.sh || exit 2
if ! command -v clang >/dev/null; then
  annota_install_packages clang || exit 2
fi
runtime_dir=$(clang -print-runtime-dir 2>/dev/null)
if [ ! -e "$runtime_dir/libclang_rt.fuzzer-$(uname -m).a" ]; then
  version=$(clang -dumpversion | cut -d. -f1)
  annota_install_packages "libclang-rt-$version-dev" || exit 2
fi

if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" -Dfuzzing=true -Dui=false >/dev/null || exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/annota-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Seeds: the good and bad files of the harness's format, plus what else
# holds the structures it reads.
seed () {
  local dest=$1; shift
  local f
  for f in "$@"; do
    if [ -f "$f" ] && [ "$(basename "$f")" != EXPECTED ]; then
      cp "$f" "$dest/$(echo "$f" | tr / _)"
    fi
  done
}

# brat seeds: NAME.txt, a NUL byte, NAME.ann (as fuzz-brat.c splits them).
seed_brat () {
  local dest=$1; shift
  local ann
  for ann in "$@"; do
    local txt=${ann%.ann}.txt
    if [ -f "$ann" ] && [ -f "$txt" ]; then
      { cat "$txt"; printf '\0'; cat "$ann"; } >"$dest/$(echo "$ann" | tr / _)"
    fi
  done
}

extension () {
  case $1 in
    native|labels|labelstudio) echo json ;;
    spacy|doccano) echo jsonl ;;
    brat) echo ann ;;
    conll) echo conll ;;
    *) echo bin ;;
  esac
}

# No leak check at exit: GLib frees neither interned strings nor the quark
# tables it outgrows, and every label name the fuzzer invents is interned.
# libFuzzer still checks each input that allocates more than it frees.
export ASAN_OPTIONS="detect_leaks=1:leak_check_at_exit=0:abort_on_error=1:symbolize=1:allocator_may_return_null=1"
export LSAN_OPTIONS="suppressions=$root/build-aux/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
export LC_ALL=C.UTF-8

status=0
total_runs=0
for h in "${harnesses[@]}"; do
  exe=$builddir/tests/fuzz/fuzz-$h
  if ! ninja -C "$builddir" -j2 "tests/fuzz/fuzz-$h" >"$work/build-$h.log" 2>&1; then
    cat "$work/build-$h.log" >&2
    echo "$h: the build failed"
    status=2
    continue
  fi

  if [ -n "${ANNOTA_FUZZ_CORPUS:-}" ]; then
    corpus=$ANNOTA_FUZZ_CORPUS/$h
  else
    corpus=$work/corpus-$h
  fi
  mkdir -p "$corpus" "$work/artifacts-$h"
  shopt -s nullglob
  seed "$corpus" tests/fuzz/seeds/"$h"/* tests/data/bad/"$h"/*
  case $h in
    native)
      seed "$corpus" tests/data/native/* tests/data/labels.json
      ;;
    labels)
      seed "$corpus" tests/data/labels.json tests/data/native/* tests/data/bad/native/*
      ;;
    brat)
      mapfile -t files < <(find tests/data -name '*.ann' -size -64k)
      seed_brat "$corpus" "${files[@]}"
      ;;
    *)
      case $h in
        spacy) mapfile -t files < <(find tests/data -ipath '*spacy*' -name '*.jsonl' -size -64k) ;;
        doccano) mapfile -t files < <(find tests/data -ipath '*doccano*' -name '*.jsonl' -size -64k) ;;
        labelstudio) mapfile -t files < <(find tests/data -ipath '*studio*' -name '*.json' -size -64k) ;;
        conll) mapfile -t files < <(find tests/data \( -name '*.conll' -o -name '*.iob' -o -name '*.bio' \) -size -64k) ;;
        *) files=() ;;
      esac
      seed "$corpus" "${files[@]}"
      ;;
  esac
  shopt -u nullglob

  dict=()
  case $(extension "$h") in
    json|jsonl) dict=(-dict=tests/fuzz/json.dict) ;;
  esac

  # The inputs that broke this harness before: say which still do.
  still=0
  known=0
  for input in tests/data/bad/"$h"/*; do
    [ -f "$input" ] && [ "$(basename "$input")" != EXPECTED ] || continue
    known=$((known + 1))
    if ! "$exe" -timeout=10 -rss_limit_mb=2048 "$input" >"$work/known.log" 2>&1; then
      still=$((still + 1))
      reason=$(grep -a -v -E '^INFO: |^Running: |fuzz-[a-z]+: Running' "$work/known.log" | grep -m 1 .)
      echo "$h: still fails: $input: $reason" >&2
    fi
  done
  if [ "$still" -gt 0 ]; then
    status=1
  fi

  # Fork mode: one child process at a time, and fuzzing goes on after a
  # crash, so that one run finds more than the first bug.
  log=$work/$h.log
  started=$(date +%s)
  "$exe" "$corpus" "${dict[@]}" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -artifact_prefix="$work/artifacts-$h/" >"$log" 2>&1
  rc=$?
  elapsed=$(( $(date +%s) - started ))

  runs=$(sed -n 's/^#\([0-9][0-9]*\): cov:.*/\1/p' "$log" | tail -n 1)
  runs=${runs:-0}
  speed=$(( runs / (elapsed > 0 ? elapsed : 1) ))
  total_runs=$((total_runs + runs))

  # Each input libFuzzer kept is run again alone, with full stacks (GLib
  # has no frame pointers, so fast unwinding stops in g_malloc); only what
  # fails again counts, and only the smallest input of each kind of
  # failure (its first line of complaint, numbers and names left out).
  found=()
  new=0
  declare -A best=()
  for artifact in "$work/artifacts-$h"/*; do
    [ -f "$artifact" ] || continue
    kind=$(basename "$artifact" | cut -d- -f1)
    [ "$kind" = slow ] && continue
    confirm=$artifact.log
    if ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0:malloc_context_size=40" \
        "$exe" -timeout=10 -rss_limit_mb=2048 "$artifact" >"$confirm" 2>&1; then
      echo "$h: a $kind input did not fail again alone (not counted)" >&2
      continue
    fi
    signature=$(grep -a -v -E '^INFO: |^Running: |^\*\*\*|^$|^_build|fuzz-[a-z]+: Running' "$confirm" |
      grep -m 1 -E 'runtime error|Sanitizer|CRITICAL|WARNING|ERROR|differs|does not|not a fixed|check failed|libFuzzer' |
      sed -E 's/ on address.*//; s/[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]+//; s/“[^”]*”/“”/g; s/0x[0-9a-f]+/N/g; s/[0-9]+/N/g; s,/[^ :]*/,,g' |
      cut -c1-160)
    # A sanitizer report is told apart by where in Annota it happened.
    frame=$(grep -a -m 1 -o -E ' in [A-Za-z0-9_]+ [^ ]*/(src|tests)/[^ ]+\.c:[0-9]+' "$confirm" | sed -E 's/:[0-9]+$//; s, [^ ]*/, ,')
    case $signature in
      *Sanitizer*) signature="$signature$frame" ;;
    esac
    signature=${signature:-$kind}
    if [ -z "${best[$signature]:-}" ] ||
       [ "$(stat -c %s "$artifact")" -lt "$(stat -c %s "${best[$signature]}")" ]; then
      best[$signature]=$artifact
    fi
  done

  for signature in "${!best[@]}"; do
    artifact=${best[$signature]}
    kind=$(basename "$artifact" | cut -d- -f1)
    found+=("$artifact")
    echo "---- $h: $signature" >&2
    grep -a -v -E '^INFO: |^Running: |^MS: |^base unit|^Base64|^\*\*\*' "$artifact.log" | head -n 60 >&2
    echo "----" >&2
    sum=$(sha1sum "$artifact" | cut -c1-12)
    dest=tests/data/bad/$h
    duplicate=
    for existing in "$dest"/*; do
      if [ -f "$existing" ] && cmp -s "$artifact" "$existing"; then
        duplicate=$existing
        break
      fi
    done
    if [ -n "$duplicate" ]; then
      echo "$h: $kind input already known as $duplicate"
    else
      mkdir -p "$dest"
      cp "$artifact" "$dest/fuzz-$kind-$sum.$(extension "$h")"
      echo "$h: new $kind input: $dest/fuzz-$kind-$sum.$(extension "$h")"
      new=$((new + 1))
    fi
  done
  unset best

  if [ "${#found[@]}" -gt 0 ]; then
    if [ "${ANNOTA_FUZZ_FINDINGS_FAIL:-1}" = 1 ]; then
      status=1
    else
      echo "$h: NEW FAILING INPUTS FOUND; not failing this run (ANNOTA_FUZZ_FINDINGS_FAIL=0)" >&2
    fi
  elif [ "$rc" -ne 0 ]; then
    # Died without an input to blame, or before fuzzing at all.
    status=1
    echo "---- $h: exited with $rc; the end of its log" >&2
    tail -n 40 "$log" >&2
    echo "----" >&2
  fi
  echo "$h: $runs executions, $speed exec/s, ${#found[@]} failing inputs ($new new);" \
    "$still of $known inputs in tests/data/bad/$h still fail"
done

echo "total: $total_runs executions in ${#harnesses[@]} harnesses of ${seconds} s"
exit $status
