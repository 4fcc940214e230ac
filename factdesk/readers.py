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
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from factdesk.models import Article

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


# --- decoding -----------------------------------------------------------------------------


def decode_bytes(data: bytes, name: str) -> str:
    """Decode an article's bytes: UTF-8 (BOM dropped), UTF-16/32 with BOM, else the best guess.

    Raises:
        ReadError: binary content, or nothing but whitespace.
    """
    if data.startswith(_UTF32_BOMS):
        text = _decode_or_fail(data, "utf-32", name)
    elif data.startswith(_UTF16_BOMS):
        text = _decode_or_fail(data, "utf-16", name)
    else:
        for magic, kind in _BINARY_MAGIC.items():
            if data.startswith(magic):
                raise ReadError(name, f"binary file ({kind}), not text")
        if b"\x00" in data:
            raise ReadError(name, "binary file (contains NUL bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _guess_decode(data, name)
    if not text.strip():
        raise ReadError(name, "empty file")
    sample = text[:100_000]
    if len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise ReadError(name, "binary file (control characters), not text")
    return text


def _decode_or_fail(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(name, f"not valid {encoding.upper()} despite its byte-order mark ({exc.reason})") from exc


def _as_western(data: bytes) -> str | None:
    """The bytes as Windows-1252 when that reads as mostly-ASCII Latin text, else None.

    charset-normalizer judges short Windows-1252 text (smart quotes, a euro sign) to be a DOS
    code page and returns mojibake, so the common newsroom case is settled first: under 30%
    non-ASCII letters rules out Cyrillic or Greek single-byte text, which is nearly all high bytes.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned in cp1252
        return None
    letters = [ch for ch in text if ch.isalpha()]
    foreign = sum(1 for ch in letters if ord(ch) > 0x7F)
    return text if letters and foreign / len(letters) < MAX_NON_ASCII_LETTERS else None


def _guess_decode(data: bytes, name: str) -> str:
    western = _as_western(data)
    if western is not None:
        return western
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8, non-Western file

    matches = list(from_bytes(data))
    if not matches:
        raise ReadError(name, "binary file (no text encoding fits), not text")
    best = matches[0]
    for m in matches:
        if m.encoding in _WESTERN and m.chaos <= best.chaos + 0.01:
            best = m
            break
    return data.decode(best.encoding, errors="replace")


def read_bytes(path: Path, name: str) -> bytes:
    """A file's bytes, refusing anything over MAX_BYTES before reading it."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(name, f"too large ({size / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB)")
        with open(path, "rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ReadError(name, exc.strerror or str(exc)) from exc


# --- metadata -----------------------------------------------------------------------------


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


# --- formats ------------------------------------------------------------------------------


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".jsonl.gz"):
        return ".jsonl.gz"
    return path.suffix.lower()


def parse_text(text: str, name: str, overrides: ArticleMeta, default_id: str | None,
               warn: Warn = _ignore) -> Article:
    """A plain-text article: the decoded text as it is."""
    return make_article(text, name, {}, overrides, default_id, warn)


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
                    yield ReadError(name, f"line longer than {MAX_BYTES // 2**20} MB", lineno)
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
    """Lines of a binary file; None in place of a line over MAX_BYTES (skipped, not loaded)."""
    while True:
        line = fh.readline(MAX_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while True:  # drain the rest of the monster line
                more = fh.readline(MAX_BYTES)
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
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ReadError("<stdin>", f"too large (over {MAX_BYTES // 2**20} MB)")
    return parse_text(decode_bytes(data, "<stdin>"), "<stdin>", overrides, None, warn)


# --- paths and folders --------------------------------------------------------------------


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

