"""Figures: values, units, qualifiers, kinds, periods, metrics, and what is not a figure."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.extract.figures import extract_figures
from claimgraph.extract.numbers import find_numerals, parse_number_words
from claimgraph.nlp import load_pipeline, parse
from claimgraph.records import Document, Mention, TimeExpression, stable_id

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SPECS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "recognizers-text-specs"
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _parsed(nlp, text: str):
    return parse(Document(id="doc", text=text, path="doc.txt"), nlp)


def _mentions(parsed) -> list[Mention]:
    """Plain spaCy entities as mentions, so these tests do not depend on the mentions module."""
    return [
        Mention(stable_id("men", "doc", e.start_char), parsed.span_evidence(e), e.text, e.label_)
        for e in parsed.doc.ents if e.label_ in ACTOR_LABELS
    ]


def figures(nlp, text: str, times: list[TimeExpression] | None = None):
    parsed = _parsed(nlp, text)
    return extract_figures(parsed, _mentions(parsed), times or [])


def one(nlp, text: str, surface: str, **kwargs):
    found = [f for f in figures(nlp, text, **kwargs) if f.surface == surface]
    assert len(found) == 1, [f.surface for f in figures(nlp, text, **kwargs)]
    return found[0]


def surfaces(nlp, text: str) -> list[str]:
    return [f.surface for f in figures(nlp, text)]


# --- numerals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words, value",
    [
        ("twenty thousand", 20_000), ("one hundred and sixty-one", 161), ("two thirds", 2 / 3),
        ("a quarter million", 250_000), ("one and a half million", 1_500_000), ("half a dozen", 6),
        ("three million and a half", 3_500_000), ("twenty-one trillion three hundred", 21e12 + 300),
        ("two hundred point zero three", 200.03), ("three lakh crore", 3e12),
    ],
)
def test_number_words(words, value):
    assert parse_number_words(words.replace("-", " ").split()) == pytest.approx(value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("$1.5bn", [("1.5bn", 1.5e9)]), ("2,615-mile", [("2,615", 2615)]),
        ("12,34,567.89", [("12,34,567.89", 1234567.89)]), ("10 1/2 miles", [("10 1/2", 10.5)]),
        ("the third quarter", []), ("the one you like", []), ("May 4th", []),
        ("minus five percent", [("minus five", -5)]), ("10-15", [("10", 10), ("15", 15)]),
        ("192.168.1.2", [("192", 192), ("168", 168), ("1", 1), ("2", 2)]),
        ("12.453\nbillion", [("12.453\nbillion", 12.453e9)]),
        ("7¾ miles", [("7¾", 7.75)]), ("$7.27¾ a bushel", [("7.27¾", 7.2775)]),
        ("one-fortieth of the limit", [("one-fortieth", 1 / 40)]), ("the thirteenth century", []),
    ],
)
def test_find_numerals(text, expected):
    found = [(text[n.start:n.end], n.value) for n in find_numerals(text)]
    assert [s for s, _ in found] == [s for s, _ in expected]
    assert [v for _, v in found] == pytest.approx([v for _, v in expected])


# --- values and units -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, surface, value, unit, scale",
    [
        ("Trade reached $240 billion.", "$240 billion", 240e9, "USD", 1e9),
        ("The deal is worth $1.5bn.", "$1.5bn", 1.5e9, "USD", 1e9),
        ("Brussels pledged €10.6 billion in aid.", "€10.6 billion", 10.6e9, "EUR", 1e9),
        ("The firm was fined £8.1m last week.", "£8.1m", 8.1e6, "GBP", 1e6),
        ("It must pay HK$ 2 million in costs.", "HK$ 2 million", 2e6, "HKD", 1e6),
        ("Output passed 100 billion yuan.", "100 billion yuan", 100e9, "CNY", 1e9),
        ("The budget loses 1.2 trillion roubles.", "1.2 trillion roubles", 1.2e12, "RUB", 1e12),
        ("Trade hit 240 billion dollars.", "240 billion dollars", 240e9, "USD", 1e9),
        ("Shares fell 34 cents.", "34 cents", 0.34, "USD", 1.0),
        ("Its share was 2.5 percent.", "2.5 percent", 2.5, "percent", 1.0),
        ("Prices rose 26.3% on the year.", "26.3%", 26.3, "percent", 1.0),
        ("Unemployment rose 0.4 percentage points.", "0.4 percentage points", 0.4, "percentage_point", 1.0),
        ("The bank raised rates by 50 basis points.", "50 basis points", 0.5, "percentage_point", 1.0),
        ("Their 2,615-mile border was settled.", "2,615-mile", 2615, "mile", 1.0),
        ("The border runs 4,209 kilometres.", "4,209 kilometres", 4209, "km", 1.0),
        ("Deliveries reached 38 bcm of gas.", "38 bcm", 38e9, "m3", 1e9),
        ("China sent 2,000 troops to the drill.", "2,000 troops", 2000, "troops", 1.0),
        ("The flood displaced twenty thousand people.", "twenty thousand people", 20_000, "people", 1e3),
    ],
)
def test_value_unit_scale(nlp, text, surface, value, unit, scale):
    figure = one(nlp, text, surface)
    assert figure.value == pytest.approx(value)
    assert (figure.unit, figure.scale) == (unit, scale)


@pytest.mark.parametrize(
    "text, surface, qualifier",
    [
        ("Trade grew from approximately $45 billion.", "$45 billion", "about"),
        ("Trade rose to over $200 billion.", "$200 billion", "over"),
        ("Some 40 percent of exports go east.", "40 percent", "about"),
        ("China sent more than 2,000 troops.", "2,000 troops", "over"),
        ("Fewer than 300 people attended.", "300 people", "under"),
        ("Sales were nearly $3 million.", "$3 million", "nearly"),
        ("At least 12 civilians were killed.", "12 civilians", "at_least"),
        ("Up to 1.2 million reservists could be called.", "1.2 million reservists", "up_to"),
        ("It was around 23 percent.", "23 percent", "about"),
        ("Exports grew 5 percent.", "5 percent", None),
    ],
)
def test_qualifier(nlp, text, surface, qualifier):
    assert one(nlp, text, surface).qualifier == qualifier


# --- kinds, change, share, multiplier -------------------------------------------------------


def test_change_and_level_in_one_clause(nlp):
    text = "In 2022, bilateral trade grew by 36 percent to $190 billion."
    change, level = figures(nlp, text)
    assert (change.surface, change.kind, change.value) == ("36 percent", "change", 36)
    assert (level.surface, level.kind, level.value) == ("$190 billion", "level", 190e9)
    for figure in (change, level):
        assert figure.metric == "bilateral trade"
        assert (figure.period, figure.period_precision, figure.period_text) == ("2022", "year", "2022")


@pytest.mark.parametrize("text, metric", [
    ("First Citizens bought $72 billion of loans.", "loans"),
    ("China bought $60 billion of Russian oil in 2023.", "russian oil"),
    ("Exports of 2 million barrels of crude rose.", "exports"),  # the noun the amount is of
])
def test_an_amount_of_something_measures_that_thing(nlp, text, metric):
    (figure,) = figures(nlp, text)
    assert figure.metric.lower() == metric


def test_change_noun_takes_the_clause_metric(nlp):
    text = "Trade between the two nations surged, reaching $240 billion in 2023—a 26.3% increase."
    change = one(nlp, text, "26.3%")
    assert change.kind == "change"
    assert change.metric == "trade between the two nations"
    assert change.period == "2023"


@pytest.mark.parametrize(
    "text, surface, value, metric",
    [
        ("Energy made up 73 percent of Russian exports to China.", "73 percent", 73,
         "russian exports to china"),
        ("Russia has become a key supplier to China, with half of its oil exports going there.",
         "half", 50, "russia's oil exports"),
        ("A third of the country's grain is exported.", "A third", 100 / 3, None),
        ("Two-thirds of the votes went to him.", "Two-thirds", 200 / 3, "votes"),
    ],
)
def test_share(nlp, text, surface, value, metric):
    figure = one(nlp, text, surface)
    assert (figure.kind, figure.unit) == ("share", "percent")
    assert figure.value == pytest.approx(value)
    if metric:
        assert figure.metric == metric


def test_share_of_its_trade_is_not_the_subject(nlp):
    text = "As for China, Russia accounted for only 2.5 percent of its trade in 2022."
    figure = one(nlp, text, "2.5 percent")
    assert figure.metric == "china's trade"
    assert figure.period == "2022"
    assert set(figure.about) == {"China", "Russia"}


@pytest.mark.parametrize(
    "text, surface, value, qualifier, metric",
    [
        ("Sales of Chinese cars nearly quadrupled in 2023.", "quadrupled", 4, "nearly",
         "sales of chinese cars"),
        ("Profits more than doubled last year.", "doubled", 2, "over", "profits"),
        ("Revenue grew threefold.", "threefold", 3, None, "revenue"),
        ("The total is now about two and a half times that level.", "two and a half times", 2.5,
         "about", "total"),
    ],
)
def test_multiplier(nlp, text, surface, value, qualifier, metric):
    figure = one(nlp, text, surface)
    assert (figure.kind, figure.unit, figure.value) == ("multiplier", "times", value)
    assert (figure.qualifier, figure.metric) == (qualifier, metric)


def test_meeting_count_is_not_a_multiplier(nlp):
    figure = one(nlp, "He and Putin have met more than 40 times.", "40 times")
    assert (figure.unit, figure.kind, figure.qualifier) == ("count", "level", "over")


def test_from_to(nlp):
    text = ("The share of bilateral trade in Russia's overall trade jumped from ten percent before "
            "the annexation of Crimea to 18 percent in 2021.")
    before, after = figures(nlp, text)
    assert (before.value, after.value) == (10, 18)
    for figure in (before, after):
        assert (figure.change_from, figure.change_to) == (10, 18)
        assert figure.metric.startswith("share of bilateral trade")
    assert before.period is None and before.period_text == "before the annexation of Crimea"
    assert after.period == "2021"


def test_reversed_from_borrows_the_unit(nlp):
    low = one(nlp, "Its stake rose to 23.5 pct from 15 in 1986.", "15")
    assert (low.unit, low.change_from, low.change_to) == ("percent", 15, 23.5)


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("The plan costs $10-15 billion.", 10e9, 15e9),
        ("Between 10 and 15 percent of voters are undecided.", 10, 15),
    ],
)
def test_ranges(nlp, text, low, high):
    first, second = figures(nlp, text)
    assert (first.value, first.qualifier) == (pytest.approx(low), "at_least")
    assert (second.value, second.qualifier) == (pytest.approx(high), "up_to")
    assert first.unit == second.unit


# --- metric and period ----------------------------------------------------------------------


def test_pronoun_subject_takes_the_previous_metric(nlp):
    text = "In 2022, bilateral trade grew to $190 billion. In 2023, it grew to $240 billion."
    figure = one(nlp, text, "$240 billion")
    assert (figure.metric, figure.period) == ("bilateral trade", "2023")


def test_generic_goods_become_the_trade_flow(nlp):
    text = "China has exported to Russia goods worth $111 billion."
    assert one(nlp, text, "$111 billion").metric == "exports to russia"


def test_worth_of(nlp):
    text = "China bought $129 billion worth of Russian goods."
    figure = one(nlp, text, "$129 billion")
    assert figure.metric == "russian goods"
    assert "China" in figure.about


def test_period_copies_the_time_expression(nlp):
    text = "Trade passed the $200 billion mark in November 2023."
    parsed = _parsed(nlp, text)
    start = text.index("November 2023")
    time = TimeExpression("tim_1", parsed.evidence(start, start + 13), "2023-11", "month")
    figure = extract_figures(parsed, [], [time])[0]
    assert (figure.period, figure.period_precision, figure.period_text) == ("2023-11", "month", "November 2023")


def test_period_of_each_clause(nlp):
    text = ("In 2023, Beijing and Moscow held three rounds of naval exercises, and in 2021 they "
            "conducted four joint patrols.")
    rounds = one(nlp, text, "three rounds")
    patrols = one(nlp, text, "four joint patrols")
    assert (rounds.metric, rounds.period) == ("rounds of naval exercises", "2023")
    assert (patrols.metric, patrols.period) == ("joint patrols", "2021")
    assert {"Beijing", "Moscow"} <= set(rounds.about)


# --- not figures ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The roots of the partnership date back to 2014.",
        "In the wake of Russia's 2022 invasion, 2023's numbers changed.",
        "The 1990s were lean; the thirteenth-century prince won his first battle on the 13th.",
        "Russia sold S-400 systems, S-500 missiles and Su-35 jets.",
        "Tesla's Model 3 launched before the G20 summit and COVID-19.",
        "Article 5 applies, says section 12 of the Nord Stream 2 agreement.",
        "Call +1-202-555-0143 or visit https://example.com/page?id=42.",
        "The three-day visit ended 20 days later.",
        "It barely made the top ten trading partners.",
        "The two nations and their two leaders met; one of them spoke.",
        "The 2022 invasion shocked the two sides.",
        "All three leaders met.",
    ],
)
def test_not_figures(nlp, text):
    assert surfaces(nlp, text) == []


def test_nouns_whose_plural_is_the_singular_are_counted(nlp):
    found = figures(nlp, "Regulators grounded 171 aircraft, and six crew stayed on board.")
    assert [(f.value, f.unit) for f in found] == [(171, "count"), (6, "people")]


def test_a_bare_base_of_comparison_counts_what_the_figure_before_counts(nlp):
    found = figures(nlp, "Deliveries fell to 83 planes in the quarter, down from 130.")
    assert [(f.value, f.unit) for f in found] == [(83, "count"), (130, "count")]
    assert figures(nlp, "Prices ranged from 15 to 20 in 1986.") == []


def test_all_of_a_head_count_is_a_figure(nlp):
    (found,) = figures(nlp, "The jet crashed on Wednesday, killing all ten people on board.")
    assert (found.value, found.unit) == (10, "people")


# --- provenance, determinism, robustness ----------------------------------------------------


def test_evidence_is_the_surface_and_ids_are_stable(nlp):
    text = "In 2022, bilateral trade grew by 36 percent to $190 billion, and 2,000 troops came."
    parsed = _parsed(nlp, text)
    first = extract_figures(parsed, _mentions(parsed), [])
    second = extract_figures(parsed, _mentions(parsed), [])
    assert first == second
    for figure in first:
        assert text[figure.evidence.start:figure.evidence.end] == figure.surface == figure.evidence.text
        assert figure.id.startswith("fig_")
    assert len({f.id for f in first}) == len(first)


_PIECES = st.sampled_from([
    "$", "€", "£", "¥", "%", " percent", " billion", " million", "bn", "m", " troops", " of",
    " from", " to", " between", " and", "-", "–", "/", ".", ",", ":", "+", "(", ")", "\"", "'s",
    "\n", " ", "  ", "half", "a third", "two", "twenty", "thousand", "1", "2,000", "3.5", "2023",
    "1990s", "13th", "Su-", "G", "nearly ", "over ", "about ", "quadrupled", " times", "fold",
    "In 2022, trade grew by", "it", " rose", "Russia", "China's", "😀", "Ж", "中文", "x" * 30,
])


@settings(max_examples=50, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_never_crashes_and_stays_in_the_text(nlp, text):
    parsed = _parsed(nlp, text)
    for figure in extract_figures(parsed, _mentions(parsed), []):
        assert 0 <= figure.evidence.start <= figure.evidence.end <= len(text)
        assert figure.evidence.text == text[figure.evidence.start:figure.evidence.end]
        assert figure.kind in ("level", "change", "share", "multiplier")


def test_many_numbers_in_one_line(nlp):
    text = " ".join(f"{i},000 troops" for i in range(1, 400)) + " " + "1 " * 2000
    result = figures(nlp, text)
    assert len(result) == 399


# --- real text ------------------------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.exists(), reason="seed articles not available")
def test_seed_articles(nlp):
    found = {}
    for path in sorted(SEEDS.glob("*.txt")):
        parsed = _parsed(nlp, path.read_text(encoding="utf-8"))
        for figure in extract_figures(parsed, _mentions(parsed), []):
            found.setdefault(figure.surface, []).append(figure)
            assert not figure.surface.strip().isdigit() or figure.unit != "count" or int(figure.value) < 1000
    assert any(f.period == "2023" and f.metric for f in found["$240 billion"])
    assert found["2,000 troops"][0].unit == "troops"
    assert found["quadrupled"][0].qualifier == "nearly"
    assert found["half"][0].kind == "share"
    assert not any(s in found for s in ("2014", "2022", "S-400", "Su-35", "two"))


@pytest.mark.slow
@pytest.mark.skipif(not SPECS.exists(), reason="Recognizers-Text specs not available")
def test_recognizers_currency_and_percent():
    from claimgraph.eval.recognizers_figures import evaluate

    results = evaluate(SPECS)
    assert results["currency"]["f1"] >= 0.9
    assert results["percent"]["f1"] >= 0.9


@pytest.mark.parametrize(("text", "value"), [
    ("One in five cars sold in Norway was electric.", 20.0),
    ("Three out of every ten buyers chose a Chinese brand.", 30.0),
])
def test_one_in_five_is_a_share(nlp, text, value):
    (figure,) = figures(nlp, text)
    assert (figure.value, figure.unit, figure.kind) == (value, "percent", "share")


def test_a_year_after_in_is_no_ratio(nlp):
    assert all(f.unit != "percent" for f in figures(nlp, "The team won 3 in 2021."))


def test_pc_after_a_number_is_percent(nlp):
    found = {f.surface: f.unit for f in figures(nlp, "EV shipments were 11pc lower and prices fell 3 pc.")}
    assert found == {"11pc": "percent", "3 pc": "percent"}


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("Output fell by 2 million barrels a day.", "2 million barrels a day", 2e6),
    ("They kept a 500,000-barrel-a-day cut.", "500,000-barrel-a-day", 5e5),
    ("Exports reached 1.2m bpd.", "1.2m bpd", 1.2e6),
    ("Shipments of 300,000 b/d resumed.", "300,000 b/d", 3e5),
])
def test_oil_output_is_a_rate_per_day(nlp, text, surface, value):
    found = {f.surface: (f.value, f.unit) for f in figures(nlp, text)}
    assert found[surface] == (value, "barrel_per_day")


def test_a_stock_of_barrels_is_no_rate(nlp):
    (figure,) = figures(nlp, "The reserve holds 405 million barrels.")
    assert (figure.value, figure.unit) == (405e6, "barrel")


def test_a_list_of_named_holders_shares_the_unit_written_once(nlp):
    found = {f.surface: f.unit for f in figures(
        nlp, "Saudi Arabia offered 500,000 barrels a day, Iraq 211,000, the UAE 144,000 and Gabon 8,000.")}
    assert found == {"500,000 barrels a day": "barrel_per_day", "211,000": "barrel_per_day",
                     "144,000": "barrel_per_day", "8,000": "barrel_per_day"}


def test_a_bare_number_after_a_name_without_a_list_is_still_no_figure(nlp):
    assert figures(nlp, "Article 5 applies. Nord Stream 2 was built.") == []


def test_millimetres_before_a_barrel_stay_millimetres(nlp):
    found = {f.surface: (f.value, f.unit) for f in figures(nlp, "The 7.62mm barrel is long; output is 9.5m barrels.")}
    assert found["7.62mm"] == (7.62, "mm")
    assert found["9.5m barrels"] == (9.5e6, "barrel")


def test_vote_tallies_count_even_when_the_noun_is_written_once(nlp):
    found = {f.surface: (f.value, f.unit, f.metric) for f in
             figures(nlp, "Ten member states voted in favour, five against and 12 abstained.")}
    assert found["five against"] == (5, "count", "votes against")
    assert found["12 abstained"] == (12, "count", "abstentions")
    # "against" with an object is a preposition, not a vote
    assert surfaces(nlp, "The team won 3 against Spain on Sunday.") == []


def test_a_bare_million_takes_the_one_unit_of_its_sentence(nlp):
    found = {f.surface: (f.value, f.unit) for f in figures(
        nlp, "Angola rejected its quota of 1.11 million barrels a day and would keep pumping about 1.18 million.")}
    assert found["1.18 million"] == (1_180_000, "barrel_per_day")
    # two units in the sentence: a bare number takes neither
    assert "2 million" not in surfaces(nlp, "He earned $3 million and sold 4 million barrels, and 2 million more.")


def test_a_hyphenated_rate_is_barrels_per_day(nlp):
    assert one(nlp, "The group announced a 2 million barrel-per-day cut.", "2 million barrel-per-day").unit \
        == "barrel_per_day"


@pytest.mark.parametrize(("text", "surface", "unit"), [
    # a bare base of comparison counts what the figure compared with it counts
    ("It bought 538.4 billion integrated circuits in 2022, 15.3% fewer than the 635.6 billion of 2021.",
     "635.6 billion", "count"),
    ("Logic chips at 16 nanometres or below need a licence.", "16 nanometres", "nm"),
    ("SMIC makes 7nm parts.", "7nm", "nm"),
])
def test_units_of_bases_and_chip_nodes(nlp, text, surface, unit):
    assert {f.surface: f.unit for f in figures(nlp, text)}[surface] == unit


def test_two_hundred_nm_offshore_is_not_a_chip_node(nlp):
    assert all(f.unit != "nm" for f in figures(nlp, "The ship was 200 nm offshore."))


def test_a_date_inside_a_base_of_comparison_is_the_bases_alone(nlp):
    from claimgraph.extract.times import extract_times

    text = "Worldwide equipment sales rose 5% to a record $107.6 billion, from $102.6 billion in 2021."
    parsed = parse(Document(id="doc", text=text, path="doc.txt", published="2023-10-18"), nlp)
    periods = {f.surface: f.period for f in extract_figures(parsed, [], extract_times(parsed))}
    assert periods["$102.6 billion"] == "2021"
    assert periods["5%"] != "2021" and periods["$107.6 billion"] != "2021"


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("China took 46% of its sales in the third quarter, nearly double the 24% of the second quarter.", "double", 2),
    ("The headline cut is about twice the real reduction.", "twice", 2),
    ("Output was twice as high as in 2019.", "twice", 2),
    ("Prices are triple what they were.", "triple", 3),
])
def test_multiple_words_are_multipliers(nlp, text, surface, value):
    found = {f.surface: f for f in figures(nlp, text)}
    assert (found[surface].value, found[surface].unit, found[surface].kind) == (value, "times", "multiplier")


@pytest.mark.parametrize("text", ["He said it twice as a warning.", "She paid double for the seats."])
def test_twice_and_double_without_a_compared_quantity_are_not_figures(nlp, text):
    assert [f for f in figures(nlp, text) if f.unit == "times"] == []


def test_a_size_takes_only_its_own_clauses_date(nlp):
    from claimgraph.extract.times import extract_times

    text = ("The border is 4,209 km long and was settled in 2004. Gatun Lake stood at 79.6 feet on Tuesday. "
            "The lake is 85 feet deep.")
    parsed = parse(Document(id="doc", text=text, path="doc.txt", published="2023-12-07"), nlp)
    periods = {f.surface: f.period for f in extract_figures(parsed, [], extract_times(parsed))}
    assert periods["4,209 km"] is None  # the settlement's date is not the length's
    assert periods["79.6 feet"] == "2023-12-05"  # a level measured on a day
    assert periods["85 feet"] is None  # a size is not dated by the narrative


@pytest.mark.parametrize(("text", "surface", "qualifier"), [
    ("NAND chips with 128 layers or more need licences.", "128 layers", "at_least"),
    ("Logic chips at 16 nanometres or below need licences.", "16 nanometres", "up_to"),
])
def test_a_bound_written_after_the_figure(nlp, text, surface, qualifier):
    assert {f.surface: f.qualifier for f in figures(nlp, text)}[surface] == qualifier


def test_crew_members_are_people_and_year_on_year_is_no_metric(nlp):
    found = {f.surface: f for f in figures(nlp, "The rebels took its 25 crew members hostage. "
                                                "Canal revenue dropped 40% year on year.")}
    assert found["25 crew members"].unit == "people"
    assert (found["40%"].kind, found["40%"].metric) == ("change", "canal revenue")


@pytest.mark.parametrize(("text", "surface", "unit"), [
    ("The crew of 22 was taken hostage.", "22", "people"),
    ("Russia sent a force of 5,000 to the border.", "5,000", "troops"),
    ("A group of 12 analysts met.", "12 analysts", "people"),
])
def test_groups_counted_by_their_members(nlp, text, surface, unit):
    assert {f.surface: f.unit for f in figures(nlp, text)}[surface] == unit


def test_a_clause_on_a_noun_does_not_date_the_main_clauses_figure(nlp):
    from claimgraph.extract.times import extract_times

    text = "Egypt's canal revenue, which reached a record $10.25 billion in 2023, fell by half."
    parsed = parse(Document(id="doc", text=text, path="doc.txt", published="2024-02-10"), nlp)
    periods = {f.surface: f.period for f in extract_figures(parsed, [], extract_times(parsed))}
    assert periods["$10.25 billion"] == "2023" and periods["half"] != "2023"


def _periods(nlp, text: str, published: str) -> dict[str, str | None]:
    from claimgraph.extract.times import extract_times

    parsed = parse(Document(id="doc", text=text, path="doc.txt", published=published), nlp)
    return {f.surface: f.period for f in extract_figures(parsed, [], extract_times(parsed))}


@pytest.mark.parametrize(("text", "surface", "period"), [
    # a total built up since a date holds from then to publication, at the date's precision
    ("More than 11 million tonnes of grain have left the ports since the first ship sailed on August 1.",
     "11 million tonnes", "2022-08-01/2022-11-18"),
    ("Exports have reached 5 million tonnes since August.", "5 million tonnes", "2022-08/2022-11"),
    # "have since fallen": from the time the sentence gave before
    ("Wheat futures, which hit a record of $13.64 a bushel in March, have since fallen by more than a third.",
     "a third", "2022-03/2022-11"),
    # the date of the noun a figure is "of"
    ("Wheat could be back near the March 2022 record of $13.64 a bushel by Christmas.", "$13.64", "2022-03"),
])
def test_periods_from_since_and_from_the_noun_a_figure_is_of(nlp, text, surface, period):
    assert _periods(nlp, text, "2022-11-18")[surface] == period


def test_a_fall_by_more_than_a_fraction_is_a_change(nlp):
    figure = one(nlp, "Prices have fallen by more than a third.", "a third")
    assert (figure.value, figure.unit, figure.qualifier) == (pytest.approx(100 / 3), "percent", "over")


@pytest.mark.parametrize(("text", "unit"), [
    ("Argentina let the peso fall to 800 pesos per dollar.", "ARS"),
    ("Mexico's central bank sold dollars as the rate hit 20 pesos.", "MXN"),
    ("Egypt floated its currency; Cairo owes 300 billion pounds.", "EGP"),
    ("The Philippines and Mexico trade little; Manila's budget is 5 trillion pesos.", "PHP"),
])
def test_a_bare_currency_name_is_the_currency_of_the_country_the_story_names(text, unit):
    from claimgraph.extract.mentions import extract_mentions

    parsed = _parsed(load_pipeline(), text)
    money = [f for f in extract_figures(parsed, extract_mentions(parsed), []) if f.unit not in ("percent", "count")]
    assert [f.unit for f in money][-1] == unit


def test_a_bare_dollar_stays_the_us_dollar_wherever_the_story_is(nlp):
    from claimgraph.extract.mentions import extract_mentions

    parsed = _parsed(nlp, "Australia's miners earned 40 billion dollars.")
    assert [f.unit for f in extract_figures(parsed, extract_mentions(parsed), [])] == ["USD"]


def test_a_total_since_a_year_runs_to_publication(nlp):
    assert _periods(nlp, "Exports have doubled since Russia invaded in 2022.", "2024-04-23")["doubled"] == "2022/2024"


@pytest.mark.parametrize(("text", "surface", "period"), [
    ("Argentina owes about $44 billion under a 2022 programme.", "$44 billion", "2024"),
    ("The 2023 total was $240 billion.", "$240 billion", "2023"),
])
def test_a_year_naming_a_noun_dates_only_that_nouns_figure(nlp, text, surface, period):
    assert _periods(nlp, text, "2024-01-25")[surface] == period


def test_a_start_dated_only_by_its_end_is_marked_as_the_start(nlp):
    from claimgraph.extract.times import extract_times

    text = ("Argentina's new government devalued the peso by 54% on Tuesday, moving the official exchange rate "
            "from about 366.5 to 800 pesos per US dollar.")
    parsed = parse(Document(id="doc", text=text, path="doc.txt", published="2023-12-13"), nlp)
    roles = {f.surface: (f.role, f.period) for f in extract_figures(parsed, [], extract_times(parsed))}
    assert roles["366.5"] == ("from", "2023-12-12") and roles["800 pesos"][0] == "to"


def test_a_start_with_a_date_of_its_own_is_a_level_like_any_other(nlp):
    from claimgraph.extract.times import extract_times

    text = "Brent climbed from about $72 in late June to $90.04 on Tuesday."
    parsed = parse(Document(id="doc", text=text, path="doc.txt", published="2023-09-06"), nlp)
    roles = {f.surface: f.role for f in extract_figures(parsed, [], extract_times(parsed))}
    assert roles["$72"] is None


def test_the_narrative_time_is_what_a_reporting_root_reports(nlp):
    periods = _periods(nlp, "Consumer prices rose 11% last month, the statistics agency INDEC reported on April 12, "
                            "down from 13.2% the month before and a peak of 25.5% in December. Annual inflation, "
                            "however, still stood at 287.9%.", "2024-04-23")
    assert periods["287.9%"] == "2024-03"


@pytest.mark.parametrize(("text", "surface", "unit"), [
    ("The union said 1.5 million people joined marches, 600,000 of them in the capital.", "600,000", "people"),
    ("The minister put the crowd outside Congress at 40,000.", "40,000", "people"),
    ("A crowd of 5,000 gathered outside.", "5,000", "people"),
])
def test_bare_numbers_that_count_people_of_a_crowd_or_a_whole(nlp, text, surface, unit):
    assert one(nlp, text, surface).unit == unit


def test_a_bare_number_put_at_a_price_is_no_crowd(nlp):
    assert all(f.unit != "people" for f in figures(nlp, "Analysts put the price at 40,000."))


def test_an_unresolved_date_does_not_stop_the_narrative(nlp):
    periods = _periods(nlp, "The unions brought the country to a standstill on Wednesday with a general strike.\n\n"
                            "The strike came 45 days after Milei took office. Banks shut.\n\n"
                            "Estimates of the turnout were far apart. The union said 1.5 million people joined marches.",
                       "2024-01-25")
    assert periods["1.5 million people"] == "2024-01-24"


def test_a_present_state_in_a_clause_on_an_actor_holds_at_publication(nlp):
    periods = _periods(nlp, "The talks began on December 10. The International Monetary Fund, to which Argentina owes "
                            "about $44 billion, welcomed the plan.", "2023-12-13")
    assert periods["$44 billion"] == "2023"
