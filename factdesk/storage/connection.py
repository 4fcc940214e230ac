"""Provides opening the claim store: path resolution, pragmas, migrations, version checks.

No UI here. A `Database` from sqlite-utils is used only on the thread that opened it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from factdesk.storage.migrations import SCHEMA_VERSION, factdesk_migrations

BUSY_TIMEOUT_MS = 30_000
"""How long a writer waits for another process's write lock before giving up."""


class StoreError(Exception):
    """A problem with the claim store a journalist can act on (one line, names the file)."""


_SQLITE_PROBLEMS = (
    # (words in SQLite's message, what the journalist reads)
    ("disk is full", "disk full: nothing was written; free some space and run again"),
    ("readonly", "read-only: nothing was written; check the file and folder permissions"),
    ("read-only", "read-only: nothing was written; check the file and folder permissions"),
    ("locked", "locked by another program for too long: nothing was written; try again"),
    ("busy", "locked by another program for too long: nothing was written; try again"),
    ("disk i/o error", "disk I/O error: nothing was written; check the disk"),
)
"""SQLite errors a write can meet that are about the file, not the data."""


def db_file(db: Database) -> str:
    """The file behind an open store ("memory" for an in-memory one)."""
    try:
        row = db.conn.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return "claim store"
    return (row[2] if row else "") or "memory"


def as_store_error(db: Database, exc: sqlite3.Error) -> StoreError | None:
    """A StoreError naming the file for a disk-full / read-only / locked error, else None."""
    message = str(exc).lower()
    for words, problem in _SQLITE_PROBLEMS:
        if words in message:
            return StoreError(f"{db_file(db)}: {problem} ({exc})")
    return None


def default_db_path() -> Path:
    """`FACTDESK_DB`, else `<user data dir>/factdesk/claims.db`."""
    env = os.environ.get("FACTDESK_DB")
    if env:
        return Path(env).expanduser()
    import platformdirs  # only needed when no path is given

    return Path(platformdirs.user_data_dir("factdesk", appauthor=False)) / "claims.db"


def _check_is_sqlite(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    # Ask SQLite, never open() the file ourselves: closing a plain file descriptor drops every
    # POSIX lock this process holds on it, including those of its other open connections (a
    # TUI worker opening its own connection did exactly that). Another process then believed
    # it was the last user and deleted the WAL under us: "disk I/O error", a corruption risk
    # (https://www.sqlite.org/howtocorrupt.html, section 2.2).
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise StoreError(f"{path}: not a SQLite database (refusing to touch it)") from exc
        # Anything else (locked, read-only folder) is for the real open to report.


def _configure(conn: sqlite3.Connection, read_only: bool) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        # WAL lets the review UI read while an ingest in another process writes.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")


MIN_FREE_BYTES = 1 << 20
"""Below this much free space, a failure to open is reported as a full disk."""


def _disk_nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < MIN_FREE_BYTES
    except OSError:
        return False


def _user_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def open_db(path: str | Path | None = None, *, memory: bool = False, migrate: bool = True) -> Database:
    """Open (creating if needed) the claim store and bring its schema up to date.

    Args:
        path: database file; None means `default_db_path()`.
        memory: an in-memory store (tests).
        migrate: apply pending migrations (a backup of an existing file is written first).

    Returns:
        A sqlite-utils Database with foreign keys on, WAL and a busy timeout.

    Raises:
        StoreError: the file is not SQLite, is from a newer factdesk, or cannot be opened.
    """
    if memory:
        db = Database(memory=True)
        _configure(db.conn, read_only=True)
        _migrate(db, None)
        return db
    path = Path(path) if path is not None else default_db_path()
    _check_is_sqlite(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = Database(path)
        _configure(db.conn, read_only=False)
        version = _user_version(db)
    except sqlite3.DatabaseError as exc:
        if _disk_nearly_full(path.parent):
            raise StoreError(f"{path}: cannot open database: disk full (SQLite needs room for its "
                             "write-ahead log next to the file); free some space and run again") from exc
        if not os.access(path.parent, os.W_OK):
            raise StoreError(f"{path}: cannot open database: its folder is read-only (SQLite keeps "
                             "its write-ahead log next to the file; copy it somewhere writable)") from exc
        raise StoreError(f"{path}: cannot open database: {exc}") from exc
    except OSError as exc:
        raise StoreError(f"{path}: cannot create database: {exc.strerror or exc}") from exc
    if version > SCHEMA_VERSION:
        db.close()
        raise StoreError(
            f"{path}: made by a newer factdesk (schema {version}, this one knows {SCHEMA_VERSION}); "
            "upgrade factdesk to open it"
        )
    if migrate:
        try:
            _migrate(db, path)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{path}: cannot update schema: {exc}") from exc
        except StoreError as exc:
            raise StoreError(f"{path}: cannot update schema: {exc}") from exc
    return db


def _migrate(db: Database, path: Path | None) -> None:
    if not factdesk_migrations.pending(db):
        return
    # Under the write lock, checked again: two ingests creating one new store at once would
    # otherwise both start the schema, and one fails with "database is locked".
    with write_transaction(db):
        if not factdesk_migrations.pending(db):
            return  # another process migrated it while this one waited
        if path is not None and _user_version(db) > 0:
            backup_path = path.with_name(f"{path.name}.bak-v{_user_version(db)}")
            # Through a second, read-only connection: SQLite refuses to back up from the
            # connection holding the write lock (and Python's backup would retry forever).
            reader = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                dest = sqlite3.connect(str(backup_path))
                try:
                    reader.backup(dest)
                finally:
                    dest.close()
            finally:
                reader.close()
        factdesk_migrations.apply(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def backup_to(db: Database, target: Path) -> None:
    """Write a consistent copy of the store to `target` (SQLite online backup)."""
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()


def schema_version(db: Database) -> int:
    """The schema version of an open store."""
    return _user_version(db)


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One atomic write: BEGIN IMMEDIATE at the outermost level, a savepoint inside.

    IMMEDIATE takes the write lock up front, so a concurrent writer waits on the busy
    timeout instead of failing with "database is locked" when a read would upgrade.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.conn.execute("COMMIT")  # inside the try: a failed COMMIT must roll back too
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError as exc:
        # Disk full, read-only file, a lock held too long: one line naming the file, and the
        # rollback above has already undone the partial write.
        friendly = as_store_error(db, exc)
        if friendly is None:
            raise
        raise friendly from exc
