"""Provides the word counts table candidate retrieval reads and linking writes; no UI here.

The words are chosen by `factdesk.matching.text.whole_words` (storage never interprets them):
rows of (word, claims holding it), plus how far claims have been counted, so claims stored
without linking are counted later. Claims are never deleted, so a count only grows.
"""

from __future__ import annotations

from collections import Counter

from sqlite_utils import Database

CHUNK = 500
"""Words per IN (...) list."""


def words_counted_up_to(db: Database) -> int:
    """The highest claim id whose words are counted (every lower one is counted too)."""
    row = db.execute("SELECT words_up_to FROM claims_keyed WHERE id = 1").fetchone()
    return row[0] if row else 0


def add_word_counts(db: Database, counts: Counter, up_to: int) -> None:
    """Add the claims holding each word, and record that every claim up to `up_to` is counted.

    Call inside a write transaction: the counts and the mark commit together.
    """
    db.conn.executemany("INSERT INTO word_counts (word, claims) VALUES (?, ?) "
                        "ON CONFLICT (word) DO UPDATE SET claims = claims + excluded.claims",
                        sorted(counts.items()))
    db.execute("UPDATE claims_keyed SET words_up_to = max(words_up_to, ?) WHERE id = 1", [up_to])


def word_counts(db: Database, words: list[str]) -> dict[str, int]:
    """How many counted claims hold each word (words no counted claim holds are left out)."""
    out: dict[str, int] = {}
    for i in range(0, len(words), CHUNK):
        chunk = words[i:i + CHUNK]
        out.update(db.execute(f"SELECT word, claims FROM word_counts WHERE word IN ({','.join('?' * len(chunk))})",
                              chunk).fetchall())
    return out
