"""Every command has help text and is named in the README (as sqlite-utils' test_docs does)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from factdesk.cli import cli

README = Path(__file__).parent.parent / "README.md"


def all_commands(group: click.Group, prefix: str = ""):
    for name, command in sorted(group.commands.items()):
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from all_commands(command, f"{prefix}{name} ")


COMMANDS = list(all_commands(cli))


@pytest.mark.parametrize("name, command", COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_has_help(name, command):
    assert command.help and command.help.strip(), f"factdesk {name} has no help text"
    for param in command.params:
        if isinstance(param, click.Option) and param.name not in ("help",):
            assert param.help or param.is_flag is False or param.flag_value is not None, \
                f"factdesk {name} {param.opts[0]} has no help"


@pytest.mark.parametrize("name", [n for n, _ in COMMANDS])
def test_command_is_in_readme(name):
    text = README.read_text(encoding="utf-8")
    assert re.search(rf"factdesk {re.escape(name)}\b", text), f"README.md does not mention `factdesk {name}`"
