"""Hand-built claims and articles for tests (no spaCy needed)."""

from __future__ import annotations

from factdesk.models import Article, Claim, Figure, Speaker


def make_claim(text: str, order: int = 0, *, offset: int = 0, speaker: str | None = None,
               kind: str = "indirect", figures: tuple[Figure, ...] = (), role: str | None = None,
               aliases: tuple[str, ...] = ()) -> Claim:
    """A claim whose content is `text` placed at `offset` in its article."""
    who = Speaker(speaker, role=role, aliases=aliases) if speaker else None
    return Claim(order=order, kind=kind, text=text, content=((offset, offset + len(text)),),
                 speaker=who, figures=figures)


def make_article(*sentences: tuple[str, str | None], external_id: str = "a1", published: str | None = None,
                 source: str = "AFP") -> tuple[Article, list[Claim]]:
    """An article made of (sentence, speaker) pairs, each sentence one claim."""
    text, claims, pos = "", [], 0
    for i, (sentence, speaker) in enumerate(sentences):
        claims.append(make_claim(sentence, i, offset=pos, speaker=speaker,
                                 kind="indirect" if speaker else "unattributed"))
        text += sentence + " "
        pos = len(text)
    return Article(text=text.strip(), external_id=external_id, published=published, source=source), claims


def attributed_claims(nlp, text: str) -> list[tuple[str, str | None]]:
    """(claim text, speaker mention as written) of every attributed claim `extract` finds in `text`."""
    from factdesk.extraction import extract

    out = []
    for c in extract(nlp, text):
        if c.kind != "unattributed":
            m = c.speaker_mention
            out.append((c.text, text[m[0]:m[1]] if m else None))
    return out
