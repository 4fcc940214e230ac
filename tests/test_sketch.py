"""Near-duplicate keys (matching.sketch): what a near-copy shares, and the guarantee behind it."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factdesk.matching.sketch import SKETCH_WORDS, near_keys, sketch_words, text_near_keys
from factdesk.matching.text import content_words, masked

SENTENCE = "The engineering union IG Metall, Europe's largest union, wants a five pct wage rise and a 40-hour week."


def shared(a: str, b: str) -> set[int]:
    return set(text_near_keys(a)) & set(text_near_keys(b))


def test_keys_are_the_same_in_every_process():
    """Stored keys are looked up by later processes and versions: no salted hash goes into them,
    and changing how they are made needs a migration that rebuilds claim_keys."""
    assert text_near_keys("Nearly 4,000 French troops have deployed in Mali.") == [
        -912513356762272446, 4530981559102355117, -3055719770827552489, -4793872718979766057,
        -3966942996295125283, -5089934196026862739, -5076032700297559627]
    assert all(isinstance(k, int) and -2**63 <= k < 2**63 for k in text_near_keys(SENTENCE))
    assert len(text_near_keys(SENTENCE)) == 1 + len(list(itertools.combinations(range(SKETCH_WORDS), 2)))


@pytest.mark.parametrize("label, other", [
    ("an updated figure keeps every key", SENTENCE.replace("40-hour", "35-hour").replace("five", "seven")),
    ("a changed attribution", SENTENCE.rstrip(".") + ", Reuters said."),
    ("a replaced word", SENTENCE.replace("largest", "biggest")),
    ("a repeat", SENTENCE),
])
def test_near_copies_share_a_key(label, other):
    assert shared(SENTENCE, other), label


def test_the_masked_wording_key_finds_a_changed_figure_alone():
    changed = SENTENCE.replace("40-hour", "35-hour")
    assert masked(changed) == masked(SENTENCE)
    assert text_near_keys(changed)[0] == text_near_keys(SENTENCE)[0]


def test_unrelated_claims_share_none():
    assert not shared(SENTENCE, "The central bank left interest rates unchanged at 5.5 percent on Thursday.")


def test_numbers_and_number_words_are_not_sketched():
    assert sketch_words(["five", "pct", "1987", "union", "million"]) == ["pct", "union"]


@pytest.mark.parametrize("fragment", ["it", "which", "No comment.", "Chaos.", ""])
def test_a_fragment_with_fewer_than_two_topic_words_gets_no_keys(fragment):
    """Every "it" would be every other "it"'s near-copy."""
    assert near_keys(masked(fragment), content_words(fragment)) == []


WORDS = st.lists(st.text(alphabet="abcdefghij", min_size=3, max_size=6), min_size=2, max_size=14, unique=True)


@given(common=WORDS, only_a=st.lists(st.text(alphabet="klmnop", min_size=3, max_size=6), max_size=2, unique=True),
       only_b=st.lists(st.text(alphabet="qrstuv", min_size=3, max_size=6), max_size=2, unique=True))
def test_word_sets_differing_by_two_on_each_side_always_share_a_key(common, only_a, only_b):
    """The sketch's guarantee: the two smallest shared words are among both claims' SKETCH_WORDS smallest."""
    a = near_keys("a", set(common) | set(only_a))
    b = near_keys("b", set(common) | set(only_b))
    assert set(a[1:]) & set(b[1:])
