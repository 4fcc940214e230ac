"""Provides linking new claims to what the store already holds, and `factdesk match`; no UI here.

The glue between `storage` (BM25 candidates from FTS5, claims, links) and `matching` (pure
scoring). Per claim it reads at most CANDIDATES claims in one query, so its cost does not grow
with the store; features of claims it has seen are kept (FEATURE_CACHE_SIZE per store), so an
ingest run builds each claim's features once however often it comes back as a candidate.
"""

from __future__ import annotations

import math
import weakref
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
from sqlite_utils import Database

from factdesk import storage
from factdesk.matching import classify, classify_all, from_query, from_stored, query_terms, rank
from factdesk.matching.features import ClaimFeatures
from factdesk.matching.figure_features import states_zero
from factdesk.matching.relations import relatable, same_story, share_words
from factdesk.matching.story import same_story as same_story_context
from factdesk.matching.text import content_words, masked
from factdesk.models import Link, StoredClaim
from factdesk.story_links import contexts, counts_casualties, drop_restated, story_candidates
from factdesk.storage.matching_queries import (
    Candidate,
    article_claim_ids,
    claim_count_estimate,
    decided_pairs,
    stamps,
    term_doc_counts,
    term_postings,
)

CANDIDATES = 50
"""BM25 candidates scored per new claim."""
QUERY_CANDIDATES = 100
"""BM25 candidates re-ranked per `match` query (recall matters more than speed there)."""
LINK_QUERY_TERMS = 16
"""Words of a new claim considered for FTS5 (names and numbers first)."""
LINK_SEARCH_TERMS = 6
"""Of those, the rarest this many score candidates: cost grows with every posting read."""
SPARE_TERMS = 2
"""Rarer words read besides, in case some are held only by the new claim's own article."""
COMMON_TERM_DOCS = 2000
"""A word in more claims than this (or COMMON_TERM_SHARE of them) is too common to search by:
near-duplicates always share rarer words, and a common word's postings are what cost time."""
COMMON_TERM_SHARE = 0.002
MIN_RARE_TERMS = 3
"""With at most this many rare words, claims holding them and the FALLBACK_TERMS rarest common..."""
FALLBACK_TERMS = 3
"""...words too are candidates (an AND query: cheap, and every exact copy passes it)."""
DF_CACHE_SIZE = 200_000
"""Word document counts remembered per store (they only drift as the store grows)."""
FEATURE_CACHE_SIZE = 10_000
"""Stored claims whose matching features are remembered per store (least recently used dropped).
An ingest run meets the same recent claims as candidates again and again."""
MATCH_QUERY_TERMS = 32
"""Words of a `match` query sent to FTS5 (a pasted tweet is long and chatty)."""


class Known:
    """A stored claim as linking needs it: ordering keys, masked text, features built on demand."""

    __slots__ = ("id", "article_id", "published", "masked", "words", "title_words", "has_figures", "stamp",
                 "_claim", "_features")

    def __init__(self, claim: StoredClaim):
        self.id = claim.id
        self.article_id = claim.article_id
        self.published = (claim.published or "")[:19]
        self.masked = masked(claim.text)
        self.words = frozenset(w for w in content_words(claim.text) if not w[0].isdigit())
        self.title_words = frozenset(content_words(claim.article_title or ""))
        self.has_figures = bool(claim.figures) or states_zero(claim.text)
        self.stamp = _stamp(claim)
        self._claim: StoredClaim | None = claim
        self._features: ClaimFeatures | None = None

    @property
    def features(self) -> ClaimFeatures:
        """Full features, built the first time they are asked for (most candidates never are)."""
        if self._features is None:
            self._features = from_stored(self._claim)
            self._claim = None
        return self._features


_df_caches: "weakref.WeakKeyDictionary[Database, dict[str, int]]" = weakref.WeakKeyDictionary()
_feature_caches: "weakref.WeakKeyDictionary[Database, OrderedDict[int, Known]]" = weakref.WeakKeyDictionary()


def _stamp(claim: StoredClaim) -> tuple:
    """The columns features depend on, as `matching_queries.candidates` returns them."""
    return (claim.article_id, claim.order, claim.speaker_id, claim.speaker_name, claim.kind,
            claim.start, claim.end, claim.article_title, claim.published)


def _remember(cache: OrderedDict, claim: StoredClaim) -> Known:
    known = Known(claim)
    cache[claim.id] = known
    cache.move_to_end(claim.id)
    while len(cache) > FEATURE_CACHE_SIZE:
        cache.popitem(last=False)
    return known


def _resolve(db: Database, cache: OrderedDict, hits: list[Candidate]) -> list[Known]:
    """The candidates as `Known`s: remembered ones whose stamp still holds, the rest read."""
    out: dict[int, Known] = {}
    missing = []
    for hit in hits:
        known = cache.get(hit.id)
        if known is not None and known.stamp == hit.stamp:
            cache.move_to_end(hit.id)
            out[hit.id] = known
        else:
            missing.append(hit.id)
    for claim in storage.get_claims(db, missing):
        out[claim.id] = _remember(cache, claim)
    return [out[h.id] for h in hits if h.id in out]


def _newer_first(a: Known, b: Known) -> tuple[Known, Known]:
    """The later claim by article date, then by ingest order."""
    if a.published and b.published and a.published != b.published:
        return (a, b) if a.published > b.published else (b, a)
    return (a, b) if a.id > b.id else (b, a)


def _query_text(text: str, max_terms: int = LINK_QUERY_TERMS) -> str:
    return " ".join(query_terms(text, max_terms))


def _idf(df: int, size: int) -> float:
    """BM25's inverse document frequency: a word in few claims says much."""
    return math.log(1.0 + (size - df + 0.5) / (df + 0.5))


def _candidate_ids(db: Database, texts: list[str], excludes: list[set[int] | frozenset[int]],
                   limit: int = CANDIDATES, own_counts: list[Counter] | None = None) -> list[list[int]]:
    """For each text, the stored claims it is compared with, most shared rare words first.

    Each text's rarest words (each in at most `cap` claims) are looked up, and every claim
    scored by the summed IDF of the first LINK_SEARCH_TERMS of them it holds: a near-duplicate
    holds them all. BM25 over an OR query ranks much the same but costs a score per posting per
    word. A text with few rare words adds the claims holding all of them and its rarest common
    words (an AND query, cheap however common the words). All texts' counts and postings are
    read together, a few queries per article.

    Args:
        excludes: per text, claim ids never returned (its own article).
        own_counts: per text, how many claims of its own article hold each word: the store's
            counts include them, and a word only the own article holds finds nothing.
    """
    size = max(1, claim_count_estimate(db))
    cap = int(max(COMMON_TERM_DOCS, COMMON_TERM_SHARE * size))
    df = _df_caches.setdefault(db, {})
    if len(df) > DF_CACHE_SIZE:
        df.clear()
    terms = [query_terms(t, LINK_QUERY_TERMS) for t in texts]
    owns = own_counts or [Counter()] * len(texts)
    # Unknown words are counted; so are remembered counts the own article alone could explain
    # (counted when the store was smaller, they may hide a word other articles now hold).
    recount = list(dict.fromkeys(w for ws, own in zip(terms, owns) for w in ws
                                 if w not in df or df[w] <= own.get(w, 0)))
    df.update(zip(recount, term_doc_counts(db, recount, cap)))
    # Rarity as other articles see it; remembered counts only grow with the store: a rare one
    # is re-read with the postings, a common one stays common. A word whose postings turn out
    # to be all the own article's takes no slot, so a few spare words are read.
    plans = []
    for ws, own in zip(terms, owns):
        outside = {w: df[w] - own.get(w, 0) for w in ws}
        by_rarity = sorted((w for w in ws if outside[w] > 0), key=outside.__getitem__)
        rare = [w for w in by_rarity if df[w] <= cap]
        common = [w for w in by_rarity if df[w] > cap][:FALLBACK_TERMS]
        # Few rare words: the claims holding all of them and the rarest common ones as well
        # (an AND query: cheap, and how a near-duplicate of a plain sentence is found).
        fallback = " ".join(rare[:MIN_RARE_TERMS] + common) if len(rare) <= MIN_RARE_TERMS and common else None
        plans.append((rare, common, fallback))
    first = LINK_SEARCH_TERMS + SPARE_TERMS
    lookups = list(dict.fromkeys(w for rare, _, fb in plans for w in rare[:first] + ([fb] if fb else [])))
    postings = dict(zip(lookups, term_postings(db, lookups, cap)))
    scored = []
    for (rare, common, fallback), exclude in zip(plans, excludes):
        scores: dict[int, float] = {}
        slots = LINK_SEARCH_TERMS
        for word in rare[:first]:
            slots -= _add(scores, word, postings[word], exclude, df, size, cap)
            if not slots:
                break
        if fallback:
            weight = sum(_idf(df[w], size) for w in common)
            for cid in postings[fallback]:
                if cid not in exclude:
                    scores[cid] = scores.get(cid, 0.0) + weight
        scored.append(scores)
    # A claim whose rarest words found few candidates (a small store, a new story) reads the
    # rest of its rare words: "ferry" in a story's tenth article is no longer rare, but it is
    # what the earlier articles share.
    short = [i for i, (rare, _, _) in enumerate(plans) if len(scored[i]) < limit and len(rare) > first]
    more = list(dict.fromkeys(w for i in short for w in plans[i][0][first:]))
    postings = dict(zip(more, term_postings(db, more, cap)))
    for i in short:
        for word in plans[i][0][first:]:
            _add(scored[i], word, postings[word], excludes[i], df, size, cap)
    # Ties go to the newest claim: the one a changed figure most likely updates.
    return [[cid for cid, _ in sorted(scores.items(), key=lambda kv: (-kv[1], -kv[0]))[:limit]]
            for scores in scored]


def _add(scores: dict[int, float], word: str, ids: list[int], exclude, df: dict[str, int],
         size: int, cap: int) -> int:
    """Add a word's IDF to the score of every claim holding it; 1 if it scored any, else 0."""
    df[word] = len(ids)
    if len(ids) > cap:
        return 0
    weight = _idf(len(ids), size)
    hit = 0
    for cid in ids:
        if cid not in exclude:
            scores[cid] = scores.get(cid, 0.0) + weight
            hit = 1
    return hit


def link_candidates(db: Database, text: str, limit: int = CANDIDATES,
                    exclude: set[int] | frozenset[int] = frozenset()) -> list[int]:
    """Ids of the stored claims a new claim with this text is compared with (see `_candidate_ids`)."""
    return _candidate_ids(db, [text], [exclude], limit)[0]


def link_new_claims(db: Database, claim_ids: list[int]) -> int:
    """Compare each new claim with earlier ones and store the links found.

    Links point from the newer claim to the older one. Pairs a journalist already confirmed or
    rejected are skipped, and an existing open link is kept as it is.

    Returns:
        How many links were stored.
    """
    cache = _feature_caches.setdefault(db, OrderedDict())
    claims = storage.get_claims(db, list(claim_ids))
    mine = {c.id: _remember(cache, c) for c in claims}
    decided = decided_pairs(db, list(mine))
    own: dict[int, set[int]] = {}
    for claim in claims:
        if claim.article_id not in own:
            own[claim.article_id] = article_claim_ids(db, claim.article_id)
    words: dict[int, Counter] = {}
    for claim in claims:
        words.setdefault(claim.article_id, Counter()).update(set(query_terms(claim.text, LINK_QUERY_TERMS)))
    hit_ids = _candidate_ids(db, [c.text for c in claims], [own[c.article_id] for c in claims],
                             own_counts=[words[c.article_id] for c in claims])
    # Casualty counts are also compared with the other articles of their story, however worded.
    story: dict[int, list[int]] = {}
    for i, claim in enumerate(claims):
        if counts_casualties(mine[claim.id].features):
            if claim.article_id not in story:
                story[claim.article_id] = story_candidates(db, claim.article_id)
            hit_ids[i] = list(dict.fromkeys(hit_ids[i] + story[claim.article_id]))
    known = {k.id: k for k in _resolve(db, cache, stamps(db, list(dict.fromkeys(i for ids in hit_ids for i in ids))))}
    ctxs = contexts(db, [k.article_id for k in (*mine.values(), *known.values())])

    def one_story(a: Known, b: Known) -> bool:
        if a.article_id in ctxs and b.article_id in ctxs:
            return same_story_context(ctxs[a.article_id], ctxs[b.article_id])
        return same_story(a.title_words, b.title_words)
    links: dict[tuple[int, int], list[Link]] = {}
    for claim, ids in zip(claims, hit_ids):
        me = mine[claim.id]
        # Most candidates share a word or two and nothing more: cheap looks rule them out.
        # Differently worded figures of one story are still compared (see relations).
        others = [known[i] for i in ids if i in known and (me.id, i) not in decided
                  and (share_words(me.words, known[i].words)
                       or (me.has_figures and known[i].has_figures and one_story(me, known[i])))]
        for other, ok in zip(others, relatable(me.masked, [o.masked for o in others])):
            ok = ok or (me.has_figures and other.has_figures and one_story(me, other))
            newer, older = _newer_first(me, other)
            if not ok or (newer.id, older.id) in links:
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
