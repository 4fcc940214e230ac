"""Pilot tests: the review keys, the note modal and undo write through storage, in the reader."""

from __future__ import annotations

import pytest

from factdesk import storage
from factdesk.tui.screens.note import NoteScreen
from factdesk.tui.screens.reader import ReaderScreen

SIZE = (120, 36)


async def open_reader(app, pilot, article_id, claim_id=None):
    app.push_screen(ReaderScreen(app.session, article_id, claim_id))
    await pilot.pause()


@pytest.mark.parametrize("key, status", [
    ("v", "verified"), ("f", "false"), ("i", "misleading"), ("d", "disputed"), ("u", "unverifiable"),
])
async def test_status_key_marks_the_selected_claim(app, db, ids, key, status):
    """Each status key sets that status on the selected claim, logged under the reviewer."""
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(app, pilot, ids["article_new"], ids["troops_new"])
        await pilot.press(key)
        claim = storage.get_claim(db, ids["troops_new"])
        assert claim.status == status
        assert storage.history(db, claim.id)[-1].reviewer == "tester"


async def test_zero_sets_back_to_unverified_and_ctrl_z_undoes(app, db, ids):
    """0 resets a status; ctrl+z reverses the last change, one action at a time."""
    cid = ids["combat_new"]
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(app, pilot, ids["article_new"], cid)
        await pilot.press("f")
        assert storage.get_claim(db, cid).status == "false"
        await pilot.press("0")
        assert storage.get_claim(db, cid).status == "unverified"
        await pilot.press("ctrl+z")
        assert storage.get_claim(db, cid).status == "false"
        await pilot.press("ctrl+z")
        assert storage.get_claim(db, cid).status == "unverified"
        await pilot.press("ctrl+z")  # nothing left: no change, no crash
        assert storage.get_claim(db, cid).status == "unverified"


async def test_n_and_p_walk_the_claims_in_text_order(app, ids):
    """n/j go to the next claim and p/k back; the ends hold."""
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(app, pilot, ids["article_new"])
        screen = app.screen
        assert screen.claim_id == ids["troops_new"]
        await pilot.press("n", "j")
        assert screen.claim_id == ids["leave_new"]
        await pilot.press("n", "n", "n")
        assert screen.claim_id == ids["konna"]
        await pilot.press("p")
        assert screen.claim_id == ids["leave_new"]
        await pilot.press("k", "k", "k")
        assert screen.claim_id == ids["troops_new"]


async def test_marking_after_n_acts_on_the_newly_selected_claim(app, db, ids):
    """The review keys follow the selection."""
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(app, pilot, ids["article_new"])
        await pilot.press("n", "v")
        assert storage.get_claim(db, ids["combat_new"]).status == "verified"
        assert storage.get_claim(db, ids["troops_new"]).status == "unverified"


async def test_note_modal_saves_note_and_evidence_and_undo_removes_both(app, db, ids):
    """e opens the note modal; Enter moves to the URL, Enter saves; one undo reverses both."""
    cid = ids["troops_new"]
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(app, pilot, ids["article_new"], cid)
        await pilot.press("e")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"Called the ministry", "enter")
        await pilot.press(*"https://example.org/x", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        claim = storage.get_claim(db, cid)
        assert (claim.note, claim.evidence_url) == ("Called the ministry", "https://example.org/x")
        await pilot.press("ctrl+z")
        claim = storage.get_claim(db, cid)
        assert (claim.note, claim.evidence_url) == (None, None)


async def test_note_modal_escape_writes_nothing(app, db, ids):
    """Esc cancels the note modal without touching the store."""
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(app, pilot, ids["article_new"], ids["troops_new"])
        await pilot.press("e", *"draft", "escape")
        assert not isinstance(app.screen, NoteScreen)
        assert storage.history(db, ids["troops_new"]) == []


async def test_review_keys_typed_into_the_note_do_not_mark(app, db, ids):
    """Letters typed in a modal's input are text, not review keys."""
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(app, pilot, ids["article_new"], ids["troops_new"])
        await pilot.press("e", "v", "f", "ctrl+z")
        assert storage.get_claim(db, ids["troops_new"]).status == "unverified"
        assert app.screen.query_one("#note").value == "vf"


async def test_reader_highlights_every_claim_and_labels_speakers(app, ids):
    """Every claim's speaker appears as an inline label in the article text."""
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(app, pilot, ids["article_new"])
        text = " ".join(str(p.render()) for p in app.screen.query(".paragraph"))
        for name in ("Jean-Yves Le Drian", "Abou Dardar", "Laurent Fabius", "J-Y Le Drian"):
            assert f"⟨{name}⟩" in text


async def test_l_opens_compare_for_a_linked_claim(app, ids):
    """l on a flagged claim opens Compare with its link."""
    from factdesk.tui.screens.compare import CompareScreen

    async with app.run_test(size=SIZE) as pilot:
        await open_reader(app, pilot, ids["article_new"], ids["troops_new"])
        await pilot.press("l")
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.link.claim_id == ids["troops_new"]
