"""Real evolving stories: ingest story articles in date order, score the figure-change flags.

Each article is extracted with the spaCy pipeline (factdesk.extraction), saved and linked
with `linking.link_new_claims`, exactly as ingest does. The links become flags JSONL
({"relation", "old": {"article", "value"}, "new": {...}}) scored by
../shared/eval/score_stories.py against a gold file written from the corpus notes.

- reuters (default): the 6 Reuters 1987 stories (110 articles), gold bench/stories_gold.json;
  --distractors N adds N other Reuters articles of the same weeks (those naming the stories'
  topics first), so flags across stories show.
- ecbplus: all 982 ECB+ articles (86 events), gold bench/stories_gold_ecbplus.json for the 11
  annotated ones; dates are read from the texts' first lines (many have none).

Usage: .venv/bin/python bench/stories.py [--corpus ecbplus] [--distractors 800] [--flags OUT.jsonl]
       [--show] [--sample 40]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from factdesk import storage
from factdesk.extraction import extract, load_nlp
from factdesk.linking import link_new_claims
from factdesk.models import Article

SHARED = Path(__file__).resolve().parents[2] / "shared"
STORIES = SHARED / "corpus" / "stories"
NEWS = SHARED / "corpus" / "news" / "reuters21578.jsonl.gz"
SCORER = SHARED / "eval" / "score_stories.py"
GOLD = {"reuters": Path(__file__).with_name("stories_gold.json"),
        "ecbplus": Path(__file__).with_name("stories_gold_ecbplus.json")}
CHANGED = ("updated_figure", "contradiction")
STORY_WORDS = re.compile(r"\b(quake|earthquake|ferry|offensive|killed|dead|tender offer|Iran|Iraq|Ecuador|Cyclops)\b")
"""What makes a Reuters article a hard distractor: it shares the stories' topics."""
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_DATE = re.compile(r"\b(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[A-Za-z]{3,9})\.?,?\s+(?P<y1>(?:19|20)\d\d)"
                   r"|(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d))\b")


def text_date(text: str) -> str | None:
    """The first "July 2, 2013" / "3 July 2013" date in an article's first lines, as ISO."""
    for m in _DATE.finditer(text[:300]):
        month, day, year = (m["m1"], m["d1"], m["y1"]) if m["m1"] else (m["m2"], m["d2"], m["y2"])
        if month[:3].lower() in _MONTHS and 1 <= int(day) <= 31:
            return f"{year}-{_MONTHS.index(month[:3].lower()) + 1:02d}-{int(day):02d}"
    return None


def reuters_rows(distractors: int) -> list[dict]:
    seen, rows = set(), []
    for line in open(STORIES / "reuters1987_story_articles.jsonl", encoding="utf-8"):
        row = json.loads(line)
        if row["id"] not in seen:  # the two digests belong to two stories
            seen.add(row["id"])
            rows.append(row)
    if distractors:
        first, last = min(r["date"] for r in rows), "1987-04-30"
        pool = [r for r in map(json.loads, gzip.open(NEWS, "rt", encoding="utf-8"))
                if r["id"] not in seen and first <= (r["date"] or "") < last and len(r["text"] or "") > 200]
        hard = [r for r in pool if STORY_WORDS.search(r["text"])]
        rest = [r for r in pool if not STORY_WORDS.search(r["text"])]
        random.Random(1987).shuffle(rest)
        rows += (hard + rest)[:distractors]
    return rows


def ecbplus_rows() -> list[dict]:
    rows = [json.loads(line) for line in open(STORIES / "ecbplus_982_docs.jsonl", encoding="utf-8")]
    for row in rows:
        row["date"] = text_date(row["text"])
        row["title"] = row["text"].split("\n", 1)[0][:200]
    return rows


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


def show(row: dict) -> str:
    return (f"- {row['relation']} {row['score']} {row['old']['article']}:{row['old']['value']} -> "
            f"{row['new']['article']}:{row['new']['value']} | {row['explanation']}\n"
            f"    OLD {row['old']['claim'][:160]}\n    NEW {row['new']['claim'][:160]}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=sorted(GOLD), default="reuters")
    ap.add_argument("--distractors", type=int, default=0, help="other Reuters articles of the same weeks")
    ap.add_argument("--flags", type=Path, default=Path(tempfile.gettempdir()) / "stories-flags.jsonl")
    ap.add_argument("--show", action="store_true", help="print every changed-figure flag")
    ap.add_argument("--sample", type=int, default=0, help="print this many changed-figure flags of the stories")
    args = ap.parse_args(argv)
    items = ecbplus_rows() if args.corpus == "ecbplus" else reuters_rows(args.distractors)
    items.sort(key=lambda r: (r["date"] or "", r["id"]))
    gold = json.loads(GOLD[args.corpus].read_text(encoding="utf-8"))
    story_of = {a: s for s, arts in gold["stories"].items() for a in arts}
    nlp = load_nlp()
    db = storage.open_db(memory=True)
    t0, n_claims, link_secs = time.perf_counter(), 0, 0.0
    for row in items:
        claims = extract(nlp, row["text"], outlet=row.get("source"))
        saved = storage.save_article(db, Article(text=row["text"], external_id=row["id"], title=row.get("title"),
                                                 source=row.get("source"), published=row["date"]), claims)
        if saved is None:
            continue
        n_claims += len(saved.claim_ids)
        t = time.perf_counter()
        link_new_claims(db, list(saved.claim_ids))
        link_secs += time.perf_counter() - t
    rows = flag_rows(db)
    with open(args.flags, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    by_rel = Counter(r["relation"] for r in rows)
    print(f"{args.corpus}: {len(items)} articles, {n_claims} claims, {len(rows)} links {dict(by_rel)} "
          f"in {time.perf_counter() - t0:.1f}s (linking {link_secs * 1000 / max(1, n_claims):.1f} ms/claim)")
    changed = [r for r in rows if r["relation"] in CHANGED]
    sides = Counter("within a story" if story_of.get(r["old"]["article"]) == story_of.get(r["new"]["article"])
                    and story_of.get(r["old"]["article"]) else
                    "across stories" if story_of.get(r["old"]["article"]) and story_of.get(r["new"]["article"]) else
                    "story and other" if story_of.get(r["old"]["article"]) or story_of.get(r["new"]["article"])
                    else "other articles" for r in changed)
    print(f"changed-figure links: {dict(sides)}")
    if args.show:
        print("\n".join(show(r) for r in changed))
    if args.sample:
        within = [r for r in changed if story_of.get(r["old"]["article"])
                  and story_of.get(r["old"]["article"]) == story_of.get(r["new"]["article"])]
        picked = random.Random(args.sample).sample(within, min(args.sample, len(within)))
        print(f"sample of {len(picked)} within-story changed-figure links:\n" + "\n".join(show(r) for r in picked))
    print(subprocess.run([sys.executable, str(SCORER), str(args.flags), str(GOLD[args.corpus])],
                         capture_output=True, text=True).stdout.rstrip())


if __name__ == "__main__":
    main()
