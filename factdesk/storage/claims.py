"""Provides reading claims: filtered, searched (FTS5) and paged straight from SQLite.

No UI here. Nothing loads the whole table: every list is a LIMIT/OFFSET page, so the
claims view stays instant on a million-claim store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlite_utils import Database

from factdesk.models import StoredClaim, StoredFigure
from factdesk.storage.converters import (
    CLAIM_SELECT,
    FIGURE_COLUMNS,
    claim_from_row,
    figure_from_row,
)

MAX_QUERY_TERMS = 32
"""More words than this in a search box are dropped: beyond it FTS5 only gets slower."""

_TERM = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str, any_term: bool = False) -> str | None:
    """Turn free text into a safe FTS5 MATCH expression.

    Every word is quoted, so user input can never be FTS5 syntax (`NEAR(`, `"unbalanced`,
    `OR 1=1`). Words are ANDed for a search box, ORed for candidate retrieval.

    Returns:
        The expression, or None when the text has no words.
    """
    terms = _TERM.findall(text or "")[:MAX_QUERY_TERMS]
    if not terms:
        return None
    quoted = [f'"{t}"' for t in terms]
    return (" OR " if any_term else " AND ").join(quoted)


@dataclass(frozen=True)
class ClaimFilter:
    """What a claims list is narrowed to; None means no narrowing."""

    speaker: str | None = None
    """A speaker name or alias (case-insensitive), or a numeric speaker id."""
    status: str | None = None
    article: str | None = None
    """An article's external id or numeric id."""
    kind: str | None = None
    search: str | None = None
    has_figures: bool = False
    flagged: bool = False
    since: str | None = None
    until: str | None = None


SORTS = {
    "newest": "c.id DESC",
    "oldest": "c.id ASC",
    "article": "c.article_id DESC, c.ord ASC",
    "speaker": "s.name COLLATE NOCASE ASC, c.id DESC",
    "status": "c.status ASC, c.id DESC",
}


def _where(db: Database, flt: ClaimFilter) -> tuple[str, list, bool]:
    """SQL conditions for a filter; the bool says the search matched nothing."""
    conds, params = [], []
    if flt.speaker:
        from factdesk.storage.speakers import find_speaker_id  # avoid a cycle at import

        sid = find_speaker_id(db, flt.speaker)
        if sid is None and flt.speaker.isdigit():
            sid = int(flt.speaker)
        if sid is None:
            return "", [], True
        conds.append("c.speaker_id = ?")
        params.append(sid)
    if flt.status:
        conds.append("c.status = ?")
        params.append(flt.status)
    if flt.kind:
        conds.append("c.kind = ?")
        params.append(flt.kind)
    if flt.article:
        conds.append("(a.external_id = ? OR a.id = ?)")
        params += [flt.article, int(flt.article) if flt.article.isdigit() else -1]
    if flt.has_figures:
        conds.append("EXISTS (SELECT 1 FROM figures f WHERE f.claim_id = c.id)")
    if flt.flagged:
        conds.append("EXISTS (SELECT 1 FROM links l WHERE l.claim_id = c.id AND l.decision != 'rejected')")
    if flt.since:
        conds.append("coalesce(a.published, a.ingested) >= ?")
        params.append(flt.since)
    if flt.until:
        # A bare date includes the whole day.
        conds.append("substr(coalesce(a.published, a.ingested), 1, length(?)) <= ?")
        params += [flt.until, flt.until]
    if flt.search is not None:
        query = fts_query(flt.search)
        if query is None:
            return "", [], True
        conds.append("c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)")
        params.append(query)
    return (" WHERE " + " AND ".join(conds)) if conds else "", params, False


def list_claims(db: Database, flt: ClaimFilter = ClaimFilter(), limit: int = 100, offset: int = 0,
                sort: str = "newest", with_figures: bool = True) -> list[StoredClaim]:
    """One page of claims matching a filter."""
    where, params, empty = _where(db, flt)
    if empty:
        return []
    order = SORTS.get(sort, SORTS["newest"])
    rows = db.execute(f"{CLAIM_SELECT}{where} ORDER BY {order} LIMIT ? OFFSET ?",
                      [*params, limit, offset]).fetchall()
    figures = figures_for(db, [r[0] for r in rows]) if with_figures else {}
    return [claim_from_row(r, figures.get(r[0], ())) for r in rows]


def count_claims(db: Database, flt: ClaimFilter = ClaimFilter()) -> int:
    if flt == ClaimFilter(has_figures=True):
        # The common "has figures" view counts straight off the figures index.
        return db.execute("SELECT count(DISTINCT claim_id) FROM figures").fetchone()[0]
    where, params, empty = _where(db, flt)
    if empty:
        return 0
    # Join articles only when a condition reads them: a bare count then stays on the claims index.
    needs_article = "a." in where
    join = " JOIN articles a ON a.id = c.article_id" if needs_article else ""
    return db.execute(f"SELECT count(*) FROM claims c{join}{where}", params).fetchone()[0]


def figures_for(db: Database, claim_ids: list[int]) -> dict[int, tuple[StoredFigure, ...]]:
    """Figures of several claims, keyed by claim id, in text order."""
    out: dict[int, list[StoredFigure]] = {}
    for i in range(0, len(claim_ids), 500):
        chunk = claim_ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            f"SELECT {FIGURE_COLUMNS} FROM figures WHERE claim_id IN ({marks}) ORDER BY claim_id, start",
            chunk,
        ).fetchall()
        for row in rows:
            out.setdefault(row[1], []).append(figure_from_row(row))
    return {k: tuple(v) for k, v in out.items()}


def get_claim(db: Database, claim_id: int) -> StoredClaim | None:
    row = db.execute(CLAIM_SELECT + " WHERE c.id = ?", [claim_id]).fetchone()
    if row is None:
        return None
    return claim_from_row(row, figures_for(db, [claim_id]).get(claim_id, ()))


def get_claims(db: Database, claim_ids: list[int]) -> list[StoredClaim]:
    """Claims by id, in the order asked for (missing ids skipped)."""
    found: dict[int, StoredClaim] = {}
    for i in range(0, len(claim_ids), 500):
        chunk = claim_ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(CLAIM_SELECT + f" WHERE c.id IN ({marks})", chunk).fetchall()
        figs = figures_for(db, [r[0] for r in rows])
        found.update({r[0]: claim_from_row(r, figs.get(r[0], ())) for r in rows})
    return [found[i] for i in claim_ids if i in found]


def claims_for_article(db: Database, article_id: int) -> list[StoredClaim]:
    """Every claim of one article, in text order."""
    return list_claims(db, ClaimFilter(article=str(article_id)), limit=100_000, sort="article")


def fts_candidates(db: Database, text: str, limit: int = 50,
                   exclude_article_id: int | None = None) -> list[tuple[int, float]]:
    """Claim ids most like `text` by FTS5 BM25 (best first), with their bm25 rank.

    Args:
        exclude_article_id: leave out claims of this article (a claim never matches its own story).
    """
    query = fts_query(text, any_term=True)
    if query is None:
        return []
    sql = "SELECT rowid, rank FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?"
    # Over-fetch when excluding, so the limit still holds after the filter.
    fetch = limit * 2 + 20 if exclude_article_id is not None else limit
    rows = db.execute(sql, [query, fetch]).fetchall()
    if exclude_article_id is not None and rows:
        ids = [r[0] for r in rows]
        marks = ",".join("?" * len(ids))
        own = {r[0] for r in db.execute(
            f"SELECT id FROM claims WHERE article_id = ? AND id IN ({marks})",
            [exclude_article_id, *ids]).fetchall()}
        rows = [r for r in rows if r[0] not in own]
    return [(r[0], r[1]) for r in rows[:limit]]
