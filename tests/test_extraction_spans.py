"""Where a content span starts and stops: second reports, raising verbs, headlines (real model)."""

import pytest

from factdesk.extraction import load_nlp
from tests.factories import attributed_claims


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


claims = attributed_claims


SPANS = [
    # (sentence, [(claim text, speaker mention), ...])
    ("The governor said the levee would hold through the winter, adding that repairs were planned.",
     [("the levee would hold through the winter", "The governor"),
      ("that repairs were planned", "The governor")]),  # a trailing participle cue is a claim of its own
    ("The mayor said the bridge would reopen in May and added that tolls would rise.",
     [("the bridge would reopen in May", "The mayor"), ("that tolls would rise", "The mayor")]),
    ("The coach said the team had trained hard but insisted that nobody was fit.",
     [("the team had trained hard", "The coach"), ("that nobody was fit", "The coach")]),
    ("The minister said the tax was fair, and there would be a vote in June.",
     [("the tax was fair, and there would be a vote in June", "The minister")]),  # a second reported clause
    ("Among the voters, 74 percent said they would vote for the mayor, while 22 percent said they might change their mind.",
     [("they would vote for the mayor", "74 percent"),
      ("they might change their mind", "22 percent")]),  # a second group's report is its own claim
    ("The defeat led Republicans to say that the race was over.",
     [("that the race was over", "Republicans")]),  # the one made to speak is the speaker
    ("He returned for the lunch and said little, according to an attendee.",
     [("He returned for the lunch and said little", "an attendee")]),  # the source vouches for the report it holds
    ("She slid behind her rivals in the polls.", []),  # a standing in polls, no finding
    ("She leads by 8 points in the polls.", [("She leads by 8 points", "the polls")]),  # a figure is a finding
    ("The campaign sent out a press release saying the senator had lied.",
     [("the senator had lied", "The campaign")]),  # who sends the release says what it says
    ("Lee said the depot would close, and Ruiz said it would not.",
     [("the depot would close", "Lee"), ("it would not", "Ruiz")]),  # a second speaker's report
    ('Okafor said she believes "the strike is over. The workers have gone home."',
     [('she believes "the strike is over. The workers have gone home."', "Okafor")]),  # to the quote's close
    ("The ferry will stop running, according to a notice Monday from Harbour Lines, the operator in Dover.",
     [("The ferry will stop running", "a notice Monday from Harbour Lines")]),  # a description after the source
    ('The mayor shot back: "That would be a costly mistake."',
     [('"That would be a costly mistake."', "The mayor")]),  # a clause ending in a colon tags the quote
    ('The results: "Turnout was the highest in a decade."', []),  # no clause, no speaker
    ("Asked about the plan, most residents said yes.", [("yes", "most residents")]),  # a bare answer
    ("The senator said prices rose and fell during the year.",
     [("prices rose and fell during the year", "The senator")]),  # a conjunct that is no cue stays
    ("The port seemed to be calm on Monday.", [("The port seemed to be calm on Monday", None)]),  # raising verb: no source; the text reads across the cue
    ("Prices appear higher than last year.", [("Prices appear higher than last year", None)]),
    ("It seems that the talks have stalled.", [("that the talks have stalled", None)]),  # dummy subject left out
    ("The union urged the council to reopen the depot.",
     [("the council to reopen the depot", "The union")]),  # who is urged belongs to what is urged
    ("The lawsuit is calling on the court to review the ballot plan.",
     [("the court to review the ballot plan", "The lawsuit")]),
    ("The mayor wants to cut fares.", [("to cut fares", "The mayor")]),
    ("The companies are taking pains to say that they endorse nobody.",
     [("that they endorse nobody", "The companies")]),  # who takes pains to say it says it
    ("The union held rallies in hopes of winning a new contract for the dockers.",
     [("winning a new contract for the dockers", "The union")]),  # a noun cue in a verb's phrase: the verb's subject
    ("The union marched in support of Lee.", []),  # too short to be a claim
    ("The first candidate to say that the race was over was Lee.",
     [("that the race was over", "The first candidate")]),  # the noun is the subject: it speaks
    ("Asked whether fares would rise, the mayor said no decision had been made.",
     [("whether fares would rise", None), ("no decision had been made", "the mayor")]),  # the question is reported
]


@pytest.mark.parametrize("text, expected", SPANS)
def test_content_spans(nlp, text, expected):
    assert claims(nlp, text) == expected


HEADLINES = [
    # (title-case line, [(claim text, speaker mention), ...]) — the parser reads the verb as a name
    ("Harbour Union Chief Slams Port Authority Over Night Shifts",
     [("Port Authority Over Night Shifts", "Harbour Union Chief")]),
    ("Mayor Okafor Praises Volunteers After The Flood", [("Volunteers After The Flood", "Mayor Okafor")]),
    ("Poll: Most Residents Back The New Tram Line", [("Most Residents Back The New Tram Line", "Poll")]),  # a data source label
    ("Ruiz's Claims About The Budget Fall Apart", []),  # a possessed noun, not a verb
]


@pytest.mark.parametrize("text, expected", HEADLINES)
def test_headlines(nlp, text, expected):
    assert claims(nlp, text) == expected


def test_quote_opening_the_next_paragraph_continues_the_claim(nlp):
    """A quote that opens the paragraph after a tagged quote is the same statement going on."""
    text = '"The fund is nearly empty," Mr. Lee said.\n\n"They are just moving the deficit around."\n\nThe council met.'
    assert claims(nlp, text) == [('"The fund is nearly empty," "They are just moving the deficit around."', "Mr. Lee")]


@pytest.mark.parametrize("text, expected", [
    ('Ms. Ruiz said the depot was "safe for now." "We have the money for another ten years at least."',
     [('the depot was "safe for now." "We have the money for another ten years at least."', "Ms. Ruiz")]),
    ('Ms. Ruiz said the depot would stay open. "Yes."', [("the depot would stay open", "Ms. Ruiz")]),  # too short
])
def test_untagged_quote_in_the_paragraph_goes_on_with_the_last_claim(nlp, text, expected):
    """A full quoted sentence with no tag, after a claim in its paragraph, is that claim going on."""
    assert claims(nlp, text) == expected
