"""Provides `ClaimFeatures`: everything matching compares about one claim, computed once; no UI here.

A stored claim (`StoredClaim`) or a typed query becomes a `ClaimFeatures`; scoring then only
compares features, so ranking a hundred candidates costs a few milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from factdesk.matching import text as tx
from factdesk.matching.story import GENERIC_NAMES, name_key
from factdesk.models import StoredClaim

YEAR_LOW, YEAR_HIGH = 1900, 2100
"""A bare four-digit number in this range with no counted thing is a year, not a figure."""

NEAR_WORDS = 4
"""Words either side of a figure that say what role it plays, for figures with no counted thing."""
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
    near: frozenset[str] = frozenset()
    """Topic words right around the figure ("tender offer", "stake"): its role in the sentence."""
    low: float | None = None
    high: float | None = None
    side: frozenset[str] = frozenset()
    """Whose count it is, when named ("Iraqis killed", "Iraqi troops suffered 3,000 casualties"):
    demonyms and names, folded (`story.name_key`)."""
    was: float | None = None
    """The value this figure replaces, when the claim says so ("to 92.50 dlrs a share from 80 dlrs")."""


@dataclass(frozen=True)
class ClaimFeatures:
    """What matching compares about one claim."""

    text: str
    processed: str
    masked: str
    """Processed text with every number as one placeholder."""
    words: frozenset[str]
    entities: frozenset[str]
    places: frozenset[str]
    negated: bool
    directions: frozenset[str]
    figures: tuple[FigureFeatures, ...]
    speaker: str | None = None
    """Speaker name, lower-cased."""
    speaker_label: str | None = None
    """Speaker name as written (for explanations)."""
    speaker_id: int | None = None
    published: date | None = None
    title: str = ""
    """Processed article title (context for short claims)."""
    title_words: frozenset[str] = frozenset()
    core: str = ""
    """Processed text without stopwords (claim words, then title words): what a query is compared with."""
    n_words: int = 0


def parse_date(value: str | None) -> date | None:
    """The date part of an ISO date or datetime string, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def what_topics(what: str | None) -> frozenset[str]:
    """Casualty-style topics a counted thing names itself ("people killed" → {"dead"})."""
    return frozenset(_TOPIC_OF[w] for w in tx.words(what or "") if w in _TOPIC_OF)


def _topics_near(claim_text: str, start: int, end: int, what_words: list[str]) -> frozenset[str]:
    near = what_words + tx.words(claim_text[end:])[:TOPIC_WINDOW_WORDS] + tx.words(claim_text[:start])[-2:]
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


def _figure(fig, claim_text: str) -> FigureFeatures | None:
    what = tx.process(fig.what or "")
    if not what and not fig.unit and YEAR_LOW <= fig.value <= YEAR_HIGH and re.fullmatch(r"\d{4}", (fig.text or "").strip()):
        return None
    what_words = tx.words(fig.what or "")
    topics = frozenset(_TOPIC_OF[w] for w in what_words if w in _TOPIC_OF)
    at = claim_text.find(fig.text) if fig.text else -1
    # Only a vague counted thing ("300 people") borrows its topic from the words nearby;
    # "four Iraqi brigades, killed 1,500" must not make the brigades dead.
    if not topics and at >= 0 and (not what_words or set(what_words) <= GENERIC_WHATS):
        topics = _topics_near(claim_text, at, at + len(fig.text), what_words)
    near = frozenset()
    if at >= 0:
        around = tx.words(claim_text[max(0, at - 40):at]) [-NEAR_WORDS:] + tx.words(claim_text[at + len(fig.text):])[:NEAR_WORDS]
        near = frozenset(w for w in around if len(w) > 2 and w not in tx.STOPWORDS and not w[0].isdigit())
    return FigureFeatures(value=float(fig.value), text=fig.text or "", hedge=fig.hedge, unit=fig.unit,
                          what=what, label=(fig.what or "").strip(), topics=topics, low=fig.low,
                          high=fig.high, near=near, side=_side(fig.what or "", claim_text, at) if topics else frozenset())


# "to 92.50 dlrs a share from 80 dlrs", "from 90.25 dlrs to 95 dlrs", "83 pct, up from 54 pct".
_NEW_THEN_OLD = re.compile(r"^[^.;]{0,30}?\b(?:from|form|up from|down from)\s*$", re.IGNORECASE)
_OLD_THEN_NEW = re.compile(r"^[^.;]{0,30}?\bto\s*$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s*$", re.IGNORECASE)


def _explicit_changes(text: str, figs: list[FigureFeatures]) -> tuple[FigureFeatures, ...]:
    """Figures with `was` set where the claim itself states the change between two of them."""
    at = [text.find(f.text) if f.text else -1 for f in figs]
    out = list(figs)
    order = sorted((a, i) for i, a in enumerate(at) if a >= 0)
    for (a, i), (b, j) in zip(order, order[1:]):
        first, second = figs[i], figs[j]
        if (first.unit or None) != (second.unit or None) or first.value == second.value:
            continue
        between = text[a + len(first.text):b]
        if _NEW_THEN_OLD.match(between):
            out[i] = replace(out[i], was=second.value)
        elif _OLD_THEN_NEW.match(between) and _FROM_BEFORE.search(text[max(0, a - 12):a]):
            out[j] = replace(out[j], was=first.value)
    return tuple(out)


def build(text: str, *, figures=(), speaker: str | None = None, speaker_id: int | None = None,
          published: str | None = None, title: str | None = None) -> ClaimFeatures:
    """Features of one claim; `figures` are `Figure`s or `StoredFigure`s (duck-typed)."""
    figs = _explicit_changes(text, [f for f in (_figure(fig, text) for fig in figures) if f is not None])
    figs += tuple(_zero_figures(text))
    ws = tx.content_words(text)
    return ClaimFeatures(
        text=text,
        processed=tx.process(text),
        masked=tx.masked(text),
        words=frozenset(ws),
        entities=tx.entities(text),
        places=tx.places(text),
        negated=tx.negated(text),
        directions=tx.directions(text),
        figures=figs,
        speaker=speaker.lower().strip() if speaker else None,
        speaker_label=speaker.strip() if speaker else None,
        speaker_id=speaker_id,
        published=parse_date(published),
        title=tx.process(title or ""),
        title_words=frozenset(tx.content_words(title or "")),
        core=tx.core(text + " " + (title or "")),
        n_words=len(tx.words(text)),
    )


def from_stored(claim: StoredClaim) -> ClaimFeatures:
    """Features of a claim held in the store."""
    # A narrative sentence's "speaker" is at most the outlet: it says nothing about who claims it.
    attributed = claim.kind not in ("unattributed", "imported")
    return build(claim.text, figures=claim.figures, speaker=claim.speaker_name if attributed else None,
                 speaker_id=claim.speaker_id if attributed else None, published=claim.published,
                 title=claim.article_title)


def from_query(query: str) -> ClaimFeatures:
    """Features of a typed or pasted text (a tweet, a sentence); figures found if figures.py exists."""
    cleaned = tx.clean_query(query)
    return build(cleaned, figures=_find_figures(cleaned))


def _find_figures(text: str):
    try:
        from factdesk.figures import find_figures
    except ImportError:  # the figures module is optional for matching
        return ()
    try:
        return tuple(find_figures(text))
    except Exception:  # noqa: BLE001 - a figure parser bug must not break a search
        return ()
