"""Provides the speaker registry of one article: who has been named, and how to find them again.

`Registry` holds the speakers met so far, looked up by name, alias, short form ("Le Drian"),
acronym ("MUJAO") or recency (for pronouns and descriptions), plus the text scans those lookups
need: place names, `Full Name (ACR)` definitions, earlier full names. Works on a parsed Doc;
no rules about which mention is a speaker (that is `speakers.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factdesk.models import Speaker

from . import lexicon

CONNECTORS = frozenset({"of", "for", "and", "in", "on", "the", "de", "la", "du", "des", "al", "al-", "-", "&"})
PLACE_PREPS = frozenset({"in", "from", "to", "across", "throughout", "into", "near", "at"})


@dataclass
class Entity:
    """A speaker being built up while the article is read."""

    name: str
    kind: str = "person"
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)
    pos: int = 0
    """Character offset of the latest mention (for pronouns and descriptions)."""

    def speaker(self) -> Speaker:
        aliases = tuple(a for a in dict.fromkeys(self.aliases) if a != self.name)
        return Speaker(name=self.name, kind=self.kind, role=self.role, affiliation=self.affiliation, aliases=aliases)


class Registry:
    """Entities of one article, looked up by name, alias or short form."""

    def __init__(self, doc):
        self.doc = doc
        self.entities: list[Entity] = []
        self.places = _places(doc)
        self.acronyms = _acronyms(doc)  # list of (pos, full name, acronym)
        for pos, full, acr in self.acronyms:
            e = self.find(full) or self.find(acr)
            if e is None:
                e = Entity(full, "organisation", pos=pos)
                self.entities.append(e)
            e.aliases.append(acr)

    def defined_at(self, pos: int) -> Entity | None:
        """The entity whose `Full Name (ACR)` definition covers `pos`."""
        for apos, full, acr in self.acronyms:
            if apos <= pos < apos + len(full):
                return self.find(full)
        return None

    def find(self, name: str) -> Entity | None:
        key = _norm(name)
        if not key:
            return None
        for e in reversed(self.entities):
            if _norm(e.name) == key or key in (_norm(a) for a in e.aliases):
                return e
        words = key.split()
        for e in reversed(self.entities):
            full = _norm(e.name).split()
            if e.kind == "person" and len(words) < len(full) and full[-len(words):] == words:
                return e
        if len(words) == 1:
            for e in reversed(self.entities):
                full = _norm(e.name).split()
                # "Santos" for "Fernando Santos Alvite": Spanish names go by the first surname
                if e.kind == "person" and len(full) >= 3 and words[0] in full[1:-1]:
                    return e
        return None

    def add(self, name: str, kind: str, pos: int, role=None, affiliation=None) -> Entity:
        name = clean_name(name) or name
        short = company_short_name(name)
        if short:
            kind = "organisation"
        e = self.find(name) or (self.find(short) if short else None)
        if e is None:
            e = Entity(name, kind, role, affiliation, pos=pos)
            self.entities.append(e)
            if short:
                e.aliases.append(short)  # "Dixons Group Plc" is "Dixons" in the next paragraph and article
        else:
            if _norm(name) != _norm(e.name):
                if len(name.split()) > len(e.name.split()) and e.kind == "person" and kind == "person":
                    e.aliases.append(e.name)
                    e.name = name
                else:
                    e.aliases.append(name)
            e.role = e.role or role
            e.affiliation = e.affiliation or affiliation
            e.pos = max(e.pos, pos)
        return e

    def latest(self, pos: int, kinds: tuple[str, ...], heads: tuple[str, ...] = (), strict: bool = False) -> Entity | None:
        """The entity of `kinds` mentioned last before `pos`; with `heads`, one whose name holds
        one of them (organisations are exempt from that unless `strict`)."""
        best = None
        for e in self.entities:
            if e.kind in kinds and e.pos <= pos and (best is None or e.pos > best.pos):
                if heads and not any(h in _norm(e.name).split() or h in e.aliases for h in heads) and (strict or e.kind != "organisation"):
                    continue
                best = e
        return best

    def latest_person(self, pos: int) -> Entity | None:
        """The person named last before `pos`, whether or not they have spoken yet."""
        e = self.latest(pos, ("person",))
        ent = next((x for x in reversed(self.doc.ents) if x.label_ == "PERSON" and x.end_char <= pos and len(x) >= 2), None)
        if ent is not None and (e is None or ent.start_char > e.pos):
            e = self.add(ent.text, "person", ent.start_char)
        return e

    def next_org(self, pos: int, limit: int = 800) -> Entity | None:
        for apos, full, _acr in self.acronyms:
            if pos < apos <= pos + limit:
                return self.find(full)
        return None


WIRE_MARKUP = re.compile(r"\s*<[A-Z0-9.]+>?\s*$|[<>]")
"""Reuters-style tickers and brackets in names: "Dixons Group Plc <DXNS.L>", "<Cyclops Corp>"."""


def clean_name(name: str) -> str:
    """A speaker name without wire markup and stray brackets."""
    return " ".join(WIRE_MARKUP.sub(" ", name).split())


COMPANY_WORDS = frozenset("plc corp corp. corporation inc inc. incorporated ltd ltd. limited co co. company llc sa ag nv group holdings".split())


def company_short_name(name: str) -> str | None:
    """ "Dixons" for "Dixons Group Plc", "Cyclops" for "Cyclops Corp"; None when the name ends
    in no company word or is nothing but them."""
    words = name.split()
    n = len(words)
    while n > 1 and words[n - 1].lower().strip(",") in COMPANY_WORDS:
        n -= 1
    return " ".join(words[:n]).rstrip(",") if n < len(words) else None


def _norm(s: str) -> str:
    s = s.replace("\u2019", "'").lower().strip()
    for h in ("the ",):
        if s.startswith(h):
            s = s[len(h):]
    words = [w for w in s.split() if w not in lexicon.HONORIFICS]
    return " ".join(words)


def _places(doc) -> set[str]:
    """Proper nouns seen as the object of a place preposition ("in Mali")."""
    out = set()
    for t in doc:
        if t.dep_ == "pobj" and t.pos_ == "PROPN" and t.head.lower_ in PLACE_PREPS and not any(c.dep_ == "compound" for c in t.children):
            out.add(t.text)
    for ent in doc.ents:
        if ent.label_ in ("GPE",):
            out.add(ent.text)
    return out


def _acronyms(doc) -> list[tuple[int, str, str]]:
    """`Full Name (ACR)` definitions, as (offset, full name, acronym)."""
    out = []
    for t in doc:
        if t.text != "(" or t.i + 2 >= len(doc):
            continue
        acr, close = doc[t.i + 1], doc[t.i + 2]
        if close.text != ")" or not (acr.text.isupper() and 2 <= len(acr.text) <= 10):
            continue
        j = t.i - 1
        words = []
        while j >= 0 and (doc[j].text[:1].isupper() or doc[j].lower_ in CONNECTORS) and not doc[j].is_sent_start:
            words.append(doc[j])
            j -= 1
        if j >= 0 and doc[j].is_sent_start and doc[j].text[:1].isupper():
            words.append(doc[j])
        while words and words[-1].lower_ in CONNECTORS:
            words.pop()
        if len(words) < 2:
            continue
        start = words[-1].idx
        full = doc[words[-1].i: t.i].text.strip()
        out.append((start, full, acr.text))
    return out


def earlier_full_name(doc, head) -> str | None:
    """The last capitalised name before `head` that holds its word ("Reserve Bank of Australia"
    for "the Bank"), or None."""
    for t in reversed(doc[: head.i]):
        if t.text != head.text:
            continue
        lo = hi = t.i
        while lo > 0 and (doc[lo - 1].text[:1].isupper() and doc[lo - 1].pos_ == "PROPN"):
            lo -= 1
        while hi + 1 < len(doc) and (doc[hi + 1].text[:1].isupper() and doc[hi + 1].pos_ == "PROPN"
                                     or doc[hi + 1].lower_ in ("of", "for") and hi + 2 < len(doc) and doc[hi + 2].text[:1].isupper()):
            hi += 1 if doc[hi + 1].text[:1].isupper() else 2
        if hi > lo and not doc[hi].is_punct:
            return doc[lo: hi + 1].text
    return None
