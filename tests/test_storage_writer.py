"""Writers: steps run in order, on the caller's connection or a thread with its own; errors come back."""

from __future__ import annotations

import threading

import pytest

from factdesk import storage
from tests.factories import make_article


def _save(db, external_id: str) -> None:
    article, claims = make_article((f"The mayor said that {len(external_id)} schools closed.", "Mayor Diallo"),
                                   external_id=external_id)
    storage.save_article(db, article, claims)


def test_in_memory_or_mid_transaction_the_caller_writes_itself(fresh_db, tmp_path):
    assert isinstance(storage.writer_for(fresh_db, background=True), storage.InlineWriter)
    db = storage.open_db(tmp_path / "claims.db")
    assert isinstance(storage.writer_for(db, background=False), storage.InlineWriter)
    with storage.write_transaction(db):
        assert isinstance(storage.writer_for(db, background=True), storage.InlineWriter)


def test_background_steps_run_in_order_on_one_other_thread(tmp_path):
    db = storage.open_db(tmp_path / "claims.db")
    writer = storage.writer_for(db, background=True)
    assert isinstance(writer, storage.BackgroundWriter)
    seen = []
    for n in range(5):
        writer.do(lambda wdb, n: (_save(wdb, f"a{'x' * n}"), seen.append((n, threading.get_ident()))), n)
    writer.close()
    assert [n for n, _ in seen] == list(range(5))
    assert {t for _, t in seen} != {threading.get_ident()} and len({t for _, t in seen}) == 1
    assert storage.counts(db)["articles"] == 5


def test_a_failed_step_stops_the_writer_and_is_raised_on_the_callers_side(tmp_path):
    db = storage.open_db(tmp_path / "claims.db")
    writer = storage.writer_for(db, background=True)
    writer.do(_save, "a1")
    writer.do(lambda wdb: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        for n in range(1000):  # the error comes back at the next step at the latest
            writer.do(_save, f"b{n}")
        writer.close()
    writer.close(abandon=True)
    assert storage.counts(db)["articles"] == 1


def test_the_callers_limits_hold_for_the_background_connection(tmp_path):
    """A cap or read-only mode set on the caller's connection applies to the writes made for it."""
    db = storage.open_db(tmp_path / "claims.db")
    db.execute("PRAGMA query_only = 1")
    writer = storage.writer_for(db, background=True)
    writer.do(_save, "a1")
    with pytest.raises(storage.StoreError, match="read-only"):
        writer.close()
    db.execute("PRAGMA query_only = 0")
    assert storage.counts(db)["articles"] == 0
