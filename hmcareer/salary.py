"""The pay views' queries: the salary explorer (national, industries, states, metros), where it pays most, and the
national median over time, with today's dollars and cost of living beside BLS's own figures (prices.py) and the
industry hierarchy (industries.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from . import industries as tree
from .catalog import MANAGERS_SOC, Catalog
from .errors import Conflict, InvalidChoice
from .models import CheckedClaim, Release, WageEstimate, WagePoint
from .prices import CostOfLiving, CpiBasis, adjusted, cost_of_living, cpi_basis, in_base_dollars, real_growth
from .query import (
    SORT_KEYS,
    area_rows,
    claims_about,
    find_industry,
    find_metro,
    find_state,
    national_rows,
    national_total,
    sort_estimates,
)
from .record import Record
from .vocabulary import normalize

HIERARCHY = "hierarchy"  # the industry listing's order when no --sort is given: BLS's tree
ADJUSTED = "adjusted"  # --sort adjusted: mean pay after state prices
MIN_JOBS = 500  # --where: the least employment of an area ranked by pay, concentration or pay after prices
MIXED_NOTE = ("BLS publishes industry detail only nationally: the industry rows are national, the place rows are all "
              "industries in that place")


class SalaryReport(Record):
    """National pay, the rows the user chose (industries, states, metros), and/or a listing."""

    release: Release  # the OEWS release the pay figures come from
    national: WageEstimate
    selected: tuple[WageEstimate, ...]
    listing: tuple[WageEstimate, ...]
    listing_kind: str  # industries | states | metros | "" (no listing)
    sort: str | None  # as the user asked; listings default to employment (industries: BLS's hierarchy)
    checked_claims: tuple[CheckedClaim, ...]
    hourly: bool = False
    percentiles: bool = False
    listing_of: int = 0  # how many rows the listing is drawn from (all 162 national industry rows, 54 states...)
    totals: tuple[str, ...] = ()  # industry codes of the rows that are totals of rows under them
    overview: tree.Overview | None = None  # plain `salary`: a short overview for people (the listing stays for machines)
    cost_of_living: CostOfLiving | None = None
    selected_of: int = 0  # how many rows were named before --top cut them (len(selected) when it did not)


def _listing(rows: Iterable[WageEstimate], sort: str, top: int | None, hourly: bool,
             col: CostOfLiving | None = None) -> tuple[WageEstimate, ...]:
    if sort == ADJUSTED:
        ranked = sorted(rows, key=lambda e: (adjusted(e, "mean", hourly, col) is None, -(adjusted(e, "mean", hourly, col) or 0)))
    else:
        ranked = sort_estimates(rows, sort, hourly)
    return tuple(ranked[:top] if top is not None else ranked)


def _sort_key(sort: str | None, prices: bool) -> str | None:
    sort = sort.strip().lower() if sort is not None else None
    if sort == ADJUSTED and not prices:
        raise Conflict("adjusted", sort)  # pay after prices exists with --cost-of-living only
    if sort is not None and sort != ADJUSTED and sort not in SORT_KEYS:
        raise InvalidChoice("sort key", sort, (*SORT_KEYS, ADJUSTED))  # adjusted: with --cost-of-living
    return sort


def salary_report(c: Catalog, industries: Sequence[str] = (), states: Sequence[str] = (), metros: Sequence[str] = (),
                  sort: str | None = None, top: int | None = None, hourly: bool = False,
                  percentiles: bool = False, soc: str = MANAGERS_SOC, prices: bool = False) -> SalaryReport:
    """One occupation's pay (11-9111 unless `soc` names another) by industry, state or metro. `all` lists every one of
    them; nothing at all gives an overview. `prices`: state pay after state price levels too."""
    sort = _sort_key(sort, prices)
    order = sort if sort is not None else "employment"
    list_industries = any(normalize(v) == "all" for v in industries)
    list_states = any(normalize(v) == "all" for v in states)
    list_metros = any(normalize(v) == "all" for v in metros)
    if list_industries + list_states + list_metros > 1:
        raise Conflict("listing", "all")
    selected = [find_industry(c, v, soc) for v in industries if normalize(v) != "all"]
    selected += [find_state(c, v, soc) for v in states if normalize(v) != "all"]
    selected += [find_metro(c, v, soc) for v in metros if normalize(v) != "all"]
    selected = list(dict.fromkeys(selected))
    named = len(selected)
    ranks_industries = not (list_states or list_metros) and (list_industries or all(e.area_type == "N" for e in selected))
    if order == "lq" and ranks_industries:  # BLS publishes a location quotient for places, not for an industry's nation
        raise InvalidChoice("industry sort key", "lq", tuple(k for k in SORT_KEYS if k != "lq"))
    places = area_rows(c, "S" if list_states else "M", soc) if list_states or list_metros else ()
    col = cost_of_living(c, [*selected, *places]) if prices else None
    if order == ADJUSTED and (list_metros or list_industries or not any(e.area_type == "S" for e in selected + list(places))):
        raise Conflict("cost-of-living", "no states")
    kind, listing, listing_of, totals, overview = "", (), 0, (), None
    if list_states or list_metros:
        kind, listing_of = "states" if list_states else "metros", len(places)
        listing = _listing(places, order, top, hourly, col)
    elif not selected or list_industries:
        kind = "industries"
        hierarchy = tree.tree_order(national_rows(c, soc))
        listing_of, totals = len(hierarchy), tree.totals(hierarchy)
        ranked = hierarchy if sort is None else sort_estimates(hierarchy, order, hourly)
        listing = tuple(ranked[:top] if top is not None else ranked)
        if not selected and not list_industries:
            overview = tree.overview(hierarchy, hourly)
    elif sort is not None or top:
        ordered = list(_listing(selected, order, None, hourly, col))
        selected = ordered[:top] if top else ordered
    # The 2012 text's claims are about the managers' pay.
    claims = tuple(x for e in selected if e.area_type == "N" and soc == MANAGERS_SOC
                   for x in claims_about(c, "industry", e.industry_code))
    if kind == "industries" and sort is None:
        sort = HIERARCHY
    return SalaryReport(c.wages_of(soc).release, national_total(c, soc), tuple(selected), listing, kind,
                        sort, claims, hourly, percentiles, listing_of, totals, overview, col, named)


class WhereReport(Record):
    release: Release  # the OEWS release the pay figures come from
    level: str  # states | metros
    pays_most: tuple[WageEstimate, ...]
    most_jobs: tuple[WageEstimate, ...]
    most_concentrated: tuple[WageEstimate, ...]
    hourly: bool = False
    min_jobs: int = MIN_JOBS  # pays_most, most_concentrated and goes_furthest rank areas with at least this many jobs
    goes_furthest: tuple[WageEstimate, ...] = ()  # states by mean pay after prices (with --cost-of-living)
    cost_of_living: CostOfLiving | None = None
    ranked_of: int = 0  # how many areas have at least min_jobs jobs (what pays_most and the like are the top of)
    areas_of: int = 0  # how many areas there are (what most_jobs is the top of)


def where_report(c: Catalog, level: str, top: int | None = None, hourly: bool = False, soc: str = MANAGERS_SOC,
                 min_jobs: int = MIN_JOBS, prices: bool = False) -> WhereReport:
    wanted = normalize(level)
    if wanted not in ("states", "state", "metros", "metro"):
        raise InvalidChoice("where", level, ("states", "metros"))
    rows = area_rows(c, "S" if wanted.startswith("state") else "M", soc)
    large = [e for e in rows if e.employment is not None and e.employment >= min_jobs]
    col = cost_of_living(c, rows) if prices else None
    n = top or 10
    return WhereReport(c.wages_of(soc).release, "states" if wanted.startswith("state") else "metros",
                       _listing(large, "mean", n, hourly), _listing(rows, "employment", n, hourly),
                       _listing(large, "lq", n, hourly), hourly, min_jobs,
                       _listing(large, ADJUSTED, n, hourly, col) if col is not None else (), col, len(large), len(rows))


class HistoryReport(Record):
    points: tuple[WagePoint, ...]  # by year, the OEWS release's national median included
    changes: tuple[float | None, ...]  # each point's change versus the previous BLS point (None for third-party points)
    first: WagePoint
    last: WagePoint
    growth_pct: float | None
    real: tuple[int | None, ...] = ()  # each point's median in dollars of cpi.base_year (CPI-U), to the dollar
    real_changes: tuple[float | None, ...] = ()  # each BLS point's change after prices versus the previous BLS point
    real_growth_pct: float | None = None  # first to last, after prices
    cpi: CpiBasis | None = None


def growth(old: float | None, new: float | None) -> float | None:
    if not old or new is None:
        return None
    return round((new - old) / old * 100, 1)


def history_report(c: Catalog, from_year: int | None = None, to_year: int | None = None,
                   third_party: bool = True, soc: str = MANAGERS_SOC) -> HistoryReport:
    """National median pay by reference year: sourced BLS points plus the OEWS release; 3P points labelled; each also in
    dollars of the latest CPI-U year. The history is the managers' (11-9111) only."""
    if soc != MANAGERS_SOC:
        raise Conflict("history", soc)
    national = national_total(c)
    rel = c.oews.release
    points = [*c.wage_history, WagePoint(int(rel.name.split()[-1]), rel.name, national.annual_median,
                                         national.hourly_median, (rel.source,), annual_p10=national.annual_p10,
                                         annual_p25=national.annual_p25, annual_p75=national.annual_p75,
                                         annual_p90=national.annual_p90)]
    points = [p for p in sorted(points, key=lambda p: (p.year, p.third_party)) if third_party or not p.third_party]
    changes, real_changes, previous = [], [], None
    for p in points:
        changes.append(None if p.third_party else growth(previous.median_annual if previous else None, p.median_annual))
        real_changes.append(None if p.third_party or previous is None else
                            real_growth(c, previous.median_annual, previous.year, p.median_annual, p.year))
        if not p.third_party:
            previous = p
    official = [p for p in points if not p.third_party]
    years = {p.year for p in official}
    for year in (from_year, to_year):
        if year is not None and year not in years:
            raise InvalidChoice("history year", str(year), tuple(map(str, sorted(years))))
    first = next(p for p in official if from_year is None or p.year == from_year)
    last = next(p for p in reversed(official) if to_year is None or p.year == to_year)
    return HistoryReport(tuple(points), tuple(changes), first, last, growth(first.median_annual, last.median_annual),
                         tuple(in_base_dollars(c, p.median_annual, p.year) for p in points), tuple(real_changes),
                         real_growth(c, first.median_annual, first.year, last.median_annual, last.year), cpi_basis(c))
