"""Provides the cue rules: from a matched cue token to a cue–source–content record.

`cue_patterns` gives the DependencyMatcher patterns; `verb_record` (active verbs) turns one
match into a plain record of character offsets (see `attribution.find_attributions`);
"according to X" is in `according.py`, passives, nouns and adjectives in `completed_cues.py`.
Works on parsed spaCy tokens; no quote-mark logic here, and no UI.
"""

from __future__ import annotations

from spacy.tokens import Doc

from . import lexicon
from .content import CLAUSE_DEPS, ParaIndex, clean, clip, content_chars, subtree_chars
from .completed_cues import passive_record, raising_record
from .quotes import Quote

SUBJ_DEPS = ("nsubj",)
OBJECT_TAIL = frozenset({"dobj", "prep", "oprd", "xcomp", "ccomp", "attr", "acomp", "dative"})
SETTING_PREPS = frozenset({"at", "during", "until", "despite", "since", "throughout", "amid", "through", "within", "across"})


def cue_patterns() -> dict[str, list[list[dict]]]:
    """DependencyMatcher patterns: a cue with its subject, "according to X", a bare cue."""
    forms = sorted(lexicon.CUE_FORMS)
    cue = {"LOWER": {"IN": forms}, "POS": {"IN": ["VERB", "AUX"]}}
    return {
        "cue_subject": [[
            {"RIGHT_ID": "cue", "RIGHT_ATTRS": cue},
            {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": {"IN": list(SUBJ_DEPS)}}},
        ]],
        "according_to": [[
            {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": "according"}},
            {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "to", "RIGHT_ATTRS": {"LOWER": "to"}},
            {"LEFT_ID": "to", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "pobj"}},
        ]],
        "in_source": [[
            {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": "in", "DEP": "prep"}},
            {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "source",
             "RIGHT_ATTRS": {"DEP": "pobj", "LOWER": {"IN": sorted(lexicon.DATA_SOURCES)}}},
        ]],
        "cue": [[{"RIGHT_ID": "cue", "RIGHT_ATTRS": cue}]],
        "noun_cue": [[{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(lexicon.NOUN_CUES)}, "POS": "NOUN"}}]],
        "adj_cue": [[{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(lexicon.ADJ_CUES)}, "DEP": "acomp"}}]],
    }


def verb_record(doc: Doc, text: str, cue_i: int, src_i: int | None, paras: ParaIndex, quotes: list[Quote]) -> dict | None:
    cue = doc[cue_i]
    lemma = lexicon.CUE_FORMS.get(cue.lower_)
    if lemma is None:
        return None
    if any(c.dep_ == "auxpass" for c in cue.children):
        if lemma not in lexicon.PASSIVE_CUES:
            return None
        return passive_record(doc, text, cue, lemma, paras, quotes)
    if lemma in lexicon.RAISING_VERBS:
        return raising_record(doc, text, cue, lemma, paras, quotes)
    if lemma == "claim" and any(c.dep_ == "dobj" and c.lower_ in ("lives", "life", "victims", "toll") for c in cue.children):
        return None  # "the tremor which claimed 300 lives": a death toll, not a claim
    if (src_i is None and cue.tag_ == "VBN" and lemma in ("ask", "question", "press") and cue.dep_ in ("advcl", "ROOT")
            and not _asks_a_question(cue)):
        return None  # "(when) asked about the toll, he said": the question is not his claim
    if src_i is None and not (cue.tag_ == "VBN" and lemma == "ask"):
        # (whoever "asked whether ..." is not the one the sentence goes on to quote)
        src_i = implicit_source(cue)
    src = doc[src_i] if src_i is not None else None
    if src is not None and src.lower_ in ("there", "this", "that") and src.dep_ == "expl":
        return None
    comps = [c for c in cue.children if c.dep_ in CLAUSE_DEPS and c.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PROPN")]
    # "is calling for the US to act": the parser makes the for-to clause an adverbial
    comps += [c for c in cue.children if c.dep_ == "advcl" and c.i > cue_i
              and any(m.dep_ == "mark" and m.lower_ == "for" and m.i == c.left_edge.i == cue_i + 1 for m in c.children)]
    if src is not None and len(comps) > 1:
        far = [c for c in comps if (c.i > cue_i) == (src.i < cue_i)]
        comps = far or comps
    pstart, pend = paras.bounds(cue.idx)
    spans: list[tuple[int, int]] = []
    for c in comps:
        excl = [t for t in c.subtree if t.i == src_i or (t.dep_ == "mark" and t.lower_ == "for" and t.i == c.left_edge.i)]
        spans += content_chars(c, exclude=excl)
        if c.dep_ == "xcomp" and c.i > cue_i:
            # "urged the council to act", "called on the agency to release it": the object
            # is who is to do it, part of what was urged
            objs = [o for o in cue.children if o.dep_ == "dobj" and cue_i < o.i < c.i and o.i != src_i]
            objs += [o for p in cue.children if p.dep_ == "prep" and p.lower_ == "on" and cue_i < p.i < c.i
                     for o in p.children if o.dep_ == "pobj"]
            spans += [s for o in objs for s in content_chars(o)]
    spans += conjoined_content(cue, comps)
    if not spans and lemma in ANSWER_CUES:
        # "75 percent said yes": the answer is what they said
        spans = [(c.idx, c.idx + len(c.text)) for c in cue.children if c.i > cue_i and c.lower_ in ("yes", "no")][:1]
    left = next((t.i for t in cue.subtree if not t.is_punct), cue_i)
    has_object = any(c.dep_ in ("dobj", "attr", "oprd") and c.i > cue_i for c in cue.children)
    if (not spans and not has_object and cue.dep_ in ("parataxis", "ccomp") and cue.head.pos_ in ("VERB", "AUX")
            and left > 0 and doc[left - 1].is_punct and (cue.head.i < left or doc[left - 1].text in ",\u2014")):
        # "X, he said" / "X, he said, Y": the parser made the reported clause the head;
        # PolNeAR's content is the clause on both sides of the interjection
        spans = subtree_chars(cue.head, exclude=[cue])
    if (not spans and not has_object and cue.dep_ == "advcl" and lemma in AS_CUES and any(c.dep_ == "nsubj" for c in cue.children)
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)):
        # "As the Times noted, X" / "X, as the minister said, Y": the clause the aside hangs on
        spans = content_chars(cue.head, exclude=[cue])
    if not spans:
        nxt = doc[cue_i + 1] if cue_i + 1 < len(doc) else None
        if nxt is not None and nxt.text == ":":
            end = pend
            after = [q for q in quotes if q.start >= nxt.idx and q.start - nxt.idx <= 3]
            if after:
                end = after[0].end
            spans = [(nxt.idx + 1, end)]
            n = paras.of(cue.idx)
            if not text[nxt.idx + 1:pend].strip() and n + 1 < len(paras.paras):
                # "Cruz continued:" closing its paragraph introduces the next one
                pstart, pend = paras.paras[n + 1]
                spans = [(pstart, pend)]
    if not spans and lemma not in lexicon.ADDRESSEE_VERBS and lemma not in lexicon.CLAUSE_ONLY:
        objs = [c for c in cue.children if c.dep_ == "dobj"]
        if objs:
            # the object and what completes it ("cited remarks as examples of ...")
            tail = [c for c in cue.rights if c.i >= objs[0].i and c.dep_ in OBJECT_TAIL
                    and not (c.dep_ == "prep" and c.lower_ in SETTING_PREPS)]
            for o in tail:
                spans += content_chars(o)
    if not spans:
        preps = lexicon.PREP_CONTENT.get(lemma, lexicon.CONTENT_PREPS)
        for c in cue.rights:
            if c.dep_ == "prep" and c.lower_ in preps:
                for o in c.children:  # the object, without the preposition
                    if o.dep_ in ("pobj", "pcomp"):
                        spans += content_chars(o)
                break
    if not spans and src is None:
        return None
    if lemma in lexicon.STANCE_ONLY and (src is None or not spans):
        return None
    if not spans and lemma in lexicon.WEAK_COGNITION:
        return None
    spans = clip(spans, pstart, pend)
    if src is not None and not src.left_edge.i <= cue_i <= src.right_edge.i:
        # (a source whose phrase holds the cue, "a PAC backing Bush", keeps its content)
        s0, s1 = src.left_edge.idx, src.right_edge.idx + len(src.right_edge.text)
        spans = [(a, b) for a, b in spans if not (s0 <= a and b <= s1)]
    cue_end = cue.idx + len(cue.text)
    rec = {
        "cue": [cue.idx, cue_end],
        "cue_i": cue_i,
        "src_head": src_i,
        "content": [list(s) for s in clean(text, spans, quotes)],
        "kind": "indirect",
        "carry": None,
        "lemma": lemma,
    }
    if src is not None and src.left_edge.i <= cue_i <= src.right_edge.i:
        # the mention stops where the clause holding the cue starts
        last = doc[max(src.i, cue.left_edge.i - 1)]
        while last.i > src.i and last.is_punct:
            last = doc[last.i - 1]
        rec["src_span"] = [src.left_edge.idx, last.idx + len(last.text)]
    return rec


def conjoined_content(cue, comps) -> list[tuple[int, int]]:
    """"X said the tax was fair, and the council would vote": the parser often hangs the
    second reported clause on the cue rather than on the first; it is reported all the same.
    A conjunct that is a cue of its own ("..., and Lee said ...") is its own report."""
    after = [c for c in comps if c.i > cue.i and c.dep_ == "ccomp"]
    if not after:
        return []
    out: list[tuple[int, int]] = []
    for c in cue.rights:
        if c.dep_ != "conj" or c.i < after[-1].i or c.pos_ not in ("VERB", "AUX"):
            continue
        if c.lower_ in lexicon.CUE_FORMS and not any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            continue
        cc = [t for t in cue.children if t.dep_ == "cc" and after[-1].i < t.i < c.i]
        out += [(t.idx, t.idx + len(t.text)) for t in cc] + content_chars(c)
    return out


QUESTION_WORDS = frozenset({"whether", "if", "what", "why", "how", "who", "when", "where", "which"})


def _asks_a_question(cue) -> bool:
    """"Asked whether the plan would work, ...": the question itself is reported, whoever
    answers; "asked about the toll" only says what the answer was about."""
    return any(c.dep_ == "ccomp" and c.left_edge.lower_ in QUESTION_WORDS for c in cue.children)


def implicit_source(cue) -> int | None:
    """The subject a subject-less cue borrows: "..., adding that", "after reporting that"."""
    if cue.dep_ == "acl" and cue.tag_ == "VBN":
        return None  # "a group backing Bush" speaks; "shows nominated for awards" were spoken of
    if cue.dep_ in ("relcl", "acl") and cue.head.pos_ in ("NOUN", "PROPN"):
        carrier = cue.head
        if (cue.dep_ == "acl" and cue.tag_ == "VBG" and carrier.dep_ == "dobj" and carrier.pos_ == "NOUN"
                and carrier.lower_ not in lexicon.ORG_WORDS):
            # "the campaign sent out a press release saying ...": who sent it says it
            subj = [c for c in carrier.head.children if c.dep_ in SUBJ_DEPS]
            if subj:
                return subj[0].i
        if cue.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children):
            # "took pains to say", "has a rare chance to show": whoever has the chance says it
            subj = _clause_subject(carrier)
            if subj is not None:
                return subj.i
        return carrier.i
    inverted = inverted_source(cue)
    if inverted is not None:
        return inverted
    if cue.dep_ in ("xcomp", "ccomp", "oprd") and cue.head.pos_ in ("VERB", "AUX"):
        # "the loss led Republicans to say ...", "left voters saying ...": the one made to
        # speak is the object, not whoever did the making
        objs = [c for c in cue.head.children if c.dep_ in ("dobj", "dative") and c.i < cue.i
                and c.pos_ in ("NOUN", "PROPN", "PRON")]
        if objs:
            return objs[-1].i
    if (cue.tag_ == "VBG" and cue.i > 0 and cue.doc[cue.i - 1].text == ",") or cue.dep_ == "conj":
        # "X rejected the idea that Y was a drag, saying ..." / "X said Y won and added ...":
        # the parser may hang the participle or conjunct inside the reported clause, but it
        # is the reporter who goes on speaking
        for node in cue.ancestors:
            subj = [c for c in node.children if c.dep_ in SUBJ_DEPS] if node.lower_ in lexicon.CUE_FORMS else []
            if subj:
                return subj[0].i
    node = cue
    for _ in range(4):
        if node.dep_ in ("ROOT",) or node.head is node:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subj = [c for c in node.children if c.dep_ in SUBJ_DEPS]
            if subj:
                return subj[0].i
    # "one of the groups, the Movement (MUJAO), said": the parse lost the subject
    j = cue.i - 1
    while j >= 0 and cue.doc[j].is_punct and cue.doc[j].text in ",)":
        j -= 1
    if j >= 0 and j < cue.i - 1 and cue.doc[j].pos_ in ("PROPN", "NOUN"):
        node = cue.doc[j]
        while node.dep_ in ("appos", "conj", "compound", "prep", "pobj") and node.head is not node:
            if node.dep_ == "pobj" and node.head.head.pos_ not in ("NOUN", "PROPN", "NUM", "PRON"):
                break  # "after one of the groups": the object itself is the speaker
            node = node.head
        return node.i if node.pos_ in ("NOUN", "PROPN", "NUM", "PRON") else None
    return None


def _clause_subject(noun):
    """The subject of the clause a noun is an object in ("companies" for "companies are taking
    pains"), or None when the noun is in the subject itself ("the first candidate to say")."""
    node = noun
    for _ in range(4):
        if node.dep_ in ("nsubj", "nsubjpass") or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subj = [c for c in node.children if c.dep_ in SUBJ_DEPS]
            return subj[0] if subj else None
    return None


ANSWER_CUES = frozenset({"say", "answer", "reply", "respond", "vote"})
"""Cues whose content can be a bare "yes" or "no"."""
AS_CUES = frozenset(lexicon.SPEECH_VERBS) | frozenset(lexicon.COGNITION_VERBS)
"""Cues that report in an "as X noted" aside; "as the rebels pushed south" is a time clause."""
QUOTE_CLOSERS = frozenset({"\"", "\u201d", "''", "\u2019", "'"})
INVERTED_DEPS = frozenset({"nsubj", "dobj", "attr", "npadvmod", "oprd", "appos"})


def inverted_source(cue) -> int | None:
    """The speaker of an inverted tag after a quote: '"...," said Skelly', '"...," added a Democrat'."""
    doc = cue.doc
    j = cue.i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 1 or doc[j].text not in QUOTE_CLOSERS or doc[j - 1].text not in (",", "?", "!"):
        return None
    for c in cue.rights:
        if c.left_edge.i != cue.i + 1:
            continue
        if c.dep_ in INVERTED_DEPS and c.pos_ in ("PROPN", "NOUN", "PRON") or c.text[:1].isupper() and not c.is_punct:
            return c.i  # (the small model tags "said Skelly" as an adverb)
    return None
