"""Evolving stories: article story contexts, sides, stated changes, time (pure matching, no store)."""

from __future__ import annotations

import pytest

from factdesk.matching import build, classify, classify_all
from factdesk.matching.story import context, is_digest, names_conflict, same_story
from factdesk.models import Figure


def fig(text: str, value: float, what: str | None = None, unit: str | None = None, hedge=None) -> Figure:
    return Figure(value=value, start=0, end=len(text), text=text, what=what, unit=unit, hedge=hedge)


def claim(text, *figures, speaker=None, published=None, title=None):
    return build(text, figures=figures, speaker=speaker, published=published, title=title)


MINE_DAY1 = context("12 MINERS FEARED DEAD IN PIT FLOOD",
                    "Rescuers said at least 12 miners were feared dead after water flooded the Golden Reef pit "
                    "near Kalgoorlie on Monday. The operator, Westmine, said 60 men were underground.")
MINE_DAY2 = context("HOPE FADES FOR MINERS TRAPPED IN FLOODED PIT",
                    "Westmine said there was little hope for about 40 miners trapped in the Golden Reef pit, "
                    "where pumps failed overnight. Relatives gathered at the gates.")
QUAKE_PERU = context("PERU QUAKE KILLS AT LEAST NINE",
                     "An earthquake struck southern Peru on Tuesday, killing at least nine people and cutting "
                     "power lines around Arequipa, officials said.")
QUAKE_TURKEY = context("STRONG EARTHQUAKE HITS EASTERN TURKEY",
                       "A strong earthquake killed two people in eastern Turkey and cut power lines, the Van "
                       "governor said.")
BOILERPLATE_A = context("ACME CORP SETS TENDER OFFER",
                        "Acme Corp said it began a tender offer for all outstanding common shares of Brightline "
                        "Inc, in a filing with the Securities and Exchange Commission.")
BOILERPLATE_B = context("ZENITH INC EXTENDS TENDER OFFER",
                        "Zenith Inc said it extended its tender offer for outstanding common shares of Harlow "
                        "Corp, according to a filing with the Securities and Exchange Commission.")
DIGEST = context("WORLD NEWS HIGHLIGHTS",
                 "LIMA - An earthquake killed nine people in southern Peru.\n"
                 "ANKARA - Turkey's parliament passed the budget.\nMANILA - Seven rebels were killed.\n"
                 "BONN - The Bundesbank left rates unchanged.")


@pytest.mark.parametrize("a, b, same", [
    (MINE_DAY1, MINE_DAY2, True),  # rewritten next day: the pit, the operator, the title's words
    (QUAKE_PERU, QUAKE_TURKEY, False),  # both quakes killed and cut power lines; no name in common
    (BOILERPLATE_A, BOILERPLATE_B, False),  # tender-offer boilerplate, two different companies
    (DIGEST, QUAKE_PERU, False),  # a digest's title and lead say nothing about one item
], ids=["rewrite", "two quakes", "two bids", "digest"])
def test_same_story(a, b, same):
    assert same_story(a, b) is same


def test_a_leads_first_word_is_a_name_when_the_title_says_so():
    ctx = context("ECUADOR NEEDS AID AFTER QUAKE", "Ecuador needs emergency aid, the minister said.")
    assert "ecuador" in ctx.names
    assert not names_conflict(ctx, context("ECUADOR QUAKE DAMAGE PUT AT ONE BILLION DLRS",
                                           "The quake that hit Ecuador cost one billion dlrs."))


def test_a_digest_has_no_story_context():
    assert is_digest("LIMA - One.\nANKARA - Two.\nMANILA - Three.") and DIGEST.words == frozenset()


# (label, old, new, stories or None, relation or None, words the explanation holds)
STORY_CASES = [
    ("a rewrite's toll in other words is an update of the same story",
     claim("Rescuers said 60 men were still unaccounted for", fig("60", 60, "men unaccounted for"),
           speaker="rescuers", published="1990-05-07", title="12 miners feared dead in pit flood"),
     claim("there was little hope for about 40 miners trapped in the Golden Reef pit",
           fig("40", 40, "miners trapped", hedge="about"), speaker="Westmine", published="1990-05-08",
           title="Hope fades for miners trapped in flooded pit"),
     (MINE_DAY2, MINE_DAY1), "updated_figure", ["60 → 40", "same story, reworded", "1 day later"]),
    ("the same words about two quakes are no update",
     claim("The earthquake killed at least nine people and cut power lines", fig("nine", 9, "people killed"),
           published="1991-04-02"),
     claim("The earthquake killed two people and cut power lines", fig("two", 2, "people killed"),
           published="1991-04-03"),
     (QUAKE_TURKEY, QUAKE_PERU), None, []),
    ("rival sides' counts of each other's dead are rival claims, however worded",
     claim("its forces killed more than 2,000 Iranians in the marshes east of Basra",
           fig("2,000", 2000, "Iranians killed", hedge="more than"), speaker="Iraqi high command",
           published="1987-02-10", title="Iraq says Iranian attack crushed near Basra"),
     claim("over 700 Iraqi casualties", fig("700", 700, "Iraqi casualties", hedge="over"),
           speaker="Tehran Radio", published="1987-02-10", title="Iran says Basra offensive goes on"),
     (context("IRAN SAYS BASRA OFFENSIVE GOES ON", "Iran said its offensive near Basra went on, Tehran Radio "
                                                   "reported, as Iraq and Iran traded claims."),
      context("IRAQ SAYS IRANIAN ATTACK CRUSHED NEAR BASRA", "Iraq said it crushed an Iranian attack near "
                                                             "Basra, where Iran and Iraq have fought for weeks.")),
     "contradiction", ["rival claims: 2,000 Iranians killed (Iraqi high command) vs 700 Iraqi casualties "
                       "(Tehran Radio)"]),
    ("one side's dead and the other side's dead are never an update",
     claim("Iraqi forces killed 2,000 Iranians in the offensive, the high command said",
           fig("2,000", 2000, "Iranians killed"), speaker="Iraqi high command", published="1987-02-10"),
     claim("Iraqi forces lost 300 Iraqi soldiers killed in the offensive, the high command said",
           fig("300", 300, "Iraqi soldiers killed"), speaker="Iraqi high command", published="1987-02-11"),
     None, "related", []),
    ("a change the new claim states is an update of the old figure",
     claim("it extended its 80 dlr a share tender offer for Harlow Corp to April 3",
           fig("80 dlr", 80, None, "USD"), speaker="Zenith Inc", published="1988-03-01"),
     claim("it raised its tender offer for Harlow Corp to 92.50 dlrs a share from 80 dlrs",
           fig("92.50 dlrs", 92.5, None, "USD"), fig("80 dlrs", 80, None, "USD"), speaker="Zenith Inc",
           published="1988-03-08"),
     None, "updated_figure", ["80 USD → 92.5 USD", "stated as a change", "same speaker"]),
    ("the same two figures in another order are a repeat, not an update",
     claim("it intends to raise the price to 95 dlrs from 90.25 dlrs for each remaining Harlow share",
           fig("95 dlrs", 95, None, "USD"), fig("90.25 dlrs", 90.25, None, "USD"), speaker="Zenith Inc",
           published="1988-03-10"),
     claim("it intends to raise from 90.25 dlrs to 95 dlrs the price for each remaining Harlow share",
           fig("90.25 dlrs", 90.25, None, "USD"), fig("95 dlrs", 95, None, "USD"), speaker="Zenith Inc",
           published="1988-03-11"),
     None, "repeat", []),
    ("a count on top of others is no total to update",
     claim("At least 26 people died when the car ferry capsized off the coast", fig("26", 26, "people dead"),
           published="1987-03-06", title="26 reported dead in ferry disaster"),
     claim("There were at least another 20 dead inside the car ferry, a nurse said",
           fig("20", 20, "dead", hedge="at least"), speaker="nurse", published="1987-03-06",
           title="Ferry disaster: rescuers search hull"),
     (MINE_DAY1, MINE_DAY1), None, []),
    ("a figure from another year is background, not this story's",
     claim("About 200 people are feared dead after the ferry rolled on its side off the Belgian coast",
           fig("200", 200, "people dead", hedge="about"), published="1987-03-06",
           title="Two hundred feared dead in ferry disaster"),
     claim("In 1985, more than 200 were feared dead after two ferries sank near Dhaka",
           fig("200", 200, "dead", hedge="more than"), published="1987-03-07",
           title="Ferry disaster may rank among worst tragedies"),
     (MINE_DAY2, MINE_DAY1), None, []),
    ("a vaguer floor the old figure met is a restatement",
     claim("Zenith now holds 83 pct of Harlow's stock after its tender offer", fig("83 pct", 83, "stock", "percent"),
           published="1988-03-27"),
     claim("Zenith had acquired more than 80 pct of Harlow's stock under its tender offer",
           fig("80 pct", 80, "stock", "percent", hedge="more than"), published="1988-03-29"),
     None, "related", []),
    ("a number inside the old range is a restatement",
     claim("Ecuador pumped 245,000 to 250,000 bpd before the earthquake, the ministry said",
           Figure(value=245000, start=0, end=1, text="245,000 to 250,000 bpd", low=245000, high=250000,
                  what="bpd before the earthquake", unit="bpd"), published="1987-04-09"),
     claim("Ecuador was pumping around 250,000 bpd before the earthquake, the ministry said",
           fig("250,000 bpd", 250000, "bpd before the earthquake", "bpd", hedge="around"), published="1987-04-13"),
     None, None, []),
    ("two bidders' prices in one story are two things",
     claim("Cyclops received a sweetened offer of 92.50 dlrs per share from Cyacq Acquisition Corp",
           fig("92.50 dlrs", 92.5, None, "USD"), published="1987-03-20"),
     claim("Dixons ended its 90.25 dlr a share tender offer for Cyclops after receiving 54 pct",
           fig("90.25 dlr", 90.25, None, "USD"), published="1987-03-25"),
     None, None, []),
    ("the same unit in two roles counts two things",
     claim("Ecuador was pumping about 260,000 bpd before the earthquake, the ministry said",
           fig("260,000 bpd", 260000, "bpd before the earthquake", "bpd"), published="1987-03-13"),
     claim("Ecuador was exporting about 140,000 bpd before the earthquake, the ministry said",
           fig("140,000 bpd", 140000, "bpd before the earthquake", "bpd"), published="1987-03-13"),
     None, None, []),
    ("a repair bill revised is an update",
     claim("It would cost about 100 mln dlrs to repair the damaged Trans-Andean pipeline, the ministry said",
           fig("100 mln dlrs", 100e6, None, "USD"), published="1987-03-09"),
     claim("The ministry said it would cost 150 mln dlrs to repair the damaged Trans-Andean pipeline",
           fig("150 mln dlrs", 150e6, None, "USD"), published="1987-03-10"),
     None, "updated_figure", ["100,000,000 USD → 150,000,000 USD"]),
    ("a damage bill six times the repair bill is another amount",
     claim("It would cost 150 mln dlrs to repair the damaged pipeline, the ministry said",
           fig("150 mln dlrs", 150e6, None, "USD"), published="1987-03-09"),
     claim("The ministry said the economic cost would be at least 950 mln dlrs in damages",
           fig("950 mln dlrs", 950e6, "damages", "USD"), published="1987-03-09"),
     None, None, []),
    ("a sale price and a tender offer are two amounts",
     claim("Zenith extended its 80 dlr a share tender offer for Harlow Corp to March 20",
           fig("80 dlr", 80, None, "USD"), speaker="Zenith", published="1988-03-06"),
     claim("Zenith sold 87,350 Harlow common shares at prices ranging from 65.75 to 91.00 dlrs a share",
           fig("91.00 dlrs", 91, None, "USD"), speaker="Zenith", published="1988-03-09"),
     None, None, []),
    ("two countries' output is no update",
     claim("Colombia currently produces about 360,000 barrels per day of crude, the ministry said",
           fig("360,000 barrels per day", 360000, "barrels per day of crude", "bpd"), published="1987-03-06"),
     claim("Ecuador currently produces about 260,000 barrels per day of crude, the ministry said",
           fig("260,000 barrels per day", 260000, "barrels per day of crude", "bpd"), published="1987-03-07"),
     (context("ECUADOR ADOPTS AUSTERITY MEASURES AFTER QUAKE", "OPEC member Ecuador adopted austerity measures "
                                                               "after the quake stopped its oil output."),
      context("COLOMBIAN OIL EXPORTS NOT AFFECTED BY QUAKE", "Colombia's oil exports were not affected by the "
                                                             "quake that hit Ecuador, the Colombian ministry said.")),
     None, []),
    ("passengers plucked to safety are the rescued, not those aboard",
     claim("The ferry was carrying 463 passengers and crew when it capsized off the port",
           fig("463", 463, "passengers and crew"), published="1987-03-06"),
     claim("Almost 350 passengers were plucked to safety when the ferry capsized off the port",
           fig("350", 350, "passengers", hedge="almost"), published="1987-03-06"),
     None, None, []),
    ("part of a toll by who they were is not the toll",
     claim("The quake killed at least 24 people in the province, the disaster agency said",
           fig("24", 24, "people killed", hedge="at least"), published="2013-07-03"),
     claim("Six children were killed when the quake brought down a mosque in the province",
           fig("Six", 6, "children killed"), published="2013-07-03"),
     None, None, []),
    ("a background toll from earlier in the year updates nothing",
     claim("The earthquake on Qeshm island killed at least 10 people, officials said",
           fig("10", 10, "people killed", hedge="at least"), published="2005-11-27"),
     claim("In February, a quake hit the town of Zarand, killing 612 people, officials said",
           fig("612", 612, "people killed"), published="2005-11-27"),
     None, None, []),
    ("a toll dated to another year than the other article's updates nothing, dated article or not",
     claim("Some 168,000 people were killed in Aceh province by the 2004 Asian tsunami"
           , fig("168,000", 168000, "people killed", hedge="some")),
     claim("The 6.1 magnitude earthquake that hit Aceh province left 24 people dead",
           fig("24", 24, "people dead"), published="2013-07-03"),
     None, None, []),
    ("a background toll from another year updates nothing",
     claim("The earthquake on Qeshm island killed at least 10 people, officials said",
           fig("10", 10, "people killed", hedge="at least"), published="2005-11-27"),
     claim("An earthquake killed more than 31,000 people in Bam in 2003, officials said",
           fig("31,000", 31000, "people killed", hedge="more than"), published="2005-11-27"),
     None, None, []),
    ("a fall given in other words is the same fall",
     claim("A climber is dead after falling about 150 metres at Aoraki Mount Cook",
           fig("150 metres", 150, "metres", "m"), published="2013-09-14"),
     claim("The climber slipped and fell about 200 metres down a steep ice gully",
           fig("200 metres", 200, "metres down a steep ice gully", "m"), published="2013-09-15"),
     (context("SECOND CLIMBER DIES AT MOUNT COOK", "A climber slipped and fell down a steep ice gully at "
                                                   "Aoraki Mount Cook, police said."),
      context("CLIMBER DEAD AFTER MOUNT COOK FALL", "A climber is dead after a fall at Aoraki Mount Cook, "
                                                    "police said.")),
     "updated_figure", ["150 → 200 metres"]),
    ("a toll a month back in the same words is another battle, not the last report",
     claim("Iranian forces had killed or wounded over 2,000 Iraqis in the offensive east of Basra",
           fig("2,000", 2000, "Iraqis killed or wounded"), speaker="IRNA", published="1987-03-01"),
     claim("Iranian forces had killed or wounded 2,600 Iraqis in their new offensive east of Basra",
           fig("2,600", 2600, "Iraqis killed or wounded"), speaker="IRNA", published="1987-04-07"),
     None, "related", []),
]


@pytest.mark.parametrize("label, old, new, stories, relation, words", STORY_CASES, ids=[c[0] for c in STORY_CASES])
def test_story_relation(label, old, new, stories, relation, words):
    verdicts = [v for v in classify_all(new, old, stories) if v.relation in ("updated_figure", "contradiction")]
    if relation in (None, "repeat", "related"):
        assert verdicts == []
        verdict = classify(new, old, stories)
        assert (verdict.relation if verdict else None) == relation
        return
    assert [v.relation for v in verdicts] == [relation]
    for w in words:
        assert w in verdicts[0].explanation


def test_a_number_before_its_counted_side_names_the_side():
    iraqi = claim("Iraqi troops suffered 3,000 casualties in the week-old offensive",
                  fig("3,000", 3000, "casualties"))
    killers = claim("Iraqi forces killed 300 people in the raid", fig("300", 300, "people killed"))
    assert iraqi.figures[0].side == frozenset({"iraq"}) and killers.figures[0].side == frozenset()


@pytest.mark.parametrize("text, words, attribute, other", [
    ("Shr loss 1.11 dlrs vs loss 1.05 dlrs", "1.05 dlrs", "compared", False),
    ("Shipments totalled 102,870 tonnes, against 108,514 tonnes a year earlier", "108,514 tonnes", "compared",
     False),
    ("There were at least another 20 dead inside the boat", "20", "increment", None),
    ("A further 856 people were rescued", "856", "increment", None),
    ("The two other victims were treated in hospital", "two", "increment", None),
    ("Six children were killed in the mosque", "Six", "subgroup", None),
    ("Two women and one man died in the burning bank", "one", "subgroup", True),  # a toll told in parts
])
def test_figures_that_are_not_a_current_total(text, words, attribute, other):
    """`other`: what the claim's other figure has for the attribute (None: there is none)."""
    from factdesk.figures import find_figures

    figures = build(text, figures=find_figures(text)).figures
    (f,) = [f for f in figures if f.text == words]
    assert getattr(f, attribute)
    assert [getattr(g, attribute) for g in figures if g is not f] == ([] if other is None else [other])


def test_a_toll_reached_takes_its_kind_from_the_words_before():
    text = "The quake left villages in ruins, bringing the confirmed death toll from the disaster to 11"
    from factdesk.figures import find_figures

    (f,) = build(text, figures=find_figures(text)).figures
    assert f.value == 11 and f.topics == frozenset({"dead"})


@pytest.mark.parametrize("text, published, background", [
    ("The quake killed at least 10 people on Sunday", "2005-11-27", False),
    ("The 2005 quake killed at least 10 people", "2005-11-27", False),
    ("A quake killed more than 31,000 in Bam in 2003", "2005-11-27", True),
    ("In February, a quake killed 612 people in Zarand", "2005-11-27", True),
    ("In November, the quake season began", "2005-11-27", False),
    ("On April 20, a quake jolted Maluku but caused no casualties", "2013-07-02", True),
    ("Nearly 4,000 French troops have deployed in Mali since the former colonial power swept to the "
     "country's aid on January 11", "2013-02-06", False),  # a count since then is today's count
    ("The mine flooded 40 years ago, killing 12", "1990-05-07", True),
    ("Last year 200 people drowned in the floods", None, True),
    ("The 2004 tsunami killed 168,000 people", None, False),  # no date to tell against
])
def test_background(text, published, background):
    assert build(text, published=published).background is background


def test_two_outcomes_joined_by_and_are_no_parts_of_one_toll():
    from factdesk.figures import find_figures

    text = "We have recorded 24 people dead and 249 people injured"
    assert [f.subgroup for f in build(text, figures=find_figures(text)).figures] == [False, False]
