"""The salary explorer: states, metros, listings, the where view and history, checked against the CSV."""

from __future__ import annotations

import csv
import json
import re

import pytest
from conftest import REPO

from hmcareer import query, salary
from hmcareer.errors import Ambiguous, NotFound, UsageError

CSV = REPO / "raw" / "oews_may2025_11-9111.csv"


def csv_row(area_name: str, industry_code: str = "000000") -> dict:
    with CSV.open(newline="", encoding="utf-8") as handle:
        return next(r for r in csv.DictReader(handle) if r["area_name"] == area_name and r["industry_code"] == industry_code)


@pytest.mark.parametrize("value", ["NY", "ny", "New York", "new york", "36"])
def test_state_lookup_forms(catalog, value):
    assert query.find_state(catalog, value).area_name == "New York"


@pytest.mark.parametrize("value, name", [("DC", "District of Columbia"), ("PR", "Puerto Rico"), ("tex", "Texas"),
                                         ("VI", "Virgin Islands"), ("GU", "Guam")])
def test_state_codes_and_territories(catalog, value, name):
    assert query.find_state(catalog, value).area_name == name


def test_unknown_and_ambiguous_states(catalog):
    with pytest.raises(NotFound) as info:
        query.find_state(catalog, "Nw York")
    assert any("New York" in s for s in info.value.choices)
    with pytest.raises(Ambiguous) as info:
        query.find_state(catalog, "new")
    assert {"NH New Hampshire", "NJ New Jersey", "NM New Mexico", "NY New York"} <= set(info.value.choices)


@pytest.mark.parametrize("fragment, name", [("boston", "Boston-Cambridge-Newton, MA-NH"),
                                            ("honolulu", "Urban Honolulu, HI"), ("0014460", "Boston-Cambridge-Newton, MA-NH")])
def test_metro_by_fragment_or_code(catalog, fragment, name):
    assert query.find_metro(catalog, fragment).area_name == name


def test_ambiguous_metro_lists_candidates(catalog):
    with pytest.raises(Ambiguous) as info:
        query.find_metro(catalog, "springfield")
    assert len(info.value.choices) >= 3 and all("Springfield" in c for c in info.value.choices)


@pytest.mark.parametrize("area", ["New York", "Texas", "Urban Honolulu, HI", "Boston-Cambridge-Newton, MA-NH",
                                  "Abilene, TX", "District of Columbia"])
def test_area_figures_match_the_csv_to_the_dollar(catalog, area):
    row = csv_row(area)
    area_type = row["area_type"]
    est = next(e for e in catalog.oews.estimates if e.area_name == area and e.area_type == area_type)
    for column in ("employment", "annual_mean", "annual_median", "annual_p10", "annual_p90"):
        expected = int(row[column])
        assert getattr(est, column) == expected, (area, column)
    assert est.location_quotient == float(row["location_quotient"])


def test_state_all_sorted_by_lq(catalog):
    report = salary.salary_report(catalog, states=["all"], sort="lq", top=10)
    assert report.listing_kind == "states" and len(report.listing) == 10
    lqs = [e.location_quotient for e in report.listing]
    assert lqs == sorted(lqs, reverse=True)
    assert report.listing[0].area_name == "Rhode Island" and lqs[0] == 1.75


def test_every_state_and_metro_listed(catalog):
    assert len(salary.salary_report(catalog, states=["all"]).listing) == 54
    assert len(salary.salary_report(catalog, metros=["all"]).listing) == 526
    with pytest.raises(UsageError):
        salary.salary_report(catalog, states=["all"], metros=["all"])


def test_not_published_employment_sorts_last(catalog):
    listing = salary.salary_report(catalog, metros=["all"], sort="employment").listing
    assert listing[-1].employment is None and "employment" in listing[-1].not_published


def test_concentration_words():
    assert query.concentration(1.75) == "above average"
    assert query.concentration(1.0) == "about average"
    assert query.concentration(0.5) == "below average"
    assert query.concentration(None) is None
    # The edges belong to "about average", as the legend says ("0.8 to 1.2 (both included)").
    assert [query.concentration(lq) for lq in (1.2, 1.21, 0.8, 0.79)] == ["about average", "above average", "about average",
                                                                           "below average"]
    assert "0.8 to 1.2 (both included) = about average" in query.LQ_BANDS


def test_where_report(catalog):
    where = salary.where_report(catalog, "states", top=3)
    assert [e.area_name for e in where.pays_most] == ["New York", "New Jersey", "Oregon"]
    assert where.most_jobs[0].area_name == "California"
    assert where.most_concentrated[0].area_name == "Rhode Island"
    with pytest.raises(UsageError):
        salary.where_report(catalog, "counties")


def test_history_points_and_growth(catalog):
    report = salary.history_report(catalog)
    official = [p for p in report.points if not p.third_party]
    assert [(p.reference, p.median_annual) for p in official][:2] == [("May 2010", 84270), ("May 2015", 94500)]
    assert official[-1].reference == "May 2025" and official[-1].median_annual == 123860
    assert report.growth_pct == 47.0  # (123,860 - 84,270) / 84,270
    assert all(change is None for p, change in zip(report.points, report.changes, strict=True) if p.third_party)
    narrow = salary.history_report(catalog, 2019, 2023)
    assert narrow.growth_pct == 9.6  # 100,980 -> 110,680
    with pytest.raises(UsageError):
        salary.history_report(catalog, 2011)


# --- through the CLI --------------------------------------------------------------------


def test_done_when_commands(hm):
    r = hm("salary", "--industry", "pharma", "--industry", "hospitals")
    assert r.code == 0 and "$251,570" in r.out and "$154,470" in r.out
    r = hm("salary", "--state", "NY", "--state", "TX", "--percentiles")
    assert r.code == 0 and "$340,990" in r.out and "$65,520" in r.out
    r = hm("salary", "--metro", "honolulu")
    assert r.code == 0 and "$160,430" in r.out and "1.25" in r.out
    r = hm("salary", "--state", "all", "--sort", "lq", "--top", "10")
    assert r.code == 0 and "Rhode Island" in r.out and "1.75" in r.out
    r = hm("salary", "--history")
    assert r.code == 0 and "$84,270" in r.out and "+47.0%" in r.out and "2024*" in r.out and "careerlaunchkit-11-9111 +" in r.out


def test_lines_fit_80_columns(hm):
    for args in (["salary", "--state", "NY", "--state", "TX", "--percentiles"], ["salary", "--metro", "boston"],
                 ["salary", "--history"], ["salary", "--where", "states"]):
        out = hm(*args, env={"COLUMNS": "80"}).out
        assert max(len(line) for line in out.splitlines()) <= 80, args
        assert not re.search(r"[\d$,.%]…", out), args  # no figure is ever cut


def test_ambiguous_metro_on_cli(hm):
    r = hm("salary", "--metro", "springfield")
    assert r.code == 2 and r.out == "" and "Springfield, MA" in r.err


def test_state_json_and_csv(hm):
    doc = json.loads(hm("salary", "--state", "all", "--sort", "lq", "--top", "3", "-f", "json").out)
    assert doc["listing"] == "states" and doc["sort"] == "lq" and doc["reference_period"] == "May 2025"
    assert [r["area_name"] for r in doc["rows"]] == ["Rhode Island", "Maryland", "Alaska"]
    assert doc["rows"][0]["location_quotient"] == 1.75
    lines = hm("salary", "--metro", "boston", "-f", "csv").out.splitlines()
    assert lines[0].startswith("area_type,area_code,area_name")
    assert lines[2].startswith("M,0014460,") and ",166290," in lines[2]


def test_history_json(hm):
    doc = json.loads(hm("salary", "--history", "-f", "json").out)
    assert doc["kind"] == "history" and doc["growth"]["percent"] == 47.0
    third = [p for p in doc["records"] if p["third_party"]]
    assert third and all(s in {x["id"] for x in doc["sources"]} for p in third for s in p["sources"])


def test_where_json(hm):
    doc = json.loads(hm("salary", "--where", "metros", "--top", "2", "-f", "json").out)
    assert doc["level"] == "metros" and len(doc["pays_most"]) == 2
    assert doc["most_concentrated"][0]["concentration"] == "above average"


def test_sort_key_is_case_insensitive(catalog):
    upper = salary.salary_report(catalog, sort="MEAN", top=2).listing
    assert upper == salary.salary_report(catalog, sort="mean", top=2).listing
