"""Memory over a long ingest: is it flat as the corpus grows?

Streams BBC (2,225 articles) and then Reuters-21578 (about 19,000 with a body) from
../shared/corpus/news through one `factdesk ingest` into a fresh store, and every --every
articles prints the resident memory (VmRSS) and high-water mark (VmHWM) of this process and
of the writer process (`storage.ChildWriter`, which stores and links past the first articles).
What should be seen: both rise while spaCy's vocabulary and the writer's bounded caches fill,
then stay level; a leak shows as a steady climb to the end.

Usage: .venv/bin/python bench/memory.py [--limit N] [--every K] [--batch-size B]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

NEWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"


def memory_mb(pid: int | str = "self") -> tuple[float, float] | None:
    """(VmRSS, VmHWM) in MB of a process, None when it has gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            status = f.read()
    except OSError:
        return None
    rss, hwm = (re.search(rf"{key}:\s+(\d+)", status) for key in ("VmRSS", "VmHWM"))
    return (int(rss.group(1)) / 1024, int(hwm.group(1)) / 1024) if rss and hwm else None


def writer_pid() -> int | None:
    """This process's child: the writer process, once ingest has started it."""
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/children", encoding="ascii") as f:
                if pids := f.read().split():
                    return int(pids[0])
        except OSError:
            continue
    return None


def articles():
    """BBC then Reuters, as ingest JSONL lines (Reuters stories without a body are left out)."""
    with open(NEWS / "bbc_news_2225.jsonl", encoding="utf-8") as fh:
        # A last line without its newline would run into Reuters' first: one broken article.
        yield from (line if line.endswith("\n") else line + "\n" for line in fh if line.strip())
    with gzip.open(NEWS / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and (json.loads(line).get("text") or "").strip():
                yield line if line.endswith("\n") else line + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="first N articles (default all)")
    ap.add_argument("--every", type=int, default=1000, help="print memory every K articles")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()

    from factdesk import storage
    from factdesk.extraction import load_nlp
    from factdesk.ingest import ingest_paths, summary_line

    nlp = load_nlp()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "news.jsonl"
        with open(corpus, "w", encoding="utf-8") as out:
            total = sum(1 for line in itertools.islice(articles(), args.limit) if out.write(line))
        print(f"{total} articles; memory in MB, RSS now / peak")
        print(f"{'articles':>8}  {'seconds':>7}  {'ingest RSS':>10} {'peak':>6}  {'writer RSS':>10} {'peak':>6}")
        db = storage.open_db(Path(tmp) / "memory.db")
        start = time.perf_counter()
        rows = []

        def progress(done, _total, _name):
            if done % args.every and done != total:
                return
            main_mem, child = memory_mb(), writer_pid()
            child_mem = memory_mb(child) if child else None
            rows.append((done, main_mem, child_mem))
            print(f"{done:8d}  {time.perf_counter() - start:7.0f}  {main_mem[0]:10.0f} {main_mem[1]:6.0f}  "
                  + (f"{child_mem[0]:10.0f} {child_mem[1]:6.0f}" if child_mem else f"{'-':>10} {'-':>6}"),
                  flush=True)

        result = ingest_paths(db, nlp, [str(corpus)], on_progress=progress, batch_size=args.batch_size)
        print(summary_line(result))
        db.close()

    # The second half against the first: a flat stream grows little once its caches are full.
    # Only rows taken every --every articles count: the last one, at the end of the run, comes
    # after the parse has finished and let go of its batches (the writer runs up to 64 articles
    # behind), so the ingest process would seem to shrink.
    half = [r for r in rows if r[0] >= total / 2 and r[2] and r[0] % args.every == 0]
    if len(half) >= 2:
        (n0, m0, c0), (n1, m1, c1) = half[0], half[-1]
        per_k = 1000 / (n1 - n0)
        print(f"second half ({n0}..{n1} articles): ingest RSS {m1[0] - m0[0]:+.0f} MB "
              f"({(m1[0] - m0[0]) * per_k:+.1f} MB per 1000), writer RSS {c1[0] - c0[0]:+.0f} MB "
              f"({(c1[0] - c0[0]) * per_k:+.1f} MB per 1000)")


if __name__ == "__main__":
    sys.exit(main())
