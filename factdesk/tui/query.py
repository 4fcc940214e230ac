"""Provides the claims search line: `status:false speaker:"Le Drian" has:figures troops`.

No widgets here. One line of text is the single source of truth for the Claims screen's
filter and sort: typing it, or pressing a quick key that rewrites one token, give the same
`ClaimFilter`, so what you see in the search box is always what the table shows.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, replace

from factdesk.models import CLAIM_KINDS, STATUSES
from factdesk.storage import SORTS, ClaimFilter

KEYS = ("status", "speaker", "kind", "article", "sort", "has", "is")
"""Token prefixes the line understands; anything else is free-text search."""


@dataclass(frozen=True)
class ClaimQuery:
    """A parsed search line."""

    filter: ClaimFilter = ClaimFilter()
    sort: str = "newest"
    problems: tuple[str, ...] = ()
    """Tokens that were not understood (shown, not fatal)."""


def _split(line: str) -> list[str]:
    try:
        return shlex.split(line)
    except ValueError:  # an unbalanced quote while typing
        return line.replace('"', " ").split()


def parse(line: str) -> ClaimQuery:
    """Parse a search line into a filter and a sort order."""
    flt, sort, words, problems = ClaimFilter(), "newest", [], []
    for token in _split(line or ""):
        key, sep, value = token.partition(":")
        key = key.lower()
        if not sep or key not in KEYS:
            words.append(token)
            continue
        if key == "status" and value.lower() in STATUSES:
            flt = replace(flt, status=value.lower())
        elif key == "kind" and value.lower() in CLAIM_KINDS:
            flt = replace(flt, kind=value.lower())
        elif key == "speaker" and value:
            flt = replace(flt, speaker=value)
        elif key == "article" and value:
            flt = replace(flt, article=value)
        elif key == "sort" and value.lower() in SORTS:
            sort = value.lower()
        elif key == "has" and value.lower() in ("figures", "figure"):
            flt = replace(flt, has_figures=True)
        elif key == "is" and value.lower() in ("flagged", "flag"):
            flt = replace(flt, flagged=True)
        else:
            problems.append(token)
    if words:
        flt = replace(flt, search=" ".join(words))
    return ClaimQuery(flt, sort, tuple(problems))


def _quote(value: str) -> str:
    return f'"{value}"' if (" " in value or not value) else value


def _requote(token: str) -> str:
    key, sep, value = token.partition(":")
    if sep and key.lower() in KEYS:
        return f"{key}:{_quote(value)}"
    return _quote(token) if " " in token else token


def set_token(line: str, key: str, value: str | None) -> str:
    """The line with its `key:` token replaced by `key:value` (removed when value is None)."""
    kept = [t for t in _split(line or "") if t.partition(":")[0].lower() != key]
    kept = [_requote(t) for t in kept]
    if value is not None:
        kept.append(f"{key}:{_quote(value)}")
    return " ".join(kept)


def cycle(current: str | None, options: tuple[str, ...]) -> str | None:
    """The next option after `current`, then None (no filter), then the first again."""
    if current is None:
        return options[0]
    i = options.index(current) if current in options else -1
    return options[i + 1] if i + 1 < len(options) else None
