"""Reports: build from a hand-made store, render every format, parse it back and compare with the store."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from html.parser import HTMLParser

import pytest

from factdesk import reporting, storage
from factdesk.models import Article, Claim, Figure, Link, Speaker
from factdesk.reporting import CSV_COLUMNS, FORMATS, ReportScope, build_report, render, write_report
from factdesk.reporting.claimreview import CLAIM_REVIEWED_MAX, RATING_VALUES, short_claim

GENERATED = datetime(2013, 3, 1, 9, 30, tzinfo=timezone.utc)
LE_DRIAN = Speaker("Jean-Yves Le Drian", role="French Defence Minister", aliases=("Le Drian",))
DARDAR = Speaker("Abou Dardar", role="MUJAO spokesman")
MNLA = Speaker("Azawad National Liberation Movement", kind="organisation", aliases=("MNLA",))


def _claim(order: int, text: str, speaker: Speaker | None, kind: str = "indirect",
           figures: tuple[Figure, ...] = ()) -> Claim:
    return Claim(order=order, kind=kind if speaker else "unattributed", text=text,
                 content=((order * 200, order * 200 + len(text)),), speaker=speaker, figures=figures)


def _article(external_id: str, claims: list[Claim], **meta) -> Article:
    return Article(text=" ".join(c.text for c in claims) + external_id, external_id=external_id, **meta)


@pytest.fixture
def store(fresh_db):
    """Two AFP/Reuters stories on Mali, five reviewed claims, one flagged figure change, one rejected link."""
    afp = [
        _claim(0, "Nearly 4,000 French troops have deployed in Mali", LE_DRIAN,
               figures=(Figure(4000, 0, 12, "Nearly 4,000", hedge="nearly", what="French troops"),)),
        _claim(1, "The combat isn't over. The attacks are going to continue", DARDAR, kind="direct"),
        _claim(2, "France's sole fatality so far has been a helicopter pilot", None),
        _claim(3, "it had retaken the town of Menaka, 80 kilometres from the Niger border", MNLA),
    ]
    rtr = [
        _claim(0, "About 4,500 French troops are now in Mali", LE_DRIAN,
               figures=(Figure(4500, 0, 9, "About 4,500", hedge="about", what="French troops"),)),
    ]
    a = storage.save_article(fresh_db, _article(
        "afp-gao", afp, title="French clash with Islamists in 'real war'", source="AFP",
        url="https://example.org/afp-gao", published="2013-02-06"), afp)
    b = storage.save_article(fresh_db, _article(
        "rtr-mali", rtr, title="France sends more troops", source="Reuters",
        url="https://example.org/rtr-mali", published="2013-02-20"), rtr)
    drian_old, dardar, narrative, mnla = a.claim_ids
    (drian_new,) = b.claim_ids
    storage.review_claim(fresh_db, drian_old, "ana", status="verified", note="Matches MoD briefing",
                         evidence_url="https://www.defense.gouv.fr/briefing")
    storage.review_claim(fresh_db, dardar, "ana", status="false")
    storage.review_claim(fresh_db, mnla, "ben", status="unverifiable", note="No independent source")
    storage.review_claim(fresh_db, drian_new, "ben", status="misleading", note="Includes rotating units")
    storage.save_links(fresh_db, [
        Link(drian_new, drian_old, "updated_figure", 91.0, "confident",
             "Le Drian's troop count changed", old_value=4000, new_value=4500),
        Link(drian_new, dardar, "contradiction", 40.0, "suggested", "weak match"),
    ])
    rejected = [lk for lk in storage.list_links(fresh_db) if lk.relation == "contradiction"][0]
    storage.decide_link(fresh_db, rejected.id, "rejected")
    fresh_db.ids = dict(drian_old=drian_old, dardar=dardar, narrative=narrative, mnla=mnla,
                        drian_new=drian_new)
    return fresh_db


@pytest.fixture
def report(store):
    return build_report(store, ReportScope(), generated=GENERATED)


class _Html(HTMLParser):
    """Collects tags, attributes, and the text of each claim block."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.claims = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "article" and "claim" in (attrs.get("class") or "").split():
            self.claims += 1

    def handle_data(self, data):
        self.text.append(data)


def _parse_html(text: str) -> _Html:
    parser = _Html()
    parser.feed(text)
    parser.close()
    return parser


def _csv_rows(text: str) -> list[dict]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


class TestBuild:
    def test_counts_match_the_store(self, store, report):
        """Every claim is in the report once, and the counts add up to the store's."""
        assert report.total == storage.count_claims(store) == len(report.claims) == 5
        statuses = dict(report.by_status)
        for status, n in statuses.items():
            assert n == storage.count_claims(store, storage.ClaimFilter(status=status))
        assert dict(report.by_relation)["updated_figure"] == 1
        assert dict(report.by_relation)["contradiction"] == 0  # rejected links never show
        assert (report.earliest, report.latest) == ("2013-02-06", "2013-02-20")

    def test_change_carries_both_sides(self, store, report):
        new = next(c for c in report.claims if c.id == store.ids["drian_new"])
        (change,) = new.changes
        assert (change.old_value, change.new_value) == (4000, 4500)
        assert change.earlier.id == store.ids["drian_old"] and change.earlier.source == "AFP"
        assert change.later.published == "2013-02-20"
        assert change.earlier.article_url == "https://example.org/afp-gao"

    def test_review_time_is_the_latest_log_entry(self, store, report):
        claim = next(c for c in report.claims if c.id == store.ids["mnla"])
        assert claim.reviewed == storage.history(store, claim.id)[-1].time
        assert claim.reviewer == "ben"
        assert claim.speaker.kind == "organisation"

    def test_pages_through_every_claim(self, store, monkeypatch):
        monkeypatch.setattr("factdesk.reporting.build.PAGE_SIZE", 2)
        assert build_report(store, ReportScope()).total == 5

    def test_unknown_group_is_refused(self, store):
        with pytest.raises(ValueError, match="group"):
            build_report(store, ReportScope(group="outlet"))


@pytest.mark.parametrize(("scope", "expected"), [
    (ReportScope(article="afp-gao"), {"drian_old", "dardar", "narrative", "mnla"}),
    (ReportScope(speaker="Le Drian"), {"drian_old", "drian_new"}),
    (ReportScope(speaker="MNLA"), {"mnla"}),
    (ReportScope(status="false"), {"dardar"}),
    (ReportScope(since="2013-02-10"), {"drian_new"}),
    (ReportScope(until="2013-02-06"), {"drian_old", "dardar", "narrative", "mnla"}),
    (ReportScope(speaker="Le Drian", since="2013-02-01", until="2013-02-28"), {"drian_old", "drian_new"}),
    (ReportScope(speaker="Nobody Atall"), set()),
])
def test_scope_filters(store, scope, expected):
    report = build_report(store, scope, generated=GENERATED)
    assert {c.id for c in report.claims} == {store.ids[k] for k in expected}
    for fmt in FORMATS:
        assert render(report, fmt)


def test_group_by_speaker(store):
    report = build_report(store, ReportScope(group="speaker"), generated=GENERATED)
    titles = [g.title for g in report.groups]
    assert titles == ["Abou Dardar", "Azawad National Liberation Movement", "Jean-Yves Le Drian", "Unattributed"]
    drian = report.groups[2]
    assert drian.subtitle == "French Defence Minister"
    assert [c.published for c in drian.claims] == ["2013-02-06", "2013-02-20"]
    md = render(report, "md")
    assert "## Jean\\-Yves Le Drian" not in md  # hyphens inside words are left alone
    assert "## Jean-Yves Le Drian" in md and "Article: [France sends more troops]" in md


def test_group_by_article_orders_stories_oldest_first(report):
    assert [g.key for g in report.groups] == ["afp-gao", "rtr-mali"]
    assert report.groups[0].subtitle == "AFP · 2013-02-06"


class TestFormats:
    def test_markdown(self, store, report):
        md = render(report, "md")
        assert md.count("\n### ") == report.total
        assert "**MISLEADING**" in md and "**UNVERIFIABLE**" in md
        assert "Updated figure: 4,000 → 4,500" in md
        assert "Old: *Nearly 4,000 French troops have deployed in Mali* — Jean\\-Yves" not in md
        assert "Old: *Nearly 4,000 French troops have deployed in Mali* — Jean-Yves Le Drian" in md
        assert "Evidence: <https://www.defense.gouv.fr/briefing>" in md
        assert "| Misleading | 1 |" in md
        assert "weak match" not in md  # the rejected contradiction

    def test_html(self, store, report):
        page = render(report, "html", org="Desk Check")
        parsed = _parse_html(page)
        assert parsed.claims == report.total
        text = " ".join(parsed.text)
        for claim in report.claims:
            assert claim.text in text
        assert "Updated figure: 4,000 → 4,500" in text
        assert "Desk Check" in text
        assert "@page { size: A4" in page and "break-inside: avoid" in page
        # Self-contained: no scripts, no external resources; links only to http(s).
        assert not [t for t, _ in parsed.tags if t in ("script", "img", "iframe", "link", "object")]
        hrefs = [a["href"] for t, a in parsed.tags if t == "a"]
        assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs)
        badges = [a for t, a in parsed.tags if "badge" in (a.get("class") or "")]
        assert len(badges) >= report.total

    def test_csv(self, store, report):
        text = render(report, "csv")
        assert "\r\n" in text
        rows = _csv_rows(text)
        assert tuple(rows[0]) == CSV_COLUMNS
        assert len(rows) == report.total
        for row in rows:
            claim = storage.get_claim(store, int(row["claim_id"]))
            assert row["claim"] == claim.text
            assert row["status"] == claim.status
            assert row["speaker"] == (claim.speaker_name or "")
        new = next(r for r in rows if int(r["claim_id"]) == store.ids["drian_new"])
        assert new["flags"] == (f"Updated figure: 4,000 → 4,500 (claim {store.ids['drian_old']} → "
                                f"claim {store.ids['drian_new']})")
        assert new["figures"] == "About 4,500" and new["flag_count"] == "1"

    def test_json(self, store, report):
        data = json.loads(render(report, "json", org="Desk Check"))
        assert data["schema_version"] == reporting.SCHEMA_VERSION
        assert data["counts"]["claims"] == len(data["claims"]) == storage.count_claims(store)
        assert data["generated"] == "2013-03-01T09:30:00+00:00"
        by_id = {c["id"]: c for c in data["claims"]}
        assert sorted(by_id) == sorted(store.ids.values())
        change = by_id[store.ids["drian_new"]]["changes"][0]
        assert (change["old_value"], change["new_value"], change["relation"]) == (4000, 4500, "updated_figure")
        assert change["earlier"]["source"] == "AFP" and change["later"]["source"] == "Reuters"
        assert sum(len(g["claim_ids"]) for g in data["groups"]) == len(data["claims"])

    def test_claimreview_required_fields(self, store, report):
        items = json.loads(render(report, "claimreview", org="Desk Check",
                                  url_template="https://factcheck.example/claims/{id}"))
        reviewed = [c for c in report.claims if c.status != "unverified"]
        assert len(items) == len(reviewed) == 4
        for item, claim in zip(items, reviewed):
            assert item["@context"] == "https://schema.org" and item["@type"] == "ClaimReview"
            assert item["url"] == f"https://factcheck.example/claims/{claim.id}"
            assert len(item["claimReviewed"]) < 75
            assert item["itemReviewed"]["@type"] == "Claim"
            assert item["itemReviewed"]["text"] == claim.text
            assert item["itemReviewed"]["appearance"]["@type"] == "CreativeWork"
            assert item["itemReviewed"]["appearance"]["url"] == claim.article_url
            assert item["itemReviewed"]["datePublished"] == claim.published
            assert item["author"] == {"@type": "Organization", "name": "Desk Check"}
            assert item["datePublished"] == storage.history(store, claim.id)[-1].time
            rating = item["reviewRating"]
            assert rating["@type"] == "Rating" and rating["alternateName"] == claim.status_label
            if RATING_VALUES[claim.status] is None:
                assert "ratingValue" not in rating
            else:
                assert rating["ratingValue"] == RATING_VALUES[claim.status]
                assert (rating["worstRating"], rating["bestRating"]) == (1, 5)
        authors = {i["itemReviewed"]["author"]["name"]: i["itemReviewed"]["author"] for i in items}
        assert authors["Azawad National Liberation Movement"]["@type"] == "Organization"
        assert authors["Jean-Yves Le Drian"] == {"@type": "Person", "name": "Jean-Yves Le Drian",
                                                 "jobTitle": "French Defence Minister"}

    def test_claimreview_url_template_is_not_a_format_string(self, report):
        items = json.loads(render(report, "claimreview",
                                  url_template="https://x.example/{id}?a={0.__class__}&b={id}"))
        assert items[0]["url"].endswith("?a={0.__class__}&b=" + items[0]["url"].split("/")[3].split("?")[0])

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_write_report_writes_only_to_the_file_given(self, report, fmt):
        out = io.StringIO()
        write_report(report, fmt, out, org="Desk")
        assert out.getvalue() == render(report, fmt, org="Desk")

    def test_unknown_format_is_refused(self, report):
        with pytest.raises(ValueError, match="format must be one of"):
            render(report, "pdf")

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_empty_store(self, fresh_db, fmt):
        assert render(build_report(fresh_db, ReportScope(), generated=GENERATED), fmt)

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_output_is_reproducible(self, store, fmt):
        first = render(build_report(store, ReportScope(), generated=GENERATED), fmt)
        assert render(build_report(store, ReportScope(), generated=GENERATED), fmt) == first


@pytest.mark.parametrize(("text", "expected"), [
    ("Nearly 4,000 French troops have deployed in Mali", "Nearly 4,000 French troops have deployed in Mali"),
    ("France has no intention of remaining in Mali for the long-term. It is up to the Africans "
     "and to the Malians themselves", "France has no intention of remaining in Mali for the long-term. It is up…"),
    ("x" * 120, "x" * 73 + "…"),
    ("The Malian army took some prisoners, not many, who will have to answer to Malian courts",
     "The Malian army took some prisoners, not many, who will have to answer to…"),
])
def test_short_claim_cuts_at_a_word(text, expected):
    out = short_claim(text)
    assert out == expected
    assert len(out) <= CLAIM_REVIEWED_MAX
