"""Provides the one place where SQLite rows become factdesk dataclasses.

No UI here. Nothing outside `storage/` ever sees a row.
"""

from __future__ import annotations

import json

from factdesk.models import (
    Link,
    ReviewEntry,
    StoredArticle,
    StoredClaim,
    StoredFigure,
    StoredSpeaker,
)

CLAIM_SELECT = """
SELECT c.id, c.article_id, a.external_id AS article_external_id, c.ord, c.kind, c.text,
       c.content, c.start, c."end", c.speaker_id, s.name AS speaker_name, s.role AS speaker_role,
       c.cue_text, c.cue_start, c.cue_end, c.mention_start, c.mention_end, c.status, c.note,
       c.evidence_url, a.published, a.source, a.title AS article_title, c.external_id
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN speakers s ON s.id = c.speaker_id
"""
"""Columns `claim_from_row` expects, in order."""


def _span(start, end):
    return (start, end) if start is not None and end is not None else None


def claim_from_row(row, figures: tuple[StoredFigure, ...] = ()) -> StoredClaim:
    """A row of CLAIM_SELECT as a StoredClaim."""
    (cid, article_id, ext_id, order, kind, text, content, start, end, speaker_id, speaker_name,
     speaker_role, cue_text, cue_start, cue_end, m_start, m_end, status, note, evidence,
     published, source, title, external_id) = row
    return StoredClaim(
        id=cid,
        article_id=article_id,
        article_external_id=ext_id,
        order=order,
        kind=kind,
        text=text,
        content=tuple(tuple(span) for span in json.loads(content or "[]")),
        start=start,
        end=end,
        speaker_id=speaker_id,
        speaker_name=speaker_name,
        speaker_role=speaker_role,
        cue_text=cue_text,
        cue=_span(cue_start, cue_end),
        speaker_mention=_span(m_start, m_end),
        status=status,
        note=note,
        evidence_url=evidence,
        published=published,
        source=source,
        article_title=title,
        figures=figures,
        external_id=external_id,
    )


FIGURE_COLUMNS = 'id, claim_id, value, low, high, hedge, what, unit, start, "end", text'


def figure_from_row(row) -> StoredFigure:
    return StoredFigure(*row)


ARTICLE_COLUMNS = (
    "a.id, a.external_id, a.title, a.source, a.url, a.published, a.ingested, a.text, "
    "a.content_hash, (SELECT count(*) FROM claims c WHERE c.article_id = a.id)"
)


def article_from_row(row) -> StoredArticle:
    return StoredArticle(*row)


def speaker_from_row(row, aliases: tuple[str, ...] = ()) -> StoredSpeaker:
    sid, name, kind, role, affiliation, count = row
    return StoredSpeaker(sid, name, kind, role, affiliation, aliases, count)


LINK_COLUMNS = (
    "id, claim_id, other_id, relation, score, tier, explanation, old_value, new_value, "
    "decision, created"
)


def link_from_row(row) -> Link:
    (lid, claim_id, other_id, relation, score, tier, explanation, old_value, new_value,
     decision, created) = row
    return Link(
        claim_id=claim_id,
        other_id=other_id,
        relation=relation,
        score=score,
        tier=tier,
        explanation=explanation or "",
        old_value=old_value,
        new_value=new_value,
        id=lid,
        decision=decision,
        created=created,
    )


REVIEW_COLUMNS = "id, claim_id, time, reviewer, field, old, new, note, evidence_url, undoes"
"""The log columns a ReviewEntry holds (batch stays inside storage)."""


def review_from_row(row) -> ReviewEntry:
    return ReviewEntry(*row)
