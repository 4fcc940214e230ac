"""Provides the stored claims a new claim is compared with, read from the store; no UI here.

Two kinds, read a few queries per article so the cost does not grow with the store:
`near_ids`, the claims sharing its near-duplicate keys (matching.sketch: its near-copies,
however common their words), and `rare_word_ids`, the claims sharing its rarest words (the
same story in other words). `key_claims` and `index_claims` keep the keys up to date.
"""

from __future__ import annotations

import heapq
import itertools
import math
import weakref
from collections import Counter

from sqlite_utils import Database

from factdesk import storage
from factdesk.matching.sketch import text_near_keys
from factdesk.matching.text import whole_words
from factdesk.storage.matching_queries import claim_count_estimate, term_doc_counts, term_postings
from factdesk.storage.near_keys import claim_texts_after, keyed_up_to, near_key_postings, save_near_keys
from factdesk.storage.word_counts import add_word_counts, word_counts, words_counted_up_to

CANDIDATES = 50
"""Rare-word candidates per new claim."""
NEAR_CANDIDATES = 50
"""Claims sharing the most near-duplicate keys per new claim."""
NEAR_KEY_CAP = 300
"""Claims read per near-duplicate key, newest first (a stock phrase's key is held by thousands)."""
INDEX_BATCH = 20_000
"""Claims keyed per statement (and per transaction in `index_claims`) when catching up."""
LINK_SEARCH_TERMS = 6
"""Of a claim's query terms, the rarest this many score candidates: cost grows with every posting read."""
POSTINGS_BUDGET = 4000
"""Postings read per new claim at most (its rarest word is always read): with COMMON_TERM_DOCS
the words of a story's claims are read whatever the store's size, at a cost that does not grow
with it."""
COMMON_TERM_DOCS = 2000
"""A word in more claims than this (or COMMON_TERM_SHARE of them) is too common to search by:
its postings are what cost time, and near-copies are found by their keys anyway."""
COMMON_TERM_SHARE = 0.002
FIRST_COUNT = 500
"""Claims a word is first counted up to (see `rare_word_ids`)."""
DF_CACHE_SIZE = 20_000
"""Word document counts remembered per store, of each kind (they only drift as the store grows).
The vocabulary grows with every article (60,000 words over BBC and Reuters-21578, 5 MB), so
the words counted longest ago are forgotten: this many fill in the first 2,000 articles, and
counting a forgotten word again is one cheap query (linking time unchanged within noise)."""

_df_caches: "weakref.WeakKeyDictionary[Database, dict[str, int]]" = weakref.WeakKeyDictionary()
_common_caches: "weakref.WeakKeyDictionary[Database, dict[str, int]]" = weakref.WeakKeyDictionary()
"""Per store, words counted past FIRST_COUNT, with how many claims at least held them: a common
word stays common as the store grows, and recounting "said" or "year" for every new claim was
half of what finding candidates cost on a million claims."""


def _idf(df: int, size: int) -> float:
    """BM25's inverse document frequency: a word in few claims says much."""
    return math.log(1.0 + (size - df + 0.5) / (df + 0.5))


def rare_word_ids(db: Database, terms: list[list[str]], excludes: list[set[int] | frozenset[int]],
                   limit: int = CANDIDATES, own_counts: list[Counter] | None = None) -> list[list[int]]:
    """For each text's `query_terms`, the stored claims it is compared with, most shared rare words first.

    Each text's rarest words (each in at most `cap` claims) are looked up, and every claim
    scored by the summed IDF of the first LINK_SEARCH_TERMS of them it holds: a near-duplicate
    holds them all. BM25 over an OR query ranks much the same but costs a score per posting per
    word. Near-copies of a sentence of common words are `near_ids`' to find. All texts' counts
    and postings are read together, a few queries per article.

    Args:
        excludes: per text, claim ids never returned (its own article).
        own_counts: per text, how many claims of its own article hold each word: the store's
            counts include them, and a word only the own article holds finds nothing.
    """
    size = max(1, claim_count_estimate(db))
    cap = int(max(COMMON_TERM_DOCS, COMMON_TERM_SHARE * size))
    df = _df_caches.setdefault(db, {})
    common = _common_caches.setdefault(db, {})
    owns = own_counts or [Counter()] * len(terms)
    first = min(FIRST_COUNT, cap)
    # The store's counts of words this process has not met (how many claims hold each as a
    # whole word, at least) tell most too-common words without reading a posting of them.
    unmet = list(dict.fromkeys(w for ws in terms for w in ws if w not in df and w not in common))
    for word, n in word_counts(db, unmet).items():
        if n > cap:
            df[word] = n
        elif n > first:
            common[word] = n
    # Unknown words are counted; so are remembered counts the own article alone could explain
    # (counted when the store was smaller, they may hide a word other articles now hold).
    # Counting a common word costs `cap` postings, so all are counted to FIRST_COUNT first:
    # a text whose rarest words are all under it never needs its other words' counts.
    over = {w: common[w] for ws in terms for w in ws if w in common and w not in df}
    recount = list(dict.fromkeys(w for ws, own in zip(terms, owns) for w in ws
                                 if w not in over and (w not in df or df[w] <= own.get(w, 0))))
    for word, n in zip(recount, term_doc_counts(db, recount, first)):
        if n <= first:
            df[word] = n
        else:
            df.pop(word, None)
            over[word] = common[word] = n
    # Rarity as other articles see it; remembered counts only grow with the store: a rare one
    # is re-read with the postings (and its count corrected), a common one stays common.
    plans = _plans(db, terms, owns, df, over, cap, list(range(len(terms))), [[] for _ in terms])
    scored = [{} for _ in terms]
    _score(db, plans, scored, excludes, df, size, cap)
    # A text whose rarest words found few candidates (a small store, a new story) reads the
    # rest of its rare words: "ferry" in a story's tenth article is no longer rare, but it is
    # what the earlier articles share.
    short = [i for i, scores in enumerate(scored) if len(scores) < limit]
    more = _plans(db, terms, owns, df, over, cap, short, plans)
    _score(db, more, scored, excludes, df, size, cap)
    for cache in (df, common):
        _forget_oldest(cache)
    return [_best(scores, limit) for scores in scored]


def _forget_oldest(cache: dict[str, int]) -> None:
    """Drop the words first counted longest ago, past DF_CACHE_SIZE (a dict keeps insertion order)."""
    if len(cache) > DF_CACHE_SIZE:
        for word in list(itertools.islice(cache, len(cache) - DF_CACHE_SIZE)):
            del cache[word]


def _plans(db: Database, terms: list[list[str]], owns: list[Counter], df: dict[str, int],
           over: dict[str, int], cap: int, which: list[int], read: list[list[str]]) -> list[list[str]]:
    """For the texts in `which`, the words to read next: after those in `read`, the rarest,
    LINK_SEARCH_TERMS of them on a first read and all the rest on a second, while a text's
    postings stay within POSTINGS_BUDGET. Words only partly counted are counted if needed."""
    plans = [[] for _ in terms]
    for attempt in range(2):
        unsure = []
        for i in which:
            left = [w for w in terms[i] if w not in read[i]]
            budget = POSTINGS_BUDGET - sum(df.get(w, 0) for w in read[i])
            plan = _search_words(left, _outside(left, owns[i], df, over), df, cap, budget,
                                 most=len(left) if read[i] else LINK_SEARCH_TERMS, first_free=not read[i])
            if plan is None:
                unsure.append(i)
            else:
                plans[i] = plan
        if not unsure:
            break
        rest = list(dict.fromkeys(w for i in unsure for w in terms[i] if w in over and w not in df))
        df.update(zip(rest, term_doc_counts(db, rest, cap)))
        which = unsure
    return plans


def _score(db: Database, plans: list[list[str]], scored: list[dict[int, float]], excludes, df: dict[str, int],
           size: int, cap: int) -> None:
    """Read every planned word's postings once and add them to each text's scores."""
    lookups = list(dict.fromkeys(w for words in plans for w in words))
    postings = dict(zip(lookups, term_postings(db, lookups, cap)))
    for words, scores, exclude in zip(plans, scored, excludes):
        for word in words:
            _add(scores, word, postings[word], df, size, cap)
        # The own article's claims are scored with the rest and dropped once: fewer than a test per posting.
        for cid in exclude:
            scores.pop(cid, None)


def _best(scores: dict[int, float], limit: int) -> list[int]:
    """The `limit` best-scored claim ids; ties go to the newest claim (the one a changed figure
    most likely updates)."""
    if len(scores) > limit:
        # The limit-th best score first (floats only), then pairs for the few at or above it.
        cut = heapq.nlargest(limit, scores.values())[-1]
        top = [(s, cid) for cid, s in scores.items() if s >= cut]
    else:
        top = [(s, cid) for cid, s in scores.items()]
    top.sort(reverse=True)
    return [cid for _, cid in top[:limit]]


def _outside(words: list[str], own: Counter, df: dict[str, int], over: dict[str, int]) -> dict[str, int]:
    """How many claims of other articles hold each word; for a word counted only part of the way
    (in `over`), how many at least."""
    return {w: df[w] - own.get(w, 0) if w in df else max(over[w] - own.get(w, 0), 1) for w in words}


def _search_words(words: list[str], outside: dict[str, int], df: dict[str, int], cap: int, budget: int,
                  most: int, first_free: bool) -> list[str] | None:
    """The rarest `most` words, none too common, while their postings stay within `budget` (the
    first word regardless, if `first_free`); None if that needs a word not fully counted yet.
    A word only the own article holds finds nothing and is not read."""
    chosen, reads = [], 0
    for word in sorted((w for w in words if outside[w] > 0), key=outside.__getitem__):
        if len(chosen) >= most:
            break
        if word not in df:
            return None
        if df[word] > cap:
            continue
        if reads + df[word] > budget and (chosen or not first_free):
            break
        chosen.append(word)
        reads += df[word]
    return chosen


def _add(scores: dict[int, float], word: str, ids: list[int], df: dict[str, int], size: int, cap: int) -> None:
    """Add a word's IDF to the score of every claim holding it (none if it turned out common)."""
    df[word] = len(ids)
    if len(ids) > cap:
        return
    weight = _idf(len(ids), size)
    if not scores:
        scores.update(dict.fromkeys(ids, weight))  # the first word read: nothing to add to
        return
    get = scores.get
    for cid in ids:
        scores[cid] = get(cid, 0.0) + weight


def near_ids(db: Database, keys: list[list[int]], excludes: list[set[int] | frozenset[int]],
              limit: int = NEAR_CANDIDATES) -> list[list[int]]:
    """For each claim's near-duplicate keys, the stored claims sharing the most of them.

    Near-copies share most keys (an exact repeat all of them), so they come first; a key
    shared by several texts of the batch is read once.
    """
    distinct = list(dict.fromkeys(k for ks in keys for k in ks))
    postings = dict(zip(distinct, near_key_postings(db, distinct, NEAR_KEY_CAP)))
    out = []
    for ks, exclude in zip(keys, excludes):
        shared: dict[int, int] = {}
        for key in ks:
            for cid in postings[key]:
                if cid not in exclude:
                    shared[cid] = shared.get(cid, 0) + 1
        out.append(_best(shared, limit))
    return out


def key_claims(db: Database, known: dict[int, list[int]]) -> None:
    """Store the near-duplicate keys and count the words of every claim not keyed yet: normally
    just the new ones, whose keys the caller has (`known`: claim id -> keys), but also any stored
    without linking (an import, a bulk load) since linking last ran. Call inside a write transaction."""
    while _key_batch(db, known) == INDEX_BATCH:
        pass


def index_claims(db: Database) -> int:
    """Key every claim not keyed yet, and count its words, one transaction per INDEX_BATCH claims.

    Linking does this itself for whatever it finds unkeyed; this does it up front, after a bulk
    load or on a store older than the keys, so no ingest pays for it.

    Returns:
        How many claims were keyed (or had their words counted, on a store older than the counts).
    """
    done = 0
    while True:
        with storage.write_transaction(db):
            batch = _key_batch(db, {})
        done += batch
        if batch < INDEX_BATCH:
            return done


def _key_batch(db: Database, known: dict[int, list[int]]) -> int:
    """Key and count the next INDEX_BATCH claims that lack their keys or their word counts (a
    store older than the counts has keys); how many claims that was."""
    keyed, counted = keyed_up_to(db), words_counted_up_to(db)
    rows = claim_texts_after(db, min(keyed, counted), INDEX_BATCH)
    if not rows:
        return 0
    # In key order: each b-tree page is then written once per batch, not once per key.
    save_near_keys(db, sorted((key, cid) for cid, text in rows if cid > keyed
                              for key in (known[cid] if cid in known else text_near_keys(text))), rows[-1][0])
    add_word_counts(db, Counter(w for cid, text in rows if cid > counted for w in whole_words(text)), rows[-1][0])
    return len(rows)
