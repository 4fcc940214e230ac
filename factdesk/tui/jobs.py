"""Provides the slow jobs the review session runs in worker threads: ingest and export.

No widgets here. Each job opens its own connection to the store (a sqlite connection
belongs to the thread that opened it) and reports through plain callbacks, which the app
turns into messages. spaCy is imported only inside `run_ingest`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from factdesk import storage

Progress = Callable[[str, int, "int | None"], None]
"""progress(stage, done, total or None)."""


@dataclass(frozen=True)
class IngestRequest:
    """What the ingest dialog asked for: files/folders, or pasted text."""

    paths: tuple[str, ...] = ()
    text: str | None = None
    source: str | None = None
    title: str | None = None


def run_ingest(db_path: Path, request: IngestRequest, progress: Progress) -> str:
    """Load the model and ingest; returns the summary line.

    Raises:
        StoreError, OSError: the store or a path failed (the caller shows the message).
    """
    from factdesk import ingest
    from factdesk.extraction import load_nlp  # spaCy: only ever in this thread

    progress("Loading the language model…", 0, None)
    nlp = load_nlp()
    db = storage.open_db(db_path)
    errors: list[str] = []
    try:
        meta = {k: v for k, v in (("source", request.source), ("title", request.title)) if v}
        if request.text is not None:
            progress("Extracting claims from the pasted text…", 0, 1)
            result = ingest.ingest_text(db, nlp, request.text, meta or None)
        else:
            def on_progress(done: int, total: int | None, name: str) -> None:
                progress(f"Ingested {Path(name).name}" if name else "Ingesting…", done, total)

            progress("Reading articles…", 0, None)
            result = ingest.ingest_paths(db, nlp, [str(Path(p).expanduser()) for p in request.paths],
                                         meta or None, on_progress, errors.append)
    finally:
        db.close()
    line = ingest.summary_line(result)
    if result.errors:
        line += f" — {result.errors[0]}"
    return line


def run_export(db_path: Path, fmt: str, out_path: Path, scope=None) -> str:
    """Build the review report over `scope` (a reporting.ReportScope; None: every claim) and write it.

    Returns:
        One line for the journalist naming the full path written and what it covers.
    """
    from factdesk import reporting

    scope = scope if scope is not None else reporting.ReportScope()
    out_path = out_path.expanduser().resolve()
    db = storage.open_db(db_path)
    try:
        report = reporting.build_report(db, scope)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        with open(out_path, "w", encoding="utf-8", newline="") as out:
            reporting.write_report(report, fmt, out)
    finally:
        db.close()
    return f"Report ({scope.describe()}) written to {out_path}"
