"""Provides the app-wide messages of the review session (screen-local ones live in their widgets)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class IngestProgressed(Message):
    """The ingest worker reached a new stage (model loading, article n of m)."""

    stage: str
    done: int = 0
    total: int | None = None
    """None while the total is unknown (the progress bar is indeterminate)."""

    def can_replace(self, message: Message) -> bool:
        # Only the newest progress matters; a flood of them must not queue up.
        return isinstance(message, IngestProgressed)


@dataclass
class IngestFinished(Message):
    """The ingest worker is done; `summary` is one line for the journalist."""

    summary: str
    ok: bool = True


@dataclass
class StoreChanged(Message):
    """Something wrote to the store (a review, an undo, an ingest); the screen should re-read."""

    reason: str = ""


@dataclass
class ClaimsCounted(Message):
    """A background count of the claims matching `filter` finished."""

    filter: object
    """The ClaimFilter that was counted (the screen ignores counts of an old filter)."""
    total: int
