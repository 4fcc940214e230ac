"""Provides the Markdown report: a header with counts, then claims grouped by article or speaker; no UI here.

Every piece of untrusted text goes through `md` (or `md_cell` inside tables), so a claim like
"| # * _ [x](javascript:…)" stays literal text and cannot break the layout or make a link.
"""

from __future__ import annotations

import re

from factdesk.reporting.model import (
    Report,
    ReportChange,
    ReportClaim,
    change_summary,
    decision_label,
    human_time,
    relation_label,
    status_label,
)
from factdesk.reporting.text import is_linkable, one_line

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!])")
"""Characters Markdown (CommonMark + GFM tables/strikethrough) could read as syntax."""

_LIST_START = re.compile(r"^(\d+)([.)])")
"""A line starting "2013." would become an ordered list."""


def md(text: object) -> str:
    """Untrusted text as one line of literal Markdown."""
    out = _MD_SPECIAL.sub(r"\\\1", one_line(text))
    out = _LIST_START.sub(r"\1\\\2", out)
    if out[:1] in ("-", "+", "="):
        out = "\\" + out
    return out


def md_cell(text: object) -> str:
    """Literal text for a table cell (pipes are escaped by `md`)."""
    return md(text) or " "


def md_url(url: str) -> str:
    """A link target: http(s) only, angle-bracketed with anything that could end it escaped."""
    target = one_line(url).replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    return f"<{target}>"


def _link(label: str, url: str | None) -> str:
    if not url:
        return md(label)
    if is_linkable(url):
        # A bare URL becomes an autolink; anything else a labelled link.
        return md_url(url) if one_line(label) == one_line(url) else f"[{md(label)}]({md_url(url)})"
    return f"{md(label)} ({md(url)})" if label != url else md(url)


def _cite(ref) -> str:
    where = ", ".join(md(x) for x in (ref.source, ref.published) if x) or "undated"
    title = f", {_link(ref.article_title, ref.article_url)}" if ref.article_title else ""
    who = f" — {md(ref.speaker)}" if ref.speaker and ref.speaker != ref.source else ""
    return f"*{md(ref.text)}*{who} ({where}{title}; claim {ref.id})"


def _change_lines(change: ReportChange) -> list[str]:
    head = f"- **{md(change_summary(change))}** ({md(decision_label(change.decision))})"
    lines = [head]
    if change.explanation:
        lines.append(f"  - {md(change.explanation)}")
    lines.append(f"  - Old: {_cite(change.earlier)}")
    lines.append(f"  - New: {_cite(change.later)}")
    return lines


def _claim_lines(n: int, claim: ReportClaim, group: str) -> list[str]:
    who = md(claim.speaker.name) if claim.speaker else "Unattributed"
    if claim.speaker and claim.speaker.role:
        who += f", {md(claim.speaker.role)}"
    lines = [f"### {n}. {who} — **{status_label(claim.status).upper()}**", "",
             f"> {md(claim.text)}", ""]
    facts = [f"- Claim {md(claim.ref)} · {md(claim.kind)}"]
    if group == "speaker":
        where = ", ".join(md(x) for x in (claim.source, claim.published) if x)
        title = _link(claim.article_title or claim.article_ref, claim.article_url)
        facts.append(f"- Article: {title}" + (f" ({where})" if where else ""))
    if claim.note:
        facts.append(f"- Note: {md(claim.note)}")
    if claim.evidence_url:
        facts.append(f"- Evidence: {_link(claim.evidence_url, claim.evidence_url)}")
    if claim.figures:
        figs = "; ".join(md(f.text) + (f" ({md(f.what)})" if f.what else "") for f in claim.figures)
        facts.append(f"- Figures: {figs}")
    if claim.reviewed:
        by = f" by {md(claim.reviewer)}" if claim.reviewer else ""
        facts.append(f"- Last reviewed: {md(human_time(claim.reviewed))}{by}")
    lines += facts
    if claim.changes:
        lines += ["", "Flagged changes:", ""]
        for change in claim.changes:
            lines += _change_lines(change)
    return lines + [""]


def _count_table(title: str, rows: list[tuple[str, int]]) -> list[str]:
    return [f"| {title} | Claims |", "| --- | ---: |",
            *(f"| {md_cell(k)} | {n} |" for k, n in rows), ""]


def render_markdown(report: Report, *, org: str | None = None, url_template: str | None = None) -> str:
    """The report as GitHub-flavoured Markdown."""
    del url_template  # Markdown cites claims by id; URLs belong to ClaimReview.
    out = [f"# Fact-check report{' — ' + md(org) if org else ''}", ""]
    out.append(f"- Scope: {md(report.scope.describe())}; grouped by {md(report.scope.group)}")
    out.append(f"- Articles published: {md(report.date_range)}")
    out.append(f"- Generated: {md(human_time(report.generated))}")
    out.append(f"- Claims: {report.total}")
    out.append("")
    out += _count_table("Status", [(status_label(s), n) for s, n in report.by_status if n])
    out += _count_table("Kind", [(k, n) for k, n in report.by_kind if n])
    flags = [(relation_label(r), n) for r, n in report.by_relation if n]
    if flags:
        out += ["| Flagged change | Count |", "| --- | ---: |",
                *(f"| {md_cell(k)} | {n} |" for k, n in flags), ""]
    if not report.groups:
        out += ["_No claims in scope._", ""]
    n = 0
    for group in report.groups:
        out += [f"## {md(group.title)}", ""]
        meta = [md(group.subtitle)] if group.subtitle else []
        if group.url:
            meta.append(_link(group.url, group.url))
        if meta:
            out += [" · ".join(meta), ""]
        for claim in group.claims:
            n += 1
            out += _claim_lines(n, claim, report.scope.group)
    return "\n".join(out).rstrip("\n") + "\n"


__all__ = ["md", "md_cell", "render_markdown"]
