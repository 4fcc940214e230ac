"""Provides `FitTable`, a DataTable whose columns fit the screen's width, one line per row.

Each row is drawn as a single cell holding the whole line (`columns.compose`), laid out
from `COLUMNS` for the width the table has; a resize lays the rows out again. One cell per
row instead of seven also makes a page change about five times cheaper to paint: DataTable
renders and measures every cell through Rich separately.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from factdesk.tui.columns import Col, Layout, compose, fit, header

Item = TypeVar("Item")

SCROLLBAR = 1
"""Cells kept for the vertical scrollbar (app.tcss), so rows never scroll sideways."""


class Line:
    """A row's line, composed only when it is first drawn.

    A page has 100 rows and the screen shows 20–45 of them; DataTable asks every cell for its
    width up front, which this answers without composing anything.
    """

    __slots__ = ("_compose", "_item", "_text", "_width")

    def __init__(self, compose_line, item, width: int) -> None:
        self._compose, self._item, self._width, self._text = compose_line, item, width, None

    @property
    def text(self) -> Text:
        if self._text is None:
            self._text = self._compose(self._item)
        return self._text

    @property
    def plain(self) -> str:
        return self.text.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self._width, self._width)


class FitTable(DataTable, Generic[Item]):
    """Rows of items (claims, links, speakers); subclasses say how an item fills a column."""

    COLUMNS: Sequence[Col] = ()
    """Columns in display order; at most one flexible (width 0)."""

    def __init__(self, columns: Sequence[Col] | None = None, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, cell_padding=0, **kwargs)
        self.layout_columns = tuple(columns if columns is not None else self.COLUMNS)
        self.fitted: Layout = ()
        self.widths: dict[str, int] = {}
        """Per-key widths that depend on the rows shown (set by subclasses before `show_items`)."""
        self.items: dict[str, Item] = {}
        """Row key → the item it shows."""
        self._line_key: Any = None
        self._cursor_wanted = 0
        """Cursor row asked for before the table had a width."""

    def cell(self, item: Item, key: str, width: int) -> Text | str:
        """What `item` shows in column `key`, given the column's width (override)."""
        return ""

    def row_text(self, item: Item) -> Text:
        """The whole line for `item` under the current layout."""
        return compose((self.cell(item, key, width) for key, _, width in self.fitted), self.fitted)

    # --- layout ---------------------------------------------------------------------------

    def _table_width(self) -> int:
        return max(0, self.size.width - SCROLLBAR)

    def _relayout(self) -> bool:
        """Fit the columns to the current width; True when the layout changed (rows redrawn)."""
        width = self._table_width()
        if not width:
            return False
        layout = fit(self.layout_columns, width, self.widths)
        if layout == self.fitted and self._line_key is not None:
            return False
        self.fitted = layout
        row = self.cursor_row if self._line_key is not None else self._cursor_wanted
        self.clear(columns=True)
        self._line_key = self.add_column(header(layout), width=width, key="line")
        self._add_rows(row)
        return True

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    # --- rows -----------------------------------------------------------------------------

    def show_items(self, items: Sequence[tuple[str, Item]], cursor_row: int = 0) -> None:
        """Replace the rows with `items` (row key, item), the cursor on `cursor_row` (clamped)."""
        self.items = dict(items)
        self._cursor_wanted = cursor_row
        if self._relayout():  # a new layout (first show, or ids got wider) draws the rows itself
            self.move_cursor(row=min(cursor_row, max(0, len(self.items) - 1)), animate=False)
            return
        self.clear()
        self._add_rows(cursor_row)

    def _add_rows(self, cursor_row: int) -> None:
        if self._line_key is None:
            return  # not laid out yet: the first resize draws them
        width = self.columns[self._line_key].width
        for key, item in self.items.items():
            self.add_row(Line(self.row_text, item, width), key=key)
        if self.items:
            self.move_cursor(row=min(cursor_row, len(self.items) - 1), animate=False)

    def update_item(self, key: str, item: Item) -> None:
        """Redraw one row for a changed item (after a review key) without rebuilding the page."""
        if key not in self.items:
            return
        self.items[key] = item
        if self._line_key is not None:
            self.update_cell(key, self._line_key, Line(self.row_text, item, self.columns[self._line_key].width))

    @property
    def current_key(self) -> str | None:
        """Row key under the cursor."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    @property
    def current_item(self) -> Item | None:
        key = self.current_key
        return self.items.get(key) if key is not None else None

    def cells_of(self, key: str) -> dict[str, Text]:
        """Each shown column's cell for one row, by column key (for tests and copy)."""
        item = self.items[key]
        out = {}
        for column, _, width in self.fitted:
            value = self.cell(item, column, width)
            out[column] = value if isinstance(value, Text) else Text(value)
        return out
