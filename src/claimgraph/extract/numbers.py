"""Numerals in running text: digits ("2,615", "1.5bn", "3/4"), words ("twenty thousand",
"two-thirds", "one and a half million") and their values.

Written by hand rather than with number-parser or quantulum3: number-parser has no fractions and no
mixed digits-and-words ("1.5 million") and costs ~1 ms a call; quantulum3 costs ~7 ms a call and
misreads "$1.5bn" and "percentage points". One compiled regex over the text is enough here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ONES = {
    "zero": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
HUNDREDS = {"hundred": 100, "dozen": 12, "dozens": 12}
LARGE = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5, "crore": 1e7,
    "mln": 1e6, "bln": 1e9, "trln": 1e12,  # wire-service style: "one mln dlrs"
}
# Denominators: "third" alone is an ordinal ("the third quarter"), so a fraction word needs a
# numerator ("a third", "two-thirds") — except "half", which is never an ordinal.
FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
    "hundredth": 100, "hundredths": 100, "thousandth": 1000, "thousandths": 1000,
}
# "one-fortieth", "a twentieth": the ordinals of the teens and the tens as denominators
FRACTIONS.update({
    f"{word}{plural}": value
    for word, value in {
        "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
        "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
        "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    }.items()
    for plural in ("", "s")
})
# Abbreviated scales written after digits: "$1.5bn", "10k", "2mil", "US$ 1MM".
ABBREVIATED_SCALES = {
    "k": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "b": 1e9, "bn": 1e9,
    "bln": 1e9, "tn": 1e12, "tln": 1e12, "trn": 1e12,
}

SMALL = {**ONES, **TEENS, **TENS}

# Hard-wrapped text ("12.453\nbillion dlrs") breaks lines inside figures: every blank written
# `[ \t]` in a pattern below may also be one line break (never a paragraph break).
_GAP_PLUS = r"(?:[ \t\u00a0]+(?:\r?\n[ \t\u00a0]*)?|\r?\n[ \t\u00a0]*)"
_GAP_STAR = r"(?:[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?)"
_GAP_ONE = r"(?:[ \t\u00a0]|\r?\n)"


def compile_wrapped(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile `pattern` letting `[ \t]+`, `[ \t]*` and `[ \t]` cross one line break."""
    pattern = pattern.replace(r"[ \t]+", _GAP_PLUS).replace(r"[ \t]*", _GAP_STAR)
    return re.compile(pattern.replace(r"[ \t]", _GAP_ONE), flags)


_NUMBER_WORDS = {**SMALL, **HUNDREDS, **LARGE}


def _alternation(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_WORD = _alternation([*_NUMBER_WORDS, *FRACTIONS])
_SEP = r"(?:[ \t]*-[ \t]*|[ \t]+)"
_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+"
    r"|\d{1,3}(?:[ ]\d{3}){2,}(?!\d)|\d+)(?:\.\d+)?|\.\d+"
)
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
_NUMERAL = compile_wrapped(
    rf"""
    (?P<sign>(?:(?:minus|negative)[ \t]+)|[-−](?=[\d.]))?
    (?:
        (?P<digits>{_DIGITS})
        (?:
            (?P<exp>[eE][+-]?\d+)(?![\w])
          | [ \t]+(?P<frac_num>\d)/(?P<frac_den>[2-9]|1[0-6])(?![\d/])
          | /(?P<over>[2-9]|1[0-6]|32|64|100)(?![\d/])
          | (?P<vulgar_tail>[{_VULGAR}])
        )?
        (?P<dscale>(?:{_SEP}(?:{_alternation([*HUNDREDS, *LARGE])})(?![\w]))*)
        (?P<abbr>(?:{_alternation(ABBREVIATED_SCALES)})(?![\w])
                |[ \t](?:bn|bln|mn|mln|tn|tln|trn)(?![\w]))?
      | (?P<vulgar>[{_VULGAR}])
      | (?P<words>\b(?:an?{_SEP})?(?:{_WORD})\b(?:{_SEP}(?:(?:and|an?|point){_SEP})*(?:{_WORD})\b)*)
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
_WORD_TOKEN = re.compile(r"[A-Za-z]+")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_DOTTED_CHAIN = re.compile(r"\d+(?:\.\d+){2,}")
_INTEGER = re.compile(r"\d+")
# "one" is a pronoun after these ("the one", "which one", "no one").
_PRONOUN_ONE = re.compile(
    r"\b(?:the|this|that|which|each|every|any|no|some|another|someone|little|last|next)\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Numeral:
    start: int
    end: int
    value: float
    scale: float = 1.0  # product of the scale words/abbreviations ("billion" → 1e9)
    abbreviation: str | None = None  # "bn", "m", "k"… as written ("m" may also mean metres)
    spelled: bool = False  # written in words ("ten", "two-thirds")
    fraction: bool = False  # a fraction word carries the value ("half", "a third")
    integer: bool = True  # written without decimals or fraction


def find_numerals(text: str, start: int = 0, end: int | None = None) -> list[Numeral]:
    """Every numeral in text[start:end], in order, with offsets into `text`."""
    end = len(text) if end is None else end
    found: list[Numeral] = []
    chain_end = -1
    for match in _NUMERAL.finditer(text, start, end):
        if match.start() < chain_end:
            continue
        if match.group("digits") and _ORDINAL_SUFFIX.match(text, match.end("digits")):
            continue  # "4th", "21st"
        chain = _DOTTED_CHAIN.match(text, match.start("digits")) if match.group("digits") else None
        if chain:  # "192.168.1.2": an address or version, read as its integer parts
            found.extend(
                Numeral(chain.start() + m.start(), chain.start() + m.end(), float(m.group()))
                for m in _INTEGER.finditer(chain.group())
            )
            chain_end = chain.end()
            continue
        if match.group("words"):
            found.extend(_word_numerals(text, match))
        else:
            found.append(_digit_numeral(text, match))
    return found


def _signed_start(text: str, match: re.Match) -> tuple[float, int]:
    """A minus sign counts only where it cannot be a range dash ("10-15") or a hyphen ("Su-35")."""
    sign = match.group("sign")
    if not sign:
        return 1.0, match.start()
    if sign in "-−" and match.start() > 0 and text[match.start() - 1] not in " \t\n([{\"'":
        return 1.0, match.start() + 1
    return -1.0, match.start()


def _digit_numeral(text: str, match: re.Match) -> Numeral:
    sign, start = _signed_start(text, match)
    if match.group("vulgar"):
        value = unicodedata.numeric(match.group("vulgar"))
        return Numeral(start, match.end(), sign * value, fraction=True, integer=False)
    raw = match.group("digits")
    number = float(re.sub(r"[,\s\u00a0\u202f\u2009]", "", raw))
    integer = "." not in raw
    if match.group("exp"):
        number *= 10.0 ** int(match.group("exp")[1:])
        integer = False
    elif match.group("frac_num"):
        number += int(match.group("frac_num")) / int(match.group("frac_den"))
        integer = False
    elif match.group("over"):
        number /= int(match.group("over"))
        integer = False
    elif match.group("vulgar_tail"):
        # "7¾" is 7.75; after decimals the fraction is of the last place: grain and bond prices
        # quote eighths of a cent or point ("$7.27¾" is 727¾ cents, $7.2775)
        decimals = len(raw.partition(".")[2])
        number += unicodedata.numeric(match.group("vulgar_tail")) / 10 ** decimals
        integer = False
    scale = 1.0
    for word in _WORD_TOKEN.findall(match.group("dscale") or ""):
        scale = _combine_scale(scale, word.lower())
    abbreviation = (match.group("abbr") or "").strip().lower() or None
    if abbreviation:
        scale *= ABBREVIATED_SCALES[abbreviation]
    return Numeral(start, match.end(), sign * number * scale, scale, abbreviation, integer=integer)


def _combine_scale(scale: float, word: str) -> float:
    return scale * (HUNDREDS.get(word) or LARGE.get(word) or 1.0)


def _word_numerals(text: str, match: re.Match) -> list[Numeral]:
    """Split a run of number words into well-formed numbers and value each."""
    words = [(m.group().lower(), match.start("words") + m.start(), match.start("words") + m.end())
             for m in _WORD_TOKEN.finditer(match.group("words"))]
    numerals = []
    for group in _split_groups(words):
        group = _trim(group)
        if not group:
            continue
        position = group[0][1]
        if group[0][0] == "one" and len(group) == 1 and _PRONOUN_ONE.search(text, max(0, position - 20), position):
            continue  # "the one you like"
        value = parse_number_words([w for w, _, _ in group])
        if value is None:
            continue
        start = group[0][1]
        if group[0][1] == match.start("words") and match.group("sign"):
            value, start = -value, match.start()
        names = {w for w, _, _ in group}
        fraction = bool(names & FRACTIONS.keys())
        scale = 1.0
        for word, _, _ in reversed(group):  # trailing scale words only: "twenty thousand"
            if word in LARGE or word in HUNDREDS:
                scale *= LARGE.get(word) or HUNDREDS[word]
            else:
                break
        numerals.append(
            Numeral(start, group[-1][2], value, scale, spelled=True, fraction=fraction,
                    integer=not fraction and "point" not in names)
        )
    return numerals


def _split_groups(words):
    """Start a new number where the words cannot continue one ("three four", "twenty ten")."""
    groups, current = [], []
    previous = None
    for item in words:
        word = item[0]
        decimals = any(w == "point" for w, _, _ in current)  # "point nought three": digit by digit
        if previous is not None and not decimals and _breaks(previous, word):
            groups.append(current)
            current = []
        current.append(item)
        previous = word
    if current:
        groups.append(current)
    return groups


def _breaks(previous: str, word: str) -> bool:
    if previous in ONES or previous in TEENS:
        return word in SMALL
    if previous in TENS:
        return word in TEENS or word in TENS
    if previous in FRACTIONS:  # "a half" ends a number unless a scale follows ("half a million")
        return word in SMALL
    return False


def _trim(group):
    """Drop dangling connectors and an article that does not count anything ("a one-year")."""
    while group and group[-1][0] in ("and", "a", "an", "point"):
        group = group[:-1]
    while group and group[0][0] in ("and", "point"):
        group = group[1:]
    if group and group[0][0] in ("a", "an"):
        if len(group) == 1 or not (group[1][0] in HUNDREDS or group[1][0] in LARGE
                                   or group[1][0] in FRACTIONS):
            group = group[1:]
    if [w for w, _, _ in group] == ["dozens"]:  # "dozens of" is vague, not a number
        return []
    if group and group[0][0] in FRACTIONS and group[0][0] not in ("half", "halves"):
        # a bare "quarter"/"third" is an ordinal or a period unless a scale follows it
        if len(group) == 1 or group[1][0] not in LARGE:
            return []
    return group


def parse_number_words(words: list[str]) -> float | None:
    """Value of a list of lowercase number words: ["two", "thirds"] → 0.667,
    ["one", "and", "a", "half", "million"] → 1_500_000. None when the words are not a number."""
    if not words:
        return None
    if "point" in words:
        i = words.index("point")
        whole = _integer(words[:i]) if i else 0.0
        decimals = "".join(str(int(SMALL[w])) for w in words[i + 1:] if w in SMALL)
        if whole is None or not decimals:
            return None
        return whole + float("0." + decimals)
    position = next((i for i, w in enumerate(words) if w in FRACTIONS), None)
    if position is None:
        return _integer(words)
    return _with_fraction(words, position)


def _with_fraction(words: list[str], position: int) -> float | None:
    left, denominator, right = words[:position], FRACTIONS[words[position]], words[position + 1:]
    whole_words, numerator_words = [], left
    if "and" in left:
        cut = len(left) - 1 - left[::-1].index("and")
        whole_words, numerator_words = left[:cut], left[cut + 1:]
    whole = _integer(whole_words) if whole_words else 0.0
    numerator = 1.0 if numerator_words in ([], ["a"], ["an"]) else _integer(numerator_words)
    if whole is None or numerator is None:
        return None
    fraction = numerator / denominator
    scales = [w for w in right if w not in ("a", "an", "of")]
    if any(w not in LARGE and w not in HUNDREDS for w in scales):
        return None
    scale = 1.0
    for word in scales:
        scale *= LARGE.get(word) or HUNDREDS[word]
    if whole_words and whole_words[-1] in LARGE:
        # "three million and a half" = 3.5 million; "one billion and a half million" = 1e9 + 5e5
        unit = scale if scales else LARGE[whole_words[-1]]
        return whole + fraction * unit
    return (whole + fraction) * scale


def _integer(words: list[str]) -> float | None:
    total, current, last_large = 0.0, 0.0, None
    seen = False
    for word in words:
        if word == "and":
            continue
        if word in ("a", "an"):
            current = current or 1.0
        elif word in SMALL:
            current += SMALL[word]
        elif word in HUNDREDS:
            current = (current or 1.0) * HUNDREDS[word]
        elif word in LARGE:
            value = LARGE[word]
            if current == 0 and total and last_large is not None and value > last_large:
                total *= value  # "three lakh crore"
            else:
                total += (current or 1.0) * value
            current, last_large = 0.0, value
        else:
            try:
                current += float(word)
            except ValueError:
                return None
        seen = True
    return total + current if seen else None
