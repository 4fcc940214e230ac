"""The store across versions and over a review's life: an older store migrates forward on open
with a backup written first, a newer one is refused in one line, and review history only grows.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3

import pytest
from click.testing import CliRunner

from factdesk import storage
from factdesk.cli import cli
from factdesk.storage import migrations
from tests.factories import make_article
from tests.reliability.helpers import fingerprint, run_cli


def _file_hash(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _populated(path):
    """A store with two articles and one review, closed (WAL checkpointed into the file)."""
    db = storage.open_db(path)
    a1, c1 = make_article(("The mayor said that 12 schools closed.", "Mayor Diallo"),
                          ("Troops took the airport.", None), external_id="a1", published="2013-02-01")
    a2, c2 = make_article(("The mayor said that 14 schools closed.", "Mayor Diallo"),
                          external_id="a2", published="2013-02-05")
    saved = storage.save_article(db, a1, c1)
    storage.save_article(db, a2, c2)
    storage.review_claim(db, saved.claim_ids[0], "desk", status="disputed", note="check the ministry")
    db.close()
    return path


def invoke(*args):
    return CliRunner().invoke(cli, list(args), env={"FACTDESK_DEBUG": "1"})


@contextlib.contextmanager
def next_version(monkeypatch):
    """Pretend this factdesk knows one more migration than the stores on disk have."""
    applied = []

    @migrations.factdesk_migrations(name="m999_reliability_test_only")
    def _add_column(db):
        applied.append(True)
        db.execute("ALTER TABLE claims ADD COLUMN reliability_test TEXT")

    version = migrations.SCHEMA_VERSION + 1
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", version)
    monkeypatch.setattr("factdesk.storage.connection.SCHEMA_VERSION", version)
    try:
        yield applied
    finally:
        migrations.factdesk_migrations._migrations.pop()


def test_cli_migrates_an_older_store_forward_after_a_backup(tmp_path, monkeypatch):
    """`factdesk claims` on an older store: backup first (identical to the old store), then the
    migration; every article, claim and review survives."""
    path = _populated(tmp_path / "claims.db")
    before = fingerprint(path)
    old_version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    with next_version(monkeypatch) as applied:
        result = invoke("claims", "--format", "jsonl", "--db", str(path))
        assert result.exit_code == 0, result.output
        assert applied == [True]
        db = storage.open_db(path)
        assert storage.schema_version(db) == old_version + 1
        assert "reliability_test" in db.table("claims").columns_dict
        db.close()
    assert result.output.count('"id"') == 3
    backup = tmp_path / f"claims.db.bak-v{old_version}"
    assert backup.exists()
    assert fingerprint(backup) == before, "the backup is the store as it was"
    old, new = storage.open_db(backup), storage.open_db(path)
    try:
        assert storage.counts(new) == storage.counts(old)
        everything = storage.ClaimFilter()
        assert storage.list_claims(new, everything) == storage.list_claims(old, everything)
        assert [storage.history(new, c.id) for c in storage.list_claims(new, everything)] == \
            [storage.history(old, c.id) for c in storage.list_claims(old, everything)]
    finally:
        old.close()
        new.close()


def test_failed_migration_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    """A migration that breaks half-way: one clear error, the old store intact and reopenable."""
    path = _populated(tmp_path / "claims.db")
    before = fingerprint(path)

    @migrations.factdesk_migrations(name="m998_reliability_breaks")
    def _breaks(db):
        db.execute("CREATE TABLE half_done (x)")
        db.execute("INSERT INTO no_such_table VALUES (1)")

    version = migrations.SCHEMA_VERSION + 1
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", version)
    monkeypatch.setattr("factdesk.storage.connection.SCHEMA_VERSION", version)
    try:
        result = invoke("claims", "--db", str(path))
        assert result.exit_code == 2
        assert "cannot update schema" in result.output
        conn = sqlite3.connect(path)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        conn.close()
        assert "half_done" not in tables, "a half-applied migration was left behind"
        assert fingerprint(path) == before
    finally:
        migrations.factdesk_migrations._migrations.pop()


@pytest.mark.parametrize("command", [["claims"], ["mark", "1", "--status", "verified"], ["articles"],
                                     ["export", "--format", "json"]])
def test_newer_store_is_refused_in_one_line(tmp_path, command):
    """A store from a newer factdesk: exit 2, one stderr line, the file byte-for-byte unchanged."""
    path = _populated(tmp_path / "claims.db")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = _file_hash(path)
    proc = run_cli(*command, "--db", str(path))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "newer factdesk" in lines[0] and "claims.db" in lines[0], proc.stderr
    assert _file_hash(path) == before
    assert not list(tmp_path.glob("claims.db.bak*"))


def test_review_history_only_grows_and_undo_restores(tmp_path):
    """mark, mark, undo, undo via the CLI: the claim returns to its first state, the log holds
    every step (4 + 2 undo entries per field), and the database refuses edits to the log."""
    path = _populated(tmp_path / "claims.db")
    db = storage.open_db(path)
    claim = storage.list_claims(db, storage.ClaimFilter(article="a2"))[0]
    db.close()
    cid = str(claim.id)
    sizes = []

    def log_size():
        d = storage.open_db(path)
        try:
            return storage.counts(d)["review_log"]
        finally:
            d.close()

    steps = [["mark", cid, "--status", "false", "--note", "ministry denies", "--reviewer", "ana"],
             ["mark", cid, "--status", "verified", "--reviewer", "ben"],
             ["undo", "--reviewer", "ben"],
             ["undo", "--reviewer", "ana"]]
    for step in steps:
        result = invoke(*step, "--db", str(path))
        assert result.exit_code == 0, (step, result.output)
        sizes.append(log_size())
    assert sizes == sorted(sizes) and len(set(sizes)) == len(sizes), f"the log shrank or stalled: {sizes}"
    db = storage.open_db(path)
    back = storage.get_claim(db, claim.id)
    assert (back.status, back.note) == ("unverified", None)
    entries = storage.history(db, claim.id)
    assert [e.field for e in entries] == ["status", "note", "status", "status", "note", "status"]
    assert sum(e.undoes is not None for e in entries) == 3
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM review_log")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE review_log SET new = 'verified'")
    db.close()
    shown = invoke("history", cid, "--db", str(path))
    assert shown.exit_code == 0 and "undo of change" in shown.output
    nothing = invoke("undo", "--reviewer", "ana", "--db", str(path))
    assert "nothing to undo" in nothing.output or nothing.exit_code != 0
    assert log_size() == sizes[-1]
