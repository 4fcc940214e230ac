"""Every cache linking keeps is bounded, so a long ingest's writer stays flat (bench/memory.py).

The bounds are set small here; the sizes used, and what each cache saves, are measured in the
docstrings of the constants.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil

import pytest

import factdesk
from factdesk import candidates, known, storage, story_links
from factdesk.linking import link_new_claims
from factdesk.matching.story import context
from factdesk.models import Article, Claim
from factdesk.storage.story_queries import keep_contexts, kept_contexts


def save(db, ext_id: str, title: str, *texts: str) -> list[int]:
    claims = [Claim(order=i, kind="unattributed", text=t, content=((0, len(t)),)) for i, t in enumerate(texts)]
    saved = storage.save_article(db, Article(text=" ".join(texts), external_id=ext_id, title=title,
                                             published="1987-03-02"), claims)
    return list(saved.claim_ids)


def articles(db, n: int) -> list[int]:
    """Ids of `n` stored articles, each of its own story."""
    for i in range(n):
        save(db, f"a{i}", f"Storm number {i} hits the coast of Place{i}",
             f"At least {i + 3} people died when storm {i} hit Place{i}, officials said.")
    return [row[0] for row in db.execute("SELECT id FROM articles ORDER BY id")]


def test_story_contexts_held_in_memory_are_bounded(fresh_db, monkeypatch):
    monkeypatch.setattr(story_links, "CONTEXT_CACHE_SIZE", 3)
    ids = articles(fresh_db, 8)
    got = story_links.contexts(fresh_db, ids)
    assert set(got) == set(ids)
    assert len(story_links._caches[fresh_db]) == 3
    assert list(story_links._caches[fresh_db]) == ids[-3:]  # the most recently used


def test_a_forgotten_context_comes_back_from_the_connection_not_the_article(fresh_db, monkeypatch):
    """Kept packed in the connection's temp table: the same context, without a rebuild."""
    monkeypatch.setattr(story_links, "CONTEXT_CACHE_SIZE", 2)
    ids = articles(fresh_db, 5)
    first = story_links.contexts(fresh_db, ids)
    assert ids[0] not in story_links._caches[fresh_db]

    def no_rebuild(*args):
        raise AssertionError("context built again")
    monkeypatch.setattr(story_links, "context", no_rebuild)
    again = story_links.contexts(fresh_db, [ids[0]])
    title, text = fresh_db.execute("SELECT title, text FROM articles WHERE id = ?", [ids[0]]).fetchone()
    assert again[ids[0]] == first[ids[0]] == context(title, text)


def test_kept_contexts_roll_back_with_the_transaction_that_kept_them(fresh_db):
    with pytest.raises(RuntimeError):
        with storage.write_transaction(fresh_db):
            keep_contexts(fresh_db, {7: b"packed"})
            assert kept_contexts(fresh_db, [7]) == {7: b"packed"}
            raise RuntimeError("the article failed")
    assert kept_contexts(fresh_db, [7]) == {}


def test_remembered_claims_are_bounded(fresh_db, monkeypatch):
    monkeypatch.setattr(known, "FEATURE_CACHE_SIZE", 4)
    for i in range(6):
        link_new_claims(fresh_db, save(fresh_db, f"a{i}", "Flood toll rises",
                                       f"The flood killed {10 + i} people in the valley, police said.",
                                       f"Rescuers searched {i + 2} villages for survivors."))
    assert len(known.remembered(fresh_db)) == 4


def test_word_counts_remembered_are_bounded_oldest_forgotten_first(fresh_db, monkeypatch):
    monkeypatch.setattr(candidates, "DF_CACHE_SIZE", 5)
    save(fresh_db, "a", "Words", "alpha bravo charlie delta echo foxtrot golf hotel india juliet")
    candidates.rare_word_ids(fresh_db, [["alpha", "bravo", "charlie", "delta"]], [set()])
    candidates.rare_word_ids(fresh_db, [["echo", "foxtrot", "golf", "hotel"]], [set()])
    remembered = candidates._df_caches[fresh_db]
    assert len(remembered) == 5
    assert list(remembered)[-4:] == ["echo", "foxtrot", "golf", "hotel"]
    assert len(candidates._common_caches[fresh_db]) <= 5


def _domain_modules():
    for info in pkgutil.walk_packages(factdesk.__path__, "factdesk."):
        if not info.name.startswith(("factdesk.tui", "factdesk.cli", "factdesk.__main__")):
            yield importlib.import_module(info.name)


def test_no_function_cache_in_the_domain_is_unbounded():
    """`functools.cache` (or `lru_cache(maxsize=None)`) in a writer process grows with the corpus."""
    cached = [(module.__name__, name, fn.cache_info().maxsize) for module in _domain_modules()
              for name, fn in vars(module).items()
              if isinstance(fn, functools._lru_cache_wrapper) and fn.__module__ == module.__name__]
    assert cached, "the text caches were not found"
    assert [c for c in cached if c[2] is None] == []
