"""Provides near-duplicate keys: a few integers per claim that its near-copies share; no UI here.

A word-based index (FTS5) cannot find the near-copy of a sentence made only of common words
without reading long postings. These keys can: each claim gets

- one key for its whole wording with every number masked (an exact repeat, or the same
  sentence with its figures changed, finds it in one lookup), and
- one key per pair of its SKETCH_WORDS "smallest" topic words, smallest by a fixed hash
  (a bottom-k MinHash sketch; pairs, because a single word is too common to look up).

A claim with fewer than MIN_WORDS topic words gets none.

Why pairs of the k smallest cannot miss a close copy: take two claims whose topic words differ
by at most k - 2 words on each side. The two smallest shared words are then preceded, in
either claim, by at most k - 2 unshared ones, so both lie among each claim's k smallest and
their pair is a key of both. A near-duplicate with a changed attribution ("..., police said"
for "..., Tehran Radio said") or a replaced word is well inside that; a looser copy is still
found whenever its two smallest shared words happen to come first. Numbers and number words
are left out of the words (they are what an updated figure changes).

Pure functions of the text: the same claim gets the same keys in every process (crc32 and
blake2b, never Python's salted `hash`).
"""

from __future__ import annotations

import hashlib
import itertools
import zlib

from factdesk.matching import text as tx

SKETCH_WORDS = 4
"""Topic words per claim whose pairs are keys: C(4, 2) = 6 pair keys, close copies differing by
up to 2 words on each side always share one (see the module docstring)."""
MIN_WORDS = 2
"""A claim with fewer topic words gets no keys: "it", "which", "no comment" are fragments the
extraction let through, and every other fragment like them would be its near-copy."""


def _key(kind: str, value: str) -> int:
    digest = hashlib.blake2b(f"{kind}\x00{value}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _rank(word: str) -> int:
    return zlib.crc32(word.encode("utf-8", "surrogatepass"))


def sketch_words(words) -> list[str]:
    """Topic words a sketch is drawn from: no numbers, no number words."""
    return [w for w in words if not w[0].isdigit() and not tx.is_number_word(w)]


def near_keys(masked: str, words) -> list[int]:
    """The near-duplicate keys of a claim.

    Args:
        masked: its text as `text.masked` gives it.
        words: its topic words (`text.content_words`; numbers are dropped here).
    """
    topic = set(sketch_words(words))
    if len(topic) < MIN_WORDS:
        return []
    smallest = sorted(topic, key=lambda w: (_rank(w), w))[:SKETCH_WORDS]
    return [_key("text", masked)] + [_key("pair", f"{a} {b}") for a, b in itertools.combinations(smallest, 2)]


def text_near_keys(text: str) -> list[int]:
    """`near_keys` of a raw claim text."""
    return near_keys(tx.masked(text), tx.content_words(text))
