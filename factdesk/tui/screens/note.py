"""Provides `NoteScreen`, the modal for a claim's note and evidence URL."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from factdesk.models import StoredClaim
from factdesk.tui.text import short


class NoteScreen(ModalScreen[tuple[str, str] | None]):
    """Edit a note and an evidence URL; Enter saves, Escape cancels."""

    CSS_PATH = "note.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, claim: StoredClaim | None) -> None:
        super().__init__()
        self.claim = claim

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            title = Text("Note and evidence", style="bold")
            if self.claim is not None:
                title.append(f"  claim #{self.claim.id}\n", style="dim")
                title.append(short(self.claim.text, 160), style="italic")
            yield Label(title)
            yield Label("Note")
            yield Input(self.claim.note or "" if self.claim else "", id="note",
                        placeholder="what you checked, who you called")
            yield Label("Evidence URL")
            yield Input(self.claim.evidence_url or "" if self.claim else "", id="evidence",
                        placeholder="https://…")
            yield Label("Enter: next / save   Esc: cancel", classes="hint")

    @on(Input.Submitted, "#note")
    def next_field(self) -> None:
        self.query_one("#evidence", Input).focus()

    @on(Input.Submitted, "#evidence")
    def save(self) -> None:
        self.dismiss((self.query_one("#note", Input).value.strip(),
                      self.query_one("#evidence", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
