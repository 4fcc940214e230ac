"""Benchmark: factdesk ingest against a bare `nlp.pipe` over the same texts, in one process.

Usage: python bench/ingest.py [JSONL] [--limit N] [--batch-size B]

Prints words/second for both, the ratio of factdesk's ingest time to the bare pipe (goal
<= 1.15: reading, storing and linking should cost little next to parsing), and peak RSS at
25/50/100% of the corpus, which should stay flat (the ingest is a stream).

The bare pipe runs before and after the ingest and the ratio is taken against the mean of
the two, so a machine that gets busier or quieter in between moves both sides. The peak RSS
is the ingest's own: the high-water mark is reset when it starts (Linux), so the bare pipe's
peak cannot hide it. CPU time is printed too: storing and linking run on a thread and, past the
first articles, in a child process of their own (`storage.ChildWriter`); the wall-time ratio
alone would not show what they cost, so the child's CPU time and peak RSS (read from /proc while it runs) are printed as well.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpus/news/bbc_news_2225.jsonl"


def peak_rss_mb() -> float:
    """The process's peak RSS since the last `reset_peak_rss` (since start where that fails)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            return int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1)) / 1024
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_peak_rss_mb() -> float | None:
    """The peak RSS of this process's child (the writer process), read while it runs: after
    it exits, getrusage would report the parent's pages the fork held before its exec."""
    import os

    try:
        pids = [p for task in os.listdir("/proc/self/task")
                for p in open(f"/proc/self/task/{task}/children", encoding="ascii").read().split()]
        if not pids:
            return None
        with open(f"/proc/{pids[0]}/status", encoding="ascii") as f:
            return int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1)) / 1024
    except (OSError, AttributeError):
        return None


def reset_peak_rss() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


def bare_pipe(nlp, texts, batch_size, rss: dict | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of `nlp.pipe` over the texts, nothing else; with `rss`, the peak RSS
    at 25/50/100% of the texts goes into it (spaCy's vocabulary grows with every new word)."""
    marks = {max(1, round(len(texts) * frac)) for frac in (0.25, 0.5, 1.0)}
    start, cpu = time.perf_counter(), time.process_time()
    for n, _ in enumerate(nlp.pipe(texts, batch_size=batch_size), 1):
        if rss is not None and n in marks:
            rss[n] = peak_rss_mb()
    return time.perf_counter() - start, time.process_time() - cpu


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
    reset_peak_rss()
    bare_rss: dict[int, float] = {}
    bare_before = bare_pipe(nlp, texts, args.batch_size, bare_rss)

    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp) / "corpus.jsonl"
        subset.write_text("".join(lines), encoding="utf-8")
        db = storage.open_db(Path(tmp) / "bench.db")
        marks = {max(1, round(len(lines) * frac)) for frac in (0.25, 0.5, 1.0)}
        rss = {}

        child_rss = {}

        def progress(done, total, _name):
            if done in marks:
                rss[done] = peak_rss_mb()
                if (child := child_peak_rss_mb()) is not None:
                    child_rss[done] = child

        reset = reset_peak_rss()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        start, cpu = time.perf_counter(), time.process_time()
        result = ingest_paths(db, nlp, [str(subset)], on_progress=progress, batch_size=args.batch_size)
        full, full_cpu = time.perf_counter() - start, time.process_time() - cpu
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        child_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
        print(summary_line(result))
        db.close()

    bare_after = bare_pipe(nlp, texts, args.batch_size)
    bare = (bare_before[0] + bare_after[0]) / 2
    bare_cpu = (bare_before[1] + bare_after[1]) / 2
    print(f"bare nlp.pipe   {bare:8.1f} s  {words / bare:8.0f} words/s  (before {bare_before[0]:.1f} s, "
          f"after {bare_after[0]:.1f} s)")
    print(f"factdesk ingest {full:8.1f} s  {words / full:8.0f} words/s")
    print(f"ratio ingest / bare pipe: {full / bare:.2f} (goal <= 1.15); CPU time {full_cpu / bare_cpu:.2f} "
          f"in this process, {(full_cpu + child_cpu) / bare_cpu:.2f} with the writer process's {child_cpu:.1f} s")
    print(("peak RSS of the ingest: " if reset else "peak RSS (whole process): ")
          + ", ".join(f"{n} articles {mb:.0f} MB" for n, mb in sorted(rss.items()))
          + ("; writer process peak " + ", ".join(f"{n} articles {mb:.0f} MB" for n, mb in sorted(child_rss.items()))
             if child_rss else ""))
    print("peak RSS of the first bare pipe: " + ", ".join(f"{n} articles {mb:.0f} MB" for n, mb in sorted(bare_rss.items())))


if __name__ == "__main__":
    sys.exit(main())
