"""The OEWS importer: the committed wage table is exactly a fresh run over the raw BLS extract."""

from __future__ import annotations

import csv
import importlib.util

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
