"""Provides writers: run write steps in order, on the caller's thread or on one of their own; no UI here.

A sqlite connection belongs to the thread that opened it, so the background writer opens its
own connection to the same file. A step is any callable taking that connection; each step
that writes opens its own transaction (`write_transaction`), so what a step stores is atomic
whichever thread runs it.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from sqlite_utils import Database

from factdesk.storage.connection import db_file, open_db

QUEUE_STEPS = 64
"""Steps waiting at most: the producer runs this far ahead, then waits (memory stays flat)."""
INHERITED_PRAGMAS = ("max_page_count", "query_only", "busy_timeout")
"""The caller's connection limits the background connection takes on, so a write through it
fails as one through the caller's would (a size cap, read-only, how long to wait for a lock)."""


class InlineWriter:
    """Runs each step at once, on the caller's thread and connection."""

    def __init__(self, db: Database):
        self._db = db

    def do(self, step: Callable, *args) -> None:
        step(self._db, *args)

    def close(self, abandon: bool = False) -> None:
        """Nothing is pending: every step has run."""


class BackgroundWriter:
    """Runs each step, in order, on a thread with its own connection to the store.

    The producer's work then overlaps the steps' (SQLite releases the GIL while it works). The
    first error a step raises stops the writer; the producer gets it from its next `do`, or
    from `close`.
    """

    def __init__(self, path: str, pragmas: dict[str, int] | None = None):
        self.path = path
        self.pragmas = dict(pragmas or {})
        self._queue: queue.Queue = queue.Queue(QUEUE_STEPS)
        self._error: BaseException | None = None
        self._abandon = False
        self._thread = threading.Thread(target=self._run, args=(path,), name="factdesk-writer", daemon=True)
        self._thread.start()

    def _run(self, path: str) -> None:
        db = None
        try:
            db = open_db(path, migrate=False)
            for name, value in self.pragmas.items():
                db.execute(f"PRAGMA {name} = {int(value)}")
        except BaseException as exc:  # noqa: BLE001 - raised again on the producer's side
            self._error = exc
        try:
            # Drained to the end even after an error, so a producer blocked on a full queue wakes.
            while (job := self._queue.get()) is not None:
                if self._error is None and not self._abandon:
                    try:
                        job[0](db, *job[1:])
                    except BaseException as exc:  # noqa: BLE001 - raised again on the producer's side
                        self._error = exc
        finally:
            if db is not None:
                db.close()

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def do(self, step: Callable, *args) -> None:
        """Queue `step(db, *args)`; raises what an earlier step raised."""
        self._raise()
        while True:
            try:
                self._queue.put((step, *args), timeout=0.2)
                return
            except queue.Full:
                self._raise()

    def close(self, abandon: bool = False) -> None:
        """Wait until the queued steps have run (or, if `abandon`, until the one running has)."""
        self._abandon = abandon
        self._queue.put(None)
        self._thread.join()
        if not abandon:
            self._raise()


def writer_for(db: Database, background: bool) -> InlineWriter | BackgroundWriter:
    """A background writer when asked for and a second connection sees the same store (a file,
    no transaction of the caller's open), else an inline one on `db`."""
    path = db_file(db)
    if background and path not in ("memory", "claim store", "") and not db.conn.in_transaction:
        return BackgroundWriter(path, {name: db.execute(f"PRAGMA {name}").fetchone()[0] for name in INHERITED_PRAGMAS})
    return InlineWriter(db)
