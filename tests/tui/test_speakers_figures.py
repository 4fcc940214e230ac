"""Pilot tests: merging speakers and the figure timeline; plain tests for their queries."""

from __future__ import annotations

from factdesk import storage
from factdesk.storage import tui_queries
from factdesk.tui.screens.confirm import ConfirmScreen
from factdesk.tui.screens.figures import FiguresScreen
from factdesk.tui.screens.reader import ReaderScreen
from factdesk.tui.screens.speakers import SpeakersScreen

SIZE = (120, 36)


def speaker_row(app, name: str) -> int:
    return next(i for i, sp in enumerate(app.screen.speakers) if sp.name == name)


async def test_speakers_lists_roles_and_shows_the_timeline(app, ids):
    """3 opens Speakers, most claims first; the selected speaker's claims run oldest first."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        assert isinstance(app.screen, SpeakersScreen)
        assert app.screen.speakers[0].name == "Jean-Yves Le Drian"
        assert [c.id for c in app.screen.timeline] == [ids["troops_old"], ids["combat_old"], ids["troops_new"]]
        detail = str(app.screen.query_one("#speakers-detail").render())
        assert "French Defence Minister" in detail and "Le Drian" in detail


async def test_m_marks_then_m_on_target_merges_after_confirm(app, db, ids):
    """m on the duplicate, move to the real speaker, m, y: the claims move over."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        table = app.screen.query_one("#speakers-table")
        table.move_cursor(row=speaker_row(app, "J-Y Le Drian"))
        await pilot.press("m")
        assert app.screen.marked.name == "J-Y Le Drian"
        table.move_cursor(row=speaker_row(app, "Jean-Yves Le Drian"))
        await pilot.press("m")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert isinstance(app.screen, SpeakersScreen)
        assert storage.get_claim(db, ids["konna"]).speaker_name == "Jean-Yves Le Drian"
        assert "J-Y Le Drian" not in [sp.name for sp in app.screen.speakers]
        assert app.screen.marked is None


async def test_merge_declined_changes_nothing(app, db, ids):
    """n in the confirm modal leaves both speakers alone."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        table = app.screen.query_one("#speakers-table")
        table.move_cursor(row=speaker_row(app, "J-Y Le Drian"))
        await pilot.press("m")
        table.move_cursor(row=speaker_row(app, "Laurent Fabius"))
        await pilot.press("m", "n")
        assert storage.get_claim(db, ids["konna"]).speaker_name == "J-Y Le Drian"


async def test_speaker_search_narrows_by_alias(app):
    """/ then an alias lists only the matching speakers."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "slash", *"fabius", "enter")
        assert [sp.name for sp in app.screen.speakers] == ["Laurent Fabius"]


async def test_figure_timeline_shows_every_value_over_time(app, ids):
    """4 opens the timeline; French troops: 3,500 on 4 Feb then 4,000 on 6 Feb."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        assert isinstance(app.screen, FiguresScreen)
        await pilot.press("slash", *"French troops", "enter")
        values = [(m.claim.published, m.figure.value, m.claim.speaker_name) for m in app.screen.mentions]
        assert values == [("2013-02-04", 3500, "Jean-Yves Le Drian"), ("2013-02-06", 4000, "Jean-Yves Le Drian")]
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.claim_id == ids["troops_old"]


async def test_status_key_on_a_timeline_row_marks_its_claim(app, db, ids):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "slash", *"troops", "enter", "down", "d")
        assert storage.get_claim(db, ids["troops_new"]).status == "disputed"


def test_figure_timeline_query_orders_by_published_and_escapes_like(db, ids):
    """The query behind the screen: LIKE on `what`, oldest first, % and _ taken literally."""
    assert [m.figure.value for m in tui_queries.figure_timeline(db, "french TROOPS")] == [3500, 4000]
    assert tui_queries.figure_timeline(db, "%") == []
    assert tui_queries.figure_timeline(db, "troops")[-1].claim.id == ids["konna"]


def test_counted_things_most_reported_first(db):
    assert tui_queries.counted_things(db)[0] == ("French troops", 2)
    assert tui_queries.counted_things(db, search="malian") == [("Malian troops killed", 1)]


def test_speaker_timeline_oldest_first(db, ids):
    sid = storage.find_speaker_id(db, "Fabius")
    assert [c.id for c in tui_queries.speaker_timeline(db, sid)] == [ids["leave_old"], ids["leave_new"]]
