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

from .according import according_record
from .colon import colon_records
from .content import ParaIndex
from .completed_cues import noun_record
from .cues import cue_patterns, verb_record
from .filters import drop_unlikely, keep_only
from .headlines import headline_records
from .quote_tags import attach_quotes, inside_any
from .quotes import Quote, find_quotes, paragraphs

SPANS_KEY = "factdesk_quotes"
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
        elif key == "in_source":
            cues[cue_i] = ("according", ids[1])
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
    records = [r for r in records if r.get("lemma") != "in" or not _holds_a_cue(r, records)]
    records += colon_records(doc, text, paras)
    records += headline_records(doc, text, paras, records)
    records = attach_quotes(doc, records, quotes, paras, min_quote_words)
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


def _drop_nested(records: list[dict]) -> list[dict]:
    """Keep the outer attribution when one cue sits inside another claim's content.

    PolNeAR never annotates a report inside reported content, and a fact-checker
    wants the outer claim ("X said Y told Z that ..."), which contains the inner one.
    """
    keep = []
    for r in records:
        c = r["cue"]
        if r.get("lemma") == "according to":
            # "X said little, according to an attendee": the attendee vouches for the whole
            # report, so PolNeAR keeps the "according to" claim beside the one it holds
            keep.append(r)
            continue
        if c is not None and any(o is not r and any(a <= c[0] < b for a, b in o["content"]) for o in records):
            continue
        keep.append(r)
    return keep_only(records, keep)


def _holds_a_cue(rec: dict, records: list[dict]) -> bool:
    """Whether another record's cue lies in `rec`'s content: "Most said yes in the poll" is
    the respondents' claim, made in the poll, not the poll's own."""
    return any(o is not rec and o["cue"] is not None and any(a <= o["cue"][0] < b for a, b in rec["content"]) for o in records)


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


def claim_kind(content, quotes: list[Quote]) -> str:
    """direct: all content inside quote marks; mixed: a quote inside; else indirect."""
    if content and all(inside_any(s, quotes) for s in content):
        return "direct"
    for a, b in content:
        for q in quotes:
            if q.start < b and a < q.end:
                return "mixed"
    return "indirect"
