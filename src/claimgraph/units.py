"""Facts about the unit codes figures carry (records.Figure.unit), shared by the stages that read them."""

from __future__ import annotations

# Sizes that do not change with time (a border's length, an area), unlike flows and stocks
# (barrels a day, tonnes, money): a figure in one of these needs no period to be compared.
TIMELESS_UNITS = frozenset({"km2", "mi2", "m2", "nautical_mile", "mile", "km", "cm", "mm", "nm", "m", "ft", "in",
                            "acre", "hectare"})
