"""ChildWriter: store calls run in a child process, in order; results, errors and limits come back."""

from __future__ import annotations

import pytest

from factdesk import storage
from factdesk.storage.child_writer import _sendable
from tests.factories import make_article


def _article(external_id: str):
    return make_article((f"The mayor said that {external_id} schools closed.", "Mayor Diallo"),
                        external_id=external_id)


@pytest.fixture
def db(tmp_path):
    store = storage.open_db(tmp_path / "claims.db")
    yield store
    store.close()


def test_calls_run_in_the_child_and_their_results_come_back(db, tmp_path):
    child = storage.ChildWriter(str(tmp_path / "claims.db"))
    try:
        saved = [child.call(storage.save_article, *_article(f"{n + 2}")) for n in range(3)]
        assert [len(s.claim_ids) for s in saved] == [1, 1, 1]
        assert child.call(storage.counts)["articles"] == 3
    finally:
        child.close()
    assert child._process.returncode == 0
    assert storage.counts(db)["articles"] == 3, "the parent's own connection sees what the child stored"


def test_an_error_in_the_child_is_raised_in_the_parent_and_the_child_goes_on(db, tmp_path):
    child = storage.ChildWriter(str(tmp_path / "claims.db"))
    try:
        with pytest.raises(storage.StoreError, match="no claim with id 999"):
            child.call(storage.review_claim, 999, "ana", "verified")
        assert child.call(storage.save_article, *_article("12")) is not None
    finally:
        child.close()


def test_the_callers_limits_hold_in_the_child(db, tmp_path):
    child = storage.ChildWriter(str(tmp_path / "claims.db"), {"query_only": 1})
    try:
        with pytest.raises(storage.StoreError, match="read-only"):
            child.call(storage.save_article, *_article("7"))
    finally:
        child.close()
    assert storage.counts(db)["articles"] == 0


def test_a_child_that_dies_is_one_clear_store_error(db, tmp_path):
    child = storage.ChildWriter(str(tmp_path / "claims.db"))
    child._process.kill()
    child._process.wait()
    with pytest.raises(storage.StoreError, match=r"claims\.db: the writer process stopped \(exit code -9\)"):
        child.call(storage.counts)
    child.close()  # and closing it afterwards neither hangs nor raises


def test_a_store_that_cannot_be_opened_fails_the_first_call(tmp_path):
    (tmp_path / "not.db").write_text("plain text, not SQLite " * 100)
    child = storage.ChildWriter(str(tmp_path / "not.db"))
    try:
        with pytest.raises(storage.StoreError, match="not a SQLite database"):
            child.call(storage.counts)
    finally:
        child.close()


def test_an_exception_pickle_refuses_becomes_a_runtime_error_with_its_message():
    class Local(Exception):  # a class pickle cannot find by name
        pass

    sent = _sendable(Local("boom"))
    assert isinstance(sent, RuntimeError) and "Local: boom" in str(sent)
    kept = ValueError("plain")
    assert _sendable(kept) is kept


def test_the_child_imports_the_same_factdesk_as_the_parent(monkeypatch):
    from pathlib import Path

    import factdesk
    from factdesk.storage.child_writer import _child_env

    monkeypatch.setenv("PYTHONPATH", "/elsewhere")
    first, rest = _child_env()["PYTHONPATH"].split(":", 1)
    assert Path(first) / "factdesk" == Path(factdesk.__file__).resolve().parent and rest == "/elsewhere"
