"""What a new user's review of `hmcareer salary` found: every sort with industries, places or both in every format,
the one-screen overview, columns that give way on a narrow terminal, --top's "N of M", the national row shown once,
footnotes that tell two rows of one name apart, the history's wording, and the JSON's industries and places."""

from __future__ import annotations

import csv
import io
import itertools
import json

import pytest

SORTS = (None, "employment", "mean", "median", "p90", "lq", "adjusted")
CHOICES = {
    "industries": ("--industry", "pharma", "--industry", "hospitals"),
    "industry listing": ("--industry", "all"),
    "places": ("--state", "OH", "--state", "NY"),
    "state listing": ("--state", "all", "--top", "3"),
    "both": ("--industry", "physicians", "--metro", "boston"),
    "listing and a state": ("--industry", "all", "--state", "OH"),
    "metro and a listing": ("--metro", "boston", "--industry", "all"),
    "top listing and a state": ("--industry", "all", "--top", "3", "--state", "OH"),
}
FORMATS = ("table", "markdown", "json", "csv")


@pytest.mark.parametrize(("choice", "sort"), list(itertools.product(CHOICES, SORTS)))
def test_no_sort_of_industries_places_or_both_crashes_in_any_format(hm, choice, sort):
    for fmt, prices in itertools.product(FORMATS, ((), ("--cost-of-living",))):
        args = ("salary", *CHOICES[choice], *(("--sort", sort) if sort else ()), *prices, "-f", fmt)
        r = hm(*args, env={"COLUMNS": "80"})
        assert "internal error" not in r.err, args
        # A combination that cannot be (lq for national industries, adjusted without states) is a usage error.
        assert r.code in (0, 2), (args, r.err)
        if r.code == 2:
            assert r.out == "" and len(r.err.strip().splitlines()) == 1, args
        else:
            assert r.out.strip(), args


def test_an_industry_listing_beside_a_state_shows_the_two_labelled_tables(hm):
    r = hm("salary", "--industry", "all", "--state", "OH", env={"COLUMNS": "80"})
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert "OH       Ohio                       24,390   $127,900   $106,140     4.39   1.14" in lines
    assert "Industries in BLS's hierarchy (all 162 national industry rows; --industry X for" in lines
    md = hm("salary", "--metro", "boston", "--industry", "all", "-f", "markdown").out
    assert "| 0014460 | Boston-Cambridge-Newton, MA-NH | 12,990 | $166,290 | $136,760 | 4.81 | 1.25 |" in md


def test_plain_salary_fits_one_80_by_24_screen(hm):
    out = hm("salary", env={"COLUMNS": "80"}).out
    lines = out.splitlines()
    assert len(lines) <= 23  # and the shell's prompt after it
    assert "National: 597,080 jobs; mean $140,970, median $123,860" in lines
    assert "A tenth earn less than $73,390, a tenth more than $224,340." in lines
    assert "Ambulatory Health Care Services           217,430   $128,810   $103,640" in lines
    assert "Chemical Manufacturing                       1,680   $251,350   $221,020" in lines
    assert "More: --industry all (all 162 industry rows), --industry NAME, --state all," in lines
    narrow = hm("salary", env={"COLUMNS": "40"}).out.splitlines()
    assert max(map(len, narrow)) <= 40 and len(narrow) < 50
    assert "Ambulatory Health Care Services" in narrow and "  jobs:   217,430" in narrow


def test_figures_after_prices_get_a_table_of_their_own_rather_than_pushing_columns_out(hm):
    for extra in ((), ("--percentiles",)):
        out = hm("salary", "--state", "OH", "--state", "NY", "--cost-of-living", *extra, env={"COLUMNS": "80"}).out
        lines = out.splitlines()
        assert "code     area                         jobs       mean     median   per 1k     LQ" in lines
        assert "After state prices" in lines
        assert "Ohio                             91.8    $139,306      $115,606" in lines
        assert "Not shown at this width" not in out
    ranked = hm("salary", "--state", "all", "--cost-of-living", "--sort", "p90", env={"COLUMNS": "80"}).out.splitlines()
    assert "area                       jobs       mean     median        p90   per 1k     LQ" in ranked
    assert "New York                 33,200   $184,960   $164,120   $340,990     3.43   0.89" in ranked
    assert ("Not shown at this width: code (-f csv shows every column)." in ranked)
    assert "  jobs:" not in " ".join(ranked)  # a table, not a block per state


def test_a_territory_has_no_pay_after_prices_and_says_so_in_every_format(hm):
    args = ("salary", "--state", "GU", "--state", "OH", "--cost-of-living")
    out = hm(*args, env={"COLUMNS": "80"}).out
    assert "Guam                              n/a         n/a           n/a" in out.splitlines()
    assert "n/a = BEA publishes no price parity for the territories" in " ".join(out.split())
    md = hm(*args, "-f", "markdown").out
    assert "| GU | Guam | 140 | $103,620 | $100,420 | 2.09 | 0.54 | n/a | n/a | n/a |" in md
    rows = {r["area_name"]: r for r in csv.DictReader(io.StringIO(hm(*args, "-f", "csv").out))}
    assert [rows["Guam"][k] for k in ("rpp", "annual_mean_after_prices", "annual_median_after_prices")] == ["not given"] * 3
    assert rows["Ohio"]["annual_mean_after_prices"] == "139306"
    guam = next(r for r in json.loads(hm(*args, "-f", "json").out)["selected"] if r["area_name"] == "Guam")
    assert (guam["rpp"], guam["annual_mean_after_prices"]) == (None, None)


def test_sort_keys_are_listed_in_full_and_titled_in_words(hm):
    r = hm("salary", "--sort", "foo")
    assert r.code == 2
    assert r.err.strip() == "hmcareer: unknown sort key 'foo'; use one of employment, mean, median, p90, lq, adjusted"
    assert "States by location quotient (3 of 54;" in hm("salary", "--state", "all", "--sort", "lq", "--top", "3").out
    assert "States by 90th percentile pay (3 of 54;" in hm("salary", "--state", "all", "--sort", "p90", "--top", "3").out


def test_top_says_how_many_of_the_named_rows_it_shows(hm):
    out = hm("salary", "--state", "OH", "--state", "NY", "--state", "TX", "--top", "1", "--sort", "mean",
             env={"COLUMNS": "80"}).out
    assert "Beside the national figures (1 of 3, by mean pay)" in out.splitlines()
    assert "Texas" not in out and "Ohio" not in out
    assert json.loads(hm("salary", "--state", "OH", "--state", "NY", "--top", "1", "-f", "json").out)["selected_of"] == 2
    where = hm("salary", "--where", "states", "--top", "3", env={"COLUMNS": "200"}).out
    assert "Where it pays most: 3 of 52 (mean pay; states with at least 500 jobs, --min-jobs N to change)" in where
    assert "Where the jobs are: 3 of 54 (employment)" in where
    doc = json.loads(hm("salary", "--where", "states", "--top", "3", "-f", "json").out)
    assert (len(doc["pays_most"]), doc["ranked_of"], len(doc["most_jobs"]), doc["areas_of"]) == (3, 52, 3, 54)


def test_the_national_row_named_by_its_code_is_shown_once(hm):
    out = hm("salary", "--industry", "000000", env={"COLUMNS": "80"}).out
    assert out.count("$140,970   $123,860") == 1
    assert "Cross-Industry" not in out


def test_reliability_footnotes_name_the_code_where_two_rows_share_a_name(hm):
    flat = " ".join(hm("salary", "--industry", "all", env={"COLUMNS": "80"}).out.split())
    assert "! less reliable estimate, Wholesale Trade Agents and Brokers (425000): employment RSE 46.5%" in flat
    assert "! less reliable estimate, Wholesale Trade Agents and Brokers (425100): employment RSE 46.5%" in flat
    assert "! less reliable estimate, Software Publishers: employment RSE 38.4%" in flat  # one of its name: no code


def test_history_says_more_sources_and_missing_figures_in_one_explained_wording(hm):
    out = hm("salary", "--history", env={"COLUMNS": "100"}).out
    lines = [line.rstrip() for line in out.splitlines()]
    assert "May 2009*    $81,850      $39.35    $122,827                     uc-health-admin-salary +1" in lines
    assert "2002*        $61,370   not given    $109,826                     careereducationhub-2007" in lines
    flat = " ".join(out.split())
    assert "source +N = N more sources, named in the notes above; 'not given' = that source gives no such figure." in flat
    assert "n/a" not in out
    rows = list(csv.DictReader(io.StringIO(hm("salary", "--history", "-f", "csv").out)))
    assert rows[0]["median_hourly"] == "not given"


def test_the_industry_listing_keeps_names_on_few_lines(hm):
    out = hm("salary", "--industry", "all", env={"COLUMNS": "80"}).out
    lines = out.splitlines()
    assert len(lines) < 440  # 581 when an unpublished cell widened every figure column
    # An unpublished figure is said in two words on two lines, never as a number.
    at = lines.index("513000       Publishing Industries (total) !         130         not         not")
    assert lines[at + 1].split() == ["published", "published"]
    ranked = hm("salary", "--industry", "all", "--sort", "p90", "--top", "5", env={"COLUMNS": "80"}).out.splitlines()
    assert "611400   Business Schools and                90   $197,420   $169,050   $502,570" in ranked  # no indent
    assert "Names are indented" not in " ".join(ranked)


def test_json_keeps_selected_and_adds_industries_and_places_apart(hm):
    doc = json.loads(hm("salary", "--industry", "physicians", "--metro", "boston", "-f", "json").out)
    assert [r["area_name"] for r in doc["selected"]] == ["National", "Boston-Cambridge-Newton, MA-NH"]
    assert [(r["area_type"], r["industry_code"]) for r in doc["industries"]] == [("N", "621100")]
    assert [(r["area_type"], r["area_code"]) for r in doc["places"]] == [("M", "0014460")]
    assert doc["selected_of"] == 2


def test_narrow_blocks_are_headed_by_names_and_keep_the_tree_indent(hm):
    out = hm("salary", "--industry", "physicians", "--metro", "boston", env={"COLUMNS": "40"}).out
    lines = out.splitlines()
    assert "Offices of Physicians" in lines and "  code:      621100" in lines
    assert "Boston-Cambridge-Newton, MA-NH" in lines and "  code:      0014460" in lines
    tree = hm("salary", "--industry", "all", env={"COLUMNS": "40"}).out.splitlines()
    at = tree.index("  Sectors 31, 32, and 33 - Manufacturing")
    assert tree[at + 1] == "  (total)"
    at = tree.index("      Pharmaceutical and Medicine")
    assert tree[at + 1] == "      Manufacturing"
    # Pay after prices at 40 columns: in the state's one block, each label beside its value.
    col = hm("salary", "--state", "OH", "--cost-of-living", env={"COLUMNS": "40"}).out.splitlines()
    ohio = col.index("Ohio")
    assert col[ohio + 7:ohio + 10] == ["  RPP:         91.8", "  mean adj.:   $139,306", "  median adj.: $115,606"]
    assert col[ohio + 10].startswith("  bar: mean:") and "After state prices" not in col
