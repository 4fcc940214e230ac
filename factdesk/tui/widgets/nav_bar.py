"""Provides `NavBar` (the main screens, current one lit) and `KeyBar` (this screen's keys).

Both are single Statics drawn once. Textual's Footer re-creates one widget per key on
every focus change, which cost ~0.3 s per screen switch here; the keys of a screen do not
change while it is shown, so a static line says the same thing for nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

SCREENS = (("1", "Inbox"), ("2", "Claims"), ("3", "Speakers"), ("4", "Figures"), ("5", "Articles"))
REVIEW_KEYS = (("v", "verified"), ("f", "false"), ("i", "misleading"), ("d", "disputed"),
               ("u", "unverifiable"), ("0", "unverified"), ("e", "note"), ("^z", "undo"))
KEY_NAMES = {"slash": "/", "exclamation_mark": "!", "question_mark": "?", "escape": "esc",
             "enter": "⏎", "pagedown": "PgDn", "pageup": "PgUp", "tab": "tab"}


class NavBar(Static):
    """The main screens and global keys on one line; `current` is lit."""

    def __init__(self, current: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.current = current

    def render(self) -> Text:
        out = Text(" factdesk ", style="bold reverse")
        for key, name in SCREENS:
            lit = name == self.current
            out.append(f" {key}", style="bold")
            out.append(f" {name} ", style="reverse bold" if lit else "dim")
        if self.current not in dict((n, k) for k, n in SCREENS):
            out.append(f" » {self.current} ", style="reverse bold")
        # At 80 columns the full list wraps; keep only the key that explains the rest.
        tail = "  o ingest  w export  r refresh  ? help  q quit" if self.size.width >= 110 else "  ? help"
        out.append(tail, style="dim")
        return out


class KeyBar(Static):
    """A screen's shown bindings, then the review keys when the screen has them."""

    def __init__(self, bindings: list[Binding], review_keys: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.bindings = [b for b in bindings if b.show and b.description]
        self.review_keys = review_keys

    def render(self) -> Text:
        out = Text()
        for binding in self.bindings:
            key = binding.key.split(",")[0]
            out.append(f" {KEY_NAMES.get(key, key)}", style="bold")
            out.append(f" {binding.description} ", style="dim")
        if self.review_keys:
            out.append(" │", style="dim")
            for key, what in REVIEW_KEYS:
                out.append(f" {key}", style="bold")
                out.append(f" {what}", style="dim")
        return out
