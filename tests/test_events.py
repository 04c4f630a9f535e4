"""Events: trigger, type, actors, date, place and negation from the dependency parse.
Sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.extract.events import extract_events
from claimgraph.extract.mentions import extract_mentions
from claimgraph.extract.times import extract_times
from claimgraph.nlp import load_pipeline, parse
from claimgraph.records import Document

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def events_of(text: str, published: str | None = "2024-05-17"):
    parsed = parse(Document(id="doc", text=text, path="t.txt", published=published), load_pipeline())
    return extract_events(parsed, extract_mentions(parsed), extract_times(parsed))


def only(text: str, trigger: str, published: str | None = "2024-05-17"):
    found = [e for e in events_of(text, published) if e.trigger == trigger]
    assert len(found) == 1, [(e.trigger, e.type) for e in events_of(text, published)]
    return found[0]


def test_attack_with_anchored_relative_date():
    event = only("On February 4, 2022, the two governments signed a pact in Beijing. "
                 "Russia invaded Ukraine just 20 days later.", "invaded")
    assert event.type == "attack"
    assert event.actors == ("Russia", "Ukraine")
    assert (event.date, event.date_precision) == ("2022-02-24", "day")
    assert "invaded Ukraine just 20 days later" in event.evidence.text


def test_light_verb_gives_way_to_its_event_noun_and_relative_clause_joins():
    event = only("In September 2022, Russia conducted a strategic exercise in its Far East "
                 "to which China sent 2,000 troops.", "exercise")
    assert event.type == "exercise"
    assert set(event.actors) == {"Russia", "China"}
    assert (event.date, event.date_precision) == ("2022-09", "month")
    assert not [e for e in events_of("In September 2022, Russia conducted a strategic exercise "
                                     "to which China sent 2,000 troops.") if e.trigger == "sent"]


def test_a_trigger_verb_keeps_its_object():
    text = "Russia and the European Union signed a gas deal in May 2014."
    event = only(text, "signed")
    assert event.type == "agree"
    assert event.actors == ("Russia", "European Union")
    assert event.date == "2014-05"
    assert [e.trigger for e in events_of(text)] == ["signed"]


def test_noun_phrase_event_with_possessor_and_of_object():
    event = only("Trade surged after Russia's 2014 annexation of Crimea.", "annexation")
    assert (event.type, event.actors, event.date) == ("attack", ("Russia", "Crimea"), "2014")


def test_metonyms_and_demonyms_name_the_state():
    event = only("Moscow and Beijing denounced the new tariffs in March 2023.", "denounced")
    assert event.type == "disapprove"
    assert event.actors == ("Russia", "China")
    forces = only("Russian forces seized the airport on May 3, 2021.", "seized")
    assert forces.actors[0] == "Russia"


def test_place_from_a_locative_phrase():
    event = only("The foreign ministers met in Geneva on 12 June 2023 with their Iranian counterpart.", "met")
    assert event.type == "consult"
    assert event.place == "Geneva"
    assert event.date == "2023-06-12"


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("China has refrained from supplying lethal aid to Russia since 2022.", "supplying"),
        ("Beijing did not condemn the invasion in 2022.", "condemn"),
        ("India refused to sanction Moscow in 2023.", "sanction"),
        ("Washington has never sold fighter jets to Taipei, officials said in 2020.", "sold"),
    ],
)
def test_negated_events(sentence, trigger):
    assert only(sentence, trigger).negated


def test_conjoined_and_denied_verbs_are_not_negated_by_their_neighbours():
    events = {e.trigger: e for e in events_of(
        "In 2023 China refrained from supplying weapons to Russia and supported talks with Ukraine.")}
    assert events["supplying"].negated
    assert not events["supported"].negated


@pytest.mark.parametrize(
    ("sentence", "trigger", "kind"),
    [
        ("Russia sold S-400 missiles to Turkey in 2017.", "sold", "cooperate_military"),
        ("Turkey bought Russian gas in 2015.", "bought", "cooperate_economic"),
        ("In 2020 Washington imposed sanctions on Huawei.", "sanctions", "sanction"),
        ("The United States warned Beijing in January 2024.", "warned", "threaten"),
        ("In May 2021, Germany urged Russia to withdraw.", "urged", "demand"),
        ("France and Germany issued a joint statement in 2019.", "joint statement", "statement"),
        ("In 2016 Moscow vetoed the resolution.", "vetoed", "reject"),
        ("China's navy held drills with Russia in July 2021.", "drills", "exercise"),
    ],
)
def test_types_follow_the_ontology(sentence, trigger, kind):
    assert only(sentence, trigger).type == kind


def test_a_statement_needs_someone_to_make_it():
    assert [e for e in events_of("In 2023 the figures describe a lifeline.") if e.trigger == "describe"] == []


def test_two_leaders_and_pronouns_take_recent_people():
    text = ("Vladimir Putin welcomed Xi Jinping to the Kremlin. "
            "On Tuesday the two leaders signed a joint declaration.")
    event = only(text, "signed", published="2023-03-22")
    assert set(event.actors) == {"Vladimir Putin", "Xi Jinping"}
    assert event.date == "2023-03-21"


def test_no_event_without_actor_or_date_and_no_date_from_another_clause():
    assert events_of("The war changed everything.") == []
    events = {e.trigger: e for e in events_of(
        "The two states declared a partnership on February 4, 2022, shortly before Russia invaded Ukraine.")}
    assert events["invaded"].date is None


def test_named_historical_events_are_not_triggers():
    assert [e for e in events_of("Relations soured during the Cold War in 1960.") if e.trigger == "War"] == []


def test_evidence_stays_inside_its_sentence_and_ids_are_stable():
    text = "Markets were calm. Russia attacked Kharkiv on 10 May 2024, officials said. Talks followed."
    first, second = events_of(text), events_of(text)
    assert [e.id for e in first] == [e.id for e in second]
    (event,) = [e for e in first if e.trigger == "attacked"]
    assert event.evidence.sentence == 1
    assert text[event.evidence.start:event.evidence.end] == event.evidence.text
    assert "Markets" not in event.evidence.text and "Talks" not in event.evidence.text


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not available")
def test_seed_articles():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for event in events_of(text):
            assert text[event.evidence.start:event.evidence.end] == event.evidence.text
            assert event.actors or event.date
            assert event.type in {"statement", "agree", "consult", "cooperate_economic", "cooperate_military",
                                  "cooperate_diplomatic", "aid", "demand", "disapprove", "reject",
                                  "threaten", "sanction", "attack", "exercise", "other"}


_WORDS = st.sampled_from(["Russia", " invaded", " Ukraine", " in 2014", ".", " China", " signed", " a deal",
                          " did not", " sanctions", " on", " Monday", "\n", "“", "”", "(", " 🙂", " 中国",
                          " the two leaders", " he", " met", " 20 days later", ",", " and", " refused to"])


@settings(max_examples=50, deadline=None)
@given(st.lists(_WORDS, max_size=30).map("".join))
def test_never_crashes_and_spans_stay_inside(text):
    parsed = parse(Document(id="doc", text=text, path="t.txt", published="2024-05-17"), load_pipeline())
    for event in extract_events(parsed, extract_mentions(parsed), extract_times(parsed)):
        assert 0 <= event.evidence.start <= event.evidence.end <= len(text)
        assert text[event.evidence.start:event.evidence.end] == event.evidence.text
        sentence = parsed.sentences[event.evidence.sentence]
        assert sentence.start <= event.evidence.start and event.evidence.end <= sentence.end


def test_responding_with_a_measure_is_doing_it():
    event = only("When Russia seized Crimea in March 2014, the West answered with sanctions.", "sanctions")
    assert (event.type, event.actors, event.date) == ("sanction", ("the West",), "2014-03")


def test_a_trade_quantity_that_changes_is_no_event():
    triggers = {e.trigger for e in events_of("Russian purchases of Chinese cars quadrupled in 2023. "
                                             "Exports to Russia rose 20 percent last year.")}
    assert not triggers & {"purchases", "Exports"}


def test_a_noun_event_inside_a_reported_clause_does_not_take_the_report_date():
    event = only("In April 2024 Blinken said China was fuelling Russia's assault on Ukraine.", "assault")
    assert event.date is None


@pytest.mark.parametrize(("text", "trigger", "type_"), [
    ("Germany voted against the duties on October 4.", "voted", "other"),
    ("The Commission proposed the rates in June.", "proposed", "statement"),
    ("China filed a complaint with the WTO in August.", "complaint", "disapprove"),
    ("The Council adopted the regulation on October 29.", "adopted", "agree"),
])
def test_institutional_acts_are_events(text, trigger, type_):
    event = only(text, trigger, "2024-11-05")
    assert event.type == type_ and event.date is not None


def test_a_story_told_in_a_quote_keeps_its_own_time():
    text = ("Putin spoke in Moscow on November 3, 2023. "
            "“Prince Alexander Nevsky traveled to the Horde and bowed to the Khan,” he said.")
    (event,) = [e for e in events_of(text) if e.trigger == "traveled"]
    assert event.date is None


def test_market_moves_are_no_acts_but_actors_cutting_are():
    triggers = {e.trigger: e for e in events_of("Oil prices declined in March. Output was cut in May. "
                                                "Russia cut shipments in August.", "2023-12-22")}
    assert set(triggers) == {"cut"}
    assert triggers["cut"].actors == ("Russia",) and triggers["cut"].date == "2023-08"


def test_plain_speech_is_an_event_only_when_its_clause_dates_it():
    dated = only("Saudi Arabia said on Sunday it would cut output further.", "said", "2023-06-05")
    assert (dated.type, dated.date, dated.actors) == ("statement", "2023-06-04", ("Saudi Arabia",))
    assert not [e for e in events_of("Saudi Arabia said it would cut output further.") if e.trigger == "said"]
    assert not [e for e in events_of("Analysts said on Sunday that prices would rise.") if e.trigger == "said"]


def test_members_of_a_group_make_the_group_act():
    event = only("Oil producers in the OPEC+ alliance agreed on Wednesday to lower their output target.",
                 "agreed", "2022-10-06")
    assert event.actors == ("OPEC+",)


def test_nouns_that_name_no_ones_act_are_no_events():
    text = "“OPEC+ is aligning with Russia with today’s announcement,” she said. Global oil demand rose in 2023."
    assert not [e for e in events_of(text, "2022-10-06") if e.trigger in ("announcement", "demand")]


@pytest.mark.parametrize(("sentence", "trigger", "kind", "date"), [
    ("The department added 13 Chinese entities to its Entity List on Tuesday.", "added", "sanction", "2024-05-14"),
    ("Washington put Huawei on a blacklist in May 2019.", "put", "sanction", "2019-05"),
    ("Japan's curbs on chipmaking equipment took effect on July 23, 2023.", "curbs", "sanction", "2023-07-23"),
    ("China sued the United States at the WTO in December 2022.", "sued", "disapprove", "2022-12"),
])
def test_listing_curbs_and_lawsuits(sentence, trigger, kind, date):
    found = {e.trigger: (e.type, e.date) for e in events_of(sentence)}
    assert found[trigger] == (kind, date)


def test_adding_to_an_ordinary_list_is_no_sanction():
    assert all(e.type != "sanction" for e in events_of("The city added three museums to its list of sights in 2023."))


def test_a_clause_on_the_event_noun_dates_it():
    found = events_of("Gina Raimondo was in China on a four-day visit that ran from August 27 to August 30.",
                      "2023-09-08")
    assert [(e.trigger, e.date) for e in found] == [("visit", "2023-08-27/2023-08-30")]


def test_imposing_is_sanctioning_unless_the_object_names_the_measure():
    found = {e.trigger: e.type for e in events_of("The chip was built despite the rules Washington imposed in "
                                                  "October 2022. The EU imposed sanctions on Russia in 2022.")}
    assert found == {"imposed": "sanction", "sanctions": "sanction"}


def test_an_offset_dates_the_main_clause_and_its_anchor_the_act_it_counts_from():
    events = {e.trigger: e.date for e in events_of(
        "Three days after the summit ended on May 2, Russia and China signed a trade pact.", "2022-08-02")}
    assert events["signed"] == "2022-05-05" and events["summit"] == "2022-05-02"


def test_the_act_an_offset_counts_from_is_not_dated_by_the_offset():
    events = {e.trigger: e.date for e in events_of(
        "Russia attacked the port ten days after Ukraine and Turkey signed the deal.", "2022-08-02")}
    assert events["attacked"] is None and events.get("signed") is None


def test_a_dated_act_of_a_named_actor_outside_the_lexicon_is_an_other_event():
    found = {e.trigger: (e.type, e.date) for e in events_of(
        "Argentina devalued the peso by 54% on Tuesday. Javier Milei was sworn in as president on December 10.",
        "2023-12-13")}
    assert found == {"devalued": ("other", "2023-12-12"), "sworn in": ("other", "2023-12-10")}


@pytest.mark.parametrize("text", [
    "Argentina devalued the peso by 54%.",  # undated
    "Prices climbed 8% on Tuesday.",  # a quantity, no actor
    "Argentina was in trouble on Tuesday.",  # a state
])
def test_an_undated_act_a_quantity_or_a_state_is_no_other_event(text):
    assert [e for e in events_of(text, "2023-12-13") if e.type == "other"] == []


@pytest.mark.parametrize(("text", "trigger", "type_", "date"), [
    ("TEPCO said on September 4 that it had finished the release.", "said", "statement", "2023-09-04"),
    ("Japan began releasing treated water on August 24.", "began", "other", "2023-08-24"),
    ("Kishida promised on Monday that the government would help.", "promised", "statement", "2023-11-20"),
    ("Kishida requested on Monday that Beijing lift its ban.", "requested", "demand", "2023-11-20"),
])
def test_more_dated_acts(text, trigger, type_, date):
    found = only(text, trigger, "2023-11-21")
    assert (found.type, found.date) == (type_, date) and found.actors


def test_a_dated_act_of_he_or_she_is_an_other_event():
    event = only("Yevgeny Prigozhin spoke to his men on Friday. Late on Saturday he left the city in an SUV.",
                 "left", published="2023-06-25")
    assert (event.type, event.date, event.actors) == ("other", "2023-06-24", ("Yevgeny Prigozhin",))


def test_an_act_a_dated_report_tells_as_done_takes_the_reports_date():
    events = events_of("The ministry said on Wednesday that Wagner had completed the handover of its weapons. "
                       "Peskov said on Monday that Wagner would move to Belarus.", published="2023-07-13")
    assert [(e.trigger, e.date) for e in events if e.type == "other"] == [("completed", "2023-07-12")]


def test_it_in_a_report_is_the_institution_reporting():
    event = only("Russia's Investigative Committee said on Wednesday that it had opened a criminal case.",
                 "criminal case", published="2023-08-25")
    assert (event.type, event.actors, event.date) == ("investigate", ("Investigative Committee",), "2023-08-23")


def test_objecting_to_an_act_denies_it():
    event = only("Russia told the UN on Monday that it objected to extending the arrangement.", "extending",
                 published="2023-07-18")
    assert event.negated


def test_agents_named_by_their_owner_or_acting_on_a_named_actor():
    events = events_of("California regulators closed the bank on Friday. Regulators also shut Signature Bank "
                       "on Sunday. The Senate Banking Committee held a hearing on May 16.", published="2023-05-20")
    found = {(e.trigger, e.type, e.date) for e in events}
    assert ("closed", "other", "2023-05-19") in found and ("shut", "other", "2023-05-14") in found
    assert ("hearing", "investigate", "2023-05-16") in found


def test_firing_missiles_is_an_attack_and_warplanes_act_for_their_states():
    event = only("Russian forces fired two missiles at Odesa on Saturday.", "fired", published="2024-01-22")
    assert (event.type, event.actors) == ("attack", ("Russia",))
    event = only("American and British warplanes struck targets in Yemen on January 11.", "struck",
                 published="2024-01-22")
    assert set(event.actors) == {"United States", "United Kingdom"}
    assert all(e.type != "attack" for e in events_of("The company launched a new phone on Friday."))
