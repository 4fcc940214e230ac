"""Matching at scale: per-claim and per-article linking time on a large store, vs brute force.

Builds a store of N claims (default 1,000,000) from real news sentences (Reuters-21578 and
BBC from ../shared/corpus/news, split cheaply into sentences) multiplied with realistic
variations: numbers changed, speakers swapped, clauses shuffled, words replaced. Rows are
bulk-inserted with plain SQL (the FTS5 triggers index them), then keyed for near-duplicate
lookup with `candidates.index_claims` (ingest keys each claim as it links it). Then it times
`linking.link_new_claims` for single new claims and 30-claim articles (p50/p95), times a
brute-force rapidfuzz scan over every stored text for the first --brute claims, and reports,
for --recall claims, the share of brute-force near-duplicates the default path finds: the
top 5 (score >= NEAR_DUP) and every stored claim at or above NEAR_DUP, by raw wording and by
wording with numbers masked (an updated figure changes only its numbers).

Usage: .venv/bin/python bench/match.py [--claims N] [--queries Q] [--recall R] [--no-masked] [--db PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import resource
import statistics
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process, utils

import numpy as np

from factdesk import storage
from factdesk.candidates import index_claims
from factdesk.figures import find_figures
from factdesk.linking import link_candidates, link_new_claims
from factdesk.matching.text import masked
from factdesk.models import Article, Claim, Speaker

NEWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"
NEAR_DUP = 90.0
"""Brute-force score (rapidfuzz ratio, default_process) at which two claims are near-duplicates."""
BRUTE_SCORER = fuzz.ratio
BRUTE_PROCESSOR = utils.default_process
CHUNK = 100_000
SPEAKERS = ["Jean-Yves Le Drian", "Francois Hollande", "a company spokesman", "Herman de Croo",
            "Javier Espinosa", "the Energy Ministry", "Tehran Radio", "the Iraqi high command",
            "Dixons Group", "the central bank", "police", "the United Nations", "Reuters"]


def sentences(limit_articles: int) -> list[str]:
    out = []
    with gzip.open(NEWS / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= limit_articles:
                break
            out += re.split(r"(?<=[.!?])\s+", json.loads(line).get("text") or "")
    for i, line in enumerate(open(NEWS / "bbc_news_2225.jsonl", encoding="utf-8")):
        if i >= limit_articles // 2:
            break
        out += re.split(r"(?<=[.!?])\s+", json.loads(line).get("text") or "")
    return [s.strip() for s in out if 6 <= len(s.split()) <= 60]


def vary(rng: random.Random, s: str, vocab: list[str]) -> str:
    """One realistic variation: numbers changed, clauses shuffled, a word replaced, a speaker added."""
    r = rng.random()
    if r < 0.35:
        s = re.sub(r"\d+", lambda m: str(max(1, int(int(m.group()) * rng.uniform(0.5, 1.6)))) if len(m.group()) < 9 else m.group(), s)
    elif r < 0.55:
        parts = s.rstrip(".").split(", ")
        rng.shuffle(parts)
        s = ", ".join(parts) + "."
    elif r < 0.8:
        ws = s.split()
        ws[rng.randrange(len(ws))] = rng.choice(vocab)
        s = " ".join(ws)
    if rng.random() < 0.3:
        s = s.rstrip(".") + f", {rng.choice(SPEAKERS)} said."
    return s


def build(db, n: int, rng: random.Random, base: list[str]) -> None:
    vocab = sorted({w for s in base[:5000] for w in s.split() if w.isalpha()})
    day = 0
    with storage.write_transaction(db):
        for start in range(0, n, 30):
            texts = [base[(start + k) % len(base)] if start + k < len(base) else vary(rng, rng.choice(base), vocab)
                     for k in range(min(30, n - start))]
            day += 1
            cur = db.execute(
                "INSERT INTO articles (external_id, title, source, published, ingested, text, content_hash) "
                "VALUES (?, ?, 'bench', ?, '2024-01-01', ?, ?)",
                [f"bench-{start}", texts[0][:60], f"{1990 + day // 20000}-{1 + day // 1700 % 12:02d}-{1 + day % 28:02d}",
                 "", f"hash-{start}"])
            aid = cur.lastrowid
            db.conn.executemany(
                'INSERT INTO claims (article_id, ord, kind, text, content, start, "end", status) '
                "VALUES (?, ?, 'unattributed', ?, '[]', 0, 0, 'unverified')",
                [(aid, k, t) for k, t in enumerate(texts)])


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))]


def brute_force(db, probes: list[str], timed: int, masked_too: bool):
    """Every stored claim at NEAR_DUP or above for each probe (raw and masked wording), and the
    time per claim of an `extract` top-6 scan for the first `timed` probes (the baseline).

    Stored texts are streamed in chunks and processed once per chunk.
    """
    near = {q: [] for q in probes}
    near_masked = {q: [] for q in probes}
    raw_q = [BRUTE_PROCESSOR(q) for q in probes]
    masked_q = [masked(q) for q in probes]
    spent, last = 0.0, 0
    while True:
        rows = db.execute("SELECT id, text FROM claims WHERE id > ? ORDER BY id LIMIT ?", [last, CHUNK]).fetchall()
        if not rows:
            break
        last = rows[-1][0]
        ids = [r[0] for r in rows]
        t = time.perf_counter()
        texts = [BRUTE_PROCESSOR(r[1]) for r in rows]
        for q in raw_q[:timed]:
            process.extract(q, texts, scorer=BRUTE_SCORER, processor=None, limit=6)
        spent += time.perf_counter() - t
        for found, queries, choices in ((near, raw_q, texts),
                                        (near_masked, masked_q, [masked(r[1]) for r in rows] if masked_too else [])):
            if not choices:
                continue
            m = process.cdist(queries, choices, scorer=BRUTE_SCORER, processor=None, score_cutoff=NEAR_DUP,
                              dtype=np.uint8, workers=1)
            for qi, ci in zip(*np.nonzero(m)):
                found[probes[qi]].append((int(m[qi, ci]), ids[ci]))
    return near, near_masked, spent * 1000 / max(1, timed)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=100, help="single new claims to time")
    ap.add_argument("--articles", type=int, default=20, help="30-claim articles to time")
    ap.add_argument("--brute", type=int, default=40, help="claims also timed through brute force")
    ap.add_argument("--recall", type=int, default=100, help="claims whose near-duplicates are counted")
    ap.add_argument("--no-masked", action="store_true", help="skip the masked-wording brute force (slow)")
    ap.add_argument("--db", type=Path, default=None, help="reuse/keep the store here")
    args = ap.parse_args(argv)
    rng = random.Random(7)
    base = sentences(4000)
    path = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    fresh = not path.exists()
    db = storage.open_db(path)
    t0 = time.perf_counter()
    if fresh:
        build(db, args.claims, rng, base)
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    keyed = index_claims(db)
    n = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    print(f"store: {n:,} claims from {len(base):,} real sentences, built in {built:.0f}s, "
          f"{keyed:,} keyed in {time.perf_counter() - t0:.0f}s ({path})")

    vocab = sorted({w for s in base[:5000] for w in s.split() if w.isalpha()})
    # New claims: half near-copies of stored claims (updated figures, repeats), half fresh
    # variations. Their own generator, so a reused store gets the same ones.
    qrng = random.Random(11)
    count = max(args.queries, args.recall, args.brute)
    picks = [qrng.randrange(1, min(n, args.claims) + 1) for _ in range(count)]
    stored = [db.execute("SELECT text FROM claims WHERE id = ?", [i]).fetchone()[0] for i in picks]
    news = [vary(qrng, s, vocab) if i % 2 else vary(qrng, qrng.choice(base), vocab) for i, s in enumerate(stored)]

    def claim(text: str, order: int) -> Claim:
        sp = qrng.choice(SPEAKERS) if qrng.random() < 0.5 else None
        return Claim(order=order, kind="indirect" if sp else "unattributed", text=text, content=((0, len(text)),),
                     speaker=Speaker(sp) if sp else None, figures=tuple(find_figures(text)))

    run = time.time_ns()  # a reused store already holds earlier runs' new claims
    single, ids_by_text = [], {}
    for i, text in enumerate(news):
        saved = storage.save_article(db, Article(text=f"{text} [{run}-{i}]", external_id=f"q-{run}-{i}", published="2030-01-01"),
                                     [claim(text, 0)])
        t = time.perf_counter()
        link_new_claims(db, list(saved.claim_ids))
        if i < args.queries:
            single.append((time.perf_counter() - t) * 1000)
        ids_by_text[text] = saved.claim_ids[0]
    per_article = []
    for a in range(args.articles):
        texts = [vary(qrng, qrng.choice(base), vocab) for _ in range(30)]
        saved = storage.save_article(db, Article(text=" ".join(texts) + f" [{run}-a{a}]", external_id=f"qa-{run}-{a}",
                                                 published="2030-01-02"), [claim(t, k) for k, t in enumerate(texts)])
        t = time.perf_counter()
        link_new_claims(db, list(saved.claim_ids))
        per_article.append((time.perf_counter() - t) * 1000)
    print(f"default path: one new claim p50 {statistics.median(single):.1f} ms, p95 {pct(single, 95):.1f} ms; "
          f"30-claim article p50 {statistics.median(per_article):.0f} ms, p95 {pct(per_article, 95):.0f} ms; "
          f"peak RSS so far {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
          f"store {path.stat().st_size / 2**20:.0f} MB on disk")

    probe = news[:max(args.recall, args.brute)]
    near, near_masked, brute_ms = brute_force(db, probe, args.brute, not args.no_masked)
    print(f"brute force: {brute_ms:.0f} ms per claim (rapidfuzz {BRUTE_SCORER.__name__} over {n:,} texts); "
          f"default path is {brute_ms / statistics.median(single):.0f}x faster at p50")
    counts = {}
    for q in probe[:args.recall]:
        own = ids_by_text[q]
        cands = set(link_candidates(db, q, exclude={own}))
        linked = {l.other_id if l.claim_id == own else l.claim_id for l in storage.list_links(db, claim_id=own)}
        for name, found in (("top-5", near), ("all", near), ("masked", near_masked)):
            dups = sorted(((s, i) for s, i in found[q] if i != own), reverse=True)
            dups = [i for _, i in (dups[:5] if name == "top-5" else dups)]
            c = counts.setdefault(name, [0, 0, 0])
            c[0] += len(dups)
            c[1] += sum(i in cands for i in dups)
            c[2] += sum(i in linked for i in dups)
    for name, what in (("top-5", "brute top-5"), ("all", "every brute-force match"),
                       ("masked", "every match, numbers masked")):
        if name == "masked" and args.no_masked:
            continue
        want, found_cand, found_link = counts.get(name, (0, 0, 0))
        print(f"near-duplicates ({what}, score >= {NEAR_DUP:.0f}, {args.recall} claims): {want}; in default "
              f"candidates {found_cand}/{want} ({100 * found_cand / max(1, want):.1f}%), linked {found_link}/{want} "
              f"({100 * found_link / max(1, want):.1f}%)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB (with the brute force's chunks)")


if __name__ == "__main__":
    main()
