"""Benchmark: words/s of `extract_batch` against a bare `nlp.pipe` over the same BBC texts.

Usage: .venv/bin/python bench/extract.py [N_ARTICLES]

Both runs use the same loaded pipeline in the same process; the bare run disables only
`factdesk_attribution` and skips the conversion to Claims. The ratio printed is the
attribution layer's cost on top of the parse (the brief allows ≤ 1.10).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factdesk.extraction import extract_batch, load_nlp  # noqa: E402

BBC = Path("/work/shared/corpus/news/bbc_news_2225.jsonl")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    texts = []
    with open(BBC, encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) >= n:
                break
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp()
    list(nlp.pipe(texts[:20]))  # warm up
    runs = {"bare": [], "extract": []}
    for _ in range(2):
        t0 = time.perf_counter()
        with nlp.select_pipes(disable=["factdesk_attribution"]):
            for _doc in nlp.pipe(texts, batch_size=32):
                pass
        runs["bare"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        claims = 0
        for found, _ctx in extract_batch(nlp, ((t, None) for t in texts), batch_size=32):
            claims += len(found)
        runs["extract"].append(time.perf_counter() - t0)
    bare, full = min(runs["bare"]), min(runs["extract"])
    # the layer alone, on docs parsed once: steadier than the difference of two noisy runs
    from factdesk.extraction.claims import doc_to_claims

    with nlp.select_pipes(disable=["factdesk_attribution"]):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=32))
        parse = time.perf_counter() - t0
    component = nlp.get_pipe("factdesk_attribution")
    t0 = time.perf_counter()
    for doc in docs:
        doc_to_claims(component(doc))
    layer = time.perf_counter() - t0
    print(f"{len(texts)} BBC articles, {words} words, {claims} claims")
    print(f"bare nlp.pipe : {words / bare:8.0f} words/s")
    print(f"extract_batch : {words / full:8.0f} words/s")
    print(f"ratio extract/bare time: {full / bare:.3f}  (attribution layer costs {100 * (full / bare - 1):.1f}%)")
    print(f"layer alone on parsed docs: {layer:.2f}s vs parse {parse:.2f}s -> ratio {(parse + layer) / parse:.3f}")


if __name__ == "__main__":
    main()
