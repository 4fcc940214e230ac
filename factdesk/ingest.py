"""Provides ingest: read articles, extract claims, store each article atomically, link; no UI here.

The one place that runs readers → extraction → storage → linking, so the CLI and the TUI
share it. It is a stream: articles are read lazily, go through `nlp.pipe` in batches and are
stored one at a time, so memory stays flat over a 20,000-article archive. Progress, errors
and warnings leave through plain callbacks; the caller decides how to show them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from sqlite_utils import Database

from factdesk import storage
from factdesk.models import Article, Claim, IngestResult, claim_words
from factdesk.readers import ArticleMeta, ReadError, as_meta, count_articles, iter_articles, make_article

from factdesk.candidates import index_claims
from factdesk.linking import link_new_claims
from factdesk.textsafe import mask_controls

DEFAULT_BATCH_SIZE = 32
"""Articles per `nlp.pipe` batch: larger batches stop paying off past ~32 news-length texts."""
MAX_ANALYSED_CHARS = 100_000
"""Claims are extracted from at most this much of an article (a long read is ~60,000).
A 50 MB wire dump is still stored whole, but parsing all of it would take half an hour
and spaCy refuses texts over 1,000,000 characters."""
CHILD_AFTER_ARTICLES = 16
"""Articles a run stores on the writer thread before linking moves to a child process: 16
articles of linking under the parse's GIL cost about what the child's start-up does."""
MAX_ERRORS_KEPT = 1000
"""Error lines kept in the result; the count goes on past it (a broken 20,000-line archive)."""

Progress = Callable[[int, int | None, str], None]
"""on_progress(articles done, total or None, name of the article just done)."""
Report = Callable[[str], None]
"""on_error / on_warning: one line naming the input and the problem."""


@dataclass
class Tally:
    """Running counts of an ingest or import run."""

    articles: int = 0
    claims: int = 0
    speakers: int = 0
    flags: int = 0
    skipped: int = 0
    failed: int = 0
    done: int = 0
    errors: list[str] = field(default_factory=list)

    def fail(self, message: str, on_error: Report | None) -> None:
        self.failed += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(message)
        if on_error:
            on_error(message)

    def result(self) -> IngestResult:
        return IngestResult(self.articles, self.claims, self.speakers, self.flags, self.skipped,
                            self.failed, tuple(self.errors))


def ingest_paths(db: Database, nlp, paths: Iterable[str], overrides: ArticleMeta | Mapping | None = None,
                 on_progress: Progress | None = None, on_error: Report | None = None, *,
                 on_warning: Report | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                 stdin=None) -> IngestResult:
    """Ingest files, folders and "-" (stdin) into the store.

    Every article is stored with its claims, figures and speakers in one transaction, then
    linked against earlier claims. A file that cannot be read is reported through `on_error`
    and leaves the store untouched; the other files are still ingested.

    Args:
        db: an open store.
        nlp: a pipeline from `factdesk.extraction.load_nlp`.
        paths: inputs as given on the command line.
        overrides: hand-given metadata (title, source, date, url, id) that wins over the file's.
        on_progress: called after each article.
        on_error: called with one line per input or article that failed.
        on_warning: called with one line per oddity that did not stop an article (a bad
            date, an article already stored).
        batch_size: articles per `nlp.pipe` batch.
        stdin: binary stream "-" reads (default sys.stdin.buffer).

    Returns:
        Counts for the summary line.

    Raises:
        StoreError: the store itself failed (the article being written is rolled back).
    """
    paths = [str(p) for p in paths]
    total = count_articles(paths) if on_progress else None
    warn = _Relay(on_warning or (lambda _: None))
    items = iter_articles(paths, as_meta(overrides), warn, stdin=stdin)
    return _ingest_stream(db, nlp, items, total, on_progress, on_error, warn, batch_size, background=True)


def ingest_text(db: Database, nlp, text: str, meta: ArticleMeta | Mapping | None = None,
                on_warning: Report | None = None) -> IngestResult:
    """Ingest one pasted article (the TUI's paste-to-ingest).

    Returns:
        Counts; an empty text gives `failed=1` with the reason in `errors`.
    """
    tally = Tally()
    warn = on_warning or (lambda _: None)
    meta = as_meta(meta)
    if not isinstance(text, str) or not text.strip():
        tally.fail("pasted text: empty text", None)
        return tally.result()
    article = make_article(text, "pasted text", {}, meta, None, warn)
    return _ingest_stream(db, nlp, iter([article]), 1, None, None, warn, 1, background=False)


def _ingest_stream(db: Database, nlp, items: Iterator[Article | ReadError], total: int | None,
                   on_progress: Progress | None, on_error: Report | None, warn: Report,
                   batch_size: int, background: bool) -> IngestResult:
    """Parse on this thread; store, link, count and report as steps of a `storage.writer_for`
    sink: on a thread of its own when `background` and the store allows it, so storing one
    article overlaps parsing the next. Steps run in input order, on one thread."""
    from factdesk.extraction import extract_batch  # spaCy only when something is ingested

    tally = Tally()
    sink = storage.writer_for(db, background)
    if isinstance(warn, _Relay):
        warn.sink = sink
    else:
        warn = _Relay(warn, sink)
    # Claims stored without linking (an import, a store older than the keys) are keyed first,
    # a transaction per batch: not inside the first article's, holding the write lock for it.
    sink.do(lambda db_: index_claims(db_))

    def progress(name: str) -> None:
        tally.done += 1
        if on_progress:
            on_progress(tally.done, total, name)

    def fail(_db, message: str, path: str) -> None:
        tally.fail(message, on_error)
        progress(path)

    def skip(_db, article: Article, stored_as: str) -> None:
        tally.skipped += 1
        warn.target(f"{article.path or article.external_id}: already stored (as {stored_as}); skipped")
        progress(article.path or "")

    def store(db_: Database, article: Article, claims: list[Claim]) -> None:
        saved, flags = saver(db_, article, claims)
        if saved is None:  # the same text twice in one run
            skip(db_, article, "an earlier input of this run")
            return
        tally.articles += 1
        tally.claims += len(saved.claim_ids)
        tally.speakers += saved.new_speakers
        tally.flags += flags
        progress(article.path or article.external_id or "")

    def fresh() -> Iterator[tuple[str, dict]]:
        # Read errors and already-stored texts are dealt with here, before the costly parse.
        for item in items:
            if isinstance(item, ReadError):
                sink.do(fail, str(item), item.path)
                continue
            duplicate = storage.find_duplicate(db, item)
            if duplicate is not None:
                sink.do(skip, item, duplicate.external_id)
                continue
            yield analysed_text(item, warn), {"outlet": item.source, "article": item}

    saver = _Saver(sink)
    done = False
    try:
        for claims, ctx in extract_batch(nlp, fresh(), batch_size=batch_size):
            article: Article = ctx["article"]
            sink.do(store, article, _with_stored_text(article.text, claims))
        done = True
    finally:
        try:
            sink.close(abandon=not done)
        finally:
            saver.close()
    return tally.result()


def save_and_link(db: Database, article: Article, claims: list[Claim]) -> tuple[storage.SavedArticle | None, int]:
    """Store one article and link its claims: (what was saved or None for a duplicate, flags raised)."""
    # The article and its links commit together: a crash between the two would leave an
    # article that a re-run skips as already stored, never to be linked.
    with storage.write_transaction(db):
        saved = storage.save_article(db, article, claims)
        flags = link_new_claims(db, list(saved.claim_ids)) if saved and saved.claim_ids else 0
    return saved, flags


class _Saver:
    """Runs `save_and_link` on the sink's connection for the first articles of a run, then,
    when the sink is a background thread, in a `storage.ChildWriter` process: linking then has
    a core and a GIL of its own instead of slowing the parse. A short run (a file, a paste)
    never pays the child's start-up (~0.4 s of imports)."""

    def __init__(self, sink):
        self._background = sink if isinstance(sink, storage.BackgroundWriter) else None
        self._child: storage.ChildWriter | None = None
        self._saved = 0

    def __call__(self, db: Database, article: Article, claims: list[Claim]):
        self._saved += 1
        if self._child is None and self._background is not None and self._saved > CHILD_AFTER_ARTICLES:
            try:
                self._child = storage.ChildWriter(self._background.path, self._background.pragmas)
            except OSError:  # no process to be had (a process limit): the thread goes on alone
                self._background = None
        if self._child is not None:
            return self._child.call(save_and_link, article, claims)
        return save_and_link(db, article, claims)

    def close(self) -> None:
        if self._child is not None:
            self._child.close()


class _Relay:
    """A warning callback whose calls become steps of the sink once there is one (the readers
    warn while the parse pulls articles, ahead of the steps already queued)."""

    def __init__(self, target: Report, sink=None):
        self.target = target
        self.sink = sink

    def __call__(self, message: str) -> None:
        if self.sink is None:
            self.target(message)
        else:
            self.sink.do(lambda _db: self.target(message))


def _with_stored_text(text: str, claims: list[Claim]) -> list[Claim]:
    """Claims (and figures) whose words are cut from the stored article, not the masked copy parsed."""
    return [replace(c, text=claim_words(text, c.content, c.speaker_mention),
                    figures=tuple(replace(f, text=text[f.start:f.end]) for f in c.figures))
            for c in claims]


def analysed_text(article: Article, warn: Report) -> str:
    """The text the parser sees: all of it (controls masked), or a prefix cut at a paragraph or sentence end.

    A prefix keeps every claim offset valid for the whole stored text.
    """
    # Escape sequences become spaces of the same length: "\x1b[5m" is no figure, offsets hold.
    text = mask_controls(article.text)
    if len(text) <= MAX_ANALYSED_CHARS:
        return text
    cut = max(text.rfind("\n", 0, MAX_ANALYSED_CHARS), text.rfind(". ", 0, MAX_ANALYSED_CHARS) + 1)
    cut = cut if cut > MAX_ANALYSED_CHARS // 2 else MAX_ANALYSED_CHARS
    warn(f"{article.path or article.external_id}: {len(text):,} characters; claims extracted "
         f"from the first {cut:,} only")
    return text[:cut]


def summary_line(result: IngestResult, verb: str = "ingested") -> str:
    """The one line every ingest ends with, e.g.
    "ingested 12 articles: 240 claims, 31 new speakers, 7 flags; 1 skipped (already stored), 2 failed".
    """
    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    line = (f"{verb} {n(result.articles, 'article')}: {n(result.claims, 'claim')}, "
            f"{result.speakers} new speaker{'' if result.speakers == 1 else 's'}, {n(result.flags, 'flag')}")
    tail = []
    if result.skipped:
        tail.append(f"{result.skipped} skipped (already stored)")
    if result.failed:
        tail.append(f"{result.failed} failed")
    return line + ("; " + ", ".join(tail) if tail else "")
