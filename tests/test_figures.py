"""Figures: numbers, hedges, units and the thing counted, read from newsroom sentences (stdlib only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.figures import find_figures, parse_number

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "afp-mali-gao-clashes.txt"
GOLD = ROOT.parent / "shared" / "gold" / "afp-mali-gao-clashes.json"


def one(sentence: str, words: str):
    """The figure whose text is `words` (exactly one must be found)."""
    found = [f for f in find_figures(sentence) if f.text == words]
    assert len(found) == 1, [f.text for f in find_figures(sentence)]
    return found[0]


COUNTS = [
    # (sentence, figure text, value, hedge, what)
    ("Close to 3,000 Kenyan troops have deployed along the border since the attack.",
     "3,000", 3000, "close to", "Kenyan troops deployed"),
    ("The army said 14 of its soldiers were killed and 35 wounded in the ambush.",
     "14", 14, None, "soldiers killed"),
    ("The army said 14 of its soldiers were killed and 35 wounded in the ambush.",
     "35", 35, None, "soldiers wounded"),
    ("Police said some 2,500 Ugandan peacekeepers were in the capital.",
     "2,500", 2500, "some", "Ugandan peacekeepers"),
    ("Rebels are thought to be holding nine Italian engineers in the hills.",
     "nine", 9, None, "Italian engineers"),
    ("The offensive began 19 days ago.", "19", 19, None, "days"),
    ("Gunmen had held the town for eight months before the army returned.",
     "eight", 8, None, "months"),
    ("Officials confirmed the arrest of three senior rebel commanders on Friday.",
     "three", 3, None, "rebel commanders arrested"),
    ("Thirty-one people were killed when the bus left the road.",
     "Thirty-one", 31, None, "people killed"),
    ("A landslide killed at least nine people in the north.", "nine", 9, "at least", "people killed"),
    ("Up to 400 villagers were feared dead after the dam burst.",
     "400", 400, "up to", "villagers dead"),
    ("The tanker was carrying 212 passengers aboard when it listed.",
     "212", 212, None, "passengers aboard"),
    ("About 90 miners were still trapped underground late on Tuesday.",
     "90", 90, "about", "miners trapped"),
    ("More than 12,000 people were left homeless by the floods.",
     "12,000", 12000, "more than", "people homeless"),
    ("Officials said 700 people were dead or missing.", "700", 700, None, "people dead or missing"),
    ("Troops killed or wounded 2,300 fighters in the offensive, the ministry said.",
     "2,300", 2300, None, "fighters killed or wounded"),
    ("The blast killed one person and injured at least four.", "one", 1, None, "people killed"),
    ("The blast killed one person and injured at least four.", "four", 4, "at least", "people injured"),
    ("Rescuers said 118 had been rescued by nightfall.", "118", 118, None, "rescued"),
    ("The ministry put the death toll at 61, nearly 500 fewer than rebels claimed.",
     "61", 61, None, None),
    ("The death toll of 48 was expected to rise.", "48", 48, None, "death toll"),
    ("Aid workers said an estimated 600 children were among the arrivals.",
     "600", 600, "an estimated", "children"),
    ("Half a dozen journalists were detained at the airport.",
     "Half a dozen", 6, None, "journalists detained"),
    ("One hundred and twenty prisoners were freed in the amnesty.",
     "One hundred and twenty", 120, None, "prisoners freed"),
    ("The coalition now has 2 top ministers in the cabinet.", "2", 2, None, "ministers"),
    # A duration after an outcome verb is not what the verb counts.
    ("Around 200 passengers drowned seven weeks ago when the ferry capsized.", "seven", 7, None, "weeks"),
    ("In March two people died in the floods.", "two", 2, None, "people dead"),
]


@pytest.mark.parametrize("sentence, words, value, hedge, what", COUNTS)
def test_counts_hedges_and_the_thing_counted(sentence, words, value, hedge, what):
    f = one(sentence, words)
    assert (f.value, f.hedge, f.what, f.unit) == (value, hedge, what, None)


VAGUE = [
    # (sentence, figure text, low, high, what)
    ("Hundreds of protesters had been arrested by the evening.", "Hundreds", 100, 999,
     "protesters arrested"),
    ('The minister said "several hundred" armed rebels had been killed.', "several hundred", 300, 999,
     "armed rebels killed"),
    ("Thousands of residents fled the fighting.", "Thousands", 1000, 9999, "residents"),
    ("Tens of thousands of supporters marched through the capital.", "Tens of thousands",
     10_000, 99_999, "supporters"),
    ("Dozens of shops were looted overnight.", "Dozens", 24, 99, "shops"),
    ("A few soldiers were injured in the crossfire.", "A few", 2, 9, "soldiers injured"),
    ("Several thousand workers went on strike.", "Several thousand", 3000, 9999, "workers"),
]


@pytest.mark.parametrize("sentence, words, low, high, what", VAGUE)
def test_vague_amounts_take_their_low_bound_as_value(sentence, words, low, high, what):
    f = one(sentence, words)
    assert (f.value, f.low, f.high, f.what) == (low, low, high, what)


RANGES = [
    # (sentence, figure text, low, high, unit)
    ("Between 40 and 70 houses were swept away.", "40 and 70", 40, 70, None),
    ("Officials said 40-70 houses were swept away.", "40-70", 40, 70, None),
    ("Officials said 40 to 70 houses were swept away.", "40 to 70", 40, 70, None),
    ("Witnesses counted 200 or 250 vehicles in the convoy.", "200 or 250", 200, 250, None),
    ("Repairs will cost 15 to 20 mln dlrs, the ministry said.", "15 to 20 mln dlrs", 15e6, 20e6, "USD"),
    ("Prices could rise 10-15 pct next year.", "10-15 pct", 10, 15, "percent"),
    ("The talks will take two or three days.", "two or three", 2, 3, None),
]


@pytest.mark.parametrize("sentence, words, low, high, unit", RANGES)
def test_ranges(sentence, words, low, high, unit):
    f = one(sentence, words)
    assert (f.value, f.low, f.high, f.unit) == (low, low, high, unit)


AMOUNTS = [
    # (sentence, figure text, value, unit, hedge, what)
    ("Inflation eased to 6.4 pct in the year to March.", "6.4 pct", 6.4, "percent", None, None),
    ("Sales were up 12 per cent on a year earlier.", "12 per cent", 12, "percent", None, None),
    ("The bank bought a stake of 18% last year.", "18%", 18, "percent", None, "stake"),
    ("The group now holds 61 pct of the outstanding shares.", "61 pct", 61, "percent", None,
     "outstanding shares"),
    ("Damage could reach 450 mln dlrs, officials said.", "450 mln dlrs", 450e6, "USD", None, None),
    ("The province lost about 70 mln U.S. Dlrs in export revenue.", "70 mln U.S. Dlrs", 70e6, "USD",
     "about", "export revenue"),
    ("It raised 25 mln Canadian dlrs from the sale.", "25 mln Canadian dlrs", 25e6, "CAD", None, None),
    ("The council will spend £2bn on flood defences.", "£2bn", 2e9, "GBP", None, None),
    ("The fund has $7.5 million left.", "$7.5 million", 7.5e6, "USD", None, None),
    ("The carmaker made a profit of 1.2 billion euros.", "1.2 billion euros", 1.2e9, "EUR", None, "profit"),
    ("The bid values each share at 84.50 dlrs.", "84.50 dlrs", 84.5, "USD", None, None),
    ("Shares closed at 415p, up from 402p.", "415p", 415, "pence", None, None),
    ("The offer is worth 87.75 pence a share.", "87.75 pence", 87.75, "pence", None, None),
    ("The club signed him for £4.5m last summer.", "£4.5m", 4.5e6, "GBP", None, None),
    ("The lottery paid out close to a billion dollars.", "a billion dollars", 1e9, "USD", "close to",
     None),
    ("The agency holds 3.6m barrels in reserve.", "3.6m barrels", 3.6e6, "barrels", None,
     "barrels in reserve"),
    ("The bank said it had accepted 4.1 mln shares.", "4.1 mln", 4.1e6, None, None, "shares"),
    ("The bidder now owns 61 pct of Harris' stock.", "61 pct", 61, "percent", None, "stock"),
]


@pytest.mark.parametrize("sentence, words, value, unit, hedge, what", AMOUNTS)
def test_percentages_money_and_scales(sentence, words, value, unit, hedge, what):
    f = one(sentence, words)
    assert (f.value, f.unit, f.hedge, f.what) == (value, unit, hedge, what)


MEASURES = [
    # (sentence, figure text, value, unit, what)
    ("Rebels seized Tessit, 120 kilometres (75 miles) from the Burkina border.", "120 kilometres", 120,
     "km", "kilometres from the Burkina border"),
    ("Rebels seized Tessit, 120 kilometres (75 miles) from the Burkina border.", "75 miles", 75,
     "miles", "miles"),
    ("The climber fell 300 ft into a gully.", "300 ft", 300, "ft", "ft into a gully"),
    ("Waves up to four metres high hit the coast.", "four metres", 4, "m", "metres high"),
    ("The bridge is 150 m long.", "150 m", 150, "m", "m long"),
    ("The quake was centred 30 km offshore.", "30 km", 30, "km", "km offshore"),
]


@pytest.mark.parametrize("sentence, words, value, unit, what", MEASURES)
def test_units_of_measure(sentence, words, value, unit, what):
    f = one(sentence, words)
    assert (f.value, f.unit, f.what) == (value, unit, what)


NOT_FIGURES = [
    "The force is the largest since its peak in 2009.",
    "Turnout fell sharply in the 2015 election.",
    "The strike began on February 14 and ended on 3 March.",
    "Talks resume on Sept. 9 in Geneva.",
    "The vote was held on July 4-5.",
    "The curfew starts at 22:30 and ends at 6 a.m.",
    "The plane landed at 1145 GMT.",
    "The company was founded in the 1980s.",
    "He finished 3rd in the 10th round.",
    "Flight 370 vanished; Resolution 2085 passed; No. 10 said nothing.",
    "The airline grounded its Boeing 737 fleet and the A320 jets.",
    "The minister spoke on Europe 1 radio.",
    "One of the militant groups said it carried out the attack.",
    "The one who fired first was arrested.",
    "No one was hurt, and all but one were released.",
    "A helicopter pilot was killed at the start of the operation.",
    "The army took some prisoners, but not many.",
    "Call 020 7946 0958 for details.",
    "The home side won 3-1.",
    "Half of the 6-1/2-year-old dispute is procedural.",
    "Aid has poured in since the March five earthquake.",
    "A 36-year-old climber died on the ridge.",
    "He was charged with murder in the death of Kafoury, 63.",
    "Mark Felt, Watergate's Deep Throat, dies at 95",
    "The singer, aged 63, was found at home.",
    "The 22 year-old resident said she saw the roof fall.",
    "The assembly meets again on June twelve.",
]


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_years_dates_times_labels_and_pronouns_are_not_figures(sentence):
    assert find_figures(sentence) == []


def test_one_counts_when_it_is_a_count():
    assert [f.what for f in find_figures("The storm killed one and injured 30.")] == ["killed", "injured"]
    assert one("Only one person was hurt.", "one").what == "people hurt"


NUMBERS = [
    ("4,000", 4000), ("1,800", 1800), ("9.8", 9.8), ("seven", 7), ("Fifty-one", 51), ("eleven", 11),
    ("a dozen", 12), ("two dozen", 24), ("one hundred and twenty", 120), ("3.2m", 3.2e6),
    ("10 mln", 10e6), ("1.5 billion", 1.5e9), ("£1bn", 1e9), ("1 bln", 1e9), ("half a million", 5e5),
    ("hundreds", 100), ("٣", 3),
    ("", None), ("many", None), ("some", None), ("a", None), ("seven troops", None), ("1e308", None),
    ("∞", None), ("two-thirds", None),
]


@pytest.mark.parametrize("words, value", NUMBERS)
def test_parse_number(words, value):
    assert parse_number(words) == value


def test_region_offsets_are_absolute():
    text = "Earlier, 12 were hurt. Police said 40 people were arrested. Later 3 more were held."
    start = text.index("Police")
    end = text.index(" Later")
    figures = find_figures(text, start, end)
    assert [(f.value, f.what) for f in figures] == [(40, "people arrested")]
    assert text[figures[0].start:figures[0].end] == "40"


@pytest.mark.parametrize("text", [
    "", " ", "\x00\x01\x7f", "“”‘’«»", "1e308 ∞ NaN inf -0", "٣ soldiers and ١٬٠٠٠ dead",
    "$£€¥", "10:", ":30", "-", "1-", "between 5 and", "a a a a", "half a", "one hundred and",
    "\u0301\u200b5\u200b", "𝟓 people", "5" * 5000, "9" * 400 + " dlrs", "İstanbul 5 m",
], ids=lambda text: repr(text)[:24])
def test_odd_input_never_raises(text):
    for f in find_figures(text):
        assert 0 <= f.start < f.end <= len(text) and text[f.start:f.end] == f.text


def test_long_inputs_are_read_in_one_pass():
    digits = "1,000," * 34_000  # about 200 KB of digits and commas
    figures = find_figures(digits)
    assert figures and all(digits[f.start:f.end] == f.text for f in figures)
    sentence = "Officials said 26 people were killed and dozens more were hurt, " * 320
    assert len(find_figures(sentence)) == 640


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789,.-%$£ mkbn pct of and a one dozen hundreds "
                                             "between to or nearly about killed were\u00a0٣\n'\"")),
               max_size=120),
       st.integers(-5, 130), st.one_of(st.none(), st.integers(-5, 130)))
def test_spans_stay_inside_the_region(text, start, end):
    lo, hi, _ = slice(start, end).indices(len(text))
    for f in find_figures(text, start, end):
        assert lo <= f.start < f.end <= hi and text[f.start:f.end] == f.text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_never_raises(text):
    for f in find_figures(text):
        assert 0 <= f.start < f.end <= len(text) and text[f.start:f.end] == f.text


@pytest.mark.skipif(not (SEED.exists() and GOLD.exists()), reason="seed article or gold not present")
def test_seed_article_gold_figures():
    """Every gold figure in the seed comes out near its key with the right value and counted thing."""
    text = SEED.read_text(encoding="utf-8")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    wanted = [(c["key"], g) for c in gold["claims"] for g in c.get("figures", [])]
    wanted += [(g["key"], g) for g in gold["narrative_figures"]]
    assert len(wanted) >= 10
    for key, g in wanted:
        para_start = text.rfind("\n", 0, text.index(key)) + 1
        para_end = text.find("\n", text.index(key))
        figures = find_figures(text, para_start, para_end if para_end != -1 else None)
        lo, hi = g.get("range", (g.get("value"), g.get("value")))
        hits = [f for f in figures if lo <= f.value <= hi
                and set(g["what"].lower().split()) <= set((f.what or "").lower().split())]
        assert hits, (key, [(f.text, f.value, f.what) for f in figures])
        if "hedge" in g:
            assert hits[0].hedge == g["hedge"]
