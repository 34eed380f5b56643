"""Pay in context: today's dollars (CPI-U), pay after state prices (BEA RPP), the industry tree, the overview, and
tables that never mix a national industry with a place. Figures are checked against the raw files themselves."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import REPO

from hmcareer import industries, salary
from hmcareer.prices import after_prices, in_base_dollars, real_growth

RAW = REPO / "raw"


def _cpi() -> dict[int, float]:
    with (RAW / "cpi_u_annual_2000_2025.csv").open(newline="") as handle:
        return {int(r["year"]): float(r["cpi_u_all_items_CUUR0000SA0_annual_avg"]) for r in csv.DictReader(handle)}


def _rpp_2023() -> dict[str, float]:
    with (RAW / "bea_sarpp_state_2008_2023.csv").open(newline="") as handle:
        rows = [r for r in csv.reader(handle) if len(r) > 8 and r[4].strip() == "5"]
    return {r[1].strip(): float(r[-1]) for r in rows}


# --- today's dollars -------------------------------------------------------------------------------------------


def test_history_restates_each_median_in_2025_dollars_from_the_cpi_file(catalog):
    cpi = _cpi()
    report = salary.history_report(catalog)
    assert report.cpi.base_year == 2025 and report.cpi.base_index == cpi[2025] == 321.943
    by_reference = {(p.reference, p.third_party): r for p, r in zip(report.points, report.real, strict=True)}
    assert by_reference[("May 2010", False)] == 124418 == int(84270 * cpi[2025] / cpi[2010] + 0.5)
    assert by_reference[("May 2025", False)] == 123860  # the base year's own dollars
    assert by_reference[("2002", True)] == 109826  # third-party points are restated too, and still marked
    assert (report.growth_pct, report.real_growth_pct) == (47.0, -0.4)
    assert report.real_growth_pct == round((123860 / cpi[2025]) / (84270 / cpi[2010]) * 100 - 100, 1)
    changes = dict(zip((p.reference for p in report.points if not p.third_party),
                       (c for p, c in zip(report.points, report.real_changes, strict=True) if not p.third_party),
                       strict=True))
    assert changes == {"May 2010": None, "May 2015": 3.2, "May 2016": 0.9, "May 2019": -1.8, "May 2020": 2.0,
                       "May 2022": -11.1, "May 2023": 1.4, "May 2025": 5.9}


def test_price_helpers_round_to_the_dollar_and_refuse_unknowns(catalog):
    assert in_base_dollars(catalog, None, 2010) is None and in_base_dollars(catalog, 1000, 1999) is None
    assert real_growth(catalog, 100, 1999, 200, 2025) is None
    assert after_prices(109680, 87.292) == 125647 and after_prices(52.73, 87.292, hourly=True) == 60.41
    assert after_prices(None, 90.0) is None and after_prices(1000, None) is None


def test_history_json_and_csv_carry_the_real_figures_and_cite_the_cpi(hm):
    doc = json.loads(hm("salary", "--history", "-f", "json").out)
    may2010 = next(r for r in doc["records"] if r["reference"] == "May 2010")
    assert (may2010["median_annual"], may2010["median_annual_2025_dollars"], may2010["real_change_pct"]) == (84270, 124418, None)
    assert doc["growth"]["percent"] == 47.0  # the contract's nominal growth, unchanged
    assert {k: doc["real_growth"][k] for k in ("from", "to", "percent", "base_year", "series", "source")} == {
        "from": "May 2010", "to": "May 2025", "percent": -0.4, "base_year": 2025, "series": "CUUR0000SA0",
        "source": "bls-cpi-u"}
    assert "bls-cpi-u" in {s["id"] for s in doc["sources"]}
    may2025 = doc["records"][-1]
    assert [may2025[k] for k in ("annual_p10", "annual_p25", "annual_p75", "annual_p90")] == [73390, 94700, 166100, 224340]
    header = hm("salary", "--history", "-f", "csv").out.splitlines()[0]
    assert header.endswith(",sources,median_annual_2025_dollars,real_change_pct")


def test_history_is_one_table_at_80_columns_with_the_may_2025_percentiles(hm):
    out = hm("salary", "--history", env={"COLUMNS": "80"}).out
    lines = out.splitlines()
    assert lines[1].split() == ["period", "median", "in", "2025", "$", "change", "real", "source"]
    assert "May 2010     $84,270    $124,418                     bls-ooh-2010" in lines
    assert "May 2025    $123,860    $123,860   +11.9%    +5.9%   bls-oews-may2025" in lines
    assert not any(line.startswith("  median:") for line in lines)  # no block per row
    flat = " ".join(out.split())
    assert "+47.0% in nominal dollars; after inflation (in 2025 dollars, CPI-U: $124,418 to $123,860): -0.4%." in flat
    assert "May 2025: spread: p10 $73,390, p25 $94,700, p75 $166,100, p90 $224,340 [bls-oews-may2025]" in flat
    assert "in 2025 $ = the median times the CPI-U annual average of 2025 (321.943)" in flat


def test_the_2012_pay_claims_give_their_figures_in_2025_dollars(catalog, hm):
    assert in_base_dollars(catalog, 156050, 2012) == 218818 and round(72.05 * 321.943 / 229.594, 2) == 101.03
    assert in_base_dollars(catalog, 77560, 2012) == 108757 and round(37.29 * 321.943 / 229.594, 2) == 52.29
    flat = " ".join(hm("claims", env={"COLUMNS": "200"}).out.split())
    assert "the pair is $101.03 an hour and $218,818 a year in 2025 dollars" in flat
    assert "the pair is $52.29 an hour and $108,757 a year in 2025 dollars" in flat


# --- cost of living ----------------------------------------------------------------------------------------------


def test_state_pay_after_prices_from_the_rpp_file(catalog):
    rpp = _rpp_2023()
    report = salary.salary_report(catalog, states=["MS", "NY", "PR"], prices=True)
    col = report.cost_of_living
    assert col.year == 2023 and col.source == "bea-sarpp-2023"
    assert col.levels == {"28": rpp["Mississippi"], "36": rpp["New York"]} == {"28": 87.292, "36": 107.626}
    doc_rows = {e.area_name: e for e in report.selected}
    from hmcareer.prices import adjusted

    assert adjusted(doc_rows["Mississippi"], "mean", False, col) == 125647 == int(109680 * 100 / 87.292 + 0.5)
    assert adjusted(doc_rows["Mississippi"], "median", False, col) == 112450
    assert adjusted(doc_rows["New York"], "median", False, col) == 152491
    assert adjusted(doc_rows["Puerto Rico"], "mean", False, col) is None  # BEA gives no price level for territories


def test_sort_adjusted_ranks_states_by_mean_pay_after_prices(catalog, hm):
    report = salary.salary_report(catalog, states=["all"], sort="adjusted", top=3, prices=True)
    assert [e.area_name for e in report.listing] == ["New York", "Delaware", "New Jersey"]
    everyone = salary.salary_report(catalog, states=["all"], sort="adjusted", prices=True).listing
    assert [e.area_name for e in everyone[-3:]] == ["Guam", "Puerto Rico", "Virgin Islands"]  # no price level: last
    doc = json.loads(hm("salary", "--state", "all", "--cost-of-living", "--sort", "adjusted", "--top", "1", "-f", "json").out)
    ny = doc["rows"][0]
    assert (ny["area_name"], ny["annual_mean"], ny["rpp"], ny["annual_mean_after_prices"], ny["annual_median_after_prices"]) == (
        "New York", 184960, 107.626, 171854, 152491)
    assert doc["sort"] == "adjusted" and doc["cost_of_living"]["year"] == 2023
    assert "bea-sarpp-2023" in {s["id"] for s in doc["sources"]}
    out = hm("salary", "--state", "all", "--cost-of-living", "--sort", "adjusted", "--top", "3", env={"COLUMNS": "80"}).out
    assert "New York          33,200   $184,960   $164,120   107.6    $171,854      $152,491" in out.splitlines()
    flat = " ".join(out.split())
    assert "U.S. = 100, 2023; older than the May 2025 wages; a copy of BEA's file" in flat


def test_where_states_says_where_pay_goes_furthest(hm):
    out = hm("salary", "--where", "states", "--cost-of-living", "--top", "2", env={"COLUMNS": "80"}).out
    flat = " ".join(out.split())
    assert "Where pay goes furthest: 2 of 52 (mean pay after state prices; states with at least 500 jobs" in flat
    assert "New York 33,200 $184,960 $164,120 107.6 $171,854 $152,491 Delaware" in flat
    doc = json.loads(hm("salary", "--where", "states", "--cost-of-living", "--top", "2", "-f", "json").out)
    assert [(r["area_name"], r["annual_mean_after_prices"]) for r in doc["goes_furthest"]] == [
        ("New York", 171854), ("Delaware", 167461)]
    plain = json.loads(hm("salary", "--where", "states", "-f", "json").out)
    assert plain["goes_furthest"] == [] and plain["cost_of_living"] is None


@pytest.mark.parametrize(("args", "message"), [
    (["--metro", "boston", "--cost-of-living"], "--cost-of-living is for states: BEA's regional price parities bundled here "
                                               "are by state only, with no metro figures"),
    (["--where", "metros", "--cost-of-living"], "--cost-of-living is for states"),
    (["--cost-of-living"], "--cost-of-living needs states: add --state NY, --state all"),
    (["--state", "all", "--sort", "adjusted"], "--sort adjusted orders by pay after state prices: add --cost-of-living"),
    (["--history", "--cost-of-living"], "--history is a view of its own; it does not combine with --cost-of-living"),
    (["--state", "NY", "--min-jobs", "5"], "--min-jobs goes with --where"),
])
def test_cost_of_living_and_min_jobs_refuse_what_they_cannot_do(hm, args, message):
    r = hm("salary", *args)
    assert r.code == 2 and r.out == "" and message in r.err and len(r.err.splitlines()) == 1


# --- the industry tree and the overview ------------------------------------------------------------------------


def test_every_national_industry_row_is_in_the_tree_once(catalog):
    national = [e for e in catalog.oews.rows.select("N")]
    assert len(national) == 163
    tree = industries.tree_order(national)
    assert len(tree) == 162 and {e.industry_code for e in tree} == {e.industry_code for e in national} - {"000000"}
    assert [e.industry_code for e in tree[-5:]] == ["000001", "999001", "999101", "999201", "999301"]
    codes = [e.industry_code for e in tree]
    assert codes.index("622000") + 1 == codes.index("622002")  # a total comes right before its parts
    totals = industries.totals(tree)
    assert len(totals) == 70 and "622000" in totals and "622100" in totals and "622105" not in totals
    assert "000001" in totals and "999101" not in totals
    assert [industries.depth(e) for e in tree[:4]] == [1, 2, 3, 2]  # sector, 325000, 325400, 334000


def test_every_industry_row_is_reachable_by_its_code(catalog):
    codes = [e.industry_code for e in industries.tree_order(catalog.oews.rows.select("N"))]
    assert [salary.salary_report(catalog, industries=[code]).selected[0].industry_code for code in codes] == codes


def test_industry_all_lists_and_counts_all_162_rows_indented(hm):
    out = hm("salary", "--industry", "all", env={"COLUMNS": "80"}).out
    flat = " ".join(out.split())
    assert "Industries in BLS's hierarchy (all 162 national industry rows;" in flat
    rows = [line for line in out.splitlines() if line[:6].strip() and line[6:9] == "   " and line[:1] not in "─ "]
    assert len(rows) == 163 + 1  # every industry row, the all-industries row, and the header line
    lines = out.splitlines()
    assert any(line.startswith("325000       Chemical ") for line in lines)
    assert any(line.startswith("325400         Pharmaceutical ") for line in lines)
    assert any(line.startswith("622105           General Medical ") for line in lines)
    assert "(total) = the rows indented under it are part of it" in flat and "Manufacturing (total)" in flat
    doc = json.loads(hm("salary", "--industry", "all", "-f", "json").out)
    assert (len(doc["rows"]), doc["listing_of"], doc["sort"]) == (162, 162, "hierarchy")
    assert sum(r["is_total"] for r in doc["rows"]) == 70
    top = json.loads(hm("salary", "--industry", "all", "--top", "5", "-f", "json").out)
    assert (len(top["rows"]), top["listing_of"]) == (5, 162)


def test_plain_salary_is_a_one_screen_overview(hm):
    out = hm("salary", env={"COLUMNS": "80"}).out
    assert len(out.splitlines()) <= 24
    lines = out.splitlines()
    assert "Ambulatory Health Care Services           217,430   $128,810   $103,640" in lines
    assert "Chemical Manufacturing                       1,680   $251,350   $221,020" in lines
    flat = " ".join(out.split())
    assert "The best-paying groups with 1,000+ jobs (by mean pay)" in flat
    assert "More: --industry all (all 162 industry rows)" in flat
    doc = json.loads(hm("salary", "-f", "json").out)
    assert doc["overview"] == {"largest": ["621000", "622000", "623000"], "best_paying": ["325000", "424000", "524000"],
                               "industry_level": 3, "best_paying_min_jobs": 1000}
    assert len(doc["rows"]) == 162  # machines get every row


def test_sort_p90_shows_the_p90_column(hm):
    out = hm("salary", "--industry", "all", "--sort", "p90", "--top", "2", env={"COLUMNS": "100"}).out
    header = next(line for line in out.splitlines() if line.startswith("code"))
    assert "p90" in header.split()
    assert "$502,570" in out


# --- no silent mixing --------------------------------------------------------------------------------------------


def test_industries_and_places_come_as_two_labelled_tables(hm):
    out = hm("salary", "--industry", "physicians", "--metro", "boston", env={"COLUMNS": "80"}).out
    assert "BLS publishes industry detail only nationally: the industry rows are national," in out
    industries_part, places_part = out.split("Places, all industries")
    industries_part = industries_part.split("Industries, national")[1]
    assert "621100   Offices of Physicians" in industries_part and "Boston" not in industries_part
    assert "Boston-Cambridge-Newton, MA-NH    12,990   $166,290   $136,760     4.81   1.25" in places_part
    assert "Offices of Physicians" not in places_part
    doc = json.loads(hm("salary", "--industry", "physicians", "--metro", "boston", "-f", "json").out)
    assert doc["note"].startswith("BLS publishes industry detail only nationally")
    assert [r["area_type"] for r in doc["selected"]] == ["N", "M"]
    assert json.loads(hm("salary", "--metro", "boston", "-f", "json").out)["note"] is None


# --- readable at 80 columns ------------------------------------------------------------------------------------


def test_percentiles_keep_mean_and_lq_and_add_a_spread_table(hm):
    out = hm("salary", "--state", "NY", "--state", "TX", "--percentiles", env={"COLUMNS": "80"}).out
    lines = out.splitlines()
    assert "NY       New York                   33,200   $184,960   $164,120     3.43   0.89" in lines
    assert "New York                     $95,660   $123,170   $164,120   $215,770   $340,990" in lines
    assert "LQ (location quotient)" in out


def test_box_line_has_a_legend(hm):
    assert "Box line: ── p10 to p90, ██ p25 to p75 (the middle half), ┃ median." in hm("salary", "--metro", "boston").out


def test_where_ranks_pay_among_areas_with_enough_jobs_and_says_so(hm):
    out = hm("salary", "--where", "metros", "--top", "3", env={"COLUMNS": "200"}).out
    assert "Where it pays most: 3 of 215 (mean pay; metros with at least 500 jobs, --min-jobs N to change)" in out
    assert "Corvallis" not in out.split("Where the jobs are")[0]  # 120 jobs
    assert "OEWS counts wage and salary jobs only (no self-employed)." in out
    assert "per 1k" in out
    doc = json.loads(hm("salary", "--where", "metros", "--top", "1", "--min-jobs", "0", "-f", "json").out)
    assert doc["min_jobs"] == 0 and doc["pays_most"][0]["area_name"] == "Corvallis, OR"
    assert json.loads(hm("salary", "--where", "metros", "-f", "json").out)["min_jobs"] == 500


def test_markdown_marks_the_tree_with_dots_and_leaves_out_the_chart_legend(hm):
    out = hm("salary", "--industry", "all", "--top", "3", "-f", "markdown").out
    assert "| 325400 | · · · Pharmaceutical and Medicine Manufacturing | 1,660 | $251,570 | $221,020 |" in out
    assert "Names are marked with one dot a level by BLS industry level" in out
    assert "Box line:" not in out and "Box line:" in hm("salary", "--industry", "all", "--top", "3").out
