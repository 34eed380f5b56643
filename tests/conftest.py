from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hmcareer.catalog import Catalog, bundled_data_dir
from hmcareer.cli import app

REPO = Path(__file__).resolve().parent.parent


def step_of(checked, ref: str):
    """The checked step of a plan or role match that names `ref` (a credential or degree id)."""
    return next(c for c in checked.steps if c.step.ref == ref)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    monkeypatch.setenv("HMCAREER_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("HMCAREER_DATA_DIR", "HMCAREER_DEBUG", "NO_COLOR", "HMCAREER_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog(cache_dir=None)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the bundled data directory, without the other occupations' wage tables (4 MB that each
    `validate` of the copy would check again) or the O*NET profiles; a test that needs one copies it."""
    target = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), target, ignore=shutil.ignore_patterns("occupations", "onet"))
    return target


class Run:
    def __init__(self, result):
        self.code = result.exit_code
        self.out = result.stdout
        self.err = result.stderr
        self.exception = result.exception


@pytest.fixture
def hm():
    runner = CliRunner()

    def invoke(*args: str, env: dict | None = None, input: str | None = None) -> Run:
        return Run(runner.invoke(app, list(args), env=env, input=input))

    return invoke
