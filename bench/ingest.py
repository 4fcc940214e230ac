"""Benchmark: factdesk ingest against a bare `nlp.pipe` over the same texts, in one process.

Usage: python bench/ingest.py [JSONL] [--limit N] [--batch-size B]

Prints words/second for both, the ratio of factdesk's ingest time to the bare pipe (goal
<= 1.15: reading, storing and linking should cost little next to parsing), and peak RSS at
25/50/100% of the corpus, which should stay flat (the ingest is a stream).
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpus/news/bbc_news_2225.jsonl"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--limit", type=int, default=None, help="first N articles (default all)")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()

    from factdesk import storage
    from factdesk.extraction import load_nlp
    from factdesk.ingest import ingest_paths, summary_line

    with open(args.corpus, encoding="utf-8") as fh:
        lines = [line for line in itertools.islice(fh, args.limit) if line.strip()]
    texts = [json.loads(line)["text"] for line in lines]
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp()
    print(f"{len(texts)} articles, {words:,} words, batch size {args.batch_size}")

    # Baseline: the same pipeline over the same texts, nothing read, stored or linked.
    list(nlp.pipe(texts[:8]))  # warm up (a generator does nothing until consumed)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        pass
    bare = time.perf_counter() - start
    del texts

    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp) / "corpus.jsonl"
        subset.write_text("".join(lines), encoding="utf-8")
        del lines
        db = storage.open_db(Path(tmp) / "bench.db")
        marks = {max(1, round(len_ * frac)) for len_ in [sum(1 for _ in open(subset))] for frac in (0.25, 0.5, 1.0)}
        rss = {}

        def progress(done, total, _name):
            if done in marks:
                rss[done] = peak_rss_mb()

        start = time.perf_counter()
        result = ingest_paths(db, nlp, [str(subset)], on_progress=progress, batch_size=args.batch_size)
        full = time.perf_counter() - start
        print(summary_line(result))

    print(f"bare nlp.pipe   {bare:8.1f} s  {words / bare:8.0f} words/s")
    print(f"factdesk ingest {full:8.1f} s  {words / full:8.0f} words/s")
    print(f"ratio ingest / bare pipe: {full / bare:.2f} (goal <= 1.15)")
    print("peak RSS: " + ", ".join(f"{n} articles {mb:.0f} MB" for n, mb in sorted(rss.items())))


if __name__ == "__main__":
    sys.exit(main())
