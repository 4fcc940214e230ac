"""Provides `IngestScreen`: ingest a file or folder path, or pasted text, with progress.

The dialog only asks and shows progress; it posts `IngestScreen.Requested` and the app
runs the work in a thread worker, so the UI never freezes while spaCy loads. Esc closes
the dialog and the ingest carries on; a notification says when it is done.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, TextArea

from factdesk.tui.jobs import IngestRequest


class IngestScreen(ModalScreen[None]):
    """Ask what to ingest, then show the worker's progress."""

    CSS_PATH = "ingest.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close (ingest continues)"),
        Binding("ctrl+s", "submit_text", "Ingest pasted text"),
    ]

    stage: reactive[str] = reactive("")
    busy: reactive[bool] = reactive(False)

    @dataclass
    class Requested(Message):
        """The journalist asked to ingest something."""

        request: IngestRequest

    def compose(self) -> ComposeResult:
        with Vertical(id="ingest-dialog"):
            yield Label("Ingest articles", classes="title")
            yield Label("A file or folder path (Enter to ingest)")
            yield Input(id="ingest-path", placeholder="~/stories/afp-mali.txt")
            yield Label("…or paste an article (ctrl+s to ingest)")
            yield TextArea(id="ingest-text", soft_wrap=True, show_line_numbers=False)
            with Horizontal(id="ingest-meta"):
                yield Input(id="ingest-source", placeholder="source (AFP)")
                yield Input(id="ingest-title", placeholder="title (optional)")
            yield ProgressBar(id="ingest-progress", show_eta=False)
            yield Label("", id="ingest-stage", markup=False)
            with Horizontal(id="ingest-buttons"):
                yield Button("Ingest", variant="primary", id="ingest-go")
                yield Button("Close", id="ingest-close")

    def on_mount(self) -> None:
        self.query_one("#ingest-path", Input).focus()

    def _meta(self) -> dict:
        return {"source": self.query_one("#ingest-source", Input).value.strip() or None,
                "title": self.query_one("#ingest-title", Input).value.strip() or None}

    def _request(self, request: IngestRequest) -> None:
        if self.busy:
            self.notify("An ingest is already running", severity="warning")
            return
        self.busy = True
        self.post_message(self.Requested(request))

    @on(Input.Submitted, "#ingest-path")
    def submit_path(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._request(IngestRequest(paths=(event.value.strip(),), **self._meta()))

    def action_submit_text(self) -> None:
        text = self.query_one("#ingest-text", TextArea).text
        if text.strip():
            self._request(IngestRequest(text=text, **self._meta()))

    @on(Button.Pressed, "#ingest-go")
    def go(self) -> None:
        path = self.query_one("#ingest-path", Input).value.strip()
        if path:
            self._request(IngestRequest(paths=(path,), **self._meta()))
        else:
            self.action_submit_text()

    @on(Button.Pressed, "#ingest-close")
    def action_close(self) -> None:
        self.dismiss(None)

    def show_progress(self, stage: str, done: int, total: int | None) -> None:
        """Called by the app for each progress message of the worker."""
        self.stage = stage
        self.query_one(ProgressBar).update(total=total, progress=done)

    def show_finished(self, summary: str) -> None:
        self.busy = False
        self.stage = summary
        bar = self.query_one(ProgressBar)
        bar.update(total=bar.total or 1, progress=bar.total or 1)

    def watch_stage(self, stage: str) -> None:
        self.query_one("#ingest-stage", Label).update(stage)

    def watch_busy(self, busy: bool) -> None:
        self.query_one("#ingest-go", Button).disabled = busy
