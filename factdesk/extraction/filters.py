"""Provides the last pass over attribution records: drop the shapes that are rarely claims; no UI here.

Each rule was measured on the PolNeAR training split (bench/eval_polnear.py): a record
is dropped only when the shape it describes matches gold content far less often than
the extractor as a whole does (under one time in five).
"""

from __future__ import annotations

from spacy.tokens import Doc

SHORT_CONTENT_WORDS = 3
"""Content this short, under a cue below, is an object rather than a claim."""

SHORT_CONTENT_UNLIKELY = frozenset("""
find release offer appear continue point challenge statement concern issue pledge worry fear
project knock advocate remind repeat post advice determine see
""".split())
"""Cues whose short complements are things done, not things said: "released a statement",
"found themselves", "continue to do", "offered shelter"."""

RELATIVE_WORDS = frozenset({"which", "that", "who", "whom"})
PRONOUN_CONTENT = RELATIVE_WORDS | frozenset("it him her them this these those so his its their one".split())
"""Content made only of these stands in for something said elsewhere: not a claim to check."""
TIME_WORDS = frozenset("year years week weeks month months day days decade decades century quarter period season weekend".split())
FIRST_PERSON = frozenset({"i", "we", "you"})
"""Sources that, inside a quote, are the quoted speaker talking, not a speaker named."""


def drop_unlikely(doc: Doc, records: list[dict]) -> list[dict]:
    """Return `records` without the improbable ones, keeping `carry` indices right."""
    text = doc.text  # built anew from the tokens on every access: once per doc, not per record
    return keep_only(records, [r for r in records if not _unlikely(doc, text, r)])


def keep_only(records: list[dict], keep: list[dict]) -> list[dict]:
    """`keep` (a reordered subset of `records`) with every `carry` index pointing into it.

    A carried quote names the record it continues by index; a record that is gone leaves None.
    """
    if len(keep) == len(records) and all(a is b for a, b in zip(keep, records)):
        return records
    index = {id(r): n for n, r in enumerate(keep)}
    for r in keep:
        if r["carry"] is not None:
            r["carry"] = index.get(id(records[r["carry"]]))
    return keep


def _unlikely(doc: Doc, text: str, r: dict) -> bool:
    cue = doc[r["cue_i"]] if r.get("cue_i") is not None else None
    if cue is None:
        return False
    src = doc[r["src_head"]] if r.get("src_head") is not None else None
    words = sum(len(text[a:b].split()) for a, b in r["content"])
    if words <= 2 and _only_pronouns(text, r["content"]):
        return True  # "Felt denied it", "Nixon thanked him", "which is shown": nothing a reader can check
    if r.get("lemma") == "see" and src is not None and (src.lower_ in RELATIVE_WORDS or src.pos_ in ("NUM",) or src.lower_ in TIME_WORDS):
        return True  # "the show, which saw celebrities compete", "2004 saw prices rise": not perception
    if r.get("lemma") == "continue" and r["kind"] == "indirect" and any(c.dep_ == "xcomp" for c in cue.children):
        return True  # "she continues to lead the field": an ongoing act, not "she continued: ..."
    if r["kind"] == "indirect" and words <= SHORT_CONTENT_WORDS and r.get("lemma") in SHORT_CONTENT_UNLIKELY:
        return True
    if words <= SHORT_CONTENT_WORDS and r["kind"] == "indirect":
        if src is None and cue.pos_ == "NOUN":
            return True  # "amid attacks from Senator X", "contention for the nomination"
        if cue.dep_ == "acl":
            return True  # "the gluts now worrying policy makers", "a comment posted online"
    if src is None and cue.dep_ == "ROOT" and cue.tag_ == "VB":
        return True  # an imperative: "Call it the politics of pique."
    if r["kind"] != "indirect" and src is not None and src.lower_ in FIRST_PERSON and _in_quote(doc, src):
        return True  # '"I think we can win," ...' with no cue outside the quote
    return False


def _only_pronouns(text: str, content) -> bool:
    said = " ".join(text[a:b] for a, b in content).lower().strip(" .,;:\"'\u201c\u201d")
    return bool(said) and all(w in PRONOUN_CONTENT for w in said.split())


def _in_quote(doc: Doc, tok) -> bool:
    """Whether `tok` sits inside an open quote of its paragraph (odd count of marks before it)."""
    text = doc.text
    start = text.rfind("\n", 0, tok.idx) + 1
    before = text[start:tok.idx]
    opens = before.count("\u201c") + before.count('"') + before.count("''")
    closes = before.count("\u201d")
    if "\u201c" in before or "\u201d" in before:
        return before.count("\u201c") > closes
    return opens % 2 == 1
