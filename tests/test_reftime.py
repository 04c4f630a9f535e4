"""Reference time: tense, narrative time and publication date for clauses that name no date."""

from __future__ import annotations

import pytest

from claimgraph.extract.figures import extract_figures
from claimgraph.extract.reftime import NarrativeTime, ReferenceTime, publication_time, tense
from claimgraph.extract.times import extract_times
from claimgraph.nlp import load_pipeline, parse
from claimgraph.records import Document


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _parsed(nlp, text: str, published: str | None = None):
    return parse(Document(id="doc", text=text, path="doc.txt", published=published), nlp)


def _verb(parsed, word: str):
    return next(t for t in parsed.doc if t.text == word)


@pytest.mark.parametrize(("sentence", "verb", "expected"), [
    ("Beijing bought more oil.", "bought", "past"),
    ("Beijing buys more oil.", "buys", "present"),
    ("Beijing is buying more oil.", "buying", "present"),
    ("Beijing was buying more oil.", "buying", "past"),
    ("Beijing has bought more oil.", "bought", "perfect"),
    ("Beijing had bought more oil.", "bought", "past"),
    ("Beijing will buy more oil.", "buy", "future"),
    ("Beijing may buy more oil.", "buy", "future"),
    ("Beijing would buy more oil.", "buy", "conditional"),
    ("Beijing could buy more oil.", "buy", "modal"),
    ("Beijing is expected to buy more oil.", "buy", "future"),
    ("The probe, opened in October, found subsidies.", "opened", "past"),
    ("Beijing decided to buy more oil.", "buy", "past"),  # an infinitive takes its governor's
])
def test_tense_from_tag_and_auxiliaries(nlp, sentence, verb, expected):
    assert tense(_verb(_parsed(nlp, sentence), verb)) == expected


def test_publication_time_at_the_asked_precision(nlp):
    parsed = _parsed(nlp, "Text.", published="2024-06-10")
    assert publication_time(parsed) == ReferenceTime("2024", "year", "published 2024-06-10")
    assert publication_time(parsed, "day").value == "2024-06-10"
    assert publication_time(_parsed(nlp, "Text.")) is None


def test_narrative_time_stays_in_the_paragraph_unless_allowed(nlp):
    parsed = _parsed(nlp, "One.\n\nTwo. Three. Four.")
    dated = {0: [ReferenceTime("2019", "year", "2019")]}
    within = NarrativeTime(parsed)
    assert within.before(3, lambda i: dated.get(i, [])) is None
    assert NarrativeTime(parsed, paragraphs_back=1).before(3, lambda i: dated.get(i, [])).value == "2019"
    dated[2] = [ReferenceTime("2020", "year", "2020")]
    assert within.before(3, lambda i: dated.get(i, [])).value == "2020"  # the nearest wins


def test_narrative_time_refuses_an_ambiguous_sentence(nlp):
    parsed = _parsed(nlp, "One. Two.")
    both = [ReferenceTime("2019", "year", "2019"), ReferenceTime("2021", "year", "2021")]
    assert NarrativeTime(parsed).before(1, lambda i: both if i == 0 else []) is None


def _figures(nlp, text: str, published: str | None = None):
    parsed = _parsed(nlp, text, published)
    return extract_figures(parsed, [], extract_times(parsed))


def _periods(nlp, text: str, published: str | None = None) -> dict[str, str | None]:
    return {f.surface: f.period for f in _figures(nlp, text, published)}


def test_past_tense_figure_continues_the_narrative_across_a_paragraph(nlp):
    text = ("Shipments of grain reached a record in 2021.\n\n"
            "The harvest was large. Exporters sold 40 million tonnes abroad.")
    assert _periods(nlp, text, "2022-03-01")["40 million tonnes"] == "2021"


def test_present_tense_figure_holds_as_of_publication(nlp):
    text = "Wind farms now supply about 30 percent of the island's power."
    assert _periods(nlp, text, "2023-05-02")["30 percent"] == "2023"
    assert _periods(nlp, text)["30 percent"] is None  # no publication date: no guess


def test_cumulative_and_timeless_figures_get_no_period(nlp):
    text = "The ministers met in 2019. They have since met 12 times. The canal was 190 kilometres long."
    periods = _periods(nlp, text, "2023-05-02")
    assert periods["12 times"] is None
    assert periods["190 kilometres"] is None


@pytest.mark.parametrize("sentence", [
    "The canal will carry 30 percent more ships.",
    "Brent could retest $100 if supply drops 30 percent.",
])
def test_a_plan_or_forecast_without_a_date_holds_for_the_publication_year(nlp, sentence):
    figure = next(f for f in _figures(nlp, sentence, "2023-05-02") if f.surface != "$100")
    assert figure.period == "2023"


def test_an_earlier_base_figure_does_not_date_the_narrative(nlp):
    text = ("Sales rose to $12 billion in 2022, compared with $9 billion a year earlier. "
            "Exports made up 40 percent of them.")
    assert _periods(nlp, text, "2023-01-15")["40 percent"] == "2022"


def test_a_present_relative_clause_in_a_past_narrative_shares_its_time(nlp):
    text = ("Output peaked in 2019. The mine has shipped copper worth $3 billion, "
            "which accounts for 12 percent of the country's exports.")
    periods = _periods(nlp, text, "2021-08-01")
    assert periods["$3 billion"] == "2019"
    assert periods["12 percent"] == "2019"


def test_a_running_total_in_the_perfect_gets_no_period(nlp):
    text = "The leaders met in 2019. They have now held 12 summits."
    assert _periods(nlp, text, "2023-05-02")["12 summits"] is None


def test_past_tense_event_takes_the_date_of_the_sentence_before(nlp):
    from claimgraph.extract.events import extract_events
    from claimgraph.extract.mentions import extract_mentions

    text = ("The turning point came on March 3, 2021. Norway and Sweden signed "
            "a fisheries pact in Oslo.\n\nSweden later signed a treaty with Finland.")
    parsed = _parsed(nlp, text, "2021-06-01")
    events = extract_events(parsed, extract_mentions(parsed), extract_times(parsed))
    assert [e.date for e in events if e.trigger == "signed"][0] == "2021-03-03"
    assert [e.date for e in events if e.evidence.start > text.index("\n\n")] == [None]  # new paragraph


@pytest.mark.parametrize(("text", "published", "surface", "period"), [
    # a "from" date in the writer's present or future starts the period; a past one is a base
    ("The group agreed on Wednesday to cut output by 2 million barrels a day from November.",
     "2022-10-06", "2 million barrels a day", "2022-11"),
    ("Russia will trim exports by 300,000 barrels a day from September.", "2023-09-06",
     "300,000 barrels a day", "2023-09"),
    ("Exports were up 5% from 2022.", "2024-05-17", "5%", None),
])
def test_a_from_date_starts_the_period_only_when_it_is_not_past(nlp, text, published, surface, period):
    periods = _periods(nlp, text, published)
    assert periods[surface] == period or (period is None and periods[surface] != "2022")


@pytest.mark.parametrize(("text", "expected"), [
    ("The government would buy crude back once prices fall to about $70 a barrel.", True),
    ("Brent could retest $100 before the end of the year.", True),
    ("Exports may fall by 10 percent.", True),
    ("If the cut were extended to 2 million barrels a day, prices would rise.", True),
    ("Prices stand at about $70 a barrel.", False),
    ("When prices fell to $60 in 2020, producers cut output.", False),  # a past condition happened
    ("Exports will fall by 10 percent.", False),  # a plan or forecast, stated as one
])
def test_a_possibility_or_open_condition_is_hypothetical(nlp, text, expected):
    figure = _figures(nlp, text, "2022-10-20")[0]
    assert figure.hypothetical is expected


def test_a_phrase_dates_a_present_state_only_by_when_it_began(nlp):
    periods = _periods(nlp, "After those sales, the reserve holds roughly 405 million barrels.", "2022-10-20")
    assert periods["405 million barrels"] == "2022"
    periods = _periods(nlp, "Before the invasion, trade was worth $45 billion.", "2022-10-20")
    assert periods["$45 billion"] is None  # a past state: the phrase is its period


def test_a_gerund_after_before_is_not_a_period(nlp):
    text = "On Monday it jumped as much as 3.4% to $78.73 in early trade before paring gains."
    assert _periods(nlp, text, "2023-06-05")["$78.73"] == "2023-06-05"


def test_until_a_date_ends_the_period_and_does_not_date_the_narrative(nlp):
    text = ("Brent rose above $90 on Tuesday.\n\nRussia said it would trim exports by 300,000 barrels a day "
            "until the end of the year. The benchmark settled at $90.04.")
    periods = _periods(nlp, text, "2023-09-06")
    assert periods["300,000 barrels a day"] == "2023-09/2023-12"
    assert periods["$90.04"] == "2023-09-05"  # the narrative skips the deadline


def test_past_tense_far_from_any_date_falls_back_on_the_ledes_day(nlp):
    text = ("OPEC+ agreed on Wednesday to cut its output target.\n\n"
            "The cut is large. Analysts estimate the real reduction at about 1 million barrels a day. "
            "Members have pumped below quota. Delegates met for hours. Saudi Arabia prevailed.\n\n"
            "Brent crude settled at $93.37 a barrel.")
    periods = _periods(nlp, text, "2022-10-06")
    assert periods["$93.37"] == "2022-10-05"  # not the publication year of the present-tense estimate
    assert periods["1 million barrels a day"] == "2022"
    # a lede that opens with history gives no news day to fall back on
    old = text.replace("on Wednesday", "on March 3, 2020")
    assert _periods(nlp, old, "2022-10-06")["$93.37"] is None


def test_the_date_after_a_from_figure_is_that_figures(nlp):
    periods = _periods(nlp, "The cut will take output to about 9 million barrels a day from roughly "
                            "10 million in May.", "2023-06-05")
    assert periods["10 million"].endswith("-05")
    assert periods["9 million barrels a day"] == "2023"  # a forecast: not May, the publication year


def test_a_change_since_a_date_spans_to_the_publication_month(nlp):
    periods = _periods(nlp, "Diesel prices in Europe have risen by nearly a fifth since early July.", "2023-09-06")
    assert periods["a fifth"] == "2023-07/2023-09"
    assert _periods(nlp, "Trade has grown 30% since 2021.", "2023-09-06")["30%"] == "2021/2023"


def test_a_length_is_not_dated_by_a_clause_about_its_noun(nlp):
    text = "The two countries share a border of 4,209 kilometres that was only fully settled in the 2000s."
    assert _periods(nlp, text, "2024-05-17")["4,209 kilometres"] is None


@pytest.mark.parametrize(("text", "published", "surface", "period"), [
    # told in the perfect: from the first level's date to publication
    ("It has climbed from about $72 in late June, a gain of about 25%.", "2023-09-06", "25%",
     "2023-06/2023-09-06"),
    # between two dated levels
    ("The benchmark raced from $72 in late June to nearly $97 in late September, up roughly 35%.",
     "2023-12-22", "35%", "2023-06/2023-09"),
    # a change with only its result dated keeps that date
    ("Trade grew by 36 percent to $190 billion in 2022.", "2023-02-01", "36 percent", "2022"),
    # a past change from a dated level, with no second date: nothing to span
    ("Brent fell from $90 in June, a drop of 8%.", "2023-12-22", "8%", "2023-06"),
])
def test_a_change_between_two_dated_levels_spans_them(nlp, text, published, surface, period):
    assert _periods(nlp, text, published)[surface] == period


def test_a_coordinated_verb_in_another_tense_has_another_time(nlp):
    text = "The benchmark raced to nearly $97 in late September and is now back around $79."
    assert _periods(nlp, text, "2023-12-22")["$79"] == "2023"
