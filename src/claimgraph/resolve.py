"""Resolve stage: mentions from all documents → one entity per real actor.

- A mention that stands for a state or an organisation (`refers_to`: "Beijing", "the Kremlin",
  "Chinese", "U.S.", "SCO") joins that actor's entity.
- Other mentions are keyed by the fullest name their document uses for them (`local_name`), with
  case, accents, dots and hyphens normalised. Non-person names with the same key join, whatever
  label NER gave each mention (the majority label wins).
- People's names that differ in spelling ("Antony"/"Anthony Blinken", "Sergei"/"Sergey Lavrov")
  merge when the surname is the same, the first names are close (rapidfuzz) and middle names do
  not contradict each other: "George W. Bush" and "George H. W. Bush" stay apart, and a bare
  "George Bush" that would fit both joins neither. Names are compared only inside blocks that
  share a surname, so the cost stays near-linear in the number of distinct names.
- A bare surname or given name ("Blinken" in an article that never spells out the full name) joins
  the one person in the corpus whose full name has that word first or last; when two people fit
  ("Clinton"), it stays on its own.
- The canonical name is the most frequent full form (ties alphabetical); the entity id is derived
  from kind and canonical name, so reruns give the same ids.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from cleanco import basename as without_legal_form
from nameparser import HumanName
from rapidfuzz import fuzz

from .gazetteer import gazetteer, normalise
from .records import DocumentAnalysis, Entity, Evidence, Mention, stable_id

FIRST_NAME_SIMILARITY = 80  # rapidfuzz ratio: "Antony"/"Anthony" 92, "Sergei"/"Sergey" 83
_KIND_ORDER = ("PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "EVENT")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass
class Resolution:
    """Entities of a corpus, and the way from any mention or name to them."""

    entities: list[Entity] = field(default_factory=list)
    by_mention: dict[str, str] = field(default_factory=dict, repr=False)  # mention id → entity id
    by_name: dict[str, str] = field(default_factory=dict, repr=False)  # normalised name → entity id

    def __post_init__(self) -> None:
        self._by_id = {e.id: e for e in self.entities}

    def entity_of(self, mention_id: str) -> Entity | None:
        entity_id = self.by_mention.get(mention_id)
        return self._by_id.get(entity_id) if entity_id else None

    def entity_named(self, name: str) -> Entity | None:
        """The entity a name (surface form, short form, alias, demonym, …) stands for."""
        for key in _lookup_keys(name):
            entity_id = self.by_name.get(key)
            if entity_id:
                return self._by_id[entity_id]
        return None

    def canonical(self, name: str) -> str:
        """Canonical name for any name seen in the corpus ("Xi" → "Xi Jinping", "Beijing" →
        "China"); a state or organisation the gazetteer knows; otherwise the input itself."""
        if not name:
            return name
        entity = self.entity_named(name)
        if entity is not None:
            return entity.name
        referent = gazetteer().lookup(_strip_name(name))
        return referent.canonical if referent is not None else name


def resolve_entities(analyses: list[DocumentAnalysis]) -> Resolution:
    mentions = sorted((m for a in analyses for m in a.mentions),
                      key=lambda m: (m.evidence.doc_id, m.evidence.start, m.evidence.end, m.id))
    clusters = _cluster(mentions)
    entities: dict[str, _Cluster] = {}
    for cluster in clusters:  # two clusters with one (kind, name) are one entity
        entity_id = stable_id("ent", cluster.kind, cluster.name)
        if entity_id in entities:
            entities[entity_id].members.extend(cluster.members)
        else:
            entities[entity_id] = cluster
    built = [_entity(entity_id, cluster) for entity_id, cluster in entities.items()]
    built.sort(key=lambda e: (-len(e.mentions), e.name, e.kind))
    by_mention = {m.id: entity_id for entity_id, c in entities.items() for m in c.members}
    return Resolution(built, by_mention, _name_index(entities))


# -- clustering ---------------------------------------------------------------------------


@dataclass
class _Cluster:
    kind: str
    name: str = ""
    members: list[Mention] = field(default_factory=list)


def _base_name(mention: Mention) -> str:
    return mention.local_name or mention.name


def _key(name: str) -> str:
    return normalise(name).replace("-", " ")


def _acronyms(mentions: list[Mention]) -> dict[str, str]:
    """Acronym → the one organisation name it stands for across the corpus: spelled out in some
    document ("Tokyo Electric Power Company Holdings (TEPCO)") or the initials of a name
    ("IAEA" of "International Atomic Energy Agency"); an acronym two names fit is left alone."""
    found: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        name, local = mention.name, _base_name(mention)
        if _is_acronym(name) and local != name:
            found[name].add(local)
        elif mention.kind == "ORG" and len(local.split()) >= 2 and not mention.refers_to:
            initials = "".join(w[0] for w in local.split() if w.lower() not in _ACRONYM_SKIP and w[:1].isalpha())
            if len(initials) >= 3:
                found[initials.upper()].add(local)
    return {acronym: names.pop() for acronym, names in found.items() if len(names) == 1}


_ACRONYM_SKIP = {"of", "for", "and", "the", "on", "in", "&", "to", "at"}


def _is_acronym(name: str) -> bool:
    key = name.replace(".", "")
    return len(key) >= 2 and key.isalpha() and key.isupper()


def _cluster(mentions: list[Mention]) -> list[_Cluster]:
    gaz = gazetteer()
    acronyms = _acronyms(mentions)
    by_referent: dict[str, list[Mention]] = defaultdict(list)
    people: dict[str, list[Mention]] = defaultdict(list)
    others: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        base = _base_name(mention)
        if mention.refers_to:
            by_referent[mention.refers_to].append(mention)
        elif _is_acronym(base) and base in acronyms:  # "TEPCO" (even tagged a person) is the firm
            others[_key(acronyms[base])].append(mention)
        elif mention.kind == "PERSON":
            people[_key(base)].append(mention)
        else:
            others[_key(base)].append(mention)
    _join_company_forms(others)
    _join_geographic_forms(others)
    _move_lone_words_to_places(people, others)
    clusters = []
    for canonical in sorted(by_referent):
        referent = gaz.lookup(canonical)
        kind = referent.kind if referent is not None else "GPE"
        clusters.append(_Cluster(kind, canonical, by_referent[canonical]))
    person_clusters = _cluster_people(people)
    # NER sometimes labels a full person name ORG ("Alistair Davies"): same key, same person.
    person_keys = {_key(_base_name(m)): c for c in person_clusters for m in c.members}
    for key in sorted(others):
        group = others[key]
        if len(key.split()) > 1 and key in person_keys:
            person_keys[key].members.extend(group)
            continue
        kinds = Counter(m.kind for m in group)
        kind = min(kinds, key=lambda k: (-kinds[k], _KIND_ORDER.index(k) if k in _KIND_ORDER else 99, k))
        spelled = [m.name for m in group if not _is_acronym(m.name)]  # "IAEA" is named in full
        clusters.append(_Cluster(kind, _most_frequent(spelled or [m.name for m in group]), group))
    for cluster in person_clusters:
        full = [_base_name(m) for m in cluster.members if len(_base_name(m).split()) > 1]
        cluster.name = _most_frequent(full or [_base_name(m) for m in cluster.members])
    return clusters + person_clusters


def _move_lone_words_to_places(people: dict[str, list[Mention]], others: dict[str, list[Mention]]) -> None:
    """The small model tags some place names as people ("from Hokkaido to Fukushima"). A one-word
    "person" that is no word of any full person name, and that names a place or organisation
    elsewhere in the corpus, is that place or organisation."""
    name_words = {word for key in people if len(key.split()) > 1 for word in key.split()}
    for key in sorted(people):
        if len(key.split()) == 1 and key not in name_words and key in others:
            kinds = Counter(m.kind for m in others[key])
            kind = min(kinds, key=lambda k: (-kinds[k], k))
            others[key].extend(replace(m, kind=kind) for m in people.pop(key))


# Words that name a company's corporate structure rather than the company; cleanco strips the
# legal forms ("Co.", "Corp", "AG") but keeps these.
STRUCTURE_WORDS = {"holdings", "holding", "group"}


def _company_core(key: str) -> str:
    """A company key without its legal form and structure words: "tokyo electric power company
    holdings" → "tokyo electric power"."""
    words = key.split()
    while len(words) > 1 and words[-1] in STRUCTURE_WORDS:
        words.pop()
    core = _key(without_legal_form(" ".join(words)))
    return core if core and core != "the" else key


def _join_company_forms(others: dict[str, list[Mention]]) -> None:
    """"Tokyo Electric Power Company Holdings", "Tokyo Electric Power Company" and "Boeing Co."
    join the organisation named without the legal form or structure word, when that shorter name
    is also used. A name with a legal form is a company whatever NER called it; a name without one
    joins only when it is an organisation ("Japan Holdings" never joins the country)."""
    _join_by_core(others, _company_core,
                  lambda key: _company_core(key) != key or _mostly(others[key], "ORG"))


# Generic words after a geographic name that the text may leave out ("the Pacific").
GEOGRAPHIC_HEADS = {"ocean", "sea", "river", "strait", "straits", "desert", "mountains"}


def _geographic_core(key: str) -> str:
    words = key.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in GEOGRAPHIC_HEADS else key


def _join_geographic_forms(others: dict[str, list[Mention]]) -> None:
    """"the Pacific" and "the Pacific Ocean" are one location; only locations join, so "the
    Mississippi River" stays apart from the state."""
    _join_by_core(others, _geographic_core, lambda key: _mostly(others[key], "LOC"))


def _mostly(group: list[Mention], kind: str) -> bool:
    kinds = Counter(m.kind for m in group)
    return kinds[kind] * 2 > sum(kinds.values())


def _join_by_core(others: dict[str, list[Mention]], core_of, eligible) -> None:
    """Join the groups of eligible keys that share a core, under the core itself when it is one
    of them, otherwise under the shortest key."""
    by_core: dict[str, list[str]] = defaultdict(list)
    for key in sorted(others):
        if eligible(key):
            by_core[core_of(key)].append(key)
    for core, keys in sorted(by_core.items()):
        if len(keys) < 2:
            continue
        target = core if core in keys else min(keys, key=lambda k: (len(k), k))
        for key in keys:
            if key != target:
                others[target].extend(others.pop(key))


def _most_frequent(names) -> str:
    counts = Counter(names)
    return min(counts, key=lambda n: (-counts[n], n))


@dataclass(frozen=True)
class _PersonName:
    first: str
    middle: tuple[str, ...]
    last: str
    words: tuple[str, ...]


@lru_cache(maxsize=65536)
def _parse_person(key: str) -> _PersonName:
    words = tuple(key.split())
    if len(words) < 2:
        return _PersonName(words[0] if words else "", (), words[0] if words else "", words)
    parsed = HumanName(key)
    first, last = parsed.first.lower(), parsed.last.lower()
    middle = tuple(parsed.middle.lower().split())
    if not first or not last:  # nameparser found a title or suffix where we have a name
        first, middle, last = words[0], words[1:-1], words[-1]
    return _PersonName(first, middle, last, words)


def _cluster_people(groups: dict[str, list[Mention]]) -> list[_Cluster]:
    """Merge spelling variants of full names within surname blocks, then attach bare names."""
    full_keys = sorted((k for k in groups if len(k.split()) > 1), key=lambda k: (-len(groups[k]), k))
    blocks: dict[str, list[str]] = defaultdict(list)
    for key in full_keys:
        blocks[_parse_person(key).last].append(key)
    clusters: list[list[str]] = []
    for surname in sorted(blocks):
        clusters.extend(_cluster_block(blocks[surname]))
    # Bare names join the one cluster with that word as its first or last name.
    by_word: dict[str, set[int]] = defaultdict(set)
    for index, keys in enumerate(clusters):
        for key in keys:
            name = _parse_person(key)
            by_word[name.words[0]].add(index)
            by_word[name.words[-1]].add(index)
    result = [_Cluster("PERSON", members=[m for k in keys for m in groups[k]]) for keys in clusters]
    for key in sorted(k for k in groups if len(k.split()) <= 1):
        owners = by_word.get(key, set())
        if len(owners) == 1:
            result[next(iter(owners))].members.extend(groups[key])
        else:
            result.append(_Cluster("PERSON", members=list(groups[key])))
    return result


def _cluster_block(keys: list[str]) -> list[list[str]]:
    """Greedy clustering of one surname block, most frequent names first. A name without a middle
    name that fits two clusters joins neither. Names are compared only with clusters that could
    match: same first initial, and (for names with middle names) the same middle initials."""
    clusters: list[list[str]] = []
    by_signature: dict[tuple, list[list[str]]] = defaultdict(list)
    by_initial: dict[str, list[list[str]]] = defaultdict(list)
    parsed = {k: _parse_person(k) for k in keys}
    specified = [k for k in keys if parsed[k].middle]
    unspecified = [k for k in keys if not parsed[k].middle]
    for key in specified + unspecified:
        name = parsed[key]
        initial = name.first[:1]
        signature = (initial, tuple(m[:1] for m in name.middle))
        pool = by_signature[signature] if name.middle else by_initial[initial]
        fits = [c for c in pool if all(_same_person(key, other) for other in c)]
        if len(fits) == 1:
            fits[0].append(key)
            continue
        cluster = [key]
        clusters.append(cluster)
        by_initial[initial].append(cluster)
        if name.middle:
            by_signature[signature].append(cluster)
    return clusters


def _same_person(a: str, b: str) -> bool:
    x, y = _parse_person(a), _parse_person(b)
    if x.last != y.last or not _given_names_match(x.first, y.first):
        return False
    if x.middle and y.middle:
        return len(x.middle) == len(y.middle) and all(
            _given_names_match(p, q, fuzzy=False) for p, q in zip(x.middle, y.middle))
    return True


def _given_names_match(a: str, b: str, fuzzy: bool = True) -> bool:
    a, b = a.rstrip("."), b.rstrip(".")
    if a == b:
        return True
    if not a or not b or a[0] != b[0]:
        return False
    if len(a) == 1 or len(b) == 1:  # an initial
        return True
    return fuzzy and abs(len(a) - len(b)) <= 2 and fuzz.ratio(a, b) >= FIRST_NAME_SIMILARITY


# -- output ---------------------------------------------------------------------------------


def _entity(entity_id: str, cluster: _Cluster) -> Entity:
    members = cluster.members
    evidence: list[Evidence] = sorted(m.evidence for m in members)
    return Entity(
        id=entity_id,
        name=cluster.name,
        kind=cluster.kind,
        aliases=tuple(sorted({m.name for m in members} | {m.local_name for m in members if m.local_name})),
        roles=_distinct_roles(m.role for m in members if m.role),
        mentions=tuple(evidence),
        documents=tuple(sorted({m.evidence.doc_id for m in members})),
    )


def _distinct_roles(roles) -> tuple[str, ...]:
    """Roles that differ only in case are one role, written as most mentions write it."""
    variants: dict[str, Counter] = defaultdict(Counter)
    for role in roles:
        variants[role.casefold()][role] += 1
    return tuple(sorted(min(c, key=lambda r: (-c[r], r)) for c in variants.values()))


def _name_index(entities: dict[str, _Cluster]) -> dict[str, str]:
    """Normalised name → entity id; a name used for several entities goes to the one that uses
    it most (ties: the smaller id)."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for entity_id, cluster in entities.items():
        votes[_key(cluster.name)][entity_id] += 1_000_000  # an entity's own name wins
        for mention in cluster.members:
            for name in {mention.name, _base_name(mention)}:
                votes[_key(name)][entity_id] += 1
    index = {key: min(counter, key=lambda e: (-counter[e], e)) for key, counter in votes.items()}
    # A bare first or last name never seen alone ("Lavrov") still finds its only owner.
    owners: dict[str, set[str]] = defaultdict(set)
    for entity_id, cluster in entities.items():
        if cluster.kind == "PERSON":
            for mention in cluster.members:
                words = _key(_base_name(mention)).split()
                if len(words) > 1:
                    owners[words[0]].add(entity_id)
                    owners[words[-1]].add(entity_id)
    for word, ids in owners.items():
        if len(ids) == 1 and word not in index:
            index[word] = next(iter(ids))
    return index


def _strip_name(name: str) -> str:
    name = " ".join(name.split())
    if name.lower().startswith("the "):
        name = name[4:]
    return _POSSESSIVE.sub("", name)


def _lookup_keys(name: str) -> list[str]:
    """Keys to try for a name: as given, without article and possessive, without leading titles
    ("President Vladimir Putin")."""
    from .extract.mentions import title_words

    stripped = _strip_name(name)
    keys = [_key(name), _key(stripped)]
    words = stripped.split()
    titles = title_words()
    while len(words) > 1 and words[0].lower().rstrip(".") in titles:
        words = words[1:]
        keys.append(_key(" ".join(words)))
    return keys
