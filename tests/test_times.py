"""Time expressions: absolute dates, precision, ranges, and relative dates resolved against an
anchor or the publication date. Sentences written for these tests, in varied styles."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.extract.times import extract_times
from claimgraph.nlp import load_pipeline, parse
from claimgraph.records import Document

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def times_of(text: str, published: str | None = "2024-05-17"):
    parsed = parse(Document(id="doc", text=text, path="t.txt", published=published), load_pipeline())
    return extract_times(parsed)


def by_text(text: str, published: str | None = "2024-05-17") -> dict[str, tuple]:
    return {t.evidence.text: (t.value, t.precision, t.end) for t in times_of(text, published)}


@pytest.mark.parametrize(
    ("sentence", "expression", "value", "precision"),
    [
        ("The accord was signed on March 3, 2019, in Geneva.", "March 3, 2019", "2019-03-03", "day"),
        ("Talks resumed on 17 October 2021 after a long pause.", "17 October 2021", "2021-10-17", "day"),
        ("The filing is dated 2020-06-30.", "2020-06-30", "2020-06-30", "day"),
        ("Tuesday, Jan. 9, 2018 was the deadline.", "Tuesday, Jan. 9, 2018", "2018-01-09", "day"),
        ("Prices peaked in August 2008.", "August 2008", "2008-08", "month"),
        ("The merger closed in Sept. 2015.", "Sept. 2015", "2015-09", "month"),
        ("The plant opened in 1998 near the river.", "1998", "1998", "year"),
        ("Since 2011, exports have tripled.", "2011", "2011", "year"),
        ("Growth slowed in early 2020.", "early 2020", "2020", "year"),
        ("Relations were frosty during the 1970s.", "the 1970s", "1970s", "decade"),
        ("It was a fashion of the mid-1980s.", "the mid-1980s", "1980s", "decade"),
        ("A fortress from the twelfth century still stands.", "the twelfth century", "12C", "century"),
        ("They admired the seventeenth-century painter.", "seventeenth-century", "17C", "century"),
        ("The bridge dates from the 19th century.", "the 19th century", "19C", "century"),
    ],
)
def test_absolute_dates_with_precision(sentence, expression, value, precision):
    found = by_text(sentence)
    assert found[expression][:2] == (value, precision)


@pytest.mark.parametrize(
    "sentence",
    [
        "The 2,615-mile border was finally settled.",
        "They paid $2014 for the tickets.",
        "About 2000 soldiers crossed the line.",
        "The Su-35 and the Tu-160 flew overhead.",
        "Turnout was 1987 votes higher than before.",
        "Shares rose 20% to 1450.5 points.",
        "It may rain, and they may march.",
    ],
)
def test_numbers_that_are_not_dates(sentence):
    assert times_of(sentence) == []


def test_ranges_keep_both_ends():
    found = by_text("The feud ran from the 1960s to the 1980s. Between 2014 and 2023 trade grew fivefold, "
                    "as it did in the 2015–2019 period and from May to July 2022.")
    assert found["from the 1960s to the 1980s"] == ("1960s", "decade", "1980s")
    assert found["Between 2014 and 2023"] == ("2014", "year", "2023")
    assert found["2015–2019"] == ("2015", "year", "2019")
    assert found["from May to July 2022"] == ("2022-05", "month", "2022-07")


def test_offset_resolved_against_the_preceding_day_anchor():
    times = times_of("In a joint statement issued on February 4, 2022, the two leaders pledged support. "
                     "Troops crossed the border just 20 days later.")
    later = next(t for t in times if t.evidence.text == "20 days later")
    assert (later.value, later.precision, later.relative, later.anchor) == ("2022-02-24", "day", True, "2022-02-04")


def test_offset_from_a_following_date():
    found = by_text("The ceasefire collapsed three weeks after June 1, 2015.")
    assert found["three weeks after June 1, 2015"][:2] == ("2015-06-22", "day")


def test_offset_of_two_units_counts_both():
    found = by_text("The first rules came on October 7, 2022. The update came a year and ten days later. "
                    "Its draft had circulated two years and three months earlier.")
    assert found["a year and ten days later"][:2] == ("2023-10-17", "day")
    assert found["two years and three months earlier"][:2] == ("2020-07", "month")
    assert by_text("A year and a half later, the talks broke down.", None).get(
        "A year and a half later", (None,))[0] is None  # not "a half later" plus a year


def test_times_of_day_keep_the_day_and_a_weekday_evening_is_an_anchor():
    found = by_text("The jet crashed near Tver on Wednesday evening, killing all ten people on board. "
                    "The aircraft was flying to St Petersburg.\n\nOn Thursday Putin offered condolences.\n\n"
                    "Biden said hours after the crash that he was not surprised. By early evening the "
                    "Kremlin had said nothing; the statement came shortly before midnight.", "2023-08-25")
    assert found["Wednesday"][0] == "2023-08-23"
    assert found["hours after"][0] == "2023-08-23"  # the day of the crash, not of the nearer Thursday
    assert found["By early evening"][0] == found["shortly before midnight"][0] == "2023-08-24"


def test_a_reported_would_looks_forward_from_the_day_of_saying():
    found = by_text("On Saturday the mayor announced that Monday would be a non-working day. "
                    "That evening the column turned back.", "2023-06-25")
    assert found["Monday"][0] == "2023-06-26"
    assert found["That evening"][0] == "2023-06-24"  # the announced Monday is not the story's time yet


def test_today_in_a_quote_is_the_day_its_attribution_names():
    found = by_text("Wagner troops arrived on July 14. \u201cYes, he is in Belarus today,\u201d Lukashenko "
                    "said on June 27.", "2023-08-11")
    assert found["today"][0] == "2023-06-27"


def test_a_weekday_right_after_a_day_told_weeks_before_publication_is_in_that_week():
    found = by_text("Regulators seized the bank on Friday, March 10. Late Sunday, the Treasury announced "
                    "a guarantee.\n\nOn Tuesday, the Senate held a hearing. Putin met Prigozhin on June 29, "
                    "the Kremlin disclosed on Monday.", "2023-03-30")
    assert found["Sunday"][0] == "2023-03-12"  # the story's Sunday, not the one before publication
    assert found["Tuesday"][0] == "2023-03-28"  # a new paragraph: the week of publication
    assert found["Monday"][0] == "2023-03-27"  # a report of an earlier day is news of the week
    found = by_text("Houthi rebels fired two missiles at a ship on Saturday. They seized the Galaxy Leader "
                    "on November 19. Iran denied involvement on Monday.", "2024-01-22")
    assert found["Monday"][0] == "2024-01-22"  # a lede with this week's news: background dates aside


def test_weekends_are_saturday_to_sunday():
    found = by_text("Regulators seized the bank on Friday, March 10. Over the weekend, officials worked on a "
                    "rescue.\n\nLast weekend, protesters marched. The talks will resume next weekend.",
                    "2023-03-30")
    assert found["Over the weekend"] == ("2023-03-11", "day", "2023-03-12")
    assert found["Last weekend"][0::2] == ("2023-03-25", "2023-03-26")
    assert found["next weekend"][0] == "2023-04-01"
    assert "a weekend" not in by_text("It bought calm for a weekend, not for a year.")


def test_hours_in_whole_days_are_days():
    found = by_text("Regulators seized the bank on Friday, March 10. Forty-eight hours later, another bank "
                    "failed. 36 hours later, a third did.", "2023-03-30")
    assert found["Forty-eight hours later"][0] == "2023-03-12"
    assert found["36 hours later"][:2] == (None, "unknown")


def test_a_plan_told_in_the_past_is_not_next_years():
    found = by_text("Customers pulled $42 billion on March 9, and another $100 billion was set to leave on "
                    "March 10. The bank is set to close on June 3.", "2023-05-02")
    assert found["March 10"][0] == "2023-03-10"
    assert found["June 3"][0] == "2023-06-03"


def test_days_told_relative_to_the_narrative():
    found = by_text("The bank failed on Friday, March 10. Regulators met on Monday. Clients wrote letters. "
                    "That Thursday, clients had fled. The next morning, regulators met. Earlier in the day, "
                    "the Fed spoke. On the 12th, officials acted. It ended on the 20th anniversary.", "2023-03-30")
    assert found["Monday"][0] == "2023-03-13"
    assert found["That Thursday"][0] == "2023-03-16"  # the Thursday of the week told
    assert found["The next morning"][0] == "2023-03-17"
    assert found["Earlier in the day"][1] == "day"
    assert found["the 12th"][0] == "2023-03-12"
    assert "the 20th" not in found


def test_vague_offsets_stay_unknown():
    times = times_of("In September 2022 the fleets met. A few months later, the talks broke down.")
    vague = next(t for t in times if t.evidence.text == "A few months later")
    assert (vague.value, vague.precision) == (None, "unknown")


def test_offset_finer_than_its_anchor_is_not_guessed():
    times = times_of("The pact was signed in 2014. Ten days later it was ratified.", published=None)
    later = next(t for t in times if t.evidence.text == "Ten days later")
    assert later.value is None and later.precision == "unknown"


def test_month_without_year_takes_the_anchor_year_in_a_narrative():
    found = by_text("In September 2022, the navy held drills in the north. "
                    "A few months later, in December, the ships sailed south.")
    assert found["December"][:2] == ("2022-12", "month")


def test_following_and_previous_year_count_from_a_year_anchor():
    found = by_text("Sales jumped by 54 percent in 2023 compared with the previous year. "
                    "The following year they fell.")
    assert found["the previous year"][:2] == ("2022", "year")
    assert found["The following year"][:2] == ("2024", "year")


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"),
    [
        ("Late last year, the minister resigned.", "Late last year", ("2023", "year", None)),
        ("Inflation eased last month.", "last month", ("2024-04", "month", None)),
        ("Over the past six months, imports fell.", "the past six months", ("2023-11", "month", "2024-05")),
        ("Prices doubled in the last two years.", "the last two years", ("2022", "year", "2024")),
        ("Just a decade ago, few expected it.", "a decade ago", ("2014", "year", None)),
        ("Markets fell yesterday.", "yesterday", ("2024-05-16", "day", None)),
        ("The envoy arrived on Monday.", "Monday", ("2024-05-13", "day", None)),
        ("She will visit Paris in December.", "December", ("2024-12", "month", None)),
        ("Output rose in the first quarter of last year.", "the first quarter of last year",
         ("2023-01", "month", "2023-03")),
        ("The deal will be signed in two weeks.", "in two weeks", ("2024-05-31", "day", None)),
        ("Trade has grown since 2014 to the present.", "2014 to the present", ("2014", "year", "2024")),
    ],
)
def test_deictic_dates_resolve_against_publication(sentence, expression, expected):
    found = by_text(sentence)
    assert found[expression] == expected


def test_relative_dates_without_any_reference_are_unknown():
    for time in times_of("Last year the talks failed; the next day they resumed.", published=None):
        assert time.value is None and time.precision == "unknown" and time.relative


def test_durations_are_not_time_points():
    assert times_of("The two countries have cooperated for six decades and three years.") == []


def test_evidence_is_the_expression_span_and_ids_are_stable():
    text = "The summit opened on 12 June 2023 in Vienna."
    first, second = times_of(text), times_of(text)
    assert [t.id for t in first] == [t.id for t in second]
    (time,) = first
    assert text[time.evidence.start:time.evidence.end] == time.evidence.text == "12 June 2023"
    assert time.evidence.sentence == 0


def test_recognizers_evaluation_scores_spans_values_and_exclusions(tmp_path):
    import json

    from claimgraph.eval.recognizers_dates import evaluate

    cases = [
        {"Input": "I'll go back 04th Jan 2019.", "Context": {"ReferenceDateTime": "2016-11-07T00:00:00"},
         "Results": [{"Text": "04th jan 2019", "Start": 13, "End": 25, "TypeName": "datetimeV2.date",
                      "Resolution": {"values": [{"timex": "2019-01-04", "type": "date", "value": "2019-01-04"}]}}]},
        {"Input": "Show sales in 2009 at 5pm", "Context": {"ReferenceDateTime": "2016-11-07T00:00:00"},
         "Results": [{"Text": "2009", "Start": 14, "End": 17, "TypeName": "datetimeV2.daterange",
                      "Resolution": {"values": [{"timex": "2009", "type": "daterange",
                                                 "start": "2009-01-01", "end": "2010-01-01"}]}},
                     {"Text": "5pm", "Start": 22, "End": 24, "TypeName": "datetimeV2.time",
                      "Resolution": {"values": [{"timex": "T17", "type": "time", "value": "17:00:00"}]}}]},
        {"Input": "Nothing to see here.", "Context": {"ReferenceDateTime": "2016-11-07T00:00:00"}, "Results": []},
    ]
    (tmp_path / "DateTimeModel.json").write_text(json.dumps(cases), encoding="utf-8")
    report = evaluate(tmp_path)
    assert report["cases"] == 3 and report["gold_included"] == 2
    assert report["gold_excluded"] == {"time": 1}
    assert (report["precision"], report["recall"], report["value_accuracy"]) == (1.0, 1.0, 1.0)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not available")
def test_seed_articles():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for time in times_of(text):
            assert text[time.evidence.start:time.evidence.end] == time.evidence.text
            assert time.precision in {"day", "month", "year", "decade", "century", "unknown"}
            assert (time.value is None) == (time.precision == "unknown")


_ALPHABET = st.sampled_from(list("abc XYZ 0123456789-/.,'’\"“”()$%\n") + ["May ", "2014", " in ", " days later",
                                                                       " the 1990s", "Monday", "🙂", "中文",
                                                                       " last year", " from ", " to "])


@settings(max_examples=50, deadline=None)
@given(text=st.lists(_ALPHABET, max_size=40).map("".join), published=st.sampled_from([None, "2024-05-17", "2024", "bad"]))
def test_never_crashes_and_spans_stay_inside(text, published):
    times = times_of(text, published)
    for time in times:
        assert 0 <= time.evidence.start < time.evidence.end <= len(text)
        assert text[time.evidence.start:time.evidence.end] == time.evidence.text
        assert time.precision in {"day", "month", "year", "decade", "century", "unknown"}
    assert [t.id for t in times] == [t.id for t in times_of(text, published)]


def test_last_as_a_verb_is_no_date():
    from claimgraph.nlp import load_pipeline, parse
    from claimgraph.records import Document

    parsed = parse(Document(id="d", text="The duties last five years.", path="d.txt",
                            published="2023-10-05"), load_pipeline())
    assert extract_times(parsed) == []


def _values(text: str, published: str) -> dict[str, str | None]:
    parsed = parse(Document(id="d", text=text, path="d.txt", published=published), load_pipeline())
    return {t.evidence.text: t.value for t in extract_times(parsed)}


def test_a_year_that_names_a_thing_sets_no_narrative_year():
    values = _values("The 2023 probe found subsidies. China announced its brandy probe on January 5.",
                     "2024-08-22")
    assert values["January 5"] == "2024-01-05"


def test_a_present_modal_points_ahead():
    assert _values("Member states must vote by November.", "2024-08-22")["November"] == "2024-11"


def test_a_past_clause_never_lands_after_publication():
    values = _values("Sales began on January 5. The probe, launched in October, is still open.", "2024-08-22")
    assert values["October"] == "2023-10"


def test_a_narrative_moves_forward_to_the_next_year():
    values = _values("The Commission opened the probe in October 2023. In June, it proposed duties.",
                     "2024-07-05")
    assert values["June"] == "2024-06"
    values = _values("The Commission opened the probe in October 2023. In June, it proposed duties.",
                     "2024-03-01")
    assert values["June"] == "2023-06"  # a past June after publication cannot be: the anchor's


def test_a_tenseless_date_moves_forward_only_within_the_news_horizon():
    text = "The probe opened in October 2023.\n\nTalks in June: no result."
    assert _values(text, "2024-03-05")["June"] == "2024-06"  # three months ahead: upcoming
    assert _values(text, "2023-11-20")["June"] == "2023-06"  # seven months ahead: too far


def test_a_comparison_base_is_no_anchor():
    values = _values("Stocks are at their lowest level since 1984. The cartel agreed on October 5 to cut "
                     "output.", "2022-10-20")
    assert values["October 5"] == "2022-10-05"


def test_the_tense_is_found_through_the_nouns_and_a_start_point_is_not_future():
    values = _values("Saudi Arabia will cut output by 1 million barrels a day in July. That takes output "
                     "to 9 million from 10 million in May.", "2023-06-05")
    assert values["July"] == "2023-07"
    assert values["May"] == "2023-05"


def test_a_tenseless_month_is_the_nearest_one():
    assert _values("Output target: lower in July.", "2023-06-05")["July"] == "2023-07"


def test_a_rate_is_not_an_offset():
    found = by_text("OPEC+ will cut output by 2 million barrels a day from November; "
                    "talks resumed a day later.", "2022-10-06")
    assert "a day from November" not in found and found["November"][0] == "2022-11"
    assert found["a day later"][0] is None or found["a day later"][0].startswith("2022")
    assert "a year earlier" in by_text("Trade reached $240 billion, against $190 billion a year earlier.",
                                       "2024-01-19")  # after a number, but no rate: still a time


@pytest.mark.parametrize(("text", "published", "expression", "value", "precision"), [
    # the end of a year is a deadline: its last day
    ("The cuts run until the end of 2023.", "2023-06-05", "the end of 2023", "2023-12-31", "day"),
    ("Moscow will extend its cuts to year-end.", "2023-09-06", "year-end", "2023-12-31", "day"),
    ("They will keep the cuts until the end of the year.", "2023-09-06", "the end of the year", "2023-12-31", "day"),
    ("Trade fell in late 2023.", "2024-05-17", "late 2023", "2023", "year"),
    # not a deadline: the end of a year is a vague time in that year, not its last day
    ("The company was established at the end of 2000.", "2020-04-24", "the end of 2000", "2000", "year"),
    # "since" looks back from its anchor; "starting in" looks ahead of it
    ("Brent rose on Tuesday for the first time since November.", "2023-09-06", "November", "2022-11", "month"),
    ("Ministers agreed on cuts starting in January.", "2023-12-22", "January", "2024-01", "month"),
    # a schedule in the present tense: the occurrence nearest publication
    ("The exit takes effect on January 1.", "2023-12-22", "January 1", "2024-01-01", "day"),
    # hours and minutes keep the anchor's day
    ("Brent rose on Tuesday. Within minutes, traders sold.", "2023-09-06", "Within minutes", "2023-09-05", "day"),
])
def test_deadlines_looking_back_and_ahead(text, published, expression, value, precision):
    assert by_text(text, published)[expression][:2] == (value, precision)


def test_a_range_keeps_the_year_of_its_end_and_a_moved_date_is_two_dates():
    found = by_text("Eight producers pledged cuts from May through the end of 2023.", "2023-06-05")
    assert found["from May through the end of 2023"][0] == "2023-05"
    moved = by_text("On November 22 the cartel pushed back its meeting by four days, "
                    "from November 26 to November 30.", "2023-12-22")
    assert moved["November 26"][0] == "2023-11-26" and moved["November 30"][0] == "2023-11-30"


def test_a_story_told_far_from_its_dates_counts_from_the_ledes_news_day():
    text = ("OPEC+ agreed on Wednesday to cut output.\n\nThe cut is large. Delegates argued. Others agreed. "
            "Saudi Arabia won. Prices rose.\n\nThe White House reacted within hours. “It is clear that OPEC+ "
            "is aligning with Russia with today’s announcement,” Karine Jean-Pierre told reporters. "
            "“Today is a good day,” he says.")
    found = by_text(text, "2022-10-06")
    assert found["within hours"][0] == "2022-10-05"
    assert found["today"][0] == "2022-10-05"  # inside a quote reported in the past: the day she spoke
    assert found["Today"][0] == "2022-10-06"  # reported in the present: the day of publication


def test_a_moved_meeting_names_two_dates_that_anchor_nothing():
    found = by_text("The trouble surfaced on November 22, when the cartel pushed back its meeting by four days, "
                    "from November 26 to November 30. Brent dropped 4% that day.", "2023-12-22")
    assert found["that day"][0] == "2023-11-22"


@pytest.mark.parametrize(("text", "value"), [
    ("Brent fell from $90 in June.", "2023-06"),  # a base of comparison lies before the writer
    ("Exports are up 5% from June.", "2023-06"),
    ("Russia will cut exports from June.", "2024-06"),  # where a plan starts lies ahead
])
def test_a_base_of_comparison_looks_back_and_a_start_ahead(text, value):
    assert _values(text, "2023-12-22")["June"] == value


def _resolved(text: str, published: str) -> dict[str, tuple]:
    parsed = parse(Document(id="d", text=text, path="d.txt", published=published), load_pipeline())
    return {t.evidence.text: (t.value, t.end, t.precision) for t in extract_times(parsed)}


@pytest.mark.parametrize(("text", "published", "expression", "expected"), [
    # a quarter without a year takes the story's year
    ("China took 46% of its sales in the third quarter.", "2023-12-20", "the third quarter",
     ("2023-07", "2023-09", "month")),
    ("Third-quarter profit fell.", "2023-12-20", "Third-quarter", ("2023-07", "2023-09", "month")),
    # a span of months ending at a date
    ("Revenue for the three months to late October rose.", "2023-12-20",
     "the three months to late October", ("2023-08", "2023-10", "month")),
    # "since" with no year: the last one before publication, whatever year the story was in
    ("Washington added SMIC in December 2020. Since August 1 exporters have needed licences.",
     "2023-09-08", "August 1", ("2023-08-01", None, "day")),
    # a start in a past narrative lies after its anchor, not after publication
    ("On October 20 it announced licences for graphite, effective December 1.", "2023-12-20",
     "December 1", ("2023-12-01", None, "day")),
    # "a year earlier" keeps the precision of its anchor
    ("Brent rose on Tuesday. It fetched $96 a year earlier.", "2023-09-06", "a year earlier",
     ("2022-09-05", None, "day")),
    ("Trade hit a high in 2023, up from $190 billion a year earlier.", "2024-01-15", "a year earlier",
     ("2022", None, "year")),
])
def test_quarters_spans_since_and_starts_in_context(text, published, expression, expected):
    assert _resolved(text, published)[expression] == expected


def test_an_offset_before_a_gerund_is_a_distance_not_a_date():
    assert "two years from" not in _resolved("China could be two years from catching up.", "2023-12-20")


def test_a_date_describing_a_thing_in_a_present_sentence_anchors_nothing():
    text = ("The Commerce Department on Tuesday tightened its rules. The rules replace the threshold "
            "drawn on October 7, 2022. Nvidia's shares closed 4.7% lower that day.")
    assert _resolved(text, "2023-10-18")["that day"][0] == "2023-10-17"


def test_the_date_of_a_point_of_comparison_anchors_nothing():
    text = ("Brent rose above $90 on Tuesday. It has climbed from about $72 in late June. "
            "Prices remain below the $96 that Brent fetched a year earlier.")
    assert _resolved(text, "2023-09-06")["a year earlier"][0] == "2022-09-05"


@pytest.mark.parametrize(("text", "expression", "value"), [
    # counted from the day the text dated that act, in the clause that tells of it
    ("China announced the controls on Monday. Prices rose. Three days after the announcement, the US reacted.",
     "Three days after", "2023-07-06"),
    ("The group decided on June 20 to cut output. Biden ordered a sale two weeks after the decision.",
     "two weeks after", "2023-07-04"),
    # a date in another clause of the sentence that names the act is not its date
    ("The announcement came after the Dutch government on Friday published rules. Prices rose three days "
     "after the announcement.", "three days after", None),
    # in apposition to a day, the same day
    ("Yellen will visit Beijing on Thursday, three days after the announcement.", "three days after", "2023-07-06"),
])
def test_an_offset_from_an_act_the_text_dated(text, expression, value):
    assert _resolved(text, "2023-07-05")[expression][0] == value


def test_a_recent_year_in_an_earlier_paragraph_does_not_date_a_news_day():
    text = ("Egypt earned more than $10 billion from the canal in 2023.\n\n"
            "The Rubymar sank on March 2 after being hit on February 18.")
    values = _resolved(text, "2024-03-08")
    assert values["March 2"][0] == "2024-03-02" and values["February 18"][0] == "2024-02-18"
    story = "In 2014, Russia annexed Crimea.\n\nOn March 18, Putin signed the treaty."
    assert _resolved(story, "2024-03-08")["March 18"][0] == "2014-03-18"  # a past story keeps its year


@pytest.mark.parametrize(("text", "expression", "expected"), [
    ("In the first 10 months of the year, exports grew 12%.", "the first 10 months of the year",
     ("2023-01", "2023-10", "month")),
    ("Output fell in the first six months of 2022.", "the first six months of 2022", ("2022-01", "2022-06", "month")),
    ("Imports were worth $50 billion in the year to June.", "the year to June", ("2022-07", "2023-06", "month")),
])
def test_spans_of_months_within_or_up_to_a_date(text, expression, expected):
    assert _resolved(text, "2023-12-07")[expression] == expected


def test_a_day_in_the_fortnight_before_publication_is_this_years_news():
    text = "In 2023 as a whole, the canal earned $10.25 billion. The ship sank on the morning of March 2."
    assert _resolved(text, "2024-03-08")["March 2"][0] == "2024-03-02"
    story = "In 2014, Russia annexed Crimea. On March 18, Putin signed the treaty."
    assert _resolved(story, "2024-03-20")["March 18"][0] == "2014-03-18"  # an old year keeps its story
    review = "In 2023, trade fell. On December 30, the last ship left."
    assert _resolved(review, "2024-01-05")["December 30"][0] == "2023-12-30"


@pytest.mark.parametrize(("text", "expression", "value"), [
    # the act is told a few sentences later, in a clause of its own
    ("The first ship sailed ten days after the corridor agreement was signed in Istanbul. It carried maize. "
     "Both sides signed the deal on July 22 in a palace.", "ten days after", "2023-08-01"),
    ("Wheat rallied two days after Moscow quit the pact. Russia quit the pact on Monday, July 17.",
     "two days after", "2023-07-19"),
    ("Moscow quit the pact on Monday, July 17. Wheat rallied two days after Moscow quit the pact.",
     "two days after", "2023-07-19"),
])
def test_an_offset_from_an_act_told_in_a_clause(text, expression, value):
    assert by_text(text, "2023-07-24")[expression][0] == value


def test_an_offset_from_an_act_never_dated_stays_unknown():
    assert by_text("Wheat rallied two days after Moscow quit the pact. Traders cheered.")["two days after"][:2] \
        == (None, "unknown")


@pytest.mark.parametrize(("text", "expression", "expected"), [
    ("Bread is dearer than at any time since the spring of 2022.", "the spring of 2022",
     ("2022-03", "month", "2022-05")),
    ("In the autumn of 2021 prices rose.", "the autumn of 2021", ("2021-09", "month", "2021-11")),
    ("The winter of 2022 was mild.", "The winter of 2022", ("2022", "year", None)),
])
def test_seasons_of_a_year_are_their_months(text, expression, expected):
    assert by_text(text)[expression] == expected


def test_a_futures_contract_month_is_not_a_date():
    found = by_text("December corn rose 3.5% on Wednesday, and the March contract fell. In December wheat rose.",
                    "2023-07-20")
    assert "December corn" not in found and "March" not in found and found["December"][0] == "2022-12"


def test_a_duration_then_a_date_is_not_an_offset():
    found = by_text("Ukraine shipped its first cargo in more than five months on Monday.", "2022-08-02")
    assert list(found) == ["Monday"]


def test_that_morning_is_the_day_of_its_anchor():
    found = by_text("On October 29, Moscow blamed a drone attack that morning. Later that night, ships sailed.",
                    "2022-11-18")
    assert found["that morning"][0] == found["Later that night"][0] == "2022-10-29"


def test_a_deadline_anchors_nothing():
    found = by_text("The deal was signed on July 22 and runs until November 19. Two days later, a missile "
                    "struck the port.", "2022-08-02")
    assert found["Two days later"][0] == "2022-07-24"


def test_a_month_naming_a_record_does_not_set_the_year_of_a_forecast():
    found = by_text("Wheat could be back near the March 2022 record by Christmas.", "2023-07-24")
    assert found["Christmas"][0] == "2023-12-25"


def test_the_month_before_counts_from_last_month_in_its_sentence():
    found = by_text("Prices rose 11% last month, the agency reported on April 12, down from 13.2% the month before "
                    "and a peak of 25.5% in December.", "2024-04-23")
    assert found["the month before"][0] == "2024-02"
    found = by_text("Consumer prices rose 8.8% last month, down from 11% the month before.", "2024-05-15")
    assert found["the month before"][0] == "2024-03"


def test_last_year_is_no_anchor_for_other_dates():
    found = by_text("Trade came to over $200 billion last year. Putin's state visit in mid-May widened ties.",
                    "2024-06-01")
    assert found["mid-May"][0] == "2024-05"


def test_the_date_of_a_since_clause_anchors_nothing():
    found = by_text("Poverty hit 57.4% in January, the highest since its series began in 2004, up from 49.5% for "
                    "December.", "2024-04-23")
    assert found["December"][0] == "2023-12"


def test_later_on_the_publication_weekday_is_that_day():
    found = by_text("Students planned to march later on Tuesday against frozen budgets.", "2024-04-23")
    assert list(found) == ["Tuesday"] and found["Tuesday"][0] == "2024-04-23"


def test_a_month_after_the_month_a_year_closed_is_the_next_year():
    found = by_text("Inflation peaked at 25.5% in December after 2023 closed with prices up 200%. It was down to "
                    "8.8% in April.", "2024-06-14")
    assert (found["December"][0], found["April"][0]) == ("2023-12", "2024-04")


def test_by_the_end_of_the_month_is_its_last_day():
    found = by_text("On January 10 the staff reached a deal. The board is due to vote on it by the end of the month.",
                    "2024-01-25")
    assert found["the end of the month"][:2] == ("2024-01-31", "day")


def test_a_year_naming_a_singular_thing_is_a_year():
    found = by_text("Argentina owes $44 billion under a 2022 programme, and he sold 2000 shares.")
    assert found == {"2022": ("2022", "year", None)}


def test_a_month_with_no_tense_to_go_by_is_the_nearer_occurrence_counting_its_days():
    found = by_text("Real wages remain well below their levels of November, before the devaluation.", "2024-05-15")
    assert found["November"][0] == "2023-11"
    found = by_text("Real wages remain below their levels of June.", "2024-05-15")
    assert found["June"][0] == "2024-06"


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("They last met in Bangkok in November last year.", "November last year", "2022-11"),
    ("Officials said releases could start this summer.", "this summer", "2023"),
    ("Prices fell last autumn.", "last autumn", "2022"),
    ("Talks resume next spring.", "next spring", "2024"),
])
def test_months_and_seasons_with_a_deictic_year(text, expression, value):
    assert by_text(text, "2023-07-05")[expression][0] == value


def test_an_offset_from_the_first_act_counts_from_the_earliest_telling():
    found = by_text("The first release began on August 24. A second release began on October 5. The dispute "
                    "remains unresolved nearly three months after the first release.", "2023-11-21")
    assert found["three months after"][0] == "2023-11"
