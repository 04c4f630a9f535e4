"""Names of states and international organisations, and the words that stand for them.

Country names, ISO codes, capitals, alternative spellings and demonyms come from maintained
packages: pycountry (ISO 3166: names, common names, official names, alpha codes) and countryinfo
(English short names, capitals, demonyms, alternative spellings, population). Both are read once,
lazily, into one `Gazetteer` (about 0.3 s and a few MB, measured).

The small tables below hold only what neither package has: seats of government that are not
capitals (metonyms such as "the Kremlin"), organisations and their abbreviations, the Soviet
Union, and a few English exonyms and short names that are common in news ("Kiev", "America").
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

# Seats of government (and government buildings) that stand for the state but are not capitals.
# Brussels is a capital (Belgium) but in news it stands for the European Union.
SEATS_OF_GOVERNMENT: dict[str, str] = {
    "Zhongnanhai": "China",
    "Kremlin": "Russia",
    "White House": "United States",
    "Foggy Bottom": "United States",
    "Pentagon": "United States",
    "Capitol Hill": "United States",
    "Downing Street": "United Kingdom",
    "Whitehall": "United Kingdom",
    "Élysée Palace": "France",
    "Elysee Palace": "France",
    "Élysée": "France",
    "Elysee": "France",
    "Quai d'Orsay": "France",
    "Bankova": "Ukraine",
    "Brussels": "European Union",
}

# Organisations: canonical name → abbreviations and other names.
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "European Union": ("EU", "E.U."),
    "United Nations": ("UN", "U.N.", "UNO"),
    "NATO": ("North Atlantic Treaty Organization", "North Atlantic Treaty Organisation", "N.A.T.O."),
    "Shanghai Cooperation Organisation": ("SCO", "Shanghai Cooperation Organization"),
    "BRICS": ("BRICS+",),
    "ASEAN": ("Association of Southeast Asian Nations", "Association of South East Asian Nations"),
    "G7": ("G-7", "Group of Seven"),
    "G20": ("G-20", "Group of Twenty"),
    "International Monetary Fund": ("IMF",),
    "World Trade Organization": ("WTO", "World Trade Organisation"),
    "World Health Organization": ("WHO", "World Health Organisation"),
    "World Bank": (),
    "OPEC": ("Organization of the Petroleum Exporting Countries",),
    # the wider alliance with Russia and others since 2016: a different actor (Angola left OPEC)
    "OPEC+": ("OPEC Plus", "OPEC plus"),
    "African Union": ("AU",),
    "Collective Security Treaty Organization": ("CSTO", "Collective Security Treaty Organisation"),
    "Eurasian Economic Union": ("EAEU", "EEU"),
    "Organization for Security and Co-operation in Europe": ("OSCE",),
    "Quad": ("Quadrilateral Security Dialogue",),
    "AUKUS": (),
}

# States that no longer exist (pycountry lists them only under formal names), with demonyms.
HISTORIC_STATES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Soviet Union": (("USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"), ("Soviet", "Soviets")),
}

# Political blocs that act as one in news: canonical name → (names, adjectives).
BLOCS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "the West": (("West",), ("Western", "Westerners")),
}

# Demonyms in wide use that the packages do not list (they give "Saudi Arabian").
EXTRA_DEMONYMS: dict[str, str] = {
    "Saudi": "Saudi Arabia",
}

# English names in wide use that the packages do not list (older spellings, short names).
EXTRA_NAMES: dict[str, str] = {
    "Kiev": "Ukraine",  # capital, older spelling
    "Peking": "China",  # capital, older spelling
    "America": "United States",
    "Britain": "United Kingdom",
}
# Which of EXTRA_NAMES are capitals (the rest are country names).
_EXTRA_CAPITALS = {"Kiev", "Peking"}

# Abbreviations that are also English words: accepted only when the NER already calls them an
# organisation, never matched in running text.
_WORDLIKE_ABBREVIATIONS = {"WHO", "AU", "Quad", "UNO"}


@dataclass(frozen=True)
class Referent:
    """The actor a name stands for."""

    canonical: str  # "China", "European Union"
    kind: str  # GPE (a state) or ORG
    via: str  # country | capital | seat | organisation | bloc | demonym | code


STATE_FORMS = ("kingdom", "republic", "emirate", "principality", "sultanate", "federation", "commonwealth")
_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "–": "-", "‑": "-"})


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Lookup key: accents and dots removed, casefolded, apostrophes and spaces normalised."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace(".", "").casefold().strip()
    plain = _SPACES.sub(" ", plain)
    if plain.startswith("the "):
        plain = plain[4:]
    return plain


def _is_code_like(surface: str) -> bool:
    letters = surface.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 3


class Gazetteer:
    """Lookup of countries, capitals, seats of government, demonyms and organisations."""

    def __init__(self) -> None:
        self.names: dict[str, Referent] = {}  # normalised name → referent
        self.codes: dict[str, Referent] = {}  # ISO alpha codes, only for GPE-labelled entities
        self.demonyms: dict[str, Referent] = {}
        self.phrases: dict[str, Referent] = {}  # surface forms safe to look for in running text
        self.capitals: set[str] = set()  # normalised capital names
        self.countries: set[str] = set()  # canonical country names
        # the form of state in a country's official name ("Kingdom of Saudi Arabia" → kingdom)
        self.state_forms: dict[str, frozenset[str]] = {}
        self.currencies: dict[str, tuple[str, ...]] = {}  # canonical country → ISO 4217 codes
        self._cache: dict[tuple[str, str | None], Referent | None] = {}
        self._load()

    # -- lookup --------------------------------------------------------------------------

    def lookup(self, surface: str, label: str | None = None) -> Referent | None:
        """The referent of an entity's surface text; `label` is spaCy's entity label."""
        cache_key = (surface, label)
        if cache_key not in self._cache:
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[cache_key] = self._lookup(surface, label)
        return self._cache[cache_key]

    def _lookup(self, surface: str, label: str | None) -> Referent | None:
        key = normalise(surface)
        if not key:
            return None
        found = self.names.get(key)
        if found is not None:
            if surface.replace(".", "") in _WORDLIKE_ABBREVIATIONS and label not in (None, "ORG"):
                return None
            return found
        if label in (None, "GPE") and _is_code_like(surface):
            found = self.codes.get(key)
            if found is not None:
                return found
        if label != "PERSON":
            return self.demonym(surface)
        return None

    def demonym(self, surface: str) -> Referent | None:
        key = normalise(surface)
        found = self.demonyms.get(key)
        if found is None and key.endswith("s"):
            found = self.demonyms.get(key[:-1])
        return found

    def state_form(self, country: str) -> frozenset[str]:
        """"kingdom", "republic", "emirate"... as the country's official name has it."""
        return self.state_forms.get(country, frozenset())

    def currency_named(self, country: str, noun: str) -> str | None:
        """The code of the country's currency that English calls `noun` ("peso" in Argentina is
        ARS, "pound" in Egypt EGP), from countryinfo's currencies and ISO 4217 names (pycountry)."""
        import pycountry

        for code in self.currencies.get(country, ()):
            currency = pycountry.currencies.get(alpha_3=code)
            if currency is not None and currency.name.lower().split()[-1] == noun:
                return code
        return None

    def is_capital(self, surface: str) -> bool:
        return normalise(surface) in self.capitals

    # -- loading -------------------------------------------------------------------------

    def _load(self) -> None:
        for canonical, aliases in ORGANISATIONS.items():
            referent = Referent(canonical, "ORG", "organisation")
            for name in (canonical, *aliases):
                self._add_name(name, referent)
        for canonical, (names, adjectives) in BLOCS.items():
            for name in names:
                self._add_name(name, Referent(canonical, "NORP", "bloc"))
            for adjective in adjectives:
                self._add_demonym(adjective, Referent(canonical, "NORP", "demonym"), plural=False)
        for canonical, (aliases, demonyms) in HISTORIC_STATES.items():
            referent = Referent(canonical, "GPE", "country")
            self.countries.add(canonical)
            for name in (canonical, *aliases):
                self._add_name(name, referent)
            for demonym in demonyms:
                self._add_demonym(demonym, Referent(canonical, "GPE", "demonym"), plural=False)
        self._load_countries()
        for seat, canonical in SEATS_OF_GOVERNMENT.items():
            kind = "ORG" if canonical in ORGANISATIONS else "GPE"
            self._add_name(seat, Referent(canonical, kind, "seat"), override=True)
        for demonym, canonical in EXTRA_DEMONYMS.items():
            self._add_demonym(demonym, Referent(canonical, "GPE", "demonym"))
        for name, canonical in EXTRA_NAMES.items():
            via = "capital" if name in _EXTRA_CAPITALS else "country"
            self._add_name(name, Referent(canonical, "GPE", via))
            if via == "capital":
                self.capitals.add(normalise(name))

    def _add_demonym(self, demonym: str, referent: Referent, plural: bool = True) -> None:
        """"Russian" and "Russians"; both are also looked for in running text."""
        for variant in re.split(r"\s*[,/]\s*", demonym):  # "Antiguan,Barbudan"
            key = normalise(variant)
            if not key or key in self.demonyms:
                continue
            self.demonyms[key] = referent
            self.phrases.setdefault(variant, referent)
            if plural and not variant.endswith(("s", "sh", "ch", "ese")):
                self.phrases.setdefault(variant + "s", referent)

    def _add_name(self, name: str, referent: Referent, override: bool = False) -> None:
        key = normalise(name)
        if not key or (key in self.names and not override):
            return
        self.names[key] = referent
        if name.replace(".", "") not in _WORDLIKE_ABBREVIATIONS:
            self.phrases.setdefault(name, referent)
            if override:
                self.phrases[name] = referent

    def _load_countries(self) -> None:
        import pycountry
        from countryinfo import CountryInfo

        by_alpha2: dict[str, dict] = {}
        duplicates: list[dict] = []
        for _key, info in sorted(CountryInfo.all().items()):
            alpha2 = (info.get("ISO") or {}).get("alpha2")
            if not alpha2:
                continue
            current = by_alpha2.get(alpha2)
            # An entry with a numeric ISO code wins over one without ("Burma", "Wales"), then the
            # shorter name ("Vatican City State" over "Holy See (Vatican City State)").
            if current is None or _entry_rank(info) < _entry_rank(current):
                if current is not None:
                    duplicates.append(current)
                by_alpha2[alpha2] = info
            else:
                duplicates.append(info)
        older_names: dict[str, list[str]] = defaultdict(list)
        for info in duplicates:  # a former name that says it is the same country ("Burma")
            primary = by_alpha2[info["ISO"]["alpha2"]]
            if primary["name"] in (info.get("altSpellings") or []) or info.get("name") in (primary.get("altSpellings") or []):
                older_names[info["ISO"]["alpha2"]].append(info["name"])
        demonym_candidates: dict[str, list[tuple[int, str]]] = {}
        capital_candidates: dict[str, list[tuple[int, str, str]]] = {}
        rows = []
        for country in pycountry.countries:
            info = by_alpha2.get(country.alpha_2, {})
            iso_name = getattr(country, "common_name", None) or country.name
            info_name = info.get("name") or iso_name
            # The shorter of the two is the everyday English name ("Russia", "North Macedonia").
            canonical = info_name if len(info_name) < len(iso_name) else iso_name
            rows.append((canonical, country, info))
        # Names before capitals and demonyms, so that a country name always wins a collision.
        for canonical, country, info in rows:
            referent = Referent(canonical, "GPE", "country")
            self.countries.add(canonical)
            self.currencies[canonical] = tuple(c for c in (info.get("currencies") or []) if isinstance(c, str))
            official = f"{getattr(country, 'official_name', '') or ''} {country.name}".lower()
            self.state_forms[canonical] = frozenset(
                form for form in STATE_FORMS if re.search(rf"\b{form}s?\b", official))
            names = [canonical, country.name, getattr(country, "common_name", None),
                     getattr(country, "official_name", None), info.get("name"),
                     *older_names.get(country.alpha_2, [])]
            codes = {country.alpha_2, country.alpha_3}
            for alt in (info.get("altSpellings") or []):
                if alt in codes or alt == (info.get("ISO") or {}).get("alpha2"):
                    continue
                if _is_code_like(alt):  # "UK", "USA", "UAE": abbreviations in common use
                    self._add_name(alt, referent)
                elif _is_latin(alt):
                    names.append(alt)
            for name in names:
                if name:
                    self._add_name(name, referent)
            for code in codes:
                self.codes.setdefault(normalise(code), Referent(canonical, "GPE", "code"))
            population = int(info.get("population") or 0)
            if info.get("demonym"):
                demonym_candidates.setdefault(normalise(info["demonym"]), []).append(
                    (population, canonical, info["demonym"]))
            capitals = info.get("capital") or []
            capitals = [capitals] if isinstance(capitals, str) else capitals  # some list several
            for variant in (v for c in capitals if isinstance(c, str) for v in _capital_variants(c)):
                capital_candidates.setdefault(normalise(variant), []).append(
                    (population, canonical, variant))
        for key, candidates in capital_candidates.items():
            chosen = _dominant(candidates)
            if chosen is not None:
                self.capitals.add(key)
                self._add_name(chosen[2], Referent(chosen[1], "GPE", "capital"))
        for _key, candidates in sorted(demonym_candidates.items()):
            chosen = _dominant(candidates)
            if chosen is not None:
                self._add_demonym(chosen[2], Referent(chosen[1], "GPE", "demonym"))


def _entry_rank(info: dict) -> tuple[bool, int, str]:
    return (not info["ISO"].get("numeric"), len(info["name"]), info["name"])


def _dominant(candidates: list) -> tuple | None:
    """The candidate of the far larger country when a name is shared ("Chinese": China, not
    Macau); None when no country clearly dominates (the name is ambiguous)."""
    ranked, seen = [], set()
    for candidate in sorted(candidates, key=lambda c: (-c[0], c[1:])):
        if candidate[1] not in seen:  # one entry per country
            seen.add(candidate[1])
            ranked.append(candidate)
    if len(ranked) == 1 or ranked[0][0] >= 10 * max(ranked[1][0], 1):
        return ranked[0]
    return None


def _capital_variants(capital: str) -> list[str]:
    if not capital:
        return []
    variants = [capital]
    stripped = re.sub(r",?\s*D\.?\s?C\.?$", "", capital).strip()
    if stripped and stripped != capital:  # "Washington D.C." → also "Washington"
        variants += [stripped, f"{stripped}, D.C.", f"{stripped} DC"]
    return variants


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in text)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    return Gazetteer()
