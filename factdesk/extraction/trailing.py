"""Provides the trailing-cue rule: '"...," Trump barked.' with a verb the lexicon lacks; no UI here.

A quote that closes on a comma, question mark or exclamation mark and is followed,
in the same sentence, by a short subject–verb pair ("the editorial read", "he
surmised", "added Gowdy") is attributed to that subject whatever the verb. Works on
parsed spaCy tokens; the record is plain offsets like the other rules'.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .quotes import Quote

CLOSING_PUNCT = ",?!\u2014-"
"""What a quote ends on when a speech tag follows it (a full stop ends the sentence instead)."""
MAX_TAG_TOKENS = 8
"""How far after the quote the tag's verb may sit ("the Republican vice-presidential nominee riffed")."""
SUBJ_DEPS = frozenset({"nsubj"})


def trailing_record(doc: Doc, q: Quote) -> dict | None:
    """A record for quote `q` from the subject–verb pair right after it, or None."""
    text = doc.text
    inner = text[q.start:q.end].rstrip("\"'\u201d\u2019 ")
    if not q.closed or not inner or inner[-1] not in CLOSING_PUNCT:
        return None
    after = doc.char_span(q.end, min(len(text), q.end + 200), alignment_mode="contract")
    if after is None or not len(after):
        return None
    first = after[0]
    if "\n" in text[q.end:first.idx]:
        return None
    for t in after[:MAX_TAG_TOKENS]:
        if t.is_space or "\n" in t.text or (t.is_punct and t.text not in ",-"):
            break
        if t.pos_ not in ("VERB", "AUX"):
            continue
        subj = [c for c in t.children if c.dep_ in SUBJ_DEPS and c.idx >= q.end]
        if not subj:
            return None
        s = subj[0]
        # the tag must open right at the quote: '," Reyes barked' or '," barked Reyes'
        if (s.left_edge.i if s.i < t.i else t.i) != first.i or s.i > t.i + 4:
            return None
        return {
            "cue": [t.idx, t.idx + len(t.text)],
            "cue_i": t.i,
            "src_head": s.i,
            "content": [[q.start, q.end]],
            "kind": "direct",
            "carry": None,
            "lemma": t.lower_,
        }
    return None
