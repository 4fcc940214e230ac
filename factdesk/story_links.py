"""Provides the story side of linking: article story contexts, and candidates from one story; no UI here.

Claim wording finds most candidates (see `linking`), but a rewritten wire update shares few
words with the claim it updates ("240 people were still unaccounted for" → "no hope of rescuing
any of about 220 passengers trapped in the Herald of Free Enterprise"). Here the new article's
own names and title words find the other articles of its story, and their claims with a
casualty count become candidates for the new article's casualty counts.
"""

from __future__ import annotations

import pickle
import sys
import weakref
from collections import OrderedDict
from datetime import date, timedelta

from sqlite_utils import Database

from factdesk.matching.features import ClaimFeatures, FigureFeatures, parse_date, what_topics
from factdesk.matching.story import OPENING_CHARS, StoryContext, context, same_story
from factdesk.matching.things import equal, topics_agree
from factdesk.models import Link
from factdesk.storage.story_queries import (
    article_claim_ids,
    article_figures,
    article_openings,
    articles_mentioning,
    keep_contexts,
    kept_contexts,
)

STORY_LOOKBACK_DAYS = 7
"""How far before (or after) an article its story's other articles are looked for."""
STORY_ARTICLES = 10
"""At most this many story articles (the nearest in time) lend their figure claims as candidates."""
STORY_CLAIMS = 200
"""At most this many of those articles' claims (figures first) become candidates."""
STORY_SEARCH_ARTICLES = 60
"""Articles holding the story's words that are read to find those (newest first)."""
STORY_POSTINGS = 500
"""Claims holding the story's words that are read to find those articles (newest first)."""
LINKS_PER_CHANGE = 2
"""Earlier claims one changed figure of a new claim is linked to at most."""
ZERO_LINKS = 1
"""Earlier tolls one "no one was killed" is linked to at most, whatever their numbers: it
contradicts the latest toll, which already updates the ones before it."""
CONTEXT_CACHE_SIZE = 4_000
"""Article story contexts held in memory per store, the most recently used (about 13 MB).

Linking asks for the contexts of about a hundred articles per new article, from all over the
store: held in memory, the 19,000 of a BBC + Reuters-21578 ingest took 64 MB, nine tenths of the
writer process's growth. Rebuilding a forgotten one from its article's opening costs ~100 us,
so every context built is also kept, packed, in the connection's temp table
(`storage.keep_contexts`), off the heap; reading one back costs ~20 us. With 4,000 here the
writer's memory is level from about 4,000 articles, for linking ~5% slower at 10,000 (2,000:
~8%; 4,000 without the temp table: ~18%). Texts never change, so a context never goes stale."""

_caches: "weakref.WeakKeyDictionary[Database, OrderedDict[int, tuple[StoryContext, date | None]]]" = \
    weakref.WeakKeyDictionary()


def contexts(db: Database, article_ids) -> dict[int, StoryContext]:
    """The story context of each article (built from the store once per connection, then remembered)."""
    return {k: v[0] for k, v in _known(db, article_ids).items()}


def _known(db: Database, article_ids) -> dict[int, tuple[StoryContext, date | None]]:
    """(context, date) of each article: in memory, kept in the connection, or built and kept."""
    cache = _caches.setdefault(db, OrderedDict())
    wanted = list(dict.fromkeys(article_ids))
    missing = [a for a in wanted if a not in cache]
    if missing:
        cache.update((a, _unpack(packed)) for a, packed in kept_contexts(db, missing).items())
        built = {op.article_id: (context(op.title, op.text), parse_date(op.published))
                 for op in article_openings(db, [a for a in missing if a not in cache], OPENING_CHARS)}
        if built:
            keep_contexts(db, {a: _pack(*v) for a, v in built.items()})
            cache.update(built)
    out = {}
    for a in wanted:
        if a in cache:
            cache.move_to_end(a)
            out[a] = cache[a]
    while len(cache) > CONTEXT_CACHE_SIZE:
        cache.popitem(last=False)
    return out


def _pack(ctx: StoryContext, day: date | None) -> bytes:
    """A context as the connection keeps it: plain tuples, pickled (read back only by this
    connection, which wrote them: nothing untrusted is unpickled)."""
    return pickle.dumps((tuple(ctx.words), tuple(ctx.names), tuple(ctx.title_words), ctx.terms,
                         day.toordinal() if day else 0), protocol=pickle.HIGHEST_PROTOCOL)


def _unpack(packed: bytes) -> tuple[StoryContext, date | None]:
    """A kept context, its words interned: shared between the contexts held, as the words of
    those built are through `story.stem` (unshared, the 4,000 held grew from 13 MB to 20 MB)."""
    words, names, title_words, terms, day = pickle.loads(packed)
    i = sys.intern
    return (StoryContext(frozenset(map(i, words)), frozenset(map(i, names)), frozenset(map(i, title_words)),
                         tuple(map(i, terms))), date.fromordinal(day) if day else None)


def counts_casualties(features: ClaimFeatures) -> bool:
    """Whether a claim gives a casualty-style count (dead, missing, homeless...): the figures a
    story's rewrites keep changing and that its later articles word differently."""
    return any(f.topics for f in features.figures)


def story_candidates(db: Database, article_id: int) -> list[int]:
    """Claims of the other articles of this article's story, nearest in time first, figures first.

    The story's articles are those holding one of its names or title words in a claim, within
    STORY_LOOKBACK_DAYS, whose title and lead agree with this article's (`story.same_story`).
    """
    known = _known(db, [article_id]).get(article_id)
    if known is None or not known[0].terms:
        return []
    ctx, day = known
    since = until = None
    if day is not None:
        since = (day - timedelta(days=STORY_LOOKBACK_DAYS)).isoformat()
        until = (day + timedelta(days=STORY_LOOKBACK_DAYS + 1)).isoformat()
    found = articles_mentioning(db, list(ctx.terms), article_id, since, until, STORY_POSTINGS,
                                STORY_SEARCH_ARTICLES)
    others = _known(db, found)
    story = [a for a in found if a in others and same_story(ctx, others[a][0])]
    if day is not None:
        story.sort(key=lambda a: abs((others[a][1] - day).days) if others[a][1] else STORY_LOOKBACK_DAYS)
    return article_claim_ids(db, story[:STORY_ARTICLES], STORY_CLAIMS)


def one_story(db: Database, a: int, b: int) -> bool:
    """Do two articles report one event (their story contexts agree)?"""
    both = contexts(db, [a, b])
    return a in both and b in both and same_story(both[a], both[b])


_MONEY_OR_SHARE = frozenset({"percent", "pence", "cents"})
"""Units (besides currencies) of business figures, which rivals in one story give side by side."""


def _states(figures, value: float, fig: FigureFeatures) -> bool:
    """Whether an article's (value, unit, what) figures give `value` for the kind of thing `fig` counts."""
    return any(equal(v, value) and (u or None) == (fig.unit or None)
               and (not fig.topics or topics_agree(what_topics(w) or fig.topics, fig.topics))
               for v, u, w in figures)


def drop_restated(db: Database, links: list[tuple[Link, ClaimFeatures, int, int]]) -> list[Link]:
    """The links left once changes the articles themselves contradict are dropped.

    A new figure is no update of an article that already gave the same number for the same kind
    of thing ("Other estimates ranged as high as 500 dead" beside "up to 300 people were feared
    dead": 300 is not new). For money and percentages, an article giving the old number beside the
    new one, but not in the same claim, tells two things apart (Dixons' 90.25 dlr offer, Cyacq's
    92.50); "to 95 dlrs from 90.25" in one claim is the change itself.

    Args:
        links: (link, the newer claim's features, its article id, the older claim's article id,
            the older claim's features).
    """
    changed = [x for x in links if x[0].relation in ("updated_figure", "contradiction")
               and x[0].old_value is not None and x[0].new_value is not None]
    figures = article_figures(db, list({a for x in changed for a in x[2:4]})) if changed else {}
    out = []
    for link, new, new_article, old_article, old in links:
        fig = next((f for f in new.figures if link.new_value is not None and equal(f.value, link.new_value)), None)
        if fig is not None and (link.old_value is not None and link.relation != "repeat"
                                and link.relation != "related"):
            if _states(figures.get(old_article, ()), link.new_value, fig):
                continue
            business = fig.unit in _MONEY_OR_SHARE or (fig.unit is not None and fig.unit.isupper())
            in_claim = any(equal(f.value, link.old_value) for f in new.figures)
            if business and not in_claim and _states(figures.get(new_article, ()), link.old_value, fig):
                continue
        out.append((link, old))
    return _fewest(out)


def _fewest(links: list[tuple[Link, ClaimFeatures]]) -> list[Link]:
    """At most LINKS_PER_CHANGE links per changed figure of a new claim: the same "90.25 → 95
    dlrs" found against every earlier claim giving 90.25 is one change to read, not ten; a
    zero ("no one was killed") gets ZERO_LINKS whatever the earlier numbers were.
    The latest are kept: the reports the change supersedes."""
    groups: dict[tuple, list[tuple[Link, ClaimFeatures]]] = {}
    out = []
    for link, old in links:
        if link.relation in ("updated_figure", "contradiction") and link.new_value is not None:
            old_value = None if link.new_value == 0 else link.old_value
            groups.setdefault((link.claim_id, link.relation, old_value, link.new_value), []).append((link, old))
        else:
            out.append(link)
    for group in groups.values():
        group.sort(key=lambda x: (x[1].published or date.min, x[0].other_id), reverse=True)
        out += [link for link, _ in group[:ZERO_LINKS if group[0][0].new_value == 0 else LINKS_PER_CHANGE]]
    return out
