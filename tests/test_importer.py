"""The OEWS importer: the committed wage table is exactly a fresh run over the raw BLS extract."""

from __future__ import annotations

import csv
import importlib.util
import json

import pytest
from conftest import REPO

spec = importlib.util.spec_from_file_location("import_oews", REPO / "scripts" / "import_oews.py")
import_oews = importlib.util.module_from_spec(spec)
spec.loader.exec_module(import_oews)


def test_committed_table_equals_a_fresh_import():
    fresh = import_oews.build_jsonl(import_oews.DEFAULT_CSV, "May 2025", "2025A01", "bls-oews-may2025")
    assert (REPO / "data" / "oews.jsonl").read_text(encoding="utf-8") == fresh


def test_every_csv_cell_survives(catalog):
    with import_oews.DEFAULT_CSV.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_key = {(e.area_type, e.area_code, e.industry_code): e for e in catalog.oews.estimates}
    assert len(by_key) == len(rows) == 743
    for row in rows:
        est = by_key[(row["area_type"], row["area_code"], row["industry_code"])]
        for column in import_oews.COLUMNS[6:]:
            value, raw = getattr(est, column), row[column]
            if raw == "-":
                assert value is None and column in est.not_published
            elif raw == "":
                assert value is None and column not in est.not_published
            else:
                assert value == float(raw), (row["area_name"], column)


def test_check_mode_detects_drift(tmp_path):
    out = tmp_path / "oews.jsonl"
    out.write_text("stale\n")
    assert import_oews.main(["--out", str(out), "--check"]) == 1
    assert import_oews.main(["--out", str(out)]) == 0
    assert import_oews.main(["--out", str(out), "--check"]) == 0


# --- other occupations: scripts/import_related.py ------------------------------------------------------------------

related_spec = importlib.util.spec_from_file_location("import_related", REPO / "scripts" / "import_related.py")
import_related = importlib.util.module_from_spec(related_spec)
related_spec.loader.exec_module(import_related)
TOP_TEXT = "This wage is equal to or greater than $115.00 per hour or $239,200 per year."


def _related_rows():
    """Every row of both BLS extracts: ((SOC, area type, area code, industry code), CSV record)."""
    rows = {}
    for path, fill in ((import_related.AREAS_CSV, import_related.CROSS_INDUSTRY),
                       (import_related.INDUSTRIES_CSV, import_related.NATIONAL)):
        with path.open(newline="", encoding="utf-8") as handle:
            for record in csv.DictReader(handle):
                record = {**record, **fill}
                rows[(record["soc_code"], record["area_type"], record["area_code"], record["industry_code"])] = record
    return rows


def test_committed_occupation_tables_equal_a_fresh_import():
    fresh = import_related.build_files(import_related.AREAS_CSV, import_related.INDUSTRIES_CSV,
                                       import_related.FOOTNOTES_CSV, "May 2025", "2025A01", "bls-oews-may2025-related")
    committed = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "data" / "occupations").glob("*.jsonl")}
    assert len(fresh) == 29 and committed == fresh


def test_every_cell_of_every_occupation_survives(catalog):
    rows = _related_rows()
    assert len(rows) == 15_049 + 3_410
    seen, top_coded, not_published = 0, 0, 0
    for soc in catalog.occupation_codes():
        if soc == "11-9111":
            continue
        table = catalog.wages_of(soc)
        assert table.release.soc == soc and (table.release.top_hourly, table.release.top_annual) == (115.0, 239200)
        for est in table.rows.select():
            record = rows[(soc, est.area_type, est.area_code, est.industry_code)]
            seen += 1
            assert est.area_name == record["area_name"] and est.industry_name == record["industry_name"]
            for column in import_related.COLUMNS[6:]:
                value, raw = getattr(est, column), record[column]
                if raw == "-" and f"{column}:{TOP_TEXT}" in record["footnotes"]:
                    assert value is None and column in est.top_coded and column not in est.not_published
                    top_coded += 1
                elif raw == "-":
                    assert value is None and column in est.not_published and column not in est.top_coded
                    not_published += 1
                elif raw == "":
                    assert value is None and column not in est.not_published + est.top_coded
                else:
                    assert value == float(raw), (soc, record["area_name"], column)
    assert seen == len(rows)
    # BLS's footnote 5: in the areas file on 14 rows with every wage top-coded (12 cells) and one with only the 90th
    # percentiles; in the industries file on one row with every wage and three with only the 90th percentiles.
    assert top_coded == (14 * 12 + 2) + (12 + 3 * 2)


def test_top_coded_and_unpublished_cells_of_named_rows(catalog):
    family = catalog.wages_of("29-1215")  # family medicine physicians
    national = family.rows.select("N", industry_code="000000")[0]
    assert (national.employment, national.annual_median, national.annual_p90, national.top_coded) == (
        107510, 244180, 428550, ())
    albany_or = family.rows.select("M", area_code="0010540")[0]  # Albany, OR: every wage at or above the top code
    assert albany_or.employment == 50 and albany_or.annual_median is None and albany_or.hourly_mean is None
    assert set(albany_or.top_coded) == {f"{unit}_{stat}" for unit in ("hourly", "annual")
                                        for stat in ("mean", "p10", "p25", "median", "p75", "p90")}
    assert albany_or.not_published == ()
    ceo = catalog.wages_of("11-1011").rows.select("N", industry_code="711200")[0]  # spectator sports: only p90 capped
    assert (ceo.annual_median, ceo.annual_p75, ceo.top_coded) == (360090, 572200, ("hourly_p90", "annual_p90"))
    nurses = catalog.wages_of("29-1141")
    albany_ga = nurses.rows.select("M", area_code="0010500")[0]  # Albany, GA: employment not released, wages are
    assert (albany_ga.employment, albany_ga.annual_mean, albany_ga.not_published) == (
        None, 85130, ("employment", "employment_rse_pct", "employment_per_1000_jobs", "location_quotient"))


def test_related_check_mode_detects_drift_and_strays(tmp_path):
    out = tmp_path / "occupations"
    assert import_related.main(["--out", str(out), "--check"]) == 1
    assert import_related.main(["--out", str(out)]) == 0
    assert import_related.main(["--out", str(out), "--check"]) == 0
    (out / "99-9999.jsonl").write_text("stray\n")
    assert import_related.main(["--out", str(out), "--check"]) == 1
    assert import_related.main(["--out", str(out)]) == 0 and not (out / "99-9999.jsonl").exists()


# --- O*NET profiles: scripts/import_onet.py -------------------------------------------------------------------------

onet_spec = importlib.util.spec_from_file_location("import_onet", REPO / "scripts" / "import_onet.py")
import_onet = importlib.util.module_from_spec(onet_spec)
onet_spec.loader.exec_module(import_onet)


def test_committed_onet_profiles_equal_a_fresh_import():
    fresh = import_onet.build_files()
    committed = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "data" / "onet").glob("*.json")}
    assert len(fresh) == 30 and committed == fresh
    assert set(import_onet.CHOICES) == {"11-9111"} | {p.stem for p in (REPO / "data" / "occupations").glob("*.jsonl")}


def test_onet_files_are_json_with_a_row_a_line():
    text = (REPO / "data" / "onet" / "11-9111.json").read_text(encoding="utf-8")
    document = json.loads(text)
    assert import_onet.dump(document) == text and text.endswith("}\n")
    assert text.count("\n") > sum(len(v["rows"]) for v in document.values() if isinstance(v, dict) and "rows" in v)


def test_onet_check_mode_detects_an_edit_and_strays(tmp_path):
    out = tmp_path / "onet"
    assert import_onet.main(["--out", str(out), "--check"]) == 1
    assert import_onet.main(["--out", str(out)]) == 0
    assert import_onet.main(["--out", str(out), "--check"]) == 0
    path = out / "29-1141.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"Active Listening",4,', '"Active Listening",4.0,', 1),
                    encoding="utf-8")
    assert import_onet.main(["--out", str(out), "--check"]) == 1
    assert import_onet.main(["--out", str(out)]) == 0 and import_onet.main(["--out", str(out), "--check"]) == 0
    (out / "99-9999.json").write_text("{}\n")
    assert import_onet.main(["--out", str(out), "--check"]) == 1
    assert import_onet.main(["--out", str(out)]) == 0 and not (out / "99-9999.json").exists()


def test_onet_numbers_keep_the_csvs_spelling():
    assert (import_onet.number("4", "x"), import_onet.number("4.25", "x"), import_onet.number("", "x")) == (4, 4.25, None)
    for raw in ("4.50", "007", ".5"):
        with pytest.raises(SystemExit):
            import_onet.number(raw, "x")


def test_one_command_checks_and_refreshes_every_related_table():
    import subprocess
    import sys

    script = str(REPO / "scripts" / "import_related_all.py")
    ok = subprocess.run([sys.executable, script, "--check"], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert "29 files match a fresh import" in ok.stderr and "30 files match a fresh import" in ok.stderr
    assert subprocess.run([sys.executable, script, "--bogus"], capture_output=True, text=True, timeout=60).returncode == 2


# --- prices: scripts/import_prices.py ---------------------------------------------------------------------------

prices_spec = importlib.util.spec_from_file_location("import_prices", REPO / "scripts" / "import_prices.py")
import_prices = importlib.util.module_from_spec(prices_spec)
prices_spec.loader.exec_module(import_prices)


def test_committed_prices_equal_a_fresh_import():
    fresh = import_prices.build_yaml(import_prices.DEFAULT_CPI, import_prices.DEFAULT_RPP)
    assert (REPO / "data" / "prices.yaml").read_text(encoding="utf-8") == fresh


def test_every_price_cell_survives(catalog):
    prices = catalog.prices
    with import_prices.DEFAULT_CPI.open(newline="", encoding="utf-8") as handle:
        cpi = {int(r["year"]): float(r[import_prices.CPI_COLUMN]) for r in csv.DictReader(handle)}
    assert prices.cpi == cpi and len(cpi) == 26 and prices.cpi[2025] == 321.943
    with import_prices.DEFAULT_RPP.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    years = [int(y) for y in rows[0][8:]]
    states = [r for r in rows[1:] if len(r) > 8 and r[4].strip() == "5" and r[0].strip().strip('"') != "00000"]
    assert len(states) == len(prices.rpp) == 51  # 50 states and DC; the U.S. is 100 by definition
    for r in states:
        fips = r[0].strip().strip('"')[:2]
        assert prices.rpp_names[fips] == r[1].strip()
        assert prices.rpp[fips] == dict(zip(years, map(float, r[8:]), strict=True))
    assert (prices.cpi_source, prices.rpp_source) == ("bls-cpi-u", "bea-sarpp-2023")
    assert {"bls-cpi-u", "bea-sarpp-2023"} <= set(catalog.sources)


def test_prices_check_mode_detects_drift(tmp_path):
    out = tmp_path / "prices.yaml"
    out.write_text("stale\n")
    assert import_prices.main(["--out", str(out), "--check"]) == 1
    assert import_prices.main(["--out", str(out)]) == 0
    assert import_prices.main(["--out", str(out), "--check"]) == 0
