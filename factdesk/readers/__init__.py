"""Provides reading articles from files, folders and stdin as a stream of `Article`s; no UI here.

Formats: .txt, .md (optional YAML front matter), .html/.htm (main text via trafilatura),
.jsonl / .jsonl.gz (one article per line). Bytes are decoded here and nothing else is changed:
claim offsets index `Article.text` exactly, newlines included ("\r\n" stays "\r\n").

A problem with one input never stops the stream: `iter_articles` yields a `ReadError` in its
place and carries on, so the caller can report it and ingest the rest.
"""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from factdesk.models import Article
from factdesk.readers.base import (
    JSONL_SUFFIXES,
    MAX_BYTES,
    READABLE_SUFFIXES,
    STDIN,
    ArticleMeta,
    ReadError,
    Warn,
    _ignore,
    as_meta,
)
from factdesk.readers.decoding import decode_bytes, read_bytes
from factdesk.readers.formats import read_file, read_jsonl, read_stdin, suffix_of
from factdesk.readers.metadata import make_article, normalise_date

__all__ = [
    "MAX_BYTES", "READABLE_SUFFIXES", "STDIN", "ArticleMeta", "ReadError", "as_meta",
    "count_articles", "decode_bytes", "expand_paths", "is_single", "iter_articles",
    "make_article", "normalise_date", "read_bytes", "read_file", "read_jsonl", "read_stdin",
]


def _folder_files(folder: Path) -> list[Path]:
    """Readable files under a folder, recursively, in a stable order; hidden entries skipped."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            p = Path(root) / f
            if not f.startswith(".") and suffix_of(p) in READABLE_SUFFIXES:
                found.append(p)
    return found


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[str, Path | None] | ReadError]:
    """(name for messages, file path) per input file; None path for stdin; ReadErrors in place."""
    for raw in paths:
        raw = str(raw)
        if raw == STDIN:
            yield raw, None
            continue
        p = Path(raw)
        if p.is_dir():
            files = _folder_files(p)
            if not files:
                yield ReadError(raw, f"no readable files in folder (looked for {', '.join(READABLE_SUFFIXES)})")
            for f in files:
                yield str(f), f
        elif p.exists():
            yield raw, p
        else:
            yield ReadError(raw, "no such file or directory")


def iter_articles(paths: Iterable[str], overrides: ArticleMeta | Mapping | None = None,
                  warn: Warn = _ignore, stdin: io.BufferedIOBase | None = None,
                  ) -> Iterator[Article | ReadError]:
    """Every article in the given files, folders and "-" (stdin), lazily, in order.

    Args:
        overrides: hand-given metadata applied to every article (callers allow title,
            url and id only when there is one article: see `ArticleMeta.single_only`).
        warn: called with one line for each non-fatal oddity (an unparseable date).
        stdin: the binary stream "-" reads (default: sys.stdin.buffer).

    Yields:
        An Article per article read, or a ReadError per input that could not be read.
    """
    meta = as_meta(overrides)
    for item in expand_paths(paths):
        if isinstance(item, ReadError):
            yield item
            continue
        name, path = item
        try:
            if path is None:
                import sys

                yield read_stdin(stdin or sys.stdin.buffer, meta, warn)
            elif suffix_of(path) in JSONL_SUFFIXES:
                yield from read_jsonl(path, name, meta, warn)
            else:
                yield read_file(path, name, meta, warn)
        except ReadError as err:
            yield err


def is_single(paths: list[str]) -> bool:
    """True when the inputs can hold only one article (one non-JSONL file or stdin)."""
    if len(paths) != 1:
        return False
    p = Path(paths[0])
    return paths[0] == STDIN or (not p.is_dir() and suffix_of(p) not in JSONL_SUFFIXES)


def count_articles(paths: list[str]) -> int:
    """How many articles the inputs hold (JSONL lines counted without parsing), for a progress bar."""
    total = 0
    for item in expand_paths(paths):
        if isinstance(item, ReadError) or item[1] is None:
            total += 1
            continue
        path = item[1]
        if suffix_of(path) in JSONL_SUFFIXES:
            try:
                opener = gzip.open if suffix_of(path) == ".jsonl.gz" else open
                with opener(path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except (OSError, EOFError):
                total += 1
        else:
            total += 1
    return total
