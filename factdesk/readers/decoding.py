"""Provides turning bytes into text: BOMs, UTF-8, Western single-byte fallbacks, binary refusal; no UI here.

Nothing but decoding happens here: offsets into the result index the article text exactly."""

from __future__ import annotations

from pathlib import Path
from factdesk.readers import base
from factdesk.readers.base import (
    MAX_CONTROL_SHARE,
    MAX_NON_ASCII_LETTERS,
    ReadError,
    _BINARY_MAGIC,
    _CONTROL,
    _UTF16_BOMS,
    _UTF32_BOMS,
    _WESTERN,
)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode an article's bytes: UTF-8 (BOM dropped), UTF-16/32 with BOM, else the best guess.

    Raises:
        ReadError: binary content, or nothing but whitespace.
    """
    if data.startswith(_UTF32_BOMS):
        text = _decode_or_fail(data, "utf-32", name)
    elif data.startswith(_UTF16_BOMS):
        text = _decode_or_fail(data, "utf-16", name)
    else:
        for magic, kind in _BINARY_MAGIC.items():
            if data.startswith(magic):
                raise ReadError(name, f"binary file ({kind}), not text")
        if b"\x00" in data:
            raise ReadError(name, "binary file (contains NUL bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _guess_decode(data, name)
    if not text.strip():
        raise ReadError(name, "empty file")
    sample = text[:100_000]
    if len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise ReadError(name, "binary file (control characters), not text")
    return text


def _decode_or_fail(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(name, f"not valid {encoding.upper()} despite its byte-order mark ({exc.reason})") from exc


def _as_western(data: bytes) -> str | None:
    """The bytes as Windows-1252 when that reads as mostly-ASCII Latin text, else None.

    charset-normalizer judges short Windows-1252 text (smart quotes, a euro sign) to be a DOS
    code page and returns mojibake, so the common newsroom case is settled first: under 30%
    non-ASCII letters rules out Cyrillic or Greek single-byte text, which is nearly all high bytes.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned in cp1252
        return None
    letters = [ch for ch in text if ch.isalpha()]
    foreign = sum(1 for ch in letters if ord(ch) > 0x7F)
    return text if letters and foreign / len(letters) < MAX_NON_ASCII_LETTERS else None


def _guess_decode(data: bytes, name: str) -> str:
    western = _as_western(data)
    if western is not None:
        return western
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8, non-Western file

    matches = list(from_bytes(data))
    if not matches:
        raise ReadError(name, "binary file (no text encoding fits), not text")
    best = matches[0]
    for m in matches:
        if m.encoding in _WESTERN and m.chaos <= best.chaos + 0.01:
            best = m
            break
    return data.decode(best.encoding, errors="replace")


def read_bytes(path: Path, name: str) -> bytes:
    """A file's bytes, refusing anything over base.MAX_BYTES before reading it."""
    try:
        size = path.stat().st_size
        if size > base.MAX_BYTES:
            raise ReadError(name, f"too large ({size / 2**20:.0f} MB; the limit is {base.MAX_BYTES // 2**20} MB)")
        with open(path, "rb") as fh:
            return fh.read(base.MAX_BYTES + 1)
    except OSError as exc:
        raise ReadError(name, exc.strerror or str(exc)) from exc
