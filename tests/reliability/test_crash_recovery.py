"""Kill -9 in the middle of a 500-article ingest: the store stays sound, each article is
wholly present or absent, and running the same ingest again completes it without duplicates.

The killed store is compared with a clean reference ingest of the same file, run at the
same time in another process (two cores: the two ingests overlap instead of adding up).
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from factdesk import storage
from tests.reliability.helpers import REPO, check_store_invariants, synthetic_article, write_jsonl

N_ARTICLES = 500
KILL_AFTER = 120
"""Articles stored in the victim before it is killed (extraction runs in batches of 32,
so the kill lands somewhere inside a batch's save-and-link loop)."""


def _ingest_proc(jsonl, db) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "factdesk", "ingest", str(jsonl), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)


def _article_count(db_path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet, or schema still being written
        return 0


def article_contents(db) -> dict[str, tuple]:
    """external id -> everything extracted from it, comparable across stores."""
    out = {}
    for art in storage.list_articles(db, limit=1_000_000):
        claims = storage.claims_for_article(db, art.id)
        out[art.external_id] = (art.content_hash, tuple(
            (c.order, c.kind, c.text, c.content, c.cue, c.speaker_mention, c.speaker_name,
             tuple((f.value, f.start, f.end, f.what, f.unit) for f in c.figures))
            for c in claims))
    return out


def link_keys(db) -> set[tuple]:
    """Links named by (article external id, claim order) pairs, not store-specific ids."""
    where = {}
    for art in storage.list_articles(db, limit=1_000_000):
        for c in storage.claims_for_article(db, art.id):
            where[c.id] = (art.external_id, c.order)
    return {(where[lk.claim_id], where[lk.other_id], lk.relation)
            for lk in storage.list_links(db, limit=1_000_000)}


def test_sigkill_mid_ingest_loses_nothing_and_resumes(tmp_path):
    """SIGKILL after ~120 of 500 articles: integrity ok, no partial article, resume completes."""
    jsonl = write_jsonl(tmp_path / "wire.jsonl", (synthetic_article(i) for i in range(N_ARTICLES)))
    ref_db, victim_db = tmp_path / "reference.db", tmp_path / "victim.db"
    reference = _ingest_proc(jsonl, ref_db)
    victim = _ingest_proc(jsonl, victim_db)
    try:
        deadline = time.monotonic() + 120
        while _article_count(victim_db) < KILL_AFTER:
            assert victim.poll() is None, "the ingest ended before it could be killed"
            assert time.monotonic() < deadline, "the ingest made no progress"
            time.sleep(0.05)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
        assert victim.returncode == -signal.SIGKILL
    finally:
        if victim.poll() is None:
            victim.kill()
            victim.wait()
    _, err = reference.communicate(timeout=180)
    assert reference.returncode == 0, err

    conn = sqlite3.connect(victim_db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()

    ref, killed = storage.open_db(ref_db), storage.open_db(victim_db)
    ref_articles = article_contents(ref)
    killed_articles = article_contents(killed)
    in_flight = storage.list_articles(killed, limit=1_000_000)
    in_flight = max(in_flight, key=lambda a: a.id).external_id  # the last article committed
    assert KILL_AFTER <= len(killed_articles) < N_ARTICLES
    for ext_id, content in killed_articles.items():
        assert content == ref_articles[ext_id], f"{ext_id} is not the whole article"
    check_store_invariants(killed)
    killed.close()

    rerun = _ingest_proc(jsonl, victim_db)
    out, err = rerun.communicate(timeout=180)
    assert rerun.returncode == 0, err
    assert "Traceback" not in err
    final = storage.open_db(victim_db)
    assert article_contents(final) == ref_articles, "resumed store differs from the reference"
    assert storage.counts(final)["claims"] == storage.counts(ref)["claims"]
    assert not any("~" in a.external_id for a in storage.list_articles(final, limit=10_000)), \
        "a re-run stored an article twice"
    # Ingest commits each article together with its links, so none may be lost.
    assert link_keys(final) == link_keys(ref)
    final.close()
    ref.close()


def test_crash_between_save_and_link_is_repaired_by_a_rerun(tmp_path, nlp, monkeypatch):
    """The window kill -9 can hit: the article is saved, its links are not yet written."""
    import factdesk.ingest as ingest_mod

    jsonl = write_jsonl(tmp_path / "two.jsonl", [
        {"id": "first", "date": "2013-02-01",
         "text": "Colonel Keita said that 40 soldiers had been killed near Gao on Monday."},
        {"id": "second", "date": "2013-02-03",
         "text": "Colonel Keita said that 45 soldiers had been killed near Gao on Monday."},
    ])
    reference = storage.open_db(tmp_path / "ref.db")
    ingest_mod.ingest_paths(reference, nlp, [str(jsonl)])
    assert link_keys(reference), "the two claims should be linked (an updated figure)"

    db = storage.open_db(tmp_path / "crash.db")
    real_link = ingest_mod.link_new_claims
    calls = []

    def crash_on_second(db_, claim_ids):
        calls.append(claim_ids)
        if len(calls) == 2:
            raise KeyboardInterrupt  # stands in for SIGKILL right after the commit
        return real_link(db_, claim_ids)

    monkeypatch.setattr(ingest_mod, "link_new_claims", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        ingest_mod.ingest_paths(db, nlp, [str(jsonl)])
    monkeypatch.setattr(ingest_mod, "link_new_claims", real_link)
    ingest_mod.ingest_paths(db, nlp, [str(jsonl)])
    assert link_keys(db) == link_keys(reference)
