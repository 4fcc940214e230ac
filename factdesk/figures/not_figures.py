"""Provides the rules that say a number in news text is not a figure: years, dates, clock
times, ages, ids and labels ("Flight 103", "Boeing 737", "A320"). Stdlib only, no UI.
"""

from __future__ import annotations

import re

from factdesk.figures import words as W
from factdesk.figures.tokens import _GLUE_OK, _NOT_NAMES, _TIME, _Num, _Tok, _glued, _is_content


def _excluded(text: str, toks: list[_Tok], i: int, num: _Num, unit: str | None, p: int) -> int:
    """How many tokens to skip if toks[i] is a year, date, time or label; 0 if it is a figure."""
    tok, n = toks[i], len(toks)
    nxt = toks[num.end] if num.end < n else None
    prev = toks[i - 1] if i else None
    before = toks[i - 2] if i > 1 else None
    if tok.kind != "num":
        if _spelled_date(toks, i, num, prev):
            return num.end - i
        if tok.low == "one" and num.end == i + 1 and p == i:  # "one of the groups", "the one who"
            if p and toks[p - 1].low in W.OUTCOME_VERBS:
                return 0
            if (prev and prev.low in W.ONE_DETERMINERS) or not _is_content(toks, i + 1) \
                    or toks[i + 1].low in W.ONE_IDIOMS:
                return 1
        return 0
    digits = tok.text
    if nxt and nxt.text == ":" and _glued(toks, num.end) and num.end + 1 < n \
            and toks[num.end + 1].kind == "num" and _glued(toks, num.end + 1):
        return num.end + 2 - i  # "10:30"
    if num.end == i + 1 and nxt and nxt.kind == "word" and _glued(toks, i + 1) \
            and nxt.low not in _GLUE_OK:
        return 2  # "11th", "1990s", "4G"
    age = toks[num.end + 1] if nxt and nxt.text == "-" and num.end + 1 < n else nxt
    if age is not None and age.kind == "word" and age.low.endswith("-old") \
            and age.low.split("-")[0] in W.DURATIONS:
        return num.end + 1 - i  # "a 36-year-old climber", "a 22 year-old resident": an age
    if _TIME.match(text, tok.end, toks[-1].end):
        return 1
    if (float(digits[0]) == 0 and digits[1:2] not in ("", ".")) \
            or (digits.isdigit() and len(digits) >= 7) or (prev and prev.kind == "num"):
        return 1  # "0900 GMT", phone numbers and ids
    plain = digits.isdigit() and num.end == i + 1 and unit is None
    if plain and re.fullmatch(r"(19|20)\d\d", digits):
        return 1  # a year
    if plain and prev and prev.text == "," and before and before.kind == "word" and before.text[0].isupper() \
            and (nxt is None or nxt.kind == "punct"):
        return 1  # "the death of Kafoury, 63.": an age after a name
    if plain and prev and (prev.low == "aged" or (prev.low == "at" and before is not None
                                                  and before.low in W.DEATH_VERBS)):
        return 1  # "dies at 95", "aged 63": an age
    if (nxt and nxt.text == "/" and _glued(toks, num.end)) or (prev and prev.text == "/" and _glued(toks, i)):
        return 1  # "1/2", "3/4/87"
    if prev and ((prev.kind == "word" and _glued(toks, i)) or prev.text == "#"
                 or (prev.text == "-" and _glued(toks, i) and before and before.kind == "word"
                     and _glued(toks, i - 1))):
        return 1  # "A320", "F-16", "#5"
    label = prev if prev and prev.kind == "word" else \
        before if prev and prev.text == "." and before and len(before.text) <= 4 else None
    day = plain and 1 <= float(digits) <= 31
    months = [t for t in (label, nxt) if t and t.low in W.MONTHS]
    if day and any(t.text[0].isupper() or t.low != "may" for t in months):
        return 1  # "January 11", "Jan. 11", "11 January"
    if label and label.low in W.ID_WORDS:
        return 1
    if plain and prev and prev.kind == "word" and prev.text[0].isupper() and nxt \
            and nxt.kind == "word" and prev.low not in _NOT_NAMES and prev.low not in W.MONTHS:
        return 1  # "Europe 1 radio", "Boeing 737 jets"; but "Chad 2,000, Niger 500."
    return 0


def _spelled_date(toks: list[_Tok], i: int, num: _Num, prev: _Tok | None) -> bool:
    """Whether a number word after a month is a day ("the March five earthquake", "on March five").

    "In March two people died" stays a count: a plural noun after the number says it counts.
    """
    if prev is None or prev.low not in W.MONTHS or (prev.low == "may" and not prev.text[0].isupper()):
        return False
    if num.scale != 1 or not 1 <= num.value <= 31:
        return False
    nxt = toks[num.end] if num.end < len(toks) else None
    if nxt is None or nxt.kind != "word":
        return True
    return not (nxt.low.endswith("s") or nxt.low in W.PLURALS_WITHOUT_S)
