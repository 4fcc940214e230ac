"""Quote pairing: within a paragraph only, with the open-paragraph continuation rule."""

import pytest

from factdesk.extraction.quotes import find_quotes


def spans(text):
    return [(text[q.start:q.end], q.closed, q.continues) for q in find_quotes(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We will win," she said.', [('"We will win,"', True, False)]),
        ("\u201cWe will win,\u201d she said.", [("\u201cWe will win,\u201d", True, False)]),
        ("\u00abOn gagne\u00bb, dit-il.", [("\u00abOn gagne\u00bb", True, False)]),
        ("\u201eWir gewinnen\u201c, sagte er.", [("\u201eWir gewinnen\u201c", True, False)]),
        ("He said 'no way' today.", [("'no way'", True, False)]),
        ("It's Trump's plan, the players' union said.", []),
        ("''It is over,'' he said.", [("''It is over,''", True, False)]),
    ],
)
def test_pairs_marks_of_every_style(text, expected):
    assert spans(text) == expected


def test_unclosed_quote_ends_at_its_paragraph():
    text = 'He said "this never closes.\n\nA new paragraph with "a quote" here.'
    got = spans(text)
    assert got[0] == ('"this never closes.', False, False)
    assert ('"a quote"', True, False) in got


def test_open_paragraph_is_continued_by_the_next():
    text = '"First part of the quote.\n\n"Second part," he said.'
    got = spans(text)
    assert got == [('"First part of the quote.', False, False), ('"Second part,"', True, True)]


def test_never_pairs_across_paragraphs():
    text = 'A stray " mark.\n\nAnother " mark.'
    for q in find_quotes(text):
        assert "\n" not in text[q.start:q.end]


@pytest.mark.parametrize("text", ["", '"', "\u201d\u201d\u201c", "'''''", "\n\n\"\n'", "a\u2019b\u2019c"])
def test_odd_input_never_crashes(text):
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= len(text)
