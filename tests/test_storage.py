"""Storage: schema, atomic article writes, speakers, FTS paging, links and the review log."""

from __future__ import annotations

import sqlite3

import pytest

from factdesk import storage
from factdesk.models import Article, Figure, Link, Speaker
from tests.factories import make_article, make_claim


def test_schema_is_current_and_has_every_table(fresh_db):
    assert storage.schema_version(fresh_db) == storage.SCHEMA_VERSION
    for table in ("articles", "speakers", "speaker_aliases", "claims", "claims_fts", "figures",
                  "links", "review_log"):
        assert fresh_db.table(table).exists(), table


def test_file_store_uses_wal_foreign_keys_and_busy_timeout(tmp_path):
    db = storage.open_db(tmp_path / "c.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_save_article_writes_claims_figures_and_speakers(fresh_db):
    fig = Figure(4000, 7, 12, "4,000", hedge="nearly", what="French troops")
    claim = make_claim("Nearly 4,000 French troops", speaker="Jean-Yves Le Drian",
                       figures=(fig,), role="French Defence Minister", aliases=("Le Drian",))
    saved = storage.save_article(fresh_db, Article("Nearly 4,000 French troops", "mali-1"), [claim])
    assert saved.new_speakers == 1 and len(saved.claim_ids) == 1
    stored = storage.get_claim(fresh_db, saved.claim_ids[0])
    assert stored.speaker_name == "Jean-Yves Le Drian"
    assert stored.speaker_role == "French Defence Minister"
    assert stored.figures[0].value == 4000 and stored.figures[0].hedge == "nearly"
    assert stored.status == "unverified"


def test_same_text_is_skipped(fresh_db):
    article, claims = make_article(("Paris said troops clashed.", "Paris"))
    assert storage.save_article(fresh_db, article, claims) is not None
    assert storage.save_article(fresh_db, article, claims) is None
    assert storage.counts(fresh_db)["articles"] == 1


def test_same_id_different_text_keeps_both(fresh_db):
    a, ca = make_article(("One text.", None), external_id="story")
    b, cb = make_article(("Another text.", None), external_id="story")
    storage.save_article(fresh_db, a, ca)
    storage.save_article(fresh_db, b, cb)
    ids = sorted(x.external_id for x in storage.list_articles(fresh_db))
    assert ids == ["story", "story~2"]


def test_failed_write_leaves_nothing_behind(fresh_db):
    article, claims = make_article(("Fine claim.", "Le Drian"), ("Broken claim.", None))
    broken = claims[1].__class__(**{**claims[1].__dict__, "kind": None})  # NOT NULL violation
    with pytest.raises(sqlite3.IntegrityError):
        storage.save_article(fresh_db, article, [claims[0], broken])
    assert storage.counts(fresh_db) == {"articles": 0, "claims": 0, "speakers": 0, "figures": 0,
                                        "links": 0, "review_log": 0}


def test_speaker_is_one_across_articles_by_alias(fresh_db):
    storage.save_article(fresh_db, Article("first", "a"), [
        make_claim("first", speaker="Jean-Yves Le Drian", aliases=("Le Drian",))])
    storage.save_article(fresh_db, Article("second", "b"), [make_claim("second", speaker="Le Drian")])
    speakers = storage.list_speakers(fresh_db)
    assert [(s.name, s.claim_count) for s in speakers] == [("Jean-Yves Le Drian", 2)]


@pytest.mark.parametrize("first, later, speakers", [
    (["Jean-Yves Le Drian"], "Le Drian", [("Jean-Yves Le Drian", 2)]),  # a short form in a later article
    (["Le Drian"], "Jean-Yves Le Drian", [("Jean-Yves Le Drian", 2)]),  # a full form names the stored one
    (["Bill Clinton", "Hillary Clinton"], "Clinton", [("Bill Clinton", 1), ("Clinton", 1), ("Hillary Clinton", 1)]),
    (["Clinton", "Bill Clinton"], "Hillary Clinton", [("Bill Clinton", 2), ("Hillary Clinton", 1)]),  # not Bill's
    (["Ann Lee"], "Lee Ann", [("Ann Lee", 1), ("Lee Ann", 1)]),  # same words, not a short form
])
def test_short_and_full_forms_across_articles(fresh_db, first, later, speakers):
    for n, name in enumerate(first):
        storage.save_article(fresh_db, Article(f"claim {n}", f"a{n}"), [make_claim(f"claim {n}", speaker=name)])
    storage.save_article(fresh_db, Article("later", "b"), [make_claim("later", speaker=later)])
    assert sorted((s.name, s.claim_count) for s in storage.list_speakers(fresh_db)) == speakers


def test_split_short_form_stays_split(fresh_db):
    storage.save_article(fresh_db, Article("one", "a"), [make_claim("one", speaker="Jean-Yves Le Drian")])
    storage.save_article(fresh_db, Article("two", "b"), [make_claim("two", speaker="Le Drian")])
    sid = storage.find_speaker_id(fresh_db, "Le Drian")
    storage.split_speaker(fresh_db, sid, "Le Drian")
    storage.save_article(fresh_db, Article("three", "c"), [make_claim("three", speaker="Le Drian")])
    assert storage.find_speaker_id(fresh_db, "Le Drian") != storage.find_speaker_id(fresh_db, "Jean-Yves Le Drian")
    assert storage.get_speaker(fresh_db, storage.find_speaker_id(fresh_db, "Le Drian")).claim_count == 2


def test_merge_is_remembered_for_later_articles_and_split_undoes_it(fresh_db):
    storage.save_article(fresh_db, Article("one", "a"), [make_claim("one", speaker="Abou Dardar")])
    storage.save_article(fresh_db, Article("two", "b"), [make_claim("two", speaker="Abu Dardar")])
    keep = storage.speaker_by_name(fresh_db, "Abou Dardar")
    gone = storage.speaker_by_name(fresh_db, "Abu Dardar")
    merged = storage.merge_speakers(fresh_db, keep.id, gone.id)
    assert merged.claim_count == 2 and "Abu Dardar" in merged.aliases
    storage.save_article(fresh_db, Article("three", "c"), [make_claim("three", speaker="Abu Dardar")])
    assert storage.speaker_by_name(fresh_db, "Abu Dardar").id == keep.id
    assert storage.get_speaker(fresh_db, keep.id).claim_count == 3
    split = storage.split_speaker(fresh_db, keep.id, "Abu Dardar")
    assert split.claim_count == 2 and storage.get_speaker(fresh_db, keep.id).claim_count == 1


def test_rename_keeps_old_name_as_alias(fresh_db):
    storage.save_article(fresh_db, Article("one", "a"), [make_claim("one", speaker="Hollande")])
    sid = storage.find_speaker_id(fresh_db, "Hollande")
    renamed = storage.rename_speaker(fresh_db, sid, "Francois Hollande")
    assert renamed.name == "Francois Hollande" and "Hollande" in renamed.aliases


@pytest.mark.parametrize("query", ['" OR 1=1 --', '"unbalanced', "NEAR(", "troops*", "a" * 5000,
                                   "'; DROP TABLE claims; --", "", "   ", "(((("])
def test_hostile_search_never_raises(fresh_db, query):
    article, claims = make_article(("Nearly 4,000 French troops deployed.", None))
    storage.save_article(fresh_db, article, claims)
    storage.list_claims(fresh_db, storage.ClaimFilter(search=query))
    storage.count_claims(fresh_db, storage.ClaimFilter(search=query))
    storage.fts_candidates(fresh_db, query)
    assert storage.counts(fresh_db)["claims"] == 1


@pytest.mark.parametrize("flt, expected", [
    (storage.ClaimFilter(), 3),
    (storage.ClaimFilter(search="troops"), 2),
    (storage.ClaimFilter(search="troop deployed"), 1),
    (storage.ClaimFilter(speaker="le drian"), 2),
    (storage.ClaimFilter(speaker="nobody"), 0),
    (storage.ClaimFilter(kind="unattributed"), 1),
    (storage.ClaimFilter(article="a1"), 3),
    (storage.ClaimFilter(status="verified"), 0),
    (storage.ClaimFilter(has_figures=True), 0),
])
def test_filters(fresh_db, flt, expected):
    article, claims = make_article(
        ("French troops deployed in Gao.", "Le Drian"),
        ("The troops met resistance.", "Le Drian"),
        ("Kidal is under control.", None),
    )
    storage.save_article(fresh_db, article, claims)
    assert storage.count_claims(fresh_db, flt) == expected
    assert len(storage.list_claims(fresh_db, flt)) == expected


def test_paging_returns_disjoint_pages(fresh_db):
    article, claims = make_article(*[(f"Claim number {i}.", None) for i in range(25)])
    storage.save_article(fresh_db, article, claims)
    pages = [storage.list_claims(fresh_db, limit=10, offset=o) for o in (0, 10, 20)]
    ids = [c.id for page in pages for c in page]
    assert [len(p) for p in pages] == [10, 10, 5] and len(set(ids)) == 25


def test_review_log_records_undo_and_is_append_only(fresh_db):
    article, claims = make_article(("Eleven troops were killed.", "Mali"))
    claim_id = storage.save_article(fresh_db, article, claims).claim_ids[0]
    entries = storage.review_claim(fresh_db, claim_id, "ana", status="verified", note="AFP wire",
                                   evidence_url="https://example.org/a")
    assert [e.field for e in entries] == ["status", "note", "evidence_url"]
    storage.review_claim(fresh_db, claim_id, "ana", status="false")
    storage.undo(fresh_db, "ana")
    assert storage.get_claim(fresh_db, claim_id).status == "verified"
    storage.undo(fresh_db, "ana")  # the whole first action: status, note and evidence
    claim = storage.get_claim(fresh_db, claim_id)
    assert (claim.status, claim.note, claim.evidence_url) == ("unverified", None, None)
    assert storage.undo(fresh_db, "ana") == []
    assert len(storage.history(fresh_db, claim_id)) == 8
    with pytest.raises(sqlite3.DatabaseError):
        fresh_db.execute("DELETE FROM review_log")
    with pytest.raises(sqlite3.DatabaseError):
        fresh_db.execute("UPDATE review_log SET new = 'x'")


def test_review_rejects_unknown_status(fresh_db):
    article, claims = make_article(("Text.", None))
    claim_id = storage.save_article(fresh_db, article, claims).claim_ids[0]
    with pytest.raises(storage.StoreError):
        storage.review_claim(fresh_db, claim_id, "ana", status="true-ish")


def test_link_decision_is_kept_when_saved_again(fresh_db):
    a, ca = make_article(("Nearly 4,000 French troops.", None), external_id="a")
    b, cb = make_article(("4,500 French troops.", None), external_id="b")
    old = storage.save_article(fresh_db, a, ca).claim_ids[0]
    new = storage.save_article(fresh_db, b, cb).claim_ids[0]
    link = Link(new, old, "updated_figure", 90.0, "confident", "4,000 → 4,500", 4000, 4500)
    assert storage.save_links(fresh_db, [link]) == 1
    saved = storage.list_links(fresh_db)[0]
    storage.decide_link(fresh_db, saved.id, "rejected")
    assert storage.save_links(fresh_db, [link]) == 0
    assert storage.list_links(fresh_db)[0].decision == "rejected"
    assert storage.rejected_pairs(fresh_db, new) == {old}
    assert storage.count_links(fresh_db) == {}


def test_not_sqlite_and_newer_schema_are_refused(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all")
    with pytest.raises(storage.StoreError, match="not a SQLite database"):
        storage.open_db(junk)
    newer = tmp_path / "newer.db"
    storage.open_db(newer).execute("PRAGMA user_version = 999")
    with pytest.raises(storage.StoreError, match="newer factdesk"):
        storage.open_db(newer)


def test_older_schema_is_backed_up_then_migrated(tmp_path, monkeypatch):
    from factdesk.storage import migrations

    path = tmp_path / "old.db"
    storage.open_db(path).close()

    @migrations.factdesk_migrations(name="m999_test_only")
    def _extra(db):
        db.execute("CREATE TABLE test_only (x)")

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", migrations.SCHEMA_VERSION + 1)
    monkeypatch.setattr("factdesk.storage.connection.SCHEMA_VERSION", migrations.SCHEMA_VERSION)
    try:
        db = storage.open_db(path)
        assert db.table("test_only").exists()
        assert (tmp_path / f"old.db.bak-v{migrations.SCHEMA_VERSION - 1}").exists()
    finally:
        migrations.factdesk_migrations._migrations.pop()


def test_a_version_1_store_migrates_to_the_current_schema_after_a_backup(tmp_path):
    from sqlite_utils import Database

    from factdesk.storage.migrations import factdesk_migrations

    path = tmp_path / "v1.db"
    old = Database(path)
    factdesk_migrations.apply(old, stop_before="m002_fts_term_counts")
    old.execute("PRAGMA user_version = 1")
    old.execute("INSERT INTO articles (external_id, ingested, text, content_hash) VALUES ('a', 'now', 't', 'h')")
    old.conn.commit()
    old.close()
    db = storage.open_db(path)
    assert storage.schema_version(db) == storage.SCHEMA_VERSION
    assert db.table("claims_fts_terms").exists()
    assert storage.counts(db)["articles"] == 1
    backup = Database(tmp_path / "v1.db.bak-v1")
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    assert backup.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_has_figures_count_matches_the_listing(fresh_db):
    fig = Figure(60, 0, 2, "60", what="troops wounded")
    storage.save_article(fresh_db, Article("60 wounded. Calm.", "f"), [
        make_claim("60 wounded.", 0, figures=(fig, fig)), make_claim("Calm.", 1, offset=12)])
    flt = storage.ClaimFilter(has_figures=True)
    assert storage.count_claims(fresh_db, flt) == len(storage.list_claims(fresh_db, flt)) == 1


def old_store(path, version: int, stop_before: str):
    """A store file as a factdesk of schema `version` left it: migrations up to `stop_before`."""
    from sqlite_utils import Database

    from factdesk.storage.migrations import factdesk_migrations

    old = Database(path)
    factdesk_migrations.apply(old, stop_before=stop_before)
    old.execute(f"PRAGMA user_version = {version}")
    old.conn.commit()
    old.close()
    return path


def test_a_version_2_store_gains_empty_near_duplicate_keys(tmp_path):
    """Keys are derived data: the migration only makes the tables, linking fills them."""
    from factdesk.storage.near_keys import keyed_up_to

    db = storage.open_db(old_store(tmp_path / "v2.db", 2, stop_before="m003_near_duplicate_keys"))
    assert storage.schema_version(db) == storage.SCHEMA_VERSION
    assert db.execute("SELECT count(*) FROM claim_keys").fetchone()[0] == 0
    assert keyed_up_to(db) == 0


def test_a_version_6_store_keeps_its_keys_and_gains_empty_word_counts(tmp_path):
    """Counts are derived data: the migration makes the table, keying the claims fills it."""
    from factdesk.candidates import index_claims
    from factdesk.storage.near_keys import keyed_up_to
    from factdesk.storage.word_counts import word_counts, words_counted_up_to

    db = storage.open_db(old_store(tmp_path / "v6.db", 6, stop_before="m007_word_counts"))
    storage.save_article(db, Article("Rains flood the delta.", "a"), [make_claim("Rains flood the delta.", 0)])
    db.execute("UPDATE claims_keyed SET up_to = 1")  # keyed before the counts existed
    assert (keyed_up_to(db), words_counted_up_to(db)) == (1, 0)
    assert index_claims(db) == 1
    assert word_counts(db, ["delta", "rains"]) == {"delta": 1, "rains": 1}


def test_a_version_5_store_indexes_the_titles_it_already_holds(tmp_path):
    """`match` looks claims up by their article's title: a store from before the title index
    gets its existing titles indexed, and later articles join by trigger."""
    from sqlite_utils import Database

    from factdesk.storage.matching_queries import title_candidates
    from factdesk.storage.migrations import factdesk_migrations

    path = tmp_path / "v5.db"
    old = Database(path)
    factdesk_migrations.apply(old, stop_before="m006_article_title_fts")
    old.execute("PRAGMA user_version = 5")
    aid = old.execute("INSERT INTO articles (external_id, title, ingested, text, content_hash) "
                      "VALUES ('old', 'Delta floods', 'now', 'Rains flood the delta.', 'h')").lastrowid
    old.execute("INSERT INTO claims (article_id, ord, kind, text, content, start, \"end\", status) "
                "VALUES (?, 0, 'unattributed', 'Rains flood the delta.', '[]', 0, 22, 'unverified')", [aid])
    old.conn.commit()
    old.close()
    db = storage.open_db(path)
    assert storage.schema_version(db) == storage.SCHEMA_VERSION
    assert len(title_candidates(db, "delta floods")) == 1
    storage.save_article(db, Article("Aid reaches the delta.", "new", title="Aid for the delta"),
                         [make_claim("Aid reaches the delta.", 0)])
    assert len(title_candidates(db, "delta")) == 2
