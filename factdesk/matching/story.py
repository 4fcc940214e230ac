"""Provides `StoryContext`: what an article's title and lead say about the event it reports; no UI here.

Wire updates rewrite a story from one article to the next ("At least 26 people died when a car
ferry struck a pier" → "About 200 people are feared dead after a British cross-channel ferry
rolled on its side"), and a claim is often a fragment that names nothing ("240 people were
still unaccounted for"). What ties such claims to one event is their articles: the names and
words of the title and the first sentences. Plain word sets, no spaCy.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from factdesk.matching import text as tx

LEAD_SENTENCES = 2
"""Sentences of an article that name its event (wire leads say who, what and where first)."""
LEAD_CHARS = 600
"""At most this much of the text is read for the lead."""
OPENING_CHARS = 1500
"""How much of an article a context is built from (the store reads no more): enough to tell a digest."""
STORY_TERMS = 5
"""Names, and title words, kept to look an article's story up by (the longest first)."""
STORY_MIN_WORDS = 4
"""Title and lead words two articles must share (names included) to be one story."""
TITLE_OVERLAP = 0.5
"""Share of the shorter title's words the other title holds for two articles to be one story."""

UNIT_WORDS = frozenset("""
mln bln billion million thousand hundred dlrs dlr dollars pct percent per cent stg bpd pence cts
""".split())
"""Words of a title that only say how much ("800 MLN DLRS"): the amount is what changes."""
TITLE_BOILERPLATE = frozenset("""
qtr quarter net shr profit loss losses sales results year dividend div payout regular quarterly
sets raises cuts lifts lowers reports posts says said see seen plans stake offer bid corp inc co
group plc ltd unit buys sells sale acquisition merger talks update highlights world news
""".split())
"""Title words of a beat's routine items ("ABC CORP 4TH QTR NET"): two such titles agreeing say
nothing about one story."""
GENERIC_NAMES = frozenset("""
corp corporation inc co company group plc ltd llc lp holdings international associates partners
partnership capital investors investment investments industries services financial fund funds trust
bank securities exchange commission board court national general american first new york limited
ministry minister government president officials official information transport
agency news radio television press gmt est reuters reuter afp ap bbc army police navy
shr shrs net revs oper avg note qtr
""".split())
"""Capitalised words that name no particular story ("Corp", "Ministry", "Radio")."""

DIGEST_ITEMS = 3
"""Datelined paragraphs ("MANILA - Communist rebels said...") that make an article a digest of
unrelated stories, whose title and lead say nothing about any one claim's story."""
_DATELINED = re.compile(r"(?m)^[A-Z][A-Z'’.\- ]{2,30}(?:, [A-Z][a-zA-Z.\- ]{2,30})? [-–—] ")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”']?\s+(?=[A-Z\"“])")
_POSSESSIVE = re.compile(r"['’]s?$")
_SUFFIXES = ("ings", "ing", "ies", "ied", "es", "ed", "s")
STEM_CACHE_SIZE = 16_384
"""Words whose stem is remembered: every article's title and lead is stemmed, from one vocabulary."""
_DEMONYM_SUFFIXES = ("ian", "ean", "ese", "ish", "ium", "um", "ia", "i")


@functools.lru_cache(maxsize=STEM_CACHE_SIZE)
def stem(word: str) -> str:
    """A light stem for overlap only ("repairing" → "repair", "quakes" → "quake")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def name_key(name: str) -> str:
    """A name with its plural and demonym endings folded: "Iraqis" ~ "Iraqi" ~ "Iraq",
    "Belgian" ~ "Belgium"; "Harris" stays "harris"."""
    if name.endswith("s") and not name.endswith(("ss", "is", "us")) and len(name) > 5:
        name = name[:-1]
    for suffix in _DEMONYM_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 4:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class StoryContext:
    """The event an article reports, as comparable word sets."""

    words: frozenset[str] = frozenset()
    """Stemmed content words of the title and lead, without numbers or unit words."""
    names: frozenset[str] = frozenset()
    """Names in the title (unless it is all capitals) and lead, demonyms folded, generic ones left out."""
    title_words: frozenset[str] = frozenset()
    """Stemmed content words of the title alone, without numbers or unit words."""
    terms: tuple[str, ...] = ()
    """Words to look the story up by, as written (lower-cased): the lead's names, then the title's words."""


def is_digest(text: str) -> bool:
    """Whether an article is a round-up of unrelated datelined items ("World news highlights")."""
    return len(_DATELINED.findall(text)) >= DIGEST_ITEMS


def lead(text: str) -> str:
    """The first LEAD_SENTENCES sentences of an article (at most LEAD_CHARS characters)."""
    head = (text or "")[:LEAD_CHARS].strip()
    parts = _SENTENCE_END.split(head)
    return " ".join(parts[:LEAD_SENTENCES])


def topic_words(text: str, boilerplate: frozenset[str] = frozenset()) -> frozenset[str]:
    """Stemmed content words without numbers or unit words: what a title says the story is about."""
    words = (_POSSESSIVE.sub("", w) if "'" in w or "’" in w else w for w in tx.content_words(text))
    return frozenset(stem(w) for w in words
                     if len(w) > 2 and not w[0].isdigit() and w not in UNIT_WORDS and w not in boilerplate
                     and "'" not in w)


def context(title: str | None, text: str | None) -> StoryContext:
    """The story context of an article from its title and the start of its text (empty for a digest)."""
    if is_digest((text or "")[:OPENING_CHARS]):
        return StoryContext()
    title = title or ""
    opening = lead(text or "")
    title_words = topic_words(title, TITLE_BOILERPLATE)
    # An all-capitals wire title makes every word look like an acronym: its names say nothing.
    # A lead's first word is often its story's name ("Ecuador needs 120 mln dlrs"): the title says so.
    in_title = frozenset(tx.words(title))
    named = [n for n in tx.entities(opening, known=in_title) | (frozenset() if title.isupper() else tx.entities(title))
             if n not in GENERIC_NAMES]
    if not named and title.isupper() and opening == opening.lower()[:1] + opening[1:].lower():
        # Lower-cased copy ("ecuador is considering measures..."): the title's words it repeats name it.
        named = [w for w in dict.fromkeys(tx.words(title)) if w in set(tx.words(opening))
                 and len(w) > 2 and w not in tx.STOPWORDS and w not in GENERIC_NAMES and w not in UNIT_WORDS
                 and not w[0].isdigit()]
    plain = [w for w in tx.content_words(title) if not w[0].isdigit() and w not in UNIT_WORDS and "'" not in w]
    longest = sorted(named, key=len, reverse=True)[:STORY_TERMS] + sorted(plain, key=len, reverse=True)[:STORY_TERMS]
    return StoryContext(words=title_words | topic_words(opening), names=frozenset(map(name_key, named)),
                        title_words=title_words, terms=tuple(dict.fromkeys(longest)))


def titles_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two titles share most words ("26 reported dead in ferry disaster" / "Two hundred feared
    dead in ferry disaster"); the numbers, which are what changed, are not counted."""
    return bool(a and b and len(a & b) >= TITLE_OVERLAP * min(len(a), len(b)))


def names_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sets of name keys share a name, one maybe with an ending the other lacks ("iraqis", "iraq")."""
    if a & b:
        return True
    return any(len(x) >= 4 and len(y) >= 4 and (x.startswith(y) or y.startswith(x)) for x in a for y in b)


def names_conflict(a: StoryContext, b: StoryContext) -> bool:
    """Both articles name things, and none in common: they report two events.

    Without names in both leads (results tables, lower-cased copy) the titles' words, routine
    ones left out, stand in: "ABC CORP 4TH QTR NET" and "XYZ INC 4TH QTR NET" share none.
    """
    if a.names and b.names:
        return not names_overlap(a.names, b.names)
    return bool(a.title_words and b.title_words and not names_overlap(a.title_words, b.title_words))


def same_story(a: StoryContext, b: StoryContext) -> bool:
    """Do two articles report one event?

    Their titles agree, or they name a thing in common and their titles and leads share
    STORY_MIN_WORDS words; and when both name things, at least one is the same (Ecuador's quake
    and Japan's both "killed" people and "cut" lines, but share no name). Words alone, without
    a shared name, are too often a beat's boilerplate ("tender offer", "outstanding shares").
    """
    if names_conflict(a, b):
        return False
    if titles_agree(a.title_words, b.title_words):
        return True
    return names_overlap(a.names, b.names) and len(a.words & b.words) >= STORY_MIN_WORDS
