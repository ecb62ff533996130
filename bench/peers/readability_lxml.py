"""Peer for bench/run_speed_comparison.sh: readability-lxml (Debian python3-readability).

    /usr/bin/python3 readability_lxml.py [--repeat N] DIR

Reads every *.html.gz in DIR into memory (compressed; file I/O is not timed), then times for
each page what storyline_corpus_bench times: gunzip, charset detection (readability's
get_encoding: <meta charset>, then chardet, when handed bytes), lxml parse and extraction
(Document(html).summary() and .short_title()). A page counts as rejected when either raises;
their names go to stderr. Prints one line in the shape storyline_corpus_bench uses, with
input MB/s (uncompressed HTML, 1 MB = 2^20 bytes), the part of the seconds spent in gunzip and
the CPU seconds (user + system) of the timed region.
"""

import argparse
import gzip
import logging
import os
import resource
import sys
import time

from readability import Document


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("dir")
    args = parser.parse_args()
    repeat = max(1, args.repeat)

    names = sorted(n for n in os.listdir(args.dir) if n.endswith(".html.gz"))
    if not names:
        print(f"readability_lxml: no *.html.gz in {args.dir}", file=sys.stderr)
        return 1
    compressed = []
    for name in names:
        with open(os.path.join(args.dir, name), "rb") as f:
            compressed.append(f.read())

    # readability logs every candidate at INFO/DEBUG; keep the timing free of it.
    logging.disable(logging.WARNING)

    pages = rejected = input_bytes = 0
    gunzip_secs = 0.0
    failures = {}
    cpu_start = time.process_time()
    start = time.perf_counter()
    for _ in range(repeat):
        for name, data in zip(names, compressed):
            t0 = time.perf_counter()
            html = gzip.decompress(data)
            gunzip_secs += time.perf_counter() - t0
            input_bytes += len(html)
            try:
                doc = Document(html)
                doc.summary()
                doc.short_title()
                pages += 1
            except Exception as e:  # a peer failing on a page is counted and reported
                failures[name] = f"{type(e).__name__}: {e}".splitlines()[0]
                rejected += 1
    secs = time.perf_counter() - start
    cpu = time.process_time() - cpu_start

    for name, why in failures.items():
        print(f"readability_lxml: rejected {name}: {why}", file=sys.stderr)
    mib = input_bytes / (1 << 20)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"pages {pages}  rejected {rejected}  seconds {secs:.3f}  "
        f"pages/s {(pages + rejected) / secs:.1f}  input MB/s {mib / secs:.2f}  "
        f"peak RSS {peak:.1f} MiB  gunzip seconds {gunzip_secs:.3f}  cpu seconds {cpu:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
