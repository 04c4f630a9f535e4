"""Align + assess on hand-made records: what aligns, what conflicts, what is checked."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from claimgraph.align import FactGroup, align_facts, dates_compatible, metric_signature
from claimgraph.assess import assess_corpus
from claimgraph.assess.checks import arithmetic_checks
from claimgraph.assess.sources import group_sources
from claimgraph.assess.values import consistent
from claimgraph.records import (
    Claim,
    Document,
    DocumentAnalysis,
    Event,
    Evidence,
    Figure,
    Phrase,
    Quote,
    TimeExpression,
    stable_id,
)


@dataclass
class Resolution:
    aliases: dict[str, str] = field(default_factory=dict)
    entities: list = field(default_factory=list)

    def canonical(self, name: str) -> str:
        return self.aliases.get(name, name)


RES = Resolution({"Beijing": "China", "Moscow": "Russia", "Xi": "Xi Jinping"})
FILLER = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore "
          "et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation ullamco laboris").split()


def doc(doc_id: str, outlet: str, words: int = 60, seed: int = 0) -> DocumentAnalysis:
    # Distinct filler per document so independent documents do not look like copies.
    text = " ".join(f"{FILLER[(i * (seed + 3)) % len(FILLER)]}{seed}{i}" for i in range(words))
    return DocumentAnalysis(Document(doc_id, text, f"{doc_id}.txt", outlet=outlet))


def ev(doc_id: str, start: int, sentence: int = 0, text: str = "x") -> Evidence:
    return Evidence(doc_id, sentence, start, start + len(text), text)


def figure(doc_id, start, value, unit="USD", metric="bilateral trade", period="2023", qualifier=None,
           surface=None, kind="level", about=("China", "Russia"), sentence=None, scale=1e9, **kw) -> Figure:
    surface = surface or f"${value / scale:g} billion"
    return Figure(stable_id("fig", doc_id, start), ev(doc_id, start, sentence if sentence is not None else start,
                                                       surface), value, unit, surface, scale=scale,
                  qualifier=qualifier, kind=kind, period=period, metric=metric, about=about, **kw)


def corpus(*analyses: DocumentAnalysis):
    groups = align_facts(list(analyses), RES)
    return groups, assess_corpus(list(analyses), RES, groups)


def test_metric_phrases_compare_by_meaning():
    assert metric_signature("bilateral trade")[1] == metric_signature("trade between the two nations")[1]
    assert metric_signature("trade between China and Russia")[1] == metric_signature("bilateral trade")[1]
    assert metric_signature("Russia's oil exports")[0] == "export"


@pytest.mark.parametrize(("a", "b", "ok"), [
    (dict(value=240e9), dict(value=240e9, surface="240 billion dollars"), True),
    (dict(value=240e9), dict(value=200e9, qualifier="over"), True),
    (dict(value=95.3e9, surface="$95.3 billion"), dict(value=95e9, qualifier="about"), True),
    (dict(value=240e9), dict(value=280e9), False),
    (dict(value=4, unit="times", scale=1, surface="quadrupled"), dict(value=3.8, unit="times", scale=1, qualifier="nearly", surface="3.8"), True),
])
def test_what_a_figure_allows(a, b, ok):
    assert consistent(figure("d1", 0, **a), figure("d2", 0, **b)) is ok


def test_numeric_conflict_between_independent_sources_only():
    a, b, c = doc("d1", "Eastwind", seed=1), doc("d2", "Compass", seed=2), doc("d3", "GeoPulse", seed=3)
    a.figures = [figure("d1", 10, 240e9)]
    b.figures = [figure("d2", 10, 200e9, qualifier="over", metric="trade between the two nations", about=())]
    c.figures = [figure("d3", 10, 280e9, metric="trade between China and Russia")]
    groups, result = corpus(a, b, c)
    assert [g.kind for g in groups] == ["figure"] and len(groups[0].members) == 3
    (conflict,) = result.conflicts
    assert conflict.kind == "numeric"
    assert "GeoPulse" in conflict.explanation and "Eastwind" in conflict.explanation
    # "over $200 billion" fits both sides: it takes no side in the conflict
    assert {m.doc_id for m in conflict.members} == {"d1", "d3"}
    assert result.facts[0].status == "conflicted"


def test_different_metrics_subjects_and_periods_are_never_compared():
    a, b = doc("d1", "A", seed=1), doc("d2", "B", seed=2)
    a.figures = [
        figure("d1", 1, 50, unit="percent", metric="Russia's oil exports", kind="share", scale=1, surface="half"),
        figure("d1", 2, 18, unit="percent", metric="share of Russia's trade", kind="share", scale=1, about=("China", "Russia")),
        figure("d1", 3, 190e9, period="2022"),
    ]
    b.figures = [
        figure("d2", 1, 73, unit="percent", metric="Russian exports to China", kind="share", scale=1, surface="73 percent"),
        figure("d2", 2, 38, unit="percent", metric="share of Russia's trade", kind="share", scale=1, about=("EU", "Russia")),
        figure("d2", 3, 240e9, period="2023"),
    ]
    _, result = corpus(a, b)
    assert result.conflicts == []


def test_dates_are_compared_at_their_precision():
    assert dates_compatible("2014", "2014-03")
    assert dates_compatible("2014-03-18", "2014")
    assert dates_compatible("1950s", "1957")
    assert dates_compatible("13C", "1240")
    assert not dates_compatible("2023-03", "2023-04")
    assert dates_compatible(None, "2023-04")


def event(doc_id, start, date, actors=("Xi Jinping", "Vladimir Putin"), type_="consult", trigger="visit",
          precision="month", **kw) -> Event:
    return Event(stable_id("evt", doc_id, start), ev(doc_id, start, start), type_, trigger, actors, date,
                 precision, **kw)


def test_date_conflict_and_compatible_precisions():
    a, b, c = doc("d1", "A", seed=1), doc("d2", "B", seed=2), doc("d3", "C", seed=3)
    a.events = [event("d1", 5, "2023-03", place="Moscow"), event("d1", 9, "2014", ("Russia", "Crimea"), "attack", "annexation", "year")]
    b.events = [event("d2", 5, "2023-04", actors=("Xi", "Vladimir Putin"), place="Moscow"),
                event("d2", 9, "2014-03", ("Russia", "Crimea"), "attack", "annexation")]
    c.events = [event("d3", 5, "2023-03-20", precision="day")]
    groups, result = corpus(a, b, c)
    event_groups = [g for g in groups if g.kind == "event"]
    assert sorted(len(g.members) for g in event_groups) == [2, 3]
    (conflict,) = result.conflicts
    assert conflict.kind == "date" and "2023-04" in conflict.explanation


def test_lasting_measures_conflict_only_across_years():
    """Sanctions reported for March and for May of one year are stages, not a contradiction
    (a visit in March against one in April is: see the test above)."""
    a, b = doc("d1", "A", seed=1), doc("d2", "B", seed=2)
    west = ("the West", "Russia")
    a.events = [event("d1", 5, "2014-03", west, "sanction", "sanctions")]
    b.events = [event("d2", 5, "2014-05", west, "sanction", "sanctions")]
    _, result = corpus(a, b)
    assert result.conflicts == []


def test_actorless_events_of_one_year_are_not_one_event_told_twice():
    a, b = doc("d1", "A", seed=1), doc("d2", "B", seed=2)
    a.events = [event("d1", 5, "2024-01-05", (), "investigate", "investigation", "day")]
    b.events = [event("d2", 5, "2024-08-21", (), "investigate", "investigation", "day")]
    _, result = corpus(a, b)
    assert result.conflicts == []


def test_undated_prices_never_conflict_but_dated_ones_do():
    a, b = doc("d1", "A", seed=1), doc("d2", "B", seed=2)
    a.figures = [figure("d1", 5, 78.73, metric="brent price", period=None, scale=1, about=())]
    b.figures = [figure("d2", 5, 90.04, metric="brent price", period=None, scale=1, about=())]
    _, result = corpus(a, b)
    assert result.conflicts == []
    a.figures = [figure("d1", 5, 78.73, metric="brent price", period="2023-06", scale=1, about=())]
    b.figures = [figure("d2", 5, 90.04, metric="brent price", period="2023-06", scale=1, about=())]
    _, result = corpus(a, b)
    assert [c.kind for c in result.conflicts] == ["numeric"]


def test_a_possible_value_never_conflicts_with_a_measured_one():
    a, b, c = doc("d1", "A", seed=1), doc("d2", "B", seed=2), doc("d3", "C", seed=3)
    a.figures = [figure("d1", 5, 70, metric="oil prices", period="2022", scale=1, about=(), hypothetical=True)]
    b.figures = [figure("d2", 5, 96, metric="oil prices", period="2022", scale=1, about=())]
    c.figures = [figure("d3", 5, 100, metric="oil prices", period="2022", scale=1, about=(), hypothetical=True)]
    groups, result = corpus(a, b, c)
    assert result.conflicts == []  # nor do two possibilities: they are two scenarios
    assert sorted(sorted(m.evidence.doc_id for m in g.members) for g in groups) == [["d1", "d3"], ["d2"]]
    b.figures[0] = figure("d2", 5, 96, metric="oil prices", period="2022", scale=1, about=(), hypothetical=True)
    _, result = corpus(a, b, c)
    assert result.conflicts == []


def claim(doc_id, start, text, polarity="positive", entities=("China", "Russia"), hedged=False,
          checkworthiness=0.8, subject="China", predicate="supply", object_="weapons") -> Claim:
    return Claim(stable_id("clm", doc_id, start), ev(doc_id, start, start, text), subject, predicate, object_,
                 polarity, hedged, ("reportedly",) if hedged else (), checkworthiness=checkworthiness,
                 entities=entities)


def test_claim_and_its_denial_is_a_polarity_conflict():
    a, b = doc("d1", "GeoPulse", seed=1), doc("d2", "Ironbridge", seed=2)
    a.claims = [claim("d1", 0, "China has supplied Russia with significant quantities of weapons and ammunition.")]
    b.claims = [claim("d2", 0, "China refrained from supplying Russia with weapons or ammunition.", "negative")]
    _, result = corpus(a, b)
    (conflict,) = result.conflicts
    assert conflict.kind == "polarity"
    assert "GeoPulse say it happened" in conflict.explanation


def test_coined_phrase_paraphrases_align_claims():
    a, b, c = doc("d1", "A", seed=1), doc("d2", "B", seed=2), doc("d3", "C", seed=3)
    texts = ["Putin and Xi elevated their ties to a no limits partnership shortly before the invasion.",
             "In a joint statement, the two leaders described a partnership without limits.",
             "Before the war began, Russia and China declared a relationship without bounds."]
    phrases = ["no limits", "partnership without limits", "without bounds"]
    for analysis, text, phrase in zip((a, b, c), texts, phrases):
        doc_id = analysis.document.id
        analysis.claims = [claim(doc_id, 0, text, entities=("China", "Russia"), checkworthiness=0.5)]
        start = text.index(phrase)
        analysis.phrases = [Phrase(stable_id("phr", doc_id), Evidence(doc_id, 0, start, start + len(phrase), phrase), phrase)]
    groups, result = corpus(a, b, c)
    claim_facts = [f for f in result.facts if f.kind == "claim"]
    assert len(claim_facts) == 1 and claim_facts[0].independent_sources == 3
    assert claim_facts[0].status == "corroborated"


def test_unrelated_claims_do_not_align():
    a, b = doc("d1", "A", seed=1), doc("d2", "B", seed=2)
    a.claims = [claim("d1", 0, "China bought record volumes of Russian crude oil in 2023.")]
    b.claims = [claim("d2", 0, "Russia and China held joint naval exercises in the East China Sea.")]
    groups, _ = corpus(a, b)
    assert all(len(g.members) == 1 for g in groups if g.kind == "claim")


def test_same_quote_given_to_two_speakers_is_an_attribution_conflict():
    a, b = doc("d1", "A", seed=1), doc("d2", "B", seed=2)
    words = "They have a marriage of convenience"
    a.quotes = [Quote("q1", ev("d1", 0, 0, words), words, "Antony Blinken")]
    b.quotes = [Quote("q2", ev("d2", 0, 0, words + "."), words + ".", "Kurt Campbell")]
    _, result = corpus(a, b)
    assert [c.kind for c in result.conflicts] == ["attribution"]


def test_syndicated_copies_count_as_one_source():
    original = doc("d1", "Compass", words=200, seed=1)
    copy = DocumentAnalysis(Document("d2", "Headline changed. " + original.document.text + " Credit: Compass.",
                                     "d2.txt", outlet="Riverside"))
    other = doc("d3", "Eastwind", words=200, seed=5)
    groups = group_sources([original, copy, other])
    assert groups["d1"] == groups["d2"] != groups["d3"]
    for analysis in (original, copy, other):
        analysis.figures = [figure(analysis.document.id, 0, 240e9)]
    _, result = corpus(original, copy, other)
    assert result.facts[0].independent_sources == 2


def test_shared_long_passage_makes_one_source():
    base = doc("d1", "A", words=300, seed=1).document.text.split()
    passage = " ".join(base[100:160])
    other = doc("d2", "B", words=300, seed=2).document.text + " " + passage
    groups = group_sources([doc("d1", "A", words=300, seed=1),
                            DocumentAnalysis(Document("d2", other, "d2.txt"))])
    assert groups["d1"] == groups["d2"]


def test_growth_sum_and_conversion_checks():
    a = doc("d1", "Eastwind", seed=1)
    a.figures = [
        figure("d1", 0, 190e9, period="2022", sentence=0),
        figure("d1", 10, 240e9, period="2023", sentence=1),
        figure("d1", 20, 26.3, unit="percent", kind="change", scale=1, surface="26.3%", period="2023", sentence=1),
        figure("d1", 30, 129e9, metric="energy imports", period=None, sentence=2),
        figure("d1", 40, 111e9, metric="exports to Russia", period=None, sentence=2),
        figure("d1", 50, 2615, unit="mile", metric="border", scale=1, surface="2,615", period=None, sentence=4),
        figure("d1", 60, 4209, unit="km", metric="border", scale=1, surface="4,209", period=None, sentence=4),
    ]
    b = doc("d2", "Steppe", seed=2)
    b.figures = [figure("d2", 0, 40, unit="percent", kind="change", scale=1, surface="40 percent", period="2023")]
    checks = arithmetic_checks([a, b], [])
    by_kind = {}
    for check in checks:
        by_kind.setdefault(check.kind, []).append(check)
    assert sorted(c.consistent for c in by_kind["growth"]) == [False, True]
    assert "26.3%" in next(c for c in by_kind["growth"] if c.consistent).expression
    (total,) = by_kind["sum"]
    assert total.consistent and "129 billion USD + 111 billion USD = 240 billion USD" == total.expression
    (conversion,) = by_kind["conversion"]
    assert conversion.consistent


def test_relative_date_checked_against_other_sources():
    a, b = doc("d1", "Longitude", seed=1), doc("d2", "Compass", seed=2)
    a.times = [TimeExpression("t1", ev("d1", 3, 3, "20 days later"), "2022-02-24", "day", relative=True,
                              anchor="2022-02-04")]
    a.events = [event("d1", 3, "2022-02-24", ("Russia", "Ukraine"), "attack", "invaded", "day")]
    b.events = [event("d2", 3, "2022-02-24", ("Russia", "Ukraine"), "attack", "invasion", "day")]
    groups = align_facts([a, b], RES)
    (check,) = arithmetic_checks([a, b], groups)
    assert check.kind == "date_offset" and check.consistent
    assert check.expression == "2022-02-04 20 days later = 2022-02-24"


def test_flags_and_source_profiles():
    a, b = doc("d1", "Eastwind", seed=1), doc("d2", "Compass", seed=2)
    a.quotes = [Quote("q1", ev("d1", 0, 0, "Moscow needs Beijing more than ever"), "Moscow needs Beijing more than ever",
                      "Oksana Threlfall", "senior fellow", "Caspian Institute")]
    a.claims = [claim("d1", 50, "Analysts say China is reportedly weighing arms deliveries to Russia.", hedged=True)]
    a.claims = [Claim(**{**a.claims[0].__dict__, "vague_attribution": "analysts say"})]
    b.claims = [claim("d2", 50, "China is weighing arms deliveries to Russia, officials confirmed.")]
    _, result = corpus(a, b)
    kinds = sorted({f.kind for f in result.flags})
    assert kinds == ["hedged_as_fact", "unverifiable_speaker", "vague_attribution"]
    eastwind = next(p for p in result.sources if p.scope == "outlet" and p.name == "Eastwind")
    assert (eastwind.claims, eastwind.hedged, eastwind.unverifiable_speakers) == (1, 1, 1)
    assert eastwind.corroborated == 1


def test_fact_group_keys_are_readable():
    a, b = doc("d1", "A", seed=1), doc("d2", "B", seed=2)
    a.figures = [figure("d1", 0, 240e9)]
    b.figures = [figure("d2", 0, 240e9, metric="trade between the two nations")]
    groups = align_facts([a, b], RES)
    assert isinstance(groups[0], FactGroup)
    assert groups[0].key == "bilateral trade (China, Russia), 2023, USD"


def test_a_one_day_meeting_told_with_two_days_is_a_date_conflict_but_months_apart_two_meetings():
    a, b = doc("d1", "Gulf Markets", seed=1), doc("d2", "Courier", seed=2)
    a.events = [event("d1", 5, "2023-06-04", ("OPEC+", "Abdulaziz bin Salman"), trigger="meeting",
                      precision="day", place="Vienna")]
    b.events = [event("d2", 5, "2023-06-03", ("OPEC+", "Saudi Arabia"), trigger="meeting",
                      precision="day", place="Vienna")]
    _, result = corpus(a, b)
    assert [c.kind for c in result.conflicts] == ["date"]
    b.events = [event("d2", 5, "2023-11-26", ("OPEC+",), trigger="meeting", precision="day")]
    a.events = [event("d1", 5, "2023-06-04", ("OPEC+",), trigger="meeting", precision="day")]
    _, result = corpus(a, b)
    assert result.conflicts == []  # a June meeting and a November one are two meetings
    # a visit spans days: Monday against Wednesday is the same visit
    a.events = [event("d1", 5, "2023-03-20", precision="day")]
    b.events = [event("d2", 5, "2023-03-22", precision="day")]
    _, result = corpus(a, b)
    assert result.conflicts == []


def test_shipments_and_exports_are_one_metric():
    assert metric_signature("shipments") == metric_signature("exports")


def test_a_change_told_from_start_to_end_in_two_articles_is_no_conflict():
    a, b = doc("d1", "A", seed=1), doc("d2", "B", seed=2)
    for analysis, doc_id in ((a, "d1"), (b, "d2")):
        analysis.figures = [
            figure(doc_id, 5, 366.5, unit="ARS", metric="official exchange rate", period="2023-12-12", scale=1,
                   about=(), sentence=1, role="from"),
            figure(doc_id, 30, 800, unit="ARS", metric="official exchange rate", period="2023-12-12", scale=1,
                   about=(), sentence=1, role="to"),
        ]
    groups, result = corpus(a, b)
    assert result.conflicts == []
    assert sorted(sorted(m.value for m in g.members) for g in groups) == [[366.5, 366.5], [800, 800]]


def test_bare_counts_of_a_noun_are_not_compared():
    a, b = doc("d1", "A", seed=1), doc("d2", "B", seed=2)
    a.figures = [figure("d1", 5, 366, unit="count", metric="articles", period="2024", scale=1, about=())]
    b.figures = [figure("d2", 5, 300, unit="count", metric="articles", period="2024", scale=1, about=())]
    _, result = corpus(a, b)
    assert result.conflicts == []


def test_an_actor_speaking_on_two_days_is_no_date_conflict():
    a, b = doc("d1", "A", seed=1), doc("d2", "B", seed=2)
    a.events = [event("d1", 5, "2023-08-24", actors=("TEPCO",), type_="statement", trigger="said")]
    b.events = [event("d2", 5, "2023-09-04", actors=("TEPCO",), type_="statement", trigger="said")]
    _, result = corpus(a, b)
    assert result.conflicts == []
    b.events = [event("d2", 5, "2023-09-04", actors=("TEPCO",), type_="statement", trigger="announced")]
    a.events = [event("d1", 5, "2023-08-24", actors=("TEPCO",), type_="statement", trigger="announced")]
    _, result = corpus(a, b)
    assert [c.kind for c in result.conflicts] == ["date"]


def test_one_distance_in_two_units_is_one_fact_and_compares_in_metres():
    a, b, c = doc("d1", "A", seed=1), doc("d2", "B", seed=2), doc("d3", "C", seed=3)
    a.figures = [figure("d1", 10, 200, unit="km", metric="distance from Moscow", scale=1, surface="200", period=None)]
    b.figures = [figure("d2", 10, 125, unit="mile", metric="distance from Moscow", scale=1, surface="125", period=None)]
    groups, result = corpus(a, b)
    assert [len(g.members) for g in groups] == [2] and result.conflicts == []  # 125 miles is 201 km
    c.figures = [figure("d3", 10, 60, unit="mile", metric="distance from Moscow", scale=1, surface="60", period=None)]
    _, result = corpus(a, c)
    assert [k.kind for k in result.conflicts] == ["numeric"]


def test_a_feet_and_metres_conversion_is_checked():
    a = doc("d1", "A", seed=1)
    a.figures = [figure("d1", 0, 28000, unit="ft", metric="altitude", scale=1, surface="28,000", sentence=3),
                 figure("d1", 20, 8500, unit="m", metric="altitude", scale=1, surface="8,500", sentence=3)]
    (check,) = [c for c in arithmetic_checks([a], []) if c.kind == "conversion"]
    assert check.consistent


def test_a_quote_given_in_part_to_another_speaker_is_an_attribution_conflict():
    a, b = doc("d1", "A", seed=1), doc("d2", "B", seed=2)
    whole = "a stab in the back of our country and our people"
    a.quotes = [Quote("q1", ev("d1", 0, 0, whole), whole, "Vladimir Putin")]
    b.quotes = [Quote("q2", ev("d2", 0, 0, "a stab in the back"), "a stab in the back", "Sergei Shoigu")]
    _, result = corpus(a, b)
    assert [c.kind for c in result.conflicts] == ["attribution"]
    b.quotes = [Quote("q2", ev("d2", 0, 0, "our people"), "our people", "Sergei Shoigu")]
    _, result = corpus(a, b)
    assert result.conflicts == []  # a stock phrase is no quotation of the whole
