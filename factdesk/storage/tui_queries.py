"""Provides the read-only queries the review session needs beyond the core API.

No UI here. Figure timelines ("every value reported for French troops, over time"),
counted things, and a speaker's claims in publication order. Every query is bound
and limited, so they stay fast on a large store.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from factdesk.models import FigureMention, StoredClaim
from factdesk.storage.claims import figures_for, get_claims
from factdesk.storage.converters import CLAIM_SELECT, FIGURE_COLUMNS, claim_from_row, figure_from_row

TIMELINE_LIMIT = 500
"""A timeline longer than this is cut (oldest kept); nobody reads 500 values on a screen."""


def _contains(column: str) -> str:
    """Case-insensitive (ASCII, like LIKE) substring test. instr, not LIKE: no pattern syntax
    to escape and no 50,000-byte pattern limit for a pasted search."""
    return f"instr(lower({column}), lower(?)) > 0"


def counted_things(db: Database, search: str | None = None, limit: int = 200) -> list[tuple[str, int]]:
    """Distinct counted things (figures' `what`) with how many figures report them, most first."""
    sql = "SELECT what, count(*) FROM figures WHERE what IS NOT NULL AND what != ''"
    params: list = []
    if search:
        sql += " AND " + _contains("what")
        params.append(search)
    sql += " GROUP BY what COLLATE NOCASE ORDER BY 2 DESC, 1 LIMIT ?"
    params.append(limit)
    return [(r[0], r[1]) for r in db.execute(sql, params).fetchall()]


def figure_timeline(db: Database, what: str, limit: int = TIMELINE_LIMIT) -> list[FigureMention]:
    """Every value reported for a counted thing (`what` containing `what`, any case), oldest published first."""
    rows = db.execute(
        f"SELECT {', '.join('f.' + c.strip() for c in FIGURE_COLUMNS.split(','))} "
        "FROM figures f JOIN claims c ON c.id = f.claim_id JOIN articles a ON a.id = c.article_id "
        f"WHERE {_contains('f.what')} "
        "ORDER BY coalesce(a.published, a.ingested), c.id, f.start LIMIT ?",
        [what, limit],
    ).fetchall()
    figures = [figure_from_row(r) for r in rows]
    claims = {c.id: c for c in get_claims(db, sorted({f.claim_id for f in figures}))}
    return [FigureMention(f, claims[f.claim_id]) for f in figures if f.claim_id in claims]


def speaker_timeline(db: Database, speaker_id: int, limit: int = TIMELINE_LIMIT) -> list[StoredClaim]:
    """A speaker's claims, oldest published first (article order within an article)."""
    rows = db.execute(
        CLAIM_SELECT + " WHERE c.speaker_id = ? "
        "ORDER BY coalesce(a.published, a.ingested), c.article_id, c.ord LIMIT ?",
        [speaker_id, limit],
    ).fetchall()
    figs = figures_for(db, [r[0] for r in rows])
    return [claim_from_row(r, figs.get(r[0], ())) for r in rows]


def database_file(db: Database) -> Path | None:
    """The file behind an open store (for a worker's own connection); None in memory."""
    row = db.execute("PRAGMA database_list").fetchone()
    return Path(row[2]) if row and row[2] else None


def ingested_dates(db: Database, article_ids: list[int]) -> dict[int, str]:
    """When each article was ingested (ISO), for rows whose article has no published date."""
    out: dict[int, str] = {}
    ids = sorted(set(article_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        rows = db.execute(f"SELECT id, ingested FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                          chunk).fetchall()
        out.update({r[0]: r[1] for r in rows if r[1]})
    return out
