"""Actor mentions: spaCy's named entities, cleaned, with titles, short forms and metonymy.

Method (everything comes from the one spaCy parse; nothing is re-tokenised):
1. Candidates are spaCy's PERSON/ORG/GPE/NORP/LOC/FAC/EVENT entities, trimmed to the name
   ("the", possessive "’s", punctuation, an unclosed "(", a leading verb that NER swallowed as in
   "Throwing Putin"), plus gazetteer names that NER missed ("Zhongnanhai", "the Kremlin"), found
   with a PhraseMatcher over the doc's own tokens. A coordination NER glued together ("the White
   House and Downing Street") is split when every part is a gazetteer name.
2. Names that stand for a state or an organisation get `refers_to`: countries, ISO codes,
   capitals, seats of government and demonyms (see `claimgraph.gazetteer`).
3. Titles become `role`: words before a person ("Russian Foreign Minister Sergey Lavrov" → role
   "Foreign Minister of Russia") and appositions after it ("Diana Choyleva, a chief economist at
   Enodo Economics" → "chief economist at Enodo Economics"). Title words are nameparser's list.
4. `local_name` links short forms to the fullest name the document uses for the same actor
   ("Putin" → "Vladimir Putin", "SCO" → "Shanghai Cooperation Organisation"), only when exactly
   one fuller name fits.
5. In headlines (title-case lines without final punctuation) NER labels capitalised words at
   random; a headline candidate is kept only when it is a known name or the body mentions it.
6. A definite description names again the last actor of its kind in an actor position within
   DESCRIPTION_REACH sentences: "the kingdom" a country whose official name is a kingdom (Saudi
   Arabia, never the United States), "the country" any country, "the alliance"/"the group" an
   organisation that is no ministry or parliament, "the company" one that is also no bloc. The
   mention is named by its antecedent, so "the company" never becomes an alias of one firm.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ..gazetteer import Referent, gazetteer, normalise
from ..nlp import ParsedDocument
from ..records import Mention, stable_id
from .quotes import ROLE_NOUNS, find_quoted_spans

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
_ACTOR_HOLDERS = {"GPE", "NORP", "ORG"}  # what a title can belong to ("Russian", "EU", "NATO")

_LEADING_JUNK = {"the", "a", "an", "this", "that", "these", "those"}
_POSSESSIVES = {"'s", "’s", "'", "’", "s'", "s’"}
_OPENING = {"(", "[", "{"}
_JOINERS = {"-", "&", ".", "'", "’", "(", ")", "/", "–", "‐", "'s", "’s", ",", "+"}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "mister", "madam", "madame",
               "monsieur", "herr", "frau", "señor", "señora", "hon"}
# Words that qualify a title but are not titles themselves ("former Secretary of State").
_TIME_MODIFIERS = {"former", "then", "acting", "outgoing", "incoming", "interim"}
_TITLE_MODIFIERS = {"former", "then", "acting", "outgoing", "incoming", "interim", "ex", "deputy",
                    "vice", "senior", "top", "chief", "assistant", "associate", "new", "current",
                    "longtime", "veteran", "permanent", "principal", "under", "co"}
# Common English titles missing from nameparser's list.
_EXTRA_TITLES = {"chairman", "chairwoman", "chairperson", "spokesman", "spokeswoman",
                 "spokesperson", "fellow", "analyst", "official", "aide", "advisor", "head",
                 "negotiator", "lawmaker", "legislator", "congressman", "congresswoman",
                 "ruler", "dictator", "strongman", "oligarch", "tycoon", "commentator",
                 "prosecutor", "minister", "secretary-general", "president-elect", "mp",
                 "economist", "strategist", "chancellor", "premier", "envoy", "emissary",
                 "sen", "sec", "amb", "gov", "rep"}  # abbreviations: "Sen. Marco Rubio"
# nameparser entries that are ordinary words or nationalities rather than titles.
_NOT_TITLES = {"british", "english", "us", "uk", "united", "states", "her", "his", "me", "most",
               "first", "right", "high", "excellent", "blessed", "family", "group", "knowledge",
               "discovery", "mystery", "voice", "rock", "blues", "classical", "computer",
               "software", "credit", "tax", "risk", "information", "travel", "award-winning",
               "biblical", "criminal", "docket", "bench", "banner", "model", "host", "player",
               "personality", "celebrity", "business", "corporate", "marketing", "advertising",
               "analytics", "mathematics", "film", "television", "radio", "opera", "ballet",
               "baseball", "soccer", "theater", "theatre", "burlesque", "comic", "kingdom"}
_TITLE_PREPOSITIONS = {"of", "for", "to", "on"}
# Institutions of a state, named by the state: "China's foreign ministry", "the Russian army".
_INSTITUTIONS = {"ministry", "embassy", "consulate", "government", "cabinet", "parliament",
                 "legislature", "military", "army", "navy", "customs", "administration"}
_INSTITUTION_PAIRS = {("central", "bank"), ("air", "force"), ("armed", "forces"),
                      ("foreign", "office"), ("state", "council"), ("state", "department"),
                      ("defense", "department"), ("defence", "department")}
_MAX_INSTITUTION_MODIFIERS = 3
_NOT_NAME_PARTS = {"own", "entire", "whole", "very"}  # "China's own military" is its military
_NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}
_DEMONYM_TAGS = ("JJ", "NNP", "NNPS", "NNS", "NN")
_APPOSITION_STOPS = {",", ";", ":", "(", ")", "“", "”", '"', "—", "–", "who", "which", "that",
                     "whose", "whom", "where", "when"}
_AGENT_SUFFIX = re.compile(r"(?:ist|er|or|ian|ant|ent|ee|ary|man|woman|person)$")
_MAX_APPOSITION_TOKENS = 15
_WHITESPACE = re.compile(r"\s+")
_SENTENCE_END = {".", "!", "?", "”", '"', "’", "'", ":", ";", "…", ")"}


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Lower-case words that make a title ("president", "minister", "secretary", "chief")."""
    from nameparser.config import CONSTANTS
    from spacy.lang.en.stop_words import STOP_WORDS

    words = {w.replace(".", "") for w in CONSTANTS.titles}
    words = {w for w in words if w and w.replace("-", "").isalpha()}
    return frozenset((words - STOP_WORDS - _NOT_TITLES) | _EXTRA_TITLES | _HONORIFICS)


@dataclass
class _Candidate:
    start: int  # token indices of the name, end exclusive
    end: int
    kind: str
    label: str  # what spaCy (or the gazetteer pass) called it
    referent: Referent | None = None
    role: str | None = None
    titled: bool = False  # a title or honorific stands before it: a person
    local_name: str | None = None
    name: str = ""


@dataclass
class _Title:
    start: int  # first token of the title, its holder ("Russian", "EU") included
    words_start: int  # first title word
    end: int  # one past the last title token
    role: str | None


class _Holders:
    """Candidates by first and last token, to find who a title belongs to."""

    def __init__(self, candidates: list[_Candidate]) -> None:
        self.by_end = {c.end: c for c in candidates}
        self.by_start = {c.start: c for c in candidates}

    def ending_at(self, k: int) -> _Candidate | None:
        return _as_holder(self.by_end.get(k + 1))

    def starting_at(self, k: int) -> _Candidate | None:
        return _as_holder(self.by_start.get(k))


def _as_holder(cand: _Candidate | None) -> _Candidate | None:
    if cand is not None and (cand.referent is not None or cand.label in _ACTOR_HOLDERS):
        return cand
    return None


class _DocView:
    """Per-document lookups shared by the steps below."""

    def __init__(self, parsed: ParsedDocument) -> None:
        self.parsed = parsed
        self.doc: Doc = parsed.doc
        n = len(self.doc)
        self.sent_start = [0] * n
        self.sent_end = [0] * n
        self.sent_id = [0] * n
        self.sents: list[Span] = list(self.doc.sents)
        for index, sent in enumerate(self.sents):
            size = sent.end - sent.start
            self.sent_start[sent.start:sent.end] = [sent.start] * size
            self.sent_end[sent.start:sent.end] = [sent.end] * size
            self.sent_id[sent.start:sent.end] = [index] * size
        self._headline: dict[int, bool] = {}
        self._all_caps: dict[int, bool] = {}
        self.entity_at: list[Span | None] = [None] * n  # every spaCy entity, any label
        for ent in self.doc.ents:
            self.entity_at[ent.start:ent.end] = [ent] * (ent.end - ent.start)

    def in_headline(self, i: int) -> bool:
        index = self.sent_id[i]
        if index not in self._headline:
            self._headline[index] = _is_headline(self.sents[index])
        return self._headline[index]

    def in_all_caps(self, i: int) -> bool:
        index = self.sent_id[i]
        if index not in self._all_caps:
            self._all_caps[index] = _is_all_caps(self.sents[index])
        return self._all_caps[index]


def extract_mentions(parsed: ParsedDocument) -> list[Mention]:
    view = _DocView(parsed)
    candidates = _ner_candidates(view)
    candidates += _gazetteer_candidates(view, candidates)
    candidates.sort(key=lambda c: (c.start, c.end))
    holders = _Holders(candidates)
    consumed: list[tuple[int, int]] = []
    for cand in candidates:
        if cand.label != "PERSON" and (cand.referent is not None or not _person_shaped(view.doc, cand)):
            continue
        title = _attach_title(view, cand, holders)
        if title is not None:
            consumed.append((title.words_start, title.end))
    in_title = [False] * len(view.doc)
    for start, end in consumed:
        in_title[start:end] = [True] * (end - start)
    candidates = [c for c in candidates
                  if c.referent is not None or not all(in_title[c.start:c.end])]
    for cand in candidates:
        cand.name = _name_text(view.doc, cand.start, cand.end)
    candidates += _institutions(view, candidates)
    _settle_person_labelled_places(candidates)
    _assign_local_names(view, candidates)
    candidates += _missed_surnames(view, candidates)
    candidates = _drop_headline_noise(view, candidates)
    candidates += _definite_descriptions(view, candidates)
    candidates.sort(key=lambda c: (c.start, c.end))
    return [_to_mention(parsed, c) for c in candidates]


# -- candidates --------------------------------------------------------------------------


def _missed_surnames(view: _DocView, candidates: list[_Candidate]) -> list[_Candidate]:
    """"Milei struck the same note": a surname of a person the document named in full, where the
    tagger saw no entity (often at the start of a sentence); a surname two people share is left.
    Likewise an acronym the tagger saw once ("TEPCO") wherever else it stands untagged."""
    people: dict[str, set[str]] = {}
    for cand in candidates:
        full = cand.local_name or cand.name
        if cand.kind == "PERSON" and len(full.split()) >= 2:
            people.setdefault(full.split()[-1], set()).add(full)
    covered = [False] * len(view.doc)
    for cand in candidates:
        covered[cand.start:cand.end] = [True] * (cand.end - cand.start)
    acronyms = {cand.name: cand for cand in candidates
                if cand.end - cand.start == 1 and len(cand.name) >= 3 and cand.name.isalpha() and cand.name.isupper()}
    found = []
    for token in view.doc:
        if token.text in acronyms and not covered[token.i]:  # "TEPCO" again, untagged this time
            known = acronyms[token.text]
            found.append(_Candidate(start=token.i, end=token.i + 1, kind=known.kind, label="ACRONYM",
                                    referent=known.referent, local_name=known.local_name, name=token.text))
            continue
        names = people.get(token.text)
        if not names or len(names) != 1 or covered[token.i] or token.pos_ not in ("PROPN", "NOUN"):
            continue
        neighbours = [view.doc[j] for j in (token.i - 1, token.i + 1) if 0 <= j < len(view.doc)]
        if any(n.pos_ == "PROPN" and n.text[:1].isupper() for n in neighbours):
            continue  # part of a longer name the tagger did not see either
        full = next(iter(names))
        found.append(_Candidate(start=token.i, end=token.i + 1, kind="PERSON", label="SURNAME",
                                local_name=full, name=token.text))
    return found


def _ner_candidates(view: _DocView) -> list[_Candidate]:
    gaz = gazetteer()
    result = []
    for ent in view.doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        trimmed = _trim(view.doc, ent.start, ent.end, ent.label_)
        if trimmed is None:
            continue
        if ent.label_ == "PERSON":
            # "According to Ortiz, Brent could …": news never writes a name as "Last, First"
            comma = next((t.i for t in view.doc[trimmed[0]:trimmed[1]] if t.text == ","), None)
            if comma is not None and comma > trimmed[0]:
                trimmed = (trimmed[0], comma)
        for start, end in _split_coordination(view.doc, *trimmed):
            text = view.doc[start:end].text
            referent = gaz.lookup(text, ent.label_)
            if referent is None and _capitalised_common_word(view.doc, start, end, ent.label_):
                continue
            result.append(_Candidate(start, end, _kind(ent.label_, referent), ent.label_, referent))
    return result


def _capitalised_common_word(doc: Doc, start: int, end: int, label: str) -> bool:
    """"Customs data show…", "Hollow words…": a sentence-initial common word NER took for a name."""
    token = doc[start]
    return (end - start == 1 and label != "NORP" and token.is_sent_start
            and token.tag_ in ("NN", "NNS", "JJ", "JJR", "JJS", "RB", "VB", "VBG", "VBN", "VBD"))


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int] | None:
    """The name inside an entity span: no article, possessive, punctuation or line break."""
    for i in range(start, end):  # a line break or symbol inside an entity: keep what precedes it
        text = doc[i].text
        if "\n" in text or (i > start and not _has_word(doc[i]) and text not in _JOINERS):
            end = i
            break
    for i in range(start, end):  # an unclosed bracket: "Shanghai Cooperation Organisation (SCO"
        if doc[i].text in _OPENING and not any(doc[j].text in ")]}" for j in range(i, end)):
            end = i
            break
    while start < end and (doc[start].lower_ in _LEADING_JUNK or not _has_word(doc[start])):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVES or not _has_word(doc[end - 1])):
        end -= 1
    if label == "PERSON":
        while end - start > 1 and _acts_as_verb(doc, doc[start], end):
            start += 1
    if end <= start or not any(ch.isalpha() and not ch.islower() for ch in doc[start:end].text):
        return None  # no capital letter: not a name ("the state", "communist", "7257 7258")
    return start, end


def _has_word(token: Token) -> bool:
    return any(ch.isalnum() for ch in token.text)


def _acts_as_verb(doc: Doc, token: Token, end: int) -> bool:
    """A leading word NER swallowed into a name ("Throwing Putin"): a verb, or it governs the
    rest as its object."""
    return token.tag_.startswith("VB") or any(
        child.i < end and child.dep_ in ("dobj", "obj", "attr", "oprd", "pobj") for child in token.children)


def _split_coordination(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Split "the White House and Downing Street" when every part is a known name."""
    cuts = [i for i in range(start, end) if doc[i].dep_ == "cc" or doc[i].text == ","]
    if not cuts:
        return [(start, end)]
    gaz = gazetteer()
    parts, begin = [], start
    for cut in [*cuts, end]:
        piece = _trim(doc, begin, cut, "")
        if piece is None or gaz.lookup(doc[piece[0]:piece[1]].text) is None:
            return [(start, end)]
        parts.append(piece)
        begin = cut + 1
    if gaz.lookup(doc[start:end].text) is not None:  # "Bosnia and Herzegovina"
        return [(start, end)]
    return parts


def _gazetteer_candidates(view: _DocView, taken: list[_Candidate]) -> list[_Candidate]:
    """Known names that spaCy's NER did not mark ("Zhongnanhai", "the Kremlin")."""
    doc = view.doc
    occupied = [ent is not None and ent.label_ not in ACTOR_LABELS for ent in view.entity_at]
    for cand in taken:
        for i in range(cand.start, cand.end):
            occupied[i] = True
    gaz = gazetteer()
    found = []
    matches = _phrase_matcher(doc.vocab)(doc)
    for match_id, start, end in sorted(matches, key=lambda m: (m[1], -m[2])):
        if any(occupied[start:end]) or view.in_all_caps(start):
            continue
        referent = gaz.phrases.get(doc.vocab.strings[match_id])
        if referent is None:
            continue
        if referent.via == "bloc" and not (  # "the West" answered, not "the West Bank"
                start > 0 and doc[start - 1].lower_ == "the"
                and (end >= len(doc) or not doc[end].text[:1].isupper())):
            continue
        # Capitals and country names must be proper nouns here ("Male" voters is not a capital).
        tags = _DEMONYM_TAGS if referent.via == "demonym" else ("NNP", "NNPS")
        if referent.via not in ("seat", "organisation") and not all(
                doc[i].tag_ in tags for i in range(start, end)):
            continue
        label = ("FAC" if referent.via == "seat" and referent.kind == "GPE"
                 else "NORP" if referent.via == "demonym" else referent.kind)
        found.append(_Candidate(start, end, _kind(label, referent), label, referent))
        for i in range(start, end):
            occupied[i] = True
    return found


_MATCHERS: dict[int, tuple[Vocab, PhraseMatcher]] = {}


def _phrase_matcher(vocab: Vocab) -> PhraseMatcher:
    """A PhraseMatcher over the gazetteer's names, built once per vocabulary."""
    cached = _MATCHERS.get(id(vocab))
    if cached is not None and cached[0] is vocab:
        return cached[1]
    from spacy.lang.en import English

    tokenizer = English().tokenizer  # its own vocab: the shared pipeline is left untouched
    phrases = sorted(gazetteer().phrases)
    matcher = PhraseMatcher(vocab, attr="ORTH")
    for phrase, tokens in zip(phrases, tokenizer.pipe(phrases)):
        matcher.add(phrase, [Doc(vocab, words=[t.text for t in tokens])])
    if len(_MATCHERS) > 4:
        _MATCHERS.clear()
    _MATCHERS[id(vocab)] = (vocab, matcher)
    return matcher


def _kind(label: str, referent: Referent | None) -> str:
    if referent is None:
        return label
    if referent.via in ("demonym", "bloc"):
        return "NORP"
    if referent.via == "seat":
        return label if label in ("ORG", "FAC", "GPE") else "FAC"
    if referent.kind == "ORG":
        return "ORG"
    return label if label == "PERSON" else "GPE"  # PERSON is settled once the document is read


# -- titles and roles ----------------------------------------------------------------------


def _person_shaped(doc: Doc, cand: _Candidate) -> bool:
    """Two to four capitalised words, like "Alistair Davies" that NER called an ORG."""
    if not 2 <= cand.end - cand.start <= 4:
        return False
    return all(t.text[:1].isupper() and t.tag_ in ("NNP", "NNPS") and "." not in t.text[1:-1]
               for t in doc[cand.start:cand.end])


def _attach_title(view: _DocView, cand: _Candidate, holders: _Holders) -> _Title | None:
    """Find the person's title before or after the name; set role, titled and kind."""
    doc = view.doc
    titles = title_words()
    # Titles NER put inside the span ("President Xi Jinping"): the name starts after them.
    core = cand.start
    while (cand.label == "PERSON" and core < cand.end - 1 and _is_title_token(doc[core], titles)
           and doc[core + 1].text[:1].isupper()):
        core += 1
    lo = view.sent_start[cand.start]
    title = _title_before(view, core - 1, lo, holders) if core > lo else None
    if title is None and core == cand.start:
        title = _title_before_comma(view, cand, holders)
    if title is None and (cand.label != "PERSON" or cand.referent is not None):
        return None  # a place or organisation after all
    cand.referent = None  # "President Washington": a title makes it a person
    cand.start = core
    cand.kind = "PERSON"
    apposition = _apposition(view, doc[cand.start:cand.end], holders)
    if title is not None:
        cand.titled = True
        weak = title.role is None or len(title.role.split()) == 1
        cand.role = apposition if (weak and apposition) else title.role
    else:
        cand.role = apposition
    return title


def _is_title_token(token: Token, titles: frozenset[str]) -> bool:
    word = token.lower_.rstrip(".")
    return word.isalpha() and word in titles


def _title_before(view: _DocView, end: int, lo: int, holders: _Holders) -> _Title | None:
    """Title words ending at token `end` (inclusive): [holder] [modifiers] title words
    [of|for|to [the] Capitalised Words]. "U.S. Secretary of State", "Chinese leader"."""
    doc = view.doc
    titles = title_words()
    if end < lo:
        return None
    last = end
    # A complement after the title word: "of State", "to the United Nations".
    k = end
    while k > lo and doc[k].text[:1].isupper() and doc[k].is_alpha:
        k -= 1
    if k < end:
        m = k - 1 if doc[k].lower_ == "the" and k > lo else k
        if doc[m].lower_ in _TITLE_PREPOSITIONS and m > lo and _is_title_token(doc[m - 1], titles):
            last = m - 1
    head = doc[last]
    if not _is_title_token(head, titles) or (head.tag_ not in _NOUN_TAGS and not head.text.endswith(".")):
        return None
    start = last
    k = last - 1
    while k >= lo:
        token = doc[k]
        if holders.ending_at(k) is not None:
            break
        if _is_title_token(token, titles) or (token.lower_ in _TITLE_MODIFIERS and token.tag_ != "IN"):
            start = k  # ("Under Secretary", but not "drafted under Secretary")
        elif token.text == "-" and k > lo and doc[k - 1].lower_ in _TITLE_MODIFIERS | titles:
            start = k  # "then-Vice President", "Secretary-General"
        elif token.is_alpha and token.dep_ in ("compound", "amod") and start <= token.head.i <= end:
            start = k  # "foreign policy chief"
        else:
            break
        k -= 1
    while start < last and start > lo and doc[start - 1].text == "-" and not doc[start - 1].whitespace_:
        start += 1  # half of a hyphenated word ("thirteenth-century prince"): leave it out
    role_text = _clean_role(doc[start:end + 1].text)
    words_start = start
    k = start - 1
    if k >= lo and doc[k].text in _POSSESSIVES:
        k -= 1
    holder = holders.ending_at(k) if k >= lo else None
    prefix = ""
    if holder is not None:
        start = holder.start
        if start - 1 >= lo and doc[start - 1].lower_ in _TIME_MODIFIERS:
            start -= 1  # "Former U.S. President Donald Trump"
            prefix = doc[start].lower_ + " "
    words = role_text.lower().replace(".", "").split()
    role: str | None = role_text
    if all(w in _HONORIFICS for w in words):
        role = None
    elif holder is not None:
        role = f"{prefix}{role_text} of {_holder_name(doc, holder)}"
    return _Title(start, words_start, end + 1, role)


def _holder_name(doc: Doc, cand: _Candidate) -> str:
    """"Russian" → "Russia"; a seat of government keeps its own name ("Kremlin spokesman")."""
    if cand.referent is not None and cand.referent.via != "seat":
        return cand.referent.canonical
    return _name_text(doc, cand.start, cand.end)


def _title_before_comma(view: _DocView, cand: _Candidate, holders: _Holders) -> _Title | None:
    """"The U.S. Ambassador to the United Nations, Linda Thomas-Greenfield, said": the name is
    an apposition to the title before it."""
    doc = view.doc
    span = doc[cand.start:cand.end]
    root = span.root
    comma = cand.start - 1
    if root.dep_ != "appos" or root.head.i >= cand.start or comma <= view.sent_start[cand.start]:
        return None
    if doc[comma].text != ",":
        return None
    title = _title_before(view, comma - 1, view.sent_start[cand.start], holders)
    if title is None or not title.start <= root.head.i < title.end:
        return None
    return title


def _apposition(view: _DocView, span: Span, holders: _Holders) -> str | None:
    """"Diana Choyleva, a chief economist at Enodo Economics" → "chief economist at Enodo
    Economics"; a nationality in front becomes "of X" ("the Chinese foreign minister")."""
    doc = view.doc
    if span.end >= len(doc) or doc[span.end].text != ",":
        return None
    titles = title_words()
    for child in span.root.children:
        if child.dep_ != "appos" or child.i <= span.end or child.tag_ not in ("NN", "NNS", "NNP"):
            continue
        if child.lower_ not in titles and not _AGENT_SUFFIX.search(child.lower_):
            continue
        start, end = child.left_edge.i, child.right_edge.i + 1
        for i in range(child.i + 1, min(end, len(doc))):
            if doc[i].lower_ in _APPOSITION_STOPS:
                end = i
                break
        while start < child.i and doc[start].lower_ in _LEADING_JUNK:
            start += 1
        if end - start > _MAX_APPOSITION_TOKENS:
            end = start + _MAX_APPOSITION_TOKENS
        holder = holders.starting_at(start)
        if holder is not None and holder.end <= child.i:
            after = holder.end + (doc[holder.end].text in _POSSESSIVES)
            text = _clean_role(doc[after:end].text)
            return f"{text} of {_holder_name(doc, holder)}" if text else None
        text = _clean_role(doc[start:end].text)
        return text or None
    return None


def _clean_role(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip(" ,;:-—–")


# -- institutions of states ------------------------------------------------------------------


def _institutions(view: _DocView, candidates: list[_Candidate]) -> list[_Candidate]:
    """"China's foreign ministry", "the Russian defence ministry": an ORG mention over the state
    and the institution (the state keeps its own mention), named across documents as
    "foreign ministry of China". NER spans such as "Russian Defence Ministry" get the same name."""
    doc = view.doc
    found = []
    for cand in candidates:
        ref = cand.referent
        if ref is None:
            if cand.label == "ORG" and cand.end - cand.start > 1:
                _name_institution_span(view, cand)
            continue
        if ref.kind != "GPE" or ref.via not in ("country", "code", "demonym", "capital"):
            continue
        k = cand.end
        if k < len(doc) and doc[k].text in _POSSESSIVES:
            k += 1
        head = _institution_head(view, k, view.sent_end[cand.start])
        if head is None:
            continue
        words = " ".join(t.lower_ for t in doc[k:head + 1] if t.lower_ not in _NOT_NAME_PARTS)
        found.append(_Candidate(cand.start, head + 1, "ORG", "ORG", name=_name_text(doc, cand.start, head + 1),
                                local_name=f"{words} of {ref.canonical}"))
    return found


def _institution_head(view: _DocView, k: int, limit: int) -> int | None:
    doc = view.doc
    for i in range(k, min(k + _MAX_INSTITUTION_MODIFIERS + 1, limit)):
        token = doc[i]
        if not token.is_alpha or view.entity_at[i] is not None and view.entity_at[i].label_ in ACTOR_LABELS:
            return None
        word = token.lower_
        if word in _INSTITUTIONS or (i > k and (doc[i - 1].lower_, word) in _INSTITUTION_PAIRS):
            return i
        if token.tag_ not in ("JJ", "NN", "NNP", "NNS"):
            return None
    return None


def _name_institution_span(view: _DocView, cand: _Candidate) -> None:
    doc = view.doc
    first, last = doc[cand.start], doc[cand.end - 1]
    if last.lower_ not in _INSTITUTIONS and (doc[cand.end - 2].lower_, last.lower_) not in _INSTITUTION_PAIRS:
        return
    ref = gazetteer().lookup(first.text, "NORP")
    if ref is not None and ref.kind == "GPE":
        words = " ".join(t.lower_ for t in doc[cand.start + 1:cand.end])
        cand.local_name = f"{words} of {ref.canonical}"


# -- document-level decisions ----------------------------------------------------------------


def _settle_person_labelled_places(candidates: list[_Candidate]) -> None:
    """NER sometimes calls a capital a person ("Kyiv struggles"). It is read as the place when
    nothing in the document suggests a person: no title before it, no full person name
    containing it, and (for a capital) the document names some state or bloc elsewhere."""
    person_tokens = set()
    for cand in candidates:
        if cand.kind == "PERSON" and cand.referent is None:
            person_tokens.update(normalise(t) for t in _name_words(cand))
    states = {c.referent.canonical for c in candidates
              if c.referent is not None and c.kind != "PERSON"}
    for cand in candidates:
        if cand.kind != "PERSON" or cand.referent is None:
            continue
        ref = cand.referent
        is_place = (not cand.titled and ref.via in ("country", "capital", "seat")
                    and not (set(normalise(t) for t in _name_words(cand)) & person_tokens)
                    and (ref.via != "capital" or bool(states)))
        if is_place:
            cand.kind = "GPE" if ref.via != "seat" else "FAC"
        else:
            cand.referent = None


def _name_words(cand: _Candidate) -> list[str]:
    return cand.name.split() if cand.name else []


def _assign_local_names(view: _DocView, candidates: list[_Candidate]) -> None:
    person_names = sorted({c.name for c in candidates if c.kind == "PERSON" and c.referent is None})
    full_names = [n for n in person_names if len(n.split()) > 1]
    keyed_full = [(name, tuple(normalise(w) for w in name.split())) for name in full_names]
    for cand in candidates:
        if cand.referent is not None:
            continue
        words = tuple(normalise(w) for w in cand.name.split())
        if cand.kind == "PERSON" or (len(words) == 1 and cand.name[:1].isupper()):
            fuller = _fullest_person_name(words, keyed_full)
            if fuller is not None:
                cand.kind = "PERSON"  # "Campbell stated" that NER called an ORG
                cand.local_name = fuller if fuller != "" else None
            elif cand.kind == "PERSON":
                cand.local_name = cand.name
    _assign_organisation_short_forms(candidates)
    _assign_acronyms(view, candidates)
    _assign_state_names(candidates)
    for cand in candidates:
        if cand.local_name is None and not (cand.kind == "PERSON" and cand.referent is None):
            cand.local_name = cand.name


# "the alliance agreed", "the kingdom will cut": a definite description that names again the
# actor of its kind mentioned last (GROUP_NOUNS and COMPANY_NOUNS an organisation, STATE_NOUNS a
# country), within DESCRIPTION_REACH sentences
GROUP_NOUNS = {"alliance", "group", "cartel", "bloc", "coalition", "organisation", "organization"}
COMPANY_NOUNS = {"company", "firm", "carrier", "chipmaker", "manufacturer", "maker", "automaker", "carmaker",
                 "lender", "insurer", "miner", "retailer", "operator", "shipper", "shipping line"}
STATE_NOUNS = {"kingdom", "country", "nation", "republic", "emirate", "government"}
_UNIONS = {"European Union", "African Union"}
# positions where a name acts (a place after "in" or "at" is where, not who)
_ACTOR_DEPS = {"nsubj", "nsubjpass", "dobj", "poss", "appos", "conj", "compound", "ROOT", "agent"}
DESCRIPTION_REACH = 5
_PUBLIC_BODY_WORDS = {"department", "ministry", "commission", "bureau", "agency", "office", "council",
                      "administration", "parliament", "congress", "senate", "committee", "court",
                      "government", "authority", "service", "navy", "army", "forces", "party", "house"}


def _definite_descriptions(view: _DocView, candidates: list[_Candidate]) -> list[_Candidate]:
    doc = view.doc
    taken = [False] * len(doc)
    for cand in candidates:
        taken[cand.start:cand.end] = [True] * (cand.end - cand.start)
    ordered = sorted(candidates, key=lambda c: c.start)
    starts = [c.start for c in ordered]
    quoted = [(q.open, q.close if q.close is not None else q.end) for q in find_quoted_spans(doc.text)]
    found = []
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or taken[token.i] or lemma not in GROUP_NOUNS | COMPANY_NOUNS | STATE_NOUNS:
            continue
        first = _definite_start(token)
        if first is None or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            continue  # "a group", "the group of seven"
        earlier = sorted(ordered[:bisect_right(starts, first)] + found, key=lambda c: c.start)
        if lemma in COMPANY_NOUNS:  # a firm is one named in the narrative, not in a quote or a title
            earlier = [c for c in earlier if not _in_a_title(doc, c) and not any(
                open_ <= doc[c.start].idx < close for open_, close in quoted)]
        antecedent = _antecedent(doc, earlier, token, lemma)
        if antecedent is None:
            continue
        # named by its antecedent: "the company" is no name of Nvidia's, and must not become
        # an alias that ties Nvidia to every other firm some text calls "the company"
        found.append(_Candidate(
            start=first, end=token.i + 1, kind=antecedent.kind, label="DESCRIPTION",
            referent=antecedent.referent, local_name=antecedent.local_name or antecedent.name,
            name=antecedent.name,
        ))
    return found


def _in_a_title(doc: Doc, cand: _Candidate) -> bool:
    """"UK Defence Secretary Grant Shapps": a name inside someone's title is no firm."""
    root = doc[cand.start:cand.end].root
    return root.dep_ == "compound" and (root.head.lower_ in ROLE_NOUNS or root.head.ent_type_ == "PERSON")


def _definite_start(noun: Token) -> int | None:
    """Where "the [wider] alliance" starts; None unless "the" and only adjectives lead it."""
    left = [c for c in noun.children if c.i < noun.i]
    if not left or left[0].lower_ != "the" or left[0].dep_ != "det":
        return None
    if any(c.dep_ not in ("det", "amod", "advmod") or c.pos_ == "PROPN" for c in left):
        return None  # "the Wagner group", "its group": a name or an owner, not a description
    return left[0].i


def _antecedent(doc: Doc, earlier: list[_Candidate], noun: Token, lemma: str) -> _Candidate | None:
    sentence = noun.sent.start
    for cand in reversed(earlier):
        if doc[cand.start].sent.start < sentence and \
                sum(1 for _ in doc[doc[cand.start].sent.start:sentence].sents) > DESCRIPTION_REACH:
            return None
        if doc[cand.end - 1].dep_ not in _ACTOR_DEPS:
            continue  # an earlier description counts: "the group's deal … The wider alliance agreed"
        if lemma in STATE_NOUNS:
            if cand.kind == "GPE" and cand.referent is not None and cand.referent.canonical in gazetteer().countries \
                    and (lemma in ("country", "nation", "government")
                         or lemma in gazetteer().state_form(cand.referent.canonical)):
                return cand  # "the kingdom" is Saudi Arabia, never the United States
        elif cand.kind == "ORG" or (lemma in COMPANY_NOUNS and cand.kind == "GPE" and cand.referent is None):
            # (a firm the tagger called a place, "Nvidia" as GPE, no gazetteer knows it as one)
            words = {w.lower() for w in f"{cand.name} {cand.local_name or ''}".split()}
            if words & _PUBLIC_BODY_WORDS and lemma not in ("bloc", "organisation", "organization"):
                continue  # a company, cartel or alliance is no ministry or parliament
            if lemma in COMPANY_NOUNS and cand.referent is not None:
                continue  # nor is a company a bloc
            if lemma in ("alliance", "cartel", "group", "coalition") and cand.referent is not None \
                    and cand.referent.via == "bloc" and cand.referent.canonical in _UNIONS:
                continue  # "the alliance" of oil producers is not the European Union
            return cand
    return None


def _fullest_person_name(words: tuple[str, ...], keyed_full: list[tuple[str, tuple[str, ...]]]) -> str | None:
    """The one fuller name containing these words (first or last name included); "" when two
    different people fit (the short form is ambiguous); None when none does."""
    fits = [(name, key) for name, key in keyed_full
            if len(key) > len(words) and _subsequence(words, key)
            and (words[-1] == key[-1] or words[0] == key[0])]
    if not fits:
        return None
    maximal = [(name, key) for name, key in fits
               if not any(other != key and _subsequence(key, other) for _, other in fits)]
    return maximal[0][0] if len(maximal) == 1 else ""


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    position = 0
    for word in short:
        try:
            position = long.index(word, position) + 1
        except ValueError:
            return False
    return True


def _assign_organisation_short_forms(candidates: list[_Candidate]) -> None:
    """"the Commission" after "the European Commission", "Fjordline" after "Fjordline
    Securities": an organisation's name that ends, or (for a proper name) begins, the one longer
    organisation name of the document is that organisation."""
    organisations = sorted({c.name for c in candidates if c.kind == "ORG"})
    keyed = [(name, tuple(normalise(w) for w in name.split())) for name in organisations]
    for cand in candidates:
        if cand.kind != "ORG" or cand.referent is not None or cand.local_name is not None:
            continue
        words = tuple(normalise(w) for w in cand.name.split())
        longer = {name for name, key in keyed if len(key) > len(words) and key[-len(words):] == words}
        if not longer and cand.name[:1].isupper() and cand.name.split()[0].lower() not in _GENERIC_ORG_WORDS:
            longer = {name for name, key in keyed if len(key) > len(words) and key[:len(words)] == words}
        if len(longer) == 1:
            cand.local_name = longer.pop()


# first words that name a kind, not an organisation ("National" of "National Grid")
_GENERIC_ORG_WORDS = {"national", "international", "european", "american", "federal", "state", "central",
                      "united", "world", "general", "royal", "new", "first", "global", "china", "chinese"}
_ACRONYM_SKIP = {"of", "for", "and", "the", "on", "in", "&", "to", "at"}


def _assign_acronyms(view: _DocView, candidates: list[_Candidate]) -> None:
    """"Peterson Institute for International Economics (PIIE)" … "PIIE" → the full name."""
    doc = view.doc
    expansions: dict[str, set[str]] = {}
    explicit: dict[str, _Candidate] = {}
    for cand in candidates:
        if cand.kind in ("PERSON", "NORP") or cand.referent is not None or cand.end - cand.start < 2:
            continue
        initials = "".join(w[0] for w in cand.name.split() if w.lower() not in _ACRONYM_SKIP)
        if len(initials) >= 2:
            expansions.setdefault(initials.upper(), set()).add(cand.name)
        if cand.end + 2 < len(doc) and doc[cand.end].text == "(" and doc[cand.end + 2].text == ")":
            explicit.setdefault(doc[cand.end + 1].text, cand)
    by_start = {cand.start: cand for cand in candidates}
    for cand in candidates:  # "Rosaviatsia, the Federal Air Transport Agency, said"
        after = cand.end + 1 + (cand.end + 1 < len(doc) and doc[cand.end + 1].lower_ == "the")
        full = by_start.get(after)
        if cand.end - cand.start == 1 and cand.end < len(doc) and doc[cand.end].text == "," \
                and full is not None and full.kind == "ORG" and full.end - full.start >= 2 \
                and doc[full.start:full.end].root.dep_ == "appos" and cand.referent is None:
            explicit.setdefault(cand.name, full)
    covered = {i for cand in candidates for i in range(cand.start, cand.end)}
    for short, cand in sorted(explicit.items()):
        inner = cand.end + 1  # "(FSB)" the model did not tag: a mention of the organisation too
        if inner not in covered and short.replace(".", "").isupper() and short.replace(".", "").isalpha():
            candidates.append(_Candidate(inner, inner + 1, cand.kind, "ACRONYM", local_name=cand.name, name=short))
    for cand in candidates:
        if cand.referent is not None or cand.local_name not in (None, cand.name):
            continue
        key = cand.name.replace(".", "")
        acronym = key.isupper() and key.isalpha()
        full = explicit.get(key) or explicit.get(cand.name)
        # "Tokyo Electric Power Company Holdings (TEPCO)", even if tagged a person; "the Federal
        # Air Transport Agency (Rosaviatsia)", a one-word short name of an organisation
        if full is not None and (acronym or full.kind == "ORG" and cand.end - cand.start == 1):
            cand.local_name, cand.kind = full.name, full.kind
        elif acronym and cand.kind != "PERSON" and len(expansions.get(key, ())) == 1:
            cand.local_name = next(iter(expansions[key]))


def _assign_state_names(candidates: list[_Candidate]) -> None:
    """"U.S." and "the United States", "SCO" and its full name: the same actor named two ways.
    Metonyms and demonyms keep their own name (refers_to links them)."""
    longest: dict[str, str] = {}
    for cand in candidates:
        ref = cand.referent
        if ref is None or ref.via not in ("country", "code", "organisation"):
            continue
        current = longest.get(ref.canonical)
        if current is None or (len(cand.name), cand.name) > (len(current), current):
            longest[ref.canonical] = cand.name
    for cand in candidates:
        ref = cand.referent
        if ref is not None and ref.via in ("country", "code", "organisation"):
            cand.local_name = longest[ref.canonical]


def _drop_headline_noise(view: _DocView, candidates: list[_Candidate]) -> list[_Candidate]:
    body_names = set()
    body_words = set()
    for cand in candidates:
        if not view.in_headline(cand.start):
            body_names.add(normalise(cand.name))
            if cand.local_name:
                body_names.add(normalise(cand.local_name))
            body_words.update(normalise(w) for w in cand.name.split())
    kept = []
    for cand in candidates:
        if (not view.in_headline(cand.start) or cand.referent is not None
                or normalise(cand.name) in body_names
                or (cand.kind == "PERSON" and all(normalise(w) in body_words for w in cand.name.split()))):
            kept.append(cand)
    return kept


def _is_headline(sent: Span) -> bool:
    """A title-case line without final punctuation (headline or subheading). A dateline split off
    its sentence ("Sendai —") ends in a dash and is no headline."""
    words = [t for t in sent if t.is_alpha]
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if not words or last is None or last.text in _SENTENCE_END or last.text in ("—", "–", "-", "--"):
        return False
    content = [t for t in words if not t.is_stop] or words
    capitalised = sum(1 for t in content if t.text[:1].isupper())
    return capitalised >= 0.8 * len(content)


def _is_all_caps(sent: Span) -> bool:
    letters = [t for t in sent if t.is_alpha and len(t.text) > 1]
    return len(letters) >= 3 and all(t.is_upper for t in letters)


def _name_text(doc: Doc, start: int, end: int) -> str:
    return _WHITESPACE.sub(" ", doc[start:end].text).strip()


def _to_mention(parsed: ParsedDocument, cand: _Candidate) -> Mention:
    span = parsed.doc[cand.start:cand.end]
    evidence = parsed.span_evidence(span)
    return Mention(
        id=stable_id("men", parsed.document.id, span.start_char, span.end_char),
        evidence=evidence,
        name=cand.name,
        kind=cand.kind,
        role=cand.role,
        local_name=cand.local_name,
        refers_to=cand.referent.canonical if cand.referent is not None else None,
    )
