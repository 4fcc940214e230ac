"""Provides the thing counted (`what`) for a figure, read from the words around it; stdlib only.

A word-level heuristic, not a parser: the noun phrase after the number ("French troops"), an
outcome word ("killed", "dead or missing"), or a verb or noun before it ("killed six people",
"death toll of 26").
"""

from __future__ import annotations

from factdesk.figures import words as W
from factdesk.figures.tokens import (
    _DETERMINERS,
    _Found,
    _MONEY,
    _NOT_HEADS,
    _NUMBER_WORDS,
    _QUOTES,
    _Tok,
    _glued,
    _is_content,
)

def _np(toks: list[_Tok], k: int) -> tuple[list[_Tok], str | None, int]:
    """The noun phrase at toks[k] (up to four words) and an outcome word that ends it."""
    words: list[_Tok] = []
    n = len(toks)
    while k < n and len(words) < 4:
        t = toks[k]
        if t.text == "-" and not words and _glued(toks, k) and _glued(toks, k + 1):
            k += 1  # "a 10-day ceasefire"
            continue
        if t.kind != "word":
            break
        if t.low in W.OUTCOMES and (words or not _is_content(toks, k + 1)):
            out, k = _outcome(toks, k)
            return words, out, k
        if t.low in W.DROP:
            k += 1
            continue
        if t.low in W.STOP or t.low in _NUMBER_WORDS or "'" in t.text or "’" in t.text:
            break
        if t.text.islower() and t.low.endswith(("ed", "ing") if words else "ed") \
                and not _is_content(toks, k + 1):
            break  # a verb: "troops deployed in", "thousands fled"
        words.append(t)
        k += 1
    return words, None, k


def _plural_possessive(toks: list[_Tok], k: int) -> bool:
    """Whether toks[k] is a name with a glued apostrophe and a noun after it ("Cyclops' stock")."""
    return (k + 2 < len(toks) and toks[k].kind == "word" and toks[k + 1].text in ("'", "’")
            and _glued(toks, k + 1) and toks[k + 2].kind == "word")


def _outcome(toks: list[_Tok], k: int) -> tuple[str, int]:
    """Read "killed", "dead or missing", "unaccounted for" starting at toks[k]."""
    out = W.OUTCOMES[toks[k].low]
    k += 2 if out == "unaccounted for" and k + 1 < len(toks) and toks[k + 1].low == "for" else 1
    if k + 1 < len(toks) and toks[k].low in ("or", "and") and toks[k + 1].low in W.OUTCOMES:
        out, k = f"{out} {toks[k].low} {W.OUTCOMES[toks[k + 1].low]}", k + 2
    return out, k


def _plural(word: str) -> str:
    low = word.lower()
    if low in W.IRREGULAR_PLURALS:
        return W.IRREGULAR_PLURALS[low]
    if low.endswith("s") or not low.isalpha():
        return word
    if low.endswith("y") and low[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    return word + ("es" if low.endswith(("x", "ch", "sh")) else "s")


def _tail(text: str, toks: list[_Tok], k: int) -> str:
    """Words after a measure ("from the Niger border"), skipping a parenthesis like "(50 miles)"."""
    if k < len(toks) and toks[k].text == "(":
        close = next((m for m in range(k, min(len(toks), k + 8)) if toks[m].text == ")"), None)
        k = close + 1 if close is not None else k
    stop = {"and", "but", "or", "which", "who", "where", "when", "while", "as", "that", "said"}
    words = toks[k:k + 4]
    cut = next((m for m, t in enumerate(words) if t.kind != "word" or t.low in stop
                or t.low in W.AUX), len(words))
    if cut and words[0].low in W.METRE_CONTEXT:
        cut = 1  # "metres high", not "metres high hit the coast"
    while cut and words[cut - 1].low in W.STOP:
        cut -= 1  # "km section of the" → "km section"
    return text[words[0].start:words[cut - 1].end] if cut else ""


def _what(text: str, toks: list[_Tok], f: _Found, prev: tuple | None) -> tuple[str | None, list[str]]:
    """The thing counted, and the noun phrase to lend to a following "and 60 wounded"."""
    n, k, p, unit, value = len(toks), f.last, f.context, f.unit, f.value
    exact = f.low is None and f.high is None
    while k < n and toks[k].text in _QUOTES:
        k += 1
    if unit not in (None, "percent") and unit not in _MONEY:
        return " ".join(x for x in (f.unit_words, _tail(text, toks, k)) if x), []
    noun, out, k2 = _np(toks, k)
    if not noun and not out and k < n and (toks[k].low == "of" or (unit in _MONEY and toks[k].low == "in")):
        k += 1
        while k < n and (toks[k].low in _DETERMINERS or toks[k].low.endswith(("'s", "’s"))
                         or toks[k].kind == "num" or toks[k].text in _QUOTES or _plural_possessive(toks, k)):
            k += 1  # "of its troops", "of the 543 passengers", "of MUJAO's fighters", "of Cyclops' stock"
        noun, out, k2 = _np(toks, k)
    if unit is None and value != 1 and len(noun) == 1 and noun[0].text.islower() \
            and not noun[0].low.endswith("s") and noun[0].low not in W.PLURALS_WITHOUT_S:
        noun = []  # a count's noun is plural, so "26 rose" is a verb, not the thing counted
    if out is None:
        m = k2
        while m < n and toks[m].low in W.AUX and m - k2 < 4:
            m += 1
        if m < n and toks[m].low in W.OUTCOMES and toks[m].kind == "word":
            out, _ = _outcome(toks, m)
    before, b = None, p - 1
    if b >= 1 and toks[b].low == "of" and toks[b - 1].kind == "word":
        head = toks[b - 1].low
        if head in W.NOMINALS:
            before = W.NOMINALS[head]
        elif not noun and not out and head not in _NOT_HEADS:
            noun = [toks[b - 1]]
            if b >= 2 and _is_content(toks, b - 2) and toks[b - 2].low not in W.NOISE_NOUNS:
                noun.insert(0, toks[b - 2])  # "death toll of 26"
    elif b >= 0 and toks[b].low in W.OUTCOME_VERBS and not (noun and noun[-1].low in W.DURATIONS):
        # "drowned seven weeks ago": the verb's object came before; a duration is not its count.
        before = W.OUTCOME_VERBS[toks[b].low]
        if b >= 2 and toks[b - 1].low in ("or", "and") and toks[b - 2].low in W.OUTCOME_VERBS:
            before, b = f"{W.OUTCOME_VERBS[toks[b - 2].low]} {toks[b - 1].low} {before}", b - 2
        b -= 1
    names = [t.text for t in noun]
    if names and value == 1 and exact and noun[0].start > toks[p].start:
        names[-1] = _plural(names[-1])
    if not names and prev and b >= 0 and toks[b].low in ("and", "or", ",") \
            and p - prev[0] <= 8 and prev[2] == unit:
        names = prev[1]  # "11 of its troops were killed and 60 wounded"
    what = " ".join(x for x in (" ".join(names), out or before) if x)
    return what or None, names
