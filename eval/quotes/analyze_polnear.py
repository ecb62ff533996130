#!/usr/bin/env python3
"""What PolNeAR attributions look like (the analysis behind src/quotes' design).

Usage: eval/quotes/analyze_polnear.py ../shared/datasets/attribution/polnear/train

Prints, over every attribution with a cue and a content: where the content lies relative
to its cue (after / before / around), how often it is a quotation, a "that"-clause or made
of several fragments, how many sentence breaks cue and content span, where the source is
and how often it is a pronoun or absent, and the most frequent cues. brat offsets count
code points, as Python strings do.
"""
import collections
import glob
import os
import re
import sys

QUOTES = '"\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\''
PRONOUNS = {'he', 'she', 'they', 'i', 'we', 'it', 'you'}


def attributions(split):
    for ann in sorted(glob.glob(os.path.join(split, 'attributions', '*.ann'))):
        name = os.path.basename(ann).rsplit('_', 1)[0]
        with open(os.path.join(split, 'text', name + '.txt'), encoding='utf-8') as f:
            text = f.read()
        bounds, events = {}, []
        with open(ann, encoding='utf-8') as f:
            for line in f:
                cols = line.rstrip('\n').split('\t')
                if len(cols) < 2 or not re.fullmatch(r'[TE]\d+', cols[0]):
                    continue  # a continuation of a multi-line text column
                if cols[0][0] == 'T':
                    label, spans = cols[1].split(' ', 1)
                    bounds[cols[0]] = [tuple(map(int, s.split())) for s in spans.split(';')]
                else:
                    events.append(dict(a.split(':', 1) for a in cols[1].split() if ':' in a))
        for e in events:
            roles = {k: bounds[v] for k, v in e.items() if v in bounds}
            if 'Content' in roles and 'Cue' in roles:
                yield text, roles


def main():
    stats, cues = collections.Counter(), collections.Counter()
    for text, roles in attributions(sys.argv[1]):
        stats['attributions'] += 1
        content, cue = roles['Content'], roles['Cue']
        cb, ce = min(a for a, _ in content), max(b for _, b in content)
        kb, ke = min(a for a, _ in cue), max(b for _, b in cue)
        cues[' '.join(text[a:b] for a, b in cue).lower()] += 1
        stats['content after cue' if cb >= ke else
              'content before cue' if ce <= kb else 'content around cue'] += 1
        stats['content in several fragments'] += len(content) > 1
        stats['content starts at a quote mark'] += text[cb] in QUOTES
        stats['content starts with "that"'] += bool(re.match(r'that\b', text[cb:cb + 5]))
        breaks = len(re.findall(r'[.!?]["\u201d\u2019]?\s+[A-Z\u201c"]', text[min(cb, kb):max(ce, ke)]))
        stats['sentence breaks in cue+content: %s' % (breaks if breaks < 3 else '3+')] += 1
        if 'Source' not in roles:
            stats['no source'] += 1
            continue
        sb, se = min(a for a, _ in roles['Source']), max(b for _, b in roles['Source'])
        stats['source before cue' if se <= kb else 'source after cue' if sb >= ke else
              'source overlaps cue'] += 1
        stats['source is a pronoun'] += text[sb:se].lower() in PRONOUNS
    n = stats.pop('attributions')
    print('%d attributions' % n)
    for k, v in sorted(stats.items()):
        print('  %-40s %6d  %.3f' % (k, v, v / n))
    print('%d distinct cues; most frequent:' % len(cues))
    print('  ' + ', '.join('%s %d' % (c, k) for c, k in cues.most_common(40)))


if __name__ == '__main__':
    main()
