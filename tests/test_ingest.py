"""Tests for ingest_paths / ingest_text: the real pipeline into a store, failures isolated."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from factdesk import storage
from factdesk.ingest import ingest_paths, ingest_text, summary_line
from factdesk.models import IngestResult

FIXTURES = Path(__file__).parent.parent / "fixtures"
ARTICLES = FIXTURES / "articles"
BAD = FIXTURES / "bad"


@functools.lru_cache(maxsize=1)
def shared_nlp():
    """The real pipeline, loaded once for every test module that asks (about 1.5 s)."""
    from factdesk.extraction import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def nlp():
    return shared_nlp()


def run(db, nlp, *paths, **kw):
    errors, warnings = [], []
    result = ingest_paths(db, nlp, [str(p) for p in paths], on_error=errors.append,
                          on_warning=warnings.append, **kw)
    return result, errors, warnings


def test_every_format_and_a_nested_folder(fresh_db, nlp):
    result, errors, _ = run(fresh_db, nlp, ARTICLES)
    assert errors == []
    assert result.articles == 8 and result.failed == 0
    ids = {a.external_id for a in storage.list_articles(fresh_db)}
    assert ids == {"harbour-strike", "council-budget-2024", "flood-warning", "wire-001", "wire-002",
                   "wire-003", "tram-fares", "school-meals"}
    assert result.claims == storage.counts(fresh_db)["claims"] > 0


def test_claim_offsets_index_the_stored_text(fresh_db, nlp):
    run(fresh_db, nlp, ARTICLES / "harbour-strike.txt")
    art = storage.get_article(fresh_db, "harbour-strike")
    claims = storage.claims_for_article(fresh_db, art.id)
    assert claims
    for c in claims:
        for s, e in c.content:
            assert 0 <= s < e <= len(art.text)
        for f in c.figures:
            assert art.text[f.start:f.end] == f.text


def test_outlet_is_passed_and_front_matter_date_stored(fresh_db, nlp):
    run(fresh_db, nlp, ARTICLES / "council-budget.md")
    art = storage.get_article(fresh_db, "council-budget-2024")
    assert (art.source, art.published) == ("Reuters", "2024-03-05")


def test_same_text_again_is_skipped_not_duplicated(fresh_db, nlp):
    run(fresh_db, nlp, ARTICLES / "harbour-strike.txt")
    before = storage.counts(fresh_db)
    result, errors, warnings = run(fresh_db, nlp, ARTICLES / "harbour-strike.txt")
    assert (result.articles, result.skipped, errors) == (0, 1, [])
    assert "already stored" in warnings[0]
    assert storage.counts(fresh_db) == before


REFUSED = [
    ("empty.txt", "empty file"),
    ("whitespace.txt", "empty file"),
    ("nul-bytes.txt", "binary file"),
    ("png-renamed.txt", "binary file"),
    ("bad-front-matter.md", "malformed front matter"),
]


@pytest.mark.parametrize("name, problem", REFUSED)
def test_bad_input_one_error_store_unchanged_good_files_still_in(fresh_db, nlp, name, problem):
    run(fresh_db, nlp, ARTICLES / "wire.jsonl")
    before = storage.counts(fresh_db)
    result, errors, _ = run(fresh_db, nlp, BAD / name, ARTICLES / "harbour-strike.txt")
    assert (result.failed, result.articles) == (1, 1)
    assert len(errors) == 1 and "\n" not in errors[0]
    assert errors[0].startswith(f"{BAD / name}: {problem}")
    after = storage.counts(fresh_db)
    assert after["articles"] == before["articles"] + 1


@pytest.mark.parametrize("name, phrase", [
    ("latin1.txt", "Le ministre de la Défense"),
    ("cp1252.txt", "“we have lost 40 soldiers” — costs rose to €3m"),
    ("utf16-bom.txt", "“We will hold Gao,” said Colonel Keita.\r\n"),
])
def test_other_encodings_are_decoded(fresh_db, nlp, name, phrase):
    result, errors, _ = run(fresh_db, nlp, BAD / name)
    assert errors == [] and result.articles == 1
    assert phrase in storage.list_articles(fresh_db)[0].text


def test_malformed_jsonl_line_fails_alone(fresh_db, nlp):
    result, errors, _ = run(fresh_db, nlp, BAD / "broken-line.jsonl")
    assert (result.articles, result.failed) == (2, 1)
    assert len(errors) == 1 and errors[0].startswith(f"{BAD / 'broken-line.jsonl'}:2: malformed JSON")


def test_missing_path_and_empty_folder_are_errors(fresh_db, nlp, tmp_path):
    (tmp_path / "empty").mkdir()
    result, errors, _ = run(fresh_db, nlp, tmp_path / "nope.txt", tmp_path / "empty")
    assert result.failed == 2 and storage.counts(fresh_db)["articles"] == 0
    assert "no such file" in errors[0] and "no readable files" in errors[1]


def test_absurd_date_dropped_with_warning(fresh_db, nlp, tmp_path):
    path = tmp_path / "dated.md"
    path.write_text("---\ndate: 31/31/2099\n---\nThe mayor said that 12 schools had closed.\n")
    result, errors, warnings = run(fresh_db, nlp, path)
    assert result.articles == 1 and errors == []
    assert any("31/31/2099" in w for w in warnings)
    assert storage.list_articles(fresh_db)[0].published is None


def test_progress_callback_counts_articles(fresh_db, nlp):
    seen = []
    ingest_paths(fresh_db, nlp, [str(ARTICLES / "wire.jsonl")],
                 on_progress=lambda done, total, name: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_fifty_megabyte_article_is_stored(fresh_db, nlp, tmp_path, monkeypatch):
    """A 50 MB wire dump goes in whole; claims come from its first part (capped for speed here)."""
    import factdesk.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_ANALYSED_CHARS", 5_000)
    big = tmp_path / "big.txt"
    sentence = "The interior minister said that 40 people had died in the clashes near Gao. "
    with open(big, "w", encoding="utf-8") as fh:
        fh.write(sentence * (50 * 2**20 // len(sentence)))
    result, errors, warnings = run(fresh_db, nlp, big, ARTICLES / "harbour-strike.txt")
    assert (result.articles, result.failed, errors) == (2, 0, [])
    assert any("claims extracted from the first" in w for w in warnings)
    stored = storage.get_article(fresh_db, "big")
    assert len(stored.text) == big.stat().st_size
    assert max(c.end for c in storage.claims_for_article(fresh_db, stored.id)) <= 5_000


def test_ingest_text_for_the_tui(fresh_db, nlp):
    result = ingest_text(fresh_db, nlp, "The mayor said that 12 schools had closed.",
                         {"title": "Pasted", "source": "AFP", "date": "2024-02-02"})
    assert result.articles == 1 and result.claims >= 1
    art = storage.list_articles(fresh_db)[0]
    assert (art.title, art.source, art.published) == ("Pasted", "AFP", "2024-02-02")
    assert ingest_text(fresh_db, nlp, "   ").failed == 1


def test_summary_line():
    assert summary_line(IngestResult(12, 240, 31, 7, 1, 2)) == (
        "ingested 12 articles: 240 claims, 31 new speakers, 7 flags; 1 skipped (already stored), 2 failed")
    assert summary_line(IngestResult(1, 1, 1, 1)) == "ingested 1 article: 1 claim, 1 new speaker, 1 flag"


def test_seed_then_follow_up_flags_the_changed_troop_figure(fresh_db, nlp):
    """The brief's own example, end to end: "Nearly 4,000 French troops" -> "4,500 French troops"."""
    seed = Path(__file__).parent.parent / "seeds" / "afp-mali-gao-clashes.txt"
    run(fresh_db, nlp, seed, overrides={"source": "AFP", "date": "2013-02-06"})
    run(fresh_db, nlp, FIXTURES / "stories" / "gao-followup.md")
    links = storage.list_links(fresh_db, limit=100)
    changed = {(link.relation, link.old_value, link.new_value) for link in links}
    assert ("updated_figure", 4000, 4500) in changed
    assert ("repeat", 80, 80) in changed  # Menaka is still 80 km from the border: said before


def test_a_file_store_is_written_in_the_background_with_the_same_result(fresh_db, nlp, tmp_path):
    """Storing and linking overlap the parse on a thread of their own; what is stored, and the
    order the callbacks hear about it, are as when the caller's thread does it all."""
    import threading

    inline, background = [], []
    ingest_paths(fresh_db, nlp, [str(ARTICLES), str(ARTICLES / "wire.jsonl")],
                 on_progress=lambda done, total, name: inline.append((done, total, name)))
    db = storage.open_db(tmp_path / "claims.db")
    threads = set()
    result = ingest_paths(db, nlp, [str(ARTICLES), str(ARTICLES / "wire.jsonl")],
                          on_progress=lambda done, total, name: (background.append((done, total, name)),
                                                                 threads.add(threading.get_ident())))
    assert background == inline and result.skipped == 3
    assert threads and threading.get_ident() not in threads
    assert storage.counts(db) == storage.counts(fresh_db)
    texts = lambda d: sorted((lk.relation, lk.score) for lk in storage.list_links(d))  # noqa: E731
    assert texts(db) == texts(fresh_db)


def test_a_long_run_links_in_a_child_process_with_the_same_result(fresh_db, nlp, tmp_path, monkeypatch):
    """Past CHILD_AFTER_ARTICLES, storing and linking move to a child process (its own GIL);
    the store ends the same, and the callbacks still hear about every article in order."""
    import factdesk.ingest as ingest_module

    started = []

    class Recorded(storage.ChildWriter):
        def __init__(self, *args, **kw):
            super().__init__(*args, **kw)
            started.append(self._process.pid)

    monkeypatch.setattr(storage, "ChildWriter", Recorded)
    monkeypatch.setattr(ingest_module, "CHILD_AFTER_ARTICLES", 1)
    inline, child = [], []
    ingest_paths(fresh_db, nlp, [str(ARTICLES), str(ARTICLES / "wire.jsonl")],
                 on_progress=lambda done, total, name: inline.append((done, total, name)))
    db = storage.open_db(tmp_path / "claims.db")
    result = ingest_paths(db, nlp, [str(ARTICLES), str(ARTICLES / "wire.jsonl")],
                          on_progress=lambda done, total, name: child.append((done, total, name)))
    assert len(started) == 1
    assert child == inline and result.skipped == 3 and result.articles > 2
    assert storage.counts(db) == storage.counts(fresh_db)
    texts = lambda d: sorted((lk.relation, lk.score) for lk in storage.list_links(d))  # noqa: E731
    assert texts(db) == texts(fresh_db)


def test_without_a_writer_process_the_thread_stores_everything(fresh_db, nlp, tmp_path, monkeypatch):
    """A machine that refuses the writer process (a process limit) still gets the whole ingest."""
    import factdesk.ingest as ingest_module

    def refuse(*_args, **_kw):
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(storage, "ChildWriter", refuse)
    monkeypatch.setattr(ingest_module, "CHILD_AFTER_ARTICLES", 1)
    ingest_paths(fresh_db, nlp, [str(ARTICLES), str(ARTICLES / "wire.jsonl")])
    db = storage.open_db(tmp_path / "claims.db")
    result = ingest_paths(db, nlp, [str(ARTICLES), str(ARTICLES / "wire.jsonl")])
    assert result.failed == 0 and storage.counts(db) == storage.counts(fresh_db)


def test_claims_stored_without_linking_are_keyed_by_the_next_ingest(fresh_db, nlp):
    """An import (no linking) leaves claims unkeyed; the next ingest keys them, so the articles
    it stores find them as near-copies."""
    from factdesk.storage.near_keys import keyed_up_to
    from tests.factories import make_article

    article, claims = make_article(("The mayor said that 12 schools had closed on Monday.", "Mayor Diallo"),
                                   external_id="imported")
    storage.save_article(fresh_db, article, claims)
    assert keyed_up_to(fresh_db) == 0
    run(fresh_db, nlp, ARTICLES / "wire.jsonl")
    assert keyed_up_to(fresh_db) == fresh_db.execute("SELECT max(id) FROM claims").fetchone()[0]


def test_stored_claim_text_reads_across_a_passive_cue(fresh_db, nlp, tmp_path):
    """The store keeps the words a reader reads, as `extract` prints them, not the bare pieces."""
    path = tmp_path / "camp.txt"
    path.write_text("The rebels are believed to be holding four aid workers in the hills.\n", encoding="utf-8")
    run(fresh_db, nlp, path)
    (claim,) = storage.list_claims(fresh_db)
    assert claim.text.startswith("The rebels are believed to be holding four aid workers")
