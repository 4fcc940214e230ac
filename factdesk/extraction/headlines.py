"""Provides the headline rule: "Senator Lee Slams Port Deal" in title case; no UI here.

Headlines are written in title case and present tense ("Mayor Praises Union's Offer").
A small parser reads the capitalised verb as part of a name, so no cue rule sees it.
On a title-case line, the first cue verb in its "-s" form ("Praises", "Says") that
follows a name and is not a possessed noun ("Lee's Claims") is the cue: the words
before it are the source, the rest of the line is the content. Works on parsed spaCy
tokens; records are plain offsets like the other rules'.
"""

from __future__ import annotations

from spacy.tokens import Doc

from . import lexicon
from .content import ParaIndex, trim

MIN_TITLE_WORDS = 4
TITLE_SHARE = 0.8
"""Share of the line's longer words that must be capitalised for it to read as a title."""
SMALL_WORDS = frozenset("a an and as at but by for from in into of on or over the to up vs. with".split())
MAX_SOURCE_TOKENS = 7
LINKS = frozenset({"of", "and", "'s", "\u2019s", "-", ",", "the"})
"""Words a headline's source may contain besides capitalised ones ("Leaders of the GOP")."""


def _title_case(words: list[str]) -> bool:
    long = [w for w in words if w.lower() not in SMALL_WORDS and w[:1].isalpha()]
    return len(words) >= MIN_TITLE_WORDS and bool(long) and sum(w[:1].isupper() for w in long) >= TITLE_SHARE * len(long)


def headline_records(doc: Doc, text: str, paras: ParaIndex, records: list[dict]) -> list[dict]:
    """Records for title-case lines whose cue verb the parse missed."""
    taken = {r["cue"][0] for r in records if r.get("cue")}
    out = []
    for pstart, pend in paras.paras:
        if not _title_case(text[pstart:pend].split()):
            continue
        line = doc.char_span(pstart, pend, alignment_mode="contract")
        if line is None:
            continue
        start = line.start
        for t in line:
            if t.text in (":", "\u2013", "\u2014"):
                start = t.i + 1  # "EXCLUSIVE – Lee Slams ...": the source starts after the label
                continue
            form = t.lower_
            if not (t.text[:1].isupper() and form.endswith("s") and form in lexicon.CUE_FORMS
                    and form != lexicon.CUE_FORMS[form] and t.tag_ != "NNS"):
                continue  # (a plural the tagger is sure of, "Both Sides Want", is no verb)
            source = [s for s in doc[start:t.i] if not s.is_space]
            if not source or len(source) > MAX_SOURCE_TOKENS or source[-1].lower_ in ("'s", "\u2019s"):
                break  # "Lee's Claims ...": a possessed noun, not a verb
            if not all((s.text[:1].isupper() or s.lower_ in LINKS or s.like_num)
                       and not s.tag_.startswith("VB") and (s.tag_ != "IN" or s.lower_ == "of") for s in source):
                break  # "Trump Got More Votes", "Delegates Disrupt RNC After Rules": a clause, not a name
            if t.idx in taken:
                break
            a, b = trim(text, t.idx + len(t.text), pend)
            if b - a < 3:
                break
            out.append({
                "cue": [t.idx, t.idx + len(t.text)],
                "cue_i": t.i,
                "src_head": source[-1].i,
                "src_span": [source[0].idx, source[-1].idx + len(source[-1].text)],
                "content": [[a, b]],
                "kind": "indirect",
                "carry": None,
                "lemma": lexicon.CUE_FORMS[form],
            })
            break
    return out
