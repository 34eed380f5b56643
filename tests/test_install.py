"""Build the wheel, install it into a fresh venv (not editable) and run it from another directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv

import pytest
from conftest import REPO


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    root = tmp_path_factory.mktemp("install")
    dist = root / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
                   check=True, capture_output=True)
    (wheel,) = dist.glob("hmcareer-*.whl")
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    return bin_dir, root


def _run(bin_dir, cwd, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HMCAREER_")}
    env["HMCAREER_CACHE_DIR"] = str(cwd / "cache")
    return subprocess.run([str(bin_dir / "hmcareer"), *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_installed_command_runs_from_another_directory(installed, tmp_path):
    bin_dir, _ = installed
    result = _run(bin_dir, tmp_path, "roles")
    assert result.returncode == 0, result.stderr
    assert "Nursing home administrator" in result.stdout
    doc = json.loads(_run(bin_dir, tmp_path, "salary", "--industry", "pharma", "--format", "json").stdout)
    assert doc["selected"][0]["annual_mean"] == 251570
    assert _run(bin_dir, tmp_path, "validate").returncode == 0
    assert "OEWS May 2025" in _run(bin_dir, tmp_path, "--version").stdout


def test_python_dash_m(installed, tmp_path):
    bin_dir, _ = installed
    result = subprocess.run([str(bin_dir / "python"), "-m", "hmcareer", "certs", "cpam"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0 and "CRCE" in result.stdout


def test_broken_pipe_is_quiet(installed, tmp_path):
    bin_dir, _ = installed
    result = subprocess.run(f"'{bin_dir / 'hmcareer'}' sources | head -1", shell=True, cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
