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


def extract_batch(nlp, items: Iterable[tuple[str, Any]], batch_size: int = 32, n_process: int = 1,
                  outlet: str | None = None) -> Iterator[tuple[list[Claim], Any]]:
    """Stream claims for `(text, context)` pairs, in order, through `nlp.pipe`.

    Docs are converted and dropped one at a time, so memory stays flat however many
    articles go through. A context that is a dict with an "outlet" key names the outlet.
    """
    from .claims import doc_to_claims

    def cleaned():
        for text, ctx in items:
            yield (text if isinstance(text, str) else "", ctx)

    for doc, ctx in nlp.pipe(cleaned(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        who = ctx.get("outlet", outlet) if isinstance(ctx, dict) else outlet
        try:
            claims = doc_to_claims(doc, who) if doc.text.strip() else []
        except Exception:
            claims = []
        yield claims, ctx
