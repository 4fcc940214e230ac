"""Provides `factdesk ingest`, `factdesk extract` and `factdesk import`: getting articles and claims in."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from factdesk.cli.common import (
    EXIT_FAILED,
    db_option,
    emit_jsonl,
    fail,
    figures_text,
    open_store,
    print_table,
    resolve_reviewer,
    say_error,
)
from factdesk.readers import ArticleMeta, ReadError, is_single, iter_articles

DEFAULT_BATCH = 32


@functools.lru_cache(maxsize=2)
def _load_model(model: str | None):
    """The pipeline, loaded once per process (tests and scripts invoke commands repeatedly)."""
    from factdesk.extraction import load_nlp  # spaCy is imported here and nowhere else in the CLI

    try:
        return load_nlp(model)
    except (OSError, ImportError, ValueError) as exc:
        fail(f"cannot load the spaCy model{f' {model!r}' if model else ''}: {str(exc).splitlines()[0]}")


class _Bar:
    """A rich progress bar on stderr, only when stderr is a terminal; else silent."""

    def __init__(self, label: str) -> None:
        self.progress = None
        if sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            from factdesk.cli.common import console

            self.progress = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(),
                                     TimeRemainingColumn(), console=console(stderr=True), transient=True)
            self.task = self.progress.add_task(label, total=None)

    def __enter__(self):
        if self.progress:
            self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.progress:
            self.progress.stop()

    def update(self, done: int, total: int | None, _name: str = "") -> None:
        if self.progress:
            self.progress.update(self.task, completed=done, total=total)

    def line(self, message: str) -> None:
        """An error or warning line that does not tear the bar."""
        if self.progress:
            from factdesk.textsafe import clean_for_terminal

            self.progress.console.print(f"factdesk: {clean_for_terminal(message)}", markup=False)
        else:
            say_error(message)


def _meta_options(func):
    for name, helptext in reversed([
        ("title", "Title (single file only)."), ("source", "Outlet, e.g. AFP (applies to every article)."),
        ("date", "Publication date, e.g. 2013-02-10 (applies to every article)."),
        ("url", "URL (single file only)."), ("id", "External id (single file only); default the file name."),
    ]):
        func = click.option(f"--{name}", f"meta_{name}", default=None, help=helptext)(func)
    return func


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@_meta_options
@click.option("--batch-size", default=DEFAULT_BATCH, show_default=True, type=click.IntRange(1, 1000),
              help="Articles per spaCy batch (a batch also stops at 40,000 characters).")
@click.option("--model", default=None, help="spaCy model package or path (default: the installed English model).")
def ingest(paths, db_path, meta_title, meta_source, meta_date, meta_url, meta_id, batch_size, model) -> None:
    """Read articles, extract their claims, store them and flag links to earlier claims.

    PATHS are .txt, .md (YAML front matter), .html/.htm, .jsonl (one article per line) files,
    folders (searched recursively) or - for standard input. Ends with one summary line.
    """
    from factdesk.ingest import ingest_paths, summary_line

    paths = list(paths)
    meta = ArticleMeta(title=meta_title, source=meta_source, date=meta_date, url=meta_url, id=meta_id)
    if meta.single_only and not is_single(paths):
        raise click.UsageError("--title, --url and --id apply to a single file (not a folder or JSONL)")
    db = open_store(db_path)
    nlp = _load_model(model)
    with _Bar("ingesting") as bar:
        result = ingest_paths(db, nlp, paths, meta, on_progress=bar.update if bar.progress else None,
                              on_error=bar.line, on_warning=bar.line, batch_size=batch_size)
    click.echo(summary_line(result))
    if result.failed:
        raise click.exceptions.Exit(EXIT_FAILED)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--source", default=None, help="Outlet, used as the speaker of unattributed claims.")
@click.option("--batch-size", default=DEFAULT_BATCH, show_default=True, type=click.IntRange(1, 1000))
@click.option("--model", default=None, help="spaCy model package or path.")
def extract(paths, fmt, source, batch_size, model) -> None:
    """Print the claims found in articles, without storing anything.

    JSONL offsets index each file's decoded text (the format the scorers in eval/ read).
    """
    from factdesk.extraction import claims_to_jsonl_rows, extract_batch
    from factdesk.ingest import analysed_text

    nlp = _load_model(model)
    failed = 0

    def articles():
        nonlocal failed
        for item in iter_articles(list(paths), ArticleMeta(source=source), say_error):
            if isinstance(item, ReadError):
                failed += 1
                say_error(str(item))
                continue
            yield analysed_text(item, say_error), {"outlet": item.source, "path": item.path}

    rows = []
    for claims, ctx in extract_batch(nlp, articles(), batch_size=batch_size):
        if fmt == "jsonl":
            emit_jsonl(claims_to_jsonl_rows(ctx["path"], claims))
        else:
            rows.extend((Path(ctx["path"]).name, c.order, c.kind, c.speaker.name if c.speaker else "",
                         c.cue_text or "", c.text, figures_text(c.figures)) for c in claims)
    if fmt == "table":
        print_table(["file", "#", "kind", "speaker", "cue", "claim", "figures"], rows,
                    widths={"claim": 70, "speaker": 24})
    if failed:
        raise click.exceptions.Exit(EXIT_FAILED)


@click.command(name="import")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
@click.option("--link/--no-link", default=False, show_default=True,
              help="Match the imported claims against the store (slower).")
@click.option("--reviewer", default=None, help="Who the review log names for imported statuses.")
def import_(file, db_path, link, reviewer) -> None:
    """Import existing claims (a fact-check archive) from JSONL, CSV, TSV or ClaimReview JSON-LD.

    Columns: id, text (or claim), optional title/context, speaker, date, source, url, status.
    Each claim is stored as a one-claim article that keeps its archive id; re-imports skip
    what is already stored.
    """
    from factdesk.importers import import_claims

    db = open_store(db_path)
    with _Bar("importing") as bar:
        result = import_claims(db, file, reviewer=resolve_reviewer(reviewer), link=link,
                               on_error=bar.line, on_progress=lambda n: bar.update(n, None))
    line = (f"imported {result.claims} claim{'s' if result.claims != 1 else ''}, "
            f"{result.speakers} new speaker{'s' if result.speakers != 1 else ''}, {result.flags} flags")
    extras = [f"{result.skipped} skipped (already stored)"] if result.skipped else []
    extras += [f"{result.failed} failed"] if result.failed else []
    click.echo(line + ("; " + ", ".join(extras) if extras else ""))
    if result.failed:
        raise click.exceptions.Exit(EXIT_FAILED)


COMMANDS = [ingest, extract, import_]
