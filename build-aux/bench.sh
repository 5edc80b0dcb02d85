#!/usr/bin/env bash
# bench.sh
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Measures Annota against the platform floor and against Python, side by
# side in one run, and prints one line per figure:
#
#   NAME: VALUE UNIT (baseline VALUE UNIT, ratio R) noise LO–HI …; target …: ok|MISSED
#
# VALUE is the median of several runs, the noise the range of those runs.
# Times of whole processes are CPU times (user + system): on a machine
# shared with other work they move far less than wall times, which are
# printed too. The window figures come from tests/bench/bench-window under
# Xvfb with GSK_RENDERER=cairo. The inputs are made here, in _bench/
# (git-ignored), and kept for the next run until their generator changes.
#
# A benchmark, not a test: it exits 0 whatever the figures, and says MISSED
# next to a target that does not hold.
#
#   build-aux/bench.sh [--quick] [--build DIR] [--only SECTIONS]
#
# SECTIONS is a comma-separated list of io, memory, convert, corpus,
# window, app, whole, scale (default: all; the last two, beyond the table,
# are skipped when the run is late). --quick takes fewer runs.

set -uo pipefail

# The real annota binary on the document: waits for its window, then for its
# memory to stop growing, and prints its peak RSS in MB.
app_memory_inner () {
  local app_bin=$1 file=$2 pid hwm last=0 still=0 i
  "$app_bin" "$file" >/dev/null 2>&1 &
  pid=$!
  timeout 60 xdotool search --sync --onlyvisible --name "$(basename "$file" | sed 's/\./\\./g')" >/dev/null 2>&1
  for i in $(seq 120); do
    hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
    [ -n "$hwm" ] || break
    if [ "$hwm" = "$last" ]; then
      still=$((still + 1))
      [ "$still" -ge 8 ] && break
    else
      still=0
      last=$hwm
    fi
    sleep 0.25
  done
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  [ -n "$last" ] && [ "$last" != 0 ] && awk -v k="$last" 'BEGIN { printf "%.1f\n", k / 1024 }'
}

if [ "${1:-}" = --app-memory ]; then
  shift
  app_memory_inner "$@"
  exit 0
fi

root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/_build-bench
bench=$root/_bench
runs=5
slow_runs=3
window_runs=5
only=all

while [ $# -gt 0 ]; do
  case $1 in
    --quick) runs=3; slow_runs=1; window_runs=2; shift ;;
    --build) build=$(realpath -m "$2"); shift 2 ;;
    --only) only=$2; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument $1" >&2; exit 0 ;;
  esac
done

cli=$build/src/cli/annota-cli
app=$build/src/ui/annota
bench_window=$build/tests/bench/bench-window
bench_corpus=$build/tests/bench/bench-corpus
bench_app_window=$build/tests/bench/bench-app-window
started=$(date +%s)

wanted () {
  [ "$only" = all ] || [[ ",$only," == *",$1,"* ]]
}

say () {
  printf '%s\n' "$*"
}

# in_budget SECONDS NAME: false (saying so) once the run has taken SECONDS,
# so that the figures beyond the table keep the whole under ten minutes.
in_budget () {
  if [ $(( $(date +%s) - started )) -ge "$1" ]; then
    say "$2: skipped, to finish within ten minutes (run with --only to get it)"
    return 1
  fi
}

section () {
  printf '\n== %s (%ds)\n' "$1" "$(( $(date +%s) - started ))"
}

# --- Set up --------------------------------------------------------------

if [ -f "$root/build-aux/deps.sh" ]; then
  . "$root/build-aux/deps.sh"
  annota_install_packages python3 xvfb xauth xdotool >/dev/null 2>&1 ||
    say "bench.sh: could not install python3, xvfb or xdotool; some figures will be missing"
fi

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" -Dbuildtype=release >"$root/_bench-setup.log" 2>&1 ||
    { say "bench.sh: meson setup $build failed (see _bench-setup.log)"; exit 0; }
  rm -f "$root/_bench-setup.log"
fi
targets=(src/cli/annota-cli)
known=$(ninja -C "$build" -t targets all 2>/dev/null)
for t in src/ui/annota tests/bench/bench-window tests/bench/bench-app-window tests/bench/bench-corpus; do
  if grep -q "^$t:" <<<"$known"; then
    targets+=("$t")
  fi
done
if ! ninja -C "$build" -j2 "${targets[@]}" >"$build/bench-build.log" 2>&1; then
  say "bench.sh: building ${targets[*]} in $build failed; measuring what was built (see $build/bench-build.log)"
fi
if [ ! -x "$cli" ]; then
  say "bench.sh: $cli is missing: nothing to measure"
  exit 0
fi

mkdir -p "$bench"
work=$(mktemp -d "${TMPDIR:-/tmp}/annota-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

export LC_ALL=C.UTF-8 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
export XDG_CACHE_HOME=$work/home/.cache XDG_RUNTIME_DIR=$work/run ANNOTA_SOURCE_ROOT=$root
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
xvfb=(xvfb-run -a -s "-screen 0 1400x900x24")

# --- Figures -------------------------------------------------------------

# stats FILE COLUMN → "median min max count" of that column.
stats () {
  awk -v c="$2" 'NF >= c { print $c }' "$1" | sort -g | awk '
    { v[NR] = $1 }
    END {
      if (NR == 0) { print "0 0 0 0"; exit }
      m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      print m, v[1], v[NR], NR
    }'
}

# figure NAME UNIT TARGET "VALUE LO HI" "BASE BLO BHI" [NOTE]: one line, with
# the ratio checked against TARGET (a maximum ratio; empty for none).
figure () {
  local name=$1 unit=$2 target=$3 note=${6:-}
  local v lo hi n b blo bhi bn
  read -r v lo hi n <<<"$4"
  read -r b blo bhi bn <<<"$5"
  if [ "$n" = 0 ] || [ "$bn" = 0 ]; then
    say "$name: not measured (every run failed)"
    return
  fi
  awk -v name="$name" -v unit="$unit" -v target="$target" -v note="$note" \
      -v v="$v" -v lo="$lo" -v hi="$hi" -v b="$b" -v blo="$blo" -v bhi="$bhi" -v n="$n" -v bn="$bn" '
    function f(x) { return x >= 100 ? sprintf("%.0f", x) : x >= 10 ? sprintf("%.1f", x) : sprintf("%.2f", x) }
    BEGIN {
      r = b > 0 ? v / b : 0
      line = sprintf("%s: %s %s (baseline %s %s, ratio %.2f) noise %s–%s vs %s–%s %s over %d and %d runs",
                     name, f(v), unit, f(b), unit, r, f(lo), f(hi), f(blo), f(bhi), unit, n, bn)
      if (note != "") line = line "; " note
      if (target != "") line = line sprintf("; target ratio ≤ %s: %s", target, r <= target ? "ok" : "MISSED")
      print line
    }'
}

# Runs a command and prints its CPU time (user + system) and wall time in
# ms and its peak RSS in MB, from wait4 (what /usr/bin/time reads, at µs
# rather than 10 ms resolution).
py_wait4='import os, subprocess, sys, time
t = time.monotonic()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = p.stderr.read()
_, status, ru = os.wait4(p.pid, 0)
wall = time.monotonic() - t
p.returncode = 0
if status != 0:
    sys.stderr.buffer.write(err)
    sys.exit(1)
print("%.1f %.1f %.1f" % ((ru.ru_utime + ru.ru_stime) * 1000, wall * 1000, ru.ru_maxrss / 1024))'

# measure FILE RUNS CMD…: runs CMD RUNS times and appends, per run, its CPU
# time and wall time in ms and its peak RSS in MB to FILE.
measure () {
  local file=$1 n=$2 i
  shift 2
  : >"$file"
  for i in $(seq "$n"); do
    python3 -c "$py_wait4" "$@" >>"$file" 2>"$work/stderr" ||
      say "  (failed: $* — $(head -c 300 "$work/stderr"))"
  done
}

# printed FILE RUNS CMD…: the value CMD prints, one per run, into FILE.
printed () {
  local file=$1 n=$2 i
  shift 2
  : >"$file"
  for i in $(seq "$n"); do
    "$@" >>"$file" 2>"$work/stderr" || say "  (failed: $* — $(head -c 300 "$work/stderr"))"
  done
}

# paired_diff A B COLUMN → per-run A − B, one per line (runs paired in order).
paired_diff () {
  paste -d ' ' <(awk -v c="$3" '{ print $c }' "$1") <(awk -v c="$3" '{ print $c }' "$2") |
    awk 'NF == 2 { print $1 - $2 }'
}

# --- Inputs --------------------------------------------------------------

# fresh OUTPUT INPUTS…: true when OUTPUT exists and is newer than each input.
fresh () {
  local out=$1 in
  shift
  [ -s "$out" ] || return 1
  for in in "$@"; do
    [ "$out" -nt "$in" ] || return 1
  done
}

sample=$root/data/samples/kerry-lavrov-moscow.vi.json
gen_doc=$root/build-aux/gen-bench-doc.py
gen_jsonl=$root/build-aux/gen-corpus.py
convert_baseline=$root/build-aux/bench-convert-baseline.py
doc=$bench/doc-5mb-200k.json
text=$bench/doc-5mb-200k.txt

make_doc () {
  local out=$1 n_spans=$2 bytes=$3
  if ! fresh "$out" "$gen_doc" "$sample"; then
    python3 "$gen_doc" "$sample" "$out.tmp" "$n_spans" "$bytes" && mv "$out.tmp" "$out"
  fi
}

section "inputs in $bench"
make_doc "$doc" 200000 5000000
if ! fresh "$text" "$doc"; then
  python3 -c 'import json, sys
open(sys.argv[2], "w", encoding="utf-8").write(json.load(open(sys.argv[1], encoding="utf-8"))["text"])' "$doc" "$text"
fi
doc_mb=$(awk -v b="$(stat -c %s "$doc")" 'BEGIN { printf "%.1f", b / 1048576 }')
say "document: $doc_mb MiB of JSON, $(stat -c %s "$text") bytes of text, 200,000 spans (gen-bench-doc.py)"
if "$cli" format "$doc" "$work/roundtrip.json" 2>"$work/stderr" && ! cmp -s "$doc" "$work/roundtrip.json"; then
  say "  note: the document does not round-trip byte for byte through annota-cli format"
fi
rm -f "$work/roundtrip.json"

# --- CLI: load, save, memory ---------------------------------------------

py_load='import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))'
py_time_load='import json, sys, time
t = time.process_time(); json.load(open(sys.argv[1], encoding="utf-8"))
print("%.1f" % ((time.process_time() - t) * 1000))'
py_time_dump='import json, sys, time
d = json.load(open(sys.argv[1], encoding="utf-8"))
t = time.process_time()
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(d, f, ensure_ascii=False)
print("%.1f" % ((time.process_time() - t) * 1000))'

if wanted io || wanted memory; then
  section "load and save the native file (annota-cli against Python's json)"
  cat "$doc" >/dev/null
  measure "$work/stats" "$runs" "$cli" stats "$doc"
  measure "$work/py-load" "$runs" python3 -c "$py_load" "$doc"
  if wanted io; then
    figure "load the $doc_mb MiB native file (annota-cli stats, CPU)" ms 0.33 \
      "$(stats "$work/stats" 1)" "$(stats "$work/py-load" 1)" "whole processes, python3 json.load the baseline"
    figure "load the $doc_mb MiB native file (annota-cli stats, wall)" ms "" \
      "$(stats "$work/stats" 2)" "$(stats "$work/py-load" 2)"
    printed "$work/py-load-only" "$runs" python3 -c "$py_time_load" "$doc"
    figure "load, against json.load alone in a running Python (CPU)" ms "" \
      "$(stats "$work/stats" 1)" "$(stats "$work/py-load-only" 1)" "annota-cli start-up included, Python's not"

    measure "$work/format" "$runs" "$cli" format "$doc" "$work/out.json"
    printed "$work/py-dump" "$runs" python3 -c "$py_time_dump" "$doc" "$work/out-py.json"
    paired_diff "$work/format" "$work/stats" 1 >"$work/save"
    figure "save it (annota-cli format less stats, CPU)" ms 0.5 \
      "$(stats "$work/save" 1)" "$(stats "$work/py-dump" 1)" "json.dump in a running Python the baseline; the save is atomic (fsync)"
    measure "$work/py-load-dump" "$runs" python3 -c "$py_time_dump" "$doc" "$work/out-py.json"
    figure "load and save (annota-cli format, whole processes, CPU)" ms "" \
      "$(stats "$work/format" 1)" "$(stats "$work/py-load-dump" 1)" "python3 json.load + json.dump the baseline"
    rm -f "$work/out.json" "$work/out-py.json"
  fi
  if wanted memory; then
    figure "peak memory, annota-cli stats on it" MB 0.5 \
      "$(stats "$work/stats" 3)" "$(stats "$work/py-load" 3)" "peak RSS; python3 json.load the baseline"
  fi
fi

# --- Convert -------------------------------------------------------------

if wanted convert; then
  section "convert a 100 MB spaCy JSONL corpus (annota-cli convert against a plain Python script)"
  if ! "$cli" convert --help >/dev/null 2>&1; then
    say "convert 100 MB JSONL → CoNLL: not available yet (annota-cli has no convert)"
    say "convert 100 MB JSONL → spaCy JSONL: not available yet (annota-cli has no convert)"
  elif [ ! -f "$gen_jsonl" ] || [ ! -f "$convert_baseline" ]; then
    say "convert: not available yet (build-aux/gen-corpus.py or bench-convert-baseline.py is missing)"
  else
    jsonl=$bench/corpus-100mb.jsonl
    if ! fresh "$jsonl" "$gen_jsonl"; then
      python3 "$gen_jsonl" 100 "$jsonl.tmp" && mv "$jsonl.tmp" "$jsonl"
    fi
    cat "$jsonl" >/dev/null
    jsonl_mb=$(awk -v b="$(stat -c %s "$jsonl")" 'BEGIN { printf "%.1f", b / 1048576 }')
    # The options of build-aux/bench-convert.sh: the baseline skips a span
    # off the token boundaries, as --misaligned skip does.
    for to in "conll:CoNLL:conll:--misaligned skip" "spacy:spaCy JSONL:jsonl:--to spacy"; do
      IFS=: read -r kind name ext opts <<<"$to"
      # shellcheck disable=SC2086
      measure "$work/c-cli" "$slow_runs" "$cli" convert -q $opts "$jsonl" "$work/out.$ext"
      measure "$work/c-py" "$slow_runs" python3 "$convert_baseline" "$kind" "$jsonl" "$work/out-py.$ext"
      read -r cpu _ <<<"$(stats "$work/c-cli" 1)"
      read -r py_cpu _ <<<"$(stats "$work/c-py" 1)"
      figure "convert $jsonl_mb MB JSONL → $name (annota-cli convert, CPU)" ms 0.33 \
        "$(stats "$work/c-cli" 1)" "$(stats "$work/c-py" 1)" \
        "$(awk -v mb="$jsonl_mb" -v a="$cpu" -v b="$py_cpu" 'BEGIN { printf "%.0f MB/s against %.0f MB/s", mb / a * 1000, mb / b * 1000 }')"
      figure "convert $jsonl_mb MB JSONL → $name (wall)" ms "" "$(stats "$work/c-cli" 2)" "$(stats "$work/c-py" 2)"
      rm -f "$work/out.$ext" "$work/out-py.$ext"
    done
  fi
fi

# --- Corpus --------------------------------------------------------------

make_corpus () {
  local dir=$1
  [ -f "$dir/.complete" ] && [ "$dir/.complete" -nt "$0" ] && return 0
  rm -rf "$dir"
  mkdir -p "$dir"
  python3 - "$sample" "$dir" <<'PY'
import json, random, sys

sample, out = sys.argv[1], sys.argv[2]
rng = random.Random(8)
text = json.load(open(sample, encoding='utf-8'))['text']
sentences = [s.strip() + '.' for s in text.replace('\n', ' ').split('. ') if s.strip()]
ids = ['PER', 'LOC', 'ORG', 'MISC', 'DATE', 'TIME', 'MONEY', 'EVENT', 'PRODUCT', 'WORK']
labels = [{'id': l, 'name': l.title(), 'color': '#%06x' % rng.randrange(1 << 24), 'key': str(i % 10)}
          for i, l in enumerate(ids)]
with open(out + '/labels.json', 'w', encoding='utf-8') as f:
    json.dump({'annota': 1, 'labels': labels}, f, ensure_ascii=False, indent=2)
states = ['todo', 'in-progress', 'done']
dumps = lambda v: json.dumps(v, ensure_ascii=False)
for n in range(1, 10001):
    body = ' '.join(rng.choice(sentences) for _ in range(rng.randint(2, 8)))
    spans = []
    for _ in range(rng.randint(0, 30)):
        s = rng.randrange(max(1, len(body) - 20))
        e = min(len(body), s + rng.randint(2, 20))
        st = rng.choice(['accepted', 'accepted', 'suggested', 'rejected'])
        span = {'start': s, 'end': e, 'label': rng.choice(ids), 'status': st}
        if st != 'accepted':
            span['origin'] = 'vi-ner-model'
            span['score'] = round(rng.uniform(0.1, 1.0), 2)
        spans.append(span)
    spans.sort(key=lambda s: (s['start'], s['end'], s['label']))
    with open('%s/doc-%d.json' % (out, n), 'w', encoding='utf-8') as f:
        f.write('{\n  "annota": 1,\n  "text": %s,\n  "spans": [\n%s\n  ],\n  "state": %s\n}\n' % (
            dumps(body), ',\n'.join('    ' + dumps(s) for s in spans), dumps(rng.choice(states))))
PY
  [ $? -eq 0 ] && touch "$dir/.complete"
}

if wanted corpus; then
  section "list a folder corpus of 10,000 documents"
  if [ ! -x "$bench_corpus" ]; then
    say "corpus-list: not available yet (no tests/bench/bench-corpus: the corpus is not in the core yet)"
  else
    make_corpus "$bench/corpus-10k"
    "$bench_corpus" --runs "$runs" "$bench/corpus-10k" 2>&1 || say "corpus-list: the benchmark failed"
  fi
fi

# --- The window ----------------------------------------------------------

if wanted window; then
  section "the text view under Xvfb (GSK_RENDERER=cairo), against a bare GtkTextView"
  if [ ! -x "$bench_window" ]; then
    say "window: not available (no tests/bench/bench-window: built with -Dui=false?)"
  elif ! command -v xvfb-run >/dev/null; then
    say "window: not available (xvfb-run is not installed)"
  else
    "${xvfb[@]}" "$bench_window" --runs "$window_runs" "$doc" "$text" 2>"$work/window.err" ||
      { say "window: the benchmark failed:"; head -c 2000 "$work/window.err"; }
  fi
fi

# --- The application -----------------------------------------------------

if wanted app; then
  section "the application with the document open"
  if [ ! -x "$app" ] || ! command -v xdotool >/dev/null || ! command -v xvfb-run >/dev/null; then
    say "peak memory, app with that document open: not available (no annota binary, xdotool or xvfb-run)"
  else
    : >"$work/app-hwm"
    for i in $(seq "$slow_runs"); do
      DBUS_SESSION_BUS_ADDRESS="unix:path=$work/no-bus" \
        "${xvfb[@]}" bash "$0" --app-memory "$app" "$doc" >>"$work/app-hwm" 2>"$work/app.err"
    done
    if [ -s "$work/app-hwm" ]; then
      read -r v lo hi _ <<<"$(stats "$work/app-hwm" 1)"
      awk -v v="$v" -v lo="$lo" -v hi="$hi" -v n="$(wc -l <"$work/app-hwm")" 'BEGIN {
        printf "peak memory, app with that document open: %.0f MB (baseline 250 MB, ratio %.2f) noise %.0f–%.0f MB over %d runs; the annota binary, VmHWM once settled; target ≤ 250 MB: %s\n",
               v, v / 250, lo, hi, n, v <= 250 ? "ok" : "MISSED" }'
    else
      say "peak memory, app with that document open: not measured (the window did not appear: $(head -c 300 "$work/app.err"))"
    fi
  fi
fi

# --- The whole window -------------------------------------------------

if wanted whole && { [ "$only" != all ] || in_budget 400 "whole window"; }; then
  section "the whole application window (span panel, palette) against a bare GtkTextView"
  if [ ! -x "$bench_app_window" ] || ! command -v xvfb-run >/dev/null; then
    say "whole window: not available (no tests/bench/bench-app-window or xvfb-run)"
  else
    # As many starts as the text view's (the first paint is the noisiest
    # figure), each with fewer actions: 120 of them in all, as before. On a
    # session bus, as on a desktop: without one GIO would try to launch one
    # at every start of the application (not of the bare view).
    session=()
    command -v dbus-run-session >/dev/null && session=(dbus-run-session --)
    "${session[@]}" "${xvfb[@]}" "$bench_app_window" --runs "$window_runs" --actions $((120 / window_runs)) --pages 20 \
      "$doc" "$text" 2>"$work/whole.err" ||
      { say "whole window: the benchmark failed:"; head -c 2000 "$work/whole.err"; }
  fi
fi

# --- Scale: the other document sizes -------------------------------------

if wanted scale && { [ "$only" != all ] || in_budget 480 "load at other sizes"; }; then
  section "load at other sizes (1 MB + 10,000 spans, 20 MB + 1,000,000 spans)"
  make_doc "$bench/doc-1mb-10k.json" 10000 1000000
  make_doc "$bench/doc-20mb-1m.json" 1000000 20000000
  for d in "$bench/doc-1mb-10k.json:1 MB + 10,000 spans" "$bench/doc-20mb-1m.json:20 MB + 1,000,000 spans"; do
    f=${d%%:*}
    cat "$f" >/dev/null
    measure "$work/s-cli" "$slow_runs" "$cli" stats "$f"
    measure "$work/s-py" "$slow_runs" python3 -c "$py_load" "$f"
    mb=$(awk -v b="$(stat -c %s "$f")" 'BEGIN { printf "%.0f", b / 1048576 }')
    figure "load ${d#*:} ($mb MB, annota-cli stats, CPU)" ms "" \
      "$(stats "$work/s-cli" 1)" "$(stats "$work/s-py" 1)" "whole processes; the target (≤ 0.33) is the 23 MB file's"
    figure "peak memory, annota-cli stats on ${d#*:}" MB "" \
      "$(stats "$work/s-cli" 3)" "$(stats "$work/s-py" 3)" "peak RSS; the target (≤ 0.5) is the 23 MB file's"
  done
fi

section "done"
exit 0
