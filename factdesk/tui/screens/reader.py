"""Provides `ReaderScreen`: one article with its claims highlighted, walked with n/p (j/k).

The text is coloured by each claim's review status and styled by its kind (direct quotes
bold, reported speech italic), with the speaker labelled inline; the side panel shows the
selected claim in full, and l compares it with a linked claim.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from factdesk import storage
from factdesk.models import StoredArticle, StoredClaim
from factdesk.tui.screens.base import ReviewScreen
from factdesk.tui.text import clean
from factdesk.tui.widgets.article_view import ArticleView
from factdesk.tui.widgets.claim_panel import ClaimPanel
from factdesk.tui.widgets.nav_bar import KeyBar, NavBar


class ReaderScreen(ReviewScreen):
    """Read an article claim by claim."""

    CSS_PATH = "reader.tcss"
    BINDINGS = [
        Binding("n,j", "step(1)", "Next claim"),
        Binding("p,k", "step(-1)", "Prev claim"),
        Binding("l", "compare", "Compare link"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, session, article_id: int, claim_id: int | None = None, **kwargs) -> None:
        super().__init__(session, **kwargs)
        self.article_id = article_id
        self.claim_id = claim_id
        self.article: StoredArticle | None = None
        self.claims: list[StoredClaim] = []

    def compose(self) -> ComposeResult:
        yield NavBar('Reader')
        yield Static(id="reader-title")
        with Horizontal():
            yield ArticleView(id="reader-article")
            with VerticalScroll(id="reader-side"):
                yield ClaimPanel(id="reader-panel")
        yield KeyBar(self.BINDINGS, review_keys=True)

    def on_mount(self) -> None:
        self.sub_title = "Reader"
        self.query_one(ArticleView).focus()

    def reload(self) -> None:
        self.article = storage.get_article(self.db, self.article_id)
        if self.article is None:
            self.query_one("#reader-title", Static).update(Text("Article not found", style="bold red"))
            return
        self.claims = storage.claims_for_article(self.db, self.article.id)
        if self.claim_id is None and self.claims:
            self.claim_id = self.claims[0].id
        title = Text(clean(self.article.title or self.article.external_id), style="bold")
        meta = " · ".join(clean(p) for p in (self.article.source, self.article.published) if p)
        title.append(f"  {meta}  {len(self.claims)} claims", style="dim")
        self.query_one("#reader-title", Static).update(title)
        view = self.query_one(ArticleView)
        view.show(self.article, self.claims)
        view.selected = self.claim_id
        self._show_panel()

    def _show_panel(self) -> None:
        panel = self.query_one(ClaimPanel)
        panel.article_text = self.article.text if self.article else None
        claim = next((c for c in self.claims if c.id == self.claim_id), None)
        panel.links = tuple(storage.list_links(self.db, claim_id=claim.id, limit=20)) if claim else ()
        panel.claim = claim

    def selected_claim_id(self) -> int | None:
        return self.claim_id

    def action_step(self, delta: int) -> None:
        if not self.claims:
            return
        ids = [c.id for c in self.claims]
        i = ids.index(self.claim_id) if self.claim_id in ids else -1
        self.claim_id = ids[max(0, min(len(ids) - 1, i + delta))]
        self.query_one(ArticleView).selected = self.claim_id
        self._show_panel()

    def action_compare(self) -> None:
        links = storage.list_links(self.db, claim_id=self.claim_id, limit=50) if self.claim_id else []
        if not links:
            self.notify("This claim has no links", timeout=2)
            return
        from factdesk.tui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(self.session, [link.id for link in links], 0))
