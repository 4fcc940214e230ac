"""Provides the base classes of the review screens: store access and the review keys.

Every screen gets the `Session` (the store and the reviewer) from the app as an attribute
and re-reads the store when it comes back into view, so a change made elsewhere (another
screen, an undo, an ingest in another process) shows up without a manual refresh.
"""

from __future__ import annotations

from textual import events, work
from textual.binding import Binding
from textual.screen import Screen

from factdesk import storage
from factdesk.tui.messages import ClaimsCounted
from factdesk.tui.session import Session

STATUS_KEYS = (
    ("v", "verified"),
    ("f", "false"),
    ("i", "misleading"),
    ("d", "disputed"),
    ("u", "unverifiable"),
    ("0", "unverified"),
)
"""One key per review status; none of them collides with navigation keys."""


class StoreScreen(Screen):
    """A screen over the claim store; subclasses implement `reload`."""

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session

    @property
    def db(self):
        return self.session.db

    def reload(self) -> None:
        """Re-read whatever this screen shows from the store."""

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        self.reload()

    def count_later(self, flt: storage.ClaimFilter) -> None:
        """Count the claims matching `flt` off the UI thread; a ClaimsCounted message follows.

        Counting a filter over a large store takes tens of milliseconds (a page takes one),
        so the table shows at once and "of N" fills in when the count arrives.
        """
        if self.session.db_path is None:  # an in-memory store has no second connection
            self.post_message(ClaimsCounted(flt, storage.count_claims(self.db, flt)))
            return
        self._count(flt)

    @work(thread=True, exclusive=True, group="count", description="count claims")
    def _count(self, flt: storage.ClaimFilter) -> None:
        db = storage.open_db(self.session.db_path, migrate=False)  # this thread's own connection
        try:
            total = storage.count_claims(db, flt)
        finally:
            db.close()
        self.post_message(ClaimsCounted(flt, total))


class ReviewScreen(StoreScreen):
    """A screen with a selected claim that the review keys act on."""

    BINDINGS = [
        *(Binding(key, f"mark('{status}')", status.capitalize(), show=False)
          for key, status in STATUS_KEYS),
        Binding("e", "note", "Note/evidence", show=False),
    ]

    def selected_claim_id(self) -> int | None:
        """The claim the review keys act on (None when nothing is selected)."""
        return None

    def action_mark(self, status: str) -> None:
        claim_id = self.selected_claim_id()
        if claim_id is None:
            self.app.bell()
            return
        entries = storage.review_claim(self.db, claim_id, self.session.reviewer, status=status)
        # One toast at a time: a run of marks must not stack toasts over the article.
        self.app.clear_notifications()
        self.notify(f"Claim #{claim_id} marked {status}" if entries else f"Claim #{claim_id} already {status}",
                    timeout=2)
        self.reload()

    def action_note(self) -> None:
        from factdesk.tui.screens.note import NoteScreen

        claim_id = self.selected_claim_id()
        if claim_id is None:
            self.app.bell()
            return
        claim = storage.get_claim(self.db, claim_id)

        def save(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            note, url = result
            entries = storage.review_claim(self.db, claim_id, self.session.reviewer,
                                           note=note, evidence_url=url)
            if entries:
                self.notify(f"Note saved on claim #{claim_id}", timeout=2)
            self.reload()

        self.app.push_screen(NoteScreen(claim), save)
