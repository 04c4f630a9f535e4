from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.eval.__main__ import main
from claimgraph.eval.validate import validate_corpus

REPO = Path(__file__).resolve().parents[1]


def _corpus(tmp_path: Path, gold: dict) -> Path:
    (tmp_path / "a.md").write_text("---\ntitle: A\n---\nTrade reached “$240 billion” in 2023.\n",
                                   encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


BUNDLED = ["examples", *sorted(f"eval/{p.parent.name}" for p in (REPO / "eval").glob("*/gold.json"))]


@pytest.mark.parametrize("corpus", BUNDLED)
def test_bundled_gold_files_are_valid(corpus):
    assert validate_corpus(REPO / corpus) == []


def test_a_text_outside_the_body_is_reported_with_the_reason(tmp_path):
    folder = _corpus(tmp_path, {"quotes": [
        {"file": "a.md", "text": '"$240 billion"', "speaker": "X"},
        {"file": "a.md", "text": "title: A", "speaker": "X"},
        {"file": "b.md", "text": "Trade", "speaker": "X"},
    ]})
    problems = [str(p) for p in validate_corpus(folder)]
    assert problems == [
        "quotes[0]: text '\"$240 billion\"' is not in the body of a.md (quote marks or dashes differ)",
        "quotes[1]: text 'title: A' is not in the body of a.md",
        "quotes[2]: file 'b.md' is not in the corpus",
    ]


def test_field_values_outside_the_format_are_reported(tmp_path):
    folder = _corpus(tmp_path, {
        "figures": [{"file": "a.md", "text": "$240 billion", "value": "240e9", "unit": "dollars",
                     "qualifier": None, "period": "in 2023"}],
        "events": [{"file": "a.md", "text": "reached", "type": "trade", "date": "2023"}],
        "claims": [{"file": "a.md", "text": "Trade reached", "polarity": "yes", "hedged": False,
                    "checkworthy": "true"}],
    })
    problems = {p.where: p.message for p in validate_corpus(folder)}
    assert problems.keys() == {"figures[0]", "events[0]", "claims[0]"}
    messages = [str(p) for p in validate_corpus(folder)]
    assert any("value '240e9' is not a number" in m for m in messages)
    assert any("unit 'dollars'" in m for m in messages)
    assert any("period 'in 2023' is not an ISO prefix" in m for m in messages)
    assert any("type 'trade'" in m for m in messages)
    assert any("checkworthy 'true' is not true or false" in m for m in messages)


def test_valid_records_pass(tmp_path):
    folder = _corpus(tmp_path, {
        "documents": [{"file": "a.md", "published": "2024-05-17"}],
        "figures": [{"file": "a.md", "text": "$240 billion", "value": 240e9, "unit": "USD",
                     "qualifier": None, "period": "2022-09/2023"}],
        "dates": [{"file": "a.md", "text": "2023", "value": "2023", "precision": "year"}],
        "conflicts": [{"kind": "numeric", "members": [{"file": "a.md", "text": "240"}]}],
    })
    assert validate_corpus(folder) == []


def test_cli_exit_code_says_whether_gold_is_valid(tmp_path, capsys):
    good = _corpus(tmp_path, {})
    assert main(["validate", "--corpus", str(good)]) == 0
    (good / "gold.json").write_text(json.dumps({"phrases": [{"file": "a.md", "text": "nowhere"}]}))
    assert main(["validate", "--corpus", str(good)]) == 1
    assert "phrases[0]: text 'nowhere' is not in the body of a.md" in capsys.readouterr().out
