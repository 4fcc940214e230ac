"""Provides the factdesk schema as a `sqlite_utils.Migrations` set, one function per change.

No UI here. `open_db` applies these; `SCHEMA_VERSION` is the number of migrations,
mirrored in `PRAGMA user_version` so an older factdesk can refuse a newer file.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

factdesk_migrations = Migrations("factdesk")


@factdesk_migrations()
def m001_initial_schema(db: Database) -> None:
    db.table("articles").create(
        {
            "id": int,
            "external_id": str,
            "title": str,
            "source": str,
            "url": str,
            "published": str,
            "ingested": str,
            "text": str,
            "content_hash": str,
        },
        pk="id",
        not_null={"external_id", "text", "content_hash", "ingested"},
    )
    db.table("articles").create_index(["external_id"], unique=True)
    db.table("articles").create_index(["content_hash"], unique=True)
    db.table("articles").create_index(["published"])

    db.table("speakers").create(
        {
            "id": int,
            "name": str,
            "kind": str,
            "role": str,
            "affiliation": str,
            "merged_into": int,
        },
        pk="id",
        not_null={"name", "kind"},
        foreign_keys=[("merged_into", "speakers", "id")],
    )
    db.table("speakers").create_index(["name"])
    db.table("speaker_aliases").create(
        {"id": int, "speaker_id": int, "alias": str, "alias_key": str},
        pk="id",
        not_null={"speaker_id", "alias", "alias_key"},
        foreign_keys=[("speaker_id", "speakers", "id")],
    )
    # alias_key is the case-folded alias: one alias names one speaker across articles.
    db.table("speaker_aliases").create_index(["alias_key"], unique=True)
    db.table("speaker_aliases").create_index(["speaker_id"])

    db.table("claims").create(
        {
            "id": int,
            "article_id": int,
            "ord": int,
            "speaker_id": int,
            "speaker_as": str,
            "kind": str,
            "cue_text": str,
            "cue_start": int,
            "cue_end": int,
            "mention_start": int,
            "mention_end": int,
            "start": int,
            "end": int,
            "content": str,
            "text": str,
            "status": str,
            "note": str,
            "evidence_url": str,
            "external_id": str,
        },
        pk="id",
        not_null={"article_id", "ord", "kind", "text", "status", "start", "end", "content"},
        defaults={"status": "unverified"},
        foreign_keys=[("article_id", "articles", "id"), ("speaker_id", "speakers", "id")],
    )
    db.table("claims").create_index(["article_id", "ord"], unique=True)
    db.table("claims").create_index(["speaker_id"])
    db.table("claims").create_index(["status"])
    db.table("claims").create_index(["kind"])
    # Imported fact-checks keep the id their archive gave them; matching reports it.
    db.table("claims").create_index(["external_id"], unique=True)
    db.table("claims").enable_fts(["text"], create_triggers=True, tokenize="porter unicode61")

    db.table("figures").create(
        {
            "id": int,
            "claim_id": int,
            "value": float,
            "low": float,
            "high": float,
            "hedge": str,
            "what": str,
            "unit": str,
            "start": int,
            "end": int,
            "text": str,
        },
        pk="id",
        not_null={"claim_id", "value", "start", "end"},
        foreign_keys=[("claim_id", "claims", "id")],
    )
    db.table("figures").create_index(["claim_id"])
    db.table("figures").create_index(["what"])

    db.table("links").create(
        {
            "id": int,
            "claim_id": int,
            "other_id": int,
            "relation": str,
            "score": float,
            "tier": str,
            "explanation": str,
            "old_value": float,
            "new_value": float,
            "figure_key": str,
            "decision": str,
            "created": str,
        },
        pk="id",
        not_null={"claim_id", "other_id", "relation", "score", "tier", "decision", "figure_key"},
        defaults={"decision": "open", "figure_key": ""},
        foreign_keys=[("claim_id", "claims", "id"), ("other_id", "claims", "id")],
    )
    # One link per pair and changed figure: a decision on it is never re-flagged.
    db.table("links").create_index(
        ["claim_id", "other_id", "relation", "figure_key"], unique=True
    )
    db.table("links").create_index(["other_id"])
    db.table("links").create_index(["relation", "decision"])

    db.table("review_log").create(
        {
            "id": int,
            "claim_id": int,
            "time": str,
            "reviewer": str,
            "field": str,
            "old": str,
            "new": str,
            "note": str,
            "evidence_url": str,
            "undoes": int,
            "batch": int,
        },
        pk="id",
        not_null={"claim_id", "time", "reviewer", "field"},
        foreign_keys=[("claim_id", "claims", "id")],
    )
    db.table("review_log").create_index(["claim_id"])
    # batch groups the entries of one action (status + note), so one undo reverses them together.
    db.table("review_log").create_index(["batch"])
    # The log is append-only: the database itself refuses edits and deletes.
    db.execute(
        "CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log "
        "BEGIN SELECT RAISE(ABORT, 'review_log is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER review_log_no_delete BEFORE DELETE ON review_log "
        "BEGIN SELECT RAISE(ABORT, 'review_log is append-only'); END"
    )


@factdesk_migrations()
def m002_fts_term_counts(db: Database) -> None:
    # How many claims hold each indexed term, read straight from the FTS5 index: matching
    # drops very common words from its candidate query without counting them per claim.
    db.execute("CREATE VIRTUAL TABLE claims_fts_terms USING fts5vocab(claims_fts, 'row')")


@factdesk_migrations()
def m003_near_duplicate_keys(db: Database) -> None:
    # A few keys per claim that its near-copies share (factdesk.matching.sketch): one indexed
    # lookup finds the near-copy of a sentence made only of common words, which FTS5 finds
    # only by reading long postings. Derived data, written by linking; claims_keyed says how
    # far it got, so claims stored without linking (an import, a bulk load) are keyed the next
    # time linking runs.
    db.execute("CREATE TABLE claim_keys (key INTEGER NOT NULL, claim_id INTEGER NOT NULL, "
               "PRIMARY KEY (key, claim_id)) WITHOUT ROWID")
    db.execute("CREATE TABLE claims_keyed (id INTEGER PRIMARY KEY CHECK (id = 1), "
               "up_to INTEGER NOT NULL)")
    db.execute("INSERT INTO claims_keyed (id, up_to) VALUES (1, 0)")


@factdesk_migrations()
def m004_fts_merges_sooner(db: Database) -> None:
    # Every ingest transaction adds an FTS5 segment, and every segment is one more b-tree a
    # word lookup walks: merging two of a level instead of four keeps about half as many
    # (5 rather than 10 after 1,200 BBC articles), for word lookups about a third cheaper and
    # no measurable cost on the writes. Stored in claims_fts_config, so it holds for every
    # connection.
    db.execute("INSERT INTO claims_fts (claims_fts, rank) VALUES ('automerge', 2)")


@factdesk_migrations()
def m005_alias_last_words(db: Database) -> None:
    # The last word of every alias, indexed: a later article's "Le Drian" finds the one stored
    # "Jean-Yves Le Drian" by one lookup instead of reading every alias (storage/speakers.py).
    db.execute("ALTER TABLE speaker_aliases ADD COLUMN last_word TEXT")
    rows = db.execute("SELECT id, alias_key FROM speaker_aliases").fetchall()
    db.conn.executemany("UPDATE speaker_aliases SET last_word = ? WHERE id = ?",
                        [((key.split() or [""])[-1], rowid) for rowid, key in rows])
    db.execute("CREATE INDEX idx_speaker_aliases_last_word ON speaker_aliases (last_word)")


@factdesk_migrations()
def m006_article_title_fts(db: Database) -> None:
    # A pasted tweet often names a fact-check's headline more than its claim ("Photo shows
    # ..."): `factdesk match` looks claims up by their article's title too.
    db.table("articles").enable_fts(["title"], create_triggers=True, tokenize="porter unicode61")


@factdesk_migrations()
def m007_word_counts(db: Database) -> None:
    # How many claims hold each search word as a whole word (factdesk.matching.text.whole_words),
    # at least: FTS5 can only tell by reading up to a word's first postings, and most of a new
    # claim's words turn out too common to search by. Derived data, kept with the near keys;
    # words_up_to says how far it got, so a store older than the counts catches up the next
    # time its claims are keyed.
    db.execute("CREATE TABLE word_counts (word TEXT PRIMARY KEY, claims INTEGER NOT NULL) WITHOUT ROWID")
    db.execute("ALTER TABLE claims_keyed ADD COLUMN words_up_to INTEGER NOT NULL DEFAULT 0")


SCHEMA_VERSION = len(factdesk_migrations._migrations)
"""How many migrations this code knows; stored as PRAGMA user_version."""
