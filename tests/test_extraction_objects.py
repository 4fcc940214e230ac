"""What an object cue's content is: the thing supported or criticised, not when or where (real model)."""

import pytest

from factdesk.extraction import load_nlp
from tests.factories import attributed_claims


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


claims = attributed_claims


OBJECTS = [
    # (sentence, [(claim text, speaker mention), ...])
    ("The council endorsed the plan during a meeting on Monday.",
     [("the plan", "The council")]),  # the occasion of endorsing is not what was endorsed
    ("The mayor criticized the budget at a rally in Leeds.", [("the budget", "The mayor")]),
    ("The senator has the support of the unions.", []),  # the unions give the support: no content
    ("Her comments to reporters surprised the board.", []),  # the listeners are not what was said
    ("After the attack on the barracks in Lebanon, the army withdrew its troops.", []),  # a deed, no stance
    ("Her attack on the budget angered the mayor.", [("the budget", "Her")]),  # someone's attack is a stance
    ("His defense of the tax surprised the council.", [("the tax", "His")]),  # a measured noun cue
    ("The senator laid out a plan to cut taxes.", [("a plan to cut taxes", "The senator")]),  # a measured cue
]


@pytest.mark.parametrize("text, expected", OBJECTS)
def test_object_content(nlp, text, expected):
    assert claims(nlp, text) == expected
