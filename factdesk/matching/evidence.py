"""Provides `Evidence`: the comparisons behind a relation between two claims, and the cheap
looks that rule most candidate pairs out before any of them; no UI here.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from factdesk.matching import story as st
from factdesk.matching import text as tx
from factdesk.matching.features import ClaimFeatures

SET_SCORER = fuzz.token_set_ratio
"""Rewards one claim containing the other's words (a shortened quote)."""
SORT_SCORER = fuzz.token_sort_ratio
"""Penalises extra words, so two claims merely sharing a few words do not look alike."""
# Texts reach the scorers already normalised with text.PROCESSOR (once per claim, in features).

PREFILTER_SIMILARITY = 55.0
"""Masked-wording similarity every wording-based relation needs, so a candidate under it is
dropped before any other comparison (story-level updates aside, see relations)."""
STORY_DAYS = 3
"""How far apart two articles of one story may be for the story to vouch for their claims being
about one event (wire rewrites of an event come within hours or days)."""
SPEAKER_CUTOFF = 90.0
"""How alike two speaker names must be to be one speaker (spelling variants)."""
ENTITY_BONUS, ENTITY_BONUS_MAX = 5.0, 15.0
SPEAKER_BONUS = 10.0
PLACE_CONFLICT_PENALTY = 30.0
MIN_SHARED_WORDS = 1
MIN_SHARED_SHARE = 0.15
"""A pair sharing fewer topic words than this (or this share of the shorter claim's) is not
compared further. On 42,000 BBC candidate pairs this dropped 60% of them and two weak
`related` links (possessives: "WorldCom's" vs "Worldcom")."""


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
    """The two articles report one event (titles and leads agree, see `story.same_story`)."""
    speakers: tuple[str | None, str | None] = (None, None)
    """(old, new) speaker names as written, for explanations of rival claims."""
    story_agrees: bool = False
    """The two articles report one event, however far apart (`same_story` is that within STORY_DAYS)."""
    story_conflict: bool = False
    """Both articles' titles and leads name things, none shared: two events (Ecuador's quake, Japan's)."""
    actors_differ: bool = False
    """Each claim names someone the other does not ("Dixons ... its 90.25 dlr offer" / "a sweetened
    offer of 92.50 dlrs from Cyacq"): two bidders' prices in one story are two things."""
    other_time: bool = False
    """A claim dates its figures to a year the other claim's article is not of."""
    background: bool = False
    """A claim is about another time ("the sinking in 1912 of the Titanic", "last September"):
    a background figure in a piece on this event, not a report of it."""


def similarity(a: str, b: str) -> float:
    """0–100 closeness of two processed texts: mean of token-set and token-sort ratios."""
    if not a or not b:
        return 0.0
    return (SET_SCORER(a, b, processor=None) + SORT_SCORER(a, b, processor=None)) / 2


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


def same_story(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two articles' title words overlap enough for one story (see `story.titles_agree`)."""
    return st.titles_agree(a, b)


def _other_time(claim: ClaimFeatures, other: ClaimFeatures) -> bool:
    """The claim dates its figures to years the other claim's article is not of ("killed by the 2004
    tsunami" against an article of 2013), even when the claim's own article has no date."""
    return bool(claim.years and other.published and other.published.year not in claim.years)


def evidence(new: ClaimFeatures, old: ClaimFeatures,
             stories: tuple[st.StoryContext, st.StoryContext] | None = None) -> Evidence:
    """What the two claims share and where they differ.

    Args:
        stories: the (new, old) articles' story contexts, when the caller has them; without
            them only the titles say whether the articles report one event.
    """
    new_names, old_names = new.entities, old.entities
    if stories:
        # "Colombia currently produces...": a sentence's first word is a name its article names.
        new_names |= {w for w in new.initial_names if st.names_overlap(frozenset({w}), stories[0].names)}
        old_names |= {w for w in old.initial_names if st.names_overlap(frozenset({w}), stories[1].names)}
    shared = new_names & old_names
    speaker = same_speaker(new, old)
    rivals = bool(new.speaker and old.speaker and not speaker)
    # Two places, neither mentioned by the other claim: two events ("at Konna" vs "in Gao").
    conflict = bool(new.places and old.places and not (new.places & (old.places | old.entities))
                    and not (old.places & (new.places | new.entities)))
    days = (new.published - old.published).days if new.published and old.published else None
    # `similarity` of the masked texts, keeping its token-sort half, which is asked for on its own too.
    sort_masked = SORT_SCORER(new.masked, old.masked, processor=None)
    sim_masked = (SET_SCORER(new.masked, old.masked, processor=None) + sort_masked) / 2 \
        if new.masked and old.masked else 0.0
    context = (sim_masked + min(ENTITY_BONUS_MAX, ENTITY_BONUS * len(shared))
               + (SPEAKER_BONUS if speaker else 0.0) - (PLACE_CONFLICT_PENALTY if conflict else 0.0))
    # One story lasts weeks, but a rewrite of it updates the figures of the last few days only:
    # beyond STORY_DAYS the claims themselves must say they are about one event.
    agrees = st.same_story(*stories) if stories else same_story(new.title_words, old.title_words)
    # Undated, two articles of one story may be years apart (two Qeshm island quakes, 2005 and 2008).
    story = agrees and days is not None and abs(days) <= STORY_DAYS
    entity_conflict = bool(new_names and old_names and not shared)
    actors = bool(new_names - old_names - st.GENERIC_NAMES) and bool(old_names - new_names - st.GENERIC_NAMES)
    return Evidence(similarity(new.processed, old.processed), sim_masked, shared, speaker, rivals,
                    conflict, days, context, same_story=story,
                    sort_similarity=sort_masked,
                    entity_conflict=entity_conflict, speakers=(old.speaker_label, new.speaker_label),
                    story_agrees=agrees, actors_differ=actors,
                    story_conflict=bool(stories) and st.names_conflict(*stories),
                    background=new.background or old.background,
                    other_time=_other_time(new, old) or _other_time(old, new))
