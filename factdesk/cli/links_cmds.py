"""Provides `match` (find stored claims like a text), `flags` (links found at ingest) and `link` (decide one)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click

from factdesk import storage
from factdesk.cli.common import db_option, emit_jsonl, fail, open_store, parse_id, print_table
from factdesk.models import RELATIONS
from factdesk.readers import ReadError, decode_bytes, read_bytes

QUERY_ID_FIELDS = ("id", "query", "query_id", "qid", "")
QUERY_TEXT_FIELDS = ("text", "query_text", "tweet_content", "claim")


def read_queries(path: Path):
    """(id, text) pairs from a JSONL file ({"id", "text"}) or a TSV/CSV with a header row.

    Raises:
        ReadError: the file is missing, binary, empty or has no text column.
    """
    name = str(path)
    if not path.is_file():
        raise ReadError(name, "no such file")
    text = decode_bytes(read_bytes(path, name), name)
    if path.suffix.lower() in (".tsv", ".csv"):
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
        fields = [(f or "").strip().lower() for f in reader.fieldnames or ()]
        text_col = next((i for i, f in enumerate(fields) if f in QUERY_TEXT_FIELDS), 1 if len(fields) > 1 else None)
        if text_col is None:
            raise ReadError(name, "no query text column")
        raw = reader.fieldnames
        for n, row in enumerate(reader, start=1):
            yield (row.get(raw[0]) or str(n)).strip(), row.get(raw[text_col]) or ""
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReadError(name, f"malformed JSON: {exc.msg}", lineno) from exc
        if not isinstance(obj, dict):
            raise ReadError(name, "expected a JSON object with \"id\" and \"text\"", lineno)
        qid = next((obj[k] for k in QUERY_ID_FIELDS if obj.get(k) not in (None, "")), lineno)
        qtext = next((obj[k] for k in QUERY_TEXT_FIELDS if isinstance(obj.get(k), str)), None)
        if qtext is None:
            raise ReadError(name, "no \"text\" string", lineno)
        yield qid, qtext


@click.command()
@click.argument("text", required=False)
@db_option
@click.option("--queries", type=click.Path(path_type=Path), default=None,
              help="JSONL of {\"id\", \"text\"} (or TSV id<TAB>text) to match in bulk.")
@click.option("--limit", type=click.IntRange(1, 1000), default=5, show_default=True, help="Matches per query.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def match(text, db_path, queries, limit, fmt) -> None:
    """Find stored claims like TEXT (not stored), or like each query in --queries."""
    from factdesk.linking import match_text

    if (text is None) == (queries is None):
        raise click.UsageError("give either TEXT or --queries FILE")
    db = open_store(db_path)
    batch = read_queries(queries) if queries is not None else [("query", text)]
    for qid, qtext in batch:
        found = match_text(db, qtext, limit)
        if fmt == "jsonl":
            emit_jsonl([{"query": qid, "matches": [{"id": c.ref, "score": round(s, 2), "why": why}
                                                   for c, s, why in found]}])
        else:
            print_table(["id", "score", "speaker", "claim", "why"],
                        [(c.ref, f"{s:.0f}", c.speaker_name or "", c.text, why) for c, s, why in found],
                        title=f"matches for {qid}" if queries else None, widths={"claim": 60, "why": 40})


def flag_row(link, claims: dict) -> dict:
    """A link as the JSON object score_stories.py reads: old = earlier claim, new = newer."""
    def side(claim_id, value):
        c = claims.get(claim_id)
        return {"article": c.article_external_id if c else None, "claim": claim_id, "value": value,
                "text": c.text if c else None, "speaker": c.speaker_name if c else None,
                "date": c.published if c else None}

    return {"id": link.id, "relation": link.relation, "score": link.score, "tier": link.tier,
            "decision": link.decision, "explanation": link.explanation,
            "old": side(link.other_id, link.old_value), "new": side(link.claim_id, link.new_value)}


@click.command()
@db_option
@click.option("--relation", type=click.Choice(RELATIONS), default=None)
@click.option("--decision", type=click.Choice(["open", "confirmed", "rejected", "all"]), default="open",
              show_default=True)
@click.option("--limit", type=click.IntRange(1), default=None, help="Most flags to show (default all).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def flags(db_path, relation, decision, limit, fmt) -> None:
    """List links between claims found at ingest: repeats, updated figures, contradictions."""
    db = open_store(db_path)
    offset, page, rows = 0, 500, []
    while limit is None or offset < limit:
        size = page if limit is None else min(page, limit - offset)
        links = storage.list_links(db, relation=relation, decision=None if decision == "all" else decision,
                                   limit=size, offset=offset)
        claims = {c.id: c for c in storage.get_claims(db, sorted({i for l in links for i in (l.claim_id, l.other_id)}))}
        out = [flag_row(link, claims) for link in links]
        if fmt == "jsonl":
            emit_jsonl(out)
        else:
            rows.extend(out)
        if len(links) < size:
            break
        offset += size
    if fmt == "table":
        def value(v):
            return "" if v is None else f"{v:g}"

        print_table(["link", "relation", "tier", "score", "old", "new", "explanation"],
                    [(r["id"], r["relation"], r["tier"], f"{r['score']:.0f}",
                      f"{r['old']['article']} #{r['old']['claim']} {value(r['old']['value'])}",
                      f"{r['new']['article']} #{r['new']['claim']} {value(r['new']['value'])}",
                      r["explanation"]) for r in rows], title=f"{len(rows)} flags ({decision})",
                    widths={"explanation": 60})


@click.command()
@click.argument("link_id")
@db_option
@click.option("--confirm", "decision", flag_value="confirmed", help="The link is real.")
@click.option("--reject", "decision", flag_value="rejected", help="The link is wrong; never flag this pair again.")
@click.option("--reopen", "decision", flag_value="open", help="Undecide.")
def link(link_id, db_path, decision) -> None:
    """Decide a flagged link: --confirm, --reject or --reopen."""
    if decision is None:
        raise click.UsageError("give one of --confirm, --reject, --reopen")
    db = open_store(db_path)
    decided = storage.decide_link(db, parse_id(link_id, "link"), decision)
    click.echo(f"link {decided.id} ({decided.relation}, claim {decided.other_id} → {decided.claim_id}): {decided.decision}")


COMMANDS = [match, flags, link]

__all__ = ["COMMANDS", "fail", "flag_row", "read_queries"]
