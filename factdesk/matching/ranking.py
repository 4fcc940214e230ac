"""Provides re-ranking of BM25 candidates for a query (`factdesk match`); no UI here.

The store hands over its best BM25 candidates; `rank` orders them by a weighted blend of the
normalised BM25 score, rapidfuzz similarity to the claim and to its article's title (a
fact-check's headline), and shared names and numbers. Weights were tuned on the CheckThat!
2020 train tweets (bench/clef.py --tune) and checked on dev.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from factdesk.matching.features import ClaimFeatures

CLAIM_SCORER = fuzz.token_set_ratio
"""Query against the claim text: a tweet usually contains the claim plus chatter."""
TITLE_SCORER = fuzz.token_set_ratio
"""Query against the article title / fact-check headline."""
PARTIAL_SCORER = fuzz.partial_token_sort_ratio
"""Best-aligned window: finds a short claim inside a long tweet."""
# Texts reach the scorers already normalised with text.PROCESSOR (see features.build).

W_BM25 = 0.45
W_CLAIM = 0.25
W_TITLE = 0.15
W_PARTIAL = 0.05
W_WORDS = 0.20
W_ENTITIES = 0.10
"""Blend weights; the scores they weigh are all 0–100."""


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """0–100 share of the smaller set found in the other."""
    if not a or not b:
        return 0.0
    return 100.0 * len(a & b) / min(len(a), len(b))


def signals(query: ClaimFeatures, cand: ClaimFeatures, bm25_norm: float) -> tuple[float, ...]:
    """The 0–100 signals `rank` blends, in weight order."""
    return (
        bm25_norm,
        CLAIM_SCORER(query.processed, cand.processed, processor=None),
        TITLE_SCORER(query.processed, cand.title, processor=None) if cand.title else 0.0,
        PARTIAL_SCORER(query.processed, cand.processed, processor=None),
        _overlap(query.words, cand.words),
        _overlap(query.entities, cand.entities),
    )


WEIGHTS = (W_BM25, W_CLAIM, W_TITLE, W_PARTIAL, W_WORDS, W_ENTITIES)


def normalise_bm25(ranks: list[float]) -> list[float]:
    """FTS5 ranks (negative, lower is better) as 0–100, the best candidate at 100."""
    if not ranks:
        return []
    best = min(ranks)
    if best >= 0:
        return [100.0] * len(ranks)
    return [100.0 * r / best for r in ranks]


def blend(sig: tuple[float, ...], weights: tuple[float, ...] = WEIGHTS) -> float:
    """0–100 weighted blend of signals."""
    return sum(w * s for w, s in zip(weights, sig)) / sum(weights)


def rank(query: ClaimFeatures, candidates: list[tuple[ClaimFeatures, float]],
         weights: tuple[float, ...] = WEIGHTS) -> list[tuple[int, float]]:
    """Candidates re-ordered for a query.

    Args:
        candidates: (features, FTS5 bm25 rank) best BM25 first.

    Returns:
        (index into candidates, 0–100 score), best first.
    """
    norms = normalise_bm25([r for _, r in candidates])
    scored = [(i, round(blend(signals(query, c, n), weights), 2))
              for i, ((c, _), n) in enumerate(zip(candidates, norms))]
    scored.sort(key=lambda x: (-x[1], x[0]))
    return scored
