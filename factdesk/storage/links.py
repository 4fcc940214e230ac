"""Provides the links between claims that matching finds, and the journalist's decisions on them.

No UI here. A link a journalist confirmed or rejected keeps its decision: saving the same
link again never reopens it.
"""

from __future__ import annotations

from sqlite_utils import Database

from factdesk.models import LINK_DECISIONS, Link
from factdesk.storage.articles import now_iso
from factdesk.storage.connection import StoreError, write_transaction
from factdesk.storage.converters import LINK_COLUMNS, link_from_row


def _figure_key(link: Link) -> str:
    if link.old_value is None and link.new_value is None:
        return ""
    return f"{link.old_value!r}->{link.new_value!r}"


def save_links(db: Database, links: list[Link]) -> int:
    """Store links; existing ones (same pair, relation and figures) keep their decision.

    Returns:
        How many links were new.
    """
    created = now_iso()
    with write_transaction(db):
        # One statement for all: its rowcount counts only the rows inserted, not the ignored.
        cursor = db.conn.executemany(
            "INSERT OR IGNORE INTO links (claim_id, other_id, relation, score, tier, explanation, "
            "old_value, new_value, figure_key, decision, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)",
            [(link.claim_id, link.other_id, link.relation, link.score, link.tier, link.explanation,
              link.old_value, link.new_value, _figure_key(link), created) for link in links],
        )
    return max(0, cursor.rowcount)


def rejected_pairs(db: Database, claim_id: int) -> set[int]:
    """Earlier claims a journalist already said are not linked to this one."""
    rows = db.execute(
        "SELECT other_id FROM links WHERE claim_id = ? AND decision = 'rejected' "
        "UNION SELECT claim_id FROM links WHERE other_id = ? AND decision = 'rejected'",
        [claim_id, claim_id],
    ).fetchall()
    return {r[0] for r in rows}


def list_links(db: Database, relation: str | None = None, decision: str | None = None,
               claim_id: int | None = None, limit: int = 1000, offset: int = 0) -> list[Link]:
    """Links, newest first, optionally for one claim (either side)."""
    conds, params = [], []
    if relation:
        conds.append("relation = ?")
        params.append(relation)
    if decision:
        conds.append("decision = ?")
        params.append(decision)
    if claim_id is not None:
        conds.append("(claim_id = ? OR other_id = ?)")
        params += [claim_id, claim_id]
    where = (" WHERE " + " AND ".join(conds)) if conds else ""
    rows = db.execute(
        f"SELECT {LINK_COLUMNS} FROM links{where} ORDER BY id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [link_from_row(r) for r in rows]


def count_links(db: Database, decision: str | None = "open") -> dict[str, int]:
    """Open (or all) links by relation."""
    sql = "SELECT relation, count(*) FROM links"
    params = []
    if decision:
        sql += " WHERE decision = ?"
        params.append(decision)
    return dict(db.execute(sql + " GROUP BY relation", params).fetchall())


def get_link(db: Database, link_id: int) -> Link | None:
    row = db.execute(f"SELECT {LINK_COLUMNS} FROM links WHERE id = ?", [link_id]).fetchone()
    return link_from_row(row) if row else None


def decide_link(db: Database, link_id: int, decision: str) -> Link:
    """Confirm, reject or reopen a link."""
    if decision not in LINK_DECISIONS:
        raise StoreError(f"decision must be one of {', '.join(LINK_DECISIONS)}, not {decision!r}")
    with write_transaction(db):
        cursor = db.execute("UPDATE links SET decision = ? WHERE id = ?", [decision, link_id])
        if cursor.rowcount == 0:
            raise StoreError(f"no link with id {link_id}")
    return get_link(db, link_id)
