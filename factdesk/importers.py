"""Provides importing existing claims (a fact-check archive) from JSONL, CSV, TSV or ClaimReview JSON-LD.

No UI here, and no spaCy: each record already is a claim, so it is stored as a one-claim
article of kind "imported" whose archive id is kept, and figures are found with the plain
figure scanner. Records are parsed as a stream and written in chunked transactions, so ten
thousand claims import in seconds. A re-import skips what is already stored (same text).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from factdesk import storage
from factdesk.ingest import Tally, link_new_claims
from factdesk.models import STATUSES, Article, Claim, IngestResult, Speaker
from factdesk.readers import MAX_BYTES, ReadError, decode_bytes, normalise_date, read_bytes

IMPORT_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv", ".json")
CHUNK = 500
"""Records written per transaction: one commit per claim would make an archive import crawl."""

FIELD_NAMES = {
    "id": ("id", "claim_id", "vclaim_id", "identifier", ""),
    "text": ("text", "claim", "vclaim", "claimreviewed", "claim_text"),
    "title": ("title", "context", "headline"),
    "speaker": ("speaker", "claimant", "author"),
    "date": ("date", "published", "datepublished", "claim_date"),
    "source": ("source", "outlet", "publisher"),
    "url": ("url", "link"),
    "status": ("status", "rating", "verdict", "label"),
    "note": ("note",),
}
"""Column names accepted for each field (lower-cased); "" is the unnamed first column of
the CheckThat! verified_claims.docs.tsv, which holds the claim id."""

RATING_STATUS = {
    "false": "false", "pants on fire": "false", "pants on fire!": "false", "fake": "false",
    "incorrect": "false", "wrong": "false", "mostly false": "misleading", "half true": "misleading",
    "half-true": "misleading", "mixture": "misleading", "misleading": "misleading",
    "partly false": "misleading", "missing context": "misleading", "exaggerated": "misleading",
    "true": "verified", "correct": "verified", "accurate": "verified", "mostly true": "verified",
    "verified": "verified", "unproven": "unverifiable", "unverifiable": "unverifiable",
    "unsupported": "unverifiable", "disputed": "disputed", "unverified": "unverified",
}
"""Fact-checkers' verdict words (ClaimReview alternateName, archive "rating") → factdesk status."""

Report = Callable[[str], None]


@dataclass(frozen=True)
class ImportedClaim:
    """One claim from an archive, before it is stored."""

    id: str
    text: str
    title: str | None = None
    speaker: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    status: str | None = None
    """One of STATUSES, or None when the archive gave none (or one that means nothing here)."""
    note: str | None = None
    """The archive's own verdict words ("Pants on Fire!"), kept for the reviewer."""
    where: str = ""
    """file:line, for messages."""


def map_status(value: object) -> str | None:
    """A factdesk status for a status or verdict word, or None."""
    if value is None:
        return None
    word = str(value).strip().lower()
    return word if word in STATUSES else RATING_STATUS.get(word)


def _pick(record: Mapping, field: str, strip: bool = True) -> str | None:
    # Claim text is kept exactly as given: archives hold near-duplicates under two ids
    # (CheckThat! 44/45 differ by a trailing space) and both ids must stay findable.
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    for name in FIELD_NAMES[field]:
        value = lowered.get(name)
        if value is not None and str(value).strip():
            return str(value).strip() if strip else str(value)
    return None


def claim_from_record(record: Mapping, where: str, default_id: str) -> ImportedClaim:
    """An ImportedClaim from one flat record (a JSONL object or a CSV row).

    Raises:
        ReadError: the record has no claim text.
    """
    text = _pick(record, "text", strip=False)
    if not text:
        raise ReadError(where, "no claim text (expected a \"text\" or \"claim\" field)")
    raw_status = _pick(record, "status")
    status = map_status(raw_status)
    note = _pick(record, "note") or (raw_status if raw_status and raw_status.lower() != status else None)
    return ImportedClaim(
        id=_pick(record, "id") or default_id, text=text, title=_pick(record, "title"),
        speaker=_pick(record, "speaker"), date=_pick(record, "date"), source=_pick(record, "source"),
        url=_pick(record, "url"), status=status, note=note, where=where,
    )


def _name_of(value: object) -> str | None:
    """The name in a schema.org Person/Organization, a list of them, or a plain string."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return str(value).strip() if value else None


def claim_from_claimreview(obj: Mapping, where: str, default_id: str) -> ImportedClaim:
    """An ImportedClaim from one schema.org ClaimReview object."""
    item = obj.get("itemReviewed") or {}
    if not isinstance(item, dict):
        item = {}
    text = obj.get("claimReviewed") or item.get("text") or item.get("name")
    if not text or not str(text).strip():
        raise ReadError(where, "ClaimReview without claimReviewed or itemReviewed.text")
    rating = obj.get("reviewRating") or {}
    verdict = rating.get("alternateName") if isinstance(rating, dict) else None
    return ImportedClaim(
        id=str(obj.get("identifier") or obj.get("@id") or obj.get("url") or default_id),
        text=str(text).strip(),
        title=_name_of(obj.get("name")) or _name_of(obj.get("headline")),
        speaker=_name_of(item.get("author")),
        date=item.get("datePublished") or obj.get("datePublished"),
        source=_name_of(obj.get("author")),
        url=obj.get("url"),
        status=map_status(verdict),
        note=str(verdict) if verdict else None,
        where=where,
    )


def read_claims(path: Path, name: str | None = None) -> Iterator[ImportedClaim | ReadError]:
    """Claims of an archive file, lazily; a bad record becomes a ReadError naming file:line.

    Raises:
        ReadError: the whole file is unusable (missing, binary, empty, unknown format).
    """
    name = name or str(path)
    suffix = path.suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise ReadError(name, f"unknown archive format (use {', '.join(IMPORT_SUFFIXES)})")
    if not path.is_file():
        raise ReadError(name, "no such file")
    stem = path.stem
    if suffix in (".jsonl", ".ndjson"):
        return _read_jsonl(path, name, stem)
    text = decode_bytes(read_bytes(path, name), name)
    if suffix == ".json":
        return _read_claimreview(text, name, stem)
    return _read_table(text, name, stem, "\t" if suffix == ".tsv" else ",")


def _read_jsonl(path: Path, name: str, stem: str) -> Iterator[ImportedClaim | ReadError]:
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            where = f"{name}:{lineno}"
            if len(raw) > MAX_BYTES:
                yield ReadError(name, "line too long", lineno)
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield ReadError(name, f"malformed JSON ({getattr(exc, 'msg', None) or exc.reason})", lineno)
                continue
            if not isinstance(record, dict):
                yield ReadError(name, "expected a JSON object", lineno)
                continue
            try:
                yield claim_from_record(record, where, f"{stem}-{lineno}")
            except ReadError as err:
                yield ReadError(name, err.problem, lineno)


def _read_table(text: str, name: str, stem: str, delimiter: str) -> Iterator[ImportedClaim | ReadError]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers = {(h or "").strip().lower() for h in reader.fieldnames or ()}
    if not headers & set(FIELD_NAMES["text"]):
        raise ReadError(name, f"no claim text column (expected one of: {', '.join(FIELD_NAMES['text'])})")
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a NUL byte or an unclosed quote: the rest is unreadable
            yield ReadError(name, f"malformed {'TSV' if delimiter == chr(9) else 'CSV'}: {exc}", reader.line_num)
            return
        lineno = reader.line_num
        try:
            yield claim_from_record({k or "": v for k, v in row.items() if k is not None}, f"{name}:{lineno}",
                                    f"{stem}-{lineno}")
        except ReadError as err:
            yield ReadError(name, err.problem, lineno)


def _read_claimreview(text: str, name: str, stem: str) -> Iterator[ImportedClaim | ReadError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(name, f"malformed JSON: {exc.msg} (line {exc.lineno})") from exc
    if isinstance(data, dict):
        data = data.get("@graph", [data])
    if not isinstance(data, list):
        raise ReadError(name, "expected a ClaimReview object, a list of them or {\"@graph\": [...]}")
    reviews = [o for o in data if isinstance(o, dict) and (o.get("@type") == "ClaimReview" or "claimReviewed" in o)]
    if not reviews:
        raise ReadError(name, "no ClaimReview objects found")
    for i, obj in enumerate(reviews, start=1):
        where = f"{name}#{i}"
        try:
            yield claim_from_claimreview(obj, where, f"{stem}-{i}")
        except ReadError as err:
            yield err


def _find_figures():
    try:
        from factdesk.figures import find_figures
    except ImportError:  # figures module not landed yet
        return lambda text: []
    return find_figures


def import_claims(db: Database, path: str | Path, reviewer: str = "import", link: bool = False,
                  on_error: Report | None = None, on_progress: Callable[[int], None] | None = None,
                  ) -> IngestResult:
    """Store every claim of an archive file as a one-claim article of kind "imported".

    Args:
        reviewer: who the review log names for statuses and notes that came with the claims.
        link: match the imported claims against the store (slower; off for a bulk archive).
        on_error: called with one line per record that could not be imported.
        on_progress: called with the number of records handled so far.

    Returns:
        Counts: `articles` and `claims` are both the claims imported.

    Raises:
        ReadError: the file as a whole cannot be read (nothing is written).
        StoreError: the store failed.
    """
    find_figures = _find_figures()
    records = read_claims(Path(path), str(path))
    tally = Tally()

    while True:
        chunk_ids: list[int] = []
        handled = 0
        with storage.write_transaction(db):
            for record in records:
                handled += 1
                if isinstance(record, ReadError):
                    tally.fail(str(record), on_error)
                else:
                    _store_one(db, record, reviewer, find_figures, tally, chunk_ids)
                if handled >= CHUNK:
                    break
        tally.done += handled
        if link and chunk_ids:
            tally.flags += link_new_claims(db, chunk_ids)
        if on_progress:
            on_progress(tally.done)
        if handled < CHUNK:
            return tally.result()


def _store_one(db: Database, rec: ImportedClaim, reviewer: str, find_figures, tally, chunk_ids: list[int]) -> None:
    article = Article(text=rec.text, external_id=rec.id, title=rec.title, source=rec.source,
                      url=rec.url, published=normalise_date(rec.date), path=rec.where)
    if storage.find_duplicate(db, article) is not None:  # before the figure scan, which costs more
        tally.skipped += 1
        return
    claim = Claim(order=0, kind="imported", text=rec.text, content=((0, len(rec.text)),),
                  speaker=Speaker(rec.speaker) if rec.speaker else None,
                  figures=tuple(find_figures(rec.text)))
    saved = storage.save_article(db, article, [claim], claim_external_ids=[rec.id])
    if saved is None:
        tally.skipped += 1
        return
    tally.articles += 1
    tally.claims += 1
    tally.speakers += saved.new_speakers
    chunk_ids.extend(saved.claim_ids)
    if (rec.status and rec.status != "unverified") or rec.note:
        storage.review_claim(db, saved.claim_ids[0], reviewer,
                             status=rec.status if rec.status != "unverified" else None, note=rec.note)
