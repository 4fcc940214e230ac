"""Provides `ClaimTable`, one page of claims in a DataTable; it posts, the screen pages."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from factdesk.models import StoredClaim
from factdesk.tui.text import plain, short, status_text

COLUMNS = (("id", 7), ("status", 12), ("kind", 12), ("speaker", 22), ("figures", 20), ("date", 10),
           ("claim", 90))
"""Columns and fixed widths: fixed widths spare DataTable measuring 700 cells per page."""


class ClaimTable(DataTable):
    """A page of claims; row keys are claim ids."""

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

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_mount(self) -> None:
        keys = [self.add_column(label, width=width) for label, width in COLUMNS]
        self._status_column = keys[1]

    def show(self, claims: list[StoredClaim], keep_cursor: bool = True) -> None:
        """Replace the rows with `claims`, keeping the cursor row when it can."""
        row = self.cursor_row if keep_cursor else 0
        self.clear()
        for claim in claims:
            figures = ", ".join(short(f.text, 20) for f in claim.figures[:2])
            self.add_row(
                Text(str(claim.id), style="dim"),
                status_text(claim.status),
                Text(claim.kind),
                plain(claim.speaker_name or "—", 24),
                plain(figures, 24),
                plain((claim.published or "")[:10], 10),
                plain(claim.text, 90),
                key=str(claim.id),
            )
        if claims:
            self.move_cursor(row=min(row, len(claims) - 1), animate=False)

    def set_status(self, claim_id: int, status: str) -> None:
        """Show a new status in one row (after a review key) without rebuilding the page."""
        self.update_cell(str(claim_id), self._status_column, status_text(status))

    @property
    def claim_id(self) -> int | None:
        """The claim under the cursor."""
        if not self.row_count:
            return None
        key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return int(key.value)

    def action_page(self, delta: int) -> None:
        self.post_message(self.PageRequested(delta))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(int(event.row_key.value)))
