"""Linking through the store: direction, decisions kept, unattributed claims, `match_text`."""

from __future__ import annotations

import pytest

from factdesk import storage
from factdesk.linking import link_new_claims, match_queries, match_text
from factdesk.models import Article, Claim, Figure, Speaker


def _claim(text: str, order: int = 0, speaker: str | None = None, figures=()) -> Claim:
    return Claim(order=order, kind="indirect" if speaker else "unattributed", text=text,
                 content=((0, len(text)),), speaker=Speaker(speaker) if speaker else None,
                 figures=tuple(figures))


def _fig(text: str, value: float, what: str, at: str) -> Figure:
    start = at.index(text)
    return Figure(value=value, start=start, end=start + len(text), text=text, what=what)


def save(db, ext_id: str, published: str, *claims: Claim, title: str | None = None) -> list[int]:
    body = " ".join(c.text for c in claims) + f" [{ext_id}]"
    saved = storage.save_article(db, Article(text=body, external_id=ext_id, published=published,
                                             title=title, source="AFP"), list(claims))
    return list(saved.claim_ids)


OLD_TROOPS = "Nearly 4,000 French troops have deployed in Mali since the former colonial power swept to its aid"
NEW_TROOPS = "Some 4,500 French troops are now deployed in Mali to help the country's army"


def troops(text: str, value: float, fig_text: str, order: int = 0) -> Claim:
    return _claim(text, order, figures=[_fig(fig_text, value, "French troops deployed", text)])


def test_unattributed_figures_link_as_update(fresh_db):
    save(fresh_db, "a", "2013-02-06", troops(OLD_TROOPS, 4000, "4,000"))
    new_ids = save(fresh_db, "b", "2013-02-08", troops(NEW_TROOPS, 4500, "4,500"))
    assert link_new_claims(fresh_db, new_ids) == 1
    (link,) = storage.list_links(fresh_db)
    assert link.relation == "updated_figure"
    assert (link.old_value, link.new_value) == (4000, 4500)
    assert link.claim_id == new_ids[0]
    assert "4,000 → 4,500" in link.explanation and "2 days later" in link.explanation


def test_direction_follows_published_date_not_ingest_order(fresh_db):
    newer = save(fresh_db, "b", "2013-02-08", troops(NEW_TROOPS, 4500, "4,500"))
    older = save(fresh_db, "a", "2013-02-06", troops(OLD_TROOPS, 4000, "4,000"))
    assert link_new_claims(fresh_db, older) == 1
    (link,) = storage.list_links(fresh_db)
    assert (link.claim_id, link.other_id) == (newer[0], older[0])
    assert (link.old_value, link.new_value) == (4000, 4500)


def test_same_date_falls_back_to_ingest_order(fresh_db):
    first = save(fresh_db, "a", "2013-02-06", troops(OLD_TROOPS, 4000, "4,000"))
    second = save(fresh_db, "b", "2013-02-06", troops(NEW_TROOPS, 4500, "4,500"))
    link_new_claims(fresh_db, second)
    (link,) = storage.list_links(fresh_db)
    assert (link.claim_id, link.other_id) == (second[0], first[0])


def test_claims_of_the_same_article_are_not_linked(fresh_db):
    ids = save(fresh_db, "a", "2013-02-06", troops(OLD_TROOPS, 4000, "4,000"),
               troops(NEW_TROOPS, 4500, "4,500", order=1))
    assert link_new_claims(fresh_db, ids) == 0


@pytest.mark.parametrize("decision", ["rejected", "confirmed"])
def test_decided_links_are_never_reflagged(fresh_db, decision):
    save(fresh_db, "a", "2013-02-06", troops(OLD_TROOPS, 4000, "4,000"))
    new_ids = save(fresh_db, "b", "2013-02-08", troops(NEW_TROOPS, 4500, "4,500"))
    link_new_claims(fresh_db, new_ids)
    (link,) = storage.list_links(fresh_db)
    storage.decide_link(fresh_db, link.id, decision)
    assert link_new_claims(fresh_db, new_ids) == 0
    (again,) = storage.list_links(fresh_db)
    assert again.decision == decision


def test_relinking_keeps_open_link_once(fresh_db):
    save(fresh_db, "a", "2013-02-06", troops(OLD_TROOPS, 4000, "4,000"))
    new_ids = save(fresh_db, "b", "2013-02-08", troops(NEW_TROOPS, 4500, "4,500"))
    assert link_new_claims(fresh_db, new_ids) == 1
    assert link_new_claims(fresh_db, new_ids) == 0
    assert len(storage.list_links(fresh_db)) == 1


def test_different_event_is_not_linked_as_update(fresh_db):
    konna = "Mali said 11 of its troops were killed at Konna last month"
    gao = "Officials said 26 soldiers were killed in Gao on Tuesday"
    save(fresh_db, "a", "2013-02-06", _claim(konna, figures=[_fig("11", 11, "troops killed", konna)]))
    new_ids = save(fresh_db, "b", "2013-02-08", _claim(gao, figures=[_fig("26", 26, "soldiers killed", gao)]))
    link_new_claims(fresh_db, new_ids)
    assert [l for l in storage.list_links(fresh_db) if l.relation == "updated_figure"] == []


def test_negation_contradiction_between_speakers(fresh_db):
    lang = "at least 12 people had been killed in the bombing of the Yida refugee camp"
    enough = "no one was killed in the bombing of the Yida refugee camp"
    save(fresh_db, "a", "2011-11-10", _claim(lang, speaker="Miabek Lang",
                                            figures=[_fig("12", 12, "people killed", lang)]))
    new_ids = save(fresh_db, "b", "2011-11-11", _claim(enough, speaker="Enough Project"))
    assert link_new_claims(fresh_db, new_ids) == 1
    (link,) = storage.list_links(fresh_db)
    assert link.relation == "contradiction"
    assert (link.old_value, link.new_value) == (12, 0)
    assert "different speakers" in link.explanation


def test_repeat_from_same_speaker(fresh_db):
    quote = "The combat isn't over. The attacks are going to continue in Gao and elsewhere"
    save(fresh_db, "a", "2013-02-06", _claim(quote, speaker="Abou Dardar"))
    new_ids = save(fresh_db, "b", "2013-02-07", _claim(quote, speaker="Abou Dardar"))
    link_new_claims(fresh_db, new_ids)
    (link,) = storage.list_links(fresh_db)
    assert link.relation == "repeat" and link.tier == "confident"
    assert link.explanation == "said before (100% same wording), same speaker, 1 day later"


def test_match_text_and_queries(fresh_db):
    save(fresh_db, "a", "2013-02-06", troops(OLD_TROOPS, 4000, "4,000"), title="French troops in Mali")
    save(fresh_db, "b", "2013-02-07", _claim("The central bank left interest rates unchanged on Thursday"))
    (claim, score, why), = match_text(fresh_db, "How many French troops are deployed in Mali? https://t.co/x", limit=1)
    assert claim.text == OLD_TROOPS and 0 < score <= 100 and why
    assert match_text(fresh_db, "the of and") == []
    out = dict(match_queries(fresh_db, [("q1", "interest rates unchanged"), ("q2", "zzzz")], limit=3))
    assert out["q1"][0][0].text.startswith("The central bank") and out["q2"] == []


def test_match_finds_a_claim_by_its_headline(fresh_db):
    """A tweet that repeats a fact-check's headline, not its claim wording, still finds it; the
    title index follows articles stored before and after."""
    save(fresh_db, "fc1", "2020-03-01", _claim("The image was taken in 2015 at a rally in Lagos"),
         title="Viral photo does not show flooded Kano airport")
    save(fresh_db, "fc2", "2020-03-02", _claim("The central bank left interest rates unchanged on Thursday"),
         title="Rates held")
    (claim, _, _), = match_text(fresh_db, "Shocking: flooded Kano airport photo!!", limit=1)
    assert claim.article_external_id == "fc1"
    assert match_text(fresh_db, "zzzz qqqq") == []


def test_features_are_built_once_per_claim(fresh_db, monkeypatch):
    """An ingest run meets the same stored claims as candidates again and again."""
    import factdesk.known as known

    built = []
    stored, columns = known.from_stored, known.from_columns
    monkeypatch.setattr(known, "from_stored", lambda c: built.append(c.text) or stored(c))
    monkeypatch.setattr(known, "from_columns", lambda text, *rest: built.append(text) or columns(text, *rest))
    save(fresh_db, "a", "2013-02-06", troops(OLD_TROOPS, 4000, "4,000"))
    for n, day in enumerate(("07", "08", "09")):
        ids = save(fresh_db, f"b{n}", f"2013-02-{day}",
                   troops(NEW_TROOPS.replace("Some", f"Some {n}"), 4500 + n, "4,500", order=0))
        link_new_claims(fresh_db, ids)
    assert OLD_TROOPS in built, "the old claim was a candidate"
    assert len(built) == len(set(built))


def _business(text: str, value: float, fig_text: str, what: str | None, unit: str | None,
              order: int = 0, speaker: str | None = None) -> Claim:
    start = text.index(fig_text)
    figure = Figure(value=value, start=start, end=start + len(fig_text), text=fig_text, what=what, unit=unit)
    return _claim(text, order, speaker=speaker, figures=[figure])


def test_unrelated_business_stories_never_update_each_other(fresh_db):
    """Two companies' results in the same week share units and words, not figures."""
    save(fresh_db, "a", "2005-02-01",
         _business("Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three "
                   "months to December", 1.13e9, "$1.13bn", "quarterly profits", "USD"),
         _business("TimeWarner said fourth quarter sales rose 2% to $11.1bn from $10.9bn",
                   11.1e9, "$11.1bn", "fourth quarter sales", "USD", order=1, speaker="TimeWarner"),
         title="Ad sales boost Time Warner profit")
    new_ids = save(fresh_db, "b", "2005-02-03",
                   _business("Quarterly profits at German carmaker BMW rose 12% to $0.9bn for the three "
                             "months to December", 0.9e9, "$0.9bn", "quarterly profits", "USD"),
                   _business("BMW said fourth quarter sales rose 3% to $14.2bn from $13.8bn",
                             14.2e9, "$14.2bn", "fourth quarter sales", "USD", order=1, speaker="BMW"),
                   title="BMW profits up on strong car sales")
    link_new_claims(fresh_db, new_ids)
    assert [l for l in storage.list_links(fresh_db) if l.relation in ("updated_figure", "contradiction")] == []


def test_candidates_skip_words_only_the_own_article_holds(fresh_db):
    """Rare words of the new article itself must not crowd out the words other articles share."""
    save(fresh_db, "a", "2013-02-06", troops(OLD_TROOPS, 4000, "4,000"))
    filler = [_claim(f"Zorblax quintessa marvelous plinthwork number {n} dazzled Vortigern onlookers", n + 1)
              for n in range(5)]
    new_ids = save(fresh_db, "b", "2013-02-08", troops(NEW_TROOPS + " zorblax quintessa plinthwork", 4500, "4,500"),
                   *filler)
    assert link_new_claims(fresh_db, new_ids) >= 1


PLAIN = "The company said it expects earnings to rise in the second half of the year"


def test_near_copy_is_found_by_its_keys_when_every_word_is_too_common(fresh_db, monkeypatch):
    """A sentence of common words has no rare word to search by; its near-duplicate keys find the copy."""
    import factdesk.candidates as candidates

    monkeypatch.setattr(candidates, "COMMON_TERM_DOCS", 0)  # every word counts as too common
    monkeypatch.setattr(candidates, "COMMON_TERM_SHARE", 0.0)
    save(fresh_db, "a", "2013-02-06", _claim(PLAIN))
    new_ids = save(fresh_db, "b", "2013-02-08", _claim(PLAIN + ", a spokesman said"))
    assert candidates.rare_word_ids(fresh_db, [["company", "earnings"]], [set(new_ids)]) == [[]]
    assert link_new_claims(fresh_db, new_ids) == 1
    assert storage.list_links(fresh_db)[0].relation == "repeat"


def test_claims_stored_without_linking_are_keyed_when_linking_next_runs(fresh_db, monkeypatch):
    import factdesk.candidates as candidates
    from factdesk.candidates import index_claims

    monkeypatch.setattr(candidates, "COMMON_TERM_DOCS", 0)  # only the keys can find the old claim
    monkeypatch.setattr(candidates, "COMMON_TERM_SHARE", 0.0)
    old = save(fresh_db, "a", "2013-02-06", _claim(PLAIN))  # stored, never linked (an import)
    new_ids = save(fresh_db, "b", "2013-02-08", _claim(PLAIN.replace("second", "first")))
    assert link_new_claims(fresh_db, new_ids) == 1
    assert storage.list_links(fresh_db)[0].other_id == old[0]
    assert index_claims(fresh_db) == 0, "linking keyed every claim it found unkeyed"


def test_index_claims_keys_every_claim_once(fresh_db):
    from factdesk.candidates import index_claims

    save(fresh_db, "a", "2013-02-06", _claim(PLAIN), _claim("Shares fell sharply on Monday", 1))
    assert index_claims(fresh_db) == 2
    assert index_claims(fresh_db) == 0
    keys = fresh_db.execute("SELECT count(*) FROM claim_keys").fetchone()[0]
    assert keys > 2


def test_a_speaker_merge_reaches_claims_linking_remembers(fresh_db):
    """Features built before a merge name the old speaker: linking must not reuse them after it."""
    text = "Some {n} soldiers were killed near Gao on Monday"

    def soldiers(n: int, speaker: str) -> Claim:
        t = text.format(n=n)
        return _claim(t, speaker=speaker, figures=[_fig(str(n), n, "soldiers killed", t)])

    old = save(fresh_db, "a", "2013-02-06", soldiers(40, "Colonel Keita"))
    link_new_claims(fresh_db, save(fresh_db, "b", "2013-02-06", soldiers(45, "Mamadou Diarra")))
    assert {l.relation for l in storage.list_links(fresh_db)} == {"contradiction"}, "rival speakers"
    keita, diarra = (storage.speaker_by_name(fresh_db, n).id for n in ("Colonel Keita", "Mamadou Diarra"))
    storage.merge_speakers(fresh_db, diarra, keita)
    link_new_claims(fresh_db, save(fresh_db, "c", "2013-02-06", soldiers(50, "Mamadou Diarra")))
    assert {l.relation for l in storage.list_links(fresh_db, claim_id=old[0]) if l.new_value == 50} == {"updated_figure"}


def test_candidates_features_from_stamp_and_figures_are_the_full_claims(fresh_db):
    """Linking builds a candidate's features from its stamp, text and figures, never its full row."""
    from factdesk.matching import from_stored
    from factdesk.matching.features import from_columns
    from factdesk.storage.matching_queries import claim_figures, stamps

    ids = save(fresh_db, "a", "2013-02-06", troops(OLD_TROOPS, 4000, "4,000"),
               _claim("Mali's army said it retook Konna from the rebels", 1, speaker="Colonel Keita"),
               title="French troops in Mali")
    figures = claim_figures(fresh_db, ids)
    for hit in stamps(fresh_db, ids):
        _, _, speaker_id, speaker_name, kind, _, _, title, published = hit.stamp
        built = from_columns(hit.text, kind, figures.get(hit.id, ()), speaker_id, speaker_name, published, title)
        assert built == from_stored(storage.get_claim(fresh_db, hit.id))
    assert set(figures) == {ids[0]}


def test_rare_word_candidates_never_include_the_own_article(fresh_db):
    """Own claims hold the new claim's rarest words most of all: they are never its candidates."""
    from factdesk import candidates

    old = save(fresh_db, "a", "2013-02-06", _claim("Zorblax quintessa flooded Timbuktu airport"))
    own = save(fresh_db, "b", "2013-02-08", _claim("Zorblax quintessa flooded Timbuktu airport again", 0),
               _claim("Zorblax quintessa closed Timbuktu airport", 1))
    terms = ["zorblax", "quintessa", "timbuktu", "airport", "flooded"]
    assert candidates.rare_word_ids(fresh_db, [terms], [set(own)]) == [old]
    assert candidates.rare_word_ids(fresh_db, [terms], [set()]) == [[own[0], old[0], own[1]]], \
        "most shared rare words first, ties to the newest"
