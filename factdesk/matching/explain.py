"""Provides the one-line explanations a journalist reads next to a flagged link; no UI here.

"figure changed 4,000 → 4,500 French troops (+12.5%), same speaker, 2 days later"
"""

from __future__ import annotations

import re

from factdesk.figures.words import MEASURES

_MEASURE_WORDS = [(re.compile(rf"(?:{pattern})\b", re.IGNORECASE), unit) for pattern, unit in MEASURES]


def fmt_value(value: float) -> str:
    """4000.0 → "4,000", 12.5 → "12.5"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _label(pair) -> str:
    old, new = pair
    for fig in (new, old):
        if fig.label or fig.what:
            return fig.label or fig.what
    topics = sorted(new.topics | old.topics)
    return topics[0] if topics else ""


def _unit(pair, label: str = "") -> str:
    unit = pair[1].unit or pair[0].unit
    if unit and any(u == unit and rx.match(label) for rx, u in _MEASURE_WORDS):
        return ""  # a measure's label starts with its unit: "80 kilometres from the border", not "80 km kilometres"
    return {"percent": "%"}.get(unit, f" {unit}") if unit else ""


def _side_text(fig, speaker: str | None) -> str:
    """"1,200 Iraqis killed (Tehran Radio)"."""
    label = fig.label or fig.what or ", ".join(sorted(fig.topics))
    said = f" ({speaker})" if speaker else ""
    return f"{fmt_value(fig.value)}{' ' + label if label else ''}{said}"


def change_text(pair) -> str:
    """"4,000 → 4,500 French troops (+12.5%)"."""
    old, new = pair
    label = _label(pair)
    unit = _unit(pair, label)
    out = f"{fmt_value(old.value)}{unit} → {fmt_value(new.value)}{unit}"
    if label:
        out += f" {label}"
    if old.value:
        out += f" ({(new.value - old.value) / abs(old.value) * 100:+.1f}%)"
    return out


def when(days: int | None) -> str | None:
    if days is None:
        return None
    if days == 0:
        return "same day"
    n = abs(days)
    return f"{n} day{'s' if n != 1 else ''} {'later' if days > 0 else 'earlier'}"


def explain(relation: str, ev, pair=None, detail: dict | None = None) -> str:
    """One line saying what changed, who said it and when.

    Args:
        relation: one of RELATIONS.
        ev: the `relations.Evidence` of the pair.
        pair: the (old, new) `FigureFeatures` behind the verdict, if any.
        detail: relation-specific reasons ("why": "zero" | "rivals" | "sides" | "negation" | "direction").
    """
    detail = detail or {}
    why = detail.get("why")
    if relation == "updated_figure":
        head = f"figure changed {change_text(pair)}"
    elif relation == "contradiction" and why == "zero":
        head = f"contradicts: {change_text(pair).split(' (')[0]} (one side says none)"
    elif relation == "contradiction" and why == "rivals":
        head = f"rival figures: {change_text(pair).split(' (')[0]}"
    elif relation == "contradiction" and why == "sides":
        head = f"rival claims: {_side_text(pair[0], ev.speakers[0])} vs {_side_text(pair[1], ev.speakers[1])}"
    elif relation == "contradiction" and why == "negation":
        head = "contradicts: one claim negates the other"
    elif relation == "contradiction":
        head = "contradicts: opposite direction (rose vs fell)"
    elif relation == "repeat" and pair is not None:
        label = _label(pair)
        head = f"said before: same figure {fmt_value(pair[1].value)}{_unit(pair, label)} {label}".rstrip()
    elif relation == "repeat":
        head = f"said before ({ev.similarity:.0f}% same wording)"
    else:
        head = f"related ({ev.masked_similarity:.0f}% similar wording)"
    parts = [head]
    if detail.get("story"):
        parts.append("same story, reworded")
    if detail.get("stated"):
        parts.append("stated as a change")
    if ev.same_speaker:
        parts.append("same speaker")
    elif ev.rival_speakers and why != "sides":
        parts.append("different speakers")
    if ev.shared_entities and relation in ("related", "contradiction"):
        parts.append("shares " + ", ".join(sorted(ev.shared_entities)[:3]))
    moment = when(ev.days)
    if moment:
        parts.append(moment)
    return ", ".join(parts)
