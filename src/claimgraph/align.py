"""Align stage: group records from different documents that state the same fact.

Blocking first, then comparison within blocks, never all-pairs over the corpus:

- figures meet only figures with the same kind, unit, period and metric head noun; inside a block,
  metric phrases are compared by meaning (stemmed content words with synonyms folded, text.py)
  and the actors they are about must agree ("China's share of Russia's trade" never meets "the
  EU's share");
- events meet events of the same type that share an actor, with dates within a year of each
  other; they align when their dates are compatible at their precision ("2014" ~ "March 2014");
  same trigger, same actors and close but incompatible dates are kept together as one event
  (the assess stage reports the date conflict);
- claims meet claims through an approximate-nearest-neighbour index (MinHash LSH over their
  normalised content words), through the coined phrases they quote ("no limits" ~ "without
  bounds") and through the same action between the same actors; a candidate pair aligns when it
  shares an actor and is similar enough: by sentence embeddings when the `embeddings` extra is
  installed (embeddings.py), else by overlap of content words;
- quotes align when their words match (fuzzy, so punctuation and small edits do not matter).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz
from scipy.cluster.hierarchy import DisjointSet

from .embeddings import SAME_CLAIM_COSINE, load_encoder
from .records import Claim, DocumentAnalysis, Entity, Event, Figure, Quote
from .text import content_words, phrase_keys
from .units import dimension


class Canonicaliser(Protocol):
    entities: list[Entity]

    def canonical(self, name: str) -> str: ...


class Actors:
    """Canonical actor names, widened by what people stand for: a person whose role is "President
    of China" acts for China, so "Xi and Putin declared" and "Beijing and Moscow declared" share
    actors. Roles come from the text (resolve stage), not from a list of leaders."""

    _OF_STATE = re.compile(r"\b(?:of|for)\s+(?:the\s+)?([A-Z][\w .'-]+)$")

    def __init__(self, resolution: Canonicaliser, canonical: Callable[[str], str] | None = None):
        self.canonical = canonical or resolution.canonical
        self.represents: dict[str, frozenset[str]] = {}
        for entity in getattr(resolution, "entities", []):
            if entity.kind != "PERSON":
                continue
            states = {self.canonical(m.group(1).strip()) for role in entity.roles
                      if not role.lower().startswith("former") and (m := self._OF_STATE.search(role))}
            if states:
                self.represents[entity.name] = frozenset(states)

    def __call__(self, names: Iterable[str]) -> frozenset[str]:
        canonical = {self.canonical(n) for n in names}
        return frozenset(canonical.union(*(self.represents.get(n, ()) for n in canonical)))


@dataclass
class FactGroup:
    kind: str  # figure | event | claim | quote
    key: str  # what the members state, for people
    members: list[Any] = field(default_factory=list)


CLAIM_LSH_THRESHOLD = 0.3
CLAIM_LSH_THRESHOLD_WITH_EMBEDDINGS = 0.15  # looser candidates: the embeddings decide
CLAIM_SIMILARITY = 0.45
CLAIM_MIN_CHECKWORTHINESS = 0.3
METRIC_SIMILARITY = 0.5
QUOTE_SIMILARITY = 90
NUM_PERM = 64


def align_facts(analyses: list[DocumentAnalysis], resolution: Canonicaliser) -> list[FactGroup]:
    figures = [f for a in analyses for f in a.figures]
    events = [e for a in analyses for e in a.events]
    claims = [c for a in analyses for c in a.claims]
    quotes = [q for a in analyses for q in a.quotes]
    phrases_by_sentence: dict[tuple[str, int], frozenset[str]] = defaultdict(frozenset)
    for phrase in (p for a in analyses for p in a.phrases):
        where = (phrase.evidence.doc_id, phrase.evidence.sentence)
        phrases_by_sentence[where] = phrases_by_sentence[where] | phrase_keys(phrase.text)
    canonical = lru_cache(maxsize=None)(resolution.canonical)  # asked for the same names again and again
    actors = Actors(resolution, canonical)
    events_by_sentence: dict[tuple[str, int], list[Event]] = defaultdict(list)
    for event in events:
        events_by_sentence[(event.evidence.doc_id, event.evidence.sentence)].append(event)
    groups = [
        *align_figures(figures, canonical),
        *align_events(events, canonical, actors),
        *align_claims(claims, canonical, phrases_by_sentence, events_by_sentence, actors),
        *align_quotes(quotes),
    ]
    return sorted(groups, key=lambda g: (g.kind, g.key, min(m.id for m in g.members)))


# Grouping ------------------------------------------------------------------------------------


class _Groups:
    """Records joined transitively (scipy's disjoint set), listed deterministically."""

    def __init__(self, records: Iterable[Any]):
        self.records = {r.id: r for r in records}
        self.sets = DisjointSet(sorted(self.records))

    def union(self, a: str, b: str) -> None:
        self.sets.merge(a, b)

    def union_if_all(self, a: str, b: str, fits: Callable[[Any, Any], bool]) -> None:
        """Merge the groups of a and b only if every pair across them fits (complete link)."""
        if self.sets.connected(a, b):
            return
        left, right = self.sets.subset(a), self.sets.subset(b)
        if all(fits(self.records[x], self.records[y]) for x in sorted(left) for y in sorted(right)):
            self.sets.merge(a, b)

    def groups(self) -> list[list[Any]]:
        subsets = sorted(sorted(subset) for subset in self.sets.subsets())
        return [[self.records[rid] for rid in subset] for subset in subsets]


def _pairs_within(blocks: dict[Any, list[Any]]) -> Iterable[tuple[Any, Any]]:
    for key in sorted(blocks, key=str):
        block = blocks[key]
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                yield a, b


# Figures -------------------------------------------------------------------------------------


_PREPOSITION = re.compile(r"\b(?:of|between|to|from|with|in|for|on|by|into|across|under|over|at|against)\b", re.I)


def metric_signature(metric: str | None) -> tuple[str, frozenset[str]]:
    """(head noun, content words) of a metric phrase, synonyms folded: 'trade between the two
    nations' → ('trade', {'bilateral', 'trade'}). The head is the last content word before the
    first preposition ('share of Russia's trade' → 'share')."""
    words = content_words(metric or "")
    if not words:
        return "?", frozenset()
    # the first phrase with a content word: "types of chipmaking tools under export control"
    # counts tools (a classifier says nothing of what is counted)
    phrases = [content_words(part) for part in _PREPOSITION.split(metric or "")]
    head = next((phrase[-1] for phrase in phrases if phrase), words[-1])
    return head, frozenset(words)


def figure_about(figure: Figure, canonical: Callable[[str], str]) -> frozenset[str]:
    return frozenset(canonical(a) for a in figure.about)


def align_figures(figures: list[Figure], canonical: Callable[[str], str]) -> list[FactGroup]:
    blocks: dict[tuple, list[Figure]] = defaultdict(list)
    signatures = {}
    for figure in figures:
        head, words = metric_signature(figure.metric)
        if head == "?":
            continue  # a figure without a metric cannot be compared with anything
        if figure.unit == "count" and len(words) < 2 and not figure.about:
            continue  # "366 articles", "300 articles": a bare count says not what it counts
        signatures[figure.id] = words
        # a possibility ("could retest $100") meets only possibilities, never a measured value;
        # the level a change started "from" meets only other starting levels ("from 366.5 to 800
        # pesos" in two articles: 366.5 and 800 are two facts, not a conflict)
        blocks[(figure.kind, dimension(figure.unit), _period_key(figure.period), head, figure.hypothetical,
                figure.role == "from")].append(figure)
    groups = _Groups(f for block in blocks.values() for f in block)
    for a, b in _pairs_within(blocks):
        if a.evidence.doc_id == b.evidence.doc_id and a.evidence.sentence == b.evidence.sentence:
            continue  # two figures of one sentence are two different quantities
        if not _about_compatible(figure_about(a, canonical), figure_about(b, canonical)):
            continue
        if _jaccard(signatures[a.id], signatures[b.id]) >= METRIC_SIMILARITY:
            groups.union(a.id, b.id)
    result = []
    for members in groups.groups():
        first = members[0]
        about = sorted({x for m in members for x in figure_about(m, canonical)})
        key = f"{_most_common(m.metric for m in members)}"
        key += f" ({', '.join(about)})" if about else ""
        key += f", {first.period or 'period unknown'}, {first.unit}"
        result.append(FactGroup("figure", key, members))
    return result


def _period_key(period: str | None) -> str:
    return period or "?"


def _about_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Actors must agree when both figures name them; one silent side is no disagreement."""
    return not a or not b or a == b or a <= b or b <= a


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _most_common(values: Iterable[str | None]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for value in values:
        if value:
            counts[value] += 1
    if not counts:
        return "?"
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


# Events --------------------------------------------------------------------------------------


EVENT_DAYS_SLACK = 3  # a visit or summit spans days: "arrived on Monday" ~ "left on Wednesday"
# acts done on one day besides statements: two days given for one of them disagree ("a meeting
# on June 3" against "on Sunday", June 4); trigger roots as text.content_words gives them
ONE_DAY_TRIGGERS = {"meet", "met", "vote", "sign", "approv", "adopt", "elect", "appoint", "resign"}


def event_days_slack(a: Event, b: Event) -> int:
    """How many days apart two dates of one event may be: none for one-day acts (statements,
    meetings, votes, signings)."""
    return 0 if _one_day(a) and _one_day(b) else EVENT_DAYS_SLACK


def _one_day(event: Event) -> bool:
    return event.type == "statement" or _trigger_root(event) in ONE_DAY_TRIGGERS


def dates_compatible(a: str | None, b: str | None, slack_days: int = 0) -> bool:
    """Precision-aware: '2014' ~ '2014-03' ~ '2014-03-18'; '1950s' ~ '1957'; unknown ~ anything.
    `slack_days` lets two day-precise dates that close apart stand for one multi-day event."""
    if not a or not b:
        return True
    a_lo, a_hi = date_bounds(a)
    b_lo, b_hi = date_bounds(b)
    if a_lo <= b_hi and b_lo <= a_hi:
        return True
    if slack_days and len(a) == len(b) == 10:
        try:
            gap = abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
        except ValueError:
            return False
        return gap <= slack_days
    return False


def date_bounds(value: str) -> tuple[str, str]:
    """The first and last day (ISO) a date value can mean."""
    century = re.fullmatch(r"(\d{1,2})C", value)
    if century:
        start = (int(century.group(1)) - 1) * 100
        return f"{start:04d}-01-01", f"{start + 99:04d}-12-31"
    decade = re.fullmatch(r"(\d{3})0s", value)
    if decade:
        return f"{decade.group(1)}0-01-01", f"{decade.group(1)}9-12-31"
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01", f"{value}-12-31"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return f"{value}-01", f"{value}-31"
    return value[:10], value[:10]


def event_actors(event: Event, canonical: Callable[[str], str] | Actors) -> frozenset[str]:
    if isinstance(canonical, Actors):
        return canonical(event.actors)
    return frozenset(canonical(a) for a in event.actors)


def same_event(a: Event, b: Event, canonical: Callable[[str], str], actors: Actors | None = None) -> bool:
    """Two mentions of one event: same type and polarity; something ties them (a shared actor, or
    the same trigger word); nothing tells them apart (actors named on both sides but none shared,
    different places, incompatible dates). An untyped event ('other') needs the same trigger: the
    trigger is all we know of what happened. Incompatible dates within one year still make one
    event — told with two dates, a date conflict — when actors and trigger or place are the same."""
    if a.type != b.type or a.negated != b.negated:
        return False
    same_trigger = _trigger_root(a) == _trigger_root(b)
    actors_a, actors_b = event_actors(a, actors or canonical), event_actors(b, actors or canonical)
    dated_alike = bool(a.date and b.date) and dates_compatible(a.date, b.date, event_days_slack(a, b))
    if actors_a and actors_b and not actors_a & actors_b and not (same_trigger and dated_alike):
        return False  # different actors: different events, unless the same act on the same dates
    if not (actors_a & actors_b or same_trigger) or (a.type == "other" and not same_trigger):
        return False
    if a.place and b.place and canonical(a.place) != canonical(b.place):
        return False
    if not a.date or not b.date:
        return same_trigger  # an undated mention could be any event of its kind: be strict
    if dates_compatible(a.date, b.date, event_days_slack(a, b)):
        return True
    same_what = same_trigger or (a.place is not None and b.place is not None
                                 and canonical(a.place) == canonical(b.place))
    # told with two dates: only when a shared actor says it is the same act (two actorless
    # "investigations" of one year are as likely two investigations), and the other actors are
    # the same too, or trigger and place are and the dates days apart ("an OPEC+ meeting in
    # Vienna on June 3" with Saudi Arabia, "on Sunday" June 4 with its energy minister)
    if not actors_a & actors_b:
        return False
    if (actors_a <= actors_b or actors_b <= actors_a) and same_what:
        return _close_dates(a.date, b.date)
    same_place = a.place is not None and b.place is not None and canonical(a.place) == canonical(b.place)
    return same_trigger and same_place and _close_dates(a.date, b.date, SAME_PLACE_MAX_DAYS)


CONFLICTING_DATES_MAX_DAYS = 45  # farther apart, two dated meetings are two meetings
SAME_PLACE_MAX_DAYS = 7  # …and when only trigger and place (not all actors) say they are one


def _close_dates(a: str, b: str, max_days: int = CONFLICTING_DATES_MAX_DAYS) -> bool:
    """Close enough to be one act told with two dates ("June 3" against "Sunday, June 4"): the
    same year and, when both name a month, at most CONFLICTING_DATES_MAX_DAYS apart. Meetings,
    statements and votes recur; a June meeting and a November one are two."""
    if a[:4] != b[:4]:
        return False
    if len(a) < 7 or len(b) < 7 or not (a[:7].replace("-", "").isdigit() and b[:7].replace("-", "").isdigit()):
        return True
    first = dt.date(int(a[:4]), int(a[5:7]), int(a[8:10]) if len(a) >= 10 else 15)
    second = dt.date(int(b[:4]), int(b[5:7]), int(b[8:10]) if len(b) >= 10 else 15)
    return abs((first - second).days) <= max_days


def _trigger_root(event: Event) -> str:
    words = content_words(event.trigger)
    return words[-1] if words else event.trigger.lower()


def align_events(events: list[Event], canonical: Callable[[str], str],
                 actors: Actors | None = None) -> list[FactGroup]:
    """Blocks: (type, actor, year) and (type, trigger, year); undated and vaguely dated events
    (decades, centuries) are compared with every event of their type and trigger. Clusters merge
    only when every pair across them is the same event (no chaining through a vague mention)."""
    blocks: dict[tuple, list[Event]] = defaultdict(list)
    vague: dict[tuple, list[Event]] = defaultdict(list)
    for event in events:
        trigger = _trigger_root(event)
        if event.date and re.fullmatch(r"\d{4}(-\d{2}){0,2}", event.date):
            year = event.date[:4]
            blocks[(event.type, "trigger", trigger, year)].append(event)
            for actor in sorted(event_actors(event, actors or canonical)):
                blocks[(event.type, "actor", actor, year)].append(event)
        vague[(event.type, trigger)].append(event)
    pairs: set[tuple[str, str]] = set()
    by_id = {e.id: e for e in events}
    for a, b in _pairs_within(blocks):
        pairs.add((a.id, b.id) if a.id < b.id else (b.id, a.id))
    for members in vague.values():
        for a in members:
            if a.date and re.fullmatch(r"\d{4}(-\d{2}){0,2}", a.date):
                continue
            pairs.update((min(a.id, b.id), max(a.id, b.id)) for b in members if b.id != a.id)
    groups = _Groups(events)
    for a_id, b_id in sorted(pairs):
        a, b = by_id[a_id], by_id[b_id]
        if same_event(a, b, canonical, actors):
            groups.union_if_all(a.id, b.id, lambda x, y: same_event(x, y, canonical, actors)
                                or _compatible(x, y, canonical, actors))
    result = []
    for members in groups.groups():
        names = sorted({x for m in members for x in event_actors(m, canonical)})
        dates = sorted({m.date for m in members if m.date})
        key = f"{members[0].type}: {_most_common(m.trigger for m in members)} ({', '.join(names)})"
        key += f", {' / '.join(dates) if dates else 'date unknown'}"
        result.append(FactGroup("event", key, members))
    return result


def _compatible(a: Event, b: Event, canonical: Callable[[str], str], actors: Actors | None = None) -> bool:
    """Not the same event by themselves, but nothing contradicts their being one."""
    actors_a, actors_b = event_actors(a, actors or canonical), event_actors(b, actors or canonical)
    if a.type != b.type or a.negated != b.negated:
        return False
    if actors_a and actors_b and not actors_a & actors_b and not (
            _trigger_root(a) == _trigger_root(b) and a.date and b.date
            and dates_compatible(a.date, b.date, event_days_slack(a, b))):
        return False
    if a.place and b.place and canonical(a.place) != canonical(b.place):
        return False
    nested = actors_a <= actors_b or actors_b <= actors_a
    return dates_compatible(a.date, b.date, event_days_slack(a, b)) or (nested and _close_dates(a.date, b.date))


# Claims --------------------------------------------------------------------------------------


def claim_words(claim: Claim, canonical: Callable[[str], str], phrases: frozenset[str]) -> frozenset[str]:
    words = set(content_words(claim.evidence.text))
    words.update(f"@{canonical(e)}" for e in claim.entities)
    words.update(f'"{key}"' for key in phrases)
    return frozenset(words)


def align_claims(claims: list[Claim], canonical: Callable[[str], str],
                 phrases_by_sentence: dict[tuple[str, int], frozenset[str]],
                 events_by_sentence: dict[tuple[str, int], list[Event]] | None = None,
                 actors: Actors | None = None) -> list[FactGroup]:
    candidates = [c for c in claims if c.checkworthiness >= CLAIM_MIN_CHECKWORTHINESS or
                  (c.evidence.doc_id, c.evidence.sentence) in phrases_by_sentence]
    words = {
        c.id: claim_words(c, canonical, phrases_by_sentence.get((c.evidence.doc_id, c.evidence.sentence), frozenset()))
        for c in candidates
    }
    groups = _Groups(candidates)
    encoder = load_encoder()
    threshold = CLAIM_LSH_THRESHOLD_WITH_EMBEDDINGS if encoder else CLAIM_LSH_THRESHOLD
    pairs = [(a, b) for a, b in _claim_candidate_pairs(candidates, words, phrases_by_sentence, threshold)
             if a.evidence.doc_id != b.evidence.doc_id]  # a document restating itself is no corroboration
    similar = _cosine_similar(pairs, encoder) if encoder else None
    for a, b in pairs:
        if _claims_match(a, b, words, canonical, similar):
            groups.union(a.id, b.id)
    for a, b in _same_action_pairs(candidates, events_by_sentence or {}, actors or Actors(_Plain(canonical))):
        groups.union(a.id, b.id)
    result = []
    for members in groups.groups():
        if len({m.evidence.doc_id for m in members}) < 2 and members[0].checkworthiness < 0.6:
            continue  # only check-worthy claims stand as facts on their own
        first = min(members, key=lambda c: (-c.checkworthiness, c.id))
        result.append(FactGroup("claim", _claim_key(first), members))
    return result


def _cosine_similar(pairs: list[tuple[Claim, Claim]], encoder) -> set[tuple[str, str]]:
    """Candidate pairs whose sentence embeddings are close (the `embeddings` extra)."""
    claims = {c.id: c for pair in pairs for c in pair}
    ids = sorted(claims)
    if not ids:
        return set()
    vectors = dict(zip(ids, encoder.encode([claims[i].evidence.text for i in ids])))
    return {(a.id, b.id) for a, b in pairs if float(vectors[a.id] @ vectors[b.id]) >= SAME_CLAIM_COSINE}


def _claim_candidate_pairs(claims: list[Claim], words: dict[str, frozenset[str]],
                           phrases_by_sentence: dict[tuple[str, int], frozenset[str]],
                           threshold: float = CLAIM_LSH_THRESHOLD) -> Iterable[tuple[Claim, Claim]]:
    """Candidate pairs from an LSH index (near-linear) plus claims quoting the same coined phrase."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    by_id = {c.id: c for c in claims}
    seen: set[tuple[str, str]] = set()
    ordered = sorted(claims, key=lambda c: c.id)
    # MinHash.bulk shares one set of permutations: building them per claim dominated the cost.
    signatures = MinHash.bulk([[w.encode("utf-8") for w in sorted(words[c.id])] for c in ordered],
                              num_perm=NUM_PERM, seed=7)
    for claim, signature in zip(ordered, signatures):
        for other in sorted(lsh.query(signature)):
            seen.add((other, claim.id))
        lsh.insert(claim.id, signature)
    by_phrase: dict[str, list[str]] = defaultdict(list)
    for claim in claims:
        for key in phrases_by_sentence.get((claim.evidence.doc_id, claim.evidence.sentence), ()):
            by_phrase[key].append(claim.id)
    for ids in by_phrase.values():
        ids.sort()
        seen.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
    for a, b in sorted(seen):
        yield by_id[a], by_id[b]


@dataclass
class _Plain:
    canonical: Callable[[str], str]
    entities: list = field(default_factory=list)


def action_signatures(claim: Claim, events_by_sentence: dict[tuple[str, int], list[Event]],
                      actors: Actors) -> list[tuple[str, frozenset[str], frozenset[str]]]:
    """(event type, actors, object words) for each action the claim's sentence reports with at
    least two actors: who did what to whom, with what. Object words are the lowercase content
    words of the event's clause other than its trigger (names are left to the actors)."""
    signatures = []
    for event in events_by_sentence.get((claim.evidence.doc_id, claim.evidence.sentence), ()):
        names = actors(event.actors)
        if len(names) < 2:
            continue
        lowercase = " ".join(w for w in re.findall(r"[\w'-]+", event.evidence.text) if w[:1].islower())
        objects = frozenset(content_words(lowercase)) - frozenset(content_words(event.trigger))
        if objects:
            signatures.append((event.type, names, objects))
    return signatures


def _same_action_pairs(claims: list[Claim], events_by_sentence: dict[tuple[str, int], list[Event]],
                       actors: Actors) -> Iterable[tuple[Claim, Claim]]:
    """Claims reporting the same action — same event type, the same two actors or more, a shared
    object word — whatever their polarity: "Beijing shipped weapons to Russia" and "China refrained
    from supplying lethal aid to Russia" are one question, answered two ways."""
    signatures = {c.id: action_signatures(c, events_by_sentence, actors) for c in claims}
    blocks: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        for event_type, names, _ in signatures[claim.id]:
            blocks[(event_type, tuple(sorted(names)[:2]))].append(claim)
    for a, b in _pairs_within(blocks):
        if a.evidence.doc_id == b.evidence.doc_id or a.id == b.id:
            continue
        if any(ta == tb and len(na & nb) >= 2 and oa & ob
               for ta, na, oa in signatures[a.id] for tb, nb, ob in signatures[b.id]):
            yield a, b


def _claims_match(a: Claim, b: Claim, words: dict[str, frozenset[str]], canonical: Callable[[str], str],
                  similar: set[tuple[str, str]] | None = None) -> bool:
    """Shared actors (when both name some) and either a shared coined phrase or enough meaning in
    common: embedding cosine when available, else overlap of content words."""
    entities_a = {canonical(e) for e in a.entities}
    entities_b = {canonical(e) for e in b.entities}
    if entities_a and entities_b and not entities_a & entities_b:
        return False
    wa, wb = words[a.id], words[b.id]
    shared_phrase = any(w.startswith('"') for w in wa & wb)
    if shared_phrase:
        return True
    if similar is not None:
        return (a.id, b.id) in similar
    return _jaccard(wa, wb) >= CLAIM_SIMILARITY


def _claim_key(claim: Claim) -> str:
    parts = [claim.subject, claim.predicate, claim.object]
    key = " ".join(p for p in parts if p)
    return key or claim.evidence.text[:80]


# Quotes --------------------------------------------------------------------------------------


def align_quotes(quotes: list[Quote]) -> list[FactGroup]:
    """Quotes with (nearly) the same words; blocked by their first content word."""
    blocks: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        words = content_words(quote.text)
        blocks[words[0] if words else "?"].append(quote)
    groups = _Groups(quotes)
    for a, b in _pairs_within(blocks):
        if fuzz.token_sort_ratio(_plain(a.text), _plain(b.text)) >= QUOTE_SIMILARITY \
                or _quoted_in_part(_plain(a.text), _plain(b.text)):
            groups.union(a.id, b.id)
    return [FactGroup("quote", f"“{members[0].text[:80]}”", members) for members in groups.groups()]


QUOTED_PART_MIN_WORDS = 4
QUOTED_PART_MIN_SHARE = 0.4


def _quoted_in_part(a: str, b: str) -> bool:
    """One quote is a stretch of the other ("a stab in the back" of "a stab in the back of our
    country and our people"): long enough not to be a stock phrase, a good part of the whole."""
    short, long = sorted((a, b), key=len)
    words = len(short.split())
    return words >= QUOTED_PART_MIN_WORDS and words >= QUOTED_PART_MIN_SHARE * len(long.split()) \
        and f" {short} " in f" {long} "


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
