"""Pilot tests: the Claims table filters, searches, sorts and pages straight from SQLite."""

from __future__ import annotations

import pytest

from factdesk import storage
from factdesk.models import Article, Claim
from factdesk.tui.screens.claims import PAGE_SIZE, ClaimsScreen
from factdesk.tui.screens.reader import ReaderScreen
from factdesk.tui.widgets.claim_table import ClaimTable

SIZE = (120, 36)


def table_ids(app) -> list[int]:
    return [int(row.value) for row in app.screen.query_one(ClaimTable).rows]


async def search(pilot, line: str) -> None:
    await pilot.press("slash")
    pilot.app.screen.query_one("#claims-search").value = line
    await pilot.press("enter")


async def test_claims_lists_every_claim_newest_first(app, ids):
    """2 opens Claims; all seven claims show, newest first, with a summary line."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        assert isinstance(app.screen, ClaimsScreen)
        assert table_ids(app) == sorted(table_ids(app), reverse=True)
        assert len(table_ids(app)) == 7
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "1–7 of 7 claims" in str(app.screen.query_one("#claims-summary").render())


@pytest.mark.parametrize("line, expected", [
    ('speaker:"Le Drian"', {"troops_old", "combat_old", "troops_new"}),
    ("speaker:Fabius", {"leave_old", "leave_new"}),
    ("kind:direct", {"combat_old", "combat_new"}),
    ("has:figures", {"troops_old", "troops_new", "konna"}),
    ("is:flagged", {"troops_new", "combat_new", "leave_new"}),
    ("article:afp-mali-0204", {"troops_old", "combat_old", "leave_old"}),
    ("troops deployed", {"troops_old", "troops_new"}),
    ("has:figures troops Konna", {"konna"}),
    ("nosuchword", set()),
])
async def test_search_line_filters(app, ids, line, expected):
    """Each filter of the search line narrows the table as the store would."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await search(pilot, line)
        assert set(table_ids(app)) == {ids[name] for name in expected}


async def test_quick_keys_rewrite_the_search_line(app, db, ids):
    """t cycles the status filter, g toggles has:figures, ! flagged, s the sort."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        storage.review_claim(db, ids["konna"], "tester", status="verified")
        await pilot.press("t")  # status:unverified
        assert app.screen.query_one("#claims-search").value == "status:unverified"
        assert ids["konna"] not in table_ids(app) and len(table_ids(app)) == 6
        await pilot.press("t")  # status:verified
        assert table_ids(app) == [ids["konna"]]
        await pilot.press("escape", "g")
        assert set(table_ids(app)) == {ids["troops_old"], ids["troops_new"], ids["konna"]}
        await pilot.press("g", "exclamation_mark")
        assert app.screen.query_one("#claims-search").value == "is:flagged"
        await pilot.press("exclamation_mark", "s")  # sort:oldest
        assert table_ids(app) == sorted(table_ids(app))


async def test_status_key_in_the_table_marks_the_row(app, db):
    """v on a row marks that claim, and the row shows the new status."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "down", "v")
        table = app.screen.query_one(ClaimTable)
        cid = table.claim_id
        assert storage.get_claim(db, cid).status == "verified"
        assert table.cells_of(str(cid))["status"].plain == "verified"
        assert "verified" in table.get_row_at(table.cursor_row)[0].plain  # the drawn line too


async def test_enter_opens_the_reader_at_the_claim(app, ids):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "enter")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.claim_id == ids["konna"]  # newest claim is the first row


@pytest.fixture
def big_store(tmp_path):
    """An article with 250 claims (three pages)."""
    path = tmp_path / "big.db"
    db = storage.open_db(path)
    text = " ".join(f"Claim number {i} about the road." for i in range(250))
    claims, pos = [], 0
    for i in range(250):
        sentence = f"Claim number {i} about the road."
        start = text.index(sentence, pos)
        claims.append(Claim(order=i, kind="unattributed", text=sentence, content=((start, start + len(sentence)),)))
        pos = start + len(sentence)
    storage.save_article(db, Article(text, "big"), claims)
    db.close()
    return path


async def test_pagedown_pageup_read_one_page_at_a_time(big_store):
    """PageDown loads the next 100 claims from SQLite, PageUp the previous; ends bell."""
    from factdesk.tui.app import make_app

    app = make_app(db_path=big_store, reviewer="tester")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        assert len(table_ids(app)) == PAGE_SIZE
        first_page = table_ids(app)
        await pilot.press("pagedown")
        assert len(table_ids(app)) == PAGE_SIZE and not set(first_page) & set(table_ids(app))
        await pilot.press("pagedown")
        assert len(table_ids(app)) == 50
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "201–250 of 250" in str(app.screen.query_one("#claims-summary").render())
        await pilot.press("pagedown")  # past the end: stays
        assert len(table_ids(app)) == 50
        await pilot.press("pageup", "pageup")
        assert table_ids(app) == first_page
    app.session.db.close()
