"""ECB+ event alignment evaluation: metrics, the XML reader, gold mentions as events, a real run."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

pytest.importorskip("scorch", reason="scorch (the coreference scorer) is not installed")

from claimgraph.eval import ecbplus  # noqa: E402
from claimgraph.eval.ecbplus import (  # noqa: E402
    GoldMention,
    analyse,
    gold_clusters,
    gold_events,
    parse_document,
    read_selected_sentences,
    same_lemma_clusters,
    scores,
    split_by_lemma,
)

CORPUS = Path("/work/shared/corpora/ecbplus/ECB+_LREC2014")

# -- metrics --------------------------------------------------------------------------------------

# The worked example of Pradhan et al. (2014), "Scoring Coreference Partitions of Predicted
# Mentions": key {a b c} {d e f g}, response {a b} {c d} {f g h i}.
KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_scores_match_the_textbook_example():
    result = scores(KEY, RESPONSE)
    assert result["muc"]["r"] == pytest.approx(0.4)
    assert result["muc"]["p"] == pytest.approx(0.4)
    assert result["b3"]["r"] == pytest.approx(35 / 84)  # (2/3+2/3+1/3+1/4+0+1/2+1/2) / 7
    assert result["b3"]["p"] == pytest.approx(0.5)
    assert result["ceafe"]["r"] == pytest.approx(0.65)  # (4/5 + 4/8) / 2
    assert result["ceafe"]["p"] == pytest.approx(1.3 / 3)
    assert result["ceafe"]["f1"] == pytest.approx(0.52)
    expected_conll = (0.4 + 2 * 0.5 * (35 / 84) / (0.5 + 35 / 84) + 0.52) / 3
    assert result["conll_f1"] == pytest.approx(expected_conll)


def test_a_perfect_response_scores_one_and_singletons_follow_the_reference_scorer():
    perfect = scores(KEY, [set(c) for c in KEY])
    assert all(perfect[m]["f1"] == pytest.approx(1.0) for m in ("muc", "b3", "ceafe"))
    singletons = [{m} for m in "abcdefg"]
    split = scores(KEY, singletons)
    assert split["muc"]["f1"] == 0.0  # no links at all
    assert split["b3"]["p"] == pytest.approx(1.0)
    assert split["b3"]["r"] == pytest.approx((3 * 1 / 3 + 4 * 1 / 4) / 7)
    lumped = scores(KEY, [set("abcdefg")])
    assert lumped["muc"]["r"] == pytest.approx(1.0)
    assert lumped["muc"]["p"] == pytest.approx(5 / 6)


def test_scoring_block_by_block_equals_scoring_everything_at_once():
    rng = random.Random(7)
    key, response = [], []
    for topic in range(6):
        mentions = [f"{topic}_d:{i}" for i in range(rng.randint(1, 25))]
        for clusters, k in ((key, rng.randint(1, 8)), (response, rng.randint(1, 8))):
            parts: dict[int, set[str]] = {}
            for mention in mentions:
                parts.setdefault(rng.randrange(k), set()).add(mention)
            clusters.extend(parts.values())
    blocked = scores(key, response, ecbplus.topic_of)
    whole = scores(key, response)
    for metric in ("muc", "b3", "ceafe"):
        for part in ("p", "r", "f1"):
            assert blocked[metric][part] == pytest.approx(whole[metric][part])


def test_a_cluster_across_blocks_is_refused():
    with pytest.raises(ValueError):
        scores([{"1_a:1", "2_b:1"}], [{"1_a:1"}, {"2_b:1"}], ecbplus.topic_of)


# -- the XML reader -------------------------------------------------------------------------------

# A document written for this test in the ECB+ layout: tokens, markables with token anchors,
# CROMER descriptors without anchors, cross- and within-document relations.
TINY_XML = """<Document doc_name="7_3ecbplus.xml" doc_id="DOC1">
<token t_id="1" sentence="0" number="0">http://example.org/story</token>
<token t_id="2" sentence="1" number="0">Maria</token>
<token t_id="3" sentence="1" number="1">Lopez</token>
<token t_id="4" sentence="1" number="2">was</token>
<token t_id="5" sentence="1" number="3">arrested</token>
<token t_id="6" sentence="1" number="4">in</token>
<token t_id="7" sentence="1" number="5">Chicago</token>
<token t_id="8" sentence="1" number="6">after</token>
<token t_id="9" sentence="1" number="7">the</token>
<token t_id="10" sentence="1" number="8">robbery</token>
<token t_id="11" sentence="1" number="9">in</token>
<token t_id="12" sentence="1" number="10">2011</token>
<token t_id="13" sentence="1" number="11">.</token>
<token t_id="14" sentence="2" number="0">She</token>
<token t_id="15" sentence="2" number="1">did</token>
<token t_id="16" sentence="2" number="2">not</token>
<token t_id="17" sentence="2" number="3">resist</token>
<token t_id="18" sentence="2" number="4">.</token>
<token t_id="19" sentence="3" number="0">Police</token>
<token t_id="20" sentence="3" number="1">praised</token>
<token t_id="21" sentence="3" number="2">the</token>
<token t_id="22" sentence="3" number="3">arrest</token>
<token t_id="23" sentence="3" number="4">.</token>
<Markables>
<ACTION_OCCURRENCE m_id="11"><token_anchor t_id="5"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="12"><token_anchor t_id="9"/><token_anchor t_id="10"/></ACTION_OCCURRENCE>
<NEG_ACTION_OCCURRENCE m_id="13"><token_anchor t_id="17"/></NEG_ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="14"><token_anchor t_id="22"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="15"><token_anchor t_id="20"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="16"><token_anchor t_id="2"/><token_anchor t_id="3"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="30" RELATED_TO="" TAG_DESCRIPTOR="t7_lopez_arrest" instance_id="ACT99"/>
<HUMAN_PART_PER m_id="31" RELATED_TO="" TAG_DESCRIPTOR="t7_lopez" instance_id="HUM98"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="501" note="ACT99"><source m_id="11"/><source m_id="14"/><target m_id="30"/></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="502" note="HUM98"><source m_id="16"/><target m_id="31"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="503"><source m_id="12"/><target m_id="15"/></INTRA_DOC_COREF>
</Relations>
</Document>
"""


def test_reader_keeps_event_mentions_of_annotated_sentences_with_their_chains():
    document = parse_document(TINY_XML, "7_3ecbplus", selected={1, 2})
    assert (document.topic, document.subtopic, document.selected) == ("7", "7ecbplus", [1, 2])
    by_id = {m.m_id: m for m in document.mentions}
    assert sorted(by_id) == ["11", "12", "13"]  # 14, 15 are outside the annotated sentences
    assert by_id["11"].chain == "cross:ACT99"
    assert by_id["11"].token_ids == (5,)
    assert by_id["12"].chain == "7_3ecbplus:intra503"
    assert by_id["12"].token_ids == (9, 10)
    assert by_id["13"].chain == by_id["13"].key == "7_3ecbplus:13"  # a singleton
    assert by_id["13"].tag == "NEG_ACTION_OCCURRENCE"


def test_reader_without_a_selection_takes_every_sentence():
    document = parse_document(TINY_XML, "7_3ecbplus")
    chains = {m.m_id: m.chain for m in document.mentions}
    assert sorted(chains) == ["11", "12", "13", "14", "15"]
    assert chains["11"] == chains["14"] == "cross:ACT99"
    assert document.body_years() == {"2011": 1}


def test_selected_sentences_csv(tmp_path):
    csv_path = tmp_path / "sentences.csv"
    csv_path.write_text("Topic,File,Sentence Number\n7,3ecbplus,1\n7,3ecbplus,2\n7,4ecb,0\n", encoding="utf-8")
    assert read_selected_sentences(csv_path) == {"7_3ecbplus": {1, 2}, "7_4ecb": {0}}


def test_gold_clusters_group_by_topic_and_chain():
    def mention(key, topic, chain):
        return GoldMention(key, key.split(":")[0], topic, topic + "ecb", key, "ACTION_OCCURRENCE", 1, (1,), chain)

    mentions = [mention("1_1ecb:1", "1", "cross:A"), mention("1_2ecb:5", "1", "cross:A"),
                mention("1_2ecb:6", "1", "1_2ecb:6"), mention("2_1ecb:1", "2", "cross:A")]
    clusters = sorted(sorted(c) for c in gold_clusters(mentions))
    assert clusters == [["1_1ecb:1", "1_2ecb:5"], ["1_2ecb:6"], ["2_1ecb:1"]]


# -- gold mentions as claimgraph events -------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_events():
    document = parse_document(TINY_XML, "7_3ecbplus", selected={1, 2})
    (item,) = analyse([document])
    return gold_events(item, lambda lemma: "other")


def test_events_carry_head_lemma_sentence_actors_date_and_negation(tiny_events):
    by_id = {gold.m_id: (event, lemma) for gold, event, lemma in tiny_events}
    arrest, lemma = by_id["11"]
    assert lemma == arrest.trigger == "arrest"
    assert arrest.evidence.text == "arrested"
    assert arrest.date == "2011"
    assert arrest.type == "other"
    assert by_id["12"][1] == "robbery"  # the head of "the robbery"
    resist, _ = by_id["13"]
    assert resist.negated and resist.date is None  # no date in its sentence: none is guessed
    assert not arrest.negated


def test_baseline_and_lemma_split(tiny_events):
    clusters = same_lemma_clusters(tiny_events)
    assert sorted(map(sorted, clusters)) == [["7_3ecbplus:11"], ["7_3ecbplus:12"], ["7_3ecbplus:13"]]
    everything = [{gold.key for gold, _, _ in tiny_events}]
    assert len(split_by_lemma(everything, tiny_events)) == 3


def test_event_type_lookup_reads_either_shape_of_lexicon():
    assert ecbplus._lemma_table({"attack": "attack", "invade": "attack", "sign": "agree", "meet": "consult",
                                 "say": "statement"})["invade"] == "attack"
    table = ecbplus._lemma_table({"attack": ["invade", "strike"], "agree": {"sign"}, "consult": ("meet",),
                                  "statement": ["say"], "reject": ["veto"]})
    assert table["strike"] == "attack" and table["veto"] == "reject"
    assert ecbplus._lemma_table({"a": 1}) is None
    lookup, source = ecbplus.event_type_lookup()
    assert lookup("zzzunknownzzz") == "other" and source


# -- a real run ---------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="ECB+ corpus not available")
def test_two_real_topics_are_scored_for_both_systems():
    result = ecbplus.evaluate(CORPUS, limit_topics=2)
    assert result["topics"] == 2 and result["mentions"] > 100
    assert 0 < result["chains"] <= result["mentions"]
    for system in ("claimgraph", "same_lemma"):
        for metric in ("muc", "b3", "ceafe"):
            assert all(0.0 <= result[system][metric][part] <= 1.0 for part in ("p", "r", "f1"))
        assert 0.0 < result[system]["conll_f1"] <= 1.0
    assert "within topic" in ecbplus.format_table(result)
