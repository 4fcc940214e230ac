"""Linking evolving stories through the store: story candidates, restated figures, one link per change."""

from __future__ import annotations

from factdesk import storage
from factdesk.linking import link_new_claims
from factdesk.models import Article, Claim, Figure, Speaker


def _claim(text: str, order: int, at: int, speaker: str | None = None, figures=()) -> Claim:
    return Claim(order=order, kind="indirect" if speaker else "unattributed", text=text,
                 content=((at, at + len(text)),), speaker=Speaker(speaker) if speaker else None,
                 figures=tuple(figures))


def article(db, ext_id: str, published: str, title: str, *sentences) -> list[int]:
    """Store an article whose text is its sentences; each (text, speaker, figures) is one claim.

    figures: (words, value, what, unit) tuples found in the sentence.
    """
    text, claims = "", []
    for order, (sentence, speaker, figures) in enumerate(sentences):
        at = len(text)
        figs = [Figure(value=v, start=at + sentence.index(w), end=at + sentence.index(w) + len(w), text=w,
                       what=what, unit=unit) for w, v, what, unit in figures]
        claims.append(_claim(sentence, order, at, speaker, figs))
        text += sentence + " "
    saved = storage.save_article(db, Article(text=text.strip(), external_id=ext_id, published=published,
                                             title=title, source="Reuters"), claims)
    return list(saved.claim_ids)


def changed(db):
    return [link for link in storage.list_links(db) if link.relation in ("updated_figure", "contradiction")]


def test_a_rewritten_toll_is_found_through_its_story(fresh_db):
    """The new claim shares no word with the old one: only the two articles' story ties them."""
    article(fresh_db, "day1", "1990-05-07", "12 MINERS FEARED DEAD IN PIT FLOOD",
            ("At least 12 miners were feared dead after water flooded the Golden Reef pit near Kalgoorlie.",
             None, [("12", 12, "miners dead", None)]),
            ("Rescuers said 60 men were still unaccounted for.", "rescuers", [("60", 60, "men unaccounted for", None)]))
    new = article(fresh_db, "day2", "1990-05-08", "HOPE FADES FOR MINERS TRAPPED IN FLOODED PIT",
                  ("Westmine said there was little hope for about 40 miners trapped in the Golden Reef pit.",
                   "Westmine", [("40", 40, "miners trapped", None)]))
    link_new_claims(fresh_db, new)
    assert [(l.old_value, l.new_value) for l in changed(fresh_db)] == [(60, 40)]
    assert "same story, reworded" in changed(fresh_db)[0].explanation


def test_a_number_the_old_article_already_gave_is_no_update(fresh_db):
    """"Other estimates ranged as high as 500 dead" beside "up to 300 feared dead": 300 is not new."""
    article(fresh_db, "a", "1991-04-02", "PERU QUAKE KILLS UP TO 300",
            ("Up to 300 people were feared dead after the earthquake in southern Peru, officials said.",
             "officials", [("300", 300, "people dead", None)]),
            ("Other estimates ranged as high as 500 dead.", None, [("500", 500, "dead", None)]))
    new = article(fresh_db, "b", "1991-04-03", "PERU QUAKE DEATH TOLL PUT AT 300",
                  ("The earthquake in southern Peru killed 300 people, the interior minister said.",
                   "interior minister", [("300", 300, "people killed", None)]))
    link_new_claims(fresh_db, new)
    assert changed(fresh_db) == []


def test_one_change_is_linked_to_the_latest_reports_only(fresh_db):
    """Every earlier article giving the old offer is superseded; the two latest are flagged."""
    for n, day in enumerate(("01", "02", "03")):
        article(fresh_db, f"old{n}", f"1988-03-{day}", f"ZENITH PRESSES HARLOW BID {n}",
                (f"Zenith Inc said its 80 dlr a share tender offer for Harlow Corp stands, day {n}.", "Zenith Inc",
                 [("80 dlr", 80, None, "USD")]))
    new = article(fresh_db, "new", "1988-03-08", "ZENITH RAISES HARLOW BID",
                  ("Zenith Inc raised its tender offer for Harlow Corp to 92.50 dlrs a share from 80 dlrs.",
                   "Zenith Inc", [("92.50 dlrs", 92.5, None, "USD"), ("80 dlrs", 80, None, "USD")]))
    link_new_claims(fresh_db, new)
    links = changed(fresh_db)
    assert [(l.old_value, l.new_value) for l in links] == [(80, 92.5)] * 2
    olds = {storage.get_claim(fresh_db, l.other_id).article_external_id for l in links}
    assert olds == {"old1", "old2"}


def test_no_one_killed_in_a_rewrite_contradicts_the_toll(fresh_db):
    """"No one was killed" states a figure, even in a claim with no digit, so the story finds it."""
    article(fresh_db, "lang", "2011-11-10", "BOMBS HIT HILLTOP REFUGEE CAMP",
            ("Aircraft bombed the Hilltop refugee camp near Tamara on Thursday, witnesses said.", None, []),
            ("A county commissioner said at least 12 people had been killed in the raid.", "commissioner",
             [("12", 12, "people killed", None)]))
    new = article(fresh_db, "aid", "2011-11-11", "AID GROUP SAYS HILLTOP CAMP BOMBING CAUSED NO DEATHS",
                  ("An aid group in the Hilltop refugee camp near Tamara said no one was killed or injured.",
                   "aid group", []))
    link_new_claims(fresh_db, new)
    (link,) = changed(fresh_db)
    assert (link.relation, link.old_value, link.new_value) == ("contradiction", 12, 0)


def test_no_one_killed_contradicts_only_the_latest_toll(fresh_db):
    """Three earlier tolls of one raid, three numbers: "no one was killed" is one flag, against
    the latest, not a contradiction per number to dismiss one by one."""
    for n, (day, toll) in enumerate((("10", 4), ("11", 12), ("12", 30))):
        article(fresh_db, f"toll{n}", f"2011-11-{day}", "BOMBS HIT HILLTOP REFUGEE CAMP",
                (f"A county commissioner said {toll} people had been killed in the raid on the Hilltop refugee camp.",
                 "commissioner", [(str(toll), toll, "people killed", None)]))
    new = article(fresh_db, "aid", "2011-11-13", "AID GROUP SAYS HILLTOP CAMP BOMBING CAUSED NO DEATHS",
                  ("An aid group in the Hilltop refugee camp said no one was killed in the raid.", "aid group", []))
    link_new_claims(fresh_db, new)
    (link,) = [l for l in changed(fresh_db) if l.claim_id == new[0]]
    assert (link.relation, link.old_value, link.new_value) == ("contradiction", 30, 0)
    assert storage.get_claim(fresh_db, link.other_id).article_external_id == "toll2"
