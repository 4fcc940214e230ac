"""Pure matching: relations, tiers, explanations, query cleaning (no store, no spaCy)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factdesk.matching import SHORT_TEXT_WORDS, build, classify, clean_query, from_query, rank
from factdesk.matching.explain import change_text, fmt_value, when
from factdesk.matching.text import core, entities, negated, places, query_terms
from factdesk.models import Figure


def fig(text: str, value: float, what: str | None = None, unit: str | None = None, hedge=None) -> Figure:
    return Figure(value=value, start=0, end=len(text), text=text, what=what, unit=unit, hedge=hedge)


def claim(text, *figures, speaker=None, published=None, title=None):
    return build(text, figures=figures, speaker=speaker, published=published, title=title)


TROOPS_OLD = claim("Nearly 4,000 French troops have deployed in Mali since the former colonial power "
                   "swept to the country's aid", fig("4,000", 4000, "French troops deployed", hedge="nearly"),
                   published="2013-02-06")
TROOPS_NEW = claim("Some 4,500 French troops are now deployed in Mali to help the country's army",
                   fig("4,500", 4500, "French troops deployed"), published="2013-02-08")

CASES = [
    # (label, old, new, expected relation or None)
    ("troops rise is an update", TROOPS_OLD, TROOPS_NEW, "updated_figure"),
    ("death toll rises in the same quake",
     claim("The earthquake in Ecuador killed at least six people, the Civil Defence said",
           fig("six", 6, "people killed", hedge="at least"), published="1987-03-07"),
     claim("Up to 300 people were feared dead after the earthquake in Ecuador, the Civil Defence said",
           fig("300", 300, "people dead", hedge="up to"), published="1987-03-09"),
     "updated_figure"),
    ("same figure again is a repeat, not an update", TROOPS_OLD,
     claim("Nearly 4,000 French troops have been deployed in Mali since the former colonial power "
           "came to the country's aid", fig("4,000", 4000, "French troops deployed", hedge="nearly"),
           published="2013-02-07"),
     "repeat"),
    ("verbatim repeat without figures",
     claim("The combat isn't over. The attacks are going to continue", speaker="Abou Dardar"),
     claim("The combat isn't over, the attacks are going to continue", speaker="Abou Dardar"),
     "repeat"),
    ("no one killed contradicts twelve killed",
     claim("Local official Miabek Lang said at least 12 people had been killed in the bombing of the Yida camp",
           fig("12", 12, "people killed", hedge="at least"), speaker="Miabek Lang", published="2011-11-10"),
     claim("Enough Project sources said no one was killed in the bombing of the Yida camp",
           speaker="Enough Project", published="2011-11-11"),
     "contradiction"),
    ("rival sides' casualty claims",
     claim("Iraqi forces killed or wounded 15,000 Iranian Revolutionary Guards in the battle east of Basra",
           fig("15,000", 15000, "Iranian Revolutionary Guards killed"), speaker="Iraqi high command",
           published="1987-03-01"),
     claim("Iranian forces killed or wounded 1,200 Iraqis in the battle east of Basra",
           fig("1,200", 1200, "Iraqis killed"), speaker="Tehran Radio", published="1987-03-01"),
     "contradiction"),
    ("rose versus fell",
     claim("Unemployment in Britain rose sharply last month, the Office for National Statistics said"),
     claim("Unemployment in Britain fell sharply last month, the Office for National Statistics said"),
     "contradiction"),
    ("different battles, different numbers: no update",
     claim("Mali said 11 of its troops were killed at Konna last month",
           fig("11", 11, "troops killed"), published="2013-02-06"),
     claim("Officials said 26 soldiers were killed in Gao on Tuesday",
           fig("26", 26, "soldiers killed"), published="2013-02-08"),
     None),
    ("two different earthquakes' death tolls: no update",
     claim("The earthquake in Ecuador killed at least six people", fig("six", 6, "people killed"),
           published="1987-03-07"),
     claim("The earthquake in Japan killed two people", fig("two", 2, "people killed"),
           published="1987-03-23"),
     None),
    ("unrelated claims",
     claim("The central bank left interest rates unchanged on Thursday"),
     claim("The striker scored twice in the second half at Wembley"),
     None),
    ("no injuries days later is another quake, not a contradiction",
     claim("A very strong earthquake that struck southwest Japan killed one person and injured at least three",
           fig("three", 3, "people injured", hedge="at least"), published="1987-03-18",
           title="Japan earthquake kills one"),
     claim("A moderate earthquake measuring 5.5 on the Richter scale shook southwestern Japan but caused "
           "no injuries", published="1987-03-23", title="Moderate earthquake hits southwest Japan"),
     None),
    ("a short claim alone does not update another offensive's toll",
     claim("Iraqi troops suffered 3,000 casualties in a week-old offensive by Iran's forces in the mountains",
           fig("3,000", 3000, "casualties"), speaker="Iranian military commander", published="1987-03-11",
           title="Iran claims 3,000 Iraqi casualties in fighting"),
     claim("over 1,500 Iraqi casualties", fig("1,500", 1500, "Iraqi casualties", hedge="over"),
           speaker="Tehran Radio", published="1987-04-08", title="Iran says offensive aimed at destroying Iraq army"),
     None),
    ("different holders' share counts are related, not an update",
     claim("it cut its stake in Cyclops Corp to 437,425 shares, or 11.1 pct of the total outstanding",
           fig("437,425", 437425, "shares"), speaker="Sharon Steel", published="1987-03-05"),
     claim("it has acquired 243,400 shares of Cyclops Corp, or 6.0 pct of the total outstanding",
           fig("243,400", 243400, "shares"), speaker="Cyacq", published="1987-03-26"),
     "related"),
    ("one story reworded: the toll update is still found",
     claim("At least 26 people died when a car ferry struck a pier as it left Belgium for Britain",
           fig("26", 26, "people dead", hedge="at least"), published="1987-03-06T18:42:19",
           title="26 reported dead in ferry disaster"),
     claim("About 200 people are feared dead after a British cross-channel ferry rolled on its side "
           "off the Belgian coast last night", fig("200", 200, "people dead", hedge="about"),
           published="1987-03-06T23:27:45", title="Two hundred feared dead in ferry disaster"),
     "updated_figure"),
    ("reworded tolls of two stories: no update",
     claim("At least 26 people died when a car ferry struck a pier as it left Belgium for Britain",
           fig("26", 26, "people dead", hedge="at least"), published="1987-03-06",
           title="26 reported dead in ferry disaster"),
     claim("The quake on Thursday killed at least six people and was centred near the Reventador volcano",
           fig("six", 6, "people killed", hedge="at least"), published="1987-03-07",
           title="Ecuador adopts austerity measures after quake"),
     None),
]


@pytest.mark.parametrize("label,old,new,relation", CASES, ids=[c[0] for c in CASES])
def test_relation(label, old, new, relation):
    verdict = classify(new, old)
    assert (verdict.relation if verdict else None) == relation, verdict


def test_related_when_same_names_nothing_changed():
    old = claim("Le Drian said French troops clashed with Islamist rebels near Gao", speaker="Le Drian")
    new = claim("Le Drian said French forces fought Islamist rebels around Gao on Tuesday", speaker="Le Drian")
    verdict = classify(new, old)
    assert verdict is not None and verdict.relation in ("related", "repeat")


def test_update_values_and_explanation():
    verdict = classify(TROOPS_NEW, TROOPS_OLD)
    assert (verdict.old_value, verdict.new_value) == (4000, 4500)
    assert verdict.explanation == "figure changed 4,000 → 4,500 French troops deployed (+12.5%), 2 days later"


def test_same_speaker_in_explanation():
    old = claim("Nearly 4,000 French troops have deployed in Mali, Le Drian said",
                fig("4,000", 4000, "French troops"), speaker="Jean-Yves Le Drian", published="2013-02-06")
    new = claim("About 4,500 French troops are now deployed in Mali, Le Drian said",
                fig("4,500", 4500, "French troops"), speaker="Jean-Yves Le Drian", published="2013-02-06")
    verdict = classify(new, old)
    assert verdict.explanation == "figure changed 4,000 → 4,500 French troops (+12.5%), same speaker, same day"


@pytest.mark.parametrize("old_text,new_text,tier", [
    ("Nearly 4,000 French troops have deployed in Mali since January 11",
     "Nearly 4,000 French troops have deployed in Mali since January 11", "confident"),
    ("Prices rose.", "Prices rose.", "suggested"),
    ("We will go after them", "We will go after them", "suggested"),
])
def test_tier(old_text, new_text, tier):
    verdict = classify(claim(new_text), claim(old_text))
    assert verdict.relation == "repeat"
    assert verdict.tier == tier


def test_short_texts_only_suggest():
    short = "Four killed in Gao"
    assert len(short.split()) < SHORT_TEXT_WORDS
    verdict = classify(claim(short, fig("Four", 4, "killed")), claim(short, fig("Four", 4, "killed")))
    assert verdict.tier == "suggested"


@pytest.mark.parametrize("value,text", [(4000.0, "4,000"), (12.5, "12.5"), (0.0, "0"), (1e9, "1,000,000,000")])
def test_fmt_value(value, text):
    assert fmt_value(value) == text


@pytest.mark.parametrize("days,text", [(0, "same day"), (1, "1 day later"), (3, "3 days later"),
                                       (-2, "2 days earlier"), (None, None)])
def test_when(days, text):
    assert when(days) == text


def test_change_text_percent():
    pair = (TROOPS_OLD.figures[0], TROOPS_NEW.figures[0])
    assert change_text(pair) == "4,000 → 4,500 French troops deployed (+12.5%)"


def test_a_measure_whose_label_names_its_unit_is_not_told_twice():
    old = claim("Menaka is 80 kilometres from the border", fig("80", 80, "kilometres from the border", unit="km"))
    new = claim("Menaka is 95 kilometres from the border", fig("95", 95, "kilometres from the border", unit="km"))
    assert change_text((old.figures[0], new.figures[0])) == "80 → 95 kilometres from the border (+18.8%)"
    short = claim("The road runs 80 km", fig("80", 80, None, unit="km"))
    assert change_text((short.figures[0], short.figures[0])) == "80 km → 80 km (+0.0%)"


@pytest.mark.parametrize("raw,clean", [
    ("Fact check: The U.S. Army is NOT contacting anyone pic.twitter.com/3S32De8ekP — U.S. Army CGSC (@USACGSC) January 8, 2020",
     "Fact check: The U.S. Army is NOT contacting anyone U.S. Army CGSC January 2020"),
    ("The US drone attack on #Soleimani caught on camera.#IranUsapic.twitter.com/TvRkHvlgby — Olaudah (@RealOlaudah) January 6, 2020",
     "The US drone attack on Soleimani caught on camera. Iran Usa Olaudah January 2020"),
    # Who posted it and when stay: a fact-check names both ("In January 2020, Rep. Ilhan Omar ...").
    ("Iran could threaten Trump hotels. — Ilhan Omar (@IlhanMN) January 6, 2020",
     "Iran could threaten Trump hotels. Ilhan Omar January 2020"),
    ("A dash - not a signature (@someone) here", "A dash - not a signature ( someone) here"),
    ("Read this https://t.co/abc #FakeNews @CNNbrk", "Read this Fake News CNNbrk"),
])
def test_clean_query(raw, clean):
    assert clean_query(raw) == clean


@pytest.mark.parametrize("text,expected", [
    ("French and Malian troops clashed near Gao, Le Drian said", {"malian", "gao", "le", "drian"}),
    ("MUJAO said it attacked military positions", {"mujao"}),
    ("The minister said nothing", set()),
])
def test_entities(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("11 troops were killed at Konna last month", {"konna"}),
    ("26 killed in Gao on Tuesday", {"gao"}),
    ("the ferry capsized off Zeebrugge", {"zeebrugge"}),
])
def test_places(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("no one was killed", True), ("The ministry denied the report", True), ("It isn't over", True),
    ("At least 12 people were killed", False),
])
def test_negated(text, expected):
    assert negated(text) is expected


def test_query_terms_drop_stopwords_names_first():
    terms = query_terms("Minister Le Drian said the troops were in Gao")
    assert set(terms[:3]) == {"drian", "gao", "le"}
    assert "the" not in terms and "said" not in terms


def test_rank_prefers_close_claim():
    query = from_query("BREAKING: 122 Guantanamo detainees released by Obama returned to terrorism!! https://t.co/x")
    good = claim("122 detainees released from Guantanamo Bay under President Obama have re-engaged in terrorist activities.",
                 title="Did 122 Prisoners Released from Guantanamo by President Obama Return to the Battlefield?")
    bad = claim("Obama released a video about terrorism in 2015.", title="Obama video")
    order = rank(query, [(bad, -10.0), (good, -9.0)])
    assert order[0][0] == 1


def test_story_update_is_only_suggested():
    old, new = CASES[-2][1], CASES[-2][2]
    verdict = classify(new, old)
    assert (verdict.relation, verdict.tier) == ("updated_figure", "suggested")


@pytest.mark.parametrize("a,b", [
    ("The central bank left interest rates unchanged on Thursday",
     "The striker scored twice in the second half at Wembley"),
    ("Nearly num French troops have deployed in Mali", "Some num French troops are now deployed in Mali"),
    ("Sales rose num pct in the year to December", "Sales fell num pct in the year to December, the firm said"),
])
def test_prefilter_is_exactly_the_similarity_floor(a, b):
    from factdesk.matching.evidence import PREFILTER_SIMILARITY, may_relate, relatable, similarity
    from factdesk.matching.text import process

    a, b = process(a), process(b)
    expected = similarity(a, b) >= PREFILTER_SIMILARITY
    assert may_relate(a, b) == expected
    assert relatable(a, [b]) == [expected]


def test_copies_of_one_sentence_keep_their_own_context():
    """A reprinted sentence shares its text features (remembered per text), never its date, title or speaker."""
    text = "Some 4,500 French troops were deployed in Mali in 2013"
    a = claim(text, fig("4,500", 4500, "French troops deployed"), published="2014-01-11", title="Mali a year on")
    b = claim(text, speaker="Jean-Yves Le Drian", published="2013-02-08")
    assert (a.masked, a.words, a.entities, a.years) == (b.masked, b.words, b.entities, b.years)
    assert (a.published.year, a.title, a.figures != ()) == (2014, "mali a year on", True)
    assert (b.published.year, b.title, b.figures, b.speaker) == (2013, "", (), "jean-yves le drian")
    assert (a.background, b.background) == (True, False), "2013 is another time only for the 2014 article"


@given(st.text(max_size=60), st.text(max_size=30))
def test_core_is_the_claim_and_title_words_without_stopwords(text, title):
    """Worked out from the processed text and title when ranking asks: the same as from the raw ones."""
    assert build(text, title=title).core == core(text + " " + title)


@pytest.mark.parametrize("old_text", ["Some 4,000 French troops are deployed in Mali", "4,000", ""])
def test_masked_similarity_is_the_similarity_of_the_masked_texts(old_text):
    """The token-sort half of the masked similarity is worked out once and kept on its own too."""
    from factdesk.matching.evidence import SORT_SCORER, evidence, similarity

    new, old = TROOPS_NEW, claim(old_text)
    ev = evidence(new, old)
    assert ev.masked_similarity == similarity(new.masked, old.masked)
    assert ev.sort_similarity == SORT_SCORER(new.masked, old.masked, processor=None)


_TIME_WORDS = ["year", "Years", "YEAR", "last", "Last", "in", "On", "a", "ago", "earlier", "may", "May", "MAY",
               "September", "1985", "2013", "19850", "x", "é", "ſ", ",", ".", "-"]


@given(st.lists(st.sampled_from(_TIME_WORDS), max_size=8).map(" ".join) | st.text(max_size=30))
def test_the_quick_look_for_another_time_misses_nothing(text):
    """`_background` skips its slow regex when a quick look finds none of the words a match needs."""
    from factdesk.matching.features import _PAST, _may_tell_of_the_past

    assert _PAST.search(text) is None or _may_tell_of_the_past(text)


_NUMBER_TEXT = ["Two", "HUNDRED", "dozens", "Mln", "one", "someone", "ten", "often", "4,000", "1.5", "x", "é", "-", " "]


@given(st.lists(st.sampled_from(_NUMBER_TEXT), max_size=8).map(" ".join) | st.text(max_size=30))
def test_masked_text_replaces_numbers_and_number_words_in_any_case(text):
    """ASCII text is masked lower-cased (the faster way): the same as masking it as written."""
    from factdesk.matching.text import _NUMBER, _NUMBER_WORDS, NUMBER_TOKEN, masked, process

    assert masked(text) == process(_NUMBER_WORDS.sub(NUMBER_TOKEN, _NUMBER.sub(NUMBER_TOKEN, text)))
