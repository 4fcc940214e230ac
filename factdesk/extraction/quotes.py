"""Provides quote-mark pairing over raw text, paragraph by paragraph; no spaCy.

Quotes are paired inside one paragraph only, so one stray mark can never pair two
quotes across an article. The journalistic convention for long quotes is kept: a
paragraph that opens a quote without closing it is continued by the next paragraph
when that paragraph opens with a quote mark (`Quote.continues` marks the second part).
"""

from __future__ import annotations

from dataclasses import dataclass

DOUBLE_OPEN = {"\u201c", "\u201e", "\u00ab", "``"}
DOUBLE_CLOSE = {"\u201d", "\u00bb"}
DOUBLE_AMBIG = {'"', "''"}
SINGLE_OPEN = {"\u2018", "\u2039", "`"}
SINGLE_CLOSE = {"\u203a"}
SINGLE_AMBIG = {"'", "\u2019"}
QUOTE_CHARS = frozenset("\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u2039\u203a\"'`")


@dataclass(frozen=True)
class Quote:
    """One paired (or paragraph-closed) quotation, as character offsets."""

    start: int
    """Offset of the opening mark."""
    end: int
    """Offset just after the closing mark, or the paragraph's end when unclosed."""
    closed: bool
    """False when the paragraph ended before a closing mark."""
    continues: bool = False
    """True when this quote continues an unclosed quote of the previous paragraph."""
    para: int = 0
    """Index of the paragraph (line) holding the quote."""


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return `(start, end)` of each non-blank line, whitespace-trimmed."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            out.append((start, start + len(stripped)))
        pos += len(line)
    return out


def _marks(text: str, start: int, end: int):
    """Yield `(offset, length, family, role)` for each quote mark in a paragraph."""
    i = start
    while i < end:
        ch = text[i]
        if ch not in QUOTE_CHARS:
            i += 1
            continue
        two = text[i:i + 2]
        if two in ("``", "''"):
            mark, length = two, 2
        else:
            mark, length = ch, 1
        before = text[i - 1] if i > start else " "
        after = text[i + length] if i + length < end else " "
        if mark in DOUBLE_OPEN:
            yield i, length, "d", "open"
        elif mark in DOUBLE_CLOSE:
            yield i, length, "d", "close"
        elif mark in DOUBLE_AMBIG:
            yield i, length, "d", _guess(before, after)
        elif mark in SINGLE_OPEN:
            yield i, length, "s", "open"
        elif mark in SINGLE_CLOSE:
            yield i, length, "s", "close"
        elif mark in SINGLE_AMBIG:
            # An apostrophe between letters/digits ("don't", "Trump's", "'90s") is no quote.
            if not (before.isalnum() and after.isalnum()) and not (after.isdigit() and before.isspace()):
                role = _guess(before, after)
                if role == "close" and before in "sS" and (after.isspace() or after in ",.;"):
                    role = "maybe_close"  # plural possessive ("the players' union")
                yield i, length, "s", role
        i += length


def _guess(before: str, after: str) -> str:
    if before.isspace() or before in "([{\u2014\u2013-/":
        return "open" if not after.isspace() else "ambig"
    if after.isspace() or after in ".,;:!?)]}\u2014\u2013-":
        return "close"
    return "ambig"


def find_quotes(text: str) -> list[Quote]:
    """Pair quote marks paragraph by paragraph.

    Args:
        text: The article text.

    Returns:
        Quotes in text order; unclosed ones end at their paragraph's end.
    """
    quotes: list[Quote] = []
    carried = False  # the previous paragraph left a double quote open
    for n, (pstart, pend) in enumerate(paragraphs(text)):
        open_d: int | None = None
        open_s: int | None = None
        first = True
        continues = False
        had_double = False
        for pos, length, family, role in _marks(text, pstart, pend):
            if family == "d":
                had_double = True
                if open_d is None:
                    if role == "close" and first and carried:
                        # continuation paragraph without its opening mark
                        quotes.append(Quote(pstart, pos + length, True, True, n))
                    elif role in ("open", "ambig"):
                        open_d = pos
                        continues = first and carried and pos == pstart
                    open_s = None
                else:
                    before = text[pos - 1] if pos > pstart else " "
                    after = text[pos + length] if pos + length < pend else " "
                    if role == "open" and _guess(before, after) == "close":
                        role = "close"  # German „...“ closes with the English opener
                    if role in ("close", "ambig"):
                        quotes.append(Quote(open_d, pos + length, True, continues, n))
                        open_d = None
                        continues = False
                    # a second opener while open: the first was never closed; restart here
                    elif role == "open":
                        quotes.append(Quote(open_d, pos, False, continues, n))
                        open_d = pos
                        continues = False
                first = False
            else:
                if open_d is not None:
                    continue  # nested single quotes stay inside the double quote
                if open_s is None:
                    if role == "open":
                        open_s = pos
                elif role in ("close", "maybe_close", "ambig"):
                    if not had_double:
                        quotes.append(Quote(open_s, pos + length, True, False, n))
                    open_s = None
        if open_d is not None:
            end = pend
            quotes.append(Quote(open_d, end, False, continues, n))
            carried = True
        else:
            carried = False
    quotes.sort(key=lambda q: q.start)
    return quotes


def inside(quotes: list[Quote], start: int, end: int) -> bool:
    """Return True when `[start, end)` lies within one quote (marks included)."""
    return any(q.start <= start and end <= q.end for q in quotes)
