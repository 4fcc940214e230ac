"""Provides `FactdeskApp`, the review session, and `make_app`, the factory the CLI and tests use.

The app opens the store on the main thread and hands every screen a `Session` (store +
reviewer). Global keys switch between the main screens (each a Textual mode with its own
stack), undo the last review, refresh, ingest and export; slow work runs in thread workers
that open their own connection and report back with messages.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from factdesk import storage
from factdesk.storage.tui_queries import database_file
from factdesk.tui.jobs import IngestRequest, run_export, run_ingest
from factdesk.tui.messages import IngestFinished, IngestProgressed
from factdesk.tui.screens.help import HelpScreen
from factdesk.tui.screens.ingest import IngestScreen
from factdesk.tui.session import Session, default_reviewer
from factdesk.tui.text import clean, short

MAIN_SCREENS = {
    "inbox": ("Inbox", "inbox:InboxScreen"),
    "claims": ("Claims", "claims:ClaimsScreen"),
    "speakers": ("Speakers", "speakers:SpeakersScreen"),
    "figures": ("Figure timeline", "figures:FiguresScreen"),
    "articles": ("Articles", "articles:ArticlesScreen"),
}
"""Mode name → (title, module:class under factdesk.tui.screens); each is one key away (1–5)."""

HELP_SCREENS = ("inbox:InboxScreen", "reader:ReaderScreen", "compare:CompareScreen", "claims:ClaimsScreen",
                "speakers:SpeakersScreen", "figures:FiguresScreen", "articles:ArticlesScreen")


def screen_class(ref: str) -> type[Screen]:
    """The screen class named "module:Class" under factdesk.tui.screens, imported on first use.

    Only the Inbox is imported at start-up; the other screens load when first opened.
    """
    module, name = ref.split(":")
    return getattr(importlib.import_module(f"factdesk.tui.screens.{module}"), name)


TERMINAL_CHECK_SECONDS = 2.0
"""How often the app checks that its terminal is still there (see `terminal_alive`)."""


def terminal_alive(stream=None) -> bool:
    """Whether the app's terminal still answers: False once it has hung up (its window closed)."""
    import termios

    stream = stream or sys.__stdin__
    try:
        termios.tcgetattr(stream.fileno())
    except (termios.error, OSError, ValueError, AttributeError):
        return False
    return True


class FactdeskApp(App[None]):
    """The review session over one claim store."""

    TITLE = "factdesk"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("1", "go('inbox')", "Inbox", show=False),
        Binding("2", "go('claims')", "Claims", show=False),
        Binding("3", "go('speakers')", "Speakers", show=False),
        Binding("4", "go('figures')", "Figures", show=False),
        Binding("5,a", "go('articles')", "Articles", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+z", "undo", "Undo review", show=False),
        Binding("r,f5", "refresh_store", "Refresh", show=False),
        Binding("o", "ingest", "Ingest", show=False),
        Binding("w", "export", "Export report", show=False),
        Binding("q", "quit", "Quit", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        for mode, (_, ref) in MAIN_SCREENS.items():
            self.add_mode(mode, lambda ref=ref: screen_class(ref)(self.session))

    def on_mount(self) -> None:
        self.sub_title = f"{self.session.db_path or 'in-memory store'} · reviewer {self.session.reviewer}"
        self.switch_mode("inbox")
        if not self.is_headless:
            self.set_interval(TERMINAL_CHECK_SECONDS, self._exit_if_terminal_gone)

    def _exit_if_terminal_gone(self) -> None:
        # A closed terminal window (tmux kill-server, a dropped ssh) does not always deliver
        # SIGHUP (`make demo` runs the app under make), and Textual's input thread then reads
        # EOF in a busy loop forever. A hung-up tty refuses ioctls, so ask it for its settings.
        if not terminal_alive():
            self.exit()

    # --- navigation -----------------------------------------------------------------------

    def action_go(self, mode: str) -> None:
        if self.current_mode == mode:
            # Pressing the key again returns to the top of that screen's stack.
            while len(self.screen_stack) > 1 and not isinstance(self.screen, ModalScreen):
                self.pop_screen()
            return
        self.switch_mode(mode)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        sections = [("Everywhere", self.BINDINGS)]
        sections += [(ref.split(":")[1].removesuffix("Screen"), _bindings_of(screen_class(ref)))
                     for ref in HELP_SCREENS]
        self.push_screen(HelpScreen(sections))

    def reload_screen(self) -> None:
        """Re-read the store into whatever screen is showing."""
        for screen in reversed(self.screen_stack):
            if not isinstance(screen, ModalScreen):
                if hasattr(screen, "reload"):
                    screen.reload()
                return

    def action_refresh_store(self) -> None:
        self.reload_screen()
        self.notify("Refreshed from the store", timeout=1.5)

    # --- review ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Global keys are for the main screens; a dialog keeps them for its own fields.
        if isinstance(self.screen, ModalScreen) and action in ("undo", "ingest", "export", "go",
                                                               "refresh_store", "help"):
            return False
        return True

    def action_undo(self) -> None:
        entries = storage.undo(self.session.db, self.session.reviewer)
        if not entries:
            self.notify("Nothing to undo", timeout=2)
            return
        what = ", ".join(f"{e.field} → {e.new or '—'}" for e in entries)
        self.notify(f"Undone on claim #{entries[0].claim_id}: {what}", timeout=3, markup=False)
        self.reload_screen()

    # --- ingest ---------------------------------------------------------------------------

    def action_ingest(self) -> None:
        if self.session.db_path is None:
            self.notify("Ingest needs a store on disk", severity="error")
            return
        self.push_screen(IngestScreen())

    def on_ingest_screen_requested(self, message: IngestScreen.Requested) -> None:
        self._ingest(message.request)

    @work(thread=True, exclusive=True, group="ingest", description="ingest")
    def _ingest(self, request: IngestRequest) -> None:
        def progress(stage: str, done: int, total: int | None) -> None:
            self.post_message(IngestProgressed(stage, done, total))

        try:
            summary = run_ingest(self.session.db_path, request, progress)
        except Exception as exc:  # a worker must report, never die silently
            self.post_message(IngestFinished(f"Ingest failed: {exc}", ok=False))
            return
        self.post_message(IngestFinished(summary))

    def _ingest_dialog(self) -> IngestScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, IngestScreen)), None)

    def on_ingest_progressed(self, message: IngestProgressed) -> None:
        dialog = self._ingest_dialog()
        if dialog is not None:
            dialog.show_progress(message.stage, message.done, message.total)

    def on_ingest_finished(self, message: IngestFinished) -> None:
        dialog = self._ingest_dialog()
        if dialog is not None:
            dialog.show_finished(message.summary)
        self.notify(clean(message.summary), severity="information" if message.ok else "error", timeout=6,
                    markup=False)
        self.reload_screen()

    # --- export ---------------------------------------------------------------------------

    def action_export(self) -> None:
        try:
            from factdesk import reporting
        except ImportError:
            self.notify("Export not available in this build", severity="warning")
            return
        if self.session.db_path is None:
            self.notify("Export needs a store on disk", severity="error")
            return
        from factdesk.tui.screens.export import ExportRequest, ExportScreen

        scopes = self._export_scopes(reporting.ReportScope)

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                _, scope = scopes[request.scope]
                self._export(request.fmt, request.path, replace(scope, status=request.status))

        self.push_screen(ExportScreen(reporting.FORMATS, reporting.EXTENSIONS, Path.home(),
                                      tuple(label for label, _ in scopes)), chosen)

    def _export_scopes(self, scope_class: type) -> list[tuple[str, object]]:
        """(label, ReportScope) choices: all claims, then the selected claim's article and speaker."""
        scopes = [("All claims", scope_class())]
        screen = next((s for s in reversed(self.screen_stack) if not isinstance(s, ModalScreen)), None)
        claim_id = screen.selected_claim_id() if hasattr(screen, "selected_claim_id") else None
        claim = storage.get_claim(self.session.db, claim_id) if claim_id is not None else None
        if claim is not None:
            # Name the article and speaker as the report header should read, when that is exact.
            ext = claim.article_external_id
            article = ext if ext and not ext.isdigit() else str(claim.article_id)
            title = claim.article_title or ext
            scopes.append((f"This article: {short(title, 50)}", scope_class(article=article)))
            if claim.speaker_id is not None:
                name = claim.speaker_name or ""
                exact = name and not name.isdigit() and storage.find_speaker_id(self.session.db, name) == claim.speaker_id
                scopes.append((f"This speaker: {short(name, 40)}",
                               scope_class(speaker=name if exact else str(claim.speaker_id))))
        return scopes

    @work(thread=True, exclusive=True, group="export", description="export")
    def _export(self, fmt: str, path: str, scope: object = None) -> None:
        try:
            line = run_export(self.session.db_path, fmt, Path(path), scope)
        except Exception as exc:
            self.call_from_thread(self.notify, f"Export failed: {exc}", severity="error", markup=False)
            return
        self.call_from_thread(self.notify, line, timeout=8, markup=False)

    # --- command palette ------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for mode, (title, _) in MAIN_SCREENS.items():
            yield SystemCommand(f"Go to {title}", f"Switch to the {title} screen",
                                partial(self.action_go, mode))
        yield SystemCommand("Help", "Every key binding", self.action_help)
        yield SystemCommand("Undo", "Undo your last review change", self.action_undo)
        yield SystemCommand("Refresh", "Re-read the store", self.action_refresh_store)
        yield SystemCommand("Ingest", "Ingest a file, folder or pasted text", self.action_ingest)
        yield SystemCommand("Export report", "Write the review report to a file", self.action_export)
        for binding in _bindings_of(type(screen)):
            if binding.description and binding.action not in ("app.pop_screen",):
                yield SystemCommand(binding.description, f"{binding.key} on this screen",
                                    partial(screen.run_action, binding.action))


def _bindings_of(screen_cls: type) -> list[Binding]:
    """A screen class's own bindings, including those it inherits from factdesk base screens."""
    seen, out = set(), []
    for cls in screen_cls.__mro__:
        if not cls.__module__.startswith("factdesk."):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.action not in seen:
                seen.add(binding.action)
                out.append(binding)
    return out


def make_app(db_path: str | Path | None = None, reviewer: str | None = None, db=None) -> FactdeskApp:
    """Build the review app over a store.

    Args:
        db_path: the store's file; None means `storage.default_db_path()`.
        reviewer: recorded with every change; default FACTDESK_REVIEWER or the login name.
        db: an already open store (tests); it must belong to the calling thread.

    Raises:
        StoreError: the store cannot be opened.
    """
    if db is None:
        db = storage.open_db(db_path)
    return FactdeskApp(Session(db=db, reviewer=default_reviewer(reviewer), db_path=database_file(db)))
