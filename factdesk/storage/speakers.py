"""Provides speakers across articles: resolving, listing, merging, renaming and splitting.

No UI here. One real-world speaker is one row; every name seen for it is an alias, so the
next article that says "Le Drian" lands on the same speaker. Merges are remembered by
`merged_into`, so a merged-away alias keeps resolving to the surviving speaker.
"""

from __future__ import annotations

from sqlite_utils import Database

from factdesk.models import Speaker, StoredSpeaker
from factdesk.storage.connection import StoreError, write_transaction
from factdesk.storage.converters import speaker_from_row

SPEAKER_SELECT = """
SELECT s.id, s.name, s.kind, s.role, s.affiliation,
       (SELECT count(*) FROM claims c WHERE c.speaker_id = s.id)
FROM speakers s
"""


def alias_key(name: str) -> str:
    """Case- and space-folded key under which an alias is unique."""
    return " ".join(name.casefold().split())


def _follow_merges(db: Database, speaker_id: int) -> int:
    seen = set()
    while speaker_id not in seen:
        seen.add(speaker_id)
        row = db.execute("SELECT merged_into FROM speakers WHERE id = ?", [speaker_id]).fetchone()
        if row is None or row[0] is None:
            return speaker_id
        speaker_id = row[0]
    return speaker_id


def find_speaker_id(db: Database, name: str) -> int | None:
    """The live speaker an alias (or canonical name) belongs to, if any."""
    row = db.execute(
        "SELECT speaker_id FROM speaker_aliases WHERE alias_key = ?", [alias_key(name)]
    ).fetchone()
    return _follow_merges(db, row[0]) if row else None


def _add_alias(db: Database, speaker_id: int, alias: str) -> None:
    key = alias_key(alias)
    if not key:
        return
    db.execute(
        "INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, alias_key, last_word) VALUES (?, ?, ?, ?)",
        [speaker_id, alias.strip(), key, key.split()[-1]],
    )


def same_person(db: Database, name: str) -> int | None:
    """The one stored person a new name is a short or a full form of, if exactly one.

    "Le Drian" in a later article is the stored "Jean-Yves Le Drian"; "Jean-Yves Le Drian" is a
    stored "Le Drian" whose names all end his. Two candidates ("Clinton" with both Bill and
    Hillary stored) is no answer: a new speaker is made, and a journalist can merge. A full form
    replaces a shorter canonical name (the short one stays an alias). Call inside a write.
    """
    words = alias_key(name).split()
    if not words:
        return None
    found: dict[int, bool] = {}  # speaker id -> whether the new name is the fuller one
    rows = db.execute(
        "SELECT a.alias_key, a.speaker_id FROM speaker_aliases a WHERE a.last_word = ?", [words[-1]]
    ).fetchall()
    for key, sid in rows:
        have = key.split()
        if len(have) > len(words) and have[-len(words):] == words:
            found.setdefault(_follow_merges(db, sid), False)
        elif len(have) < len(words) and words[-len(have):] == have:
            found.setdefault(_follow_merges(db, sid), True)
    live = [sid for sid in found if _is_person(db, sid)]
    if len(live) != 1:
        return None
    sid = live[0]
    if found[sid]:
        # a fuller name must agree with every name the speaker has ("Hillary Clinton" is not a
        # speaker also called "Bill Clinton")
        if any(words[-len(k.split()):] != k.split() for k in map(alias_key, aliases_of(db, sid))):
            return None
        db.execute("UPDATE speakers SET name = ? WHERE id = ?", [" ".join(name.split()), sid])
    return sid


def _is_person(db: Database, speaker_id: int) -> bool:
    row = db.execute("SELECT kind FROM speakers WHERE id = ?", [speaker_id]).fetchone()
    return row is not None and row[0] == "person"


def resolve_speaker(db: Database, speaker: Speaker) -> tuple[int, bool]:
    """Find or create the stored speaker for an extracted one.

    Returns:
        (speaker id, whether it was created). Call inside a write transaction.
    """
    names = [speaker.name, *speaker.aliases]
    speaker_id = next((sid for sid in map(lambda n: find_speaker_id(db, n), names) if sid), None)
    if speaker_id is None and speaker.kind == "person":
        speaker_id = same_person(db, speaker.name)
    created = speaker_id is None
    if created:
        cursor = db.execute(
            "INSERT INTO speakers (name, kind, role, affiliation) VALUES (?, ?, ?, ?)",
            [speaker.name, speaker.kind, speaker.role, speaker.affiliation],
        )
        speaker_id = cursor.lastrowid
    else:
        # Keep the first role seen, fill in what was missing.
        db.execute(
            "UPDATE speakers SET role = coalesce(role, ?), affiliation = coalesce(affiliation, ?) "
            "WHERE id = ?",
            [speaker.role, speaker.affiliation, speaker_id],
        )
    for name in names:
        _add_alias(db, speaker_id, name)
    return speaker_id, created


def aliases_of(db: Database, speaker_id: int) -> tuple[str, ...]:
    rows = db.execute(
        "SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY id", [speaker_id]
    ).fetchall()
    return tuple(r[0] for r in rows)


def list_speakers(db: Database, search: str | None = None, limit: int = 500) -> list[StoredSpeaker]:
    """Live (not merged-away) speakers, most claims first."""
    sql = SPEAKER_SELECT + " WHERE s.merged_into IS NULL"
    params: list = []
    if search:
        # instr, not LIKE: no pattern syntax to escape and no pattern-length limit
        # (SQLite refuses a LIKE pattern over 50,000 bytes: a pasted article in the search box).
        sql += " AND s.id IN (SELECT speaker_id FROM speaker_aliases WHERE instr(alias_key, ?) > 0)"
        params.append(alias_key(search))
    sql += " ORDER BY 6 DESC, s.name LIMIT ?"
    params.append(limit)
    return [speaker_from_row(r, aliases_of(db, r[0])) for r in db.execute(sql, params).fetchall()]


def get_speaker(db: Database, speaker_id: int) -> StoredSpeaker | None:
    row = db.execute(SPEAKER_SELECT + " WHERE s.id = ?", [speaker_id]).fetchone()
    return speaker_from_row(row, aliases_of(db, speaker_id)) if row else None


def speaker_by_name(db: Database, name: str) -> StoredSpeaker:
    """The live speaker for a name or alias, or StoreError."""
    sid = find_speaker_id(db, name)
    if sid is None and name.isdigit():
        sid = int(name) if get_speaker(db, int(name)) else None
    if sid is None:
        raise StoreError(f"no speaker named {name!r}")
    return get_speaker(db, sid)


def merge_speakers(db: Database, keep_id: int, merge_id: int) -> StoredSpeaker:
    """Fold `merge_id` into `keep_id`: its claims and aliases move, and later ingests follow."""
    keep_id, merge_id = _follow_merges(db, keep_id), _follow_merges(db, merge_id)
    if keep_id == merge_id:
        raise StoreError("cannot merge a speaker into itself")
    with write_transaction(db):
        db.execute("UPDATE claims SET speaker_id = ? WHERE speaker_id = ?", [keep_id, merge_id])
        db.execute("UPDATE speaker_aliases SET speaker_id = ? WHERE speaker_id = ?", [keep_id, merge_id])
        db.execute("UPDATE speakers SET merged_into = ? WHERE id = ?", [keep_id, merge_id])
        db.execute(
            "UPDATE speakers SET role = coalesce(role, (SELECT role FROM speakers WHERE id = ?)), "
            "affiliation = coalesce(affiliation, (SELECT affiliation FROM speakers WHERE id = ?)) "
            "WHERE id = ?",
            [merge_id, merge_id, keep_id],
        )
    return get_speaker(db, keep_id)


def rename_speaker(db: Database, speaker_id: int, new_name: str) -> StoredSpeaker:
    """Give a speaker a new canonical name; the old one stays an alias."""
    new_name = " ".join(new_name.split())
    if not new_name:
        raise StoreError("a speaker needs a non-empty name")
    other = find_speaker_id(db, new_name)
    if other is not None and other != speaker_id:
        raise StoreError(f"{new_name!r} already names speaker {other}; merge them instead")
    with write_transaction(db):
        db.execute("UPDATE speakers SET name = ? WHERE id = ?", [new_name, speaker_id])
        _add_alias(db, speaker_id, new_name)
    return get_speaker(db, speaker_id)


def split_speaker(db: Database, speaker_id: int, alias: str) -> StoredSpeaker:
    """Undo a wrong merge: claims made as `alias` move to a new speaker that owns that alias."""
    key = alias_key(alias)
    owner = find_speaker_id(db, alias)
    if owner != speaker_id:
        raise StoreError(f"{alias!r} is not an alias of speaker {speaker_id}")
    current = get_speaker(db, speaker_id)
    if alias_key(current.name) == key:
        raise StoreError(f"{alias!r} is the speaker's own name; rename it first")
    with write_transaction(db):
        cursor = db.execute(
            "INSERT INTO speakers (name, kind) VALUES (?, ?)", [alias.strip(), current.kind]
        )
        new_id = cursor.lastrowid
        db.execute("UPDATE speaker_aliases SET speaker_id = ? WHERE alias_key = ?", [new_id, key])
        db.execute(
            "UPDATE claims SET speaker_id = ? WHERE speaker_id = ? AND speaker_as = ? COLLATE NOCASE",
            [new_id, speaker_id, alias.strip()],
        )
    return get_speaker(db, new_id)
