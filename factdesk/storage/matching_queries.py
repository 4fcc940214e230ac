"""Provides the store queries claim linking needs beyond the public API; no UI here.

Kept apart from links.py so the matching engineer's needs stay additive.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from sqlite_utils import Database

from factdesk.models import StoredFigure
from factdesk.storage.claims import figures_for, fts_query


class Candidate(NamedTuple):
    """A stored claim with the columns its matching features are built from.

    `stamp` lets linking tell whether features it built earlier for this claim id still hold:
    a speaker merge changes it, and so does an id reused after a rolled-back ingest (article,
    order, span, title and date would all have to agree for the same id to be missed).
    """

    id: int
    article_id: int
    stamp: tuple
    text: str = ""
    has_figures: bool = False


_STAMP_SQL = """
SELECT c.id, c.article_id, c.ord, c.speaker_id, s.name, c.kind, c.start, c."end", a.title, a.published,
       c.text, EXISTS (SELECT 1 FROM figures f WHERE f.claim_id = c.id)
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN speakers s ON s.id = c.speaker_id
WHERE c.id IN ({marks})
"""


_HEAD_SQL = """
SELECT c.id, c.article_id, c.ord, c.speaker_id, s.name, c.kind, c.start, c."end"
FROM claims c
LEFT JOIN speakers s ON s.id = c.speaker_id
WHERE c.id IN ({marks})
"""


STAMP_HEAD = 7
"""How many leading `Candidate.stamp` columns `stamp_heads` returns."""


def stamp_heads(db: Database, claim_ids: list[int]) -> dict[int, tuple]:
    """A stamp's claim columns (the first STAMP_HEAD: no article title or date) by claim id.

    Of a stored claim's stamp only the speaker changes (a merge, rename or split), and an id
    reused after a rolled-back ingest comes with another claim's span: these say whether a
    stamp still holds at the cost of a primary-key lookup, without the articles join.
    """
    found = {}
    for i in range(0, len(claim_ids), 500):
        chunk = claim_ids[i:i + 500]
        found.update({r[0]: r[1:] for r in db.execute(_HEAD_SQL.format(marks=",".join("?" * len(chunk))),
                                                       chunk).fetchall()})
    return found


def stamps(db: Database, claim_ids: list[int]) -> list[Candidate]:
    """`Candidate`s for claim ids, with their text, in the order asked for (missing ids skipped)."""
    found = {}
    for i in range(0, len(claim_ids), 500):
        chunk = claim_ids[i:i + 500]
        rows = db.execute(_STAMP_SQL.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
        found.update({r[0]: Candidate(r[0], r[1], tuple(r[1:10]), r[10], bool(r[11])) for r in rows})
    return [found[i] for i in claim_ids if i in found]


def claim_figures(db: Database, claim_ids: list[int]) -> dict[int, tuple[StoredFigure, ...]]:
    """Figures of several claims by claim id, in text order (a claim without any is left out).

    With a `Candidate`'s stamp and text, all its matching features need: linking builds them
    without reading the claims' full rows a second time.
    """
    return figures_for(db, claim_ids) if claim_ids else {}


_COUNT_SQL = "SELECT count(*) FROM (SELECT 1 FROM claims_fts WHERE claims_fts MATCH ? LIMIT ?)"
_POSTINGS_SQL = ("SELECT json_group_array(id) FROM (SELECT rowid AS id FROM claims_fts "
                 "WHERE claims_fts MATCH ? LIMIT ?)")
# One small statement per word, compiled once and reused: a compound SELECT over a hundred
# words costs more to prepare than to run, and its postings would come back one row per id.
# A JSON array, because json.loads reads a thousand ids faster than split and int.


def term_doc_counts(db: Database, words: list[str], cap: int) -> list[int]:
    """`term_doc_count(db, w, cap)` for many words."""
    out = []
    for word in words:
        query = fts_query(word)
        out.append(db.conn.execute(_COUNT_SQL, (query, cap + 1)).fetchone()[0] if query else 0)
    return out


def term_postings(db: Database, words: list[str], cap: int) -> list[list[int]]:
    """Claim ids holding each word (FTS5, stemmed as the index is), in no particular order.

    A "word" of several words ("jean-yves") asks for claims holding all of them.
    At most `cap + 1` ids are read per word: more than `cap` says the word is too common to
    search by, and reading a common word's postings is what makes a query slow on a large store.
    """
    out = []
    for word in words:
        query = fts_query(word)
        out.append(json.loads(db.conn.execute(_POSTINGS_SQL, (query, cap + 1)).fetchone()[0]) if query else [])
    return out


def article_claim_ids(db: Database, article_id: int) -> set[int]:
    """Ids of every claim of one article."""
    return {r[0] for r in db.execute("SELECT id FROM claims WHERE article_id = ?", [article_id]).fetchall()}


def decided_pairs(db: Database, claim_ids: list[int]) -> set[tuple[int, int]]:
    """(claim_id, other_id) pairs, either way round, a journalist confirmed or rejected.

    Linking never re-flags such a pair, whatever relation it would now find.
    """
    out: set[tuple[int, int]] = set()
    for i in range(0, len(claim_ids), 400):
        chunk = claim_ids[i:i + 400]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            f"SELECT claim_id, other_id FROM links WHERE decision != 'open' AND claim_id IN ({marks}) "
            f"UNION SELECT claim_id, other_id FROM links WHERE decision != 'open' AND other_id IN ({marks})",
            [*chunk, *chunk],
        ).fetchall()
        for a, b in rows:
            out.add((a, b))
            out.add((b, a))
    return out


_TITLE_SQL = """
WITH top AS (SELECT rowid AS article_id, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?)
SELECT c.id, top.rank FROM top JOIN claims c ON c.article_id = top.article_id ORDER BY top.rank, c.ord LIMIT ?
"""


def title_candidates(db: Database, text: str, limit: int = 100) -> list[tuple[int, float]]:
    """Claims of the articles whose titles are most like `text` by FTS5 BM25 (best first),
    with their title's bm25 rank; at most `limit` claims."""
    query = fts_query(text, any_term=True)
    if query is None:
        return []
    return [(r[0], r[1]) for r in db.execute(_TITLE_SQL, [query, limit, limit]).fetchall()]


def term_doc_count(db: Database, word: str, cap: int | None = None) -> int:
    """How many claims hold a word (FTS5, stemmed as the index is); 0 for a word with no letters.

    Args:
        cap: stop counting past this many (returns cap + 1). Counting a common word's postings
            costs as much through `claims_fts_terms` (fts5vocab walks the doclist) as through
            MATCH; a capped count costs at most `cap` postings, and callers only need to know
            whether a word is rare.
    """
    query = fts_query(word)
    if query is None:
        return 0
    if cap is None:
        return db.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?", [query]).fetchone()[0]
    return db.execute("SELECT count(*) FROM (SELECT 1 FROM claims_fts WHERE claims_fts MATCH ? LIMIT ?)",
                      [query, cap + 1]).fetchone()[0]


def claim_count_estimate(db: Database) -> int:
    """The highest claim id: an O(1) stand-in for count(*) on a large store."""
    return db.execute("SELECT coalesce(max(id), 0) FROM claims").fetchone()[0]
