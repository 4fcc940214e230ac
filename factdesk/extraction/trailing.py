"""Provides the tag rules for verbs the lexicon lacks: '"...," Trump barked.' and 'Trump boomed: "..."'; no UI here.

A quote that closes on a comma, question mark or exclamation mark and is followed,
in the same sentence, by a short subject–verb pair ("the editorial read", "he
surmised", "added Gowdy") is attributed to that subject whatever the verb. So is a
quote right after a colon that ends a clause with a subject ("She shot back:",
"The mayor had one message:"). Works on parsed spaCy tokens; the records are plain
offsets like the other rules'.
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


MAX_LEAD_TOKENS = 12
"""How far before the colon the verb may sit ("recites, to a roar of applause, the line:")."""


def leading_record(doc: Doc, q: Quote) -> dict | None:
    """A record for quote `q` from the clause ending in a colon right before it, or None."""
    text = doc.text
    colon = len(text[:q.start].rstrip())
    if colon == 0 or text[colon - 1] != ":" or text[colon:q.start].count("\n") > 2:
        return None
    span = doc.char_span(colon - 1, colon, alignment_mode="expand")
    if span is None:
        return None
    tok = span[0]
    for t in reversed(doc[max(tok.sent.start, tok.i - MAX_LEAD_TOKENS):tok.i]):
        if t.is_quote or "\n" in t.text:
            return None  # (the clause holds a quote of its own, or began a paragraph earlier)
        if t.pos_ not in ("VERB", "AUX"):
            continue
        subj = [c for c in t.children if c.dep_ in SUBJ_DEPS and c.i < t.i]
        if not subj:
            continue
        return {
            "cue": [t.idx, t.idx + len(t.text)],
            "cue_i": t.i,
            "src_head": subj[0].i,
            "content": [[q.start, q.end]],
            "kind": "direct",
            "carry": None,
            "lemma": t.lower_,
        }
    return None
