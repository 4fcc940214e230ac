"""Real evolving stories: ingest Reuters 1987 story articles in date order, score the flags.

Each article is extracted with the spaCy pipeline (factdesk.extraction), saved and linked
with `linking.link_new_claims`, exactly as ingest does. The links become flags JSONL
({"relation", "old": {"article", "value"}, "new": {...}}) scored by
../shared/eval/score_stories.py against bench/stories_gold.json (written from the corpus notes).

Usage: .venv/bin/python bench/stories.py [--flags OUT.jsonl] [--show]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from factdesk import storage
from factdesk.extraction import extract, load_nlp
from factdesk.linking import link_new_claims
from factdesk.models import Article

SHARED = Path(__file__).resolve().parents[2] / "shared"
ARTICLES = SHARED / "corpus" / "stories" / "reuters1987_story_articles.jsonl"
SCORER = SHARED / "eval" / "score_stories.py"
GOLD = Path(__file__).with_name("stories_gold.json")


def flag_rows(db) -> list[dict]:
    """Every stored link as a score_stories.py flag line."""
    rows = []
    for link in storage.list_links(db, limit=1_000_000):
        new, old = storage.get_claims(db, [link.claim_id, link.other_id])
        rows.append({
            "relation": link.relation, "score": link.score, "tier": link.tier,
            "explanation": link.explanation,
            "old": {"article": old.article_external_id, "value": link.old_value, "claim": old.text},
            "new": {"article": new.article_external_id, "value": link.new_value, "claim": new.text},
        })
    return rows


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--flags", type=Path, default=Path(tempfile.gettempdir()) / "stories-flags.jsonl")
    ap.add_argument("--show", action="store_true", help="print every changed-figure flag")
    args = ap.parse_args(argv)
    seen, items = set(), []
    for line in open(ARTICLES, encoding="utf-8"):
        row = json.loads(line)
        if row["id"] not in seen:  # the two digests belong to two stories
            seen.add(row["id"])
            items.append(row)
    items.sort(key=lambda r: r["date"])
    nlp = load_nlp()
    db = storage.open_db(memory=True)
    t0, n_claims, n_links = time.perf_counter(), 0, 0
    link_secs = 0.0
    for row in items:
        claims = extract(nlp, row["text"], outlet=row.get("source"))
        saved = storage.save_article(db, Article(text=row["text"], external_id=row["id"], title=row.get("title"),
                                                 source=row.get("source"), published=row["date"]), claims)
        if saved is None:
            continue
        n_claims += len(saved.claim_ids)
        t = time.perf_counter()
        n_links += link_new_claims(db, list(saved.claim_ids))
        link_secs += time.perf_counter() - t
    rows = flag_rows(db)
    with open(args.flags, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    by_rel: dict[str, int] = {}
    for r in rows:
        by_rel[r["relation"]] = by_rel.get(r["relation"], 0) + 1
    print(f"{len(items)} articles, {n_claims} claims, {n_links} links {by_rel} "
          f"in {time.perf_counter() - t0:.1f}s (linking {link_secs * 1000 / max(1, n_claims):.1f} ms/claim)")
    if args.show:
        for r in rows:
            if r["relation"] in ("updated_figure", "contradiction"):
                print(f"- {r['relation']} {r['score']} {r['old']['article']}:{r['old']['value']} -> "
                      f"{r['new']['article']}:{r['new']['value']} | {r['explanation']}\n    OLD {r['old']['claim'][:150]}\n"
                      f"    NEW {r['new']['claim'][:150]}")
    print(subprocess.run([sys.executable, str(SCORER), str(args.flags), str(GOLD)],
                         capture_output=True, text=True).stdout.rstrip())


if __name__ == "__main__":
    main()
