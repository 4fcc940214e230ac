"""Provides the near-duplicate keys table linking reads and writes; no UI here.

The keys themselves are computed by `factdesk.matching.sketch` (storage never interprets
them): rows of (key, claim_id), plus how far claims have been keyed, so claims stored without
linking are keyed later. Kept apart from matching_queries.py so its needs stay additive.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database


def keyed_up_to(db: Database) -> int:
    """The highest claim id whose keys are stored (every lower one is keyed too)."""
    row = db.execute("SELECT up_to FROM claims_keyed WHERE id = 1").fetchone()
    return row[0] if row else 0


def claim_texts_after(db: Database, after: int, limit: int) -> list[tuple[int, str]]:
    """(id, text) of the first `limit` claims with an id above `after`, in id order."""
    return db.execute("SELECT id, text FROM claims WHERE id > ? ORDER BY id LIMIT ?", [after, limit]).fetchall()


def save_near_keys(db: Database, rows: Iterable[tuple[int, int]], up_to: int) -> None:
    """Store (key, claim_id) rows and record that every claim up to `up_to` is keyed.

    Call inside a write transaction: the keys and the mark commit together.
    """
    db.conn.executemany("INSERT OR IGNORE INTO claim_keys (key, claim_id) VALUES (?, ?)", rows)
    db.execute("UPDATE claims_keyed SET up_to = max(up_to, ?) WHERE id = 1", [up_to])


_POSTINGS_SQL = ("SELECT group_concat(claim_id) FROM (SELECT claim_id FROM claim_keys WHERE key = ? "
                 "ORDER BY claim_id DESC LIMIT ?)")


def near_key_postings(db: Database, keys: list[int], cap: int) -> list[list[int]]:
    """Claim ids holding each key, at most `cap` per key: the newest.

    A key of a very common wording ("he added") is held by thousands of claims: the newest
    are the ones a new claim most likely repeats or updates.
    """
    out = []
    for key in keys:
        ids = db.conn.execute(_POSTINGS_SQL, (key, cap)).fetchone()[0]
        out.append(list(map(int, ids.split(","))) if ids else [])
    return out
