"""Provides the cue words attribution rules match, as plain data; no spaCy.

Verb cues are listed by lemma and expanded to their written forms here, so the
rules match on `LOWER` and the pipeline can run without the lemmatizer.
"""

from __future__ import annotations

SPEECH_VERBS = """
say tell add state note write stress warn insist claim announce confirm deny argue explain
acknowledge tweet report assert declare admit allege predict reply respond remark comment
concede contend complain mention observe point_out reiterate repeat suggest testify
vow promise pledge threaten boast brag recall caution urge demand ask emphasise emphasize
disclose reveal indicate estimate speculate posit counter retort quip joke muse lament
concede charge accuse blame praise criticize criticise dismiss describe call continue
conclude agree disagree question inform assure advise signal hint propose recommend
predict forecast project publish post blog text quote cite
decry bemoan recount proclaim exclaim answer shout yell chant retweet reaffirm remind opine
chide scoff concur assail rail lash thank congratulate hail herald imply portray
invoke request order interject elaborate reassure plead reference liken lambast rebuke label
dub allude rebut voice advocate outline unveil attribute debate persuade convince
""".split()

STANCE_VERBS = """
support endorse oppose reject attack blast slam denounce defend back favor favour mock
discuss address release express offer seek identify echo condemn applaud welcome tout
highlight dispute challenge want plan decide intend aim refuse decline seem appear hope
talk speak refer point focus vote issue
credit champion trumpet downplay compare list push encourage embrace ignore
side distance apologize apologise knock savage hammer cheer accept share rumor rumour
""".split()
"""Non-speech cues PolNeAR annotates as attributions of stance ("endorsed Clinton")."""

MEASURED_VERBS = """
read name hear campaign promote rule nominate press underscore expose vouch approve detail
double contrast devote resist clarify sponsor frame brush characterize appoint weigh
prohibit disavow rip contemplate renew contradict opt relish calculate coin recite withhold
boycott witness illustrate forget paint beg authorize affirm circulate email bet poll
broadcast spot boo revisit notice volunteer pitch utter laud touch
lay present sound assume display float foresee insult shrug repudiate renounce publicize vent
justify sense bash pressure
""".split()
"""Cues found by measurement, not by hand: verbs that, with a subject and a complement, were
gold attribution cues at least two times in five on PolNeAR's training split (bench/mine_cues.py).
They behave as stance cues: a source and a content are both required."""

COGNITION_VERBS = """
believe think feel fear hope know expect worry doubt suspect reckon guess consider
learn understand realize realise recognize recognise find show suggest indicate reveal
conclude estimate project predict determine see
wonder wish prefer like love hate care deem view regard anticipate remember imagine
""".split()

IRREGULAR = {
    "say": ["said", "says", "saying"],
    "tell": ["told", "tells", "telling"],
    "write": ["wrote", "writes", "writing", "written"],
    "think": ["thought", "thinks", "thinking"],
    "feel": ["felt", "feels", "feeling"],
    "know": ["knew", "knows", "knowing", "known"],
    "find": ["found", "finds", "finding"],
    "show": ["showed", "shows", "showing", "shown"],
    "see": ["saw", "sees", "seeing", "seen"],
    "learn": ["learned", "learnt", "learns", "learning"],
    "understand": ["understood", "understands", "understanding"],
    "forecast": ["forecast", "forecasts", "forecasting"],
    "seek": ["sought", "seeks", "seeking"],
    "speak": ["spoke", "spoken", "speaks", "speaking"],
    "mean": ["meant", "means", "meaning"],
    "hear": ["heard", "hears", "hearing"],
    "read": ["reads", "reading"],
    "lay": ["laid", "lays", "laying"],
    "foresee": ["foresaw", "foreseen", "foresees", "foreseeing"],
    "proclaim": ["proclaimed", "proclaims", "proclaiming"],
}

DOUBLED = frozenset("admit commit regret quip allot refer blog prefer omit submit permit rebut deter occur compel".split())
"""Verbs that double their last consonant before -ed/-ing despite having two syllables."""


def _forms(lemma: str) -> list[str]:
    if lemma in IRREGULAR:
        return [lemma, *IRREGULAR[lemma]]
    if lemma.endswith("e"):
        stem = lemma[:-1]
        past, ing = lemma + "d", stem + "ing"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    elif lemma in DOUBLED or (lemma.endswith(("it", "ot")) and len(lemma) <= 5) or (
        len(lemma) <= 4 and lemma[-1] in "bdgmnpt" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou"
    ):
        past, ing = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return [lemma, past, third, ing]


def _expand(lemmas: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for lemma in lemmas:
        for form in _forms(lemma):
            out.setdefault(form, lemma)
    return out


SPEECH_FORMS: dict[str, str] = _expand([v for v in SPEECH_VERBS if "_" not in v])
"""Written form → lemma for speech cues ("said" → "say")."""
COGNITION_FORMS: dict[str, str] = _expand(COGNITION_VERBS)
"""Written form → lemma for non-speech cues PolNeAR annotates ("show", "believe")."""
STANCE_FORMS: dict[str, str] = _expand(STANCE_VERBS + MEASURED_VERBS)
CUE_FORMS: dict[str, str] = {**STANCE_FORMS, **COGNITION_FORMS, **SPEECH_FORMS}

ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "advise", "email", "text", "ask", "warn", "urge"})
"""Cues whose direct object is the listener, not the content ("told AFP")."""
OBJECT_CONTENT_VERBS = frozenset({
    "announce", "confirm", "deny", "acknowledge", "admit", "reveal", "disclose", "predict",
    "describe", "call", "cite", "mention", "propose", "recommend", "demand", "promise",
    "pledge", "question", "dismiss", "blame", "praise", "criticize", "criticise", "accuse",
    "fear", "expect", "estimate", "report", "suggest", "show", "find", "claim",
    "support", "endorse", "oppose", "reject", "attack", "blast", "slam", "denounce", "defend",
    "back", "favor", "favour", "mock", "discuss", "address", "release", "express", "offer",
    "seek", "identify", "echo", "condemn", "applaud", "welcome", "tout", "highlight",
    "dispute", "challenge", "want", "issue",
})
PREP_CONTENT = {"talk": ("about",), "speak": ("about", "of"), "refer": ("to",), "point": ("to",),
                "focus": ("on",), "complain": ("about",), "warn": ("of", "about", "against"),
                "ask": ("about",), "write": ("about", "of"), "vote": ("for", "against"),
                "comment": ("on",), "respond": ("to",), "speculate": ("about", "on"),
                "believe": ("in",), "agree": ("with", "on"), "hint": ("at",), "allude": ("to",),
                "call": ("for", "on"), "boast": ("of", "about"), "joke": ("about",), "reply": ("to",),
                "thank": ("for",), "apologize": ("for",), "apologise": ("for",), "side": ("with",),
                "rail": ("against",), "lash": ("at",), "react": ("to",), "testify": ("about", "on")}
"""Cues whose content is a prepositional object ("talked about the wall")."""
CONTENT_PREPS = ("about", "for", "on", "of", "against", "over")
"""Prepositions whose object is the content of any other cue ("argued for a wall")."""
STANCE_ONLY = frozenset(STANCE_VERBS + MEASURED_VERBS) - frozenset(SPEECH_VERBS) - frozenset(COGNITION_VERBS)
"""Cues whose direct object can be the content ("denied the report")."""
WEAK_COGNITION = frozenset({"see", "know", "find", "feel", "understand", "consider", "learn", "show", "determine", "discover", "realize", "realise", "recognize", "recognise"})
"""Cognition cues that need a clausal complement to count (bare "see" is usually sight)."""

RAISING_VERBS = frozenset({"seem", "appear"})
"""Cues whose subject is part of what is judged, not who judges ("the plan seemed to fail"):
the writer makes the call, so the content is the subject with the complement, and no source."""
CLAUSE_ONLY = frozenset({"find", "know", "determine", "feel", "learn"})
"""Cognition cues whose bare object is a thing found or known ("found the keys", "knows the
area"), not a finding: only a clause ("found that ...") is content."""

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "we"})
THING_PRONOUNS = frozenset({"it", "they", "them"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})

TITLES = frozenset("""
president minister secretary senator sen. rep. representative gov. governor mayor chancellor
premier spokesman spokeswoman spokesperson chief director chairman chairwoman chair ceo
general gen. col. colonel lt. lieutenant commander admiral sgt. captain capt. ambassador
king queen prince princess pope judge justice attorney prosecutor sheriff officer official
leader head deputy vice adviser advisor aide analyst economist professor prof. dr. doctor
candidate nominee speaker manager founder executive editor correspondent reporter minister
mr. mrs. ms. miss sir lord lady dame rev. reverend bishop cardinal imam rabbi
coach commissioner councillor councilman councilwoman congressman congresswoman lawmaker
strategist pollster consultant chairperson treasurer counsel lawyer
""".split())
"""Words that make the start of a mention a role ("French Defence Minister ...")."""
PERSON_NOUNS = frozenset("""
man woman boy girl mother father son daughter wife husband brother sister widow grandmother
grandfather mother-of-two mother-of-three mother-of-nine father-of-two father-of-three
player runner striker midfielder defender goalkeeper keeper captain batsman bowler athlete
sprinter champion boxer golfer driver rider swimmer skier actor actress singer star musician
rapper comedian presenter director producer writer author artist designer model veteran
teenager student pupil pensioner resident victim survivor witness businessman businesswoman
billionaire tycoon entrepreneur banker trader farmer worker nurse surgeon soldier pilot
""".split())
"""Nouns that, after "the", describe the person last named ("the actress said")."""
HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "miss", "dr.", "mr", "mrs", "ms", "dr", "sir", "prof."})

ORG_WORDS = frozenset("""
movement party ministry army government group council committee agency office department
union league front association organisation organization company corporation bank fund
commission court police force forces military navy campaign administration parliament
congress senate house board institute university network team coalition alliance
federation authority service services press agency newspaper times post journal news
poll survey study report data figures statistics research analysis documents memo records
""".split())
"""Head nouns that make a speaker an organisation (or a non-human source)."""

PASSIVE_CUES = frozenset("""
say tell ask report quote claim argue charge accuse allege criticize criticise condemn dismiss
reject endorse support describe portray deem regard mention reveal show see know expect warn
assure rumor rumour believe confirm deny announce cite predict estimate
""".split())
"""Cues whose passive is an attribution ("was criticized by", "is expected to");
other passives ("was found", "was issued") are mostly events."""

NOUN_CUES = frozenset("""
support criticism criticisms questions question attacks attack view views claim claims opposition
endorsement endorsements call calls assertion assertions hope hopes concern concerns advice
suggestion suggestions complaint complaints promise promises pledge pledges announcement proposal
proposals allegation allegations accusation accusations fear fears argument arguments warning
warnings comments remarks statement statements vow vows
insistence belief beliefs refusal rejection admission speculation rumors rumours contention
assumption praise condemnation denial denials doubts
decision idea plan plans message critique stance opinion commitment consensus
desire defense assessment agreement vision
""".split())
"""Nouns that carry an attribution when a clause or a prepositional object completes them
("his claim that ...", "criticism of the plan", "calls for a recount")."""
DATA_SOURCES = frozenset("""
poll polls survey surveys study studies ranking rankings census
""".split())
"""Sources a figure is found "in" ("71 percent approved in the YouGov survey"): the sentence
is the poll's claim. Statements and interviews are not here: a verb says who spoke in them."""
EVENT_NOUNS = frozenset({"attack", "attacks"})
"""Noun cues that also name events ("the attacks in Paris"): a stance only when someone makes them."""
BACKING_NOUNS = frozenset({"support", "endorsement", "endorsements", "opposition"})
"""Nouns whose "of" object is who gives it ("the support of women"), not its content."""
NOUN_PREPS = frozenset({"of", "about", "for", "on", "against", "over"})

ADJ_CUES = frozenset("""
critical wary skeptical sceptical concerned worried nervous proud confident optimistic pessimistic
enthusiastic supportive hostile eager angry upset uneasy unhappy glad sure certain convinced
fond enamored mistrustful distrustful leery vocal outspoken adamant unapologetic cagey vague
sympathetic doubtful hopeful fearful afraid insistent
""".split())
"""Adjectives that carry a stance after "be" ("is critical of the deal", "was sure that ...")."""
