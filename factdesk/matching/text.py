"""Provides the cheap text features matching compares: words, names, places, polarity; no UI here.

Everything is plain regular expressions over one claim's text, so it runs in microseconds and
needs no spaCy: "entities" are capitalised words that do not open a sentence, "places" are
capitalised words after a place preposition ("in Gao", "off Zeebrugge").
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import utils

PROCESSOR = utils.default_process
"""How every text is normalised before rapidfuzz sees it (rapidfuzz >= 3 does none by itself)."""

NUMBER_TOKEN = "num"
"""What a number becomes in a masked text, so a changed figure does not lower similarity."""

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours out over own same she should so
some such than that the their theirs them themselves then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your
said says say told according would could may might also mr mrs ms dr its it's s t via amp rt
""".split())
"""Words that carry no topic: left out of search queries and word overlap."""

# Capitalised words that are not names even mid-sentence (titles, days, months, pronoun-ish).
_NOT_NAMES = frozenset("""
i the a an he she it they we you this that these those there his her their its our in on at of for
to and but or if when while after before as by with from mr mrs ms dr president minister prime
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
breaking news update reuters afp ap bbc says said
""".split())

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*")
_NAME = re.compile(r"(?<![\w'’])([A-Z][a-zA-Z'’\-]+|[A-Z]{2,}[a-z]?)")
_SENTENCE_END = '.!?:;"“”'
_PLACE = re.compile(
    r"\b(?:in|at|near|off|from|outside|across|into|on)\s+(?:the\s+)?((?:[A-Z][a-zA-Z'’\-]+\s?){1,3})"
)
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
# The lookaheads name every first letter the alternatives can start with: the same matches,
# two to three times faster, as the engine skips every other position at once.
_NUMBER_WORDS = re.compile(
    r"\b(?=[bdefhmnost])(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|"
    r"hundred|hundreds|thousand|thousands|million|millions|billion|bln|mln)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS_LOWER = re.compile(_NUMBER_WORDS.pattern)
"""The same for lower-case text: half the cost of matching every letter both ways."""

NEGATIONS = (
    "no one", "nobody", "none", "not", "n't", "never", "no ", "denied", "denies", "deny",
    "false", "untrue", "rejected", "dismissed", "without any", "neither", "nor ",
)
"""Cues that a claim says the opposite of a positive statement ("no one was killed")."""
_NEGATION = re.compile(
    r"(?=[dfnu])(?:\b(?:no one|nobody|none|not|never|no|denied|denies|deny|denying|false|untrue|"
    r"neither|nor)\b|n't\b)",
    re.IGNORECASE,
)

ANTONYMS = {
    "rose": "up", "rise": "up", "rises": "up", "risen": "up", "rising": "up", "increased": "up",
    "increase": "up", "increases": "up", "grew": "up", "gained": "up", "climbed": "up", "up": "up",
    "higher": "up", "jumped": "up", "surged": "up",
    "fell": "down", "fall": "down", "falls": "down", "fallen": "down", "falling": "down",
    "decreased": "down", "decrease": "down", "declined": "down", "dropped": "down", "lost": "down",
    "shrank": "down", "down": "down", "lower": "down", "slumped": "down", "plunged": "down",
    "confirmed": "yes", "admitted": "yes", "accepted": "yes", "approved": "yes",
    "won": "win", "defeated": "win",
}
"""Direction words: two claims on one topic whose directions differ contradict each other."""
_OPPOSITE = {("up", "down"), ("down", "up")}


def process(text: str) -> str:
    """Lower-case, punctuation-free form of a text (rapidfuzz's default processor)."""
    return PROCESSOR(text or "")


TEXT_CACHE_SIZE = 16_384
"""Texts whose masked form and capitalised words are remembered: linking screens a candidate by
them, then builds its features from the same text (a pure function of the text, so nothing goes
stale). Candidates come back from far back: halving this loses half of `masked`'s hits."""


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def masked(text: str) -> str:
    """The processed text with every number replaced by one placeholder word."""
    text = _NUMBER.sub(NUMBER_TOKEN, text or "")
    if text.isascii():  # lower() keeps every ASCII letter in place, and processing lower-cases anyway
        return process(_NUMBER_WORDS_LOWER.sub(NUMBER_TOKEN, text.lower()))
    return process(_NUMBER_WORDS.sub(NUMBER_TOKEN, text))


def is_number_word(word: str) -> bool:
    """A spelled-out number ("two", "dozens", "mln"): what `masked` turns into NUMBER_TOKEN."""
    return _NUMBER_WORDS.fullmatch(word) is not None


def core(text: str) -> str:
    """The processed text without stopwords."""
    return " ".join(w for w in process(text).split() if w not in STOPWORDS)


def words(text: str) -> list[str]:
    """Lower-cased words and numbers of a text, in order."""
    return list(_words(text or ""))


WORDS_CACHE_SIZE = 2_048
"""Texts whose words are remembered. Fewer than TEXT_CACHE_SIZE: each holds a tuple of new
strings (1.1 KB a text; 16,384 took 18 MB of a writer process's ~160), and most repeats come
soon (a claim's words asked for again while it is compared). Over BBC then Reuters-21578,
2,048 keep 4.0 of the 4.8 million hits 16,384 had; the rest cost ~3 s of ~700 s of linking."""


@functools.lru_cache(maxsize=WORDS_CACHE_SIZE)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower().strip("'’-") for w in _WORD.findall(text))


def content_words(text: str) -> set[str]:
    """Topic words: no stopwords, no one-letter words."""
    return {w for w in words(text) if len(w) > 1 and w not in STOPWORDS}


_POSSESSIVE = re.compile(r"['’]s?$")


def _key(name: str) -> str:
    name = name.strip()
    if "'" in name or "’" in name:
        name = _POSSESSIVE.sub("", name)  # "Dixons'" and "Dixon's" are Dixons
    return name.lower()


def _known(key: str, known: frozenset[str]) -> bool:
    """A word is one of `known`, or one of them with an ending ("Ecuadorean" for "ecuador")."""
    return key in known or any(len(k) >= 4 and key.startswith(k) for k in known)


def entities(text: str, known: frozenset[str] = frozenset()) -> frozenset[str]:
    """Names in a claim: capitalised words that do not open a sentence, plus acronyms.

    A heuristic stand-in for NER (no spaCy at match time). The first word of a sentence is
    kept only when it is an acronym ("MUJAO said") or one of `known` (lower-cased words known to
    be names, such as an all-capitals title's: "ECUADOR DEBT..." over "Ecuador, stricken by...").
    """
    return frozenset(key for key, opens, upper in _capitalised(text or "")
                     if not opens or upper or _known(key, known))


def initial_capitals(text: str) -> frozenset[str]:
    """Capitalised words that open a sentence ("Colombia currently produces..."): names or not,
    which only an article's context can tell (see `entities`)."""
    return frozenset(key for key, opens, _ in _capitalised(text or "") if opens)


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def _capitalised(text: str) -> tuple[tuple[str, bool, bool], ...]:
    """(key, opens a sentence, all capitals) of each capitalised word that may be a name: one
    scan of the text, shared by `entities` and `initial_capitals` (features ask for both)."""
    found = []
    for m in _NAME.finditer(text):
        word = m.group(1)
        key = _key(word)
        if key in _NOT_NAMES or len(key) < 2:
            continue
        found.append((key, _opens_sentence(text, m.start()), word.isupper()))
    return tuple(found)


def _opens_sentence(text: str, at: int) -> bool:
    """Only whitespace before `at` since the start, a line break, or sentence punctuation and a space.

    Looks back over the whitespace alone, not the whole text before every capitalised word.
    """
    start = at
    while start > 0 and text[start - 1].isspace():
        start -= 1
    if start == 0 or "\n" in text[start:at]:
        return True
    return at > start and text[start - 1] in _SENTENCE_END


def places(text: str) -> frozenset[str]:
    """Capitalised words right after a place preposition ("killed in Gao" → "gao")."""
    found = set()
    for m in _PLACE.finditer(text or ""):
        for word in m.group(1).split():
            key = _key(word)
            if key not in _NOT_NAMES:
                found.add(key)
    return frozenset(found)


def negated(text: str) -> bool:
    """True when the claim carries a negation cue ("no one was killed", "denied")."""
    return _NEGATION.search(text or "") is not None


def directions(text: str) -> frozenset[str]:
    """Direction words of a claim mapped to "up"/"down"/"yes"/"win"."""
    return frozenset(ANTONYMS[w] for w in words(text) if w in ANTONYMS)


def opposite_directions(a: frozenset[str], b: frozenset[str]) -> bool:
    """One claim says up where the other says down (and neither says both)."""
    if len(a & {"up", "down"}) != 1 or len(b & {"up", "down"}) != 1:
        return False
    return any((x, y) in _OPPOSITE for x in a for y in b)


# --- query cleaning (tweets, pasted text) ---------------------------------------------------

_PIC = re.compile(r"pic\.twitter\.com/\S+")
_URL = re.compile(r"https?://\S+|www\.\S+|\b[\w.-]+\.(?:com|org|net|ly)/\S*")
_SIGNATURE = re.compile(
    r"[—–-]{1,2}\s*(?P<name>[^—–\n]{0,80}?)\s*\(@\w+\)\s*(?P<month>[A-Z][a-z]+) \d{1,2}, (?P<year>\d{4})\s*$")
_MENTION = re.compile(r"@(\w+)")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")


def clean_query(text: str) -> str:
    """A pasted text or tweet reduced to its claim, who posted it and when.

    Drops links and pic.twitter.com attachments; the trailing "— Name (@handle) Month D, YYYY"
    signature becomes "Name Month YYYY", because fact-checks name the person a claim is about
    and when it spread ("In January 2020, U.S. Rep. Ilhan Omar ..."): on CheckThat! 2020 those
    words lift MAP@5 by about four points (bench/clef.py). @mentions and #hashtags keep their
    words, camelCase split ("#FakeNews" → "Fake News").
    """
    text = _SIGNATURE.sub(lambda m: f" {m['name']} {m['month']} {m['year']}", text or "")
    text = _URL.sub(" ", _PIC.sub(" ", text))
    text = _MENTION.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)).replace("_", " "), text)
    text = _HASHTAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)).replace("_", " "), text)
    return re.sub(r"\s+", " ", text).strip()


MAX_QUERY_TERMS = 16
"""Most words sent to FTS5 for candidates: names first, then numbers, then the longest words.
More OR-ed words only make BM25 slower on a large store without finding more."""


def query_terms(text: str, max_terms: int = MAX_QUERY_TERMS) -> list[str]:
    """The words worth searching for: no stopwords, names and numbers first."""
    names = entities(text)
    seen: dict[str, None] = {}
    for w in words(text):
        w = w.rstrip(".,")
        if len(w) > 1 and w not in STOPWORDS:
            seen.setdefault(w, None)
    ordered = sorted(seen, key=lambda w: (w not in names, not w[0].isdigit(), -len(w)))
    return ordered[:max_terms]


def whole_words(text: str) -> set[str]:
    """The words `query_terms` may pick from a text, where they stand alone in it: with only ASCII
    space or punctuation (or nothing) either side, FTS5's tokenizer reads the same tokens there, so
    a text counted as holding a word surely matches a search for it ("Ecuador's" holds
    "ecuador's"; "Zürich" holds no "rich", nor "MP3s" "mp")."""
    found = set()
    end = len(text)
    for m in _WORD.finditer(text):
        start, stop = m.span()
        if (start and _joins(text[start - 1])) or (stop < end and _joins(text[stop])):
            continue
        word = m.group().lower().strip("'’-").rstrip(".,")
        if len(word) > 1 and word not in STOPWORDS:
            found.add(word)
    return found


def _joins(char: str) -> bool:
    """A character FTS5 may read as part of the next word (a letter or digit of any script)."""
    return char.isalnum() or not char.isascii()
