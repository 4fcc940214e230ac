"""Fixtures for the reliability suite: the real pipeline, loaded once per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline with factdesk's components (about 2 s to load)."""
    from factdesk.extraction import load_nlp

    return load_nlp()
