"""Provides the quote rules: which cue a paired quote belongs to, and whose the tagless ones are.

A quote goes to the cue that tags it ('"...," he said', 'he said: "..."'), else to the speaker of
the paragraph's last quote, else, as the next paragraph opening with a quote, to the claim it
continues (joined to a tagged claim; a cue-less record carrying the speaker otherwise). Works on the records `attribution.find_attributions` builds; no UI here.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .content import ParaIndex
from .filters import keep_only
from .quotes import Quote
from .trailing import leading_record, trailing_record

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
LONE_QUOTE_WORDS = 6
"""Words an untagged mid-paragraph quote needs to be taken as the last speaker's."""
SENTENCE_END = re.compile(r"[.?!]\s")
"""A full stop between a cue and a quote: the cue's sentence ended before the quote began. It
still tags the quote when it is that sentence's main verb ('Trump said he would win. "Big."')
or all it tagged before was a quote ('"X," she said. "Y."'), not when it is a by-the-way
verb ('"X," Tilton said after going to see the senator campaign. "Y."')."""

def attach_quotes(doc: Doc, records: list[dict], quotes: list[Quote], paras: ParaIndex, min_words: int) -> list[dict]:
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
                         or all(inside_any(s, quotes) for s in r["content"]))):
                best = r
        tag = (trailing_record(doc, q) or leading_record(doc, q)) if best is None else None
        if tag is not None:
            records.append(tag)
            continue
        if best is None and inner_covered:
            continue
        if best is not None:
            own = [s for s in best["content"] if not (s[1] <= q.start and text[s[1]:q.start].strip() == "")]
            if best["content"] and all(inside_any(s, quotes) for s in best["content"]) or not best["content"] or _tiny(best, text):
                best["content"] = sorted(best["content"] + [[q.start, q.end]]) if best["content"] and all(inside_any(s, quotes) for s in best["content"]) else [[q.start, q.end]]
            else:
                best["content"] = sorted(own + [[q.start, q.end]])
            continue
        prev = [r for r in records if r["content"] and r["content"][0][0] < q.start]
        if not prev:
            continue
        last = max(prev, key=lambda r: r["content"][-1][1])
        last_para = paras.of(last["content"][-1][1] - 1)
        if last_para == para and all(inside_any(s, quotes) for s in last["content"]):
            last["content"].append([q.start, q.end])
            continue
        quoted = [r for r in prev if paras.of(r["content"][-1][1] - 1) == para and all(inside_any(s, quotes) for s in r["content"])]
        if quoted:
            # '"X," Tilton said after seeing the senator in a barn. "Y."': asides in between
            # do not take the second quote from the speaker of the first
            max(quoted, key=lambda r: r["content"][-1][1])["content"].append([q.start, q.end])
            continue
        if (last_para == para - 1 or (last_para == para and q.start == pstart)) and (q.continues or q.start == pstart):
            if last_para == para - 1 and last["cue"] is not None:
                # a quote opening the next paragraph goes on with the same statement: one
                # claim, as PolNeAR annotates it, rather than a second one with no cue
                last["content"].append([q.start, q.end])
                continue
            records.append({
                "cue": None, "cue_i": None, "src_head": None,
                "content": [[q.start, q.end]], "kind": "direct",
                "carry": records.index(last), "lemma": None,
            })
            continue
        if q.closed and words >= LONE_QUOTE_WORDS and para == last_para:
            # a quoted sentence with no tag of its own, after a claim in its paragraph ('Ruiz
            # said the depot was "safe." "We have the money."'): PolNeAR reads it as the same
            # statement going on
            last["content"].append([q.start, q.end])
    # carry indexes `records` (which may hold content-less cues); keep_only maps it through
    return keep_only(records, sorted((r for r in records if r["content"]), key=lambda r: r["content"][0][0]))


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


def inside_any(span, quotes: list[Quote]) -> bool:
    a, b = span
    return any(q.start <= a and b <= q.end for q in quotes)


def _tiny(rec: dict, text: str) -> bool:
    return sum(b - a for a, b in rec["content"]) < 12
