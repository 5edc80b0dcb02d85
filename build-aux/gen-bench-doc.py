#!/usr/bin/env python3
# gen-bench-doc.py
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes a large native Annota document for benchmarks, in canonical form:
# about 5 MB of Vietnamese text (the sample text repeated) and 200,000
# spans, some suggested with scores, some overlapping.
#
#   gen-bench-doc.py SAMPLE.json OUTPUT.json [N_SPANS] [TEXT_BYTES]

import json
import random
import sys


def main():
    sample, output = sys.argv[1], sys.argv[2]
    n_spans = int(sys.argv[3]) if len(sys.argv) > 3 else 200000
    text_bytes = int(sys.argv[4]) if len(sys.argv) > 4 else 5 * 1000 * 1000

    with open(sample, encoding='utf-8') as f:
        base = json.load(f)['text']
    base_bytes = len(base.encode('utf-8'))
    text = base * max(1, text_bytes // base_bytes)
    n = len(text)

    rng = random.Random(42)
    labels = ['PER', 'LOC', 'ORG', 'MISC']
    step = max(1, (n - 20) // n_spans)
    spans = []
    for i in range(n_spans):
        start = i * step + rng.randrange(step)
        end = min(n, start + rng.randint(2, 16))
        if end <= start:
            start, end = n - 1, n
        r = rng.random()
        span = {'start': start, 'end': end, 'label': labels[rng.randrange(4)]}
        if r < 0.15:
            span['status'] = 'suggested'
            span['origin'] = 'vi-ner-model'
            span['score'] = round(rng.uniform(0.3, 1.0), 2)
        elif r < 0.2:
            span['status'] = 'rejected'
            span['origin'] = 'vi-ner-model'
            span['score'] = round(rng.uniform(0.1, 0.6), 2)
        else:
            span['status'] = 'accepted'
            span['origin'] = 'manual'
        spans.append(span)
    spans.sort(key=lambda s: (s['start'], s['end'], s['label']))

    dumps = lambda v: json.dumps(v, ensure_ascii=False)
    obj = lambda o: '{' + ', '.join('%s: %s' % (dumps(k), dumps(v)) for k, v in o.items()) + '}'
    with open(output, 'w', encoding='utf-8') as f:
        f.write('{\n  "annota": 1,\n  "text": %s,\n  "labels": [\n' % dumps(text))
        f.write(',\n'.join('    ' + obj(l) for l in base_labels(sample)))
        f.write('\n  ],\n  "spans": [\n')
        f.write(',\n'.join('    ' + obj(s) for s in spans))
        f.write('\n  ],\n  "state": "in-progress",\n  "meta": %s\n}\n'
                % dumps({'source': 'gen-bench-doc.py', 'spans': n_spans}))


def base_labels(sample):
    with open(sample, encoding='utf-8') as f:
        return json.load(f)['labels']


if __name__ == '__main__':
    main()
