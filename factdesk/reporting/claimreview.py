"""Provides schema.org ClaimReview JSON-LD for every claim with a verdict; no UI here.

The output is a JSON array of standalone ClaimReview objects (each with its own "@context"),
ready to paste into a page's <script type="application/ld+json"> or to feed a fact-check
archive. Unverified claims have no verdict yet and are left out.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from factdesk.reporting.json_format import scrub
from factdesk.reporting.model import Report, ReportClaim, status_label
from factdesk.reporting.text import one_line

CLAIM_REVIEWED_MAX = 74
"""`claimReviewed` is kept under 75 characters (search engines truncate longer text)."""

ELLIPSIS = "…"

BEST_RATING = 5
WORST_RATING = 1

RATING_VALUES: dict[str, int | None] = {
    "false": 1,
    "misleading": 2,
    "disputed": 3,
    "verified": 5,
    "unverifiable": None,
}
"""How a factdesk verdict maps onto ClaimReview's numeric `reviewRating` (worstRating 1, bestRating 5).

| status        | ratingValue | alternateName  |
|---------------|-------------|----------------|
| false         | 1           | "False"        |
| misleading    | 2           | "Misleading"   |
| disputed      | 3           | "Disputed"     |
| verified      | 5           | "Verified"     |
| unverifiable  | (none)      | "Unverifiable" |

The scale is 1 (worst) to 5 (best), the common five-point fact-check scale; 4 ("mostly true")
has no factdesk status and is never emitted. An unverifiable claim has no place on a
true-to-false scale, so it carries no ratingValue/bestRating/worstRating at all — only its
`alternateName` — which schema.org and Google's ClaimReview guidelines allow (the textual
verdict is required, the numbers are optional); a number would wrongly rank it between
"disputed" and "verified". Unverified claims (no verdict yet) produce no ClaimReview.
"""

SPEAKER_TYPES = {"person": "Person", "organisation": "Organization", "outlet": "Organization"}
"""schema.org type of a claim's author, by factdesk speaker kind."""


def short_claim(text: str, limit: int = CLAIM_REVIEWED_MAX) -> str:
    """Text cut to at most `limit` characters at a word boundary, ending in "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - len(ELLIPSIS) + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else head[: limit - len(ELLIPSIS)]
    cut = cut[: limit - len(ELLIPSIS)].rstrip(" ,;:.-–—")
    return cut + ELLIPSIS


def claim_url(url_template: str, ref: str) -> str:
    """The review URL: "{id}" replaced by the (percent-encoded) claim ref; no str.format."""
    return url_template.replace("{id}", quote(ref, safe=""))


def rating(status: str) -> dict:
    """The `reviewRating` of a verdict (see RATING_VALUES)."""
    out = {"@type": "Rating", "alternateName": status_label(status)}
    value = RATING_VALUES.get(status)
    if value is not None:
        out.update(ratingValue=value, bestRating=BEST_RATING, worstRating=WORST_RATING)
    return out


def claim_review(claim: ReportClaim, *, org: str | None, url_template: str | None,
                 fallback_date: str) -> dict:
    """One ClaimReview object for a claim that has a verdict."""
    item: dict = {"@type": "Claim", "text": claim.text}
    if claim.speaker:
        author = {"@type": SPEAKER_TYPES.get(claim.speaker.kind, "Person"), "name": claim.speaker.name}
        if claim.speaker.role and author["@type"] == "Person":
            author["jobTitle"] = claim.speaker.role
        item["author"] = author
    if claim.published:
        item["datePublished"] = claim.published
    appearance: dict = {"@type": "CreativeWork"}
    if claim.article_url:
        appearance["url"] = claim.article_url
    if claim.article_title:
        appearance["headline"] = claim.article_title
    if claim.source:
        appearance["publisher"] = {"@type": "Organization", "name": claim.source}
    if len(appearance) > 1:
        item["appearance"] = appearance
    review: dict = {"@context": "https://schema.org", "@type": "ClaimReview"}
    if url_template:
        review["url"] = claim_url(url_template, claim.ref)
    review["claimReviewed"] = short_claim(one_line(claim.text))
    review["datePublished"] = claim.reviewed or fallback_date
    if org:
        review["author"] = {"@type": "Organization", "name": org}
    review["reviewRating"] = rating(claim.status)
    review["itemReviewed"] = item
    return review


def claim_reviews(report: Report, *, org: str | None = None, url_template: str | None = None) -> list[dict]:
    """ClaimReview objects for every claim in the report with a verdict, in report order."""
    return [scrub(claim_review(c, org=org, url_template=url_template, fallback_date=report.generated_iso))
            for c in report.claims if c.status != "unverified"]


def render_claimreview(report: Report, *, org: str | None = None, url_template: str | None = None) -> str:
    """The ClaimReview JSON-LD array as text. Pass `org` and `url_template` for publishable output."""
    items = claim_reviews(report, org=org, url_template=url_template)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


__all__ = ["RATING_VALUES", "claim_review", "claim_reviews", "render_claimreview", "short_claim"]
