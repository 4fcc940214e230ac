"""The review screens never draw control sequences from articles, and generated text driven
through ingest into a real store always leaves it consistent (hypothesis)."""

from __future__ import annotations

import html
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdesk import storage
from factdesk.ingest import ingest_paths, ingest_text
from tests.reliability.helpers import HOSTILE, TERMINAL_POISON, check_store_invariants

SCREENS = ["1", "2", "3", "4", "5"]


@pytest.fixture(scope="module")
def hostile_tui_store(tmp_path_factory, nlp):
    path = tmp_path_factory.mktemp("tui") / "claims.db"
    db = storage.open_db(path)
    ingest_paths(db, nlp, [str(HOSTILE / n) for n in ("control_sequences.jsonl", "control_sequences.txt",
                                                       "hostile.html", "good.txt")])
    db.close()
    return path


def _poison_in(svg: str) -> list[str]:
    text = html.unescape(svg)
    return [repr(ch) for ch in TERMINAL_POISON if ch in text]


async def test_tui_screens_draw_no_control_sequences(hostile_tui_store, tmp_path):
    """Every main screen, the claim reader and the help: no ESC, CSI, BEL, bidi or zero-width
    character from article text in what the app draws."""
    from factdesk.tui.app import make_app

    path = tmp_path / "claims.db"
    shutil.copy(hostile_tui_store, path)
    app = make_app(db_path=path, reviewer="tester")
    async with app.run_test(size=(140, 40)) as pilot:
        for key in SCREENS:
            await pilot.press(key)
            await pilot.pause()
            await app.workers.wait_for_complete()
            found = _poison_in(app.export_screenshot())
            assert not found, f"screen {key}: {found}"
        await pilot.press("2", "enter")  # open the first claim in the reader
        await pilot.pause()
        found = _poison_in(app.export_screenshot())
        assert not found, f"reader: {found}"


# --- generated input through ingest ---------------------------------------------------------

NEWSROOM = st.sampled_from([
    "The minister said that ", "\u201cWe will hold Gao,\u201d said Colonel Keita. ", "Officials said ",
    "According to the UN, ", " 40 people died", " about 3,500 troops", " \u00a31.2bn", " 12 per cent",
    "\"", "\u201c", "\u201d", "'", "\u00ab", ". ", ", ", "\n\n", "\r\n", " told AFP.", " he added.",
    "\x1b[31m", "\u202e", "\u200b", " 1e308 ", " \u221e ", " \u0663 ", "Mr Dupont", " she said: ",
])
TEXTS = st.lists(st.one_of(NEWSROOM, st.text(max_size=12)), min_size=1, max_size=40).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(texts=st.lists(TEXTS, min_size=1, max_size=3))
def test_generated_articles_keep_the_store_consistent(nlp, texts):
    """Any text: ingest stores it or refuses it; every span stays inside its article and the
    counts ingest reports are what the store holds."""
    db = storage.open_db(memory=True)
    try:
        stored = 0
        for text in texts:
            before = storage.counts(db)
            result = ingest_text(db, nlp, text)
            after = storage.counts(db)
            assert after["articles"] - before["articles"] == result.articles
            assert after["claims"] - before["claims"] == result.claims
            assert result.articles + result.failed + result.skipped == 1
            if result.failed:
                assert after == before
            stored += result.articles
        got = check_store_invariants(db)
        assert got["articles"] == stored
    finally:
        db.close()


def test_no_figure_is_read_out_of_an_escape_sequence(nlp, tmp_path):
    """The only figures in control_sequences.jsonl are the ones a reader sees: 40 and 15."""
    db = storage.open_db(memory=True)
    ingest_paths(db, nlp, [str(HOSTILE / "control_sequences.jsonl")])
    values = sorted(f.value for c in storage.list_claims(db, storage.ClaimFilter(), limit=100)
                    for f in c.figures)
    db.close()
    assert values == [15.0, 40.0]


def test_generated_text_never_escapes_in_spans():
    """The invariants helper itself catches an out-of-bounds span (guards the guard)."""
    from tests.factories import make_article

    db = storage.open_db(memory=True)
    article, claims = make_article(("The mayor said that 12 schools closed.", "Mayor X"))
    bad = claims[0].__class__(**{**claims[0].__dict__, "content": ((0, 10_000),)})
    storage.save_article(db, article, [bad])
    with pytest.raises(AssertionError):
        check_store_invariants(db)
    db.close()
