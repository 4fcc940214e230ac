"""Provides `ClaimPanel`: everything about one claim (speaker, cue, figures, status, note, links)."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from factdesk.models import Link, StoredClaim
from factdesk.tui.text import RELATION_LABELS, clean, short, status_text


def describe(claim: StoredClaim | None, links: list[Link], article_text: str | None = None) -> Text:
    """The panel's content as rich Text (article text never becomes markup)."""
    if claim is None:
        return Text("No claim selected.", style="dim")
    out = Text()

    def row(label: str, value: Text | str | None) -> None:
        out.append(f"{label:<9}", style="bold")
        out.append(value if isinstance(value, Text) else (clean(value) if value else "—"))
        out.append("\n")

    row("Claim", f"#{claim.id} ({claim.kind}, {claim.order + 1} in article)")
    row("Speaker", claim.speaker_name)
    row("Role", claim.speaker_role)
    cue = claim.cue_text
    if not cue and claim.cue and article_text:
        cue = article_text[claim.cue[0]:claim.cue[1]]
    row("Cue", cue)
    row("Status", status_text(claim.status))
    figures = "; ".join(
        f"{clean(f.text)}" + (f" ({clean(f.what)})" if f.what else "") for f in claim.figures
    )
    row("Figures", figures or None)
    row("Note", claim.note)
    row("Evidence", claim.evidence_url)
    row("Source", " · ".join(p for p in (clean(claim.source), (claim.published or "")[:10]) if p) or None)
    out.append("\n")
    out.append(clean(claim.text) + "\n", style="italic")
    if links:
        out.append("\nLinks", style="bold")
        out.append("  (l: compare)\n", style="dim")
        for link in links:
            other = link.other_id if link.claim_id == claim.id else link.claim_id
            out.append(f" {RELATION_LABELS.get(link.relation, link.relation)}", style="bold cyan")
            out.append(f" ↔ #{other} [{link.decision}] ")
            out.append(short(link.explanation, 200) + "\n", style="dim")
    return out


class ClaimPanel(Static):
    """Shows one claim; the screen sets `claim` and `links`."""

    claim: reactive[StoredClaim | None] = reactive(None, always_update=True)
    links: reactive[tuple[Link, ...]] = reactive((), always_update=True)
    article_text: str | None = None
    """The article the claim is in, to show the cue when only its span is stored."""

    def render(self) -> Text:
        return describe(self.claim, list(self.links), self.article_text)
