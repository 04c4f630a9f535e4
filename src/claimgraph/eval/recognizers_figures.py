"""Figure extraction measured against Microsoft Recognizers-Text's English number specs.

Four spec files, each a list of cases: one input sentence and the expected results (text, start
and end offsets with end inclusive, type name, resolution {value, unit}). Each input is parsed with
the project's spaCy pipeline and run through `extract_times` and `extract_figures`. Scores per
model:

- span precision / recall / F1: a gold result is found when a prediction overlaps it, one to one;
- value accuracy: among found results, the share whose value (within 1e-6 relative) and unit
  (their unit names mapped to ours: "Dollar" → USD, "Cent" → USD × 0.01, "Metric ton" → tonne…)
  are right.

What is compared:
- CurrencyModel: figures whose unit is a currency code.
- PercentModel: figures in percent (or percentage points).
- DimensionModel: figures in a length, area, weight or volume unit.
- NumberModel: the numeral layer (`numbers.find_numerals`), not the figures: the figure extractor
  keeps a bare number only when it counts something ("2,000 troops"), which most of these inputs
  ("sixteen", "192.") do not, so scoring figures here would only measure that design choice.
  Every numeral found is a prediction; the layer deliberately knows nothing of context, so the
  dates, phone numbers and designations that `extract_figures` drops later are still counted here.

Gold left out of the denominator (a prediction overlapping one is neither a hit nor a false
positive), by model: results with no value (a bare "dollar", "percentage", "metric ton": a unit
named without a number is no figure); Dimension subtypes Speed, Information and Angle (claimgraph
has no such units: speeds are skipped on purpose, bits and angles are not news figures); Number
results in power notation with a caret ("1.1^23", "1.3x10^6": not written in news text). Everything else counts, including forms we
know we miss ("one over three", "two hundred and fifty-four hundredths", "75 USD million").
`all_gold` repeats the scores with nothing excluded.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from ..extract.figures import DIMENSION_CODES, extract_figures
from ..extract.numbers import find_numerals
from ..nlp import ParsedDocument, load_pipeline, parse_many
from ..records import Document

DEFAULT_SPEC_DIR = Path("/work/shared/corpora/recognizers-text-specs")
MODELS = {
    "currency": "CurrencyModel.json",
    "percent": "PercentModel.json",
    "number": "NumberModel.json",
    "dimension": "DimensionModel.json",
}
RELATIVE_TOLERANCE = 1e-6

# Their unit names → (our unit, factor applied to their value).
CURRENCY_UNITS = {
    "Dollar": ("USD", 1.0), "Cent": ("USD", 0.01), "Pound": ("GBP", 1.0), "Pence": ("GBP", 0.01),
    "Penny": ("GBP", 0.01), "Franc": ("CHF", 1.0), "Rupee": ("INR", 1.0), "Peseta": ("ESP", 1.0),
    "Netherlands guilder": ("NLG", 1.0), "Finnish markka": ("FIM", 1.0), "Bitcoin": ("BTC", 1.0),
    "Satoshi": ("BTC", 1e-8), "Sen": ("JPY", 0.01), "Euro": ("EUR", 1.0),
}
# Recognizers-Text reads "500,000 barrels a day" as its volume, "500,000 barrels"
RATE_UNITS = {"barrel_per_day": "barrel"}
DIMENSION_UNITS = {
    "Mile": "mile", "Kilometer": "km", "Meter": "m", "Centimeter": "cm", "Millimeter": "mm",
    "Foot": "ft", "Inch": "in", "Square kilometer": "km2", "Square meter": "m2", "Acre": "acre",
    "Ton": "ton", "Metric ton": "tonne", "Kilogram": "kg", "Pound": "lb", "Ounce": "oz",
    "Gallon": "gallon", "Barrel": "barrel", "Cubic foot": "ft3", "Gram": "g",
}
IN_SCOPE_DIMENSIONS = {"Length", "Area", "Weight", "Volume"}


def evaluate(spec_dir: Path = DEFAULT_SPEC_DIR) -> dict:
    """Scores per model (see the module docstring), plus `notes`."""
    nlp = load_pipeline()
    results: dict = {}
    for model, file_name in MODELS.items():
        path = Path(spec_dir) / file_name
        if not path.exists():
            results[model] = {"error": f"{path} not found"}
            continue
        cases = json.loads(path.read_text(encoding="utf-8-sig"))
        results[model] = _evaluate_model(model, cases, nlp)
    results["notes"] = __doc__.split("What is compared:", 1)[1].strip()
    return results


def _evaluate_model(model: str, cases: list[dict], nlp) -> dict:
    documents = [
        Document(id=f"{model}{index}", text=case.get("Input", ""), path=MODELS[model])
        for index, case in enumerate(cases)
    ]
    scoped, everything = Counter(), Counter()
    excluded: Counter = Counter()
    misses: list[dict] = []
    for case, parsed in zip(cases, parse_many(documents, nlp, batch_size=64)):
        predictions = _predictions(model, parsed)
        gold = [_gold(model, result) for result in case.get("Results", [])]
        gold = [g for g in gold if g is not None]
        for item in gold:
            if item["excluded"]:
                excluded[item["excluded"]] += 1
        _score(predictions, gold, scoped, misses, case.get("Input", ""), use_scope=True)
        _score(predictions, gold, everything, [], "", use_scope=False)
    return {
        "cases": len(cases),
        **_summary(scoped),
        "gold_excluded": dict(sorted(excluded.items())),
        "all_gold": _summary(everything),
        "errors": misses[:40],
    }


def _predictions(model: str, parsed: ParsedDocument) -> list[dict]:
    if model == "number":
        return [
            {"start": n.start, "end": n.end, "value": n.value, "unit": None}
            for n in find_numerals(parsed.document.text)
        ]
    figures = extract_figures(parsed, [], _times(parsed))
    wanted = {
        "currency": lambda unit: unit.isupper() and len(unit) == 3,
        "percent": lambda unit: unit in ("percent", "percentage_point"),
        "dimension": lambda unit: unit in DIMENSION_CODES or unit in RATE_UNITS,
    }[model]
    return [
        {"start": f.evidence.start, "end": f.evidence.end, "value": f.value, "unit": RATE_UNITS.get(f.unit, f.unit)}
        for f in figures if wanted(f.unit)
    ]


def _times(parsed: ParsedDocument) -> list:
    """Time expressions tell the figure extractor which numbers are dates. Mentions are left out:
    they only decide `about` and `metric`, which these specs do not annotate."""
    try:
        from ..extract.times import extract_times

        return extract_times(parsed)
    except Exception:  # the times extractor is not ours to debug here; spaCy DATEs still apply
        return []


def _gold(model: str, result: dict) -> dict | None:
    resolution = result.get("Resolution") or {}
    raw = resolution.get("value")
    start = int(result.get("Start", 0))
    item = {"start": start, "end": int(result.get("End", start)) + 1, "text": result.get("Text"),
            "value": None, "unit": None, "excluded": None}
    if raw in (None, "null"):
        item["excluded"] = "no value (a unit named without a number)"
        return item
    try:
        value = float(str(raw).rstrip("%"))
    except ValueError:
        item["excluded"] = "unparseable value"
        return item
    if model == "currency":
        iso = resolution.get("isoCurrency")
        unit, factor = (iso, 1.0) if iso else CURRENCY_UNITS.get(resolution.get("unit"), (None, 1.0))
        item["value"], item["unit"] = value * factor, unit
    elif model == "percent":
        item["value"], item["unit"] = value, "percent"
    elif model == "dimension":
        subtype = resolution.get("subtype")
        if subtype not in IN_SCOPE_DIMENSIONS:
            item["excluded"] = f"dimension subtype {subtype}"
        item["value"], item["unit"] = value, DIMENSION_UNITS.get(resolution.get("unit"))
    else:
        if "^" in str(result.get("Text", "")):
            item["excluded"] = "power notation with a caret"
        item["value"] = value
    return item


def _score(predictions, gold, tally: Counter, misses: list, text: str, use_scope: bool) -> None:
    used: set[int] = set()
    for item in gold:
        excluded = use_scope and item["excluded"]
        hit = next(
            (i for i, p in enumerate(predictions)
             if i not in used and p["start"] < item["end"] and item["start"] < p["end"]),
            None,
        )
        if hit is not None:
            used.add(hit)
        if excluded:
            continue
        tally["gold"] += 1
        if hit is None:
            if len(misses) < 40:
                misses.append({"missed": item["text"], "input": text[:120]})
            continue
        tally["found"] += 1
        if _value_ok(predictions[hit], item):
            tally["value_ok"] += 1
        elif len(misses) < 40:
            prediction = predictions[hit]
            misses.append({"wrong_value": item["text"], "gold": [item["value"], item["unit"]],
                           "predicted": [prediction["value"], prediction["unit"]]})
    for i, prediction in enumerate(predictions):
        if i in used:
            continue
        overlapping_excluded = any(
            g["excluded"] and prediction["start"] < g["end"] and g["start"] < prediction["end"]
            for g in gold
        )
        if use_scope and overlapping_excluded:
            continue
        tally["false_positives"] += 1
        if len(misses) < 40 and text:
            misses.append({"false_positive": text[prediction["start"]:prediction["end"]],
                           "input": text[:120]})


def _value_ok(prediction: dict, item: dict) -> bool:
    if item["value"] is None:
        return False
    expected, got = item["value"], prediction["value"]
    close = abs(got - expected) <= RELATIVE_TOLERANCE * max(abs(expected), abs(got), 1e-12)
    return close and (item["unit"] is None or prediction["unit"] == item["unit"])


def _summary(tally: Counter) -> dict:
    predicted = tally["found"] + tally["false_positives"]
    precision = _ratio(tally["found"], predicted)
    recall = _ratio(tally["found"], tally["gold"])
    f1 = _ratio(2 * precision * recall, precision + recall)
    return {
        "gold": tally["gold"],
        "predicted": predicted,
        "found": tally["found"],
        "false_positives": tally["false_positives"],
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "value_accuracy": round(_ratio(tally["value_ok"], tally["found"]), 4),
    }


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _table(results: dict) -> str:
    header = f"{'model':10} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'value':>6}   all gold: F1 / value"
    lines = [header, "-" * len(header)]
    for model in MODELS:
        row = results.get(model, {})
        if "error" in row:
            lines.append(f"{model:10} {row['error']}")
            continue
        everything = row["all_gold"]
        lines.append(
            f"{model:10} {row['gold']:>5} {row['predicted']:>5} {row['precision']:>6.3f} "
            f"{row['recall']:>6.3f} {row['f1']:>6.3f} {row['value_accuracy']:>6.3f}   "
            f"{everything['f1']:.3f} / {everything['value_accuracy']:.3f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    paths = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    spec_dir = Path(paths[0]) if paths else DEFAULT_SPEC_DIR
    outcome = evaluate(spec_dir)
    if "--json" in sys.argv:
        print(json.dumps(outcome, indent=2))
    else:
        print(_table(outcome))
        for model in MODELS:
            excluded = outcome.get(model, {}).get("gold_excluded")
            if excluded:
                print(f"{model}: excluded {excluded}")
