"""Provides linking new claims to what the store already holds, and `factdesk match`; no UI here.

The glue between `storage` (BM25 candidates from FTS5, claims, links) and `matching` (pure
scoring). Per claim it reads at most CANDIDATES claims, so its cost does not grow with the store.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator

from sqlite_utils import Database

from factdesk import storage
from factdesk.matching import classify, classify_all, from_query, from_stored, query_terms, rank
from factdesk.matching.features import ClaimFeatures
from factdesk.matching.relations import may_relate
from factdesk.matching.text import masked
from factdesk.models import Link, StoredClaim
from factdesk.storage.matching_queries import claim_count_estimate, decided_pairs, term_doc_count

CANDIDATES = 50
"""BM25 candidates scored per new claim."""
QUERY_CANDIDATES = 100
"""BM25 candidates re-ranked per `match` query (recall matters more than speed there)."""
LINK_QUERY_TERMS = 16
"""Words of a new claim considered for FTS5 (names and numbers first)."""
LINK_SEARCH_TERMS = 6
"""Of those, the rarest this many are OR-ed: BM25 cost grows with every posting it scores."""
COMMON_TERM_DOCS = 2000
"""A word in more claims than this (or COMMON_TERM_SHARE of them) is too common to search by..."""
COMMON_TERM_SHARE = 0.002
"""...on a large store; near-duplicates always share rarer words. Small stores keep every word."""
SMALL_STORE = 100_000
"""Below this many claims BM25 over every word of a claim is fast enough: no word is dropped."""
DF_CACHE_SIZE = 200_000
"""Word document counts remembered per store (they only drift as the store grows)."""
_df_caches: "weakref.WeakKeyDictionary[Database, dict[str, int]]" = weakref.WeakKeyDictionary()
MATCH_QUERY_TERMS = 32
"""Words of a `match` query sent to FTS5 (a pasted tweet is long and chatty)."""


def _newer_first(a: StoredClaim, b: StoredClaim) -> tuple[StoredClaim, StoredClaim]:
    """The later claim by article date, then by ingest order."""
    da, db_ = (a.published or "")[:19], (b.published or "")[:19]
    if da and db_ and da != db_:
        return (a, b) if da > db_ else (b, a)
    return (a, b) if a.id > b.id else (b, a)


def _query_text(text: str, max_terms: int = LINK_QUERY_TERMS) -> str:
    return " ".join(query_terms(text, max_terms))


def _link_query(db: Database, text: str) -> str:
    """The rarest words of a claim, leaving out words too common to narrow a large store."""
    words = query_terms(text, LINK_QUERY_TERMS)
    size = claim_count_estimate(db)
    if size < SMALL_STORE:
        return " ".join(words)
    cache = _df_caches.setdefault(db, {})
    if len(cache) > DF_CACHE_SIZE:
        cache.clear()
    for w in words:
        if w not in cache:
            cache[w] = term_doc_count(db, w)
    cap = max(COMMON_TERM_DOCS, COMMON_TERM_SHARE * size)
    by_rarity = sorted((w for w in words if cache[w] > 0), key=cache.__getitem__)
    keep = [w for w in by_rarity if cache[w] <= cap] or by_rarity[:2]
    return " ".join(keep[:LINK_SEARCH_TERMS])


def link_new_claims(db: Database, claim_ids: list[int]) -> int:
    """Compare each new claim with earlier ones and store the links found.

    Links point from the newer claim to the older one. Pairs a journalist already confirmed or
    rejected are skipped, and an existing open link is kept as it is.

    Returns:
        How many links were stored.
    """
    claims = storage.get_claims(db, list(claim_ids))
    decided = decided_pairs(db, [c.id for c in claims])
    cache: dict[int, tuple[StoredClaim, ClaimFeatures | None]] = {}
    links: dict[tuple[int, int], list[Link]] = {}
    for claim in claims:
        if cache.get(claim.id, (None, None))[1] is None:
            cache[claim.id] = (claim, from_stored(claim))
        hits = storage.fts_candidates(db, _link_query(db, claim.text), limit=CANDIDATES,
                                      exclude_article_id=claim.article_id)
        missing = [cid for cid, _ in hits if cid not in cache]
        for other in storage.get_claims(db, missing):
            cache[other.id] = (other, None)
        own_masked = cache[claim.id][1].masked
        for cid, _ in hits:
            if cid not in cache or (claim.id, cid) in decided:
                continue
            other, feats = cache[cid]
            if feats is None:
                # Full features only for candidates that pass a cheap look (most do not).
                if not may_relate(own_masked, masked(other.text)):
                    continue
                cache[cid] = (other, from_stored(other))
            newer, older = _newer_first(claim, cache[cid][0])
            if (newer.id, older.id) in links:
                continue
            links[(newer.id, older.id)] = [
                Link(claim_id=newer.id, other_id=older.id, relation=v.relation, score=v.score,
                     tier=v.tier, explanation=v.explanation, old_value=v.old_value, new_value=v.new_value)
                for v in classify_all(cache[newer.id][1], cache[older.id][1])]
    found = [link for group in links.values() for link in group]
    return storage.save_links(db, found) if found else 0


def match_text(db: Database, text: str, limit: int = 5) -> list[tuple[StoredClaim, float, str]]:
    """Stored claims most like a typed or pasted text (not stored), best first.

    Returns:
        (claim, 0–100 score, one-line explanation) tuples.
    """
    query = from_query(text)
    hits = storage.fts_candidates(db, _query_text(query.text, MATCH_QUERY_TERMS), limit=QUERY_CANDIDATES)
    if not hits:
        return []
    claims = {c.id: c for c in storage.get_claims(db, [cid for cid, _ in hits])}
    hits = [(cid, r) for cid, r in hits if cid in claims]
    feats = [(from_stored(claims[cid]), r) for cid, r in hits]
    out = []
    for i, score in rank(query, feats)[:limit]:
        claim = claims[hits[i][0]]
        verdict = classify(query, feats[i][0])
        why = verdict.explanation if verdict else f"similar wording ({score:.0f}/100)"
        out.append((claim, score, why))
    return out


def match_queries(db: Database, queries: Iterable[tuple[object, str]],
                  limit: int = 5) -> Iterator[tuple[object, list[tuple[StoredClaim, float, str]]]]:
    """`match_text` for many (id, text) queries, yielding (id, matches) as each is done."""
    for qid, text in queries:
        yield qid, match_text(db, text, limit)
