"""What a stated figure allows: the interval of true values consistent with its wording.

"$240 billion" allows rounding of its last written digit (239.5–240.5 billion); "about $45 billion"
allows ±10%; "over $200 billion" any value above 200 billion; "nearly 4" from 3.6 up to 4.
"""

from __future__ import annotations

import math
import re

from ..records import Figure
from ..units import in_base_unit

ABOUT_TOLERANCE = 0.10  # "about", "roughly", "some": ±10%
NEARLY_TOLERANCE = 0.10  # "nearly", "almost": up to 10% below
_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def rounding(figure: Figure) -> float:
    """Half a unit of the last digit the writer gave, in the figure's units ("44.6" → 0.05)."""
    match = _NUMBER.search(figure.surface or "")
    if not match:
        return 0.5 * figure.scale if figure.scale else 0.5
    decimals = len(match.group(1) or "")
    return 0.5 * (10 ** -decimals) * (figure.scale or 1.0)


def interval(figure: Figure) -> tuple[float, float]:
    """The values the wording allows, in the base unit of the figure's dimension (metres for
    km and miles alike), so that one distance told in two units compares."""
    low, high = _interval(figure)
    return in_base_unit(low, figure.unit), in_base_unit(high, figure.unit)


def _interval(figure: Figure) -> tuple[float, float]:
    value = figure.value
    slack = rounding(figure)
    qualifier = figure.qualifier
    if qualifier == "about":
        spread = max(abs(value) * ABOUT_TOLERANCE, slack)
        return value - spread, value + spread
    if qualifier == "over":
        return value, math.inf
    if qualifier == "at_least":
        return value - slack, math.inf
    if qualifier == "under":
        return -math.inf, value
    if qualifier == "up_to":
        return -math.inf, value + slack
    if qualifier == "nearly":
        return value - max(abs(value) * NEARLY_TOLERANCE, slack), value + slack
    return value - slack, value + slack


def consistent(a: Figure, b: Figure) -> bool:
    a_lo, a_hi = interval(a)
    b_lo, b_hi = interval(b)
    return a_lo <= b_hi and b_lo <= a_hi


def describe(figure: Figure) -> str:
    qualifier = f"{figure.qualifier.replace('_', ' ')} " if figure.qualifier else ""
    return f"{qualifier}{format_value(figure.value, figure.unit)}"


def format_value(value: float, unit: str) -> str:
    if unit in {"percent", "percentage_point"}:
        return f"{value:g}{'%' if unit == 'percent' else ' pp'}"
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:g} {word} {unit}"
    return f"{value:,.6g} {unit}"
