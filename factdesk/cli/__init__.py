"""Provides the `factdesk` command line: a thin click layer over ingest, storage, linking and reporting.

One module per command group. Nothing here imports spaCy or Textual at import time: only
`ingest` and `extract` load the model, and `review` imports the TUI, each inside the command.
"""

from __future__ import annotations

import click

from factdesk import __version__
from factdesk.cli.common import FactdeskGroup


@click.group(cls=FactdeskGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factdesk")
@click.option("--debug", is_flag=True, help="Show the full traceback of an unexpected error.")
def cli(debug: bool) -> None:
    """factdesk: track who claimed what in the news, flag changed figures, review and report.

    Every command that uses the claim store takes --db PATH after the command name
    (default: $FACTDESK_DB, else the user data folder).
    """


def _register() -> None:
    from factdesk.cli import admin_cmds, claims_cmds, ingest_cmds, links_cmds, speakers_cmds

    for module in (ingest_cmds, claims_cmds, speakers_cmds, links_cmds, admin_cmds):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="factdesk")


__all__ = ["cli", "main"]
