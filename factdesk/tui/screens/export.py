"""Provides `ExportScreen`: choose a report format and a file; dismisses (format, path) or None."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select


class ExportScreen(ModalScreen[tuple[str, str] | None]):
    """The export dialog; Enter in the path writes the report, Esc cancels."""

    CSS_PATH = "export.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, formats: tuple[str, ...], extensions: dict[str, str], directory: Path) -> None:
        super().__init__()
        self.formats = formats
        self.extensions = extensions
        self.directory = directory

    def _default_path(self, fmt: str) -> str:
        return str(self.directory / f"factdesk-report{self.extensions.get(fmt, '.txt')}")

    def compose(self) -> ComposeResult:
        first = self.formats[0]
        with Vertical(id="export-dialog"):
            yield Label("Export the review report", classes="title")
            yield Label("Format")
            yield Select([(f, f) for f in self.formats], value=first, allow_blank=False, id="export-format")
            yield Label("File (Enter to write)")
            yield Input(self._default_path(first), id="export-path")

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
        if event.value.strip():
            self.dismiss((str(self.query_one("#export-format", Select).value), event.value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
