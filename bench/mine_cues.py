"""Measure which words would be worth adding as cues: per-lemma precision with every word allowed.

Usage: .venv/bin/python bench/mine_cues.py [train|dev] [--pos VERB|NOUN] [--min-count 4] [--min-precision 0.4]

Every verb (or noun) of the split that the lexicon lacks is made a cue for one run of the
attribution rules; each record it produces is checked against the gold contents at 50%
overlap, and the lemmas whose records were gold at least --min-precision of the time are
printed with their counts. Adding a cue raises F1 when its precision beats about half the
current F1, so 0.4 is a safe bar. Reads /work/shared at run time and prints counts only.
Uses the parse cache bench/eval_polnear.py writes (run that first).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.eval_polnear import CACHE_DIR, POLNEAR, chars, read_gold  # noqa: E402


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("split", nargs="?", default="train")
    ap.add_argument("--pos", choices=("VERB", "NOUN"), default="VERB")
    ap.add_argument("--min-count", type=int, default=4)
    ap.add_argument("--min-precision", type=float, default=0.4)
    args = ap.parse_args(argv)

    import spacy
    from spacy.tokens import DocBin

    from factdesk.extraction import lexicon, provenance

    full = spacy.load(provenance.installed_model())  # with the lemmatizer, to group forms
    lemmatizer = full.get_pipe("lemmatizer")
    gold = read_gold(POLNEAR / args.split)
    names = sorted(gold)
    cache = CACHE_DIR / f"factdesk-polnear-{args.split}-{len(names)}.spacy"
    docs = list(DocBin().from_disk(cache).get_docs(full.vocab))

    known_lemmas = set(lexicon.CUE_FORMS.values()) | lexicon.NOUN_CUES | lexicon.ADJ_CUES
    added: dict[str, str] = {}
    for doc in docs:
        for t in lemmatizer(doc):
            if (t.pos_ == args.pos and t.lower_.isalpha() and t.lemma_.lower() not in known_lemmas
                    and t.lower_ not in lexicon.CUE_FORMS and t.lower_ not in lexicon.NOUN_CUES):
                added.setdefault(t.lower_, t.lemma_.lower())
    if args.pos == "VERB":
        lexicon.CUE_FORMS.update(added)
        lemma_of = dict(added)
    else:
        lexicon.NOUN_CUES = lexicon.NOUN_CUES | set(added)
        lemma_of = {form: form for form in added}  # noun records carry the written form

    from factdesk.extraction.attribution import Attribution, find_attributions

    matcher = Attribution(full).matcher
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, doc in zip(names, docs):
        golds = [chars(g["Content"]) for g in gold[name]]
        for r in find_attributions(doc, matcher):
            if r.get("lemma") not in lemma_of:
                continue
            pc = chars(r["content"])
            hit = any(pc & g and len(pc & g) / max(len(pc), len(g)) >= 0.5 for g in golds)
            s = stats[lemma_of[r["lemma"]]]
            s[0] += hit
            s[1] += 1
    good = sorted(((k, h, n) for k, (h, n) in stats.items() if n >= args.min_count and h / n >= args.min_precision),
                  key=lambda x: (-x[1], x[0]))
    hits, total = sum(h for h, _ in stats.values()), sum(n for _, n in stats.values())
    print(f"{args.pos.lower()}s not in the lexicon: {len(stats)} lemmas made {total} records, {hits} gold")
    print(f"worth adding (>= {args.min_count} records, precision >= {args.min_precision}): {len(good)} lemmas, "
          f"{sum(h for _, h, _ in good)} gold of {sum(n for _, _, n in good)} records")
    for k, h, n in good:
        print(f"  {k:20s} {h:4d}/{n:<4d} {h / n:.2f}")


if __name__ == "__main__":
    main()
