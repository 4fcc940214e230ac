"""Provides safe, styled rich Text for article and claim text (no widgets, no storage).

Article text is untrusted: every piece shown goes through `clean` (terminal control and
escape sequences removed) and is appended to `rich.text.Text` objects, never interpolated
into markup, so "[bold]" in an article is shown as written.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from rich.text import Text

from factdesk.models import StoredClaim

try:  # the shared helper, owned by the CLI engineer
    from factdesk.textsafe import clean_for_terminal as _shared_clean
except ImportError:  # pragma: no cover - until textsafe lands
    _shared_clean = None

_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")

STATUS_STYLES = {
    "unverified": "on #3a3a1a",
    "verified": "on #1f4d2b",
    "false": "on #6b1f1f",
    "misleading": "on #6b4a1f",
    "disputed": "on #4d2b5e",
    "unverifiable": "on #3a3a3a",
}
"""Background of a claim's text by review status (readable on dark and light themes)."""

STATUS_LABEL_STYLES = {
    "unverified": "bold yellow",
    "verified": "bold green",
    "false": "bold red",
    "misleading": "bold dark_orange",
    "disputed": "bold magenta",
    "unverifiable": "bold grey62",
}
"""Foreground for a status word in tables and panels."""

KIND_STYLES = {
    "direct": "bold",
    "indirect": "italic",
    "mixed": "bold italic",
    "unattributed": "underline",
    "imported": "",
}
"""How a claim's attribution kind shows: direct quotes bold, reported speech italic."""

STATUS_MARKS = {
    "unverified": "·",
    "verified": "✓",
    "false": "✗",
    "misleading": "~",
    "disputed": "?",
    "unverifiable": "∅",
}
"""One-character marks for statuses, the same the narrow key bar uses (v✓ f✗ i~ d? u∅ 0·)."""

STATUS_SHORT = {
    "unverified": "unver",
    "verified": "verif",
    "false": "false",
    "misleading": "misl.",
    "disputed": "disp.",
    "unverifiable": "can't",
}
"""Five-letter status words for narrow tables."""

KIND_LETTERS = {"direct": "d", "indirect": "i", "mixed": "m", "unattributed": "u", "imported": "+"}
"""One-letter attribution kinds for narrow tables."""

QUOTE_MARKS = ' "“”'
"""Stripped from a direct quote's ends before it is shown in curly quotes."""

FIGURE_STYLE = "bold yellow"
"""Figures inside a claim's text in tables (the figures column shows at wide widths only)."""

SELECTED_STYLE = "reverse"
RELATION_LABELS = {
    "updated_figure": "updated figure",
    "contradiction": "contradiction",
    "repeat": "repeat",
    "related": "related",
}


def _local_clean(text: str) -> str:
    text = _ANSI.sub("", text)
    # Keep newlines and tabs; drop every other control and format character (bidi overrides too).
    return "".join(
        ch for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
    )


def clean(text: str | None) -> str:
    """Article or user text with terminal control and escape sequences removed."""
    if not text:
        return ""
    if _shared_clean is not None:
        return _shared_clean(text)
    return _local_clean(text)


STATUS_WIDTH = max(map(len, STATUS_LABEL_STYLES))
"""Cells a status column needs to write every status in full."""


def status_text(status: str, width: int | None = None) -> Text:
    """A status word in its colour; in a column narrower than STATUS_WIDTH, its mark and a
    short word ("✓ verif")."""
    style = STATUS_LABEL_STYLES.get(status, "")
    if width is None or width >= STATUS_WIDTH:
        return Text(status, style=style)
    mark = STATUS_MARKS.get(status, "")
    return Text(f"{mark} {STATUS_SHORT.get(status, status)}" if width > 2 else mark, style=style)


def claim_line(claim: StoredClaim, width: int = 300) -> Text:
    """A claim's text on one line for a table: styled by kind, direct quotes in quote marks,
    and its figures highlighted (so no figures column is needed at narrow widths)."""
    body = short(claim.text, width)
    if claim.kind == "direct":
        body = "“" + body.strip(QUOTE_MARKS) + "”"
    out = Text(body, style=KIND_STYLES.get(claim.kind, ""))
    lowered = body.lower()
    for figure in claim.figures:
        words = short(figure.text, 60).lower()
        at = lowered.find(words) if words else -1
        if at >= 0:
            out.stylize(FIGURE_STYLE, at, at + len(words))
    return out


SHORT_DATE_WIDTH = 6
"""A date column this narrow shows " 6 Feb" instead of 2013-02-06."""


def _day(iso: str, width: int) -> str:
    day = clean(iso)[:10]
    if width > SHORT_DATE_WIDTH:
        return day
    try:
        return f"{int(day[8:10]):>2} {MONTHS[int(day[5:7]) - 1]}"
    except (ValueError, IndexError):
        return day


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_cell(published: str | None, ingested: str | None = None, width: int = 10) -> Text:
    """A published date (YYYY-MM-DD, or " 6 Feb" when `width` is SHORT_DATE_WIDTH); without
    one, the date the article was ingested, dimmed."""
    if published:
        return Text(_day(published, width))
    if ingested:
        return Text(_day(ingested, width), style="dim italic")
    return Text("—", style="dim")


def short(text: str | None, width: int = 80) -> str:
    """Cleaned text on one line, cut to `width` characters with an ellipsis."""
    one_line = " ".join(clean(text).split())
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the article's paragraphs (blank-line separated), in order."""
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n", text):
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def speaker_label(claim: StoredClaim) -> str:
    return clean(claim.speaker_name) if claim.speaker_name else "unattributed"


def render_paragraph(text: str, span: tuple[int, int], claims: list[StoredClaim],
                     selected: int | None) -> Text:
    """One paragraph with each claim's content highlighted and its speaker labelled.

    Args:
        text: the whole article text (offsets are into it).
        span: the paragraph's (start, end).
        claims: the article's claims, in text order.
        selected: id of the selected claim, shown reversed.
    """
    p_start, p_end = span
    pieces: list[tuple[int, int, StoredClaim]] = []
    for claim in claims:
        for start, end in claim.content:
            s, e = max(start, p_start), min(end, p_end)
            if s < e:
                pieces.append((s, e, claim))
    pieces.sort(key=lambda p: p[0])
    out = Text()
    pos = p_start
    labelled: set[int] = set()
    for start, end, claim in pieces:
        if start < pos:  # overlapping claims: the earlier one keeps the characters
            start = pos
            if start >= end:
                continue
        out.append(clean(text[pos:start]))
        if claim.id not in labelled:
            labelled.add(claim.id)
            label_style = STATUS_LABEL_STYLES.get(claim.status, "")
            out.append(f"⟨{speaker_label(claim)}⟩", style=f"{label_style} dim" if claim.id != selected
                       else f"{label_style} reverse")
            out.append(" ")
        style = f"{STATUS_STYLES.get(claim.status, '')} {KIND_STYLES.get(claim.kind, '')}"
        if claim.id == selected:
            style += f" {SELECTED_STYLE}"
        out.append(clean(text[start:end]), style=style.strip())
        pos = end
    out.append(clean(text[pos:p_end]))
    return out


def word_diff(old: str, new: str) -> tuple[Text, Text]:
    """Two texts with the words that differ highlighted (difflib over words).

    Numbers and words only in `old` are shown struck red, those only in `new` green.
    """
    old_words, new_words = clean(old).split(), clean(new).split()
    left, right = Text(), Text()
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        old_chunk, new_chunk = " ".join(old_words[a1:a2]), " ".join(new_words[b1:b2])
        if op == "equal":
            left.append(old_chunk + " ")
            right.append(new_chunk + " ")
            continue
        if old_chunk:
            left.append(old_chunk, style="bold white on dark_red")
            left.append(" ")
        if new_chunk:
            right.append(new_chunk, style="bold black on green")
            right.append(" ")
    left.rstrip()
    right.rstrip()
    return left, right


def plain(text: str | None, width: int = 80) -> Text:
    """A table cell: cleaned, one line, cut to `width`, and never parsed as markup.

    DataTable parses a plain `str` cell as Rich markup, so article text must go in as Text.
    """
    return Text(short(text, width) or "—")
