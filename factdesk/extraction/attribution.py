"""Provides the `factdesk_attribution` spaCy component: who said what, as spans.

The component finds cue–source–content triples with a DependencyMatcher built from
`nlp.vocab` plus quote-mark rules, and writes them to `doc.spans["factdesk_quotes"]`
(one span per claim, labelled with its kind) and `doc._.factdesk_attributions`
(plain records of offsets, safe to serialise). It does not resolve speakers to
names; `speakers.py` does that afterwards.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc

from . import lexicon
from .content import CLAUSE_DEPS, ParaIndex, clean, clip, subtree_chars, trim
from .quotes import Quote, find_quotes, paragraphs

SPANS_KEY = "factdesk_quotes"
EXTENSION = "factdesk_attributions"
SUBJ_DEPS = ("nsubj",)
MIN_QUOTE_WORDS = 4
OBJECT_TAIL = frozenset({"dobj", "prep", "oprd", "xcomp", "ccomp", "attr", "acomp", "dative", "advcl"})

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


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
        "cue": [[{"RIGHT_ID": "cue", "RIGHT_ATTRS": cue}]],
    }


@Language.component("factdesk_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break, so the parser never joins a headline
    or a paragraph to the next one (the parser keeps boundaries set before it)."""
    for t in doc[:-1]:
        if t.is_space and "\n" in t.text:
            doc[t.i + 1].is_sent_start = True
    return doc


@Language.factory("factdesk_attribution", default_config={"min_quote_words": MIN_QUOTE_WORDS})
def make_attribution(nlp: Language, name: str, min_quote_words: int):
    return Attribution(nlp, name, min_quote_words)


class Attribution:
    """Finds attributions in a parsed Doc (needs DEP and POS; LEMMA and NER are not used)."""

    def __init__(self, nlp: Language, name: str = "factdesk_attribution", min_quote_words: int = MIN_QUOTE_WORDS):
        self.name = name
        self.min_quote_words = min_quote_words
        self.matcher = DependencyMatcher(nlp.vocab)
        for key, patterns in cue_patterns().items():
            self.matcher.add(key, patterns)

    def __call__(self, doc: Doc) -> Doc:
        try:
            records = find_attributions(doc, self.matcher, self.min_quote_words)
        except Exception:  # never let one odd article stop a batch
            records = []
        doc._.set(EXTENSION, records)
        spans = []
        for r in records:
            a, b = r["content"][0][0], r["content"][-1][1]
            span = doc.char_span(a, b, label=r["kind"], alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc


def find_attributions(doc: Doc, matcher: DependencyMatcher, min_quote_words: int = MIN_QUOTE_WORDS) -> list[dict]:
    """Return attribution records for `doc`, in text order.

    Each record is a dict of plain values: `cue` (char span or None), `cue_i`,
    `src` (token span of the source mention or None), `content` (char spans),
    `kind`, and `carry` (index of the record whose speaker a cue-less quote inherits).
    """
    text = doc.text
    quotes = find_quotes(text)
    paras = ParaIndex(paragraphs(text))
    cues: dict[int, tuple[str, int | None]] = {}
    vocab = doc.vocab.strings
    for match_id, ids in matcher(doc):
        key = vocab[match_id]
        cue_i = ids[0]
        if key == "cue_subject":
            cues[cue_i] = ("verb", ids[1])
        elif key == "according_to":
            cues[cue_i] = ("according", ids[2])
        elif cue_i not in cues:
            cues[cue_i] = ("verb", None)
    records = []
    for cue_i in sorted(cues):
        kind, src_i = cues[cue_i]
        rec = _according(doc, text, cue_i, src_i, paras) if kind == "according" else _verb(doc, text, cue_i, src_i, paras, quotes)
        if rec:
            records.append(rec)
    records = _quote_records(text, records, quotes, paras, min_quote_words)
    records = _drop_nested(records)
    for r in records:
        r["kind"] = claim_kind(r["content"], quotes)
    return records


def _verb(doc: Doc, text: str, cue_i: int, src_i: int | None, paras: ParaIndex, quotes: list[Quote]) -> dict | None:
    cue = doc[cue_i]
    lemma = lexicon.CUE_FORMS.get(cue.lower_)
    if lemma is None or any(c.dep_ == "auxpass" for c in cue.children):
        return None
    if src_i is None:
        src_i = _implicit_source(cue)
    src = doc[src_i] if src_i is not None else None
    if src is not None and src.lower_ in ("there", "this", "that") and src.dep_ == "expl":
        return None
    comps = [c for c in cue.children if c.dep_ in CLAUSE_DEPS and c.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PROPN")]
    if lemma not in lexicon.XCOMP_CONTENT:
        comps = [c for c in comps if c.dep_ != "xcomp"]
    if src is not None and len(comps) > 1:
        far = [c for c in comps if (c.i > cue_i) == (src.i < cue_i)]
        comps = far or comps
    pstart, pend = paras.bounds(cue.idx)
    spans: list[tuple[int, int]] = []
    for c in comps:
        excl = [t for t in c.subtree if t.i == src_i]
        spans += subtree_chars(c, exclude=excl)
    left = cue.left_edge.i
    if (not spans and cue.dep_ in ("parataxis", "ccomp") and cue.head.i < left and cue.head.pos_ in ("VERB", "AUX")
            and left > 0 and doc[left - 1].is_punct):
        # "X, he said": the parser made the reported clause the head
        spans = subtree_chars(cue.head, exclude=[cue])
        spans = [(a, b) for a, b in spans if b <= cue.idx]
    if not spans:
        nxt = doc[cue_i + 1] if cue_i + 1 < len(doc) else None
        if nxt is not None and nxt.text == ":":
            end = pend
            after = [q for q in quotes if q.start >= nxt.idx and q.start - nxt.idx <= 3]
            if after:
                end = after[0].end
            spans = [(nxt.idx + 1, end)]
    if not spans and lemma in lexicon.OBJECT_CONTENT_VERBS:
        objs = [c for c in cue.children if c.dep_ == "dobj" and c.pos_ not in ("PRON",)]
        if objs:
            # the object and what completes it ("cited remarks as examples of ...")
            tail = [c for c in cue.rights if c.i >= objs[0].i and c.dep_ in OBJECT_TAIL]
            for o in tail:
                spans += subtree_chars(o)
    if not spans and lemma in lexicon.PREP_CONTENT:
        for c in cue.rights:
            if c.dep_ == "prep" and c.lower_ in lexicon.PREP_CONTENT[lemma]:
                spans += [(a, b) for a, b in subtree_chars(c) if a > c.idx + len(c.text) - 1]
                break
    if not spans and src is None:
        return None
    if lemma in lexicon.STANCE_ONLY and (src is None or not spans):
        return None
    if not spans and lemma in lexicon.WEAK_COGNITION:
        return None
    spans = clip(spans, pstart, pend)
    if src is not None:
        s0, s1 = src.left_edge.idx, src.right_edge.idx + len(src.right_edge.text)
        spans = [(a, b) for a, b in spans if not (s0 <= a and b <= s1)]
    cue_end = cue.idx + len(cue.text)
    return {
        "cue": [cue.idx, cue_end],
        "cue_i": cue_i,
        "src_head": src_i,
        "content": [list(s) for s in clean(text, spans, quotes)],
        "kind": "indirect",
        "carry": None,
        "lemma": lemma,
    }


def _implicit_source(cue) -> int | None:
    """The subject a subject-less cue borrows: "..., adding that", "after reporting that"."""
    if cue.dep_ == "relcl" and cue.head.pos_ in ("NOUN", "PROPN"):
        return cue.head.i
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


def _according(doc: Doc, text: str, cue_i: int, src_i: int, paras: ParaIndex) -> dict | None:
    cue, src = doc[cue_i], doc[src_i]
    sent = cue.sent
    to = doc[cue_i + 1] if cue_i + 1 < len(doc) else cue
    lo, hi = cue.left_edge.i, max(cue.right_edge.i, src.right_edge.i)
    pstart, pend = paras.bounds(cue.idx)
    spans = []
    a = sent.start_char
    b = doc[lo].idx
    spans.append((a, b))
    spans.append((doc[hi].idx + len(doc[hi].text), sent.end_char))
    spans = [trim(text, x, y) for x, y in clip(spans, pstart, pend)]
    spans = [(x, y) for x, y in spans if y - x > 3]
    if not spans:
        return None
    return {
        "cue": [cue.idx, to.idx + len(to.text)],
        "cue_i": cue_i,
        "src_head": src_i,
        "content": [list(s) for s in spans],
        "kind": "indirect",
        "carry": None,
        "lemma": "according to",
    }


def _quote_records(text: str, records: list[dict], quotes: list[Quote], paras: ParaIndex, min_words: int) -> list[dict]:
    """Attach full quotes to cues, merge quote runs, and carry speakers over paragraphs."""
    records = [r for r in records if r["content"]]
    records.sort(key=lambda r: r["cue"][0])
    for q in quotes:
        words = len(text[q.start:q.end].split())
        if words < min_words:
            continue
        qchars = q.end - q.start
        covered = False
        for r in records:
            if r["cue"] is not None and not (q.start <= r["cue"][0] < q.end) and any(q.start <= a and b <= q.end for a, b in r["content"]):
                # the parse found part of the quote ("A. B," he said → B): take the whole quote
                r["content"] = sorted([s for s in r["content"] if not (q.start <= s[0] and s[1] <= q.end)] + [[q.start, q.end]])
            inter = sum(max(0, min(b, q.end) - max(a, q.start)) for a, b in r["content"])
            if inter >= 0.5 * qchars:
                covered = True
                break
        if covered:
            continue
        para = paras.of(q.start)
        pstart, pend = paras.paras[para] if paras.paras else (0, len(text))
        # a cue right after ('"...," he said') or right before ('he said: "..."') the quote
        best = None
        for r in records:
            if r["cue"] is None:
                continue
            c0, c1 = r["cue"]
            if paras.of(c0) != para:
                continue
            gap_after = text[q.end:c0]
            gap_before = text[c1:q.start]
            if c0 >= q.end and len(gap_after) <= 60 and "\n" not in gap_after and not _has_quote(gap_after):
                best = r
                break
            if c1 <= q.start and len(gap_before) <= 40 and not _has_quote(gap_before):
                best = r
        if best is not None:
            own = [s for s in best["content"] if not (s[1] <= q.start and text[s[1]:q.start].strip() == "")]
            if best["content"] and all(_inside_any(s, quotes) for s in best["content"]) or not best["content"] or _tiny(best, text):
                best["content"] = sorted(best["content"] + [[q.start, q.end]]) if best["content"] and all(_inside_any(s, quotes) for s in best["content"]) else [[q.start, q.end]]
            else:
                best["content"] = sorted(own + [[q.start, q.end]])
            continue
        prev = [r for r in records if r["content"][0][0] < q.start]
        if not prev:
            continue
        last = max(prev, key=lambda r: r["content"][-1][1])
        last_para = paras.of(last["content"][-1][1] - 1)
        if last_para == para and all(_inside_any(s, quotes) for s in last["content"]):
            last["content"].append([q.start, q.end])
            continue
        if (last_para == para - 1 or (last_para == para and q.start == pstart)) and (q.continues or q.start == pstart):
            records.append({
                "cue": None, "cue_i": None, "src_head": None,
                "content": [[q.start, q.end]], "kind": "direct",
                "carry": records.index(last), "lemma": None,
            })
    out = [r for r in records if r["content"]]
    order = sorted(range(len(out)), key=lambda i: out[i]["content"][0][0])
    remap = {old: new for new, old in enumerate(order)}
    final = [out[i] for i in order]
    for r in final:
        if r["carry"] is not None:
            r["carry"] = remap.get(r["carry"])
    return final


def _drop_nested(records: list[dict]) -> list[dict]:
    """Keep the outer attribution when one cue sits inside another claim's content.

    PolNeAR never annotates a report inside reported content, and a fact-checker
    wants the outer claim ("X said Y told Z that ..."), which contains the inner one.
    """
    keep = []
    for r in records:
        c = r["cue"]
        if c is not None and any(o is not r and any(a <= c[0] < b for a, b in o["content"]) for o in records):
            continue
        keep.append(r)
    if len(keep) == len(records):
        return records
    index = {id(r): n for n, r in enumerate(keep)}
    for r in keep:
        if r["carry"] is not None:
            r["carry"] = index.get(id(records[r["carry"]]))
    return keep


def _has_quote(s: str) -> bool:
    return any(ch in s for ch in "\"\u201c\u201d\u00ab\u00bb\u201e")


def _inside_any(span, quotes: list[Quote]) -> bool:
    a, b = span
    return any(q.start <= a and b <= q.end for q in quotes)


def _tiny(rec: dict, text: str) -> bool:
    return sum(b - a for a, b in rec["content"]) < 12


def claim_kind(content, quotes: list[Quote]) -> str:
    """direct: all content inside quote marks; mixed: a quote inside; else indirect."""
    if content and all(_inside_any(s, quotes) for s in content):
        return "direct"
    for a, b in content:
        for q in quotes:
            if q.start < b and a < q.end:
                return "mixed"
    return "indirect"
