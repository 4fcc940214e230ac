"""Provides the colon rule: "PENCE: We will win." and "Graham: Trump Is Hurting the GOP".

Transcripts and headlines attribute with a label and a colon, no verb. A line whose
short opening before a colon is a name (capitalised words, no verb) attributes the
rest of the line to that name. Works on parsed spaCy tokens; records are plain offsets.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .content import ParaIndex, trim

MAX_LABEL_WORDS = 6
"""Longest "Name:" label read as a speaker; longer openings are sentences."""
MIN_CONTENT_WORDS = 2
NOT_SPEAKERS = frozenset("""
the latest update updated exclusive watch breaking video photos photo analysis opinion editorial note
editor's related advertisement read more see also source sources credit q a question answer
warning caution disclaimer correction clarification live full transcript data via h/t hat tip
first second third part chapter day week step map chart table figure graphic the take what why how
who when where tags filed topics subject re fwd fw from to date sent cc bcc
""".split())
"""Label words that introduce a section, not a speaker ("UPDATE:", "Watch:")."""


def colon_records(doc: Doc, text: str, paras: ParaIndex) -> list[dict]:
    """Records for lines that open with a "Name:" label."""
    out = []
    for pstart, pend in paras.paras:
        colon = text.find(":", pstart, min(pend, pstart + 80))
        if colon < 0:
            continue
        label = doc.char_span(pstart, colon, alignment_mode="contract")
        if label is None or not 1 <= len(label) <= MAX_LABEL_WORDS:
            continue
        words = [t for t in label if not t.is_punct]
        if not words or any(t.pos_ in ("VERB", "AUX") for t in label):
            continue
        if not all(t.text[:1].isupper() or t.lower_ in ("of", "and", "the", "'s", "\u2019s", "de") for t in words):
            continue
        if words[0].lower_ in NOT_SPEAKERS or words[-1].lower_ in NOT_SPEAKERS or words[-1].like_num:
            continue
        a, b = trim(text, colon + 1, pend)
        if len(text[a:b].split()) < MIN_CONTENT_WORDS:
            continue
        head = next((t for t in label if t.head.i < label.start or t.head.i >= label.end or t.head.i == t.i), words[-1])
        if head.is_punct or head.lower_ in NOT_SPEAKERS:
            head = words[-1]
        out.append({
            "cue": [colon, colon + 1],
            "cue_i": None,
            "src_head": head.i,
            "src_span": [words[0].idx, words[-1].idx + len(words[-1].text)],
            "content": [[a, b]],
            "kind": "indirect",
            "carry": None,
            "lemma": ":",
        })
    return out
