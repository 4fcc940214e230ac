"""Provides `NavBar` (the main screens, current one lit) and `KeyBar` (this screen's keys).

Both are single Statics drawn once. Textual's Footer re-creates one widget per key on
every focus change, which cost ~0.3 s per screen switch here; the keys of a screen do not
change while it is shown, so a static line says the same thing for nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from factdesk.tui.text import STATUS_LABEL_STYLES, STATUS_MARKS

SCREENS = (("1", "Inbox"), ("2", "Claims"), ("3", "Speakers"), ("4", "Figures"), ("5", "Articles"))
REVIEW_KEYS = (("v", "verified"), ("f", "false"), ("i", "misleading"), ("d", "disputed"),
               ("u", "unverifiable"), ("0", "unverified"), ("e", "note"), ("^z", "undo"))
"""Shown after a review screen's own keys; narrow bars show the statuses as marks (v✓ f✗ …)."""
SHORT_LABELS = {"Has figures": "figures", "Status filter": "status", "Kind filter": "kind",
                "Clear filter": "clear", "Counted thing": "thing", "Timeline/speakers": "switch",
                "Mark/merge": "merge", "Read article": "read", "Confirm link": "confirm",
                "Reject link": "reject", "Reopen link": "reopen", "Next flag": "next", "Prev flag": "prev",
                "Next claim": "next", "Prev claim": "prev", "Compare link": "compare"}
"""Bar labels for narrow screens; any other description shows its first word."""
KEY_NAMES = {"slash": "/", "exclamation_mark": "!", "question_mark": "?", "escape": "esc",
             "enter": "⏎", "pagedown": "PgDn", "pageup": "PgUp", "tab": "tab"}
NAV_TAILS = ("  o ingest  w export  r refresh  ? help  q quit", "  ? help")
"""The navigation bar's global keys, longest first."""
WORDINGS = ((False, "full"), (False, "compact"), (True, "compact"), (True, "marks"), (False, "help"),
            (True, "help"))
"""(short screen labels?, review keys wording) from the longest bar to the shortest."""


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
        # The global keys that fit on the line; "? help" explains the rest.
        width = self.size.width or 10_000
        tail = next((t for t in NAV_TAILS if out.cell_len + len(t) <= width), "")
        out.append(tail, style="dim")
        out.no_wrap, out.overflow = True, "ellipsis"
        return out


class KeyBar(Static):
    """A screen's shown bindings, then the review keys when the screen has them; always one line.

    When the full labels do not fit, the review keys shrink to their status marks
    ("v✓ f✗ …"), then the screen's labels to one word, then the review keys give way to
    "? keys" (the help lists them all).
    """

    def __init__(self, bindings: list[Binding], review_keys: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.bindings = [b for b in bindings if b.show and b.description]
        self.review_keys = review_keys

    def _screen_keys(self, short: bool) -> Text:
        out = Text()
        for binding in self.bindings:
            key = binding.key.split(",")[0]
            if short and key == "escape":
                continue  # Esc goes back everywhere; a narrow bar keeps the room for the rest
            label = binding.description
            if short:
                label = SHORT_LABELS.get(label, label.split()[0].lower())
            out.append(f" {KEY_NAMES.get(key, key)}", style="bold")
            out.append(f" {label}" + ("" if short else " "), style="dim")
        return out

    def _review(self, wording: str) -> Text:
        """The review keys: "full" words, "compact" status marks, "marks" only, or "help"."""
        out = Text(" │", style="dim")
        if wording == "help":
            return out.append(" ? keys", style="dim")
        for key, what in REVIEW_KEYS:
            if wording != "full" and what in STATUS_MARKS:
                out.append(f" {key}", style="bold")
                out.append(STATUS_MARKS[what], style=STATUS_LABEL_STYLES.get(what, "dim"))
            elif wording != "marks":
                out.append(f" {key}", style="bold")
                out.append(f" {what}", style="dim")
        if wording == "marks":
            out.append(" ? more", style="dim")
        return out

    def candidates(self) -> list[Text]:
        """The bar's wordings, longest first."""
        out = []
        for short, wording in WORDINGS:
            line = self._screen_keys(short)
            if self.review_keys:
                line.append_text(self._review(wording))
            out.append(line)
        return out

    def render(self) -> Text:
        width = self.size.width or 10_000
        options = self.candidates()
        line = next((c for c in options if c.cell_len <= width), options[-1])
        line.no_wrap, line.overflow = True, "ellipsis"
        return line
