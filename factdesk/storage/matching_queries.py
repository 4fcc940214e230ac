"""Provides the store queries claim linking needs beyond the public API; no UI here.

Kept apart from links.py so the matching engineer's needs stay additive.
"""

from __future__ import annotations

from sqlite_utils import Database

from factdesk.storage.claims import fts_query


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


def term_doc_count(db: Database, word: str) -> int:
    """How many claims hold a word (FTS5, stemmed as the index is); 0 for a word with no letters."""
    query = fts_query(word)
    if query is None:
        return 0
    return db.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?", [query]).fetchone()[0]


def claim_count_estimate(db: Database) -> int:
    """The highest claim id: an O(1) stand-in for count(*) on a large store."""
    return db.execute("SELECT coalesce(max(id), 0) FROM claims").fetchone()[0]
