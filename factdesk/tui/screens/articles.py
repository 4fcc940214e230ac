"""Provides `ArticlesScreen`: the stored articles, newest first; Enter opens the reader."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from factdesk import storage
from factdesk.tui.screens.base import StoreScreen
from factdesk.tui.text import plain, short
from factdesk.tui.widgets.nav_bar import KeyBar, NavBar

ARTICLES_PAGE = 500
"""Articles listed; older ones are reached through Claims (article:ID)."""


class ArticlesScreen(StoreScreen):
    """Pick an article to read."""

    CSS_PATH = "articles.tcss"
    BINDINGS = [Binding("enter", "open", "Read", show=True)]

    def compose(self) -> ComposeResult:
        yield NavBar('Articles')
        yield DataTable(id="articles-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar(self.BINDINGS, review_keys=False)

    def on_mount(self) -> None:
        self.sub_title = "Articles"
        table = self.query_one(DataTable)
        table.add_columns("published", "source", "claims", "id", "title")
        table.focus()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for art in storage.list_articles(self.db, limit=ARTICLES_PAGE):
            table.add_row(plain((art.published or "")[:10], 10), plain(art.source, 14), str(art.claim_count),
                          plain(art.external_id, 30), plain(art.title, 90), key=str(art.id))
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        from factdesk.tui.screens.reader import ReaderScreen

        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            self.app.push_screen(ReaderScreen(self.session, int(key)))
