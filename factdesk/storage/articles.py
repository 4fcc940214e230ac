"""Provides storing an article with its claims, figures and speakers in one transaction.

No UI here. An article is either wholly in the store, with every claim, figure and speaker
it brought, or not at all; a second copy of the same text is recognised and skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlite_utils import Database

from factdesk.models import Article, Claim, StoredArticle
from factdesk.storage.connection import write_transaction
from factdesk.storage.converters import ARTICLE_COLUMNS, article_from_row
from factdesk.storage.speakers import resolve_speaker


@dataclass(frozen=True)
class SavedArticle:
    """What `save_article` wrote."""

    article_id: int
    claim_ids: tuple[int, ...]
    new_speakers: int


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def find_duplicate(db: Database, article: Article) -> StoredArticle | None:
    """The stored article with the same text, if any."""
    row = db.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.content_hash = ?", [article.content_hash]
    ).fetchone()
    return article_from_row(row) if row else None


def _unique_external_id(db: Database, wanted: str) -> str:
    # Two different texts under one id (re-filed story, same file name in two folders):
    # keep both, the later one suffixed, rather than lose either.
    candidate, n = wanted, 1
    while db.execute("SELECT 1 FROM articles WHERE external_id = ?", [candidate]).fetchone():
        n += 1
        candidate = f"{wanted}~{n}"
    return candidate


def save_article(db: Database, article: Article, claims: list[Claim],
                 claim_external_ids: list[str | None] | None = None) -> SavedArticle | None:
    """Store an article and everything extracted from it, atomically.

    Args:
        claim_external_ids: ids the claims had in an imported archive, one per claim.

    Returns:
        What was written, or None when the same text is already stored.
    """
    with write_transaction(db):
        if find_duplicate(db, article):
            return None
        external_id = _unique_external_id(db, article.external_id or article.content_hash[:12])
        cursor = db.execute(
            "INSERT INTO articles (external_id, title, source, url, published, ingested, text, "
            "content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [external_id, article.title, article.source, article.url, article.published,
             now_iso(), article.text, article.content_hash],
        )
        article_id = cursor.lastrowid
        new_speakers = 0
        claim_ids = []
        external_ids = claim_external_ids or [None] * len(claims)
        for claim, claim_external_id in zip(claims, external_ids):
            speaker_id = None
            if claim.speaker is not None:
                speaker_id, created = resolve_speaker(db, claim.speaker)
                new_speakers += created
            claim_ids.append(_insert_claim(db, article_id, claim, speaker_id, claim_external_id))
    return SavedArticle(article_id, tuple(claim_ids), new_speakers)


def _insert_claim(db: Database, article_id: int, claim: Claim, speaker_id: int | None,
                  external_id: str | None = None) -> int:
    cue = claim.cue or (None, None)
    mention = claim.speaker_mention or (None, None)
    cursor = db.execute(
        'INSERT INTO claims (article_id, ord, speaker_id, speaker_as, kind, cue_text, cue_start, '
        'cue_end, mention_start, mention_end, start, "end", content, text, status, external_id) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'unverified', ?)",
        [article_id, claim.order, speaker_id, claim.speaker.name if claim.speaker else None,
         claim.kind, claim.cue_text, cue[0], cue[1], mention[0], mention[1], claim.start,
         claim.end, json.dumps([list(span) for span in claim.content]), claim.text, external_id],
    )
    claim_id = cursor.lastrowid
    for fig in claim.figures:
        db.execute(
            'INSERT INTO figures (claim_id, value, low, high, hedge, what, unit, start, "end", text) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [claim_id, fig.value, fig.low, fig.high, fig.hedge, fig.what, fig.unit, fig.start,
             fig.end, fig.text],
        )
    return claim_id


def list_articles(db: Database, limit: int = 1000, offset: int = 0) -> list[StoredArticle]:
    """Articles, newest published (then newest ingested) first."""
    rows = db.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles a "
        "ORDER BY coalesce(a.published, a.ingested) DESC, a.id DESC LIMIT ? OFFSET ?",
        [limit, offset],
    ).fetchall()
    return [article_from_row(r) for r in rows]


def get_article(db: Database, ref: int | str) -> StoredArticle | None:
    """An article by numeric id or by the external id given at ingest."""
    row = db.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.external_id = ?", [str(ref)]
    ).fetchone()
    if row is None and str(ref).isdigit():
        row = db.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", [int(ref)]).fetchone()
    return article_from_row(row) if row else None


def counts(db: Database) -> dict[str, int]:
    """Sizes of the store, for `doctor` and the summary line."""
    out = {}
    for table in ("articles", "claims", "speakers", "figures", "links", "review_log"):
        out[table] = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return out
