"""Print the gold cue words of a PolNeAR split with counts, marking the ones factdesk knows.

Usage: .venv/bin/python bench/polnear_cues.py [train|dev] [--top N] [--missed PRED.jsonl]

Reads /work/shared at run time; prints counts only (no article text is stored). With
--missed, counts only the cues of gold attributions the predictions miss at 50% overlap.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.eval_polnear import POLNEAR, chars, read_gold  # noqa: E402
from factdesk.extraction.lexicon import ADJ_CUES, CUE_FORMS, NOUN_CUES  # noqa: E402

KNOWN = set(CUE_FORMS) | NOUN_CUES | ADJ_CUES


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("split", nargs="?", default="train")
    ap.add_argument("--top", type=int, default=150)
    ap.add_argument("--missed", default=None)
    args = ap.parse_args(argv)
    split_dir = POLNEAR / args.split
    gold = read_gold(split_dir)
    preds: dict[str, list[set[int]]] = {}
    if args.missed:
        for line in open(args.missed, encoding="utf-8"):
            r = json.loads(line)
            if r["kind"] != "unattributed":
                preds.setdefault(Path(r["file"]).name, []).append(chars(r["content"]))
    counts: Counter = Counter()
    for name, items in gold.items():
        text = open(split_dir / "text" / name, encoding="utf-8", newline="").read()
        for g in items:
            if args.missed:
                gc = chars(g["Content"])
                if any(len(p & gc) / max(len(p), len(gc)) >= 0.5 for p in preds.get(name, [])):
                    continue
            cue = " ".join(text[a:b] for a, b in g["Cue"]).lower().split()
            counts[" ".join(cue) or "<none>"] += 1
    for cue, n in counts.most_common(args.top):
        known = "+" if any(w in KNOWN for w in cue.split()) else " "
        print(f"{n:6d} {known} {cue}")


if __name__ == "__main__":
    main()
