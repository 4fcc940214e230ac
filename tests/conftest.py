"""Shared fixtures: an in-memory store."""

from __future__ import annotations

import pytest

from factdesk import storage


@pytest.fixture
def fresh_db():
    """An empty in-memory claim store with the full schema."""
    db = storage.open_db(memory=True)
    yield db
    db.close()
