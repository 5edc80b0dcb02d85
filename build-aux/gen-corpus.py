#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes a spaCy/Prodigy JSONL corpus of about SIZE megabytes for the
# conversion benchmark: paragraphs of made-up sentences (ASCII, Vietnamese
# with combining-free precomposed letters, a few emoji), entity spans on
# word boundaries, "meta" and "answer" members. Deterministic (seeded).
import json
import random
import sys

size_mb = float(sys.argv[1]) if len(sys.argv) > 1 else 100
out_path = sys.argv[2] if len(sys.argv) > 2 else '-'
rng = random.Random(42)

words = ('the of and to in a is that for it as was with be by on not he this are or his from at which '
         'but have an they you were her she there been one all we their has would when if so no more '
         'thị trường Hà Nội người dân phát triển kinh tế xã hội năm nay chính phủ').split()
entities = {
    'PER': ['John Kerry', 'Sergey Lavrov', 'Ada Lovelace', 'Nguyễn Văn An', 'Terry Pratchett'],
    'LOC': ['Moscow', 'Hà Nội', 'London', 'New York', 'Đà Nẵng'],
    'ORG': ['Google', 'United Nations', 'Bộ Ngoại giao', 'Explosion AI'],
}
labels = list(entities)


def sentence(parts, spans, offset):
    n = rng.randint(8, 20)
    pieces = []
    pos = offset
    for i in range(n):
        if rng.random() < 0.12:
            label = rng.choice(labels)
            w = rng.choice(entities[label])
            spans.append({'start': pos, 'end': pos + len(w), 'label': label})
        else:
            w = rng.choice(words)
            if i == 0:
                w = w.capitalize()
            if rng.random() < 0.01:
                w = w + ' \U0001F600'
        pieces.append(w)
        pos += len(w) + 1
    text = ' '.join(pieces) + '.'
    parts.append(text)
    return offset + len(text) + 1


out = sys.stdout if out_path == '-' else open(out_path, 'w', encoding='utf-8')
written = 0
n = 0
limit = size_mb * 1024 * 1024
while written < limit:
    parts, spans = [], []
    offset = 0
    for _ in range(rng.randint(2, 8)):
        offset = sentence(parts, spans, offset)
    record = {'text': ' '.join(parts), 'spans': spans,
              'meta': {'source': 'bench', 'id': n}, 'answer': 'accept'}
    line = json.dumps(record, ensure_ascii=False) + '\n'
    out.write(line)
    written += len(line.encode('utf-8'))
    n += 1
out.close()
