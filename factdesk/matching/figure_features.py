"""Provides `FigureFeatures`: one figure of a claim made comparable; no UI here.

What it counts (the counted thing, casualty topics, whose count it is), the words that say
what an amount is for (its role), and how the claim uses it (a stated change, a comparison,
an increment). Plain regular expressions over the claim text; `features` builds these for
every figure of a claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from factdesk.matching import text as tx
from factdesk.matching.story import GENERIC_NAMES, name_key, stem

YEAR_LOW, YEAR_HIGH = 1900, 2100
"""A bare four-digit number in this range with no counted thing is a year, not a figure."""

ROLE_WORDS = 7
"""Words either side of a figure read for its `role`."""
ROLE_SYNONYMS = {
    "ownership": "stake", "holding": "stake", "holdings": "stake", "holds": "stake", "held": "stake",
    "owns": "stake", "owned": "stake", "acquisition": "stake", "acquired": "stake", "stake": "stake",
    "costs": "cost", "costing": "cost", "lost": "loss", "losses": "loss", "lose": "loss",
    "damages": "damage", "damaged": "damage", "repairing": "repair", "repaired": "repair",
    "revenues": "revenue", "offered": "offer", "offering": "offer", "bid": "offer", "tendered": "tender",
    "pumping": "pump", "pumped": "pump", "exporting": "export", "exported": "export", "exports": "export",
    "lend": "loan", "lending": "loan", "lent": "loan", "loans": "loan", "importing": "import", "imports": "import",
    "conditioned": "condition", "conditions": "condition",
    "falling": "fall", "fell": "fall", "falls": "fall", "slipped": "fall", "plunged": "fall",
    "prices": "price", "priced": "price", "pricing": "price",
}
"""Words naming the same role of an amount ("22 pct ownership" ~ "holdings ... 83 pct")."""
ROLE_GENERIC = frozenset("""
share shares stock stocks common outstanding pct percent cent dlrs dlr dollars mln billion bln million
bpd barrels barrel total about some nearly around least company corp inc group close almost estimated
over under just more than only days day weeks week months month years year hours
""".split())
"""Words around an amount that say nothing of its role."""
_PER_SHARE = re.compile(r"^\s*(?:a|per)\s+share\b|^\s*each\b", re.IGNORECASE)
TOPIC_WINDOW_WORDS = 6
"""How many words after a figure are read to find what it counts ("six people [were killed]")."""

# The counted thing is often a generic noun ("people"); the verb near it says what happened.
TOPICS = {
    "dead": ("dead", "died", "die", "dies", "killed", "kill", "kills", "killing", "deaths", "death",
             "lives", "fatalities", "bodies", "toll", "perished", "drowned"),
    "injured": ("injured", "wounded", "hurt", "injuries"),
    "casualties": ("casualties",),
    "missing": ("missing", "unaccounted", "disappear", "disappeared", "trapped"),
    "homeless": ("homeless", "displaced", "evacuated", "refugees"),
    "rescued": ("rescued", "saved", "safety", "survivors"),
    "arrested": ("arrested", "detained", "arrests", "captured", "prisoners"),
    "aboard": ("aboard", "carrying", "passengers", "onboard"),
}
_TOPIC_OF = {w: topic for topic, ws in TOPICS.items() for w in ws}

SIDE_WINDOW_WORDS = 3
"""Words before a count with no named group that may name whose count it is ("Iraqi troops suffered")."""
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:i|ian|ians|ean|eans|ese|ish|an|ans)$")

GENERIC_WHATS = frozenset({"people", "persons", "person", "men", "women", "others", "civilians", "those",
                           "passengers", "crew", "and",
                           "residents", "villagers"})
"""Counted things that say nothing alone: what happened to them is read from the words nearby."""

# "No one was killed" states a figure: zero dead. It is what contradicts "12 people were killed".
_ZERO = re.compile(r"\b(?:no one|nobody|none|no (?:\w+ )?(?:people|person|civilians|casualties|"
                   r"deaths|injuries|lives|one|troops|soldiers))\b", re.IGNORECASE)


@dataclass(frozen=True)
class FigureFeatures:
    """One figure of a claim, with what it counts reduced to a comparable key."""

    value: float
    text: str
    hedge: str | None
    unit: str | None
    what: str
    """The counted thing, processed ("french troops"), or "" when unknown."""
    topics: frozenset[str]
    """Casualty-style topics near the figure ("dead", "injured") from TOPICS."""
    label: str = ""
    """The counted thing as written, for explanations ("French troops")."""
    role: frozenset[str] = frozenset()
    """Stemmed lower-case words around the figure and in its counted thing, names and generic
    words left out, synonyms folded (ROLE_SYNONYMS): what an amount is ("cost", "repair", "stake")."""
    """Topic words right around the figure ("tender offer", "stake"): its role in the sentence."""
    low: float | None = None
    high: float | None = None
    side: frozenset[str] = frozenset()
    """Whose count it is, when named ("Iraqis killed", "Iraqi troops suffered 3,000 casualties"):
    demonyms and names, folded (`story.name_key`)."""
    was: float | None = None
    """The value this figure replaces, when the claim says so ("to 92.50 dlrs a share from 80 dlrs")."""
    subgroup: bool = False
    """It counts part of a toll by who they were ("six children", "two women"): see SUBGROUPS."""
    increment: bool = False
    """A count of more on top of others ("at least another 20 dead", "a further 856 rescued"), not a total."""
    compared: bool = False
    """A figure given for comparison ("vs loss 1.05 dlrs", "against 108,514 tonnes a year earlier",
    "from 80 dlrs"): an earlier period's or the old value, never the same quantity as a current one."""


def what_topics(what: str | None) -> frozenset[str]:
    """Casualty-style topics a counted thing names itself ("people killed" → {"dead"})."""
    return _topics(frozenset(_TOPIC_OF[w] for w in tx.words(what or "") if w in _TOPIC_OF))


def _topics_near(claim_text: str, start: int, end: int, what_words: list[str]) -> frozenset[str]:
    after = tx.words(claim_text[end:])[:TOPIC_WINDOW_WORDS]
    # "bringing the confirmed death toll from the disaster to 11": nothing after says what it counts.
    before = tx.words(claim_text[:start])[-(TOPIC_WINDOW_WORDS if not after else 2):]
    near = what_words + after + before
    return frozenset(_TOPIC_OF[w] for w in near if w in _TOPIC_OF)


def _zero_figures(claim_text: str) -> list[FigureFeatures]:
    out = []
    for m in _ZERO.finditer(claim_text):
        topics = _topics_near(claim_text, m.start(), m.end(), tx.words(m.group(0)))
        if topics:
            out.append(FigureFeatures(value=0.0, text=m.group(0), hedge=None, unit=None, what="",
                                      topics=topics))
    return out


def _side(label: str, claim_text: str, at: int) -> frozenset[str]:
    """Whose count a figure is: names in its counted thing, else a demonym just before it, unless
    a verb stands between ("Iraqi forces killed 300": the Iraqis are the killers)."""
    named = frozenset(name_key(w.lower()) for w in re.findall(r"[A-Z][a-zA-Z'’\-]+", label)
                      if w.lower() not in GENERIC_NAMES)
    if named or at < 0:
        return named
    before = re.findall(r"[A-Za-z][A-Za-z'’\-]*", claim_text[max(0, at - 60):at])[-SIDE_WINDOW_WORDS:]
    if any(w.lower() in _TOPIC_OF for w in before):
        return frozenset()
    return frozenset(name_key(w.lower()) for w in before if _DEMONYM.fullmatch(w))


_COMPARED = re.compile(r"\b(?:vs\.?|versus|against|compared (?:with|to)|from|form)\s+(?:[a-z]+\s+){0,2}"
                       r"(?:about|some|nearly|around|an? )?\s*[$£€]?$", re.IGNORECASE)


_INCREMENT = re.compile(r"\b(?:another|further|additional|extra)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
_OTHERS_AFTER = re.compile(r"^\s+(?:other|others|more)\b", re.IGNORECASE)
SUBGROUPS = frozenset("""
women woman children child girls girl boys boy babies baby infants students pupils schoolchildren
teenagers elderly pilgrims tourists foreigners
""".split())
"""Counted nouns that name part of a toll ("six children killed" in a quake that killed 24)."""
_OUTCOME_TOPICS = frozenset({"dead", "injured", "casualties", "missing", "homeless", "rescued", "arrested"})


def _topics(topics: frozenset[str]) -> frozenset[str]:
    """"Passengers" say aboard, unless an outcome says what became of them ("passengers trapped")."""
    return topics - {"aboard"} if topics & _OUTCOME_TOPICS else topics


def _role(claim_text: str, at: int, fig) -> frozenset[str]:
    """The words that say what an amount is (see `FigureFeatures.role`)."""
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]*", fig.what or "")
    end = at + len(fig.text or "")
    if at >= 0:
        words += re.findall(r"[A-Za-z][A-Za-z'’\-]*", claim_text[max(0, at - 60):at])[-ROLE_WORDS:]
        words += re.findall(r"[A-Za-z][A-Za-z'’\-]*", claim_text[end:end + 60])[:ROLE_WORDS]
    words = [re.sub(r"['’]s?$", "", w) for w in words]
    out = {ROLE_SYNONYMS.get(w, stem(w)) for w in words
           if w.islower() and len(w) > 2 and w not in tx.STOPWORDS and w not in ROLE_GENERIC}
    if at >= 0 and fig.unit and _PER_SHARE.match(claim_text[end:]):
        out.add("per-share")
    return frozenset(out)


def _figure(fig, claim_text: str) -> FigureFeatures | None:
    what = tx.process(fig.what or "")
    if not what and not fig.unit and YEAR_LOW <= fig.value <= YEAR_HIGH \
            and re.fullmatch(r"\d{4}", (fig.text or "").strip()):
        return None
    what_words = tx.words(fig.what or "")
    topics = frozenset(_TOPIC_OF[w] for w in what_words if w in _TOPIC_OF)
    at = claim_text.find(fig.text) if fig.text else -1
    end = at + len(fig.text or "")
    # Only a vague counted thing ("300 people") borrows its topic from the words nearby;
    # "four Iraqi brigades, killed 1,500" must not make the brigades dead. "350 passengers were
    # plucked to safety": the passengers are rescued, not just aboard.
    if at >= 0 and (not what_words or set(what_words) <= GENERIC_WHATS) and (not topics or topics == {"aboard"}):
        topics = topics | _topics_near(claim_text, at, end, what_words)
    if "missing" in topics and "bodies" in what_words:
        topics = frozenset({"missing"})  # "80 bodies still trapped": the recovery count, not the toll
    topics = _topics(topics)
    return FigureFeatures(
        value=float(fig.value), text=fig.text or "", hedge=fig.hedge, unit=fig.unit, what=what,
        label=(fig.what or "").strip(), topics=topics, low=fig.low, high=fig.high,
        role=_role(claim_text, at, fig),
        side=_side(fig.what or "", claim_text, at) if topics else frozenset(),
        subgroup=bool(set(what_words) & SUBGROUPS),
        compared=at >= 0 and bool(_COMPARED.search(claim_text[max(0, at - 25):at])),
        increment=at >= 0 and bool(_INCREMENT.search(claim_text[max(0, at - 30):at])
                                   or _OTHERS_AFTER.match(claim_text[end:])),
    )


# "to 92.50 dlrs a share from 80 dlrs", "from 90.25 dlrs to 95 dlrs", "83 pct, up from 54 pct".
_NEW_THEN_OLD = re.compile(r"^[^.;]{0,30}?\b(?:from|form|up from|down from)\s*$", re.IGNORECASE)
_OLD_THEN_NEW = re.compile(r"^[^.;]{0,30}?\bto\s*$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s*$", re.IGNORECASE)


_PARTS = re.compile(r"^\s+[a-z]+(?:\s+[a-z]+)?\s+and\s+$")
"""Between two counts of one toll told in parts: "two women and one man died"."""


def _explicit_changes(text: str, figs: list[FigureFeatures]) -> tuple[FigureFeatures, ...]:
    """Figures with `was` set where the claim itself states the change between two of them, and
    `subgroup` where it tells one toll in parts."""
    at = [text.find(f.text) if f.text else -1 for f in figs]
    out = list(figs)
    order = sorted((a, i) for i, a in enumerate(at) if a >= 0)
    for (a, i), (b, j) in zip(order, order[1:]):
        first, second = figs[i], figs[j]
        if first.topics and first.topics == second.topics and _PARTS.match(text[a + len(first.text):b]) \
                and first.what != second.what:
            out[i], out[j] = replace(out[i], subgroup=True), replace(out[j], subgroup=True)
            continue
        if (first.unit or None) != (second.unit or None) or first.value == second.value:
            continue
        between = text[a + len(first.text):b]
        if _NEW_THEN_OLD.match(between):
            out[i] = replace(out[i], was=second.value)
        elif _OLD_THEN_NEW.match(between) and _FROM_BEFORE.search(text[max(0, a - 12):a]):
            out[j] = replace(out[j], was=first.value)
    return tuple(out)


def states_zero(text: str) -> bool:
    """Whether a claim says none were hurt ("no one was killed"): a figure, though no digit shows."""
    return any(_zero_figures(text))


def figure_features(text: str, figures) -> tuple[FigureFeatures, ...]:
    """Features of a claim's figures (`Figure`s or `StoredFigure`s, duck-typed), plus the zero
    counts its words state ("no one was killed")."""
    figs = _explicit_changes(text, [f for f in (_figure(fig, text) for fig in figures) if f is not None])
    return figs + tuple(_zero_figures(text))
