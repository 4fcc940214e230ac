"""Provides `InboxScreen`, the start screen: what needs a decision, newest first.

Open flags (updated figures, contradictions, repeats) come first with their one-line
explanation, then unverified claims that carry figures. Enter opens Compare for a flag
and the Article reader at a claim; the review keys act on the row's claim.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from factdesk import storage
from factdesk.models import Link, StoredClaim
from factdesk.storage import tui_queries
from factdesk.tui.columns import Col
from factdesk.tui.messages import ClaimsCounted
from factdesk.tui.screens.base import ReviewScreen
from factdesk.tui.text import RELATION_LABELS, SHORT_DATE_WIDTH, date_cell, plain, short, status_text
from factdesk.tui.widgets.fit_table import FitTable
from factdesk.tui.widgets.nav_bar import KeyBar, NavBar

INBOX_LIMIT = 200
"""Rows of each kind shown; the Claims screen pages through the rest."""

RELATION_STYLES = {"updated_figure": "bold yellow", "contradiction": "bold red", "repeat": "bold cyan",
                   "related": "cyan"}
SHORT_RELATIONS = {"updated_figure": "figure Δ", "contradiction": "contra.", "repeat": "repeat",
                   "related": "related"}
"""Relation names for the narrow kind column."""

WIDE = 100
"""From this table width on, kinds are written in full and the claim number shows."""


@dataclass(frozen=True)
class InboxRow:
    """One thing waiting for a decision: an open flag on a claim, or an unverified claim."""

    claim: StoredClaim | None
    link: Link | None = None
    ingested: str | None = None
    """When the claim's article was ingested (shown when it has no published date)."""


class InboxTable(FitTable[InboxRow]):
    """What needs a decision comes second and takes the width left over."""

    COLUMNS = (
        Col("kind", "kind", 8, max_table=WIDE),
        Col("kind", "kind", 14, min_table=WIDE),
        Col("what", "what needs a decision"),
        Col("speaker", "speaker", 14, max_table=WIDE),
        Col("speaker", "speaker", 20, min_table=WIDE),
        Col("date", "date", SHORT_DATE_WIDTH, max_table=WIDE),
        Col("date", "date", 10, min_table=WIDE),
        Col("claim", "claim", 6, min_table=WIDE),
    )

    def cell(self, row: InboxRow, key: str, width: int) -> Text | str:
        claim, link = row.claim, row.link
        if key == "kind":
            if link is not None:
                labels = RELATION_LABELS if width >= 14 else SHORT_RELATIONS
                return Text(labels.get(link.relation, link.relation), style=RELATION_STYLES.get(link.relation, ""))
            return status_text(claim.status, width) if claim else Text("")
        if key == "what":
            if link is not None:
                return plain(link.explanation, 300)
            figures = ", ".join(short(f.text, 24) for f in claim.figures[:3])
            out = Text()
            return out.append(figures, style="bold yellow").append(" — ").append(short(claim.text, 300))
        if claim is None:
            return Text("—", style="dim")
        if key == "speaker":
            return plain(claim.speaker_name, width)
        if key == "date":
            return date_cell(claim.published, row.ingested, width)
        if key == "claim":
            return Text(f"#{claim.id}", style="dim")
        return ""


class InboxScreen(ReviewScreen):
    """Flags and unverified figures waiting for the reviewer."""

    CSS_PATH = "inbox.tcss"
    BINDINGS = [Binding("enter", "open", "Open", show=True)]

    def __init__(self, session, **kwargs) -> None:
        super().__init__(session, **kwargs)
        self._link_counts: dict[str, int] = {}
        self._n_unverified: int | None = None
        """Last known count, shown until a fresh one arrives (no flicker to "…")."""

    def compose(self) -> ComposeResult:
        yield NavBar('Inbox')
        yield Static(id="inbox-counts")
        yield InboxTable(id="inbox-table")
        yield KeyBar(self.BINDINGS, review_keys=True)

    def on_mount(self) -> None:
        self.sub_title = "Inbox"
        self.query_one(InboxTable).focus()

    def reload(self) -> None:
        db = self.db
        link_counts = storage.count_links(db, decision="open")
        links = storage.list_links(db, decision="open", limit=INBOX_LIMIT)
        unverified_filter = storage.ClaimFilter(status="unverified", has_figures=True)
        unverified = storage.list_claims(db, unverified_filter, limit=INBOX_LIMIT, with_figures=True)
        self._unverified_filter = unverified_filter
        claims = {c.id: c for c in storage.get_claims(db, sorted({l.claim_id for l in links}))}
        undated = [c.article_id for c in (*claims.values(), *unverified) if not c.published]
        ingested = tui_queries.ingested_dates(db, undated) if undated else {}

        self._link_counts = link_counts
        self._show_counts(self._n_unverified)
        self.count_later(unverified_filter)
        rows = []
        for link in links:
            claim = claims.get(link.claim_id)
            rows.append((f"link-{link.id}", InboxRow(claim, link, ingested.get(claim.article_id) if claim else None)))
        rows += [(f"claim-{c.id}", InboxRow(c, None, ingested.get(c.article_id))) for c in unverified]
        table = self.query_one(InboxTable)
        table.show_items(rows, table.cursor_row)

    def _show_counts(self, n_unverified: int | None) -> None:
        narrow = self.size.width < WIDE
        labels, gap = (SHORT_RELATIONS, " ") if narrow else (RELATION_LABELS, "   ")
        counts = Text(no_wrap=True, overflow="ellipsis")
        for relation in ("updated_figure", "contradiction", "repeat", "related"):
            n = self._link_counts.get(relation, 0)
            if n or relation != "related":
                counts.append(f" {n} ", style=RELATION_STYLES[relation] + " reverse")
                plural = "s" if n != 1 and not labels[relation].endswith((".", "Δ")) else ""
                counts.append(f" {labels[relation]}{plural}{gap}")
        counts.append(f" {'…' if n_unverified is None else n_unverified} ", style="bold reverse")
        counts.append(" unverified with figures")
        self.query_one("#inbox-counts", Static).update(counts, layout=False)

    def on_resize(self) -> None:
        self._show_counts(self._n_unverified)

    @on(ClaimsCounted)
    def counted(self, event: ClaimsCounted) -> None:
        if event.filter == self._unverified_filter:
            self._n_unverified = event.total
            self._show_counts(event.total)

    def selected_claim_id(self) -> int | None:
        row = self.query_one(InboxTable).current_item
        if row is None:
            return None
        return row.link.claim_id if row.link is not None else row.claim.id

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        table = self.query_one(InboxTable)
        row = table.current_item
        if row is None:
            return
        if row.link is not None:
            from factdesk.tui.screens.compare import CompareScreen

            queue = [r.link.id for r in table.items.values() if r.link is not None]
            self.app.push_screen(CompareScreen(self.session, queue, queue.index(row.link.id)))
        elif row.claim is not None:
            from factdesk.tui.screens.reader import ReaderScreen

            self.app.push_screen(ReaderScreen(self.session, row.claim.article_id, row.claim.id))
