"""Fixtures for the review-session tests: a small, fixed claim store built by hand (no spaCy)."""

from __future__ import annotations

import pytest

from factdesk import storage
from factdesk.models import Article, Claim, Figure, Link, Speaker
from factdesk.tui.app import make_app

LE_DRIAN = Speaker("Jean-Yves Le Drian", role="French Defence Minister", aliases=("Le Drian",))
DARDAR = Speaker("Abou Dardar", role="MUJAO official", affiliation="MUJAO")
FABIUS = Speaker("Laurent Fabius", role="French Foreign Minister", aliases=("Fabius",))
DRIAN_DUP = Speaker("J-Y Le Drian", role="Defence Minister")

EARLIER_TEXT = (
    "French troops push north\n\n"
    "Some 3,500 French troops have deployed in Mali, Le Drian said on Monday.\n\n"
    "\"The combat is over in Gao,\" Le Drian told reporters.\n\n"
    "Fabius said soldiers would start leaving in March."
)
LATER_TEXT = (
    "French clash with Islamists in 'real war'\n\n"
    "Nearly 4,000 French troops have deployed in Mali, Le Drian said on Wednesday.\n\n"
    "\"The combat isn't over. The attacks are going to continue,\" MUJAO's Abou Dardar told AFP.\n\n"
    "Fabius said soldiers would start leaving in March.\n\n"
    "Officials said 11 Malian troops were killed at Konna, the J-Y Le Drian office added."
)


def _claim(text: str, content: str, order: int, speaker: Speaker | None, kind: str,
           figures: tuple[tuple[str, float, str], ...] = (), cue: str | None = None) -> Claim:
    start = text.index(content)
    figs = tuple(
        Figure(value=value, start=text.index(words), end=text.index(words) + len(words), text=words,
               what=what)
        for words, value, what in figures
    )
    cue_span = None
    if cue:
        c = text.index(cue, max(0, start - 20))
        cue_span = (c, c + len(cue))
    return Claim(order=order, kind=kind, text=content, content=((start, start + len(content)),),
                 speaker=speaker, cue=cue_span, cue_text=cue, figures=figs)


def build_store(db) -> dict[str, int]:
    """Two Mali articles, five speakers, three open flags; returns named claim ids."""
    earlier_claims = [
        _claim(EARLIER_TEXT, "Some 3,500 French troops have deployed in Mali", 0, LE_DRIAN, "indirect",
               (("Some 3,500", 3500, "French troops"),), cue="said"),
        _claim(EARLIER_TEXT, "The combat is over in Gao,", 1, LE_DRIAN, "direct", cue="told"),
        _claim(EARLIER_TEXT, "soldiers would start leaving in March", 2, FABIUS, "indirect", cue="said"),
    ]
    later_claims = [
        _claim(LATER_TEXT, "Nearly 4,000 French troops have deployed in Mali", 0, LE_DRIAN, "indirect",
               (("Nearly 4,000", 4000, "French troops"),), cue="said"),
        _claim(LATER_TEXT, "The combat isn't over. The attacks are going to continue,", 1, DARDAR,
               "direct", cue="told"),
        _claim(LATER_TEXT, "soldiers would start leaving in March", 2, FABIUS, "indirect", cue="said"),
        _claim(LATER_TEXT, "11 Malian troops were killed at Konna", 3, DRIAN_DUP, "indirect",
               (("11", 11, "Malian troops killed"),), cue="added"),
    ]
    a = storage.save_article(db, Article(EARLIER_TEXT, "afp-mali-0204", "French troops push north", "AFP",
                                         published="2013-02-04"), earlier_claims)
    b = storage.save_article(db, Article(LATER_TEXT, "afp-mali-0206",
                                         "French clash with Islamists in 'real war'", "AFP",
                                         published="2013-02-06"), later_claims)
    ids = {
        "troops_old": a.claim_ids[0], "combat_old": a.claim_ids[1], "leave_old": a.claim_ids[2],
        "troops_new": b.claim_ids[0], "combat_new": b.claim_ids[1], "leave_new": b.claim_ids[2],
        "konna": b.claim_ids[3], "article_old": a.article_id, "article_new": b.article_id,
    }
    storage.save_links(db, [
        Link(ids["leave_new"], ids["leave_old"], "repeat", 97.0, "confident",
             "Fabius repeats his 4 Feb claim word for word"),
        Link(ids["combat_new"], ids["combat_old"], "contradiction", 81.0, "suggested",
             "\"combat isn't over\" contradicts Le Drian's \"combat is over\" (4 Feb)"),
        Link(ids["troops_new"], ids["troops_old"], "updated_figure", 92.0, "confident",
             "French troops: 3,500 (4 Feb, Le Drian) → nearly 4,000 (6 Feb, Le Drian)",
             old_value=3500, new_value=4000),
    ])
    return ids


@pytest.fixture
def store(tmp_path):
    """(db path, claim ids) of the fixed store; the file is reopened by each app."""
    path = tmp_path / "claims.db"
    db = storage.open_db(path)
    ids = build_store(db)
    db.close()
    return path, ids


@pytest.fixture
def app(store):
    """The review app over the fixed store, reviewer "tester"."""
    path, _ = store
    application = make_app(db_path=path, reviewer="tester")
    yield application
    application.session.db.close()


@pytest.fixture
def ids(store):
    return store[1]


@pytest.fixture
def db(app):
    """The app's own connection, for asserting on what each key press wrote."""
    return app.session.db


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    """Snapshots must not depend on the caret's blink phase."""
    from textual.widgets import Input

    monkeypatch.setattr(Input, "cursor_blink", False)
