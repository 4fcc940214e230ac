"""Provides `same_thing` and `figure_pairs`: do two figures count the same thing? No UI here.

A figure is only comparable with another that counts the same thing in the same unit: the
same casualty kind ("killed at least six people" ~ "300 people were feared dead"), the same
counted noun ("French troops" ~ "troops"), or for money and percentages with no noun the same
words around them ("to repair the pipeline" ~ "the cost of repairing a damaged oil pipeline").
"""

from __future__ import annotations

from rapidfuzz import fuzz

from factdesk.matching.features import FigureFeatures
from factdesk.matching.story import names_overlap

WHAT_CUTOFF = 80.0
"""How alike two counted things must be ("French troops" ~ "troops") to be the same thing."""
ROLE_MIN_SHARED = 2
"""Role words two amounts with no common counted thing must share, unless one is a ROLE_HEAD."""
ROLE_HEADS = frozenset("""
stake cost repair damage loss revenue offer tender price per-share debt loan deficit surplus profit
sale export import pump output quota reserve condition fall
""".split())
"""Role words that alone say what an amount is ("22 pct ownership" ~ "its holdings ... 83 pct": stake)."""
MAX_MONEY_RATIO = 2.0
"""Largest old/new ratio for a money amount whose counted thing is not named the same way:
within one story a repair bill of 150 mln dlrs and a 950 mln dlr damage bill both "cost"."""
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


def topics_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sets of casualty topics name the same kind of count."""
    if a & b:
        return True
    # "casualties" are the killed and the wounded together.
    return ("casualties" in a and bool(b & _HURT)) or ("casualties" in b and bool(a & _HURT))


def sides_conflict(f: FigureFeatures, g: FigureFeatures) -> bool:
    """Both counts say whose they are, and they are not the same side ("Iraqis" vs "Iranians")."""
    return bool(f.side and g.side and not names_overlap(f.side, g.side))


def same_thing(f: FigureFeatures, g: FigureFeatures) -> bool:
    """Two figures count the same thing in the same unit."""
    if (f.unit or None) != (g.unit or None) or sides_conflict(f, g) or f.compared != g.compared:
        return False
    if f.subgroup != g.subgroup:
        return False  # "six children were killed" is part of the toll, not the toll
    if f.topics or g.topics:
        # One says what happened (killed, homeless) and the other does not: not comparable.
        return bool(f.topics and g.topics) and topics_agree(f.topics, g.topics)
    heads_f, heads_g = f.role & ROLE_HEADS, g.role & ROLE_HEADS
    if heads_f - {"per-share"} and heads_g - {"per-share"} and not (heads_f & heads_g) - {"per-share"}:
        return False  # "exporting 140,000 bpd" / "pumping 260,000 bpd", a sale price / an offer: two roles
    shared_role = len(f.role & g.role)
    if f.what and g.what and fuzz.token_set_ratio(f.what, g.what, processor=None) >= WHAT_CUTOFF:
        # "shares" and "bpd" count anything: 852,000 shares tendered are not 880,000 remaining.
        return shared_role >= ROLE_MIN_SHARED or bool(heads_f & heads_g) or not (_generic(f) and _generic(g))
    # Money and percentages often come without a counted thing, or with one said two ways
    # ("22 pct ownership" / "holdings ... 83 pct"): the words around them must agree.
    if not f.unit or not (shared_role >= ROLE_MIN_SHARED or f.role & g.role & ROLE_HEADS):
        return False
    return f.unit == "percent" or max(f.value, g.value) <= MAX_MONEY_RATIO * max(min(f.value, g.value), 1e-9)


def _generic(f: FigureFeatures) -> bool:
    """The counted thing names nothing particular ("shares", "Cyclops Corp common shares", "bpd")."""
    named = {w.lower() for w in f.label.split() if w[:1].isupper()}
    return set(f.what.split()) - named <= GENERIC_THINGS


def specific_thing(f: FigureFeatures, g: FigureFeatures) -> bool:
    """Two figures of the same thing name it precisely: a casualty kind, a shared counted word
    that is not generic ("Cyclops shares" and "Cyclops stake", not just "shares"), or a shared
    role ("cost to repair")."""
    if f.topics and g.topics:
        return True
    return bool((set(f.what.split()) & set(g.what.split())) - GENERIC_THINGS) or bool(f.role & g.role & ROLE_HEADS)


LOWER_BOUNDS = frozenset({"more than", "over", "at least", "upwards of", "in excess of", "no fewer than",
                          "no less than", "well over", "just over"})
"""Hedges that make a figure a floor ("more than 80 pct")."""


def consistent(old: FigureFeatures, new: FigureFeatures) -> bool:
    """The new figure only restates the old one more vaguely: a floor the old one already met
    ("83 pct" → "more than 80 pct"), or a number inside the old range ("245,000 to 250,000 bpd"
    → "around 250,000 bpd", "between 69 and 80 pct" → "up to 80 pct"), or the other way round."""
    if (new.hedge or "") in LOWER_BOUNDS and old.value > new.value and not old.topics:
        return True
    return _within(new.value, old) or _within(old.value, new)


def _within(value: float, fig: FigureFeatures) -> bool:
    return fig.low is not None and fig.high is not None and fig.high > fig.low and fig.low <= value <= fig.high


def plausible_change(old: FigureFeatures, new: FigureFeatures) -> bool:
    """A tenfold jump in a price or stake is a different number, not an update; tolls can jump."""
    if old.topics or new.topics or not old.value or not new.value:
        return True
    ratio = max(old.value, new.value) / min(old.value, new.value)
    return ratio <= MAX_CHANGE_RATIO


def _unchanged(f: FigureFeatures, g: FigureFeatures) -> bool:
    """The same number in the same unit, of a thing that may be the same: "to 95 dlrs from 90.25
    dlrs" and "from 90.25 dlrs to 95 dlrs" hold the same two figures, whatever surrounds them."""
    return (equal(f.value, g.value) and (f.unit or None) == (g.unit or None) and not sides_conflict(f, g)
            and (bool(f.topics) == bool(g.topics)) and (not f.topics or topics_agree(f.topics, g.topics)))


def figure_pairs(new, old) -> list[tuple[FigureFeatures, FigureFeatures]]:
    """(old, new) figure pairs of two `ClaimFeatures` counting the same thing.

    A new figure whose number the old claim also gives is paired with it (unchanged); an old
    figure paired so is not paired again with a different number.
    """
    pairs, used = [], set()
    news = [f for f in new.figures if not f.increment]
    olds = [g for g in old.figures if not g.increment]  # "another 20 dead" is no total to update
    for f in news:
        g = next((g for g in olds if _unchanged(f, g)), None)
        if g is not None:
            pairs.append((g, f))
            used.add(id(g))
    for f in news:
        if any(p[1] is f for p in pairs):
            continue
        same = [g for g in olds if id(g) not in used and same_thing(f, g)]
        if same:
            pairs.append((same[0], f))
    return pairs


def rival_pairs(new, old) -> list[tuple[FigureFeatures, FigureFeatures]]:
    """(old, new) casualty counts of the same kind for two different sides ("1,200 Iraqis killed or
    wounded" and "15,000 Iranian Revolutionary Guards killed or wounded"): rival claims about one
    battle when the sides claim them."""
    return [(g, f) for f in new.figures for g in old.figures
            if f.topics and g.topics and not (f.increment or g.increment) and topics_agree(f.topics, g.topics)
            and sides_conflict(f, g) and (f.unit or None) == (g.unit or None)]
