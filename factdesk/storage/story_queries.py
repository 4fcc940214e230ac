"""Provides the store queries story linking needs: article openings, story articles, figure
claims, and the story contexts a connection keeps.

No UI here. Kept apart from matching_queries.py (candidate retrieval by claim wording): these
read whole articles, to tie differently worded claims of one story together.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlite_utils import Database

from factdesk.storage.claims import fts_query
from factdesk.storage.connection import write_transaction

CHUNK = 500
"""Ids per IN (...) list."""


class Opening(NamedTuple):
    """The start of a stored article: what says which story it belongs to."""

    article_id: int
    title: str | None
    published: str | None
    text: str
    """The first `chars` characters of the text."""


def article_openings(db: Database, article_ids: list[int], chars: int) -> list[Opening]:
    """Title, date and the first `chars` characters of each article (missing ids skipped)."""
    out = []
    for i in range(0, len(article_ids), CHUNK):
        chunk = article_ids[i:i + CHUNK]
        rows = db.execute(
            f"SELECT id, title, published, substr(text, 1, ?) FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
            [chars, *chunk]).fetchall()
        out += [Opening(*r) for r in rows]
    return out


KEPT_CONTEXTS = "factdesk_story_contexts"
"""Where a connection keeps story contexts: a TEMP table, its own, gone when it closes. SQLite's
temp store is a file (TEMP_STORE=1, the default build) read through a page cache of bounded
size, so a long ingest keeps every article's context without holding them in memory."""
_CREATE_KEPT = (f"CREATE TEMP TABLE IF NOT EXISTS {KEPT_CONTEXTS} "
                "(article_id INTEGER PRIMARY KEY, packed BLOB NOT NULL)")


def kept_contexts(db: Database, article_ids: list[int]) -> dict[int, bytes]:
    """The contexts this connection kept (`keep_contexts`) of these articles, as they were given."""
    db.execute(_CREATE_KEPT)
    out: dict[int, bytes] = {}
    for i in range(0, len(article_ids), CHUNK):
        chunk = article_ids[i:i + CHUNK]
        out.update(db.execute(f"SELECT article_id, packed FROM temp.{KEPT_CONTEXTS} "
                              f"WHERE article_id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
    return out


def keep_contexts(db: Database, packed: dict[int, bytes]) -> None:
    """Keep articles' contexts (packed by the caller; storage never reads them) for `kept_contexts`.

    They are written in the caller's transaction, if there is one, and roll back with the
    articles it stored.
    """
    with write_transaction(db):
        db.execute(_CREATE_KEPT)
        db.conn.executemany(f"INSERT OR REPLACE INTO temp.{KEPT_CONTEXTS} (article_id, packed) VALUES (?, ?)",
                            list(packed.items()))


def articles_mentioning(db: Database, words: list[str], exclude: int, since: str | None, until: str | None,
                        postings: int, limit: int) -> list[int]:
    """Ids of other articles with a claim holding any of `words` (FTS5), newest first.

    Args:
        exclude: an article id never returned (the article asking).
        since, until: published date bounds (ISO strings); articles with no date always qualify.
        postings: at most this many matching claims are read (the newest), so a common word stays cheap.
        limit: at most this many article ids are returned.
    """
    query = fts_query(" ".join(words), any_term=True)
    if query is None:
        return []
    sql = """
        SELECT a.id FROM articles a
        WHERE a.id IN (SELECT c.article_id FROM claims c WHERE c.id IN (
                SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rowid DESC LIMIT ?))
          AND a.id != ?
          AND (a.published IS NULL OR ? IS NULL OR a.published >= ?)
          AND (a.published IS NULL OR ? IS NULL OR a.published <= ?)
        ORDER BY a.published DESC, a.id DESC LIMIT ?"""
    rows = db.execute(sql, [query, postings, exclude, since, since, until, until, limit]).fetchall()
    return [r[0] for r in rows]


def article_claim_ids(db: Database, article_ids: list[int], limit: int) -> list[int]:
    """Ids of the claims of these articles, those with a stored figure first, at most `limit`.

    Claims without a stored figure are there for the ones that state none ("no one was killed").
    """
    out = []
    for i in range(0, len(article_ids), CHUNK):
        chunk = article_ids[i:i + CHUNK]
        rows = db.execute(
            f"SELECT c.id FROM claims c WHERE c.article_id IN ({','.join('?' * len(chunk))}) "
            "ORDER BY NOT EXISTS (SELECT 1 FROM figures f WHERE f.claim_id = c.id), c.id LIMIT ?",
            [*chunk, limit]).fetchall()
        out += [r[0] for r in rows]
    return out[:limit]


def article_figures(db: Database, article_ids: list[int]) -> dict[int, list[tuple[float, str | None, str | None]]]:
    """(value, unit, what) of every figure in these articles, by article id."""
    out: dict[int, list[tuple[float, str | None, str | None]]] = {a: [] for a in article_ids}
    for i in range(0, len(article_ids), CHUNK):
        chunk = article_ids[i:i + CHUNK]
        rows = db.execute(
            f"SELECT c.article_id, f.value, f.unit, f.what FROM figures f JOIN claims c ON c.id = f.claim_id "
            f"WHERE c.article_id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        for article_id, value, unit, what in rows:
            out[article_id].append((value, unit, what))
    return out
