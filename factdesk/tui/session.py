"""Provides the `Session` every screen is handed: the open store and who is reviewing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factdesk import storage

if TYPE_CHECKING:  # sqlite-utils lives behind storage; only its type is named here
    from sqlite_utils import Database


@dataclass(frozen=True)
class Session:
    """What a screen needs to read and write the store (passed down, never looked up)."""

    db: "Database | Any"
    """The store, opened on the main thread; workers open their own connection."""
    reviewer: str
    """Recorded with every change in the review log."""
    db_path: Path | None = None
    """The store's file, for worker threads (None for an in-memory store)."""


def default_reviewer(explicit: str | None = None) -> str:
    """--reviewer, else FACTDESK_REVIEWER, else the login name."""
    return storage.default_reviewer(explicit)