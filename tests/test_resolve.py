"""Resolution across documents: one entity per real actor, never merging different people."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from claimgraph.extract.mentions import extract_mentions
from claimgraph.nlp import load_pipeline, parse_many
from claimgraph.records import Document, DocumentAnalysis, Evidence, Mention, stable_id
from claimgraph.resolve import Resolution, resolve_entities

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def mention(doc: str, start: int, name: str, kind: str = "PERSON", *, local: str | None = "",
            refers_to: str | None = None, role: str | None = None) -> Mention:
    end = start + len(name)
    return Mention(
        id=stable_id("men", doc, start, end), evidence=Evidence(doc, 0, start, end, name),
        name=name, kind=kind, role=role, local_name=name if local == "" else local,
        refers_to=refers_to)


def corpus(*docs: list[Mention]) -> list[DocumentAnalysis]:
    analyses = []
    for index, mentions in enumerate(docs):
        doc_id = mentions[0].evidence.doc_id if mentions else f"d{index}"
        analyses.append(DocumentAnalysis(Document(doc_id, "", f"{doc_id}.txt"), mentions=mentions))
    return analyses


def entity_names(resolution: Resolution, kind: str = "PERSON") -> list[str]:
    return sorted(e.name for e in resolution.entities if e.kind == kind)


# -- merging ------------------------------------------------------------------------------------


def test_spelling_variants_of_one_person_merge():
    res = resolve_entities(corpus(
        [mention("a", 0, "Antony Blinken", role="Secretary of State"), mention("a", 40, "Blinken", local="Antony Blinken")],
        [mention("b", 0, "Anthony Blinken")],
        [mention("c", 0, "Sergey Lavrov"), mention("c", 30, "Antony Blinken")],
        [mention("d", 0, "Sergei Lavrov")],
    ))
    assert entity_names(res) == ["Antony Blinken", "Sergei Lavrov"]  # Sergei/Sergey: a tie
    blinken = res.entity_named("Anthony Blinken")
    assert blinken.aliases == ("Anthony Blinken", "Antony Blinken", "Blinken")
    assert blinken.documents == ("a", "b", "c")
    assert blinken.roles == ("Secretary of State",)
    assert blinken.id == stable_id("ent", "PERSON", "Antony Blinken")


def test_canonical_name_is_most_frequent_full_form_ties_alphabetical():
    res = resolve_entities(corpus([mention("a", 0, "Sergey Lavrov")], [mention("b", 0, "Sergei Lavrov")]))
    assert entity_names(res) == ["Sergei Lavrov"]


def test_people_sharing_a_surname_never_merge():
    res = resolve_entities(corpus(
        [mention("a", 0, "Hillary Clinton"), mention("a", 30, "Bill Clinton"), mention("a", 60, "Clinton", local=None)],
        [mention("b", 0, "George W. Bush")],
        [mention("c", 0, "George H. W. Bush")],
        [mention("d", 0, "George Bush")],
        [mention("e", 0, "Ron Paul"), mention("e", 20, "Rand Paul")],
    ))
    names = entity_names(res)
    for name in ["Hillary Clinton", "Bill Clinton", "George W. Bush", "George H. W. Bush",
                 "Ron Paul", "Rand Paul"]:
        assert name in names
    # "George Bush" fits both presidents, so it joins neither; "Clinton" fits two people.
    assert "George Bush" in names and "Clinton" in names
    assert res.canonical("Clinton") == "Clinton"


def test_bare_surname_joins_the_only_person_with_it():
    res = resolve_entities(corpus(
        [mention("a", 0, "Vladimir Putin"), mention("a", 20, "Xi Jinping")],
        [mention("b", 0, "Putin"), mention("b", 10, "Xi")],
    ))
    assert entity_names(res) == ["Vladimir Putin", "Xi Jinping"]
    assert res.entity_named("Xi").documents == ("a", "b")


def test_metonyms_and_demonyms_join_the_state():
    res = resolve_entities(corpus(
        [mention("a", 0, "China", "GPE", refers_to="China"),
         mention("a", 10, "Beijing", "GPE", refers_to="China"),
         mention("a", 20, "Zhongnanhai", "FAC", refers_to="China")],
        [mention("b", 0, "Chinese", "NORP", refers_to="China"),
         mention("b", 10, "Kremlin", "ORG", refers_to="Russia"),
         mention("b", 20, "SCO", "ORG", refers_to="Shanghai Cooperation Organisation")],
    ))
    china = res.entity_named("Beijing")
    assert (china.name, china.kind) == ("China", "GPE")
    assert china.aliases == ("Beijing", "China", "Chinese", "Zhongnanhai")
    assert res.canonical("the Kremlin") == "Russia"
    assert res.entity_named("SCO").kind == "ORG"


def test_other_names_join_by_normalised_name_and_majority_label():
    res = resolve_entities(corpus(
        [mention("a", 0, "Crimea", "GPE")],
        [mention("b", 0, "Crimea", "ORG"), mention("b", 10, "Crimea", "GPE")],
    ))
    crimea = res.entity_named("crimea")
    assert crimea.kind == "GPE" and len(crimea.mentions) == 3


def test_full_person_name_labelled_org_joins_the_person():
    res = resolve_entities(corpus([mention("a", 0, "Alistair Davies")],
                                  [mention("b", 0, "Alistair Davies", "ORG")]))
    assert [e.kind for e in res.entities] == ["PERSON"]


def test_canonical_and_entity_of():
    first = mention("a", 0, "Xi", local="Xi Jinping")
    res = resolve_entities(corpus([mention("a", 10, "Xi Jinping"), first],
                                  [mention("b", 0, "Moscow", "GPE", refers_to="Russia")]))
    assert res.entity_of(first.id).name == "Xi Jinping"
    assert res.entity_of("men_unknown") is None
    assert res.canonical("Xi") == "Xi Jinping"
    assert res.canonical("Jinping") == "Xi Jinping"  # a word of one person's name
    assert res.canonical("President Xi Jinping") == "Xi Jinping"
    assert res.canonical("Moscow") == "Russia"
    assert res.canonical("Kyiv") == "Ukraine"  # not seen, but the gazetteer knows it
    assert res.canonical("Somebody Else") == "Somebody Else"


def test_deterministic_whatever_the_input_order():
    docs = [
        [mention("a", 0, "Antony Blinken"), mention("a", 20, "China", "GPE", refers_to="China")],
        [mention("b", 0, "Anthony Blinken"), mention("b", 20, "Beijing", "GPE", refers_to="China")],
        [mention("c", 0, "Blinken"), mention("c", 20, "Crimea", "ORG")],
    ]
    expected = resolve_entities(corpus(*docs)).entities
    for seed in range(5):
        shuffled = [list(d) for d in docs]
        random.Random(seed).shuffle(shuffled)
        for d in shuffled:
            random.Random(seed).shuffle(d)
        assert resolve_entities(corpus(*shuffled)).entities == expected


def test_cost_is_near_linear():
    given = ["Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Gustav", "Hiro", "Ines", "Jamal",
             "Kofi", "Lena", "Marek", "Nadia", "Oleg", "Priya", "Quentin", "Rosa", "Sanjay", "Tomas"]
    docs = []
    for d in range(200):  # 200 documents × 20 people: 4,000 people, 400 per shared surname block
        docs.append([mention(f"d{d}", i * 40, f"{given[i]} {chr(65 + d % 10)}{d}x{i} Family{i % 10}")
                     for i in range(20)])
    started = time.perf_counter()
    res = resolve_entities(corpus(*docs))
    assert time.perf_counter() - started < 3
    assert len(res.entities) == 4000


def test_empty_corpus():
    res = resolve_entities([])
    assert res.entities == [] and res.canonical("China") == "China"


def test_company_legal_forms_and_structure_words_join_the_plain_name():
    res = resolve_entities(corpus(
        [mention("a", 0, "Tokyo Electric Power Company Holdings", "PERSON"),  # the model's label
         mention("a", 50, "TEPCO", "ORG", local="Tokyo Electric Power Company Holdings")],
        [mention("b", 0, "Tokyo Electric Power Company", "ORG")],
        [mention("c", 0, "Boeing Co.", "ORG"), mention("c", 20, "Boeing", "ORG")],
    ))
    orgs = [e for e in res.entities if e.kind == "ORG"]
    assert sorted(len(e.documents) for e in orgs) == [1, 2]
    assert res.entity_named("TEPCO") is res.entity_named("Tokyo Electric Power Company")


def test_a_structure_word_never_joins_a_place():
    res = resolve_entities(corpus([mention("a", 0, "Japan Holdings", "ORG"), mention("a", 30, "Japan", "GPE")]))
    assert res.entity_named("Japan Holdings") is not res.entity_named("Japan")


def test_the_pacific_is_the_pacific_ocean_but_a_river_is_not_its_state():
    res = resolve_entities(corpus(
        [mention("a", 0, "Pacific", "LOC")], [mention("b", 0, "Pacific Ocean", "LOC")],
        [mention("c", 0, "Mississippi", "GPE"), mention("c", 30, "Mississippi River", "LOC")],
    ))
    assert res.entity_named("Pacific") is res.entity_named("Pacific Ocean")
    assert res.entity_named("Mississippi") is not res.entity_named("Mississippi River")


def test_a_one_word_person_that_names_a_place_elsewhere_is_the_place():
    res = resolve_entities(corpus(
        [mention("a", 0, "Fukushima", "GPE")], [mention("b", 0, "Fukushima", "PERSON")],
        [mention("c", 0, "Blinken", "PERSON"), mention("c", 20, "Antony Blinken", "PERSON")],
    ))
    assert [e.kind for e in res.entities if e.name == "Fukushima"] == ["GPE"]
    assert entity_names(res) == ["Antony Blinken"]


# -- end to end over text ---------------------------------------------------------------------


def test_end_to_end_over_articles():
    texts = {
        "a": "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow. Xi said "
             "the Kremlin had agreed, and Antony Blinken objected.",
        "b": "Putin flew to Beijing, where Xi welcomed him. U.S. Secretary of State Antony "
             "Blinken said Washington was watching.",
        "c": "Secretary of State Anthony Blinken told senators that China and Russia were close.",
    }
    docs = [Document(k, v, f"{k}.txt") for k, v in texts.items()]
    analyses = [DocumentAnalysis(p.document, mentions=extract_mentions(p))
                for p in parse_many(docs, load_pipeline())]
    res = resolve_entities(analyses)
    people = {e.name: e for e in res.entities if e.kind == "PERSON"}
    assert set(people) == {"Xi Jinping", "Vladimir Putin", "Antony Blinken"}
    assert people["Xi Jinping"].documents == ("a", "b")
    assert "President of China" in people["Xi Jinping"].roles
    assert set(people["Antony Blinken"].aliases) == {"Antony Blinken", "Anthony Blinken"}
    china = res.entity_named("China")
    assert "Beijing" in china.aliases and china.documents == ("a", "b", "c")
    assert res.canonical("Washington") == "United States"
    assert res.canonical("Kremlin") == "Russia"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not available")
def test_seed_corpus():
    docs = [Document(p.stem, p.read_text(), str(p)) for p in sorted(SEEDS.glob("*.txt"))]
    analyses = [DocumentAnalysis(p.document, mentions=extract_mentions(p))
                for p in parse_many(docs, load_pipeline())]
    res = resolve_entities(analyses)
    xi = res.entity_named("Xi")
    assert xi.name == "Xi Jinping" and len(xi.documents) >= 3
    assert res.canonical("Zhongnanhai") == "China"
    assert res.entity_named("Antony Blinken") is res.entity_named("Anthony Blinken")


def test_an_acronym_joins_the_one_organisation_it_stands_for_across_documents():
    spelled = mention("a", 0, "Tokyo Electric Power Company Holdings", "ORG")
    expanded = mention("a", 60, "TEPCO", "ORG", local="Tokyo Electric Power Company Holdings")
    bare = mention("b", 0, "TEPCO", "PERSON")  # the tagger took it for a person
    agency = mention("b", 30, "International Atomic Energy Agency", "ORG")
    initials = mention("c", 0, "IAEA", "ORG")
    resolution = resolve_entities(corpus([spelled, expanded], [bare, agency], [initials]))
    assert sorted(entity_names(resolution, "ORG")) == ["International Atomic Energy Agency",
                                                       "Tokyo Electric Power Company Holdings"]


def test_an_acronym_two_names_fit_stays_apart():
    first = mention("a", 0, "Central Bank Authority", "ORG")
    second = mention("b", 0, "Consumer Benefits Association", "ORG")
    bare = mention("c", 0, "CBA", "ORG")
    resolution = resolve_entities(corpus([first], [second], [bare]))
    assert "CBA" in entity_names(resolution, "ORG")
