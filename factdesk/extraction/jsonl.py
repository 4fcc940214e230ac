"""Provides the JSONL rows the scorers and `factdesk extract --format jsonl` print; no I/O."""

from __future__ import annotations

from factdesk.models import Claim


def claims_to_jsonl_rows(path: str, claims: list[Claim]) -> list[dict]:
    """One dict per claim, in the format of shared/eval/README.md."""
    rows = []
    for c in claims:
        rows.append({
            "file": str(path),
            "kind": c.kind,
            "speaker": c.speaker.name if c.speaker else None,
            "speaker_mention": list(c.speaker_mention) if c.speaker_mention else None,
            "cue": list(c.cue) if c.cue else None,
            "content": [list(s) for s in c.content],
            "text": c.text,
            "figures": [
                {"value": f.value, "low": f.low, "high": f.high, "hedge": f.hedge, "what": f.what,
                 "unit": f.unit, "span": [f.start, f.end]}
                for f in c.figures
            ],
        })
    return rows
