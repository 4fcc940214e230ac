"""Provides `SpeakersScreen`: every speaker with role and aliases, and their claims over time.

Merging: m marks the speaker under the cursor, move to the speaker to keep, press m again
(or Enter) and confirm; the marked speaker's claims and aliases move to the kept one.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Static

from factdesk import storage
from factdesk.storage import tui_queries
from factdesk.models import StoredClaim, StoredSpeaker
from factdesk.tui.columns import Col
from factdesk.tui.screens.base import ReviewScreen
from factdesk.tui.screens.confirm import ConfirmScreen
from factdesk.tui.text import claim_line, date_cell, plain, short, status_text
from factdesk.tui.widgets.fit_table import FitTable
from factdesk.tui.widgets.nav_bar import KeyBar, NavBar


class SpeakerTable(FitTable[StoredSpeaker]):
    """Speakers: the name takes the width, the role shows when there is room."""

    COLUMNS = (Col("speaker", "speaker"), Col("role", "role", 24, min_table=60), Col("claims", "n", 4))
    marked: int | None = None
    """Id of the speaker marked for merging (drawn lit)."""

    def cell(self, sp: StoredSpeaker, key: str, width: int) -> Text | str:
        if key == "speaker":
            if sp.id == self.marked:
                return Text("» " + short(sp.name, 200), style="bold reverse yellow")
            return plain(sp.name, 200)
        if key == "role":
            return plain(sp.role, width)
        return Text(f"{sp.claim_count:>{width}}")


class SpeakerTimeline(FitTable[StoredClaim]):
    """One speaker's claims over time; the claim text takes the width."""

    COLUMNS = (Col("date", "date", 10), Col("status", "status", 7, max_table=70),
               Col("status", "status", 12, min_table=70), Col("claim", "claim"))

    def cell(self, claim: StoredClaim, key: str, width: int) -> Text | str:
        if key == "date":
            return date_cell(claim.published)
        if key == "status":
            return status_text(claim.status, width)
        return claim_line(claim)


class SpeakersScreen(ReviewScreen):
    """Speakers on the left, the selected speaker's timeline on the right."""

    CSS_PATH = "speakers.tcss"
    BINDINGS = [
        Binding("m", "merge", "Mark/merge"),
        Binding("slash", "focus_search", "Search"),
        Binding("tab", "switch_table", "Timeline/speakers", show=False),
        Binding("escape", "unmark", "Unmark", show=False),
    ]

    def __init__(self, session, **kwargs) -> None:
        super().__init__(session, **kwargs)
        self.speakers: list[StoredSpeaker] = []
        self.timeline: list[StoredClaim] = []
        self.marked: StoredSpeaker | None = None
        self.search = ""

    def compose(self) -> ComposeResult:
        yield NavBar('Speakers')
        with Horizontal():
            with Vertical(id="speakers-left"):
                yield Input(id="speakers-search", placeholder="/ names, aliases")
                yield SpeakerTable(id="speakers-table")
            with Vertical(id="speakers-right"):
                yield Static(id="speakers-detail")
                yield SpeakerTimeline(id="speakers-timeline")
        yield KeyBar(self.BINDINGS, review_keys=True)

    def on_mount(self) -> None:
        self.sub_title = "Speakers"
        self.query_one("#speakers-table", DataTable).focus()

    def reload(self) -> None:
        self.speakers = storage.list_speakers(self.db, search=self.search or None)
        table = self.query_one(SpeakerTable)
        table.marked = self.marked.id if self.marked else None
        table.show_items([(str(sp.id), sp) for sp in self.speakers], table.cursor_row)
        self._show_timeline()

    def _current(self) -> StoredSpeaker | None:
        return self.query_one(SpeakerTable).current_item

    def _show_timeline(self) -> None:
        sp = self._current()
        detail = Text()
        timeline = self.query_one(SpeakerTimeline)
        self.timeline = tui_queries.speaker_timeline(self.db, sp.id) if sp else []
        if sp is not None:
            detail.append(short(sp.name, 80), style="bold")
            detail.append(f"  {sp.kind}  #{sp.id}\n", style="dim")
            detail.append(f"Role     {short(sp.role, 80) or '—'}\n")
            detail.append(f"Aliases  {short(', '.join(sp.aliases), 200) or '—'}\n")
        if self.marked is not None:
            detail.append(f"Marked for merge: {short(self.marked.name, 40)} — move to the speaker to keep, press m",
                          style="bold yellow")
        self.query_one("#speakers-detail", Static).update(detail)
        timeline.show_items([(str(c.id), c) for c in self.timeline])

    @on(DataTable.RowHighlighted, "#speakers-table")
    def speaker_highlighted(self) -> None:
        self._show_timeline()

    @on(DataTable.RowSelected, "#speakers-table")
    def speaker_selected(self) -> None:
        if self.marked is not None:
            self.action_merge()
        else:
            self.query_one("#speakers-timeline", DataTable).focus()

    @on(DataTable.RowSelected, "#speakers-timeline")
    def claim_selected(self, event: DataTable.RowSelected) -> None:
        from factdesk.tui.screens.reader import ReaderScreen

        claim = next((c for c in self.timeline if c.id == int(event.row_key.value)), None)
        if claim is not None:
            self.app.push_screen(ReaderScreen(self.session, claim.article_id, claim.id))

    @on(Input.Submitted, "#speakers-search")
    def search_submitted(self, event: Input.Submitted) -> None:
        self.search = event.value.strip()
        self.reload()
        self.query_one("#speakers-table", DataTable).focus()

    def selected_claim_id(self) -> int | None:
        timeline = self.query_one("#speakers-timeline", DataTable)
        if self.focused is timeline and timeline.row_count:
            return int(timeline.coordinate_to_cell_key(timeline.cursor_coordinate).row_key.value)
        return None

    def action_focus_search(self) -> None:
        self.query_one("#speakers-search", Input).focus()

    def action_switch_table(self) -> None:
        table = self.query_one("#speakers-table", DataTable)
        timeline = self.query_one("#speakers-timeline", DataTable)
        (table if self.focused is timeline else timeline).focus()

    def action_unmark(self) -> None:
        self.marked = None
        self.reload()

    def action_merge(self) -> None:
        current = self._current()
        if current is None:
            return
        if self.marked is None or self.marked.id == current.id:
            self.marked = None if self.marked else current
            self.reload()
            return
        merge, keep = self.marked, current

        def done(confirmed: bool | None) -> None:
            self.marked = None
            if confirmed:
                kept = storage.merge_speakers(self.db, keep.id, merge.id)
                self.notify(f"Merged {short(merge.name, 40)} into {short(kept.name, 40)}", timeout=3, markup=False)
            self.reload()

        self.app.push_screen(
            ConfirmScreen(f"Merge “{short(merge.name, 40)}” ({merge.claim_count} claims) into "
                          f"“{short(keep.name, 40)}”? Its claims and aliases move to "
                          f"{short(keep.name, 40)}."),
            done,
        )
