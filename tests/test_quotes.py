"""Direct quotes, speakers and scare-quoted phrases (claimgraph.extract.quotes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.extract.mentions import extract_mentions
from claimgraph.extract.quotes import extract_quotes, find_quoted_spans
from claimgraph.nlp import ParsedDocument, load_pipeline, parse
from claimgraph.records import Document, Mention, stable_id

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def parse_text(text: str) -> ParsedDocument:
    return parse(Document("doc", text, "doc.txt"), load_pipeline())


def ner_mentions(parsed: ParsedDocument) -> list[Mention]:
    """Mentions straight from spaCy's entities, so these tests do not depend on the mentions
    module's own rules (the pipeline passes richer mentions, with local_name and role)."""
    result = []
    for ent in parsed.doc.ents:
        if ent.label_ in {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}:
            name = ent.text[4:] if ent.text.startswith("the ") else ent.text
            result.append(Mention(stable_id("men", "doc", ent.start_char, ent.end_char),
                                  parsed.span_evidence(ent), name, ent.label_))
    return result


def quotes_of(text: str, mentions: list[Mention] | None = None):
    parsed = parse_text(text)
    return extract_quotes(parsed, ner_mentions(parsed) if mentions is None else mentions)


def only_quote(text: str):
    quotes, _ = quotes_of(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


# --- pairing the marks (no spaCy) ------------------------------------------------------------


def inner(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_quoted_spans(text)]


def test_pairs_curly_and_straight_marks():
    assert inner("He said “we will win,” and left.") == ["we will win"]
    assert inner('He said "we will win," and left.') == ["we will win"]


def test_apostrophes_are_not_quote_marks():
    text = "“There are changes we haven’t seen for 100 years. It’s the Khan’s edict.” The countries’ ties"
    assert inner(text) == ["There are changes we haven’t seen for 100 years. It’s the Khan’s edict."]


def test_single_curly_quotes_only_when_clearly_quoted():
    assert inner("He called it a ‘historic moment’ for the country.") == ["historic moment"]
    assert inner("The countries’ ties and the states’ budgets grew.") == []


def test_nested_quotes_stay_inside_the_outer_quote():
    assert inner("“He told me ‘no’ and then “left” again,” she said.") != []
    spans = find_quoted_spans("“He told me ‘no’ twice,” she said.")
    assert [s.start for s in spans] == [1]


def test_unbalanced_mark_is_capped_at_its_paragraph():
    text = "He said “this never closes and goes on.\nNext paragraph “is quoted” here.\nLast one."
    assert inner(text) == ["is quoted"]


@pytest.mark.parametrize(("text", "expected"), [
    ("“First paragraph of the speech.\n“Second paragraph,” she said.",
     ["First paragraph of the speech.", "Second paragraph"]),
    # opened mid-paragraph, straight marks
    ('"We had to choose," Ruiz added. "Every slot we cut is a ship that waits.\n\n"And it costs money."',
     ["We had to choose", "Every slot we cut is a ship that waits.", "And it costs money."]),
])
def test_quote_running_over_paragraphs_by_convention(text, expected):
    assert inner(text) == expected


def test_inch_marks_and_stray_straight_quotes():
    assert inner('A 12" pipe and a 15" one.') == []
    assert inner('Odd " mark then "real quote" here.') == ["real quote"]


# --- attribution patterns ----------------------------------------------------------------


def test_after_quote_x_said_curly():
    quote = only_quote("“We will not accept this,” Angela Merkel said on Monday.")
    assert (quote.speaker, quote.cue) == ("Angela Merkel", "said")
    assert quote.text == "We will not accept this"
    assert quote.evidence.text == quote.text


def test_after_quote_said_x_straight_with_appositive_role():
    quote = only_quote('"The sanctions are working," said Janet Yellen, the Treasury Secretary.')
    assert quote.speaker == "Janet Yellen"
    assert quote.speaker_role == "Treasury Secretary"


def test_told_takes_the_subject_not_the_listener():
    quote = only_quote("“Let’s drive those changes together,” Xi Jinping told Vladimir Putin in Moscow.")
    assert quote.speaker == "Xi Jinping"
    assert quote.cue == "told"


def test_notes_x_title_at_org():
    quote = only_quote("“The drivers are strategic alignment and mutual benefit,” notes Dr. Eleanor "
                       "Harding, Senior Fellow at the International Studies Institute.")
    assert quote.speaker == "Eleanor Harding"
    assert quote.speaker_role == "Senior Fellow"
    assert quote.speaker_affiliation == "International Studies Institute"


def test_according_to_after_and_before():
    after = only_quote("The move would “plunge relations into a state from which they may not "
                       "recover” according to Diana Choyleva, a chief economist at Enodo Economics.")
    assert (after.speaker, after.cue) == ("Diana Choyleva", "according to")
    assert (after.speaker_role, after.speaker_affiliation) == ("chief economist", "Enodo Economics")
    before = only_quote("According to Yale Law School’s Susan A. Thornton, “The deterioration of "
                        "relations facilitates the driving together of both countries.”")
    assert before.speaker == "Susan A. Thornton"
    assert before.speaker_affiliation == "Yale Law School"


@pytest.mark.parametrize("verb", ["stated", "remarked", "says", "warned", "insisted", "explained"])
def test_speech_verbs_after_the_quote(verb):
    quote = only_quote(f"“If the offensive continues, the balance of power will change,” Kurt Campbell {verb}.")
    assert quote.speaker == "Kurt Campbell"
    assert quote.cue == verb


def test_title_before_the_name():
    quote = only_quote("“They have a marriage of convenience,” U.S. Secretary of State Antony "
                       "Blinken told U.S. senators in March 2023.")
    assert quote.speaker == "Antony Blinken"
    assert quote.speaker_role == "Secretary of State"
    assert quote.speaker_affiliation == "U.S."


def test_colon_introductions():
    said = only_quote("Prime Minister Narendra Modi told the summit: “This is not an era of war.”")
    assert said.speaker == "Narendra Modi"
    assert said.speaker_role == "Prime Minister"
    bare = only_quote("Sergei Lavrov: “The West has declared a total war on us.”")
    assert (bare.speaker, bare.cue) == ("Sergei Lavrov", ":")


def test_pronoun_speaker_is_the_last_person_outside_quotes():
    quotes, _ = quotes_of("Angela Merkel arrived in Beijing. “Xi Jinping is a partner,” she said.")
    assert [q.speaker for q in quotes] == ["Angela Merkel"]


def test_pronoun_without_antecedent_stays_unknown():
    quote = only_quote("“We are ready to talk about everything,” he added.")
    assert quote.speaker is None
    assert quote.cue == "added"


def test_continuation_of_a_previous_quote_over_several_sentences():
    quotes, _ = quotes_of("“They have a marriage of convenience,” Antony Blinken told senators. "
                          "“I am not sure if it is conviction. Russia is the junior partner.” "
                          "Few agreed.")
    assert [q.speaker for q in quotes] == ["Antony Blinken", "Antony Blinken"]
    assert quotes[1].text == "I am not sure if it is conviction. Russia is the junior partner."


def test_speaker_in_the_sentence_before_or_after():
    before, _ = quotes_of("Angela Merkel said on Monday that the talks had failed. "
                          "“We will try again next year with new proposals.”")
    assert before[0].speaker == "Angela Merkel"
    after, _ = quotes_of("Markets fell. “We will try again next year with new proposals.” "
                         "Olaf Scholz said this after the talks.")
    assert after[0].speaker == "Olaf Scholz"


def test_standalone_quote_without_speech_verb_nearby_has_no_speaker():
    quotes, _ = quotes_of("Olaf Scholz arrived in Beijing. “Our relationship is strong and we "
                          "want to keep it that way.”")
    assert quotes[0].speaker is None


def test_partial_quotes_with_speaker_and_cue_are_quotes():
    serious = only_quote("Secretary of State Antony Blinken says that this would be a “serious problem.”")
    assert (serious.speaker, serious.text) == ("Antony Blinken", "serious problem")
    friend = only_quote("Xi Jinping has even described Putin as his “best friend,” and they met often.")
    assert (friend.speaker, friend.cue) == ("Xi Jinping", "described")


def test_scare_quotes_and_coined_phrases_are_phrases():
    quotes, phrases = quotes_of(
        "Putin and Xi elevated ties to a “no limits” partnership. Officials condemned "
        "Western-led “bloc confrontation.” The NSC entertained a \"reverse Kissinger\" approach. "
        "Moscow and Beijing declared a friendship “without bounds” in February 2022."
    )
    assert quotes == []
    assert [p.text for p in phrases] == ["no limits", "bloc confrontation", "reverse Kissinger",
                                         "without bounds"]


def test_short_utterance_frame_is_speech_even_without_a_known_speaker():
    quote = only_quote("“No,” an official said.")
    assert (quote.speaker, quote.cue) == (None, "said")


def test_long_unattributed_quote_is_still_a_quote():
    quotes, phrases = quotes_of("The report ends with “the partnership will keep deepening for "
                                "years to come” and nothing else.")
    assert len(quotes) == 1 and quotes[0].speaker is None and not phrases


def test_institution_speaking():
    quote = only_quote("China “has never provided lethal weapons to any party to the conflict,” "
                       "according to China's foreign ministry.")
    assert quote.speaker == "China's foreign ministry"


def test_relative_clause_speaker_and_characterising_verb():
    quote = only_quote("Antony Blinken, who once brushed the relationship off as \"a marriage of "
                       "convenience,\" has changed his mind.")
    assert quote.speaker == "Antony Blinken"


def test_local_name_from_mentions_is_preferred():
    parsed = parse_text("“We are ready,” Blinken said.")
    mentions = [Mention(m.id, m.evidence, m.name, "PERSON", local_name="Antony Blinken",
                        role="Secretary of State") for m in ner_mentions(parsed)]
    quotes, _ = extract_quotes(parsed, mentions)
    assert quotes[0].speaker == "Antony Blinken"
    assert quotes[0].speaker_role == "Secretary of State"


def test_one_word_name_takes_the_fullest_name_in_the_document():
    quotes, _ = quotes_of("Deputy Secretary of State Kurt Campbell spoke at the event. "
                          "“The gains are unacceptable to us and to our allies,” Campbell stated.")
    assert quotes[0].speaker == "Kurt Campbell"
    assert quotes[0].speaker_role == "Deputy Secretary of State"


def test_ids_are_stable_and_output_deterministic():
    text = "“We will win,” Angela Merkel said. A “no limits” deal."
    assert quotes_of(text) == quotes_of(text)


# --- seeds ---------------------------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not available")
def test_seed_quote_speakers():
    speakers = {}
    phrases = set()
    for path in sorted(SEEDS.glob("*.txt")):
        quotes, found = quotes_of(path.read_text(encoding="utf-8"))
        speakers.update({q.text[:25]: q.speaker for q in quotes})
        phrases.update(p.text for p in found)
    expected = {
        "If Russian offenses conti": "Kurt Campbell",
        "The fundamental drivers o": "Eleanor Harding",
        "Neither country seeks to ": "Eleanor Harding",
        "They have a marriage of c": "Antony Blinken",
        "I am not sure if it is co": "Antony Blinken",
        "Why? Because the Horde, a": "Vladimir Putin",
        "There are changes happeni": "Xi Jinping",
        "plunge U.S.-China relatio": "Diana Choyleva",
    }
    for start, speaker in expected.items():
        assert speakers.get(start) == speaker, start
    assert {"no limits", "bloc confrontation", "reverse Kissinger"} <= phrases


# --- properties ----------------------------------------------------------------------------

MARKS = ["“", "”", '"', "‘", "’", "'", "«", "»"]
PIECES = st.sampled_from(
    MARKS + ["he said", "said Xi Jinping", "according to Antony Blinken", ",", ".", ":", "?",
             "\n", "\n\n", " ", "China", "no limits", "🙂", "東京", "42", "—", "he", "Putin told"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=40).map(" ".join))
def test_pairing_spans_stay_inside_their_paragraph(text):
    for span in find_quoted_spans(text):
        assert 0 <= span.open < span.start <= span.end <= len(text)
        assert "\n" not in text[span.start:span.end]
        assert any(ch.isalnum() for ch in text[span.start:span.end])


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60).map(" ".join))
def test_extract_quotes_never_crashes_and_stays_in_text(text):
    parsed = parse_text(text)
    quotes, phrases = extract_quotes(parsed, ner_mentions(parsed))
    for record in [*quotes, *phrases]:
        ev = record.evidence
        assert 0 <= ev.start <= ev.end <= len(text)
        assert ev.text == text[ev.start:ev.end] == record.text
        assert 0 <= ev.sentence < len(parsed.sentences)


def test_very_long_sentence_with_many_marks():
    text = ("“a” " * 2000) + "he said " + ("“" * 500) + " 🙂 " + ('"' * 501)
    quotes, phrases = quotes_of(text)
    assert all(0 <= r.evidence.start <= r.evidence.end <= len(text) for r in [*quotes, *phrases])


def test_interrupted_quote_keeps_the_speaker_and_stays_speech():
    quotes, phrases = quotes_of("“We will win,” Vladimir Putin said, “and nobody can stop us.”")
    assert [q.speaker for q in quotes] == ["Vladimir Putin", "Vladimir Putin"]
    unknown, phrases = quotes_of("“I think,” she added, “that this is wrong.”")
    assert [q.cue for q in unknown] == ["added", "added"] and not phrases


def test_as_x_put_it():
    quote = only_quote("As Xi Jinping put it, “the two sides need to cherish and nurture it.”")
    assert (quote.speaker, quote.cue) == ("Xi Jinping", "put")


@pytest.mark.parametrize(("text", "speaker"), [
    ("“We disagree,” a spokesman for the European Commission said.", "European Commission"),
    ("“We will not,” said a spokeswoman for Tesla.", "Tesla"),
    ("“We are monitoring it,” a European Commission spokesperson told reporters.", "European Commission"),
    ("“Nothing changes,” a White House spokesman said.", "White House"),
])
def test_a_spokesperson_speaks_for_the_institution(text, speaker):
    assert only_quote(text).speaker == speaker


def test_he_added_continues_the_last_speaker():
    quotes, _ = quotes_of("Speaking in Berlin, Chancellor Olaf Scholz said the EU should avoid a trade "
                          "war.\n\n“The market will decide,” Wang said. He added: “Quality wins.”")
    assert [q.speaker for q in quotes] == ["Wang", "Wang"]


def test_a_short_quote_inside_reported_speech_is_the_speakers():
    quotes, phrases = quotes_of("On Thursday the Saudi foreign ministry said the decision reflected "
                                "“purely economic” considerations.")
    assert [(q.text, q.speaker) for q in quotes] == [("purely economic", "Saudi foreign ministry")]
    assert not phrases


@pytest.mark.parametrize("text, phrase", [
    # below a noun's modifier clause, a quote is not the speech verb's above it
    ("Biden said the government would buy crude back, a pledge meant to put a “floor” under prices.", "floor"),
    # "so-called" and "a group called" name things; nobody is quoted
    ("Lawmakers have revived the so-called “NOPEC” bill, which would allow lawsuits.", "NOPEC"),
])
def test_labels_near_a_speech_verb_stay_phrases(text, phrase):
    quotes, phrases = quotes_of(text)
    assert not quotes and [p.text for p in phrases] == [phrase]


def test_he_after_the_title_of_a_person_named_earlier_is_that_person():
    parsed = parse_text("Saudi Energy Minister Prince Abdulaziz bin Salman announced the cut on Sunday. "
                        "Analyst Priya Raman said the market was tight. The minister has repeatedly "
                        "warned short sellers. Last month he told speculators to “watch out”.")
    quotes, _ = extract_quotes(parsed, extract_mentions(parsed))  # titles come with the real mentions
    assert [(q.text, q.speaker) for q in quotes] == [("watch out", "Abdulaziz bin Salman")]


def _with_pipeline_mentions(text: str):
    """The mentions stage's mentions: places it knows carry `refers_to`, names it does not, none."""
    from claimgraph.extract.mentions import extract_mentions

    parsed = parse_text(text)
    return extract_quotes(parsed, extract_mentions(parsed))


def test_the_company_is_the_firm_named_just_before():
    quotes, _ = _with_pipeline_mentions("The Bureau of Industry and Security issued the rules. Nvidia designed the H800 for "
                          "China. The company said in a statement: “We do not expect a near-term impact.”")
    assert [q.speaker for q in quotes] == ["Nvidia"]


def test_the_company_is_never_a_public_body():
    quotes, _ = _with_pipeline_mentions("The Commerce Department declined to comment. “It is fine,” the company said.")
    assert [q.speaker for q in quotes] == [None]


def test_the_company_is_not_a_firm_named_in_a_quote_or_a_title():
    quotes, _ = _with_pipeline_mentions(
        "Nvidia designed the H800 for China. UK Defence Secretary Grant Shapps said: “Huawei is a risk.” "
        "“We comply with every rule,” the company said.")
    assert quotes[-1].speaker == "Nvidia"


def test_words_a_person_is_said_to_own_are_theirs():
    quotes, phrases = _with_pipeline_mentions("Gina Raimondo spoke. This was Raimondo’s famous “small yard, high fence” in "
                                "action. Sullivan’s “small yard” approach set the tone.")
    assert [(q.text, q.speaker) for q in quotes] == [("small yard, high fence", "Gina Raimondo")]
    assert [p.text for p in phrases] == ["small yard"]


def test_the_minister_is_the_minister_named_before():
    quotes, _ = _with_pipeline_mentions("Energy Minister Prince Abdulaziz bin Salman spoke on Sunday. "
                                        "“Watch out,” the minister said.")
    assert [q.speaker for q in quotes] == ["Abdulaziz bin Salman"]


@pytest.mark.parametrize(("text", "quote", "speaker"), [
    ('Joe Biden spoke. The cut drew fierce criticism from Washington and a warning from President Joe Biden '
     'of "consequences" for Riyadh.',
     "consequences", "Joe Biden"),
    ('Joe Biden spoke. Biden’s pledge of “no new wars” was popular.', "no new wars", "Joe Biden"),
])
def test_the_content_of_a_noun_of_speech_is_its_speakers(text, quote, speaker):
    quotes, _ = _with_pipeline_mentions(text)
    assert [(q.text, q.speaker) for q in quotes] == [(quote, speaker)]


def test_a_coined_label_without_a_speech_noun_stays_a_phrase():
    quotes, phrases = _with_pipeline_mentions("The “no limits” partnership grew in 2023.")
    assert quotes == [] and [p.text for p in phrases] == ["no limits"]


@pytest.mark.parametrize(("text", "description"), [
    ("“The situation is deteriorating,” according to a senior European diplomat.", "a senior European diplomat"),
    ("“It is a mess,” one freight forwarder said, asking not to be named.", "one freight forwarder"),
])
def test_an_unnamed_speaker_is_described_not_named(text, description):
    quote = only_quote(text)
    assert (quote.speaker, quote.speaker_description) == (None, description)


def test_a_subject_inside_the_quote_is_not_the_speaker():
    quote = only_quote('"The first grain ship since Russian aggression has left port," Oleksandr Kubrakov, '
                       "Ukraine's infrastructure minister, said on Twitter as the vessel left the harbour.")
    assert quote.speaker == "Oleksandr Kubrakov"


def test_a_person_s_clause_before_a_colon_introduces_a_long_quote():
    quotes, _ = _with_pipeline_mentions(
        "Russia signed the deal with UN Secretary-General António Guterres on July 22. Guterres greeted the signing in "
        'unusually warm terms: "Today, there is a beacon on the Black Sea, a beacon of hope."')
    assert [q.speaker for q in quotes] == ["António Guterres"]


def test_a_colon_after_a_thing_does_not_make_a_speaker():
    quotes, phrases = quotes_of('The deal has a nickname: "the corridor".')
    assert not [q for q in quotes if q.speaker] and [p.text for p in phrases] == ["the corridor"]


def test_as_x_put_it_attributes_the_quote_in_its_main_clause():
    quote = only_quote("As Turkish President Recep Tayyip Erdogan put it back then, the agreement was "
                       "“a beacon of hope”.")
    assert (quote.text, quote.speaker) == ("a beacon of hope", "Recep Tayyip Erdogan")


def test_a_quote_before_and_a_new_clause_keeps_its_own_speaker():
    quotes, _ = quotes_of("Ukraine’s foreign minister, Dmytro Kuleba, accused Russia of using “a false "
                          "pretext”, and US President Joe Biden called the move “purely outrageous” the same day.")
    assert [(q.text, q.speaker) for q in quotes] == [("a false pretext", "Dmytro Kuleba"),
                                                      ("purely outrageous", "Joe Biden")]


def test_a_quote_resumed_after_its_attribution_keeps_the_speaker():
    quotes, _ = quotes_of('"Getting to single digits," said Helen Okafor, chief economist at Tidewater Bank in '
                          'London, "was the easy part."')
    assert [(q.text, q.speaker) for q in quotes] == [("Getting to single digits", "Helen Okafor"),
                                                      ("was the easy part", "Helen Okafor")]


def test_a_short_quoted_sentence_after_a_colon_is_speech():
    quotes, _ = _with_pipeline_mentions("Security Minister Patricia Bullrich dismissed the day on social media in "
                                        "two words: “Total failure.”")
    assert [q.speaker for q in quotes] == ["Patricia Bullrich"]


def test_a_copula_clause_before_a_colon_introduces_its_subjects_words():
    quotes, _ = _with_pipeline_mentions('Dario Kessel, who runs a newsletter, was even blunter: "Milei has done in '
                                        'six months what nobody managed in twenty years."')
    assert [q.speaker for q in quotes] == ["Dario Kessel"]


def test_he_is_the_person_named_by_surname_alone_just_before():
    quotes, _ = _with_pipeline_mentions(
        'Javier Milei took office. "There will be pain," Economy Minister Luis Caputo warned. Milei struck the '
        'same note in his inaugural address. He told the crowd: "There is no money."')
    assert quotes[-1].speaker == "Javier Milei"


@pytest.mark.parametrize(("text", "description"), [
    ('"Nobody is arguing with the number," a bond trader at a local brokerage said.',
     "a bond trader at a local brokerage"),
    ("A union official who asked not to be named said the union was ready to call another stoppage "
     "“if the decree is not withdrawn”.", "A union official who asked not to be named"),
    ('One fisherman we reached in Fukushima didn\'t mince words: "Nobody here trusts the numbers anymore."',
     "One fisherman we reached in Fukushima"),
])
def test_unnamed_speakers_are_described_by_their_phrases_and_clauses(text, description):
    quotes, _ = quotes_of(text)
    assert [(q.speaker, q.speaker_description) for q in quotes] == [(None, description)]


@pytest.mark.parametrize("text", [
    "Banners along the avenue carried the slogan chosen for the day, “The homeland is not for sale”.",
    'The campaign ran under the headline "We will not pay for your crisis".',
    'The minister signed a decree titled "Bases for the Reconstruction of the Argentine Economy".',
])
def test_the_words_of_a_slogan_headline_or_title_are_a_label_not_speech(text):
    quotes, phrases = quotes_of(text)
    assert quotes == [] and len(phrases) == 1


def test_a_speaker_may_still_give_a_slogan_in_speech():
    quotes, _ = quotes_of('“We will not pay for your crisis,” the union leader Pablo Moyano said.')
    assert len(quotes) == 1


def test_the_official_is_the_official_described_before():
    quotes, _ = _with_pipeline_mentions(
        "A senior official at Japan's foreign ministry said Tokyo had asked Beijing to lift the ban. "
        '"We will explain the science to anyone who is willing to listen," the official said.')
    assert [(q.speaker, q.speaker_description) for q in quotes] == [
        (None, "A senior official at Japan's foreign ministry")]


def test_it_is_the_institution_quoted_just_before():
    quotes, _ = _with_pipeline_mentions(
        'In a statement, China\'s foreign ministry said: "The ocean is the common property of all humanity." '
        'It called the release "extremely selfish and irresponsible".')
    assert len({q.speaker for q in quotes}) == 1 and quotes[0].speaker is not None


def test_the_reporting_verb_not_a_verb_inside_what_it_reports_gives_the_speaker():
    quotes, _ = _with_pipeline_mentions(
        'Prime Minister Fumio Kishida told reporters that Japan would go on explaining the plan "with a high '
        'degree of transparency". Riyadh announced it on June 3, when Prince Abdulaziz bin Salman called it a '
        '"Saudi lollipop".')
    assert [q.speaker for q in quotes] == ["Fumio Kishida", "Abdulaziz bin Salman"]


@pytest.mark.parametrize(("text", "speaker"), [
    ('Wang Wenbin, a spokesperson for the ministry, has described the ban as "legitimate, reasonable and necessary".',
     "Wang Wenbin"),
    ('President Xi Jinping called the release "extremely selfish and irresponsible."', "Xi Jinping"),
    ('Agriculture minister Tetsuro Nomura referred to the treated water as "contaminated water" in remarks.',
     "Tetsuro Nomura"),
])
def test_words_a_speaker_characterises_something_with_are_speech(text, speaker):
    quotes, _ = _with_pipeline_mentions(text)
    assert [q.speaker for q in quotes] == [speaker]


def test_the_speech_or_video_of_a_person_speaks_for_them():
    quotes, _ = _with_pipeline_mentions(
        "Yevgeny Prigozhin led the revolt. Prigozhin's last speech to his men called the war a \"disgrace\". "
        "His final video, posted on August 21, promised to make \"Russia even greater on all continents\".")
    assert [q.speaker for q in quotes] == ["Yevgeny Prigozhin", "Yevgeny Prigozhin"]


def test_a_participle_chain_borrows_the_subject_of_the_reporting_verb():
    quotes, _ = _with_pipeline_mentions(
        "Vladimir Putin spoke on Saturday. \"Ambitions have led to treason,\" he said, calling the mutiny "
        "\"a stab in the back\" and promising \"inevitable punishment\" for its organisers.")
    assert {q.speaker for q in quotes} == {"Vladimir Putin"}


def test_he_is_the_subject_before_rather_than_a_person_named_as_an_object():
    quotes, _ = _with_pipeline_mentions(
        "Yevgeny Prigozhin accused Defence Minister Sergei Shoigu and the army chief, Valery Gerasimov, of lying. "
        "Hours later he claimed that the army had struck his camps, killing \"a huge number\" of his fighters.")
    assert [q.speaker for q in quotes] == ["Yevgeny Prigozhin"]


def test_he_after_a_quote_is_its_speaker_rather_than_a_person_in_a_prepositional_phrase():
    quotes, _ = _with_pipeline_mentions(
        "Alexander Lukashenko has tried to calm his neighbours. \"He is in Belarus today,\" he said on June 27. "
        "At a meeting with Vladimir Putin on July 23, he joked that the fighters wanted an \"excursion\" to Warsaw.")
    assert [q.speaker for q in quotes] == ["Alexander Lukashenko", "Alexander Lukashenko"]


def test_a_passive_label_without_an_agent_is_no_ones_speech():
    quotes, phrases = _with_pipeline_mentions(
        "The fighters moved towards the Suwalki Gap, a stretch of border often called NATO's \"Achilles heel\".")
    assert quotes == [] and [p.text for p in phrases] == ["Achilles heel"]


def test_according_to_a_statement_from_an_institution():
    quotes, _ = _with_pipeline_mentions(
        "“Depositors will have access to all of their money starting Monday,” according to a joint "
        "statement from the Treasury and the Federal Reserve.")
    assert [q.speaker for q in quotes] == ["Treasury and Federal Reserve"]
