"""Provides re-ranking of BM25 candidates for a query (`factdesk match`); no UI here.

The store hands over its best BM25 candidates (claim text and article title, a fact-check's
headline); `rank` orders them by a weighted blend of the normalised BM25 score, rapidfuzz
similarity to the claim (and to the title, weighted 0 since titles are searched), and how many
of the query's words the claim and title hold. Weights
were tuned on the CheckThat! 2020 train tweets (bench/clef.py --tune) and checked on dev.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from factdesk.matching.features import ClaimFeatures

CLAIM_SCORER = fuzz.token_set_ratio
"""Query against the claim text: a tweet usually contains the claim plus chatter."""
TITLE_SCORER = fuzz.token_set_ratio
"""Query against the article title / fact-check headline."""
CORE_SCORER = fuzz.token_set_ratio
"""Query against claim + title with stopwords dropped (tweets are mostly chatter words)."""
# Texts reach the scorers already normalised with text.PROCESSOR (see features.build).

W_BM25 = 0.3
W_CLAIM = 0.1
W_TITLE = 0.0
W_CORE = 0.0
W_COVERAGE = 0.75
"""Blend weights (tuned on CLEF train); the signals they weigh are all 0–100. Since titles are
searched by BM25 too (`linking.match_candidates`), the title and core similarities add nothing
on train that BM25 and coverage do not: their weights tuned to 0, and they are not computed."""
WEIGHTS = (W_BM25, W_CLAIM, W_TITLE, W_CORE, W_COVERAGE)


def coverage(query: ClaimFeatures, cand: ClaimFeatures) -> float:
    """0–100 share of the query's topic words that the claim or its title contain."""
    if not query.words:
        return 0.0
    return 100.0 * len(query.words & (cand.words | cand.title_words)) / len(query.words)


def signals(query: ClaimFeatures, cand: ClaimFeatures, bm25_norm: float, tuning: bool = False) -> tuple[float, ...]:
    """The 0–100 signals `rank` blends, in WEIGHTS order (those weighted 0 left at 0 unless tuning)."""
    return (
        bm25_norm,
        CLAIM_SCORER(query.processed, cand.processed, processor=None),
        TITLE_SCORER(query.processed, cand.title, processor=None) if cand.title and (W_TITLE or tuning) else 0.0,
        CORE_SCORER(query.core, cand.core, processor=None) if W_CORE or tuning else 0.0,
        coverage(query, cand),
    )


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
