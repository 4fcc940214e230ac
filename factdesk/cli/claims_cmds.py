"""Provides `articles`, `claims`, `show`, `mark`, `history` and `undo`: reading and reviewing stored claims."""

from __future__ import annotations

import click

from factdesk import storage
from factdesk.cli.common import (
    claim_row,
    console,
    db_option,
    emit_csv,
    emit_jsonl,
    fail,
    figures_text,
    open_store,
    parse_id,
    print_table,
    resolve_reviewer,
    safe,
)
from factdesk.models import CLAIM_KINDS, STATUSES

TABLE_LIMIT = 50
"""Rows a table shows when no --limit is given; machine formats print everything."""
PAGE = 1000
"""Rows fetched per query when streaming JSONL/CSV, so memory stays flat on a big store."""
CONTEXT_CHARS = 400
"""How far `show` looks either side of a claim for the paragraph it sits in."""

CSV_COLUMNS = ["id", "ref", "article", "published", "source", "speaker", "speaker_role", "kind",
               "cue", "text", "status", "note", "evidence_url", "figures"]


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(1), default=None, help="Most articles to list.")
def articles(db_path, fmt, limit) -> None:
    """List stored articles, newest first."""
    db = open_store(db_path)
    if fmt == "jsonl":
        emit_jsonl({"id": a.id, "external_id": a.external_id, "title": a.title, "source": a.source,
                    "url": a.url, "published": a.published, "ingested": a.ingested,
                    "claims": a.claim_count, "chars": len(a.text)}
                   for a in _pages(lambda size, offset: storage.list_articles(db, size, offset), limit))
        return
    found = storage.list_articles(db, limit=limit or TABLE_LIMIT)
    print_table(["id", "external id", "published", "source", "title", "claims"],
                [(a.id, a.external_id, a.published or "", a.source or "", a.title or "", a.claim_count)
                 for a in found], widths={"title": 50})


def _filter(speaker, status, article, kind, search, has_figures, flagged, since, until):
    return storage.ClaimFilter(speaker=speaker, status=status, article=article, kind=kind, search=search,
                               has_figures=has_figures, flagged=flagged, since=since, until=until)


@click.command()
@db_option
@click.option("--speaker", help="Speaker name, alias or id.")
@click.option("--status", type=click.Choice(STATUSES))
@click.option("--article", help="Article external id or numeric id.")
@click.option("--kind", type=click.Choice(CLAIM_KINDS))
@click.option("--search", help="Words the claim must contain (full-text search).")
@click.option("--has-figures", is_flag=True, help="Only claims with numbers.")
@click.option("--flagged", is_flag=True, help="Only claims linked to an earlier claim.")
@click.option("--since", help="Published on or after (ISO date).")
@click.option("--until", help="Published on or before (ISO date).")
@click.option("--limit", type=click.IntRange(1), default=None,
              help=f"Most claims to show (table default {TABLE_LIMIT}; jsonl/csv: all).")
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--sort", type=click.Choice(list(storage.SORTS)), default="newest", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
def claims(db_path, speaker, status, article, kind, search, has_figures, flagged, since, until,
           limit, offset, sort, fmt) -> None:
    """List claims, filtered and sorted; JSONL lines carry the id `show` takes."""
    db = open_store(db_path)
    flt = _filter(speaker, status, article, kind, search, has_figures, flagged, since, until)
    if fmt == "table":
        found = storage.list_claims(db, flt, limit=limit or TABLE_LIMIT, offset=offset, sort=sort)
        total = storage.count_claims(db, flt)
        print_table(["id", "speaker", "kind", "status", "claim", "figures", "article"],
                    [(c.id, c.speaker_name or "", c.kind, c.status, c.text, figures_text(c.figures),
                      c.article_external_id) for c in found],
                    title=f"{len(found)} of {total} claims", widths={"claim": 70, "article": 20})
        return
    rows = (claim_row(c) for c in _stream(db, flt, limit, offset, sort))
    if fmt == "jsonl":
        emit_jsonl(rows)
    else:
        emit_csv(CSV_COLUMNS, ({**r, "figures": "; ".join(f["text"] for f in r["figures"])} for r in rows))


def _stream(db, flt, limit, offset, sort):
    """Claims page by page, never the whole table in memory."""
    return _pages(lambda size, off: storage.list_claims(db, flt, limit=size, offset=off, sort=sort), limit, offset)


def _pages(fetch, limit, offset=0):
    """Items of `fetch(size, offset)` page by page, up to `limit` (None: all)."""
    left = limit
    while left is None or left > 0:
        size = PAGE if left is None else min(PAGE, left)
        page = fetch(size, offset)
        yield from page
        if len(page) < size:
            return
        offset += size
        if left is not None:
            left -= size


def _claim_or_fail(db, claim_id: str):
    claim = storage.get_claim(db, parse_id(claim_id))
    if claim is None:
        fail(f"no claim with id {claim_id}")
    return claim


def _context(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The paragraph around a span (bounded), and the span's offsets within it."""
    lo = max(0, start - CONTEXT_CHARS)
    hi = min(len(text), end + CONTEXT_CHARS)
    para_start = text.rfind("\n\n", lo, start)
    para_end = text.find("\n\n", end, hi)
    lo = para_start + 2 if para_start != -1 else lo
    hi = para_end if para_end != -1 else hi
    return text[lo:hi], start - lo, end - lo


@click.command()
@click.argument("claim_id")
@db_option
def show(claim_id, db_path) -> None:
    """Show one claim: speaker, cue, figures, status, links, review history and its context."""
    from rich.text import Text

    db = open_store(db_path)
    c = _claim_or_fail(db, claim_id)
    out = console()
    lines = [
        ("claim", f"{c.id}" + (f" (archive id {c.external_id})" if c.external_id else "")),
        ("article", f"{c.article_external_id}" + (f" — {c.article_title}" if c.article_title else "")),
        ("published", f"{c.published or '?'}  {c.source or ''}"),
        ("speaker", (c.speaker_name or "(unattributed)") + (f", {c.speaker_role}" if c.speaker_role else "")),
        ("kind", f"{c.kind}" + (f"  cue: {c.cue_text}" if c.cue_text else "")),
        ("status", c.status), ("note", c.note or ""), ("evidence", c.evidence_url or ""),
        ("text", c.text),
    ]
    for label, value in lines:
        if value:
            out.print(Text(f"{label:>10}  ", style="bold").append(safe(value)))
    for f in c.figures:
        out.print(Text("    figure  ", style="bold").append(safe(f"{f.text} = {f.value:g}"
                                                               + (f" {f.unit}" if f.unit else "")
                                                               + (f" ({f.what})" if f.what else ""))))
    for link in storage.list_links(db, claim_id=c.id, limit=50):
        other = link.other_id if link.claim_id == c.id else link.claim_id
        out.print(Text("      link  ", style="bold").append(safe(
            f"#{link.id} {link.relation} with claim {other} [{link.decision}, {link.score:.0f}] {link.explanation}")))
    for e in storage.history(db, c.id):
        out.print(Text("    review  ", style="bold").append(safe(
            f"{e.time} {e.reviewer}: {e.field} {e.old or '—'} → {e.new or '—'}" + (f" ({e.note})" if e.note else ""))))
    article = storage.get_article(db, c.article_external_id)
    if article is not None and c.content:
        snippet, s, e = _context(article.text, c.start, c.end)
        out.print(Text("\n   context", style="bold"))
        text = safe(snippet[:s])
        mark_from = len(text)
        text.append(safe(snippet[s:e]))
        text.stylize("reverse", mark_from, len(text))
        out.print(text.append(safe(snippet[e:])))


@click.command()
@click.argument("claim_id")
@db_option
@click.option("--status", type=click.Choice(STATUSES), default=None, help="The new status.")
@click.option("--note", default=None, help="A note for the claim.")
@click.option("--evidence", default=None, help="URL of the evidence.")
@click.option("--reviewer", default=None, help="Default: $FACTDESK_REVIEWER, else your login name.")
def mark(claim_id, db_path, status, note, evidence, reviewer) -> None:
    """Set a claim's status, note or evidence (logged; `undo` reverses it)."""
    if status is None and note is None and evidence is None:
        raise click.UsageError("give at least one of --status, --note, --evidence")
    db = open_store(db_path)
    entries = storage.review_claim(db, parse_id(claim_id), resolve_reviewer(reviewer), status=status,
                                   note=note, evidence_url=evidence)
    if not entries:
        click.echo(f"claim {claim_id}: nothing changed")
    for e in entries:
        click.echo(f"claim {e.claim_id}: {e.field} {e.old or '—'} → {e.new or '—'}")


@click.command()
@click.argument("claim_id")
@db_option
def history(claim_id, db_path) -> None:
    """Show the review log of a claim, oldest first."""
    db = open_store(db_path)
    c = _claim_or_fail(db, claim_id)
    entries = storage.history(db, c.id)
    print_table(["entry", "time", "reviewer", "field", "old", "new", "note"],
                [(e.id, e.time, e.reviewer, e.field, e.old or "", e.new or "", e.note or "") for e in entries],
                title=f"claim {c.id}: {len(entries)} changes")


@click.command()
@db_option
@click.option("--reviewer", default=None, help="Whose last change to undo (default: you).")
def undo(db_path, reviewer) -> None:
    """Undo the reviewer's most recent change."""
    db = open_store(db_path)
    entries = storage.undo(db, resolve_reviewer(reviewer))
    if not entries:
        click.echo("nothing to undo")
    for e in entries:
        click.echo(f"claim {e.claim_id}: {e.field} back to {e.new or '—'}")


COMMANDS = [articles, claims, show, mark, history, undo]
