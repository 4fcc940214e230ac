"""Word counts (storage.word_counts): how many claims hold a search word, at least, without FTS5."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk import storage
from factdesk.candidates import index_claims, key_claims, rare_word_ids
from factdesk.matching.text import query_terms, whole_words
from factdesk.models import Article, Claim
from factdesk.storage.word_counts import word_counts, words_counted_up_to


def _claim(text: str, order: int = 0) -> Claim:
    return Claim(order=order, kind="unattributed", text=text, content=((0, len(text)),))


def save(db, ext_id: str, *texts: str) -> list[int]:
    saved = storage.save_article(db, Article(text=" ".join(texts), external_id=ext_id),
                                 [_claim(t, i) for i, t in enumerate(texts)])
    return list(saved.claim_ids)


@pytest.mark.parametrize("text, held, not_held", [
    ("Ecuador's oil output fell 40 pct.", {"ecuador's", "oil", "output", "fell", "40", "pct"}, {"ecuador"}),
    ("Jean-Yves Le Drian said 4,000 troops were there.", {"jean-yves", "drian", "4,000", "troops"}, {"said", "were"}),
    ("Zürich-based MP3s sold 12m units.", {"sold", "units"}, {"rich-based", "mp", "12"}),
    ("The café's owner, aged 40-45, said no", {"owner", "aged", "40", "45"}, {"caf"}),
])
def test_whole_words_are_query_words_standing_alone(text, held, not_held):
    """Only words with space or ASCII punctuation either side: FTS5 reads those as the same tokens."""
    words = whole_words(text)
    assert held <= words and not words & not_held
    assert words <= set(query_terms(text, 100)), "only words a query can be made of are counted"


_STORE = storage.open_db(memory=True)
_ARTICLE = _STORE.execute("SELECT article_id FROM claims WHERE id = ?",
                          save(_STORE, "texts", "A store for the texts below.")).fetchone()[0]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="aZk 7,.-'’éÑüß٣İﬁ²", max_size=40))
def test_a_text_holding_a_whole_word_is_found_by_a_search_for_it(text):
    """Counts are lower bounds of FTS5's: every claim counted as holding a word matches its search."""
    cid = _STORE.execute("INSERT INTO claims (article_id, ord, kind, text, content, start, \"end\", status) "
                         "VALUES (?, (SELECT max(ord) + 1 FROM claims), 'unattributed', ?, '[]', 0, 0, 'unverified')",
                         [_ARTICLE, text]).lastrowid
    for word in whole_words(text):
        hit = _STORE.execute("SELECT count(*) FROM claims_fts WHERE rowid = ? AND claims_fts MATCH ?",
                             [cid, storage.fts_query(word)]).fetchone()[0]
        assert hit == 1, word


def test_linking_counts_the_words_of_the_claims_it_keys(fresh_db):
    ids = save(fresh_db, "a", "Floods cut the road to Gao.", "The road to Gao is open again.")
    key_claims(fresh_db, {})
    assert word_counts(fresh_db, ["road", "gao", "floods", "mopti"]) == {"road": 2, "gao": 2, "floods": 1}
    assert words_counted_up_to(fresh_db) == ids[-1]
    key_claims(fresh_db, {})
    assert word_counts(fresh_db, ["road"]) == {"road": 2}, "each claim is counted once"


def test_a_store_older_than_the_counts_catches_up(fresh_db):
    """Keys were there before the counts: index_claims counts what its keys do not need."""
    save(fresh_db, "a", "Floods cut the road to Gao.", "The road to Gao is open again.")
    assert index_claims(fresh_db) == 2
    fresh_db.execute("DELETE FROM word_counts")
    fresh_db.execute("UPDATE claims_keyed SET words_up_to = 0")
    assert index_claims(fresh_db) == 2
    assert word_counts(fresh_db, ["road"]) == {"road": 2}
    assert index_claims(fresh_db) == 0


def test_words_the_store_counts_as_too_common_are_never_counted_by_fts(fresh_db, monkeypatch):
    """The stored count already says a word is held by more claims than a search reads."""
    import factdesk.candidates as candidates

    monkeypatch.setattr(candidates, "COMMON_TERM_DOCS", 2)
    monkeypatch.setattr(candidates, "COMMON_TERM_SHARE", 0.0)
    for n in range(4):
        save(fresh_db, f"a{n}", f"Floods cut the road to Gao on day {n}.")
    target = save(fresh_db, "b", "Sandstorms closed Timbuktu airport.")[0]
    new = save(fresh_db, "c", "Floods closed Timbuktu airport and the road.")
    key_claims(fresh_db, {})
    counted = []
    real = candidates.term_doc_counts
    monkeypatch.setattr(candidates, "term_doc_counts", lambda db, ws, cap: counted.extend(ws) or real(db, ws, cap))
    assert rare_word_ids(fresh_db, [query_terms("Floods closed Timbuktu airport and the road.")], [set(new)]) \
        == [[target]]
    assert not {"floods", "road"} & set(counted)
