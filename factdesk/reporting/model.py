"""Provides the shared report model: one frozen dataclass tree that every format renders; no UI here.

`build_report` (reporting/build.py) fills it from the store; each format module only reads it.
Text in the model is stored as found (untrusted); every renderer cleans and escapes on output.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

GROUPS = ("article", "speaker")
"""How claims are grouped in a report."""

STATUS_LABELS = {
    "unverified": "Unverified",
    "verified": "Verified",
    "false": "False",
    "misleading": "Misleading",
    "disputed": "Disputed",
    "unverifiable": "Unverifiable",
}
"""The verdict as a reader sees it, per status."""

RELATION_LABELS = {
    "updated_figure": "Updated figure",
    "contradiction": "Contradiction",
    "repeat": "Repeat",
    "related": "Related",
}
"""How each kind of flagged change is named in a report."""

DECISION_LABELS = {"open": "not yet confirmed", "confirmed": "confirmed by a reviewer"}
"""How a flagged change's review state reads in a report (rejected ones are never shown)."""

UNATTRIBUTED = "Unattributed"
"""Group title for claims with no speaker, when grouping by speaker."""


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status.replace("_", " ").capitalize())


def decision_label(decision: str) -> str:
    return DECISION_LABELS.get(decision, decision)


def relation_label(relation: str) -> str:
    return RELATION_LABELS.get(relation, relation.replace("_", " ").capitalize())


@dataclass(frozen=True)
class ReportScope:
    """What a report covers; None means no narrowing."""

    article: str | None = None
    """An article's external id or numeric id."""
    speaker: str | None = None
    """A speaker name, alias or numeric id."""
    status: str | None = None
    since: str | None = None
    """ISO date (or datetime): articles published on or after it."""
    until: str | None = None
    """ISO date (or datetime): articles published on or before it (a bare date includes the day)."""
    group: str = "article"
    """One of GROUPS."""

    def describe(self) -> str:
        """One line naming the filters, e.g. "speaker Le Drian, status false"; "all claims" if none."""
        parts = [f"{name} {value}" for name, value in
                 (("article", self.article), ("speaker", self.speaker), ("status", self.status),
                  ("since", self.since), ("until", self.until)) if value]
        return ", ".join(parts) if parts else "all claims"


@dataclass(frozen=True)
class ReportSpeaker:
    name: str
    kind: str = "person"
    """One of models.SPEAKER_KINDS."""
    role: str | None = None


@dataclass(frozen=True)
class ReportFigure:
    text: str
    """As written: "nearly 4,000"."""
    value: float
    unit: str | None = None
    what: str | None = None
    """The thing counted: "French troops"."""


@dataclass(frozen=True)
class ClaimRef:
    """One side of a flagged change: enough to cite the claim without looking it up."""

    id: int
    text: str
    speaker: str | None
    source: str | None
    published: str | None
    article_title: str | None
    article_url: str | None


@dataclass(frozen=True)
class ReportChange:
    """A flagged link between an earlier and a later claim (never a rejected one)."""

    link_id: int | None
    relation: str
    """One of models.RELATIONS."""
    decision: str
    """"open" or "confirmed"."""
    explanation: str
    old_value: float | None
    new_value: float | None
    earlier: ClaimRef
    later: ClaimRef


@dataclass(frozen=True)
class ReportClaim:
    id: int
    ref: str
    """How the outside world names the claim (archive id, else the numeric id)."""
    text: str
    kind: str
    status: str
    note: str | None
    evidence_url: str | None
    speaker: ReportSpeaker | None
    article_id: int
    article_ref: str
    article_title: str | None
    article_url: str | None
    source: str | None
    published: str | None
    figures: tuple[ReportFigure, ...] = ()
    changes: tuple[ReportChange, ...] = ()
    reviewed: str | None = None
    """Time of the latest review-log entry, ISO; None if never reviewed."""
    reviewer: str | None = None
    """Who wrote that entry."""

    @property
    def status_label(self) -> str:
        return status_label(self.status)


@dataclass(frozen=True)
class ReportGroup:
    """Claims of one article (or one speaker), in reading order."""

    key: str
    """Article ref or speaker name; "" for unattributed claims."""
    title: str
    subtitle: str | None
    """"AFP · 2013-02-10" for an article, the role for a speaker."""
    url: str | None
    claims: tuple[ReportClaim, ...]


@dataclass(frozen=True)
class Report:
    scope: ReportScope
    generated: datetime
    groups: tuple[ReportGroup, ...]
    by_status: tuple[tuple[str, int], ...]
    """(status, count) for every status, in models.STATUSES order."""
    by_kind: tuple[tuple[str, int], ...]
    """(claim kind, count) for every kind, in models.CLAIM_KINDS order."""
    by_relation: tuple[tuple[str, int], ...]
    """(relation, distinct flagged changes) in models.RELATIONS order."""
    earliest: str | None = None
    """Earliest article publication date among the claims."""
    latest: str | None = None

    @property
    def claims(self) -> tuple[ReportClaim, ...]:
        """Every claim, in report order."""
        return tuple(c for g in self.groups for c in g.claims)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.by_status)

    @property
    def date_range(self) -> str:
        """"2013-02-06 to 2013-02-18", one date when they agree, "—" when nothing is dated."""
        if not self.earliest:
            return "—"
        return self.earliest if self.earliest == self.latest else f"{self.earliest} to {self.latest}"

    @property
    def generated_iso(self) -> str:
        return self.generated.isoformat(timespec="seconds")


def human_time(value: str | datetime | None) -> str:
    """An ISO time as a reader wants it: "2013-02-20 10:00 UTC"; unparseable text is returned as is."""
    if value is None:
        return ""
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def format_number(value: float | None) -> str:
    """4000.0 → "4,000"; 3.5 → "3.5"; None → "?"."""
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.10g}"


def change_summary(change: ReportChange) -> str:
    """"Updated figure: 4,000 → 3,500" or just the relation label when no figures moved."""
    label = relation_label(change.relation)
    if change.old_value is None and change.new_value is None:
        return label
    return f"{label}: {format_number(change.old_value)} → {format_number(change.new_value)}"
