"""Provides `ClaimFeatures`: everything matching compares about one claim, computed once; no UI here.

A stored claim (`StoredClaim`) or a typed query becomes a `ClaimFeatures`; scoring then only
compares features, so ranking a hundred candidates costs a few milliseconds.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from factdesk.matching import text as tx
from factdesk.matching.figure_features import FigureFeatures, figure_features, what_topics
from factdesk.models import StoredClaim

__all__ = ["ClaimFeatures", "FigureFeatures", "build", "from_columns", "from_query", "from_stored", "parse_date",
           "what_topics"]


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
    n_words: int = 0
    initial_names: frozenset[str] = frozenset()
    """Capitalised words opening a sentence: names when the article's story names them too."""
    years: frozenset[int] = frozenset()
    """Years the claim names ("the 2004 Asian tsunami"): the time its figures belong to."""
    background: bool = False
    """The claim tells of another time than its article's ("in 1985", "last September", "a year earlier")."""

    @functools.cached_property
    def core(self) -> str:
        """Processed text without stopwords (claim words, then title words): what a query is compared
        with. Worked out when first asked for: only ranking reads it, linking never does."""
        return " ".join(w for w in f"{self.processed} {self.title}".split() if w not in tx.STOPWORDS)


def parse_date(value: str | None) -> date | None:
    """The date part of an ISO date or datetime string, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
_PAST = re.compile(r"\b(?:last|a) year\b|\ba year (?:ago|earlier)\b|\b(?:\w+ )?years? (?:ago|after|before|earlier)\b"
                   r"|\blast (?:" + "|".join(_MONTH_NAMES) + r")\b|\b(?P<year>(?:19|20)\d\d)\b"
                   r"|\b(?:in|on) (?P<month>" + "|".join(_MONTH_NAMES) + r")\b", re.IGNORECASE)


_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)
_PAST_MONTH = re.compile(r"(?:last|in|on) (?:" + "|".join(_MONTH_NAMES) + ")")


def _may_tell_of_the_past(text: str) -> bool:
    """What every `_PAST` match needs, looked for without it: it is slow (every word may open
    "... years ago"), and four claims in five hold none. Exact for ASCII text, where its case
    rules are lower(); any other text is left to `_PAST`."""
    if not text.isascii():
        return True
    low = text.lower()
    return "year" in low or _YEAR.search(text) is not None or _PAST_MONTH.search(low) is not None


def _background(text: str, published: date | None) -> bool:
    """Whether a claim tells of another time than its article's date (see `ClaimFeatures.background`)."""
    if not _may_tell_of_the_past(text):
        return False
    for m in _PAST.finditer(text):
        word = m.group(0)
        if _SINCE.search(text, max(0, m.start() - 80), m.start()):
            continue  # "troops have deployed since ... on January 11": a count up to now
        if m.group("month"):  # "In February, a quake hit Zarand", "On April 20" in a later month; not "in may"
            if published is not None and m.group("month")[0].isupper() \
                    and _MONTH_NAMES.index(m.group("month").lower()) + 1 != published.month:
                return True
        elif not m.group("year") or (published is not None and int(m.group("year")) != published.year):
            return True
    return False


TEXT_FEATURES_CACHE = 4096
"""Texts whose text-only features are remembered: a claim's candidates are often copies of one
sentence (a wire story reprinted), each stored under its own id, article and date."""


@functools.lru_cache(maxsize=TEXT_FEATURES_CACHE)
def _of_text(text: str) -> tuple:
    """The features of a claim that depend on its text alone, in `ClaimFeatures` order."""
    return (tx.process(text), tx.masked(text), frozenset(tx.content_words(text)), tx.entities(text),
            tx.places(text), tx.negated(text), tx.directions(text), len(tx.words(text)),
            frozenset(int(y) for y in _YEAR.findall(text)), tx.initial_capitals(text))


def build(text: str, *, figures=(), speaker: str | None = None, speaker_id: int | None = None,
          published: str | None = None, title: str | None = None) -> ClaimFeatures:
    """Features of one claim; `figures` are `Figure`s or `StoredFigure`s (duck-typed)."""
    figs = figure_features(text, figures)
    processed, masked, words, entities, places, negated, directions, n_words, years, initial = _of_text(text)
    return ClaimFeatures(
        text=text,
        processed=processed,
        masked=masked,
        words=words,
        entities=entities,
        places=places,
        negated=negated,
        directions=directions,
        figures=figs,
        speaker=speaker.lower().strip() if speaker else None,
        speaker_label=speaker.strip() if speaker else None,
        speaker_id=speaker_id,
        published=parse_date(published),
        title=tx.process(title or ""),
        title_words=frozenset(tx.content_words(title or "")),
        n_words=n_words,
        background=_background(text, parse_date(published)),
        years=years,
        initial_names=initial,
    )


def from_stored(claim: StoredClaim) -> ClaimFeatures:
    """Features of a claim held in the store."""
    return from_columns(claim.text, claim.kind, claim.figures, claim.speaker_id, claim.speaker_name,
                        claim.published, claim.article_title)


def from_columns(text: str, kind: str, figures, speaker_id: int | None, speaker_name: str | None,
                 published: str | None, title: str | None) -> ClaimFeatures:
    """Features of a stored claim from the columns they depend on, without the rest of its row."""
    # A narrative sentence's "speaker" is at most the outlet: it says nothing about who claims it.
    attributed = kind not in ("unattributed", "imported")
    return build(text, figures=figures, speaker=speaker_name if attributed else None,
                 speaker_id=speaker_id if attributed else None, published=published, title=title)


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
