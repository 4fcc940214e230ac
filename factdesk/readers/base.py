"""Provides the reader errors, hand-given metadata and the size and suffix limits; no UI here."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields


MAX_BYTES = 64 * 1024 * 1024
"""Largest article (file, or JSONL line) read; a 50 MB wire dump still fits."""

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")
READABLE_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES

STDIN = "-"

_BINARY_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (Word/Excel documents are ZIP)",
    b"\xd0\xcf\x11\xe0": "Office document",
    b"\x1f\x8b": "gzip archive",
    b"SQLite format 3": "SQLite database",
}
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
"""Preferred when charset-normalizer finds them as plausible as its best guess: the
single-byte text a newsroom meets is nearly always Windows-1252 or Latin-1."""
MAX_NON_ASCII_LETTERS = 0.3
"""Share of non-ASCII letters above which bytes are not taken for Windows-1252 text."""
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
MAX_CONTROL_SHARE = 0.01
"""Text with more control characters than this share is binary, whatever it decoded as."""

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                           re.DOTALL | re.MULTILINE)
_TAG_LIKE = re.compile(r"</?[A-Za-z!][^<>\n]{0,500}>")
_UNSAFE_HTML = "//script|//style|//iframe|//noscript|//object|//embed|//template|//frame|//frameset"




class ReadError(Exception):
    """An input that cannot be read; `str()` is the one line a journalist sees."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class ArticleMeta:
    """Metadata given by hand (CLI flags, the TUI's paste form); set fields win over the file's."""

    title: str | None = None
    source: str | None = None
    date: str | None = None
    url: str | None = None
    id: str | None = None

    @property
    def single_only(self) -> list[str]:
        """Set fields that only make sense for one article."""
        return [f for f in ("title", "url", "id") if getattr(self, f)]


def as_meta(meta: ArticleMeta | Mapping | None) -> ArticleMeta:
    """Accept an ArticleMeta, a plain dict of its fields, or None."""
    if meta is None:
        return ArticleMeta()
    if isinstance(meta, ArticleMeta):
        return meta
    names = {f.name for f in fields(ArticleMeta)}
    return ArticleMeta(**{k: (str(v) if v is not None else None) for k, v in meta.items() if k in names})


Warn = Callable[[str], None]


def _ignore(_: str) -> None:
    return None
