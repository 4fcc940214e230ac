"""Provides the store queries claim linking needs beyond the public API; no UI here.

Kept apart from links.py so the matching engineer's needs stay additive.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlite_utils import Database

from factdesk.storage.claims import fts_query


class Candidate(NamedTuple):
    """A stored claim with the columns its matching features are built from.

    `stamp` lets linking tell whether features it built earlier for this claim id still hold:
    a speaker merge changes it, and so does an id reused after a rolled-back ingest (article,
    order, span, title and date would all have to agree for the same id to be missed).
    """

    id: int
    article_id: int
    stamp: tuple


_STAMP_SQL = """
SELECT c.id, c.article_id, c.ord, c.speaker_id, s.name, c.kind, c.start, c."end", a.title, a.published
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN speakers s ON s.id = c.speaker_id
WHERE c.id IN ({marks})
"""


def stamps(db: Database, claim_ids: list[int]) -> list[Candidate]:
    """`Candidate`s for claim ids, in the order asked for (missing ids skipped)."""
    found = {}
    for i in range(0, len(claim_ids), 500):
        chunk = claim_ids[i:i + 500]
        rows = db.execute(_STAMP_SQL.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
        found.update({r[0]: Candidate(r[0], r[1], tuple(r[1:])) for r in rows})
    return [found[i] for i in claim_ids if i in found]


def _union(words: list[str], select: str, cap: int) -> tuple[list[str], list, list[int]]:
    """One UNION ALL statement running `select` (one MATCH ?, one LIMIT ?) per word."""
    parts, params, index = [], [], []
    for i, word in enumerate(words):
        query = fts_query(word)
        if query is not None:
            parts.append(select.format(k=len(index)))
            params += [query, cap + 1]
            index.append(i)
    return parts, params, index


WORDS_PER_QUERY = 200
"""Words looked up per statement (SQLite allows 500 terms in one compound SELECT)."""


def term_doc_counts(db: Database, words: list[str], cap: int) -> list[int]:
    """`term_doc_count(db, w, cap)` for many words, in one query per WORDS_PER_QUERY words."""
    out = [0] * len(words)
    for at in range(0, len(words), WORDS_PER_QUERY):
        chunk = words[at:at + WORDS_PER_QUERY]
        parts, params, index = _union(chunk, "SELECT {k}, count(*) FROM (SELECT 1 FROM claims_fts "
                                             "WHERE claims_fts MATCH ? LIMIT ?)", cap)
        if parts:
            for k, n in db.execute(" UNION ALL ".join(parts), params).fetchall():
                out[at + index[k]] = n
    return out


def term_postings(db: Database, words: list[str], cap: int) -> list[list[int]]:
    """Claim ids holding each word (FTS5, stemmed as the index is), in one query.

    A "word" of several words ("oil export halt") asks for claims holding all of them.
    At most `cap + 1` ids are read per word: more than `cap` says the word is too common to
    search by, and reading a common word's postings is what makes a query slow on a large store.
    """
    out: list[list[int]] = [[] for _ in words]
    for at in range(0, len(words), WORDS_PER_QUERY):
        chunk = words[at:at + WORDS_PER_QUERY]
        # Newest first: when a common AND query is cut at cap + 1, the recent claims stay.
        parts, params, index = _union(chunk, "SELECT {k}, id FROM (SELECT rowid AS id FROM claims_fts "
                                             "WHERE claims_fts MATCH ? ORDER BY rowid DESC LIMIT ?)", cap)
        if parts:
            for k, cid in db.execute(" UNION ALL ".join(parts), params).fetchall():
                out[at + index[k]].append(cid)
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
