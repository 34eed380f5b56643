"""The pay views for machines: JSON bodies and csv/markdown rows of salary, where and history (see machine.py for the
envelope). Figures after prices are added beside BLS's own, under their own names, never in place of them."""

from __future__ import annotations

from typing import Any

from ..models import WageEstimate
from ..prices import CostOfLiving, adjusted, level_of
from ..query import concentration
from ..salary import MIXED_NOTE, HistoryReport, SalaryReport, WhereReport
from .machine import NOT_GIVEN, WAGE_ROWS, Rows, plain, top_code, wage_record, wage_row

COST_NOTE = ("pay divided by the state's regional price parity (BEA, all items, U.S. = 100) of {year}, older than the "
             "wage survey: what the pay buys at U.S. average prices; BLS's own figures are unchanged")


def mixes(rows: tuple[WageEstimate, ...]) -> bool:
    """Whether national industry rows and place rows were asked for together."""
    return any(e.area_type == "N" for e in rows) and any(e.area_type != "N" for e in rows)


def _prices(col: CostOfLiving | None) -> dict[str, Any] | None:
    if col is None:
        return None
    return {"year": col.year, "source": col.source, "title": col.title, "basis": COST_NOTE.format(year=col.year)}


def _with_prices(record: dict[str, Any], e: WageEstimate, unit: str, col: CostOfLiving | None) -> dict[str, Any]:
    if col is None:
        return record
    hourly = unit == "hourly"
    record["rpp"] = level_of(e, col)
    for stat in ("mean", "median"):
        record[f"{unit}_{stat}_after_prices"] = adjusted(e, stat, hourly, col)
    return record


def salary_body(s: SalaryReport) -> dict[str, Any]:
    unit = "hourly" if s.hourly else "annual"
    col = s.cost_of_living

    def listed(e: WageEstimate) -> dict[str, Any]:
        record = _with_prices(wage_record(e), e, unit, col)
        if s.listing_kind == "industries":
            record["is_total"] = e.industry_code in s.totals
        return record

    o = s.overview
    return {
        "release": s.release.name,
        "source": s.release.source,
        "reference_period": s.release.name,
        "soc": s.release.soc,
        "occupation": s.release.occupation,
        "top_code": top_code(s.release),
        "unit": unit,
        "national": wage_record(s.national),
        "selected": [_with_prices(wage_record(e), e, unit, col) for e in s.selected],
        # The same rows apart, so that a script need not mix a national industry with a place.
        "industries": [_with_prices(wage_record(e), e, unit, col) for e in s.selected if e.area_type == "N"],
        "places": [_with_prices(wage_record(e), e, unit, col) for e in s.selected if e.area_type != "N"],
        "listing": s.listing_kind or None,
        "sort": s.sort or ("employment" if s.listing_kind else None),
        "rows": [listed(e) for e in s.listing],
        "listing_of": s.listing_of if s.listing_kind else None,
        "selected_of": s.selected_of,
        "overview": None if o is None else {
            "largest": [e.industry_code for e in o.largest], "best_paying": [e.industry_code for e in o.best_paying],
            "industry_level": o.group_level, "best_paying_min_jobs": o.min_jobs},
        "cost_of_living": _prices(col),
        "note": MIXED_NOTE if mixes(s.selected) else None,
        "checked_claims": plain(s.checked_claims),
    }


def _unknown_prices(row: dict[str, Any], unit: str) -> dict[str, Any]:
    """A csv row of a place without a price level (a territory): its figures after prices are not given, as csv says
    of any figure its source did not give."""
    if "rpp" in row and row["rpp"] is None:
        row.update(dict.fromkeys(["rpp", f"{unit}_mean_after_prices", f"{unit}_median_after_prices"], NOT_GIVEN))
    return row


def _price_columns(col: CostOfLiving | None, unit: str) -> list[str]:
    return [] if col is None else ["rpp", f"{unit}_mean_after_prices", f"{unit}_median_after_prices", "rpp_year"]


def salary_rows(s: SalaryReport) -> Rows:
    unit = "hourly" if s.hourly else "annual"
    col = s.cost_of_living
    extra = (["is_total"] if s.listing_kind == "industries" else []) + _price_columns(col, unit)
    rows = []
    for e in (s.national, *s.selected, *s.listing):
        row = _with_prices(wage_row(e, s.release), e, unit, col)
        if s.listing_kind == "industries":
            row["is_total"] = e.industry_code in s.totals if e is not s.national else True
        if col is not None:
            row["rpp_year"] = col.year
        rows.append(_unknown_prices(row, unit))
    return [*WAGE_ROWS, *extra], rows


def where_body(w: WhereReport) -> dict[str, Any]:
    unit = "hourly" if w.hourly else "annual"
    col = w.cost_of_living
    return {"release": w.release.name, "source": w.release.source, "reference_period": w.release.name, "soc": w.release.soc,
            "occupation": w.release.occupation, "top_code": top_code(w.release), "level": w.level,
            "min_jobs": w.min_jobs, "ranked_of": w.ranked_of, "areas_of": w.areas_of,
            "pays_most": [wage_record(e) for e in w.pays_most], "most_jobs": [wage_record(e) for e in w.most_jobs],
            "most_concentrated": [{**wage_record(e), "concentration": concentration(e.location_quotient)}
                                  for e in w.most_concentrated],
            "goes_furthest": [_with_prices(wage_record(e), e, unit, col) for e in w.goes_furthest],
            "cost_of_living": _prices(col)}


def where_rows(w: WhereReport) -> Rows:
    unit = "hourly" if w.hourly else "annual"
    groups = (("pays_most", w.pays_most), ("most_jobs", w.most_jobs), ("most_concentrated", w.most_concentrated),
              ("goes_furthest", w.goes_furthest))
    col = w.cost_of_living
    rows = [_unknown_prices({"view": name, **_with_prices(wage_row(e, w.release), e, unit, col), "min_jobs": w.min_jobs,
                             **({"rpp_year": col.year} if col is not None else {})}, unit) for name, rows in groups for e in rows]
    return ["view", *WAGE_ROWS, "min_jobs", *_price_columns(col, unit)], rows


def _history_records(r: HistoryReport) -> list[dict[str, Any]]:
    """Each point with its change beside its source flag, as the contract has it, then the figures after prices."""
    records = []
    for i, (point, change) in enumerate(zip(r.points, r.changes, strict=True)):
        fields = list(plain(point).items())
        at = [name for name, _ in fields].index("third_party") + 1
        record = dict([*fields[:at], ("change_pct", change), *fields[at:]])
        if r.cpi is not None:
            record[f"median_annual_{r.cpi.base_year}_dollars"] = r.real[i]
            record["real_change_pct"] = r.real_changes[i]
        records.append(record)
    return records


def history_body(r: HistoryReport) -> dict[str, Any]:
    body: dict[str, Any] = {
        "records": _history_records(r),
        "growth": {"from": r.first.reference, "to": r.last.reference, "percent": r.growth_pct,
                   "basis": "BLS national median annual wage, nominal dollars"}}
    if r.cpi is not None:
        body["real_growth"] = {"from": r.first.reference, "to": r.last.reference, "percent": r.real_growth_pct,
                               "base_year": r.cpi.base_year, "series": r.cpi.series, "source": r.cpi.source,
                               "basis": f"the same medians in {r.cpi.base_year} dollars: times the CPI-U annual average of "
                                        f"{r.cpi.base_year} over that of the point's year ({r.cpi.title})"}
    return body


def history_rows(r: HistoryReport) -> Rows:
    records = _history_records(r)
    for record in records:  # the change from the point before is the one figure a point can lack by its nature
        record.update({name: NOT_GIVEN for name in ("median_hourly", "annual_p10", "annual_p25", "annual_p75", "annual_p90")
                       if record[name] is None})
    real = [f"median_annual_{r.cpi.base_year}_dollars", "real_change_pct"] if r.cpi is not None else []
    return (["year", "reference", "median_annual", "median_hourly", "change_pct", "third_party", "annual_p10", "annual_p25",
             "annual_p75", "annual_p90", "note", "sources", *real], records)
