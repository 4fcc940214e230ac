"""Provides ChildWriter: call store functions in a child process with its own connection; no UI here.

Why a process, not only a thread: linking a stored article is pure Python. On a thread it
holds the GIL against the parse, so on a 2-core machine a long ingest ran 1.20x slower than
the bare parse while one core sat half idle. In a child process it has a core and a GIL of
its own. The child is a fresh interpreter (not a fork: the parent has threads and a loaded
model) and imports only what the store and linking need, never spaCy.

Calls are synchronous and in order: `call` sends a module-level function and its arguments,
the child runs `fn(db, *args)` and sends back what it returned or raised. Each function opens
its own transaction, as a step of a `BackgroundWriter` does, so what a call stores is atomic.
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from factdesk.storage.connection import StoreError, open_db

JOIN_SECONDS = 30.0
"""How long `close` waits for the child to finish the call it is running before killing it."""


class ChildWriter:
    """A child process holding a connection to the store at `path`.

    It is a plain `python -c` subprocess rather than a multiprocessing one: spawn would
    re-run the caller's main script in the child, which breaks any script without an
    `if __name__ == "__main__"` guard. Messages are pickles on a pipe pair of their own, so
    whatever the child prints cannot garble them.
    """

    def __init__(self, path: str, pragmas: dict[str, int] | None = None):
        self.path = path
        child_reads, parent_writes = os.pipe()
        parent_reads, child_writes = os.pipe()
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-c", f"from {__name__} import serve; serve({child_reads}, {child_writes})"],
                # Its stderr is not the terminal: a review app ingesting a folder would have
                # its screen written over. What a call raises comes back through the pipe.
                pass_fds=(child_reads, child_writes), stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_child_env())
        finally:
            os.close(child_reads)
            os.close(child_writes)
        self._out = os.fdopen(parent_writes, "wb")
        self._in = os.fdopen(parent_reads, "rb")
        self._send((path, dict(pragmas or {})))

    def _send(self, message) -> None:
        pickle.dump(message, self._out, protocol=pickle.HIGHEST_PROTOCOL)
        self._out.flush()

    def call(self, fn: Callable, *args):
        """`fn(db, *args)` in the child; returns its result or raises what it raised."""
        try:
            self._send((fn, args))
            ok, value = pickle.load(self._in)
        except (EOFError, OSError, pickle.UnpicklingError) as exc:
            code = self._process.wait(5.0) if self._process.poll() is None else self._process.returncode
            raise StoreError(f"{self.path}: the writer process stopped (exit code {code}); "
                             f"the article it was storing was rolled back") from exc
        if ok:
            return value
        raise value

    def close(self) -> None:
        """Stop the child once the call it is running (if any) has finished."""
        try:
            self._send(None)
        except OSError:
            pass
        try:
            self._process.wait(JOIN_SECONDS)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        finally:
            for pipe in (self._out, self._in):
                try:
                    pipe.close()
                except OSError:  # a dead child: what is still buffered for it has nowhere to go
                    pass


def _child_env() -> dict[str, str]:
    """The parent's environment, with the folder this factdesk was imported from first on the
    path: the child runs the same code even when a script put a checkout on `sys.path`."""
    root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": root + (os.pathsep + path if path else "")}


def serve(read_fd: int, write_fd: int) -> None:
    """The child's loop: open the store, then run calls until told to stop or the parent is gone."""
    # Ctrl-C reaches the whole process group; the parent decides what stops, and a call the
    # child is running finishes (or rolls back) whole.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    inbox, outbox = os.fdopen(read_fd, "rb"), os.fdopen(write_fd, "wb")
    db, failure = None, None
    try:
        path, pragmas = pickle.load(inbox)
        db = open_db(path, migrate=False)
        for name, value in pragmas.items():
            db.execute(f"PRAGMA {name} = {int(value)}")
    except BaseException as exc:  # noqa: BLE001 - raised again in the parent, on its first call
        failure = exc
    try:
        while True:
            try:
                job = pickle.load(inbox)
            except EOFError:  # the parent is gone
                return
            if job is None:
                return
            try:
                if failure is not None:
                    raise failure
                fn, args = job
                reply = (True, fn(db, *args))
            except BaseException as exc:  # noqa: BLE001 - raised again in the parent
                reply = (False, _sendable(exc))
            pickle.dump(reply, outbox, protocol=pickle.HIGHEST_PROTOCOL)
            outbox.flush()
    finally:
        if db is not None:
            db.close()


def _sendable(exc: BaseException) -> BaseException:
    """`exc` if it survives pickling, else a RuntimeError carrying its type and message."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - any exception type can refuse pickling
        return RuntimeError(f"in the writer process: {type(exc).__name__}: {exc}")
