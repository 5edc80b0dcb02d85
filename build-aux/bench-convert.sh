#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Conversion throughput of annota-cli convert on a generated spaCy JSONL
# corpus, next to a plain Python script doing the same with json
# (build-aux/bench-convert-baseline.py), in the same run:
#
#   build-aux/bench-convert.sh [BUILD-DIR] [SIZE-MB] [RUNS]
#
# prints, with the median wall time of RUNS runs of each,
#   NAME: VALUE MB/s (baseline VALUE MB/s, ratio R)
# CONVERT overrides the command ("path/to/annota-cli convert").
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-"$here/../_build"}
size=${2:-100}
runs=${3:-3}
convert=${CONVERT:-"$build/src/cli/annota-cli convert"}
python=${PYTHON:-python3}

work=$(mktemp -d "${TMPDIR:-/tmp}/annota-bench-convert.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

corpus="$work/corpus.jsonl"
"$python" "$here/gen-corpus.py" "$size" "$corpus"
bytes=$(wc -c < "$corpus")

# Fails early, with the reason, when the command cannot convert at all.
head -n 10 "$corpus" > "$work/probe.jsonl"
if ! $convert -q "$work/probe.jsonl" "$work/probe.conll" --misaligned skip; then
  echo "bench-convert: “$convert” cannot convert; build first or set CONVERT" >&2
  exit 1
fi

seconds () {
  start=$(date +%s.%N)
  "$@" > /dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f\n", b - a }' 
}

median () {
  tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

mbps () {
  awk -v n="$bytes" -v t="$1" 'BEGIN { printf "%.1f", n / 1048576 / t }'
}

# name, annota-cli output and options, baseline mode and output
bench () {
  name=$1 out=$2 opts=$3 mode=$4
  c_times="" py_times=""
  i=0
  while [ "$i" -lt "$runs" ]; do
    # shellcheck disable=SC2086
    c_times="$c_times $(seconds $convert -q "$corpus" "$work/$out" $opts)"
    py_times="$py_times $(seconds "$python" "$here/bench-convert-baseline.py" "$mode" "$corpus" "$work/py-$out")"
    i=$((i + 1))
  done
  c=$(echo "$c_times" | median)
  py=$(echo "$py_times" | median)
  printf '%s: %s MB/s (baseline %s MB/s, ratio %s)\n' \
    "$name" "$(mbps "$c")" "$(mbps "$py")" "$(awk -v a="$py" -v b="$c" 'BEGIN { printf "%.2f", a / b }')"
}

echo "corpus: $(awk -v n="$bytes" 'BEGIN { printf "%.1f", n / 1048576 }') MB, $(wc -l < "$corpus" | tr -d ' ') records; $runs runs each, medians"
bench "spacy-jsonl-to-conll" out.conll "--misaligned skip" conll
bench "spacy-jsonl-to-spacy-jsonl" out.jsonl "--to spacy" spacy
