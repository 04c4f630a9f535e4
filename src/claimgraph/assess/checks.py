"""Arithmetic checks within and across sources, each with the computation shown.

- growth: a stated change ("a 26.3% increase", "rose 40 percent") against two levels of the same
  metric one period apart (190 → 240 is +26.3%), or against its own "from X to Y";
- sum: two directional flows (imports/exports, purchases/sales) against the total they add up to
  (129 + 111 = 240);
- date_offset: a relative date ("20 days later") computed from its anchor, against another
  source's date for the same event;
- conversion: one length or mass given in two units in the same sentence.
Rounding of the written numbers is allowed for (values.py); anything beyond it is inconsistent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable

from ..align import FactGroup, dates_compatible, metric_signature
from ..records import (
    Check,
    DocumentAnalysis,
    Evidence,
    Figure,
    TimeExpression,
    stable_id,
)
from ..text import content_words
from ..units import CONVERSIONS
from .values import format_value, interval

GROWTH_SLACK_POINTS = 0.05  # a stated rate is itself rounded ("26.3%")
SUM_SIMILARITY = 0.5
NEIGHBOUR_SENTENCES = 3
FLOW_WORDS = {"export", "import", "sale", "purchas", "bought", "sold", "buy", "sell", "suppli"}
INFLOW_WORDS = {"import", "purchas", "buy", "bought"}
LEAD_CHARS = 30  # how far before a figure its verb is looked for


def arithmetic_checks(analyses: list[DocumentAnalysis], groups: list[FactGroup]) -> list[Check]:
    figures = [f for a in analyses for f in a.figures]
    checks = [
        *growth_checks(figures),
        *sum_checks(analyses),
        *date_offset_checks(analyses, groups),
        *conversion_checks(analyses),
    ]
    unique = {c.id: c for c in checks}
    return sorted(unique.values(), key=lambda c: (c.kind, c.evidence[0].doc_id, c.evidence[0].start, c.id))


def _check(kind: str, expression: str, result: str, ok: bool, evidence: Iterable[Evidence]) -> Check:
    evidence = tuple(sorted(set(evidence)))
    return Check(stable_id("chk", kind, expression, *(f"{e.doc_id}:{e.start}" for e in evidence)),
                 kind, expression, result, ok, evidence)


# Growth ------------------------------------------------------------------------------------


def _year(period: str | None) -> int | None:
    return int(period) if period and re.fullmatch(r"\d{4}", period) else None


def growth_checks(figures: list[Figure]) -> list[Check]:
    levels: dict[tuple[str, str, int], list[Figure]] = defaultdict(list)
    for figure in figures:
        year = _year(figure.period)
        if figure.kind == "level" and year and figure.unit not in {"percent", "percentage_point"}:
            levels[(metric_signature(figure.metric)[0], figure.unit, year)].append(figure)
    checks = []
    for change in figures:
        if change.kind != "change" or change.unit != "percent":
            continue
        if change.change_from is not None and change.change_to is not None:
            checks.append(_growth_from_to(change))
            continue
        year = _year(change.period)
        if year is None:
            continue
        head, words = metric_signature(change.metric)
        for unit in sorted({key[1] for key in levels if key[0] == head}):
            before = _closest(change, levels.get((head, unit, year - 1), []), words)
            after = _closest(change, levels.get((head, unit, year), []), words)
            if before and after:
                checks.append(_growth(change, before, after))
    return checks


def _closest(change: Figure, candidates: list[Figure], words: frozenset[str]) -> Figure | None:
    """The level most like the change: same document first, then the most similar metric."""
    scored = []
    for level in candidates:
        other = metric_signature(level.metric)[1]
        similarity = len(words & other) / len(words | other) if words | other else 0.0
        if similarity >= SUM_SIMILARITY:
            same_doc = level.evidence.doc_id == change.evidence.doc_id
            scored.append((not same_doc, -similarity, abs(level.evidence.start - change.evidence.start), level.id, level))
    return min(scored)[-1] if scored else None


def _growth(change: Figure, before: Figure, after: Figure) -> Check:
    lo_before, hi_before = interval(before)
    lo_after, hi_after = interval(after)
    rate = (after.value / before.value - 1) * 100
    low = (lo_after / hi_before - 1) * 100 if hi_before > 0 else rate
    high = (hi_after / lo_before - 1) * 100 if lo_before > 0 else rate
    ok = _within(change, low - GROWTH_SLACK_POINTS, high + GROWTH_SLACK_POINTS)
    expression = (f"({format_value(after.value, after.unit)} ({after.period}) / "
                  f"{format_value(before.value, before.unit)} ({before.period}) − 1) × 100 = {rate:.1f}%")
    result = f"stated {change.surface.strip()}: " + ("consistent" if ok else f"inconsistent (computed {rate:.1f}%)")
    return _check("growth", expression, result, ok, [change.evidence, before.evidence, after.evidence])


def _growth_from_to(change: Figure) -> Check:
    start, end = change.change_from, change.change_to
    rate = (end / start - 1) * 100 if start else float("inf")
    ok = start != 0 and _within(change, rate - max(0.5, abs(rate) * 0.01), rate + max(0.5, abs(rate) * 0.01))
    expression = f"({end:g} / {start:g} − 1) × 100 = {rate:.1f}%"
    result = f"stated {change.surface.strip()}: " + ("consistent" if ok else f"inconsistent (computed {rate:.1f}%)")
    return _check("growth", expression, result, ok, [change.evidence])


def _within(change: Figure, low: float, high: float) -> bool:
    stated_low, stated_high = interval(change)
    return stated_low <= high and low <= stated_high


# Sums --------------------------------------------------------------------------------------


def sum_checks(analyses: list[DocumentAnalysis]) -> list[Check]:
    """Within a document: an inflow and an outflow (imports and exports, bought and sold) and the
    nearest total (trade) within a few sentences that they should add up to."""
    checks = []
    for analysis in analyses:
        money = [f for f in analysis.figures if f.kind == "level" and len(f.unit) == 3 and f.unit.isupper()]
        direction = {f.id: _flow(f, analysis) for f in money}
        inflows = [f for f in money if direction[f.id] == "in"]
        outflows = [f for f in money if direction[f.id] == "out"]
        totals = [f for f in money if direction[f.id] is None and metric_signature(f.metric)[0] == "trade"]
        for inflow in inflows:
            outflow = _nearest(inflow, [f for f in outflows if f.unit == inflow.unit and f.period == inflow.period])
            if outflow is None:
                continue
            total = _nearest(inflow, [t for t in totals if t.unit == inflow.unit
                                      and inflow.period in (None, t.period)
                                      and t.value > max(inflow.value, outflow.value)])
            if total is not None:
                checks.append(_sum(total, (inflow, outflow)))
    return checks


def _flow(figure: Figure, analysis: DocumentAnalysis) -> str | None:
    """'in' for imports/purchases, 'out' for exports/sales, from the metric or the words just
    before the figure in its sentence ("China bought $129 billion …")."""
    sentence = analysis.sentences[figure.evidence.sentence] if figure.evidence.sentence < len(analysis.sentences) \
        else None
    start = max(sentence.start if sentence else 0, figure.evidence.start - LEAD_CHARS)
    words = set(metric_signature(figure.metric)[1]) | set(content_words(analysis.document.text[start:figure.evidence.start]))
    if words & INFLOW_WORDS:
        return "in"
    if words & (FLOW_WORDS - INFLOW_WORDS):
        return "out"
    return None


def _nearest(figure: Figure, candidates: list[Figure]) -> Figure | None:
    near = [(abs(c.evidence.sentence - figure.evidence.sentence), c.evidence.start, c.id, c) for c in candidates
            if abs(c.evidence.sentence - figure.evidence.sentence) <= NEIGHBOUR_SENTENCES]
    return min(near)[-1] if near else None


def _sum(total: Figure, parts: tuple[Figure, Figure]) -> Check:
    a, b = parts
    computed = a.value + b.value
    lo = interval(a)[0] + interval(b)[0]
    hi = interval(a)[1] + interval(b)[1]
    total_lo, total_hi = interval(total)
    ok = lo <= total_hi and total_lo <= hi
    expression = (f"{format_value(a.value, a.unit)} + {format_value(b.value, b.unit)} = "
                  f"{format_value(computed, total.unit)}")
    result = f"stated total {total.surface.strip()}: " + ("consistent" if ok else "inconsistent")
    return _check("sum", expression, result, ok, [a.evidence, b.evidence, total.evidence])


# Date offsets ------------------------------------------------------------------------------

_OFFSET = re.compile(r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"thirteen|fourteen|fifteen|twenty|thirty)\s+(day|week|month|year)s?\s+(later|after|earlier|before)",
                     re.I)
_SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                  "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                  "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30}


def date_offset_checks(analyses: list[DocumentAnalysis], groups: list[FactGroup]) -> list[Check]:
    """A relative date inside an event, against the dates other members of that event give."""
    relative = {(t.evidence.doc_id, t.evidence.sentence): t for a in analyses for t in a.times
                if t.relative and t.anchor and t.value and t.precision == "day"}
    checks = []
    for group in groups:
        if group.kind != "event":
            continue
        for event in group.members:
            time = relative.get((event.evidence.doc_id, event.evidence.sentence))
            if time is None or event.date != time.value:
                continue
            others = [e for e in group.members if e.evidence.doc_id != event.evidence.doc_id and e.date
                      and e.date_precision == "day"]
            if not others or not _OFFSET.search(time.evidence.text):
                continue  # only stated offsets ("20 days later") are arithmetic to check
            computed = _apply_offset(time)
            agree = [e for e in others if dates_compatible(e.date, computed)]
            ok = len(agree) == len(others)
            stated = ", ".join(sorted({e.date for e in others}))
            expression = f"{time.anchor} {time.evidence.text.strip()} = {computed}"
            result = f"other sources date it {stated}: " + ("consistent" if ok else "inconsistent")
            checks.append(_check("date_offset", expression, result, ok,
                                 [time.evidence, *(e.evidence for e in others)]))
    return checks


def _apply_offset(time: TimeExpression) -> str | None:
    match = _OFFSET.search(time.evidence.text)
    if not match or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", time.anchor or ""):
        return time.value
    amount = int(match.group(1)) if match.group(1).isdigit() else _SMALL_NUMBERS[match.group(1).lower()]
    sign = 1 if match.group(3).lower() in {"later", "after"} else -1
    anchor = dt.date.fromisoformat(time.anchor)
    unit = match.group(2).lower()
    if unit in {"day", "week"}:
        return (anchor + dt.timedelta(days=sign * amount * (7 if unit == "week" else 1))).isoformat()
    return time.value  # months and years: the extractor's own calendar arithmetic


# Conversions -------------------------------------------------------------------------------


def conversion_checks(analyses: list[DocumentAnalysis]) -> list[Check]:
    checks = []
    for analysis in analyses:
        by_sentence: dict[int, list[Figure]] = defaultdict(list)
        for figure in analysis.figures:
            if figure.unit in CONVERSIONS:
                by_sentence[figure.evidence.sentence].append(figure)
        for figures in by_sentence.values():
            for i, a in enumerate(figures):
                for b in figures[i + 1:]:
                    if a.unit != b.unit and CONVERSIONS[a.unit][0] == CONVERSIONS[b.unit][0]:
                        checks.append(_conversion(a, b))
    return checks


def _conversion(a: Figure, b: Figure) -> Check:
    factor = CONVERSIONS[a.unit][1] / CONVERSIONS[b.unit][1]
    computed = a.value * factor
    lo, hi = interval(a)  # both in the dimension's base unit
    b_lo, b_hi = interval(b)
    ok = lo <= b_hi * 1.005 and b_lo * 0.995 <= hi
    expression = f"{a.value:g} {a.unit} × {factor:.6g} = {computed:,.1f} {b.unit}"
    result = f"stated {b.surface.strip()}: " + ("consistent" if ok else "inconsistent")
    return _check("conversion", expression, result, ok, [a.evidence, b.evidence])
