"""End-to-end tests of the factdesk command line with CliRunner and tmp_path stores."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factdesk import storage
from factdesk.cli import cli

FIXTURES = Path(__file__).parent.parent / "fixtures"
ARTICLES = FIXTURES / "articles"
BAD = FIXTURES / "bad"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "claims.db"


def invoke(runner, *args, input=None):
    return runner.invoke(cli, [str(a) for a in args], input=input)


@pytest.fixture
def stored(runner, db_path):
    """A store with the fixture articles ingested through the CLI."""
    result = invoke(runner, "ingest", ARTICLES, "--db", db_path)
    assert result.exit_code == 0, result.output + result.stderr
    return db_path


def counts(path):
    db = storage.open_db(path)
    try:
        return storage.counts(db)
    finally:
        db.close()


def test_ingest_prints_one_summary_line(stored, runner):
    result = invoke(runner, "ingest", ARTICLES / "harbour-strike.txt", "--db", stored)
    assert result.exit_code == 0
    assert result.stdout == ("ingested 0 articles: 0 claims, 0 new speakers, 0 flags; "
                             "1 skipped (already stored)\n")
    assert "already stored" in result.stderr


def test_ingest_single_file_flags_and_stdin(runner, db_path):
    result = invoke(runner, "ingest", ARTICLES / "harbour-strike.txt", "--db", db_path, "--id", "strike-1",
                    "--title", "Dock strike", "--source", "PA", "--date", "5 March 2024")
    assert result.exit_code == 0, result.stderr
    result = invoke(runner, "ingest", "-", "--db", db_path, "--id", "piped",
                    input="The mayor said that 12 schools had closed.\n")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in invoke(runner, "articles", "--db", db_path, "--format", "jsonl").stdout.splitlines()]
    by_id = {r["external_id"]: r for r in rows}
    assert by_id["strike-1"]["title"] == "Dock strike" and by_id["strike-1"]["published"] == "2024-03-05"
    assert "piped" in by_id


def test_single_file_flags_refused_for_many_files(runner, db_path):
    result = invoke(runner, "ingest", ARTICLES, "--db", db_path, "--id", "x")
    assert result.exit_code == 2 and "single file" in result.stderr


@pytest.mark.parametrize("name, problem", [
    ("empty.txt", "empty file"),
    ("whitespace.txt", "empty file"),
    ("nul-bytes.txt", "binary file"),
    ("png-renamed.txt", "binary file"),
    ("bad-front-matter.md", "malformed front matter"),
    ("does-not-exist.txt", "no such file or directory"),
])
def test_bad_file_one_line_exit_1_store_unchanged(stored, runner, name, problem):
    before = counts(stored)
    result = invoke(runner, "ingest", BAD / name, "--db", stored)
    assert result.exit_code == 1
    assert result.stderr == f"factdesk: {BAD / name}: {result.stderr.split(': ', 2)[2]}"
    assert problem in result.stderr and result.stderr.count("\n") == 1
    assert "1 failed" in result.stdout
    assert counts(stored) == before


def test_malformed_jsonl_line_others_ingested(runner, db_path):
    result = invoke(runner, "ingest", BAD / "broken-line.jsonl", "--db", db_path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"factdesk: {BAD / 'broken-line.jsonl'}:2: malformed JSON")
    assert result.stdout.startswith("ingested 2 articles") and result.stdout.endswith("1 failed\n")


def test_not_sqlite_and_newer_schema_exit_2(runner, tmp_path):
    result = invoke(runner, "claims", "--db", BAD / "not-a-database.db")
    assert result.exit_code == 2 and "not a SQLite database" in result.stderr
    assert result.stderr.count("\n") == 1
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    for args in (["claims"], ["ingest", ARTICLES / "harbour-strike.txt"]):
        result = invoke(runner, *args, "--db", newer)
        assert result.exit_code == 2 and "newer factdesk" in result.stderr
        assert "Traceback" not in result.output


def test_unexpected_error_is_one_line_unless_debug(runner, db_path, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(storage, "list_claims", boom)
    invoke(runner, "articles", "--db", db_path)
    result = invoke(runner, "claims", "--db", db_path)
    assert result.exit_code == 1
    assert result.stderr == ("factdesk: unexpected error: RuntimeError: disk on fire "
                             "(run with --debug for the traceback)\n")
    result = runner.invoke(cli, ["--debug", "claims", "--db", str(db_path)])
    assert isinstance(result.exception, RuntimeError)


def test_claims_formats_and_filters(stored, runner):
    result = invoke(runner, "claims", "--db", stored, "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all("id" in r and "text" in r for r in rows)
    assert len(rows) == counts(stored)["claims"]
    some = invoke(runner, "claims", "--db", stored, "--format", "jsonl", "--article", "wire-002", "--limit", "1")
    assert [json.loads(line)["article"] for line in some.stdout.splitlines()] == ["wire-002"]
    with_figs = invoke(runner, "claims", "--db", stored, "--format", "jsonl", "--has-figures")
    assert all(json.loads(line)["figures"] for line in with_figs.stdout.splitlines())
    table = invoke(runner, "claims", "--db", stored, "--search", "miners")
    assert table.exit_code == 0 and "miners" in table.stdout
    csv_out = invoke(runner, "claims", "--db", stored, "--format", "csv")
    assert csv_out.stdout.splitlines()[0].startswith("id,ref,article")


def test_claim_text_is_cleaned_in_tables_and_guarded_in_csv(runner, db_path, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("=cmd said \x1b[31mthe\x1b[0m minister [bold]loudly[/bold], adding that 40 people had died.\n")
    invoke(runner, "ingest", hostile, "--db", db_path)
    table = invoke(runner, "claims", "--db", db_path)
    assert "\x1b" not in table.stdout
    articles = invoke(runner, "articles", "--db", db_path)
    assert "\x1b" not in articles.stdout
    db = storage.open_db(db_path)
    db.execute("UPDATE claims SET text = '=HYPERLINK(1)' WHERE id = 1")
    db.conn.commit()
    db.close()
    csv_out = invoke(runner, "claims", "--db", db_path, "--format", "csv")
    assert "'=HYPERLINK(1)" in csv_out.stdout


def test_show_mark_history_undo(stored, runner):
    claim_id = json.loads(invoke(runner, "claims", "--db", stored, "--format", "jsonl").stdout.splitlines()[0])["id"]
    shown = invoke(runner, "show", claim_id, "--db", stored)
    assert shown.exit_code == 0 and "context" in shown.stdout
    marked = invoke(runner, "mark", claim_id, "--status", "false", "--note", "wrong count",
                    "--evidence", "https://example.org/e", "--reviewer", "ann", "--db", stored)
    assert marked.exit_code == 0 and "unverified → false" in marked.stdout
    hist = invoke(runner, "history", claim_id, "--db", stored)
    assert "ann" in hist.stdout and "wrong count" in hist.stdout
    undone = invoke(runner, "undo", "--reviewer", "ann", "--db", stored)
    assert "status back to unverified" in undone.stdout
    assert invoke(runner, "undo", "--reviewer", "ann", "--db", stored).stdout == "nothing to undo\n"
    bad = invoke(runner, "show", "999999", "--db", stored)
    assert bad.exit_code == 1 and bad.stderr == "factdesk: no claim with id 999999\n"
    assert invoke(runner, "mark", claim_id, "--db", stored).exit_code == 2


def test_speakers_list_rename_merge_split(stored, runner):
    listed = invoke(runner, "speakers", "--db", stored)
    assert listed.exit_code == 0 and "Sarah Lyons" in listed.stdout
    renamed = invoke(runner, "speakers", "rename", "Sarah Lyons", "Sarah J. Lyons", "--db", stored)
    assert renamed.exit_code == 0, renamed.stderr
    db = storage.open_db(stored)
    keep, other = storage.list_speakers(db)[:2]
    db.close()
    merged = invoke(runner, "speakers", "merge", str(keep.id), other.name, "--db", stored)
    assert merged.exit_code == 0 and "merged" in merged.stdout
    split = invoke(runner, "speakers", "split", str(keep.id), other.name, "--db", stored)
    assert split.exit_code == 0, split.stderr
    missing = invoke(runner, "speakers", "merge", "Nobody", "1", "--db", stored)
    assert missing.exit_code == 1 and missing.stderr.startswith("factdesk: no speaker named")


def test_flags_and_link(runner, db_path, tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("The interior minister said that 40 people had died in the clashes near Gao on Tuesday.\n")
    new.write_text("The interior minister said that 52 people had died in the clashes near Gao on Tuesday, "
                   "raising the toll.\n")
    invoke(runner, "ingest", old, "--db", db_path, "--date", "2024-01-01")
    invoke(runner, "ingest", new, "--db", db_path, "--date", "2024-01-02")
    rows = [json.loads(line) for line in
            invoke(runner, "flags", "--db", db_path, "--format", "jsonl", "--decision", "all").stdout.splitlines()]
    assert rows, "the matching engine found no link between the two reports"
    row = rows[0]
    assert set(row) >= {"relation", "score", "tier", "explanation", "old", "new"}
    assert row["old"]["article"] == "old" and row["new"]["article"] == "new"
    decided = invoke(runner, "link", row["id"], "--confirm", "--db", db_path)
    assert decided.exit_code == 0 and "confirmed" in decided.stdout
    assert invoke(runner, "flags", "--db", db_path, "--decision", "confirmed").exit_code == 0
    assert invoke(runner, "link", row["id"], "--db", db_path).exit_code == 2


def test_match_text_and_queries(stored, runner, tmp_path):
    one = invoke(runner, "match", "miners trapped in a tunnel", "--db", stored, "--format", "jsonl")
    row = json.loads(one.stdout)
    assert row["query"] == "query" and row["matches"] and {"id", "score"} <= set(row["matches"][0])
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": "q1", "text": "dock workers strike"}\n{"id": "q2", "text": "flood homes"}\n')
    many = invoke(runner, "match", "--queries", queries, "--db", stored, "--format", "jsonl", "--limit", "2")
    assert [json.loads(line)["query"] for line in many.stdout.splitlines()] == ["q1", "q2"]
    assert invoke(runner, "match", "--db", stored).exit_code == 2
    before = counts(stored)
    invoke(runner, "match", "anything at all", "--db", stored)
    assert counts(stored) == before


def test_extract_jsonl_contract_without_a_store(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("FACTDESK_DB", str(tmp_path / "never.db"))
    result = invoke(runner, "extract", ARTICLES / "harbour-strike.txt", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    text = (ARTICLES / "harbour-strike.txt").read_bytes().decode("utf-8")
    assert rows
    for r in rows:
        assert {"file", "kind", "speaker", "speaker_mention", "cue", "content", "text", "figures"} <= set(r)
        assert r["file"] == str(ARTICLES / "harbour-strike.txt")
        for s, e in r["content"]:
            assert 0 <= s < e <= len(text)
    assert not (tmp_path / "never.db").exists()
    table = invoke(runner, "extract", ARTICLES / "folder", BAD / "empty.txt")
    assert table.exit_code == 1 and "empty file" in table.stderr and "tram-fares" in table.stdout


def test_import_and_reimport(runner, db_path):
    archive = FIXTURES / "archive" / "verified_claims.tsv"
    first = invoke(runner, "import", archive, "--db", db_path)
    assert first.exit_code == 0 and first.stdout.startswith("imported 2 claims")
    again = invoke(runner, "import", archive, "--db", db_path)
    assert "2 skipped (already stored)" in again.stdout
    rows = [json.loads(line) for line in invoke(runner, "claims", "--db", db_path, "--format", "jsonl").stdout.splitlines()]
    assert sorted(r["ref"] for r in rows) == ["0", "1"] and {r["kind"] for r in rows} == {"imported"}


def test_export_writes_a_report(stored, runner, tmp_path):
    out = tmp_path / "report.md"
    result = invoke(runner, "export", "--db", stored, "--format", "md", "-o", out)
    assert result.exit_code == 0 and out.read_text(encoding="utf-8")
    csv_out = invoke(runner, "export", "--db", stored, "--format", "csv")
    assert csv_out.exit_code == 0 and "claim" in csv_out.stdout.splitlines()[0]


def test_doctor(stored, runner, tmp_path):
    result = invoke(runner, "doctor", "--db", stored)
    assert result.exit_code == 0, result.stdout
    assert "files match the published hashes" in result.stdout and "schema" in result.stdout
    fresh = invoke(runner, "doctor", "--db", tmp_path / "none.db")
    assert "not created yet" in fresh.stdout and not (tmp_path / "none.db").exists()


def test_version(runner):
    from factdesk import __version__

    assert invoke(runner, "--version").stdout == f"factdesk, version {__version__}\n"


def test_importing_the_cli_loads_neither_spacy_nor_textual():
    code = ("import sys, factdesk.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'textual', 'thinc')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("args", [["claims"], ["show", "1"], ["doctor"], ["speakers"], ["flags"],
                                  ["export", "--format", "json"], ["articles"]])
def test_store_commands_never_import_spacy(args, tmp_path):
    code = ("import sys; from factdesk.cli import cli; "
            "from click.testing import CliRunner; CliRunner().invoke(cli, sys.argv[1:]); "
            "print('spacy' in sys.modules, 'textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, *args, "--db", str(tmp_path / "c.db")],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"
