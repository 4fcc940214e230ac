"""Provides the span arithmetic attribution rules share: content spans from parse trees.

Works on spaCy tokens but holds no rules of its own; `attribution.py` decides which
token's subtree is the content, this module turns it into clean character spans.
"""

from __future__ import annotations

from bisect import bisect_right

from .lexicon import CUE_FORMS, SPEECH_FORMS
from .quotes import QUOTE_CHARS, Quote

TRIM = " \t\r\n,.;:\u2014\u2013-"
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
WH_WORDS = frozenset({"which", "who", "whom", "whose", "where", "when"})
NAME_DEPS = frozenset({"compound", "flat", "nmod", "amod", "poss", "case", "det", "appos", "punct", "cc", "conj", "prep", "pobj", "nummod", "acl", "relcl", "npadvmod"})


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and dangling punctuation from both ends (quote marks are kept).

    A comma or stop directly inside a closing quote mark stays: PolNeAR (and readers)
    treat `"... to be,"` as the quote.
    """
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def subtree_chars(tok, exclude=()) -> list[tuple[int, int]]:
    """Character runs of `tok`'s subtree with the subtrees of `exclude` cut out."""
    cut = set()
    for ex in exclude:
        cut.update(t.i for t in ex.subtree)
    runs: list[list[int]] = []
    prev = None
    for t in tok.subtree:
        if t.i in cut or t.is_space:
            prev = None if t.i in cut else prev
            continue
        if prev is not None and t.i == prev + 1 and runs:
            runs[-1][1] = t.idx + len(t.text)
        else:
            runs.append([t.idx, t.idx + len(t.text)])
        prev = t.i
    return [(a, b) for a, b in runs]


def asides(tok) -> list:
    """Parts of `tok`'s subtree PolNeAR leaves out of a content span.

    A non-restrictive clause after a comma at the end ("..., which expires in May")
    or an apposition that carries one (", a move that surprised traders") is the
    writer's aside, not part of what was said. A trailing participle or a subject-less
    conjunct that is itself a cue (", saying ...", "... and added that ...") is a second
    report by the same speaker, a claim of its own rather than part of the first.
    """
    out = []
    for t in tok.subtree:
        if t.i == tok.i or t.right_edge.i < tok.right_edge.i - 1:
            continue
        prev = t.doc[t.left_edge.i - 1] if t.left_edge.i > 0 else None
        if prev is None:
            continue
        first = t.doc[t.left_edge.i]
        if _other_speakers_report(t):
            out += [prev, t] if prev.dep_ == "cc" else [t]
            continue
        if prev.dep_ == "cc" and prev.lower_ in ("and", "but") and _second_report(t, first):
            out += [prev, t]
            continue
        if prev.text not in (",", "\u2014", "--"):
            continue
        if (t.dep_ in ("relcl", "acl") and first.lower_ in WH_WORDS) or (t.dep_ == "advcl" and first.lower_ == "which"):
            out.append(t)
        elif t.dep_ in ("appos", "npadvmod") and any(c.dep_ in ("relcl", "acl") for c in t.children):
            out.append(t)
        elif t.tag_ == "VBG" and first.i == t.i and t.lower_ in CUE_FORMS:
            out.append(t)
    return out


def _other_speakers_report(t) -> bool:
    """"74 percent said they would vote, while 22 percent said they might not": a trailing
    "said" with a subject of its own is another speaker's report, not part of the first."""
    return (t.dep_ in ("advcl", "conj") and t.pos_ == "VERB" and SPEECH_FORMS.get(t.lower_) == "say"
            and any(c.dep_ == "nsubj" for c in t.children)
            and (t.dep_ == "conj" or any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in t.children)))


def _second_report(t, first) -> bool:
    """A conjoined cue verb with no subject of its own: "said X and insisted Y" (the parser
    often hangs it under X's verb, but it shares the reporter, not X's subject)."""
    return (t.dep_ == "conj" and t.pos_ == "VERB" and t.lower_ in SPEECH_FORMS
            and any(c.dep_ == "ccomp" or c.is_quote or c.text == ":" for c in t.children)
            and (first.i == t.i or all(a.dep_ in ("aux", "neg", "advmod") for a in t.lefts))
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children))


def content_chars(tok, exclude=()) -> list[tuple[int, int]]:
    """`subtree_chars` of a content head, without the asides PolNeAR leaves out."""
    return subtree_chars(tok, exclude=[*exclude, *asides(tok)])


def clip(spans, lo: int, hi: int) -> list[tuple[int, int]]:
    """Clip spans to `[lo, hi)`, dropping empty ones."""
    out = []
    for a, b in spans:
        a, b = max(a, lo), min(b, hi)
        if a < b:
            out.append((a, b))
    return out


def clean(text: str, spans, quotes: list[Quote]) -> list[tuple[int, int]]:
    """Merge adjacent runs, grow runs to the quote marks they sit in, trim edges."""
    spans = sorted(spans)
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and (a <= merged[-1][1] or not text[merged[-1][1]:a].strip(TRIM + "".join(QUOTE_CHARS))):
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out = []
    for a, b in merged:
        a, b = trim(text, a, b)
        if a >= b:
            continue
        for q in quotes:
            # grow to the marks of a quote the run starts or ends in (or just before/after)
            if q.start <= a <= q.start + 2 and q.end >= b - 1 and q.end - b <= 3:
                a, b = q.start, max(b, q.end)
            elif q.start < b <= q.end and q.end - b <= 3 and q.start >= a:
                b = q.end
            elif q.start - 2 <= a < q.end and q.start >= a - 2 and q.start < a:
                a = q.start
            elif q.closed and a < q.start < b < q.end and any(ch.isalnum() for ch in text[q.start:b]):
                # a quote opened inside the reported words is theirs to its close ('said
                # he believes "there may be some. But most are sure."'), past a full stop
                b = q.end
        out.append((a, b))
    return [s for s in out if s[1] - s[0] > 1]


class ParaIndex:
    """Finds the paragraph (line) of a character offset."""

    def __init__(self, paras: list[tuple[int, int]]):
        self.paras = paras
        self.starts = [p[0] for p in paras]

    def of(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def bounds(self, offset: int) -> tuple[int, int]:
        if not self.paras:
            return 0, 0
        return self.paras[self.of(offset)]
