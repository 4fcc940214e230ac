"""Provides the `factdesk_attribution` spaCy component: who said what, as spans.

The component finds cue–source–content triples with a DependencyMatcher built from
`nlp.vocab` plus quote-mark rules, and writes them to `doc.spans["factdesk_quotes"]`
(one span per claim, labelled with its kind) and `doc._.factdesk_attributions`
(plain records of offsets, safe to serialise). It does not resolve speakers to
names; `speakers.py` does that afterwards.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc

from .colon import colon_records
from .content import ParaIndex
from .cues import according_record, cue_patterns, noun_record, verb_record
from .filters import drop_unlikely, keep_only
from .quotes import Quote, find_quotes, paragraphs
from .trailing import trailing_record

SPANS_KEY = "factdesk_quotes"
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
SENTENCE_END = re.compile(r"[.?!]\s")
"""A full stop between a cue and a quote: the cue's sentence ended before the quote began. It
still tags the quote when it is that sentence's main verb ('Trump said he would win. "Big."')
or all it tagged before was a quote ('"X," she said. "Y."'), not when it is a by-the-way
verb ('"X," Tilton said after going to see the senator campaign. "Y."')."""
EXTENSION = "factdesk_attributions"
MIN_QUOTE_WORDS = 2

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


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
        elif key in ("noun_cue", "adj_cue"):
            cues[cue_i] = ("noun", None)
        elif cue_i not in cues:
            cues[cue_i] = ("verb", None)
    records = []
    for cue_i in sorted(cues):
        kind, src_i = cues[cue_i]
        if kind == "according":
            rec = according_record(doc, text, cue_i, src_i, paras)
        elif kind == "noun":
            rec = noun_record(doc, text, doc[cue_i], paras, quotes)
        else:
            rec = verb_record(doc, text, cue_i, src_i, paras, quotes)
        if rec:
            records.append(rec)
    records = [r for r in records if not _reaches_out_of_quote(r, quotes) and not _voice_of_the_quote(r, quotes)]
    records += colon_records(doc, text, paras)
    records = _quote_records(doc, records, quotes, paras, min_quote_words)
    records = _drop_nested(records)
    for r in records:
        r["content"] = _merge_overlaps(r["content"])
        r["kind"] = claim_kind(r["content"], quotes)
    return drop_unlikely(doc, records)


def _merge_overlaps(spans: list[list[int]]) -> list[list[int]]:
    """Sorted spans with overlapping ones joined (a parsed clause and the quote that grew over it)."""
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out


def _quote_records(doc: Doc, records: list[dict], quotes: list[Quote], paras: ParaIndex, min_words: int) -> list[dict]:
    """Attach full quotes to cues, merge quote runs, and carry speakers over paragraphs."""
    text = doc.text
    # a cue with no content of its own stays a candidate for an adjacent quote
    # ('"A. B." she said in an interview' parses with nothing under "said")
    records = [r for r in records if r["content"] or (r["cue"] is not None and r.get("src_head") is not None)]
    records.sort(key=lambda r: r["cue"][0])
    for q in quotes:
        words = len(text[q.start:q.end].split())
        if words < min_words and not _tagged_one_word(text, q):
            continue
        qchars = q.end - q.start
        covered = inner_covered = False
        for r in records:
            if not r["content"]:
                continue
            if r["cue"] is not None and q.start <= r["cue"][0] < q.end:
                # a cue inside the quote ("'Have I started writing ...' Sanders replied")
                # only covers it when no cue outside the quote claims it
                inter = sum(max(0, min(b, q.end) - max(a, q.start)) for a, b in r["content"])
                inner_covered = inner_covered or inter >= 0.5 * qchars
                continue
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
            if (c0 >= q.end and len(gap_after) <= 60 and "\n" not in gap_after and not _has_quote(gap_after)
                    and not _sentence_after(doc, q, r)):
                best = r
                break
            if (c1 <= q.start and len(gap_before) <= 40 and not _has_quote(gap_before)
                    and (not SENTENCE_END.search(gap_before) or _heads_its_sentence(doc, r)
                         or all(_inside_any(s, quotes) for s in r["content"]))):
                best = r
        tag = trailing_record(doc, q) if best is None else None
        if tag is not None:
            records.append(tag)
            continue
        if best is None and inner_covered:
            continue
        if best is not None:
            own = [s for s in best["content"] if not (s[1] <= q.start and text[s[1]:q.start].strip() == "")]
            if best["content"] and all(_inside_any(s, quotes) for s in best["content"]) or not best["content"] or _tiny(best, text):
                best["content"] = sorted(best["content"] + [[q.start, q.end]]) if best["content"] and all(_inside_any(s, quotes) for s in best["content"]) else [[q.start, q.end]]
            else:
                best["content"] = sorted(own + [[q.start, q.end]])
            continue
        prev = [r for r in records if r["content"] and r["content"][0][0] < q.start]
        if not prev:
            continue
        last = max(prev, key=lambda r: r["content"][-1][1])
        last_para = paras.of(last["content"][-1][1] - 1)
        if last_para == para and all(_inside_any(s, quotes) for s in last["content"]):
            last["content"].append([q.start, q.end])
            continue
        quoted = [r for r in prev if paras.of(r["content"][-1][1] - 1) == para and all(_inside_any(s, quotes) for s in r["content"])]
        if quoted:
            # '"X," Tilton said after seeing the senator in a barn. "Y."': asides in between
            # do not take the second quote from the speaker of the first
            max(quoted, key=lambda r: r["content"][-1][1])["content"].append([q.start, q.end])
            continue
        if (last_para == para - 1 or (last_para == para and q.start == pstart)) and (q.continues or q.start == pstart):
            records.append({
                "cue": None, "cue_i": None, "src_head": None,
                "content": [[q.start, q.end]], "kind": "direct",
                "carry": records.index(last), "lemma": None,
            })
    # carry indexes `records` (which may hold content-less cues); keep_only maps it through
    return keep_only(records, sorted((r for r in records if r["content"]), key=lambda r: r["content"][0][0]))


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
    return keep_only(records, keep)


def _reaches_out_of_quote(rec: dict, quotes: list[Quote]) -> bool:
    """A cue inside a quote whose content lies wholly outside it ('He replied: "... I feel."'
    parses "feel" as taking "He replied" as its content): the quoted speaker cannot be
    reporting the words that frame the quote."""
    if rec["cue"] is None or not rec["content"]:
        return False
    c0 = rec["cue"][0]
    for q in quotes:
        if q.start < c0 < q.end:
            # (a quote mark or two of overlap is the frame's punctuation, not quoted words)
            return sum(max(0, min(b, q.end) - max(a, q.start)) for a, b in rec["content"]) <= 2
    return False


def _voice_of_the_quote(rec: dict, quotes: list[Quote]) -> bool:
    """A cue inside a quote with its content there too ('"... This suggests the economy
    slowed."', '"The figures show we were right," he said'): the words are the quoted
    speaker's own, so the quote is one claim of theirs, not a claim by "this"."""
    if rec["cue"] is None or not rec["content"]:
        return False
    c0 = rec["cue"][0]
    for q in quotes:
        if q.start < c0 < q.end:
            # (an unclosed quote runs to the paragraph's end and may hold the tag itself)
            return q.closed and all(q.start <= a and b <= q.end for a, b in rec["content"])
    return False


def _tagged_one_word(text: str, q: Quote) -> bool:
    """A one-word quote closed on a comma, ? or ! with a lowercase tag after it
    ('"Denver," he answered.'): an answer, not a scare quote like "real war"."""
    inner = text[q.start:q.end].rstrip("\"'\u201d\u2019 ")
    after = text[q.end:q.end + 40].split()
    return q.closed and inner[-1:] in (",", "?", "!") and bool(after) and after[0][:1].islower()


def _sentence_after(doc: Doc, q: Quote, rec: dict) -> bool:
    """Whether the cue of `rec`, right after quote `q`, opens a new sentence rather than tagging
    the quote: the quote closes on a full stop and a capitalised participle follows
    ('"... you love." Describing him as ...'); '"... missing." Trump said.' is still a tag."""
    text = doc.text
    inner = text[q.start:q.end].rstrip("\"'\u201d\u2019 ")
    first = (text[q.end:q.end + 40].split() or [""])[0]
    if not (inner.endswith(".") and first[:1].isupper() and first != "I"):
        return False
    cue = doc[rec["cue_i"]] if rec.get("cue_i") is not None else None
    return cue is None or cue.tag_ not in FINITE_TAGS


def _heads_its_sentence(doc: Doc, rec: dict) -> bool:
    return rec.get("cue_i") is not None and doc[rec["cue_i"]].dep_ == "ROOT"


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
