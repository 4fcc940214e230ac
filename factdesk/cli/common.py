"""Provides what every factdesk command shares: the --db option, error lines, tables and JSONL output.

Errors a journalist can act on become one line on stderr (`factdesk: notes.txt: empty file`)
and an exit code; a traceback is shown only with --debug or FACTDESK_DEBUG=1. Everything
printed from an article goes through `textsafe.clean_for_terminal` and into rich `Text`
objects, so article text can neither drive the terminal nor inject rich markup.
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import click

from factdesk import storage
from factdesk.readers import ReadError
from factdesk.storage import StoreError
from factdesk.textsafe import clean_for_terminal, guard_csv_cell, json_line

EXIT_FAILED = 1
"""Some input failed, or the command could not do what was asked."""
EXIT_STORE = 2
"""The claim store cannot be opened (not SQLite, newer schema, unwritable)."""
EXIT_INTERRUPTED = 130


def debug_enabled() -> bool:
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    flag = bool(root and root.params.get("debug"))
    return flag or os.environ.get("FACTDESK_DEBUG", "") not in ("", "0")


def say_error(message: str) -> None:
    """One line on stderr, prefixed so it is clear which tool spoke."""
    click.echo(f"factdesk: {clean_for_terminal(message)}", err=True)


def fail(message: str, code: int = EXIT_FAILED) -> None:
    """Report and stop with an exit code (never a traceback)."""
    say_error(message)
    raise click.exceptions.Exit(code)


class FactdeskGroup(click.Group):
    """A click group that turns user errors into one line and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except (StoreError, ReadError) as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("interrupted", EXIT_INTERRUPTED)
        except BrokenPipeError:
            # `factdesk claims | head`: the reader left; say nothing.
            sys.stderr.close()
            raise click.exceptions.Exit(EXIT_FAILED)
        except Exception as exc:
            if debug_enabled():
                raise
            fail(f"unexpected error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")


def db_option(func):
    """`--db PATH`, written after the command name; default FACTDESK_DB, else the user data dir."""
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="Claim store (SQLite file). Default: $FACTDESK_DB, else the user data folder.",
    )(func)


def open_store(db_path: Path | None):
    """Open the store or stop with exit 2 and one line."""
    try:
        return storage.open_db(db_path)
    except StoreError as exc:
        fail(str(exc), EXIT_STORE)


def resolve_reviewer(reviewer: str | None) -> str:
    """--reviewer, else FACTDESK_REVIEWER, else the login name."""
    return storage.default_reviewer(reviewer)


def parse_id(value: str, what: str = "claim") -> int:
    """A numeric id from the command line, or one clear line."""
    try:
        number = int(value)
    except ValueError:
        fail(f"{what} id must be a number, not {value!r}")
    if not 1 <= number < 2**63:  # SQLite integers are 64-bit; larger ids cannot exist
        fail(f"no {what} with id {value}")
    return number


# --- output -------------------------------------------------------------------------------


def emit_jsonl(rows: Iterable[dict]) -> None:
    """One JSON object per line on stdout (UTF-8, terminal-active characters escaped)."""
    out = sys.stdout
    for row in rows:
        out.write(json_line(row) + "\n")


def emit_csv(columns: Sequence[str], rows: Iterable[dict]) -> None:
    """CSV on stdout, every cell cleaned of terminal controls and guarded against formulas."""
    writer = csv.writer(sys.stdout)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([guard_csv_cell(_csv_cell(row.get(c))) for c in columns])


def _csv_cell(value):
    if isinstance(value, (list, tuple, dict)):
        return json_line(value)
    return clean_for_terminal(value) if isinstance(value, str) else value


def safe(value, limit: int | None = None):
    """A rich Text cell: cleaned for the terminal, never parsed as markup."""
    from rich.text import Text

    s = "" if value is None else clean_for_terminal(str(value))
    if limit and len(s) > limit:
        s = s[: limit - 1] + "…"
    return Text(s)


PIPE_WIDTH = 160
"""Table width when output goes to a file or pipe (rich would otherwise squeeze it to 80)."""


def console(stderr: bool = False):
    """A rich console that never interprets markup, emoji codes or highlights in printed text."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else int(os.environ.get("COLUMNS") or PIPE_WIDTH)
    return Console(stderr=stderr, highlight=False, emoji=False, markup=False, width=width)


def print_table(columns: Sequence[str], rows: Iterable[Sequence], title: str | None = None,
                widths: dict[str, int] | None = None) -> None:
    """A rich table on stdout; every cell is cleaned text."""
    from rich.table import Table

    table = Table(title=title, show_lines=False, expand=False)
    for col in columns:
        table.add_column(col, overflow="fold", max_width=(widths or {}).get(col))
    for row in rows:
        table.add_row(*[safe(v) for v in row])
    console().print(table)


def claim_row(c) -> dict:
    """A stored claim as the JSON object `claims --format jsonl` prints (and `show` reads back)."""
    return {
        "id": c.id,
        "ref": c.ref,
        "article": c.article_external_id,
        "article_title": c.article_title,
        "order": c.order,
        "kind": c.kind,
        "speaker": c.speaker_name,
        "speaker_id": c.speaker_id,
        "speaker_role": c.speaker_role,
        "cue": c.cue_text,
        "text": c.text,
        "content": [list(s) for s in c.content],
        "status": c.status,
        "note": c.note,
        "evidence_url": c.evidence_url,
        "published": c.published,
        "source": c.source,
        "external_id": c.external_id,
        "figures": [figure_row(f) for f in c.figures],
    }


def figure_row(f) -> dict:
    return {"value": f.value, "low": f.low, "high": f.high, "hedge": f.hedge, "what": f.what,
            "unit": f.unit, "text": f.text, "span": [f.start, f.end]}


def figures_text(figures) -> str:
    return "; ".join(f.text for f in figures)
