"""Provides `ClaimsScreen`: every claim, filtered, searched and sorted, paged from SQLite.

The search line is the single source of truth (`status:false speaker:"Le Drian"
has:figures troops sort:oldest`); quick keys rewrite one of its tokens. Only one page of
claims is ever read (PageDown/PageUp load the next/previous one), so a store of a
million claims stays as quick as a small one.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from factdesk import storage
from factdesk.storage import tui_queries
from factdesk.models import CLAIM_KINDS, STATUSES, StoredClaim
from factdesk.tui.messages import ClaimsCounted
from factdesk.tui.query import ClaimQuery, cycle, parse, set_token
from factdesk.tui.screens.base import ReviewScreen
from factdesk.tui.widgets.claim_table import ClaimTable
from factdesk.tui.widgets.nav_bar import KeyBar, NavBar

PAGE_SIZE = 100
"""Claims read per page."""

SORT_ORDER = tuple(storage.SORTS)


class ClaimsScreen(ReviewScreen):
    """All claims, one page at a time."""

    CSS_PATH = "claims.tcss"
    BINDINGS = [
        Binding("slash", "focus_search", "Search"),
        Binding("t", "cycle('status')", "Status filter"),
        Binding("k", "cycle('kind')", "Kind filter", show=False),
        Binding("g", "toggle('has', 'figures')", "Has figures"),
        Binding("exclamation_mark", "toggle('is', 'flagged')", "Flagged"),
        Binding("s", "cycle('sort')", "Sort"),
        Binding("escape", "clear", "Clear filter", show=False),
    ]

    def __init__(self, session, line: str = "", **kwargs) -> None:
        super().__init__(session, **kwargs)
        self.line = line
        self.query_: ClaimQuery = parse(line)
        self.page = 0
        self.total: int | None = None
        """How many claims match; None until the background count arrives."""
        self.claims: list[StoredClaim] = []

    def compose(self) -> ComposeResult:
        yield NavBar('Claims')
        yield Input(self.line, id="claims-search",
                    placeholder='search words, or status:false speaker:"Le Drian" kind:direct '
                                'article:ID has:figures is:flagged sort:oldest')
        yield Static(id="claims-summary")
        yield ClaimTable(id="claims-table")
        yield KeyBar(self.BINDINGS, review_keys=True)

    def on_mount(self) -> None:
        self.sub_title = "Claims"
        self.query_one(ClaimTable).focus()

    def reload(self, keep_cursor: bool = True, recount: bool = True) -> None:
        """Read the current page; `recount` also re-counts the filter (not needed to turn a page)."""
        db, flt = self.db, self.query_.filter
        self.claims = storage.list_claims(db, flt, limit=PAGE_SIZE, offset=self.page * PAGE_SIZE,
                                          sort=self.query_.sort)
        if not self.claims and self.page:  # the store shrank under us: back to the first page
            self.page = 0
            self.claims = storage.list_claims(db, flt, limit=PAGE_SIZE, sort=self.query_.sort)
        undated = [c.article_id for c in self.claims if not c.published]
        ingested = tui_queries.ingested_dates(db, undated) if undated else None
        self.query_one(ClaimTable).show(self.claims, keep_cursor=keep_cursor, ingested=ingested)
        self._show_summary()
        if recount or self.total is None:
            self.count_later(flt)

    def _show_summary(self) -> None:
        first = self.page * PAGE_SIZE + 1 if self.claims else 0
        total = "…" if self.total is None else f"{self.total:,}"
        summary = f"{first:,}–{self.page * PAGE_SIZE + len(self.claims):,} of {total} claims"
        summary += f"  ·  sort {self.query_.sort}  ·  PgDn/PgUp page"
        if self.query_.problems:
            summary += "  ·  not understood: " + " ".join(self.query_.problems)
        # Typed tokens are not markup; the line is one row high, so no layout pass is needed.
        self.query_one("#claims-summary", Static).update(Text(summary, no_wrap=True, overflow="ellipsis"), layout=False)

    @on(ClaimsCounted)
    def counted(self, event: ClaimsCounted) -> None:
        if event.filter == self.query_.filter:
            self.total = event.total
            self._show_summary()

    def apply(self, line: str) -> None:
        """Show the claims a search line selects, from the first page."""
        self.line, self.query_, self.page, self.total = line, parse(line), 0, None
        search = self.query_one("#claims-search", Input)
        if search.value != line:
            search.value = line
        self.reload(keep_cursor=False)

    def selected_claim_id(self) -> int | None:
        return self.query_one(ClaimTable).claim_id

    def action_mark(self, status: str) -> None:
        # Update the one row instead of re-reading the page: the row stays put (even when it
        # no longer matches a status filter) so the reviewer can move on with j/k.
        claim_id = self.selected_claim_id()
        if claim_id is None:
            self.app.bell()
            return
        storage.review_claim(self.db, claim_id, self.session.reviewer, status=status)
        self.query_one(ClaimTable).set_status(claim_id, status)

    @on(Input.Submitted, "#claims-search")
    def search_submitted(self, event: Input.Submitted) -> None:
        self.apply(event.value)
        self.query_one(ClaimTable).focus()

    @on(ClaimTable.PageRequested)
    def change_page(self, event: ClaimTable.PageRequested) -> None:
        page = self.page + event.delta
        past_end = (page * PAGE_SIZE >= self.total) if self.total is not None else len(self.claims) < PAGE_SIZE
        if page < 0 or (event.delta > 0 and past_end):
            self.app.bell()
            return
        self.page = page
        self.reload(keep_cursor=False, recount=False)

    @on(ClaimTable.Chosen)
    def open_reader(self, event: ClaimTable.Chosen) -> None:
        from factdesk.tui.screens.reader import ReaderScreen

        claim = next((c for c in self.claims if c.id == event.claim_id), None)
        if claim is not None:
            self.app.push_screen(ReaderScreen(self.session, claim.article_id, claim.id))

    def action_focus_search(self) -> None:
        self.query_one("#claims-search", Input).focus()

    def action_cycle(self, key: str) -> None:
        flt = self.query_.filter
        options, current = {
            "status": (STATUSES, flt.status),
            "kind": (CLAIM_KINDS, flt.kind),
            "sort": (SORT_ORDER, self.query_.sort),
        }[key]
        value = cycle(current, options)
        if key == "sort" and value is None:
            value = SORT_ORDER[0]
        self.apply(set_token(self.line, key, None if (key == "sort" and value == "newest") else value))

    def action_toggle(self, key: str, value: str) -> None:
        on_now = {"has": self.query_.filter.has_figures, "is": self.query_.filter.flagged}[key]
        self.apply(set_token(self.line, key, None if on_now else value))

    def action_clear(self) -> None:
        self.apply("")
        self.query_one(ClaimTable).focus()
