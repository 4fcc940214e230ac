"""Provides `ArticleView`: an article with every claim highlighted and its speaker labelled."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from factdesk.models import StoredArticle, StoredClaim
from factdesk.tui.text import paragraphs, render_paragraph


class ArticleView(VerticalScroll, can_focus=True):
    """One Static per paragraph, so the selected claim can be scrolled into view."""

    selected: reactive[int | None] = reactive(None)
    """Id of the selected claim; the screen sets it."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._article: StoredArticle | None = None
        self._claims: list[StoredClaim] = []
        self._spans: list[tuple[int, int]] = []

    def show(self, article: StoredArticle, claims: list[StoredClaim]) -> None:
        """Render an article and its claims (call again after a review changes a status)."""
        same_article = self._article is not None and self._article.id == article.id
        self._article, self._claims = article, claims
        if not same_article:
            self._spans = paragraphs(article.text)
            self.remove_children()
            self.mount_all(Static(classes="paragraph") for _ in self._spans)
        self.call_after_refresh(self._render_all)

    def _render_all(self) -> None:
        if self._article is None:
            return
        for span, widget in zip(self._spans, self.query(".paragraph").results(Static)):
            widget.update(render_paragraph(self._article.text, span, self._claims, self.selected))
        # Paragraphs just mounted or updated have no layout yet: scrolling now would aim at a
        # zero-height widget and leave the article at its top.
        self.call_after_refresh(self._scroll_to_selected)

    def watch_selected(self, old: int | None, new: int | None) -> None:
        self._render_all()

    def _scroll_to_selected(self) -> None:
        claim = next((c for c in self._claims if c.id == self.selected), None)
        if claim is None:
            return
        for span, widget in zip(self._spans, self.query(".paragraph").results(Static)):
            if span[0] <= claim.start < span[1] or (claim.start < span[0] < claim.end):
                self.scroll_to_widget(widget, animate=False, top=False)
                break
