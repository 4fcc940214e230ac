"""Provides the shared vocabulary of factdesk: frozen dataclasses, no I/O, no third-party imports.

Every layer speaks in these types. spaCy objects become `Claim`s inside `extraction/`,
SQLite rows become `StoredClaim`s etc. inside `storage/`; neither leaks further.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

Span = tuple[int, int]
"""A half-open character span `(start, end)` into an article's text."""

CLAIM_KINDS = ("direct", "indirect", "mixed", "unattributed", "imported")
"""How a claim is attributed; "imported" claims come from a fact-check archive, not an article."""
SPEAKER_KINDS = ("person", "organisation", "outlet")
STATUSES = ("unverified", "verified", "false", "misleading", "disputed", "unverifiable")
RELATIONS = ("repeat", "updated_figure", "contradiction", "related")
TIERS = ("suggested", "confident")
LINK_DECISIONS = ("open", "confirmed", "rejected")


@dataclass(frozen=True)
class Figure:
    """A number found in a claim, normalised."""

    value: float
    """The number itself; for a vague amount ("hundreds") its low bound."""
    start: int
    """Character offset of the figure's words in the article text."""
    end: int
    text: str
    """The figure's words as written ("4,000", "several hundred", "£1bn"); the hedge stays out."""
    low: float | None = None
    """Low bound of a range or vague amount."""
    high: float | None = None
    """High bound of a range or vague amount."""
    hedge: str | None = None
    """"nearly", "at least", "about", "up to", "some" ... as written, lower-cased."""
    what: str | None = None
    """The thing counted ("French troops", "miners trapped", "killed")."""
    unit: str | None = None
    """"percent", "USD", "GBP", "km", "dlrs" ... or None for a plain count."""

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass(frozen=True)
class Speaker:
    """Who a claim is attributed to, as resolved within one article."""

    name: str
    """Canonical name: "Jean-Yves Le Drian", "Azawad National Liberation Movement"."""
    kind: str = "person"
    """One of SPEAKER_KINDS."""
    role: str | None = None
    """"French Defence Minister"."""
    affiliation: str | None = None
    """"MUJAO" for "MUJAO's Abou Dardar"."""
    aliases: tuple[str, ...] = ()
    """Other names seen for this speaker ("Le Drian", "MNLA")."""


@dataclass(frozen=True)
class Claim:
    """One attributed (or narrative) claim extracted from an article."""

    order: int
    """Position of the claim within its article, from 0."""
    kind: str
    """One of CLAIM_KINDS."""
    text: str
    """The content as written (content spans joined with a space)."""
    content: tuple[Span, ...]
    """Character spans of the content in the article text."""
    speaker: Speaker | None = None
    speaker_mention: Span | None = None
    """Where the speaker is named (or referred to: "he") for this claim."""
    cue: Span | None = None
    """Where the cue ("said", "according to", ":") is."""
    cue_text: str | None = None
    figures: tuple[Figure, ...] = ()

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content) if self.content else 0

    @property
    def end(self) -> int:
        return max(e for _, e in self.content) if self.content else 0


@dataclass(frozen=True)
class Article:
    """An article as read from a file, before it is stored."""

    text: str
    external_id: str | None = None
    """The id given at ingest (file stem, JSONL "id" or --id)."""
    title: str | None = None
    source: str | None = None
    """Outlet: "AFP", "Reuters"."""
    url: str | None = None
    published: str | None = None
    """ISO date or datetime string, as given."""
    path: str | None = None
    """Where the article was read from (for messages only; never reopened)."""

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class StoredArticle:
    """An article as held in the store."""

    id: int
    external_id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    ingested: str
    text: str
    content_hash: str
    claim_count: int = 0


@dataclass(frozen=True)
class StoredSpeaker:
    """A speaker as held in the store (one per real-world person or body)."""

    id: int
    name: str
    kind: str
    role: str | None
    affiliation: str | None
    aliases: tuple[str, ...] = ()
    claim_count: int = 0


@dataclass(frozen=True)
class StoredFigure:
    """A figure as held in the store."""

    id: int
    claim_id: int
    value: float
    low: float | None
    high: float | None
    hedge: str | None
    what: str | None
    unit: str | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class StoredClaim:
    """A claim as held in the store, with its review state."""

    id: int
    article_id: int
    article_external_id: str
    order: int
    kind: str
    text: str
    content: tuple[Span, ...]
    start: int
    end: int
    speaker_id: int | None
    speaker_name: str | None
    speaker_role: str | None
    cue_text: str | None
    cue: Span | None
    speaker_mention: Span | None
    status: str
    note: str | None
    evidence_url: str | None
    published: str | None
    """The article's published date (denormalised for matching and reports)."""
    source: str | None
    """The article's outlet."""
    article_title: str | None = None
    figures: tuple[StoredFigure, ...] = ()
    external_id: str | None = None
    """The id an imported claim had in its archive (None for extracted claims)."""

    @property
    def ref(self) -> str:
        """How the outside world names this claim: its archive id, else its numeric id."""
        return self.external_id or str(self.id)


@dataclass(frozen=True)
class Link:
    """A relation found between a new claim and an earlier one."""

    claim_id: int
    """The newer claim."""
    other_id: int
    """The earlier claim."""
    relation: str
    """One of RELATIONS."""
    score: float
    """0..100."""
    tier: str
    """One of TIERS."""
    explanation: str
    """One line a journalist reads."""
    old_value: float | None = None
    new_value: float | None = None
    id: int | None = None
    decision: str = "open"
    """One of LINK_DECISIONS."""
    created: str | None = None


@dataclass(frozen=True)
class ReviewEntry:
    """One append-only line of the review log."""

    id: int
    claim_id: int
    time: str
    reviewer: str
    field: str
    old: str | None
    new: str | None
    note: str | None = None
    evidence_url: str | None = None
    undoes: int | None = None
    """The id of the entry this one reverses, for undo."""


@dataclass(frozen=True)
class IngestResult:
    """What one ingest run did, for the summary line."""

    articles: int = 0
    claims: int = 0
    speakers: int = 0
    flags: int = 0
    skipped: int = 0
    failed: int = 0
    errors: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class FigureMention:
    """One reported value of a counted thing, with the claim that reported it (figure timeline)."""

    figure: StoredFigure
    claim: StoredClaim


GAP_WORDS = 3
"""A gap between content pieces this short, naming no one, is read with them (a passive cue)."""


def claim_words(text: str, content: tuple[Span, ...], mention: Span | None = None) -> str:
    """A claim's words as a reader reads them: its content pieces joined, and a short gap that
    names no one kept ("they are believed to be holding seven hostages", not "they to be
    holding"); a gap with the speaker in it ("..., Le Drian said, ...") is left out."""
    if not content:
        return ""
    out = text[content[0][0]:content[0][1]]
    for (_, end), (start, stop) in zip(content, content[1:]):
        gap = text[end:start]
        named = mention is not None and mention[0] < start and end < mention[1]
        out += gap if not named and len(gap.split()) <= GAP_WORDS and "\n" not in gap else " "
        out += text[start:stop]
    return out
