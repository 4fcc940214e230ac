"""Snapshot tests of the main screens over the fixed store (eyeball before --snapshot-update)."""

from __future__ import annotations

import pytest

from factdesk.tui.app import make_app
from factdesk.tui.screens.reader import ReaderScreen

SIZE = (120, 36)


def keys(*presses):
    """run_before that presses keys, then waits for background counts so "of N" is settled."""

    async def run(pilot):
        await pilot.press(*presses)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run


@pytest.fixture
def snap_app(store):
    path, _ = store
    application = make_app(db_path=path, reviewer="tester")
    yield application
    application.session.db.close()


class TestMainScreens:
    def test_inbox(self, snap_app, snap_compare):
        """The inbox: counts by kind, three open flags, then unverified claims with figures."""
        assert snap_compare(snap_app, run_before=keys(), terminal_size=SIZE)

    def test_compare(self, snap_app, snap_compare):
        """Compare on the updated figure: 3,500 vs nearly 4,000 highlighted."""
        assert snap_compare(snap_app, run_before=keys("enter"), terminal_size=SIZE)  # open the first flag

    def test_reader(self, snap_app, snap_compare, ids):
        """The reader on the later article, second claim selected, one claim marked false."""

        async def open_reader(pilot):
            pilot.app.push_screen(ReaderScreen(pilot.app.session, ids["article_new"]))
            await pilot.pause()
            await pilot.press("f", "n")  # mark the troops claim false, select the next claim
            await pilot.app.workers.wait_for_complete()

        assert snap_compare(snap_app, run_before=open_reader, terminal_size=SIZE)

    def test_claims(self, snap_app, snap_compare):
        """Claims filtered to has:figures, sorted oldest first."""
        # 2: claims, g: has figures, s: sort oldest first
        assert snap_compare(snap_app, run_before=keys("2", "g", "s"), terminal_size=SIZE)
