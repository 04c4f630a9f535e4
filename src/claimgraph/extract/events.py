"""Dated events typed by the event ontology (docs/event-ontology.md).

An event is found at a *trigger*: a verb or noun whose lemma is in the lexicon below, read from
the spaCy dependency parse the pipeline already made. Around the trigger:

- the clause: for a verb, the verb itself; for a noun that is the object of a light verb ("held
  talks", "conducted an exercise", "imposed sanctions") or the goal of a participation verb ("sent
  troops to the exercise"), that verb; otherwise the noun phrase ("Russia's 2022 invasion of
  Ukraine"). A verb without a subject borrows it from the verb it depends on ("refrained from
  supplying", "is expected to travel", "arrived and signed").
- actors: the actor mentions (PERSON, ORG, GPE, NORP) at the clause's argument positions:
  subject, object, agent, objects of actor prepositions (to, with, against, between, of...),
  possessors and name modifiers of those ("Russian forces" → Russia), a relative clause on an
  event noun ("an exercise to which China sent troops"). A mention is named by what it stands for:
  `refers_to` (Moscow → Russia), else `local_name` (Putin → Vladimir Putin), else its name.
- date: the time expression inside the clause (nearest the trigger), else the nearest one in the
  sentence; a range is written "start/end".
- place: a GPE/LOC/FAC in a locative phrase ("in Beijing", "at the Kremlin"; "to Moscow" for visits).
- negated: "not"/"never" on the trigger or its governor, or a governor that denies it ("refrained
  from supplying", "refused to condemn", "the Soviet Union's refusal to provide aid").

An event needs at least one actor or a date. Triggers inside named historical events ("the Cold
War") are not events of the text. Type is taken from the lexicon, with two context rules: an
economic or aid trigger whose clause talks about weapons is `cooperate_military`, and
"cooperate"/"cooperation" takes its kind (military, economic, else diplomatic) from its clause.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from spacy.tokens import Span, Token

from ..nlp import ParsedDocument, subject_taken_for_modifier
from ..records import Event, Mention, TimeExpression, stable_id
from .quotes import find_quoted_spans, is_speech_verb
from .reftime import END_PREPOSITIONS, NarrativeTime, ReferenceTime, clause_verb, lede_time, narrative_tense, tense

# ---- lexicon: lemma → ontology type --------------------------------------------------------

VERB_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(["declare", "announce", "proclaim", "pledge", "vow", "reaffirm", "unveil",
                     "describe", "forecast", "promise", "apologise", "apologize"], "statement"),
    **dict.fromkeys(["agree", "sign", "renew", "ratify", "seal", "approve", "adopt"], "agree"),
    **dict.fromkeys(["propose"], "statement"),
    # plain speech verbs: an event only when the clause dates it (DATED_SPEECH)
    **dict.fromkeys(["say", "tell", "state", "react", "respond", "reply"], "statement"),
    # institutional acts outside the PLOVER roots (docs/event-ontology.md: `other`)
    **dict.fromkeys(["vote", "abstain", "elect", "appoint", "resign", "lift", "suspend", "authorize",
                     "authorise", "postpone", "delay", "quit", "withdraw", "cut", "trim", "prolong"],
                    "other"),
    **dict.fromkeys(["meet", "visit", "host", "travel", "arrive", "confer", "talk"], "consult"),
    **dict.fromkeys(["trade", "buy", "import", "export", "invest", "sell", "purchase", "deliver"],
                    "cooperate_economic"),
    **dict.fromkeys(["cooperate", "collaborate"], "cooperate_diplomatic"),
    **dict.fromkeys(["back", "endorse", "support", "recognize", "recognise"], "cooperate_diplomatic"),
    **dict.fromkeys(["supply", "provide", "aid", "assist", "ship", "send", "donate", "transfer"], "aid"),
    **dict.fromkeys(["demand", "urge", "lobby", "press", "request"], "demand"),
    **dict.fromkeys(["condemn", "criticize", "criticise", "accuse", "denounce", "blame", "rebuke",
                     "decry", "censure", "protest"], "disapprove"),
    **dict.fromkeys(["reject", "refuse", "deny", "veto", "rebuff", "repudiate", "decline"], "reject"),
    **dict.fromkeys(["threaten", "warn"], "threaten"),
    **dict.fromkeys(["sanction", "restrict", "ban", "embargo", "blacklist", "penalize", "penalise",
                     "levy", "retaliate", "curb", "impose"], "sanction"),
    **dict.fromkeys(["sue"], "disapprove"),
    **dict.fromkeys(["investigate", "probe", "examine", "audit"], "investigate"),
    **dict.fromkeys(["negotiate", "discuss"], "consult"),
    **dict.fromkeys(["invade", "annex", "attack", "strike", "bomb", "shell", "seize", "occupy",
                     "assault", "raid"], "attack"),
    **dict.fromkeys(["drill", "patrol"], "exercise"),
}
NOUN_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(["statement", "declaration", "announcement", "communique", "communiqué",
                     "pledge"], "statement"),
    **dict.fromkeys(["treaty", "deal", "pact", "accord", "agreement", "contract", "memorandum"], "agree"),
    **dict.fromkeys(["visit", "summit", "talk", "meeting", "trip", "negotiation", "consultation"],
                    "consult"),
    **dict.fromkeys(["purchase", "delivery"], "cooperate_economic"),
    **dict.fromkeys(["cooperation", "collaboration"], "cooperate_diplomatic"),
    **dict.fromkeys(["aid", "assistance", "shipment"], "aid"),
    **dict.fromkeys(["demand"], "demand"),
    **dict.fromkeys(["condemnation", "criticism", "accusation", "complaint", "lawsuit", "protest"],
                    "disapprove"),
    **dict.fromkeys(["vote"], "other"),
    **dict.fromkeys(["rejection", "veto"], "reject"),
    **dict.fromkeys(["threat", "warning"], "threaten"),
    **dict.fromkeys(["sanction", "embargo", "ban", "restriction", "tariff", "duty", "levy",
                     "countermeasure", "retaliation", "curb", "licensing"], "sanction"),
    **dict.fromkeys(["investigation", "probe", "inquiry", "enquiry", "review", "hearing"], "investigate"),
    **dict.fromkeys(["invasion", "annexation", "attack", "strike", "offensive", "war", "assault",
                     "incursion", "occupation", "bombing", "onslaught"], "attack"),
    **dict.fromkeys(["exercise", "drill", "manoeuvre", "maneuver", "patrol", "wargame"], "exercise"),
}
# Two-word triggers: (modifier lemma, noun lemma) → type; the modifier joins the trigger text.
COMPOUND_TRIGGERS: dict[tuple[str, str], str] = {
    ("joint", "statement"): "statement", ("state", "visit"): "consult",
    ("phone", "call"): "consult", ("export", "control"): "sanction", ("war", "game"): "exercise",
    ("arm", "sale"): "cooperate_military", ("arms", "sale"): "cooperate_military",
    ("joint", "patrol"): "cooperate_military", ("military", "cooperation"): "cooperate_military",
    ("military", "aid"): "aid", ("lethal", "aid"): "aid", ("criminal", "case"): "investigate",
    ("criminal", "investigation"): "investigate",
}
# a noun event inside another clause's argument is not dated by that clause's time
NESTED_NOUN_DEPS = {"pobj", "dobj", "nsubj", "nsubjpass", "attr", "appos", "conj", "compound"}
# Verbs that only carry their object's event ("held talks", "imposed sanctions").
# A verb that is itself a trigger keeps the event ("signed a joint statement" is agree), except
# these, which give way to their object ("announced sanctions" is a sanction).
LIGHT_VERBS = {"conduct", "hold", "stage", "carry", "launch", "make", "take", "have", "issue", "pay",
               "begin", "start", "undertake", "mount", "impose", "conclude", "organize", "organise",
               "announce", "unveil", "resume", "continue", "expand", "intensify", "step", "escalate",
               "introduce", "adopt", "approve", "reach", "file", "lodge", "propose", "tighten", "open"}
# a noun event that is their subject happens in their clause ("the curbs took effect on July 23")
STARTING_VERBS = {"begin", "start", "continue", "resume", "take", "end", "kick", "enter", "come"}
# "added SMIC to the Entity List", "put Huawei on a blacklist": listing someone is sanctioning them
LISTING_VERBS = {"add", "put", "place"}
# triggers that are events only when someone does them (else a market or a quantity moved)
ACTOR_REQUIRED = {"decline", "cut", "trim", "delay", "postpone", "withdraw", "press", "prolong", "trade"}
# nouns that name an act only when someone does it ("oil demand" is a quantity)
NOUN_ACTOR_REQUIRED = {"demand", "supply"}
# "said" is everywhere in news; what was said is a quote or a claim. It is an event of the
# timeline only when its own clause dates it ("Saudi Arabia said on Sunday it would cut").
DATED_SPEECH = {"say", "tell", "state", "react", "respond", "reply"}
# "agreed to prolong the curbs until the end of 2024": where something ends is not when it was done
_UNTIL = re.compile(rf"\b(?:{'|'.join(sorted(END_PREPOSITIONS))})\s+$", re.I)
# verbs that do not tell of an act, for the generic `other` events: states, attitudes, aspect
NOT_ACTS = {"be", "have", "do", "become", "seem", "appear", "look", "sound", "feel", "remain", "stay",
            "keep", "continue", "want", "need", "hope", "expect", "think",
            "believe", "know", "see", "consider", "plan", "intend", "try", "seek", "aim", "mean",
            "include", "involve", "contain", "face", "get", "let", "make", "take", "give", "go", "come",
            "put", "set", "use", "show", "find", "lead", "help", "tend", "fail", "manage", "like", "wish",
            "can", "will", "may", "must", "shall", "should", "would", "could", "own", "hold", "lose",
            "win", "earn", "pay", "cost", "owe", "base", "know", "face", "worry", "fear", "struggle"}
# verbs whose subject is a quantity ("exports rose", "purchases quadrupled", "trade reached")
QUANTITY_VERBS = {"rise", "grow", "fall", "drop", "double", "triple", "quadruple", "halve", "jump",
                  "surge", "climb", "decline", "increase", "decrease", "reach", "total", "hit", "soar",
                  "plunge", "slump", "shrink", "expand", "slow", "accelerate", "account", "amount",
                  "exceed", "top", "stand", "remain", "dip", "slide", "tumble", "rebound", "recover"}
# "answered with sanctions", "retaliated with tariffs": the subject does what the noun names
RESPONSE_VERBS = {"answer", "respond", "retaliate", "react", "reply", "hit", "counter", "meet", "punish"}
# Verbs by which an actor joins someone else's event ("sent troops to the exercise").
PARTICIPATION_VERBS = {"send", "join", "participate", "attend", "dispatch", "contribute", "take"}
# Governors that deny the event below them.
NEGATING_GOVERNORS = {"refrain", "refuse", "decline", "fail", "avoid", "refusal", "reluctance",
                      "abstain", "object", "objection", "oppose", "opposition"}
# "extend"/"renew" are agreements only when what is extended is one.
AGREEMENT_OBJECTS = {"treaty", "pact", "deal", "agreement", "accord", "contract", "partnership",
                     "memorandum", "arrangement"}
MILITARY_WORDS = {"weapon", "arm", "arms", "missile", "drone", "ammunition", "munition", "troop",
                  "military", "fighter", "jet", "tank", "artillery", "warship", "submarine",
                  "helicopter", "rocket", "defense", "defence", "s-400", "su-35", "lethal"}
ECONOMIC_WORDS = {"trade", "economic", "energy", "oil", "gas", "investment", "financial", "market",
                  "commercial", "technology", "industrial", "bank"}

# Nouns for groups that act, whose national modifier names the actor ("Russian forces").
MEMBERSHIP_PREPOSITIONS = {"in", "of", "from"}  # "members of NATO", "producers in OPEC+"
PROJECTILES = {"missile", "rocket", "drone", "shell", "torpedo", "salvo", "shot", "round", "grenade", "bomb"}
AGENT_NOUNS = {"capital", "power", "country", "nation", "partner", "ally", "neighbour", "neighbor",
               "member", "force", "troop", "army", "navy", "military", "soldier", "company", "firm", "bank",
               "official", "leader", "government", "authority", "diplomat", "minister", "ministry",
               "negotiator", "delegation", "administration", "lawmaker", "regulator", "state",
               "enterprise", "business", "producer", "exporter", "importer", "supplier", "buyer",
               "entity", "agency", "unit", "fleet", "ship", "warship", "jet", "bomber", "aircraft",
               "side", "counterpart", "president", "envoy", "ambassador", "embassy", "parliament",
               "court", "police", "guard", "militia", "operator", "investor", "lender", "refinery",
               "rebel", "militant", "insurgent", "warplane", "plane", "drone", "missile"}
TEMPORAL_MARKERS = {"before", "after", "until", "till", "since", "once", "following"}
ANTECEDENT_SENTENCES = 5  # how far back "he" or "the two leaders" may look for the people meant
# Nouns that only frame an event: "at the end of a state visit" is said of the visit.
FRAME_NOUNS = {"end", "start", "beginning", "close", "middle", "eve", "sideline", "margin", "course",
               "occasion", "wake", "run-up", "aftermath", "conclusion", "opening", "day", "round"}
ACTOR_KINDS = {"PERSON", "ORG", "GPE", "NORP"}
PLACE_KINDS = {"GPE", "LOC", "FAC"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
OBJECT_DEPS = {"dobj", "dative", "obj", "iobj"}
ACTOR_PREPOSITIONS = {"to", "with", "against", "between", "among", "from", "by", "on", "toward",
                      "towards", "of", "for", "over", "into"}
PLACE_PREPOSITIONS = {"in", "at", "near", "inside", "outside", "across", "off"}
MODIFIER_DEPS = {"poss", "compound", "amod", "nmod", "npadvmod"}
# How a denied event hangs under its denier ("refrained from supplying"; not "and supported").
_DENIED_DEPS = {"xcomp", "pcomp", "prep", "acl", "pobj"}
_CLIMB_DEPS = {"xcomp", "pcomp", "prep", "conj", "advcl", "acl", "ccomp", "relcl", "pobj"}


def extract_events(parsed: ParsedDocument, mentions: list[Mention], times: list[TimeExpression]) -> list[Event]:
    try:
        return _Extractor(parsed, mentions, times).run()
    except Exception:  # noqa: BLE001 — an extractor never takes the pipeline down
        return []


class _Extractor:
    def __init__(self, parsed: ParsedDocument, mentions: list[Mention], times: list[TimeExpression]):
        self.parsed = parsed
        self.doc = parsed.doc
        self.text = parsed.document.text  # Doc.text rebuilds the string on every access
        self.actor_at: dict[int, Mention] = {}
        self.place_at: dict[int, Mention] = {}
        self.event_entity_tokens: set[int] = set()
        for mention in mentions:
            span = self.doc.char_span(mention.evidence.start, mention.evidence.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                if mention.kind in ACTOR_KINDS:
                    self.actor_at.setdefault(token.i, mention)
                if mention.kind in PLACE_KINDS:
                    self.place_at.setdefault(token.i, mention)
        for ent in self.doc.ents:
            if ent.label_ == "EVENT":
                self.event_entity_tokens.update(t.i for t in ent)
        self.mentions = sorted(mentions, key=lambda m: (m.evidence.start, m.evidence.end))
        self.mention_starts = [m.evidence.start for m in self.mentions]
        self.times = sorted(times, key=lambda t: (t.evidence.start, t.evidence.end))
        self.narrative = NarrativeTime(parsed)
        self.lede = lede_time(parsed, times)
        # sentence → the times that can date its events, found once ("until the end of 2024"
        # ends something; it dates nothing)
        self.times_in: dict[int, list[TimeExpression]] = {}
        for time in self.times:
            if not _UNTIL.search(self.text, max(0, time.evidence.start - 12), time.evidence.start):
                self.times_in.setdefault(time.evidence.sentence, []).append(time)
        self.quoted = [(q.start, q.end) for q in find_quoted_spans(self.text)]
        self.quoted_starts = [start for start, _ in self.quoted]

    def run(self) -> list[Event]:
        events = []
        self.dated: dict[int, list[Event]] = {}  # sentence → its events with a date, in order
        for index, sentence in self.parsed.sentence_spans():
            for trigger in self._triggers(sentence):
                event = self._event(index, sentence, trigger)
                if event is None:
                    continue
                if event.date is None:
                    event = self._with_narrative_date(index, trigger, event)
                if event.date is not None:
                    self.dated.setdefault(index, []).append(event)
                events.append(event)
        return events

    def _with_narrative_date(self, index: int, trigger: _Trigger, event: Event) -> Event:
        """A past-tense event its sentence does not date happened at the paragraph's narrative
        time ("The decisive moment came on February 4, 2022. Meeting in Beijing, Putin and Xi
        issued a joint statement"); one placed before or after another clause did not."""
        verb = trigger.clause if trigger.clause.pos_ in ("VERB", "AUX") else _governing_verb(trigger.token)
        if verb is None or _temporally_subordinate(trigger.clause):
            return event
        if self.times_in.get(index):
            return event  # the sentence has a time, just not this event's
        sentence = self.parsed.sentences[index]
        if self._quoted(trigger.token.idx):
            return event  # a story told inside a quote keeps its own time
        if narrative_tense(verb, self.text[sentence.start:sentence.end]) != "narrative":
            return event
        reference = self.narrative.before(index, self._dates_of_sentence, self.lede)
        if reference is None:
            return event
        return replace(event, date=reference.value, date_precision=reference.precision)

    def _quoted(self, char: int) -> bool:
        k = bisect.bisect_right(self.quoted_starts, char) - 1
        return k >= 0 and self.quoted[k][0] <= char < self.quoted[k][1]

    def _dates_of_sentence(self, index: int) -> list[ReferenceTime]:
        """The narrative time a sentence leaves behind: the date of its last dated event, else
        its dates (day, month or year; not ranges)."""
        if self.dated.get(index):
            last = self.dated[index][-1]
            return [ReferenceTime(last.date, last.date_precision, last.date)]
        return [ReferenceTime(t.value, t.precision, t.evidence.text) for t in self.times_in.get(index, ())
                if t.value and not t.end and t.precision in ("day", "month", "year")]

    # ---- triggers ----------------------------------------------------------------------------

    def _triggers(self, sentence: Span) -> list[_Trigger]:
        found: dict[int, _Trigger] = {}
        absorbed: set[int] = set()
        for token in sentence:
            trigger = self._trigger_at(token)
            if trigger is not None:
                found[token.i] = trigger
        for trigger in list(found.values()):
            if trigger.is_noun:
                self._attach_noun(trigger, found, absorbed)
        for trigger in found.values():  # "refused to condemn": one negated condemnation
            if trigger.token.lemma_.lower() in NEGATING_GOVERNORS and any(
                    c.dep_ == "xcomp" and c.i in found for c in trigger.token.children):
                absorbed.add(trigger.token.i)
        for i in absorbed:
            found.pop(i, None)
        taken = {i for t in found.values() for i in (t.token.i, t.clause.i)}
        for token in sentence:
            if token.i not in taken and self._other_act(token):
                particle = next((c for c in token.children if c.dep_ == "prt"), None)
                text = self.text[token.idx:particle.idx + len(particle.text)] if particle is not None \
                    and particle.i == token.i + 1 else token.text
                found[token.i] = _Trigger(token, "other", text, clause=token, generic=True)
        return sorted(found.values(), key=lambda t: t.token.i)

    def _other_act(self, verb: Token) -> bool:
        """A verb outside the lexicon whose subject is a named actor ("Argentina devalued the peso",
        "Milei was sworn in"): a candidate `other` event, kept only when its own clause dates it."""
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma in NOT_ACTS or lemma in QUANTITY_VERBS or is_speech_verb(verb) \
                or verb.tag_ == "VBG" and verb.dep_ not in ("ROOT", "conj"):
            return False
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(c.i in self.actor_at or self._named_by_pronoun(c) or self._named_by_modifier(c) for c in subjects):
            return True
        # "Regulators shut Signature Bank on Sunday": unnamed agents acting on a named one
        return any(c.lemma_.lower() in AGENT_NOUNS for c in subjects) and \
            any(c.dep_ == "dobj" and c.i in self.actor_at for c in verb.children)

    def _named_by_modifier(self, subject: Token) -> bool:
        """"California regulators closed the bank", "Russian forces": an agent named by its owner."""
        return subject.lemma_.lower() in AGENT_NOUNS and bool(self._names(subject))

    def _named_by_pronoun(self, subject: Token) -> bool:
        """"Later he left the city": a "he" or "she" whose person the text named just before."""
        return subject.lower_ in ("he", "she") and bool(self._antecedents(subject))

    def _trigger_at(self, token: Token) -> _Trigger | None:
        lemma = token.lemma_.lower()
        if token.i in self.event_entity_tokens:
            return None  # "the Cold War" names a period, not an event this text reports
        if token.pos_ == "VERB":
            kind = VERB_TRIGGERS.get(lemma)
            if lemma == "call" and any(c.dep_ in {"prep", "prt"} and c.lower_ in {"on", "for", "upon"}
                                       for c in token.children):
                kind = "demand"
            if lemma in {"extend", "renew"}:
                kind = "agree" if self._has_agreement_object(token) else None
            if lemma in {"fire", "launch"} and any(c.dep_ == "dobj" and c.lemma_.lower() in PROJECTILES
                                                   for c in token.children):
                kind = "attack"  # "fired two anti-ship missiles at the Maersk Hangzhou"
            if lemma in LISTING_VERBS and _onto_a_blacklist(token):
                kind = "sanction"  # "added 13 Chinese entities to its Entity List"
            if kind is None:
                return None
            return _Trigger(token, kind, token.text, clause=token)
        if token.pos_ in {"NOUN", "PROPN"}:
            for child in token.children:
                if child.dep_ in {"compound", "amod"} and child.i == token.i - 1:
                    kind = COMPOUND_TRIGGERS.get((child.lemma_.lower(), lemma))
                    if kind is not None:
                        text = self.text[child.idx:token.idx + len(token.text)]
                        return _Trigger(token, kind, text, clause=token, is_noun=True, first=child)
            kind = NOUN_TRIGGERS.get(lemma)
            if kind is None or (token.pos_ == "PROPN" and lemma not in {"treaty", "summit", "accord", "pact"}):
                return None
            if kind == "cooperate_economic" and _is_changing_quantity(token):
                return None  # "purchases of cars quadrupled": a quantity that changed, not an act
            return _Trigger(token, kind, token.text, clause=token, is_noun=True)
        return None

    def _has_agreement_object(self, verb: Token) -> bool:
        for child in verb.children:
            if child.dep_ not in OBJECT_DEPS | {"nsubjpass"}:
                continue
            if child.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
                child = verb.head  # "the treaty, which was extended": the antecedent
            if child.lemma_.lower() in AGREEMENT_OBJECTS:
                return True
        # "the Treaty ..., extended in June 2021"
        return verb.dep_ == "acl" and verb.head.lemma_.lower() in AGREEMENT_OBJECTS

    def _attach_noun(self, trigger: _Trigger, found: dict[int, _Trigger], absorbed: set[int]) -> None:
        """A noun trigger governed by a verb: the verb's trigger wins ("signed a deal"), a light
        verb lends its clause ("held talks"), a participation verb lends its clause and actor
        ("sent troops to the exercise")."""
        noun = trigger.token
        verb = _governing_verb(noun)
        if verb is None:
            return
        lemma = verb.lemma_.lower()
        direct = noun.dep_ in OBJECT_DEPS | {"nsubjpass", "attr"} or (
            noun.dep_ == "nsubj" and lemma in STARTING_VERBS)
        governing = found.get(verb.i)
        if governing is not None and direct and lemma not in LIGHT_VERBS:
            absorbed.add(noun.i)  # "signed a deal": one event, the verb's
            governing.absorbed.append(noun)
            return
        if direct and lemma in LIGHT_VERBS:
            trigger.clause = verb
            absorbed.add(verb.i)
        elif _participates(verb) and noun.dep_ == "pobj":
            trigger.clause = verb
            absorbed.add(verb.i)
        elif lemma in RESPONSE_VERBS and noun.dep_ == "pobj" and noun.head.lower_ == "with":
            trigger.clause = verb  # "the West answered with sanctions": the West sanctioned
            absorbed.add(verb.i)
        elif governing is not None and governing.kind == trigger.kind:
            trigger.clause = verb  # "arrived in Beijing for a state visit": one event, the noun's
            absorbed.add(verb.i)
        elif trigger.kind == "consult" and not direct:
            # "left Moscow at the end of a state visit", "during a visit, Blinken said": whoever
            # acts around a visit or summit took part in it
            trigger.host = verb
        for child in noun.children:  # "an exercise to which China sent 2,000 troops"
            if child.dep_ in {"relcl", "acl"} and _participates(child):
                trigger.participants.append(child)
                absorbed.add(child.i)
            elif child.dep_ == "relcl" and trigger.kind == "consult":
                trigger.participants.append(child)  # "a visit in which he and Putin promised"

    # ---- one event -----------------------------------------------------------------------------

    def _event(self, index: int, sentence: Span, trigger: _Trigger) -> Event | None:
        actors = self._actors(trigger)
        if trigger.kind == "statement" and not trigger.is_noun and not self._has_actor_subject(trigger):
            return None  # "the figures describe a lifeline": a statement needs someone to make it
        if trigger.is_noun and not actors and (trigger.kind == "statement"
                                               or trigger.token.lemma_.lower() in NOUN_ACTOR_REQUIRED):
            return None  # "today's announcement", "global oil demand": nobody named acts
        time, attached = self._time(sentence, trigger)
        if trigger.generic and not attached and (reported := self._reported_time(index, trigger)) is not None:
            time, attached = reported, True
        if trigger.generic and (not attached or time is None or time.value is None or not actors):
            return None  # a verb outside the lexicon is an event only as a dated act of an actor
        if trigger.token.lemma_.lower() in DATED_SPEECH and not trigger.is_noun and (
                not actors or time is None or time.value is None or not attached):
            return None
        if not actors and (time is None or time.value is None or not attached):
            return None  # a bare "the war" with some date elsewhere in the sentence is no event
        if not actors and trigger.token.lemma_.lower() in ACTOR_REQUIRED:
            return None  # "prices declined in March", "output was cut in May": no one acted
        date, precision = (None, "unknown")
        if time is not None and time.value is not None:
            date = f"{time.value}/{time.end}" if time.end else time.value
            precision = time.precision
        start, end = self._clause_span(sentence, trigger)
        first = trigger.first or trigger.token
        return Event(
            id=stable_id("evt", self.parsed.document.id, first.idx, trigger.token.idx + len(trigger.token.text)),
            evidence=self.parsed.evidence(start, end),
            type=self._type(trigger),
            trigger=trigger.text,
            actors=tuple(actors),
            date=date,
            date_precision=precision,
            place=self._place(trigger),
            negated=self._negated(trigger),
        )

    def _reported_time(self, index: int, trigger: _Trigger) -> TimeExpression | None:
        """"The ministry said on Wednesday that Wagner had completed the handover": an act done,
        as a dated report tells it, is dated by the report (at the latest that day)."""
        verb = trigger.clause
        speech = verb.head
        if verb.dep_ != "ccomp" or not is_speech_verb(speech) or tense(verb) not in ("past", "perfect") \
                or self._quoted(verb.idx):
            return None
        for time in self.times_in.get(index, ()):
            span = self.doc.char_span(time.evidence.start, time.evidence.end, alignment_mode="expand")
            if span is not None and time.value and not time.end \
                    and getattr(clause_verb(span.root), "i", None) == speech.i:
                return time
        return None

    def _type(self, trigger: _Trigger) -> str:
        kind = trigger.kind
        if kind in {"cooperate_economic", "aid", "cooperate_diplomatic"}:
            words = {t.lemma_.lower() for t in trigger.clause.subtree} | {t.lower_ for t in trigger.clause.subtree}
            if kind == "cooperate_economic" and words & MILITARY_WORDS:
                return "cooperate_military"
            if trigger.token.lemma_.lower() in {"cooperate", "collaborate", "cooperation", "collaboration"}:
                if words & MILITARY_WORDS:
                    return "cooperate_military"
                if words & ECONOMIC_WORDS:
                    return "cooperate_economic"
        return kind

    def _actors(self, trigger: _Trigger) -> list[str]:
        heads: list[Token] = []
        clause = trigger.clause
        subject_holder = _subject_holder(clause) if clause.pos_ in {"VERB", "AUX"} else None
        if subject_holder is not None:
            heads += [c for c in subject_holder.children if c.dep_ in SUBJECT_DEPS]
        heads += self._misparsed_subject(clause)
        for holder in _unique([clause, trigger.token, *trigger.absorbed]):
            heads += _arguments(holder)
        for verb in trigger.participants:
            heads += [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            heads += _arguments(verb)
        if trigger.host is not None:
            holder = _subject_holder(trigger.host)
            if holder is not None:
                heads += [c for c in holder.children if c.dep_ in SUBJECT_DEPS]
        names: list[str] = []
        for head in heads:
            for token in _with_conjuncts(head):
                for name in self._names(token):
                    if name not in names:
                        names.append(name)
        return names

    def _has_actor_subject(self, trigger: _Trigger) -> bool:
        if self._misparsed_subject(trigger.clause):
            return True
        holder = _subject_holder(trigger.clause)
        if holder is None:
            return False
        return any(self._names(t) for c in holder.children if c.dep_ in SUBJECT_DEPS for t in _with_conjuncts(c))

    def _misparsed_subject(self, verb: Token) -> list[Token]:
        """An actor the parser hung on its verb as a modifier ("TEPCO said on …")."""
        before = subject_taken_for_modifier(verb)
        return [before] if before is not None and before.i in self.actor_at else []

    def _names(self, token: Token) -> list[str]:
        """Actors a token stands for: its own mention, else its possessor ("China's navy") or the
        name modifying a noun for people or institutions ("Russian forces"), not "Siberian gas"."""
        mention = self.actor_at.get(token.i)
        if mention is not None:
            return [_actor_name(mention)]
        referred = self._antecedents(token)
        if referred:
            return referred
        names = []
        agent = token.lemma_.lower() in AGENT_NOUNS
        for child in token.children:
            if child.dep_ == "poss" or (agent and child.dep_ in MODIFIER_DEPS):
                parts = _with_conjuncts(child)
            elif agent and child.dep_ == "prep" and child.lower_ in MEMBERSHIP_PREPOSITIONS:
                # "producers in the OPEC+ alliance", "members of NATO": the group acts
                parts = [o for c in child.children if c.dep_ == "pobj" for o in _with_conjuncts(c)]
                parts += [g for o in parts for g in o.children if g.dep_ in MODIFIER_DEPS]
            else:
                continue
            for part in parts:
                found = self.actor_at.get(part.i)
                if found is not None and _actor_name(found) not in names:
                    names.append(_actor_name(found))
        return names

    def _antecedents(self, token: Token) -> list[str]:
        """A light coreference for the commonest news cases: "he"/"she" is the last person named
        in the last few sentences; "the two leaders" ("men", "presidents") the last two people,
        "the two countries" ("sides", "nations", "both countries") the last two states."""
        lower = token.lower_
        if token.tag_ == "PRP" and lower in {"it", "they"} and token.dep_ in SUBJECT_DEPS:
            return self._reporting_subject(token)
        if token.tag_ == "PRP" and lower in {"he", "she", "him", "her"}:
            people = self._recent(token, {"PERSON"}, 1)
            return people
        counted = any(c.lower_ in {"two", "both"} for c in token.children if c.dep_ in {"nummod", "det", "predet"})
        if not counted:
            return []
        lemma = token.lemma_.lower()
        if lemma in {"leader", "man", "president", "head", "counterpart", "statesman", "woman"}:
            return self._recent(token, {"PERSON"}, 2)
        if lemma in {"country", "side", "nation", "government", "state", "power", "neighbour", "neighbor", "capital"}:
            return self._recent(token, {"GPE", "NORP", "ORG"}, 2, states_only=True)
        return []

    def _reporting_subject(self, pronoun: Token) -> list[str]:
        """"The committee said it had opened a case": "it" reporting on itself is the institution
        that speaks (never a person: that would be "he" or "she")."""
        verb = pronoun.head
        if verb.dep_ != "ccomp" or not is_speech_verb(verb.head):
            return []
        names = []
        for subject in (c for c in verb.head.children if c.dep_ in SUBJECT_DEPS):
            mention = self.actor_at.get(subject.i)
            if mention is not None and mention.kind != "PERSON":
                names.append(_actor_name(mention))
        return names

    def _recent(self, token: Token, kinds: set[str], count: int, states_only: bool = False) -> list[str]:
        names: list[str] = []
        earliest = self.parsed.sentences[max(0, self.parsed.sentence_of(token.idx) - ANTECEDENT_SENTENCES)].start
        i = bisect.bisect_left(self.mention_starts, token.idx) - 1
        while i >= 0 and len(names) < count:
            mention = self.mentions[i]
            if mention.evidence.start < earliest:
                break
            if mention.kind in kinds and (not states_only or mention.refers_to):
                name = _actor_name(mention)
                if name not in names:
                    names.append(name)
            i -= 1
        return names if len(names) == count else []

    def _time(self, sentence: Span, trigger: _Trigger) -> tuple[TimeExpression | None, bool]:
        """The time expression in the trigger's clause (attached=True), else the nearest in the
        sentence."""
        inside = self.times_in.get(self.parsed.sentence_of(sentence.start_char), [])
        if not inside:
            return None, False
        anchor = trigger.token.idx
        holders = _unique([trigger.token, trigger.clause,
                           _governing_verb(trigger.token) if trigger.is_noun else None])
        for holder in holders:
            if holder is None:
                continue
            left, right = holder.left_edge.idx, holder.right_edge.idx + len(holder.right_edge.text)
            attached = [t for t in inside if left <= t.evidence.start and t.evidence.end <= right
                        and self._belongs_to(t, holder)]
            if attached:
                time = min(attached, key=lambda t: (t.value is None, abs(t.evidence.start - anchor)))
                return self._counted_from(time, trigger), True
        if _temporally_subordinate(trigger.clause):
            return None, False  # "shortly before Russia invaded": not the main clause's date
        for time in inside:  # "Three days after the summit ended on May 2, they agreed": the offset
            connector = self._offset_connector(time)
            if connector is not None and connector.head.head.i == trigger.clause.i:
                return time, True
        if trigger.is_noun and trigger.clause.i == trigger.token.i and trigger.token.dep_ in NESTED_NOUN_DEPS:
            # a noun event inside an argument takes only a time of the same clause ("cemented by
            # Russia's annexation of Crimea in 2014"), not another clause's ("said in April that
            # China fuelled its assault")
            verb = _clause_verb(trigger.token)
            inside = [t for t in inside if verb is not None
                      and (time_verb := self._time_verb(t)) is not None and time_verb.i == verb.i]
            if not inside:
                return None, False
        return min(inside, key=lambda t: (t.value is None, abs(t.evidence.start - anchor))), False

    def _counted_from(self, time: TimeExpression, trigger: _Trigger) -> TimeExpression | None:
        """"sailed ten days after the agreement was signed": the offset dates the sailing; the
        signing is the day it counts from (unknown when that is)."""
        connector = self._offset_connector(time)
        if connector is None or connector.head.i != trigger.clause.i:
            return time
        if time.anchor is None or time.value is None:
            return None
        return replace(time, value=time.anchor, precision=_PRECISION_OF_LENGTH.get(len(time.anchor), "unknown"),
                       end=None)

    def _offset_connector(self, time: TimeExpression) -> Token | None:
        """The "after" of "ten days after the agreement was signed", marking the clause it counts from."""
        span = self.doc.char_span(time.evidence.start, time.evidence.end, alignment_mode="expand")
        if span is None or span[-1].lower_ not in ("after", "before") or span[-1].dep_ != "mark":
            return None
        return span[-1]

    def _time_verb(self, time: TimeExpression) -> Token | None:
        span = self.doc.char_span(time.evidence.start, time.evidence.end, alignment_mode="expand")
        return _clause_verb(span.root) if span is not None else None

    def _belongs_to(self, time: TimeExpression, holder: Token) -> bool:
        """Whether a time expression hangs off this clause and not off a clause nested in it
        that has a verb of its own ("... who visited in 2019")."""
        span = self.doc.char_span(time.evidence.start, time.evidence.end, alignment_mode="expand")
        if span is None:
            return False
        token = span.root
        while token.i != holder.i and token.head.i != token.i:
            if token.dep_ in {"relcl", "ccomp", "advcl", "csubj"} and token.pos_ in {"VERB", "AUX"} and not (
                    token.dep_ == "relcl" and token.head.i == holder.i and holder.pos_ == "NOUN"):
                return False  # (a clause on the event noun itself dates it: "a visit that ran from …")
            token = token.head
        return token.i == holder.i

    def _place(self, trigger: _Trigger) -> str | None:
        prepositions = PLACE_PREPOSITIONS | ({"to"} if trigger.kind == "consult" else set())
        for holder in _unique([trigger.token, trigger.clause]):
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in prepositions:
                    continue
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    mention = self.place_at.get(pobj.i)
                    if mention is not None:
                        return mention.local_name or mention.name
        return None

    def _negated(self, trigger: _Trigger) -> bool:
        """"did not sign", "no deal", or a denying governor: "refrained from supplying",
        "refused to condemn", "the refusal to provide aid"."""
        if any(_has_negation(t) for t in _unique([trigger.token, trigger.clause])):
            return True
        token = trigger.clause
        for _ in range(4):
            if token.dep_ not in _DENIED_DEPS or token.head.i == token.i:
                return False
            token = token.head
            if token.lemma_.lower() in NEGATING_GOVERNORS:
                return True
        return False

    def _clause_span(self, sentence: Span, trigger: _Trigger) -> tuple[int, int]:
        clause = trigger.clause
        left = min(clause.left_edge.idx, (trigger.first or trigger.token).idx)
        right_token = clause.right_edge
        right = max(right_token.idx + len(right_token.text), trigger.token.idx + len(trigger.token.text))
        start, end = max(left, sentence.start_char), min(right, sentence.end_char)
        text = self.text
        while end > start and text[end - 1] in " \t\n,;:.":
            end -= 1
        return start, end


_PRECISION_OF_LENGTH = {10: "day", 7: "month", 4: "year"}  # of an ISO date prefix


class _Trigger:
    __slots__ = ("token", "kind", "text", "clause", "is_noun", "first", "absorbed", "participants", "host",
                 "generic")

    def __init__(self, token: Token, kind: str, text: str, clause: Token, is_noun: bool = False,
                 first: Token | None = None, generic: bool = False):
        self.token = token
        self.kind = kind
        self.text = text
        self.clause = clause
        self.is_noun = is_noun
        self.first = first
        self.absorbed: list[Token] = []
        self.participants: list[Token] = []
        self.host: Token | None = None  # a verb whose subject took part in a visit or summit
        self.generic = generic  # a verb outside the lexicon (`other`), kept only when dated


def _actor_name(mention: Mention) -> str:
    """What a mention stands for as an actor: Moscow → Russia, Putin → Vladimir Putin."""
    return mention.refers_to or mention.local_name or mention.name


def _temporally_subordinate(clause: Token) -> bool:
    """A clause placed before or after another ("before Russia invaded", "after the talks")."""
    token = clause
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKERS for c in token.children):
            return True
        if token.dep_ == "pobj" and token.head.lower_ in TEMPORAL_MARKERS:
            return True
        if token.dep_ not in {"conj", "pobj", "pcomp", "advcl"} or token.head.i == token.i:
            return False
        token = token.head
    return False


def _is_changing_quantity(noun: Token) -> bool:
    """"exports rose", "purchases … quadrupled" (also when parsed as a participle on the noun)."""
    if noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.lemma_.lower() in QUANTITY_VERBS:
        return True
    return any(c.dep_ == "acl" and c.lemma_.lower() in QUANTITY_VERBS for c in noun.children)


def _participates(verb: Token) -> bool:
    """"sent troops to", "joined", "took part in" (not any "took")."""
    lemma = verb.lemma_.lower()
    if lemma == "take":
        return any(c.lower_ == "part" for c in verb.children)
    return lemma in PARTICIPATION_VERBS


def _has_negation(token: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children)


def _clause_verb(token: Token) -> Token | None:
    """The nearest verb above a token: the clause it belongs to."""
    for _ in range(8):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return token
    return None


def _governing_verb(token: Token) -> Token | None:
    """The verb a noun depends on, directly, through one preposition, or through a frame noun
    ("at the end of a visit", "on the sidelines of the summit")."""
    for _ in range(2):
        head = token.head
        if head.i == token.i:
            return None
        if head.pos_ in {"VERB", "AUX"}:
            return head
        if head.dep_ != "prep":
            return None
        if head.head.pos_ in {"VERB", "AUX"}:
            return head.head
        if head.head.lemma_.lower() not in FRAME_NOUNS:
            return None
        token = head.head
    return None


def _subject_holder(verb: Token) -> Token | None:
    """The verb that carries the subject of this one ("refrained from supplying" → refrained)."""
    token = verb
    for _ in range(4):
        if any(c.dep_ in SUBJECT_DEPS for c in token.children):
            return token
        if token.head.i == token.i or token.dep_ not in _CLIMB_DEPS:
            return None
        token = token.head
    return None


def _arguments(holder: Token) -> list[Token]:
    """Object-like arguments of a verb or noun: objects, agents, actor prepositions, possessors."""
    heads = []
    for child in holder.children:
        if child.dep_ in OBJECT_DEPS or child.dep_ == "poss":
            heads.append(child)
        elif child.dep_ == "agent":
            heads += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "prep" and child.lower_ in ACTOR_PREPOSITIONS:
            heads += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ in {"compound", "amod", "nmod"} and holder.pos_ in {"NOUN", "PROPN"}:
            heads.append(child)
    return heads


def _with_conjuncts(token: Token) -> list[Token]:
    """A token, the tokens coordinated with it and its appositions ("MOSCOW - Xi Jinping left")."""
    result = [token]
    for other in [*token.conjuncts, *(c for c in token.children if c.dep_ == "appos")]:
        if other not in result:
            result.append(other)
    return result


def _unique(tokens) -> list:
    seen, result = set(), []
    for token in tokens:
        key = id(token) if token is None else token.i
        if key not in seen:
            seen.add(key)
            result.append(token)
    return result


def _onto_a_blacklist(verb: Token) -> bool:
    """The verb puts something on a list of the sanctioned ("to its Entity List", "on a blacklist")."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("to", "on", "onto"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in ("list", "blacklist") and (
                        pobj.lemma_.lower() == "blacklist"
                        or any(c.lower_ in BLACKLIST_WORDS for c in pobj.subtree)):
                    return True
    return False


BLACKLIST_WORDS = {"entity", "sanctions", "sanction", "black", "denied", "unverified", "export", "trade"}
