"""The start-up benchmark's own pieces: its synthetic data, and that it runs. Never its timings."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from conftest import REPO

from hmcareer import query
from hmcareer.catalog import Catalog, bundled_data_dir

spec = importlib.util.spec_from_file_location("startup", REPO / "benchmarks" / "startup.py")
startup = importlib.util.module_from_spec(spec)
sys.modules["startup"] = startup  # its dataclasses look their module up there
spec.loader.exec_module(startup)


def test_synthetic_data_is_valid_and_leaves_real_lookups_unambiguous(tmp_path, hm):
    data = tmp_path / "data"
    assert startup.write_synthetic_data(data, bundled_data_dir(), copies=3) == 3 * 743
    r = hm("validate", str(data))
    assert r.code == 0, r.err
    catalog = Catalog(data, cache_dir=None)
    real = Catalog(cache_dir=None)
    assert query.find_metro(catalog, "boston") == query.find_metro(real, "boston")
    assert query.find_industry(catalog, "pharma") == query.find_industry(real, "pharma")
    assert query.find_state(catalog, "NY") == query.find_state(real, "NY")
    originals = set(real.oews.estimates)
    copies = [e for e in catalog.oews.estimates if e not in originals]
    assert len(copies) == 2 * 743
    assert all("Synthetic" in (e.area_name if e.area_type != "N" else e.industry_name) for e in copies)


def test_benchmark_runs_and_reports_every_target(tmp_path):
    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "startup.py"), "--runs", "1", "--quick"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr  # 1: a target missed on this (busy) machine
    out = result.stdout
    for line in ("python -c pass", "typer+rich hello world", "hmcareer salary --metro boston", "roles --format json",
                 "hmcareer salary --occupation rn --metro boston", "hmcareer switch --from rn --metro boston",
                 "switch --from rn --metro boston within 10% of roles", "every cold first run (empty cache) <= ",
                 "== on a terminal (a pseudo-terminal of 80 x 24"):
        assert line in out
    assert out.count("PASS") + out.count("FAIL") >= 6
    assert "targets PASS" in out
