"""Provides one parser per input format: .txt, .md with front matter, .html via trafilatura, .jsonl lines and stdin; no UI here."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

from factdesk.models import Article
from factdesk.readers import base
from factdesk.readers.base import (
    ArticleMeta,
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    ReadError,
    TEXT_SUFFIXES,
    Warn,
    _FRONT_MATTER,
    _TAG_LIKE,
    _UNSAFE_HTML,
    _ignore,
)
from factdesk.readers.decoding import decode_bytes, read_bytes
from factdesk.readers.metadata import make_article

def suffix_of(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".jsonl.gz"):
        return ".jsonl.gz"
    return path.suffix.lower()


def parse_text(text: str, name: str, overrides: ArticleMeta, default_id: str | None,
               warn: Warn = _ignore) -> Article:
    """A plain-text article: the decoded text as it is; a headline line, if any, is its title."""
    return make_article(text, name, {"title": headline(text)}, overrides, default_id, warn)


HEADLINE_MAX_CHARS = 200
"""A first line longer than this is body text, not a headline."""


def headline(text: str) -> str | None:
    """The first line when it reads as a headline: short, no closing full stop, a blank line after.

    The text itself is left whole (the headline stays in it), so offsets are unchanged.
    """
    first, sep, rest = text.lstrip("\ufeff").partition("\n")
    first = first.strip()
    if not sep or not first or len(first) > HEADLINE_MAX_CHARS or first.endswith((".", '"', "”")):
        return None
    return first if rest.lstrip(" \t\r").startswith("\n") else None


def parse_markdown(text: str, name: str, overrides: ArticleMeta, default_id: str | None,
                   warn: Warn = _ignore) -> Article:
    """A Markdown article; YAML front matter gives title, source, date, url and id.

    The article text is everything after the front matter, unchanged.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return make_article(text, name, {}, overrides, default_id, warn)
    import frontmatter  # a front-matter parser only when there is front matter
    import yaml

    try:
        meta = frontmatter.YAMLHandler().load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (front matter line {mark.line + 2})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ReadError(name, f"malformed front matter: {problem}{where}") from exc
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ReadError(name, "malformed front matter: expected 'key: value' lines")
    body = text[match.end():]
    if not body.strip():
        raise ReadError(name, "empty file (front matter only)")
    return make_article(body, name, meta, overrides, default_id, warn)


def parse_html(text: str, name: str, overrides: ArticleMeta, default_id: str | None,
               warn: Warn = _ignore) -> Article:
    """An HTML page: its main text and metadata via trafilatura.

    Scripts, styles, iframes and embeds are removed from the tree first, so their content
    can never reach the article text (trafilatura keeps an iframe's fallback text).
    """
    import lxml.html  # trafilatura's own parser
    import trafilatura

    try:
        tree = lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise ReadError(name, f"not readable HTML ({exc})") from exc
    for el in tree.xpath(_UNSAFE_HTML):
        el.drop_tree()
    clean = lxml.html.tostring(tree, encoding="unicode")
    # Escaped markup in a page ("&lt;img onerror=...&gt;") decodes to tag-like text; it is
    # never reporting, and a careless downstream renderer could make it live again.
    body = trafilatura.extract(clean, output_format="txt", include_comments=False, favor_recall=True)
    if not body or not body.strip():
        body = trafilatura.html2txt(clean)
    body = _TAG_LIKE.sub("", body or "")
    if not body.strip():
        raise ReadError(name, "no article text found in the HTML")
    found = trafilatura.extract_metadata(clean)
    meta = {}
    if found is not None:
        meta = {"title": found.title, "source": found.sitename or found.hostname,
                "url": found.url, "date": found.date}
    return make_article(body, name, meta, overrides, default_id, warn)


_PARSERS = {
    **{s: parse_text for s in TEXT_SUFFIXES},
    **{s: parse_markdown for s in MARKDOWN_SUFFIXES},
    **{s: parse_html for s in HTML_SUFFIXES},
}


def read_file(path: Path, name: str, overrides: ArticleMeta, warn: Warn = _ignore) -> Article:
    """One single-article file (not JSONL)."""
    parse = _PARSERS.get(suffix_of(path), parse_text)
    text = decode_bytes(read_bytes(path, name), name)
    return parse(text, name, overrides, path.stem, warn)


def read_jsonl(path: Path, name: str, overrides: ArticleMeta,
               warn: Warn = _ignore) -> Iterator[Article | ReadError]:
    """Articles of a JSONL archive, one per line, read as a stream (never the whole file).

    Each line is an object with "text" and optionally id, title, date, source, url.
    A bad line becomes a ReadError naming file:line; the other lines still come through.
    """
    opener = gzip.open if suffix_of(path) == ".jsonl.gz" else open
    try:
        fh = opener(path, "rb")
    except OSError as exc:
        yield ReadError(name, exc.strerror or str(exc))
        return
    seen_any = False
    with fh:
        try:
            for lineno, raw in enumerate(_limited_lines(fh), start=1):
                if raw is None:
                    yield ReadError(name, f"line longer than {base.MAX_BYTES // 2**20} MB", lineno)
                    continue
                if not raw.strip():
                    continue
                seen_any = True
                try:
                    yield _jsonl_article(raw, lineno, name, overrides, warn)
                except ReadError as err:
                    yield err
        except (OSError, EOFError) as exc:  # truncated gzip, unreadable disk
            yield ReadError(name, f"cannot read: {exc}")
            return
    if not seen_any:
        yield ReadError(name, "empty file")


def _limited_lines(fh: io.BufferedIOBase) -> Iterator[bytes | None]:
    """Lines of a binary file; None in place of a line over base.MAX_BYTES (skipped, not loaded)."""
    while True:
        line = fh.readline(base.MAX_BYTES + 1)
        if not line:
            return
        if len(line) > base.MAX_BYTES and not line.endswith(b"\n"):
            while True:  # drain the rest of the monster line
                more = fh.readline(base.MAX_BYTES)
                if not more or more.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def _jsonl_article(raw: bytes, lineno: int, name: str, overrides: ArticleMeta, warn: Warn) -> Article:
    try:
        record = json.loads(raw.decode("utf-8-sig") if lineno == 1 else raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ReadError(name, f"not UTF-8 ({exc.reason} at byte {exc.start})", lineno) from exc
    except json.JSONDecodeError as exc:
        raise ReadError(name, f"malformed JSON: {exc.msg} (column {exc.colno})", lineno) from exc
    if not isinstance(record, dict):
        raise ReadError(name, "expected a JSON object with a \"text\" field", lineno)
    text = record.get("text")
    if not isinstance(text, str):
        raise ReadError(name, "no \"text\" string", lineno)
    if not text.strip():
        raise ReadError(name, "empty text", lineno)
    if "\x00" in text:
        raise ReadError(name, "text contains NUL characters", lineno)
    try:  # JSON may escape lone surrogates ("\ud800"), which no UTF-8 store can hold
        json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ReadError(name, f"invalid Unicode (lone surrogate at position {exc.start})", lineno) from exc
    where = f"{name}:{lineno}"
    return make_article(text, where, record, overrides, f"{Path(name).stem}-{lineno}", warn)


def read_stdin(stream: io.BufferedIOBase, overrides: ArticleMeta, warn: Warn = _ignore) -> Article:
    """One plain-text article from standard input."""
    data = stream.read(base.MAX_BYTES + 1)
    if len(data) > base.MAX_BYTES:
        raise ReadError("<stdin>", f"too large (over {base.MAX_BYTES // 2**20} MB)")
    return parse_text(decode_bytes(data, "<stdin>"), "<stdin>", overrides, None, warn)
