"""Word-level normalisation shared by the corpus stages (no spaCy: they read stored records).

`content_words` turns a phrase into stemmed content words with a few synonym families folded, so
that "trade between the two nations" and "bilateral trade" meet. The families are general
vocabulary of news about states and economies, listed here so they can be read and extended.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from stemming.porter2 import stem

# word (stemmed) → family representative
SYNONYMS = {
    # trade and its parts
    "commerc": "trade", "turnov": "trade",
    # the two-party marker: "bilateral", "two-way", "mutual" trade
    "bilater": "bilateral", "two-way": "bilateral",
    # limits of a relationship ("without bounds", "limitless", "unlimited")
    "bound": "limit", "boundless": "limit", "limitless": "limit", "unlimit": "limit", "boundari": "limit",
    # weapons
    "weaponri": "weapon", "arm": "weapon", "armament": "weapon", "munit": "weapon", "ammunit": "weapon",
    "lethal": "weapon",
    # supplying
    "provid": "suppli", "send": "suppli", "deliv": "suppli", "ship": "suppli", "give": "suppli",
    # goods leaving a country ("Moscow cut shipments" is what "Russia cut exports" says)
    "shipment": "export",
    # relationship words
    "tie": "relat", "relationship": "relat", "partnership": "relat", "friendship": "relat",
    # machines ("chipmaking tools" are "chipmaking equipment")
    "tool": "equip", "machineri": "equip",
}
# Words that say nothing about *which* quantity or claim it is.
GENERIC = STOP_WORDS | {"nation", "countri", "total", "overal", "valu", "volum", "worth", "amount",
                        "level", "figur", "number", "approxim", "around", "roughli", "year", "new",
                        # classifiers: "23 types of equipment" counts equipment
                        "type", "kind", "categori", "sort", "class", "varieti"}
NEGATORS = {"no", "not", "without", "never", "none", "non"}
_POSSESSIVE = re.compile(r"'s\b")
_WORD = re.compile(r"[a-z][a-z\-]*[a-z]|[a-z]")
# "between the two nations", "between the neighbours", "between China and Russia", "trade with China"
_BETWEEN_TWO = re.compile(r"\bbetween (?:the )?(?:two |both )?[a-z]+s\b|\bbetween [\w .'’-]+? and [\w'’-]+"
                          r"|(?<=trade) with (?:the )?[a-z'’-]+")


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    stemmed = stem(word)
    return SYNONYMS.get(stemmed, SYNONYMS.get(word, stemmed))


def content_words(text: str) -> list[str]:
    """Stemmed, synonym-folded content words in order (duplicates kept once)."""
    # "between the two nations", "between China and Russia": the two-party marker, not names
    lowered = _POSSESSIVE.sub("", text.lower().replace("’", "'"))
    lowered = _BETWEEN_TWO.sub(" bilateral ", lowered)
    words: list[str] = []
    for raw in _WORD.findall(lowered):
        if raw in STOP_WORDS or len(raw) < 2:
            continue
        folded = _fold(raw)
        if folded in GENERIC or folded in words:
            continue
        words.append(folded)
    return words


def phrase_keys(text: str) -> frozenset[str]:
    """Keys of a coined phrase: its word pairs after negation and synonyms are folded, so
    "no limits", "without limits" and "a partnership without bounds" share the key "no limit"."""
    lowered = text.lower().replace("’", "'")
    words = []
    for raw in _WORD.findall(lowered):
        if raw in NEGATORS:
            words.append("no")
        elif raw.endswith("less") and len(raw) > 6:  # limitless, boundless
            words.extend(["no", _fold(raw[:-4])])
        elif raw not in STOP_WORDS:
            words.append(_fold(raw))
    if len(words) == 1:
        return frozenset(words)
    return frozenset(f"{a} {b}" for a, b in zip(words, words[1:]))


def normalise_phrase(text: str) -> str:
    return " ".join(sorted(phrase_keys(text)))
