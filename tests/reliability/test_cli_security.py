"""Nothing let in through the command line: hostile filter values are data, never SQL or FTS5
syntax, and article text never reaches the terminal with its control sequences.

The store is built once from the hostile fixtures (in-process, one spaCy load) and every
command runs through click's CliRunner with FACTDESK_DEBUG=1, so an unexpected exception
surfaces as itself instead of the one-line "unexpected error" the CLI would print.
"""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from factdesk import storage
from factdesk.cli import cli
from factdesk.ingest import ingest_paths
from tests.reliability.helpers import HOSTILE, TERMINAL_POISON, fingerprint

HOSTILE_INPUTS = ["control_sequences.jsonl", "control_sequences.txt", "hostile.html", "good.txt",
                  "cp1252.txt", "weird_numbers.txt", "unbalanced_quotes.txt"]

INJECTIONS = [
    '" OR 1=1 --',
    "x' OR '1'='1",
    "'; DROP TABLE claims; --",
    '"unbalanced',
    "NEAR(",
    "NEAR(a b, 3)",
    "a AND OR NOT b",
    "col:claims",
    "text:*",
    "*",
    "^start",
    "%",
    "_",
    "\\",
    "\x00",
    "\x1b[31m",
    "ⅷ٣∞",
    "a" * 100_000,
    "word " * 20_000,
]
INJECTION_IDS = [repr(v[:20]) + (f"+{len(v)}" if len(v) > 20 else "") for v in INJECTIONS]


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory, nlp):
    """A store holding the hostile fixtures, with one review so every table has rows."""
    path = tmp_path_factory.mktemp("hostile") / "claims.db"
    db = storage.open_db(path)
    result = ingest_paths(db, nlp, [str(HOSTILE / name) for name in HOSTILE_INPUTS])
    assert result.failed == 0 and result.claims > 5
    first = storage.list_claims(db, storage.ClaimFilter(), limit=1)[0]
    storage.review_claim(db, first.id, "ana\x1b[31m\u202e", status="false", note="note \x1b]52;c;eA==\x07")
    db.close()
    return path


def invoke(db_path, *args: str):
    runner = CliRunner()
    return runner.invoke(cli, [*args, "--db", str(db_path)], env={"FACTDESK_DEBUG": "1", "COLUMNS": "200"},
                         catch_exceptions=True)


def assert_handled(result) -> None:
    """Exit 0, or a designed refusal (usage error / one factdesk line): never an exception."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"crashed: {result.exception!r}") from result.exception
    assert result.exit_code in (0, 1, 2), result.output
    assert "unexpected error" not in result.output


FILTERS = [
    ("claims", "--search"),
    ("claims", "--speaker"),
    ("claims", "--article"),
    ("claims", "--since"),
    ("claims", "--until"),
    ("speakers", "--search"),
    ("export", "--speaker"),
    ("export", "--article"),
    ("export", "--since"),
]


@pytest.mark.parametrize("value", INJECTIONS, ids=INJECTION_IDS)
@pytest.mark.parametrize("command, option", FILTERS, ids=[f"{c} {o}" for c, o in FILTERS])
def test_hostile_filter_values_are_plain_data(hostile_store, command, option, value):
    """Every filter takes hostile text as a value to look for: no crash, no SQL, no change."""
    before = fingerprint(hostile_store)
    result = invoke(hostile_store, command, option, value)
    assert_handled(result)
    assert fingerprint(hostile_store) == before
    if command == "claims" and option in ("--speaker", "--article") and result.exit_code == 0:
        assert "0 of" in result.output or "no claims" in result.output.lower(), \
            f"{option} {value[:30]!r} matched claims: an injection got through"


@pytest.mark.parametrize("value", [
    "1 OR 1=1", "1; DELETE FROM claims", "-1", "0", "1e3", "' OR ''='",
    "99999999999999999999",
])
@pytest.mark.parametrize("command", ["show", "history", "mark"])
def test_hostile_ids_are_refused_cleanly(hostile_store, command, value):
    """A claim id that is not a stored claim's number: one line, nothing changed."""
    before = fingerprint(hostile_store)
    extra = ["--status", "verified"] if command == "mark" else []
    result = invoke(hostile_store, command, "--", value, *extra) if value.startswith("-") else \
        invoke(hostile_store, command, value, *extra)
    assert_handled(result)
    assert result.exit_code != 0
    assert fingerprint(hostile_store) == before


# --- terminal output -----------------------------------------------------------------------


def _shown(hostile_store) -> list[tuple[str, list[str]]]:
    db = storage.open_db(hostile_store)
    ids = [str(c.id) for c in storage.list_claims(db, storage.ClaimFilter(), limit=1000)]
    speakers = [s.name for s in storage.list_speakers(db)]
    db.close()
    commands = [("claims", []), ("speakers", []), ("flags", []), ("articles", [])]
    commands += [("show", [i]) for i in ids] + [("history", [i]) for i in ids[:3]]
    commands += [("claims", ["--speaker", s]) for s in speakers[:6]]
    return commands


def test_cli_output_carries_no_control_sequences(hostile_store):
    """claims, show, speakers, flags, articles, history: no ESC, CSI, BEL, bidi or zero-width."""
    shown = 0
    for command, args in _shown(hostile_store):
        result = invoke(hostile_store, command, *args)
        assert_handled(result)
        assert result.exit_code == 0, (command, args, result.output)
        for bad in TERMINAL_POISON:
            assert bad not in result.output, f"{command} {args}: {bad!r} reached the terminal"
        shown += 1
    assert shown > 15


MACHINE_FORMATS = [("claims", "jsonl"), ("claims", "csv"), ("flags", "jsonl"), ("articles", "jsonl")]


@pytest.mark.parametrize("command, fmt", MACHINE_FORMATS, ids=[f"{c}-{f}" for c, f in MACHINE_FORMATS])
def test_machine_output_parses(hostile_store, command, fmt):
    """jsonl and csv output parse back, one record per line/row."""
    result = invoke(hostile_store, command, "--format", fmt)
    assert result.exit_code == 0
    if fmt == "jsonl":
        rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
        assert rows and all(isinstance(r, dict) for r in rows)


@pytest.mark.parametrize("command, fmt", MACHINE_FORMATS, ids=[f"{c}-{f}" for c, f in MACHINE_FORMATS])
def test_machine_output_carries_no_raw_control_characters(hostile_store, command, fmt):
    """jsonl/csv may keep the exact text, but only escaped (\\u009b), never raw on the terminal."""
    result = invoke(hostile_store, command, "--format", fmt)
    raw = [bad for bad in TERMINAL_POISON if bad in result.output]
    assert not raw, f"{command} --format {fmt}: raw {raw}"


def test_csv_cells_are_formula_guarded(hostile_store, tmp_path):
    """A claim starting with = + - @ is written to CSV with a leading quote."""
    db_path = tmp_path / "csv.db"
    shutil.copy(hostile_store, db_path)
    from tests.factories import make_article

    db = storage.open_db(db_path)
    article, claims = make_article(('=HYPERLINK("http://evil.example","click")', "=cmd|'/c calc'!A1"),
                                   ("+1+1 said the mayor", "@SUM(A1)"), ("-2 ran away", None),
                                   external_id="formulas")
    storage.save_article(db, article, claims)
    db.close()
    result = invoke(db_path, "claims", "--format", "csv", "--article", "formulas")
    assert result.exit_code == 0
    import csv
    import io

    cells = [cell for row in csv.reader(io.StringIO(result.output)) for cell in row]
    assert cells
    for cell in cells:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        assert not (cell.startswith("-") and not _is_number(cell)), cell


def _is_number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


# --- reports ------------------------------------------------------------------------------

EXPORT_FORMATS = ["md", "html", "csv", "json", "claimreview"]


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.parametrize("group", ["article", "speaker"])
def test_export_of_hostile_content_is_inert(hostile_store, tmp_path, fmt, group):
    """`factdesk export`: HTML has no live markup from articles, CSV cells are guarded, JSON
    parses, and no format carries raw terminal control characters."""
    out = tmp_path / f"report.{fmt}"
    result = invoke(hostile_store, "export", "--format", fmt, "--group", group,
                    "--org", "<script>alert('org')</script>", "-o", str(out))
    assert_handled(result)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if fmt != "claimreview":  # ClaimReview lists reviewed claims only
        assert "Keita" in text or "Dupont" in text, "the report holds the hostile store's claims"
    for bad in ("\x1b", "\x9b", "\x07", "\u202e", "\x00"):
        assert bad not in text, f"{fmt}: raw {bad!r}"
    if fmt == "html":
        lowered = text.lower()
        assert "<script>alert" not in lowered and "<iframe" not in lowered
        assert "<img src=x" not in lowered and "onerror=alert" not in lowered.replace("onerror=alert(3)&gt;", "")
        assert lowered.count("<script") == lowered.count("<script type=\"application/ld+json\"")
    if fmt in ("json", "claimreview"):
        json.loads(text)
    if fmt == "csv":
        import csv
        import io

        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
