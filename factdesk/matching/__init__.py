"""Provides claim matching as pure scoring: features, relations, explanations, ranking; no UI here.

No sqlite and no storage: `factdesk.linking` fetches candidates from the store and hands
their `ClaimFeatures` here. rapidfuzz is the only third-party import.
"""

from factdesk.matching.features import ClaimFeatures, build, from_query, from_stored
from factdesk.matching.ranking import rank
from factdesk.matching.relations import (
    CONFIDENT_SCORE,
    SHORT_TEXT_WORDS,
    SUGGEST_SCORE,
    Verdict,
    classify,
    classify_all,
)
from factdesk.matching.text import clean_query, query_terms

__all__ = [
    "CONFIDENT_SCORE", "SHORT_TEXT_WORDS", "SUGGEST_SCORE", "ClaimFeatures", "Verdict", "build",
    "classify", "classify_all", "clean_query", "from_query", "from_stored", "query_terms", "rank",
]
