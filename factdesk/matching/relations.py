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

from rapidfuzz import fuzz, process

from factdesk.matching import text as tx
from factdesk.matching.explain import explain
from factdesk.matching.features import ClaimFeatures, FigureFeatures

SET_SCORER = fuzz.token_set_ratio
"""Rewards one claim containing the other's words (a shortened quote)."""
SORT_SCORER = fuzz.token_sort_ratio
"""Penalises extra words, so two claims merely sharing a few words do not look alike."""
# Texts reach the scorers already normalised with text.PROCESSOR (once per claim, in features).

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
UPDATE_MIN_SIMILARITY = 55.0
"""Least masked-wording similarity for an updated figure, and only with names or speaker shared."""
UPDATE_STRONG_SIMILARITY = 70.0
"""Masked-wording similarity that alone says "same event" for a changed figure."""
TOLL_STRONG_SIMILARITY = 60.0
"""UPDATE_STRONG_SIMILARITY for two counts of the same casualty kind ("killed one" → "killed two")."""
CONTRADICTION_SIMILARITY = 70.0
"""Least masked token-sort similarity for a polarity contradiction ("rose" vs "fell", "denied"):
the two claims must be the same sentence but for the polarity word."""
WHAT_CUTOFF = 80.0
"""How alike two counted things must be ("French troops" ~ "troops") to be the same thing."""
TITLE_OVERLAP = 0.5
"""Share of the shorter title's words the other title holds for two articles to be one story."""
SPEAKER_CUTOFF = 90.0
"""How alike two speaker names must be to be one speaker (spelling variants)."""
MAX_CHANGE_RATIO = 10.0
"""Largest old/new ratio for an update of a figure that is not a casualty count."""
RIVAL_DAYS = 1
CONTRADICTION_DAYS = 2
"""A claim that none were hurt contradicts one that some were only this close in time: days
later it is most likely about another event ("a moderate quake caused no injuries")."""
GENERIC_THINGS = frozenset("""
share shares stock stocks common pct percent per cent dlrs dlr dollars usd mln million billion bln
barrels barrel bpd tons tonnes months month years year days day weeks week people persons
""".split())
"""Counted things that name no particular thing ("shares", "pct"): two business figures counting
only these are the same thing only when the same speaker or the same story says so."""
STORY_DAYS = 3
"""How far apart two differently worded claims of one story may be for a changed casualty count
to be flagged on the story's evidence alone (titles, dates, kind of count)."""
STORY_SCORE = 55.0
"""Base score of such a story-level update (always `suggested`)."""
NEAR_MIN_SHARED = 2
"""Words around two figures with no counted thing that must agree ("tender offer")."""
"""Different speakers giving different figures within this many days are rivals, not an update."""
ENTITY_BONUS, ENTITY_BONUS_MAX = 5.0, 15.0
SPEAKER_BONUS = 10.0
PLACE_CONFLICT_PENALTY = 30.0
VALUE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Verdict:
    """What `classify` decided about one pair."""

    relation: str
    score: float
    tier: str
    explanation: str
    old_value: float | None = None
    new_value: float | None = None


@dataclass(frozen=True)
class Evidence:
    """The comparisons behind a verdict (also what `explain` words)."""

    similarity: float
    masked_similarity: float
    shared_entities: frozenset[str]
    same_speaker: bool
    rival_speakers: bool
    place_conflict: bool
    days: int | None
    context: float
    sort_similarity: float = 0.0
    """Masked token-sort ratio: strict, penalises every extra word."""
    entity_conflict: bool = False
    """Both claims name things, none shared (Colombia vs Ecuador)."""
    same_story: bool = False
    """The two articles' titles share most words (context for short claims)."""


def similarity(a: str, b: str) -> float:
    """0–100 closeness of two processed texts: mean of token-set and token-sort ratios."""
    if not a or not b:
        return 0.0
    return (SET_SCORER(a, b, processor=None) + SORT_SCORER(a, b, processor=None)) / 2


PREFILTER_SIMILARITY = UPDATE_MIN_SIMILARITY
"""Masked-wording similarity every relation needs (`classify_all` returns nothing below it), so a
candidate under it is dropped before any other comparison."""


def may_relate(new_masked: str, old_masked: str) -> bool:
    """Cheap first look: could these two masked texts be related at all?

    Exactly `similarity(new_masked, old_masked) >= PREFILTER_SIMILARITY`, with rapidfuzz told the
    least token-set score that can still reach it, so most candidates stop early.
    """
    if not new_masked or not old_masked:
        return False
    need = 2 * PREFILTER_SIMILARITY - SORT_SCORER(new_masked, old_masked, processor=None)
    if need > 100:
        return False
    if need <= 0:
        return True
    return SET_SCORER(new_masked, old_masked, processor=None, score_cutoff=need) >= need


MIN_SHARED_WORDS = 1
MIN_SHARED_SHARE = 0.15
"""A pair sharing fewer topic words than this (or this share of the shorter claim's) is not
compared further. On 42,000 BBC candidate pairs this dropped 60% of them and two weak
`related` links (possessives: "WorldCom's" vs "Worldcom")."""


def share_words(a: frozenset[str], b: frozenset[str]) -> bool:
    """Cheapest look: do two claims share enough topic words (numbers left out) to compare?"""
    if not a or not b:
        return True  # nothing to go by: let the wording decide
    shared = len(a & b)
    return shared >= MIN_SHARED_WORDS and shared >= MIN_SHARED_SHARE * min(len(a), len(b))


def relatable(new_masked: str, olds_masked: list[str]) -> list[bool]:
    """`may_relate` for many candidates at once (one rapidfuzz call per scorer)."""
    if not new_masked or not olds_masked:
        return [False] * len(olds_masked)
    sets = process.cdist([new_masked], olds_masked, scorer=SET_SCORER, processor=None)[0]
    sorts = process.cdist([new_masked], olds_masked, scorer=SORT_SCORER, processor=None)[0]
    return [bool(old) and (a + b) / 2 >= PREFILTER_SIMILARITY for old, a, b in zip(olds_masked, sets, sorts)]


def same_speaker(a: ClaimFeatures, b: ClaimFeatures) -> bool:
    if a.speaker_id is not None and a.speaker_id == b.speaker_id:
        return True
    if a.speaker and b.speaker:
        return fuzz.ratio(a.speaker, b.speaker, processor=tx.PROCESSOR) >= SPEAKER_CUTOFF
    return False


def _topics_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    if a & b:
        return True
    # "casualties" are the killed and the wounded together.
    return ("casualties" in a and bool(b & _HURT)) or ("casualties" in b and bool(a & _HURT))


_HURT = frozenset({"dead", "injured"})


def same_thing(f: FigureFeatures, g: FigureFeatures) -> bool:
    """Two figures count the same thing in the same unit."""
    if (f.unit or None) != (g.unit or None):
        return False
    if f.topics or g.topics:
        # One says what happened (killed, homeless) and the other does not: not comparable.
        return bool(f.topics and g.topics) and _topics_agree(f.topics, g.topics)
    if f.what and g.what:
        return fuzz.token_set_ratio(f.what, g.what, processor=None) >= WHAT_CUTOFF
    # Money and percentages often come without a counted thing: the words around them must agree.
    return bool(f.unit and not f.what and not g.what and len(f.near & g.near) >= NEAR_MIN_SHARED)


def specific_thing(f: FigureFeatures, g: FigureFeatures) -> bool:
    """Two figures of the same thing name it precisely: a casualty kind, or a shared counted word
    that is not generic ("Cyclops shares" and "Cyclops stake", not just "shares")."""
    if f.topics and g.topics:
        return True
    return bool((set(f.what.split()) & set(g.what.split())) - GENERIC_THINGS)


def plausible_change(old: FigureFeatures, new: FigureFeatures) -> bool:
    """A tenfold jump in a price or stake is a different number, not an update; tolls can jump."""
    if old.topics or new.topics or not old.value or not new.value:
        return True
    ratio = max(old.value, new.value) / min(old.value, new.value)
    return ratio <= MAX_CHANGE_RATIO


def _equal(x: float, y: float) -> bool:
    return abs(x - y) <= VALUE_TOLERANCE * max(1.0, abs(y))


def figure_pairs(new: ClaimFeatures, old: ClaimFeatures) -> list[tuple[FigureFeatures, FigureFeatures]]:
    """(old, new) figure pairs counting the same thing, an unchanged pair preferred per new figure."""
    pairs = []
    for f in new.figures:
        same = [g for g in old.figures if same_thing(f, g)]
        if same:
            g = next((g for g in same if _equal(g.value, f.value)), same[0])
            pairs.append((g, f))
    return pairs


def evidence(new: ClaimFeatures, old: ClaimFeatures) -> Evidence:
    shared = new.entities & old.entities
    speaker = same_speaker(new, old)
    rivals = bool(new.speaker and old.speaker and not speaker)
    # Two places, neither mentioned by the other claim: two events ("at Konna" vs "in Gao").
    conflict = bool(new.places and old.places and not (new.places & (old.places | old.entities))
                    and not (old.places & (new.places | new.entities)))
    days = (new.published - old.published).days if new.published and old.published else None
    sim_masked = similarity(new.masked, old.masked)
    context = (sim_masked + min(ENTITY_BONUS_MAX, ENTITY_BONUS * len(shared))
               + (SPEAKER_BONUS if speaker else 0.0) - (PLACE_CONFLICT_PENALTY if conflict else 0.0))
    story = same_story(new.title_words, old.title_words)
    entity_conflict = bool(new.entities and old.entities and not shared)
    return Evidence(similarity(new.processed, old.processed), sim_masked, shared, speaker, rivals,
                    conflict, days, context, same_story=story,
                    sort_similarity=SORT_SCORER(new.masked, old.masked, processor=None),
                    entity_conflict=entity_conflict)


def same_story(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two articles' title words overlap enough for one story ("26 reported dead in ferry
    disaster" / "Two hundred feared dead in ferry disaster")."""
    return bool(a and b and len(a & b) >= TITLE_OVERLAP * min(len(a), len(b)))


def _story_updates(new: ClaimFeatures, old: ClaimFeatures, ev: Evidence) -> list[Verdict]:
    """Changed casualty counts in two differently worded claims of one story, days apart.

    Wire updates rewrite the sentence ("At least 26 people died when a car ferry struck a pier"
    → "About 200 people are feared dead after a British cross-channel ferry rolled"), so the
    wording says little; the titles, the dates and the kind of count say it is one event.
    Only ever `suggested`.
    """
    if not ev.same_story or ev.place_conflict or ev.days is None or abs(ev.days) > STORY_DAYS:
        return []
    out = []
    for g, f in figure_pairs(new, old):
        if not (g.topics & f.topics) or _equal(g.value, f.value) or not g.value or not f.value:
            continue
        if ev.rival_speakers and abs(ev.days) <= RIVAL_DAYS:
            continue  # rival figures need closer wording than this to be called a contradiction
        score = round(min(CONFIDENT_SCORE - 1.0, STORY_SCORE + ev.masked_similarity / 4), 1)
        out.append(Verdict("updated_figure", score, "suggested",
                           explain("updated_figure", ev, (g, f), {"story": True}), g.value, f.value))
    return out


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
    if ev.place_conflict:
        return False
    if ev.entity_conflict and not (ev.same_speaker or ev.same_story or toll):
        return False
    if ev.masked_similarity >= (TOLL_STRONG_SIMILARITY if toll else UPDATE_STRONG_SIMILARITY):
        return True
    return ev.masked_similarity >= UPDATE_MIN_SIMILARITY and (
        bool(ev.shared_entities) or ev.same_speaker or ev.same_story)


def classify_all(new: ClaimFeatures, old: ClaimFeatures) -> list[Verdict]:
    """Every relation of `new` (the later claim) to `old`: one per changed figure, else at most one."""
    ev = evidence(new, old)
    if ev.masked_similarity < PREFILTER_SIMILARITY:
        return _story_updates(new, old, ev)
    score = min(100.0, max(0.0, ev.context))
    pairs = figure_pairs(new, old)
    changed = [(g, f) for g, f in pairs if not _equal(g.value, f.value) and plausible_change(g, f)]

    def verdict(relation: str, detail: dict, pair=None, bonus: float = 0.0) -> list[Verdict]:
        s = round(min(100.0, score + bonus), 1)
        tier = _tier(s, new, old)
        if tier is None:
            return []
        old_v, new_v = (pair[0].value, pair[1].value) if pair else (None, None)
        return [Verdict(relation, s, tier, explain(relation, ev, pair, detail), old_v, new_v)]

    changed = [(g, f) for g, f in changed if _same_event(ev, toll=bool(g.topics & f.topics))]
    # A short claim ("over 1,500 Iraqi casualties") or a generic counted thing ("shares") says
    # too little alone: the same speaker or the same story must vouch for one event.
    # Two companies (speakers) each giving their own results are not updating each other.
    vouched = ev.same_speaker or ev.same_story
    changed = [(g, f) for g, f in changed
               if vouched or (min(new.n_words, old.n_words) >= SHORT_TEXT_WORDS and specific_thing(g, f)
                              and not (ev.rival_speakers and not (g.topics or f.topics)))]
    # A figure that differs but is not flagged as changed still is no repeat.
    differs = any(not _equal(g.value, f.value) for g, f in pairs)
    if changed:
        out: list[Verdict] = []
        close_in_time = ev.days is None or abs(ev.days) <= RIVAL_DAYS
        for g, f in changed:
            if (g.value == 0) != (f.value == 0):
                if ev.days is not None and abs(ev.days) > CONTRADICTION_DAYS:
                    continue
                out += verdict("contradiction", {"why": "zero"}, (g, f), bonus=20.0)
            elif ev.rival_speakers and close_in_time:
                out += verdict("contradiction", {"why": "rivals"}, (g, f), bonus=15.0)
            else:
                out += verdict("updated_figure", {}, (g, f), bonus=15.0)
        return out
    polarity_ok = ev.sort_similarity >= CONTRADICTION_SIMILARITY and not ev.place_conflict and not changed
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


def classify(new: ClaimFeatures, old: ClaimFeatures) -> Verdict | None:
    """The strongest relation of `new` (the later claim) to `old`, or None when unrelated."""
    verdicts = classify_all(new, old)
    return max(verdicts, key=lambda v: v.score) if verdicts else None
