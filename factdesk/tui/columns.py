"""Provides column layouts that fit a table to the screen's width; no widgets here.

A table lists its columns once: fixed widths, the table widths at which each one shows,
and one flexible column that takes whatever is left. The column a journalist needs (the
claim text, what needs a decision) is the flexible one, so it can never be pushed
off-screen to the right, and compact variants of the other columns take over at 80
columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich.text import Text

GAP = 1
"""Spaces between two columns."""

LEFT_MARGIN = 1
"""Spaces before the first column."""

MIN_FLEX = 12
"""The flexible column never gets fewer cells than this (the row is cut on the right instead)."""


@dataclass(frozen=True)
class Col:
    """One column of a table layout."""

    key: str
    """What the row renderer is asked for; two variants of a column share a key."""
    label: str
    width: int = 0
    """Cells wide; 0 makes this the flexible column, which takes the width left over."""
    min_table: int = 0
    """Shown only when the table is at least this wide."""
    max_table: int | None = None
    """Shown only when the table is narrower than this (a compact variant of a wider column)."""

    def shows_at(self, table_width: int) -> bool:
        return self.min_table <= table_width and (self.max_table is None or table_width < self.max_table)


Layout = tuple[tuple[str, str, int], ...]
"""(key, label, width) of each column shown, in order."""


def fit(columns: Sequence[Col], table_width: int, widths: Mapping[str, int] | None = None) -> Layout:
    """The columns that show at `table_width`, each with its width.

    Args:
        columns: the table's columns in display order, at most one flexible (width 0).
        table_width: cells available for a row, margin included.
        widths: per-key widths that override the declared ones (e.g. ids as wide as the largest).
    """
    widths = widths or {}
    shown = [c for c in columns if c.shows_at(table_width)]
    sized = [(c, widths.get(c.key, c.width)) for c in shown]
    fixed = sum(w for c, w in sized if c.width) + GAP * max(0, len(sized) - 1) + LEFT_MARGIN
    flex = max(MIN_FLEX, table_width - fixed)
    return tuple((c.key, c.label, w if c.width else flex) for c, w in sized)


def compose(cells: Iterable[Text | str], layout: Layout) -> Text:
    """One table line: each cell cut (with an ellipsis) or padded to its column's width."""
    out = Text(" " * LEFT_MARGIN, no_wrap=True, overflow="crop", end="")
    for i, (cell, (_, _, width)) in enumerate(zip(cells, layout)):
        if i:
            out.append(" " * GAP)
        piece = cell.copy() if isinstance(cell, Text) else Text(cell)
        piece.truncate(width, overflow="ellipsis", pad=True)
        out.append_text(piece)
    return out


def header(layout: Layout) -> Text:
    """The column labels, laid out like the rows."""
    return compose((label for _, label, _ in layout), layout)
