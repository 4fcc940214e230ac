"""Provides speaker resolution within one article: mentions → canonical `Speaker`s.

Splits roles and affiliations from names ("French Defence Minister Jean-Yves Le Drian",
"MUJAO's Abou Dardar"), links short forms, acronyms, pronouns and descriptions back to
the named speaker. Works on a parsed Doc; relies on the parse and word shapes more than
on NER labels, which the small model gets wrong for names like "MUJAO" or "Mali".
"""

from __future__ import annotations

from factdesk.models import Speaker

from . import lexicon
from .registry import Entity, Registry, earlier_full_name

CUT_DEPS = frozenset({"relcl", "acl", "appos", "prep", "punct", "cc", "conj", "advmod", "poss", "case", "det", "nummod", "quantmod"})


def _appositive_role(doc, head, affiliation: str | None) -> tuple[str | None, str | None]:
    """The role an apposition gives a name ("Smith, the union's general secretary,"), with
    the possessor as affiliation; (None, affiliation) when there is none."""
    for c in head.children:
        if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > head.i and (c.lower_ in lexicon.TITLES or c.lower_ in lexicon.PERSON_NOUNS):
            keep = [t for t in c.subtree if t.dep_ not in ("det", "relcl", "acl", "punct") and not any(
                a.dep_ in ("relcl", "acl", "poss") and a.i != c.i and t in a.subtree for a in c.subtree)]
            for p in c.children:
                if p.dep_ == "poss" and affiliation is None:
                    affiliation = _text(doc, [t for t in p.subtree if t.dep_ not in ("case", "det")]) or None
            return (_text(doc, keep) or None), affiliation
    return None, affiliation


def _name_before(doc, first):
    """The capitalised words opening the sentence right before a description's comma
    ("Townsend Thorensen, owners of ..."), as a Span, or None."""
    if first.i < 2 or doc[first.i - 1].text != ",":
        return None
    j = first.i - 2
    while j >= 0 and doc[j].text[:1].isupper() and not doc[j].is_sent_start:
        j -= 1
    if j < 0 or not doc[j].is_sent_start or not doc[j].text[:1].isupper() or first.i - 1 - j < 2:
        return None
    return doc[j: first.i - 1]


def _earlier_person(doc, head) -> str | None:
    """The last PERSON of two or more words before `head` whose last word is `head` ("Mikhail
    Khodorkovsky" for "Khodorkovsky"), or None."""
    for ent in reversed(doc.ents):
        if ent.end <= head.i and ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].text == head.text:
            return ent.text
    return None


def _aged(head) -> bool:
    """Whether a description carries an age ("the 28-year-old ...")."""
    return any(t.lower_ == "old" and t.i >= 2 and t.doc[t.i - 2].lower_ in ("year", "years") for t in head.lefts for t in t.subtree)


def name_chain(tok):
    """Tokens of the name phrase headed by `tok`, without clauses, appositions or possessors."""
    keep = []

    def walk(t):
        for c in t.lefts:
            if c.dep_ not in CUT_DEPS or (c.dep_ == "punct" and c.text in "-\u2010"):
                walk(c)
        keep.append(t)
        for c in t.rights:
            # A hyphen binds a name ("Jean-Yves") only written tight; "Khodorkovsky - who has
            # been in jail ... -" opens an aside.
            if c.dep_ in ("compound", "flat") or (c.dep_ == "punct" and c.text in "-\u2010" and c.i == t.i + 1
                                                  and not t.whitespace_):
                walk(c)

    walk(tok)
    keep.sort(key=lambda t: t.i)
    while keep and (keep[0].is_punct or keep[0].dep_ == "det"):
        keep.pop(0)
    while keep and keep[-1].is_punct:
        keep.pop()
    return keep


def split_role(tokens) -> tuple[list, list]:
    """Split "French Defence Minister Jean-Yves Le Drian" into role and name tokens."""
    last = -1
    for k, t in enumerate(tokens):
        if t.lower_ in lexicon.TITLES and t.lower_ not in lexicon.HONORIFICS:
            last = k
    if last < 0 or last == len(tokens) - 1:
        return [], tokens
    return tokens[: last + 1], tokens[last + 1:]


def _text(doc, toks) -> str:
    if not toks:
        return ""
    return doc[toks[0].i: toks[-1].i + 1].text


def _kind(doc, reg: Registry, head, name: str, role: str | None) -> str:
    low = name.lower()
    if role or head.lower_ in lexicon.PERSON_PRONOUNS:
        return "person"
    if name.isupper() and len(name) <= 10:
        return "organisation"
    if any(w in lexicon.ORG_WORDS for w in low.split()):
        return "organisation"
    if name in reg.places:
        return "organisation"
    if head.ent_type_ in ("ORG", "GPE", "NORP", "FAC"):
        return "organisation"
    if head.ent_type_ == "PERSON" or any(w.lower() in lexicon.HONORIFICS for w in name.split()):
        return "person"
    if head.pos_ == "PROPN":
        return "person"
    return "person" if head.lower_ not in lexicon.ORG_WORDS else "organisation"


def resolve(doc, records: list[dict]) -> list[tuple[Speaker | None, tuple[int, int] | None]]:
    """Resolve each record's source to a Speaker and the mention's character span."""
    reg = Registry(doc)
    found: list[tuple[Entity | None, tuple[int, int] | None]] = []
    for r in records:
        if r.get("carry") is not None and r["carry"] < len(found):
            found.append(found[r["carry"]])
            continue
        h = r.get("src_head")
        if h is None or h >= len(doc):
            found.append((None, None))
            continue
        try:
            e, mention = _resolve_one(doc, reg, doc[h])
            # a rule that knows the mention's extent ("RUIZ:" labels) overrides the subtree
            found.append((e, tuple(r["src_span"]) if r.get("src_span") else mention))
        except Exception:
            found.append((None, None))
    return [(e.speaker() if e else None, m) for e, m in found]


def _resolve_one(doc, reg: Registry, head) -> tuple[Entity | None, tuple[int, int]]:
    if head.text == ">" and head.i > 0 and not doc[head.i - 1].is_punct:
        head = doc[head.i - 1]  # wire markup "<Dixons Group Plc> said": the name inside
    pos = head.idx
    low = head.lower_
    if head.pos_ == "PRON" or low in lexicon.PERSON_PRONOUNS or low in lexicon.THING_PRONOUNS or low in lexicon.RELATIVE_PRONOUNS:
        mention = (head.idx, head.idx + len(head.text))
        if low in lexicon.RELATIVE_PRONOUNS and head.head.head is not head.head:
            ante = head.head.head
            if ante.pos_ in ("NOUN", "PROPN"):
                e, _ = _resolve_one(doc, reg, ante)
                return e, mention
        if low in ("he", "she", "him", "her", "i"):
            e = reg.latest(pos, ("person",))
        elif low in ("it", "they", "we"):
            e = reg.latest(pos, ("organisation",)) if low == "it" else None
            e = e or reg.latest(pos, ("organisation", "person"))
        else:
            e = None
        if e is not None:
            e.pos = pos
        return e, mention
    sub = list(head.subtree)
    while len(sub) > 1 and sub[-1].is_punct and sub[-1].text in ",;:\u2014-":
        sub.pop()  # "The company, which employs 3,000 people," ends at "people"
    mention = (sub[0].idx, sub[-1].idx + len(sub[-1].text))
    defined = reg.defined_at(head.idx)
    if defined is not None:
        defined.pos = pos
        return defined, mention
    chain = name_chain(head)
    if head.pos_ != "PROPN" and head.text[:1].islower() or head.pos_ == "NUM":
        # a description: look for a name in apposition ("one of the groups, the Movement ...")
        for c in head.subtree:
            if c.dep_ in ("appos", "conj") and c.pos_ == "PROPN":
                e = _resolve_one(doc, reg, c)[0]
                if e is not None and head.lower_ in lexicon.TITLES and c.dep_ == "appos":
                    e.kind = "person"
                    e.role = e.role or _text(doc, [t for t in chain if t.dep_ != "poss"]) or None
                    for p in head.children:
                        if p.dep_ == "poss" and e.affiliation is None:
                            e.affiliation = _text(doc, [t for t in p.subtree if t.dep_ != "case" and t.dep_ != "det"])
                return e, mention
        det = [c.lower_ for c in head.children if c.dep_ == "det"]
        if det and det[0] in ("a", "an") and head.lower_ in lexicon.ORG_WORDS:
            e = reg.next_org(pos)
            if e is not None:
                return e, mention
        bare = not any(c.dep_ in ("amod", "compound", "nmod", "poss", "nummod") for c in head.children)
        if det and det[0] in ("the", "this", "that") and head.lower_ in lexicon.ORG_WORDS and bare:
            # "the Bank" is the Reserve Bank named earlier; "the group" the latest organisation.
            # "The Australian government" is not bare: it names a speaker of its own (below)
            e = reg.latest(pos, ("organisation",), heads=(head.lower_,), strict=True) or reg.latest(pos, ("organisation",))
            if e is not None:
                e.pos = pos
                return e, mention
        if det and det[0] in ("the",) and head.lower_ in lexicon.TITLES:
            e = reg.latest(pos, ("person",))
            if e is not None and e.role and head.lower_ in e.role.lower():
                e.pos = pos
                return e, mention
        if det and det[0] in ("the",) and (head.lower_ in lexicon.PERSON_NOUNS or _aged(head)):
            # "the mother-of-nine", "the 28-year-old runner": news style for the person just named
            e = reg.latest_person(pos)
            if e is not None:
                e.pos = pos
                return e, mention
        name = _text(doc, chain) or head.text
        kind = "organisation" if head.lower_ in lexicon.ORG_WORDS else "person"
        named = _name_before(doc, sub[0])
        if named is not None:
            # "Townsend Thorensen, owners of the ferry, said": the parse lost the name before
            # the description; the name is the speaker, the description its role
            return reg.add(named.text, "organisation" if kind == "organisation" or named[-1].lower_ in lexicon.ORG_WORDS else "person",
                           pos, role=_text(doc, [t for t in sub if not t.is_punct]) or None), (named.start_char, mention[1])
        return reg.add(name, kind, pos), mention
    affiliation = None
    for c in head.children:
        if c.dep_ == "poss":
            aff = [t for t in c.subtree if t.dep_ != "case"]
            affiliation = _text(doc, aff) or None
    role_toks, name_toks = split_role(chain)
    while name_toks and name_toks[0].lower_ in lexicon.HONORIFICS and len(name_toks) > 1:
        name_toks = name_toks[1:]
    if head.ent_type_ == "PERSON" and len(name_toks) > 1:
        # "Northern Ireland man James McIlroy", "Russian Dmitriy Bogdanov": the person's name
        # is the PERSON entity ending at the head; what comes before it describes them
        ent = next((e for e in doc.ents if e.start <= head.i < e.end and e.label_ == "PERSON"), None)
        if ent is not None and ent.end - 1 == head.i and name_toks[0].i < ent.start and len(ent) >= 2:
            role_toks = [t for t in chain if t.i < ent.start]
            name_toks = [t for t in name_toks if t.i >= ent.start]
    while len(name_toks) > 1 and name_toks[0].pos_ == "ADJ" and name_toks[0].dep_ == "amod":
        role_toks, name_toks = [*role_toks, name_toks[0]], name_toks[1:]  # "Russian Dmitriy Bogdanov"
    name = _text(doc, name_toks) or head.text
    role = _text(doc, role_toks) or None
    if role is None and head.pos_ == "PROPN":
        role, affiliation = _appositive_role(doc, head, affiliation)
    e = reg.find(name)
    if e is None and len(name_toks) == 1 and head.lower_ in lexicon.ORG_WORDS and head.text[:1].isupper():
        # "the Bank said": the Reserve Bank of Australia named earlier, speaker or not
        e = reg.latest(pos, ("organisation",), heads=(head.lower_,), strict=True)
        full = None if e is not None else earlier_full_name(doc, head)
        if full:
            e = reg.add(full, "organisation", pos)
        if e is not None:
            e.aliases.append(name)
            e.pos = pos
            return e, mention
    if e is None and len(name_toks) == 1 and head.pos_ == "PROPN":
        # "Mr Khodorkovsky ... he told a Russian court": the "Mikhail Khodorkovsky" the article
        # named first, though not as a speaker.
        full = _earlier_person(doc, head)
        if full:
            e = reg.find(full) or reg.add(full, "person", pos, role=role, affiliation=affiliation)
            e.aliases.append(name)
            e.pos = pos
            return e, mention
    kind = e.kind if e is not None else _kind(doc, reg, head, name, role)
    e = reg.add(name, kind, pos, role=role, affiliation=affiliation)
    if role and e.kind != "person":
        e.kind = "person"
    return e, mention
