"""Claims: SPO, polarity, hedging, attribution and checkworthiness (claimgraph.extract.claims)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.extract.claims import extract_claims
from claimgraph.extract.quotes import extract_quotes
from claimgraph.nlp import ParsedDocument, load_pipeline, parse
from claimgraph.records import Document, Figure, Mention, TimeExpression, stable_id

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def parse_text(text: str) -> ParsedDocument:
    return parse(Document("doc", text, "doc.txt"), load_pipeline())


def ner_mentions(parsed: ParsedDocument) -> list[Mention]:
    """Mentions from spaCy's entities: keeps these tests independent of the mentions module."""
    result = []
    for ent in parsed.doc.ents:
        if ent.label_ in {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}:
            name = ent.text[4:] if ent.text.startswith("the ") else ent.text
            result.append(Mention(stable_id("men", "doc", ent.start_char, ent.end_char),
                                  parsed.span_evidence(ent), name, ent.label_))
    return result


def ner_times(parsed: ParsedDocument) -> list[TimeExpression]:
    return [TimeExpression(stable_id("tim", "doc", e.start_char), parsed.span_evidence(e), None,
                           "unknown") for e in parsed.doc.ents if e.label_ == "DATE"]


def ner_figures(parsed: ParsedDocument) -> list[Figure]:
    return [Figure(stable_id("fig", "doc", e.start_char), parsed.span_evidence(e), 1.0, "count",
                   e.text) for e in parsed.doc.ents if e.label_ in ("MONEY", "PERCENT")]


def claims_of(text: str):
    parsed = parse_text(text)
    mentions = ner_mentions(parsed)
    quotes, _ = extract_quotes(parsed, mentions)
    return extract_claims(parsed, mentions, ner_times(parsed), ner_figures(parsed), quotes)


def claim_of(text: str):
    claims = claims_of(text)
    assert len(claims) == 1, [c.evidence.text for c in claims]
    return claims[0]


# --- which sentences ----------------------------------------------------------------------


def test_headlines_subheadings_and_questions_are_not_claims():
    claims = claims_of("Russia and China Deepen Ties\nTrade reached a record in 2023.\n"
                       "A Divided Front in the West\nIs this the end of the affair? China sold oil.")
    assert [c.evidence.text for c in claims] == ["Trade reached a record in 2023.", "China sold oil."]


def test_claim_evidence_is_the_whole_sentence():
    text = "Intro line here.\nChina bought Russian oil in 2023. Putin visited Beijing."
    parsed = parse_text(text)
    for claim in claims_of(text):
        sentence = parsed.sentences[claim.evidence.sentence]
        assert (claim.evidence.start, claim.evidence.end) == (sentence.start, sentence.end)
        assert claim.evidence.text == text[sentence.start:sentence.end]


# --- subject, predicate, object -----------------------------------------------------------


def test_subject_predicate_object():
    claim = claim_of("China has supplied Russia with machine tools since 2022.")
    assert (claim.subject, claim.predicate, claim.object) == ("China", "supply", "Russia")


def test_particle_kept_and_negation_dropped_from_predicate():
    claim = claim_of("Moscow did not give up its claims.")
    assert claim.predicate == "give up"
    assert claim.object == "its claims"


def test_phrases_drop_relative_clauses_and_stay_short():
    claim = claim_of("In 2001, they signed the Treaty of Good-Neighborliness, which was renewed in 2021.")
    assert claim.object == "the Treaty of Good-Neighborliness"
    long = claim_of("The long and winding story of the many old quarrels between the two large "
                    "neighbours over the border rivers and islands finally ended in 2008.")
    assert len(long.subject.split()) <= 12


# --- polarity ------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence, cue", [
    ("China has not condemned Russia's actions.", "not"),
    ("Beijing never sent troops to Ukraine.", "never"),
    ("China has refrained from condemning the invasion.", "refrained from"),
    ("China refused to supply weapons to Moscow.", "refused to"),
    ("The foreign ministry denied the report on Tuesday.", "denied"),
    ("China declined to join the sanctions.", "declined to"),
    ("Both countries stop short of forming an alliance.", "stop short of"),
    ("The talks failed to produce an agreement.", "failed to"),
    ("China has yet to condemn the invasion.", "has yet to"),
    ("No country has recognised the annexation.", "no"),
    ("Neither government wants a formal alliance.", "neither"),
    ("An alliance remains unlikely for now.", "unlikely"),
    ("The Kremlin rejected suggestions that it had ordered the killing.", "rejected"),
])
def test_negative_polarity_cues(sentence, cue):
    claim = claim_of(sentence)
    assert claim.polarity == "negative"
    assert f"negation: {cue}" in claim.reasons


@pytest.mark.parametrize("sentence", [
    "China bought more Russian oil in 2023.",
    "Not only did China buy oil, it also sold chips to Russia.",
    "The relationship is not without its strains.",
    "Trade declined by five percent in 2023.",
    "China did not refuse to sell arms.",  # two negations cancel out
    "The Kremlin rejected the proposal on Friday.",  # a proposal is no statement it denies
])
def test_positive_polarity(sentence):
    assert claim_of(sentence).polarity == "positive"


def test_negation_inside_a_subordinate_clause_does_not_flip_the_claim():
    claim = claim_of("While both countries stop short of an alliance, their partnership presents "
                     "a challenge to the West.")
    assert claim.polarity == "positive"


def test_reported_negation_counts():
    assert claim_of("Officials said that Russia had not violated the deal.").polarity == "negative"


# --- hedging -------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence, cue", [
    ("China has reportedly supplied drones to Russia.", "reportedly"),
    ("Beijing allegedly shipped shells to Moscow.", "allegedly"),
    ("Moscow may sign the deal in May.", "may"),
    ("Russia might accept lower prices.", "might"),
    ("Russia could be gearing up for a new offensive.", "could"),
    ("Trade will likely keep growing next year.", "likely"),
    ("China is considering providing arms to Russia.", "is considering"),
    ("U.S. intelligence suggests that China is sending arms.", "suggests"),
    ("The deal appears to be stalled.", "appears"),
    ("Xi is said to favour a quick settlement.", "is said to"),
    ("Russia sold more oil to India, according to media reports.", "according to media reports"),
    ("Xi is expected to travel to Russia in October.", "expected to"),
    ("Analysts estimate the real reduction at about 1 million barrels a day.", "estimate"),
    ("Republicans argue the drawdown has left the country exposed.", "argue"),
    ("Gasoline averaged $3.85 a gallon on Tuesday, according to motor club data.", "according to"),
    ("The alliance did not discuss the criticism, one delegate said.", "delegate said"),
])
def test_hedges(sentence, cue):
    claim = claim_of(sentence)
    assert claim.hedged
    assert any(cue in found for found in claim.hedges)


def test_unhedged_statement_and_assessment_adjective():
    assert not claim_of("Russia annexed Crimea in 2014.").hedged
    assert not claim_of("A formal alliance remains unlikely.").hedged
    assert not claim_of("China suggested a ceasefire in 2023.").hedged


def test_vague_attribution_of_the_whole_statement_is_a_hedge():
    claim = claim_of("Analysts say the partnership is now a military alliance.")
    assert claim.vague_attribution == "Analysts say"
    assert claim.hedged and "Analysts say" in claim.hedges


# --- who asserts it ------------------------------------------------------------------------


def test_sentences_inside_a_quote_belong_to_the_speaker():
    claims = claims_of("“They have a marriage of convenience,” Antony Blinken told senators. "
                       "“I am not sure if it is conviction. Russia is the junior partner.”")
    assert [c.asserted_by for c in claims] == ["Antony Blinken"] * 3


def test_unattributed_quote_sentence_is_unknown():
    claims = claims_of("Markets fell sharply. “The partnership will keep deepening for years.”")
    assert [c.asserted_by for c in claims] == ["author", "unknown"]


def test_reported_speech_and_according_to():
    assert claim_of("Angela Merkel said that the talks had failed.").asserted_by == "Angela Merkel"
    assert claim_of("Trade grew by a third, according to Antony Blinken.").asserted_by == "Antony Blinken"
    assert claim_of("Russia sold more oil to China in 2023.").asserted_by == "author"


@pytest.mark.parametrize("sentence, phrase", [
    ("Analysts say the partnership is deepening.", "Analysts say"),
    ("Experts note that trade doubled in five years.", "Experts note"),
    ("The axis is growing, according to analysts.", "according to analysts"),
    ("Observers believe Moscow will accept the price.", "Observers believe"),
    ("Critics argue the deal favours Beijing.", "Critics argue"),
    ("Some say the alliance is already here.", "Some say"),
    ("U.S. officials said China was sending drones.", "U.S. officials said"),
])
def test_vague_attributions(sentence, phrase):
    claim = claim_of(sentence)
    assert claim.vague_attribution == phrase
    assert claim.asserted_by == "author"


def test_named_source_is_not_vague():
    assert claim_of("Analyst Diana Choyleva said the deal favours Beijing.").vague_attribution is None


# --- checkworthiness -----------------------------------------------------------------------


def test_figure_date_and_actor_score_high():
    claim = claim_of("In 2023, China bought Russian oil worth $129 billion, more than ever before.")
    assert claim.checkworthiness >= 0.8
    reasons = " ".join(claim.reasons)
    for term in ("figure", "date", "actor", "comparison"):
        assert term in reasons


def test_opinions_and_generic_statements_score_low():
    for sentence in ("Western policymakers should abandon the idea of a wedge.",
                     "I think the partnership is a marriage of convenience.",
                     "Hollow words do not change how the real world operates.",
                     "It is what it is."):
        claim = claim_of(sentence)
        assert claim.checkworthiness < 0.5, (sentence, claim.reasons)


def test_quote_by_named_speaker_adds_weight():
    quoted = claim_of("“We will respond,” Antony Blinken said in April 2024.")
    assert any("named quote: Antony Blinken" in r for r in quoted.reasons)


def test_score_is_explained_and_bounded():
    for claim in claims_of("China bought oil. Trade hit $240 billion in 2023, surpassing the "
                           "record, Xi Jinping said. We must act now! It rained."):
        assert 0.0 <= claim.checkworthiness <= 1.0
        assert all(isinstance(r, str) for r in claim.reasons)


def test_entities_are_sorted_unique_names():
    claim = claim_of("Vladimir Putin met Xi Jinping in Beijing, and Putin praised China.")
    assert list(claim.entities) == sorted(set(claim.entities))
    assert {"Xi Jinping", "Beijing"} <= set(claim.entities)


def test_deterministic():
    text = "Analysts say China may supply arms. “No,” Xi Jinping said."
    assert claims_of(text) == claims_of(text)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not available")
def test_seed_claims_have_sentence_evidence():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for claim in claims_of(text):
            assert claim.evidence.text == text[claim.evidence.start:claim.evidence.end]
            assert claim.evidence.text.strip() == claim.evidence.text


# --- properties ----------------------------------------------------------------------------

PIECES = st.sampled_from([
    "“", "”", '"', "’", "?", "!", ".", ",", "\n", "not", "never", "may", "reportedly",
    "analysts say", "China", "said", "Xi Jinping", "$240 billion", "in 2023", "🙂", "東京",
    "refrained from", "according to", "—", "I", "should", "1", "2", "3",
])


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60).map(" ".join))
def test_claims_never_crash_and_stay_in_text(text):
    parsed = parse_text(text)
    for claim in claims_of(text):
        ev = claim.evidence
        assert 0 <= ev.start <= ev.end <= len(text) and ev.text == text[ev.start:ev.end]
        assert claim.polarity in ("positive", "negative")
        assert 0.0 <= claim.checkworthiness <= 1.0
        assert claim.hedged == bool(claim.hedges)
        assert 0 <= ev.sentence < len(parsed.sentences)


def test_very_long_sentence():
    text = "China said that " + ", ".join(["trade may grow"] * 1500) + "."
    claims = claims_of(text)
    assert claims and all(len((c.object or "").split()) <= 12 for c in claims)


@pytest.mark.parametrize(("text", "asserted_by"), [
    ("China will require licences from August 1, the commerce ministry said on Monday.", "commerce ministry"),
    ("Its import bill fell 3.9% to $415.6 billion, customs data show.", "customs data"),
    ("The ministry said it would act.", "unknown"),  # second-hand, the source not resolved
    ("The alliance did not discuss it, one delegate said.", "author"),  # the author vouches for the unnamed
])
def test_who_asserts_reported_speech(text, asserted_by):
    assert claim_of(text).asserted_by == asserted_by


@pytest.mark.parametrize(("text", "polarity"), [
    ("But here's the kicker: Nvidia's A800 and H800 were not touched by the October rules.", "negative"),
    ("The rules are not a ban—licences can still be granted—but they give Beijing a lever.", "negative"),
    ("Here's the point: the chips were touched by the rules.", "positive"),
])
def test_what_follows_a_colon_or_precedes_a_misparsed_root_is_asserted(text, polarity):
    assert claim_of(text).polarity == polarity


@pytest.mark.parametrize(("text", "speculative"), [
    ("Brent could retest $100 before the end of the year.", True),
    ("The minister said the cut could be extended beyond July.", True),
    ("Saudi Arabia will cut its output by 1 million barrels a day in July.", False),  # a decision
    ("Licences can still be granted.", False),  # an ability, not a guess
])
def test_speculation_is_not_yet_checkable(text, speculative):
    assert any("speculation" in r for r in claim_of(text).reasons) is speculative


def test_what_someone_did_not_say_is_the_authors_statement():
    from claimgraph.extract import extract_document

    parsed = parse(Document("d", "Economy Minister Luis Caputo announced the cuts. Caputo did not say when that "
                                 "would happen.", "d.txt"), load_pipeline())
    claims = extract_document(parsed).claims
    assert claims[-1].asserted_by == "author" and claims[-1].polarity == "negative"


def test_a_subject_the_parser_took_for_an_adverb_still_acts():
    from claimgraph.extract import extract_document

    parsed = parse(Document("d", "TEPCO said tritium in seawater taken near the outlet had stayed far below its own "
                                 "limits throughout.", "d.txt"), load_pipeline())
    claim = extract_document(parsed).claims[0]
    assert any("actor: TEPCO" in reason for reason in claim.reasons)


def test_a_pronoun_or_an_institution_acting_counts_as_a_named_actor():
    claims = claims_of("Vladimir Putin spoke on television on Saturday. He did not mention Yevgeny Prigozhin by name. "
                       "China's foreign ministry has not confirmed any talks with the group.")
    by_text = {c.evidence.text: c for c in claims}
    assert any("actor: Vladimir Putin" in r for r in by_text["He did not mention Yevgeny Prigozhin by name."].reasons)
    assert any(r.startswith("+0.20 actor") for r in by_text[
        "China's foreign ministry has not confirmed any talks with the group."].reasons)
