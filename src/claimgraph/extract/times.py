"""Time expressions: absolute and relative dates with precision.

Three passes over one parsed document:

1. Find *atoms* with precompiled patterns over the document text, checked against the spaCy
   tokens, tags and entities already there: "May" the modal verb is not a month, "2,000 troops" is
   not a year, and a bare four-digit number is a year only in a date context (a preposition such as
   "in" or "since", a possessive "2014's", a spaCy DATE entity, a range). Overlaps keep the longest.
2. Join atoms: ranges ("from the 1960s to the 1980s", "between 2014 and 2023", "May–July 2022",
   "from 2014 to the present"), a missing year taken from the other end; offsets counted from a
   date that follows them ("20 days after February 4, 2022", "two weeks before Christmas").
3. Resolve in document order. Absolute dates keep their value and become anchors. Anaphoric
   expressions ("20 days later", "the following year", "that same month") resolve against the
   nearest anchor named at most ANCHOR_SENTENCES sentences before and precise enough for their unit,
   else the publication date; deictic ones ("last year", "over the past six months", "today",
   "on Monday") against the publication date. A month or day without a year ("in December")
   takes the anchor's year in a past-tense clause, as narratives do, and is placed around the
   publication date otherwise (future tense: the coming one). What cannot be resolved without
   guessing ("a few months later", "20 days later" after a bare year, anything relative with
   neither anchor nor publication date) keeps value None and precision "unknown".

Cost: the patterns run only in windows around trigger words (digits, month and weekday names,
units, holidays), and only the patterns a window can match; tokens are looked up by offset in a
numpy array, so no spaCy Token objects are built for the whole document.

spaCy DATE entities that no pattern covers are kept as "unknown" when they are relative ("in
recent years", "the coming months"); bare durations ("six decades") are not points in time.
dateparser is not used: it re-tokenises each candidate (slow), reports no precision and resolves
relative phrases against the wrong reference (see DEPENDENCY-NOTES); python-dateutil (its
dependency) does the calendar arithmetic.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import os
import re
from dataclasses import dataclass, field, replace

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from spacy.attrs import IDX

from ..nlp import ParsedDocument
from ..records import TimeExpression, stable_id
from .quotes import find_quoted_spans, is_speech_verb
from .reftime import BASE_WORDS, LEDE_SENTENCES, clause_verb, comparison_base_verb, is_news_day, tense

# Finest first: a precision can stand in for any coarser one.
PRECISIONS = ("day", "month", "year", "decade", "century", "unknown")
_RANK = {p: i for i, p in enumerate(PRECISIONS)}
MIN_YEAR, MAX_YEAR = 1000, 2100

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_FULL_MONTHS = {name for name in _MONTHS if len(name) > 4} | {"may", "june", "july"}
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100,
}
_UNITS_ORDINAL = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_ORDINAL_WORDS = {word: i + 1 for i, word in enumerate(_UNITS_ORDINAL + [
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth"])}
for _tens, _base_value in (("twenty", 20), ("thirty", 30)):
    for _i, _word in enumerate(_UNITS_ORDINAL[: 9 if _tens == "twenty" else 1]):
        _ORDINAL_WORDS[f"{_tens}-{_word}"] = _ORDINAL_WORDS[f"{_tens} {_word}"] = _base_value + _i + 1
_ORDINAL_WORDS["thirtieth"] = 30
_DECADE_WORDS = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90,
}
# Fixed-date holidays (month, day) and movable ones (computed per year below).
_HOLIDAYS = {
    "christmas eve": (12, 24), "christmas": (12, 25), "christmas day": (12, 25),
    "boxing day": (12, 26), "new year's eve": (12, 31), "new years eve": (12, 31),
    "new year's day": (1, 1), "new years day": (1, 1), "new year's": (1, 1),
    "valentine's day": (2, 14), "valentines day": (2, 14), "halloween": (10, 31),
    "international women's day": (3, 8), "international workers' day": (5, 1), "may day": (5, 1),
    "earth day": (4, 22), "st. patrick's day": (3, 17), "st patrick's day": (3, 17),
    "saint patrick's day": (3, 17), "juneteenth": (6, 19),
}
_MOVABLE_HOLIDAYS = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2,
                     "thanksgiving": None, "black friday": None}
# Quantities that do not say how many: "a few months later" cannot be resolved.
_VAGUE_AMOUNTS = {"few", "a few", "several", "some", "many", "a couple of", "couple of",
                  "a number of", "dozens of", "numerous", "a couple", "various"}


# ---- pattern pieces --------------------------------------------------------------------------


def _alternation(words) -> str:
    escaped = (re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]?") for w in words)
    return "|".join(sorted(escaped, key=len, reverse=True))


def _month(group: str) -> str:
    """A month name; only an abbreviation may take a period ("Sept."), not "May." at a sentence end."""
    full = _alternation(_FULL_MONTHS)
    short = _alternation(set(_MONTHS) - _FULL_MONTHS)
    return rf"(?P<{group}>(?:{full})\b|(?:{short})\b\.?)"


_WEEKDAY_PREFIX = rf"(?:(?:{_alternation(_WEEKDAYS)})\b\.?,?\s+(?:the\s+)?)?"
_DAY_NUMBER = r"[0-3]?\d(?:st|nd|rd|th)?(?![\d:])"
_DAY = rf"(?P<day>{_DAY_NUMBER})"
_DAY_ORDINAL_WORD = rf"(?:{_alternation(_ORDINAL_WORDS)})\b(?![-'’])"
_DAY2 = rf"(?:\s*(?:-|–|—|to|through|till|until|and)\s*(?:the\s+)?(?P<day2>{_DAY_NUMBER}|{_DAY_ORDINAL_WORD}))?"
_DAY_WORD = rf"(?P<day>{_DAY_ORDINAL_WORD})"
_YEAR = r"(?P<year>1\d{3}|20\d{2}|2100)(?![\d:])"
_YEAR_SEPARATOR = r"(?:\s*,\s*|\s+)(?:of\s+|in\s+)?"
# "early 2024", "the end of March", "mid-1990s": the precision stays that of what follows.
_MODIFIER = (
    r"(?P<mod>(?:the\s+)?(?:(?:very\s+)?(?:early|mid|late)|(?:the\s+)?(?:end|beginning|start|"
    r"middle|turn|close|spring|summer|autumn|fall|winter|rest|remainder)\s+of)(?:\s*-\s*|\s+)(?:the\s+)?)?"
)
_AMOUNT = (
    rf"(?P<amount>\d{{1,3}}|(?:{_alternation(_NUMBER_WORDS)})(?:[-\s](?:one|two|three|four|five|six|"
    rf"seven|eight|nine))?|{_alternation(_VAGUE_AMOUNTS)})"
)
_UNIT = r"(?P<unit>day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))s?"
_ORDINAL = rf"(?:{_alternation(_ORDINAL_WORDS)}|\d{{1,2}}(?:st|nd|rd|th))"
_REL_WORDS = r"last|this\s+past|this\s+coming|this\s+upcoming|this|next|coming|upcoming|past|previous|following"
_HOLIDAY = _alternation(set(_HOLIDAYS) | set(_MOVABLE_HOLIDAYS))

_FLAGS = re.IGNORECASE
# (name, pattern): each becomes one kind of atom; overlaps are settled by length, then order.
_SMALL_COUNT = r"(?:[1-9]|1[0-2]|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_PATTERNS = [
    ("iso", re.compile(r"(?<![\d/.-])(?P<year>\d{4})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?![\d/-]|\.\d)")),
    ("numeric", re.compile(
        r"(?<![\d/.-])(?P<a>\d{1,2})([/-])(?P<b>\d{1,2})\2(?P<year>\d{4}|\d{2})(?![\d/-]|\.\d)")),
    ("dotted", re.compile(r"(?<![\d/.-])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?!\d|\.\d)")),
    ("iso_month", re.compile(r"(?<![\d/.$€£-])(?P<year>\d{4})-(?P<month>\d{1,2})(?![\d/-])")),
    ("compact", re.compile(  # 05-Aug-2016, Sep-23-2020, 2019/Aug/01, Dec-2018
        r"(?<![\w/-])(?:(?P<d1>\d{1,2})(?P<s1>[-/])" + _month("m1") + r"(?P=s1)(?P<y1>\d{4})"
        r"|" + _month("m2") + r"(?P<s2>[-/])(?P<d2>\d{1,2})(?P=s2)(?P<y2>\d{4})"
        r"|(?P<y3>\d{4})(?P<s3>[-/])" + _month("m3") + r"(?P=s3)(?P<d3>\d{1,2})"
        r"|" + _month("m4") + r"[-/](?P<y4>\d{4}))(?![\w/-])", _FLAGS)),
    ("month_day", re.compile(
        _WEEKDAY_PREFIX + r"\b" + _month("month") + r"\s+(?:the\s+)?" + _DAY + _DAY2
        + r"(?:" + _YEAR_SEPARATOR + _YEAR + r")?", _FLAGS)),
    ("month_day_word", re.compile(
        _WEEKDAY_PREFIX + r"\b" + _month("month") + r"\s+(?:the\s+)?" + _DAY_WORD + _DAY2
        + r"(?:" + _YEAR_SEPARATOR + _YEAR + r")?", _FLAGS)),
    ("day_month", re.compile(
        _WEEKDAY_PREFIX + r"(?:\bthe\s+)?(?<![\d.,$])\b" + _DAY + _DAY2 + r"\s+(?:day\s+)?(?:of\s+)?"
        + _month("month") + r"(?:" + _YEAR_SEPARATOR + _YEAR + r")?", _FLAGS)),
    ("day_word_month", re.compile(
        _WEEKDAY_PREFIX + r"(?:\bthe\s+)?\b" + _DAY_WORD + _DAY2 + r"\s+(?:day\s+)?of\s+"
        + _month("month") + r"(?:" + _YEAR_SEPARATOR + _YEAR + r")?", _FLAGS)),
    ("month_year", re.compile(
        _MODIFIER + r"\b" + _month("month") + r"(?:,?\s+|\s+of\s+|\s+in\s+)" + _YEAR, _FLAGS)),
    ("part_year", re.compile(
        r"\b(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|final)\s+"
        r"(?P<part>quarter|half)\s+of\s+(?:(?:the\s+year\s+)?" + _YEAR
        + r"|(?P<yrel>this|last|next|the|that|the\s+same|the\s+following|the\s+previous)\s+year)"
        + r"|\bQ(?P<q>[1-4])\b(?:\s*(?:of\s+)?" + _YEAR.replace("year", "qyear") + r")?"
        + r"|\b(?P<q2year>\d{4})\s*[-\s]?Q(?P<q2>[1-4])\b"
        + r"|\b(?P<h>H[12])\s+(?P<hyear>\d{4})\b"
        # "in the third quarter", "third-quarter sales": the year comes from the context
        + r"|\b(?:the\s+)?(?P<ord3>first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+quarter\b(?!\s+of\b)",
        _FLAGS)),
    ("century", re.compile(
        r"\b(?:the\s+)?(?P<mod>(?:early|mid|late)[\s-]+)?(?P<ord>" + _ORDINAL + r")"
        r"(?:\s+(?:and|or|to|through)\s+(?:the\s+)?(?P<ord2>" + _ORDINAL + r"))?"
        r"[\s-]+centur(?:y|ies)\b(?:\s+(?P<era>BCE?|AD|CE)\b)?", _FLAGS)),
    ("decade", re.compile(
        _MODIFIER + r"(?<![\d$€£.,])(?:\bthe\s+)?(?:\b(?P<decade>1\d{2}0|20\d0)['’]?s\b|['’](?P<short>\d0)s\b"
        r"|\bthe\s+(?:(?:early|mid|late)[\s-]+)?(?P<word>" + _alternation(_DECADE_WORDS) + r")\b)",
        _FLAGS)),
    ("year", re.compile(
        _MODIFIER + r"(?<![\d$€£¥.,#])\b" + _YEAR + r"(?!\s?s\b|%|-[a-z]|,\d|\.\d|-\d{1,3}\b)", _FLAGS)),
    ("offset", re.compile(  # "20 days later"; "a year and ten days after"
        r"\b(?:(?P<amount0>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
        r"(?P<unit0>year|month|week)s?\s+and\s+(?!an?\s+half\b))?"
        + _AMOUNT + r"\s+(?:more\s+|full\s+|long\s+)?" + _UNIT + r"\s+"
        r"(?P<dir>later|after(?:wards?)?|earlier|before|ago|on|prior(?:\s+to)?|previously|hence|"
        r"from\s+now|back|from)\b", _FLAGS)),
    ("in_offset", re.compile(  # "will leave in two weeks", "within 9 months": future only
        r"\b(?P<prep>in|within)\s+" + _AMOUNT + r"\s+" + _UNIT + r"(?:['’]?\s+time)?\b"
        r"(?!\s+(?:later|after|earlier|before|ago|from|of))", _FLAGS)),
    ("first_months", re.compile(  # "the first 10 months of the year", "the first half-year"
        r"\bthe\s+first\s+(?P<amount>[a-z]+|\d{1,2})\s+months\s+of\s+(?:(?P<yrel>the|this|last)\s+year"
        r"|(?P<year>(?:19|20)\d\d))\b", _FLAGS)),
    ("span", re.compile(  # "the past six months", "the last two years", "the next 3 days"
        r"\b(?:the\s+)?(?P<rel>past|last|previous|preceding|prior|next|coming|upcoming|following|ensuing)"
        r"(?:\s+" + _AMOUNT + r")?\s+" + _UNIT + r"\b", _FLAGS)),
    ("deictic", re.compile(  # "late last year", "earlier this month", "the end of next year"
        r"\b(?P<mod>(?:early|mid|late|earlier|later|(?:the\s+)?(?:end|beginning|start|middle|rest|"
        r"remainder)\s+of)(?:\s*-\s*|\s+)(?:in\s+)?)?"
        r"(?P<rel>last|this|next|past|previous|current|coming)\s+(?P<unit>year|month|week|quarter|decade|century)\b",
        _FLAGS)),
    ("anaphoric", re.compile(  # "the following year", "the day before", "later that year"
        r"\b(?:(?:the\s+)?(?P<rel>next|following|previous|preceding|prior|same|subsequent)\s+"
        r"(?P<unit>day|week|month|quarter|year|decade)\b"
        r"|the\s+(?P<unit2>day|week|month|year)\s+(?P<dir>before|after)\b"
        r"|(?P<mod>(?:later|earlier)\s+(?:in\s+)?)?(?:that(?:\s+same|\s+very)?|the\s+same|the\s+very)\s+(?P<unit3>day|week|month|year)\b"
        r"|(?P<mod4>(?:later|earlier)\s+in|(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of)"
        r"\s+the\s+(?P<unit4>year|month|week)\b"
        r"|(?P<yearend>year[-\s]end|end[-\s]year)\b)",
        _FLAGS)),
    ("same_day", re.compile(  # "within hours", "minutes later": the day of the anchor
        r"\b(?:within\s+(?:(?:a\s+few|several|a\s+couple\s+of|" + _SMALL_COUNT + r")\s+)?(?:hours|minutes)"
        r"|(?:(?:a\s+few|several|a\s+couple\s+of|an?|" + _SMALL_COUNT + r")\s+)?(?:hours?|minutes?)\s+"
        r"(?:later|afterwards?|earlier|after|before)(?!\s+(?:on\s+)?(?:the\s+)?\d)"
        r"|(?:(?:later|earlier)\s+)?(?:that|the\s+same)\s+(?:morning|afternoon|evening|night)"
        # "by early evening", "by the close of business", "shortly before midnight"; not when a
        # date follows ("by the close of business on Friday": that Friday)
        r"|by\s+(?:(?:early|late|mid)[\s-]?)?(?:morning|afternoon|evening|nightfall|midday|noon)"
        r"|by\s+the\s+(?:end|close)\s+of\s+(?:the\s+)?(?:business|trading)(?:\s+day)?"
        r"|shortly\s+(?:before|after)\s+(?:midnight|noon|midday|dawn)|(?:earlier|later)\s+in\s+the\s+day)\b"
        r"(?!\s+(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
        r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d))", _FLAGS)),
    ("today", re.compile(
        r"\b(?:the\s+day\s+(?P<around>before\s+yesterday|after\s+tomorrow)|(?P<word>today|yesterday|tomorrow|tonight))\b",
        _FLAGS)),
    ("weekday", re.compile(
        r"\b(?:(?P<the>the\s+)?(?P<rel>" + _REL_WORDS + r")\s+)?(?P<weekday>"
        + _alternation(w for w in _WEEKDAYS if w.endswith("day")) + r")\b"
        r"(?:\s+of\s+(?P<week>next|last|this|the\s+following|the\s+previous|the\s+same)\s+week\b)?", _FLAGS)),
    ("month", re.compile(
        _MODIFIER + r"\b(?:(?P<the>the\s+)?(?P<rel>" + _REL_WORDS + r")\s+)?"
        + _month("month") + r"(?!\s*\d)"
        r"(?:\s+of\s+(?P<yrel>that|the\s+same|the\s+following|the\s+next|the\s+previous|this|last|next)\s+year\b"
        r"|\s+(?P<yrel2>this|last|next)\s+year\b)?",  # "in November last year"
        _FLAGS)),
    ("holiday", re.compile(
        r"\b(?:(?P<the>the\s+)?(?P<rel>" + _REL_WORDS + r")\s+)?(?P<holiday>" + _HOLIDAY + r")\b"
        r"(?:,?\s+(?P<year>1\d{3}|20\d{2})\b)?", _FLAGS)),
    ("hour_offset", re.compile(  # "48 hours later", "seventy-two hours after the vote": whole days
        r"\b(?P<amount>\d{2,3}|twenty[-\s]four|thirty[-\s]six|forty[-\s]eight|seventy[-\s]two|ninety[-\s]six)"
        r"\s+hours\s+(?P<dir>later|after(?:wards?)?|earlier|before)\b", _FLAGS)),
    ("next_part_of_day", re.compile(  # "the next morning": the day after the anchor
        r"\bthe\s+(?:next|following)\s+(?:morning|afternoon|evening|night)\b", _FLAGS)),
    ("day_of_month", re.compile(  # "On the 12th, officials acted": a day of the month being told
        r"\b(?:on|by|until|till|from|since)\s+the\s+(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)\b(?![ \t]+(?:of[ \t]+)?[A-Za-z])",
        _FLAGS)),
    ("weekend", re.compile(  # "over the weekend", "last weekend", "this coming weekend"
        r"\b(?:(?:over|during|at|on)\s+)?(?P<rel>the|this(?:\s+coming|\s+past)?|last|next|that)\s+weekend\b", _FLAGS)),
    ("season", re.compile(  # "this summer", "last autumn": the year of that season
        r"\b(?P<rel>this|last|next|past|coming)\s+(?P<season>spring|summer|autumn|fall)\b", _FLAGS)),
    ("vague", re.compile(  # relative but unresolvable: keep as unknown, never guess
        r"\b(?:(?:in\s+)?recent\s+(?:years|months|weeks|days|decades)|the\s+coming\s+(?:years|months|weeks|days|decades)"
        r"|the\s+(?:years|months)\s+ahead)\b", _FLAGS)),
]

# Every pattern above contains one of these; a match lies within the window around it.
# Each group names a kind of word; a window runs only the patterns that need a kind it contains.
_TRIGGER = re.compile(  # whole words before prefixes: "months" is a unit, not "mon"
    r"(?P<digit>\d)|\b(?:"
    r"(?P<unit>days?\b|weeks?\b|fortnights?\b|months?\b|quarters?\b|half\b|years?\b|decades?\b|centur)"
    r"|(?P<today>today|yesterday|tomorrow|tonight)|(?P<clock>hours?\b|minutes?\b|morning\b|afternoon\b|evening\b|night\b|midnight\b|midday\b|noon\b"
    r"|dawn\b|nightfall\b|business\b|trading\b)"
    r"|(?P<holiday>christmas|easter|halloween|valentine|thanksgiving|juneteenth|new\s+year|earth\s+day|"
    r"boxing|patrick|women|workers|good\s+friday|black\s+friday|may\s+day)"
    r"|(?P<decade>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
    r"|(?P<recent>recent)|(?P<qh>q[1-4]\b|h[12]\b)|(?P<season>spring|summer|autumn|fall)|(?P<weekend>weekend)"
    r"|(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|(?P<weekday>mon|tue|wed|thu|fri|sat|sun))",
    _FLAGS,
)
_BEFORE_TRIGGER, _AFTER_TRIGGER = 60, 80
_NEEDS = {
    "iso": {"digit"}, "numeric": {"digit"}, "dotted": {"digit"}, "iso_month": {"digit"},
    "compact": {"digit"}, "month_day": {"month"}, "month_day_word": {"month"}, "day_month": {"month"},
    "day_word_month": {"month"}, "month_year": {"month"}, "part_year": {"digit", "unit", "qh"},
    "century": {"unit"}, "decade": {"digit", "decade"}, "year": {"digit"}, "offset": {"unit"},
    "in_offset": {"unit"}, "span": {"unit"}, "first_months": {"unit"}, "deictic": {"unit"}, "anaphoric": {"unit"},
    "same_day": {"clock"}, "today": {"today"}, "weekday": {"weekday"}, "month": {"month"}, "holiday": {"holiday"},
    "season": {"season"}, "weekend": {"weekend"}, "hour_offset": {"clock"}, "next_part_of_day": {"clock"},
    "day_of_month": {"digit"},
    "vague": {"recent", "unit"},
}

# Words after which a bare number reads as a year ("in 2014", "since 2014", "by 2030").
_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:in|since|by|until|till|til|from|through|thru|before|after|during|between|"
    r"around|circa|c\.|as\s+of|starting|beginning|ending|throughout|year|years|early|mid|late|"
    r"(?:spring|summer|autumn|fall|winter|year|end|beginning|start|middle|half|quarter|part)\s+of|"
    r"season|fiscal|FY|(?:later|earlier|sooner)\s+than)"
    # the second year of "2014 and 2023", "2014 to 2023", "2014–2023"
    r"|\b(?:1\d{3}|20\d{2})s?(?:,?\s*\b(?:and|or)\b|\s*[-–—~/&]|\s*\b(?:to|through|until|till)\b)"
    r"|\()\s*$",
    _FLAGS,
)
_YEAR_RANGE_END = re.compile(r"\s*[-–—/]\s*(1\d{3}|20\d{2})\b(?![-/]\d)")
_AFTER_NUMBER = re.compile(r"\d[-/]$")
_AFTER_YEAR = re.compile(r"(?<!\d)(?<!\d-)(?:1\d{3}|20\d{2})\s*[-–/]$")
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")
_DATE_PREPOSITION = (
    r"\b(?:in|since|by|until|till|from|to|through|before|after|during|of|between|early|mid|late|"
    r"last|next|this|that|each|every|throughout|and|or|on|at|over|for|into|around|"
    r"the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of)\s+$"
)
_MONTH_CONTEXT = re.compile(_DATE_PREPOSITION, _FLAGS)
_HOLIDAY_CONTEXT = _MONTH_CONTEXT
# A month followed by another month ("Jan-Feb 2017", "from Sep to Nov") is a month too.
_MONTH_RANGE_AFTER = re.compile(r"\s*(?:-|–|—|to|through|until|till|and)\s*(?:" + _month("next") + ")", _FLAGS)
_RANGE_GAP = re.compile(
    r"^\s*(?:(?P<dash>-|–|—|~|/)|(?P<to>to|through|thru|until|till|into)|(?P<and>and))\s*(?:the\s+)?$",
    _FLAGS,
)
_RANGE_PREFIX = re.compile(r"\b(?P<word>from|between)\s+$", _FLAGS)
_TO_NOW = re.compile(
    r"\s*(?:-|–|—|to|until|till|through|and)\s+(?:the\s+)?(?:present(?:\s+day)?|now|date|today|"
    r"current\s+date|this\s+day)\b", _FLAGS)
_FROM_NOW = re.compile(r"\bbetween\s+now\s+and\s+$", _FLAGS)
# "must vote by November", "may rule in March": a present modal points ahead, like "will"
_NON_DATE_ENTS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL", "PERSON", "ORG", "PRODUCT",
                  "WORK_OF_ART", "FAC"}  # not LAW: "the 2001 Treaty" names its year
# A DATE entity that no pattern covers is still worth keeping (as unknown) when it is relative.
_RELATIVE_CUES = {"later", "earlier", "ago", "recent", "recently", "coming", "ahead", "past",
                  "previous", "following", "next", "last", "prior", "subsequent", "same", "that"}


# ---- internal values ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Point:
    """A calendar point at a precision (day, month or year): what relative dates count from."""

    date: dt.date
    precision: str

    def iso(self) -> str:
        if self.precision == "day":
            return self.date.isoformat()
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return f"{self.date.year:04d}"

    def coarsen(self, precision: str) -> _Point:
        return _Point(self.date, precision) if _RANK[precision] > _RANK[self.precision] else self


@dataclass
class _Atom:
    """One candidate expression. Absolute atoms carry their value; relative ones a `rule`."""

    start: int
    end: int
    kind: str
    value: str | None = None
    precision: str = "unknown"
    end_value: str | None = None
    point: _Point | None = None  # absolute calendar value, usable as an anchor
    rule: dict = field(default_factory=dict)
    parts: tuple[_Atom, ...] = ()  # the two ends of a range
    schedule: bool = False  # a date something was moved from or to: not the narrative's time

    @property
    def relative(self) -> bool:
        return bool(self.rule) or any(p.relative for p in self.parts)


@dataclass(frozen=True)
class _Resolved:
    value: str | None
    precision: str
    end: str | None = None
    relative: bool = False
    anchor: str | None = None
    point: _Point | None = None


_UNKNOWN = _Resolved(None, "unknown", relative=True)


# ---- public API ------------------------------------------------------------------------------


def extract_times(parsed: ParsedDocument) -> list[TimeExpression]:
    """Every date expression of the document, resolved to an ISO prefix at its precision."""
    try:
        atoms = _find_atoms(parsed)
        atoms = _join(parsed.document.text, atoms)
        atoms += _unmatched_relative_entities(parsed, atoms)
        atoms.sort(key=lambda a: (a.start, a.end))
        return _resolve_all(parsed, atoms)
    except Exception:  # noqa: BLE001 — an extractor never takes the pipeline down
        return []


def parse_publication_date(published: str | None) -> _Point | None:
    """The publication date (ISO date or date-time, possibly only year or year-month)."""
    if not published:
        return None
    match = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", published)
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        if day:
            return _Point(dt.date(int(year), int(month), int(day)), "day")
        if month:
            return _Point(dt.date(int(year), int(month), 1), "month")
        return _Point(dt.date(int(year), 1, 1), "year")
    except ValueError:
        return None


# ---- pass 1: atoms ---------------------------------------------------------------------------


class _Context:
    """What the atom builders need from the spaCy analysis, indexed once per document."""

    def __init__(self, parsed: ParsedDocument):
        self.text = parsed.document.text
        self.doc = parsed.doc
        self.token_starts = parsed.doc.to_array(IDX)  # numpy: no Token objects built per token
        self.date_tokens = {t.idx for ent in parsed.doc.ents if ent.label_ == "DATE" for t in ent}
        published = parse_publication_date(parsed.document.published)
        self.published_year = published.date.year if published else None
        self.published = published

    def token(self, char: int):
        """The token starting at a character offset, if any."""
        i = int(self.token_starts.searchsorted(char))
        if i < len(self.token_starts) and self.token_starts[i] == char:
            return self.doc[i]
        return None

    def before(self, char: int, width: int = 40) -> str:
        return self.text[max(0, char - width):char]


def _windows(text: str) -> list[tuple[int, int, set[str]]]:
    """Stretches of text around the words every date expression contains (a digit, a month or
    weekday name, a unit, "today", a holiday...), with the kinds of word found: the patterns run
    only there, which keeps the extractor cheap on long articles where dates are sparse."""
    windows: list[list] = []
    for match in _TRIGGER.finditer(text):
        start, end = max(0, match.start() - _BEFORE_TRIGGER), min(len(text), match.end() + _AFTER_TRIGGER)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
            windows[-1][2].add(match.lastgroup)
        else:
            windows.append([start, end, {match.lastgroup}])
    return [(start, end, kinds) for start, end, kinds in windows]


def _find_atoms(parsed: ParsedDocument) -> list[_Atom]:
    context = _Context(parsed)
    windows = _windows(context.text)
    candidates: list[tuple[int, int, int, _Atom]] = []
    for order, (name, pattern) in enumerate(_PATTERNS):
        builder = _BUILDERS[name]
        needs = _NEEDS[name]
        for start, end, kinds in windows:
            if not needs & kinds:
                continue
            for match in pattern.finditer(context.text, start, end):
                if match.end() <= match.start():
                    continue
                atom = builder(match, context)
                if atom is not None:
                    candidates.append((atom.start, -(atom.end - atom.start), order, atom))
    candidates.sort(key=lambda c: c[:3])
    kept: list[_Atom] = []
    for _, _, _, atom in candidates:  # longest first at each start, no overlaps
        if kept and atom.start < kept[-1].end:
            continue
        kept.append(atom)
    return kept


def _valid_date(year: int, month: int, day: int) -> bool:
    return (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12
            and 1 <= day <= calendar.monthrange(year, month)[1])


def _absolute(start: int, end: int, kind: str, point: _Point) -> _Atom:
    return _Atom(start, end, kind, point.iso(), point.precision, point=point)


def _day_point(year: int, month: int, day: int) -> _Point | None:
    return _Point(dt.date(year, month, day), "day") if _valid_date(year, month, day) else None


def _build_iso(match: re.Match, context: _Context) -> _Atom | None:
    point = _day_point(int(match["year"]), int(match["month"]), int(match["day"]))
    return _absolute(match.start(), match.end(), "iso", point) if point else None


def _two_digit_year(value: str, context: _Context) -> int:
    if len(value) == 4:
        return int(value)
    pivot = (context.published_year or dt.date.today().year) % 100 + 10
    return 2000 + int(value) if int(value) <= pivot else 1900 + int(value)


def _build_numeric(match: re.Match, context: _Context) -> _Atom | None:
    """US month/day/year, or day/month/year when the first number cannot be a month."""
    a, b = int(match["a"]), int(match["b"])
    month, day = (a, b) if a <= 12 else (b, a)
    point = _day_point(_two_digit_year(match["year"], context), month, day)
    return _absolute(match.start(), match.end(), "numeric", point) if point else None


def _build_dotted(match: re.Match, context: _Context) -> _Atom | None:
    point = _day_point(int(match["year"]), int(match["month"]), int(match["day"]))
    return _absolute(match.start(), match.end(), "dotted", point) if point else None


def _build_iso_month(match: re.Match, context: _Context) -> _Atom | None:
    year, month = int(match["year"]), int(match["month"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    tail = match.group("month")
    if len(tail) == 2 and int(tail) == (year + 1) % 100:  # "2022-23": a season, not a month
        first = _absolute(match.start(), match.start() + 4, "year", _Point(dt.date(year, 1, 1), "year"))
        second = _absolute(match.start() + 5, match.end(), "year", _Point(dt.date(year + 1, 1, 1), "year"))
        return _Atom(match.start(), match.end(), "range", str(year), "year", str(year + 1), parts=(first, second))
    if not 1 <= month <= 12:
        return None
    return _absolute(match.start(), match.end(), "iso_month", _Point(dt.date(year, month, 1), "month"))


def _build_compact(match: re.Match, context: _Context) -> _Atom | None:
    for month_group, day_group, year_group in (("m1", "d1", "y1"), ("m2", "d2", "y2"), ("m3", "d3", "y3")):
        if match[month_group]:
            month = _MONTHS[match[month_group].lower().rstrip(".")]
            point = _day_point(int(match[year_group]), month, int(match[day_group]))
            return _absolute(match.start(), match.end(), "compact", point) if point else None
    year = int(match["y4"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    month = _MONTHS[match["m4"].lower().rstrip(".")]
    return _absolute(match.start(), match.end(), "compact", _Point(dt.date(year, month, 1), "month"))


def _month_number(match: re.Match, group: str, context: _Context, strict: bool) -> int | None:
    """The month a matched name stands for, or None when the word is not a month here."""
    word = match.group(group)
    name = word.lower().rstrip(".")
    month = _MONTHS.get(name)
    if month is None:
        return None
    token = context.token(match.start(group))
    if token is not None:
        if token.tag_ == "MD" or (name in {"march", "may"} and token.pos_ in {"VERB", "AUX"}):
            return None
        if token.ent_type_ in {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "FAC"}:
            return None
    if not strict:
        return month
    # Without a number next to it a month needs a date context, and an abbreviation a capital or
    # another month next to it ("Jan-Feb", "from Sep to Nov").
    before = context.before(match.start(group))
    has_context = bool(_MONTH_CONTEXT.search(before) or match.group("rel") or match.group("mod"))
    next_to_month = bool(_MONTH_RANGE_AFTER.match(context.text, match.end()))
    if name not in _FULL_MONTHS:
        if not (word[0].isupper() and (has_context or next_to_month)):
            return None
    elif not (has_context or next_to_month or match.start(group) in context.date_tokens):
        return None
    if word.islower() and not (has_context or next_to_month):
        return None
    return month


def _day_number(text: str) -> int | None:
    text = re.sub(r"\s+", " ", text.lower())
    if text in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[text]
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else None


def _build_day(match: re.Match, context: _Context) -> _Atom | None:
    month = _month_number(match, "month", context, strict=False)
    if month is None:
        return None
    day = _day_number(match["day"])
    day2 = _day_number(match["day2"]) if match.groupdict().get("day2") else None
    if day is None or not 1 <= day <= 31 or (day2 is not None and not day < day2 <= 31):
        return None
    start, end = match.start(), match.end()
    if match["year"]:
        year = int(match["year"])
        first = _day_point(year, month, day)
        if first is None:
            return None
        if day2 is None:
            return _absolute(start, end, "day", first)
        second = _day_point(year, month, day2)
        if second is None:
            return None
        return _Atom(start, end, "range", first.iso(), "day", second.iso(),
                     parts=(_absolute(start, end, "day", first), _absolute(start, end, "day", second)))
    # No year: it comes from the anchor or the publication date.
    rule = {"kind": "calendar", "month": month, "day": day, "which": "auto", "tense": _calendar_tense(context, start)}
    atom = _Atom(start, end, "calendar", rule=rule)
    if day2 is not None:
        second = _Atom(start, end, "calendar", rule={**rule, "day": day2})
        return _Atom(start, end, "range", parts=(atom, second))
    return atom


def _build_month_year(match: re.Match, context: _Context) -> _Atom | None:
    month = _month_number(match, "month", context, strict=False)
    year = int(match["year"])
    if month is None or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return _absolute(match.start(), match.end(), "month_year", _Point(dt.date(year, month, 1), "month"))


_PART_INDEX = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
               "4th": 4, "last": 0, "final": 0}


def _build_part_year(match: re.Match, context: _Context) -> _Atom | None:
    """Quarters and halves of a year, as month ranges ("Q2 2023" → 2023-04/2023-06)."""
    year: int | None = None
    if match["part"]:
        size = 3 if match["part"].lower() == "quarter" else 6
        index = _PART_INDEX[match["ord"].lower()] or 12 // size
        if index > 12 // size:
            return None
        year = int(match["year"]) if match["year"] else None
    elif match["ord3"]:
        index, size = _PART_INDEX[match["ord3"].lower()] or 4, 3
    elif match["q"] or match["q2"]:
        index, size = int(match["q"] or match["q2"]), 3
        year_text = match["qyear"] or match["q2year"]
        year = int(year_text) if year_text else None
    else:
        year, index, size = int(match["hyear"]), int(match["h"][1]), 6
    if year is None:  # "the first quarter of last year", "in Q1": a year from context
        relation = re.sub(r"\s+", " ", (match["yrel"] or "the").lower())
        which = {"this": "this", "last": "last", "next": "next", "the previous": "previous",
                 "the following": "following"}.get(relation, "auto")
        rule = {"kind": "part", "index": index, "size": size, "which": which}
        return _Atom(match.start(), match.end(), "part", rule=rule)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    first, last = _part_months(year, index, size)
    return _Atom(match.start(), match.end(), "range", first.iso(), "month", last.iso(),
                 parts=(_absolute(match.start(), match.end(), "month", first),
                        _absolute(match.start(), match.end(), "month", last)))


def _part_months(year: int, index: int, size: int) -> tuple[_Point, _Point]:
    return (_Point(dt.date(year, (index - 1) * size + 1, 1), "month"),
            _Point(dt.date(year, index * size, 1), "month"))


def _build_century(match: re.Match, context: _Context) -> _Atom | None:
    first = _day_number(match["ord"])
    if first is None or not 1 <= first <= 22:
        return None
    start = match.start()
    if re.match(r"the\s", match.group(0), re.I) and re.search(r"-centur", match.group(0), re.I):
        start = match.start("ord")  # "the seventeenth-century painter": "the" belongs to "painter"
    if match["era"] and match["era"].upper().startswith("B"):
        return _Atom(start, match.end(), "century", None, "unknown")  # BC: no ISO value
    if match["ord2"]:
        second = _day_number(match["ord2"])
        if second is None or not first < second <= 22:
            return None
        return _Atom(start, match.end(), "range", f"{first}C", "century", f"{second}C")
    return _Atom(start, match.end(), "century", f"{first}C", "century")


def _build_decade(match: re.Match, context: _Context) -> _Atom | None:
    if match["decade"]:
        start = int(match["decade"])
    else:
        short = int(match["short"] or _DECADE_WORDS[match["word"].lower()])
        current = context.published_year or dt.date.today().year
        start = 2000 + short if 2000 + short <= current else 1900 + short
    if not MIN_YEAR <= start <= MAX_YEAR:
        return None
    return _Atom(match.start(), match.end(), "decade", f"{start}s", "decade")


def _build_year(match: re.Match, context: _Context) -> _Atom | None:
    year = int(match["year"])
    if not MIN_YEAR <= year <= MAX_YEAR or not _reads_as_year(match, context):
        return None
    if match["mod"] and _YEAR_END.match(match["mod"]) and _DEADLINE_BEFORE.search(context.before(match.start(), 12)):
        # "until the end of 2023": a deadline, the year's last day ("at the end of 2000" stays 2000)
        return _absolute(match.start(), match.end(), "day", _Point(dt.date(year, 12, 31), "day"))
    season = _SEASON_MONTHS.get(re.sub(r"\W", "", (match["mod"] or "").lower()).removeprefix("the").removesuffix("of"))
    if season is not None:  # "the spring of 2022": its months (winter straddles two years: kept as the year)
        first, last = (_Point(dt.date(year, month, 1), "month") for month in season)
        start, end = match.start(), match.end()
        return _Atom(start, end, "range", first.iso(), "month", last.iso(),
                     parts=(_absolute(start, end, "month", first), _absolute(start, end, "month", last)))
    return _absolute(match.start(), match.end(), "year", _Point(dt.date(year, 1, 1), "year"))


# meteorological seasons of the northern hemisphere, where nearly all dated news is written
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _reads_as_year(match: re.Match, context: _Context) -> bool:
    """A four-digit number is a year only in a date context, and never a count of things."""
    start = match.start("year")
    if _AFTER_NUMBER.search(context.before(start, 8)) and not _AFTER_YEAR.search(context.before(start, 8)):
        return False  # "138-2010-2015" (a phone number), "32-2015"
    token = context.token(start)
    if token is not None:
        if token.ent_type_ in _NON_DATE_ENTS - {"CARDINAL"} and start not in context.date_tokens:
            return False
        # "2000 troops" (even when NER calls it a date), "between 1500 and 2000 soldiers"; not
        # "in the autumn of 2021 prices rose"
        if not re.search(r"\bof\s*$", match["mod"] or "", re.I) and _counts_things(token) or (token.dep_ == "conj" and _counts_things(token.head)):
            return False
    if match["mod"]:
        return True
    following = _YEAR_RANGE_END.match(context.text, match.end())
    if following and int(following.group(1)) > int(match["year"]):  # "2014–2023"
        return True
    if start in context.date_tokens or _YEAR_CONTEXT.search(context.before(start, 30)):
        return True
    if token is not None and _names_the_year_of(token):
        return True
    return bool(_POSSESSIVE_AFTER.match(context.text, match.end()))


def _names_the_year_of(token) -> bool:
    """"under a 2022 programme", "the 2019 election": a year naming a singular thing (a count
    would need a plural: "2000 troops")."""
    head = token.head
    return token.dep_ in {"nummod", "compound", "amod", "nmod"} and head.tag_ in {"NN", "NNP"} \
        and head.i > token.i and any(c.dep_ in {"det", "poss"} and c.i < token.i for c in head.children)


def _counts_things(token) -> bool:
    head = token.head
    return (
        token.dep_ == "nummod" and head.tag_ in {"NNS", "NNPS"} and head.i > token.i
        and not any(c.dep_ in {"det", "poss"} for c in head.children if c.i < token.i)
    )


_UNIT_NAMES = {"fortnight": "week", "centurie": "century"}


def _unit(match: re.Match, group: str = "unit") -> str:
    unit = match[group].lower()
    return _UNIT_NAMES.get(unit, unit)


def _amount(match: re.Match) -> int | None:
    """A written count ("20", "two", "twenty-one", "a"); None when it is vague ("a few")."""
    text = match["amount"]
    fortnight = bool(match["unit"]) and match["unit"].lower().startswith("fortnight")
    if text is None:
        return 2 if fortnight else 1
    text = re.sub(r"\s+", " ", text.lower())
    if text in _VAGUE_AMOUNTS:
        return None
    if text in _NUMBER_WORDS:
        total = _NUMBER_WORDS[text]
    elif text.isdigit():
        total = int(text)
    else:
        total = 0
        for word in re.split(r"[-\s]", text):
            if word not in _NUMBER_WORDS:
                return None
            total += _NUMBER_WORDS[word]
    return total * 2 if fortnight else total


def _offset_rule(unit: str, amount: int | None, sign: int, base: str, shape: str = "point") -> dict:
    return {"kind": "offset", "unit": unit, "amount": amount, "sign": sign, "base": base, "shape": shape}


def _build_offset(match: re.Match, context: _Context) -> _Atom | None:
    """"20 days later", "a decade ago", "two years earlier", "three weeks after the summit"."""
    if _is_rate(match, context):
        return None
    direction = re.sub(r"\s+", " ", match["dir"].lower())
    if direction == "on" and _DATE_AFTER_ON.match(context.text, match.end()):
        return None  # "its first cargo in five months on Monday": a duration, then the date
    sign = -1 if direction in {"earlier", "before", "ago", "prior", "prior to", "previously", "back"} else 1
    base = "publication" if direction in {"ago", "hence", "back", "from now"} else "anchor"
    if direction in {"after", "before", "prior to", "from"}:
        # "three days after the summit" counts from an event we cannot date: unknown, unless a
        # date follows (joined in pass 2) or the clause ends there ("two days after, ...").
        if _GERUND_AFTER.match(context.text, match.end()):
            return None  # "two years from catching up", "days before leaving": a distance or a wait
        if direction == "from" or _word_follows(context, match.end()):
            base = "following"
    rule = _offset_rule(_unit(match), _amount(match), sign, base)
    if match["unit0"]:  # the larger part of "a year and ten days"
        first = match["amount0"].lower()
        rule["plus"] = (match["unit0"].lower(), 1 if first in ("a", "an") else
                        int(first) if first.isdigit() else _NUMBER_WORDS[first])
    return _Atom(match.start(), match.end(), "offset", rule=rule)


_DATE_AFTER_ON = re.compile(r"\s+(?:the\s+)?(?:\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
                            r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)", re.I)
_GERUND_AFTER = re.compile(r"\s+[a-z]+ing\b(?!\s+(?:day|week|month|year)\b)")
RATE_ARTICLES = {"a", "an", "per"}
RATE_DIRECTIONS = {"from", "on", "before", "after", "prior"}  # words that can follow a rate


def _is_rate(match: re.Match, context: _Context) -> bool:
    """"2 million barrels a day from November": "a day" after a noun or a number, followed by a
    word that starts another phrase, is a rate (per day), not a time counted from a date."""
    first = match.group(0).split(None, 1)[0].lower()
    if first not in RATE_ARTICLES or match["dir"].split()[0].lower() not in RATE_DIRECTIONS:
        return False  # "$190 billion a year earlier" is a time
    i = int(context.token_starts.searchsorted(match.start()))
    return i > 0 and context.doc[i - 1].pos_ in ("NOUN", "PROPN", "NUM", "SYM", "ADV") \
        and context.doc[i - 1].lower_ not in ("later", "earlier", "ago", "just", "only", "exactly")


def _build_in_offset(match: re.Match, context: _Context) -> _Atom | None:
    """"will leave in two weeks" (a point), "within 9 months" (a range); only in the future tense,
    because "trade doubled in two years" is a duration."""
    if _tense(context, match.start()) != "future":
        return None
    within = match["prep"].lower() == "within"
    rule = _offset_rule(_unit(match), _amount(match), 1, "publication", "forward" if within else "point")
    return _Atom(match.start(), match.end(), "in_offset", rule=rule)


def _build_span(match: re.Match, context: _Context) -> _Atom | None:
    """"the past six months", "the last two years", "the next 3 days": a range to or from now."""
    rel = match["rel"].lower()
    plural = match.group(0).lower().endswith("s")
    rel_token = context.token(match.start("rel"))
    if rel_token is not None and rel_token.pos_ in ("VERB", "AUX"):
        return None  # "the duties last five years": a duration, not the years to now
    if re.match(r"\s+of\b", context.text[match.end():match.end() + 4]):
        return None  # "the last four months of 2021" is a part of 2021, not the months to now
    if match["amount"] is None and not plural:
        if not match.group(0).lower().startswith("the") or rel not in {"past", "last", "coming", "upcoming"}:
            return None  # "last year", "the following year": one period, not a range
    backward = rel in {"past", "last", "previous", "preceding", "prior"}
    base = "publication" if rel in {"past", "last", "next", "coming", "upcoming"} else "anchor"
    amount = _amount(match) if match["amount"] is not None or not plural else None
    rule = _offset_rule(_unit(match), amount, -1 if backward else 1, base, "back" if backward else "forward")
    return _Atom(match.start(), match.end(), "span", rule=rule)


def _build_deictic(match: re.Match, context: _Context) -> _Atom | None:
    rel = match["rel"].lower()
    unit = match["unit"].lower()
    if rel in {"past", "previous"} and unit != "century":
        rel = "last"
    sign = {"last": -1, "this": 0, "current": 0, "next": 1, "coming": 1}.get(rel, -1)
    if unit == "decade" and rel == "last":
        # "the last decade" is the ten years to now, not the 2010s
        rule = _offset_rule("year", 10, -1, "publication", "back")
    elif unit == "decade":
        rule = {"kind": "decade", "sign": sign, "base": "publication"}
    else:
        rule = {**_offset_rule(unit, 1 if sign else 0, sign or 1, "publication"), "whole_week": unit == "week"}
    return _Atom(match.start(), match.end(), "deictic", rule=rule)


def _build_anaphoric(match: re.Match, context: _Context) -> _Atom | None:
    if match["unit"]:
        rel = match["rel"].lower()
        unit = _unit(match)
        sign = -1 if rel in {"previous", "preceding", "prior"} else 1
        amount = 0 if rel == "same" else 1
    elif match["unit2"]:
        unit = _unit(match, "unit2")
        sign, amount = (-1 if match["dir"].lower() == "before" else 1), 1
        # "the year before the invasion", "... before 2015"; not "the month before and a peak …"
        if _word_follows(context, match.end()) and not _CLAUSE_GOES_ON.match(context.text, match.end()):
            return _Atom(match.start(), match.end(), "offset", rule=_offset_rule(unit, amount, sign, "following"))
    elif match["yearend"]:  # "extend cuts to year-end": the end of the narrative's year
        unit, sign, amount = "year", 1, 0
    else:
        unit = _unit(match, "unit3" if match["unit3"] else "unit4")
        sign, amount = 1, 0
    if unit == "decade":
        rule = {"kind": "decade", "sign": sign * amount, "base": "anchor"}
    else:
        rule = _offset_rule(unit, amount, sign, "anchor")
    return _Atom(match.start(), match.end(), "anaphoric", rule=rule)


_CLAUSE_GOES_ON = re.compile(r"\s+(?:and|or|but|while|when|as|with|in|at|on)\b", re.I)


def _build_same_day(match: re.Match, context: _Context) -> _Atom | None:
    """Hours or minutes from an anchor keep its day (up to twelve hours: no midnight guessed).
    "hours after the crash" keeps the day of the crash when the text dates it."""
    rule = _offset_rule("day", 0, 1, "anchor")
    if re.search(r"(?:after|before)$", match.group(0), re.I) and _word_follows(context, match.end()):
        rule["act"] = True
    return _Atom(match.start(), match.end(), "anaphoric", rule=rule)


def _build_today(match: re.Match, context: _Context) -> _Atom | None:
    token = context.token(match.start())
    possessive = context.text[match.end():match.end() + 2] in ("'s", "’s")  # "today's decision": a day
    if token is not None and token.lower_ == "today" and token.head.pos_ in {"NOUN", "PROPN"} and not possessive:
        return _Atom(match.start(), match.end(), "vague", rule={"kind": "vague"})  # "the relationship today": nowadays
    if match["around"]:
        amount, sign = 2, (-1 if match["around"].lower().startswith("before") else 1)
    else:
        word = match["word"].lower()
        amount, sign = {"today": (0, 1), "tonight": (0, 1), "yesterday": (1, -1), "tomorrow": (1, 1)}[word]
    return _Atom(match.start(), match.end(), "today", rule=_offset_rule("day", amount, sign, "publication"))


def _which(match: re.Match) -> str:
    """How a relation word places a weekday, month or holiday relative to its base."""
    rel = re.sub(r"\s+", " ", (match["rel"] or "").lower())
    if rel in {"following", "previous"}:
        return rel if match["the"] else ("next" if rel == "following" else "last")
    if rel in {"last", "this past", "past"}:
        return "last"
    if rel in {"next", "this coming", "coming", "upcoming", "this upcoming"}:
        return "next"
    return "this" if rel == "this" else "auto"


def _build_weekday(match: re.Match, context: _Context) -> _Atom | None:
    token = context.token(match.start("weekday"))
    if token is not None and token.ent_type_ in {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT"}:
        return None
    rule = {"kind": "weekday", "weekday": _WEEKDAYS[match["weekday"].lower()], "which": _which(match),
            "tense": _tense(context, match.start())}
    prefix = context.before(match.start(), 6)
    that = re.search(r"\bthat\s+$", prefix, re.I)
    that_start = match.start() - len(prefix) + that.start() if that is not None else None
    determiner = context.token(that_start) if that_start is not None else None
    if rule["which"] == "auto" and determiner is not None and (  # not the "that" of "said that Monday …"
            determiner.dep_ == "det" or determiner.is_sent_start or determiner.nbor(-1).pos_ == "ADP"):
        rule["which"] = "that"  # "That Thursday, clients fled": the Thursday of the week told
        return _Atom(that_start, match.end(), "weekday", rule=rule)
    if rule["which"] == "auto" and _future_in_past(token):
        # "announced (on Saturday) that Monday would be a day off": the Monday after, which is
        # not yet the narrative's time
        rule["which"] = "following"
        return _Atom(match.start(), match.end(), "weekday", rule=rule, schedule=True)
    if match["week"]:  # "Tuesday of last week": that weekday in a given week
        week = re.sub(r"\s+", " ", match["week"].lower())
        rule["which"] = "in_week"
        rule["week"] = {"next": 1, "last": -1, "this": 0, "the following": 1, "the previous": -1, "the same": 0}[week]
        rule["week_base"] = "anchor" if week.startswith("the ") else "publication"
    elif rule["which"] == "auto" and re.search(r"\blater\s+(?:on\s+)?$", context.before(match.start(), 12), re.I):
        rule["which"] = "next_or_same"  # "planned to march later on Tuesday" (written on Tuesday): today
    return _Atom(match.start(), match.end(), "weekday", rule=rule)


# "December corn rose 3.5%", "the March contract": a futures contract's delivery month names the
# contract, not the time of the news
_CONTRACT_AFTER = re.compile(
    r"\s+(?:corn|wheat|soybeans?|soymeal|oats|crude|Brent|WTI|gold|silver|copper|cotton|sugar|coffee|"
    r"cocoa|cattle|hogs|futures?|contracts?|delivery|deliveries|options?)\b", re.I)


def _build_month(match: re.Match, context: _Context) -> _Atom | None:
    month = _month_number(match, "month", context, strict=True)
    if month is None:
        return None
    if _CONTRACT_AFTER.match(context.text, match.end()) and not re.search(
            r"\b(?:in|by|since|until|from|through|during|of)\s+$", context.before(match.start(), 10), re.I):
        return None
    rule = {"kind": "calendar", "month": month, "day": None, "which": _which(match),
            "tense": _calendar_tense(context, match.start())}
    if match["yrel"] or match["yrel2"]:  # "May of that year", "March of last year": the year is named
        relation = re.sub(r"\s+", " ", (match["yrel"] or match["yrel2"]).lower())
        rule["year_of"] = {"that": ("anchor", 0), "the same": ("anchor", 0), "the following": ("anchor", 1),
                           "the next": ("anchor", 1), "the previous": ("anchor", -1), "this": ("publication", 0),
                           "last": ("publication", -1), "next": ("publication", 1)}[relation]
    return _Atom(match.start(), match.end(), "month", rule=rule)


def _build_holiday(match: re.Match, context: _Context) -> _Atom | None:
    name = re.sub(r"\s+", " ", match["holiday"].lower()).replace("’", "'")
    unambiguous = " " in name or name == "juneteenth"  # "Christmas Eve", not "a Christmas tree"
    if not (unambiguous or match["rel"] or match["year"] or match.start() in context.date_tokens
            or _HOLIDAY_CONTEXT.search(context.before(match.start()))):
        return None
    rule = {"kind": "holiday", "name": name, "which": _which(match), "tense": _tense(context, match.start())}
    if match["year"]:
        point = _holiday_date(name, int(match["year"]))
        return _absolute(match.start(), match.end(), "day", point) if point else None
    return _Atom(match.start(), match.end(), "holiday", rule=rule)


def _holiday_date(name: str, year: int) -> _Point | None:
    name = _holiday_key(name)
    if name is None or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if name in _HOLIDAYS:
        return _day_point(year, *_HOLIDAYS[name])
    if name in {"thanksgiving", "black friday"}:  # US: fourth Thursday of November
        first = dt.date(year, 11, 1)
        thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
        return _Point(thursday + dt.timedelta(days=1 if name == "black friday" else 0), "day")
    return _Point(easter(year) + dt.timedelta(days=_MOVABLE_HOLIDAYS[name]), "day")


def _holiday_key(name: str) -> str | None:
    name = re.sub(r"\s+", " ", name.lower()).replace("’", "'")
    for table in (_HOLIDAYS, _MOVABLE_HOLIDAYS):
        if name in table:
            return name
        if name.replace("'", "") in {k.replace("'", "") for k in table}:
            return next(k for k in table if k.replace("'", "") == name.replace("'", ""))
    return None


def _build_first_months(match: re.Match, context: _Context) -> _Atom | None:
    """"the first 10 months of the year": January to October of the year the context gives."""
    word = match["amount"].lower()
    months = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
    if not months or not 1 <= months <= 12:
        return None
    start, end = match.start(), match.end()
    if match["year"]:
        year = int(match["year"])
        first, last = _Point(dt.date(year, 1, 1), "month"), _Point(dt.date(year, months, 1), "month")
        return _Atom(start, end, "range", first.iso(), "month", last.iso(),
                     parts=(_absolute(start, end, "month", first), _absolute(start, end, "month", last)))
    which = {"this": "this", "last": "last"}.get(match["yrel"].lower(), "auto")
    rule = {"kind": "calendar", "month": 1, "day": None, "which": which, "tense": _calendar_tense(context, start)}
    if which == "last":
        rule["year_of"] = ("publication", -1)
    elif which == "this":
        rule["year_of"] = ("publication", 0)
    return _Atom(start, end, "range", parts=(_Atom(start, end, "calendar", rule=rule),
                                              _Atom(start, end, "calendar", rule={**rule, "month": months})))


def _word_follows(context: _Context, end: int) -> bool:
    """A word (an act, a date) right after "after"/"before": "three days after the summit"."""
    return context.text[end:end + 2].lstrip()[:1].isalnum()


def _build_next_part_of_day(match: re.Match, context: _Context) -> _Atom | None:
    return _Atom(match.start(), match.end(), "anaphoric", rule=_offset_rule("day", 1, 1, "anchor"))


def _build_day_of_month(match: re.Match, context: _Context) -> _Atom | None:
    start = match.start("day") - len("the ")  # the expression is "the 12th", not its preposition
    return _Atom(start, match.end(), "day_of_month", rule={"kind": "day_of_month", "day": int(match["day"])})


def _build_hour_offset(match: re.Match, context: _Context) -> _Atom | None:
    """"48 hours later" is two days later; "36 hours later" cannot be placed on a day."""
    text = re.sub(r"[-\s]+", " ", match["amount"].lower())
    hours = int(text) if text.isdigit() else sum(_NUMBER_WORDS.get(w, 0) for w in text.split())
    amount = hours // 24 if hours % 24 == 0 else None
    direction = match["dir"].lower()
    sign = -1 if direction in ("earlier", "before") else 1
    base = "following" if direction in ("after", "before") and _word_follows(context, match.end()) else "anchor"
    return _Atom(match.start(), match.end(), "offset", rule=_offset_rule("day", amount, sign, base))


def _build_weekend(match: re.Match, context: _Context) -> _Atom | None:
    """"over the weekend": the Saturday and Sunday nearest the day told, or the last (or, in the
    future tense or with "next", the coming) one around publication."""
    rel = re.sub(r"\s+", " ", match["rel"].lower())
    which = "next" if rel in ("next", "this coming") or _tense(context, match.start()) == "future" else \
        "last" if rel in ("last", "this past") else "auto"
    return _Atom(match.start(), match.end(), "weekend", rule={"kind": "weekend", "which": which})


def _build_season(match: re.Match, context: _Context) -> _Atom | None:
    """"releases could start this summer" (written in July 2023): 2023; "last autumn" is the last
    one over before publication, "next spring" the next to begin. A year, as no month is named."""
    published = context.published
    if published is None:
        return None
    first, last = _SEASON_MONTHS[match["season"].lower()]
    rel, year = match["rel"].lower(), published.date.year
    month = published.date.month
    if rel in ("last", "past"):
        year -= 0 if month > last else 1
    elif rel in ("next", "coming"):
        year += 0 if month < first else 1
    return _absolute(match.start(), match.end(), "year", _Point(dt.date(year, 1, 1), "year"))


def _build_vague(match: re.Match, context: _Context) -> _Atom | None:
    start = match.start() + (3 if match.group(0).lower().startswith("in ") else 0)
    return _Atom(start, match.end(), "vague", rule={"kind": "vague"})


_BUILDERS = {
    "iso": _build_iso, "numeric": _build_numeric, "dotted": _build_dotted, "iso_month": _build_iso_month,
    "compact": _build_compact, "month_day": _build_day, "month_day_word": _build_day,
    "day_month": _build_day, "day_word_month": _build_day, "month_year": _build_month_year,
    "part_year": _build_part_year, "century": _build_century, "decade": _build_decade,
    "year": _build_year, "offset": _build_offset, "in_offset": _build_in_offset, "span": _build_span,
    "deictic": _build_deictic, "anaphoric": _build_anaphoric, "today": _build_today,
    "same_day": _build_same_day, "first_months": _build_first_months, "season": _build_season,
    "weekend": _build_weekend, "hour_offset": _build_hour_offset, "next_part_of_day": _build_next_part_of_day,
    "day_of_month": _build_day_of_month,
    "weekday": _build_weekday, "month": _build_month, "holiday": _build_holiday, "vague": _build_vague,
}


_STARTING = re.compile(r"\b(?:starting|beginning|commencing|effective|taking\s+effect)\s+(?:in\s+|on\s+|from\s+)?$", re.I)


def _calendar_tense(context: _Context, char: int) -> str:
    """The tense that picks the year of a month or day: "since November" looks back."""
    before = context.before(char, 30)
    if re.search(r"\bsince\s+(?:(?:early|mid|late)[\s-]+)?$", before, re.I):
        return "since"
    if _STARTING.search(before):
        # "agreed cuts starting in January": a start lies ahead of the agreement, which a past
        # narrative dates ("On October 20 it announced licences, effective December 1")
        return "after_anchor" if _tense(context, char) == "past" else "future"
    return _tense(context, char)


# what a clause's tense means for the year of a month or day (reftime.tense gives the tense)
_CALENDAR_READING = {"past": "past", "perfect": "past", "present": "present", "future": "future"}


def _future_in_past(token) -> bool:
    """A "would" clause reported by a past verb ("said the talks would resume on Monday"): the
    future as seen from the day of saying."""
    verb = clause_verb(token) if token is not None else None
    return verb is not None and tense(verb) == "conditional" and verb.dep_ == "ccomp" \
        and tense(verb.head) == "past"


def _tense(context: _Context, char: int) -> str:
    """"future", "present" or "past" for the clause around a character offset, "" when unclear
    ("would" and "could" included). Decides whether "in December" means the coming December,
    this year's or the anchor's."""
    token = context.token(char)
    verb = clause_verb(token)
    if verb is None and (base := comparison_base_verb(token)) is not None:
        # "fell from $90 in June", "are up 5% from June": a base lies before the writer, except
        # a start a plan or schedule names ("cuts exports from November")
        if tense(base) in ("past", "perfect", "present") and not _starts_a_verb(token):
            return "past"
    return _CALENDAR_READING.get(tense(verb), "")


def _starts_a_verb(token) -> bool:
    """The date is the object of a "from" on a verb ("cut exports from November"): where an act
    starts, not a base (a base date hangs under its figure: "fell from $90 in June")."""
    head = token.head
    while head.i != head.head.i and head.dep_ in ("compound", "amod", "nummod") and head.tag_ != "IN":
        head = head.head  # "from early November"
    return head.lower_ in BASE_WORDS and token.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX")


# ---- pass 2: joins ---------------------------------------------------------------------------


def _join(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """Join ranges ("from A to B", "between A and B", "A–B", "A to the present") and offsets
    counted from the date that follows them."""
    result: list[_Atom] = []
    i = 0
    while i < len(atoms):
        first = atoms[i]
        if i + 1 < len(atoms):
            second = atoms[i + 1]
            if _moved_between(text, first, second):  # "pushed back from November 26 to November 30"
                result += [replace(first, schedule=True), replace(second, schedule=True)]
                i += 2
                continue
            joined = _offset_from(text, first, second) or _range_of(text, first, second)
            if joined is not None:
                result.append(joined)
                i += 2
                continue
        result.append(_with_now(text, first))
        i += 1
    return result


def _offset_from(text: str, first: _Atom, second: _Atom) -> _Atom | None:
    """"20 days after February 4, 2022", "two weeks before Christmas", "3 days from today"."""
    if first.rule.get("base") != "following" or second.parts or second.rule.get("kind") in {"vague", None} and second.point is None:
        return None
    if not re.fullmatch(r"\s*(?:the\s+)?", text[first.end:second.start]):
        return None
    rule = {**first.rule, "base": "explicit", "from": second}
    return _Atom(first.start, second.end, "offset", rule=rule)


def _range_of(text: str, first: _Atom, second: _Atom) -> _Atom | None:
    if first.parts or second.parts or second.start - first.end > 12:
        return None
    if first.kind in _NOT_RANGE_ENDS or second.kind in _NOT_RANGE_ENDS:
        return None
    gap = _RANGE_GAP.match(text[first.end:second.start])
    if gap is None:
        return None
    prefix = _RANGE_PREFIX.search(text[max(0, first.start - 10):first.start])
    prefix_word = prefix["word"].lower() if prefix else None
    same_kind = _family(first) == _family(second) != "other"
    if gap["and"] and prefix_word != "between":
        return None
    if gap["to"] and not (prefix_word == "from" or same_kind):
        return None
    if gap["dash"] and not same_kind:
        return None
    if gap["dash"] == "/" and first.kind != "year":
        return None
    start = first.start - (len(prefix.group(0)) if prefix else 0)
    return _Atom(start, second.end, "range", parts=(first, second))


def _moved_between(text: str, first: _Atom, second: _Atom) -> bool:
    """"pushed the meeting back from November 26 to November 30": the old and the new date of
    something moved, not a span."""
    if first.parts or second.parts or _family(first) != "calendar" or _family(second) != "calendar":
        return False
    gap = _RANGE_GAP.match(text[first.end:second.start])
    return gap is not None and bool(gap["to"]) and _MOVED.search(text[max(0, first.start - 70):first.start]) is not None


# a verb that moves a date: "from A to B" after it names the old and the new date, not a span
_MOVED = re.compile(r"\b(?:postpon|delay|push(?:ed|es|ing)?\s+(?:\w+\s+){0,3}back|pushed\s+back|mov(?:e|ed|es|ing)\b|"
                    r"reschedul|shift|brought\s+forward|bring\s+forward|bringing\s+forward)[^.;:!?]*$", re.I)


_SPAN_TO = re.compile(r"\bthe\s+(?:(?P<amount>[a-z]+|\d{1,2})\s+(?P<unit>months|quarters|years)|(?P<one>year|quarter))"
                      r"\s+(?:to|through|thru|ending|ended|that\s+ended)\s+(?:(?:early|mid|late)[\s-]+)?$", re.I)
_SPAN_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def _span_to(text: str, atom: _Atom) -> _Atom | None:
    """"revenue for the three months to late October": the span of that length ending there."""
    if atom.parts or _family(atom) != "calendar":
        return None
    found = _SPAN_TO.search(text[max(0, atom.start - 40):atom.start])
    if found is None:
        return None
    word = (found["amount"] or "one").lower()
    amount = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
    if not amount or amount > 60:
        return None
    months = amount * _SPAN_MONTHS[(found["unit"] or found["one"]).lower().rstrip("s")]
    rule = {**_offset_rule("month", months - 1, -1, "explicit"), "from": atom}
    begin = atom.start - len(found.group(0))
    # its end is where the narrative stands: "… of a year earlier" counts from late October
    return _Atom(begin, atom.end, "range", rule={"anchor_end": True},
                 parts=(_Atom(begin, atom.start, "offset", rule=rule), atom))


def _with_now(text: str, atom: _Atom) -> _Atom:
    """"from 2014 to the present", "between now and November 15th": a range with today as one end."""
    if atom.parts or _family(atom) != "calendar":
        return atom
    if (span := _span_to(text, atom)) is not None:
        return span
    now = _Atom(atom.start, atom.end, "now", rule={"kind": "now"})
    following = _TO_NOW.match(text, atom.end)
    if following:
        prefix = _RANGE_PREFIX.search(text[max(0, atom.start - 10):atom.start])
        start = atom.start - (len(prefix.group(0)) if prefix else 0)
        return _Atom(start, following.end(), "range", parts=(atom, now))
    preceding = _FROM_NOW.search(text[max(0, atom.start - 20):atom.start])
    if preceding:
        return _Atom(atom.start - len(preceding.group(0)), atom.end, "range", parts=(now, atom))
    return atom


# Atoms that are already ranges or cannot be resolved do not start or end a range.
_NOT_RANGE_ENDS = {"offset", "in_offset", "span", "vague", "part"}


def _family(atom: _Atom) -> str:
    """Which atoms make a range together."""
    if atom.kind in {"year", "month_year", "day", "iso", "numeric", "dotted", "iso_month", "compact",
                     "calendar", "month", "weekday", "today", "holiday"}:
        return "calendar"
    if atom.kind in {"decade", "century"}:
        return atom.kind
    return "other"


_TIME_WORD = re.compile(
    r"\b(?i:days?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)|mornings?|"
    r"afternoons?|evenings?|nights?|hours?|minutes?|spring|summer|autumn|fall|winter|weekend|period|time)\b"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _unmatched_relative_entities(parsed: ParsedDocument, atoms: list[_Atom]) -> list[_Atom]:
    starts = [a.start for a in atoms]
    extra = []
    for ent in parsed.doc.ents:
        if ent.label_ != "DATE":
            continue
        i = bisect.bisect_left(starts, ent.end_char)
        if i > 0 and atoms[i - 1].end > ent.start_char:
            continue  # overlaps an atom
        if {t.lower_ for t in ent if t.pos_ not in ("VERB", "AUX")} & _RELATIVE_CUES \
                and _TIME_WORD.search(ent.text):  # not "march later on"
            extra.append(_Atom(ent.start_char, ent.end_char, "vague", rule={"kind": "vague"}))
    return extra


# ---- pass 3: resolution ----------------------------------------------------------------------


# An anaphoric date ("20 days later", "in December", "that same month") counts from a date named
# at most this many sentences before it; a date further back is usually background (an article's
# opening "in 2014" does not make a later paragraph's "in April" April 2014).
ANCHOR_SENTENCES = 4
# How far after its publication date a story's tenseless "in July" may lie when the narrative
# moves forward into the next year.
NEWS_HORIZON_MONTHS = 6


def _resolve_all(parsed: ParsedDocument, atoms: list[_Atom]) -> list[TimeExpression]:
    published = parse_publication_date(parsed.document.published)
    anchors: list[tuple[int, _Point]] = []  # (sentence, point)
    placed: list[tuple[int, _Point]] = []  # (character offset, point) of the same anchors
    last_start = last_end = -1
    breaks = [m.start() for m in re.finditer(r"\n[ \t]*\n", parsed.document.text)]  # paragraph ends
    lede: _Point | None = None
    quoted = _past_quotes(parsed)
    results = []
    pending: list[tuple[int, _Atom]] = []  # offsets from an act the text may date only later
    # the last "last month"/"last year": (sentence, point, unit, start); no anchor in general (it
    # is often a figure's time, "published this month"), only for "the month before" right after
    deictic: tuple[int, _Point, str, int] | None = None
    for atom in atoms:
        sentence = parsed.sentence_of(atom.start)
        visible = [point for sent, point in anchors if sentence - sent <= ANCHOR_SENTENCES]
        if atom.rule.get("kind") in {"calendar", "weekday", "holiday"} and published is not None:
            # a recent bare year in an earlier paragraph ("Egypt earned $10 billion in 2023.") is
            # the time of a figure or of background, not the year of a news story's "sank on
            # March 2"; a story told in the past ("In 2014, … On March 18, …") keeps its year
            here = bisect.bisect_right(breaks, atom.start)
            visible = [point for (sent, point), (start, _) in zip(anchors, placed)
                       if sentence - sent <= ANCHOR_SENTENCES
                       and not (point.precision == "year" and bisect.bisect_right(breaks, start) != here
                                and published.date.year - point.date.year <= 1)]
        if atom.rule.get("kind") in ("weekday", "weekend") and atom.rule.get("which") == "auto" \
                and published is not None and lede is None:  # a story whose lede is this week's news
            # tells this week's weekdays, whatever background it dates in between
            narrative = _narrative_day(parsed, placed, atom, published)
            if narrative is not None:
                atom = replace(atom, rule={**atom.rule, "narrative": narrative})
        if atom.rule.get("which") == "that":
            told = next((point for _, point in reversed(placed) if point.precision == "day"), None)
            atom = replace(atom, rule={**atom.rule, "which": "auto", "narrative": told})
        if atom.rule.get("kind") == "offset":
            if lede is not None:  # "The White House reacted within hours": of the story's news day,
                visible = [lede, *visible]  # unless a nearer anchor is precise enough
            if atom.kind == "today" and any(a <= atom.start < b for a, b in quoted):
                # "“…today's announcement,” she told reporters": the day she spoke
                atom = replace(atom, rule={**atom.rule, "base": "anchor"})
        if atom.rule.get("base") == "following" and placed and placed[-1][1].precision == "day" \
                and placed[-1][0] == last_start and re.fullmatch(r",\s*", parsed.document.text[last_end:atom.start]):
            # "on Thursday, three days after the announcement": the same day, told twice
            day = placed[-1][1]
            rule = {k: v for k, v in atom.rule.items() if k != "plus"}
            atom = replace(atom, rule={**rule, "amount": 0, "base": "explicit",
                                       "from": _Atom(atom.start, atom.end, "day", day.iso(), "day", point=day)})
        elif (atom.rule.get("base") == "following" or atom.rule.get("act")) \
                and (event := _event_anchor(parsed, atom, placed)) is not None:
            # "three days after the announcement": counted from the day the text dated it
            atom = _counted_from(atom, event)
        if atom.kind == "anaphoric" and deictic is not None and deictic[2] == atom.rule.get("unit") \
                and (sentence == deictic[0] or sentence - deictic[0] == 1 and (not placed or placed[-1][0] < deictic[3])):
            # "rose 8.8% last month, down from 11% the month before": the month before that one
            visible = [*visible, deictic[1]]
        resolved = _resolve(atom, visible, published)
        if atom.kind == "deictic" and resolved.point is not None:
            deictic = (sentence, resolved.point, atom.rule.get("unit"), atom.start)
        uncounted = atom.rule.get("base") == "following" and resolved.value is None
        if lede is None and sentence < LEDE_SENTENCES and _is_news_day(resolved.point, published):
            lede = resolved.point
        # Anchors are dates the text names ("February 4, 2022", "in December"), not offsets
        # ("the previous year") that were themselves counted from one.
        # Nor a date that only names a thing ("the 2023 probe", "the 2001 Treaty") or is a point
        # of comparison ("lowest since 1984"): it does not set the time the narrative is at.
        # Nor a deadline ("runs for 120 days, until November 19"): the time is not there yet.
        if resolved.point is not None and atom.rule.get("kind") not in {"offset", "now"} and not atom.schedule \
                and not _names_a_thing(parsed, atom) and not _BASE_BEFORE.search(
                    parsed.document.text, max(0, atom.start - 8), atom.start) and not _in_since_clause(parsed, atom) \
                and not _UNTIL_BEFORE.search(parsed.document.text, max(0, atom.start - 8), atom.start):
            anchors.append((sentence, resolved.point))
            placed.append((atom.start, resolved.point))
        start, end = _trim(parsed.document.text, atom.start, atom.end)
        last_start, last_end = atom.start, atom.end
        if end <= start:
            continue
        if _DEADLINE_BEFORE.search(parsed.document.text, max(0, start - 12), start):
            resolved = _year_end(parsed.document.text[start:end], resolved)
        results.append(
            TimeExpression(
                id=stable_id("tim", parsed.document.id, start, end),
                evidence=parsed.evidence(start, end),
                value=resolved.value,
                precision=resolved.precision,
                end=resolved.end,
                relative=resolved.relative,
                anchor=resolved.anchor,
            )
        )
        if uncounted:
            pending.append((len(results) - 1, atom))
    for index, atom in pending:  # "ten days after the agreement was signed" … "signed on July 22"
        event = _event_anchor(parsed, atom, placed, ahead=True)
        if event is not None:
            resolved = _resolve(_counted_from(atom, event), [], published)
            results[index] = replace(results[index], value=resolved.value, precision=resolved.precision,
                                     end=resolved.end, relative=resolved.relative, anchor=resolved.anchor)
    return _days_of_speaking(parsed, results, quoted)


def _days_of_speaking(parsed: ParsedDocument, results: list[TimeExpression],
                      quoted: list[tuple[int, int]]) -> list[TimeExpression]:
    """"“He is in Belarus today,” he said on June 27": the "today" of a quote is the day its
    attribution names after it, when it names one."""
    for i, time in enumerate(results):
        start = time.evidence.start
        quote = next(((a, b) for a, b in quoted if a <= start < b), None)
        if quote is None or time.evidence.text.lower() not in ("today", "tonight", "this morning"):
            continue
        said_on = [t for t in results[i + 1:] if t.evidence.sentence == time.evidence.sentence
                   and t.evidence.start >= quote[1] and t.precision == "day" and t.value and not t.end
                   and not any(a <= t.evidence.start < b for a, b in quoted)]
        if said_on:
            results[i] = replace(time, value=said_on[0].value, relative=True, anchor=said_on[0].value)
    return results


def _counted_from(atom: _Atom, point: _Point) -> _Atom:
    return replace(atom, rule={**atom.rule, "base": "explicit",
                               "from": _Atom(atom.start, atom.end, "day", point.iso(), point.precision, point=point)})


EVENT_ANCHOR_SENTENCES = 12  # how far back "the announcement" may have been dated


def _event_anchor(parsed: ParsedDocument, atom: _Atom, placed: list[tuple[int, _Point]],
                  ahead: bool = False) -> _Point | None:
    """"three days after the announcement", "ten days after the agreement was signed": the date
    of the clause that tells of that act and dates it ("China announced the controls on Monday",
    "they signed the deal on July 22"), when that clause names exactly one date precise enough.
    The last such clause before wins; `ahead` (once every date is placed) looks at the sentences
    just after instead, as news often tells of the act itself a paragraph later."""
    doc = parsed.doc
    span = doc.char_span(atom.start, atom.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return None
    act = _act_named_after(doc, span)
    if act is None:
        return None
    here = parsed.sentence_of(atom.start)
    needed = _NEEDED[atom.rule["unit"]]
    if ahead and act.pos_ == "VERB" and act.i >= span.end:
        own = _clause_date(parsed, placed, act, needed)  # "three days after the summit ended on May 2"
        if own is not None:
            return own
    if not ahead:
        first = any(c.dep_ == "amod" and c.lower_ in ("first", "initial", "original") for c in act.children)
        # "three months after the first release": the earliest dated telling, not the latest
        indices = list(range(0, here + 1) if first else range(here, max(-1, here - EVENT_ANCHOR_SENTENCES), -1))
        # a story dates its main act in the lede ("crashed … on Wednesday evening"), however far
        # back that is from "hours after the crash"
        indices += [i for i in range(min(LEDE_SENTENCES, here + 1)) if i not in indices]
        for index in indices:
            found = _dated_act(parsed, placed, index, act, needed, before=atom.start, earliest=first)
            if found is not None:
                return found
        return None
    for index in range(here + 1, min(len(parsed.sentences), here + 1 + EVENT_AHEAD_SENTENCES)):
        found = _dated_act(parsed, placed, index, act, needed, before=None)
        if found is not None:
            return found
    return None


EVENT_AHEAD_SENTENCES = 4


def _act_named_after(doc, span):
    """The act an offset counts from: the noun after "after the" ("the announcement"), or the
    verb of the clause "after" introduces ("after Moscow quit the deal", "after walking out")."""
    connector = doc[span.end - 1]
    if connector.lower_ in ("after", "before") and connector.dep_ == "mark" \
            and connector.head.pos_ == "VERB" and connector.head.i >= span.end:
        return connector.head  # "after the agreement was signed": the signing
    if doc[span.end].lower_ in ("the", "its", "their", "that", "this"):
        return next((t for t in doc[span.end + 1:span.end + 5] if t.pos_ == "NOUN"), None)
    if connector.lower_ not in ("after", "before"):
        return None
    return next((c for c in connector.children if c.dep_ == "pcomp" and c.pos_ == "VERB"), None)


def _clause_date(parsed: ParsedDocument, placed, clause, needed: str):
    """The one date placed in this verb's own clause, precise enough."""
    doc = parsed.doc
    left, right = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text)
    dated = [point for start, point in placed
             if left <= start < right and _RANK[point.precision] <= _RANK[needed]
             and (date := doc.char_span(start, start + 1, alignment_mode="expand")) is not None
             and getattr(clause_verb(date.root), "i", None) == clause.i]
    return dated[0] if len(dated) == 1 else None


def _dated_act(parsed: ParsedDocument, placed, index: int, act, needed: str, before: int | None,
               earliest: bool = False):
    """The date of the first clause of sentence `index` that tells of `act` (the last one before
    `before`, when given, unless `earliest`)."""
    doc = parsed.doc
    sentence = parsed.sentences[index]
    limit = sentence.end if before is None else min(sentence.end, before)
    sentence_span = doc.char_span(sentence.start, limit, alignment_mode="contract")
    if sentence_span is None:
        return None
    placed = [(start, point) for start, point in placed if start < limit]
    tokens = reversed(sentence_span) if before is not None and not earliest else iter(sentence_span)
    for token in tokens:
        if not _same_act(token, act):
            continue
        clause = token if token.pos_ == "VERB" else clause_verb(token)
        found = _clause_date(parsed, placed, clause, needed) if clause is not None else None
        if found is not None:
            return found
    return None


def _same_act(token, noun) -> bool:
    """"announced" tells of "the announcement", "decided" of "the decision"."""
    if token.i == noun.i or token.pos_ not in ("VERB", "NOUN"):
        return False
    a, b = token.lemma_.lower(), noun.lemma_.lower()
    if a == b:
        return True
    common = len(os.path.commonprefix([a, b]))
    return common >= 4 and common >= 0.6 * min(len(a), len(b))


# "until the end of the year", "through year-end", "by the end of 2024": a deadline
_DEADLINE_BEFORE = re.compile(r"\b(?:until|till|through|thru|to|by|before)\s+$", re.I)
_YEAR_END = re.compile(r"(?:the\s+)?(?:very\s+)?(?:end|close)\s+of\b|year[-\s]end\b|end[-\s]year\b", re.I)


def _year_end(text: str, resolved: _Resolved) -> _Resolved:
    """"until the end of the year", "to year-end", "by the end of the month": a deadline, the
    last day of the year or month, not all of it (the caller checks the deadline preposition)."""
    if resolved.precision not in ("year", "month") or resolved.end is not None or not resolved.value \
            or not re.fullmatch(r"\d{4}(?:-\d{2})?", resolved.value) or not _YEAR_END.search(text):
        return resolved
    year, _, month = resolved.value.partition("-")
    month_number = int(month) if month else 12
    last_day = calendar.monthrange(int(year), month_number)[1]
    point = _Point(dt.date(int(year), month_number, last_day), "day")
    return replace(resolved, value=point.iso(), precision="day", point=point)


def _is_news_day(point: _Point | None, published: _Point | None) -> bool:
    """A day of the lede within a week before publication: the story's news (reftime.lede_time)."""
    return point is not None and published is not None and point.precision == "day" == published.precision \
        and is_news_day(point.date, published.date)


def _past_quotes(parsed: ParsedDocument) -> list[tuple[int, int]]:
    """Quoted spans reported in the past tense ("…,” she told reporters): "today" inside them is
    the day of speaking, not of publication."""
    spans = []
    for span in find_quoted_spans(parsed.document.text):
        sentence = parsed.sentences[parsed.sentence_of(span.start)]
        doc_span = parsed.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if doc_span is None:
            continue
        close = span.close if span.close is not None else span.end
        verb = doc_span.root
        if span.open <= verb.idx < close:  # the parser hung the frame on the quote: "X greeted it: “…”"
            verb = next((t for t in doc_span if t.pos_ in ("VERB", "AUX") and not span.open <= t.idx < close
                         and t.dep_ in ("ccomp", "conj", "advcl", "parataxis")), verb)
        if tense(verb) == "past":
            spans.append((span.start, span.end))
    return spans


_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through)\s+$", re.I)
# "its lowest level since 1984", "more than in 2019": a point of comparison, not the narrative's time
_BASE_BEFORE = re.compile(r"\b(?:since|than)\s+$", re.I)


def _in_since_clause(parsed: ParsedDocument, atom: _Atom) -> bool:
    """"the highest since its series began in 2004": the date of a point of comparison."""
    span = parsed.doc.char_span(atom.start, atom.end, alignment_mode="expand")
    verb = clause_verb(span.root) if span is not None else None
    return verb is not None and any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children)


TIMES_OF_DAY = {"morning", "afternoon", "evening", "night", "midday", "noon", "midnight", "dawn"}


def _names_a_thing(parsed: ParsedDocument, atom: _Atom) -> bool:
    span = parsed.doc.char_span(atom.start, atom.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ in {"compound", "nummod", "amod", "poss", "nmod"} and root.head.pos_ in {"NOUN", "PROPN"} \
            and root.head.i >= span.end and root.head.lemma_.lower() not in TIMES_OF_DAY:
        return True  # "the 2023 probe"; but "on Wednesday evening" is a time
    # "the threshold drawn on October 7, 2022": a past participle describing a noun dates the
    # thing, not the story ("Its shares closed lower that day" is still the news day), at least
    verb = clause_verb(root)
    if verb is None:  # "climbed from about $72 in late June": the date of a point of comparison
        return comparison_base_verb(root) is not None
    # in a sentence told in the present ("the rules replace the threshold drawn on October 7,
    # 2022"); in a past one it is the story's date ("In a statement issued on February 4, 2022,
    # the leaders pledged support")
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in {"NOUN", "PROPN"} \
        and tense(root.sent.root) in ("present", "future")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = max(0, start), min(len(text), end)
    while start < end and not text[start].isalnum() and text[start] not in "'’":
        start += 1
    while end > start and text[end - 1] in " \t\n\r,;:":
        end -= 1
    return start, end


def _resolve(atom: _Atom, anchors: list[_Point], published: _Point | None) -> _Resolved:
    if atom.parts:
        return _resolve_range(atom, anchors, published)
    if not atom.rule:
        return _Resolved(atom.value, atom.precision, atom.end_value, point=atom.point)
    kind = atom.rule["kind"]
    if kind == "offset":
        return _resolve_offset(atom.rule, anchors, published)
    if kind in {"calendar", "holiday"}:
        return _resolve_calendar(atom.rule, anchors, published)
    if kind == "weekday":
        return _resolve_weekday(atom.rule, anchors, published)
    if kind == "weekend":
        return _resolve_weekend(atom.rule, published)
    if kind == "day_of_month":
        return _resolve_day_of_month(atom.rule, anchors)
    if kind == "part":
        return _resolve_part(atom.rule, anchors, published)
    if kind == "decade":
        base = _base("year", atom.rule["base"], anchors, published)
        if base is None:
            return _UNKNOWN
        start = (base.date.year // 10 + atom.rule["sign"]) * 10
        return _Resolved(f"{start}s", "decade", relative=True, anchor=base.iso())
    if kind == "now" and published is not None:
        return _Resolved(published.iso(), published.precision, relative=True, anchor=published.iso(), point=published)
    return _UNKNOWN


_NEEDED = {"day": "day", "week": "day", "month": "month", "quarter": "month", "year": "year",
           "decade": "year", "century": "year"}
_RESULT = {"day": "day", "week": "day", "month": "month", "quarter": "month", "year": "year",
           "decade": "year", "century": "century"}


def _base(needed: str, where: str, anchors: list[_Point], published: _Point | None) -> _Point | None:
    """The nearest preceding anchor at least as precise as `needed`, else the publication date."""
    if where == "anchor":
        for point in reversed(anchors):
            if _RANK[point.precision] <= _RANK[needed]:
                return point
    if where in {"anchor", "publication"} and published is not None and _RANK[published.precision] <= _RANK[needed]:
        return published
    return None


def _shift(date: dt.date, unit: str, amount: int) -> dt.date:
    if unit == "day":
        return date + dt.timedelta(days=amount)
    if unit == "week":
        return date + dt.timedelta(weeks=amount)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    return date + relativedelta(months=months * amount)


def _resolve_offset(rule: dict, anchors: list[_Point], published: _Point | None) -> _Resolved:
    unit, amount = rule["unit"], rule["amount"]
    if amount is None:
        return _UNKNOWN
    needed = _NEEDED[unit]
    if rule["base"] == "explicit":  # counted from the date that follows: "20 days after <date>"
        origin = _resolve(rule["from"], anchors, published).point
        base = origin if origin is not None and _RANK[origin.precision] <= _RANK[needed] else None
    else:
        base = _base(needed, rule["base"], anchors, published)
    if base is None:
        return _UNKNOWN
    try:
        return _offset_value(rule, base, unit, amount)
    except (OverflowError, ValueError):
        return _UNKNOWN


def _offset_value(rule: dict, base: _Point, unit: str, amount: int) -> _Resolved:
    sign, shape, anchor = rule["sign"], rule["shape"], base.iso()
    if unit == "quarter":
        return _quarter_value(base, sign, amount, shape)
    moved = _shift(base.date, unit, sign * amount)
    if "plus" in rule:
        moved = _shift(moved, rule["plus"][0], sign * rule["plus"][1])
    if not MIN_YEAR <= moved.year <= MAX_YEAR:
        return _UNKNOWN
    precision = _RESULT[unit]
    if unit == "year" and shape == "point" and amount and rule["base"] in {"anchor", "explicit"} \
            and _RANK[base.precision] < _RANK["year"]:
        precision = base.precision  # "a year earlier" than September 5 is a day, than late October a month
    if precision == "century":
        return _Resolved(f"{(moved.year - 1) // 100 + 1}C", "century", relative=True, anchor=anchor)
    if unit == "week" and shape == "point" and rule.get("whole_week"):
        monday = moved - dt.timedelta(days=moved.weekday())  # "last week": Monday to Sunday
        return _Resolved(monday.isoformat(), "day", (monday + dt.timedelta(days=6)).isoformat(),
                         relative=True, anchor=anchor)
    point = _Point(moved, precision)
    here = _Point(base.date, precision)
    if shape == "back":
        return _Resolved(point.iso(), precision, here.iso(), relative=True, anchor=anchor)
    if shape == "forward":
        if precision == "day":  # "the next 3 days" starts tomorrow
            here = _Point(base.date + dt.timedelta(days=1), "day")
        return _Resolved(here.iso(), precision, point.iso(), relative=True, anchor=anchor)
    return _Resolved(point.iso(), precision, relative=True, anchor=anchor, point=point)


def _quarter_value(base: _Point, sign: int, amount: int, shape: str) -> _Resolved:
    """Calendar quarters as month ranges: "last quarter", "the past two quarters", "this quarter"."""
    current = base.date.year * 4 + (base.date.month - 1) // 3
    if shape == "back":
        first, last = current - amount, current - 1
    elif shape == "forward":
        first, last = current + 1, current + amount
    else:
        first = last = current + sign * amount
    start = _Point(dt.date(first // 4, (first % 4) * 3 + 1, 1), "month")
    end = _Point(dt.date(last // 4, (last % 4) * 3 + 3, 1), "month")
    return _Resolved(start.iso(), "month", end.iso(), relative=True, anchor=base.iso())


NEWS_DAYS = 14  # a day this close before publication is the news, whatever year was last named


def _news_of_the_week(rule: dict, base: _Point, published: _Point | None, which: str) -> bool:
    """A day without a year that falls in the fortnight before publication, after a bare recent
    year ("In 2023 as a whole, … The ship sank on March 2", written on March 8, 2024), is this
    year's; an older year keeps its story ("In 2014, … On March 18, …")."""
    if which != "auto" or rule.get("day") is None or published is None or published.precision != "day":
        return False
    if base.precision != "year" or base.date.year < published.date.year - 1 or base.date.year == published.date.year:
        return False
    point = _calendar_point(rule, published.date.year)
    return point is not None and 0 <= (published.date - point.date).days <= NEWS_DAYS


def _resolve_calendar(rule: dict, anchors: list[_Point], published: _Point | None) -> _Resolved:
    """A month, day or holiday without a year. In a past-tense (or tenseless) clause it takes the
    year of the nearest anchor, as narratives do ("A few months later, in December"); otherwise,
    or with no anchor, the publication date's year, moved back or forward by tense or by
    "last"/"next"."""
    which, tense = rule.get("which", "auto"), rule.get("tense", "")
    if "year_of" in rule:
        where, shift = rule["year_of"]
        base = _base("year", where, anchors, published)
        point = _calendar_point(rule, base.date.year + shift) if base is not None else None
        if point is None:
            return _UNKNOWN
        return _Resolved(point.iso(), point.precision, relative=True, anchor=base.iso(), point=point)
    if which in {"following", "previous"}:
        base = _base("year", "anchor", anchors, published)
    elif which == "auto" and tense == "after_anchor":
        base = _base("year", "anchor", anchors, published)
    elif which == "auto" and tense == "since" and published is not None:
        base = None  # "have needed licences since August 1": a span up to now, whatever the story's year
    elif which == "auto" and tense not in {"future", "present"}:
        base = _base("year", "anchor", anchors, None)
    else:
        base = None
    if base is not None and base.precision == "year" and which == "auto":
        # "peaked in December after 2023 closed … It was down in April": the month of that year
        # the narrative last reached decides whether April is the next one
        finer = [a for a in anchors if a.date.year == base.date.year and a.precision in ("day", "month")]
        base = finer[-1] if finer else base
    if base is not None:
        year = base.date.year
        if _news_of_the_week(rule, base, published, which):
            year = published.date.year  # "In 2023 the canal earned $10bn. The ship sank on March 2."
        elif which in {"following", "previous"}:
            year = _year_around(rule, base, "next" if which == "following" else "last", year)
        elif tense == "since":  # "for the first time since November": the last one before
            year = _year_around(rule, base, "last", year)
        elif _goes_back(rule, base, year) and _before_publication(rule, year + 1, published, tense):
            # a narrative moves forward: "opened the probe in October 2023. In June, it
            # proposed duties" is the next June
            year += 1
    elif published is not None and _RANK[published.precision] <= _RANK["month"]:
        base = published
        if which == "auto":
            # the present tense of news is often a schedule ("the exit takes effect on January
            # 1", written in December): the occurrence nearest the publication date
            which = {"future": "next_or_same", "past": "last_or_same", "since": "last"}.get(tense, "nearest")
        year = _year_around(rule, published, which, published.date.year)
    else:
        return _UNKNOWN
    point = _calendar_point(rule, year)
    if point is not None and tense in ("past", "since") and published is not None and point.date > published.date \
            and which == "auto" and "year_of" not in rule:
        point = _calendar_point(rule, year - 1)  # what a past-tense clause tells has happened
    if point is None:
        return _UNKNOWN
    return _Resolved(point.iso(), point.precision, relative=True, anchor=base.iso(), point=point)


def _goes_back(rule: dict, anchor: _Point, year: int) -> bool:
    """Whether the month/day in the anchor's year falls before a month- or day-precise anchor."""
    point = _calendar_point(rule, year)
    if point is None or anchor.precision not in ("day", "month"):
        return False
    if point.precision == "month" or anchor.precision == "month":
        return (point.date.year, point.date.month) < (anchor.date.year, anchor.date.month)
    return point.date < anchor.date


def _before_publication(rule: dict, year: int, published: _Point | None, tense: str) -> bool:
    point = _calendar_point(rule, year)
    if point is None:
        return False
    if tense == "future" or published is None:
        return True
    if tense == "past":
        return point.date <= published.date
    # no tense to go by: an upcoming date in a news story lies within months of publication
    return point.date <= published.date + relativedelta(months=NEWS_HORIZON_MONTHS)


def _calendar_point(rule: dict, year: int) -> _Point | None:
    if rule["kind"] == "holiday":
        return _holiday_date(rule["name"], year)
    month, day = rule["month"], rule["day"]
    if not _valid_date(year, month, day or 1):
        return None
    return _Point(dt.date(year, month, day or 1), "day" if day else "month")


def _year_around(rule: dict, base: _Point, which: str, year: int) -> int:
    """The year that puts a month/day before ("last") or after ("next") the base date."""
    target = _calendar_point(rule, year)
    if target is None:
        return year
    day_level = target.precision == "day" and base.precision == "day"
    now = (base.date.month, base.date.day if day_level else 0)
    then = (target.date.month, target.date.day if day_level else 0)
    if which == "last" and then >= now or which == "last_or_same" and then > now:
        return year - 1
    if which == "next" and then <= now or which == "next_or_same" and then < now:
        return year + 1
    if which == "nearest":  # no tense to go by: the occurrence closest to the base date
        candidates = [(p, y) for y in (year - 1, year, year + 1) if (p := _calendar_point(rule, y)) is not None]
        return min(candidates, key=lambda c: (_days_between(c[0], base.date), -c[1]))[1]
    return year


def _days_between(point: _Point, day: dt.date) -> int:
    """Days from a day to a point, a month counting as all its days (last November ended closer
    to mid-May than next November begins)."""
    if point.precision != "month":
        return abs((point.date - day).days)
    last = point.date.replace(day=calendar.monthrange(point.date.year, point.date.month)[1])
    return 0 if point.date <= day <= last else min(abs((point.date - day).days), abs((last - day).days))


RETROSPECTIVE_DAYS = 7  # a story this far behind its publication date tells its own week


REPORTING_LEMMAS = {"disclose", "reveal", "report", "confirm"}


def _narrative_day(parsed: ParsedDocument, placed: list[tuple[int, _Point]], atom: _Atom,
                   published: _Point) -> _Point | None:
    """The day the text is telling, when it lies more than a week before publication: then a
    bare weekday in the same or the next sentence of its paragraph is in that day's week ("seized the bank on
    Friday, March 10. Late Sunday, …" in an article of March 30 is March 12), not in the week
    before publication. Not the report of that day in the same sentence ("met on June 29, the
    Kremlin disclosed on Monday"): the report is news of the week."""
    sentence = parsed.sentence_of(atom.start)
    span = parsed.doc.char_span(atom.start, atom.end, alignment_mode="expand")
    verb = clause_verb(span.root) if span is not None else None
    reporting = verb is not None and (is_speech_verb(verb) or verb.lemma_.lower() in REPORTING_LEMMAS)
    for offset, point in reversed(placed):
        distance = sentence - parsed.sentence_of(offset)
        if distance > 1 or distance == 0 and reporting or "\n" in parsed.document.text[offset:atom.start]:
            return None  # too far back, or in another paragraph
        if point.precision == "day":
            return point if (published.date - point.date).days > RETROSPECTIVE_DAYS else None
    return None


def _resolve_day_of_month(rule: dict, anchors: list[_Point]) -> _Resolved:
    """"the 12th" is a day of the month the text is telling, never guessed without one."""
    base = _base("month", "anchor", anchors, None)
    if base is None:
        return _UNKNOWN
    try:
        day = dt.date(base.date.year, base.date.month, rule["day"])
    except ValueError:
        return _UNKNOWN
    return _Resolved(day.isoformat(), "day", relative=True, anchor=base.iso(), point=_Point(day, "day"))


def _resolve_weekend(rule: dict, published: _Point | None) -> _Resolved:
    narrative = rule.get("narrative")
    base = narrative or published
    if base is None or base.precision != "day":
        return _UNKNOWN
    day = base.date
    if narrative is not None and rule["which"] == "auto":  # the weekend nearest the day told
        ahead = (5 - day.weekday()) % 7
        saturday = day + dt.timedelta(days=ahead if ahead <= 3 else ahead - 7)
    elif rule["which"] == "next":
        saturday = day + dt.timedelta(days=(5 - day.weekday()) % 7 or 7)
    else:  # the last weekend that has begun by the day of writing
        saturday = day - dt.timedelta(days=(day.weekday() - 5) % 7)
    sunday = saturday + dt.timedelta(days=1)
    return _Resolved(saturday.isoformat(), "day", sunday.isoformat(), relative=True, anchor=base.iso(),
                     point=_Point(saturday, "day"))


def _resolve_weekday(rule: dict, anchors: list[_Point], published: _Point | None) -> _Resolved:
    """A weekday: by default the last one on or before publication, the next one in the future
    tense; "the following Monday" counts from the anchor; in a paragraph telling a day well before
    publication, the nearest one to that day."""
    which = rule["which"]
    narrative = rule.get("narrative")
    if narrative is not None and rule.get("tense") != "future":
        after = (rule["weekday"] - narrative.date.weekday()) % 7
        nearest = narrative.date + dt.timedelta(days=after if after <= 3 else after - 7)
        if published is None or nearest <= published.date:
            point = _Point(nearest, "day")
            return _Resolved(point.iso(), "day", relative=True, anchor=narrative.iso(), point=point)
    where = "anchor" if which in {"following", "previous"} else rule.get("week_base", "publication")
    base = _base("day", where, anchors, published)
    if base is None:
        return _UNKNOWN
    if which == "in_week":
        monday = base.date - dt.timedelta(days=base.date.weekday()) + dt.timedelta(weeks=rule["week"])
        point = _Point(monday + dt.timedelta(days=rule["weekday"]), "day")
        return _Resolved(point.iso(), "day", relative=True, anchor=base.iso(), point=point)
    if which == "auto":
        which = "next" if rule.get("tense") == "future" else "last_or_same"
    which = {"following": "next", "previous": "last"}.get(which, which)
    delta = (rule["weekday"] - base.date.weekday()) % 7
    if which == "next":
        date = base.date + dt.timedelta(days=delta or 7)
    elif which == "next_or_same":
        date = base.date + dt.timedelta(days=delta)
    elif which == "last":
        date = base.date - dt.timedelta(days=(7 - delta) % 7 or 7)
    elif which == "this":
        date = base.date + dt.timedelta(days=rule["weekday"] - base.date.weekday())
    else:
        date = base.date - dt.timedelta(days=(7 - delta) % 7)
    point = _Point(date, "day")
    return _Resolved(point.iso(), "day", relative=True, anchor=base.iso(), point=point)


def _resolve_part(rule: dict, anchors: list[_Point], published: _Point | None) -> _Resolved:
    """"the first quarter of last year", "in Q1": a quarter or half of a year named by context."""
    which = rule["which"]
    where = "anchor" if which in {"auto", "following", "previous"} else "publication"
    base = _base("year", where, anchors, published)
    if base is None:
        return _UNKNOWN
    year = base.date.year + {"last": -1, "previous": -1, "next": 1, "following": 1}.get(which, 0)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return _UNKNOWN
    first, last = _part_months(year, rule["index"], rule["size"])
    return _Resolved(first.iso(), "month", last.iso(), relative=True, anchor=base.iso())


def _resolve_range(atom: _Atom, anchors: list[_Point], published: _Point | None) -> _Resolved:
    if atom.value is not None and not atom.relative:  # built complete (quarters, day ranges)
        return _Resolved(atom.value, atom.precision, atom.end_value)
    first_atom, second_atom = _share_year(*atom.parts)
    first = _resolve(first_atom, anchors, published)
    second = _resolve(second_atom, anchors + ([first.point] if first.point else []), published)
    if first.value is None or second.value is None:
        return _Resolved(None, "unknown", relative=True)
    second = _after(first, second, second_atom)
    precision = max(first.precision, second.precision, key=_RANK.__getitem__)
    return _Resolved(_at_precision(first, precision), precision, _at_precision(second, precision),
                     relative=first.relative or second.relative, anchor=first.anchor or second.anchor,
                     point=second.point if atom.rule.get("anchor_end") else None)


def _after(first: _Resolved, second: _Resolved, second_atom: _Atom) -> _Resolved:
    """"from next Monday to Friday", "from November to March": the end comes after the start."""
    if first.point is None or second.point is None or second.point.date >= first.point.date:
        return second
    kind = second_atom.rule.get("kind")
    if kind == "weekday":
        weeks = (first.point.date - second.point.date).days // 7 + 1
        moved = _Point(second.point.date + dt.timedelta(weeks=weeks), "day")
    elif kind == "calendar" and second_atom.rule.get("which") == "auto":
        moved = _calendar_point(second_atom.rule, second.point.date.year + 1)
        if moved is None:
            return second
    else:
        return second
    return replace(second, value=moved.iso(), point=moved)


def _at_precision(resolved: _Resolved, precision: str) -> str | None:
    if resolved.point is not None and precision in {"day", "month", "year"}:
        return resolved.point.coarsen(precision).iso()
    return resolved.value


def _share_year(first: _Atom, second: _Atom) -> tuple[_Atom, _Atom]:
    """"May to July 2022": the year written once serves both ends."""
    if _yearless(first) and second.point is not None and not second.rule:
        end = second.point.date
        later = (first.rule["month"], first.rule["day"] or 1) > (end.month, end.day)
        year = end.year - 1 if later and second.point.precision != "year" else end.year
        return _fixed(first, year), second
    if _yearless(second) and first.point is not None and not first.rule:
        start = first.point.date
        year = start.year + 1 if (second.rule["month"], second.rule["day"] or 31) < (start.month, start.day) else start.year
        return first, _fixed(second, year)
    return first, second


def _yearless(atom: _Atom) -> bool:
    return atom.rule.get("kind") == "calendar" and atom.rule.get("which") == "auto"


def _fixed(atom: _Atom, year: int) -> _Atom:
    point = _calendar_point(atom.rule, year)
    if point is None:
        return atom
    return replace(atom, kind="day" if point.precision == "day" else "month_year", value=point.iso(),
                   precision=point.precision, point=point, rule={})
