"""Tables fit the terminal: at 80x24 the claim text and what needs a decision stay on screen.

Plain tests cover the layout functions; Pilot tests run each main screen at 80x24 and 200x50.
"""

from __future__ import annotations

import pytest
from rich.text import Text

from factdesk import storage
from factdesk.models import Article, Claim, Figure, Speaker
from factdesk.tui.columns import LEFT_MARGIN, Col, compose, fit
from factdesk.tui.screens.claims import ClaimsScreen
from factdesk.tui.screens.figures import MentionTable
from factdesk.tui.screens.inbox import InboxTable
from factdesk.tui.screens.speakers import SpeakerTimeline
from factdesk.tui.text import claim_line, date_cell, status_text
from factdesk.tui.widgets.claim_table import ClaimTable
from factdesk.tui.widgets.nav_bar import KeyBar

NARROW, WIDE = (80, 24), (200, 50)

COLUMNS = (Col("id", "id", 3), Col("status", "status", 7, max_table=100),
           Col("status", "status", 12, min_table=100), Col("claim", "claim"),
           Col("figures", "figures", 20, min_table=150))


@pytest.mark.parametrize("width, expected", [
    (79, [("id", 3), ("status", 7), ("claim", 79 - LEFT_MARGIN - 3 - 7 - 2)]),
    (120, [("id", 3), ("status", 12), ("claim", 120 - LEFT_MARGIN - 3 - 12 - 2)]),
    (199, [("id", 3), ("status", 12), ("claim", 199 - LEFT_MARGIN - 3 - 12 - 20 - 3), ("figures", 20)]),
    (20, [("id", 3), ("status", 7), ("claim", 12)]),  # never narrower than MIN_FLEX
])
def test_fit_gives_the_flexible_column_what_is_left(width, expected):
    assert [(key, w) for key, _, w in fit(COLUMNS, width)] == expected


def test_fit_takes_data_widths_over_declared_ones():
    layout = fit(COLUMNS, 79, {"id": 6})
    assert layout[0][2] == 6 and layout[-1][2] == 79 - LEFT_MARGIN - 6 - 7 - 2


def test_compose_cuts_with_an_ellipsis_and_pads_to_the_exact_width():
    layout = fit(COLUMNS, 40)
    line = compose(["12345", status_text("misleading", 7), Text("Nearly 4,000 French troops have deployed in Mali")],
                   layout)
    assert line.cell_len == 40
    assert line.plain == " 12… ~ misl. Nearly 4,000 French troops…"
    assert any(span.style == "bold dark_orange" for span in line.spans)  # the status keeps its colour


@pytest.mark.parametrize("status, width, shown", [
    ("verified", 12, "verified"),
    ("unverifiable", 12, "unverifiable"),
    ("unverifiable", 7, "∅ can't"),
    ("false", 7, "✗ false"),
    ("unverified", 7, "· unver"),
])
def test_status_words_shrink_to_mark_and_short_word(status, width, shown):
    assert status_text(status, width).plain == shown


def _stored(text, kind="indirect", figures=()):
    from factdesk.models import StoredClaim, StoredFigure

    figs = tuple(StoredFigure(id=i, claim_id=1, value=v, low=None, high=None, hedge=None, what=None, unit=None,
                              start=0, end=0, text=t)
                 for i, (t, v) in enumerate(figures))
    return StoredClaim(id=1, article_id=1, article_external_id="a", order=0, kind=kind, text=text, content=(),
                       start=0, end=len(text), speaker_id=None, speaker_name=None, speaker_role=None,
                       cue_text=None, cue=None, speaker_mention=None, status="unverified", note=None,
                       evidence_url=None, published=None, source=None, figures=figs)


def test_claim_line_quotes_direct_speech_and_lights_its_figures():
    line = claim_line(_stored('"The combat is over in Gao," ', kind="direct"))
    assert line.plain == "“The combat is over in Gao,”"
    line = claim_line(_stored("Nearly 4,000 French troops have deployed", figures=[("Nearly 4,000", 4000)]))
    lit = [line.plain[s.start:s.end] for s in line.spans if "yellow" in str(s.style)]
    assert lit == ["Nearly 4,000"]


def test_date_cell_falls_back_to_the_ingested_date_dimmed():
    assert date_cell("2013-02-06T10:00:00", "2026-01-01").plain == "2013-02-06"
    undated = date_cell(None, "2026-11-25T17:17:31+00:00")
    assert undated.plain == "2026-11-25" and "dim" in str(undated.style)
    assert date_cell(None).plain == "—"
    assert date_cell("2013-02-06", width=6).plain == " 6 Feb"


@pytest.mark.parametrize("screen_ref", ["claims:ClaimsScreen", "compare:CompareScreen", "inbox:InboxScreen",
                                        "reader:ReaderScreen", "speakers:SpeakersScreen",
                                        "figures:FiguresScreen"])
def test_key_bar_has_a_wording_that_fits_80_columns_with_the_review_keys(screen_ref):
    from factdesk.tui.app import screen_class

    bar = KeyBar(screen_class(screen_ref).BINDINGS, review_keys=True)
    fitting = [c.plain for c in bar.candidates() if c.cell_len <= 80]
    assert fitting and "v✓" in fitting[0] and "f✗" in fitting[0]


# --- Pilot: each screen at 80x24 and 200x50 -----------------------------------------------------

def _lines(table) -> list[str]:
    return [table.get_row_at(i)[0].plain for i in range(table.row_count)]


async def test_claims_at_80_columns_show_the_claim_text_and_one_line_of_keys(app, ids):
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one(ClaimTable)
        assert [key for key, _, _ in table.fitted] == ["id", "status", "speaker", "claim"]
        assert sum(w for _, _, w in table.fitted) + len(table.fitted) <= 80
        claim_width = dict((k, w) for k, _, w in table.fitted)["claim"]
        assert claim_width >= 40
        first = _lines(table)[0]
        assert "11 Malian troops were killed at Konna" in first and len(first) <= 79
        bar = app.screen.query_one(KeyBar)
        assert bar.size.height == 1 and "v✓" in str(bar.render())


async def test_claims_table_lays_out_again_when_the_terminal_grows(app, ids):
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        table = app.screen.query_one(ClaimTable)
        assert [key for key, _, _ in table.fitted] == ["id", "status", "kind", "speaker", "date", "claim",
                                                        "figures"]
        assert table.claim_id == ids["konna"]
        bar = str(app.screen.query_one(KeyBar).render())
        assert "v verified" in bar and "^z undo" in bar


async def test_inbox_at_80_columns_puts_what_needs_a_decision_second(app):
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        table = app.screen.query_one(InboxTable)
        assert [key for key, _, _ in table.fitted][:2] == ["kind", "what"]
        first = _lines(table)[0]
        assert "French troops: 3,500 (4 Feb, Le Drian) →" in first  # the figure change is on screen
        assert first.endswith(" 6 Feb")  # a short date at 80 columns


@pytest.fixture
def undated_app(store):
    """The fixed store plus an article without a published date."""
    from factdesk.tui.app import make_app

    path, _ = store
    db = storage.open_db(path)
    text = "Some 12 hostages are held, Fabius said."
    storage.save_article(db, Article(text, "undated", "Hostages", "AFP"), [
        Claim(order=0, kind="indirect", text="Some 12 hostages are held", content=((0, 25),),
              speaker=Speaker("Laurent Fabius"), figures=(Figure(value=12, start=0, end=7, text="Some 12",
                                                                 what="hostages"),))])
    ingested = db.execute("SELECT ingested FROM articles WHERE external_id = 'undated'").fetchone()[0]
    db.close()
    application = make_app(db_path=path, reviewer="tester")
    yield application, ingested[:10]
    application.session.db.close()


async def test_inbox_shows_the_ingested_date_dimmed_when_an_article_has_none(undated_app):
    app, ingested = undated_app
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(InboxTable)
        key = next(k for k, row in table.items.items() if row.claim and row.claim.text.startswith("Some 12"))
        date = table.cells_of(key)["date"]
        assert date.plain == ingested and "dim" in str(date.style)


async def test_speakers_and_figures_at_80_columns_keep_the_claim_column(app):
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("3")
        await pilot.pause()
        timeline = app.screen.query_one(SpeakerTimeline)
        assert timeline.row_count and dict((k, w) for k, _, w in timeline.fitted)["claim"] >= 12
        await pilot.press("4")
        await pilot.pause()
        mentions = app.screen.query_one(MentionTable)
        keys = [key for key, _, _ in mentions.fitted]
        assert keys[:3] == ["date", "value", "who"] and "claim" in keys


async def test_claims_screen_counts_once_per_filter_not_per_page(app, monkeypatch):
    """Turning a page keeps the count it has (the filter did not change)."""
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClaimsScreen)
        counted = []
        monkeypatch.setattr(screen, "count_later", counted.append)
        screen.reload(recount=False)
        assert counted == []
        screen.apply("status:unverified")
        assert len(counted) == 1
