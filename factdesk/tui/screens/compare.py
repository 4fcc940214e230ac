"""Provides `CompareScreen`: a flagged claim beside the earlier claim it is linked to.

Both texts, speakers, dates and sources side by side, with the changed numbers and words
highlighted; c confirms and x rejects the link, then the next flag in the queue opens.
The header says whether the shown link is still open or was decided; o reopens a decided one.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from factdesk import storage
from factdesk.models import Link, StoredClaim
from factdesk.tui.screens.base import ReviewScreen
from factdesk.tui.text import RELATION_LABELS, clean, status_text, word_diff
from factdesk.tui.widgets.nav_bar import KeyBar, NavBar


def _side(title: str, claim: StoredClaim | None, diffed: Text) -> Text:
    out = Text()
    out.append(title, style="bold underline").append("\n")  # styled span, not the Text's base style
    if claim is None:
        return out.append("(claim no longer in the store)", style="dim")
    for label, value in (("Speaker", claim.speaker_name), ("Role", claim.speaker_role),
                         ("Date", claim.published), ("Source", claim.source),
                         ("Article", claim.article_title or claim.article_external_id)):
        out.append(f"{label:<8}", style="bold")
        out.append((clean(value) if value else "—") + "\n")
    out.append(f"{'Status':<8}", style="bold")
    out.append_text(status_text(claim.status))
    out.append(f"   #{claim.id}\n\n", style="dim")
    out.append_text(diffed)
    return out


DECISION_STATES = {
    "open": ("OPEN — c confirm · x reject", "bold yellow"),
    "confirmed": ("CONFIRMED — o reopens", "bold green"),
    "rejected": ("REJECTED — o reopens", "bold red"),
}
"""How the header shows a link's decision, with the key that changes it."""


def decision_text(decision: str) -> Text:
    label, style = DECISION_STATES.get(decision, (decision.upper(), "bold"))
    return Text(label, style=style)


class CompareScreen(ReviewScreen):
    """Decide one link at a time; n/p move through the queue the screen was opened with."""

    CSS_PATH = "compare.tcss"
    BINDINGS = [
        Binding("c", "decide('confirmed')", "Confirm link"),
        Binding("x", "decide('rejected')", "Reject link"),
        Binding("o", "decide('open')", "Reopen link"),
        Binding("n,j", "step(1)", "Next flag"),
        Binding("p,k", "step(-1)", "Prev flag"),
        Binding("enter", "read", "Read article"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, session, link_ids: list[int], index: int = 0, **kwargs) -> None:
        super().__init__(session, **kwargs)
        self.link_ids = link_ids
        self.index = index
        self.link: Link | None = None
        self.new: StoredClaim | None = None

    def compose(self) -> ComposeResult:
        yield NavBar('Compare')
        yield Static(id="compare-explanation")
        with Horizontal():
            with VerticalScroll(id="compare-earlier"):
                yield Static(id="compare-left")
            with VerticalScroll(id="compare-newer"):
                yield Static(id="compare-right")
        yield KeyBar(self.BINDINGS, review_keys=True)

    def on_mount(self) -> None:
        self.sub_title = "Compare"

    def reload(self) -> None:
        self.link = storage.get_link(self.db, self.link_ids[self.index]) if self.link_ids else None
        if self.link is None:
            self.query_one("#compare-explanation", Static).update("No link to compare.")
            return
        link = self.link
        pair = {c.id: c for c in storage.get_claims(self.db, [link.claim_id, link.other_id])}
        self.new, old = pair.get(link.claim_id), pair.get(link.other_id)
        left, right = word_diff(old.text if old else "", self.new.text if self.new else "")
        head = Text()
        head.append(f" {RELATION_LABELS.get(link.relation, link.relation)} ", style="bold reverse")
        head.append("  ")
        head.append_text(decision_text(link.decision))
        head.append(f"   score {link.score:.0f} ({link.tier})   flag {self.index + 1} of {len(self.link_ids)}\n",
                    style="dim")
        head.append(clean(link.explanation))
        self.query_one("#compare-explanation", Static).update(head)
        self.query_one("#compare-left", Static).update(_side("Earlier", old, left))
        self.query_one("#compare-right", Static).update(_side("Newer (flagged)", self.new, right))

    def selected_claim_id(self) -> int | None:
        return self.link.claim_id if self.link else None

    def action_decide(self, decision: str) -> None:
        if self.link is None:
            return
        self.app.clear_notifications()
        if self.link.decision == decision:
            self.notify(f"Link already {decision}", timeout=2)
        else:
            storage.decide_link(self.db, self.link.id, decision)
            self.notify("Link reopened" if decision == "open" else f"Link {decision}", timeout=2)
        # A decision moves on to the next flag; reopening stays, to decide again.
        if decision != "open" and self.index + 1 < len(self.link_ids):
            self.index += 1
        self.reload()

    def action_step(self, delta: int) -> None:
        if self.link_ids:
            self.index = max(0, min(len(self.link_ids) - 1, self.index + delta))
            self.reload()

    def action_read(self) -> None:
        if self.new is not None:
            from factdesk.tui.screens.reader import ReaderScreen

            self.app.push_screen(ReaderScreen(self.session, self.new.article_id, self.new.id))
