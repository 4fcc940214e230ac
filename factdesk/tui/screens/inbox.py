"""Provides `InboxScreen`, the start screen: what needs a decision, newest first.

Open flags (updated figures, contradictions, repeats) come first with their one-line
explanation, then unverified claims that carry figures. Enter opens Compare for a flag
and the Article reader at a claim; the review keys act on the row's claim.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from factdesk import storage
from factdesk.models import Link, StoredClaim
from factdesk.tui.messages import ClaimsCounted
from factdesk.tui.screens.base import ReviewScreen
from factdesk.tui.text import RELATION_LABELS, plain, short, status_text
from factdesk.tui.widgets.nav_bar import KeyBar, NavBar

INBOX_LIMIT = 200
"""Rows of each kind shown; the Claims screen pages through the rest."""

RELATION_STYLES = {"updated_figure": "bold yellow", "contradiction": "bold red", "repeat": "bold cyan",
                   "related": "cyan"}


class InboxScreen(ReviewScreen):
    """Flags and unverified figures waiting for the reviewer."""

    CSS_PATH = "inbox.tcss"
    BINDINGS = [Binding("enter", "open", "Open", show=True)]

    def __init__(self, session, **kwargs) -> None:
        super().__init__(session, **kwargs)
        self._links: dict[str, Link] = {}
        self._claims: dict[str, StoredClaim] = {}
        self._link_counts: dict[str, int] = {}
        self._n_unverified: int | None = None
        """Last known count, shown until a fresh one arrives (no flicker to "…")."""

    def compose(self) -> ComposeResult:
        yield NavBar('Inbox')
        yield Static(id="inbox-counts")
        yield DataTable(id="inbox-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar(self.BINDINGS, review_keys=True)

    def on_mount(self) -> None:
        self.sub_title = "Inbox"
        table = self.query_one(DataTable)
        table.add_columns("kind", "claim", "speaker", "date", "what needs a decision")
        table.focus()

    def reload(self) -> None:
        db = self.db
        link_counts = storage.count_links(db, decision="open")
        links = storage.list_links(db, decision="open", limit=INBOX_LIMIT)
        unverified_filter = storage.ClaimFilter(status="unverified", has_figures=True)
        unverified = storage.list_claims(db, unverified_filter, limit=INBOX_LIMIT, with_figures=True)
        self._unverified_filter = unverified_filter
        claims = {c.id: c for c in storage.get_claims(db, sorted({l.claim_id for l in links}))}

        self._link_counts = link_counts
        self._show_counts(self._n_unverified)
        self.count_later(unverified_filter)
        self._fill_table(links, unverified, claims)

    def _show_counts(self, n_unverified: int | None) -> None:
        link_counts = self._link_counts
        counts = Text()
        for relation in ("updated_figure", "contradiction", "repeat", "related"):
            n = link_counts.get(relation, 0)
            if n or relation != "related":
                counts.append(f" {n} ", style=RELATION_STYLES[relation] + " reverse")
                counts.append(f" {RELATION_LABELS[relation]}{'s' if n != 1 else ''}   ")
        counts.append(f" {'…' if n_unverified is None else n_unverified} ", style="bold reverse")
        counts.append(" unverified with figures")
        self.query_one("#inbox-counts", Static).update(counts)

    @on(ClaimsCounted)
    def counted(self, event: ClaimsCounted) -> None:
        if event.filter == self._unverified_filter:
            self._n_unverified = event.total
            self._show_counts(event.total)

    def _fill_table(self, links: list[Link], unverified: list[StoredClaim], claims: dict) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self._links, self._claims = {}, {}
        for link in links:
            key = f"link-{link.id}"
            self._links[key] = link
            claim = claims.get(link.claim_id)
            table.add_row(
                Text(RELATION_LABELS.get(link.relation, link.relation),
                     style=RELATION_STYLES.get(link.relation, "")),
                f"#{link.claim_id}",
                plain(claim.speaker_name if claim else None, 22),
                plain((claim.published or "")[:10] if claim else "", 10),
                plain(link.explanation, 120),
                key=key,
            )
        for claim in unverified:
            key = f"claim-{claim.id}"
            self._claims[key] = claim
            figures = ", ".join(short(f.text, 24) for f in claim.figures[:3])
            table.add_row(status_text(claim.status), f"#{claim.id}", plain(claim.speaker_name, 22),
                          plain((claim.published or "")[:10], 10), Text(f"{figures} — {short(claim.text, 100)}"), key=key)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)

    def _current_key(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def selected_claim_id(self) -> int | None:
        key = self._current_key()
        if key in self._links:
            return self._links[key].claim_id
        if key in self._claims:
            return self._claims[key].id
        return None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        key = self._current_key()
        if key in self._links:
            from factdesk.tui.screens.compare import CompareScreen

            queue = [link.id for link in self._links.values()]
            self.app.push_screen(CompareScreen(self.session, queue, queue.index(self._links[key].id)))
        elif key in self._claims:
            from factdesk.tui.screens.reader import ReaderScreen

            claim = self._claims[key]
            self.app.push_screen(ReaderScreen(self.session, claim.article_id, claim.id))
