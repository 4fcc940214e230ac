"""Hostile inputs through `ingest_paths` into a real store: a clear error or a correct result,
never an exception, every span inside its article, and the store unchanged on error.

The small inputs are hand-made files in fixtures/hostile/ (see its README); the large ones
(a 50 MB article, a 20,000-character sentence) are generated into tmp_path.
"""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest

from factdesk import storage
from factdesk.ingest import ingest_paths
from tests.reliability.helpers import HOSTILE, check_store_invariants, fingerprint, write_jsonl


def ingest(db, nlp, *paths):
    """Ingest, collecting error and warning lines; any exception fails the test."""
    errors, warnings = [], []
    result = ingest_paths(db, nlp, [str(p) for p in paths], on_error=errors.append,
                          on_warning=warnings.append)
    return result, errors, warnings


@pytest.fixture
def seeded(tmp_path, nlp):
    """A file store already holding one good article, so "unchanged" means something."""
    db = storage.open_db(tmp_path / "claims.db")
    result, errors, _ = ingest(db, nlp, HOSTILE / "good.txt")
    assert result.articles == 1 and result.claims >= 1 and not errors
    yield db
    db.close()


REFUSED = [
    # (fixture, words the one-line error must contain)
    ("empty.txt", "empty"),
    ("whitespace.txt", "empty"),
    ("nul_bytes.txt", "binary"),
    ("pdf_renamed.txt", "PDF"),
    ("png_renamed.txt", "PNG"),
    ("bad_front_matter.md", "front matter"),
    ("front_matter_list.md", "front matter"),
    ("front_matter_only.md", "empty"),
    ("front_matter_yaml_tricks.md", "front matter"),
]


@pytest.mark.parametrize("name, words", REFUSED)
def test_unreadable_input_is_one_clear_error_and_store_unchanged(seeded, nlp, name, words):
    """An input that cannot be an article is named in one error line; nothing is written."""
    before = fingerprint(seeded)
    result, errors, _ = ingest(seeded, nlp, HOSTILE / name)
    assert (result.articles, result.claims, result.failed) == (0, 0, 1)
    assert len(errors) == 1 and "\n" not in errors[0]
    assert name in errors[0] and words.lower() in errors[0].lower()
    assert fingerprint(seeded) == before


ACCEPTED = [
    # (fixture, a phrase the stored text must contain, the least number of claims expected)
    ("latin1.txt", "Le ministre de la Défense", 1),
    ("cp1252.txt", "\u201cwe have lost 40 soldiers\u201d", 1),
    ("utf16_bom.txt", "\u201cWe will hold Gao,\u201d said Colonel Keita", 2),
    ("mixed_line_endings.txt", "Gao, Mali\r\n\r\nThe interior minister", 2),
    ("unbalanced_quotes.txt", "the minister said that 40 people died", 0),
    ("control_sequences.txt", "said that 40", 1),
    ("control_sequences.jsonl", "Colonel", 2),
    ("weird_numbers.txt", "1e308 dollars", 1),
    ("hostile.html", "40 people had died", 1),
    ("front_matter_include.md", "The minister said that 40 people had died.", 1),
]


@pytest.mark.parametrize("name, phrase, min_claims", ACCEPTED)
def test_odd_but_readable_input_is_stored_with_spans_in_bounds(seeded, nlp, name, phrase, min_claims):
    """Encodings are decoded, line endings kept, and every span indexes the stored text."""
    result, errors, _ = ingest(seeded, nlp, HOSTILE / name)
    assert errors == [] and result.failed == 0
    assert result.articles >= 1 and result.claims >= min_claims
    texts = [a.text for a in storage.list_articles(seeded)]
    assert any(phrase in t for t in texts), texts
    assert not any(t.startswith("\ufeff") for t in texts), "the byte-order mark is not text"
    got = check_store_invariants(seeded)
    assert got["articles"] == 1 + result.articles


def test_html_active_content_never_reaches_the_article(seeded, nlp):
    """Scripts, iframes, noscript and object bodies are dropped, not read as article text.

    (Entity-escaped markup such as `&lt;img onerror=...&gt;` is the article's visible text and
    stays; the report tests check it is escaped again on the way out.)
    """
    ingest(seeded, nlp, HOSTILE / "hostile.html")
    text = " ".join(a.text for a in storage.list_articles(seeded))
    for leak in ("SCRIPTLEAK", "IFRAMELEAK", "NOSCRIPTLEAK", "OBJECTLEAK", "document.write",
                 "javascript:", "onclick"):
        assert leak not in text


def test_malformed_jsonl_lines_fail_alone(seeded, nlp):
    """Each bad line is one error naming file:line; the good lines are ingested."""
    before = storage.counts(seeded)
    result, errors, _ = ingest(seeded, nlp, HOSTILE / "malformed.jsonl")
    assert result.articles == 2 and result.failed == len(errors) == 11
    assert all("malformed.jsonl:" in e and "\n" not in e for e in errors)
    assert storage.counts(seeded)["articles"] == before["articles"] + 2
    check_store_invariants(seeded)


def test_lone_surrogates_in_jsonl_fail_their_line_only(seeded, nlp):
    """JSON can spell a lone surrogate (\\ud800), which neither spaCy nor SQLite can encode."""
    result, errors, _ = ingest(seeded, nlp, HOSTILE / "lone_surrogate.jsonl")
    assert result.articles + result.failed == 3
    assert storage.get_article(seeded, "sur-ok") is not None
    assert all("lone_surrogate.jsonl:" in e for e in errors)
    check_store_invariants(seeded)


def test_absurd_dates_are_dropped_with_a_warning_never_stored(seeded, nlp):
    """Every article goes in; a date is stored only if it is a real ISO date."""
    result, errors, warnings = ingest(seeded, nlp, HOSTILE / "absurd_dates.jsonl")
    assert errors == [] and result.articles == 15
    for art in storage.list_articles(seeded):
        if art.published is not None:
            try:
                date.fromisoformat(art.published[:10])
                datetime.fromisoformat(art.published)
            except ValueError:
                pytest.fail(f"{art.external_id}: stored unparseable date {art.published!r}")
    assert len(warnings) >= 10 and all(len(w) < 300 for w in warnings), "warnings quote at most a snippet"


def test_absurd_numbers_give_finite_figures(seeded, nlp):
    """1e308, infinity, 10^400 and Arabic-Indic digits never become inf/NaN figures."""
    ingest(seeded, nlp, HOSTILE / "weird_numbers.txt")
    art = next(a for a in storage.list_articles(seeded) if "1e308" in a.text)
    for claim in storage.claims_for_article(seeded, art.id):
        for fig in claim.figures:
            for v in (fig.value, fig.low, fig.high):
                assert v is None or math.isfinite(v), (fig.text, v)


def test_path_like_metadata_is_never_opened(seeded, nlp, tmp_path):
    """"path", "url": file://, front matter include: are metadata, never files to read."""
    secret = tmp_path / "secret"
    secret.write_text("SENTINEL-7f3a9c do not read")
    jsonl = write_jsonl(tmp_path / "paths.jsonl", [
        {"id": "p1", "path": str(secret), "url": f"file://{secret}", "include": str(secret),
         "text": "The mayor of Kidal said that 14 schools had closed."},
        {"id": "p2", "text": str(secret), "source": f"file://{secret}"},
    ])
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    md = sub / "story.md"
    md.write_text(f"---\ntitle: t\ninclude: ../../secret\npath: {secret}\nurl: file://{secret}\n---\n"
                  "The minister said that 40 people had died.\n")
    result, errors, _ = ingest(seeded, nlp, jsonl, md, HOSTILE / "paths.jsonl")
    assert errors == [] and result.articles == 4
    dump = "\n".join(seeded.conn.iterdump())
    assert "SENTINEL-7f3a9c" not in dump
    assert "root:x:0:0" not in dump


def test_fifty_megabyte_article_is_refused_or_stored_not_a_crash(seeded, nlp, tmp_path):
    """A 50 MB wire dump: a clear error (or a correct result), and the next file still goes in."""
    big = tmp_path / "big.txt"
    sentence = "The interior minister said that 40 people had died in the clashes near Gao. "
    with open(big, "w", encoding="utf-8") as fh:
        for _ in range(50 * 2**20 // len(sentence)):
            fh.write(sentence)
    before = storage.counts(seeded)
    result, errors, _ = ingest(seeded, nlp, big, HOSTILE / "cp1252.txt")
    assert result.articles + result.failed == 2
    assert any("cp1252" in (a.external_id or "") for a in storage.list_articles(seeded))
    if result.failed:
        assert len(errors) == 1 and "big.txt" in errors[0]
        assert storage.counts(seeded)["articles"] == before["articles"] + 1
    check_store_invariants(seeded)


def test_twenty_thousand_character_sentence(seeded, nlp, tmp_path):
    """One enormous run-on sentence: stored, with every span inside it."""
    clauses = [f"{n} soldiers were sent to {('Gao', 'Kidal', 'Mopti')[n % 3]}" for n in range(2000)]
    sentence = "The minister said that " + ", and ".join(clauses)
    sentence = sentence[:20_000].rsplit(" ", 1)[0] + "."
    path = tmp_path / "long_sentence.txt"
    path.write_text(sentence)
    result, errors, _ = ingest(seeded, nlp, path)
    assert errors == [] and result.articles == 1
    check_store_invariants(seeded)


def test_many_hostile_files_in_one_run(seeded, nlp):
    """The whole folder in one run: failures are counted, everything else lands intact."""
    result, errors, _ = ingest(seeded, nlp, HOSTILE)
    assert result.failed == len(errors) >= len(REFUSED)
    check_store_invariants(seeded)
