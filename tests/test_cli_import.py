"""Tests for importing fact-check archives: JSONL, CSV, TSV (CheckThat!) and ClaimReview JSON-LD."""

from __future__ import annotations

from pathlib import Path

import pytest

from factdesk import storage
from factdesk.importers import ImportedClaim, import_claims, map_status, read_claims
from factdesk.readers import ReadError

ARCHIVE = Path(__file__).parent.parent / "fixtures" / "archive"


def records(name):
    return list(read_claims(ARCHIVE / name))


def test_tsv_with_unnamed_id_column():
    got = records("verified_claims.tsv")
    assert [(r.id, r.title) for r in got] == [("0", "Did 122 prisoners return to the battlefield?"),
                                             ("1", "Arrested protesters out of state")]


def test_csv_statuses_mapped_and_empty_text_is_an_error():
    got = records("claims.csv")
    first, second, third = got
    assert (first.speaker, first.status, first.note, first.source) == ("Jane Doe", "verified", "Mostly True", "PolitiFact")
    assert second.status == "false"
    assert isinstance(third, ReadError) and ":4: no claim text" in str(third)


def test_claimreview_graph():
    first, second = records("claimreview.json")
    assert first == ImportedClaim(
        id="https://factcheck.example/vaccines-42", text="Vaccines caused 40 per cent of hospital admissions last winter.",
        title=None, speaker="Ann Example", date="2023-02-01", source="Example Fact Check",
        url="https://factcheck.example/vaccines-42", status="false", note="False", where=first.where)
    assert (second.text, second.speaker, second.status) == ("The city built 14 new bridges in 2022.", "Mayor Bob", "misleading")


def test_jsonl_bad_line_named():
    got = records("claims.jsonl")
    assert [r.id for r in got[:2]] == ["a1", "a2"] and got[1].title == "Police report"
    assert isinstance(got[2], ReadError) and str(got[2]).endswith("claims.jsonl:3: malformed JSON (Expecting value)")


@pytest.mark.parametrize("word, status", [
    ("Pants on Fire!", "false"), ("Half True", "misleading"), ("TRUE", "verified"),
    ("Unproven", "unverifiable"), ("disputed", "disputed"), ("Satire", None), (None, None),
])
def test_map_status(word, status):
    assert map_status(word) == status


def test_import_stores_one_claim_articles_with_archive_ids(fresh_db):
    errors = []
    result = import_claims(fresh_db, ARCHIVE / "claims.csv", reviewer="desk", on_error=errors.append)
    assert (result.claims, result.failed) == (2, 1) and len(errors) == 1
    claims = storage.list_claims(fresh_db, sort="oldest")
    assert [(c.ref, c.kind, c.status) for c in claims] == [("pf-101", "imported", "verified"), ("pf-102", "imported", "false")]
    assert claims[0].speaker_name == "Jane Doe" and claims[0].article_title == "Jobs claim"
    assert storage.history(fresh_db, claims[1].id)[0].reviewer == "desk"
    again = import_claims(fresh_db, ARCHIVE / "claims.csv")
    assert (again.claims, again.skipped) == (0, 2)


@pytest.mark.parametrize("name, problem", [("nope.csv", "no such file"), ("claims.xlsx", "unknown archive format")])
def test_unusable_archive_writes_nothing(fresh_db, name, problem):
    with pytest.raises(ReadError, match=problem):
        import_claims(fresh_db, ARCHIVE / name)
    assert storage.counts(fresh_db)["articles"] == 0
