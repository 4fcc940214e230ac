"""Writers at once: two ingests into one store, reviews (threads, CLI processes and the TUI)
while an ingest writes. No "database is locked", no lost review, no lost claim.

Every review below changes a status (it alternates), so each call must leave exactly one
log entry: counting the log is counting the writes that were acknowledged.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from factdesk import storage
from tests.factories import make_article
from tests.reliability.helpers import REPO, run_cli, synthetic_article, write_jsonl

STATUSES = ("verified", "false")


def _start_ingest(jsonl, db) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "factdesk", "ingest", str(jsonl), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)


def _seed(path, n: int = 20) -> list[int]:
    """A store with n hand-made claims (no spaCy); returns their ids."""
    db = storage.open_db(path)
    ids = []
    for i in range(n):
        article, claims = make_article((f"Mayor Diallo said that {i + 3} schools had closed in Gao.", "Mayor Diallo"),
                                       external_id=f"seed-{i}", published="2013-01-01")
        ids += storage.save_article(db, article, claims).claim_ids
    db.close()
    return ids


def _counts(path) -> dict[str, int]:
    db = storage.open_db(path)
    try:
        return storage.counts(db)
    finally:
        db.close()


def test_two_ingests_into_one_store_at_once(tmp_path):
    """Two `factdesk ingest` processes on different files, same store: both succeed, and the
    store holds exactly the sum of what each stores alone."""
    a = write_jsonl(tmp_path / "a.jsonl", (synthetic_article(i) for i in range(0, 40)))
    b = write_jsonl(tmp_path / "b.jsonl", (synthetic_article(i) for i in range(1000, 1040)))
    shared = tmp_path / "shared.db"
    procs = [_start_ingest(a, shared), _start_ingest(b, shared)]
    outputs = [p.communicate(timeout=180) for p in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err
        assert "ingested 40 articles" in out
    claims_each = [int(out.split(": ")[1].split(" claim")[0]) for out, _ in outputs]
    got = _counts(shared)
    assert got["articles"] == 80
    assert got["claims"] == sum(claims_each)


def test_reviews_from_threads_and_processes_while_ingesting(tmp_path):
    """4 threads (own connections) and a loop of `factdesk mark` processes review claims while
    an ingest writes: every acknowledged review is in the log, none failed."""
    path = tmp_path / "claims.db"
    ids = _seed(path)
    ingest = _start_ingest(write_jsonl(tmp_path / "wire.jsonl", (synthetic_article(i) for i in range(60))),
                           path)
    acknowledged, failures = [], []
    lock = threading.Lock()

    shared, cli_claim, own = ids[0], ids[1], ids[2:]

    def reviewer(n: int) -> None:
        """Alternates the status of claims this thread owns, and writes a unique note on one
        claim every thread shares (contention on one row): every call is one change."""
        db = storage.open_db(path)
        mine = own[n::4]
        last = {}
        try:
            for k in range(40):
                if k % 4 == 3:
                    call = dict(claim_id=shared, note=f"thread {n} pass {k}")
                else:
                    cid = mine[k % len(mine)]
                    last[cid] = "false" if last.get(cid) == "verified" else "verified"
                    call = dict(claim_id=cid, status=last[cid])
                try:
                    entries = storage.review_claim(db, reviewer=f"thread-{n}", **call)
                except Exception as exc:  # noqa: BLE001 - any failure is the finding
                    with lock:
                        failures.append(repr(exc))
                    continue
                with lock:
                    acknowledged.append(len(entries))
                    if len(entries) != 1:
                        failures.append(f"{call}: {len(entries)} log entries")
        finally:
            db.close()

    def cli_reviewer() -> None:
        for k in range(6):
            proc = run_cli("mark", str(cli_claim), "--status", STATUSES[k % 2], "--reviewer", "cli",
                           "--db", str(path))
            with lock:
                if proc.returncode == 0:
                    acknowledged.append(1)
                else:
                    failures.append(proc.stderr.strip())

    threads = [threading.Thread(target=reviewer, args=(n,)) for n in range(4)]
    threads.append(threading.Thread(target=cli_reviewer))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    out, err = ingest.communicate(timeout=180)
    assert ingest.returncode == 0, err
    assert failures == [], failures
    got = _counts(path)
    assert len(acknowledged) == 4 * 40 + 6 and set(acknowledged) == {1}
    assert got["review_log"] == sum(acknowledged), "a review was acknowledged but not logged"
    assert got["articles"] == 20 + 60
    # Per claim, the log replays to the stored status: nothing overwritten out of order.
    db = storage.open_db(path)
    assert len(storage.history(db, shared)) == 4 * 10
    for cid in ids:
        claim = storage.get_claim(db, cid)
        for field in ("status", "note"):
            chain = [e for e in storage.history(db, cid) if e.field == field]
            if chain:  # the log replays to the stored value: nothing overwritten out of order
                assert getattr(claim, field) == chain[-1].new
                assert all(e.old == prev.new for prev, e in zip(chain, chain[1:])), "a change was lost"
    db.close()


async def test_tui_reviews_and_refreshes_while_an_ingest_writes(tmp_path):
    """The review screen stays usable while `factdesk ingest` writes: every key press is
    logged, and refresh shows the claims the ingest added."""
    from factdesk.tui.app import make_app

    path = tmp_path / "claims.db"
    ids = _seed(path)
    app = make_app(db_path=path, reviewer="tui")
    presses = 0
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2")  # the claims screen
        await pilot.pause()
        screen = app.screen
        ingest = _start_ingest(write_jsonl(tmp_path / "wire.jsonl", (synthetic_article(i) for i in range(40))),
                               path)
        deadline = time.monotonic() + 180
        while ingest.poll() is None and time.monotonic() < deadline:
            await pilot.press("v" if presses % 2 == 0 else "f")  # alternate: every press is a change
            presses += 1
            if presses % 10 == 0:
                await pilot.press("j")
            await pilot.pause(0.05)
        out, err = ingest.communicate(timeout=60)
        assert ingest.returncode == 0, err
        await pilot.press("r")  # refresh
        await app.workers.wait_for_complete()
        await pilot.pause()
        total = _counts(path)["claims"]
        assert screen.total == total, "refresh did not pick up the ingested claims"
        assert max(c.id for c in screen.claims) > max(ids), "the newest claims are on screen"
    got = _counts(path)
    assert presses > 0
    assert got["review_log"] == presses, "a review key press was lost"


def test_opening_a_second_connection_keeps_the_first_ones_locks(tmp_path):
    """Regression: open_db used to read the file header with open()/close(), which drops every
    POSIX lock the process holds on the file. Another process closing the store then thought it
    was the last user and deleted the WAL under the first connection ("disk I/O error")."""
    path = tmp_path / "claims.db"
    _seed(path, n=2)
    first = storage.open_db(path)
    assert storage.counts(first)["claims"] == 2  # holds its WAL read lock from here on
    second = storage.open_db(path)  # what a TUI worker does for each count
    second.close()
    other = subprocess.run([sys.executable, "-c", (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute('INSERT INTO review_log (claim_id, time, reviewer, field) VALUES (1, 0, \\'x\\', \\'note\\')'); "
        "c.commit(); c.close()"), str(path)], capture_output=True, text=True)
    assert other.returncode == 0, other.stderr
    assert (tmp_path / "claims.db-wal").exists(), "the WAL was deleted while a connection had it open"
    assert storage.counts(first)["review_log"] == 1
    first.close()
