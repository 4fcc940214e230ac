"""Provides the text hygiene every report format shares: control characters out, whitespace tidy; no UI here.

Builds on the shared `factdesk.textsafe.clean_for_terminal`. Articles, notes and evidence URLs
are untrusted: whatever the format, a report must not carry terminal escape sequences
(`\\x1b[31m`), other C0/C1 controls, or bidi overrides (U+202E makes "gpj.exe" read as
"exe.jpg") into a file someone opens later.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from factdesk.textsafe import clean_for_terminal

_EXTRA_INVISIBLE = re.compile("[\u061c\u200e\u200f\ufff9-\ufffb]")
"""Direction marks and annotation controls, which `clean_for_terminal` leaves in; a report drops them too."""

_SPACES = re.compile(r"\s+")

LINKABLE_SCHEMES = ("http", "https")
"""Only these URLs become links; anything else (javascript:, data:, file:) is shown as text."""


def clean(text: object) -> str:
    """Text without escape sequences or control/bidi characters; None becomes ""."""
    if text is None:
        return ""
    return _EXTRA_INVISIBLE.sub("", clean_for_terminal(str(text)))


def one_line(text: object) -> str:
    """Cleaned text with every run of whitespace (newlines included) collapsed to one space."""
    return _SPACES.sub(" ", clean(text)).strip()


def is_linkable(url: str | None) -> bool:
    """Whether a URL is http(s) with a host, so it is safe to make clickable."""
    if not url:
        return False
    try:
        parts = urlsplit(one_line(url))
    except ValueError:
        return False
    return parts.scheme.lower() in LINKABLE_SCHEMES and bool(parts.netloc)
