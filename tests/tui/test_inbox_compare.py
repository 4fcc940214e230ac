"""Pilot tests: the Inbox lists what needs a decision; Compare confirms and rejects links."""

from __future__ import annotations

from factdesk import storage
from factdesk.tui.screens.compare import CompareScreen
from factdesk.tui.screens.inbox import InboxScreen
from factdesk.tui.screens.reader import ReaderScreen

SIZE = (120, 36)


async def test_inbox_is_the_start_screen_with_counts_and_flags_newest_first(app, ids):
    """Counts by kind on top; open flags (newest first) then unverified claims with figures."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        counts = str(app.screen.query_one("#inbox-counts").render())
        assert "1  updated figure" in counts and "1  contradiction" in counts and "1  repeat" in counts
        assert "3  unverified with figures" in counts
        keys = [row.value for row in app.screen.query_one("DataTable").rows]
        assert keys[:3] == ["link-3", "link-2", "link-1"]
        assert keys[3:] == [f"claim-{ids['konna']}", f"claim-{ids['troops_new']}", f"claim-{ids['troops_old']}"]


async def test_enter_on_a_flag_opens_compare_with_both_claims(app, ids):
    """Enter on the updated-figure flag shows the earlier and newer claim side by side."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, CompareScreen)
        left = str(app.screen.query_one("#compare-left").render())
        right = str(app.screen.query_one("#compare-right").render())
        assert "Some 3,500" in left and "2013-02-04" in left
        assert "Nearly 4,000" in right and "2013-02-06" in right


async def test_compare_highlights_the_changed_words():
    """difflib over words marks only what changed between the two claims."""
    from factdesk.tui.text import word_diff

    left, right = word_diff("Some 3,500 French troops have deployed", "Nearly 4,000 French troops have deployed")
    changed_left = [left.plain[s.start:s.end] for s in left.spans]
    changed_right = [right.plain[s.start:s.end] for s in right.spans]
    assert changed_left == ["Some 3,500"]
    assert changed_right == ["Nearly 4,000"]


async def test_c_confirms_and_x_rejects_then_moves_to_the_next_flag(app, db, ids):
    """c/x decide the shown link in the store and advance through the inbox's flags."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "c")
        assert storage.get_link(db, 3).decision == "confirmed"
        assert app.screen.link.id == 2
        await pilot.press("x")
        assert storage.get_link(db, 2).decision == "rejected"
        await pilot.press("escape")
        assert isinstance(app.screen, InboxScreen)
        keys = [row.value for row in app.screen.query_one("DataTable").rows]
        assert "link-3" not in keys and "link-2" not in keys and "link-1" in keys


async def test_enter_on_an_unverified_claim_opens_the_reader_at_it(app, ids):
    """An unverified claim row opens the Article reader with that claim selected."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down", "enter")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.claim_id == ids["konna"]


async def test_status_key_on_a_flag_marks_its_newer_claim(app, db, ids):
    """The review keys work from the inbox: on a flag they act on the flagged (newer) claim."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        assert storage.get_claim(db, ids["troops_new"]).status == "misleading"
        # The claim is no longer unverified, so it leaves the lower half of the inbox.
        keys = [row.value for row in app.screen.query_one("DataTable").rows]
        assert f"claim-{ids['troops_new']}" not in keys


async def test_o_reopens_a_decided_link_and_the_header_shows_the_decision(app, db):
    """p goes back to a confirmed flag; the header says CONFIRMED; o reopens it and stays on it."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert "OPEN" in str(app.screen.query_one("#compare-explanation").render())
        await pilot.press("c", "p")
        assert app.screen.link.id == 3
        assert "CONFIRMED — o reopens" in str(app.screen.query_one("#compare-explanation").render())
        await pilot.press("o")
        assert storage.get_link(db, 3).decision == "open"
        assert app.screen.link.id == 3  # reopening stays, to decide again
        assert "OPEN — c confirm" in str(app.screen.query_one("#compare-explanation").render())
        await pilot.press("escape")
        keys = [row.value for row in app.screen.query_one("DataTable").rows]
        assert "link-3" in keys  # back in the inbox


async def test_o_on_compare_reopens_instead_of_opening_the_ingest_dialog(app):
    """The screen's o (reopen) wins over the app's o (ingest) while comparing."""
    from factdesk.tui.screens.ingest import IngestScreen

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "o")
        assert isinstance(app.screen, CompareScreen) and not isinstance(app.screen, IngestScreen)
