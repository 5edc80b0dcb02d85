#!/usr/bin/env bash
# bench-io.sh
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Measures the native format on a large document (about 5 MB of Vietnamese
# text and 200,000 spans, made by gen-bench-doc.py from the sample) against
# Python's json module on the same file, in the same run:
#
#   parse   annota-cli stats FILE            vs  python3: json.load
#   save    annota-cli format FILE OUT,      vs  python3: json.dump
#           less the parse time
#   load+save, whole processes, and the peak memory (RSS) of each.
#
# Times are medians of 5 runs of whole processes (start-up included on both
# sides), as CPU time (user + system) and wall time. Each line reads
# NAME: VALUE UNIT (baseline VALUE UNIT, ratio R).
#
#   build-aux/bench-io.sh [BUILD_DIR] [N_SPANS]

set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/_build}
n_spans=${2:-200000}
cli=$build/src/cli/annota-cli
sample=$root/data/samples/kerry-lavrov-moscow.vi.json
runs=5

if [ ! -x "$cli" ]; then
  echo "bench-io: $cli is missing; build first (meson setup $build && ninja -C $build)" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  apt-get install -y time >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/annota-bench-io.XXXXXX")
trap 'rm -rf "$work"' EXIT
doc=$work/bench.json

python3 "$root/build-aux/gen-bench-doc.py" "$sample" "$doc" "$n_spans"
cat "$doc" >/dev/null

# Runs a command $runs times; prints the medians of its wall time and of
# its CPU time (user + system) in ms, and its largest peak RSS in MB. The
# CPU time is the fairer figure on a machine shared with other work.
measure () {
  local i wall cpu rss
  : >"$work/times"
  for i in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null
    cat "$work/time" >>"$work/times"
  done
  wall=$(awk '{ printf "%.0f\n", $1 * 1000 }' "$work/times" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  cpu=$(awk '{ printf "%.0f\n", ($2 + $3) * 1000 }' "$work/times" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  rss=$(awk '$4 > m { m = $4 } END { printf "%.1f", m / 1024 }' "$work/times")
  echo "$wall $cpu $rss"
}

# Median of what a command prints (a time it measured itself).
median_printed () {
  local values=() i
  for i in $(seq "$runs"); do
    values+=("$("$@")")
  done
  printf '%s\n' "${values[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p"
}

ratio () {
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'
}

report () {
  printf '%s: %s %s (baseline %s %s, ratio %s)\n' "$1" "$2" "$3" "$4" "$3" "$(ratio "$2" "$4")"
}

py_load='import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))'
py_load_dump='import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(d, f, ensure_ascii=False)'
py_time_load='import json, sys, time
t = time.process_time(); json.load(open(sys.argv[1], encoding="utf-8"))
print("%.0f" % ((time.process_time() - t) * 1000))'
py_time_dump='import json, sys, time
d = json.load(open(sys.argv[1], encoding="utf-8"))
t = time.process_time()
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(d, f, ensure_ascii=False)
print("%.0f" % ((time.process_time() - t) * 1000))'

size_mb=$(awk -v b="$(stat -c %s "$doc")" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "document: $size_mb MiB, $n_spans spans ($doc)"

"$cli" format "$doc" "$work/out.json"
if ! cmp -s "$doc" "$work/out.json"; then
  echo "bench-io: the generated document does not round-trip byte for byte" >&2
  exit 1
fi

read -r wall cpu rss < <(measure "$cli" stats "$doc")
read -r py_wall py_cpu py_rss < <(measure python3 -c "$py_load" "$doc")
report "parse, CPU (annota-cli stats vs python3 json.load, whole process)" "$cpu" ms "$py_cpu"
report "parse, wall (annota-cli stats vs python3 json.load, whole process)" "$wall" ms "$py_wall"
report "peak RSS, parse" "$rss" MB "$py_rss"
parse_cpu=$cpu

py_load_only=$(median_printed python3 -c "$py_time_load" "$doc")
echo "python3 json.load alone, in process, CPU: $py_load_only ms"

read -r wall cpu rss < <(measure "$cli" format "$doc" "$work/out.json")
read -r py_wall py_cpu py_rss < <(measure python3 -c "$py_load_dump" "$doc" "$work/out-py.json")
report "load+save, CPU (annota-cli format vs python3 json.load+json.dump, whole process)" "$cpu" ms "$py_cpu"
report "load+save, wall (annota-cli format vs python3 json.load+json.dump, whole process)" "$wall" ms "$py_wall"
report "peak RSS, load+save" "$rss" MB "$py_rss"

py_dump_only=$(median_printed python3 -c "$py_time_dump" "$doc" "$work/out-py.json")
save=$(awk -v a="$cpu" -v b="$parse_cpu" 'BEGIN { printf "%.0f", a - b }')
report "save, CPU (annota-cli format less stats vs python3 json.dump in process)" "$save" ms "$py_dump_only"
