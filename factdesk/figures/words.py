"""Provides the word tables that `factdesk.figures` reads: number words, scales, units, hedges.

Only data lives here, as plain dicts, sets and tuples, so that adding a currency or a hedge
is a one-line change that needs no knowledge of the scanner. Nothing here is language-aware
beyond English newsroom usage (Reuters "mln dlrs", AFP "kilometres", British "£1bn").
"""

from __future__ import annotations

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
"""Number words below twenty."""

TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}

MULTIPLIERS = {"hundred": 100, "dozen": 12}
"""Scales that multiply the count before them but can be followed by more ("hundred and twenty")."""

BIG = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "millions": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9,
    "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}
"""Scales that close a group. "m", "k" and "b" count only glued to digits ("3.2m")."""

GLUED_ONLY = {"m", "k", "b"}

VAGUE_PLURALS = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (100, 999),
    "thousands": (1e3, 9999), "millions": (1e6, 9999999), "billions": (1e9, 9999999999),
}
"""Plural scales as vague amounts: each runs up to where the next one starts."""

VAGUE_COUNTS = {"several": (3, 9), "a few": (2, 9), "a handful of": (2, 9), "a couple of": (2, 2)}
"""Vague counts, alone ("several people") or before a scale ("several hundred")."""

HEDGES = tuple(sorted((
    "nearly", "almost", "at least", "about", "around", "some", "up to", "more than", "over",
    "fewer than", "less than", "roughly", "an estimated", "estimated", "approximately",
    "as many as", "as much as", "as high as", "as few as", "as little as", "close to",
    "just over", "just under", "well over", "well under", "just", "under", "upwards of",
    "in excess of", "no fewer than", "no less than", "no more than", "not more than",
    "at most", "perhaps", "possibly", "maybe", "circa", "approx", "an additional",
    "slightly more than", "slightly less than", "just more than", "just less than",
    "a little over", "a little under", "little more than", "more or less", "only",
), key=lambda h: -len(h.split())))
"""Hedges as written before a number, longest first so "just over" wins over "over"."""

SUFFIX_HEDGES = {("or", "more"): "or more", ("or", "so"): "or so", ("or", "fewer"): "or fewer"}

CURRENCY_SYMBOLS = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "C$": "CAD",
    "A$": "AUD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "₹": "INR", "₽": "RUB",
}

CURRENCY_WORDS = (
    (r"(?:U\.\s?S\.|US|American)\s+(?:dlrs?|dollars?)", "USD"),
    (r"Canadian\s+(?:dlrs?|dollars?)", "CAD"),
    (r"Australian\s+(?:dlrs?|dollars?)", "AUD"),
    (r"New\s+Zealand\s+(?:dlrs?|dollars?)", "NZD"),
    (r"Hong\s+Kong\s+(?:dlrs?|dollars?)", "HKD"),
    (r"Singapore\s+(?:dlrs?|dollars?)", "SGD"),
    (r"Taiwan\s+(?:dlrs?|dollars?)", "TWD"),
    (r"dlrs?|dollars?", "USD"),
    (r"(?:pounds\s+)?sterling|stg|pounds?", "GBP"),
    (r"(?:Swiss\s+)francs?|sfr", "CHF"),
    (r"(?:French\s+)francs?|ffr", "FRF"),
    (r"(?:Belgian\s+)francs?", "BEF"),
    (r"francs?", "francs"),
    (r"(?:(?:West\s+)?German\s+|deutsche\s+|d-)?marks?|dm", "DEM"),
    (r"guilders?", "NLG"), (r"lire|lira", "ITL"), (r"yen", "JPY"), (r"euros?", "EUR"),
    (r"yuan|renminbi", "CNY"), (r"rupees?", "INR"), (r"r[ou]bles?", "RUB"),
    (r"riyals?", "SAR"), (r"pesos?", "pesos"), (r"pence", "pence"), (r"cents?|cts", "cents"),
)
"""Currency words after a number, as (regex, unit); specific before generic."""

PERCENT = r"%|per[ -]?cent|pct|pc"

MEASURES = (
    (r"sq(?:uare)?\.?\s+(?:km|kilomet(?:re|er)s?)", "km2"),
    (r"sq(?:uare)?\.?\s+miles?", "sq miles"),
    (r"km/h|kph|kilomet(?:re|er)s\s+(?:per|an)\s+hour", "km/h"), (r"mph", "mph"),
    (r"kms?|kilomet(?:re|er)s?", "km"), (r"miles?", "miles"),
    (r"met(?:re|er)s?", "m"), (r"cm|centimet(?:re|er)s?", "cm"), (r"mm|millimet(?:re|er)s?", "mm"),
    (r"ft|feet|foot", "ft"), (r"inch(?:es)?", "inches"), (r"yards?", "yards"),
    (r"kg|kilo(?:gram(?:me)?)?s?", "kg"), (r"tonnes?|tons?", "tonnes"), (r"lbs?", "lb"),
    (r"ounces?|oz", "oz"), (r"bpd|barrels\s+(?:per|a)\s+day", "bpd"), (r"barrels?", "barrels"),
    (r"hectares?", "ha"), (r"acres?", "acres"), (r"litres?|liters?", "litres"),
    (r"gallons?", "gallons"), (r"degrees?", "degrees"), (r"percentage\s+points?", "points"),
)
"""Units of measure after a number, as (regex, unit)."""

METRE_CONTEXT = {
    "high", "tall", "deep", "long", "wide", "away", "above", "below", "underground",
    "offshore", "inland", "drop", "fall", "depth", "height", "altitude", "thick", "off",
    "fell", "plunged", "plummeted", "falling", "climbed",
}
"""Words next to "m" that make it metres rather than million ("a 150 m fall")."""

TIME_ZONES = r"GMT|BST|UTC|EST|EDT|CET|CEST|PST|PDT|IST|JST|hrs|local\s+time"

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
}

ID_WORDS = {
    "no", "number", "nos", "flight", "resolution", "article", "route", "highway", "page",
    "room", "chapter", "section", "clause", "paragraph", "platform", "gate", "version",
    "category", "phase", "stage", "level", "channel", "item", "rule", "lot", "pp", "p",
    "vol", "volume", "act", "amendment", "bill", "case", "code", "ref", "tel", "fax",
    "phone", "box", "suite", "apartment", "apt", "block", "row", "seat", "terminal",
}
"""Words before a number that make it a label, not a quantity ("Flight 103", "Resolution 2085")."""

ONE_DETERMINERS = {
    "the", "this", "that", "no", "any", "every", "each", "which", "another", "someone",
    "anyone", "everyone", "which", "one", "a", "an", "but",
}
"""Words before "one" that make it a pronoun ("the one who", "no one", "all but one")."""

ONE_IDIOMS = {"day", "time", "way", "side", "hand", "another", "thing", "point", "by", "after"}

STOP = set("""
the a an this that these those its their his her our my your them they it he she we you i who
whom which what where when why how whose there here of in on at by for from to with without into
onto over under after before since during until through across against among around about near
off per than as like between within toward towards behind beyond despite along amid amidst
inside outside ago upon via and or but nor so yet if because while although though whether
is are was were be been being am has have had do does did will would shall should can could
may might must not no still now also only just even already then today yesterday tomorrow
last next each every all both most less least very too later earlier again ever never almost
nearly some many few said says say told tell according reportedly estimated feared believed
thought confirmed presumed reported left take took takes remain remains remained seem seems
seemed appear appears appeared out up down away back went came gave got made stood fell rose
began ran met won vs v need needs face faces want wants own owns hold holds
""".split())
"""Words that end the noun phrase after a number."""

DROP = {"top", "senior", "other", "more", "additional", "further", "extra", "remaining",
        "new", "another"}
"""Adjectives dropped from `what` so "two top Islamist leaders" counts "Islamist leaders"."""

OUTCOMES = {
    "killed": "killed", "dead": "dead", "died": "dead", "wounded": "wounded",
    "injured": "injured", "hurt": "hurt", "missing": "missing", "arrested": "arrested",
    "detained": "detained", "trapped": "trapped", "deployed": "deployed", "rescued": "rescued",
    "homeless": "homeless", "displaced": "displaced", "evacuated": "evacuated",
    "freed": "freed", "released": "released", "captured": "captured", "kidnapped": "kidnapped",
    "abducted": "abducted", "held": "held", "stranded": "stranded", "drowned": "drowned",
    "executed": "executed", "jailed": "jailed", "hospitalised": "hospitalised",
    "hospitalized": "hospitalized", "infected": "infected", "aboard": "aboard",
    "unaccounted": "unaccounted for", "perished": "dead", "sacked": "sacked", "laid": "laid off", "fired": "fired",
}
"""Outcome words after a count ("26 people were killed"), normalised."""

OUTCOME_VERBS = {
    "killed": "killed", "kill": "killed", "kills": "killed", "killing": "killed",
    "wounded": "wounded", "wounds": "wounded", "wounding": "wounded",
    "injured": "injured", "injures": "injured", "injuring": "injured", "hurt": "hurt",
    "arrested": "arrested", "arrests": "arrested", "arresting": "arrested",
    "detained": "detained", "detaining": "detained", "rescued": "rescued",
    "rescuing": "rescued", "evacuated": "evacuated", "evacuating": "evacuated",
    "freed": "freed", "freeing": "freed", "released": "released", "releasing": "released",
    "captured": "captured", "capturing": "captured", "kidnapped": "kidnapped",
    "abducted": "abducted", "executed": "executed", "deployed": "deployed",
    "deploying": "deployed", "displaced": "displaced", "drowned": "drowned",
    "sacked": "sacked", "fired": "fired", "jailed": "jailed",
}
"""Verbs that take the count as object ("killed at least six people"), as participles."""

NOMINALS = {
    "arrest": "arrested", "arrests": "arrested", "release": "released", "death": "dead",
    "deaths": "dead", "killing": "killed", "killings": "killed", "evacuation": "evacuated",
    "rescue": "rescued", "capture": "captured", "detention": "detained",
    "deployment": "deployed", "kidnapping": "kidnapped", "abduction": "abducted",
    "execution": "executed", "executions": "executed",
}
"""Nouns that take the count after "of" ("the arrest of two leaders")."""

AUX = {
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "could", "may", "might", "must", "should", "still", "now", "reportedly", "reported",
    "confirmed", "feared", "believed", "thought", "estimated", "presumed", "said", "to",
    "left", "already", "also", "all", "later", "officially", "then",
}
"""Words allowed between a count and its outcome ("had been", "are feared", "left")."""

NOISE_NOUNS = {"total", "number", "figure", "sum", "amount", "maximum", "minimum", "average",
               "tally", "estimate", "one", "some", "all", "each", "most", "any", "none"}
"""Nouns before "of NUMBER" that say nothing about what is counted ("a total of 56 pct")."""

DEATH_VERBS = {"dies", "died", "dead", "die", "dying", "retired", "retires"}
"""Verbs before "at N" that make N an age ("dies at 95")."""

DURATIONS = {"seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades",
             "second", "minute", "hour", "day", "week", "month", "year", "decade"}
"""Time spans: "drowned seven weeks ago" does not make the weeks drowned."""

IRREGULAR_PLURALS = {"person": "people", "man": "men", "woman": "women", "child": "children",
                     "foot": "feet", "mouse": "mice", "policeman": "policemen"}

PLURALS_WITHOUT_S = {"people", "men", "women", "children", "police", "personnel", "staff", "crew",
                     "cattle", "sheep", "fish", "aircraft", "livestock", "infantry", "data",
                     "media", "deer", "feet", "teeth", "geese", "mice", "offspring", "clergy",
                     "militia", "head", "youth", "public", "gentry", "poultry", "swine"}
"""Plural nouns without a final "s", so a lone lower-case word after a count can be told from a verb."""
