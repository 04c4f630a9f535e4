"""Figures: numbers with units, scale, qualifier, period and metric.

Two passes. The surface pass scans the document text once with precompiled patterns: numerals
(`numbers.find_numerals`) and, around each, a currency symbol or code, a qualifier ("about",
"more than"), a unit ("percent", "billion yuan", "-mile"), a range or a "from … to" pair. The
parse pass reads spaCy's dependency tree, already computed, to tell what the figure measures
(metric), when (period), about whom (about), and whether it is a level, a change, a share or a
multiplier. Bare numbers become figures only when they count something ("2,000 troops") or are
what a measuring verb reports ("the toll rose to 300"); years, ordinals, designations ("Su-35",
"Model 3"), phone numbers and the like are left out.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ..gazetteer import gazetteer
from ..nlp import ParsedDocument
from ..records import Figure, Mention, TimeExpression, stable_id
from ..units import TIMELESS_UNITS
from .numbers import Numeral, compile_wrapped, find_numerals
from .quotes import SPEECH_LEMMAS
from .reftime import (
    END_PREPOSITIONS,
    PUBLISHED_PREFIX,
    NarrativeTime,
    ReferenceTime,
    hypothetical,
    lede_time,
    narrative_tense,
    publication_time,
    tense,
)

logger = logging.getLogger(__name__)

# --- units ----------------------------------------------------------------------------------

CURRENCY_SYMBOLS = {
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "₩": "KRW", "₿": "BTC",
    "₺": "TRY", "₴": "UAH", "₡": "CRC", "₾": "GEL", "₭": "LAK", "₦": "NGN", "₱": "PHP", "₪": "ILS",
    "元": "CNY", "฿": "THB",
}
DOLLAR_PREFIXES = {
    "us": "USD", "u.s.": "USD", "u.s": "USD", "usd": "USD", "c": "CAD", "ca": "CAD", "can": "CAD",
    "cad": "CAD", "a": "AUD", "au": "AUD", "aud": "AUD", "hk": "HKD", "hkd": "HKD", "nz": "NZD",
    "nzd": "NZD", "s": "SGD", "sg": "SGD", "sgd": "SGD", "nt": "TWD", "r": "BRL", "mex": "MXN",
    "mx": "MXN", "mxn": "MXN",
}
ISO_CODES = {
    "USD", "EUR", "GBP", "JPY", "CNY", "RUB", "INR", "CHF", "CAD", "AUD", "HKD", "NZD", "MXN",
    "SGD", "KRW", "SEK", "NOK", "DKK", "BRL", "ZAR", "UAH", "PLN", "SAR", "AED", "TRY", "BTC",
    "TWD", "ILS", "IRR", "KZT",
}
CODE_ALIASES = {"RMB": "CNY", "RS": "INR", "RS.": "INR"}  # keys are upper-cased matches
# Lower-case codes that are not also English words (unlike "try", "cad", "all").
LOWERCASE_CODES = {"usd", "eur", "gbp", "jpy", "cny", "rmb", "rub", "inr", "chf", "btc", "hkd", "nzd", "mxn"}
CURRENCY_NOUNS = {
    "dollar": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rmb": "CNY", "kuai": "CNY", "ruble": "RUB", "rouble": "RUB", "rupee": "INR",
    "franc": "CHF", "peso": "MXN", "lira": "TRY", "lire": "ITL", "won": "KRW", "real": "BRL",
    "reais": "BRL", "rand": "ZAR", "riyal": "SAR", "dirham": "AED", "shekel": "ILS", "zloty": "PLN",
    "krona": "SEK", "kronor": "SEK", "krone": "NOK", "kroner": "NOK", "hryvnia": "UAH",
    "guilder": "NLG", "peseta": "ESP", "markka": "FIM", "mark": "DEM", "bitcoin": "BTC",
    "tenge": "KZT", "rial": "IRR", "lari": "GEL", "dlr": "USD", "stg": "GBP",
}
CURRENCY_NOUN_ALIASES = {"dlr": "dollar", "stg": "pound"}  # wire-service style: "5 mln dlrs"
# Words that are currencies only with a nationality or a scale in front ("5 real problems").
AMBIGUOUS_CURRENCY_NOUNS = {"real", "mark", "won", "rand", "pound"}
CURRENCY_ADJECTIVES = {
    ("canadian", "dollar"): "CAD", ("australian", "dollar"): "AUD", ("hong kong", "dollar"): "HKD",
    ("new zealand", "dollar"): "NZD", ("singapore", "dollar"): "SGD", ("taiwan", "dollar"): "TWD",
    ("taiwanese", "dollar"): "TWD", ("argentine", "peso"): "ARS", ("philippine", "peso"): "PHP",
    ("chilean", "peso"): "CLP", ("colombian", "peso"): "COP", ("french", "franc"): "FRF",
    ("belgian", "franc"): "BEF", ("egyptian", "pound"): "EGP", ("pakistani", "rupee"): "PKR",
    ("sri lankan", "rupee"): "LKR", ("italian", "lira"): "ITL", ("north korean", "won"): "KPW",
    ("danish", "krone"): "DKK",
}
CURRENCY_NATIONALITIES = (
    "us", "u.s.", "american", "canadian", "australian", "hong kong", "new zealand", "singapore",
    "taiwan", "taiwanese", "mexican", "argentine", "philippine", "chilean", "colombian", "swiss",
    "french", "belgian", "british", "egyptian", "japanese", "chinese", "russian", "indian",
    "pakistani", "sri lankan", "turkish", "italian", "dutch", "finnish", "south korean",
    "north korean", "korean", "brazilian", "south african", "saudi", "iranian", "swedish",
    "norwegian", "danish", "ukrainian", "kazakh", "spanish", "german", "deutsche",
)
SUBUNITS = {
    "cent": ("USD", 0.01), "pence": ("GBP", 0.01), "penny": ("GBP", 0.01),
    "pennies": ("GBP", 0.01), "kopeck": ("RUB", 0.01), "kopek": ("RUB", 0.01),
    "satoshi": ("BTC", 1e-8), "ct": ("USD", 0.01), "cts": ("USD", 0.01),
}
DIMENSIONS = [
    (r"square[ \t]+kilomet(?:re|er)s?|sq\.?[ \t]*km|km2|km²", "km2"),
    (r"square[ \t]+miles?|sq\.?[ \t]*mi(?:les?)?", "mi2"),
    (r"square[ \t]+met(?:re|er)s?|m2|m²", "m2"),
    (r"cubic[ \t]+met(?:re|er)s?|m3|m³", "m3"),
    (r"bcm", "bcm"),
    (r"cubic[ \t]+f(?:ee|oo)t", "ft3"),
    (r"nautical[ \t]+miles?", "nautical_mile"),
    (r"miles?|mi", "mile"),
    (r"kilomet(?:re|er)s?|kms?", "km"),
    (r"centimet(?:re|er)s?|cm", "cm"),
    (r"millimet(?:re|er)s?", "mm"),
    (r"nanomet(?:re|er)s?|nm(?=\b)", "nm"),  # chip process nodes: "7 nanometres", "7nm"
    (r"met(?:re|er)s?", "m"),
    (r"feet|foot|ft", "ft"),
    (r"inch(?:es)?", "in"),
    (r"metric[ \t]+ton(?:ne)?s?|tonnes?", "tonne"),
    (r"tons?", "ton"),
    (r"kilogram(?:me)?s?|kgs?", "kg"),
    (r"lbs?|pounds?", "lb"),  # reached only when "pounds" is not money
    (r"ounces?|oz", "oz"),
    (r"barrels?|bbls?", "barrel"),
    (r"gallons?", "gallon"),
    (r"lit(?:re|er)s?", "litre"),
    (r"acres?", "acre"),
    (r"hectares?", "hectare"),
]
DIMENSION_CODES = {code for _, code in DIMENSIONS} - {"bcm"}
# oil output is a rate: "barrels a day", "barrels per day", "b/d", "bpd"
_PER_DAY = re.compile(r"(?:-(?:a|per)-day|[ \t]+(?:a|per|each)[ \t]+day|[ \t]*/[ \t]*d(?:ay)?)\b", re.I)
_BARRELS_AFTER = re.compile(r"[ \t]+(?:barrels?|bbls?)\b", re.I)  # "9.5m barrels": millions
_BARRELS_PER_DAY = re.compile(r"[ \t]*(?:bpd|b/d|bbl/d|mb/d)\b", re.I)
CURRENCY_CODES = (
    ISO_CODES | set(CURRENCY_NOUNS.values()) | set(CURRENCY_SYMBOLS.values())
    | set(DOLLAR_PREFIXES.values()) | set(CURRENCY_ADJECTIVES.values())
)

TROOP_NOUNS = {
    "troop", "soldier", "serviceman", "servicemen", "personnel", "marine", "paratrooper", "sailor",
    "airman", "reservist", "conscript", "mercenary", "fighter", "serviceperson", "peacekeeper",
}
PEOPLE_NOUNS = {
    "people", "person", "civilian", "resident", "refugee", "citizen", "migrant", "individual",
    "worker", "employee", "child", "adult", "man", "woman", "men", "women", "student", "voter",
    "tourist", "passenger", "casualty", "prisoner", "hostage", "victim", "inhabitant", "visitor",
    "protester", "patient", "death", "evacuee", "immigrant", "staff", "crew", "crewman", "crewmen",
    "crewmember", "seafarer", "mariner", "journalist", "doctor", "nurse", "teacher", "official",
    "diplomat", "farmer", "miner", "pilgrim", "survivor", "analyst", "expert", "economist", "lawmaker",
    "legislator", "delegate", "trader", "executive", "engineer", "scientist", "researcher",
    "inmate", "detainee", "demonstrator", "spectator", "customer", "shopper",
}
# "25,000 armed men": people described as armed are troops
ARMED_ADJECTIVES = {"armed", "uniformed"}
TIME_NOUNS = {
    "year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "quarter",
    "night", "weekend", "season", "semester", "term", "millennium", "fortnight", "yr", "mth",
    "qtr", "wk", "hr", "min",  # wire-service abbreviations ("Nine mths")
}
# Counting the story's own actors ("the two nations", "two major powers") is reference, not data.
ACTOR_NOUNS = {
    "country", "nation", "power", "side", "state", "leader", "president", "government", "partner",
    "neighbor", "neighbour", "rival", "ally", "giant", "superpower", "capital", "society",
    "economy", "party", "man", "people", "military", "army", "administration", "regime", "camp",
}
# Words after which a bare number names a thing rather than counts it ("Article 5", "top ten").
DESIGNATORS = {
    "article", "section", "chapter", "paragraph", "page", "p.", "pp.", "resolution", "model",
    "type", "version", "phase", "stage", "flight", "route", "room", "exit", "highway", "level",
    "grade", "class", "tier", "episode", "season", "volume", "vol.", "issue", "part", "item",
    "line", "row", "figure", "fig.", "table", "step", "no.", "nr.", "nrs.", "number", "top",
    "unit", "block", "gate", "platform", "terminal", "pier", "lane", "district", "zone", "sector",
    "building", "apartment", "suite", "floor", "act", "scene", "verse", "psalm", "rule", "clause",
    "annex", "appendix", "point", "option", "plan", "program", "programme", "project", "operation",
    "generation", "gen", "series", "mark", "mk", "batch", "squad", "division", "brigade",
    "battalion", "regiment", "corps", "fleet", "army", "group", "team", "channel", "studio",
    "iphone", "windows", "android", "covid", "ios", "boeing", "airbus",
}
CHANGE_VERBS = {
    "rise", "grow", "increase", "jump", "surge", "soar", "climb", "gain", "fall", "drop", "decline",
    "decrease", "shrink", "slump", "plunge", "tumble", "sink", "slide", "dip", "rebound", "expand",
    "contract", "cut", "reduce", "boost", "raise", "lower", "slash", "widen", "narrow", "spike",
    "rocket", "skyrocket", "leap", "advance", "add", "lose", "shed", "swell", "balloon", "escalate",
    "explode", "accelerate", "slow", "retreat", "recover", "edge", "inch", "tick", "plummet",
    "crash", "collapse", "fluctuate", "double", "triple",
}
CHANGE_NOUNS = {
    "increase", "rise", "growth", "jump", "surge", "gain", "drop", "decline", "fall", "decrease",
    "reduction", "cut", "expansion", "contraction", "boost", "hike", "slump", "plunge", "uptick",
    "downturn", "spike", "leap", "upswing", "downswing", "rebound", "climb", "dip", "loss",
    "improvement", "deterioration", "change", "swing",
}
# Verbs whose object or complement is the value of their subject ("trade reached $240 billion").
MEASURE_VERBS = CHANGE_VERBS | {
    "reach", "total", "number", "stand", "hit", "top", "exceed", "surpass", "amount", "come",
    "be", "remain", "stay", "average", "approach", "near", "equal", "account", "represent",
    "make", "constitute", "comprise", "put", "estimate", "value", "peg", "set", "record",
}
# "X accounted for 38 percent of its trade": the part is the subject, the whole is someone else's.
PART_WHOLE_VERBS = {"account", "make", "represent", "constitute", "comprise", "form"}
SHARE_NOUNS = {"share", "proportion", "portion", "percentage", "fraction", "part"}
GENERIC_NOUNS = {"good", "product", "item", "merchandise", "ware", "commodity", "equipment"}
TRADE_VERB_NOUNS = {
    "export": "exports", "import": "imports", "sell": "sales", "buy": "purchases",
    "purchase": "purchases", "ship": "shipments", "supply": "supplies", "deliver": "deliveries",
}
MULTIPLIER_VERBS = {
    "double": 2.0, "triple": 3.0, "treble": 3.0, "quadruple": 4.0, "quintuple": 5.0,
    "sextuple": 6.0, "halve": 0.5,
}
PERIOD_PREPOSITIONS = {"before", "after", "prior", "until", "till", "following", "preceding"}
BASE_PREPOSITIONS = {"from", "since", "than", "versus", "vs", "vs."}
METRIC_PREPOSITIONS = {"of", "between", "in", "with", "to", "from", "among", "on", "for", "into", "across"}
POSSESSOR_KINDS = {
    "its": ("GPE", "ORG", "NORP", "LOC"), "his": ("PERSON",), "her": ("PERSON",),
    "country": ("GPE",), "nation": ("GPE",),
}
POSSESSIVE_PRONOUNS = {"its", "his", "her", "their", "our", "my", "your"}
# "the two sides", "these 20 restaurants": a number that refers back rather than reports.
# an amount that is itself an argument of its verb ("bought $72 billion of loans"), not the
# object of a noun's preposition ("exports of 2 million barrels of crude": exports are measured)
DIRECT_DEPS = {"dobj", "nsubj", "nsubjpass", "attr", "appos", "conj", "ROOT"}
# nouns whose plural is the singular: "171 aircraft", "six crew" are counts like "171 jets"
INVARIANT_PLURALS = {"personnel", "staff", "people", "aircraft", "spacecraft", "crew", "cattle", "sheep",
                     "fish", "livestock", "police"}
REFERRING_DETERMINERS = {"the", "these", "those", "both", "all", "each", "every", "such"}
# Nouns that stand for the figure itself ("the $200 billion mark"): the metric is further up.
LEVEL_NOUNS = {
    "mark", "level", "threshold", "figure", "target", "goal", "milestone", "total", "record",
    "high", "low", "sum", "amount",
}
PRONOUNS = {"it", "they", "this", "that", "these", "those", "which", "he", "she", "we", "them"}
NAME_LABELS = {
    "PERSON", "ORG", "PRODUCT", "FAC", "WORK_OF_ART", "LAW", "EVENT", "GPE", "NORP", "LOC",
    "LANGUAGE",
}
DATE_LABELS = {"DATE", "TIME"}
# Dependency labels: a number modifying a noun; what a metric phrase keeps and leaves out; and
# the links from a clause up to the clause it belongs to.
MODIFIER_DEPS = {"nummod", "compound", "amod", "quantmod", "nmod", "npadvmod"}
PHRASE_DEPS = {
    "det", "poss", "amod", "compound", "nmod", "nummod", "case", "quantmod", "cc", "conj",
    "npadvmod", "hmod", "punct", "advmod", "predet", "prt", "pobj",
}
CLAUSE_DEPS = {
    "relcl", "acl", "appos", "advcl", "ccomp", "parataxis", "punct", "mark", "dep", "nsubj", "aux",
    "neg", "advmod",
}
AUX_HEAD_DEPS = {"ROOT", "conj", "ccomp", "advcl", "relcl"}  # a copula that heads its clause
CLAUSE_LINKS = {"advcl", "xcomp", "conj", "relcl", "acl", "ccomp", "pcomp"}

QUALIFIERS = [
    (r"about|approximately|approx\.?|around|roughly|some|an[ \t]+estimated|estimated|circa|ca\.", "about"),
    (r"nearly|almost|close[ \t]+to|just[ \t]+(?:under|below|shy[ \t]+of)|not[ \t]+quite", "nearly"),
    (r"more[ \t]+than|over|above|exceeding|upwards[ \t]+of|in[ \t]+excess[ \t]+of|just[ \t]+over"
     r"|well[ \t]+over|well[ \t]+above|beyond", "over"),
    (r"less[ \t]+than|fewer[ \t]+than|under|below", "under"),
    (r"at[ \t]+least|no[ \t]+(?:less|fewer)[ \t]+than|a[ \t]+minimum[ \t]+of|a[ \t]+record", "at_least"),
    (r"up[ \t]+to|as[ \t]+(?:much|many|high)[ \t]+as|at[ \t]+most|no[ \t]+more[ \t]+than"
     r"|a[ \t]+maximum[ \t]+of", "up_to"),
]

# --- surface patterns -----------------------------------------------------------------------


def _alternation(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_QUALIFIER_RES = [(compile_wrapped(rf"(?<![\w])(?:{p})[ \t]+$", re.I), name) for p, name in QUALIFIERS]
_SYMBOLS = "".join(re.escape(s) for s in CURRENCY_SYMBOLS if s != "$")
_CURRENCY_PREFIX = compile_wrapped(
    rf"""(?:
        (?<![A-Za-z])(?P<dollar_prefix>
            (?i:us|u\.s\.?|usd|hk|hkd|nz|nzd|nt|mex|mx|mxn|aud|cad|sgd|c)[ \t]?
          | (?:A|AU|S|SG|R|CA|CAN)  # one capital letter only when glued: "a $5 bill" is no AUD
        )\$
      | (?P<dollar>\$)
      | (?P<symbol>[{_SYMBOLS}])
      | (?<![A-Za-z])(?P<code>{_alternation(ISO_CODES | {"RMB"})}|Rs\.?|(?:{_alternation(LOWERCASE_CODES)}))
    )[ \t\u00a0]?$""",
    re.VERBOSE,
)
_NATIONALITIES = _alternation(
    a.replace(" ", r"[ \t]+").replace(".", r"\.") for a in CURRENCY_NATIONALITIES
)
_NOUN_FORMS = _alternation(
    [f"{noun}(?:e?s)?" for noun in CURRENCY_NOUNS] + [r"pounds[ \t]+sterling", r"deutsche[ \t]+marks?"]
)
_CURRENCY_SUFFIX = compile_wrapped(
    rf"""[ \t]*(?:-[ \t]*)?
    (?:(?P<adj>{_NATIONALITIES})[ \t]+)?
    (?P<noun>{_NOUN_FORMS})(?![\w])""",
    re.I | re.VERBOSE,
)
_SUBUNIT_SUFFIX = compile_wrapped(
    r"[ \t]*(?:-[ \t]*)?(?P<noun>cents?|cts?|pence|penny|pennies|kopecks?|kopeks?|satoshis?)(?![\w])", re.I
)
_CODE_SUFFIX = compile_wrapped(
    rf"[ \t]?(?P<code>{_alternation(ISO_CODES | {'RMB'})}|(?i:{_alternation(LOWERCASE_CODES)}))(?![\w])"
)
_SYMBOL_SUFFIX = compile_wrapped(rf"[ \t]?(?P<symbol>[{_SYMBOLS}]|\$(?![ \t]?\d))")
_CENTS_AFTER = compile_wrapped(
    r"(?:[ \t]+and)?[ \t]+(?P<n>\d{1,2}|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[ \t-]+\w+)?|\w+teen|ten|eleven|twelve|one|two|three|four|five|six|seven|eight|nine))"
    r"[ \t]+(?:cents?|pence)(?![\w])",
    re.I,
)
_PERCENTAGE_POINTS = compile_wrapped(
    r"[ \t]*(?:-[ \t]*)?(?:percentage[ \t-]+points?|percent(?:age)?[ \t]+points?|pp|ppts?|p\.p\.)(?![\w])",
    re.I,
)
_BASIS_POINTS = compile_wrapped(r"[ \t]*(?:-[ \t]*)?(?:basis[ \t-]+points?|bps|bp)(?![\w])", re.I)
_PERCENT = compile_wrapped(r"[ \t]?%|[ \t]*(?:-[ \t]*)?(?:per[ \t]?cents?|percent(?:age)?s?|pct|pc)(?![\w])", re.I)
_DIMENSION = compile_wrapped(
    r"(?P<space>[ \t]*(?:-[ \t]*)?)(?:"
    + "|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _) in enumerate(DIMENSIONS))
    + r")(?![\w])",
    re.I,
)
_ATTACHED_UNIT = compile_wrapped(r"(?P<unit>m|t)(?![\w])")  # "48m", "100t": letters only when attached
_SPEED = compile_wrapped(r"[ \t]*(?:an?|per)[ \t]+hour|[ \t]*/[ \t]*h(?:r|our)?\b|ph\b|[ \t]*per[ \t]+second", re.I)
_FOLD = compile_wrapped(r"[ \t]*-?[ \t]*fold(?![\w])", re.I)
_FOLD_WORD = compile_wrapped(
    r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)fold\b", re.I
)
_MULTIPLE_WORD = compile_wrapped(
    r"\b(?P<w>double|twice|triple|treble|quadruple)\b"
    r"(?=[ \t]+(?:the|that|this|its|their|his|her|what)\b|[ \t]+as[ \t]+\w+[ \t]+as\b)", re.I
)
_MULTIPLE_VALUES = {"double": 2, "twice": 2, "triple": 3, "treble": 3, "quadruple": 4}
_FOLD_VALUES = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twenty": 20, "hundred": 100, "thousand": 1000,
}
_TIMES = compile_wrapped(r"[ \t]+times(?![\w])", re.I)
_COMPARATIVE_AFTER = compile_wrapped(
    r"[ \t]+(?:more|less|larger|bigger|higher|greater|smaller|lower|faster|slower|longer|"
    r"as|that|the|this|its|their|his|her|what|over)\b",
    re.I,
)
_CHANGE_AFTER = compile_wrapped(
    r"[ \t]+(?:more|less|higher|lower|up|down|above|below|bigger|smaller|larger|greater)[ \t]+"
    r"(?:than|from|on|over|compared)\b",
    re.I,
)
_CHANGE_BEFORE = compile_wrapped(
    r"(?<![\w])(?:up|down|plus|minus|by)[ \t]+"
    r"(?:(?:about|nearly|almost|some|around|over|more[ \t]+than|roughly)[ \t]+)?$",
    re.I,
)
_SHARE_AFTER = compile_wrapped(r"[ \t]+of[ \t]+(?!\d)", re.I)
_RANGE = compile_wrapped(r"[ \t]*(?:-|–|—|to|and)[ \t]*", re.I)
_BY_BEFORE = compile_wrapped(r"(?<![\w])by[ \t]+(?:(?:about|nearly|almost|roughly|around|over|(?:more|less)[ \t]+than"
                             r"|at[ \t]+least|up[ \t]+to)[ \t]+)?$", re.I)
_WORD_BEFORE_HYPHEN = re.compile(r"[A-Za-z]\w*$")
_WORD_AFTER = compile_wrapped(r"[ \t]*[A-Za-z]")
_FROM_AFTER = compile_wrapped(r"[ \t]+from[ \t]+", re.I)
_PERIOD_WORDS = {"year", "month", "quarter", "week", "day"}
_ON_SAME_PERIOD = re.compile(r"(year|month|quarter|week|day)[- ]on[- ]\1\b", re.I)
# a bare base of comparison follows one of these ("fewer than the 635.6 billion of 2021")
_COMPARED_BEFORE = re.compile(r"\b(?:than|from|versus|vs\.?|compared\s+(?:with|to))\s+(?:the\s+)?$", re.I)
# After a bare base number: punctuation or a word that cannot be its unit ("from 15 in 1986").
_SAFE_AFTER_BASE = compile_wrapped(
    r"[ \t]*(?:[^\w\s]|$|(?:in|on|at|a|an|the|and|but|or|last|previously|earlier|a|over|during)\b)", re.I
)
_FROM_BEFORE = compile_wrapped(r"(?<![\w])from[ \t]+(?:\S+[ \t]+)?$", re.I)
_BETWEEN_BEFORE = compile_wrapped(r"(?<![\w])between[ \t]+(?:\S+[ \t]+)?$", re.I)
_PERCENT_OF_BEFORE = compile_wrapped(r"(?<![\w])(?:per[ \t]?cents?|percents?)[ \t]+of[ \t]+$", re.I)
_NUMBER_BEFORE = compile_wrapped(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|[a-z]+ty))[ \t]*$", re.I
)
_ORDINAL_BEFORE = compile_wrapped(
    r"\b(?:the|first|second|third|fourth|fifth|last|latter|former|next|\d+(?:st|nd|rd|th))[ \t]+$", re.I
)
# spaCy also calls "between 10 and 15 percent" a DATE: trust the label only with a date word in it.
_DATE_LIKE = re.compile(
    r"\b(?:1\d{3}|20\d{2}|\d{2,4}s|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|"
    r"sat|sun|year|month|week|day|decade|centur|quarter|spring|summer|autumn|fall|winter|night|"
    r"morning|evening|today|yesterday|tomorrow|ago|era|age|period|season|term|hour|minute)",
    re.I,
)
_URL_LIKE = compile_wrapped(r"://|www\.|@|%[0-9A-Fa-f]{2}|[?&=]|\.(?:com|org|net|html?)\b")
_LETTERS_BEFORE = compile_wrapped(r"([A-Za-z]+)$")
_DIGIT_CHAIN = compile_wrapped(r"\d+(?:[-–/.:]\d+){2,}")
_YEAR = compile_wrapped(r"^(?:1[0-9]|20)\d\d$")
_PLAIN_YEAR_DATE = compile_wrapped(r"^(?:(?:in|during|of|for|by)\s+)?(?:the\s+(?:year\s+)?)?(\d{4})$", re.I)


# --- records used while extracting ----------------------------------------------------------


@dataclass
class _Candidate:
    """A figure found on the surface, before the parse pass."""

    start: int  # evidence span (currency symbol … unit word or counted noun)
    end: int
    num_start: int  # the numeral itself
    num_end: int
    value: float
    unit: str | None  # None until a counted noun or a measuring verb gives one
    scale: float = 1.0
    qualifier: str | None = None
    kind: str = "level"
    numeral: Numeral | None = None
    fraction: bool = False  # "half", "a third": the value is a share in percent
    share_of: bool = False  # "… percent of X"
    change_hint: bool = False  # "up 5%", "40 percent more than"
    counts_times: bool = False  # "met 40 times": a count of occurrences
    role: str | None = None  # "from" | "to" (a change written as two ends) | "low" | "high" (a range)
    change_from: float | None = None
    change_to: float | None = None
    verb_token: int | None = None  # multiplier verbs ("quadrupled"): the verb's token index


@dataclass
class _Unit:
    unit: str
    end: int
    factor: float = 1.0  # applied to the written value (cents → dollars, basis points → points)
    scale_factor: float = 1.0  # a scale inside the unit ("bcm" = billion cubic metres)


@dataclass
class _Analysis:
    """What the parse says about one candidate."""

    sentence: int
    anchor: Token
    span: Span
    kind: str = "level"
    governor: Token | None = None  # the verb the figure depends on
    metric: str | None = None
    fixed_metric: bool = False  # counted nouns name their own metric
    pronoun_metric: bool = False  # "it grew to …": the metric is in an earlier sentence
    comparison_base: bool = False  # "compared with $190 billion": the metric just stated
    subject_actor: Token | None = None
    period: str | None = None
    period_precision: str | None = None
    period_text: str | None = None
    period_ends: bool = False  # the period was read from "until/through X"
    about: list[str] = field(default_factory=list)
    resolved: list[Mention] = field(default_factory=list)  # actors behind "its", "the country"


@dataclass
class _PeriodOption:
    start: int  # token span of the time expression or "before …" phrase
    end: int
    root: Token
    governor: Token
    period: str | None
    precision: str | None
    text: str
    ends: bool = False  # "until the end of the year": where the period ends, not when it is
    phrase: bool = False  # "before the annexation": a period named by an event, not a date


# --- entry point ----------------------------------------------------------------------------


def extract_figures(
    parsed: ParsedDocument, mentions: list[Mention], times: list[TimeExpression]
) -> list[Figure]:
    """Every figure in the document with unit, scale, qualifier, kind, period, metric and about."""
    try:
        return _Extractor(parsed, mentions, times).run()
    except Exception:  # never take the pipeline down; the failure is logged, not hidden
        logger.exception("figure extraction failed for document %s", parsed.document.id)
        return []


class _Extractor:
    def __init__(self, parsed: ParsedDocument, mentions: list[Mention], times: list[TimeExpression]):
        self.parsed = parsed
        self.doc: Doc = parsed.doc
        self.text: str = parsed.document.text
        self.mentions = sorted(mentions, key=lambda m: (m.evidence.start, m.evidence.end, m.id))
        self.mention_starts = [m.evidence.start for m in self.mentions]
        self.times = sorted(times, key=lambda t: (t.evidence.start, t.evidence.end, t.id))
        self.date_spans = _Spans(
            [(t.evidence.start, t.evidence.end) for t in self.times]
            + [(e.start_char, e.end_char) for e in self.doc.ents
               if e.label_ in DATE_LABELS and _DATE_LIKE.search(e.text)]
        )
        self.name_spans = _Spans(
            [(e.start_char, e.end_char) for e in self.doc.ents if e.label_ in NAME_LABELS]
        )
        self._governors: dict[int, Token] = {}
        self._countries_by_mentions: list[str] | None = None  # most named first
        self._figure_tokens: set[int] = set()
        self._period_spans: dict[int, list[tuple[int, int]]] = {}  # sentence → token spans
        self._undated_starts: set[int] = set()  # ids of "from" candidates dated only by their end

    def run(self) -> list[Figure]:
        candidates = self._surface_candidates() + self._multiplier_verbs()
        candidates.sort(key=lambda c: (c.start, c.end))
        for candidate in candidates:
            span = self.doc.char_span(candidate.num_start, candidate.end, alignment_mode="expand")
            if span is not None:
                self._figure_tokens.update(range(span.start, span.end))
        self._with_unit = [c for c in candidates if c.unit is not None and not c.counts_times]
        self._unit_starts = [c.num_start for c in self._with_unit]
        analysed = []
        self._analysed_candidates: list[_Candidate] = []
        for candidate in candidates:
            analysis = self._analyse(candidate)
            if analysis is not None:
                analysed.append((candidate, analysis))
                self._analysed_candidates.append(candidate)
        self._pair_from_to(analysed)
        self._assign_periods(analysed)
        self._inherit_periods(analysed)
        self._span_changes(analysed)
        _share_pair_metrics(analysed)
        for _, analysis in analysed:
            self._about(analysis)
        _inherit_metrics([analysis for _, analysis in analysed])
        self._undated_starts = {id(c) for c in _undated_starts(analysed)}
        return [self._record(candidate, analysis) for candidate, analysis in analysed]

    def _record(self, candidate: _Candidate, analysis: _Analysis) -> Figure:
        evidence = self.parsed.evidence(candidate.start, candidate.end)
        return Figure(
            id=stable_id("fig", self.parsed.document.id, candidate.start, candidate.end, candidate.unit),
            evidence=evidence,
            value=float(candidate.value),
            unit=candidate.unit or "count",
            surface=evidence.text,
            scale=float(candidate.scale),
            qualifier=candidate.qualifier or _qualifier_after(self.text, candidate.end),
            kind=analysis.kind,
            change_from=candidate.change_from,
            change_to=candidate.change_to,
            period=analysis.period,
            period_precision=analysis.period_precision,
            period_text=analysis.period_text,
            metric=_without_leading_figure(analysis.metric),
            about=tuple(analysis.about),
            hypothetical=hypothetical(analysis.governor),
            role=candidate.role if candidate.role != "from" or id(candidate) in self._undated_starts else None,
        )

    # --- surface pass: numerals and the words around them ---------------------------------

    def _surface_candidates(self) -> list[_Candidate]:
        text = self.text
        numerals = find_numerals(text)
        candidates: list[_Candidate] = []
        covered = 0  # end of the text the last figure took ("3 dollars 50 cents" is one amount)
        for index, numeral in enumerate(numerals):
            if numeral.start < covered or _is_non_figure_numeral(text, numeral):
                continue
            following = numerals[index + 1] if index + 1 < len(numerals) else None
            ratio = _ratio_candidate(text, numeral, following)
            if ratio is not None:  # "one in five cars": a share
                candidates.append(ratio)
                covered = ratio.end
                continue
            candidate = self._candidate(numeral)
            if candidate is None:
                continue
            candidates.append(candidate)
            covered = candidate.end
            following = numerals[index + 1] if index + 1 < len(numerals) else None
            partner = self._range_partner(candidate, following)
            if partner is not None:
                candidates.append(partner)
                covered = partner.end
        return candidates + self._fold_words()

    def _candidate(self, numeral: Numeral) -> _Candidate | None:
        text = self.text
        currency, currency_start = self._currency_prefix(numeral.start)
        qualifier, _ = _qualifier_before(text, currency_start)
        unit = self._unit_after(numeral, currency)
        if unit is None and _PERCENT_OF_BEFORE.search(text, max(0, numeral.start - 16), numeral.start):
            return self._percent_of(numeral, qualifier)
        if unit is None and currency is not None:
            unit = _Unit(currency, numeral.end)
        if unit is None:
            if numeral.abbreviation in ("m", "mm"):
                return None  # "1m" with no money around: a length we cannot read safely
            return self._bare_candidate(numeral, qualifier)
        if text[unit.end:unit.end + 1].isalpha():
            return None  # "5G", "24703L202": letters glued to the unit
        if unit.unit in DIMENSION_CODES and _SPEED.match(text, unit.end):
            return None  # speeds ("188 miles an hour") are out of scope
        value, scale = numeral.value, numeral.scale
        if unit.unit in ("m", "mm") and numeral.abbreviation:
            value, scale = value / numeral.scale, 1.0  # "48m" is metres, not millions
        value *= unit.factor
        if unit.unit in CURRENCY_CODES and unit.factor == 1:
            value, unit = self._with_cents(value, unit)
        value *= unit.scale_factor
        scale *= unit.scale_factor
        candidate = _Candidate(
            start=min(currency_start, numeral.start), end=unit.end, num_start=numeral.start,
            num_end=numeral.end, value=value, unit=unit.unit, scale=scale, qualifier=qualifier,
            kind="multiplier" if unit.unit == "times" else "level", numeral=numeral,
        )
        self._context_hints(candidate)
        return candidate

    def _currency_prefix(self, start: int) -> tuple[str | None, int]:
        """The currency written before a number ("$", "HK$", "€", "USD") and where it starts."""
        match = _CURRENCY_PREFIX.search(self.text, max(0, start - 12), start)
        if not match:
            return None, start
        if match.group("dollar_prefix") is not None:
            key = re.sub(r"\s", "", match.group("dollar_prefix")).lower()
            code = DOLLAR_PREFIXES.get(key, "USD")
        elif match.group("dollar"):
            code = "USD"
        elif match.group("symbol"):
            code = CURRENCY_SYMBOLS[match.group("symbol")]
        else:
            raw = match.group("code").upper()
            code = CODE_ALIASES.get(raw, raw)
        return code, match.start()

    def _unit_after(self, numeral: Numeral, currency: str | None) -> _Unit | None:
        """The unit written after a number: percent, a currency, a length… or a multiplier."""
        text, end = self.text, numeral.end
        if numeral.abbreviation in ("m", "mm") and currency is None:
            # "7.62mm", "48m": the abbreviation is a length unless money follows
            if not (_CURRENCY_SUFFIX.match(text, end) or _CODE_SUFFIX.match(text, end)
                    or (numeral.abbreviation == "m" and (_BARRELS_PER_DAY.match(text, end)
                                                          or _BARRELS_AFTER.match(text, end)))):
                return _Unit(numeral.abbreviation, end)
        if match := _PERCENTAGE_POINTS.match(text, end):
            return _Unit("percentage_point", match.end())
        if match := _BASIS_POINTS.match(text, end):
            return _Unit("percentage_point", match.end(), factor=0.01)
        if match := _PERCENT.match(text, end):
            return _Unit("percent", match.end())
        if match := _SUBUNIT_SUFFIX.match(text, end):
            noun = match.group("noun").lower()
            code, factor = SUBUNITS.get(noun) or SUBUNITS[noun[:-1]]
            return _Unit(currency or code, match.end(), factor=factor)
        if (match := _CURRENCY_SUFFIX.match(text, end)) and (code := self._currency_noun(match, numeral, currency)):
            return _Unit(code, match.end())
        if match := _CODE_SUFFIX.match(text, end):
            raw = match.group("code").upper()
            return _Unit(CODE_ALIASES.get(raw, raw), match.end())
        if currency is not None:
            return None
        if match := _SYMBOL_SUFFIX.match(text, end):
            return _Unit(CURRENCY_SYMBOLS[match.group("symbol")], match.end())
        if match := _DIMENSION.match(text, end):
            code = next(code for i, (_, code) in enumerate(DIMENSIONS) if match.group(f"u{i}"))
            if code == "bcm":
                return _Unit("m3", match.end(), scale_factor=1e9)
            if code == "nm" and match.group("space") and text[match.start("space"):match.end()].strip().lower() == "nm":
                return None  # "200 nm offshore" is nautical miles as often as nanometres; "7nm" is a node
            if code == "barrel" and (rate := _PER_DAY.match(text, match.end())):
                return _Unit("barrel_per_day", rate.end())  # "2 million barrels a day": a rate
            return _Unit(code, match.end())
        if match := _BARRELS_PER_DAY.match(text, end):
            return _Unit("barrel_per_day", match.end())
        if match := _ATTACHED_UNIT.match(text, end):
            return _Unit("m" if match.group("unit") == "m" else "tonne", match.end())
        if match := _FOLD.match(text, end):
            return _Unit("times", match.end())
        if (match := _TIMES.match(text, end)) and _COMPARATIVE_AFTER.match(text, match.end()):
            return _Unit("times", match.end())  # "five times more", "two and a half times that"
        return None

    def _currency_noun(self, match: re.Match, numeral: Numeral, currency: str | None) -> str | None:
        """ISO code for "billion yuan", "Hong Kong dlrs", "pounds sterling"; None when the word
        is not money here ("25 pounds" is a weight, "the $200 billion mark" no Deutsche Mark)."""
        noun = re.sub(r"\s+", " ", match.group("noun").lower())
        adjective = re.sub(r"\s+", " ", (match.group("adj") or "").lower()) or None
        if noun.startswith("deutsche"):
            return "DEM"
        if noun.startswith("pounds sterling"):
            return "GBP"
        base = next((form for form in (noun, noun[:-1], noun[:-2]) if form in CURRENCY_NOUNS), None)
        if base is None:
            return None
        base = CURRENCY_NOUN_ALIASES.get(base, base)
        if currency is not None:
            return currency if base == "dollar" else None  # "$10 dollars"
        if base in AMBIGUOUS_CURRENCY_NOUNS and adjective is None:
            if base in ("real", "mark", "rand") or numeral.scale < 1e6:
                return None
        if adjective is None and base != "dollar" and (home := self._home_currency(base)) is not None:
            return home  # "800 pesos" in a story about Argentina
        return CURRENCY_ADJECTIVES.get((adjective, base)) or CURRENCY_NOUNS[base]

    def _home_currency(self, noun: str) -> str | None:
        """The currency a bare "pesos", "pounds" or "francs" means in this document: that of the
        country it names most often among those whose currency has that name. Not "dollars":
        in English news a bare dollar is the US dollar wherever the story is."""
        if self._countries_by_mentions is None:
            counts = Counter(m.refers_to for m in self.mentions
                             if m.kind == "GPE" and m.refers_to in gazetteer().countries)
            self._countries_by_mentions = sorted(counts, key=lambda c: (-counts[c], c))
        for country in self._countries_by_mentions:
            code = gazetteer().currency_named(country, noun)
            if code is not None:
                return code
        return None

    def _with_cents(self, value: float, unit: _Unit) -> tuple[float, _Unit]:
        """"3 dollars 50 cents", "thirteen dollars and forty-five cents": one amount."""
        match = _CENTS_AFTER.match(self.text, unit.end)
        if match is None:
            return value, unit
        cents = find_numerals(self.text, match.start("n"), match.end("n"))
        if not cents or cents[0].end != match.end("n"):
            return value, unit
        return value + cents[0].value / 100.0, replace(unit, end=match.end())

    def _percent_of(self, numeral: Numeral, qualifier: str | None) -> _Candidate | None:
        """"per cent of twenty-two": the percentage written after its unit."""
        text = self.text
        if _WORD_AFTER.match(text, numeral.end):
            return None  # "percent of 10 countries" counts countries
        match = _PERCENT_OF_BEFORE.search(text, max(0, numeral.start - 16), numeral.start)
        if _NUMBER_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            return None  # "5 percent of 10": the percent already has its number
        return _Candidate(
            start=match.start(), end=numeral.end, num_start=numeral.start, num_end=numeral.end,
            value=numeral.value, unit="percent", qualifier=qualifier, numeral=numeral,
        )

    def _bare_candidate(self, numeral: Numeral, qualifier: str | None) -> _Candidate | None:
        """A number without a written unit, kept for the parse pass to find what it counts."""
        if numeral.fraction:
            return self._fraction_candidate(numeral, qualifier)
        if self.date_spans.overlaps(numeral.start, numeral.end):
            return None
        if self.name_spans.overlaps(numeral.start, numeral.end):
            return None
        after = self.text[numeral.end:numeral.end + 2]
        if after[:1].isalpha() or after in ("'s", "’s"):
            return None  # "1990s", "2023's"
        candidate = _bare(numeral, qualifier)
        if match := _TIMES.match(self.text, numeral.end):
            candidate.end, candidate.unit, candidate.counts_times = match.end(), "count", True
        return candidate

    def _fraction_candidate(self, numeral: Numeral, qualifier: str | None) -> _Candidate | None:
        """"half of its exports" (share), "cut by half" (change), "half a million" (a level)."""
        text = self.text
        before = text[max(0, numeral.start - 24):numeral.start]
        if _ORDINAL_BEFORE.search(before):
            return None  # "the second half of the year"
        if text[numeral.end:numeral.end + 1] == "-" or before.endswith("-"):
            return None  # "half-brother", "second-half"
        if numeral.scale >= 1e3:
            return _bare(numeral, qualifier)  # "half a million barrels": a level to be counted
        share = _SHARE_AFTER.match(text, numeral.end)
        by = _BY_BEFORE.search(before)
        if not share and not by:
            return None
        return _Candidate(
            start=numeral.start, end=numeral.end, num_start=numeral.start, num_end=numeral.end,
            value=numeral.value * 100.0, unit="percent", qualifier=qualifier, numeral=numeral,
            fraction=True, kind="share" if share else "change", share_of=bool(share),
            change_hint=bool(by),
        )

    def _context_hints(self, candidate: _Candidate) -> None:
        """Share and change readings the surface already shows ("… of", "up 5%", "5% more")."""
        text = self.text
        percent = candidate.unit in ("percent", "percentage_point")
        if percent and _SHARE_AFTER.match(text, candidate.end):
            candidate.share_of = True
        if _CHANGE_AFTER.match(text, candidate.end):
            candidate.change_hint = True
        _, left = _qualifier_before(text, candidate.start)
        if percent and _CHANGE_BEFORE.search(text, max(0, left - 30), left):
            candidate.change_hint = True

    def _range_partner(self, candidate: _Candidate, following: Numeral | None) -> _Candidate | None:
        """The second number of "$10-15 billion", "between 10 and 15 percent", "from 10 to 15
        percent" or "to 23.5 pct from 15", which shares the unit written once."""
        text = self.text
        if following is None or _is_non_figure_numeral(text, following):
            return None
        if candidate.end > candidate.num_end:  # the first number has its own unit word
            return self._reversed_partner(candidate, following)
        connector = _RANGE.match(text, candidate.num_end)
        if connector is None:
            return None
        _, currency_start = self._currency_prefix(following.start)
        if connector.end() not in (following.start, currency_start):
            return None
        word = connector.group().strip().lower()
        if word == "and" and not _BETWEEN_BEFORE.search(text, max(0, candidate.start - 20), candidate.start):
            return None
        other = self._candidate(following)
        if other is None:
            return None
        if other.unit is None and candidate.unit in CURRENCY_CODES:
            other.unit = candidate.unit  # "$10-15 billion"
        if other.unit is None or candidate.unit not in (None, "count", other.unit):
            return None
        candidate.unit = other.unit
        if candidate.scale == 1 and other.scale != 1 and not _abbreviated(candidate):
            candidate.value *= other.scale
            candidate.scale = other.scale
        candidate.share_of = candidate.share_of or other.share_of
        candidate.change_hint = candidate.change_hint or other.change_hint
        if word == "to" and _FROM_BEFORE.search(text, max(0, candidate.start - 20), candidate.start):
            candidate.role, other.role = "from", "to"
        else:
            candidate.role, other.role = "low", "high"
            candidate.qualifier = candidate.qualifier or "at_least"
            other.qualifier = other.qualifier or "up_to"
        return other

    def _reversed_partner(self, candidate: _Candidate, following: Numeral) -> _Candidate | None:
        """"rose to 23.5 pct from 15": a bare number after "from" takes the unit before it."""
        text = self.text
        connector = _FROM_AFTER.match(text, candidate.end)
        if connector is None or connector.end() != following.start or candidate.unit is None:
            return None
        if not _SAFE_AFTER_BASE.match(text, following.end):
            return None
        if _is_year_like(text[following.start:following.end], following):
            return None
        other = self._candidate(following)
        if other is None or other.unit is not None or other.numeral is None:
            return None
        other.unit = candidate.unit
        if other.scale == 1 and candidate.scale != 1 and not other.numeral.abbreviation:
            other.value *= candidate.scale
            other.scale = candidate.scale
        candidate.role, other.role = "to", "from"
        return other

    def _fold_words(self) -> list[_Candidate]:
        """"threefold", "tenfold": one word, so no numeral of their own."""
        found = []
        for match in _FOLD_WORD.finditer(self.text):
            qualifier, _ = _qualifier_before(self.text, match.start())
            found.append(_Candidate(
                start=match.start(), end=match.end(), num_start=match.start(), num_end=match.end(),
                value=float(_FOLD_VALUES[match.group("n").lower()]), unit="times",
                qualifier=qualifier, kind="multiplier",
            ))
        for match in _MULTIPLE_WORD.finditer(self.text):  # "nearly double the 24%", "about twice that"
            span = self.doc.char_span(match.start(), match.end())
            if span is None or span[0].pos_ == "VERB":
                continue  # "to double the number" is a verb (_multiplier_verbs)
            qualifier, _ = _qualifier_before(self.text, match.start())
            found.append(_Candidate(
                start=match.start(), end=match.end(), num_start=match.start(), num_end=match.end(),
                value=float(_MULTIPLE_VALUES[match.group("w").lower()]), unit="times",
                qualifier=qualifier, kind="multiplier",
            ))
        return found

    def _multiplier_verbs(self) -> list[_Candidate]:
        """"doubled", "nearly quadrupled", "more than tripled", "halved"."""
        found = []
        for token in self.doc:
            lemma = token.lemma_.lower()
            if token.pos_ != "VERB" or lemma not in MULTIPLIER_VERBS:
                continue
            if any(c.dep_ == "prt" and c.lower_ in ("down", "up", "over") for c in token.children):
                continue  # "doubled down"
            qualifier = None
            for child in token.children:
                if child.dep_ == "advmod" and child.i < token.i:
                    qualifier = _qualifier_word(child.lower_) or qualifier
            if qualifier is None:
                qualifier, _ = _qualifier_before(self.text, token.idx)
            end = token.idx + len(token.text)
            found.append(_Candidate(
                start=token.idx, end=end, num_start=token.idx, num_end=end,
                value=MULTIPLIER_VERBS[lemma], unit="times", qualifier=qualifier,
                kind="multiplier", verb_token=token.i,
            ))
        return found

    # --- parse pass: what a bare number counts, and the kind ------------------------------

    def _analyse(self, candidate: _Candidate) -> _Analysis | None:
        if candidate.verb_token is not None:
            span = self.doc[candidate.verb_token:candidate.verb_token + 1]
        else:
            span = self.doc.char_span(candidate.num_start, candidate.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                return None
        anchor = span.root
        if anchor.dep_ == "compound" and anchor.head.lemma_.lower() in _PERIOD_WORDS \
                and _ON_SAME_PERIOD.match(self.text, anchor.head.idx):
            anchor = anchor.head  # "dropped 40% year on year": the figure measures the verb's subject
        analysis = _Analysis(
            sentence=self.parsed.sentence_of(candidate.start), anchor=anchor, span=span,
            kind=candidate.kind,
        )
        if candidate.unit is None or candidate.counts_times:
            if not self._counted(candidate, analysis):
                return None
        analysis.governor = self._governor(analysis.anchor)
        analysis.comparison_base = _is_comparison_base(analysis.anchor)
        self._classify(candidate, analysis)
        return analysis

    def _counted(self, candidate: _Candidate, analysis: _Analysis) -> bool:
        """Give a bare number its unit from what it counts; False when it counts nothing."""
        numeral, span = candidate.numeral, analysis.span
        if candidate.counts_times:  # "have met more than 40 times"
            verb = self._governor(span[0])
            if candidate.value < 2 or verb.pos_ not in ("VERB", "AUX"):
                return False
            analysis.metric, analysis.fixed_metric = f"times {verb.lower_}", True
            return True
        noun = self._counted_noun(span)
        if numeral is not None and numeral.fraction:  # "half a million barrels"
            return noun is not None and self._apply_noun(candidate, analysis, noun)
        if noun is None and not candidate.qualifier and not (
                numeral is not None and _is_year_like(self.text[numeral.start:numeral.end], numeral)) \
                and self._listed(candidate):
            return True
        if noun is None and numeral is not None and numeral.scale >= 1e6 and (
                self._unit_of_compared(candidate) or self._unit_of_sentence(candidate)):
            return True  # "to about 9 million barrels a day from roughly 10 million in May"
        if noun is None and numeral is not None and candidate.value >= 2 \
                and not _is_year_like(self.text[numeral.start:numeral.end], numeral) \
                and _SAFE_AFTER_BASE.match(self.text, candidate.num_end) and self._unit_of_compared(candidate):
            return True  # "fell to 83 planes in the quarter, down from 130": 130 planes
        if noun is None and (tally := _TALLY.match(self.text, candidate.num_end)):
            # "ten voted in favour, five against and 12 abstained": counts of votes
            candidate.unit, candidate.end = "count", max(candidate.end, tally.end())
            side = re.sub(r"\s+", " ", (tally.group(1) or tally.group(2)).lower())
            analysis.metric, analysis.fixed_metric = TALLY_METRICS.get(side, "abstentions"), True
            return True
        if self._designation(span):
            return False
        year_like = numeral is not None and _is_year_like(self.text[numeral.start:numeral.end], numeral)
        if noun is not None:
            if year_like and noun.lemma_.lower() not in TROOP_NOUNS | PEOPLE_NOUNS and not candidate.qualifier:
                return False
            if candidate.value == 1:
                return False  # "one country": an article more than a figure
            if noun.tag_ not in ("NNS", "NNPS") and noun.lower_ not in INVARIANT_PLURALS:
                return False  # "the 2022 invasion", "a 50 share": a modifier, not a count
            return self._apply_noun(candidate, analysis, noun)
        if year_like or candidate.value < 2 and not candidate.qualifier:
            return False
        if (crew := _group_of(analysis.anchor) or _estimated_group(analysis.anchor)) is not None:
            # "a crew of 22", "a force of 5,000", "put the crowd outside Congress at 40,000"
            candidate.unit = "troops" if crew.lemma_.lower() in TROOP_NOUNS | TROOP_GROUPS else "people"
            analysis.metric, analysis.fixed_metric = crew.lemma_.lower(), True
            return True
        if _SUBSET_AFTER.match(self.text, candidate.num_end) and self._unit_of_whole(candidate):
            return True  # "1.5 million people joined, 600,000 of them in the capital"
        return self._measured(candidate, analysis)

    def _unit_of_whole(self, candidate: _Candidate) -> bool:
        """"N of them": the unit of the nearest earlier figure of the sentence that counts things."""
        sentence = self.parsed.sentences[self.parsed.sentence_of(candidate.num_start)]
        earlier = [c for c in self._analysed_candidates if sentence.start <= c.num_start < candidate.num_start
                   and c.unit not in (None, "percent", "percentage_point", "times")]
        if not earlier:
            return False
        candidate.unit = earlier[-1].unit
        return True

    def _listed(self, candidate: _Candidate) -> bool:
        """"Saudi Arabia offered 500,000 barrels a day, Iraq 211,000, the UAE 144,000": in a list
        of named holders, a bare number takes the unit written once before it."""
        k = bisect.bisect_left(self._unit_starts, candidate.num_start) - 1
        if k < 0:
            return False
        previous = self._with_unit[k]
        gap = self.text[previous.end:candidate.num_start]
        if "\n" in gap or not _LIST_GAP.fullmatch(gap) or \
                self.parsed.sentence_of(previous.start) != self.parsed.sentence_of(candidate.num_start):
            return False
        candidate.unit = previous.unit
        candidate.end = max(candidate.end, candidate.num_end)
        self._with_unit.insert(k + 1, candidate)  # the next one in the list can follow this one
        self._unit_starts.insert(k + 1, candidate.num_start)
        return True

    def _unit_of_sentence(self, candidate: _Candidate) -> bool:
        """A bare "N million" takes the unit every other figure of its sentence has, when they
        have one ("…, Gabon 8,000 barrels a day, or about 1.16 million in total")."""
        sentence = self.parsed.sentences[self.parsed.sentence_of(candidate.num_start)]
        units = {c.unit for c in self._with_unit if sentence.start <= c.num_start < sentence.end}
        units -= {"percent", "percentage_point"}  # "N million" of them is no share
        if len(units) != 1:
            return False
        candidate.unit = units.pop()
        candidate.end = max(candidate.end, candidate.num_end)
        return True

    def _unit_of_compared(self, candidate: _Candidate) -> bool:
        """"538.4 billion integrated circuits, 15.3% fewer than the 635.6 billion of 2021": a
        bare base of comparison counts what the nearest earlier figure of its scale counts."""
        if not _COMPARED_BEFORE.search(self.text, max(0, candidate.num_start - 20), candidate.num_start):
            return False
        sentence = self.parsed.sentences[self.parsed.sentence_of(candidate.num_start)]
        earlier = [c for c in self._analysed_candidates if sentence.start <= c.num_start < candidate.num_start
                   and c.scale == candidate.scale and c.unit not in (None, "percent", "percentage_point")]
        if not earlier:
            return False
        candidate.unit = earlier[-1].unit
        candidate.end = max(candidate.end, candidate.num_end)
        return True

    def _designation(self, span: Span) -> bool:
        """"Article 5", "Nord Stream 2", "top ten": a number that names rather than counts."""
        first = span[0]
        if first.i == 0:
            return False
        previous = self.doc[first.i - 1]
        if previous.lower_ in DESIGNATORS or previous.text == "#":
            return True
        if previous.pos_ == "PROPN" and previous.text[:1].isupper() and not previous.is_sent_start:
            return previous.ent_type_ not in ("GPE", "NORP") or first.ent_type_ != "CARDINAL"
        return False

    def _counted_noun(self, span: Span) -> Token | None:
        root, last = span.root, span[-1]
        head = root.head
        if (root.dep_ in ("nummod", "quantmod", "amod", "compound") and head.pos_ in ("NOUN", "PROPN")
                and 0 < head.i - last.i <= 4):
            return head
        for token in self.doc[last.i + 1:min(len(self.doc), last.i + 4)]:  # the parse missed it
            if token.pos_ in ("ADJ", "PUNCT") and token.text != ",":
                continue
            return token if token.pos_ == "NOUN" and token.tag_ == "NNS" else None
        return None

    def _apply_noun(self, candidate: _Candidate, analysis: _Analysis, noun: Token) -> bool:
        """"2,000 troops", "three rounds of naval exercises"; not "two years" or "the two sides"."""
        lemma, lower = noun.lemma_.lower(), noun.lower_
        if lemma in TIME_NOUNS or lower.rstrip("s") in TIME_NOUNS or lower in ("centuries", "percent", "times"):
            return False
        determiners = {c.lower_ for c in noun.children if c.dep_ in ("det", "poss", "predet") and c.i < noun.i}
        head_count = determiners == {"all"} and candidate.value > 2 and \
            ({lemma, lower} & (PEOPLE_NOUNS | TROOP_NOUNS))  # "killing all ten people on board"
        if determiners & REFERRING_DETERMINERS and not head_count:
            return False
        if determiners & POSSESSIVE_PRONOUNS and candidate.value < 10:
            return False
        if lemma in ACTOR_NOUNS and candidate.value <= 2:
            return False
        if any(t.lower_ == "of" for t in self.doc[analysis.span.end:noun.i]):
            return False  # "2,000 of its troops"
        # "25 crew members": the compound says who the members are
        kinds = {lemma, lower} | {c.lemma_.lower() for c in noun.children if c.dep_ == "compound"}
        armed = any(c.dep_ == "amod" and c.lower_ in ARMED_ADJECTIVES for c in noun.children)
        if kinds & TROOP_NOUNS or armed and kinds & PEOPLE_NOUNS:
            candidate.unit = "troops"
        elif kinds & PEOPLE_NOUNS:
            candidate.unit = "people"
        else:
            candidate.unit = "count"
        candidate.end = max(candidate.end, noun.idx + len(noun.text))
        exclude = set(range(analysis.span.start, analysis.span.end))
        analysis.metric = self._noun_phrase(noun, exclude, analysis, prepositions={"of"})
        analysis.fixed_metric = True
        return True

    def _measured(self, candidate: _Candidate, analysis: _Analysis) -> bool:
        """"the death toll rose to 300": a bare number that a measuring verb reports."""
        token, preposition = analysis.anchor, None
        if (prep := _preposition_of(token)) is not None:
            token, preposition = prep, prep.lower_
        if preposition not in (None, "to", "at", "by", "from"):
            return False
        if token.dep_ not in ("dobj", "attr", "npadvmod", "prep", "oprd", "pobj"):
            return False
        verb = token.head
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in MEASURE_VERBS:
            return False
        subject = _subject(verb)
        if subject is None or subject.pos_ != "NOUN" or subject.ent_type_:
            return False
        candidate.unit = "count"
        return True

    def _classify(self, candidate: _Candidate, analysis: _Analysis) -> None:
        if candidate.kind != "multiplier":
            if candidate.share_of or (candidate.fraction and candidate.kind == "share"):
                analysis.kind = "share"
            elif candidate.change_hint or _is_change(analysis.anchor):
                analysis.kind = "change"
        if analysis.fixed_metric:
            return
        analysis.metric, analysis.pronoun_metric = self._metric(candidate, analysis)
        metric_head = (analysis.metric or "").split(" of ")[0].split()
        if (analysis.kind == "level" and candidate.unit in ("percent", "percentage_point")
                and metric_head and metric_head[-1].split("’")[-1].split("'")[-1] in SHARE_NOUNS):
            analysis.kind = "share"  # "the yuan's share of global trade reached 4.61 percent"

    # --- metric ---------------------------------------------------------------------------

    def _metric(self, candidate: _Candidate, analysis: _Analysis) -> tuple[str | None, bool]:  # noqa: C901
        """The quantity measured, and whether it is a pronoun to resolve from an earlier sentence."""
        exclude = set(range(analysis.span.start, analysis.span.end))
        if candidate.verb_token is not None:  # "sales … nearly quadrupled"
            return self._subject_metric(analysis.anchor, exclude, analysis)
        if candidate.share_of or analysis.kind == "share":  # "73 percent of Russian exports"
            whole = self._of_object(analysis)
            if whole is not None:
                return self._noun_phrase(whole, exclude, analysis, conjuncts=True), False
        worth = self._worth_of(analysis)  # "$129 billion worth of Russian goods"
        if worth is not None:
            return self._noun_phrase(worth, exclude, analysis, conjuncts=True), False
        if candidate.unit != "percent" and analysis.kind != "change" and analysis.anchor.dep_ in DIRECT_DEPS:
            # "bought $72 billion of loans", "$21 billion of securities": what the amount is of
            whole = self._of_object(analysis)
            if whole is not None and whole.pos_ in ("NOUN", "PROPN") and not self._is_actor(whole) \
                    and whole.lemma_.lower() not in TIME_NOUNS:
                return self._noun_phrase(whole, exclude, analysis, conjuncts=True), False
        return self._position_metric(analysis.anchor, exclude, analysis, depth=0)

    def _position_metric(
        self, token: Token, exclude: set[int], analysis: _Analysis, depth: int
    ) -> tuple[str | None, bool]:
        """Read the metric off where the figure sits in the tree."""
        if depth > 4:
            return None, False
        head, dep = token.head, token.dep_
        noun_head = head.i != token.i and head.pos_ in ("NOUN", "PROPN") and head.i not in exclude
        if dep in MODIFIER_DEPS and noun_head and not (dep == "npadvmod" and head.lower_ == "worth"):
            lemma = head.lemma_.lower()
            if lemma in CHANGE_NOUNS:  # "a 26.3% increase (in exports)"
                measured = _prep_object(head, ("in", "of"))
                if measured is not None and measured.i not in exclude:
                    return self._noun_phrase(measured, exclude, analysis), False
            if lemma in CHANGE_NOUNS or lemma in LEVEL_NOUNS:  # "the $200 billion mark"
                return self._position_metric(head, exclude | {head.i}, analysis, depth + 1)
            return self._noun_phrase(head, exclude, analysis), False  # "a 2,615-mile border"
        if dep == "npadvmod" and head.lower_ == "worth" and head.dep_ == "amod":
            noun = head.head  # "commodities worth $129 billion"
            if noun.pos_ in ("NOUN", "PROPN"):
                return self._generic_noun_metric(noun, exclude, analysis), False
        if dep == "npadvmod" and head.tag_ in ("JJR", "RBR"):  # "40 percent more than …"
            return self._position_metric(head, exclude, analysis, depth + 1)
        if dep == "appos":
            if head.i in self._figure_tokens or _is_quantity(head):
                analysis.comparison_base = True  # "4,209 kilometres (2,615 miles)": restated
                return None, False
            if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() not in CHANGE_NOUNS:
                return self._noun_phrase(head, exclude, analysis), False  # "cars (20 percent)"
            return self._position_metric(head, exclude, analysis, depth + 1)
        if (preposition := _preposition_of(token)) is not None:
            return self._prepositional_metric(preposition, exclude, analysis, depth)
        if dep in ("dobj", "attr", "npadvmod", "oprd", "acomp", "advmod", "conj", "dep"):
            if head.pos_ in ("VERB", "AUX"):
                return self._subject_metric(head, exclude, analysis)
            if dep == "conj" and head.i != token.i:
                return self._position_metric(head, exclude, analysis, depth + 1)
        if dep == "ROOT" and token.pos_ in ("VERB", "AUX"):
            return self._subject_metric(token, exclude, analysis)
        return None, False

    def _prepositional_metric(
        self, preposition: Token, exclude: set[int], analysis: _Analysis, depth: int
    ) -> tuple[str | None, bool]:
        """"grew to $190 billion", "put trade at $240 billion", "an increase of 5%"."""
        word, governor = preposition.lower_, preposition.head
        if governor.pos_ in ("NOUN", "PROPN") and governor.i not in exclude:
            lemma = governor.lemma_.lower()
            if lemma in CHANGE_NOUNS or lemma in LEVEL_NOUNS:
                return self._position_metric(governor, exclude | {governor.i}, analysis, depth + 1)
            if word in ("of", "at"):
                return self._noun_phrase(governor, exclude, analysis), False
        if governor.pos_ in ("VERB", "AUX"):
            if word in ("at", "by"):  # "put trade at …", "raised its key rate by 50 basis points"
                objects = [c for c in governor.children if c.dep_ == "dobj" and c.i not in exclude]
                if objects and not self._is_actor(objects[0]):
                    return self._noun_phrase(objects[0], exclude, analysis), False
            return self._subject_metric(governor, exclude, analysis)
        if governor.lower_ == "worth" and governor.head.pos_ in ("NOUN", "PROPN"):
            return self._generic_noun_metric(governor.head, exclude, analysis), False
        return None, False

    def _subject_metric(self, verb: Token, exclude: set[int], analysis: _Analysis) -> tuple[str | None, bool]:
        subject = _subject(verb)
        if subject is None:
            return None, False
        if subject.lower_ in PRONOUNS:
            return None, True  # resolved later to the metric of the sentence before
        if subject.i in self._figure_tokens:
            analysis.comparison_base = True  # "two-thirds of X went …, about 30 million tonnes"
            return None, False
        if subject.lemma_.lower() in CHANGE_NOUNS:  # "an increase in trade, escalating from …"
            measured = _prep_object(subject, ("in", "of"))
            if measured is not None and measured.i not in exclude:
                return self._noun_phrase(measured, exclude, analysis), False
        if self._is_actor(subject):
            # "China bought …": the actor is who, not what; the object is what, if there is one
            analysis.subject_actor = subject
            objects = [c for c in verb.children if c.dep_ == "dobj" and not _overlaps(c, exclude)]
            if objects:
                return self._generic_noun_metric(objects[0], exclude, analysis), False
            return None, False
        return self._noun_phrase(subject, exclude, analysis), False

    def _generic_noun_metric(self, noun: Token, exclude: set[int], analysis: _Analysis) -> str | None:
        """"China exported to Russia goods worth $111 billion" measures exports to Russia."""
        places = [c for c in noun.children if c.dep_ == "compound" and c.ent_type_ == "GPE"]
        modifiers = [
            c for c in noun.children
            if c.dep_ in ("amod", "compound", "nmod") and c not in places and not _overlaps(c, exclude)
        ]
        verb = self._governor(noun)
        nominal = TRADE_VERB_NOUNS.get(verb.lemma_.lower())
        if noun.lemma_.lower() not in GENERIC_NOUNS or modifiers or not nominal:
            return self._noun_phrase(noun, exclude, analysis)
        parts = [nominal]
        for preposition in verb.children:
            if preposition.dep_ != "prep" or preposition.lower_ not in ("to", "from"):
                continue
            objects = [c for c in preposition.children if c.dep_ == "pobj"]
            if objects and objects[0].i == noun.i:  # misparse: "to Russia goods"
                place = " ".join(p.text for p in places)
            else:
                place = self._noun_phrase(objects[0], exclude, analysis) if objects else None
            if place:
                parts.append(f"{preposition.lower_} {place}")
        return " ".join(parts).lower()

    def _of_object(self, analysis: _Analysis) -> Token | None:
        """X in "… percent of X"."""
        last = analysis.span[-1]
        following = self.doc[last.i + 1:last.i + 2]
        if len(following) and following[0].lower_ == "of":
            objects = [c for c in following[0].children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
            nouns = [t for t in self.doc[following[0].i + 1:following[0].i + 8] if t.pos_ in ("NOUN", "PROPN")]
            return nouns[-1] if nouns else None
        for child in analysis.anchor.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        return None

    def _worth_of(self, analysis: _Analysis) -> Token | None:
        """X in "$129 billion worth of X"."""
        last = analysis.span[-1]
        tokens = self.doc[last.i + 1:last.i + 3]
        if len(tokens) < 2 or tokens[0].lower_ != "worth" or tokens[1].lower_ != "of":
            return None
        objects = [c for c in tokens[1].children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
        for token in self.doc[tokens[1].i + 1:tokens[1].i + 8]:
            following = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
            if token.pos_ in ("NOUN", "PROPN") and (following is None or following.pos_ not in ("NOUN", "PROPN")):
                return token
        return None

    def _noun_phrase(
        self, head: Token, exclude: set[int], analysis: _Analysis | None = None,
        prepositions=METRIC_PREPOSITIONS, conjuncts: bool = False,
    ) -> str | None:
        """A short lowercase noun phrase around `head`: modifiers and "of/between/in" phrases
        kept; clauses, appositions, dates and the figure itself left out."""
        kept: list[int] = []
        for depth in (3, 2, 1, 0):  # fewer nested phrases until it is short
            kept = sorted(self._phrase_tokens(head, exclude, depth, prepositions, not conjuncts))
            if sum(1 for i in kept if self.doc[i].dep_ not in ("det", "case", "punct")) <= 10:
                break
        kept = _trim_edges(self.doc, kept, head.i)
        if not kept:
            return None
        inside = set(kept)
        commas = {  # the commas of a list: "machinery, vehicles and electronics"
            i for i in range(kept[0], kept[-1]) if self.doc[i].text == "," and self.doc[i].head.i in inside
        }
        kept = sorted(inside | commas)
        pieces = []
        for position, i in enumerate(kept):
            token = self.doc[i]
            word = self._possessive_word(token, analysis)
            if not word:
                continue
            following = kept[position + 1] if position + 1 < len(kept) else None
            pieces.append(word + (token.whitespace_ if following == i + 1 else " "))
        phrase = re.sub(r"\s+", " ", "".join(pieces)).replace(" 's", "'s").replace(" ’s", "’s")
        return phrase.lower().strip(" ,;:—–-\"'“”‘’()") or None

    def _phrase_tokens(
        self, token: Token, exclude: set[int], depth: int, prepositions, is_head: bool
    ) -> set[int]:
        kept = {token.i} if token.i not in exclude else set()
        for child in token.children:
            dep = child.dep_
            if _overlaps(child, exclude):
                continue  # "commodities worth $129 billion": the figure is not its own metric
            if child.pos_ != "ADP" and self.date_spans.overlaps(child.idx, child.idx + len(child.text)):
                continue
            if dep in CLAUSE_DEPS and not (dep == "punct" and child.tag_ == "HYPH"):
                if not (dep == "advmod" and not is_head):
                    continue
            if is_head and dep in ("conj", "cc"):
                continue  # "cars (20 percent), and consumer electronics (15 percent)"
            if dep == "prep":
                kept |= self._prepositional_phrase(child, exclude, depth, prepositions)
            elif dep in PHRASE_DEPS:
                kept |= self._phrase_tokens(child, exclude, depth, prepositions, is_head=False)
        return kept

    def _prepositional_phrase(self, preposition: Token, exclude: set[int], depth: int, prepositions) -> set[int]:
        if depth <= 0 or preposition.lower_ not in prepositions:
            return set()
        objects = [c for c in preposition.children if c.dep_ == "pobj"]
        if not objects or any(self.date_spans.overlaps(o.idx, o.idx + len(o.text)) for o in objects):
            return set()  # "trade in 2023": the date is the period, not the metric
        kept = {preposition.i}
        for obj in objects:
            kept |= self._phrase_tokens(obj, exclude, depth - 1, prepositions, is_head=False)
        return kept

    def _possessive_word(self, token: Token, analysis: _Analysis | None) -> str:
        """Replace "its"/"the country's" by the actor they refer to; drop what cannot be resolved."""
        lower = token.lower_
        if token.dep_ == "poss" and lower in POSSESSIVE_PRONOUNS:
            resolved = self._possessor(token, analysis) if analysis is not None else None
            return f"{resolved}'s" if resolved else ""
        if token.dep_ == "poss" and lower in ("country", "nation") and analysis is not None:
            return self._possessor(token, analysis) or token.text
        if token.dep_ == "det" and lower == "the" and token.head.dep_ == "poss" and analysis is not None:
            if token.head.lower_ in ("country", "nation") and self._possessor(token.head, analysis):
                return ""
        return token.text

    def _possessor(self, token: Token, analysis: _Analysis) -> str | None:
        """Who "its", "his", "her" or "the country" refers to: the latest subject before it in
        the sentence, else the latest actor of the right kind. With "account for", "make up"…
        the subject is the part, so the whole belongs to someone else ("Russia accounted for
        2.5 percent of its trade": its = China, named earlier)."""
        wanted = POSSESSOR_KINDS.get(token.lower_)
        if wanted is None:
            return None
        governor = analysis.governor if analysis.governor is not None else self._governor(token)
        excluded = self._mention_at(_subject(governor)) if self._part_whole(governor) else None
        sentence = self.parsed.sentences[analysis.sentence]
        before = [
            m for m in self._mentions_between(sentence.start, token.idx)
            if m.kind in wanted and m is not excluded
        ]
        if not before:
            return None
        subjects = [m for m in before if self._is_subject_mention(m)]
        chosen = (subjects or before)[-1]
        analysis.resolved.append(chosen)
        return _mention_name(chosen)

    def _part_whole(self, verb: Token | None) -> bool:
        for _ in range(6):
            if verb is None:
                return False
            if verb.lemma_.lower() in PART_WHOLE_VERBS:
                return True
            if verb.dep_ not in ("advcl", "xcomp", "conj", "relcl") or verb.head.i == verb.i:
                return False
            verb = self._governor(verb.head)
        return False

    def _is_subject_mention(self, mention: Mention) -> bool:
        span = self.doc.char_span(mention.evidence.start, mention.evidence.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return False
        root = span.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        return root.dep_ in ("nsubj", "nsubjpass")

    # --- period ---------------------------------------------------------------------------

    def _assign_periods(self, analysed) -> None:
        by_sentence: dict[int, list] = {}
        for candidate, analysis in analysed:
            by_sentence.setdefault(analysis.sentence, []).append((candidate, analysis))
        for sentence, members in by_sentence.items():
            options = self._period_options(sentence, members)
            self._period_spans[sentence] = [(o.start, o.end) for o in options]
            for candidate, analysis in members:
                chosen = self._choose_period(candidate, analysis, members, options) if options else None
                if chosen is not None:
                    analysis.period, analysis.period_precision = chosen.period, chosen.precision
                    analysis.period_text, analysis.period_ends = chosen.text, chosen.ends
                    self._since_to_now(analysis, chosen)

    def _since_to_now(self, analysis, chosen: _PeriodOption) -> None:
        """"11 million tonnes have left since the first ship sailed on August 1" (written on
        November 18): a total up to now holds from then to publication."""
        published = self.parsed.document.published
        if not published or not chosen.period or "/" in chosen.period or chosen.precision not in ("day", "month", "year") \
                or analysis.governor is None or tense(analysis.governor) != "perfect":
            return
        clause = chosen.root if chosen.root.pos_ == "VERB" else chosen.governor
        directly = re.search(r"\bsince\s+$", self.text[max(0, self.doc[chosen.start].idx - 8):self.doc[chosen.start].idx])
        marked = clause is not None and clause.i != analysis.governor.i and any(
            c.dep_ == "mark" and c.lower_ == "since" for c in clause.children)
        end = published[:len(chosen.period)]
        if (directly or marked) and chosen.period < end:
            analysis.period = f"{chosen.period}/{end}"

    def _inherit_periods(self, analysed) -> None:
        """A figure its own sentence does not date takes the reference time of its clause
        (reftime.py): a past-tense figure continues the narrative ("Trade hit a high in 2023.
        Customs data put it at $240 billion." dates the figure 2023); a present-tense one holds
        as of the publication year ("about half of its crude now goes to China"), and so does
        a plan or forecast ("will cut output by 500,000 barrels a day"). Lengths and areas and
        cumulative counts ("have met 40 times") get none."""
        narrative = NarrativeTime(self.parsed, paragraphs_back=1)
        lede = lede_time(self.parsed, self.times)
        by_sentence: dict[int, list[_Analysis]] = {}
        for _, analysis in analysed:
            by_sentence.setdefault(analysis.sentence, []).append(analysis)
        sentences = self.parsed.sentences
        for candidate, analysis in analysed:
            if analysis.period or candidate.unit in TIMELESS_UNITS:
                continue
            index = analysis.sentence
            sentence_text = self.text[sentences[index].start:sentences[index].end]
            verb = analysis.governor
            if tense(verb) == "unknown":  # "…, a rise of 26.3 percent": the sentence's tense
                verb = analysis.anchor.sent.root
            if analysis.period_text:
                # "after those sales, the reserve holds 405 million barrels": a phrase dates a
                # present state only by when it began; the state holds at publication, and so
                # does a forecast ("could retest $100 before the end of the year")
                if not analysis.period_ends and narrative_tense(verb, sentence_text) in ("present", "prospective") \
                        and (now := publication_time(self.parsed)) is not None:
                    analysis.period, analysis.period_precision = now.value, now.precision
                    analysis.period_text = now.text
                continue
            # a change up to now, or a total built up since ("have reached 5 million tonnes since May")
            if (analysis.kind == "change" or tense(verb) == "perfect") and \
                    (since := self._change_since(index, verb)) is not None:
                analysis.period, analysis.period_precision, analysis.period_text = since
                continue
            reading = narrative_tense(verb, sentence_text)
            if reading == "present" and verb.dep_ in ("relcl", "acl") and verb.head.i in self._figure_tokens and \
                    narrative_tense(verb.sent.root, sentence_text) == "narrative":
                # "has imported $129bn of fuel that accounts for 73 percent": a share of that past
                # amount; not "the IMF, to which Argentina owes $44 billion, welcomed …" (owed now)
                reading = "narrative"
            if reading == "narrative" and (same := self._dated_earlier_in_sentence(analysis, by_sentence)):
                reference = same
            elif reading in ("present", "prospective"):
                # a plan or forecast with no date of its own is the writer's near term: the
                # publication year (annotators date "could retest $100" to it, never to nothing)
                reference = publication_time(self.parsed)
            elif reading == "narrative":
                reference = narrative.before(index, lambda i: self._dates_of_sentence(i, by_sentence), lede)
            else:
                reference = None
            if reference is not None:
                analysis.period, analysis.period_precision = reference.value, reference.precision
                analysis.period_text = reference.text

    def _span_changes(self, analysed) -> None:
        """"climbed from about $72 in late June, a gain of about 25%" (written in September):
        a change between two dated levels holds from the first to the second, or, told in the
        perfect or present, from the first to publication ("2023-06/2023-09")."""
        by_sentence: dict[int, list] = {}
        for candidate, analysis in analysed:
            by_sentence.setdefault(analysis.sentence, []).append((candidate, analysis))
        published = self.parsed.document.published
        for members in by_sentence.values():
            changes = [(c, a) for c, a in members if a.kind == "change" and c.role is None]
            for candidate, analysis in changes:
                verb = analysis.governor
                ends = [(c, a) for c, a in members if c.unit != candidate.unit and a.period
                        and a.governor is not None and verb is not None and a.governor.i == verb.i]
                start = next((a for c, a in ends if c.role == "from" or
                              (c.role is None and _preposition_word(a.anchor) == "from")), None)
                if start is None or "/" in start.period:
                    continue
                finish = next((a for c, a in ends if c.role == "to"), None)
                if finish is not None and "/" not in finish.period:
                    end = finish.period
                elif finish is None and published and tense(verb) in ("perfect", "present"):
                    end = published
                else:
                    continue
                if finish is not None:
                    first, last = _coarser_pair(start.period, end, start.period_precision)
                else:  # up to now: the day of writing (another article's "now" is another end,
                    first, last = start.period, end  # so two such changes never look like one)
                if first < last:
                    analysis.period, analysis.period_precision = f"{first}/{last}", \
                        "year" if len(first) == 4 else "month" if len(first) == 7 else "day"
                    analysis.period_text = f"{start.period_text} to {finish.period_text if finish else 'now'}"

    def _change_since(self, index: int, verb) -> tuple[str, str, str] | None:
        """"Diesel prices have risen by nearly a fifth since early July" (written in September):
        a change up to now is over the span from its start to the publication month."""
        published = self.parsed.document.published
        if verb is None or not published or tense(verb) not in ("perfect", "present"):
            return None
        for time in self._sentence_times(index, self.parsed.sentences[index]):
            if not time.value or time.end or time.precision not in ("day", "month", "year") or \
                    not re.search(r"\bsince\s+$", self.text[max(0, time.evidence.start - 8):time.evidence.start]):
                continue
            span = self.doc.char_span(time.evidence.start, time.evidence.end, alignment_mode="expand")
            governor = self._governor(span.root) if span is not None else None
            if governor is None or governor.i != verb.i:
                continue
            if (span_to_now := _up_to(time, published)) is not None:
                return span_to_now
        if any(c.dep_ == "advmod" and c.lower_ == "since" for c in verb.children):
            # "hit a record in March and have since fallen by a third": from that time to now
            earlier = [t for t in self._sentence_times(index, self.parsed.sentences[index])
                       if t.value and not t.end and t.precision in ("day", "month", "year")
                       and t.evidence.end <= verb.idx]
            if earlier:
                return _up_to(earlier[-1], published)
        return None

    @staticmethod
    def _dated_earlier_in_sentence(analysis: _Analysis, by_sentence) -> ReferenceTime | None:
        """The period of the last figure before this one in its sentence that has one."""
        earlier = [a for a in by_sentence.get(analysis.sentence, ())
                   if a.span.start < analysis.span.start and a.period and not a.comparison_base
                   # not a figure of a clause on a noun ("revenue, which reached $10bn in 2023, fell")
                   and not (a.governor is not None and a.governor.dep_ in ("relcl", "acl")
                            and not _contains(a.governor, analysis.anchor))]
        if not earlier:
            return None
        last = earlier[-1]
        return ReferenceTime(last.period, last.period_precision or "unknown", last.period_text or "")

    def _dates_of_sentence(self, index: int, by_sentence: dict[int, list[_Analysis]]) -> list[ReferenceTime]:
        """What dates an earlier sentence for the narrative: the period of its last dated figure
        (of the main clause when there is one; not a comparison base), else its times that are
        not a base. A figure dated by a phrase ("before the annexation") dates it as unknown."""
        dated = [a for a in by_sentence.get(index, ())
                 if (a.period or a.period_text) and not a.comparison_base and not a.period_ends
                 and not (a.period_text or "").startswith(PUBLISHED_PREFIX)]  # a state of affairs
        main = [a for a in dated if a.governor is not None and _main_clause(a.governor)]
        if dated:
            last = (main or dated)[-1]
            return [ReferenceTime(last.period, last.period_precision or "unknown", last.period_text or "")]
        # (a date left unresolved, "45 days after Milei took office", says nothing either way)
        return [ReferenceTime(o.period, o.precision, o.text)
                for o in self._period_options(index, []) if not o.ends
                if o.phrase or o.period is not None and o.precision in ("year", "month", "day") and "/" not in o.period]

    def _period_options(self, sentence_index: int, members) -> list[_PeriodOption]:
        """Time expressions of the sentence that can date a figure (not "compared with 2022"),
        and "before/after X" phrases, which name a period by an event."""
        sentence = self.parsed.sentences[sentence_index]
        spans = [a.span for _, a in members]
        options: list[_PeriodOption] = []
        for time in self._sentence_times(sentence_index, sentence):
            span = self.doc.char_span(time.evidence.start, time.evidence.end, alignment_mode="expand")
            if span is None or len(span) == 0 or any(_spans_overlap(span, s) for s in spans):
                continue
            preposition = _preposition_of(span.root)
            if preposition is not None and (
                preposition.lower_ in BASE_PREPOSITIONS or preposition.head.lemma_.lower() == "compare"
            ) and not self._starts_then(preposition, time):
                continue  # "from the previous year", "since 2014": a base, not the period
            period = f"{time.value}/{time.end}" if time.value and time.end else time.value
            precision = time.precision if period else None
            ends = preposition is not None and preposition.lower_ in END_PREPOSITIONS and not time.end
            if ends:
                period, precision = self._until(time)
            options.append(_PeriodOption(
                span.start, span.end, span.root, self._governor(span.root), period,
                precision, time.evidence.text, ends,
            ))
        sentence_span = self.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        for token in sentence_span if sentence_span is not None else ():
            if token.dep_ != "prep" or token.lower_ not in PERIOD_PREPOSITIONS:
                continue
            if not any(c.dep_ in ("pobj", "pcomp") for c in token.children):
                continue
            if token.i + 1 < len(self.doc) and self.doc[token.i + 1].tag_ == "VBG":
                continue  # "before paring gains": what the subject did next, not a period
            start, end = token.left_edge.i, token.right_edge.i + 1
            if any(s.start < end and start < s.end for s in spans):
                continue
            if any(o.ends and start <= o.start and o.end <= end for o in options):
                continue  # "until the end of the year": a date, read above as the period's end
            options = [o for o in options if not (start <= o.start and o.end <= end)]
            text = self.text[self.doc[start].idx:self.doc[end - 1].idx + len(self.doc[end - 1].text)]
            options.append(_PeriodOption(start, end, token, self._governor(token), None, None, text, phrase=True))
        return sorted(options, key=lambda o: (o.start, o.end))

    def _until(self, time: TimeExpression) -> tuple[str | None, str | None]:
        """"would keep the cut until the end of the year", written in September: the period runs
        from the publication month to that end; an end already past gives no period."""
        published = self.parsed.document.published
        if not published or not time.value or time.precision not in ("day", "month"):
            return None, None
        start, end = published[:7], time.value[:7]
        return (f"{start}/{end}", "month") if end > start else (None, None)

    def _starts_then(self, preposition, time: TimeExpression) -> bool:
        """"cut output by 2 million barrels a day from November" (written in October): a "from"
        date in the writer's present or future starts the figure's period; a past one ("up 5%
        from 2022") is the base it is compared with."""
        published = self.parsed.document.published
        if preposition.lower_ != "from" or not time.value or time.end or not published:
            return False
        return time.value[:7] >= published[:len(time.value[:7])]

    def _sentence_times(self, index: int, sentence) -> list[TimeExpression]:
        if self.times:
            return [t for t in self.times if t.evidence.sentence == index]
        # no time expressions given: plain DATE entities, a year when they are one
        return [
            _date_entity_time(self.parsed, e) for e in self.doc.ents
            if e.label_ == "DATE" and sentence.start <= e.start_char < sentence.end
        ]

    def _choose_period(self, candidate, analysis, members, options) -> _PeriodOption | None:
        """The time governed by the figure's own verb, nearest first; in "from X [when] to Y
        [when]" each end keeps the one written after it."""
        span = analysis.span
        if candidate.unit in TIMELESS_UNITS:  # "a border of 4,209 km that was settled in the 2000s"
            options = [o for o in options if o.governor.dep_ not in ("relcl", "acl")]
        # "rose 5% to $107.6 billion, from $102.6 billion in 2021": a date inside a base of
        # comparison is the base's alone
        options = [o for o in options
                   if (base := _base_phrase(o.root)) is None or _contains(base, analysis.anchor)]
        named = _named_by_date(analysis.anchor, options)
        if named is not None:  # "the March 2022 record of $13.64": the record's date
            return named
        # "owes $44 billion under a 2022 programme": a year naming another thing dates nothing here
        options = [o for o in options if not _names_a_noun(o.root)]
        anchors = {a.anchor.i for _, a in members}
        own = [o for o in options if _within_subtree(o.root, analysis.anchor) and not _token_in(span, o.root)
               and _nearest_figure(o.root, anchors) == analysis.anchor.i]
        if own:  # "$45 billion in 2014" (not "9 million … from 10 million in May": that is 10 million's)
            return min(own, key=lambda o: _distance(o, span))
        # a date inside another figure's noun phrase is that figure's ("$190bn recorded in 2022")
        # (ancestor sets, not a walk per pair: a sentence with thousands of numbers stays linear)
        others = Counter(a.anchor.i for _, a in members if a.anchor.pos_ != "VERB")
        if analysis.anchor.pos_ != "VERB":
            others[analysis.anchor.i] -= 1
        options = [o for o in options if not any(others[i] > 0 for i in _ancestors(o.root))]
        verb = analysis.governor
        for _ in range(6):
            if verb is None:
                break
            chosen = self._period_of_verb(candidate, analysis, members, options, verb)
            if chosen is not None:
                return chosen
            if verb.dep_ not in CLAUSE_LINKS or verb.head.i == verb.i or _changes_tense(verb):
                break
            verb = self._governor(verb.head)
        # one date in the sentence that the parse did not connect: it dates the sentence
        anchors = {a.anchor.i for _, a in members}
        others = sorted((a.span.start, a.span.end) for _, a in members if a is not analysis)
        own_tense = tense(analysis.governor) if analysis.governor is not None else "unknown"
        dated = [
            o for o in options if o.period is not None
            # but not one that dates a noun's modifier ("data published this month", "revenue,
            # which reached $10.25 billion in 2023, fell by half"), unless it is this figure's
            and not (o.governor.dep_ in ("relcl", "acl") and o.governor.i not in anchors
                     and (analysis.governor is None or o.governor.i != analysis.governor.i))
            and not (o.governor.dep_ in ("relcl", "acl") and analysis.governor is not None
                     and o.governor.i != analysis.governor.i and not _contains(o.governor, analysis.anchor))
            # nor a clause told in another tense ("is 4,209 km long and was settled in 2004")
            and not {own_tense, tense(o.governor)} == {"past", "present"}
        ]
        if len(dated) != 1 or (analysis.governor is not None and _changes_tense(analysis.governor)):
            return None
        # nor one written right after another end of a change ("to 9 million from 10 million in May")
        if candidate.role in ("from", "to") and any(s[1] <= dated[0].start < _next_start(others, s) for s in others):
            return None
        return dated[0]

    def _period_of_verb(self, candidate, analysis, members, options, verb) -> _PeriodOption | None:
        span = analysis.span
        same = [o for o in options if o.governor.i == verb.i]
        if same:
            siblings = sorted((a.span.start, a.span.end) for _, a in members
                              if a.governor is not None and a.governor.i == verb.i)
            following = [s for s in siblings if s[0] >= span.end]
            region_end = following[0][0] if following else len(self.doc)
            exclusive = [o for o in same if span.end <= o.start < region_end]
            if exclusive:
                return exclusive[0]
            if candidate.role in ("from", "to"):  # the other end's period is not this one's
                others = [s for s in siblings if s != (span.start, span.end)]
                same = [o for o in same if not any(s[1] <= o.start < _next_start(siblings, s) for s in others)]
            else:  # nor is a base's ("to 9 million … from 10 million in May": May is the base's)
                bases = sorted((a.span.start, a.span.end) for _, a in members
                               if a is not analysis and a.governor is not None and a.governor.i == verb.i
                               and (a.comparison_base or _preposition_word(a.anchor) in ("from", "since")))
                same = [o for o in same if not any(b[1] <= o.start < _next_start(siblings, b) for b in bases)]
            if same:
                return min(same, key=lambda o: _distance(o, span))
        # participial clauses below the verb ("surged, reaching $240 billion in 2023")
        below = [
            o for o in options
            if o.governor.dep_ in ("advcl", "xcomp", "conj") and o.governor.head.i == verb.i
            and not _changes_tense(o.governor)  # "is 4,209 km long and was settled in 2004"
        ]
        return min(below, key=lambda o: _distance(o, span)) if below else None

    # --- from/to pairs and about ----------------------------------------------------------

    def _pair_from_to(self, analysed) -> None:
        """"jumped from ten percent … to 18 percent": both ends get change_from/change_to."""
        for index, (candidate, analysis) in enumerate(analysed):
            preposition = _preposition_of(analysis.anchor)
            if preposition is None or preposition.lower_ != "from" or candidate.role:
                continue
            for other, other_analysis in analysed[index + 1:] + analysed[:index]:
                if other.unit != candidate.unit or other.role:
                    continue
                other_preposition = _preposition_of(other_analysis.anchor)
                if other_preposition is None or other_preposition.lower_ != "to":
                    continue
                heads = (preposition.head.i, preposition.i, analysis.anchor.i)
                if other_preposition.head.i in heads or preposition.head.i == other_preposition.i:
                    candidate.role, other.role = "from", "to"
                    break
        ends: dict[int, list[_Candidate]] = {}
        for candidate, analysis in analysed:
            if candidate.role in ("from", "to"):
                ends.setdefault(analysis.sentence, []).append(candidate)
        for members in ends.values():
            starts = [c for c in members if c.role == "from"]
            finishes = [c for c in members if c.role == "to"]
            for start, finish in zip(starts, finishes):
                for member in (start, finish):
                    member.change_from, member.change_to = start.value, finish.value

    def _about(self, analysis: _Analysis) -> None:
        """Actors in the figure's clause (not in its period phrase) and those behind "its"."""
        names: list[tuple[int, str]] = []
        governor = analysis.governor
        sentence = self.parsed.sentences[analysis.sentence]
        period_spans = self._period_spans.get(analysis.sentence, ())
        for mention in self._mentions_between(sentence.start, sentence.end):
            span = self.doc.char_span(mention.evidence.start, mention.evidence.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            root = span.root
            if any(start <= root.i < end for start, end in period_spans):
                continue  # "before Putin's onslaught": when, not whom
            in_clause = governor is not None and self._governor(root).i == governor.i
            if in_clause or (analysis.subject_actor is not None and _token_in(span, analysis.subject_actor)):
                names.append((mention.evidence.start, _mention_name(mention)))
        if governor is not None and not names:
            mention = self._mention_at(_subject(governor))
            if mention is not None:
                names.append((mention.evidence.start, _mention_name(mention)))
        names += [(m.evidence.start, _mention_name(m)) for m in analysis.resolved]
        for _, name in sorted(names):
            if name and name not in analysis.about:
                analysis.about.append(name)

    # --- token helpers --------------------------------------------------------------------

    def _governor(self, token: Token) -> Token:
        """The verb a token depends on (itself for a verb; the root when there is none)."""
        cached = self._governors.get(token.i)
        if cached is not None:
            return cached
        current = token
        for _ in range(64):
            if current.pos_ == "VERB" or (current.pos_ == "AUX" and current.dep_ in AUX_HEAD_DEPS):
                break
            if current.head.i == current.i:
                break
            current = current.head
        self._governors[token.i] = current
        return current

    def _is_actor(self, token: Token) -> bool:
        return self._mention_at(token) is not None or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")

    def _mention_at(self, token: Token | None) -> Mention | None:
        if token is None:
            return None
        start, end = token.idx, token.idx + len(token.text)
        i = bisect.bisect_right(self.mention_starts, start)
        for mention in self.mentions[max(0, i - 3):i + 1]:
            if mention.evidence.start <= start and end <= mention.evidence.end:
                return mention
        return None

    def _mentions_between(self, start: int, end: int) -> list[Mention]:
        lo = bisect.bisect_left(self.mention_starts, start)
        hi = bisect.bisect_left(self.mention_starts, end)
        return self.mentions[lo:hi]


# --- helpers --------------------------------------------------------------------------------


class _Spans:
    """Character spans with a fast overlap test (spans do not nest much: dates, names)."""

    def __init__(self, spans):
        self.spans = sorted(set(spans))
        self.starts = [s for s, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return any(s < end and start < e for s, e in self.spans[max(0, i - 8):i])


def _bare(numeral: Numeral, qualifier: str | None) -> _Candidate:
    return _Candidate(
        start=numeral.start, end=numeral.end, num_start=numeral.start, num_end=numeral.end,
        value=numeral.value, unit=None, scale=numeral.scale, qualifier=qualifier, numeral=numeral,
    )


def _qualifier_before(text: str, position: int) -> tuple[str | None, int]:
    """"about", "more than", "nearly" … written just before `position`, and where it starts."""
    window_start = max(0, position - 30)
    for pattern, name in _QUALIFIER_RES:
        match = pattern.search(text, window_start, position)
        if match:
            return name, match.start()
    return None, position


_BOUND_AFTER = re.compile(r"[ \t]+(?:or|and)[ \t]+(?:(?P<low>more|above|higher|greater|over|up)"
                          r"|(?P<high>less|fewer|below|under|lower|smaller))\b", re.I)


def _qualifier_after(text: str, position: int) -> str | None:
    """"128 layers or more" is at least 128; "16 nanometres or below" at most 16."""
    match = _BOUND_AFTER.match(text, position)
    if match is None:
        return None
    return "at_least" if match.group("low") else "up_to"


def _qualifier_word(word: str) -> str | None:
    for pattern, name in _QUALIFIER_RES:
        if pattern.fullmatch(word + " "):
            return name
    return None


def _is_non_figure_numeral(text: str, numeral: Numeral) -> bool:
    """Designations, dates, phone numbers, addresses: digits that measure nothing."""
    start, end = numeral.start, numeral.end
    if numeral.spelled:
        return False
    digits_start = start
    while digits_start < end and not text[digits_start].isdigit() and text[digits_start] != ".":
        digits_start += 1
    before = text[max(0, digits_start - 6):digits_start]
    letters = _LETTERS_BEFORE.search(before)
    if letters and letters.group(1).upper() not in ISO_CODES | CODE_ALIASES.keys():
        return True  # "G20", "MH17", "A320" (but "USD115")
    hyphen = digits_start - 1
    if before[-1:] in ("-", "‐") and _WORD_BEFORE_HYPHEN.search(text, max(0, hyphen - 11), hyphen):
        return True  # "Su-35", "COVID-19", "mid-2022", "scp2-173"
    if before[-1:] in ("+", "#"):
        return True
    if len(before) >= 2 and before[-1] in "./:" and before[-2].isdigit():
        return True
    after = text[end:end + 2]
    if len(after) == 2 and after[0] in "/:." and after[1].isdigit():
        return True  # "5/17/2018", "10:30"
    run_start = text.rfind(" ", 0, start) + 1
    run_end = text.find(" ", end)
    run = text[run_start:run_end if run_end != -1 else len(text)]
    if len(run) > 4 and _URL_LIKE.search(run):
        return True
    separators = run.count("-") + run.count("/") + run.count(":")
    return separators >= 2 and bool(_DIGIT_CHAIN.search(run))  # "+1-202-555-0143", "2022-02-24"


def _abbreviated(candidate: _Candidate) -> bool:
    return candidate.numeral is not None and candidate.numeral.abbreviation is not None


def _is_year_like(surface: str, numeral: Numeral) -> bool:
    return numeral.integer and numeral.scale == 1 and bool(_YEAR.match(surface.strip()))


def _is_quantity(token: Token) -> bool:
    return token.like_num or token.ent_type_ in ("MONEY", "QUANTITY", "PERCENT", "CARDINAL")


def _is_change(token: Token) -> bool:
    """"a 26.3% increase", "grew by 36 percent", "an increase of 5%", "sales rose 6%"."""
    head = token.head
    if token.dep_ in MODIFIER_DEPS and head.i > token.i and head.lemma_.lower() in CHANGE_NOUNS:
        return True
    preposition = _preposition_of(token)
    if preposition is not None:
        governor = preposition.head.lemma_.lower()
        return (preposition.lower_ == "by" and governor in CHANGE_VERBS) or (
            preposition.lower_ == "of" and governor in CHANGE_NOUNS
        )
    if token.dep_ in ("dobj", "npadvmod", "advmod", "attr") and head.pos_ == "VERB":
        if head.lemma_.lower() in CHANGE_VERBS:  # "rose 6% to $1.45 billion": not the "to" one
            return not any(c.dep_ == "prep" and c.lower_ == "to" and _contains(c, token) for c in head.children)
    return False


# groups counted by their members: "a crew of 22", "a force of 5,000", "a delegation of 40"
PEOPLE_GROUPS = {"crew", "delegation", "team", "group", "population", "workforce", "staff", "crowd"}
TROOP_GROUPS = {"force", "contingent", "garrison", "army", "battalion", "brigade"}


_SUBSET_AFTER = re.compile(r"\s+of\s+(?:them|those|these|whom)\b", re.I)
# crowds are counted by their people: "put the crowd at 40,000", "estimated turnout at 130,000"
CROWD_NOUNS = {"crowd", "turnout", "attendance", "march", "rally", "protest", "demonstration", "gathering"}
ESTIMATE_VERBS = {"put", "estimate", "place", "peg", "number", "count", "reckon", "gauge"}


def _estimated_group(token: Token) -> Token | None:
    """"put the crowd outside Congress at 40,000": the group whose size a verb of estimating gives."""
    preposition = _preposition_of(token)
    if preposition is None or preposition.lower_ != "at" or preposition.head.lemma_.lower() not in ESTIMATE_VERBS:
        return None
    objects = [c for c in preposition.head.children if c.dep_ == "dobj"]
    if not objects:
        return None
    lemma = objects[0].lemma_.lower()
    return objects[0] if lemma in CROWD_NOUNS | PEOPLE_GROUPS | PEOPLE_NOUNS | TROOP_NOUNS | TROOP_GROUPS else None


def _group_of(token: Token) -> Token | None:
    """The noun of people a bare number is "of" ("the crew of 22" → crew)."""
    preposition = _preposition_of(token)
    if preposition is None or preposition.lower_ != "of":
        return None
    noun = preposition.head
    lemma = noun.lemma_.lower()
    return noun if lemma in PEOPLE_GROUPS | TROOP_GROUPS | PEOPLE_NOUNS | TROOP_NOUNS else None


def _preposition_word(token: Token) -> str | None:
    preposition = _preposition_of(token)
    return preposition.lower_ if preposition is not None else None


def _is_comparison_base(token: Token) -> bool:
    """"compared with $190 billion", "more than the $190bn", "up from 22.7 bcm"."""
    preposition = _preposition_of(token)
    if preposition is None:
        return False
    word = preposition.lower_
    if word in ("than", "versus", "vs", "vs.", "against"):
        return True
    if word == "from" and preposition.head.lower_ in ("up", "down"):
        return True
    return word in ("with", "to") and preposition.head.lemma_.lower() == "compare"


def _inherit_metrics(analyses: list[_Analysis]) -> None:
    """Fill metrics the clause does not name. A pronoun subject ("it grew to …") takes the metric
    of this or the previous sentence, and then its period too when it has none; a comparison base
    ("compared with $190 billion") and a change with no subject of its own ("a rise of 26.3
    percent") take the metric just stated."""
    last_by_sentence: dict[int, _Analysis] = {}
    for analysis in analyses:
        sentence = analysis.sentence
        inherit = analysis.pronoun_metric or (
            analysis.metric is None and (analysis.comparison_base or analysis.kind == "change")
        )
        if inherit:
            earlier = [last_by_sentence[s] for s in (sentence, sentence - 1) if s in last_by_sentence]
            source = earlier[0] if earlier else None
            analysis.metric = source.metric if source else None
            if source is not None and analysis.pronoun_metric and analysis.period_text is None:
                analysis.period, analysis.period_precision = source.period, source.period_precision
                analysis.period_text = source.period_text
        if analysis.metric:
            last_by_sentence[sentence] = analysis


def _share_pair_metrics(analysed) -> None:
    """The two ends of a range or of "from X to Y" measure the same thing; the parse often
    attaches the metric to one end only."""
    for (first, first_analysis), (second, second_analysis) in zip(analysed, analysed[1:]):
        if first.role == "low" and second.role == "high" and second_analysis.metric:
            first_analysis.metric = second_analysis.metric  # the unit and its "of X" follow it
        elif {first.role, second.role} == {"from", "to"}:
            metric = first_analysis.metric or second_analysis.metric
            first_analysis.metric = first_analysis.metric or metric
            second_analysis.metric = second_analysis.metric or metric


def _trim_edges(doc: Doc, kept: list[int], head: int) -> list[int]:
    """Drop leading determiners and dangling punctuation, conjunctions or prepositions."""
    while kept and kept[0] != head and (
        doc[kept[0]].dep_ in ("det", "predet", "punct", "cc", "case")
        or doc[kept[0]].pos_ in ("PUNCT", "CCONJ", "ADP")
    ):
        kept = kept[1:]
    while kept and kept[-1] != head and doc[kept[-1]].pos_ in ("PUNCT", "CCONJ", "ADP", "DET"):
        kept = kept[:-1]
    return kept


def _subject(verb: Token | None) -> Token | None:
    """The subject of a verb, looking through participles, infinitives and conjoined verbs; for
    a relative or participial clause, the noun it modifies."""
    current = verb
    for _ in range(8):
        if current is None:
            return None
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subjects:
            if subjects[0].lower_ in ("which", "that", "who") and current.dep_ == "relcl":
                return current.head
            return subjects[0]
        if current.dep_ in ("relcl", "acl") and current.head.pos_ in ("NOUN", "PROPN"):
            return current.head  # "an increase in trade, escalating from …"
        if current.dep_ not in CLAUSE_LINKS or current.head.i == current.i:
            return None
        current = current.head
        while (current.pos_ not in ("VERB", "AUX") and current.head.i != current.i
               and current.dep_ in ("prep", "pobj", "pcomp")):
            current = current.head
    return None


def _prep_object(noun: Token, prepositions) -> Token | None:
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and not grandchild.like_num:
                    return grandchild
    return None


def _base_phrase(token: Token) -> Token | None:
    """The base-of-comparison preposition above a date that qualifies a figure in it ("from
    $102.6 billion in 2021", "than the 635.6 billion of 2021"); None for a date that is the
    preposition's own object ("from November": a start, or a base with no figure)."""
    current = token
    for _ in range(8):
        head = current.head
        if head.i == current.i or head.pos_ in ("VERB", "AUX") and head.lemma_.lower() != "compare":
            return None
        if head.lower_ in BASE_PREPOSITIONS or (head.lower_ in ("with", "to") and head.head.lemma_.lower() == "compare"):
            return head if current.i != token.i else None
        current = head
    return None


def _coarser_pair(first: str, last: str, precision: str | None) -> tuple[str, str]:
    """Both ends of a span at the coarser of their precisions, at most a month: a change from
    "late June" to September 5 is "2023-06/2023-09"."""
    width = 4 if precision == "year" or len(first) == 4 or len(last) == 4 else 7
    return first[:width], last[:width]


def _changes_tense(verb: Token) -> bool:
    """"raced to $97 in late September and is now back around $79": a coordinated verb in
    another tense tells of another time; the first verb's date is not its date."""
    if verb.dep_ != "conj":
        return False
    own, head = tense(verb), tense(verb.head)
    return {own, head} == {"past", "present"}


def _preposition_of(token: Token) -> Token | None:
    if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent"):
        return token.head
    return None


def _contains(ancestor: Token, token: Token) -> bool:
    return ancestor.left_edge.i <= token.i <= ancestor.right_edge.i


def _overlaps(token: Token, indices: set[int]) -> bool:
    """Whether the subtree of `token` (contiguous in a projective parse) holds any of `indices`."""
    left, right = token.left_edge.i, token.right_edge.i
    return any(left <= i <= right for i in indices)


def _ancestors(token: Token) -> list[int]:
    """Indices of the token and its heads up to the root (at most 64 steps)."""
    found = [token.i]
    current = token
    for _ in range(64):
        if current.head.i == current.i:
            break
        current = current.head
        found.append(current.i)
    return found


def _nearest_figure(token: Token, anchors: set[int]) -> int | None:
    """The anchor of the nearest figure above a token (the token's own when it is one)."""
    return next((i for i in _ancestors(token) if i in anchors), None)


def _within_subtree(token: Token, root: Token) -> bool:
    current = token
    for _ in range(64):
        if current.i == root.i:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _token_in(span: Span, token: Token) -> bool:
    return span.start <= token.i < span.end


def _spans_overlap(first: Span, second: Span) -> bool:
    return first.start < second.end and second.start < first.end


MIN_YEAR_LIKE, MAX_YEAR_LIKE = 1000, 2100
# between two members of a list of named holders: ", Iraq ", ", the UAE ", " and Gabon "
_LIST_GAP = re.compile(r"(?:[ \t]*,)?[ \t]+(?:and[ \t]+)?(?:the[ \t]+)?(?:[A-Z][\w.'’-]*[ \t]+){1,4}")
# a bare number before one of these is a vote count ("five against", "12 abstained")
_TALLY = re.compile(r"[ \t]+(?:(against|in[ \t]+favou?r)(?=[ \t]*(?:[,;.)]|and\b|or\b|with\b|while\b|$))"
                    r"|(abstained|abstaining|abstentions?)\b)", re.I)
TALLY_METRICS = {"against": "votes against", "in favour": "votes in favour", "in favor": "votes in favour"}
_RATIO_LINK = re.compile(r"[ \t]+(?:in|out[ \t]+of)[ \t]+(?:every[ \t]+)?", re.I)


def _ratio_candidate(text: str, numeral: Numeral, following: Numeral | None) -> _Candidate | None:
    """"one in five", "three out of every ten": a share in percent of what follows."""
    if following is None or not numeral.integer or not following.integer or following.value <= 0:
        return None
    link = _RATIO_LINK.match(text, numeral.end)
    if link is None or link.end() != following.start or numeral.value > following.value:
        return None
    if not following.spelled and MIN_YEAR_LIKE <= following.value <= MAX_YEAR_LIKE:
        return None  # "won 3 in 2021": a year
    qualifier, _ = _qualifier_before(text, numeral.start)
    return _Candidate(
        start=numeral.start, end=following.end, num_start=numeral.start, num_end=following.end,
        value=100.0 * numeral.value / following.value, unit="percent", qualifier=qualifier,
        numeral=numeral, kind="share", share_of=True,
    )


_LEADING_FIGURE = re.compile(r"^[$€£¥]?\d[\d.,]*\s*(?:%|percent\b|per cent\b)?\s*")


def _without_leading_figure(metric: str | None) -> str | None:
    """"Geely 20%" after "a 17.4% rate" borrows "17.4% rate": the metric is "rate"."""
    if not metric:
        return metric
    stripped = _LEADING_FIGURE.sub("", metric)
    return stripped or metric


def _main_clause(verb: Token) -> bool:
    """The sentence's main clause: its root, or what a reporting root reports ("prices rose 11%
    last month, INDEC reported on April 12, down from …": the rise)."""
    root = verb.sent.root
    if root.lemma_.lower() in SPEECH_LEMMAS | {"report", "show"} and any(c.dep_ == "ccomp" for c in root.children):
        return verb.dep_ in ("ccomp", "parataxis") and verb.head.i == root.i
    return verb.dep_ == "ROOT"


def _undated_starts(analysed) -> list:
    """"moved the rate from 366.5 to 800 pesos on Tuesday": a start that shares its end's period
    (no date of its own) is marked as the start, so that it is never compared with the new level."""
    starts = []
    for index, (candidate, analysis) in enumerate(analysed):
        if candidate.role != "from":
            continue
        end = next((a for c, a in analysed[index + 1:] if c.role == "to" and a.sentence == analysis.sentence), None)
        if end is not None and end.period == analysis.period:
            starts.append(candidate)
    return starts


def _named_by_date(anchor: Token, options: list[_PeriodOption]) -> _PeriodOption | None:
    """The date modifying the noun a figure is "of", or is said to be: "the March 2022 record of
    $13.64", "the 2023 total was $240 billion"."""
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.pos_ in ("NOUN", "PROPN"):
        noun = anchor.head.head
    elif anchor.dep_ == "attr" and (subject := next((c for c in anchor.head.children if c.dep_ == "nsubj"), None)):
        noun = subject
    else:
        return None
    found = [o for o in options if o.root.head.i == noun.i and _names_a_noun(o.root) and o.period is not None]
    return found[0] if len(found) == 1 else None


def _names_a_noun(root: Token) -> bool:
    """"a 2022 programme", "the March 2022 record": a date inside a noun phrase, naming its noun."""
    head = root.head
    return root.dep_ in ("nmod", "compound", "nummod", "amod") and head.pos_ in ("NOUN", "PROPN") \
        and head.i > root.i and any(c.dep_ in ("det", "poss") and c.i < root.i for c in head.children)


def _up_to(time: TimeExpression, published: str) -> tuple[str, str, str] | None:
    """The span from a time to the publication month (year), as a figure period."""
    size = {"day": 10, "month": 7}.get(time.precision, 4)
    start, end = time.value[:size], published[:size]
    if start < end:
        return f"{start}/{end}", time.precision if size > 4 else "year", time.evidence.text
    return None


def _distance(option: _PeriodOption, span: Span) -> int:
    if option.start >= span.end:
        return option.start - span.end
    if option.end <= span.start:
        return span.start - option.end + 1  # at equal distance, prefer the period after
    return 0


def _next_start(siblings, current) -> int:
    following = [s[0] for s in siblings if s[0] > current[0]]
    return following[0] if following else 10**9


def _mention_name(mention: Mention) -> str:
    return mention.local_name or mention.refers_to or mention.name


def _date_entity_time(parsed: ParsedDocument, entity) -> TimeExpression:
    """Used only when no time expressions are given: a plain year entity becomes a period."""
    match = _PLAIN_YEAR_DATE.match(entity.text.strip())
    value = match.group(1) if match else None
    return TimeExpression(
        id=stable_id("tim", parsed.document.id, entity.start_char, entity.end_char),
        evidence=parsed.evidence(entity.start_char, entity.end_char),
        value=value,
        precision="year" if value else "unknown",
    )
