"""Provides `classify(new, old)`: the relation between a newer claim and an older one; no UI here.

Relations, tried in this order (the first that fits wins):

- contradiction: the same counted thing is zero in one claim and not in the other ("no one was
  killed" vs "at least 12 people had been killed"); rival speakers give different figures for it
  within RIVAL_DAYS; or two close claims differ only in polarity ("denied", "rose" vs "fell").
- updated_figure: the same counted thing (Figure.what / casualty topic, same unit) has a new
  value and the context says it is the same event (close wording, shared names, no rival places).
- repeat: the same wording again, or the same figure unchanged in the same context.
- related: same topic and names, nothing changed that we can see.

Each relation gets a 0–100 score and a tier; very short claims only ever reach `suggested`.
"""

from __future__ import annotations

from dataclasses import dataclass

from factdesk.matching import text as tx
from factdesk.matching.evidence import PREFILTER_SIMILARITY, STORY_DAYS, Evidence, evidence
from factdesk.matching.explain import explain
from factdesk.matching.features import ClaimFeatures
from factdesk.matching.story import StoryContext
from factdesk.matching.things import equal as _equal
from factdesk.matching.things import (
    consistent,
    figure_pairs,
    plausible_change,
    rival_pairs,
    sides_conflict,
    specific_thing,
)

__all__ = ["CONFIDENT_SCORE", "SHORT_TEXT_WORDS", "SUGGEST_SCORE", "Verdict", "classify", "classify_all"]

SUGGEST_SCORE = 55.0
"""Below this no link is stored."""
CONFIDENT_SCORE = 80.0
"""At or above this (and long enough) a link is `confident`."""
SHORT_TEXT_WORDS = 6
"""A claim with fewer words than this only ever gets `suggested` links."""

REPEAT_SIMILARITY = 85.0
"""Wording this close (numbers included) is a repeat."""
REPEAT_FIGURE_SIMILARITY = 65.0
"""An unchanged figure in wording this close (numbers masked) is a repeat."""
RELATED_SIMILARITY = 60.0
"""Wording this close, with a shared name or speaker, is related."""
UPDATE_MIN_SIMILARITY = PREFILTER_SIMILARITY
"""Least masked-wording similarity for an updated figure, and only with names or speaker shared."""
UPDATE_STRONG_SIMILARITY = 70.0
"""Masked-wording similarity that alone says "same event" for a changed figure."""
TOLL_STRONG_SIMILARITY = 60.0
"""UPDATE_STRONG_SIMILARITY for two counts of the same casualty kind ("killed one" → "killed two")."""
CONTRADICTION_SIMILARITY = 70.0
"""Least masked token-sort similarity for a polarity contradiction ("rose" vs "fell", "denied"):
the two claims must be the same sentence but for the polarity word."""
RIVAL_DAYS = 1
"""Different speakers giving different figures within this many days are rivals, not an update."""
CONTRADICTION_DAYS = 2
"""A claim that none were hurt contradicts one that some were only this close in time: days
later it is most likely about another event ("a moderate quake caused no injuries")."""
STORY_SCORE = 55.0
"""Base score of a story-level update or rival claim (always `suggested`)."""
UPDATE_DAYS = 14
"""Beyond this many days apart a changed figure is an update only in nearly the same words: an
old figure weeks back is another event ("a new offensive") or a recap, not the last report."""
LATE_UPDATE_SIMILARITY = 80.0
"""Masked-wording similarity for a changed figure more than UPDATE_DAYS apart ("Ecuador was pumping
about 260,000 bpd before the earthquake" / "...around 250,000 bpd before the quake")."""


@dataclass(frozen=True)
class Verdict:
    """What `classify` decided about one pair."""

    relation: str
    score: float
    tier: str
    explanation: str
    old_value: float | None = None
    new_value: float | None = None


def _elsewhere(ev: Evidence) -> bool:
    """The claims name two places or two stories, or one tells of another time: two events."""
    return ev.place_conflict or ev.story_conflict or ev.background or ev.other_time


def _story_updates(new: ClaimFeatures, old: ClaimFeatures, ev: Evidence) -> list[Verdict]:
    """Changed casualty counts in two differently worded claims of one story, days apart.

    Wire updates rewrite the sentence ("At least 26 people died when a car ferry struck a pier"
    → "About 200 people are feared dead after a British cross-channel ferry rolled"), so the
    wording says little; the titles, the dates and the kind of count say it is one event.
    Only ever `suggested`.
    """
    if not ev.same_story or _elsewhere(ev) or ev.days is None or abs(ev.days) > STORY_DAYS:
        return []
    out = []
    for g, f in figure_pairs(new, old):
        if any(_equal(x.value, f.value) for x in old.figures if x.topics & f.topics):
            continue  # the old claim gives this number too ("32 dead ... 192 dead or missing")
        if not (g.topics & f.topics) or _equal(g.value, f.value):
            continue
        if (g.value == 0) != (f.value == 0):
            if abs(ev.days) <= CONTRADICTION_DAYS:  # "12 people had been killed" / "no one was killed"
                out.append(Verdict("contradiction", round(min(CONFIDENT_SCORE - 1.0, STORY_SCORE + 10.0), 1),
                                   "suggested", explain("contradiction", ev, (g, f), {"why": "zero", "story": True}),
                                   g.value, f.value))
            continue
        score = round(min(CONFIDENT_SCORE - 1.0, STORY_SCORE + ev.masked_similarity / 4), 1)
        out.append(Verdict("updated_figure", score, "suggested",
                           explain("updated_figure", ev, (g, f), {"story": True}), g.value, f.value))
    return out


def _rival_claims(new: ClaimFeatures, old: ClaimFeatures, ev: Evidence) -> list[Verdict]:
    """Casualty counts that two sides give of each other in one battle, within RIVAL_DAYS.

    "Iraq said it killed 15,000 Iranian Revolutionary Guards" against "Iran said 1,200 Iraqis were
    killed or wounded" near Basra the same day: competing claims a journalist sets side by side,
    never an update (they count different people). One story or shared names must say it is one
    battle; wording says little, the sides' communiques are worded their own way.
    """
    if ev.days is not None and abs(ev.days) > RIVAL_DAYS:
        return []
    if _elsewhere(ev) or not (ev.same_story or ev.shared_entities) or new.years != old.years:
        return []  # "killed six Hamas gunmen on 4 November 2008" is no claim about this battle
    out, seen = [], set()
    for g, f in rival_pairs(new, old):
        if id(f) in seen or _equal(g.value, f.value):
            continue
        seen.add(id(f))
        score = round(min(CONFIDENT_SCORE - 1.0, STORY_SCORE + ev.masked_similarity / 4), 1)
        out.append(Verdict("contradiction", score, "suggested",
                           explain("contradiction", ev, (g, f), {"why": "sides"}), g.value, f.value))
    return out


def _explicit_updates(new: ClaimFeatures, old: ClaimFeatures, ev: Evidence) -> list[Verdict]:
    """The new claim states a change ("raise its offer to 92.50 dlrs a share from 80 dlrs") from a
    figure the old claim gives ("its 80 dlr a share tender offer"), about the same event."""
    if ev.place_conflict or ev.story_conflict or not _recent(ev):
        return []
    if not (ev.same_speaker or ev.same_story or ev.shared_entities):
        return []
    out = []
    for f in new.figures:
        if f.was is None or any(_equal(g.value, f.value) and g.unit == f.unit for g in old.figures):
            continue  # no change stated, or the old claim already has the new figure
        g = next((g for g in old.figures if _equal(g.value, f.was) and g.unit == f.unit
                  and not sides_conflict(g, f)), None)
        if g is None:
            continue
        score = round(min(100.0, max(0.0, ev.context) + 15.0), 1)
        tier = _tier(score, new, old)
        if tier is not None:
            out.append(Verdict("updated_figure", score, tier,
                               explain("updated_figure", ev, (g, f), {"stated": True}), g.value, f.value))
    return out


def _recent(ev: Evidence, toll: bool = False) -> bool:
    """Close enough in time, or worded alike enough, for a changed figure to be an update.

    Args:
        toll: a casualty count, whose sentences are formulaic: weeks apart, the same words
            count another battle's dead ("killed or wounded 2,000 Iraqis in the offensive").
    """
    if ev.days is None or abs(ev.days) <= UPDATE_DAYS:
        return True
    return not toll and ev.masked_similarity >= LATE_UPDATE_SIMILARITY


def _tier(score: float, new: ClaimFeatures, old: ClaimFeatures) -> str | None:
    if score < SUGGEST_SCORE:
        return None
    short = min(new.n_words, old.n_words) < SHORT_TEXT_WORDS
    return "confident" if score >= CONFIDENT_SCORE and not short else "suggested"


def _same_event(ev: Evidence, toll: bool = False) -> bool:
    """Does the context say both claims are about one event?

    Args:
        toll: the figures are a casualty-style count of the same kind (dead, injured, homeless):
            their sentences are formulaic, so closer wording is needed less and capitalised words
            (often lost in wire copy) are not held against them.
    """
    if ev.place_conflict or ev.story_conflict:
        return False
    # Two claims naming different things (Bell Industries, Cyclops; Colombia, Ecuador) are two
    # things, even from one speaker or in one story; toll claims often name nothing at all.
    if ev.entity_conflict and not toll:
        return False
    vouched = bool(ev.shared_entities) or ev.same_speaker
    if toll and ev.masked_similarity >= TOLL_STRONG_SIMILARITY and (vouched or ev.story_agrees):
        # A toll sentence is formulaic ("killed two people and injured at least three"): alike
        # wording needs a name, the speaker or the story to say it is the same disaster.
        return True
    if not toll and ev.masked_similarity >= UPDATE_STRONG_SIMILARITY:
        return True
    return ev.masked_similarity >= UPDATE_MIN_SIMILARITY and (vouched or ev.same_story)


def classify_all(new: ClaimFeatures, old: ClaimFeatures,
                 stories: tuple[StoryContext, StoryContext] | None = None) -> list[Verdict]:
    """Every relation of `new` (the later claim) to `old`: one per changed figure, else at most one.

    Args:
        stories: the (new, old) articles' story contexts, when known (see `evidence`).
    """
    ev = evidence(new, old, stories)
    rivals = _rival_claims(new, old, ev)
    explicit = _explicit_updates(new, old, ev)
    if explicit:
        return explicit + rivals
    if ev.masked_similarity < PREFILTER_SIMILARITY:
        return _story_updates(new, old, ev) + rivals
    score = min(100.0, max(0.0, ev.context))
    pairs = figure_pairs(new, old)
    # A background figure ("killed more than 31,000 in Bam in 2003") updates nothing of this event.
    changed = [(g, f) for g, f in pairs if not _equal(g.value, f.value) and plausible_change(g, f)
               and not consistent(g, f) and new.background == old.background and not ev.other_time]

    def verdict(relation: str, detail: dict, pair=None, bonus: float = 0.0) -> list[Verdict]:
        s = round(min(100.0, score + bonus), 1)
        tier = _tier(s, new, old)
        if tier is None:
            return []
        old_v, new_v = (pair[0].value, pair[1].value) if pair else (None, None)
        return [Verdict(relation, s, tier, explain(relation, ev, pair, detail), old_v, new_v)]

    changed = [(g, f) for g, f in changed
               if _same_event(ev, toll=bool(g.topics & f.topics)) and _recent(ev, toll=bool(g.topics))
               and not (ev.actors_differ and (g.unit or f.unit))]
    # A short claim ("over 1,500 Iraqi casualties") or a generic counted thing ("shares") says
    # too little alone: the same speaker or the same story must vouch for one event.
    # Two companies (speakers) each giving their own results are not updating each other.
    # Alike wording alone is not enough outside tolls either: markets, results and shipments
    # reports are all worded alike ("Shr loss 16 cts vs profit 41 cts"). A shared name counts.
    vouched = ev.same_speaker or ev.same_story
    changed = [(g, f) for g, f in changed
               if vouched or (min(new.n_words, old.n_words) >= SHORT_TEXT_WORDS and specific_thing(g, f)
                              and (bool(ev.shared_entities) or bool(g.topics & f.topics))
                              and not (ev.rival_speakers and not (g.topics or f.topics)))]
    # A figure that differs but is not flagged as changed still is no repeat; nor is a claim
    # whose numbers the other does not give ("killed 2,000 Iranians" / "lost 300 Iraqi soldiers").
    differs = any(not _equal(g.value, f.value) for g, f in pairs) or (bool(old.figures) and any(
        not any(_equal(f.value, g.value) for g in old.figures) for f in new.figures))
    if changed:
        out: list[Verdict] = []
        close_in_time = ev.days is None or abs(ev.days) <= RIVAL_DAYS
        for g, f in changed:
            if (g.value == 0) != (f.value == 0):
                if ev.days is not None and abs(ev.days) > CONTRADICTION_DAYS:
                    continue
                out += verdict("contradiction", {"why": "zero"}, (g, f), bonus=20.0)
            elif ev.rival_speakers and close_in_time and g.topics:
                # Rival sources' casualty counts; two companies' prices or stakes are their own.
                out += verdict("contradiction", {"why": "rivals"}, (g, f), bonus=15.0)
            else:
                out += verdict("updated_figure", {}, (g, f), bonus=15.0)
        return out + rivals
    if rivals:
        return rivals
    # A fragment ("to be named" / "not to be named") is too short to contradict anything.
    polarity_ok = (ev.sort_similarity >= CONTRADICTION_SIMILARITY and not ev.place_conflict and not changed
                   and min(new.n_words, old.n_words) >= SHORT_TEXT_WORDS)
    if polarity_ok and new.negated != old.negated:
        return verdict("contradiction", {"why": "negation", "negated_new": new.negated})
    if polarity_ok and tx.opposite_directions(new.directions, old.directions):
        return verdict("contradiction", {"why": "direction"})
    if ev.similarity >= REPEAT_SIMILARITY and not differs:
        return verdict("repeat", {}, pairs[0] if pairs else None, bonus=max(0.0, ev.similarity - ev.context))
    if pairs and not differs and ev.masked_similarity >= REPEAT_FIGURE_SIMILARITY and _same_event(ev):
        return verdict("repeat", {"figure": True}, pairs[0], bonus=10.0)
    if (ev.similarity >= RELATED_SIMILARITY and (ev.shared_entities or ev.same_speaker)
            and not ev.place_conflict):
        return verdict("related", {})
    return []


def classify(new: ClaimFeatures, old: ClaimFeatures,
             stories: tuple[StoryContext, StoryContext] | None = None) -> Verdict | None:
    """The strongest relation of `new` (the later claim) to `old`, or None when unrelated."""
    verdicts = classify_all(new, old, stories)
    return max(verdicts, key=lambda v: v.score) if verdicts else None
