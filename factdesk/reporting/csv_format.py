"""Provides the CSV report: one row per claim, stable column names, safe to open in a spreadsheet; no UI here.

Encoding: UTF-8 *with* a byte-order mark. Excel on Windows opens a BOM-less CSV in the local
ANSI code page and turns "Le Drian a déclaré" into mojibake; with the BOM it reads UTF-8, and
LibreOffice, Numbers, Google Sheets and pandas (`encoding="utf-8-sig"`) all accept it. The BOM
is the first character of the rendered text, so it reaches the file whatever writes it.
Rows end in CRLF (RFC 4180), fields are QUOTE_MINIMAL. Open the output file with `newline=""`.
"""

from __future__ import annotations

import csv
import io

from factdesk.reporting.model import Report, ReportClaim, change_summary, status_label
from factdesk.reporting.text import clean, one_line
from factdesk.textsafe import CSV_FORMULA_STARTS, guard_csv_cell

BOM = "\ufeff"

CSV_COLUMNS = (
    "claim_id", "claim_ref", "article_id", "article_ref", "article_title", "source", "published",
    "article_url", "speaker", "speaker_kind", "speaker_role", "kind", "claim", "status",
    "status_label", "note", "evidence_url", "figures", "flags", "flag_count", "last_reviewed",
    "reviewer", "group",
)
"""The CSV header, in order. These names are stable: add columns at the end, never rename.

- claim_id: factdesk's numeric claim id.
- claim_ref: the id the claim had in an imported fact-check archive, else the numeric id.
- article_id: factdesk's numeric article id.
- article_ref: the article's external id (given at ingest: file stem, JSONL "id", --id).
- article_title, source, published, article_url: the article's title, outlet ("AFP"),
  publication date as given (ISO), and URL.
- speaker: canonical speaker name; empty for an unattributed claim.
- speaker_kind: person, organisation or outlet.
- speaker_role: "French Defence Minister"; empty when unknown.
- kind: how the claim is attributed: direct, indirect, mixed, unattributed or imported.
- claim: the claim text, on one line.
- status: the verdict code: unverified, verified, false, misleading, disputed, unverifiable.
- status_label: the same, as a reader sees it ("Misleading").
- note: the reviewer's note.
- evidence_url: the reviewer's evidence link, as entered.
- figures: the claim's figures as written, "; "-separated ("nearly 4,000; 30").
- flags: every non-rejected flagged change on the claim, "; "-separated, each as
  "Updated figure: 4,000 → 3,500 (claim 12 → claim 31)" — earlier claim first.
- flag_count: how many flags.
- last_reviewed: ISO time of the latest review-log entry; empty if never reviewed.
- reviewer: who made that entry.
- group: the report group the row falls in (article title or speaker name).
"""

FORMULA_TRIGGERS = CSV_FORMULA_STARTS
"""A cell starting with one of these may be run as a formula by a spreadsheet (CSV injection)."""


def _row(claim: ReportClaim, group: str) -> dict[str, object]:
    flags = "; ".join(f"{change_summary(c)} (claim {c.earlier.id} → claim {c.later.id})"
                      for c in claim.changes)
    return {
        "claim_id": claim.id,
        "claim_ref": claim.ref,
        "article_id": claim.article_id,
        "article_ref": claim.article_ref,
        "article_title": claim.article_title,
        "source": claim.source,
        "published": claim.published,
        "article_url": claim.article_url,
        "speaker": claim.speaker.name if claim.speaker else None,
        "speaker_kind": claim.speaker.kind if claim.speaker else None,
        "speaker_role": claim.speaker.role if claim.speaker else None,
        "kind": claim.kind,
        "claim": claim.text,
        "status": claim.status,
        "status_label": status_label(claim.status),
        "note": claim.note,
        "evidence_url": claim.evidence_url,
        "figures": "; ".join(f.text for f in claim.figures),
        "flags": flags,
        "flag_count": len(claim.changes),
        "last_reviewed": claim.reviewed,
        "reviewer": claim.reviewer,
        "group": group,
    }


def _cell(name: str, value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str):
        # Notes may keep their line breaks (quoted); everything else is one line.
        value = clean(value).replace("\r\n", "\n").replace("\r", "\n") if name == "note" else one_line(value)
    return guard_csv_cell(value)


def render_csv(report: Report, *, org: str | None = None, url_template: str | None = None) -> str:
    """The report as CSV text, starting with a BOM (see module docstring)."""
    del org, url_template  # Not part of the row data.
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for group in report.groups:
        for claim in group.claims:
            row = _row(claim, group.title)
            writer.writerow([_cell(name, row[name]) for name in CSV_COLUMNS])
    return BOM + buf.getvalue()


__all__ = ["CSV_COLUMNS", "FORMULA_TRIGGERS", "guard_csv_cell", "render_csv"]
