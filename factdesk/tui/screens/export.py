"""Provides `ExportScreen`: choose what the report covers, its format and its file.

Dismisses an `ExportRequest` (or None on Esc). The scopes on offer come from the caller,
built around the claim the journalist was looking at: everything, that claim's article,
that claim's speaker; a status narrows any of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from factdesk.models import STATUSES

ANY_STATUS = "any"


@dataclass(frozen=True)
class ExportRequest:
    """What the dialog asked for."""

    fmt: str
    path: str
    scope: int
    """Index into the scopes the dialog was given."""
    status: str | None = None
    """Only claims with this review status (None: any)."""


def default_report_path(directory: Path, extension: str, today: date | None = None) -> Path:
    """~/factdesk-report-2013-02-08.md: dated, so a second export the next day keeps the first."""
    return directory.expanduser() / f"factdesk-report-{(today or date.today()).isoformat()}{extension}"


class ExportScreen(ModalScreen[ExportRequest | None]):
    """The export dialog; Enter in the path writes the report, Esc cancels."""

    CSS_PATH = "export.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, formats: tuple[str, ...], extensions: dict[str, str], directory: Path,
                 scopes: tuple[str, ...] = ("All claims",)) -> None:
        """
        Args:
            formats: report formats, the first is the default.
            extensions: file suffix per format.
            directory: where the report goes by default.
            scopes: what the report can cover, as shown (the first is the default).
        """
        super().__init__()
        self.formats = formats
        self.extensions = extensions
        self.directory = directory
        self.scopes = scopes

    def compose(self) -> ComposeResult:
        first = self.formats[0]
        with Vertical(id="export-dialog"):
            yield Label("Export the review report", classes="title")
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label("Claims")
                    yield Select([(label, i) for i, label in enumerate(self.scopes)], value=0,
                                 allow_blank=False, id="export-scope")
                with Vertical(classes="narrow"):
                    yield Label("Status")
                    yield Select([(s, s) for s in (ANY_STATUS, *STATUSES)], value=ANY_STATUS,
                                 allow_blank=False, id="export-status")
                with Vertical(classes="narrow"):
                    yield Label("Format")
                    yield Select([(f, f) for f in self.formats], value=first, allow_blank=False,
                                 id="export-format")
            yield Label("File (Enter to write)")
            yield Input(str(default_report_path(self.directory, self.extensions.get(first, ".txt"))),
                        id="export-path")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Select.Changed, "#export-format")
    def format_changed(self, event: Select.Changed) -> None:
        path_input = self.query_one("#export-path", Input)
        current = Path(path_input.value)
        if current.suffix in self.extensions.values():
            path_input.value = str(current.with_suffix(self.extensions.get(str(event.value), ".txt")))

    @on(Input.Submitted, "#export-path")
    def submit(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        status = str(self.query_one("#export-status", Select).value)
        self.dismiss(ExportRequest(
            fmt=str(self.query_one("#export-format", Select).value),
            path=event.value.strip(),
            scope=int(self.query_one("#export-scope", Select).value),
            status=None if status == ANY_STATUS else status,
        ))

    def action_cancel(self) -> None:
        self.dismiss(None)
