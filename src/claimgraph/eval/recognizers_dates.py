"""Date extraction measured against Microsoft Recognizers-Text's English DateTimeModel specs.

Each spec case is one input sentence with a reference date and the expected results (text, start,
end inclusive, type, resolution). We parse the sentence with the project's spaCy pipeline, give the
reference date as the publication date, run `extract_times` and score:

- span precision / recall / F1: a gold result is found when a predicted span overlaps it (each
  gold and each prediction counted once);
- value accuracy: among found gold results, the share whose resolved value we got right at our
  precision (a gold with several readings, "Monday" past or next, accepts any of them).

Which gold results count. Only `date` and `daterange` results whose granularity is one we model
(day, month, year, decade, century, or a range of those). Left out of the denominator, and a
prediction overlapping one of them is neither a hit nor a false positive:
- time, timerange, datetime, datetimerange (time of day: claimgraph has no time precision),
  duration and set (a length or a recurrence, not a point in time), timezone;
- date/daterange whose timex is a week ("2016-W46", "this week"), a weekend, a season, a school or
  fiscal year, business days or PRESENT_REF ("to date"): no such precision in our records.
Cases with no gold at all still count: everything predicted there is a false positive.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

from ..extract.times import extract_times
from ..nlp import load_pipeline, parse_many
from ..records import Document, TimeExpression

SPEC_FILE = "DateTimeModel.json"
DEFAULT_SPEC_DIR = Path("/work/shared/corpora/recognizers-text-specs")

_INCLUDED_TYPES = {"date", "daterange"}
# Weeks ("2016-W46", "XXXX-WXX"), weekends, seasons, fiscal/school years, business days, halves,
# "to date"; a weekday ("XXXX-WXX-2") is a day and stays in.
_EXCLUDED_TIMEX = re.compile(r"W\d|WXX$|WE|SP|SU|FA|WI|FY|SY|PRESENT_REF|BD|H\d")
_ISO_PREFIX = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_LENGTH = {"day": 10, "month": 7, "year": 4}


def evaluate(spec_dir: Path = DEFAULT_SPEC_DIR, with_errors: bool = False) -> dict:
    """Scores of `extract_times` on the spec; `with_errors` adds every miss, wrong value and false
    positive (for looking at, not for tuning to: the point is text nobody here wrote)."""
    cases = json.loads((Path(spec_dir) / SPEC_FILE).read_text(encoding="utf-8-sig"))
    documents = [
        Document(id=f"case{index}", text=case.get("Input", ""), path=SPEC_FILE,
                 published=_reference_date(case))
        for index, case in enumerate(cases)
    ]
    tally = Counter()
    excluded = Counter()
    errors: list[dict] = []
    for case, parsed in zip(cases, parse_many(documents, load_pipeline(), batch_size=64)):
        predicted = extract_times(parsed)
        gold, ignored = _split_gold(case.get("Results", []), excluded)
        _score_case(case, predicted, gold, ignored, tally, errors)
    precision = _ratio(tally["tp"], tally["tp"] + tally["fp"])
    recall = _ratio(tally["found"], tally["gold"])
    f1 = _ratio(2 * precision * recall, precision + recall) if precision and recall else 0.0
    report = {
        "cases": len(cases),
        "gold_included": tally["gold"],
        "gold_excluded": dict(sorted(excluded.items())),
        "predicted": tally["tp"] + tally["fp"] + tally["ignored"],
        "true_positives": tally["tp"],
        "false_positives": tally["fp"],
        "predictions_on_excluded_gold": tally["ignored"],
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "value_accuracy": round(_ratio(tally["value_ok"], tally["found"]), 4),
        "values_unknown": tally["value_unknown"],
        "notes": (
            "Span P/R/F1 by overlap on Recognizers-Text English DateTimeModel gold of type date and "
            "daterange at day/month/year/decade/century granularity (or ranges of those), with the "
            "case's ReferenceDateTime as publication date. Excluded from the denominator (and "
            "predictions overlapping them ignored): time, timerange, datetime, datetimerange "
            "(time of day), duration, set, timezone, and date/daterange at week, weekend, season, "
            "fiscal/school-year, business-day or PRESENT_REF granularity. value_accuracy: share of "
            "found gold whose value (and range end) equals one of the gold readings at our precision. "
            "The date rules were revised after reading this spec's errors (general fixes only, no "
            "spec-specific phrases), so read these as development-set numbers."
        ),
    }
    if with_errors:
        report["errors"] = errors
    return report


def _reference_date(case: dict) -> str | None:
    reference = (case.get("Context") or {}).get("ReferenceDateTime")
    return reference[:10] if reference else None


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _split_gold(results: list[dict], excluded: Counter) -> tuple[list[dict], list[dict]]:
    gold, ignored = [], []
    for result in results:
        kind = (result.get("TypeName") or result.get("Typename") or "").rsplit(".", 1)[-1]
        values = (result.get("Resolution") or {}).get("values") or [{}]
        timex = values[0].get("timex", "")
        if kind not in _INCLUDED_TYPES:
            excluded[kind or "untyped"] += 1
            ignored.append(result)
        elif _EXCLUDED_TIMEX.search(timex):
            excluded[f"{kind}:{_timex_reason(timex)}"] += 1
            ignored.append(result)
        else:
            gold.append(result)
    return gold, ignored


def _timex_reason(timex: str) -> str:
    if "PRESENT_REF" in timex:
        return "present_ref"
    if "BD" in timex:
        return "business_days"
    if re.search(r"FY|SY", timex):
        return "fiscal_or_school_year"
    if re.search(r"SP|SU|FA|WI", timex) and not re.search(r"W\d|WXX", timex):
        return "season"
    if "WE" in timex:
        return "weekend"
    if re.search(r"H\d", timex):
        return "half_year"
    return "week"


def _span(result: dict) -> tuple[int, int]:
    return int(result["Start"]), int(result["End"]) + 1  # gold End is inclusive


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _score_case(case, predicted: list[TimeExpression], gold, ignored, tally: Counter, errors) -> None:
    tally["gold"] += len(gold)
    used_predictions: set[int] = set()
    for result in gold:
        span = _span(result)
        match = next((i for i, t in enumerate(predicted) if i not in used_predictions
                      and _overlaps(span, (t.evidence.start, t.evidence.end))), None)
        if match is None:
            errors.append({"kind": "missed", "input": case["Input"], "gold": result["Text"]})
            continue
        used_predictions.add(match)
        tally["found"] += 1
        ours = predicted[match]
        if ours.value is None:
            tally["value_unknown"] += 1
        if _value_matches(ours, result):
            tally["value_ok"] += 1
        else:
            errors.append({"kind": "value", "input": case["Input"], "gold": result["Text"],
                           "reference": (case.get("Context") or {}).get("ReferenceDateTime"),
                           "ours": [ours.evidence.text, ours.value, ours.end, ours.precision],
                           "gold_values": _readings(result)})
    for i, time in enumerate(predicted):
        span = (time.evidence.start, time.evidence.end)
        if i in used_predictions:
            tally["tp"] += 1
        elif any(_overlaps(span, _span(r)) for r in gold):
            tally["tp"] += 1  # a second prediction inside a found gold span: not a false alarm
        elif any(_overlaps(span, _span(r)) for r in ignored):
            tally["ignored"] += 1
        else:
            tally["fp"] += 1
            errors.append({"kind": "false_positive", "input": case["Input"], "ours": time.evidence.text})


def _readings(result: dict) -> list[tuple[str, str | None]]:
    """Every (start, end) reading of a gold result; end None for a single point."""
    readings = []
    for value in (result.get("Resolution") or {}).get("values") or []:
        timex = value.get("timex", "")
        resolved = value.get("value")
        if _ISO_PREFIX.match(timex):
            readings.append((timex, None))
        elif timex.startswith("("):
            start, end = value.get("start"), value.get("end")
            if start and end:
                readings.append((start, end))
        elif resolved and _ISO_PREFIX.match(resolved):
            readings.append((resolved, None))
        elif re.fullmatch(r"XXXX-\d{2}", timex):  # a month without a year
            day = value.get("start") or value.get("end")
            if day:
                readings.append((day[:4] + timex[4:], None))
        elif re.fullmatch(r"XXXX-\d{2}-\d{2}", timex):
            day = value.get("start") or value.get("end")
            if day:
                readings.append((day[:4] + timex[4:], None))
    return readings


def _as_range(time: TimeExpression) -> tuple[str, str] | None:
    """Decades and centuries as the year ranges Recognizers gives for them."""
    if time.precision == "decade" and time.value and time.value[:-1].isdigit():
        start = int(time.value[:-1])
        last = int(time.end[:-1]) if time.end and time.end[:-1].isdigit() else start
        return f"{start:04d}", f"{last + 10:04d}"
    if time.precision == "century" and time.value and time.value[:-1].isdigit():
        start = (int(time.value[:-1]) - 1) * 100
        last = int(time.end[:-1]) if time.end and time.end[:-1].isdigit() else start // 100 + 1
        return f"{start:04d}", f"{last * 100:04d}"
    return None


def _value_matches(time: TimeExpression, result: dict) -> bool:
    if time.value is None:
        return False
    readings = _readings(result)
    as_range = _as_range(time)
    for start, end in readings:
        if as_range is not None:
            if end and start[:4] == as_range[0] and end[:4] == as_range[1]:
                return True
            continue
        length = _LENGTH.get(time.precision)
        if length is None:
            continue
        if end is None:
            if time.end is None and start == time.value:
                return True
            continue
        if time.end is None or start[:length] != time.value:
            continue
        if time.end in {end[:length], _day_before(end)[:length]}:
            return True
    return False


def _day_before(iso: str) -> str:
    try:
        return (dt.date.fromisoformat(iso[:10]) - dt.timedelta(days=1)).isoformat()
    except ValueError:
        return iso


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    paths = [a for a in argv if not a.startswith("--")]
    report = evaluate(Path(paths[0]) if paths else DEFAULT_SPEC_DIR, with_errors="--errors" in argv)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
