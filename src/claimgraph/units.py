"""Facts about the unit codes figures carry (records.Figure.unit), shared by the stages that read them."""

from __future__ import annotations

# Sizes that do not change with time (a border's length, an area), unlike flows and stocks
# (barrels a day, tonnes, money): a figure in one of these needs no period to be compared.
TIMELESS_UNITS = frozenset({"km2", "mi2", "m2", "nautical_mile", "mile", "km", "cm", "mm", "nm", "m", "ft", "in",
                            "acre", "hectare"})

# unit → (dimension, factor to that dimension's base unit: metres, square metres, kilograms).
# "200 km" and "125 miles" are one distance told in two units. A chip node ("7nm") is a name,
# not a length one converts, and a "ton" (short or metric?) is left to itself.
CONVERSIONS = {
    "km": ("length", 1000.0), "m": ("length", 1.0), "cm": ("length", 0.01), "mm": ("length", 0.001),
    "mile": ("length", 1609.344), "nautical_mile": ("length", 1852.0), "ft": ("length", 0.3048),
    "in": ("length", 0.0254),
    "km2": ("area", 1e6), "mi2": ("area", 2_589_988.110336), "m2": ("area", 1.0), "hectare": ("area", 1e4),
    "acre": ("area", 4046.8564224),
    "kg": ("mass", 1.0), "tonne": ("mass", 1000.0), "lb": ("mass", 0.45359237), "oz": ("mass", 0.028349523125),
}


def dimension(unit: str | None) -> str | None:
    """What a unit measures when it converts to others ("length" for km and miles), else itself."""
    return CONVERSIONS[unit][0] if unit in CONVERSIONS else unit


def in_base_unit(value: float, unit: str | None) -> float:
    """A value in its dimension's base unit (125 miles → 201,168 m); other units unchanged."""
    return value * CONVERSIONS[unit][1] if unit in CONVERSIONS else value
