#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Conversion throughput of annota-cli convert on a generated spaCy JSONL
# corpus, next to a plain Python script doing the same with json
# (build-aux/bench-convert-baseline.py), in the same run:
#
#   build-aux/bench-convert.sh [BUILD-DIR] [SIZE-MB] [RUNS]
#
# prints, with the medians of RUNS runs of each,
#   NAME: VALUE MB/s (baseline VALUE MB/s, ratio R)
# once by wall time and once by CPU time (user + system, all threads): on
# a machine others share, the wall times swing with their load, the CPU
# times much less. CONVERT overrides the command ("path/to/annota-cli convert").
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

# Wall and CPU seconds of a command, as "WALL CPU".
seconds () {
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" > /dev/null
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/time"
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
  c_wall="" c_cpu="" py_wall="" py_cpu=""
  i=0
  while [ "$i" -lt "$runs" ]; do
    # shellcheck disable=SC2086
    set -- $(seconds $convert -q "$corpus" "$work/$out" $opts)
    c_wall="$c_wall $1" c_cpu="$c_cpu $2"
    set -- $(seconds "$python" "$here/bench-convert-baseline.py" "$mode" "$corpus" "$work/py-$out")
    py_wall="$py_wall $1" py_cpu="$py_cpu $2"
    i=$((i + 1))
  done
  for kind in wall cpu; do
    if [ "$kind" = wall ]; then c=$(echo "$c_wall" | median); py=$(echo "$py_wall" | median)
    else c=$(echo "$c_cpu" | median); py=$(echo "$py_cpu" | median); fi
    printf '%s (%s time): %s MB/s (baseline %s MB/s, ratio %s)\n' \
      "$name" "$kind" "$(mbps "$c")" "$(mbps "$py")" "$(awk -v a="$py" -v b="$c" 'BEGIN { printf "%.2f", a / b }')"
  done
}

if [ ! -x /usr/bin/time ]; then
  echo "bench-convert: needs GNU time (/usr/bin/time, Debian package time)" >&2
  exit 1
fi

echo "corpus: $(awk -v n="$bytes" 'BEGIN { printf "%.1f", n / 1048576 }') MB, $(wc -l < "$corpus" | tr -d ' ') records; $runs runs each, medians"
bench "spacy-jsonl-to-conll" out.conll "--misaligned skip" conll
bench "spacy-jsonl-to-spacy-jsonl" out.jsonl "--to spacy" spacy
