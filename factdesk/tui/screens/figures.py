"""Provides `FiguresScreen`: every value reported for a counted thing, over time.

Type a counted thing ("French troops", "miners trapped") or pick one from the list; the
timeline shows each value with its date, who reported it and the article, so a changed
toll or troop number is visible at a glance.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Static

from factdesk.models import FigureMention
from factdesk.storage import tui_queries
from factdesk.tui.screens.base import ReviewScreen
from factdesk.tui.text import clean, plain, short, status_text
from factdesk.tui.widgets.nav_bar import KeyBar, NavBar


def _value(mention: FigureMention) -> str:
    fig = mention.figure
    if fig.low is not None and fig.high is not None and fig.low != fig.high:
        return f"{fig.low:,.0f}–{fig.high:,.0f}"
    return f"{fig.value:,.0f}" if float(fig.value).is_integer() else f"{fig.value:,}"


class FiguresScreen(ReviewScreen):
    """Counted things on the left, the chosen one's timeline on the right."""

    CSS_PATH = "figures.tcss"
    BINDINGS = [
        Binding("slash", "focus_search", "Counted thing"),
        Binding("tab", "switch_table", "Switch list", show=False),
    ]

    def __init__(self, session, what: str = "", **kwargs) -> None:
        super().__init__(session, **kwargs)
        self.what = what
        self.things: list[tuple[str, int]] = []
        self.mentions: list[FigureMention] = []

    def compose(self) -> ComposeResult:
        yield NavBar('Figures')
        yield Input(self.what, id="figures-search", placeholder="/ counted thing: French troops, killed …")
        with Horizontal():
            with Vertical(id="figures-left"):
                yield DataTable(id="figures-things", cursor_type="row", zebra_stripes=True)
            with Vertical(id="figures-right"):
                yield Static(id="figures-title")
                yield DataTable(id="figures-timeline", cursor_type="row", zebra_stripes=True)
        yield KeyBar(self.BINDINGS, review_keys=True)

    def on_mount(self) -> None:
        self.sub_title = "Figure timeline"
        self.query_one("#figures-things", DataTable).add_columns("counted thing", "n")
        self.query_one("#figures-timeline", DataTable).add_columns(
            "date", "value", "as written", "who", "source", "status", "article")
        self.query_one("#figures-things", DataTable).focus()

    def reload(self) -> None:
        self.things = tui_queries.counted_things(self.db)
        things = self.query_one("#figures-things", DataTable)
        row = things.cursor_row
        things.clear()
        for what, n in self.things:
            things.add_row(plain(what, 30), str(n), key=what)
        if self.things and not self.what:
            things.move_cursor(row=min(row, len(self.things) - 1), animate=False)
            self.what = self.things[min(row, len(self.things) - 1)][0]
        self._show_timeline()

    def _show_timeline(self) -> None:
        self.mentions = tui_queries.figure_timeline(self.db, self.what) if self.what else []
        title = Text(f"“{short(self.what, 60)}”" if self.what else "Pick a counted thing", style="bold")
        values = {m.figure.value for m in self.mentions}
        title.append(f"  {len(self.mentions)} reports, {len(values)} different values", style="dim")
        self.query_one("#figures-title", Static).update(title)
        timeline = self.query_one("#figures-timeline", DataTable)
        timeline.clear()
        previous = None
        for m in self.mentions:
            changed = previous is not None and m.figure.value != previous
            previous = m.figure.value
            timeline.add_row(
                plain((m.claim.published or "")[:10], 10),
                Text(_value(m), style="bold yellow" if changed else "bold"),
                plain(m.figure.text, 24),
                plain(m.claim.speaker_name, 22),
                plain(m.claim.source, 12),
                status_text(m.claim.status),
                plain(m.claim.article_title or m.claim.article_external_id, 40),
                key=str(m.figure.id),
            )

    @on(DataTable.RowHighlighted, "#figures-things")
    def thing_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value and event.row_key.value != self.what:
            self.what = event.row_key.value
            self.query_one("#figures-search", Input).value = clean(self.what)
            self._show_timeline()

    @on(DataTable.RowSelected, "#figures-things")
    def thing_selected(self) -> None:
        self.query_one("#figures-timeline", DataTable).focus()

    @on(DataTable.RowSelected, "#figures-timeline")
    def mention_selected(self, event: DataTable.RowSelected) -> None:
        from factdesk.tui.screens.reader import ReaderScreen

        mention = next((m for m in self.mentions if str(m.figure.id) == event.row_key.value), None)
        if mention is not None:
            self.app.push_screen(ReaderScreen(self.session, mention.claim.article_id, mention.claim.id))

    @on(Input.Submitted, "#figures-search")
    def search_submitted(self, event: Input.Submitted) -> None:
        self.what = event.value.strip()
        self._show_timeline()
        self.query_one("#figures-timeline", DataTable).focus()

    def selected_claim_id(self) -> int | None:
        timeline = self.query_one("#figures-timeline", DataTable)
        if self.focused is timeline and timeline.row_count and self.mentions:
            return self.mentions[min(timeline.cursor_row, len(self.mentions) - 1)].claim.id
        return None

    def action_focus_search(self) -> None:
        self.query_one("#figures-search", Input).focus()

    def action_switch_table(self) -> None:
        things = self.query_one("#figures-things", DataTable)
        timeline = self.query_one("#figures-timeline", DataTable)
        (things if self.focused is timeline else timeline).focus()
