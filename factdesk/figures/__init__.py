"""Provides `find_figures`, which finds the numbers in news text and normalises them to `Figure`s.

It reads digits ("4,000", "9.8"), number words ("Fifty-one", "one hundred and twenty"),
scales ("3.2m", "10 mln", "£1bn"), vague amounts ("hundreds", "several hundred"), ranges
("between 50 and 80", "50-80"), percentages, money and units of measure, the hedge before a
number ("nearly", "at least") and, by a word-level heuristic, the thing counted ("French troops
deployed", "people killed").

It does not parse sentences: `what` comes from word lists, not from a parser, so it can be
wrong on unusual word order. It skips years, dates, clock times and labels ("Flight 103"),
and it never raises: text it cannot read simply yields no figure. Stdlib only.
"""

from __future__ import annotations

import math

from factdesk.figures import words as W
from factdesk.figures.tokens import (
    _Found,
    _HEDGES,
    _HEDGE_LEN,
    _METRES,
    _Num,
    _PENCE,
    _PERCENT,
    _STARTERS,
    _Tok,
    _UNITS,
    _UNIT_NAMES,
    _glued,
    _is_content,
    _tokens,
)
from factdesk.figures.not_figures import _excluded
from factdesk.figures.what import _what
from factdesk.models import Figure

__all__ = ["find_figures", "parse_number"]


def _word_value(tok: _Tok) -> tuple[str, float] | None:
    if tok.kind != "word":
        return None
    w = tok.low
    if "-" in w:  # "Fifty-one"; "two-thirds" and "10-year-old" are not counts
        tens, _, unit = w.partition("-")
        if tens in W.TENS and W.SMALL.get(unit, 0) in range(1, 10):
            return "small", W.TENS[tens] + W.SMALL[unit]
        return None
    for kind, table in (("small", W.SMALL), ("ten", W.TENS), ("mult", W.MULTIPLIERS), ("big", W.BIG)):
        if w in table:
            return kind, table[w]
    return {"a": ("a", 1), "an": ("a", 1), "half": ("half", 0.5), "and": ("and", 0)}.get(w)


def _number(toks: list[_Tok], i: int, money: bool) -> _Num | None:
    """Parse digits or number words starting at toks[i], with any scale after them."""
    total, cur, last, end, scale = 0.0, 0.0, None, i, 1.0
    for j in range(i, min(len(toks), i + 12)):
        tok = toks[j]
        if tok.kind == "num":
            if j != i:
                break
            cur, last, end = float(tok.text.replace(",", "")), "digits", j + 1
            continue
        kv = _word_value(tok)
        if kv is None:
            break
        kind, v = kv
        nxt = _word_value(toks[j + 1]) if j + 1 < len(toks) else None
        if kind == "a":  # only "a dozen", "a hundred", "half a million"
            if (j != i and last != "half") or not nxt or nxt[0] not in ("mult", "big") \
                    or toks[j + 1].low in W.GLUED_ONLY:
                break
            cur = v if last is None else 0.5
        elif kind == "half":
            if j != i or j + 1 >= len(toks) or toks[j + 1].low != "a":
                break
        elif kind == "and":
            if last not in ("mult", "big") or not nxt or nxt[0] not in ("small", "ten"):
                break
        elif kind == "small":
            if not (last in (None, "mult", "big", "and") or (last == "ten" and 0 < v < 10)):
                break
            cur += v
        elif kind == "ten":
            if last not in (None, "mult", "big", "and"):
                break
            cur += v
        elif kind == "mult":
            if last not in ("digits", "small", "ten", "a"):
                break
            cur *= v
        else:  # a closing scale: "thousand", "mln", "bn", glued "m"
            if last not in ("digits", "small", "ten", "mult", "a"):
                break
            if tok.low in W.GLUED_ONLY and not _glued_scale(toks, j, last, money):
                break
            total, cur, scale = total + cur * v, 0.0, v
        last = kind
        if kind not in ("a", "half", "and"):
            end = j + 1
    if last is None or end == i or not math.isfinite(total + cur):
        return None
    return _Num(float(f"{total + cur:.15g}"), end, scale)  # 4.1 * 1e6 is 4099999.9999999995


def _glued_scale(toks: list[_Tok], j: int, last: str, money: bool) -> bool:
    """Whether "m"/"k"/"b" glued to digits is a scale: "3.2m" is million, "a 150m drop" metres."""
    if last != "digits" or not _glued(toks, j):
        return False
    if money:
        return True
    if toks[j].low != "m":
        return False
    near = {t.low for t in toks[max(0, j - 3):j - 1]} | {t.low for t in toks[j + 1:j + 2]}
    return not near & W.METRE_CONTEXT


def _vague(toks: list[_Tok], i: int) -> tuple[float, float, float, int] | None:
    """Parse "hundreds", "tens of thousands", "several hundred", "a few" at toks[i]."""
    words = [t.low for t in toks[i:i + 4]]
    if words[:1] in (["tens"], ["hundreds"]) and words[1:2] == ["of"] \
            and words[2:3] in (["thousands"], ["millions"], ["billions"]):
        low = (10 if words[0] == "tens" else 100) * W.BIG[words[2].rstrip("s")]
        return low, low, low * 10 - 1, i + 3
    if words and words[0] in W.VAGUE_PLURALS:
        if words[0] == "scores" and words[1:2] != ["of"]:
            return None
        low, high = W.VAGUE_PLURALS[words[0]]
        return low, low, high, i + 1
    for phrase, (lo, hi) in W.VAGUE_COUNTS.items():
        n = len(phrase.split())
        if " ".join(words[:n]) != phrase:
            continue
        k = i + n
        scale = W.MULTIPLIERS.get(words[n] if len(words) > n else "") or \
            (W.BIG.get(toks[k].low) if k < len(toks) and toks[k].low not in W.GLUED_ONLY else None)
        if scale:
            return lo * scale, lo * scale, (hi + 1) * scale - 1, k + 1
        if not _is_content(toks, k):
            return None  # "a few of them", "several were"
        return lo, lo, hi, k
    return None


def _hedge(toks: list[_Tok], i: int) -> tuple[str | None, int]:
    """The hedge that ends just before toks[i], and the index where it starts."""
    for n in range(min(i, _HEDGE_LEN), 0, -1):
        words = tuple(t.low for t in toks[i - n:i])
        if words in _HEDGES:
            return " ".join(words), i - n
    return None, i


def _unit(text: str, pos: int, end: int, money: str | None) -> tuple[str | None, int, str]:
    """The unit written after a number ending at `pos`: (unit, end offset, unit words)."""
    m = (_PERCENT if money else _UNITS).match(text, pos, end)
    if m:
        unit = _UNIT_NAMES[int(m.lastgroup[1:])] if m.lastgroup else "percent"
        return unit, m.end(), m.group().strip()
    if money:
        return money, pos, ""
    m = _METRES.match(text, pos, end)
    if m:
        return "m", m.end(), "m"
    if _PENCE.match(text, pos, end):
        return "pence", pos + 1, "p"
    return None, pos, ""


def _quantity(text: str, toks: list[_Tok], i: int, end: int) -> tuple[int, _Found | None]:
    """Read the quantity whose number starts at toks[i]: (tokens to skip, what was found)."""
    tok, n = toks[i], len(toks)
    money, first = None, i
    if i and toks[i - 1].text in W.CURRENCY_SYMBOLS:  # "$5", "£1bn", and "US$5m", "C$10"
        money, first = W.CURRENCY_SYMBOLS[toks[i - 1].text], i - 1
        prefixed = toks[i - 2].text + toks[i - 1].text if i > 1 and _glued(toks, i - 1) else ""
        if prefixed in W.CURRENCY_SYMBOLS:
            money, first = W.CURRENCY_SYMBOLS[prefixed], i - 2
    hedge, p = _hedge(toks, first)
    vague = _vague(toks, i) if tok.kind == "word" else None
    if vague:
        value, low, high, j = vague
        num = _Num(value, j, 1.0)
    else:
        num = _number(toks, i, bool(money))
        if num is None:
            return 1, None
        low = high = None
    j = num.end
    if not vague and j < n:
        low, high, j = _range(toks, i, num, p, bool(money))
        if low is None and _score(toks, j):
            return j + 2 - i, None  # "3-1", "555-1234", "1990-1995": not a quantity
    unit, stop, unit_words = _unit(text, toks[j - 1].end, end, money)
    skip = 0 if vague else _excluded(text, toks, i, num, unit, p)
    if skip:
        return max(skip, j - i), None  # "January 11-12" goes as a whole
    if low is not None and not vague:
        num = num._replace(value=low)
    last = j
    while last < n and toks[last].start < stop:
        last += 1
    if p and toks[p - 1].low == "between":
        p -= 1
    if hedge is None and last + 1 < n and (toks[last].low, toks[last + 1].low) in W.SUFFIX_HEDGES:
        hedge = W.SUFFIX_HEDGES[(toks[last].low, toks[last + 1].low)]
    found = _Found(num.value, toks[first].start, stop, low, high, hedge, unit, unit_words, p, last)
    return last - i, found


def _score(toks: list[_Tok], j: int) -> bool:
    """Whether toks[j-1:j+2] is digits-hyphen-digits that is not a rising range."""
    if j + 1 >= len(toks) or toks[j].text not in ("-", "–") or toks[j + 1].kind != "num":
        return False
    return toks[j - 1].kind == "num" and _glued(toks, j) and _glued(toks, j + 1)


def _range(toks: list[_Tok], i: int, num: _Num, p: int, money: bool):
    """The low, high and end index of a range starting with `num` ("50-80", "between 50 and 80")."""
    j, n = num.end, len(toks)
    word = toks[j].low
    between = p > 0 and toks[p - 1].low == "between"
    ok = (between and word == "and") or word in ("-", "–", "or") \
        or (word == "to" and not (p > 0 and toks[p - 1].low == "from"))
    k = j + 1
    if k < n and toks[k].text in W.CURRENCY_SYMBOLS:
        k += 1
    second = _number(toks, k, money) if ok and k < n else None
    if second is None:
        return None, None, j
    if word in ("-", "–") and toks[i].text.isdigit() and toks[k].text.isdigit() \
            and len(toks[i].text) >= 3 and len(toks[k].text) >= 4:
        return None, None, j  # "555-1234", "1990-1995"
    low = num.value * second.scale if num.scale == 1 and num.value < second.value / second.scale \
        else num.value
    if low < second.value:
        return low, second.value, second.end
    return None, None, j


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Figures in text[start:end], offsets absolute into `text`, in text order.

    Args:
        text: The article text.
        start: Where to start looking (a claim's content start, say).
        end: Where to stop looking; None for the end of the text.

    Returns:
        One `Figure` per quantity; its span covers the number, any currency sign and unit
        ("£1bn", "40 per cent") but not the hedge or the thing counted.
    """
    if not isinstance(text, str):
        return []
    start, end, _ = slice(start, end).indices(len(text))
    toks = _tokens(text, start, end)
    figures: list[Figure] = []
    prev = None
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.kind == "punct" or (tok.kind == "word" and tok.low.partition("-")[0] not in _STARTERS):
            i += 1  # cheap pre-check: most words cannot start a number
            continue
        skip, f = _quantity(text, toks, i, end)
        if f:
            what, names = _what(text, toks, f, prev)
            low, high = (None if x is None else float(x) for x in (f.low, f.high))
            figures.append(Figure(value=float(f.value), start=f.start, end=f.end,
                                  text=text[f.start:f.end], low=low, high=high,
                                  hedge=f.hedge, what=what, unit=f.unit))
            prev = (f.last, names, f.unit) if names else None
        i += max(skip, 1)
    return figures


def parse_number(words: str) -> float | None:
    """The value of a number written alone: "4,000", "Fifty-one", "3.2m", "£1bn", "two dozen".

    A vague amount gives its low bound ("hundreds" → 100). Anything else, including a number
    with other words around it, gives None.
    """
    toks = _tokens(words, 0, len(words)) if isinstance(words, str) else []
    i = 1 if toks and toks[0].text in W.CURRENCY_SYMBOLS else 0
    if i >= len(toks):
        return None
    vague = _vague(toks, i)
    if vague:
        return float(vague[0]) if vague[3] == len(toks) else None
    num = _number(toks, i, money=i == 1)
    return num.value if num and num.end == len(toks) else None
