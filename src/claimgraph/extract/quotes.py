"""Direct quotes with speaker attribution, and scare-quoted phrases.

Method (everything comes from the one spaCy parse and the mentions; nothing is re-tokenised):

1. Marks are paired inside one paragraph, so an unbalanced mark can never swallow the document.
   Curly double marks (“…”, also «…») are paired first; then straight double marks ("…"), judged
   opening or closing by the characters around them; then curly single marks (‘…’) only when the
   closing ’ cannot be an apostrophe. Marks inside an already paired quote are nested and stay
   part of the outer quote. An opening mark never closed in its paragraph is dropped, unless the
   next paragraph opens with a mark (the convention for a quote running over several
   paragraphs): that quote ends at its paragraph end.
2. Attribution, first match wins (an unnamed speaker, "a senior diplomat", stays unnamed:
   `speaker` None, the words that describe them in `speaker_description`):
   a. a speech verb (lemma in SPEECH_LEMMAS) or "according to" in the clause right after the
      closing mark ("…,” X said / said X / X told Y / notes X, TITLE at ORG / according to X),
      when the verb governs the quote or nothing but the speaker stands between them;
   b. the same in the clause before the opening mark (X said: “…”; X says that this is a “…”;
      according to X, “…”; X described Y as his “…”), when the verb governs the quote or stands at
      most a few words before it; or a colon right after a speaker's name (X: “…”);
   c. a quote opening a sentence, or resuming after an interruption, right after another quote
      and its attribution clause continues that quote ("“A,” X said. “B.”", "“A,” X said, “B.”");
   d. words a person is said to own ("Raimondo's famous “small yard, high fence”") or the content
      of a noun of speech ("a warning from Biden of “consequences”") are that person's;
   e. a quote standing alone as a sentence takes the speaker of a speech verb in the sentence
      before it, else in the sentence after it.
   The speaker is the subject of the speech verb (the object of "according to"; the antecedent of
   "who"): a PERSON mention, or an ORG/GPE/FAC mention or an institution phrase ("China's foreign
   ministry", "the commerce ministry") speaking as an institution, named by the mention's
   `local_name` (else, for a one-word name, the fullest PERSON name of the document containing it,
   else its `name`); coordinated speakers are joined with " and "; "he"/"she" is the most recent
   PERSON mention outside quotes, "the minister" the last person named with that title, "a
   Commission spokesperson" the Commission ("the company" is the mentions stage's: a description
   named by the firm it refers back to).
   Role and affiliation come from an appositive (", Senior Fellow at the International Studies
   Institute"), `mention.role`, a title before the name ("U.S. Secretary of State"), a possessive
   ("Yale Law School’s"), or else from another mention of the same person.
3. Speech or phrase. Speech: a span longer than PHRASE_MAX_WORDS words, a quote standing alone as
   a sentence, a quote in a "“…,” somebody said" / "somebody said: “…”" frame (even when the
   speaker stays unknown), and a short span with an identified speaker and cue — a partial quote
   ("Blinken says this would be a “serious problem.”", "Xi described Putin as his “best friend”").
   A short span whose head only modifies something outside the quote is a label even next to a
   cue ("declared a friendship “without bounds”"). Everything else — a short span inside a
   sentence used as a noun phrase or modifier ("a “no limits” partnership", condemned
   “bloc confrontation”) — is a Phrase (scare quotes, coined phrases), not speech.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..nlp import ParsedDocument
from ..records import Mention, Phrase, Quote, stable_id

SPEECH_LEMMAS = frozenset({
    "say", "tell", "state", "note", "remark", "add", "argue", "warn", "insist", "write",
    "explain", "claim", "describe", "declare", "announce", "comment", "observe", "assert", "accuse",
    "stress", "emphasize", "emphasise", "acknowledge", "admit", "reply", "respond", "ask",
    "conclude", "recall", "quip", "tweet", "testify", "predict", "concede", "contend", "caution",
    "urge", "vow", "pledge", "confirm", "mention", "counter", "joke", "complain", "lament", "call",
    "reiterate", "maintain", "proclaim", "boast", "retort", "promise", "suggest", "reveal",
    "point",  # only with the particle "out" (checked in `is_speech_verb`)
    # characterising someone or something in words: "dismissed it as “…”", "dubbed it “…”"
    "dismiss", "label", "dub", "term", "characterize", "characterise", "deride", "hail", "brand",
    "brush",  # only with the particle "off"
    "refer",  # only as "referred to X as “…”"
    "put",  # only as "as X put it"
})
_PARTICLE_REQUIRED = {"point": "out", "brush": "off"}
# verbs that give someone's words for a thing: their quoted complement is speech, however short
CHARACTERISING_LEMMAS = frozenset({"describe", "call", "label", "dub", "term", "characterize", "characterise",
                                   "brand", "hail", "dismiss", "deride", "refer"})
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# Common nouns that speak for an institution: "China's foreign ministry", "a Kremlin spokesman"
_INSTITUTION_NOUNS = frozenset({
    "ministry", "government", "department", "office", "embassy", "agency", "administration",
    "council", "committee", "commission", "parliament", "cabinet", "presidency", "secretariat",
    "spokesman", "spokeswoman", "spokesperson", "mission", "delegation", "court", "bank",
})
_SPOKESPERSON_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson"})
SPEAKER_KINDS = frozenset({"PERSON", "ORG", "GPE", "FAC"})
PHRASE_MAX_WORDS = 5
CONTEXT_TOKENS = 40  # how far an attribution clause may reach from its quote
LEFT_GAP_WORDS = 4  # words allowed between a preceding cue and the opening mark
RIGHT_GAP_TOKENS = 14  # tokens allowed between the closing mark and a following cue
DESCRIPTION_REACH_TOKENS = 120  # how far back "the official" looks for "a senior official at …"
COLON_QUOTE_MIN_WORDS = 6  # a quote a person's clause introduces with a colon is speech from here

_DOUBLE_CURLY = re.compile(r"[“”«»]")
_DOUBLE_STRAIGHT = re.compile(r'"')
_SINGLE_CURLY = re.compile(r"[‘’]")
_OPENERS = "“«"
_CLOSE_FOLLOWERS = ".,;:!?)]}—–-’”…"
_OPEN_PRECEDERS = "([{—–-/:;,“‘"
_CLAUSE_ENDS = frozenset({".", "!", "?", ";", "…"})
_PRONOUNS = frozenset({"he", "she"})
_HONORIFICS = frozenset({"dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "prof.", "sir"})
_AFFILIATION_PREPS = ("at", "with", "from", "for", "of")  # in order of preference
_DETERMINERS = frozenset({"a", "an", "the"})
# titles by which news refers back to a person named before ("the minister said")
ROLE_NOUNS = frozenset({"minister", "president", "chancellor", "premier", "secretary", "senator",
                        "governor", "ambassador", "envoy", "chairman", "chairwoman", "chair", "king",
                        "queen", "prince", "spokesman", "spokeswoman", "spokesperson", "director",
                        "commissioner", "general", "admiral", "mayor", "leader", "executive"})
# nouns whose content a quote names rather than reports ("the slogan “The homeland is not for sale”")
# common nouns for a person who may speak unnamed ("one fisherman", "a senior official")
PERSON_NOUNS = frozenset({
    "official", "spokesman", "spokeswoman", "spokesperson", "analyst", "economist", "strategist",
    "trader", "banker", "investor", "diplomat", "source", "expert", "resident", "fisherman", "farmer",
    "worker", "executive", "lawmaker", "legislator", "activist", "protester", "witness", "person", "man",
    "woman", "driver", "owner", "manager", "director", "engineer", "scientist", "researcher", "officer",
    "soldier", "commander", "leader", "member", "insider", "observer", "critic", "broker", "dealer",
    "shopkeeper", "vendor", "teacher", "student", "doctor", "nurse", "mechanic", "pilot", "sailor", "captain",
})
LABEL_REACH = 7  # tokens before the opening mark where the label noun may stand
LABEL_NOUNS = frozenset({"slogan", "motto", "banner", "headline", "title", "hashtag", "sign", "chant", "placard",
                         "caption", "nickname", "catchphrase", "name", "label", "tagline", "byword"})
# nouns of speech whose content a quote can be ("a warning from Biden of “consequences”")
SPEECH_NOUNS = frozenset({"warning", "pledge", "promise", "threat", "statement", "remark", "comment",
                          "call", "appeal", "vow", "claim", "assurance", "description", "accusation"})
# what someone says things in: "Prigozhin's last speech called the war a “disgrace”" is his
MEDIUM_NOUNS = frozenset({"speech", "video", "address", "message", "letter", "post", "interview",
                          "broadcast", "recording", "tweet", "statement", "remarks", "article", "op-ed",
                          "essay", "audio", "clip", "podcast", "memoir", "book"})
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she"}
# clauses that hang off a noun: a quote below one belongs to that noun, not to a speech verb above
NOUN_MODIFIER_CLAUSES = frozenset({"acl", "relcl", "appos"})
_MODIFIER_DEPS = frozenset({
    "amod", "compound", "nmod", "prep", "acl", "relcl", "appos", "nummod", "advmod", "npadvmod",
})
_TITLE_DEPS = frozenset({"compound", "nmod", "amod", "poss", "pobj", "appos"})
_TITLE_ADJECTIVES = frozenset({"former", "chief", "senior", "deputy", "acting", "late", "top"})


@dataclass(frozen=True)
class MarkedSpan:
    """A quoted span: the opening mark, the inner text, the closing mark (None: open-ended)."""

    open: int
    start: int
    end: int
    close: int | None


# ---------------------------------------------------------------------------------------------
# 1. Pairing the marks


def find_quoted_spans(text: str) -> list[MarkedSpan]:
    """Quoted spans of a text, paired within paragraphs, nested ones dropped, in text order."""
    spans: list[MarkedSpan] = []
    for para_start, para_end, next_para_start in _paragraphs(text):
        found: list[MarkedSpan] = []
        found += _pair_curly_double(text, para_start, para_end, next_para_start)
        found += _pair_straight_double(text, para_start, para_end, _covered(found), next_para_start)
        found += _pair_curly_single(text, para_start, para_end, _covered(found))
        spans += _outermost(found)
    return [s for s in (_trim(text, s) for s in spans) if s is not None]


def _paragraphs(text: str) -> Iterable[tuple[int, int, int | None]]:
    start = 0
    length = len(text)
    while start < length:
        end = text.find("\n", start)
        if end < 0:
            end = length
        if text[start:end].strip():
            nxt = end + 1
            while nxt < length and text[nxt].isspace():
                nxt += 1
            yield start, end, (nxt if nxt < length else None)
        start = end + 1


def _first_visible(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _may_run_on(text: str, open_pos: int, para_start: int, next_para: int | None) -> bool:
    """An unclosed quote may end at its paragraph end only under the multi-paragraph convention:
    the next paragraph opens with a quotation mark (the same speaker goes on)."""
    return next_para is not None and text[next_para] in _OPENERS + '"'



def _pair_curly_double(text: str, start: int, end: int, next_para: int | None) -> list[MarkedSpan]:
    found = []
    open_pos = None
    for match in _DOUBLE_CURLY.finditer(text, start, end):
        i = match.start()
        if text[i] in _OPENERS:
            open_pos = i  # a second opener: the earlier one was unbalanced
        elif open_pos is not None:
            found.append(MarkedSpan(open_pos, open_pos + 1, i, i))
            open_pos = None
    if open_pos is not None and _may_run_on(text, open_pos, start, next_para):
        found.append(MarkedSpan(open_pos, open_pos + 1, end, None))
    return found


def _can_open(text: str, i: int, para_start: int) -> bool:
    before = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in _OPEN_PRECEDERS) and not after.isspace()


def _can_close(text: str, i: int, para_start: int) -> bool:
    before = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in _CLOSE_FOLLOWERS)


def _pair_straight_double(
    text: str, start: int, end: int, covered: list[tuple[int, int]], next_para: int | None = None
) -> list[MarkedSpan]:
    found = []
    open_pos = None
    for match in _DOUBLE_STRAIGHT.finditer(text, start, end):
        i = match.start()
        if _inside(covered, i):
            continue
        if open_pos is not None and _can_close(text, i, start):
            found.append(MarkedSpan(open_pos, open_pos + 1, i, i))
            open_pos = None
        elif _can_open(text, i, start):
            open_pos = i
    if open_pos is not None and _may_run_on(text, open_pos, start, next_para):
        found.append(MarkedSpan(open_pos, open_pos + 1, end, None))
    return found


def _pair_curly_single(
    text: str, start: int, end: int, covered: list[tuple[int, int]]
) -> list[MarkedSpan]:
    """‘…’ only when clearly a quote: ’ is mostly an apostrophe (haven’t, Khan’s, countries’)."""
    found = []
    open_pos = None
    fallback = None  # a plural-possessive-looking closer, used if nothing better comes
    for match in _SINGLE_CURLY.finditer(text, start, end):
        i = match.start()
        if _inside(covered, i):
            continue
        after = text[i + 1] if i + 1 < end else " "
        if text[i] == "‘":
            if _can_open(text, i, start) and after.isalnum():
                open_pos, fallback = i, None
            continue
        if open_pos is None or after.isalnum() or text[i - 1].isspace():
            continue
        if text[i - 1] in "sS" and after.isspace():
            fallback = fallback if fallback is not None else i
            continue
        found.append(MarkedSpan(open_pos, open_pos + 1, i, i))
        open_pos, fallback = None, None
    if open_pos is not None and fallback is not None:
        found.append(MarkedSpan(open_pos, open_pos + 1, fallback, fallback))
    return found


def _covered(spans: list[MarkedSpan]) -> list[tuple[int, int]]:
    return sorted((s.open, s.close if s.close is not None else s.end) for s in spans)


def _inside(covered: list[tuple[int, int]], i: int) -> bool:
    k = bisect_right(covered, (i, float("inf"))) - 1
    return k >= 0 and covered[k][0] <= i <= covered[k][1]


def _outermost(spans: list[MarkedSpan]) -> list[MarkedSpan]:
    """Drop spans nested in (or straddling) an earlier-starting span."""
    result: list[MarkedSpan] = []
    reach = -1
    for span in sorted(spans, key=lambda s: (s.open, -s.end)):
        if span.open <= reach:
            continue
        result.append(span)
        reach = span.close if span.close is not None else span.end
    return result


def _trim(text: str, span: MarkedSpan) -> MarkedSpan | None:
    """Inner text without surrounding spaces and trailing commas; None if no word inside."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return MarkedSpan(span.open, start, end, span.close)


# ---------------------------------------------------------------------------------------------
# 2. Speakers


def is_speech_verb(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in SPEECH_LEMMAS:
        return False
    lemma = token.lemma_.lower()
    if lemma == "call" and (token.dep_ in ("amod", "acl") or token.nbor(-1).lower_ in ("so", "-")
                            if token.i > 0 else token.dep_ in ("amod", "acl")):
        return False  # "the so-called “NOPEC” bill", "a group called “Wagner”": naming, not speech
    if lemma == "put":
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    if lemma == "refer":
        return any(c.dep_ == "prep" and c.lower_ == "as" for c in token.subtree)
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if lemma == "call" and objects and not any(c.dep_ in ("oprd", "xcomp", "ccomp", "attr") for c in token.children) \
            and not _quoted_name_after(objects[0]):
        return False  # "to call another stoppage", "called elections": convening, not speech
    particle = _PARTICLE_REQUIRED.get(lemma)
    if particle is not None:
        return any(c.dep_ == "prt" and c.lower_ == particle for c in token.children)
    return True


def _quoted_name_after(noun: Token) -> bool:
    """"called the release “extremely selfish …”" (however the parser hung the quote): a quote
    right after the object that is no clause of its own ("call a strike “if the decree stays”")."""
    doc = noun.doc
    i = noun.i + 1  # (not the right edge: the parser may have hung the quote's words on the noun)
    if i + 1 >= len(doc) or doc[i].text not in ('"', "“", "‘"):
        return False
    return doc[i + 1].lower_ not in _SUBORDINATORS


_SUBORDINATORS = frozenset({"if", "when", "unless", "because", "as", "until", "while", "once", "after", "before"})


def is_according_to(doc: Doc, i: int) -> bool:
    return doc[i].lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to"


@dataclass(frozen=True)
class Speaker:
    name: str
    mention: Mention | None
    head: Token


def _person_like(speaker: Speaker) -> bool:
    """A speaker "he" or "she" can stand for: a person, or a name NER took for an organisation
    that is written like a person's (title-case words, no acronym: "Wang", not "VDA")."""
    if speaker.mention is None or speaker.mention.kind == "PERSON":
        return True
    words = speaker.name.split()
    return speaker.mention.kind == "ORG" and len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words)


class SpeakerResolver:
    """Finds who speaks from a speech verb or "according to", using the mentions."""

    def __init__(self, parsed: ParsedDocument, mentions: list[Mention],
                 quoted: list[tuple[int, int]] = ()):
        self.parsed = parsed
        self.doc = parsed.doc
        self._quoted = sorted(quoted)
        self.speakers_so_far: list[Speaker] = []  # quote speakers in text order, as attributed
        self.unnamed: Token | None = None  # the last speaker noun that named nobody
        self._descriptions: list[tuple[str, str]] = []  # (head lemma, description) of unnamed speakers
        self._token_starts = [t.idx for t in self.doc]
        self._mention_at: dict[int, Mention] = {}
        self._mention_span: dict[str, Span] = {}
        for mention in mentions:
            span = self.doc.char_span(mention.evidence.start, mention.evidence.end,
                                      alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            self._mention_span[mention.id] = span
            for token in span:
                self._mention_at.setdefault(token.i, mention)
        self._full_names = _full_person_names(mentions)
        quoted = sorted(quoted)
        self._persons_outside_quotes = sorted(
            (m.evidence.start, m.id, m) for m in mentions
            if m.kind == "PERSON" and not _inside(quoted, m.evidence.start)
        )
        # "the minister", "the president" as a subject outside quotes: a person named earlier by
        # that title, which a later "he"/"she" may stand for
        self._role_references = sorted(
            token.idx for token in self.doc
            if token.lower_ in ROLE_NOUNS and token.dep_ in ("nsubj", "nsubjpass")
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
            and not _inside(quoted, token.idx)
        )
        self._by_name: dict[str, list[Mention]] = {}
        for mention in sorted(mentions, key=lambda m: (m.evidence.start, m.id)):
            if mention.kind == "PERSON":
                self._by_name.setdefault(self.name_of(mention), []).append(mention)
        self._roles: dict[str, tuple[str | None, str | None]] = {}

    # names --------------------------------------------------------------------------------

    def name_of(self, mention: Mention) -> str:
        if mention.local_name:
            return mention.local_name
        name = _strip_possessive(mention.name) or mention.name
        # ORG too: the small model often tags a lone surname ("Campbell stated") as ORG
        return self.full_name(name) if mention.kind in ("PERSON", "ORG") else name

    def full_name(self, name: str) -> str:
        """A one-word name → the longest PERSON name of the document containing it."""
        if " " in name:
            return name
        return self._full_names.get(name.lower(), name)

    def is_person(self, speaker: Speaker) -> bool:
        if speaker.mention is not None:
            return speaker.mention.kind == "PERSON"
        return speaker.name in self._full_names.values()

    def mention_at(self, token: Token) -> Mention | None:
        return self._mention_at.get(token.i)

    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self._token_starts, char) - 1)

    # speakers -----------------------------------------------------------------------------

    def from_verb(self, verb: Token) -> Speaker | None:
        """The subject of a speech verb, borrowed from the governing verb for "…, adding" (and for
        "…, calling it X and promising Y")."""
        deps = {c.dep_ for c in verb.children}
        if verb.tag_ == "VBN" and ("auxpass" in deps or verb.dep_ in ("acl", "dep", "advcl")
                                   and not deps & {"aux", "nsubj", "nsubjpass"}):
            # "often called NATO's “Achilles heel”", "was dubbed “…” by analysts": a passive
            # speaks through its agent or not at all, never through a name next to it
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            return self.from_noun(by) if by is not None else None
        chain = [verb]
        while len(chain) < 3 and chain[-1].dep_ in ("conj", "advcl", "xcomp") and chain[-1].head is not chain[-1]:
            chain.append(chain[-1].head)
        for candidate in chain:
            # a subject inside the quote is the parser taking the quoted clause's noun for the
            # verb's ("“The first ship … has left port,” the minister said")
            subjects = [c for c in candidate.children if c.dep_ in ("nsubj", "csubj")
                        and not _inside(self._quoted, c.idx)]
            if subjects:
                subject = subjects[0]
                if subject.lower_ in _RELATIVE_PRONOUNS and candidate.dep_ == "relcl":
                    subject = candidate.head  # "Blinken, who once dismissed it as …"
                return self.from_noun(subject)
            if candidate.dep_ not in ("conj", "advcl", "xcomp") or candidate.head is candidate:
                break
        return self._adjacent_mention(verb)

    def from_according(self, according: Token) -> Speaker | None:
        to = self.doc[according.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if objects:
            return self.from_noun(objects[0])
        for token in self.doc[to.i + 1: min(len(self.doc), to.i + 7)]:
            mention = self.mention_at(token)
            if mention is not None and mention.kind in SPEAKER_KINDS:
                return Speaker(self.name_of(mention), mention, token)
        return None

    def describe(self, noun: Token) -> str | None:
        """The words for an unnamed speaker; "the official" is the one described before ("a senior
        official at Japan's foreign ministry … “…,” the official said")."""
        lemma = noun.lemma_.lower()
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
        if definite and len(list(noun.children)) == 1:
            earlier = [d for head, d in self._descriptions if head == lemma]
            if earlier:
                return earlier[-1]
            introduced = [t for t in self.doc[max(0, noun.i - DESCRIPTION_REACH_TOKENS):noun.i]
                          if t.lemma_.lower() == lemma and any(c.dep_ == "det" and c.lower_ in ("a", "an", "one")
                                                               for c in t.children)]
            if introduced:  # "A senior official … said Tokyo had asked … “…,” the official said"
                return _description(introduced[-1])
        description = _description(noun)
        if description:
            self._descriptions.append((lemma, description))
        return description

    def from_noun(self, noun: Token) -> Speaker | None:
        """A subject/object noun as a speaker, coordinated speakers joined by " and "."""
        first = self._single(noun)
        if first is None:
            self.unnamed = noun if noun.pos_ == "NOUN" else None  # "a senior European diplomat"
            return None
        names = [first.name]
        for conj in noun.conjuncts:
            # "the ministry and the customs office" are joint speakers; "Ortiz, Brent could …"
            # is a misparse with no "and" between them
            if conj.i > noun.i and any(t.dep_ == "cc" for t in self.doc[noun.i:conj.i]):
                other = self._single(conj)
                if other is not None and other.name not in names:
                    names.append(other.name)
        return Speaker(" and ".join(names), first.mention, first.head)

    def _single(self, noun: Token) -> Speaker | None:
        mention = self.mention_at(noun)
        if mention is not None:
            if mention.kind in SPEAKER_KINDS:
                return Speaker(self.name_of(mention), mention, noun)
            return None
        if noun.lower_ in _PRONOUNS:  # the person was last referred to here, by the pronoun
            found = self._recent_person(noun)
            return None if found is None else Speaker(found.name, found.mention, noun)
        if noun.lower_ == "it":
            return self._recent_institution(noun)
        if noun.lemma_.lower() in MEDIUM_NOUNS:
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            if owner is not None:  # "his final video promised …", "Putin's address said"
                if owner.lower_ in _POSSESSIVE_PRONOUNS:
                    return self._recent_person(owner)
                return self._recent_institution(owner) if owner.lower_ == "its" else self._single(owner)
            source = next((o for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                           for o in c.children if o.dep_ == "pobj"), None)
            if source is not None:  # "according to a joint statement from the Treasury and the Fed"
                return self.from_noun(source)
        if noun.text[:1].isupper() and noun.lower_ in self._full_names:
            # a surname the tagger missed ("Guterres" tagged as a plural noun) of a person named before
            return Speaker(self._full_names[noun.lower_], None, noun)
        # ("the company said" is a mention of its own: the mentions stage resolves descriptions)
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
        if definite and noun.lower_ in ROLE_NOUNS and len(list(noun.children)) == 1:
            return self._titled_person(noun.idx)  # "the minister said": the minister named before
        for child in noun.children:  # "the economist Diana Choyleva", "a spokesman, Dmitry Peskov"
            if child.dep_ in ("appos", "compound") and child.i > noun.i:
                mention = self.mention_at(child)
                if mention is not None and mention.kind == "PERSON":
                    return Speaker(self.name_of(mention), mention, child)
        institution = self._institution(noun)
        if institution is not None:
            return institution
        if noun.pos_ == "PROPN" and noun.text[:1].isupper():
            first = noun.i
            while first > noun.left_edge.i and self.doc[first - 1].dep_ == "compound" \
                    and self.doc[first - 1].pos_ == "PROPN":
                first -= 1
            return Speaker(self.full_name(self.doc[first: noun.i + 1].text), None, noun)
        return None

    def _institution(self, noun: Token) -> Speaker | None:
        """"China's foreign ministry said": an institution named by a common noun and its
        country or organisation; the phrase itself is the speaker."""
        if noun.lemma_.lower() not in _INSTITUTION_NOUNS:
            return None
        if noun.lemma_.lower() in _SPOKESPERSON_NOUNS:  # "a spokesperson for the commerce ministry"
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at"):
                    for pobj in prep.children:
                        if pobj.dep_ != "pobj":
                            continue
                        mention = self.mention_at(pobj)
                        if mention is not None and mention.kind in ("ORG", "GPE", "NORP"):
                            return Speaker(self.name_of(mention), mention, pobj)
                        inner = self._institution(pobj)
                        if inner is not None:
                            return inner
            for owner in noun.children:  # "a Commission spokesperson", "the ministry's spokesman"
                mention = self.mention_at(owner) if owner.dep_ in ("compound", "poss", "nmod") else None
                if mention is not None and mention.kind in ("ORG", "GPE", "NORP"):
                    return Speaker(self.name_of(mention), mention, owner)
        words = [t for t in self.doc[noun.left_edge.i: noun.i + 1]]
        owners = [t for t in words if (m := self.mention_at(t)) is not None
                  and m.kind in ("GPE", "ORG", "NORP", "FAC")]
        portfolio = noun.lemma_.lower() not in _SPOKESPERSON_NOUNS and any(
            c.dep_ in ("compound", "amod") and c.i < noun.i and c.is_alpha for c in noun.children)
        if not owners and not portfolio:  # "the commerce ministry", "the foreign ministry" do name one
            return None
        while words and (words[0].lower_ in _DETERMINERS or words[0].is_punct):
            words = words[1:]
        name = _text(words)
        return Speaker(name, None, noun) if name else None

    def _recent_person(self, pronoun: Token) -> Speaker | None:
        """The person a "he"/"she" stands for: the nearer of the last person named outside quotes
        and the last quote's speaker ("“…,” Wang said. He added: “…”")."""
        k = bisect_right(self._persons_outside_quotes, (pronoun.idx,)) - 1
        named = None
        if k >= 0:
            named = self._subject_person(pronoun, k) or self._person_speaker(self._persons_outside_quotes[k][2], pronoun)
        earlier = [s for s in self.speakers_so_far if s.head.idx < pronoun.idx and _person_like(s)]
        if earlier and (named is None or earlier[-1].head.idx > named.head.idx
                        or self._salient_subject(earlier[-1], pronoun) and not self._salient_subject(named, pronoun)):
            named = earlier[-1]
        k = bisect_right(self._role_references, pronoun.idx - 1) - 1
        if k >= 0 and (named is None or self._role_references[k] > named.head.idx):
            titled = self._titled_person(self._role_references[k])
            if titled is not None:
                return titled  # "The minister has warned short sellers. Last month he told them …"
        return named

    def _salient_subject(self, speaker: Speaker, pronoun: Token) -> bool:
        """The speaker was the subject of this sentence or the one before ("“…,” he said on June
        27. At a meeting with Putin, he joked …": the "he" who said, not Putin)."""
        head = speaker.head
        return head.dep_ in ("nsubj", "nsubjpass") and \
            self.parsed.sentence_of(pronoun.idx) - self.parsed.sentence_of(head.idx) <= 1

    def _person_speaker(self, mention: Mention, fallback: Token) -> Speaker:
        span = self._mention_span.get(mention.id)
        return Speaker(self.name_of(mention), mention, span.root if span is not None else fallback)

    def _subject_person(self, pronoun: Token, k: int) -> Speaker | None:
        """"Prigozhin accused Shoigu and Gerasimov of lying. Hours later he claimed …": the person
        who was the subject of the sentence before (or of this one, before the pronoun) is the
        likelier "he" than a person named after that subject as an object."""
        here = self.parsed.sentence_of(pronoun.idx)
        for start, _, mention in reversed(self._persons_outside_quotes[:k + 1]):
            if here - self.parsed.sentence_of(start) > 1:
                return None
            span = self._mention_span.get(mention.id)
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.pos_ in ("VERB", "AUX"):
                return self._person_speaker(mention, pronoun) if start != self._persons_outside_quotes[k][0] else None
        return None

    def _recent_institution(self, pronoun: Token) -> Speaker | None:
        """"China's foreign ministry said: “…” It called the release “…”": "it" as a speaker is
        the last speaker that is no person, quoted in this sentence or the one before."""
        here = self.parsed.sentence_of(pronoun.idx)
        earlier = [s for s in self.speakers_so_far if s.head.idx < pronoun.idx]
        if not earlier or self.is_person(earlier[-1]) or here - self.parsed.sentence_of(earlier[-1].head.idx) > 1:
            return None
        return earlier[-1]

    def _titled_person(self, char: int) -> Speaker | None:
        """The person "the minister" at `char` refers to: the last one named before it whose
        title has that word."""
        token = self.doc[self.token_at(char)]
        for start, _, mention in reversed(self._persons_outside_quotes):
            if start < char and mention.role and token.lower_ in mention.role.lower().split():
                return Speaker(self.name_of(mention), mention, token)
        return None

    def _adjacent_mention(self, verb: Token) -> Speaker | None:
        """Inverted or unparsed attribution: a speaker mention right after or right before."""
        doc = self.doc
        window = list(range(verb.i + 1, min(len(doc), verb.i + 4))) + \
            list(range(verb.i - 1, max(-1, verb.i - 3), -1))
        for i in window:
            mention = self.mention_at(doc[i])
            if mention is not None and mention.kind in SPEAKER_KINDS:
                span = self._mention_span[mention.id]
                return Speaker(self.name_of(mention), mention, span.root)
        return None

    # roles --------------------------------------------------------------------------------

    def role_and_affiliation(self, speaker: Speaker) -> tuple[str | None, str | None]:
        mention = speaker.mention
        if mention is not None and mention.kind == "GPE":
            return None, None
        if mention is None:
            role, affiliation = _appositive(speaker.head)
        else:
            role, affiliation = self._local_role(mention)
        if role is None or affiliation is None:  # another mention of the same person may say
            other_role, other_affiliation = self._known_role(speaker.name)
            role = role or other_role
            affiliation = affiliation or other_affiliation
        return role, affiliation

    def _local_role(self, mention: Mention) -> tuple[str | None, str | None]:
        span = self._mention_span.get(mention.id)
        if span is None:
            return mention.role, None
        role, affiliation = _appositive(span.root)
        pre_role, pre_affiliation = _title_before(span)
        return (role or mention.role or pre_role), (affiliation or pre_affiliation)

    def _known_role(self, name: str) -> tuple[str | None, str | None]:
        if name not in self._roles:
            role = affiliation = None
            for mention in self._by_name.get(name, []):
                r, a = self._local_role(mention)
                role, affiliation = role or r, affiliation or a
                if role and affiliation:
                    break
            self._roles[name] = (role, affiliation)
        return self._roles[name]


def _full_person_names(mentions: list[Mention]) -> dict[str, str]:
    """Word → the longest PERSON name containing it ("Blinken" → "Antony Blinken", "Xi" → "Xi
    Jinping"); only used for one-word names, when the mentions carry no local_name."""
    best: dict[str, str] = {}
    for mention in sorted(mentions, key=lambda m: (m.evidence.start, m.id)):
        if mention.kind != "PERSON":
            continue
        name = _strip_possessive(mention.local_name or mention.name) or mention.name
        for word in name.split():
            key = word.lower()
            if len(name) > len(best.get(key, "")):
                best[key] = name
    return best


def _appositive(head: Token) -> tuple[str | None, str | None]:
    """", a chief economist at Enodo Economics" → ("chief economist", "Enodo Economics")."""
    for child in head.children:
        if child.dep_ != "appos" or child.i < head.i:
            continue
        tokens = []
        for token in child.subtree:
            if token.i > child.i and (token.is_punct and token.text != "’s" or
                                      token.dep_ in ("relcl", "acl")):
                break
            tokens.append(token)
        return _split_title(tokens)
    return None, None


def _title_before(span: Span) -> tuple[str | None, str | None]:
    """Title words before the name: "U.S. Secretary of State", "Yale Law School’s"."""
    head = span.root
    doc = span.doc
    start = span.start
    while start > head.left_edge.i and _title_word(doc[start - 1]):
        start -= 1
    tokens = [t for t in doc[start: span.start] if t.lower_ not in _HONORIFICS]
    if not tokens:
        return None, None
    for k, token in enumerate(tokens):  # possessive: affiliation's person
        if token.dep_ == "case" or token.text in ("’s", "'s"):
            return _text(tokens[k + 1:]), _strip_possessive(_text(tokens[:k + 1]))
    lead = 0
    while lead < len(tokens) and tokens[lead].ent_type_ in ("GPE", "NORP", "ORG") \
            and tokens[lead].ent_iob_ in ("B", "I") and tokens[lead].text[:1].isupper() \
            and tokens[lead].ent_type_ == tokens[0].ent_type_ and tokens[lead].pos_ != "NOUN":
        lead += 1
        if lead < len(tokens) and tokens[lead].ent_iob_ == "B":
            break
    if 0 < lead < len(tokens):
        return _text(tokens[lead:]), _text(tokens[:lead])
    return _text(tokens), None


def _title_word(token: Token) -> bool:
    """Words of a title or an affiliation before a name: "Deputy Secretary of State", "U.S.",
    "Yale Law School’s", "chief economist"; not "how hard" or a determiner."""
    if token.dep_ == "case" or token.lower_ == "of":
        return True
    if token.dep_ not in _TITLE_DEPS:
        return False
    if token.pos_ == "ADJ":
        return token.text[:1].isupper() or token.lower_ in _TITLE_ADJECTIVES
    return token.pos_ in ("PROPN", "NOUN")


def _split_title(tokens: list[Token]) -> tuple[str | None, str | None]:
    while tokens and (tokens[0].lower_ in _DETERMINERS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return None, None
    for k, token in enumerate(tokens[:-1]):  # "China’s foreign minister"
        if k > 0 and token.dep_ == "case" and all(t.ent_type_ for t in tokens[:k]):
            return _text(tokens[k + 1:]), _strip_possessive(_text(tokens[:k + 1]))
    candidates = sorted(
        (_AFFILIATION_PREPS.index(t.lower_), k) for k, t in enumerate(tokens)
        if k > 0 and t.lower_ in _AFFILIATION_PREPS
    )
    for _, k in candidates:  # "… at ORG" before "… of ORG"; leftmost first
        rest = tokens[k + 1:]
        while rest and rest[0].lower_ in _DETERMINERS:
            rest = rest[1:]
        names = [t for t in rest if t.text[:1].isupper() or t.ent_type_]
        enough = len(rest) >= 2 if tokens[k].lower_ == "of" else len(rest) >= 1
        if rest and enough and rest[0].text[:1].isupper() and len(names) >= len(rest) - 1:
            return _text(tokens[:k]), _strip_possessive(_text(rest))
    return _text(tokens), None


def _text(tokens: list[Token]) -> str | None:
    if not tokens:
        return None
    doc = tokens[0].doc
    text = doc[tokens[0].i: tokens[-1].i + 1].text.strip()  # (Doc.text rebuilds the whole text)
    return text or None


def _strip_possessive(text: str | None) -> str | None:
    if text is None:
        return None
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            return text[: -len(suffix)].strip() or None
    return text


# ---------------------------------------------------------------------------------------------
# 3. Attribution of each quoted span


@dataclass
class _Found:
    span: MarkedSpan
    inner: range  # token indices of the quoted words
    words: int
    last_char: str  # the last visible character inside the marks (before any trimmed comma)
    left: list[int] = field(default_factory=list)  # attribution window before the opening mark
    right: list[int] = field(default_factory=list)  # attribution window after the closing mark
    standalone: bool = False  # no words next to it in its sentence: a quoted sentence
    speaker: Speaker | None = None
    cue: str | None = None
    frame: bool = False  # "“…,” somebody said": speech even without a known speaker
    modifier: bool = False  # the quoted words only modify a noun outside the quote
    reported: bool = False  # inside the clause a speech verb reports ("said X was “…”")
    description: str | None = None  # an unnamed speaker as the text describes them
    label: bool = False  # the content of a slogan, headline or name ("the slogan “…”")
    characterised: bool = False  # the words a speaker characterises something with ("called it “…”")


def _description(noun: Token, limit: int = 12) -> str | None:
    """"a senior European diplomat", "one freight forwarder": the words that describe an
    unnamed speaker (the noun and its modifiers, up to `limit` words)."""
    words = [t for t in noun.subtree if not t.is_punct and not _under_clause(t, noun)][:limit]
    return "".join(t.text_with_ws for t in words).strip() or None  # "Japan's", not "Japan 's"


def _under_clause(token: Token, noun: Token) -> bool:
    """Below an apposition or a coordination on the noun ("a fisherman, 54,", "X and Y"): not its
    description (a relative clause is: "who asked not to be named", "we reached in Fukushima")."""
    while token.i != noun.i:
        if token.dep_ in ("appos", "conj", "cc"):
            return True
        token = token.head
    return False


def _reporting_verb(verb: Token) -> Token:
    """The speech verb that reports the clause a nearer one sits in: "Kishida told reporters that
    Japan would go on explaining the plan “with …”" is Kishida's telling, not Japan's explaining."""
    current = verb
    for _ in range(4):
        if current.head.i == current.i or current.dep_ != "ccomp" and (
                current.dep_ not in ("xcomp", "advcl") or any(c.dep_ in ("nsubj", "nsubjpass") for c in current.children)):
            break  # (an adverbial clause with a subject of its own tells its own act: "when X called it …")
        current = current.head
        if is_speech_verb(current):
            return current
    return verb


def _has_words(tokens: Iterable[Token]) -> bool:
    return any(not t.is_punct and not t.is_space for t in tokens)


class _Attributor:
    def __init__(self, parsed: ParsedDocument, mentions: list[Mention], spans: list[MarkedSpan]):
        self.parsed = parsed
        self.doc = parsed.doc
        self.text = parsed.document.text
        quoted = [(s.open, s.close if s.close is not None else s.end) for s in spans]
        self.resolver = SpeakerResolver(parsed, mentions, quoted)
        self.owner = [-1] * len(self.doc)  # token → index of the quote it belongs to
        self.found = [self._locate(k, s) for k, s in enumerate(spans)]

    def _locate(self, k: int, span: MarkedSpan) -> _Found:
        at = self.resolver.token_at
        open_tok = at(span.open)
        first, last = at(span.start), at(span.end - 1)
        close_tok = at(span.close) if span.close is not None else last
        for i in range(open_tok, close_tok + 1):
            self.owner[i] = k
        words = sum(1 for t in self.doc[first: last + 1] if not t.is_punct and not t.is_space)
        return _Found(span, range(first, last + 1), words, self._last_inner_char(span))

    def _last_inner_char(self, span: MarkedSpan) -> str:
        i = (span.close if span.close is not None else span.end) - 1
        while i > span.start and self.text[i].isspace():
            i -= 1
        return self.text[i]

    def run(self) -> list[_Found]:
        doc = self.doc
        for k, found in enumerate(self.found):
            open_tok = self.resolver.token_at(found.span.open)
            close_tok = self.resolver.token_at(found.span.close) if found.span.close is not None \
                else found.inner[-1]
            found.left = self._window(open_tok - 1, -1, k)
            found.right = [] if self._closes_sentence(found) else self._window(close_tok + 1, 1, k)
            found.standalone = not _has_words(doc[i] for i in found.left + found.right)
            found.modifier = self._modifies_outside(found)
            found.label = self._named_label(found)
        for k, found in enumerate(self.found):
            self._attribute(k, found)
            # "…, in two words: “Total failure.”": a quoted sentence a colon introduces is speech
            found.frame = found.frame or (found.speaker is not None and self._after_colon(found)
                                          and found.last_char in ".!?" and self.text[found.span.start].isupper())
        return self.found

    def _after_colon(self, found: _Found) -> bool:
        return bool(found.left) and self.doc[found.left[-1]].text == ":"

    def _window(self, i: int, step: int, k: int) -> list[int]:
        """Tokens of the clause next to a quote, up to a clause end, a line break or a quote."""
        out = []
        doc = self.doc
        while 0 <= i < len(doc) and len(out) < CONTEXT_TOKENS:
            token = doc[i]
            if self.owner[i] not in (-1, k) or token.text in _CLAUSE_ENDS or \
                    (token.is_space and "\n" in token.text):
                break
            out.append(i)
            i += step
        return sorted(out)

    def _modifies_outside(self, found: _Found) -> bool:
        """The quote's head only modifies something outside it ("a “no limits” partnership",
        "declared a friendship “without bounds”"): a label, not a complement of the cue."""
        for i in found.inner:
            token = self.doc[i]
            if token.is_punct or token.head.i in found.inner:
                continue
            return token.dep_ in _MODIFIER_DEPS
        return False

    def _named_label(self, found: _Found) -> bool:
        """"carried the slogan …, “The homeland is not for sale”", "a hashtag, “#NoToWar”": words
        given as the content of a slogan, headline or name are a label, however long."""
        for i in reversed(found.left[-LABEL_REACH:]):  # (the parse often hangs the frame on the quote)
            token = self.doc[i]
            if token.lemma_.lower() in LABEL_NOUNS and token.pos_ == "NOUN" or \
                    token.tag_ == "VBN" and token.lemma_.lower() in ("title", "entitle", "headline", "caption"):
                return True  # "the slogan …", "a decree titled …"
            if token.pos_ in ("VERB", "AUX") and token.tag_ != "VBN" or is_speech_verb(token):
                return False
        return False

    def _closes_sentence(self, found: _Found) -> bool:
        """A quote ending in a period ends its sentence; after ?/! only a lowercase cue follows."""
        last = found.last_char
        if found.span.close is None:
            return True
        if last == ".":
            return True
        if last in "?!":
            after = self.text[found.span.close + 1: found.span.close + 40].lstrip()
            return not after[:1].islower() and not self._cue_soon(found.span.close)
        return False

    def _cue_soon(self, close: int) -> bool:
        start = self.resolver.token_at(close) + 1
        return any(is_speech_verb(t) for t in self.doc[start: start + 5])

    def _attribute(self, k: int, found: _Found) -> None:
        attempts = (
            lambda: self._after(found, loose=False), lambda: self._before(found, loose=False),
            lambda: self._after(found, loose=True), lambda: self._before(found, loose=True),
            lambda: self._colon(found), lambda: self._possessor(found), lambda: self._speech_noun(found),
        )
        for attempt in attempts:
            self.resolver.unnamed = None
            result = attempt()
            if result is not None:
                found.speaker, found.cue = result
                if found.speaker is None and self.resolver.unnamed is not None:
                    found.description = self.resolver.describe(self.resolver.unnamed)
                found.characterised = any(self.doc[i].text == found.cue and self.doc[i].lemma_.lower()
                                          in CHARACTERISING_LEMMAS for i in found.left + found.right)
                self._remember(found.speaker)
                return
        if _has_words(self.doc[i] for i in found.left) and not self._resumes_after_attribution(k, found):
            return
        result = self._continuation(k, found) or self._neighbour_sentence(found)
        if result is not None:
            found.speaker, found.cue = result
            self._remember(found.speaker)

    def _possessor(self, found: _Found) -> tuple[Speaker | None, str] | None:
        """"Raimondo's famous “small yard, high fence”": words a person is said to own are theirs."""
        for i in found.inner:
            for child in self.doc[i].children:
                if child.dep_ == "poss" and child.i not in found.inner:
                    mention = self.resolver.mention_at(child)
                    if mention is not None and mention.kind == "PERSON":
                        return Speaker(self.resolver.name_of(mention), mention, child), "'s"
        return None

    def _speech_noun(self, found: _Found) -> tuple[Speaker | None, str] | None:
        """"a warning from President Joe Biden of “consequences”", "Biden's pledge of “no more
        wars”": the speaker of a noun of speech the quote is the content of."""
        inner = set(found.inner)
        roots = [self.doc[i] for i in found.inner if self.doc[i].head.i not in inner]
        for token in roots:
            noun = token.head
            for _ in range(5):  # quote → of → warning, or quote → of → Biden → from → warning
                if noun.lemma_.lower() in SPEECH_NOUNS and noun.i not in inner:
                    break
                if noun.head.i == noun.i or noun.pos_ in ("VERB", "AUX"):
                    noun = None
                    break
                noun = noun.head
            else:
                noun = None
            if noun is None:
                continue
            for child in noun.children:
                target = child
                if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                    target = next((c for c in child.children if c.dep_ == "pobj"), None)
                elif child.dep_ != "poss":
                    continue
                mention = self.resolver.mention_at(target) if target is not None else None
                if mention is not None and mention.kind in SPEAKER_KINDS:
                    return Speaker(self.resolver.name_of(mention), mention, target), noun.text
        return None

    def _remember(self, speaker: Speaker | None) -> None:
        if speaker is not None and speaker.head is not None:
            self.resolver.speakers_so_far.append(speaker)

    def _after(self, found: _Found, loose: bool) -> tuple[Speaker | None, str] | None:
        """The first cue after the closing mark: it must govern the quote (strict), or follow it
        closely in a "“…,” X said" frame (loose)."""
        doc = self.doc
        for n, i in enumerate(found.right):
            token = doc[i]
            if is_according_to(doc, i):
                # "“The situation is deteriorating,” according to a diplomat": speech, whoever spoke
                found.frame = found.frame or (n == 0 and found.last_char in ",!?—–")
                return self.resolver.from_according(token), "according to"
            if not is_speech_verb(token):
                continue
            gap = doc[found.right[0]: i]
            # "“a false pretext”, and Biden called the move …": a new clause, not the attribution
            adjacent = n <= RIGHT_GAP_TOKENS and not any(t.pos_ == "VERB" or t.dep_ == "cc" for t in gap)
            framed = found.last_char in ",!?—–" or (len(gap) > 0 and gap[0].text == ",")
            found.frame = adjacent and framed
            if self._governs(token, found) or (loose and found.frame):
                return self.resolver.from_verb(token), token.text
            return None
        return None

    def _before(self, found: _Found, loose: bool) -> tuple[Speaker | None, str] | None:
        """The nearest cue before the opening mark: it must govern the quote (strict), or stand a
        few words before it (loose: "X told reporters: “…”")."""
        doc = self.doc
        for i in reversed(found.left):
            token = doc[i]
            if is_according_to(doc, i):
                speaker = self.resolver.from_according(token)
                if speaker is not None and speaker.head.right_edge.i + 2 >= found.left[-1]:
                    return speaker, "according to"
                continue
            if not is_speech_verb(token):
                continue
            gap = doc[i + 1: found.left[-1] + 1]
            words = [t for t in gap if not t.is_punct]
            near = len(words) <= LEFT_GAP_WORDS and not any(t.pos_ == "VERB" for t in gap)
            found.frame = not words  # "X said: “…”", "…,” she added, “…”"
            if self._governs(token, found) or (loose and near) or self._as_frame(token, found):
                token = _reporting_verb(token)
                return self.resolver.from_verb(token), token.text
            return None
        return None

    def _as_frame(self, cue: Token, found: _Found) -> bool:
        """"As Erdogan put it, the agreement was “a beacon of hope”": an "as X said" clause
        attributes the clause it hangs from, quote and all."""
        if cue.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
            return False
        return any(cue.head in self.doc[i].ancestors or self.doc[i] == cue.head for i in found.inner)

    def _colon(self, found: _Found) -> tuple[Speaker | None, str] | None:
        """X: “…” — a speaker's name right before a colon; or a sentence-long quote after a colon
        that ends a clause whose subject is a person ("Guterres greeted the signing warmly: “…”")."""
        if len(found.left) < 2 or not self._after_colon(found):
            return None
        mention = self.resolver.mention_at(self.doc[found.left[-2]])
        if mention is not None and mention.kind in SPEAKER_KINDS:
            return Speaker(self.resolver.name_of(mention), mention, self.doc[found.left[-2]]), ":"
        # a sentence: long, or closed by its own full stop ("in two words: “Total failure.”")
        sentence_like = found.words >= COLON_QUOTE_MIN_WORDS or found.last_char in ".!?"
        if not sentence_like or not self.text[found.span.start].isupper():
            return None
        # the clause's verb, however the parser hung it on the quote (often as its ccomp); "X was
        # even blunter: “…”" has a copula
        subjects = [c for i in found.left if self.doc[i].pos_ in ("VERB", "AUX")
                    for c in self.doc[i].children if c.dep_ == "nsubj" and c.i in found.left]
        speaker = self.resolver.from_noun(subjects[-1]) if subjects else None
        if speaker is None and subjects and subjects[-1].lemma_.lower() in PERSON_NOUNS:
            return None, ":"  # "One fisherman we reached didn't mince words: “…”" (described)
        if speaker is None or not self.resolver.is_person(speaker):
            return None
        return speaker, ":"

    def _governs(self, cue: Token, found: _Found) -> bool:
        """The cue governs the quote's head through clauses and complements, not through a noun's
        modifier ("said …, a pledge meant to put a “floor” under prices" does not quote "floor").
        A quote inside the clause the cue reports ("said the decision reflected “purely economic”
        considerations") is marked `reported`: its words are the speaker's even as a modifier."""
        for i in found.inner:
            token = self.doc[i]
            if token.head.i not in found.inner and token.head.i != token.i or token.dep_ == "ROOT":
                if token.i == cue.i or not (token.head.i == cue.i or cue in token.ancestors):
                    continue
                path = [token]
                while path[-1].head.i != cue.i:
                    path.append(path[-1].head)
                if any(t.dep_ in NOUN_MODIFIER_CLAUSES for t in path[1:]):
                    return False
                found.reported = any(t.dep_ == "ccomp" for t in path)
                return True
        return False

    def _resumes_after_attribution(self, k: int, found: _Found) -> bool:
        """“Getting to single digits,” said Okafor, chief economist at a bank, “was the easy
        part.”: the words before the mark are the previous quote's attribution, nothing else."""
        if k == 0 or not found.left:
            return False
        previous = self.found[k - 1]
        return previous.last_char == "," and self.doc[found.left[-1]].text == "," \
            and set(found.left) <= set(previous.right)

    def _continuation(self, k: int, found: _Found) -> tuple[Speaker | None, str] | None:
        """“A,” X said. “B.” — B continues A when only A's attribution clause lies between."""
        if k == 0:
            return None
        previous = self.found[k - 1]
        if previous.speaker is None and not previous.frame:
            return None
        reach = previous.right[-1] if previous.right else \
            self.resolver.token_at(previous.span.close if previous.span.close is not None
                                   else previous.span.end)
        open_tok = self.resolver.token_at(found.span.open)
        between = self.doc[reach + 1: open_tok]
        if any(not (t.is_punct or t.is_space) for t in between):
            return None
        found.frame = found.frame or previous.frame or previous.speaker is not None
        found.description = found.description or previous.description  # "“…,” said a fisherman. “…”"
        return previous.speaker, previous.cue or "continues"

    def _neighbour_sentence(self, found: _Found) -> tuple[Speaker, str] | None:
        """A quote standing alone as a sentence: a speech verb in the sentence before or after."""
        if not found.standalone:
            return None
        parsed = self.parsed
        first = parsed.sentence_of(found.span.open)
        last = parsed.sentence_of(max(found.span.open, found.span.end - 1))
        for index in (first - 1, last + 1):
            if not 0 <= index < len(parsed.sentences):
                continue
            sentence = parsed.sentences[index]
            span = self.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is None:
                continue
            if index > last and any(self.owner[t.i] != -1 for t in span):
                continue  # the next sentence has quotes of its own
            verbs = [t for t in span if self.owner[t.i] == -1 and is_speech_verb(t)]
            for verb in (reversed(verbs) if index < first else verbs):
                speaker = self.resolver.from_verb(verb)
                if speaker is not None:
                    return speaker, verb.text
        return None


def extract_quotes(parsed: ParsedDocument, mentions: list[Mention]) -> tuple[list[Quote], list[Phrase]]:
    text = parsed.document.text
    spans = find_quoted_spans(text)
    if not spans:
        return [], []
    attributor = _Attributor(parsed, mentions, spans)
    doc_id = parsed.document.id
    quotes: list[Quote] = []
    phrases: list[Phrase] = []
    for found in attributor.run():
        start, end = found.span.start, found.span.end
        if _is_speech(found):
            if text[start].islower() and text[end - 1] == ".":  # a partial quote: drop the period
                end -= 1
            evidence = parsed.evidence(start, end)
            role = affiliation = None
            if found.speaker is not None:
                role, affiliation = attributor.resolver.role_and_affiliation(found.speaker)
            quotes.append(Quote(
                id=stable_id("quo", doc_id, start, end),
                evidence=evidence,
                text=evidence.text,
                speaker=found.speaker.name if found.speaker is not None else None,
                speaker_role=role,
                speaker_affiliation=affiliation,
                cue=found.cue if found.speaker is not None or found.frame else None,
                speaker_description=found.description if found.speaker is None else None,
            ))
        else:
            while end > start and text[end - 1] in ".,;:!?":
                end -= 1
            evidence = parsed.evidence(start, end)
            phrases.append(Phrase(stable_id("phr", doc_id, start, end), evidence, evidence.text))
    return quotes, phrases


def _is_speech(found: _Found) -> bool:
    if found.label and found.speaker is None:
        return False
    if found.words > PHRASE_MAX_WORDS or found.standalone or found.frame:
        return True
    if found.characterised and found.speaker is not None:
        return True  # "has described the ban as “legitimate, reasonable and necessary”"
    return found.speaker is not None and found.cue is not None and (not found.modifier or found.reported)
