"""Reference time: the date a reader carries into a clause that names none.

News prose dates a sentence once and lets the next ones inherit it ("The decisive moment came on
February 4, 2022. Meeting in Beijing, Putin and Xi issued a joint statement"), and reports a state
of affairs in the present tense as of the day it is published ("about half of Russia's crude
exports now go to China"). This follows Reichenbach's reference time as TimeML/TempEval use it to
anchor events: the tense of the clause decides where its time comes from.

- past (simple, progressive, past perfect): the narrative time, i.e. the date of the nearest earlier
  sentence that has one, within the paragraph (and, where the caller allows, the one before);
- present (simple or progressive, or "now", "currently", "at present"): the publication date;
- present perfect: like the past ("China has imported energy worth $129 billion" continues the
  narrative), except a running total ("have now met more than 40 times", "so far", "since"): none;
- "would" (the future of a past narrative: "BYD would face a 17.4% rate") reads as the past;
  other futures and modals ("will", "may", "could"): no single time, none;
- a present tense under "if", "once", "until" is a condition, not a state of affairs: none.

This module is the one tense reader: times.py asks it which year a month without one falls in
("in December" ahead, behind or this year), figures and events which reference time applies.

Extractors decide what counts as a dated sentence (an earlier figure's period, an earlier event's
date, a time expression that is not a comparison base); this module only walks the text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from ..nlp import ParsedDocument
from ..records import TimeExpression

PRESENT_MARKERS = re.compile(r"\b(?:now|currently|at present|presently|nowadays|these days|today)\b", re.I)
# a perfect with one of these is a running total up to now, not an event of the narrative
CUMULATIVE_MARKERS = re.compile(r"\b(?:now|so far|to date|since|already|ever|yet|until now|in all)\b", re.I)
# a present tense under one of these is a condition, not a state of affairs ("once prices fall to $70")
CONDITION_MARKS = {"if", "once", "unless", "until", "when", "whenever", "should"}
OPEN_CONDITION_MARKS = {"if", "unless"}
POSSIBILITY_AUXILIARIES = {"could", "can", "ca", "may", "might"}
# "keep the cut until December", "extend cuts to year-end": where something ends, not when it is
END_PREPOSITIONS = frozenset({"until", "till", "through", "thru", "to"})
FINITE_PAST = {"VBD"}
FINITE_PRESENT = {"VBZ", "VBP"}
FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo", "must", "should", "may", "might"}
MODAL_AUXILIARIES = {"could", "can", "ca"}  # possibility: no time of its own
CONDITIONAL_AUXILIARIES = {"would", "'d"}
# "is expected to travel in October", "plans to cut": the infinitive lies ahead
PLAN_VERBS = {"expect", "plan", "schedule", "set", "due", "intend", "aim", "hope", "prepare", "going"}
# links through which a non-finite verb takes its tense from the verb above it
NONFINITE_LINKS = {"xcomp", "conj", "advcl", "ccomp", "acl", "pcomp"}
# a word below one of these belongs to a description of a noun, not to the clause's verb
NOUN_DESCRIPTIONS = {"appos", "relcl", "acl"}
# a date after these is a base of comparison, not the clause's time ("up from 10 million in May")
BASE_WORDS = {"from", "since"}


PUBLISHED_PREFIX = "published "  # the text of a reference time taken from the publication date


@dataclass(frozen=True)
class ReferenceTime:
    value: str | None  # None: the sentence is dated by something that is no date ("before the war")
    precision: str
    text: str  # the time expression the value comes from, or "published YYYY-MM-DD"


def tense(verb: Token | None) -> str:
    """past | present | perfect | future | modal | conditional | unknown, from the verb's tag and
    its auxiliaries; a participle or infinitive takes the tense of the verb it depends on.

    "conditional" is "would", the future of a past narrative ("BYD would face a 17.4% rate"), or
    a hypothetical; "modal" is "could"/"can". Callers decide what those mean for them."""
    for _ in range(4):
        if verb is None:
            return "unknown"
        auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        lemmas = {a.lower_ for a in auxiliaries}
        if lemmas & CONDITIONAL_AUXILIARIES:
            return "conditional"
        if lemmas & FUTURE_AUXILIARIES:
            return "future"
        if lemmas & MODAL_AUXILIARIES:
            return "modal"
        has = [a for a in auxiliaries if a.lemma_.lower() == "have"]
        if has and verb.tag_ == "VBN":
            return "past" if any(a.tag_ == "VBD" for a in has) else "perfect"
        tags = {verb.tag_} | {a.tag_ for a in auxiliaries}
        if tags & FINITE_PAST:
            return "past"
        if tags & FINITE_PRESENT:
            return "present"
        if verb.tag_ == "VBN" and not auxiliaries and verb.dep_ in ("acl", "advcl"):
            return "past"  # "the probe, opened in October,", "launched in 2014, the route…"
        if verb.dep_ == "xcomp" and (verb.head.lemma_.lower() in PLAN_VERBS or verb.head.lower_ in PLAN_VERBS):
            # "is set to leave": the future; "was set to leave on March 10": a future seen from the
            # past, like "would"
            planned = verb.head
            past = {planned.tag_} | {a.tag_ for a in planned.children if a.dep_ in ("aux", "auxpass")}
            return "conditional" if "VBD" in past else "future"
        if verb.dep_ not in NONFINITE_LINKS or verb.head.i == verb.i:
            return "unknown"
        verb = verb.head
    return "unknown"


def clause_verb(token: Token | None) -> Token | None:
    """The verb of the clause a word belongs to, up through nouns and prepositions ("cut output by
    1 million barrels a day in July" → cut); None when the word describes a noun ("…, its lowest
    level in years") or is a base of comparison ("up from 10 million in May")."""
    for _ in range(6):
        if token is None:
            return None
        if token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT":
            return token
        if token.lower_ in BASE_WORDS or token.dep_ in NOUN_DESCRIPTIONS:
            return None
        token = token.head if token.head.i != token.i else None
    return None


def comparison_base_verb(token: Token | None) -> Token | None:
    """The verb a base of comparison belongs to ("fell from $90 in June" → fell), None when the
    word is not under one."""
    under_base = False
    for _ in range(8):
        if token is None:
            return None
        if under_base and (token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT"):
            return token
        under_base = under_base or token.lower_ in BASE_WORDS
        token = token.head if token.head.i != token.i else None
    return None


def publication_time(parsed: ParsedDocument, precision: str = "year") -> ReferenceTime | None:
    published = parsed.document.published
    if not published or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        return None
    value = {"year": published[:4], "month": published[:7]}.get(precision, published)
    return ReferenceTime(value, precision, f"{PUBLISHED_PREFIX}{published}")


class NarrativeTime:
    """Walks back from a sentence to the nearest earlier one that is dated."""

    def __init__(self, parsed: ParsedDocument, paragraphs_back: int = 0, sentences_back: int = 4):
        self.parsed = parsed
        self.paragraphs_back = paragraphs_back
        self.sentences_back = sentences_back
        text, sentences = parsed.document.text, parsed.sentences
        # paragraph number of each sentence: a line break between two sentences starts a new one
        self.paragraph = [0] * len(sentences)
        for i in range(1, len(sentences)):
            gap = text[sentences[i - 1].end:sentences[i].start]
            self.paragraph[i] = self.paragraph[i - 1] + ("\n" in gap)

    def before(self, index: int, dates_of: Callable[[int], list[ReferenceTime]],
               default: ReferenceTime | None = None) -> ReferenceTime | None:
        """The date of the nearest earlier sentence `dates_of` finds dated, when that sentence
        names exactly one distinct date; None when it names several (the reader cannot tell) or
        is dated by a phrase that is no date ("before the annexation"); `default` (the lede's
        day) when no sentence within reach is dated at all."""
        if not 0 < index < len(self.paragraph):
            return default if index > 0 else None
        first_paragraph = self.paragraph[index] - self.paragraphs_back
        for earlier in range(index - 1, max(-1, index - 1 - self.sentences_back), -1):
            if self.paragraph[earlier] < first_paragraph:
                return default
            dates = dates_of(earlier)
            if not dates:
                continue
            values = {d.value for d in dates}
            return dates[-1] if len(values) == 1 and None not in values else None
        return default


LEDE_SENTENCES = 2  # the lede: a news story's first sentences (a plain-text headline counts)
LEDE_MAX_DAYS = 7  # the lede's day is the story's news only when it is days before publication


def lede_time(parsed: ParsedDocument, times: list[TimeExpression]) -> ReferenceTime | None:
    """The day a news story's lede dates ("OPEC+ agreed on Wednesday to cut…"): what a past-tense
    clause further down falls back on when no sentence near it is dated ("Brent settled at $93.37,
    up 1.7% on the day"). Only a day within a week before publication: a feature that opens with
    history ("In 2014, …") has no news day."""
    published = parsed.document.published
    if not published or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        return None
    day = dt.date.fromisoformat(published)
    for time in sorted(times, key=lambda t: (t.evidence.start, t.evidence.end)):
        if time.evidence.sentence >= LEDE_SENTENCES:
            break
        if time.precision == "day" and not time.end and time.value and \
                re.fullmatch(r"\d{4}-\d{2}-\d{2}", time.value):
            if is_news_day(dt.date.fromisoformat(time.value), day):
                return ReferenceTime(time.value, "day", time.evidence.text)
    return None


def is_news_day(day: dt.date, published: dt.date) -> bool:
    """A day a story's lede may report as its news: within LEDE_MAX_DAYS before publication."""
    return 0 <= (published - day).days <= LEDE_MAX_DAYS


def states_present(sentence_text: str) -> bool:
    return bool(PRESENT_MARKERS.search(sentence_text))


def narrative_tense(verb: Token | None, sentence_text: str) -> str:
    """The tense that decides the reference time: "narrative" (past, or a perfect that is not a
    running total), "present", "prospective" (a plan, forecast or condition: "will cut", "could
    retest $100", "once prices fall to $70"), or "none"."""
    found = tense(verb)
    if found == "present" and _conditional(verb):
        return "prospective"
    found = {"conditional": "past", "modal": "future"}.get(found, found)
    if found == "perfect":
        return "none" if CUMULATIVE_MARKERS.search(sentence_text) else "narrative"
    if found == "present" or (found != "future" and states_present(sentence_text)):
        return "present"
    return {"past": "narrative", "future": "prospective"}.get(found, "none")


def hypothetical(verb: Token | None) -> bool:
    """What this clause says is not asserted to hold: a possibility ("Brent could retest $100",
    "exports may fall by 10%") or an open condition ("once prices fall to $70", "if the cut
    were extended"). A past condition ("when prices fell to $70") happened."""
    for _ in range(4):
        if verb is None:
            return False
        auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & POSSIBILITY_AUXILIARIES:
            return True
        marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
        if verb.dep_ == "advcl" and (marks & OPEN_CONDITION_MARKS or
                                     (_conditional(verb) and tense(verb) in ("present", "future"))):
            return True
        if verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def _conditional(verb: Token | None) -> bool:
    """The verb heads an adverbial clause of condition or time ("once prices fall to $70")."""
    return verb is not None and verb.dep_ == "advcl" and \
        any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in verb.children)
