"""Provides the conversion of an annotated Doc into `Claim`s: the edge where spaCy stops.

Reads the records `factdesk_attribution` left on the Doc, resolves speakers, attaches
figures, and adds narrative sentences that carry figures as `unattributed` claims.
"""

from __future__ import annotations

import re

from factdesk.models import Claim, Figure, Speaker, claim_words

from .attribution import EXTENSION
from .content import trim
from .speakers import resolve

from factdesk.figures import find_figures

NUMBERISH = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|billions?)\b", re.I)


def _figures(text: str, spans) -> tuple[Figure, ...]:
    out: list[Figure] = []
    for a, b in spans:
        try:
            out.extend(find_figures(text, a, b))
        except Exception:
            continue
    return tuple(f for f in out if 0 <= f.start <= f.end <= len(text))


def _pieces(doc):
    """Sentences cut at line breaks, trimmed, as character spans."""
    text = doc.text
    for sent in doc.sents:
        pos = sent.start_char
        for part in text[sent.start_char:sent.end_char].split("\n"):
            a, b = trim(text, pos, pos + len(part))
            if b - a > 1:
                yield a, b
            pos += len(part) + 1


def _uncovered(text: str, a: int, b: int, covered) -> list[tuple[int, int]]:
    """The parts of sentence `[a, b)` no attributed claim covers, of three words or more."""
    cuts = sorted((max(a, x), min(b, y)) for x, y in covered if x < b and a < y)
    runs, pos = [], a
    for x, y in cuts:
        if x > pos:
            runs.append((pos, x))
        pos = max(pos, y)
    if pos < b:
        runs.append((pos, b))
    out = []
    for x, y in runs:
        x, y = trim(text, x, y)
        if len(text[x:y].split()) >= 3:
            out.append((x, y))
    return out


def _has_verb(doc, a: int, b: int) -> bool:
    span = doc.char_span(a, b, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def doc_to_claims(doc, outlet: str | None = None) -> list[Claim]:
    """Claims of one annotated Doc, in text order, `order` from 0."""
    text = doc.text
    records = doc._.get(EXTENSION) or []
    resolved = resolve(doc, records)
    drafts: list[tuple[int, Claim]] = []
    covered: list[tuple[int, int]] = []
    for r, (speaker, mention) in zip(records, resolved):
        spans = tuple((a, b) for a, b in (tuple(s) for s in r["content"]) if 0 <= a < b <= len(text))
        if not spans:
            continue
        cue = tuple(r["cue"]) if r.get("cue") else None
        claim = Claim(
            order=0,
            kind=r["kind"],
            text=claim_words(text, spans, mention),
            content=spans,
            speaker=speaker,
            speaker_mention=mention,
            cue=cue,
            cue_text=text[cue[0]:cue[1]] if cue else None,
            figures=_figures(text, spans),
        )
        drafts.append((spans[0][0], claim))
        covered.extend(spans)
        if cue:
            covered.append(cue)
        if mention:
            covered.append(mention)
    narrator = Speaker(name=outlet, kind="outlet") if outlet else None
    for a, b in _pieces(doc):
        if not NUMBERISH.search(text, a, b):
            continue
        for x, y in _uncovered(text, a, b, covered):
            figures = _figures(text, [(x, y)])
            if figures and _has_verb(doc, x, y):  # a clause, not a leftover ("at 300 by")
                drafts.append((x, Claim(order=0, kind="unattributed", text=text[x:y], content=((x, y),),
                                        speaker=narrator, figures=figures)))
    drafts.sort(key=lambda d: d[0])
    return [Claim(**{**c.__dict__, "order": n}) for n, (_, c) in enumerate(drafts)]
