"""The whole per-document pipeline on hostile text: no crash, every span inside the document."""

from __future__ import annotations

import random

import pytest

from claimgraph.extract import extract_document
from claimgraph.nlp import parse
from claimgraph.records import Document

PIECES = ["China", "said", "“", "”", '"', "$240 billion", "in 2023", "“no limits”", "Putin", "😀", "Москва",
          "北京", "trade", "20 days later", "refrained from", "40%", "the", "(", ")", "—", "1,234,567.89",
          "Su-35", "ten percent", "half of", "'", "’", "…", "\u200b", "Xi", "according to", ":"]


def hostile_text(n_chars: int, seed: int) -> str:
    rng = random.Random(seed)
    parts, size = [], 0
    while size < n_chars:
        piece = rng.choice(PIECES)
        parts.append(piece)
        size += len(piece) + 1
    return " ".join(parts)  # no full stop anywhere: one enormous "sentence"


def assert_inside(text: str, analysis) -> int:
    count = 0
    for kind in ("mentions", "times", "figures", "events", "quotes", "phrases", "claims"):
        for record in getattr(analysis, kind):
            ev = record.evidence
            assert 0 <= ev.start <= ev.end <= len(text), (kind, ev)
            assert text[ev.start:ev.end] == ev.text
            count += 1
    return count


def test_ten_thousand_numbers_in_one_line():
    text = "Figures: " + " ".join(f"{i},{i % 1000:03d}" for i in range(10_000))
    analysis = extract_document(parse(Document("d", text, "d.txt")))
    assert assert_inside(text, analysis) > 0


@pytest.mark.slow
def test_one_megabyte_sentence_of_hostile_text():
    text = hostile_text(1_000_000, seed=7)
    analysis = extract_document(parse(Document("d", text, "d.txt")))
    assert assert_inside(text, analysis) > 1000
