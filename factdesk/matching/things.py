"""Provides `same_thing` and `figure_pairs`: do two figures count the same thing? No UI here.

A figure is only comparable with another that counts the same thing in the same unit: the
same casualty kind ("killed at least six people" ~ "300 people were feared dead"), the same
counted noun ("French troops" ~ "troops"), or for money and percentages with no noun the same
words around them ("to repair the pipeline" ~ "the cost of repairing a damaged oil pipeline").
"""

from __future__ import annotations

from rapidfuzz import fuzz

from factdesk.matching.features import FigureFeatures

WHAT_CUTOFF = 80.0
"""How alike two counted things must be ("French troops" ~ "troops") to be the same thing."""
NEAR_MIN_SHARED = 2
"""Words around two figures with no counted thing that must agree ("tender offer")."""
MAX_CHANGE_RATIO = 10.0
"""Largest old/new ratio for an update of a figure that is not a casualty count."""
VALUE_TOLERANCE = 1e-6
GENERIC_THINGS = frozenset("""
share shares stock stocks common pct percent per cent dlrs dlr dollars usd mln million billion bln
barrels barrel bpd tons tonnes months month years year days day weeks week people persons
""".split())
"""Counted things that name no particular thing ("shares", "pct"): two business figures counting
only these are the same thing only when the same speaker or the same story says so."""

_HURT = frozenset({"dead", "injured"})


def equal(x: float, y: float) -> bool:
    """Two figure values are the same number."""
    return abs(x - y) <= VALUE_TOLERANCE * max(1.0, abs(y))


def _topics_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    if a & b:
        return True
    # "casualties" are the killed and the wounded together.
    return ("casualties" in a and bool(b & _HURT)) or ("casualties" in b and bool(a & _HURT))


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


def figure_pairs(new, old) -> list[tuple[FigureFeatures, FigureFeatures]]:
    """(old, new) figure pairs of two `ClaimFeatures` counting the same thing, an unchanged pair
    preferred per new figure."""
    pairs = []
    for f in new.figures:
        same = [g for g in old.figures if same_thing(f, g)]
        if same:
            g = next((g for g in same if equal(g.value, f.value)), same[0])
            pairs.append((g, f))
    return pairs
