"""Provides `ClaimTable`, one page of claims whose text column always fits the screen."""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from factdesk.models import StoredClaim
from factdesk.tui.columns import Col
from factdesk.tui.text import KIND_LETTERS, claim_line, date_cell, plain, short, status_text
from factdesk.tui.widgets.fit_table import FitTable

WIDE = 150
"""From this table width on, kind and figures get their own columns."""
MEDIUM = 100
"""From this width on, statuses are written in full and the date shows."""

COLUMNS = (
    Col("id", "id", 3),
    Col("status", "status", 7, max_table=MEDIUM),
    Col("status", "status", 12, min_table=MEDIUM),
    Col("kind", "kind", 12, min_table=WIDE),
    Col("speaker", "speaker", 18, max_table=WIDE),
    Col("speaker", "speaker", 22, min_table=WIDE),
    Col("date", "date", 10, min_table=MEDIUM),
    Col("claim", "claim"),
    Col("figures", "figures", 20, min_table=WIDE),
)
"""At 80 columns: id, short status, speaker, claim text (figures highlighted in it)."""


class ClaimTable(FitTable[StoredClaim]):
    """A page of claims; row keys are claim ids."""

    COLUMNS = COLUMNS
    BINDINGS = [
        Binding("pagedown", "page(1)", "Next page", show=False),
        Binding("pageup", "page(-1)", "Previous page", show=False),
    ]

    @dataclass
    class Chosen(Message):
        """Enter was pressed on a claim."""

        claim_id: int

    @dataclass
    class PageRequested(Message):
        """PageDown/PageUp asked for the next (+1) or previous (-1) page."""

        delta: int

    def cell(self, claim: StoredClaim, key: str, width: int) -> Text | str:
        if key == "id":
            return Text(str(claim.id), style="dim")
        if key == "status":
            return status_text(claim.status, width)
        if key == "kind":
            return Text(claim.kind if width > 1 else KIND_LETTERS.get(claim.kind, "?"))
        if key == "speaker":
            return plain(claim.speaker_name or "—", width)
        if key == "date":
            return date_cell(claim.published, self.ingested.get(claim.article_id))
        if key == "claim":
            return claim_line(claim, width)
        if key == "figures":
            return plain(", ".join(short(f.text, 20) for f in claim.figures[:2]), width)
        return ""

    ingested: dict[int, str] = {}
    """Article id → when it was ingested, for claims whose article has no published date."""

    def show(self, claims: list[StoredClaim], keep_cursor: bool = True,
             ingested: dict[int, str] | None = None) -> None:
        """Replace the rows with `claims`, keeping the cursor row when it can."""
        self.ingested = ingested or {}
        # The id column is as wide as the page's largest id, no wider.
        self.widths["id"] = max(2, max((len(str(c.id)) for c in claims), default=2))
        self.show_items([(str(c.id), c) for c in claims], self.cursor_row if keep_cursor else 0)

    def set_status(self, claim_id: int, status: str) -> None:
        """Show a new status in one row (after a review key) without rebuilding the page."""
        claim = self.items.get(str(claim_id))
        if claim is not None:
            self.update_item(str(claim_id), replace(claim, status=status))

    @property
    def claim_id(self) -> int | None:
        """The claim under the cursor."""
        key = self.current_key
        return int(key) if key is not None else None

    def action_page(self, delta: int) -> None:
        self.post_message(self.PageRequested(delta))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(int(event.row_key.value)))
