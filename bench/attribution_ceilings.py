"""Measure how far learned decisions over the attribution rules could go on PolNeAR train.

Usage: .venv/bin/python bench/attribution_ceilings.py

Prints content P/R/F1 at 50% overlap (one-to-one, as ../shared/eval/score_attribution.py
matches) for:

- the rules as they are;
- the candidate ceiling: every record the rules make, with the nested and unlikely filters
  off, and then with every verb a cue (the recall a perfect keep/drop decision could reach);
- a learned trim of trailing subtrees of a content (logistic regression over dependency
  label, first word, head, punctuation, length and entities), fitted on the even articles and
  scored on the odd ones, beside the oracle that cuts wherever the gold says;
- a learned second look at the records the two filters drop, fitted and scored the same way.

Nothing is written and nothing ships: this is the evidence for choosing (or not) a learned
layer. Reads the parse cache bench/eval_polnear.py makes; dev is never read.
"""

from __future__ import annotations

import copy
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.eval_polnear import CACHE_DIR, POLNEAR, chars, read_gold  # noqa: E402
from factdesk.extraction import attribution, filters, lexicon  # noqa: E402
from factdesk.extraction.content import TRIM  # noqa: E402
from factdesk.extraction.quotes import QUOTE_CHARS, find_quotes  # noqa: E402

PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "who", "which", "that", "him", "her", "them", "this"})


def matched(rs, gs) -> set[int]:
    pcs = [chars(r["content"]) for r in rs]
    pairs = sorted(((len(p & g), i, j) for i, p in enumerate(pcs) for j, g in enumerate(gs)
                    if p & g and len(p & g) / max(len(p), len(g)) >= 0.5), reverse=True)
    up, ug = set(), set()
    for _, i, j in pairs:
        if i not in up and j not in ug:
            up.add(i)
            ug.add(j)
    return up


def prf(recs, golds) -> str:
    tp = sum(len(matched(rs, gs)) for rs, gs in zip(recs, golds))
    n, g = sum(map(len, recs)), sum(map(len, golds))
    p, r = tp / max(1, n), tp / max(1, g)
    return f"P {p:.4f} R {r:.4f} F1 {2 * p * r / max(1e-9, p + r):.4f}"


def fit(rows, l2=10.0, iters=400) -> dict:
    """L2 logistic regression (Adagrad, full batch) over sparse binary features seen 5+ times."""
    counts = Counter(f for feats, _ in rows for f in set(feats))
    names = sorted(f for f, n in counts.items() if n >= 5)
    index = {f: k for k, f in enumerate(names)}
    idx = [np.array(sorted({index[f] for f in feats if f in index}), dtype=np.int64) for feats, _ in rows]
    flat = np.concatenate(idx)
    owner = np.repeat(np.arange(len(idx)), [len(x) for x in idx])
    y = np.array([lab for _, lab in rows], dtype=float)
    w, b, gw2, gb2 = np.zeros(len(names)), 0.0, np.full(len(names), 1e-8), 1e-8
    for _ in range(iters):
        z = b + np.bincount(owner, weights=w[flat], minlength=len(rows))
        err = 1 / (1 + np.exp(-np.clip(z, -30, 30))) - y
        gw = np.bincount(flat, weights=err[owner], minlength=len(names)) / len(rows) + l2 * w / len(rows)
        gw2 += gw * gw
        gb2 += err.mean() ** 2
        w -= 0.5 * gw / np.sqrt(gw2)
        b -= 0.5 * err.mean() / math.sqrt(gb2)
    return {"bias": b, "w": dict(zip(names, w))}


def prob(model, feats) -> float:
    z = model["bias"] + sum(model["w"].get(f, 0.0) for f in feats)
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


def trim_candidates(doc, rec, quotes):
    """Heads of subtrees that end the content and start after it begins, outermost first."""
    if not rec["content"] or rec.get("cue_i") is None:
        return []
    a, b = rec["content"][-1]
    span = doc.char_span(a, b, alignment_mode="contract")
    if span is None or not len(span):
        return []
    node, out = span[-1], []
    while node.i > span.start and node.is_punct:
        node = doc[node.i - 1]
    while span.start <= node.i < span.end:
        lo = node.left_edge
        if lo.idx <= rec["content"][0][0] or lo.i < span.start or node.right_edge.i > span.end:
            break
        if not any(q.start < lo.idx < q.end for q in quotes):
            out.append(node)
        if node.head.i == node.i:
            break
        node = node.head
    return out[::-1]


def trim_features(doc, rec, node) -> list[str]:
    lo, cue = node.left_edge, doc[rec["cue_i"]]
    prev = doc[lo.i - 1].text if lo.i > 0 and doc[lo.i - 1].is_punct else "w"
    first = lo.lower_ if lo.pos_ in ("ADP", "SCONJ", "CCONJ", "DET", "PRON", "ADV", "PART", "PUNCT", "AUX") else lo.pos_
    head = "cue" if node.head.i == cue.i else "in:" + node.head.dep_
    sub = doc[lo.i: node.right_edge.i + 1]
    feats = ["dep=" + node.dep_, "first=" + first, "head=" + head, "prev=" + prev, "dep_first=" + node.dep_ + "|" + first,
             "dep_head=" + node.dep_ + "|" + head, "len=" + str(min(len(sub), 12)), "kind=" + rec["kind"], "cuepos=" + cue.pos_]
    feats += sorted({"ent=" + t.ent_type_ for t in sub if t.ent_type_})
    return feats + (["has_quote"] if any(ch in QUOTE_CHARS for ch in sub.text) else [])


def cut(text, rec, node) -> None:
    a, end = rec["content"][-1][0], node.left_edge.idx
    while end > a and text[end - 1] in TRIM:
        end -= 1
    if end > a:
        rec["content"][-1] = [a, end]


def best_gold(rec, gs):
    pc = chars(rec["content"])
    over = [(len(pc & g), k) for k, g in enumerate(gs) if pc & g]
    return gs[max(over)[1]] if over else None


def gate_features(doc, rec, flags) -> list[str]:
    cue = doc[rec["cue_i"]] if rec.get("cue_i") is not None else None
    lemma, h = str(rec.get("lemma")), rec.get("src_head")
    src = doc[h] if h is not None and h < len(doc) else None
    st = "none" if src is None else "pron" if src.lower_ in PRONOUNS else src.pos_
    words = min(40, sum(len(doc.text[a:b].split()) for a, b in rec["content"]))
    feats = ["lemma=" + lemma, "kind=" + rec["kind"], "src=" + st, "words=" + str(words // 4), "lemma_src=" + lemma + "|" + st]
    if cue is not None:
        feats += ["dep=" + cue.dep_, "tag=" + cue.tag_, "lemma_dep=" + lemma + "|" + cue.dep_, "dep_src=" + cue.dep_ + "|" + st]
    return feats + [f + "|" + x for f in flags for x in ["", lemma, rec["kind"], cue.dep_ if cue is not None else "-"]]


def main() -> None:
    from spacy.tokens import DocBin

    from factdesk.extraction import load_nlp

    gold = read_gold(POLNEAR / "train")
    names = sorted(gold)
    nlp = load_nlp()
    docs = list(DocBin().from_disk(CACHE_DIR / f"factdesk-polnear-train-{len(names)}.spacy").get_docs(nlp.vocab))
    golds = [[chars(g["Content"]) for g in gold[n]] for n in names]
    matcher = nlp.get_pipe("factdesk_attribution").matcher
    run = lambda: [attribution.find_attributions(d, matcher) for d in docs]  # noqa: E731
    odd = list(range(1, len(docs), 2))
    base = run()
    print("rules as they are:               ", prf(base, golds))
    print("  odd half:                      ", prf([base[k] for k in odd], [golds[k] for k in odd]))

    quotes = [find_quotes(d.text) for d in docs]
    rows = [(k, trim_features(d, r, n), int(len(set(range(n.left_edge.idx, r["content"][-1][1])) & g) < 0.5 * (r["content"][-1][1] - n.left_edge.idx)))
            for k, (d, rs, gs) in enumerate(zip(docs, base, golds)) for r in rs if (g := best_gold(r, gs)) is not None
            for n in trim_candidates(d, r, quotes[k])]
    model = fit([(f, y) for k, f, y in rows if k % 2 == 0])
    held = [(prob(model, f), y) for k, f, y in rows if k % 2]
    pos = sorted(held)
    ranks = [i for i, (_, y) in enumerate(pos) if y]
    npos = len(ranks)
    auc = (sum(ranks) - npos * (npos - 1) / 2) / max(1, npos * (len(pos) - npos))
    oracle, learned = copy.deepcopy(base), copy.deepcopy(base)
    for k in odd:
        for r, s in zip(oracle[k], learned[k]):
            for node in trim_candidates(docs[k], r, quotes[k]):
                g = best_gold(r, golds[k])
                c = set(range(node.left_edge.idx, r["content"][-1][1]))
                if g is not None and len(c & g) < 0.5 * len(c):
                    cut(docs[k].text, r, node)
                    break
            for node in trim_candidates(docs[k], s, quotes[k]):
                if prob(model, trim_features(docs[k], s, node)) >= 0.6:
                    cut(docs[k].text, s, node)
                    break
    print(f"trim, learned (held-out AUC {auc:.2f}):", prf([learned[k] for k in odd], [golds[k] for k in odd]))
    print("trim, cut by the gold (oracle):  ", prf([oracle[k] for k in odd], [golds[k] for k in odd]))

    nested_of, unlikely_of = attribution._drop_nested, filters._unlikely
    attribution._drop_nested = lambda records: records
    attribution.drop_unlikely = lambda doc, records: records
    every = run()
    print("candidate ceiling, no filters:   ", prf(every, golds))
    flagged = []
    for d, rs in zip(docs, every):
        kept = {id(r) for r in nested_of(list(rs))}
        flagged.append([tuple(f for f, on in (("nested", id(r) not in kept), ("unlikely", unlikely_of(d, d.text, r))) if on) for r in rs])
    rows = [(gate_features(d, r, fl), int(i in m)) for k, (d, rs, gs, fls) in enumerate(zip(docs, every, golds, flagged)) if k % 2 == 0
            for m in [matched(rs, gs)] for i, (r, fl) in enumerate(zip(rs, fls))]
    model = fit(rows)
    for t in (0.4, 0.5, 0.6):
        kept = [[r for r, fl in zip(every[k], flagged[k]) if not fl or prob(model, gate_features(docs[k], r, fl)) >= t] for k in odd]
        print(f"second look at filtered, t={t}:  ", prf(kept, [golds[k] for k in odd]))
    for d in docs:
        for t in d:
            if t.pos_ == "VERB" and t.lower_.isalpha():
                lexicon.CUE_FORMS.setdefault(t.lower_, t.lower_)
    matcher = attribution.Attribution(nlp).matcher
    print("candidate ceiling, every verb:   ", prf(run(), golds))


if __name__ == "__main__":
    main()
