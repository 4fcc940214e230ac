"""Run extraction over a PolNeAR split, score it, and break the errors down by category.

Usage: .venv/bin/python bench/eval_polnear.py [train|dev] [--limit N] [--out PRED.jsonl] [--examples CAT]

Texts are read from /work/shared at run time and never copied into the repo. Parses
(everything but the attribution component) are cached as a DocBin under /tmp, so rule
changes can be re-scored in seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factdesk.extraction import claims_to_jsonl_rows, load_nlp  # noqa: E402

POLNEAR = Path("/work/shared/corpus/polnear/data")
SCORER = Path("/work/shared/eval/score_attribution.py")
CACHE_DIR = Path(os.environ.get("FACTDESK_BENCH_CACHE", "/tmp"))
"""Where parse caches go; give each worktree its own when several share a machine."""
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "who", "which", "that", "him", "her", "them"}


def read_gold(split_dir: Path) -> dict[str, list[dict]]:
    """Gold attributions per text file name (first .ann per article, as the scorer does)."""
    first: dict[str, str] = {}
    for fn in sorted(os.listdir(split_dir / "attributions")):
        if fn.endswith(".ann"):
            first.setdefault(fn.rsplit("_", 1)[0], fn)
    gold = {}
    for name, fn in first.items():
        spans, events = {}, []
        for line in open(split_dir / "attributions" / fn, encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if line.startswith("T") and len(parts) >= 2:
                label, _, offs = parts[1].partition(" ")
                spans[parts[0]] = [tuple(map(int, seg.split())) for seg in offs.split(";")]
            elif line.startswith("E") and len(parts) >= 2:
                events.append(parts[1].split())
        items = []
        for ev in events:
            roles = defaultdict(list)
            for r in ev:
                role, _, tid = r.partition(":")
                roles[role.rstrip("0123456789")].extend(spans.get(tid, []))
            if roles.get("Content"):
                items.append({k: roles.get(k, []) for k in ("Content", "Source", "Cue")})
        gold[name + ".txt"] = items
    return gold


def parse_cached(nlp, paths: list[Path], cache: Path):
    from spacy.tokens import DocBin

    if cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    texts = [open(p, encoding="utf-8", newline="").read() for p in paths]
    with nlp.select_pipes(disable=["factdesk_attribution"]):
        docs = list(nlp.pipe(texts, batch_size=32))
    DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def chars(spans) -> set[int]:
    out: set[int] = set()
    for a, b in spans:
        out.update(range(a, b))
    return out


def breakdown(rows_by_file: dict[str, list[dict]], gold: dict[str, list[dict]], texts: dict[str, str]):
    """Categorise misses and false alarms at 50% overlap."""
    from factdesk.extraction.lexicon import ADJ_CUES, CUE_FORMS, NOUN_CUES

    known = set(CUE_FORMS) | NOUN_CUES | ADJ_CUES

    cats: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for name, golds in gold.items():
        text = texts[name]
        preds = [r for r in rows_by_file.get(name, []) if r["kind"] != "unattributed"]
        pc = [chars(r["content"]) for r in preds]
        gc = [chars(g["Content"]) for g in golds]
        pairs = sorted(((len(p & g), i, j) for i, p in enumerate(pc) for j, g in enumerate(gc)
                        if p & g and len(p & g) / max(len(p), len(g)) >= 0.5), reverse=True)
        used_p, used_g = set(), set()
        for _, i, j in pairs:
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            src = golds[j]["Source"]
            sm = preds[i]["speaker_mention"]
            if src and not (sm and chars([sm]) & chars(src)):
                stext = " ".join(text[a:b] for a, b in src).lower()
                cat = "matched, wrong source: gold pronoun" if stext in PRONOUNS else (
                    "matched, wrong source: none predicted" if not sm else "matched, wrong source: other")
                cats[cat] += 1
                examples[cat].append(f"{name}: src={stext!r} pred={text[sm[0]:sm[1]] if sm else None!r} content={text[golds[j]['Content'][0][0]:golds[j]['Content'][0][1]][:80]!r}")
        for j, g in enumerate(golds):
            if j in used_g:
                continue
            cue = " ".join(text[a:b] for a, b in g["Cue"]).lower().strip()
            last = cue.split()[-1] if cue.split() else ""
            overl = [i for i, p in enumerate(pc) if p & gc[j]]
            if overl:
                cat = "missed: boundary (overlap < 50%)"
            elif not cue:
                cat = "missed: no cue in gold"
            elif cue == ":" or cue.endswith(":"):
                cat = "missed: colon attribution"
            elif "according" in cue:
                cat = "missed: according to"
            elif last in known or any(w in known for w in cue.split()):
                cat = "missed: cue known, no claim"
            else:
                cat = "missed: cue not known"
            cats[cat] += 1
            c = " ".join(text[a:b] for a, b in g["Content"])
            examples[cat].append(f"{name}: cue={cue!r} content={c[:100]!r}")
        for i, p in enumerate(preds):
            if i in used_p:
                continue
            over = [j for j, g in enumerate(gc) if pc[i] & g]
            cat = "false alarm: no gold"
            if over:
                j = max(over, key=lambda j: len(pc[i] & gc[j]))
                cat = "false alarm: boundary" if j not in used_g else "false alarm: inside a matched gold"
            cats[cat] += 1
            near = ""
            if over:
                g = golds[j]
                near = f" || GOLD cue={' '.join(text[a:b] for a, b in g['Cue'])!r} {' '.join(text[a:b] for a, b in g['Content'])[:100]!r}"
            examples[cat].append(f"{name}: cue={preds[i]['cue'] and text[preds[i]['cue'][0]:preds[i]['cue'][1]]!r} {preds[i]['text'][:100]!r}{near}")
    return cats, examples


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("split", nargs="?", default="dev")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--out", default=None)
    ap.add_argument("--examples", default=None, help="print examples of categories containing this text")
    args = ap.parse_args(argv)
    split_dir = POLNEAR / args.split
    gold = read_gold(split_dir)
    names = sorted(gold)
    if args.limit:
        names = names[: args.limit]
        gold = {n: gold[n] for n in names}
    paths = [split_dir / "text" / n for n in names]
    nlp = load_nlp()
    cache = CACHE_DIR / f"factdesk-polnear-{args.split}-{len(names)}.spacy"
    docs = parse_cached(nlp, paths, cache)
    from factdesk.extraction.claims import doc_to_claims

    component = nlp.get_pipe("factdesk_attribution")
    out = Path(args.out or f"/tmp/factdesk-polnear-{args.split}.jsonl")
    rows_by_file: dict[str, list[dict]] = {}
    texts = {}
    with open(out, "w", encoding="utf-8") as f:
        for name, path, doc in zip(names, paths, docs):
            claims = doc_to_claims(component(doc))
            rows = claims_to_jsonl_rows(str(path), claims)
            rows_by_file[name] = rows
            texts[name] = doc.text
            for r in rows:
                f.write(json.dumps(r) + "\n")
    gold_dir = split_dir
    if args.limit:
        print("(scored on a subset: the scorer below still reads the whole split's gold)")
    subprocess.run([sys.executable, str(SCORER), str(out), str(gold_dir)], check=False)
    by_cat = {n: [{"Content": g["Content"], "Source": g["Source"], "Cue": g["Cue"]} for g in gs] for n, gs in gold.items()}
    cats, examples = breakdown(rows_by_file, by_cat, texts)
    print("error breakdown (50% overlap):")
    for cat, n in sorted(cats.items()):
        print(f"  {cat:<42} {n}")
    if args.examples:
        for cat, ex in examples.items():
            if args.examples in cat:
                print(f"--- {cat}")
                for line in ex[:40]:
                    print("   ", line)


if __name__ == "__main__":
    main()
