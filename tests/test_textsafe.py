"""Tests for textsafe: untrusted article text made inert for terminals and spreadsheets."""

from __future__ import annotations

import pytest

from factdesk.textsafe import clean_for_terminal, guard_csv_cell


@pytest.mark.parametrize("raw, shown", [
    ("The minister said \x1b[31mred\x1b[0m things", "The minister said red things"),
    ("clear\x1b[2J\x1b[Hscreen", "clearscreen"),
    ("title \x1b]0;pwned\x07 set", "title  set"),
    ("link \x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\ here", "link click here"),
    ("dcs \x1bPq#0;2;0;0;0\x1b\\ gone", "dcs  gone"),
    ("8-bit \x9b31m csi", "8-bit  csi"),
    ("bell\x07 and backspace\x08", "bell and backspace"),
    ("over\rwrite", "overwrite"),
    ("\u202eevil\u202c reversed \u2066iso\u2069", "evil reversed iso"),
    ("zero\u200bwidth\u200d join\u2060er\ufeff", "zerowidth joiner"),
    ("keeps\nnewlines\tand tabs", "keeps\nnewlines\tand tabs"),
    ("“Smart quotes” and café stay", "“Smart quotes” and café stay"),
    (None, ""),
])
def test_clean_for_terminal(raw, shown):
    assert clean_for_terminal(raw) == shown


@pytest.mark.parametrize("cell, guarded", [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
    ("+44 20 7946 0000", "'+44 20 7946 0000"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"),
    ("\rcmd", "'\rcmd"),
    ("The minister said 40 died", "The minister said 40 died"),
    ("", ""),
    (-40.5, -40.5),
    (None, None),
])
def test_guard_csv_cell(cell, guarded):
    assert guard_csv_cell(cell) == guarded
