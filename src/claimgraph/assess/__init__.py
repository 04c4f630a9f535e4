"""Assess stage: for every aligned fact, which independent sources back it and which contradict
it; arithmetic checks; flags for what cannot be verified inside the corpus; source profiles.

Independence: copies and near-copies form one source group (sources.py); corroboration counts
groups, not documents.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Protocol

from ..align import FactGroup
from ..records import (
    Claim,
    Conflict,
    CorpusAnalysis,
    DocumentAnalysis,
    Entity,
    Fact,
    FactMember,
    Flag,
    SourceProfile,
    stable_id,
)
from .checks import arithmetic_checks
from .conflicts import find_conflicts
from .sources import group_sources

SINGLE_SOURCE_CHECKWORTHINESS = 0.6


class Resolution(Protocol):
    entities: list[Entity]

    def canonical(self, name: str) -> str: ...


def assess_corpus(analyses: list[DocumentAnalysis], resolution: Resolution,
                  groups: list[FactGroup]) -> CorpusAnalysis:
    source_groups = group_sources(analyses)
    documents = {a.document.id: a.document for a in analyses}

    def source_of(doc_id: str) -> str:
        return source_groups.get(doc_id, doc_id)

    def label(doc_id: str) -> str:
        doc = documents.get(doc_id)
        return (doc.outlet or doc.title or doc.path) if doc else doc_id

    facts, conflicts = [], []
    for group in groups:
        members = {r.id: FactMember(r.id, group.kind, r.evidence.doc_id, r.evidence, _summary(group.kind, r))
                   for r in group.members}
        fact_id = stable_id("fact", group.kind, *sorted(members))
        found = find_conflicts(group, fact_id, members, source_of, resolution.canonical, label)
        conflicts.extend(found)
        facts.append(_fact(fact_id, group, members, source_of, bool(found)))
    facts.sort(key=lambda f: (f.kind, f.key, f.id))
    flags = flag_records(analyses, resolution, facts, source_of, label)
    return CorpusAnalysis(
        entities=sorted(resolution.entities, key=lambda e: e.id),
        facts=facts,
        conflicts=sorted(conflicts, key=lambda c: (c.kind, c.fact, c.id)),
        flags=flags,
        checks=arithmetic_checks(analyses, groups),
        sources=source_profiles(analyses, facts, conflicts, flags, source_groups),
        source_groups=source_groups,
    )


def _summary(kind: str, record: Any) -> str:
    if kind == "figure":
        return f"{record.surface} ({record.period or 'period unknown'})"
    if kind == "event":
        return f"{record.trigger} ({record.date or 'date unknown'})"
    if kind == "quote":
        return f"{record.speaker or 'unattributed'}: “{record.text[:80]}”"
    return record.evidence.text[:120]


def _fact(fact_id: str, group: FactGroup, members: dict[str, FactMember], source_of, conflicted: bool) -> Fact:
    ordered = tuple(sorted(members.values(), key=lambda m: (m.doc_id, m.evidence.start, m.record_id)))
    independent = tuple(sorted({source_of(m.doc_id) for m in ordered}))
    if conflicted:
        status = "conflicted"
    else:
        status = "corroborated" if len(independent) >= 2 else "single-source"
    return Fact(fact_id, group.kind, group.key, ordered, len(independent), independent, status)


# Flags -------------------------------------------------------------------------------------


def flag_records(analyses: list[DocumentAnalysis], resolution: Resolution, facts: list[Fact],
                 source_of, label) -> list[Flag]:
    flags: list[Flag] = []
    fact_of = {m.record_id: f for f in facts for m in f.members}
    flags += _single_source_claims(analyses, fact_of, label)
    flags += _unverifiable_speakers(analyses, resolution, source_of, label)
    flags += _vague_attributions(analyses)
    flags += _hedged_reported_as_fact(facts, analyses, label)
    unique = {f.id: f for f in flags}
    return sorted(unique.values(), key=lambda f: (f.kind, f.evidence[0].doc_id, f.evidence[0].start, f.id))


def _single_source_claims(analyses, fact_of, label) -> list[Flag]:
    flags = []
    for claim in (c for a in analyses for c in a.claims):
        if claim.checkworthiness < SINGLE_SOURCE_CHECKWORTHINESS:
            continue
        fact = fact_of.get(claim.id)
        if fact is None or fact.independent_sources < 2:
            flags.append(Flag(stable_id("flag", "single_source", claim.id), "single_source", (claim.evidence,),
                              f"check-worthy ({claim.checkworthiness:.2f}: {', '.join(claim.reasons)}) "
                              f"and stated only by {label(claim.evidence.doc_id)}", claim.subject))
    return flags


def _unverifiable_speakers(analyses, resolution, source_of, label) -> list[Flag]:
    entity_by_name = {e.name: e for e in resolution.entities}
    flags = []
    for quote in (q for a in analyses for q in a.quotes):
        if not quote.speaker:
            continue
        name = resolution.canonical(quote.speaker)
        entity = entity_by_name.get(name)
        documents = entity.documents if entity else (quote.evidence.doc_id,)
        groups = {source_of(d) for d in documents} | {source_of(quote.evidence.doc_id)}
        if len(groups) == 1:
            role = ", ".join(x for x in (quote.speaker_role, quote.speaker_affiliation) if x)
            who = f"{name} ({role})" if role else name
            flags.append(Flag(stable_id("flag", "unverifiable_speaker", quote.id), "unverifiable_speaker",
                              (quote.evidence,), f"{who} is quoted only by {label(quote.evidence.doc_id)}; "
                              "no other source mentions this speaker", name))
    return flags


def _vague_attributions(analyses) -> list[Flag]:
    return [
        Flag(stable_id("flag", "vague_attribution", c.id), "vague_attribution", (c.evidence,),
             f"attributed only to “{c.vague_attribution}”: no named source", c.vague_attribution)
        for a in analyses for c in a.claims if c.vague_attribution
    ]


def _hedged_reported_as_fact(facts, analyses, label) -> list[Flag]:
    claims: dict[str, Claim] = {c.id: c for a in analyses for c in a.claims}
    flags = []
    for fact in facts:
        if fact.kind != "claim":
            continue
        members = [claims[m.record_id] for m in fact.members if m.record_id in claims]
        hedged = [c for c in members if c.hedged]
        plain = [c for c in members if not c.hedged and c.evidence.doc_id not in {h.evidence.doc_id for h in hedged}]
        if hedged and plain:
            cues = ", ".join(sorted({h for c in hedged for h in c.hedges}))
            flags.append(Flag(
                stable_id("flag", "hedged_as_fact", fact.id), "hedged_as_fact",
                tuple(sorted(c.evidence for c in hedged + plain)),
                f"hedged by {', '.join(sorted({label(c.evidence.doc_id) for c in hedged}))} ({cues}) "
                f"but stated as fact by {', '.join(sorted({label(c.evidence.doc_id) for c in plain}))}",
                fact.key))
    return flags


# Source profiles ---------------------------------------------------------------------------


def source_profiles(analyses: list[DocumentAnalysis], facts: list[Fact], conflicts: list[Conflict],
                    flags: list[Flag], source_groups: dict[str, str]) -> list[SourceProfile]:
    fact_of = {m.record_id: f for f in facts for m in f.members}
    contested = {m.record_id for c in conflicts for m in c.members}
    unverifiable = defaultdict(set)
    for flag in flags:
        if flag.kind == "unverifiable_speaker":
            unverifiable[flag.evidence[0].doc_id].add(flag.subject)
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for analysis in analyses:
        doc = analysis.document
        counts = _claim_counts(analysis.claims, fact_of, contested)
        counts["unverifiable"] = unverifiable[doc.id]
        _accumulate(rows, ("document", doc.id), doc.title or doc.path, doc.id, source_groups.get(doc.id), counts)
        _accumulate(rows, ("outlet", doc.outlet or "unknown outlet"), doc.outlet or "unknown outlet", doc.id,
                    None, counts)
    profiles = []
    for (scope, key), row in sorted(rows.items()):
        claims = row["claims"]
        profiles.append(SourceProfile(
            id=stable_id("srcp", scope, key), scope=scope, name=row["name"],
            documents=tuple(sorted(row["documents"])), source_group=row["group"], claims=claims,
            corroborated=row["corroborated"], contradicted=row["contradicted"],
            single_source=row["single_source"], unverifiable_speakers=len(row["unverifiable"]),
            hedged=row["hedged"], hedging_rate=round(row["hedged"] / claims, 4) if claims else 0.0,
        ))
    return profiles


def _claim_counts(claims: list[Claim], fact_of: dict[str, Fact], contested: set[str]) -> dict[str, Any]:
    counts = {"claims": len(claims), "corroborated": 0, "contradicted": 0, "single_source": 0, "hedged": 0}
    for claim in claims:
        fact = fact_of.get(claim.id)
        if claim.id in contested:
            counts["contradicted"] += 1
        elif fact and fact.independent_sources >= 2:
            counts["corroborated"] += 1
        else:
            counts["single_source"] += 1
        counts["hedged"] += claim.hedged
    return counts


def _accumulate(rows, key, name, doc_id, group, counts) -> None:
    row = rows.setdefault(key, {"name": name, "documents": set(), "group": group, "claims": 0, "corroborated": 0,
                                "contradicted": 0, "single_source": 0, "hedged": 0, "unverifiable": set()})
    row["documents"].add(doc_id)
    for field_name in ("claims", "corroborated", "contradicted", "single_source", "hedged"):
        row[field_name] += counts[field_name]
    row["unverifiable"] |= counts["unverifiable"]
