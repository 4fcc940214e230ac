"""Provides linking new claims to what the store already holds, and `factdesk match`; no UI here.

The glue between `storage` (claims, links), `candidates` (the stored claims a new one is
compared with: its near-copies by their keys, the same story by its rarest words; a bounded
number, read a few queries per article, so the cost does not grow with the store) and
`matching` (pure scoring). Candidates are screened on their masked text before their words and
figures are read; `known` remembers the claims it has seen, so an ingest run builds each
claim's features once however often it comes back as a candidate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from sqlite_utils import Database

from factdesk import storage
from factdesk.candidates import CANDIDATES, key_claims, near_ids, rare_word_ids
from factdesk.known import Known, load_figures, remember, remembered, resolve
from factdesk.matching import classify, classify_all, from_query, from_stored, query_terms, rank
from factdesk.matching.evidence import relatable, same_story, share_words
from factdesk.matching.sketch import near_keys, text_near_keys
from factdesk.matching.story import same_story as same_story_context
from factdesk.models import Link, StoredClaim
from factdesk.story_links import contexts, counts_casualties, drop_restated, story_candidates
from factdesk.storage.matching_queries import article_claim_ids, decided_pairs, title_candidates

QUERY_CANDIDATES = 100
"""BM25 candidates re-ranked per `match` query (recall matters more than speed there)."""
LINK_QUERY_TERMS = 16
"""Words of a new claim considered for FTS5 (names and numbers first)."""
MATCH_QUERY_TERMS = 32
"""Words of a `match` query sent to FTS5 (a pasted tweet is long and chatty)."""


def _newer_first(a: Known, b: Known) -> tuple[Known, Known]:
    """The later claim by article date, then by ingest order."""
    if a.published and b.published and a.published != b.published:
        return (a, b) if a.published > b.published else (b, a)
    return (a, b) if a.id > b.id else (b, a)


def _query_text(text: str, max_terms: int = LINK_QUERY_TERMS) -> str:
    return " ".join(query_terms(text, max_terms))


def link_candidates(db: Database, text: str, limit: int = CANDIDATES,
                    exclude: set[int] | frozenset[int] = frozenset()) -> list[int]:
    """Ids of the stored claims a new claim with this text is compared with: those sharing its
    near-duplicate keys, then those sharing its rarest words (see `factdesk.candidates`)."""
    near = near_ids(db, [text_near_keys(text)], [exclude])[0]
    return list(dict.fromkeys(near + rare_word_ids(db, [query_terms(text, LINK_QUERY_TERMS)], [exclude], limit)[0]))


def link_new_claims(db: Database, claim_ids: list[int]) -> int:
    """Compare each new claim with earlier ones and store the links found.

    Links point from the newer claim to the older one. Pairs a journalist already confirmed or
    rejected are skipped, and an existing open link is kept as it is. The new claims' keys and
    links are written in one transaction.

    Returns:
        How many links were stored.
    """
    with storage.write_transaction(db):
        return _link(db, claim_ids)


def _link(db: Database, claim_ids: list[int]) -> int:
    cache = remembered(db)
    claims = storage.get_claims(db, list(claim_ids))
    mine = {c.id: remember(cache, Known.of_claim(c)) for c in claims}
    keys = {cid: near_keys(k.masked, k.words) for cid, k in mine.items()}
    key_claims(db, keys)
    decided = decided_pairs(db, list(mine))
    own: dict[int, set[int]] = {}
    for claim in claims:
        if claim.article_id not in own:
            own[claim.article_id] = article_claim_ids(db, claim.article_id)
    terms = [query_terms(c.text, LINK_QUERY_TERMS) for c in claims]
    words: dict[int, Counter] = {}
    for claim, ws in zip(claims, terms):
        words.setdefault(claim.article_id, Counter()).update(set(ws))
    excludes = [own[c.article_id] for c in claims]
    near = near_ids(db, [keys[c.id] for c in claims], excludes)
    rare = rare_word_ids(db, terms, excludes, own_counts=[words[c.article_id] for c in claims])
    hit_ids = [list(dict.fromkeys(a + b)) for a, b in zip(near, rare)]
    # Casualty counts are also compared with the other articles of their story, however worded.
    story: dict[int, list[int]] = {}
    for i, claim in enumerate(claims):
        if counts_casualties(mine[claim.id].features):
            if claim.article_id not in story:
                story[claim.article_id] = story_candidates(db, claim.article_id)
            hit_ids[i] = list(dict.fromkeys(hit_ids[i] + story[claim.article_id]))
    known = resolve(db, cache, list(dict.fromkeys(i for ids in hit_ids for i in ids)))
    # Story contexts are read only for claims with figures: only their pairs are compared by story
    # (and none before the comparisons if no new claim has any).
    ctxs = contexts(db, [k.article_id for k in (*mine.values(), *known.values()) if k.has_figures]) \
        if any(k.has_figures for k in mine.values()) else {}

    def one_story(a: Known, b: Known) -> bool:
        if not (a.has_figures and b.has_figures):
            return False
        if a.article_id in ctxs and b.article_id in ctxs:
            return same_story_context(ctxs[a.article_id], ctxs[b.article_id])
        return same_story(a.title_words, b.title_words)
    compared = []
    for claim, ids in zip(claims, hit_ids):
        me = mine[claim.id]
        # Most candidates share a word or two and nothing more. Cheap looks rule them out: the
        # shared words where they are at hand (a remembered claim), one rapidfuzz call over the
        # masked texts of the rest; only what passes has its words split. Differently worded
        # figures of one story are still compared (see relations).
        others = [known[i] for i in ids if i in known and (me.id, i) not in decided
                  and (not known[i].has_words or share_words(me.words, known[i].words) or one_story(me, known[i]))]
        close = relatable(me.masked, [o.masked for o in others])
        compared.append((me, [o for o, ok in zip(others, close)
                              if (ok and share_words(me.words, o.words)) or one_story(me, o)]))
    load_figures(db, [k for me, others in compared for k in (me, *others)])
    ctxs.update(contexts(db, [k.article_id for me, others in compared for k in (me, *others)
                              if k.article_id not in ctxs]))
    links: dict[tuple[int, int], list[tuple]] = {}
    for me, others in compared:
        for other in others:
            newer, older = _newer_first(me, other)
            if (newer.id, older.id) in links:
                continue
            stories = (ctxs[newer.article_id], ctxs[older.article_id]) \
                if newer.article_id in ctxs and older.article_id in ctxs else None
            links[(newer.id, older.id)] = [
                (Link(claim_id=newer.id, other_id=older.id, relation=v.relation, score=v.score,
                      tier=v.tier, explanation=v.explanation, old_value=v.old_value, new_value=v.new_value),
                 newer.features, newer.article_id, older.article_id, older.features)
                for v in classify_all(newer.features, older.features, stories)]
    found = drop_restated(db, [link for group in links.values() for link in group])
    return storage.save_links(db, found) if found else 0


def match_candidates(db: Database, terms: str, limit: int = QUERY_CANDIDATES) -> list[tuple[int, float]]:
    """Claim ids for a `match` query with a bm25 rank, best first: the claims whose text holds
    its words and the claims of articles whose title does, ranked by the sum of the two (a
    claim found both ways ranks as a two-column BM25 would rank it)."""
    ranks: dict[int, float] = {}
    for cid, r in (*storage.fts_candidates(db, terms, limit=limit), *title_candidates(db, terms, limit)):
        ranks[cid] = ranks.get(cid, 0.0) + r
    return sorted(ranks.items(), key=lambda kv: (kv[1], kv[0]))[:limit]


def match_text(db: Database, text: str, limit: int = 5) -> list[tuple[StoredClaim, float, str]]:
    """Stored claims most like a typed or pasted text (not stored), best first.

    Returns:
        (claim, 0–100 score, one-line explanation) tuples.
    """
    query = from_query(text)
    hits = match_candidates(db, _query_text(query.text, MATCH_QUERY_TERMS))
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
