"""Speaker mentions of quoted claims: which words a claim says its speaker is (real model)."""

import pytest

from factdesk.extraction import extract, load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def claim_with(claims, key):
    hits = [c for c in claims if key in c.text and c.kind != "unattributed"]
    assert hits, f"no claim contains {key!r}: {[c.text for c in claims]}"
    return hits[0]


MENTIONS = [
    # (article text, content key, speaker mention): the mention is the words beside the cue
    # a cue inside the quote ("I think") does not take the quote from the cue outside it
    ("Okafor was asked about the polls.\n\n\u201cHave I started writing my victory speech, as opposed to the "
     "speech I have to give tomorrow?\u201d Okafor replied. \u201cLook, the answer is yes.\u201d", "Have I started", "Okafor"),
    ("''If the mayor thinks she can unleash her deputy, with his terrible record on housing, while playing the "
     "budget card on me, she's wrong!'' Mr. Reyes wrote on Twitter on Monday.", "If the mayor thinks", "Mr. Reyes"),
    ('"It is completely apples and oranges," Tanaka added. "I think the minister has really not thought '
     'through the effects of his plan."', "I think the minister", "Tanaka"),
    # a cue with nothing under it in the parse still claims the quote beside it
    ('"No, no, no, no," he said, laughing.', "No, no", "he"),
    ("Tanaka spoke to reporters.\n\n\"Terrorism is a real threat. One of the best ways of preventing it is making "
     "sure we don\u2019t divide our own country, that we don\u2019t succumb to fear,\" he said.", "Terrorism is a real threat", "he"),
    # a subject and verb right after the quote tag it, whatever the verb
    ('"Go back to your desk," Reyes barked as the guards moved in.', "Go back to your desk", "Reyes"),
    # an inverted tag names the speaker after the verb, even when the parse calls it an adverb
    ('"Having access to the file is valuable," said Skelly, explaining his work.', "Having access", "Skelly"),
]


@pytest.mark.parametrize("text, key, mention", MENTIONS)
def test_quote_speaker_mention(nlp, text, key, mention):
    claim = claim_with(extract(nlp, text), key)
    got = claim.speaker_mention
    assert (text[got[0]:got[1]] if got else None) == mention


def test_a_surname_speaker_is_the_person_named_in_full_earlier(nlp):
    """BBC style: the full name first (not as a speaker), then "Mr X" in a dash aside, then "he".
    The speaker is the full name, with no dash of the aside left on it."""
    text = ("Former oil boss Mikhail Petrenko began testimony on Friday in his trial for fraud.\n\n"
            "Mr Petrenko - who has been in jail for more than a year - pleaded not guilty and denied "
            "involvement in any criminal activities. "
            '"I pride myself on heading for 15 years a number of successful companies," he told the court.')
    claims = extract(nlp, text)
    assert claim_with(claims, "criminal activities").speaker.name == "Mikhail Petrenko"
    assert claim_with(claims, "I pride myself").speaker.name == "Mikhail Petrenko"


def test_a_tight_hyphen_still_binds_a_name(nlp):
    text = "Jean-Yves Le Drian said that 4,000 French troops had deployed."
    assert claim_with(extract(nlp, text), "4,000").speaker.name == "Jean-Yves Le Drian"
