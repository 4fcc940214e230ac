"""Lets `python -m factdesk` run the CLI."""

from factdesk.cli import main

main()
