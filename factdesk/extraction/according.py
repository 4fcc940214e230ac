"""Provides the rule for sources named by a preposition: "according to X", "in a CNN poll".

`according_record` turns one DependencyMatcher match (see `cues.cue_patterns`) into a plain
record of character offsets, like `cues.verb_record`. Works on parsed spaCy tokens; no UI.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .content import ParaIndex, clip, trim

FIGURE = re.compile(r"\d|\bpercent\b|\bper cent\b")


def according_record(doc: Doc, text: str, cue_i: int, src_i: int, paras: ParaIndex) -> dict | None:
    """"According to X, ..." and "in a CNN poll, ...": the rest of the sentence is X's."""
    cue, src = doc[cue_i], doc[src_i]
    if cue.lower_ == "in" and cue.head.pos_ not in ("VERB", "AUX"):
        return None  # "interested in polls", "a rise in surveys": not where a finding was made
    sent = cue.sent
    to = doc[cue_i + 1] if cue_i + 1 < len(doc) else cue
    lo, hi = cue.left_edge.i, max(cue.right_edge.i, src.right_edge.i)
    pstart, pend = paras.bounds(cue.idx)
    spans = []
    a = sent.start_char
    b = doc[lo].idx
    spans.append((a, b))
    after = (doc[hi].idx + len(doc[hi].text), sent.end_char)
    tail = doc.char_span(*after, alignment_mode="contract")
    if tail is not None and any(t.pos_ in ("VERB", "AUX") for t in tail):
        spans.append(after)  # (", the ABC affiliate in Ohio" after the source describes it: no claim)
    spans = [trim(text, x, y) for x, y in clip(spans, pstart, pend)]
    spans = [(x, y) for x, y in spans if y - x > 3]
    if not spans:
        return None
    one_word = cue.lower_ == "in"  # "in a CNN poll": the cue is the preposition alone
    if one_word and src.tag_ == "NNS" and not any(FIGURE.search(text, x, y) for x, y in spans):
        return None  # "she slid in the polls": a standing, not a finding any poll reported
    return {
        "cue": [cue.idx, cue.idx + len(cue.text) if one_word else to.idx + len(to.text)],
        "cue_i": cue_i,
        "src_head": src_i,
        "content": [list(s) for s in spans],
        "kind": "indirect",
        "carry": None,
        "lemma": "in" if one_word else "according to",
    }
