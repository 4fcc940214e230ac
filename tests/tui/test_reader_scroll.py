"""Pilot tests: the reader opens on the chosen claim, wherever it sits in a long article."""

from __future__ import annotations

from factdesk import storage
from factdesk.models import Article, Claim
from factdesk.tui.app import make_app
from factdesk.tui.screens.reader import ReaderScreen
from factdesk.tui.widgets.article_view import ArticleView

FILLER = "Residents of Gao described a quiet night after the fighting, with shops shut early."
CLAIM = "Some 8,000 African troops will take over from the French force by April."


def long_article_store(path) -> tuple[int, int]:
    """A 40-paragraph article whose only claim is in paragraph 36; returns (article id, claim id)."""
    paragraphs = [FILLER] * 35 + [CLAIM] + [FILLER] * 4
    text = "Mali handover\n\n" + "\n\n".join(paragraphs)
    start = text.index(CLAIM)
    db = storage.open_db(path)
    saved = storage.save_article(db, Article(text, "afp-long", "Mali handover", "AFP", published="2013-02-07"),
                                 [Claim(order=0, kind="unattributed", text=CLAIM,
                                        content=((start, start + len(CLAIM)),))])
    db.close()
    return saved.article_id, saved.claim_ids[0]


async def test_reader_opens_scrolled_to_the_chosen_claim(tmp_path):
    """Opening a claim deep in an article shows its paragraph, not the article's top."""
    article_id, claim_id = long_article_store(tmp_path / "claims.db")
    app = make_app(db_path=tmp_path / "claims.db", reviewer="tester")
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(ReaderScreen(app.session, article_id, claim_id))
        await pilot.pause()
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        paragraph = view.query(".paragraph")[36]  # the title is paragraph 0
        assert view.scroll_y > 0
        assert view.scrollable_content_region.contains_region(paragraph.region)
    app.session.db.close()
