"""Shared helpers for the reliability suite: the hostile fixtures, a store fingerprint, span
invariants, the CLI as a subprocess and synthetic article archives."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from factdesk import storage
from factdesk.models import claim_words

REPO = Path(__file__).resolve().parents[2]
HOSTILE = REPO / "fixtures" / "hostile"

TERMINAL_POISON = ("\x1b", "\x9b", "\x9d", "\x07", "\u202e", "\u202d", "\u2066", "\u200b", "\u200d")
"""Characters that must never reach a terminal from article text: ESC, 8-bit CSI/OSC, BEL,
bidi overrides/isolates, zero-width characters."""

TABLES = ("articles", "speakers", "speaker_aliases", "claims", "figures", "links", "review_log")

SPEAKERS = ("Jean-Yves Le Drian", "Colonel Keita", "the interior minister", "Amnesty International",
            "General Dupont", "the mayor of Gao", "a UN spokesman", "President Traore")
PLACES = ("Gao", "Kidal", "Timbuktu", "Bamako", "Mopti", "Sevare", "Menaka", "Tessalit")


def fingerprint(db_or_path) -> str:
    """A hash of every row of every factdesk table: equal fingerprints mean an unchanged store."""
    if isinstance(db_or_path, (str, Path)):
        conn = sqlite3.connect(f"file:{db_or_path}?mode=ro", uri=True)
        close = True
    else:
        conn, close = db_or_path.conn, False
    try:
        digest = hashlib.sha256()
        for table in TABLES:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY id"):
                digest.update(repr(row).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()
    finally:
        if close:
            conn.close()


def check_store_invariants(db) -> dict[str, int]:
    """Assert every stored span lies within its article and every count agrees; returns counts.

    Checks: claim content spans, cue and speaker mention inside the article text; the claim
    text is its content spans joined by a space; figure spans inside the text and equal to the
    figure's words; `counts()` equals what the per-article listings hold.
    """
    n_claims = n_figures = 0
    articles = storage.list_articles(db, limit=1_000_000)
    for art in articles:
        size = len(art.text)
        claims = storage.claims_for_article(db, art.id)
        assert [c.order for c in claims] == list(range(len(claims))), art.external_id
        for c in claims:
            where = f"article {art.external_id!r} claim {c.order}"
            assert c.content, where
            for s, e in c.content:
                assert 0 <= s <= e <= size, where
            assert 0 <= c.start <= c.end <= size, where
            assert c.text == claim_words(art.text, c.content, c.speaker_mention), where  # cut from the stored text
            for span in (c.cue, c.speaker_mention):
                if span is not None:
                    assert 0 <= span[0] <= span[1] <= size, where
            for f in c.figures:
                assert 0 <= f.start <= f.end <= size, where
                assert art.text[f.start:f.end] == f.text, where
            n_figures += len(c.figures)
        n_claims += len(claims)
    got = storage.counts(db)
    assert got["articles"] == len(articles)
    assert got["claims"] == n_claims
    assert got["figures"] == n_figures
    return got


def run_cli(*args: str, input: str | bytes | None = None, timeout: float = 120,
            env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m factdesk ARGS` in a subprocess, text output captured."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "FACTDESK_REVIEWER": "tester",
                **(env or {})}
    return subprocess.run([sys.executable, "-m", "factdesk", *args], input=input,
                          capture_output=True, text=not isinstance(input, bytes), timeout=timeout,
                          env=full_env, cwd=cwd or REPO)


def assert_clean_failure(proc: subprocess.CompletedProcess) -> None:
    """A refused command: non-zero exit, a message, and no Python traceback."""
    assert proc.returncode != 0, proc.stdout
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.strip(), "an error must say what went wrong"


def assert_no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert "Traceback" not in proc.stdout, proc.stdout[-3000:]


_SYLLABLES = ("ba", "ko", "di", "ma", "su", "le", "ti", "ra", "no", "gu", "fe", "zo", "ki", "pa",
              "mi", "do", "sa", "ne", "lu", "ye")


def _word(n: int, parts: int = 3) -> str:
    """A made-up proper name, distinct for each n < 20**parts."""
    syl = []
    for _ in range(parts):
        n, r = divmod(n, len(_SYLLABLES))
        syl.append(_SYLLABLES[r])
    return "".join(syl).capitalize()


def synthetic_article(i: int) -> dict:
    """A small article with three attributed claims with figures, its wording unique per `i`.

    Names, places and the things counted are made-up words unique to the article, so the
    matcher finds few candidates: a store of near-copies would make this a linking benchmark.
    """
    w = [_word(8 * i + k) for k in range(8)]
    who, other, place = f"Minister {w[0]}", f"Colonel {w[1]}", w[2]
    text = (f"{place} - {who} said that {i + 12} {w[3].lower()} had been {w[4].lower()}ed near "
            f"{place}. \u201cWe {w[5].lower()}ed {i + 1000} of them in {place},\u201d said {other}. "
            f"{other} said that {i + 5000} {w[6].lower()} were {w[7].lower()}ed.")
    return {"id": f"syn-{i}", "title": f"Report {i} from {place}", "source": "AFP",
            "date": f"2013-{i % 12 + 1:02d}-{i % 28 + 1:02d}", "text": text}


def write_jsonl(path: Path, records) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r) + "\n")
    return path
