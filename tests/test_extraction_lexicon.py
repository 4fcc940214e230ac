"""Cue lexicon: written forms the rules match, without the lemmatizer."""

import pytest

from factdesk.extraction import lexicon


@pytest.mark.parametrize("form, lemma", [
    ("said", "say"), ("slammed", "slam"), ("planning", "plan"), ("sought", "seek"), ("spoke", "speak"),
    ("preferred", "prefer"), ("texted", "text"), ("quipped", "quip"), ("decried", "decry"), ("voted", "vote"),
    ("endorsed", "endorse"), ("believes", "believe"), ("wondered", "wonder"),
    ("laid", "lay"), ("floated", "float"), ("repudiated", "repudiate"),
])
def test_cue_forms(form, lemma):
    assert lexicon.CUE_FORMS[form] == lemma


@pytest.mark.parametrize("form", ["textted", "slamed", "seeked", "maintained"])
def test_no_misspelt_or_dropped_forms(form):
    assert form not in lexicon.CUE_FORMS


def test_passive_cues_are_cues():
    assert lexicon.PASSIVE_CUES <= set(lexicon.CUE_FORMS.values())
