"""Article text is untrusted: markup and terminal escapes in it are shown inert, never obeyed."""

from __future__ import annotations

import pytest

from factdesk import storage
from factdesk.models import Article, Claim, Speaker
from factdesk.tui.app import make_app
from factdesk.tui.query import parse, set_token
from factdesk.tui.screens.reader import ReaderScreen
from factdesk.tui.text import clean, plain, render_paragraph
from factdesk.tui.widgets.claim_table import ClaimTable

EVIL = "[bold red]fake verdict[/] \x1b]0;pwned\x07\x1b[2J troops [link=http://x]click[/link]"


@pytest.fixture
def evil_app(tmp_path):
    path = tmp_path / "evil.db"
    db = storage.open_db(path)
    text = f"Intro. {EVIL} said officials."
    start = text.index("[bold")
    end = start + len(EVIL)
    storage.save_article(db, Article(text, "evil", title="[blink]t[/]", published="[red]2013[/]"), [
        Claim(0, "indirect", EVIL, ((start, end),), speaker=Speaker("[b]Minister[/b]")),
    ])
    db.close()
    app = make_app(db_path=path, reviewer="t")
    yield app
    app.session.db.close()


def test_clean_removes_escape_sequences():
    assert "\x1b" not in clean(EVIL) and "\x07" not in clean(EVIL)
    assert "[bold red]fake verdict[/]" in clean(EVIL)


def test_table_cells_are_text_not_markup():
    assert plain("[bold]x[/]").plain == "[bold]x[/]"


async def test_claims_table_and_reader_show_markup_literally(evil_app):
    async with evil_app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2")
        table = evil_app.screen.query_one(ClaimTable)
        cells = table.cells_of(table.coordinate_to_cell_key((0, 0)).row_key.value)
        assert "[bold red]fake verdict[/]" in cells["claim"].plain
        assert cells["speaker"].plain == "[b]Minister[/b]"
        line = table.get_row_at(0)[0].plain
        assert "[b]Minister[/b]" in line and "\x1b" not in line
        claim = storage.list_claims(evil_app.session.db)[0]
        evil_app.push_screen(ReaderScreen(evil_app.session, claim.article_id))
        await pilot.pause()
        shown = " ".join(str(p.render()) for p in evil_app.screen.query(".paragraph"))
        assert "[bold red]fake verdict[/]" in shown and "\x1b" not in shown


def test_paragraph_render_highlights_the_claim_words_after_cleaning():
    """Cleaning happens per piece, so an escape before a claim does not shift its highlight."""
    from factdesk.models import StoredClaim

    text = "\x1b[31mIntro. Troops left."
    start = text.index("Troops")
    claim = StoredClaim(1, 1, "a", 0, "indirect", "Troops left.", ((start, len(text)),), start, len(text),
                        None, "Le Drian", None, None, None, None, "false", None, None, None, None)
    out = render_paragraph(text, (0, len(text)), [claim], None)
    highlighted = [out.plain[s.start:s.end] for s in out.spans if "on" in str(s.style)]
    assert highlighted == ["Troops left."] and "\x1b" not in out.plain


@pytest.mark.parametrize("line, status, speaker, search, sort", [
    ('status:false speaker:"Le Drian" troops', "false", "Le Drian", "troops", "newest"),
    ("sort:oldest has:figures", None, None, None, "oldest"),
    ('status:nonsense "unbalanced', None, None, "unbalanced", "newest"),
])
def test_search_line_parses(line, status, speaker, search, sort):
    """The Claims search line: known tokens filter, the rest is full-text search."""
    q = parse(line)
    assert (q.filter.status, q.filter.speaker, q.filter.search, q.sort) == (status, speaker, search, sort)


def test_set_token_replaces_one_token_and_keeps_quotes():
    assert set_token('speaker:"Le Drian" troops status:false', "status", "verified") == \
        'speaker:"Le Drian" troops status:verified'
    assert set_token("troops is:flagged", "is", None) == "troops"
