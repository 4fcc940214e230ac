"""Snapshot tests of the main screens over the fixed store (eyeball before --snapshot-update)."""

from __future__ import annotations

import pytest

from factdesk.tui.app import make_app
from factdesk.tui.screens.reader import ReaderScreen

SIZE = (120, 36)


@pytest.fixture
def snap_app(store):
    path, _ = store
    application = make_app(db_path=path, reviewer="tester")
    yield application
    application.session.db.close()


class TestMainScreens:
    def test_inbox(self, snap_app, snap_compare):
        """The inbox: counts by kind, three open flags, then unverified claims with figures."""
        assert snap_compare(snap_app, terminal_size=SIZE)

    def test_compare(self, snap_app, snap_compare):
        """Compare on the updated figure: 3,500 vs nearly 4,000 highlighted."""
        assert snap_compare(snap_app, press=["enter"], terminal_size=SIZE)  # open the first flag

    def test_reader(self, snap_app, snap_compare, ids):
        """The reader on the later article, second claim selected, one claim marked false."""

        async def open_reader(pilot):
            pilot.app.push_screen(ReaderScreen(pilot.app.session, ids["article_new"]))
            await pilot.pause()
            await pilot.press("f", "n")  # mark the troops claim false, select the next claim

        assert snap_compare(snap_app, run_before=open_reader, terminal_size=SIZE)

    def test_claims(self, snap_app, snap_compare):
        """Claims filtered to has:figures, sorted oldest first."""
        assert snap_compare(snap_app, press=["2", "g", "s"], terminal_size=SIZE)  # claims, figures, sort
