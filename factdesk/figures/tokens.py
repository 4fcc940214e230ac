"""Provides the tokens and shared tables that the figure reader works over; no I/O, stdlib only."""

from __future__ import annotations

import re
from typing import NamedTuple

from factdesk.figures import words as W

# One pass over the text with no nested quantifiers, so a 200 KB run of digits and commas is linear.
_TOKEN = re.compile(
    r"(\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)|([^\W\d_]+(?:['’\-][^\W\d_]+)*)|(\S)"
)
_AFTER = r"(?![^\W_])"
_PERCENT = re.compile(rf"\s?(?:%|(?:\s*(?:{W.PERCENT})){_AFTER})", re.I)
_UNIT_NAMES = ["percent"] + [u for _, u in W.CURRENCY_WORDS + W.MEASURES]
# One alternation, tried in table order; each branch checks its own word end so a miss falls through.
_UNITS = re.compile(r"\s?%|\s*(?:" + "|".join(
    f"(?P<u{n}>(?:{p}){_AFTER})" for n, p in enumerate([W.PERCENT] + [p for p, _ in W.CURRENCY_WORDS + W.MEASURES])
) + ")", re.I)
_METRES = re.compile(rf"\s?m{_AFTER}(?!\.\w)")
_PENCE = re.compile(rf"p{_AFTER}")
_TIME = re.compile(rf"(?i:\s?[ap]\.?m\b\.?)|\s(?:{W.TIME_ZONES})\b")
_GLUE_OK = {"m", "k", "b", "bn", "mn", "mln", "bln", "tn", "p", "km", "kms", "kg", "ft",
            "cm", "mm", "mph", "pc", "pct", "bpd", "lb", "lbs", "oz"}
_QUOTES = set("\"'“”‘’«»")
_DETERMINERS = {"the", "its", "their", "his", "her", "our", "those", "these", "this", "that"}
_MONEY = {u for _, u in W.CURRENCY_WORDS} | set(W.CURRENCY_SYMBOLS.values())
_HEDGES = {tuple(h.split()) for h in W.HEDGES}
_HEDGE_LEN = max(map(len, _HEDGES))
_NUMBER_WORDS = W.SMALL.keys() | W.TENS.keys() | W.MULTIPLIERS.keys() | W.BIG.keys()
_STARTERS = _NUMBER_WORDS | W.VAGUE_PLURALS.keys() | {"a", "an", "half", "several", "tens"}
_NOT_NAMES = (W.STOP | W.DROP | W.OUTCOME_VERBS.keys() | _NUMBER_WORDS
              | {w for h in _HEDGES for w in h} | {"exactly", "including", "totalling", "between"})
_NOT_HEADS = W.STOP | W.NOISE_NOUNS | _NUMBER_WORDS


class _Found(NamedTuple):
    """A quantity read from the tokens, before its `what` is known."""

    value: float
    start: int
    end: int
    low: float | None
    high: float | None
    hedge: str | None
    unit: str | None
    unit_words: str
    """The unit as written ("kilometres"), which starts `what` for a measure."""
    context: int
    """Token index where the words before the number start (hedge, "between", currency sign)."""
    last: int
    """Token index just past the quantity."""


class _Tok(NamedTuple):
    text: str
    low: str
    start: int
    end: int
    kind: str
    """"num", "word" or "punct"."""


class _Num(NamedTuple):
    value: float
    end: int
    """Token index just past the number."""
    scale: float
    """The closing scale applied ("mln" → 1e6), or 1."""


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text, start, end):
        kind = "num" if m.group(1) else "word" if m.group(2) else "punct"
        out.append(_Tok(m.group(), m.group().lower(), m.start(), m.end(), kind))
    return out


def _glued(toks: list[_Tok], i: int) -> bool:
    """Whether toks[i] touches the token before it ("3.2m", "£1bn")."""
    return 0 < i < len(toks) and toks[i].start == toks[i - 1].end


def _is_content(toks: list[_Tok], k: int) -> bool:
    """Whether toks[k] is a word that could belong to a noun phrase."""
    return k < len(toks) and toks[k].kind == "word" and toks[k].low not in W.STOP
