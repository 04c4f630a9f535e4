"""Typed records that flow between the pipeline stages.

Every record that comes from text carries `Evidence`: the document, the sentence index and the
character span in the document text. Records are plain dataclasses so that they pickle (process
pools, Ray) and serialise to JSON (database, report.json) without custom code.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, TypeVar

T = TypeVar("T")


def stable_id(prefix: str, *parts: object) -> str:
    """A short id derived from content only, so the same input always gives the same id."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:12]}"


@dataclass(frozen=True, order=True)
class Evidence:
    doc_id: str
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    path: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A span that names an actor, with what the document itself says about it."""

    id: str
    evidence: Evidence
    name: str  # surface form with titles stripped ("Xi Jinping")
    kind: str  # PERSON, ORG, GPE, NORP, LOC, FAC, EVENT
    role: str | None = None  # title stripped from the surface ("President of China")
    local_name: str | None = None  # the fullest name this document uses for the same actor
    refers_to: str | None = None  # canonical actor for metonymy/demonyms ("China" for "Beijing")


@dataclass(frozen=True)
class TimeExpression:
    id: str
    evidence: Evidence
    value: str | None  # ISO prefix at its precision: "2022", "2022-02", "2022-02-24", "1950s", "13C"
    precision: str  # day | month | year | decade | century | unknown
    end: str | None = None  # for ranges ("2014/2023"): the end value
    relative: bool = False
    anchor: str | None = None  # what a relative expression was resolved against


@dataclass(frozen=True)
class Figure:
    id: str
    evidence: Evidence
    value: float
    unit: str  # ISO 4217 code, percent, percentage_point, mile, km, barrel, barrel_per_day, troops, people, count, times
    surface: str
    scale: float = 1.0  # multiplier applied to the written number ("billion" → 1e9)
    qualifier: str | None = None  # about | over | under | nearly | at_least | up_to
    kind: str = "level"  # level | change | share | multiplier
    change_from: float | None = None
    change_to: float | None = None
    period: str | None = None
    period_precision: str | None = None
    period_text: str | None = None
    metric: str | None = None
    about: tuple[str, ...] = ()
    hypothetical: bool = False  # a possibility or open condition ("could retest $100"), not a fact
    role: str | None = None  # "from" | "to" (two ends of a change in one sentence) | "low" | "high" (a range)


# the event ontology of docs/event-ontology.md
EVENT_TYPES = frozenset({
    "statement", "agree", "consult", "cooperate_economic", "cooperate_military",
    "cooperate_diplomatic", "aid", "investigate", "demand", "disapprove", "reject", "threaten",
    "sanction", "attack", "exercise", "other",
})


@dataclass(frozen=True)
class Event:
    id: str
    evidence: Evidence
    type: str
    trigger: str
    actors: tuple[str, ...] = ()
    date: str | None = None
    date_precision: str = "unknown"
    place: str | None = None
    negated: bool = False


@dataclass(frozen=True)
class Quote:
    id: str
    evidence: Evidence  # the quoted words, without the quote marks
    text: str
    speaker: str | None = None
    speaker_role: str | None = None
    speaker_affiliation: str | None = None
    cue: str | None = None  # the attribution verb or phrase ("said", "according to")
    speaker_description: str | None = None  # an unnamed speaker: "a senior European diplomat"


@dataclass(frozen=True)
class Phrase:
    """A scare-quoted or coined phrase ("no limits"): quoted, but not speech."""

    id: str
    evidence: Evidence
    text: str


@dataclass(frozen=True)
class Claim:
    id: str
    evidence: Evidence  # the whole sentence
    subject: str | None
    predicate: str | None
    object: str | None
    polarity: str = "positive"  # positive | negative
    hedged: bool = False
    hedges: tuple[str, ...] = ()
    asserted_by: str = "author"  # "author" or the attributed speaker
    vague_attribution: str | None = None  # "analysts say"
    checkworthiness: float = 0.0
    reasons: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()


@dataclass
class DocumentAnalysis:
    """Everything the per-document stages learn about one document."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    phrases: list[Phrase] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


# Corpus-level records (resolve / align / assess)


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    mentions: tuple[Evidence, ...]
    documents: tuple[str, ...]


@dataclass(frozen=True)
class FactMember:
    record_id: str
    record_kind: str
    doc_id: str
    evidence: Evidence
    summary: str


@dataclass(frozen=True)
class Fact:
    id: str
    kind: str  # figure | event | claim | quote
    key: str  # human-readable description of what the members state
    members: tuple[FactMember, ...]
    independent_sources: int
    source_groups: tuple[str, ...]
    status: str  # corroborated | single-source | conflicted


@dataclass(frozen=True)
class Conflict:
    id: str
    kind: str  # numeric | date | polarity | attribution
    fact: str
    members: tuple[FactMember, ...]
    explanation: str


@dataclass(frozen=True)
class Flag:
    id: str
    kind: str
    evidence: tuple[Evidence, ...]
    reason: str
    subject: str | None = None


@dataclass(frozen=True)
class Check:
    id: str
    kind: str  # growth | sum | date_offset | conversion
    expression: str
    result: str
    consistent: bool
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class SourceProfile:
    id: str
    scope: str  # document | outlet
    name: str
    documents: tuple[str, ...]
    source_group: str | None
    claims: int
    corroborated: int
    contradicted: int
    single_source: int
    unverifiable_speakers: int
    hedged: int
    hedging_rate: float


@dataclass
class CorpusAnalysis:
    """Everything the corpus-level stages derive from the stored documents."""

    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    sources: list[SourceProfile] = field(default_factory=list)
    source_groups: dict[str, str] = field(default_factory=dict)  # doc_id → group id


def to_dict(record: Any) -> Any:
    """JSON-ready form of a record (tuples become lists)."""
    if is_dataclass(record):
        return {f.name: to_dict(getattr(record, f.name)) for f in fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(x) for x in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record written by `to_dict` (nested Evidence and FactMember included)."""
    kwargs: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name not in data:
            continue
        value = data[f.name]
        kwargs[f.name] = _revive(f.name, value)
    return cls(**kwargs)


def _revive(name: str, value: Any) -> Any:
    if name == "evidence":
        if isinstance(value, list):
            return tuple(Evidence(**v) for v in value)
        return Evidence(**value)
    if name == "mentions" and value and isinstance(value[0], dict) and "doc_id" in value[0]:
        return tuple(Evidence(**v) for v in value)
    if name == "members":
        return tuple(
            FactMember(**{**m, "evidence": Evidence(**m["evidence"])}) for m in value
        )
    if isinstance(value, list):
        return tuple(value)
    return value

