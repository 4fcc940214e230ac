"""A full disk, a read-only store and a lock held too long: one clear line naming the file,
no partial article, and a store that still works once the fault is gone.

How each fault is made real:
- disk full, in-process: `PRAGMA max_page_count` on the very connection the ingest writes
  through, so SQLite itself returns SQLITE_FULL mid-transaction;
- disk full, CLI: a 4 MB tmpfs filled with a ballast file (needs root to mount; skipped otherwise);
- read-only, CLI: a read-only bind mount of the store's folder (EROFS even for root; chmod 444
  would not stop root); in-process: `PRAGMA query_only`, which makes SQLite answer SQLITE_READONLY;
- locked: another connection holds the write lock past a shortened busy timeout.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess

import pytest

from factdesk import storage
from factdesk.ingest import ingest_paths
from tests.factories import make_article
from tests.reliability.helpers import (HOSTILE, assert_clean_failure, assert_no_traceback, fingerprint,
                                       run_cli)


def _integrity(path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def _big_article(path, kib: int = 400):
    """A plain-text article of about `kib` KiB with a claim in every sentence."""
    lines = [f"The minister of district {n} said that {n * 3} people had been moved to camp {n}."
             for n in range(kib * 1024 // 80)]
    path.write_text(" ".join(lines))
    return path


@pytest.fixture
def store(tmp_path, nlp):
    db = storage.open_db(tmp_path / "claims.db")
    ingest_paths(db, nlp, [str(HOSTILE / "good.txt")])
    yield db
    db.close()


@pytest.mark.parametrize("where", ["writer thread", "child process"])
def test_disk_full_mid_ingest_is_a_store_error_and_nothing_partial(store, nlp, tmp_path, monkeypatch, where):
    """SQLITE_FULL inside save_article: StoreError naming the file, store exactly as before,
    whether the writer thread or the child process it hands long runs to was writing."""
    if where == "child process":
        monkeypatch.setattr("factdesk.ingest.CHILD_AFTER_ARTICLES", 0)
    before = fingerprint(store)
    pages = store.execute("PRAGMA page_count").fetchone()[0]
    store.execute(f"PRAGMA max_page_count = {pages + 1}")
    with pytest.raises(storage.StoreError) as err:
        ingest_paths(store, nlp, [str(_big_article(tmp_path / "big.txt", kib=8))])
    message = str(err.value)
    assert "disk full" in message and "claims.db" in message and "\n" not in message
    assert fingerprint(store) == before
    assert not store.conn.in_transaction, "the failed write must be rolled back"
    store.execute("PRAGMA max_page_count = 1073741823")
    result = ingest_paths(store, nlp, [str(tmp_path / "big.txt")])
    assert result.articles == 1, "the store works again once there is room"
    assert _integrity(tmp_path / "claims.db") == "ok"


def test_disk_full_on_review_keeps_the_log_whole(store, tmp_path):
    """A review that cannot be written leaves neither the claim nor the log half-changed."""
    claim = storage.list_claims(store, storage.ClaimFilter(), limit=1)[0]
    before = fingerprint(store)
    store.execute(f"PRAGMA max_page_count = {store.execute('PRAGMA page_count').fetchone()[0]}")
    try:
        storage.review_claim(store, claim.id, "ana", status="false", note="x" * 20_000)
    except storage.StoreError as exc:
        assert "disk full" in str(exc)
        assert fingerprint(store) == before
    else:  # it fitted in the free pages: then it must be wholly there
        assert [e.field for e in storage.history(store, claim.id)] == ["status", "note"]


def test_read_only_connection_write_is_a_store_error(store):
    """SQLITE_READONLY on a write: one line naming the file; nothing changes."""
    before = fingerprint(store)
    store.execute("PRAGMA query_only = 1")
    article, claims = make_article(("The mayor said that 12 schools closed.", "Mayor Diallo"),
                                   external_id="ro-1")
    with pytest.raises(storage.StoreError, match="read-only") as err:
        storage.save_article(store, article, claims)
    assert "claims.db" in str(err.value)
    claim = storage.list_claims(store, storage.ClaimFilter(), limit=1)[0]
    with pytest.raises(storage.StoreError, match="read-only"):
        storage.review_claim(store, claim.id, "ana", status="verified")
    store.execute("PRAGMA query_only = 0")
    assert fingerprint(store) == before


def test_write_lock_held_too_long_is_a_store_error(tmp_path, store):
    """Another program holding the write lock past the busy timeout: a clear error, no hang."""
    path = tmp_path / "claims.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        store.execute("PRAGMA busy_timeout = 200")
        claim = storage.list_claims(store, storage.ClaimFilter(), limit=1)[0]
        with pytest.raises(storage.StoreError, match="locked") as err:
            storage.review_claim(store, claim.id, "ana", status="verified")
        assert "claims.db" in str(err.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert storage.review_claim(store, claim.id, "ana", status="verified")


# --- real file systems (root only) ---------------------------------------------------------


def _mount(args: list[str]) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def _umount(path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


@pytest.fixture
def tiny_disk(tmp_path):
    """A 4 MB tmpfs (root only)."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if not _mount(["-t", "tmpfs", "-o", "size=4M", "tmpfs", str(mnt)]):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield mnt
    _umount(mnt)


@pytest.fixture
def read_only_dir(tmp_path):
    """(writable folder, the same folder bind-mounted read-only) (root only)."""
    src, ro = tmp_path / "src", tmp_path / "ro"
    src.mkdir()
    ro.mkdir()
    if not _mount(["--bind", str(src), str(ro)]):
        pytest.skip("cannot bind-mount here (needs root)")
    if not _mount(["-o", "remount,bind,ro", str(ro)]):
        _umount(ro)
        pytest.skip("cannot remount read-only here")
    yield src, ro
    _umount(ro)


def _fill(folder, leave: int = 0) -> None:
    """Fill a file system with a ballast file, leaving about `leave` bytes free."""
    with open(folder / "ballast", "wb", buffering=0) as fh:
        try:
            while shutil.disk_usage(folder).free > leave + 4096:
                fh.write(b"\0" * 4096)
        except OSError:
            pass


def test_cli_ingest_on_a_full_disk(tiny_disk, tmp_path):
    """`factdesk ingest` onto a full tmpfs: exit non-zero, one line naming the file and saying
    the disk is full, no partial article; after space is freed the same command succeeds."""
    db = tiny_disk / "claims.db"
    first = run_cli("ingest", str(HOSTILE / "good.txt"), "--db", str(db))
    assert first.returncode == 0, first.stderr
    before = fingerprint(db)
    _fill(tiny_disk)
    big = _big_article(tmp_path / "big.txt", kib=4)
    proc = run_cli("ingest", str(big), "--db", str(db))
    assert_clean_failure(proc)
    errors = [line for line in proc.stderr.splitlines() if line.startswith("factdesk:")]
    assert len(errors) == 1 and "disk full" in errors[0] and "claims.db" in errors[0], proc.stderr
    (tiny_disk / "ballast").unlink()
    assert _integrity(db) == "ok"
    assert fingerprint(db) == before
    again = run_cli("ingest", str(big), "--db", str(db))
    assert again.returncode == 0, again.stderr


def test_cli_on_a_read_only_folder(read_only_dir, nlp):
    """Every command on a store in a read-only folder: exit 2, one line saying so; nothing written."""
    src, ro = read_only_dir
    db = storage.open_db(src / "claims.db")
    ingest_paths(db, nlp, [str(HOSTILE / "good.txt")])
    db.close()
    before = fingerprint(src / "claims.db")
    for args in (["ingest", str(HOSTILE / "cp1252.txt")], ["mark", "1", "--status", "verified"]):
        proc = run_cli(*args, "--db", str(ro / "claims.db"))
        assert_clean_failure(proc)
        lines = [line for line in proc.stderr.strip().splitlines() if line.startswith("factdesk:")]
        assert len(lines) == 1 and "read-only" in lines[0] and "claims.db" in lines[0], proc.stderr
    reading = run_cli("claims", "--db", str(ro / "claims.db"))
    assert_no_traceback(reading)
    assert reading.returncode == 0 or "read-only" in reading.stderr
    assert fingerprint(src / "claims.db") == before
