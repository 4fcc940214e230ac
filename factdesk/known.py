"""Provides `Known`: a stored claim as linking compares it, remembered per store; no UI here.

Most candidates are ruled out by their masked text alone, so a `Known` holds that at once and
builds its words and full features only when a comparison gets that far. Features are built
from the columns a candidate's stamp already holds and its figures, never a second read of its
whole row. Claims are remembered (FEATURE_CACHE_SIZE per store), so an ingest run builds each
claim's features once however often it comes back as a candidate; a stamp that no longer
holds (a speaker merge, an id reused after a rolled-back ingest) is read anew.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict

from sqlite_utils import Database

from factdesk.matching.features import ClaimFeatures, from_columns, from_stored
from factdesk.matching.figure_features import states_zero
from factdesk.matching.text import content_words, masked
from factdesk.models import StoredClaim
from factdesk.storage.matching_queries import STAMP_HEAD, Candidate, claim_figures, stamp_heads, stamps

FEATURE_CACHE_SIZE = 10_000
"""Stored claims whose matching features are remembered per store (least recently used dropped).
An ingest run meets the same recent claims as candidates again and again."""


class Known:
    """A stored claim as linking needs it: ordering keys and masked text at once; words, title
    words and full features only when a comparison gets that far (most candidates never do)."""

    __slots__ = ("id", "article_id", "published", "masked", "stamp", "_has_figures", "_text", "_title", "_words",
                 "_title_words", "_claim", "_figures", "_features")

    def __init__(self, claim_id: int, text: str, title: str | None, published: str | None,
                 has_figures: bool, stamp: tuple, claim: StoredClaim | None = None):
        self.id = claim_id
        self.article_id = stamp[0]
        self.published = (published or "")[:19]
        self.masked = masked(text)
        self._has_figures: bool | None = True if has_figures else None
        self.stamp = stamp
        self._text = text
        self._title = title or ""
        self._words: frozenset[str] | None = None
        self._title_words: frozenset[str] | None = None
        self._claim = claim
        self._figures: tuple | None = None
        self._features: ClaimFeatures | None = None

    @classmethod
    def of_claim(cls, claim: StoredClaim) -> "Known":
        return cls(claim.id, claim.text, claim.article_title, claim.published, bool(claim.figures),
                   _stamp(claim), claim)

    @classmethod
    def of_candidate(cls, hit: Candidate) -> "Known":
        title, published = hit.stamp[7], hit.stamp[8]
        return cls(hit.id, hit.text, title, published, hit.has_figures, hit.stamp)

    @property
    def has_figures(self) -> bool:
        """Figures stored, or a zero stated: "No one was killed" is a count too, against an earlier toll."""
        if self._has_figures is None:
            self._has_figures = states_zero(self._text)
        return self._has_figures

    @property
    def words(self) -> frozenset[str]:
        """Topic words, numbers left out."""
        if self._words is None:
            self._words = frozenset(w for w in content_words(self._text) if not w[0].isdigit())
        return self._words

    @property
    def has_words(self) -> bool:
        return self._words is not None

    @property
    def title_words(self) -> frozenset[str]:
        if self._title_words is None:
            self._title_words = frozenset(content_words(self._title))
        return self._title_words

    @property
    def features(self) -> ClaimFeatures:
        """Full features, built the first time they are asked for: from the claim, or from the
        stamp's columns and the figures (all features depend on) for a candidate."""
        if self._features is None:
            if self._claim is not None:
                self._features = from_stored(self._claim)
            else:
                _, _, speaker_id, speaker_name, kind, _, _, title, published = self.stamp
                self._features = from_columns(self._text, kind, self._figures, speaker_id, speaker_name,
                                              published, title)
            self._claim = self._figures = None
        return self._features


_caches: "weakref.WeakKeyDictionary[Database, OrderedDict[int, Known]]" = weakref.WeakKeyDictionary()


def remembered(db: Database) -> OrderedDict[int, Known]:
    """The claims remembered for a store, by id, least recently used first."""
    return _caches.setdefault(db, OrderedDict())


def _stamp(claim: StoredClaim) -> tuple:
    """The columns features depend on, as `matching_queries.stamps` returns them."""
    return (claim.article_id, claim.order, claim.speaker_id, claim.speaker_name, claim.kind,
            claim.start, claim.end, claim.article_title, claim.published)


def remember(cache: OrderedDict, known: Known) -> Known:
    """Remember a claim (the most recently used), forgetting the least recently used past FEATURE_CACHE_SIZE."""
    cache[known.id] = known
    cache.move_to_end(known.id)
    while len(cache) > FEATURE_CACHE_SIZE:
        cache.popitem(last=False)
    return known


def resolve(db: Database, cache: OrderedDict, claim_ids: list[int]) -> dict[int, Known]:
    """The candidates as `Known`s: remembered ones whose stamp still holds (checked by its
    head, see `stamp_heads`), the rest read and made anew."""
    out: dict[int, Known] = {}
    remembered = [i for i in claim_ids if i in cache]
    heads = stamp_heads(db, remembered) if remembered else {}
    for cid in remembered:
        known = cache[cid]
        if heads.get(cid) == known.stamp[:STAMP_HEAD]:
            cache.move_to_end(cid)
            out[cid] = known
    for hit in stamps(db, [i for i in claim_ids if i not in out]):
        out[hit.id] = remember(cache, Known.of_candidate(hit))
    return out


def load_figures(db: Database, knowns: list[Known]) -> None:
    """Read, in one query, the figures of those about to be compared whose features are not built:
    the rest of what their features depend on came with their stamp."""
    need = list({k.id: k for k in knowns
                 if k._features is None and k._claim is None and k._figures is None}.values())
    figures = claim_figures(db, [k.id for k in need])
    for known in need:
        known._figures = figures.get(known.id, ())
