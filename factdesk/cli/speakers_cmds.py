"""Provides `factdesk speakers` (list) and its `merge`, `rename` and `split` subcommands."""

from __future__ import annotations

import click

from factdesk import storage
from factdesk.cli.common import db_option, fail, open_store, print_table


def _speaker(db, ref: str):
    """A live speaker by numeric id or by name/alias."""
    if ref.isdigit():
        found = storage.get_speaker(db, int(ref))
        if found is None:
            fail(f"no speaker with id {ref}")
        return found
    return storage.speaker_by_name(db, ref)


def _describe(s) -> str:
    return f"{s.name} (id {s.id})"


@click.group(invoke_without_command=True)
@db_option
@click.option("--search", default=None, help="Only speakers whose name or alias contains this.")
@click.pass_context
def speakers(ctx: click.Context, db_path, search) -> None:
    """List speakers (most claims first); subcommands merge, rename and split them."""
    ctx.obj = {"db_path": db_path}
    if ctx.invoked_subcommand is not None:
        return
    db = open_store(db_path)
    found = storage.list_speakers(db, search=search)
    print_table(["id", "name", "kind", "role", "aliases", "claims"],
                [(s.id, s.name, s.kind, s.role or "", ", ".join(a for a in s.aliases if a != s.name),
                  s.claim_count) for s in found], widths={"aliases": 40})


def _db(ctx: click.Context, db_path):
    return open_store(db_path or (ctx.obj or {}).get("db_path"))


@speakers.command()
@click.argument("keep")
@click.argument("merge")
@db_option
@click.pass_context
def merge(ctx, keep, merge, db_path) -> None:
    """Fold speaker MERGE into KEEP (ids or names): claims and aliases move."""
    db = _db(ctx, db_path)
    kept, gone = _speaker(db, keep), _speaker(db, merge)
    result = storage.merge_speakers(db, kept.id, gone.id)
    click.echo(f"merged {_describe(gone)} into {_describe(result)}")


@speakers.command()
@click.argument("speaker")
@click.argument("new_name")
@db_option
@click.pass_context
def rename(ctx, speaker, new_name, db_path) -> None:
    """Give SPEAKER (id or name) a new canonical name; the old one stays an alias."""
    db = _db(ctx, db_path)
    before = _speaker(db, speaker)
    after = storage.rename_speaker(db, before.id, new_name)
    click.echo(f"renamed {_describe(before)} to {after.name}")


@speakers.command()
@click.argument("speaker")
@click.argument("alias")
@db_option
@click.pass_context
def split(ctx, speaker, alias, db_path) -> None:
    """Undo a wrong merge: claims made as ALIAS move from SPEAKER to a new speaker."""
    db = _db(ctx, db_path)
    source = _speaker(db, speaker)
    new = storage.split_speaker(db, source.id, alias)
    click.echo(f"split {alias!r} from {_describe(source)} into {_describe(new)}")


COMMANDS = [speakers]
