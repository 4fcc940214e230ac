"""Provides review reports: one report model, rendered as Markdown, HTML, CSV, JSON or ClaimReview; no UI here.

    report = build_report(db, ReportScope(speaker="Le Drian", group="speaker"))
    text = render(report, "html", org="Factdesk Desk")
    write_report(report, "csv", out)          # out: an open text file (newline="")

The CLI (`factdesk export`) and the TUI both call these; nothing here opens files or prints.
"""

from __future__ import annotations

from typing import Callable, TextIO

from factdesk.reporting.build import build_report
from factdesk.reporting.claimreview import RATING_VALUES, render_claimreview
from factdesk.reporting.csv_format import CSV_COLUMNS, guard_csv_cell, render_csv
from factdesk.reporting.html import render_html
from factdesk.reporting.json_format import SCHEMA_VERSION, render_json
from factdesk.reporting.markdown import render_markdown
from factdesk.reporting.model import GROUPS, Report, ReportScope

FORMATS = ("md", "html", "csv", "json", "claimreview")
"""Export formats, as `factdesk export --format` names them."""

EXTENSIONS = {"md": ".md", "html": ".html", "csv": ".csv", "json": ".json", "claimreview": ".jsonld"}
"""A sensible file suffix per format (for a save dialog or a default file name)."""

_RENDERERS: dict[str, Callable[..., str]] = {
    "md": render_markdown,
    "html": render_html,
    "csv": render_csv,
    "json": render_json,
    "claimreview": render_claimreview,
}


def render(report: Report, fmt: str, *, org: str | None = None, url_template: str | None = None) -> str:
    """The report as text in one of FORMATS.

    Args:
        org: the fact-checking organisation (report title; ClaimReview author).
        url_template: ClaimReview `url`, with "{id}" replaced by each claim's id.

    Raises:
        ValueError: for a format not in FORMATS.
    """
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}") from None
    return renderer(report, org=org, url_template=url_template)


def write_report(report: Report, fmt: str, out: TextIO, **opts) -> None:
    """Render and write to the text file object given (and nowhere else).

    Open files with `encoding="utf-8", newline=""` so CSV's CRLF rows are not doubled on Windows.
    `opts` are `render`'s keyword options (org, url_template).
    """
    out.write(render(report, fmt, **opts))


__all__ = [
    "CSV_COLUMNS", "EXTENSIONS", "FORMATS", "GROUPS", "RATING_VALUES", "SCHEMA_VERSION", "Report",
    "ReportScope", "build_report", "guard_csv_cell", "render", "write_report",
]
