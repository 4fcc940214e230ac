"""Provides the HTML report: one self-contained, print-ready file (inline CSS, no scripts, no fetches); no UI here.

Every text and attribute value goes through `esc` (cleaned, then html.escape with quotes), so a
claim containing `<script>` is shown as text. Only http(s) URLs become links. A strict
Content-Security-Policy meta tag backs this up: even a missed escape could not run a script or
fetch anything.
"""

from __future__ import annotations

import html

from factdesk.reporting.model import (
    ClaimRef,
    Report,
    ReportChange,
    ReportClaim,
    ReportGroup,
    change_summary,
    decision_label,
    human_time,
    relation_label,
    status_label,
)
from factdesk.reporting.text import clean, is_linkable, one_line

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
"""Nothing may load or run: the only resource is the inline stylesheet."""

CSS = """
:root { --ink: #1d1d1f; --muted: #5b5b66; --rule: #d9d9e0; --paper: #fff; --tint: #f6f6f9; }
* { box-sizing: border-box; }
html { font-size: 15px; }
body { margin: 0 auto; max-width: 52rem; padding: 2rem 1.5rem 4rem; color: var(--ink);
  background: var(--paper); line-height: 1.45;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .2rem; padding-top: .6rem; border-top: 2px solid var(--ink); }
a { color: #0b57d0; overflow-wrap: anywhere; }
.org { color: var(--muted); font-weight: 600; margin: 0 0 1rem; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 1rem 0; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
.counts { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 1rem 2.5rem; margin: 1rem 0 1.5rem; }
.counts table { border-collapse: collapse; min-width: 12rem; }
.counts caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
.counts td, .counts th { padding: .2rem .6rem .2rem 0; border-bottom: 1px solid var(--rule); text-align: left; }
.counts td.n { text-align: right; font-variant-numeric: tabular-nums; }
.group-meta { color: var(--muted); margin: 0 0 1rem; }
.claim { border: 1px solid var(--rule); border-left: 6px solid var(--status, #8a8a94); border-radius: 4px;
  padding: .8rem 1rem; margin: 0 0 1rem; break-inside: avoid; page-break-inside: avoid; }
.claim-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: .3rem .6rem; }
.num { color: var(--muted); font-variant-numeric: tabular-nums; }
.speaker { font-weight: 600; }
.role { color: var(--muted); }
.badge { display: inline-block; padding: .1rem .55rem; border-radius: 999px; font-size: .78rem;
  font-weight: 700; letter-spacing: .04em; text-transform: uppercase; color: #fff;
  background: var(--status, #8a8a94); border: 1px solid var(--status, #8a8a94);
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.claim-head .badge { margin-left: auto; }
.status-verified { --status: #1e7b34; }
.status-false { --status: #b3261e; }
.status-misleading { --status: #a8540a; }
.status-disputed { --status: #6a3fa0; }
.status-unverifiable { --status: #46566b; }
.status-unverified { --status: #8a8a94; }
.status-unverified .badge, .badge.status-unverified { background: #fff; color: #4a4a55; border-style: dashed; }
blockquote { margin: .6rem 0; padding: 0 0 0 .7rem; border-left: 2px solid var(--rule); font-size: 1.08rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .8rem; margin: .4rem 0 0;
  font-size: .93rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.changes { margin: .7rem 0 0; }
.change { background: var(--tint); border-radius: 4px; padding: .5rem .7rem; margin: .4rem 0 0;
  font-size: .93rem; break-inside: avoid; }
.change-head { font-weight: 600; margin: 0 0 .3rem; }
.change-head .decision { font-weight: 400; color: var(--muted); }
.change-why { margin: 0 0 .3rem; color: var(--muted); }
.change table { border-collapse: collapse; width: 100%; }
.change th { text-align: left; vertical-align: top; width: 3rem; padding: .15rem .5rem .15rem 0; color: var(--muted);
  font-weight: 600; }
.change td { padding: .15rem 0; vertical-align: top; }
.cite { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule);
  padding-top: .5rem; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .group-meta { break-after: avoid; }
  a { color: inherit; }
}
"""
"""Inline stylesheet: the report is one file, so nothing is fetched (no fonts, images or scripts)."""


def esc(text: object) -> str:
    """Untrusted text, cleaned and escaped for element content and quoted attributes."""
    return html.escape(clean(text), quote=True)


def esc1(text: object) -> str:
    """As `esc`, but on one line (claims, names)."""
    return html.escape(one_line(text), quote=True)


def link(label: object, url: str | None, css: str = "") -> str:
    """An <a> for an http(s) URL; anything else is shown as plain text."""
    if not url:
        return esc1(label)
    if not is_linkable(url):
        return esc1(label) if one_line(label) == one_line(url) else f"{esc1(label)} ({esc1(url)})"
    cls = f' class="{css}"' if css else ""
    return f'<a{cls} href="{esc1(url)}" rel="noopener noreferrer nofollow">{esc1(label)}</a>'


def _badge(status: str) -> str:
    return f'<span class="badge status-{esc1(status)}">{esc1(status_label(status))}</span>'


def _cite(ref: ClaimRef) -> str:
    where = ", ".join(esc1(x) for x in (ref.source, ref.published) if x) or "undated"
    if ref.speaker and ref.speaker != ref.source:  # an outlet's own narrative: "AFP — AFP" says nothing
        where = f"{esc1(ref.speaker)} — {where}"
    article = f" · {link(ref.article_title, ref.article_url)}" if ref.article_title else ""
    return f'{esc1(ref.text)}<br><span class="cite">{where}{article} · claim {ref.id}</span>'


def _change(change: ReportChange) -> str:
    decision = f' <span class="decision">({esc1(decision_label(change.decision))})</span>'
    why = f'<p class="change-why">{esc1(change.explanation)}</p>' if change.explanation else ""
    return (f'<div class="change change-{esc1(change.relation)}">'
            f'<p class="change-head">{esc1(change_summary(change))}{decision}</p>{why}'
            f"<table><tr><th>Old</th><td>{_cite(change.earlier)}</td></tr>"
            f"<tr><th>New</th><td>{_cite(change.later)}</td></tr></table></div>")


def _claim(n: int, claim: ReportClaim, group: str) -> str:
    head = [f'<span class="num">{n}.</span>']
    if claim.speaker:
        head.append(f'<span class="speaker">{esc1(claim.speaker.name)}</span>')
        if claim.speaker.role:
            head.append(f'<span class="role">{esc1(claim.speaker.role)}</span>')
    else:
        head.append('<span class="speaker">Unattributed</span>')
    head.append(_badge(claim.status))
    facts = [("Claim", f"{esc1(claim.ref)} · {esc1(claim.kind)}")]
    if group == "speaker":
        where = ", ".join(esc1(x) for x in (claim.source, claim.published) if x)
        facts.append(("Article", link(claim.article_title or claim.article_ref, claim.article_url)
                      + (f" ({where})" if where else "")))
    if claim.note:
        facts.append(("Note", esc(claim.note).replace("\n", "<br>")))
    if claim.evidence_url:
        facts.append(("Evidence", link(claim.evidence_url, claim.evidence_url, css="evidence")))
    if claim.figures:
        facts.append(("Figures", "; ".join(esc1(f.text) + (f" <span class=\"cite\">({esc1(f.what)})</span>"
                                                          if f.what else "") for f in claim.figures)))
    if claim.reviewed:
        by = f" by {esc1(claim.reviewer)}" if claim.reviewer else ""
        facts.append(("Reviewed", f"{esc1(human_time(claim.reviewed))}{by}"))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    changes = ""
    if claim.changes:
        changes = '<div class="changes">' + "".join(_change(c) for c in claim.changes) + "</div>"
    return (f'<article class="claim status-{esc1(claim.status)}" id="claim-{claim.id}">'
            f'<div class="claim-head">{"".join(head)}</div>'
            f"<blockquote>{esc1(claim.text)}</blockquote>"
            f'<dl class="facts">{dl}</dl>{changes}</article>')


def _group(group: ReportGroup, start: int, grouping: str) -> str:
    meta = [esc1(group.subtitle)] if group.subtitle else []
    if group.url:
        meta.append(link(group.url, group.url))
    meta_html = f'<p class="group-meta">{" · ".join(meta)}</p>' if meta else ""
    claims = "".join(_claim(start + i, c, grouping) for i, c in enumerate(group.claims, 1))
    return f"<section class=\"group\"><h2>{esc1(group.title)}</h2>{meta_html}{claims}</section>"


def _table(caption: str, rows: list[tuple[str, int]]) -> str:
    body = "".join(f'<tr><td>{label}</td><td class="n">{n}</td></tr>' for label, n in rows)
    return f"<table><caption>{esc1(caption)}</caption>{body}</table>"


def render_html(report: Report, *, org: str | None = None, url_template: str | None = None) -> str:
    """The report as one standalone HTML5 document."""
    del url_template  # The HTML cites claims by id; URLs belong to ClaimReview.
    title = "Fact-check report" + (f" — {one_line(org)}" if org else "")
    meta = [("Scope", esc1(report.scope.describe())), ("Grouped by", esc1(report.scope.group)),
            ("Articles published", esc1(report.date_range)), ("Generated", esc1(human_time(report.generated))),
            ("Claims", str(report.total))]
    tables = [_table("By status", [(_badge(s), n) for s, n in report.by_status if n]),
              _table("By kind", [(esc1(k), n) for k, n in report.by_kind if n])]
    flags = [(esc1(relation_label(r)), n) for r, n in report.by_relation if n]
    if flags:
        tables.append(_table("Flagged changes", flags))
    body, n = [], 0
    for group in report.groups:
        body.append(_group(group, n, report.scope.group))
        n += len(group.claims)
    if not body:
        body.append('<p class="empty">No claims in scope.</p>')
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{html.escape(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>Fact-check report</h1>",
        f'<p class="org">{esc1(org)}</p>' if org else "",
        '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in meta) + "</dl>",
        '<div class="counts">' + "".join(tables) + "</div>",
        "</header>",
        "<main>",
        *body,
        "</main>",
        f"<footer>Generated by factdesk on {esc1(human_time(report.generated))}.</footer>",
        "</body>",
        "</html>",
        "",
    ])


__all__ = ["CSS", "esc", "link", "render_html"]
