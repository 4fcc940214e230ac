"""Tests for readers: decoding, formats, metadata and the error for each unreadable input."""

from __future__ import annotations

from pathlib import Path

import pytest

from factdesk.models import Article
from factdesk.readers import (
    ArticleMeta,
    ReadError,
    count_articles,
    decode_bytes,
    is_single,
    iter_articles,
    normalise_date,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
ARTICLES = FIXTURES / "articles"
BAD = FIXTURES / "bad"


def read_all(*paths, overrides=None):
    warnings = []
    items = list(iter_articles([str(p) for p in paths], overrides, warnings.append))
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadError)],
            warnings)


@pytest.mark.parametrize("data, text", [
    ("Le ministre a dit".encode("utf-8"), "Le ministre a dit"),
    (b"\xef\xbb\xbfBOM dropped", "BOM dropped"),
    ("“quoted” text".encode("utf-16"), "“quoted” text"),
    ("“quoted” text".encode("utf-16-be").join([b"\xfe\xff", b""]), "“quoted” text"),
    ("Défense à Gao".encode("latin-1"), "Défense à Gao"),
    ("said “we lost 40” — €3m".encode("cp1252"), "said “we lost 40” — €3m"),
    (b"line one\r\nline two\r\n", "line one\r\nline two\r\n"),
])
def test_decode_bytes_keeps_text_exact(data, text):
    assert decode_bytes(data, "x.txt") == text


@pytest.mark.parametrize("data, problem", [
    (b"", "empty file"),
    (b" \n\t\r\n", "empty file"),
    (b"said\x00\x00 that", "binary file"),
    (b"\x89PNG\r\n\x1a\n....", "binary file (PNG"),
    (b"%PDF-1.7\n%\xe2\xe3", "binary file (PDF"),
    (b"PK\x03\x04 docx", "binary file (ZIP"),
])
def test_decode_bytes_refuses(data, problem):
    with pytest.raises(ReadError, match=r"^notes\.txt: " + problem.replace("(", r"\(")):
        decode_bytes(data, "notes.txt")


def test_cyrillic_single_byte_text_is_not_forced_to_cp1252():
    text = "Министр заявил, что войска находятся в Гао."
    assert decode_bytes(text.encode("cp1251"), "ru.txt") == text


def test_txt_keeps_crlf_and_offsets_index_the_file():
    found, errors, _ = read_all(BAD / "utf16-bom.txt")
    assert errors == [] and found[0].text.endswith("Keita.\r\n")
    assert found[0].external_id == "utf16-bom"


def test_markdown_front_matter_gives_metadata_and_body_unchanged():
    (art,), errors, _ = read_all(ARTICLES / "council-budget.md")
    assert errors == []
    assert (art.title, art.source, art.published, art.url, art.external_id) == (
        "Council approves budget cuts", "Reuters", "2024-03-05", "https://example.org/council-budget",
        "council-budget-2024")
    assert art.text.startswith("The city council approved") and "---" not in art.text


def test_html_main_text_and_metadata_without_scripts_or_iframes():
    (art,), errors, _ = read_all(ARTICLES / "flood-warning.html")
    assert errors == []
    assert "3,000 homes" in art.text and "move valuables upstairs" in art.text
    assert "SCRIPT TEXT" not in art.text and "IFRAME TEXT" not in art.text
    assert art.title == "Flood warning issued for river towns"
    assert art.source == "Evening Standard"
    assert art.published == "2024-03-05"


def test_jsonl_one_article_per_line_with_metadata():
    found, errors, _ = read_all(ARTICLES / "wire.jsonl")
    assert errors == []
    assert [a.external_id for a in found] == ["wire-001", "wire-002", "wire-003"]
    assert found[0].source == "AFP" and found[0].published == "2024-01-10"
    assert found[0].path.endswith("wire.jsonl:1")


def test_folder_is_read_recursively_skipping_unknown_extensions():
    found, errors, _ = read_all(ARTICLES / "folder")
    assert errors == []
    assert sorted(a.external_id for a in found) == ["school-meals", "tram-fares"]


def test_overrides_win_and_id_defaults_to_file_stem():
    (art,), _, _ = read_all(ARTICLES / "harbour-strike.txt",
                            overrides=ArticleMeta(title="Strike", source="PA", date="2024-02-01"))
    assert (art.external_id, art.title, art.source, art.published) == (
        "harbour-strike", "Strike", "PA", "2024-02-01")
    (art,), _, _ = read_all(ARTICLES / "council-budget.md", overrides={"id": "mine"})
    assert art.external_id == "mine"


@pytest.mark.parametrize("name, problem", [
    ("empty.txt", "empty file"),
    ("whitespace.txt", "empty file"),
    ("nul-bytes.txt", "binary file"),
    ("png-renamed.txt", "binary file"),
    ("bad-front-matter.md", "malformed front matter"),
])
def test_bad_file_is_one_error_naming_it(name, problem):
    found, errors, _ = read_all(BAD / name)
    assert found == [] and len(errors) == 1
    assert str(errors[0]).startswith(f"{BAD / name}: {problem}")


def test_malformed_jsonl_line_fails_alone_naming_file_and_line():
    found, errors, _ = read_all(BAD / "broken-line.jsonl")
    assert [a.external_id for a in found] == ["ok-1", "ok-3"]
    assert len(errors) == 1 and str(errors[0]).startswith(f"{BAD / 'broken-line.jsonl'}:2: malformed JSON")


def test_missing_path_and_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.rst").write_text("not an article")
    found, errors, _ = read_all(tmp_path / "nope.txt", tmp_path / "empty")
    assert found == []
    assert [str(e) for e in errors][0] == f"{tmp_path / 'nope.txt'}: no such file or directory"
    assert "no readable files" in str(errors[1])


def test_stdin(tmp_path):
    import io

    items = list(iter_articles(["-"], ArticleMeta(id="pasted"), stdin=io.BytesIO(b"The mayor said so.\n")))
    assert items[0].text == "The mayor said so.\n" and items[0].external_id == "pasted"


def test_size_limit(tmp_path, monkeypatch):
    import factdesk.readers as readers

    monkeypatch.setattr(readers.base, "MAX_BYTES", 100)  # read at call time
    big = tmp_path / "big.txt"
    big.write_text("The minister said so. " * 10)
    _, errors, _ = read_all(big)
    assert "too large" in str(errors[0])


@pytest.mark.parametrize("given, stored", [
    ("2013-02-10", "2013-02-10"),
    ("2013-02-10T14:00:00Z", "2013-02-10T14:00:00+00:00"),
    ("Sun, 10 Feb 2013 14:00:00 +0000", "2013-02-10T14:00:00+00:00"),
    ("10 February 2013", "2013-02-10"),
    ("February 10, 2013", "2013-02-10"),
    ("31/31/2099", None),
    ("yesterday", None),
    ("", None),
])
def test_normalise_date(given, stored):
    warnings = []
    assert normalise_date(given, "x", warnings.append) == stored
    assert bool(warnings) == (stored is None and given != "")


def test_is_single_and_count():
    assert is_single([str(ARTICLES / "harbour-strike.txt")]) and is_single(["-"])
    assert not is_single([str(ARTICLES / "wire.jsonl")]) and not is_single([str(ARTICLES / "folder")])
    assert count_articles([str(ARTICLES / "wire.jsonl"), str(ARTICLES / "folder")]) == 5


@pytest.mark.parametrize("text, title", [
    ("French clash with Islamists in 'real war' to win back north\n\nFrench and Malian troops clashed.", 
     "French clash with Islamists in 'real war' to win back north"),
    ("Headline with Windows line ends\r\n\r\nBody.", "Headline with Windows line ends"),
    ("The minister said so.\n\nMore text.", None),
    ("One paragraph only, no blank line\nstill the same paragraph.", None),
    ("x" * 250 + "\n\nBody.", None),
])
def test_plain_text_headline_becomes_the_title(text, title):
    from factdesk.readers.formats import headline

    assert headline(text) == title
