"""Provides review decisions on claims, kept in an append-only log that undo also writes to.

No UI here. A change of status, note or evidence is one transaction: the claim row and its
log entries move together, and share a `batch`, so one undo reverses the whole action.
Undo never deletes history; it appends the reverse change.
"""

from __future__ import annotations

import getpass
import os

from sqlite_utils import Database

from factdesk.models import STATUSES, ReviewEntry
from factdesk.storage.articles import now_iso
from factdesk.storage.connection import StoreError, write_transaction
from factdesk.storage.converters import REVIEW_COLUMNS, review_from_row

REVIEWED_FIELDS = ("status", "note", "evidence_url")
"""Claim columns a reviewer may change; the log names them the same."""


def default_reviewer(explicit: str | None = None) -> str:
    """Who the review log names: `explicit`, else $FACTDESK_REVIEWER, else the login name."""
    if explicit:
        return explicit
    if os.environ.get("FACTDESK_REVIEWER"):
        return os.environ["FACTDESK_REVIEWER"]
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry for this uid (containers)
        return "reviewer"


def _append(db: Database, claim_id: int, reviewer: str, field: str, old, new, *, note=None,
            evidence=None, undoes=None, batch=None) -> int:
    cursor = db.execute(
        "INSERT INTO review_log (claim_id, time, reviewer, field, old, new, note, evidence_url, "
        "undoes, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [claim_id, now_iso(), reviewer, field, old, new, note, evidence, undoes, batch],
    )
    return cursor.lastrowid


def _entries(db: Database, where: str, params: list) -> list[ReviewEntry]:
    rows = db.execute(f"SELECT {REVIEW_COLUMNS} FROM review_log WHERE {where} ORDER BY id", params)
    return [review_from_row(r) for r in rows.fetchall()]


def review_claim(db: Database, claim_id: int, reviewer: str, status: str | None = None,
                 note: str | None = None, evidence_url: str | None = None) -> list[ReviewEntry]:
    """Set any of status, note, evidence on a claim, logging each change as one action.

    Returns:
        The log entries written (none if nothing changed).
    """
    if status is not None and status not in STATUSES:
        raise StoreError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    with write_transaction(db):
        row = db.execute("SELECT status, note, evidence_url FROM claims WHERE id = ?", [claim_id]).fetchone()
        if row is None:
            raise StoreError(f"no claim with id {claim_id}")
        current = dict(zip(REVIEWED_FIELDS, row))
        batch = None
        for field, new in zip(REVIEWED_FIELDS, (status, note, evidence_url)):
            if new is None or new == current[field]:
                continue
            db.execute(f"UPDATE claims SET {field} = ? WHERE id = ?", [new, claim_id])
            entry_id = _append(db, claim_id, reviewer, field, current[field], new, note=note,
                               evidence=evidence_url, batch=batch)
            if batch is None:
                batch = entry_id
        if batch is None:
            return []
        return _entries(db, "claim_id = ? AND id >= ?", [claim_id, batch])


def history(db: Database, claim_id: int) -> list[ReviewEntry]:
    """Every logged change of a claim, oldest first."""
    return _entries(db, "claim_id = ?", [claim_id])


def _action_of(db: Database, entry: ReviewEntry) -> list[ReviewEntry]:
    """The entry and the others written by the same action."""
    batch_row = db.execute("SELECT coalesce(batch, id) FROM review_log WHERE id = ?", [entry.id]).fetchone()
    batch = batch_row[0]
    return _entries(db, "(id = ? OR batch = ?) AND undoes IS NULL", [batch, batch])


def last_undoable(db: Database, reviewer: str | None = None, claim_id: int | None = None) -> ReviewEntry | None:
    """The newest change that is neither an undo nor already undone."""
    conds = ["undoes IS NULL", "id NOT IN (SELECT undoes FROM review_log WHERE undoes IS NOT NULL)"]
    params: list = []
    if reviewer:
        conds.append("reviewer = ?")
        params.append(reviewer)
    if claim_id is not None:
        conds.append("claim_id = ?")
        params.append(claim_id)
    row = db.execute(
        f"SELECT {REVIEW_COLUMNS} FROM review_log WHERE {' AND '.join(conds)} ORDER BY id DESC LIMIT 1",
        params,
    ).fetchone()
    return review_from_row(row) if row else None


def undo(db: Database, reviewer: str, entry_id: int | None = None) -> list[ReviewEntry]:
    """Reverse one action (the reviewer's newest by default) by appending its opposite.

    Returns:
        The new log entries, empty when there was nothing to undo.
    """
    with write_transaction(db):
        if entry_id is None:
            target = last_undoable(db, reviewer)
        else:
            found = _entries(db, "id = ?", [entry_id])
            target = found[0] if found else None
            if target is None:
                raise StoreError(f"no review entry with id {entry_id}")
        if target is None:
            return []
        undone = {r[0] for r in db.execute("SELECT undoes FROM review_log WHERE undoes IS NOT NULL")}
        action = [e for e in _action_of(db, target) if e.id not in undone]
        if target.undoes is not None or not action:
            raise StoreError(f"review entry {target.id} is already undone or is itself an undo")
        first = None
        for entry in reversed(action):
            current = db.execute(f"SELECT {entry.field} FROM claims WHERE id = ?", [entry.claim_id]).fetchone()[0]
            db.execute(f"UPDATE claims SET {entry.field} = ? WHERE id = ?", [entry.old, entry.claim_id])
            new_id = _append(db, entry.claim_id, reviewer, entry.field, current, entry.old,
                             note=f"undo of change {entry.id}", undoes=entry.id, batch=first)
            first = first or new_id
        return _entries(db, "id >= ? AND undoes IS NOT NULL AND claim_id = ?", [first, target.claim_id])
