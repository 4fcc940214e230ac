"""Provides `ArticlesScreen`: the stored articles, newest first; Enter opens the reader."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from factdesk import storage
from factdesk.models import StoredArticle
from factdesk.tui.columns import Col
from factdesk.tui.screens.base import StoreScreen
from factdesk.tui.text import date_cell, paragraphs, plain
from factdesk.tui.widgets.fit_table import FitTable
from factdesk.tui.widgets.nav_bar import KeyBar, NavBar

ARTICLES_PAGE = 500
"""Articles listed; older ones are reached through Claims (article:ID)."""


def headline(art: StoredArticle) -> str:
    """The title, else the article's first paragraph (an untitled article still reads as itself)."""
    if art.title:
        return art.title
    spans = paragraphs(art.text)
    return art.text[spans[0][0]:spans[0][1]] if spans else ""


class ArticleTable(FitTable[StoredArticle]):
    """Articles; the title takes the width, the external id shows when there is room."""

    COLUMNS = (Col("date", "published", 10), Col("source", "source", 8), Col("claims", "n", 4),
               Col("title", "title"), Col("id", "id", 24, min_table=110))

    def cell(self, art: StoredArticle, key: str, width: int) -> Text | str:
        if key == "date":
            return date_cell(art.published, art.ingested)
        if key == "source":
            return plain(art.source, width)
        if key == "claims":
            return Text(f"{art.claim_count:>{width}}")
        if key == "title":
            return plain(headline(art), 300)
        return plain(art.external_id, width)


class ArticlesScreen(StoreScreen):
    """Pick an article to read."""

    CSS_PATH = "articles.tcss"
    BINDINGS = [Binding("enter", "open", "Read", show=True)]

    def compose(self) -> ComposeResult:
        yield NavBar('Articles')
        yield ArticleTable(id="articles-table")
        yield KeyBar(self.BINDINGS, review_keys=False)

    def on_mount(self) -> None:
        self.sub_title = "Articles"
        self.query_one(ArticleTable).focus()

    def reload(self) -> None:
        table = self.query_one(ArticleTable)
        articles = storage.list_articles(self.db, limit=ARTICLES_PAGE)
        table.show_items([(str(art.id), art) for art in articles], table.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        from factdesk.tui.screens.reader import ReaderScreen

        key = self.query_one(ArticleTable).current_key
        if key is not None:
            self.app.push_screen(ReaderScreen(self.session, int(key)))
