"""Provides article metadata: dates normalised to ISO (or dropped with a warning) and the Article built from text and metadata; no UI here."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from factdesk.models import Article
from factdesk.readers.base import ArticleMeta, Warn, _ignore

def normalise_date(value: object, name: str = "", warn: Warn = _ignore) -> str | None:
    """A date as ISO 8601 ("2013-02-10" or "2013-02-10T14:00:00+00:00"), or None.

    Accepts ISO dates and datetimes, RFC 2822 ("Sun, 10 Feb 2013 14:00:00 +0000", as HTML
    meta tags and feeds give them) and "10 February 2013" / "February 10, 2013". Anything
    else ("31/31/2099", "yesterday") is dropped with a warning rather than stored, because
    a stored date is sorted and compared as ISO text.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    s = str(value).strip()
    for parse in (_iso, _rfc2822, _long_form):
        parsed = parse(s)
        if parsed is not None:
            return parsed
    warn(f"{name}: date {s[:40]!r} not understood; stored without a date")
    return None


def _iso(s: str) -> str | None:
    try:
        return date.fromisoformat(s).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return None


def _rfc2822(s: str) -> str | None:
    try:
        return parsedate_to_datetime(s).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _long_form(s: str) -> str | None:
    for fmt in ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%B %d %Y"):
        try:
            return datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def make_article(text: str, path: str, meta: Mapping, overrides: ArticleMeta,
                 default_id: str | None, warn: Warn = _ignore) -> Article:
    """An Article from text plus metadata found in the file, hand-given values winning.

    External id: --id, else the file's own id (JSONL "id", front matter id), else `default_id`.
    """
    get = lambda key: _str_or_none(getattr(overrides, key)) or _str_or_none(meta.get(key))  # noqa: E731
    raw_date = overrides.date or meta.get("date") or meta.get("published")
    return Article(
        text=text,
        external_id=get("id") or default_id,
        title=get("title"),
        source=get("source"),
        url=get("url"),
        published=normalise_date(raw_date, path, warn),
        path=path,
    )
