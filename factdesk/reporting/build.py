"""Provides `build_report`: the report model filled from the store through the storage API only; no UI here.

Claims are read in pages (never the whole table at once); articles, speakers and the earlier
claims that flagged changes point at are looked up once each and cached for the build.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

from sqlite_utils import Database

from factdesk import storage
from factdesk.models import CLAIM_KINDS, RELATIONS, STATUSES, StoredArticle, StoredClaim
from factdesk.reporting.model import (
    GROUPS,
    UNATTRIBUTED,
    ClaimRef,
    Report,
    ReportChange,
    ReportClaim,
    ReportFigure,
    ReportGroup,
    ReportScope,
    ReportSpeaker,
)

PAGE_SIZE = 1000
"""Claims read per query while building a report."""

LINKS_PER_CLAIM = 1000
"""More flagged links than this on one claim is noise; the report shows the newest."""


class _Lookups:
    """Per-build caches, so a speaker quoted 500 times is read once."""

    def __init__(self, db: Database):
        self.db = db
        self.articles: dict[str, StoredArticle | None] = {}
        self.speaker_kinds: dict[int, str] = {}
        self.claims: dict[int, StoredClaim | None] = {}

    def article(self, ref: str) -> StoredArticle | None:
        if ref not in self.articles:
            self.articles[ref] = storage.get_article(self.db, ref)
        return self.articles[ref]

    def speaker_kind(self, speaker_id: int | None) -> str:
        if speaker_id is None:
            return "person"
        if speaker_id not in self.speaker_kinds:
            found = storage.get_speaker(self.db, speaker_id)
            self.speaker_kinds[speaker_id] = found.kind if found else "person"
        return self.speaker_kinds[speaker_id]

    def claim(self, claim_id: int) -> StoredClaim | None:
        if claim_id not in self.claims:
            self.claims[claim_id] = storage.get_claim(self.db, claim_id)
        return self.claims[claim_id]

    def ref(self, claim: StoredClaim) -> ClaimRef:
        article = self.article(claim.article_external_id)
        return ClaimRef(id=claim.id, text=claim.text, speaker=claim.speaker_name,
                        source=claim.source, published=claim.published,
                        article_title=claim.article_title, article_url=article.url if article else None)


def _scope_filter(scope: ReportScope) -> storage.ClaimFilter:
    return storage.ClaimFilter(speaker=scope.speaker, status=scope.status, article=scope.article,
                               since=scope.since, until=scope.until)


def _iter_claims(db: Database, scope: ReportScope):
    flt = _scope_filter(scope)
    offset = 0
    while True:
        page = storage.list_claims(db, flt, limit=PAGE_SIZE, offset=offset, sort="oldest")
        yield from page
        if len(page) < PAGE_SIZE:
            return
        offset += PAGE_SIZE


def _changes(look: _Lookups, claim: StoredClaim) -> tuple[ReportChange, ...]:
    out = []
    look.claims.setdefault(claim.id, claim)
    for link in storage.list_links(look.db, claim_id=claim.id, limit=LINKS_PER_CLAIM):
        if link.decision == "rejected":
            continue
        later, earlier = look.claim(link.claim_id), look.claim(link.other_id)
        if later is None or earlier is None:
            continue
        out.append(ReportChange(
            link_id=link.id, relation=link.relation, decision=link.decision,
            explanation=link.explanation, old_value=link.old_value, new_value=link.new_value,
            earlier=look.ref(earlier), later=look.ref(later),
        ))
    # Oldest link first reads as a story: first the repeat, then the revised figure.
    return tuple(reversed(out))


def _report_claim(look: _Lookups, claim: StoredClaim) -> ReportClaim:
    article = look.article(claim.article_external_id)
    log = storage.history(look.db, claim.id)
    last = log[-1] if log else None
    speaker = None
    if claim.speaker_name:
        speaker = ReportSpeaker(claim.speaker_name, look.speaker_kind(claim.speaker_id), claim.speaker_role)
    return ReportClaim(
        id=claim.id, ref=claim.ref, text=claim.text, kind=claim.kind, status=claim.status,
        note=claim.note, evidence_url=claim.evidence_url, speaker=speaker,
        article_id=claim.article_id, article_ref=claim.article_external_id,
        article_title=claim.article_title, article_url=article.url if article else None,
        source=claim.source, published=claim.published,
        figures=tuple(ReportFigure(f.text, f.value, f.unit, f.what) for f in claim.figures),
        changes=_changes(look, claim),
        reviewed=last.time if last else None, reviewer=last.reviewer if last else None,
    )


def _article_groups(claims: list[ReportClaim]) -> list[ReportGroup]:
    by_article: dict[int, list[ReportClaim]] = {}
    for c in claims:
        by_article.setdefault(c.article_id, []).append(c)
    groups = []
    for items in by_article.values():
        first = items[0]
        subtitle = " · ".join(x for x in (first.source, first.published) if x) or None
        groups.append(ReportGroup(key=first.article_ref, title=first.article_title or first.article_ref,
                                  subtitle=subtitle, url=first.article_url,
                                  claims=tuple(sorted(items, key=lambda c: c.id))))
    # Oldest story first; undated stories last, in the order they were stored.
    groups.sort(key=lambda g: (g.claims[0].published is None, g.claims[0].published or "",
                               g.claims[0].article_id))
    return groups


def _speaker_groups(claims: list[ReportClaim]) -> list[ReportGroup]:
    by_speaker: dict[str, list[ReportClaim]] = {}
    for c in claims:
        by_speaker.setdefault(c.speaker.name if c.speaker else "", []).append(c)
    groups = []
    for name, items in by_speaker.items():
        role = next((c.speaker.role for c in items if c.speaker and c.speaker.role), None)
        items.sort(key=lambda c: (c.published or "", c.article_id, c.id))
        groups.append(ReportGroup(key=name, title=name or UNATTRIBUTED, subtitle=role, url=None,
                                  claims=tuple(items)))
    groups.sort(key=lambda g: (g.key == "", g.key.casefold()))
    return groups


def _counted(counter: Counter, order: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    extra = sorted(k for k in counter if k not in order)
    return tuple((k, counter.get(k, 0)) for k in (*order, *extra))


def build_report(db: Database, scope: ReportScope = ReportScope(),
                 generated: datetime | None = None) -> Report:
    """Read every claim in scope, with its speaker, figures, review log and flagged changes.

    Args:
        db: an open store (storage.open_db).
        scope: the filters and grouping.
        generated: the report's timestamp; now (UTC) by default. Pass one for reproducible output.

    Raises:
        ValueError: for an unknown `scope.group`.
    """
    if scope.group not in GROUPS:
        raise ValueError(f"group must be one of {', '.join(GROUPS)}, not {scope.group!r}")
    look = _Lookups(db)
    claims = [_report_claim(look, c) for c in _iter_claims(db, scope)]
    groups = _article_groups(claims) if scope.group == "article" else _speaker_groups(claims)
    dates = sorted(c.published for c in claims if c.published)
    relations = Counter()
    seen_links = set()
    for c in claims:
        for change in c.changes:
            if (change.link_id, change.relation) not in seen_links:
                seen_links.add((change.link_id, change.relation))
                relations[change.relation] += 1
    return Report(
        scope=scope,
        generated=generated or datetime.now(timezone.utc),
        groups=tuple(groups),
        by_status=_counted(Counter(c.status for c in claims), STATUSES),
        by_kind=_counted(Counter(c.kind for c in claims), CLAIM_KINDS),
        by_relation=_counted(relations, RELATIONS),
        earliest=dates[0] if dates else None,
        latest=dates[-1] if dates else None,
    )
