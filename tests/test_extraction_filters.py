"""The last-pass filters: shapes the cue rules find that are rarely claims (real model)."""

import pytest

from factdesk.extraction import extract, load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def attributed(nlp, text):
    return [c.text for c in extract(nlp, text) if c.kind != "unattributed"]


DROPPED = [
    # (article text, why it is not a claim)
    ("The agency released a statement.", "a short object of a cue that is mostly an act"),
    ("Call it the politics of pique.", "an imperative has no speaker"),
    ('Okafor spoke at the rally.\n\n"I think we can win this. We will win." The crowd cheered.',
     "first person inside a quote with no cue outside it"),
    ("It would put Rubio into real contention for the nomination.", "a noun cue with no source and a short object"),
    ("Voters in a state known for independents turned out.", "a participle modifier with a short object"),
    ("The gluts now worrying officials grew.", "a participle modifier with a short object"),
    ("Rescuers found the missing hikers near the ridge.", "a thing found is not a finding"),
    ("Lee knows the harbour well.", "a thing known is not a claim"),
    ("She continues to lead the field in the polls.", "an ongoing act, not a continued statement"),
]

KEPT = [
    # (article text, claim text) — the same cues, when they do carry a claim
    ("The union released figures showing that 1,200 workers had walked out.",
     "figures showing that 1,200 workers had walked out"),
    ("Lee said the port was closed.", "the port was closed"),
    ("The inspectors found that the bridge was unsafe.", "that the bridge was unsafe"),
    ('"I think we can win this," Okafor said.', '"I think we can win this,"'),
]


@pytest.mark.parametrize("text, why", DROPPED)
def test_dropped(nlp, text, why):
    assert attributed(nlp, text) == [], why


@pytest.mark.parametrize("text, claim", KEPT)
def test_kept(nlp, text, claim):
    assert attributed(nlp, text) == [claim]
