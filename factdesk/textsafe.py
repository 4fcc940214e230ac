"""Provides making untrusted article text safe to show in a terminal or a spreadsheet; no UI here.

Articles come from anywhere. A story scraped from the web can carry ANSI escape sequences
that recolour or rewrite the reviewer's terminal, bidi overrides that make a quote read
backwards, or zero-width characters that hide text; a CSV cell starting with "=" runs as a
formula when a colleague opens the export. These helpers remove those powers and nothing else.
"""

from __future__ import annotations

import re

_ESCAPE_SEQUENCES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                      # CSI: colours, cursor moves, clear screen
    | \x9b[0-?]*[ -/]*[@-~]                      # CSI, 8-bit form
    | (?:\x1b\]|\x9d) .*? (?:\x07|\x1b\\|\x9c|$) # OSC: window title, hyperlinks, clipboard
    | (?:\x1bP|\x90|\x1b[X^_]|[\x98\x9e\x9f])
      .*? (?:\x1b\\|\x9c|$)                      # DCS, SOS, PM, APC strings
    | \x1b[ -/]*[0-~]?                           # any other escape (two- or three-byte)
    """,
    re.VERBOSE | re.DOTALL,
)

_INVISIBLE = re.compile(
    "["
    "\x00-\x08\x0b-\x1f\x7f"      # C0 controls and DEL, keeping \t and \n
    "\x80-\x9f"                   # C1 controls
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\u200b-\u200d\u2060\ufeff"   # zero-width space/joiners, word joiner, BOM
    "]"
)

CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet treats a cell starting with one of these as a formula (OWASP CSV injection)."""


def clean_for_terminal(s: str | None) -> str:
    """Remove escape sequences and invisible or control characters from text to be displayed.

    Keeps newlines and tabs; a lone carriage return (which would let a line overwrite itself)
    is dropped like any other control character.

    Args:
        s: untrusted text; None gives "".

    Returns:
        The text with ANSI CSI/OSC/DCS sequences, C0/C1 controls, bidi overrides/isolates
        and zero-width characters removed.
    """
    if not s:
        return ""
    return _INVISIBLE.sub("", _ESCAPE_SEQUENCES.sub("", s))


def guard_csv_cell(s: object) -> object:
    """Make a CSV cell inert for spreadsheets by prefixing a formula-like string with a quote.

    Args:
        s: the cell value; non-strings (numbers, None) are returned unchanged, so a
            negative figure stays a number.

    Returns:
        The value, with `'` in front when it is a string starting with =, +, -, @, tab or CR.
    """
    if isinstance(s, str) and s.startswith(CSV_FORMULA_STARTS):
        return "'" + s
    return s


def mask_controls(s: str) -> str:
    """Blank out escape sequences and invisible characters, keeping every offset.

    The parser and the figure reader see spaces where a terminal would have seen commands
    ("\\x1b[5m" is not "5m", five million), while spans still index the stored text exactly.
    """
    if not s:
        return s or ""
    s = _ESCAPE_SEQUENCES.sub(lambda m: " " * len(m.group()), s)
    return _INVISIBLE.sub(" ", s)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]")


def json_line(obj: object) -> str:
    """One line of JSON, UTF-8 kept readable, with terminal-active characters \\u-escaped.

    json.dumps already escapes C0 controls (ESC included); this also escapes DEL, C1 controls,
    line/paragraph separators, bidi overrides and zero-width characters, so `factdesk claims
    --format jsonl` is safe to print and still parses back to the exact text.
    """
    import json  # stdlib; kept local so importing textsafe stays cheap

    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(obj, ensure_ascii=False))
