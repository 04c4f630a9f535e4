"""Conflicts inside aligned facts, each with both sides' evidence and a one-line explanation.

- numeric: figures for the same fact whose allowed intervals (values.py) do not overlap;
- date: the same event placed at incompatible dates (precision-aware);
- polarity: one source says it happened, another that it did not or was refrained from;
- attribution: the same quote given to different speakers.
Only members from different source groups can conflict: a copy cannot contradict its original.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..align import FactGroup, dates_compatible, event_days_slack
from ..units import TIMELESS_UNITS, in_base_unit
from ..records import Conflict, FactMember, stable_id
from .values import consistent, describe, interval


def find_conflicts(group: FactGroup, fact_id: str, members: dict[str, FactMember],
                   source_of: Callable[[str], str], canonical: Callable[[str], str],
                   label: Callable[[str], str]) -> list[Conflict]:
    """`members`: record id → its FactMember; `label(doc_id)` names a document for people."""
    finder = {"figure": _numeric, "event": _date, "claim": _polarity, "quote": _attribution}[group.kind]
    found = finder(group, source_of, canonical)
    conflicts = []
    for kind, sides, explanation in found:
        involved = tuple(sorted((members[r.id] for side in sides for r in side),
                                key=lambda m: (m.doc_id, m.evidence.start, m.record_id)))
        text = explanation(label)
        conflicts.append(Conflict(
            id=stable_id("conf", kind, fact_id, *(m.record_id for m in involved)),
            kind=kind, fact=fact_id, members=involved, explanation=text,
        ))
    return conflicts


def _split(records: list[Any], same: Callable[[Any, Any], bool]) -> list[list[Any]]:
    """Partition records into clusters that agree with their cluster's first member."""
    clusters: list[list[Any]] = []
    for record in records:
        for cluster in clusters:
            if all(same(record, other) for other in cluster):
                cluster.append(record)
                break
        else:
            clusters.append([record])
    return clusters


def _independent(sides: list[list[Any]], source_of: Callable[[str], str]) -> bool:
    """True when two sides hold records from different source groups."""
    groups = [{source_of(r.evidence.doc_id) for r in side} for side in sides]
    return any(a | b != a & b or len(a) > 1
               for i, a in enumerate(groups) for b in groups[i + 1:])


def _who(side: list[Any], label: Callable[[str], str]) -> str:
    return ", ".join(sorted({label(r.evidence.doc_id) for r in side}))


def _numeric(group: FactGroup, source_of, _canonical):
    # Precise statements found the sides; vaguer ones join the first side they fit. A figure that
    # fits every side ("over $200 billion" next to 240 and 280) takes no side and is left out.
    if any(f.period is None and f.unit not in TIMELESS_UNITS for f in group.members):
        return []  # two undated prices or shares may be of two days: no contradiction shown
    if any(f.hypothetical for f in group.members):
        return []  # "could retest $100" and "could fall to $70" are two scenarios, not a dispute
    ordered = sorted(group.members, key=lambda f: (_width(f), _base_value(f), f.id))
    clusters = _split(ordered, consistent)
    if len(clusters) < 2:
        return []
    seeds = [c[0] for c in clusters]
    clusters = [[f for f in c if not all(consistent(f, seed) for seed in seeds)] for c in clusters]
    clusters = sorted((c for c in clusters if c), key=lambda c: _base_value(_most_precise(c)))
    if len(clusters) < 2 or not _independent(clusters, source_of):
        return []

    def explanation(label):
        shown = [_most_precise(c) for c in clusters]
        sides = "; ".join(f"{describe(f)} ({_who(c, label)})" for f, c in zip(shown, clusters))
        low, high = _base_value(shown[0]), _base_value(shown[-1])
        gap = f", {abs(high - low) / abs(low) * 100:.1f}% apart" if low else ""
        return f"{group.key}: {sides}{gap}, more than their wording allows"

    return [("numeric", clusters, explanation)]


def _base_value(figure: Any) -> float:
    return in_base_unit(figure.value, figure.unit)  # "125 miles" beside "200 km"


def _width(figure: Any) -> float:
    low, high = interval(figure)
    return high - low


def _most_precise(cluster: list[Any]) -> Any:
    """The member whose wording allows the narrowest range ("$240 billion" over "over $200 billion")."""
    return min(cluster, key=lambda f: (_width(f), f.id))


# Policies and flows that last for months (sanctions, trade, aid): two reports naming different
# months of one year describe stages of it, not contradicting dates; compare them by year.
LASTING_EVENT_TYPES = {"sanction", "cooperate_economic", "cooperate_military", "cooperate_diplomatic", "aid"}


# plain speech: an actor says things on many days, so two "said on …" are no one act told twice
_PLAIN_SPEECH = re.compile(r"^(?:say|says|said|saying|tell|tells|told|telling|state|states|stated|stating|"
                           r"react(?:s|ed|ing)?|respond(?:s|ed|ing)?|repl(?:y|ies|ied|ying)|"
                           r"promis(?:e|es|ed|ing)|warn(?:s|ed|ing)?|urg(?:e|es|ed|ing))$", re.I)


def _date(group: FactGroup, source_of, _canonical):
    dated = sorted((e for e in group.members if e.date), key=lambda e: (e.date, e.id))
    if all(_PLAIN_SPEECH.match(e.trigger) for e in dated):
        return []
    lasting = all(e.type in LASTING_EVENT_TYPES for e in dated)

    def compatible(a, b) -> bool:
        if lasting:
            return dates_compatible(a.date[:4], b.date[:4])
        return dates_compatible(a.date, b.date, event_days_slack(a, b))

    clusters = _split(dated, compatible)
    if len(clusters) < 2 or not _independent(clusters, source_of):
        return []

    def explanation(label):
        sides = " vs ".join(f"{c[0].date} ({_who(c, label)})" for c in clusters)
        return f"{group.key.rsplit(', ', 1)[0]}: dated {sides}"

    return [("date", clusters, explanation)]


def _polarity(group: FactGroup, source_of, _canonical):
    # A hedged claim ("is considering", "reportedly") asserts nothing that a denial contradicts.
    positive = [c for c in group.members if c.polarity == "positive" and not c.hedged]
    negative = [c for c in group.members if c.polarity == "negative" and not c.hedged]
    if not positive or not negative or not _independent([positive, negative], source_of):
        return []

    def explanation(label):
        return (f"{_who(positive, label)} say it happened (“{_short(positive[0].evidence.text)}”); "
                f"{_who(negative, label)} say it did not (“{_short(negative[0].evidence.text)}”)")

    return [("polarity", [positive, negative], explanation)]


def _attribution(group: FactGroup, source_of, canonical):
    attributed = [q for q in group.members if q.speaker]
    by_speaker: dict[str, list[Any]] = {}
    for quote in sorted(attributed, key=lambda q: q.id):
        by_speaker.setdefault(canonical(quote.speaker), []).append(quote)
    if len(by_speaker) < 2:
        return []
    sides = [by_speaker[name] for name in sorted(by_speaker)]
    if not _independent(sides, source_of):
        return []

    def explanation(label):
        who = " vs ".join(f"{name} ({_who(by_speaker[name], label)})" for name in sorted(by_speaker))
        return f"the same words “{_short(sides[0][0].text)}” are attributed to {who}"

    return [("attribution", sides, explanation)]


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
