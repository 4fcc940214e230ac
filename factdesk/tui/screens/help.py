"""Provides `HelpScreen`: every key binding of the app and of each screen, read from the classes.

The list is generated from the `BINDINGS` themselves, so it cannot drift from the keys.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def _keys(binding: Binding) -> str:
    names = {"question_mark": "?", "slash": "/", "exclamation_mark": "!", "pagedown": "PgDn",
             "pageup": "PgUp", "escape": "Esc", "enter": "Enter", "tab": "Tab"}
    return ", ".join(names.get(k, k) for k in binding.key.split(","))


def bindings_table(sections: list[tuple[str, list]]) -> Table:
    """A two-column table of (keys, description) grouped by section."""
    table = Table(show_header=False, box=None, pad_edge=False, expand=True)
    table.add_column("keys", style="bold cyan", no_wrap=True, width=16)
    table.add_column("what")
    for title, bindings in sections:
        table.add_row(Text(title, style="bold underline"), "")
        for binding in bindings:
            if isinstance(binding, Binding) and binding.description:
                table.add_row(_keys(binding), binding.description)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    """The key bindings, grouped by screen; any of Esc, q or ? closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, sections: list[tuple[str, list]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("factdesk — keys  (ctrl+p: every action by name)", style="bold"))
            yield Static(bindings_table(self.sections))

    def action_close(self) -> None:
        self.dismiss(None)
