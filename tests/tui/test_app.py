"""Pilot tests: start-up, navigation, help, command palette, refresh, ingest and export."""

from __future__ import annotations

import subprocess
import sys

import pytest

from factdesk import storage
from factdesk.models import Article, Claim
from factdesk.tui.app import FactdeskApp, make_app
from factdesk.tui.screens.articles import ArticlesScreen
from factdesk.tui.screens.claims import ClaimsScreen
from factdesk.tui.screens.help import HelpScreen
from factdesk.tui.screens.inbox import InboxScreen
from factdesk.tui.screens.ingest import IngestScreen
from factdesk.tui.screens.reader import ReaderScreen
from factdesk.tui.session import default_reviewer

SIZE = (120, 36)


async def settle(app, pilot):
    """Wait for background counts to arrive (workers observed, never slept on)."""
    await app.workers.wait_for_complete()
    await pilot.pause()


def test_starting_the_app_does_not_import_spacy(tmp_path):
    """`factdesk review` must start fast: building the app never loads spaCy."""
    code = (f"from factdesk.tui.app import make_app; make_app(db_path={str(tmp_path / 'x.db')!r}); "
            "import sys; print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_app_exits_when_its_terminal_hangs_up(tmp_path):
    """Closing the window must end the app even when no SIGHUP reaches it (it ignores one here,
    as under `make demo`); Textual's input thread alone would spin on EOF for ever."""
    import os
    import signal
    import time

    master, slave = os.openpty()
    code = ("import signal; signal.signal(signal.SIGHUP, signal.SIG_IGN); "
            f"from factdesk.tui.app import make_app; make_app(db_path={str(tmp_path / 'x.db')!r}).run()")
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    app = subprocess.Popen([sys.executable, "-c", code], stdin=slave, stdout=slave, stderr=slave,
                           env=env, start_new_session=True)
    os.close(slave)
    try:
        deadline = time.monotonic() + 30
        seen = b""
        while b"Inbox" not in seen and time.monotonic() < deadline:  # drawn: the app is running
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
        assert b"Inbox" in seen, seen[-500:]
        os.close(master)  # the window closes
        assert app.wait(timeout=20) is not None
    finally:
        if app.poll() is None:
            os.killpg(app.pid, signal.SIGKILL)
            app.wait()


@pytest.mark.parametrize("explicit, env, expected", [
    ("ana", "bo", "ana"),
    (None, "bo", "bo"),
])
def test_reviewer_comes_from_flag_then_environment(monkeypatch, explicit, env, expected):
    monkeypatch.setenv("FACTDESK_REVIEWER", env)
    assert default_reviewer(explicit) == expected


def test_make_app_accepts_an_open_store(tmp_path):
    db = storage.open_db(tmp_path / "s.db")
    app = make_app(db=db, reviewer="x")
    assert isinstance(app, FactdeskApp) and app.session.db is db
    assert app.session.db_path == tmp_path / "s.db"


@pytest.mark.parametrize("key, screen", [
    ("2", ClaimsScreen), ("5", ArticlesScreen), ("a", ArticlesScreen), ("1", InboxScreen),
])
async def test_number_keys_switch_screens(app, key, screen):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", key)
        assert isinstance(app.screen, screen)


async def test_articles_enter_opens_the_reader_newest_first(app, ids):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "enter")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article_id == ids["article_new"]


async def test_help_lists_every_binding(app):
    """? opens help listing the global keys and every screen's keys; Esc closes it."""
    from factdesk.tui.app import HELP_SCREENS, _bindings_of, screen_class

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = {b.description for _, bindings in app.screen.sections for b in bindings}
        for cls in (FactdeskApp, *map(screen_class, HELP_SCREENS)):
            for binding in _bindings_of(cls) if cls is not FactdeskApp else cls.BINDINGS:
                assert binding.description in listed
        assert {"Verified", "False", "Misleading", "Disputed", "Unverifiable", "Unverified",
                "Note/evidence", "Undo review", "Confirm link", "Reject link", "Mark/merge"} <= listed
        await pilot.press("escape")
        assert isinstance(app.screen, InboxScreen)


async def test_command_palette_offers_screens_and_screen_actions(app):
    """ctrl+p lists every screen and the current screen's actions by name."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = {cmd.title for cmd in app.get_system_commands(app.screen)}
        assert {"Go to Claims", "Go to Speakers", "Go to Figure timeline", "Help", "Undo", "Ingest",
                "Export report", "Verified", "Note/evidence"} <= titles
        await pilot.press("ctrl+p")
        assert type(app.screen).__name__ == "CommandPalette"
        await pilot.press(*"go to claims")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimsScreen)


async def test_refresh_rereads_what_another_process_wrote(app, store):
    """r picks up claims another connection (an ingest in another process) stored."""
    path, _ = store
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await settle(app, pilot)
        assert app.screen.total == 7
        other = storage.open_db(path)
        text = "Mali said 11 of its troops were killed."
        storage.save_article(other, Article(text, "other"),
                             [Claim(0, "unattributed", text, ((0, len(text)),))])
        other.close()
        await pilot.press("r")
        await settle(app, pilot)
        assert app.screen.total == 8


async def test_export_writes_the_report(app, tmp_path):
    """w opens the export modal; Enter writes the chosen format to the path."""
    out = tmp_path / "report.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        app.screen.query_one("#export-path").value = str(out)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert out.exists() and "Le Drian" in out.read_text()


async def test_export_defaults_to_a_dated_file_at_home_and_says_the_full_path(app, tmp_path, monkeypatch):
    """The path starts as ~/factdesk-report-<today>.md (expanded); the toast names the file written."""
    from datetime import date

    monkeypatch.setenv("HOME", str(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        expected = tmp_path / f"factdesk-report-{date.today().isoformat()}.md"
        assert app.screen.query_one("#export-path").value == str(expected)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        toasts = [n.message for n in app._notifications]
    assert expected.exists()
    assert any(f"written to {expected}" in t and "all claims" in t for t in toasts)


@pytest.mark.parametrize("scope_index, status, claims, scope", [
    (1, None, ["troops_new", "combat_new", "leave_new", "konna"], {"article": "afp-mali-0206"}),
    (2, None, ["troops_old", "combat_old", "troops_new"], {"speaker": "Jean-Yves Le Drian"}),
    (0, "false", ["troops_new"], {"status": "false"}),
    (1, "false", ["troops_new"], {"article": "afp-mali-0206", "status": "false"}),
])
async def test_export_scope_follows_the_selected_claim(app, ids, tmp_path, scope_index, status, claims, scope):
    """From the inbox's updated-figure flag: all claims, its newer claim's article or speaker, and a status."""
    import json

    out = tmp_path / "scoped.json"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if status:
            await pilot.press("f")  # mark the flagged claim (Le Drian's nearly 4,000) false
        await pilot.press("w")
        dialog = app.screen
        assert dialog.scopes[0] == "All claims"
        assert dialog.scopes[1] == "This article: French clash with Islamists in 'real war'"
        assert dialog.scopes[2] == "This speaker: Jean-Yves Le Drian"
        dialog.query_one("#export-format").value = "json"
        dialog.query_one("#export-scope").value = scope_index
        dialog.query_one("#export-status").value = status or "any"
        dialog.query_one("#export-path").value = str(out)
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    report = json.loads(out.read_text())
    assert sorted(c["id"] for c in report["claims"]) == sorted(ids[name] for name in claims)
    assert {k: v for k, v in report["scope"].items() if v and k != "group"} == scope


async def test_ingest_dialog_runs_the_worker_and_refreshes(app, db, tmp_path, monkeypatch):
    """o opens the ingest dialog; the worker (its own connection) stores the article; counts refresh."""
    from factdesk.tui import jobs

    calls = []

    def fake_ingest(db_path, request, progress):
        progress("Loading the language model…", 0, None)
        other = storage.open_db(db_path)  # the worker's own connection, as run_ingest does
        text = request.text
        storage.save_article(other, Article(text, "pasted"), [Claim(0, "unattributed", text, ((0, len(text)),))])
        other.close()
        calls.append(request)
        return "ingested 1 article: 1 claim"

    monkeypatch.setattr("factdesk.tui.app.run_ingest", fake_ingest)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "o")
        assert isinstance(app.screen, IngestScreen)
        app.screen.query_one("#ingest-text").text = "Officials said 40 people died."
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "ingested 1 article" in str(app.screen.query_one("#ingest-stage").render())
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ClaimsScreen) and app.screen.total == 8
    assert calls[0].text == "Officials said 40 people died."
    assert jobs.IngestRequest is type(calls[0])
