"""Provides the cue rules for content that completes a cue: passives, nouns and adjectives.

`passive_record` ("the plan was criticized by X", "she is expected to win") and `noun_record`
("his claim that ...", "criticism of the plan", "Lee is wary of the deal") turn one matched cue
into a plain record of character offsets, like `cues.verb_record`. Works on parsed spaCy
tokens; no quote-mark logic and no UI here.
"""

from __future__ import annotations

from spacy.tokens import Doc

from . import lexicon
from .content import ParaIndex, clean, clip, content_chars
from .quotes import Quote

SUBJ_DEPS = ("nsubj",)
SHORT_OBJECT_WORDS = 3
"""A noun cue's content this short ("in support of Lee") is a thing, not a claim to give a speaker."""
PASSIVE_PREPS = frozenset({"of", "about", "for", "as", "on", "with"})


def passive_record(doc: Doc, text: str, cue, lemma: str, paras: ParaIndex, quotes: list[Quote]) -> dict | None:
    """"The plan was criticized by X", "she is expected to win", "it was reported that ...".

    PolNeAR's content is the passive subject (unless it is a dummy "it") plus what
    completes the cue; the source is the "by" agent, when there is one.
    """
    spans: list[tuple[int, int]] = []
    src_i = None
    for c in cue.children:
        if c.dep_ == "nsubjpass" and c.lower_ not in ("it", "there"):
            spans += content_chars(c)
        elif c.dep_ in ("ccomp", "xcomp", "oprd"):
            spans += content_chars(c)
        elif c.dep_ == "agent":
            objs = [o for o in c.children if o.dep_ == "pobj"]
            src_i = objs[0].i if objs else None
        elif c.dep_ == "prep" and c.i > cue.i and (c.lower_ in PASSIVE_PREPS or (c.lower_ == "at" and lemma == "estimate")):
            for o in c.children:
                if o.dep_ in ("pobj", "pcomp") and o.ent_type_ not in ("DATE", "TIME"):
                    # "was estimated at 300" keeps the figure; "announced on Monday" is when, not what
                    spans += content_chars(o) if c.lower_ != "at" else [(c.idx, c.right_edge.idx + len(c.right_edge.text))]
    return _clause_record(text, cue, src_i, spans, paras, quotes, lemma)


RAISING_COMPS = frozenset({"xcomp", "ccomp", "acomp", "attr", "oprd"})


def raising_record(doc: Doc, text: str, cue, lemma: str, paras: ParaIndex, quotes: list[Quote]) -> dict | None:
    """"The plan seemed to fail", "voters appear more cautious": subject and complement, no source.

    A dummy subject ("it seems that ...") is left out, as it is from passives.
    """
    comps = [c for c in cue.children if c.dep_ in RAISING_COMPS and c.i > cue.i]
    if not comps:
        return None
    spans: list[tuple[int, int]] = []
    for c in cue.children:
        if c.dep_ in SUBJ_DEPS and c.i < cue.i and c.lower_ not in ("it", "there"):
            spans += content_chars(c)
    for c in comps:
        spans += content_chars(c)
    return _clause_record(text, cue, None, spans, paras, quotes, lemma)


def noun_record(doc: Doc, text: str, cue, paras: ParaIndex, quotes: list[Quote]) -> dict | None:
    """"his claim that ...", "criticism of the plan", "Lee is wary of the deal".

    The content is the clause or prepositional object completing the noun (or the
    adjective); the source is the possessor, or the subject of the verb it completes.
    """
    spans: list[tuple[int, int]] = []
    src_i = None
    for c in cue.children:
        if c.dep_ == "poss":
            src_i = c.i
        elif c.dep_ in ("acl", "ccomp", "xcomp") and c.i > cue.i and not spans:
            spans = content_chars(c)
        elif c.dep_ == "prep" and c.i > cue.i and c.lower_ in ("of", "from") and cue.lower_ in lexicon.BACKING_NOUNS:
            if src_i is None:
                objs = [o for o in c.children if o.dep_ == "pobj"]
                src_i = objs[0].i if objs else None  # "the support of millions": who backs, not what
        elif c.dep_ == "prep" and c.i > cue.i and c.lower_ in lexicon.NOUN_PREPS and not spans:
            for o in c.children:
                if o.dep_ in ("pobj", "pcomp"):
                    spans += content_chars(o)
        elif c.dep_ == "prep" and c.i > cue.i and c.lower_ in ("from", "by") and src_i is None:
            objs = [o for o in c.children if o.dep_ == "pobj"]
            src_i = objs[0].i if objs else None  # "the message from the mayor"
    if not spans:
        if src_i is not None and cue.dep_ == "attr":
            # '"Nothing to hide" — that was the message from the mayor': the quote before it
            return {"cue": [cue.idx, cue.idx + len(cue.text)], "cue_i": cue.i, "src_head": src_i,
                    "content": [], "kind": "indirect", "carry": None, "lemma": cue.lower_}
        return None
    if src_i is None and cue.dep_ in ("dobj", "acomp"):
        # "Lee voiced criticism of the plan": the subject of the light verb
        subj = [c for c in cue.head.children if c.dep_ in SUBJ_DEPS]
        src_i = subj[0].i if subj else None
    if (src_i is None and cue.dep_ == "pobj" and cue.head.dep_ == "prep" and cue.head.head.pos_ in ("VERB", "AUX")
            and cue.lower_ not in lexicon.EVENT_NOUNS
            and sum(len(text[a:b].split()) for a, b in spans) > SHORT_OBJECT_WORDS):
        # "said in a statement that ...", "rallied in hopes of ...": the subject of the verb
        subj = [c for c in cue.head.head.children if c.dep_ in SUBJ_DEPS]
        src_i = subj[0].i if subj else None
    if src_i is None and cue.lower_ in lexicon.EVENT_NOUNS:
        return None  # "after the attack on the barracks": a deed, not a stance anyone took
    return _clause_record(text, cue, src_i, spans, paras, quotes, cue.lower_)


def _clause_record(text: str, cue, src_i: int | None, spans: list[tuple[int, int]],
                   paras: ParaIndex, quotes: list[Quote], lemma: str) -> dict | None:
    """The record for content completing a cue, kept inside the cue's paragraph."""
    if not spans:
        return None
    pstart, pend = paras.bounds(cue.idx)
    content = clean(text, clip(spans, pstart, pend), quotes)
    if not content:
        return None
    return {
        "cue": [cue.idx, cue.idx + len(cue.text)],
        "cue_i": cue.i,
        "src_head": src_i,
        "content": [list(s) for s in content],
        "kind": "indirect",
        "carry": None,
        "lemma": lemma,
    }
