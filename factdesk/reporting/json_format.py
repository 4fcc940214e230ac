"""Provides the JSON report: the report model as structured data with a `schema_version`; no UI here.

Shape (schema_version 1):
    {"schema_version": 1, "generated": ISO, "org": str|null,
     "scope": {article, speaker, status, since, until, group},
     "date_range": {"earliest": date|null, "latest": date|null},
     "counts": {"claims": n, "by_status": {status: n}, "by_kind": {kind: n},
                "by_relation": {relation: n}},
     "groups": [{"key", "title", "subtitle", "url", "claim_ids": [id, ...]}],
     "claims": [{"id", "ref", "text", "kind", "status", "status_label", "note", "evidence_url",
                 "speaker": {"name", "kind", "role"}|null,
                 "article": {"id", "ref", "title", "url", "source", "published"},
                 "figures": [{"text", "value", "unit", "what"}],
                 "changes": [{"link_id", "relation", "decision", "explanation", "old_value",
                              "new_value", "earlier": ClaimRef, "later": ClaimRef}],
                 "reviewed", "reviewer"}]}
Every string is cleaned of control and bidi characters; adding keys does not bump the version,
renaming or removing one does.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict

from factdesk.reporting.model import Report, ReportClaim, status_label
from factdesk.reporting.text import clean, one_line

SCHEMA_VERSION = 1
"""Version of the JSON report shape; bumped when a key is renamed or removed."""

_MULTILINE_KEYS = {"note"}
"""Keys whose line breaks are kept; every other string is made one line."""


def _claim(claim: ReportClaim) -> dict:
    return {
        "id": claim.id,
        "ref": claim.ref,
        "text": claim.text,
        "kind": claim.kind,
        "status": claim.status,
        "status_label": status_label(claim.status),
        "note": claim.note,
        "evidence_url": claim.evidence_url,
        "speaker": asdict(claim.speaker) if claim.speaker else None,
        "article": {"id": claim.article_id, "ref": claim.article_ref, "title": claim.article_title,
                    "url": claim.article_url, "source": claim.source, "published": claim.published},
        "figures": [asdict(f) for f in claim.figures],
        "changes": [asdict(c) for c in claim.changes],
        "reviewed": claim.reviewed,
        "reviewer": claim.reviewer,
    }


def scrub(value, key: str = ""):
    """Clean every string in a JSON-able tree; non-finite floats become null (JSON has no NaN)."""
    if isinstance(value, str):
        return clean(value) if key in _MULTILINE_KEYS else one_line(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: scrub(v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [scrub(v, key) for v in value]
    return value


def report_to_dict(report: Report, *, org: str | None = None) -> dict:
    """The report as plain JSON-able data (cleaned)."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "generated": report.generated_iso,
        "org": org,
        "scope": asdict(report.scope),
        "date_range": {"earliest": report.earliest, "latest": report.latest},
        "counts": {
            "claims": report.total,
            "by_status": dict(report.by_status),
            "by_kind": dict(report.by_kind),
            "by_relation": dict(report.by_relation),
        },
        "groups": [{"key": g.key, "title": g.title, "subtitle": g.subtitle, "url": g.url,
                    "claim_ids": [c.id for c in g.claims]} for g in report.groups],
        "claims": [_claim(c) for c in report.claims],
    }
    return scrub(data)


def render_json(report: Report, *, org: str | None = None, url_template: str | None = None) -> str:
    """The report as pretty-printed UTF-8 JSON text."""
    del url_template  # Claims carry their ids; URLs belong to ClaimReview.
    return json.dumps(report_to_dict(report, org=org), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


__all__ = ["SCHEMA_VERSION", "render_json", "report_to_dict", "scrub"]
