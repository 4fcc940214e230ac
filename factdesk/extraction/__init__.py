"""Provides attributed claims from article text: the only place spaCy is used.

Importing this package does not import spaCy; `load_nlp`, `extract` and
`extract_batch` import it when first called, so only ingest and extract pay its
start-up. spaCy objects never leave this package: callers get `Claim`s.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from factdesk.models import Claim

from .jsonl import claims_to_jsonl_rows
from .provenance import model_info

__all__ = ["load_nlp", "model_info", "extract", "extract_batch", "claims_to_jsonl_rows"]


def load_nlp(model: str | None = None):
    """Load the English pipeline with `factdesk_attribution` added (see pipeline.py)."""
    from .pipeline import load_nlp as _load

    return _load(model)


def extract(nlp, text: str, outlet: str | None = None) -> list[Claim]:
    """Claims of one article text, in text order, `order` from 0.

    Args:
        nlp: A pipeline from `load_nlp`.
        text: The article text; offsets in the claims index it unchanged.
        outlet: The publishing outlet, used as the speaker of unattributed claims.
    """
    from .claims import doc_to_claims

    if not isinstance(text, str) or not text.strip():
        return []
    try:
        return doc_to_claims(nlp(text), outlet)
    except Exception:
        return []


BATCH_CHARS = 40_000
"""Characters of text parsed together at most. The parse's memory follows a batch's length, not
its count: BBC's heaviest 32 articles (116k characters) took the process from 148 MB to a 511 MB
peak, the same texts in batches of at most 40k characters to 272 MB, at the same CPU time."""


def extract_batch(nlp, items: Iterable[tuple[str, Any]], batch_size: int = 32,
                  outlet: str | None = None) -> Iterator[tuple[list[Claim], Any]]:
    """Stream claims for `(text, context)` pairs, in order, through `nlp.pipe`.

    Docs are converted and dropped one at a time and batches hold at most `batch_size`
    articles and BATCH_CHARS characters (a longer article goes alone), so memory stays flat
    however many articles go through and however long they are. A context that is a dict
    with an "outlet" key names the outlet.
    """
    from .claims import doc_to_claims

    for batch in _batches(items, batch_size):
        for doc, ctx in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            who = ctx.get("outlet", outlet) if isinstance(ctx, dict) else outlet
            try:
                claims = doc_to_claims(doc, who) if doc.text.strip() else []
            except Exception:
                claims = []
            yield claims, ctx


def _batches(items: Iterable[tuple[str, Any]], size: int) -> Iterator[list[tuple[str, Any]]]:
    """The pairs in order, in lists of at most `size` pairs and BATCH_CHARS characters."""
    batch: list[tuple[str, Any]] = []
    chars = 0
    for text, ctx in items:
        text = text if isinstance(text, str) else ""
        if batch and (len(batch) >= size or chars + len(text) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append((text, ctx))
        chars += len(text)
    if batch:
        yield batch
