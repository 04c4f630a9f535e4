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
import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ..nlp import ParsedDocument
from ..records import Figure, Mention, TimeExpression, stable_id
from .numbers import Numeral, find_numerals

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
CODE_ALIASES = {"RMB": "CNY", "RS": "INR", "RS.": "INR"}
# Lower-case codes that are not also English words (unlike "try", "cad", "all").
LOWERCASE_CODES = {"usd", "eur", "gbp", "jpy", "cny", "rmb", "rub", "inr", "chf", "btc", "hkd", "nzd", "mxn"}
CURRENCY_NOUNS = {
    "dollar": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rmb": "CNY", "kuai": "CNY", "ruble": "RUB", "rouble": "RUB", "rupee": "INR",
    "franc": "CHF", "peso": "MXN", "lira": "TRY", "lire": "ITL", "won": "KRW", "real": "BRL",
    "reais": "BRL", "rand": "ZAR", "riyal": "SAR", "dirham": "AED", "shekel": "ILS", "zloty": "PLN",
    "krona": "SEK", "kronor": "SEK", "krone": "NOK", "kroner": "NOK", "hryvnia": "UAH",
    "guilder": "NLG", "peseta": "ESP", "markka": "FIM", "mark": "DEM", "bitcoin": "BTC",
    "tenge": "KZT", "rial": "IRR", "lari": "GEL",
}
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
    "satoshi": ("BTC", 1e-8),
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
    (r"met(?:re|er)s?", "m"),
    (r"feet|foot|ft", "ft"),
    (r"inch(?:es)?", "in"),
    (r"metric[ \t]+ton(?:ne)?s?|tonnes?", "tonne"),
    (r"tons?", "ton"),
    (r"kilogram(?:me)?s?|kgs?", "kg"),
    (r"lbs?", "lb"),
    (r"ounces?|oz", "oz"),
    (r"barrels?|bbls?", "barrel"),
    (r"gallons?", "gallon"),
    (r"lit(?:re|er)s?", "litre"),
    (r"acres?", "acre"),
    (r"hectares?", "hectare"),
]
DIMENSION_CODES = {code for _, code in DIMENSIONS} | {"lb"}

TROOP_NOUNS = {
    "troop", "soldier", "serviceman", "servicemen", "personnel", "marine", "paratrooper", "sailor",
    "airman", "reservist", "conscript", "mercenary", "fighter", "serviceperson", "peacekeeper",
}
PEOPLE_NOUNS = {
    "people", "person", "civilian", "resident", "refugee", "citizen", "migrant", "individual",
    "worker", "employee", "child", "adult", "man", "woman", "men", "women", "student", "voter",
    "tourist", "passenger", "casualty", "prisoner", "hostage", "victim", "inhabitant", "visitor",
    "protester", "patient", "death", "evacuee", "immigrant", "staff",
}
TIME_NOUNS = {
    "year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "quarter",
    "night", "weekend", "season", "semester", "term", "millennium", "fortnight", "yr",
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
BASE_PREPOSITIONS = {"from", "since", "than", "over", "versus", "vs", "vs."}
METRIC_PREPOSITIONS = {"of", "between", "in", "with", "to", "from", "among", "on", "for", "into", "across"}
POSSESSIVE_PRONOUNS = {"its", "his", "her", "their", "our", "my", "your"}
PRONOUNS = {"it", "they", "this", "that", "these", "those", "which", "he", "she", "we", "them"}
NAME_LABELS = {
    "PERSON", "ORG", "PRODUCT", "FAC", "WORK_OF_ART", "LAW", "EVENT", "GPE", "NORP", "LOC",
    "LANGUAGE",
}
DATE_LABELS = {"DATE", "TIME"}

QUALIFIERS = [
    (r"about|approximately|approx\.?|around|roughly|some|an[ \t]+estimated|estimated|circa|ca\.", "about"),
    (r"nearly|almost|close[ \t]+to|just[ \t]+(?:under|below|shy[ \t]+of)|not[ \t]+quite", "nearly"),
    (r"more[ \t]+than|over|above|exceeding|upwards[ \t]+of|in[ \t]+excess[ \t]+of|just[ \t]+over|well[ \t]+over|well[ \t]+above|beyond", "over"),
    (r"less[ \t]+than|fewer[ \t]+than|under|below", "under"),
    (r"at[ \t]+least|no[ \t]+(?:less|fewer)[ \t]+than|a[ \t]+minimum[ \t]+of|a[ \t]+record", "at_least"),
    (r"up[ \t]+to|as[ \t]+(?:much|many|high)[ \t]+as|at[ \t]+most|no[ \t]+more[ \t]+than|a[ \t]+maximum[ \t]+of", "up_to"),
]

# --- surface patterns -----------------------------------------------------------------------


def _alternation(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_QUALIFIER_RES = [(re.compile(rf"(?<![\w])(?:{p})[ \t]+$", re.I), name) for p, name in QUALIFIERS]
_SYMBOLS = "".join(re.escape(s) for s in CURRENCY_SYMBOLS if s != "$")
_CURRENCY_PREFIX = re.compile(
    rf"""(?:
        (?<![A-Za-z])(?P<dollar_prefix>(?i:us|u\.s\.?|usd|hk|hkd|nz|nzd|nt|mex|mx|mxn|aud|cad|sgd|c)[ \t]?|(?:A|AU|S|SG|R|CA|CAN))\$
      | (?P<dollar>\$)
      | (?P<symbol>[{_SYMBOLS}])
      | (?<![A-Za-z])(?P<code>{_alternation(ISO_CODES | CODE_ALIASES.keys() - {"RS", "RS."})}|Rs\.?|(?:{_alternation(LOWERCASE_CODES)}))
    )[ \t\u00a0]?$""",
    re.VERBOSE,
)
_NATIONALITIES = _alternation(
    a.replace(" ", "[ \t]+").replace(".", r"\.") for a in CURRENCY_NATIONALITIES
)
_NOUN_FORMS = _alternation(
    [f"{noun}(?:e?s)?" for noun in CURRENCY_NOUNS] + ["pounds[ \t]+sterling", "deutsche[ \t]+marks?"]
)
_CURRENCY_SUFFIX = re.compile(
    rf"""[ \t]*(?:-[ \t]*)?
    (?:(?P<adj>{_NATIONALITIES})[ \t]+)?
    (?P<noun>{_NOUN_FORMS})(?![\w])""",
    re.I | re.VERBOSE,
)
_SUBUNIT_SUFFIX = re.compile(
    rf"[ \t]*(?:-[ \t]*)?(?P<noun>cents?|pence|penny|pennies|kopecks?|kopeks?|satoshis?)(?![\w])", re.I
)
_CODE_SUFFIX = re.compile(
    rf"[ \t]?(?P<code>{_alternation(ISO_CODES | {'RMB'})}|(?i:{_alternation(LOWERCASE_CODES)}))(?![\w])"
)
_SYMBOL_SUFFIX = re.compile(rf"[ \t]?(?P<symbol>[{_SYMBOLS}]|\$(?![ \t]?\d))")
_PERCENTAGE_POINTS = re.compile(
    r"[ \t]*(?:-[ \t]*)?(?:percentage[ \t-]+points?|percent(?:age)?[ \t]+points?|pp|ppts?|p\.p\.)(?![\w])",
    re.I,
)
_BASIS_POINTS = re.compile(r"[ \t]*(?:-[ \t]*)?(?:basis[ \t-]+points?|bps|bp)(?![\w])", re.I)
_PERCENT = re.compile(r"[ \t]?%|[ \t]*(?:-[ \t]*)?(?:per[ \t]?cents?|percent(?:age)?s?|pct)(?![\w])", re.I)
_DIMENSION = re.compile(
    r"(?P<space>[ \t]*(?:-[ \t]*)?)(?:"
    + "|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _) in enumerate(DIMENSIONS))
    + r")(?![\w])",
    re.I,
)
_ATTACHED_UNIT = re.compile(r"(?P<unit>m|t)(?![\w])")  # "48m", "100t": letters only when attached
_SPEED = re.compile(r"[ \t]*(?:an?|per)[ \t]+hour|[ \t]*/[ \t]*h(?:r|our)?\b|ph\b|[ \t]*per[ \t]+second", re.I)
_FOLD = re.compile(r"[ \t]*-?[ \t]*fold(?![\w])", re.I)
_FOLD_WORD = re.compile(
    r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)fold\b", re.I
)
_FOLD_VALUES = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twenty": 20, "hundred": 100, "thousand": 1000,
}
_TIMES = re.compile(r"[ \t]+times(?![\w])", re.I)
_COMPARATIVE_AFTER = re.compile(
    r"[ \t]+(?:more|less|larger|bigger|higher|greater|smaller|lower|faster|slower|longer|"
    r"as|that|the|this|its|their|his|her|what|over)\b",
    re.I,
)
_CHANGE_AFTER = re.compile(
    r"[ \t]+(?:more|less|higher|lower|up|down|above|below|bigger|smaller|larger|greater)[ \t]+"
    r"(?:than|from|on|over|compared)\b",
    re.I,
)
_CHANGE_BEFORE = re.compile(r"(?<![\w])(?:up|down|plus|minus|by)[ \t]+(?:(?:about|nearly|almost|some|around|over|more[ \t]+than|roughly)[ \t]+)?$", re.I)
_SHARE_AFTER = re.compile(r"[ \t]+of[ \t]+(?!\d)", re.I)
_RANGE = re.compile(r"[ \t]*(?:-|–|—|to|and)[ \t]*", re.I)
_FROM_BEFORE = re.compile(r"(?<![\w])from[ \t]+(?:\S+[ \t]+)?$", re.I)
_BETWEEN_BEFORE = re.compile(r"(?<![\w])between[ \t]+(?:\S+[ \t]+)?$", re.I)
_PERCENT_OF_BEFORE = re.compile(r"(?<![\w])(?:per[ \t]?cents?|percents?)[ \t]+of[ \t]+$", re.I)
_NUMBER_BEFORE = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|[a-z]+ty))[ \t]*$", re.I)
_ORDINAL_BEFORE = re.compile(
    r"\b(?:the|first|second|third|fourth|fifth|last|latter|former|next|\d+(?:st|nd|rd|th))[ \t]+$", re.I
)
_URL_LIKE = re.compile(r"://|www\.|@|%[0-9A-Fa-f]{2}|[?&=]|\.(?:com|org|net|html?)\b")
_LETTERS_BEFORE = re.compile(r"([A-Za-z]+)$")
_DIGIT_CHAIN = re.compile(r"\d+(?:[-–/.:]\d+){2,}")
_YEAR = re.compile(r"^(?:1[0-9]|20)\d\d$")
_PLAIN_YEAR_DATE = re.compile(r"^(?:(?:in|during|of|for|by)\s+)?(?:the\s+(?:year\s+)?)?(\d{4})$", re.I)


# --- candidates -----------------------------------------------------------------------------


@dataclass
class _Candidate:
    start: int  # evidence span
    end: int
    num_start: int  # the numeral itself
    num_end: int
    value: float
    unit: str | None  # None until a counted noun or a measuring verb gives one
    scale: float = 1.0
    qualifier: str | None = None
    kind: str = "level"
    explicit: bool = True  # the unit is written (symbol, word), not inferred from the parse
    numeral: Numeral | None = None
    fraction: bool = False
    share_of: bool = False  # "… percent of X"
    change_hint: bool = False  # "up 5%", "40 percent more than"
    role: str | None = None  # "from" | "to" | "low" | "high"
    partner: int | None = None  # index of the other end of a from/to pair or a range
    change_from: float | None = None
    change_to: float | None = None
    verb_token: int | None = None  # multiplier verbs: the token itself
    metric_hint: str | None = None
    counted: list = field(default_factory=list)


@dataclass
class _Unit:
    unit: str
    end: int
    factor: float = 1.0  # applied to the numeral value (cents → dollars, bp → points)
    scale_factor: float = 1.0


def extract_figures(
    parsed: ParsedDocument, mentions: list[Mention], times: list[TimeExpression]
) -> list[Figure]:
    """Every figure in the document with unit, scale, qualifier, kind, period, metric and about."""
    try:
        return _Extractor(parsed, mentions, times).run()
    except Exception:  # an extractor must never take the pipeline down: keep the safe part
        return _Extractor(parsed, mentions, times, shallow=True).run_safely()


class _Extractor:
    def __init__(self, parsed: ParsedDocument, mentions, times, shallow: bool = False):
        self.parsed = parsed
        self.doc: Doc = parsed.doc
        self.text: str = parsed.document.text
        self.mentions = sorted(mentions, key=lambda m: (m.evidence.start, m.evidence.end, m.id))
        self.mention_starts = [m.evidence.start for m in self.mentions]
        self.times = sorted(times, key=lambda t: (t.evidence.start, t.evidence.end, t.id))
        self.shallow = shallow
        self.date_spans = _Spans(
            [(t.evidence.start, t.evidence.end) for t in self.times]
            + [(e.start_char, e.end_char) for e in self.doc.ents if e.label_ in DATE_LABELS]
        )
        self.name_spans = _Spans(
            [(e.start_char, e.end_char) for e in self.doc.ents if e.label_ in NAME_LABELS]
        )
        self._governors: dict[int, Token] = {}
        self._period_spans: dict[int, list[tuple[int, int]]] = {}  # sentence → token spans

    def run(self) -> list[Figure]:
        candidates = self._surface_candidates()
        candidates += self._multiplier_verbs()
        candidates.sort(key=lambda c: (c.start, c.end))
        return self._build(candidates)

    def run_safely(self) -> list[Figure]:
        try:
            candidates = [c for c in self._surface_candidates() if c.unit]
            return [self._record(c, None) for c in candidates]
        except Exception:
            return []

    # --- surface pass ---------------------------------------------------------------------

    def _surface_candidates(self) -> list[_Candidate]:
        text = self.text
        numerals = find_numerals(text)
        candidates: list[_Candidate] = []
        consumed: set[int] = set()
        for index, numeral in enumerate(numerals):
            if index in consumed or _is_non_figure_numeral(text, numeral):
                continue
            candidate = self._candidate(numeral)
            if candidate is None:
                continue
            following = numerals[index + 1] if index + 1 < len(numerals) else None
            partner = self._range_partner(candidate, following)
            candidates.append(candidate)
            if partner is not None:
                consumed.add(index + 1)
                candidates.append(partner)
        candidates.extend(self._fold_words())
        return candidates

    def _candidate(self, numeral: Numeral) -> _Candidate | None:
        text = self.text
        start, end, value = numeral.start, numeral.end, numeral.value
        scale = numeral.scale
        currency, cur_start = self._currency_prefix(start)
        left = cur_start
        qualifier, _ = _qualifier_before(text, left)
        unit = self._unit_after(numeral, currency)
        if unit is None and _PERCENT_OF_BEFORE.search(text, max(0, start - 16), start):
            return self._percent_of(numeral, qualifier)
        if unit is None and currency is not None:
            unit = _Unit(currency, end)
            unit = self._currency_abbreviation(numeral, unit)
        if unit is not None and unit.unit in ("m", "mm") and numeral.abbreviation:
            value, scale = value / numeral.scale, 1.0  # "48m" is metres, not millions
        if unit is None:
            if numeral.abbreviation in ("m", "mm") and numeral.scale == 1e6:
                return None  # "1m" without money: a length we cannot read safely
            return self._bare_candidate(numeral, qualifier)
        if text[unit.end:unit.end + 1].isalpha():
            return None
        if _SPEED.match(text, unit.end) and unit.unit in DIMENSION_CODES:
            return None  # speeds are out of scope
        value = value * unit.factor
        if unit.unit == "bcm":
            unit = replace(unit, unit="m3", scale_factor=1e9)
        scale *= unit.scale_factor
        value *= unit.scale_factor
        kind = "level"
        if unit.unit == "times":
            kind = "multiplier"
        candidate = _Candidate(
            start=min(cur_start, start), end=unit.end, num_start=start, num_end=end, value=value,
            unit=unit.unit, scale=scale, qualifier=qualifier, kind=kind, numeral=numeral,
        )
        self._context_hints(candidate)
        if numeral.fraction and unit.unit not in ("percent", "percentage_point"):
            pass
        return candidate

    def _currency_prefix(self, start: int) -> tuple[str | None, int]:
        window_start = max(0, start - 12)
        match = _CURRENCY_PREFIX.search(self.text, window_start, start)
        if not match:
            return None, start
        if match.group("dollar_prefix") is not None:
            key = re.sub(r"[ \t]", "", match.group("dollar_prefix")).lower()
            code = DOLLAR_PREFIXES.get(key, "USD")
        elif match.group("dollar"):
            code = "USD"
        elif match.group("symbol"):
            code = CURRENCY_SYMBOLS[match.group("symbol")]
        else:
            raw = match.group("code").upper()
            code = CODE_ALIASES.get(raw, raw)
        return code, match.start()

    def _currency_abbreviation(self, numeral: Numeral, unit: _Unit) -> _Unit:
        return unit

    def _unit_after(self, numeral: Numeral, currency: str | None) -> _Unit | None:
        text, end = self.text, numeral.end
        if numeral.abbreviation in ("m", "mm") and currency is None:
            # "7.62mm", "48m": the abbreviation is a length unless money is around
            money = _CURRENCY_SUFFIX.match(text, end) or _CODE_SUFFIX.match(text, end)
            if not money:
                return _Unit(numeral.abbreviation, end)
        match = _PERCENTAGE_POINTS.match(text, end)
        if match:
            return _Unit("percentage_point", match.end())
        match = _BASIS_POINTS.match(text, end)
        if match:
            return _Unit("percentage_point", match.end(), factor=0.01)
        match = _PERCENT.match(text, end)
        if match:
            return _Unit("percent", match.end())
        match = _SUBUNIT_SUFFIX.match(text, end)
        if match:
            noun = match.group("noun").lower().rstrip("s") if not match.group("noun").lower().startswith("penn") else match.group("noun").lower()
            code, factor = SUBUNITS.get(noun, SUBUNITS.get(noun + "s", ("USD", 0.01)))
            return _Unit(currency or code, match.end(), factor=factor)
        match = _CURRENCY_SUFFIX.match(text, end)
        if match:
            code = self._currency_noun(match, numeral, currency)
            if code:
                return _Unit(code, match.end())
        match = _CODE_SUFFIX.match(text, end)
        if match:
            raw = match.group("code").upper()
            return _Unit(CODE_ALIASES.get(raw, raw), match.end())
        match = _SYMBOL_SUFFIX.match(text, end)
        if match and currency is None:
            return _Unit(CURRENCY_SYMBOLS[match.group("symbol")], match.end())
        if currency is not None:
            return None
        match = _DIMENSION.match(text, end)
        if match:
            code = next(DIMENSIONS[i][1] for i in range(len(DIMENSIONS)) if match.group(f"u{i}"))
            if code == "mile" and match.group(0).strip().lower() == "mi" and match.group("space").strip() == "" and match.group("space"):
                pass
            return _Unit(code, match.end())
        match = _ATTACHED_UNIT.match(text, end)
        if match:
            return _Unit({"m": "m", "t": "tonne"}[match.group("unit")], match.end())
        match = _FOLD.match(text, end)
        if match:
            return _Unit("times", match.end())
        match = _TIMES.match(text, end)
        if match and _COMPARATIVE_AFTER.match(text, match.end()):
            return _Unit("times", match.end())
        return None

    def _currency_noun(self, match: re.Match, numeral: Numeral, currency: str | None) -> str | None:
        noun = re.sub(r"[ \t]+", " ", match.group("noun").lower())
        adjective = re.sub(r"[ \t]+", " ", (match.group("adj") or "").lower()) or None
        if noun.startswith("deutsche"):
            return "DEM"
        if noun.startswith("pounds sterling"):
            return "GBP"
        base = noun
        for candidate in (noun, noun[:-1], noun[:-2]):
            if candidate in CURRENCY_NOUNS:
                base = candidate
                break
        else:
            return None
        if currency is not None:
            return currency if base == "dollar" else None  # "$200 billion mark" is no D-mark
        if base in AMBIGUOUS_CURRENCY_NOUNS and adjective is None:
            # "25 pounds" is a weight, "5 real problems" no money; "361 million pounds" is
            if base in ("real", "mark", "rand") or numeral.scale < 1e6:
                return None
        if adjective and (adjective, base) in CURRENCY_ADJECTIVES:
            return CURRENCY_ADJECTIVES[(adjective, base)]
        if adjective in ("canadian", "australian", "hong kong", "new zealand", "singapore") and base == "dollar":
            return None
        return CURRENCY_NOUNS[base]

    def _percent_of(self, numeral: Numeral, qualifier: str | None) -> _Candidate | None:
        """"per cent of twenty-two": the percentage written after its unit."""
        text = self.text
        if re.match(r"[ \t]*[A-Za-z]", text[numeral.end:numeral.end + 3]):
            return None  # "percent of 10 countries" counts countries
        match = _PERCENT_OF_BEFORE.search(text, max(0, numeral.start - 16), numeral.start)
        if _NUMBER_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            return None  # "5 percent of 10": the percent already has its number
        return _Candidate(
            start=match.start(), end=numeral.end, num_start=numeral.start, num_end=numeral.end,
            value=numeral.value, unit="percent", qualifier=qualifier, numeral=numeral,
        )

    def _bare_candidate(self, numeral: Numeral, qualifier: str | None) -> _Candidate | None:
        """A number without a written unit: kept for the parse pass to find what it counts."""
        text = self.text
        if numeral.fraction:
            return self._fraction_candidate(numeral, qualifier)
        if numeral.scale == 1 and not numeral.integer and not numeral.spelled:
            pass
        if self.date_spans.overlaps(numeral.start, numeral.end):
            return None
        if self.name_spans.overlaps(numeral.start, numeral.end):
            return None
        after = text[numeral.end:numeral.end + 2]
        if after.startswith("'s") or after.startswith("’s") or (after[:1].isalpha()):
            return None
        times_match = _TIMES.match(text, numeral.end)
        candidate = _Candidate(
            start=numeral.start, end=numeral.end, num_start=numeral.start, num_end=numeral.end,
            value=numeral.value, unit=None, scale=numeral.scale, qualifier=qualifier,
            explicit=False, numeral=numeral,
        )
        if times_match:
            candidate.end = times_match.end()
            candidate.unit = "count"
            candidate.metric_hint = "times"
        return candidate

    def _fraction_candidate(self, numeral: Numeral, qualifier: str | None) -> _Candidate | None:
        """"half of its exports" (share), "cut by half" (change), "half a million" (a level)."""
        text = self.text
        before = text[max(0, numeral.start - 12):numeral.start].lower()
        if _ORDINAL_BEFORE.search(before):
            return None  # "the second half of the year"
        if text[numeral.end:numeral.end + 1] == "-" or text[max(0, numeral.start - 1):numeral.start] == "-":
            return None  # "half-brother", "second-half"
        if numeral.scale >= 1e3:
            return _Candidate(
                start=numeral.start, end=numeral.end, num_start=numeral.start, num_end=numeral.end,
                value=numeral.value, unit=None, scale=numeral.scale, qualifier=qualifier,
                explicit=False, numeral=numeral,
            )
        percent = numeral.value * 100.0
        share = _SHARE_AFTER.match(text, numeral.end)
        by = re.search(r"(?<![\w])by[ \t]+(?:about[ \t]+|nearly[ \t]+|almost[ \t]+|more[ \t]+than[ \t]+)?$", before)
        if not share and not by:
            return None
        candidate = _Candidate(
            start=numeral.start, end=numeral.end, num_start=numeral.start, num_end=numeral.end,
            value=percent, unit="percent", qualifier=qualifier, numeral=numeral, fraction=True,
            kind="share" if share else "change", share_of=bool(share), change_hint=bool(by),
        )
        return candidate

    def _context_hints(self, candidate: _Candidate) -> None:
        text = self.text
        if candidate.unit in ("percent", "percentage_point") and _SHARE_AFTER.match(text, candidate.end):
            candidate.share_of = True
        if _CHANGE_AFTER.match(text, candidate.end):
            candidate.change_hint = True
        left = candidate.start
        qualifier_match = None
        for pattern, _ in _QUALIFIER_RES:
            qualifier_match = pattern.search(text, max(0, left - 30), left)
            if qualifier_match:
                left = qualifier_match.start()
                break
        if _CHANGE_BEFORE.search(text, max(0, left - 30), left) and candidate.unit in ("percent", "percentage_point"):
            candidate.change_hint = True

    def _range_partner(self, candidate: _Candidate, following: Numeral | None) -> _Candidate | None:
        """"$10-15 billion", "between 10 and 15 percent", "from 10 to 15 percent"."""
        if following is None:
            return None
        text = self.text
        connector = _RANGE.match(text, candidate.num_end if candidate.unit is None or candidate.end == candidate.num_end else candidate.end)
        if connector is None:
            return None
        gap_end = connector.end()
        word = connector.group().strip().lower()
        currency, cur_start = self._currency_prefix(following.start)
        if cur_start != gap_end and following.start != gap_end:
            return None
        if _is_non_figure_numeral(text, following):
            return None
        between = _BETWEEN_BEFORE.search(text, max(0, candidate.start - 20), candidate.start)
        from_before = _FROM_BEFORE.search(text, max(0, candidate.start - 20), candidate.start)
        if word == "and" and not between:
            return None
        other = self._candidate(following)
        if other is None or other.unit is None:
            return None
        if candidate.unit is None or candidate.end == candidate.num_end:
            if candidate.unit not in (None, other.unit) and candidate.unit != "count":
                return None
            # the first number borrows the unit and scale written after the second
            candidate.unit = other.unit
            candidate.explicit = other.explicit
            if candidate.scale == 1 and other.scale != 1 and (candidate.numeral is None or not candidate.numeral.abbreviation):
                candidate.value *= other.scale
                candidate.scale = other.scale
            if other.unit.startswith("percent") or other.unit in DIMENSION_CODES:
                candidate.end = candidate.num_end
            candidate.share_of = candidate.share_of or other.share_of
            candidate.change_hint = candidate.change_hint or other.change_hint
        elif candidate.unit != other.unit:
            return None
        if word == "to" and from_before:
            candidate.role, other.role = "from", "to"
        else:
            candidate.role, other.role = "low", "high"
            candidate.qualifier = candidate.qualifier or "at_least"
            other.qualifier = other.qualifier or "up_to"
        return other

    def _fold_words(self) -> list[_Candidate]:
        found = []
        for match in _FOLD_WORD.finditer(self.text):
            qualifier, _ = _qualifier_before(self.text, match.start())
            found.append(_Candidate(
                start=match.start(), end=match.end(), num_start=match.start(), num_end=match.end(),
                value=float(_FOLD_VALUES[match.group("n").lower()]), unit="times",
                qualifier=qualifier, kind="multiplier",
            ))
        return found

    def _multiplier_verbs(self) -> list[_Candidate]:
        """"doubled", "nearly quadrupled", "more than tripled", "halved"."""
        found = []
        for token in self.doc:
            if token.pos_ != "VERB" or token.lemma_.lower() not in MULTIPLIER_VERBS:
                continue
            if any(c.dep_ == "prt" and c.lower_ in ("down", "up", "over") for c in token.children):
                continue  # "doubled down"
            if any(c.dep_ == "dobj" and c.lower_ in ("efforts",) for c in token.children):
                continue
            qualifier = None
            for child in token.children:
                if child.dep_ == "advmod" and child.i < token.i:
                    qualifier = _qualifier_word(child.lower_) or qualifier
            if qualifier is None:
                qualifier, _ = _qualifier_before(self.text, token.idx)
            found.append(_Candidate(
                start=token.idx, end=token.idx + len(token.text), num_start=token.idx,
                num_end=token.idx + len(token.text), value=MULTIPLIER_VERBS[token.lemma_.lower()],
                unit="times", qualifier=qualifier, kind="multiplier", verb_token=token.i,
            ))
        return found

    # --- parse pass -----------------------------------------------------------------------

    def _build(self, candidates: list[_Candidate]) -> list[Figure]:
        analysed: list[tuple[_Candidate, _Analysis]] = []
        for candidate in candidates:
            analysis = self._analyse(candidate)
            if analysis is None:
                continue
            analysed.append((candidate, analysis))
        self._pair_from_to(analysed)
        self._assign_periods(analysed)
        _share_pair_metrics(analysed)
        for candidate, analysis in analysed:
            self._about(candidate, analysis)
        figures = []
        previous_metric: str | None = None
        previous_sentence = -1
        last_metric_by_sentence: dict[int, str] = {}
        for candidate, analysis in analysed:
            if analysis.pronoun_metric:
                earlier = [last_metric_by_sentence[s] for s in (analysis.sentence, analysis.sentence - 1) if s in last_metric_by_sentence]
                analysis.metric = earlier[0] if earlier else None
            if analysis.metric and not analysis.pronoun_metric:
                last_metric_by_sentence[analysis.sentence] = analysis.metric
            elif analysis.metric:
                last_metric_by_sentence[analysis.sentence] = analysis.metric
            figures.append(self._record(candidate, analysis))
        del previous_metric, previous_sentence
        return figures

    def _record(self, candidate: _Candidate, analysis: _Analysis | None) -> Figure:
        evidence = self.parsed.evidence(candidate.start, candidate.end)
        kind = analysis.kind if analysis else candidate.kind
        return Figure(
            id=stable_id("fig", self.parsed.document.id, candidate.start, candidate.end, candidate.unit),
            evidence=evidence,
            value=float(candidate.value),
            unit=candidate.unit or "count",
            surface=evidence.text,
            scale=float(candidate.scale),
            qualifier=candidate.qualifier,
            kind=kind,
            change_from=candidate.change_from,
            change_to=candidate.change_to,
            period=analysis.period if analysis else None,
            period_precision=analysis.period_precision if analysis else None,
            period_text=analysis.period_text if analysis else None,
            metric=analysis.metric if analysis else None,
            about=tuple(analysis.about) if analysis else (),
        )

    def _analyse(self, candidate: _Candidate) -> _Analysis | None:
        if candidate.verb_token is not None:
            anchor = self.doc[candidate.verb_token]
            span = self.doc[anchor.i:anchor.i + 1]
        else:
            span = self.doc.char_span(candidate.num_start, candidate.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                return None if candidate.unit is None else _Analysis(sentence=self.parsed.sentence_of(candidate.start), kind=candidate.kind)
            anchor = _anchor(span)
        sentence_index = self.parsed.sentence_of(candidate.start)
        analysis = _Analysis(sentence=sentence_index, kind=candidate.kind, anchor=anchor, span=span)
        if candidate.unit is None or candidate.metric_hint == "times":
            if not self._counted(candidate, analysis):
                return None
        analysis.governor = self._governor(analysis.anchor)
        self._classify(candidate, analysis)
        return analysis

    # bare numbers

    def _counted(self, candidate: _Candidate, analysis: _Analysis) -> bool:
        """Give a bare number its unit from what it counts; False when it counts nothing."""
        numeral = candidate.numeral
        span = analysis.span
        last = span[-1]
        if candidate.metric_hint == "times":
            if candidate.value < 2:
                return False
            verb = self._governor(span[0])
            if verb.pos_ not in ("VERB", "AUX"):
                return False
            analysis.metric = f"times {verb.text.lower()}"
            analysis.fixed_metric = True
            return True
        if numeral is not None and numeral.fraction:
            candidate.unit = "count"
            noun = self._counted_noun(span)
            if noun is None:
                return False
            return self._apply_noun(candidate, analysis, noun)
        if self._designation(span):
            return False
        noun = self._counted_noun(span)
        year_like = numeral is not None and _is_year_like(self.text[numeral.start:numeral.end], numeral)
        if noun is not None:
            lemma = noun.lemma_.lower()
            if year_like and lemma not in TROOP_NOUNS | PEOPLE_NOUNS and not candidate.qualifier:
                return False
            if candidate.value == 1:
                return False  # "one country": an article more than a figure
            if noun.tag_ not in ("NNS", "NNPS") and noun.lower_ not in ("personnel", "staff", "people"):
                return False  # "the 2022 invasion", "a 50 share": a modifier, not a count
            return self._apply_noun(candidate, analysis, noun)
        if year_like or candidate.value < 2 and not candidate.qualifier:
            return False
        return self._measured(candidate, analysis)

    def _designation(self, span: Span) -> bool:
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
        root = span.root
        head = root.head
        if root.dep_ in ("nummod", "quantmod", "amod", "compound") and head.i > span[-1].i and head.pos_ in ("NOUN", "PROPN"):
            if head.i - span[-1].i <= 4:
                return head
        following = self.doc[span[-1].i + 1:min(len(self.doc), span[-1].i + 4)]
        for token in following:
            if token.pos_ in ("ADJ", "PUNCT") and token.text != ",":
                continue
            if token.pos_ == "NOUN" and token.tag_ == "NNS":
                return token
            break
        return None

    def _apply_noun(self, candidate: _Candidate, analysis: _Analysis, noun: Token) -> bool:
        lemma = noun.lemma_.lower()
        lower = noun.lower_
        if lemma in TIME_NOUNS or lower.rstrip("s") in TIME_NOUNS or lower in ("centuries",):
            return False
        if lower in ("percent", "times", "%"):
            return False
        determiners = {c.lower_ for c in noun.children if c.dep_ in ("det", "poss", "predet") and c.i < noun.i}
        if determiners & {"the", "these", "those", "both", "all", "each", "every", "such"}:
            return False
        if determiners & {"their", "its", "our", "his", "her", "my", "your"} and candidate.value < 10:
            return False
        if lemma in ACTOR_NOUNS and candidate.value <= 2:
            return False
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in self.doc[candidate_span_end(analysis.span):noun.i + 1] if c.i < noun.i):
            return False
        if lemma in TROOP_NOUNS or lower in TROOP_NOUNS:
            candidate.unit = "troops"
        elif lemma in PEOPLE_NOUNS or lower in PEOPLE_NOUNS:
            candidate.unit = "people"
        else:
            candidate.unit = "count"
        if noun.idx + len(noun.text) > candidate.end:
            candidate.end = noun.idx + len(noun.text)
        analysis.metric = self._noun_phrase(
            noun, set(range(analysis.span.start, analysis.span.end)), analysis, prepositions={"of"}
        )
        analysis.fixed_metric = True
        analysis.counted_noun = noun
        return True

    def _measured(self, candidate: _Candidate, analysis: _Analysis) -> bool:
        """"the death toll rose to 300": a bare number reported by a measuring verb."""
        anchor = analysis.anchor
        token, preposition = anchor, None
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            preposition = token.head.lower_
            token = token.head
        if preposition not in (None, "to", "at", "by", "from"):
            return False
        if token.dep_ not in ("dobj", "attr", "npadvmod", "prep", "oprd", "pobj"):
            return False
        verb = token.head
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in MEASURE_VERBS:
            return False
        subject = _subject(verb)
        if subject is None or subject.pos_ not in ("NOUN",) or subject.ent_type_:
            return False
        candidate.unit = "count"
        return True

    # classification, metric

    def _classify(self, candidate: _Candidate, analysis: _Analysis) -> None:
        anchor = analysis.anchor
        kind = candidate.kind
        if kind != "multiplier":
            if candidate.share_of or (candidate.fraction and candidate.kind == "share"):
                kind = "share"
            elif candidate.change_hint or self._change_context(anchor, candidate):
                kind = "change"
        analysis.kind = kind
        if analysis.fixed_metric:
            if candidate.metric_hint == "times":
                pass
            return
        metric, pronoun = self._metric(candidate, analysis)
        analysis.metric = metric
        analysis.pronoun_metric = pronoun
        if kind == "level" and metric and candidate.unit in ("percent", "percentage_point"):
            head_word = metric.split(" of ")[0].split()[-1] if metric.split(" of ")[0].split() else ""
            if head_word in SHARE_NOUNS or head_word.endswith("share"):
                analysis.kind = "share"

    def _change_context(self, anchor: Token, candidate: _Candidate) -> bool:
        if candidate.kind == "multiplier":
            return False
        token = anchor
        head = token.head
        if token.dep_ in ("nummod", "compound", "amod", "quantmod", "nmod", "npadvmod") and head.i > token.i and head.lemma_.lower() in CHANGE_NOUNS:
            return True
        if token.dep_ == "pobj" and head.dep_ == "prep":
            preposition = head.lower_
            governor = head.head
            if preposition == "by" and governor.lemma_.lower() in CHANGE_VERBS:
                return True
            if preposition == "of" and governor.lemma_.lower() in CHANGE_NOUNS:
                return True
            return False
        if token.dep_ in ("dobj", "npadvmod", "advmod", "attr") and head.pos_ == "VERB" and head.lemma_.lower() in CHANGE_VERBS:
            return not any(c.dep_ == "prep" and c.lower_ == "to" and _contains(c, anchor) for c in head.children)
        return False

    def _metric(self, candidate: _Candidate, analysis: _Analysis) -> tuple[str | None, bool]:
        anchor = analysis.anchor
        exclude = set(range(analysis.span.start, analysis.span.end))
        if candidate.kind == "multiplier" and candidate.verb_token is not None:
            return self._subject_metric(anchor, exclude, analysis)
        # "… percent of X": the whole the share is taken of
        if candidate.share_of or analysis.kind == "share":
            of_phrase = self._of_phrase(analysis)
            if of_phrase is not None:
                return self._noun_phrase(of_phrase, exclude, analysis), False
        # "$129 billion worth of Russian goods"
        worth = self._worth_of(analysis)
        if worth is not None:
            return self._noun_phrase(worth, exclude, analysis), False
        return self._position_metric(anchor, exclude, analysis, depth=0)

    def _position_metric(self, token: Token, exclude: set[int], analysis: _Analysis, depth: int) -> tuple[str | None, bool]:
        if depth > 4:
            return None, False
        head = token.head
        dep = token.dep_
        if dep in ("nummod", "compound", "amod", "quantmod", "nmod", "npadvmod") and head.i != token.i and head.pos_ in ("NOUN", "PROPN") and head.i not in exclude:
            lemma = head.lemma_.lower()
            if lemma in CHANGE_NOUNS or lemma in ("mark", "level", "threshold", "figure", "target", "goal", "milestone", "total", "record", "high", "low", "sum", "amount"):
                specific = _prep_object(head, ("in", "of")) if lemma in CHANGE_NOUNS else None
                if specific is not None and specific.i not in exclude:
                    return self._noun_phrase(specific, exclude, analysis), False
                return self._position_metric(head, exclude | {head.i}, analysis, depth + 1)
            if dep == "npadvmod" and head.lower_ == "worth":
                pass
            else:
                return self._noun_phrase(head, exclude, analysis), False
        if dep == "npadvmod" and head.lower_ == "worth":
            noun = head.head if head.dep_ == "amod" else None
            if noun is not None and noun.pos_ in ("NOUN", "PROPN"):
                return self._generic_noun_metric(noun, exclude, analysis), False
        if dep == "appos":
            if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() not in CHANGE_NOUNS:
                return self._noun_phrase(head, exclude, analysis), False  # "cars (20 percent)"
            return self._position_metric(head, exclude, analysis, depth + 1)
        if dep == "pobj" and head.dep_ == "prep":
            preposition = head.lower_
            governor = head.head
            if governor.pos_ in ("NOUN", "PROPN") and governor.i not in exclude:
                if governor.lemma_.lower() in CHANGE_NOUNS or governor.lemma_.lower() in ("level", "mark", "total"):
                    return self._position_metric(governor, exclude | {governor.i}, analysis, depth + 1)
                if preposition in ("of", "at", "worth") and governor.lemma_.lower() not in ("worth",):
                    return self._noun_phrase(governor, exclude, analysis), False
            if governor.pos_ in ("VERB", "AUX"):
                if preposition == "at":
                    objects = [c for c in governor.children if c.dep_ == "dobj" and c.i not in exclude]
                    if objects:
                        return self._noun_phrase(objects[0], exclude, analysis), False
                return self._subject_metric(governor, exclude, analysis)
            if governor.pos_ == "ADJ" and governor.lower_ == "worth":
                noun = governor.head
                if noun.pos_ in ("NOUN", "PROPN"):
                    return self._generic_noun_metric(noun, exclude, analysis), False
            return None, False
        if dep in ("dobj", "attr", "npadvmod", "oprd", "acomp", "advmod", "ROOT", "conj", "nsubj", "dep", "pobj"):
            verb = head if dep != "ROOT" else token
            if verb.pos_ in ("VERB", "AUX"):
                if dep == "nsubj":
                    return None, False
                return self._subject_metric(verb, exclude, analysis)
            if dep == "conj" and head.i != token.i:
                return self._position_metric(head, exclude, analysis, depth + 1)
        return None, False

    def _subject_metric(self, verb: Token, exclude: set[int], analysis: _Analysis) -> tuple[str | None, bool]:
        subject = _subject(verb)
        if subject is None:
            return None, False
        if subject.lower_ in PRONOUNS:
            return None, True  # resolved later to the metric of the sentence before
        if subject.lemma_.lower() in CHANGE_NOUNS:
            measured = _prep_object(subject, ("in", "of"))
            if measured is not None and measured.i not in exclude:
                return self._noun_phrase(measured, exclude, analysis), False
        if self._is_actor(subject):
            # "China bought …": the actor is who, not what; keep the object if there is one
            objects = [c for c in verb.children if c.dep_ == "dobj" and c.i not in exclude and not _overlaps_tokens(c, exclude)]
            analysis.subject_actor = subject
            if objects:
                return self._generic_noun_metric(objects[0], exclude, analysis), False
            return None, False
        return self._noun_phrase(subject, exclude, analysis), False

    def _generic_noun_metric(self, noun: Token, exclude: set[int], analysis: _Analysis) -> str | None:
        """"China exported goods worth $111 billion to Russia" measures exports to Russia."""
        places = [c for c in noun.children if c.dep_ == "compound" and c.ent_type_ == "GPE"]
        modifiers = [
            c for c in noun.children
            if c.dep_ in ("amod", "compound", "nmod") and c.i not in exclude and c not in places
            and not _overlaps_tokens(c, exclude)
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
            if objects and objects[0].i == noun.i:  # "exported to Russia goods worth …" (misparse)
                place = " ".join(p.text for p in places)
            elif objects:
                place = self._noun_phrase(objects[0], exclude, analysis)
            else:
                place = None
            if place:
                parts.append(f"{preposition.lower_} {place}")
        return " ".join(parts).lower()

    def _of_phrase(self, analysis: _Analysis) -> Token | None:
        last = analysis.span[-1]
        for token in self.doc[last.i + 1:min(len(self.doc), last.i + 2)]:
            if token.lower_ == "of":
                objects = [c for c in token.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
                following = self.doc[token.i + 1:min(len(self.doc), token.i + 8)]
                nouns = [t for t in following if t.pos_ in ("NOUN", "PROPN")]
                return nouns[-1] if nouns else None
        for child in analysis.anchor.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        return None

    def _worth_of(self, analysis: _Analysis) -> Token | None:
        last = analysis.span[-1]
        tokens = self.doc[last.i + 1:min(len(self.doc), last.i + 3)]
        if len(tokens) == 2 and tokens[0].lower_ == "worth" and tokens[1].lower_ == "of":
            objects = [c for c in tokens[1].children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
            following = self.doc[tokens[1].i + 1:min(len(self.doc), tokens[1].i + 8)]
            for token in following:
                if token.pos_ in ("NOUN", "PROPN") and (token.i + 1 >= len(self.doc) or self.doc[token.i + 1].pos_ not in ("NOUN", "PROPN")):
                    return token
        return None

    def _noun_phrase(
        self, head: Token, exclude: set[int], analysis: _Analysis | None = None,
        prepositions=METRIC_PREPOSITIONS,
    ) -> str | None:
        """A short lowercase noun phrase around `head`: modifiers and "of/between/in" phrases
        kept; clauses, appositions, dates and the figure itself left out."""
        kept: list[int] = []
        for depth in (3, 2, 1, 0):
            kept = sorted(self._phrase_tokens(head, exclude, depth, prepositions, is_head=True))
            if sum(1 for i in kept if self.doc[i].dep_ not in ("det", "case", "punct")) <= 10:
                break
        kept = _trim_edges(self.doc, kept, head.i)
        pieces = []
        for position, i in enumerate(kept):
            token = self.doc[i]
            word = self._possessive_word(token, analysis)
            if not word:
                continue
            following = kept[position + 1] if position + 1 < len(kept) else None
            glue = token.whitespace_ if following == i + 1 else " "
            pieces.append(word + glue)
        phrase = re.sub(r"\s+", " ", "".join(pieces)).replace(" 's", "'s").replace(" ’s", "’s")
        phrase = phrase.lower().strip(" ,;:—–-\"'“”‘’()")
        return phrase or None

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

    def _phrase_tokens(
        self, token: Token, exclude: set[int], prep_depth: int, prepositions, is_head: bool
    ) -> set[int]:
        kept = {token.i} if token.i not in exclude else set()
        for child in token.children:
            if _overlaps_tokens(child, exclude):
                continue  # "commodities worth $129 billion": the figure is not its own metric
            if self.date_spans.overlaps(child.idx, child.idx + len(child.text)) and child.pos_ != "ADP":
                continue
            dep = child.dep_
            if dep in ("relcl", "acl", "appos", "advcl", "ccomp", "parataxis", "punct", "mark", "dep", "nsubj", "aux", "neg", "advmod") and not (dep == "punct" and child.tag_ == "HYPH"):
                if not (dep == "advmod" and not is_head):
                    continue
            if is_head and dep in ("conj", "cc"):
                continue
            if dep == "prep":
                if prep_depth <= 0 or child.lower_ not in prepositions:
                    continue
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if not objects or any(self.date_spans.overlaps(o.idx, o.idx + len(o.text)) for o in objects):
                    continue
                if any(o.i in exclude for o in objects) or any(_overlaps_tokens(o, exclude) for o in objects):
                    continue
                kept.add(child.i)
                for obj in objects:
                    kept |= self._phrase_tokens(obj, exclude, prep_depth - 1, prepositions, is_head=False)
                continue
            if dep in ("det", "poss", "amod", "compound", "nmod", "nummod", "case", "quantmod", "cc", "conj", "npadvmod", "hmod", "punct", "advmod", "predet", "prt", "pobj"):
                if dep == "nummod" and _overlaps_tokens(child, exclude):
                    continue
                kept |= self._phrase_tokens(child, exclude, prep_depth, prepositions, is_head=False)
        return kept

    def _possessor(self, token: Token, analysis: _Analysis) -> str | None:
        """Who "its", "his", "her" or "the country" refers to, within the sentence."""
        word = token.lower_
        if word not in ("its", "his", "her", "country", "nation"):
            return None
        wanted = {"its": ("GPE", "ORG", "NORP", "LOC"), "his": ("PERSON",), "her": ("PERSON",),
                  "country": ("GPE",), "nation": ("GPE",)}[word]
        governor = analysis.governor if analysis.governor is not None else self._governor(token)
        subject = _subject(governor) if governor is not None else None
        part_whole = False
        verb = governor
        while verb is not None:
            if verb.lemma_.lower() in PART_WHOLE_VERBS:
                part_whole = True
                break
            if verb.dep_ in ("advcl", "xcomp", "conj", "relcl") and verb.head.i != verb.i:
                verb = self._governor(verb.head)
            else:
                break
        sentence = self.parsed.sentences[analysis.sentence]
        subject_mention = self._mention_at(subject) if subject is not None else None
        if subject_mention is not None and not part_whole and subject_mention.kind in wanted and subject_mention.evidence.start < token.idx:
            return _mention_name(subject_mention)
        best = None
        for mention in self._mentions_between(sentence.start, token.idx):
            if mention.kind not in wanted or mention is subject_mention:
                continue
            best = mention
        if best is not None:
            analysis.resolved.append(best)
            return _mention_name(best)
        if subject_mention is not None and subject_mention.kind in wanted and not part_whole:
            return _mention_name(subject_mention)
        return None

    # periods

    def _assign_periods(self, analysed) -> None:
        by_sentence: dict[int, list] = {}
        for candidate, analysis in analysed:
            by_sentence.setdefault(analysis.sentence, []).append((candidate, analysis))
        for sentence_index, members in by_sentence.items():
            options = self._period_options(sentence_index, members)
            self._period_spans[sentence_index] = [(o.start, o.end) for o in options]
            if not options:
                continue
            for candidate, analysis in members:
                if analysis.anchor is None:
                    continue
                chosen = self._choose_period(candidate, analysis, members, options)
                if chosen is not None:
                    analysis.period, analysis.period_precision, analysis.period_text = chosen.period, chosen.precision, chosen.text

    def _period_options(self, sentence_index: int, members) -> list[_PeriodOption]:
        sentence = self.parsed.sentences[sentence_index]
        options: list[_PeriodOption] = []
        times = [t for t in self.times if t.evidence.sentence == sentence_index]
        if not self.times:
            times = [_date_entity_time(self.parsed, e) for e in self.doc.ents
                     if e.label_ == "DATE" and sentence.start <= e.start_char < sentence.end]
        for time in times:
            span = self.doc.char_span(time.evidence.start, time.evidence.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            root = span.root
            preposition = root.head if root.dep_ == "pobj" and root.head.dep_ == "prep" else None
            if preposition is not None and (preposition.lower_ in BASE_PREPOSITIONS or preposition.head.lemma_.lower() in ("compare",)):
                continue
            if any(_token_in(member_analysis.span, t) for t in span for _, member_analysis in members if member_analysis.span is not None):
                continue
            period = time.value
            if period and time.end:
                period = f"{period}/{time.end}"
            options.append(_PeriodOption(span.start, span.end, self._governor(root), period, time.precision if period else None, time.evidence.text, root))
        # "before the annexation of Crimea": a period named by an event, not a date
        for token in self.doc[self._sentence_span(sentence)]:
            if token.dep_ != "prep" or token.lower_ not in PERIOD_PREPOSITIONS:
                continue
            objects = [c for c in token.children if c.dep_ in ("pobj", "pcomp")]
            if not objects:
                continue
            subtree = list(token.subtree)
            start, end = subtree[0].i, subtree[-1].i + 1
            if any(_token_in(a.span, self.doc[i]) for _, a in members if a.span is not None for i in range(start, end)):
                continue
            options = [o for o in options if not (start <= o.start and o.end <= end)]
            text = self.text[self.doc[start].idx:self.doc[end - 1].idx + len(self.doc[end - 1].text)]
            options.append(_PeriodOption(start, end, self._governor(token), None, None, text, token))
        options.sort(key=lambda o: (o.start, o.end))
        return options

    def _sentence_span(self, sentence) -> slice:
        span = self.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            return slice(0, 0)
        return slice(span.start, span.end)

    def _choose_period(self, candidate, analysis, members, options) -> _PeriodOption | None:
        span = analysis.span
        own = [o for o in options if _within_subtree(o.root, analysis.anchor) and not _token_in(span, o.root)]
        if own:
            return min(own, key=lambda o: _distance(o, span))
        verb = analysis.governor
        seen = 0
        while verb is not None and seen < 6:
            same = [o for o in options if o.governor is not None and o.governor.i == verb.i]
            if same:
                siblings = sorted(
                    (a.span.start, a.span.end) for _, a in members
                    if a.governor is not None and a.governor.i == verb.i and a.span is not None
                )
                following = [s for s in siblings if s[0] >= span.end]
                region_end = following[0][0] if following else 10**9
                exclusive = [o for o in same if span.end <= o.start < region_end]
                if exclusive:
                    return min(exclusive, key=lambda o: o.start)
                if candidate.role in ("from", "to"):
                    others = [s for s in siblings if s != (span.start, span.end)]
                    same = [o for o in same if not any(s[1] <= o.start and (o.start < _next_start(siblings, s)) for s in others)]
                if same:
                    return min(same, key=lambda o: _distance(o, span))
            # participial clauses below the verb ("…, reaching $240 billion in 2023")
            below = [o for o in options if o.governor is not None and o.governor.dep_ in ("advcl", "xcomp", "conj") and o.governor.head.i == verb.i]
            if below:
                return min(below, key=lambda o: _distance(o, span))
            if verb.dep_ in ("advcl", "xcomp", "conj", "relcl", "acl", "ccomp", "pcomp") and verb.head.i != verb.i:
                verb = self._governor(verb.head)
                seen += 1
            else:
                break
        return None

    # from/to pairs

    def _pair_from_to(self, analysed) -> None:
        by_position = {(c.start, c.end): c for c, _ in analysed}
        for candidate, analysis in analysed:
            if analysis.anchor is None or candidate.unit is None:
                continue
            preposition = _preposition_of(analysis.anchor)
            if preposition is None or preposition.lower_ != "from":
                continue
            for other, other_analysis in analysed:
                if other is candidate or other_analysis.anchor is None or other.unit != candidate.unit:
                    continue
                if other.start <= candidate.start:
                    continue
                other_preposition = _preposition_of(other_analysis.anchor)
                if other_preposition is None or other_preposition.lower_ != "to":
                    continue
                if other_preposition.head.i not in (preposition.head.i, preposition.i, analysis.anchor.i):
                    continue
                candidate.role, other.role = "from", "to"
                for member in (candidate, other):
                    member.change_from, member.change_to = candidate.value, other.value
                break
        for candidate, _ in analysed:  # ranges and "from 10 to 15 percent" found on the surface
            if candidate.role == "from":
                pass
        del by_position
        ordered = [c for c, _ in analysed]
        for first, second in zip(ordered, ordered[1:]):
            if first.role == "from" and second.role == "to" and first.change_from is None:
                first.change_from = second.change_from = first.value
                first.change_to = second.change_to = second.value

    # about

    def _about(self, candidate: _Candidate, analysis: _Analysis) -> None:
        names: list[tuple[int, str]] = []
        governor = analysis.governor
        sentence = self.parsed.sentences[analysis.sentence]
        for mention in self._mentions_between(sentence.start, sentence.end):
            token_span = self.doc.char_span(mention.evidence.start, mention.evidence.end, alignment_mode="expand")
            if token_span is None or len(token_span) == 0:
                continue
            root = token_span.root
            if any(start <= root.i < end for start, end in self._period_spans.get(analysis.sentence, ())):
                continue  # "before Putin's onslaught": when, not whom
            if (governor is not None and self._governor(root).i == governor.i) or (analysis.subject_actor is not None and _token_in(token_span, analysis.subject_actor)):
                names.append((mention.evidence.start, _mention_name(mention)))
        if governor is not None and not names:
            subject = _subject(governor)
            mention = self._mention_at(subject) if subject is not None else None
            if mention is not None:
                names.append((mention.evidence.start, _mention_name(mention)))
        for mention in analysis.resolved:
            names.append((mention.evidence.start, _mention_name(mention)))
        result: list[str] = []
        for _, name in sorted(names):
            if name and name not in result:
                result.append(name)
        analysis.about = result

    # helpers

    def _governor(self, token: Token) -> Token:
        cached = self._governors.get(token.i)
        if cached is not None:
            return cached
        current = token
        for _ in range(64):
            if current.pos_ == "VERB" or (current.pos_ == "AUX" and current.dep_ in ("ROOT", "conj", "ccomp", "advcl", "relcl")):
                break
            if current.head.i == current.i:
                break
            current = current.head
        self._governors[token.i] = current
        return current

    def _is_actor(self, token: Token) -> bool:
        mention = self._mention_at(token)
        if mention is not None:
            return True
        return token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or token.pos_ == "PROPN"

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


@dataclass
class _Analysis:
    sentence: int
    kind: str = "level"
    anchor: Token | None = None
    span: Span | None = None
    governor: Token | None = None
    metric: str | None = None
    fixed_metric: bool = False
    pronoun_metric: bool = False
    counted_noun: Token | None = None
    subject_actor: Token | None = None
    period: str | None = None
    period_precision: str | None = None
    period_text: str | None = None
    about: list = field(default_factory=list)
    resolved: list = field(default_factory=list)


@dataclass
class _PeriodOption:
    start: int  # token indices
    end: int
    governor: Token | None
    period: str | None
    precision: str | None
    text: str
    root: Token


class _Spans:
    """Sorted, non-nested character spans with a fast overlap test."""

    def __init__(self, spans):
        self.spans = sorted(set(spans))
        self.starts = [s for s, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        for s, e in self.spans[max(0, i - 8):i]:
            if s < end and start < e:
                return True
        return False


def _qualifier_before(text: str, position: int) -> tuple[str | None, int]:
    window_start = max(0, position - 30)
    for pattern, name in _QUALIFIER_RES:
        match = pattern.search(text, window_start, position)
        if match:
            return name, match.start()
    return None, position


def _qualifier_word(word: str) -> str | None:
    for pattern, name in _QUALIFIER_RES:
        if pattern.fullmatch(word + " "):
            return name
    return None


def _is_non_figure_numeral(text: str, numeral: Numeral) -> bool:
    """Designations, ordinals, dates, phone numbers, addresses: numbers that measure nothing."""
    start, end = numeral.start, numeral.end
    if numeral.spelled:
        return False
    digits_start = start
    while digits_start < end and not text[digits_start].isdigit() and text[digits_start] != ".":
        digits_start += 1
    before = text[max(0, digits_start - 6):digits_start]
    letters = _LETTERS_BEFORE.search(before)
    if letters:
        word = letters.group(1)
        if word.upper() not in ISO_CODES and word.upper() not in CODE_ALIASES and word.lower() not in LOWERCASE_CODES:
            return True  # "G20", "MH17", "A320"
    if len(before) >= 2 and before[-1] in "-‐" and (before[-2].isalpha()):
        return True  # "Su-35", "COVID-19", "mid-2022"
    if before.endswith("+") or before.endswith("#"):
        return True
    if len(before) >= 2 and before[-1] in "./:" and before[-2].isdigit():
        return True
    after = text[end:end + 2]
    if len(after) == 2 and after[0] in "/:." and after[1].isdigit():
        return True
    run_start = text.rfind(" ", 0, start) + 1
    run_end = text.find(" ", end)
    run = text[run_start:run_end if run_end != -1 else len(text)]
    if len(run) > 4 and _URL_LIKE.search(run):
        return True
    if _DIGIT_CHAIN.search(run) and ("-" in run or "/" in run or ":" in run) and run.count("-") + run.count("/") + run.count(":") >= 2:
        return True
    return False


def _is_year_like(surface: str, numeral: Numeral) -> bool:
    return numeral.integer and numeral.scale == 1 and bool(_YEAR.match(surface.strip()))


def _share_pair_metrics(analysed) -> None:
    """The two ends of "from X to Y" measure the same thing; the parse often gives it to one."""
    for (first, first_analysis), (second, second_analysis) in zip(analysed, analysed[1:]):
        if first.role == "from" and second.role == "to" or first.role == "low" and second.role == "high":
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


def _anchor(span: Span) -> Token:
    return span.root


def candidate_span_end(span: Span) -> int:
    return span.end


def _subject(verb: Token | None) -> Token | None:
    """The subject of a verb, looking through participles, infinitives and conjoined verbs."""
    current = verb
    for _ in range(8):
        if current is None:
            return None
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in ("which", "that", "who") and current.dep_ == "relcl":
                return current.head
            return subject
        if current.dep_ in ("relcl", "acl") and current.head.pos_ in ("NOUN", "PROPN"):
            return current.head  # "an increase in trade, escalating from …"
        if current.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp", "ccomp") and current.head.i != current.i:
            current = current.head
            while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i and current.dep_ in ("prep", "pobj", "pcomp"):
                current = current.head
            continue
        return None
    return None


def _prep_object(noun: Token, prepositions) -> Token | None:
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.like_num is False:
                    return grandchild
    return None


def _preposition_of(token: Token) -> Token | None:
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        return token.head
    return None


def _contains(ancestor: Token, token: Token) -> bool:
    return ancestor.left_edge.i <= token.i <= ancestor.right_edge.i


def _within_subtree(token: Token, root: Token) -> bool:
    current = token
    for _ in range(64):
        if current.i == root.i:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _token_in(span: Span | None, token: Token) -> bool:
    return span is not None and span.start <= token.i < span.end


def _overlaps_tokens(token: Token, exclude: set[int]) -> bool:
    return any(t.i in exclude for t in token.subtree)


def _distance(option: _PeriodOption, span: Span) -> int:
    if option.start >= span.end:
        return option.start - span.end
    if option.end <= span.start:
        return span.start - option.end + 1  # prefer a following period at equal distance
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
