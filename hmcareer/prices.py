"""Pay restated with price levels, beside BLS's own figures and never instead of them.

Over time: a past figure in the dollars of the latest CPI-U year (amount x CPI[base] / CPI[year], CPI-U annual
averages). Across states: a state's pay divided by its regional price parity (BEA RPP, all items, U.S. = 100), the
latest year BEA gives, which is older than the wage survey: views say so.
"""

from __future__ import annotations

from collections.abc import Iterable

from .catalog import Catalog
from .errors import Conflict
from .models import WageEstimate
from .record import Record


class CpiBasis(Record):
    """What a figure in "today's dollars" is based on."""

    base_year: int  # the latest CPI-U year: figures are restated in its dollars
    base_index: float
    series: str
    title: str
    source: str


class CostOfLiving(Record):
    """State price levels for the states a view shows (state code -> RPP), and what they are."""

    year: int  # BEA's latest year, older than the wage survey
    levels: dict[str, float]  # state FIPS -> RPP all items (U.S. = 100); a state BEA gives none for is absent
    title: str
    source: str


def cpi_basis(c: Catalog) -> CpiBasis:
    p = c.prices
    base = max(p.cpi)
    return CpiBasis(base, p.cpi[base], p.cpi_series, p.cpi_title, p.cpi_source)


def whole(value: float) -> int:
    """To the nearest dollar, halves up (pay is positive)."""
    return int(value + 0.5)


def in_base_dollars(c: Catalog, amount: float | None, year: int) -> int | None:
    """An annual amount of `year` in dollars of the latest CPI-U year; None if unknown or the year has no CPI-U."""
    cpi = c.prices.cpi
    if amount is None or year not in cpi:
        return None
    return whole(amount * cpi[max(cpi)] / cpi[year])


def real_growth(c: Catalog, old: float | None, old_year: int, new: float | None, new_year: int) -> float | None:
    """Percent change after prices (CPI-U), to one decimal; from unrounded restated amounts."""
    cpi = c.prices.cpi
    if not old or new is None or old_year not in cpi or new_year not in cpi:
        return None
    return round(((new / cpi[new_year]) / (old / cpi[old_year]) - 1) * 100, 1)


def cost_of_living(c: Catalog, rows: Iterable[WageEstimate]) -> CostOfLiving:
    """The latest RPP of every state among `rows`; a refusal for any metro row (BEA's metro parities are not here)."""
    rows = list(rows)
    if any(e.area_type == "M" for e in rows):
        raise Conflict("cost-of-living", "metros")
    if not any(e.area_type == "S" for e in rows):
        raise Conflict("cost-of-living", "no states")
    p = c.prices
    year = max(y for levels in p.rpp.values() for y in levels)
    levels = {e.state_code: p.rpp[e.state_code][year] for e in rows
              if e.area_type == "S" and year in p.rpp.get(e.state_code, {})}
    return CostOfLiving(year, levels, p.rpp_title, p.rpp_source)


def after_prices(amount: float | None, rpp: float | None, hourly: bool = False) -> float | int | None:
    """Pay divided by the price level (U.S. = 100): what it buys at U.S. average prices. Annual to the dollar, hourly to
    the cent; None when either is unknown."""
    if amount is None or rpp is None:
        return None
    value = amount * 100 / rpp
    return round(value, 2) if hourly else whole(value)


US_LEVEL = 100.0  # the nation's price level: RPPs are relative to it


def level_of(e: WageEstimate, col: CostOfLiving) -> float | None:
    """A row's price level: its state's RPP, the nation's 100; None for a territory BEA gives none for, or a metro."""
    if e.area_type == "N":
        return US_LEVEL
    return col.levels.get(e.state_code) if e.area_type == "S" else None


def adjusted(e: WageEstimate, stat: str, hourly: bool, col: CostOfLiving | None) -> float | int | None:
    """A row's `stat` after prices; None without a price level (territories, metros) or without --cost-of-living."""
    if col is None:
        return None
    return after_prices(e.wage(stat, hourly), level_of(e, col), hourly)
