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
from factdesk.tui.columns import Col
from factdesk.tui.screens.base import ReviewScreen
from factdesk.tui.text import claim_line, clean, date_cell, plain, short, status_text
from factdesk.tui.widgets.fit_table import FitTable
from factdesk.tui.widgets.nav_bar import KeyBar, NavBar


def _value(mention: FigureMention) -> str:
    fig = mention.figure
    if fig.low is not None and fig.high is not None and fig.low != fig.high:
        return f"{fig.low:,.0f}–{fig.high:,.0f}"
    return f"{fig.value:,.0f}" if float(fig.value).is_integer() else f"{fig.value:,}"


class ThingTable(FitTable[tuple[str, int]]):
    """Counted things and how many figures report each."""

    COLUMNS = (Col("thing", "counted thing"), Col("n", "n", 4))

    def cell(self, thing: tuple[str, int], key: str, width: int) -> Text | str:
        return plain(thing[0], 200) if key == "thing" else Text(f"{thing[1]:>{width}}")


class MentionTable(FitTable[FigureMention]):
    """A counted thing's values over time; a changed value is lit, the claim takes the width."""

    COLUMNS = (
        Col("date", "date", 10),
        Col("value", "value", 9),
        Col("who", "who", 16),
        Col("status", "status", 7, min_table=70, max_table=100),
        Col("status", "status", 12, min_table=100),
        Col("claim", "claim"),
        Col("source", "source", 10, min_table=110),
        Col("article", "article", 28, min_table=140),
    )
    changed: frozenset[int] = frozenset()
    """Ids of figures whose value differs from the one before (drawn lit)."""

    def cell(self, m: FigureMention, key: str, width: int) -> Text | str:
        if key == "date":
            return date_cell(m.claim.published)
        if key == "value":
            return Text(_value(m), style="bold yellow" if m.figure.id in self.changed else "bold")
        if key == "who":
            return plain(m.claim.speaker_name, width)
        if key == "status":
            return status_text(m.claim.status, width)
        if key == "claim":
            return claim_line(m.claim)
        if key == "source":
            return plain(m.claim.source, width)
        return plain(m.claim.article_title or m.claim.article_external_id, width)


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
                yield ThingTable(id="figures-things")
            with Vertical(id="figures-right"):
                yield Static(id="figures-title")
                yield MentionTable(id="figures-timeline")
        yield KeyBar(self.BINDINGS, review_keys=True)

    def on_mount(self) -> None:
        self.sub_title = "Figure timeline"
        self.query_one("#figures-things", DataTable).focus()

    def reload(self) -> None:
        self.things = tui_queries.counted_things(self.db)
        things = self.query_one(ThingTable)
        row = things.cursor_row
        things.show_items([(what, (what, n)) for what, n in self.things], row)
        if self.things and not self.what:
            self.what = self.things[min(row, len(self.things) - 1)][0]
        self._show_timeline()

    def _show_timeline(self) -> None:
        self.mentions = tui_queries.figure_timeline(self.db, self.what) if self.what else []
        title = Text(f"“{short(self.what, 60)}”" if self.what else "Pick a counted thing", style="bold")
        values = {m.figure.value for m in self.mentions}
        title.append(f"  {len(self.mentions)} reports, {len(values)} different values", style="dim")
        self.query_one("#figures-title", Static).update(title)
        timeline = self.query_one(MentionTable)
        timeline.changed = frozenset(m.figure.id for before, m in zip(self.mentions, self.mentions[1:])
                                     if m.figure.value != before.figure.value)
        timeline.show_items([(str(m.figure.id), m) for m in self.mentions])

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
