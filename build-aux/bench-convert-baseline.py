#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The baseline of build-aux/bench-convert.sh: a plain Python script doing
# the conversions annota-cli convert does, with the standard json module.
#   bench-convert-baseline.py spacy IN.jsonl OUT.jsonl   spaCy JSONL -> spaCy JSONL
#   bench-convert-baseline.py conll IN.jsonl OUT.conll   spaCy JSONL -> CoNLL (IOB2)
# Spans are checked as annota-cli checks them (integers in the text, a
# string label); CoNLL tokens are words and punctuation marks (a regular
# expression), sentences end after ".", "!" or "?", a span off the token
# boundaries or overlapping another is left out.
import json
import re
import sys

TOKEN = re.compile(r'\w+|[^\w\s]')


def check(record, where):
    text = record['text']
    if not isinstance(text, str):
        raise SystemExit(f'{where}: "text" is not a string')
    for i, span in enumerate(record.get('spans') or []):
        s, e, label = span['start'], span['end'], span['label']
        if not (isinstance(s, int) and isinstance(e, int) and isinstance(label, str)
                and 0 <= s < e <= len(text)):
            raise SystemExit(f'{where}: spans[{i}]: bad span')
    return text


def to_spacy(src, dst):
    for n, line in enumerate(src, 1):
        if not line.strip():
            continue
        record = json.loads(line)
        check(record, n)
        dst.write(json.dumps(record, ensure_ascii=False, separators=(',', ':')))
        dst.write('\n')


def to_conll(src, dst):
    for n, line in enumerate(src, 1):
        if not line.strip():
            continue
        record = json.loads(line)
        text = check(record, n)
        tokens = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
        starts = {s: i for i, (s, _) in enumerate(tokens)}
        ends = {e: i for i, (_, e) in enumerate(tokens)}
        tags = ['O'] * len(tokens)
        for span in sorted(record.get('spans') or [], key=lambda s: (s['start'], s['end'])):
            a, b = starts.get(span['start']), ends.get(span['end'])
            if a is None or b is None or any(t != 'O' for t in tags[a:b + 1]):
                continue
            tags[a] = 'B-' + span['label']
            for i in range(a + 1, b + 1):
                tags[i] = 'I-' + span['label']
        if n > 1:
            dst.write('-DOCSTART- -X- O O\n\n')
        out = []
        for (s, e), tag in zip(tokens, tags):
            word = text[s:e]
            out.append(word + '\t' + tag + '\n')
            if word in ('.', '!', '?'):
                out.append('\n')
        if out and out[-1] != '\n':
            out.append('\n')
        dst.write(''.join(out))


def main():
    mode, src_path, dst_path = sys.argv[1:4]
    with open(src_path, encoding='utf-8') as src, open(dst_path, 'w', encoding='utf-8') as dst:
        (to_spacy if mode == 'spacy' else to_conll)(src, dst)


main()
