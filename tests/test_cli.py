"""Commands end to end through Typer's CliRunner: exact figures, exit codes, streams."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from hmcareer.cli import app, app_for

ANSI = re.compile(r"\x1b\[")


def test_roles_lists_every_role_with_a_sources_footer(hm):
    r = hm("roles")
    assert r.code == 0, r.err
    for title in ("Health agency administrator", "Clinical manager", "Nursing home administrator"):
        assert title in r.out
    assert "Sources:" in r.out and "seed-2012" in r.out
    assert r.err == ""


def test_role_in_full_by_alias(hm):
    r = hm("roles", "nha")
    assert r.code == 0, r.err
    assert "Nursing home administrator" in r.out
    assert "NHA: Nursing home administrator licence (required)" in r.out
    assert "$114,750" in r.out  # nursing care facilities mean, May 2025
    assert "$140,970" in r.out  # national mean


def test_unknown_role_exits_2_with_suggestion_and_no_stdout(hm):
    r = hm("roles", "clinicl")
    assert r.code == 2
    assert r.out == ""
    assert r.err.startswith("hmcareer: unknown role 'clinicl'. Did you mean: clinical-manager?")
    assert "Traceback" not in r.err


def test_salary_national_default(hm):
    r = hm("salary")
    assert r.code == 0, r.err
    assert "597,080 jobs; mean $140,970, median $123,860" in r.out
    assert "Sources: bls-oews-may2025 (May 2025)" in r.out


def test_salary_pharma_beside_national_with_seed_check(hm):
    r = hm("salary", "--industry", "pharma")
    assert r.code == 0, r.err
    assert "$251,570" in r.out and "$140,970" in r.out and "1,660" in r.out
    assert "$72.05" in r.out and "$156,050" in r.out  # the seed's claim, shown ...
    assert "149,864" in r.out  # ... next to its check
    assert "inconsistent" in r.out


def test_salary_hourly(hm):
    r = hm("salary", "-i", "nursing", "--hourly")
    assert "$55.17" in r.out and "$67.77" in r.out and "$37.29" in r.out


def test_salary_json_contract(hm):
    r = hm("salary", "--industry", "pharma", "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["schema"] == "hmcareer/1" and doc["kind"] == "salary"
    assert doc["data_release"] == "OEWS May 2025" and doc["reference_period"] == "May 2025"
    assert doc["national"]["annual_mean"] == 140970
    (pharma,) = doc["selected"]
    assert pharma["industry_code"] == "325400"
    assert (pharma["annual_mean"], pharma["hourly_mean"], pharma["employment"]) == (251570, 120.95, 1660)
    assert pharma["not_published"] == []
    assert [c["id"] for c in doc["seed_claims"]] == ["pharma-pay"]
    assert {"bls-oews-may2025"} <= {s["id"] for s in doc["sources"]}


def test_not_published_shown_as_words_and_null(hm):
    r = hm("salary", "-i", "513000")
    assert "not published" in r.out
    doc = json.loads(hm("salary", "-i", "513000", "-f", "json").out)
    row = doc["selected"][0]
    assert row["annual_mean"] is None and "annual_mean" in row["not_published"]
    assert row["employment"] == 130


def test_unknown_industry_exit_2(hm):
    r = hm("salary", "--industry", "pharmaceuticals")
    assert r.code == 2 and r.out == ""
    assert "unknown industry 'pharmaceuticals'" in r.err and "325400" in r.err


def test_ambiguous_industry_lists_candidates(hm):
    r = hm("salary", "--industry", "nurs")
    assert r.code == 2
    assert "623000" in r.err and "623100" in r.err


def test_salary_csv_has_header_and_exact_rows(hm):
    r = hm("salary", "-i", "hospitals", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert [row["industry_code"] for row in rows] == ["000000", "622100"]
    assert rows[1]["annual_mean"] == "155360" and rows[1]["employment"] == "158730"


def test_markdown_is_a_pipe_table(hm):
    lines = hm("certs", "--body", "aaham", "-f", "markdown").out.splitlines()
    assert lines[0].startswith("| id | abbreviation |")
    assert set(lines[1]) <= set("|-")
    assert any("| CPAM |" in line for line in lines)


def test_certs_list_and_filters(hm):
    r = hm("certs")
    assert r.code == 0
    for abbr in ("CPAM", "CRCE", "FACHE", "RHIA", "NHA"):
        assert abbr in r.out
    r = hm("certs", "--role", "health-information-manager", "-f", "json")
    ids = [x["id"] for x in json.loads(r.out)["records"]]
    assert "rhia" in ids and "nha-licence" not in ids


def test_cert_cpam_shows_what_it_became(hm):
    r = hm("certs", "CPAM")
    assert r.code == 0, r.err
    assert "What it became (likely; not confirmed by the issuer)" in r.out and "CRCE" in r.out
    assert "2012 seed text claimed" in r.out
    doc = json.loads(hm("certs", "cpam", "--format", "json").out)
    assert doc["record"]["status"] == "replaced" and doc["replaced_by"]


def test_unknown_cert(hm):
    r = hm("certs", "CPAMX")
    assert r.code == 2 and "Did you mean: CPAM, " in r.err


def test_education_shows_accreditation_counts_and_seed_check(hm):
    r = hm("education")
    assert r.code == 0, r.err
    assert "CAHME" in r.out and "106" in r.out
    assert "72 colleges" in r.out  # the seed claim, next to its check


def test_paths_tree(hm):
    r = hm("paths", "nursing-home-administrator")
    assert r.code == 0
    assert "licence: NHA" in r.out and "role: Nursing home administrator" in r.out
    doc = json.loads(hm("paths", "-f", "json").out)
    assert len(doc["records"]) == 7


def test_associations_outlook_sources(hm):
    assert "ASLME" in hm("associations").out
    out = hm("outlook").out
    assert "2023-33" in out and "$110,680" in out and "29%" in out
    r = hm("sources", "bls-oews-may2025")
    assert r.code == 0 and "bls-oews-may2025" in r.out and "U.S. Bureau of Labor" in r.out
    (source,) = json.loads(hm("sources", "bls-oews-may2025", "-f", "json").out)["records"]
    assert source["url"] == "https://download.bls.gov/pub/time.series/oe/" and source["tag"] == "BLS"


@pytest.mark.parametrize("command", [["roles"], ["salary", "-i", "pharma"], ["certs"], ["education"], ["paths"],
                                     ["associations"], ["outlook"], ["roles", "clinical"], ["certs", "cpam"]])
def test_every_cited_source_resolves(hm, command):
    doc = json.loads(hm(*command, "--format", "json").out)
    listed = {s["id"] for s in doc["sources"]}
    text = json.dumps({k: v for k, v in doc.items() if k != "sources"})
    cited = set(re.findall(r'"sources": \[([^\]]*)\]', text))
    ids = {i.strip().strip('"') for group in cited for i in group.split(",") if i.strip()}
    assert ids <= listed


def test_no_escape_codes_when_piped_or_no_color(hm):
    assert not ANSI.search(hm("salary", "-i", "pharma").out)
    assert not ANSI.search(hm("--no-color", "roles").out)
    assert not ANSI.search(hm("roles", env={"NO_COLOR": "1"}).out)


def test_version_names_the_data_release(hm):
    r = hm("--version")
    assert r.code == 0
    assert re.match(r"hmcareer \d+\.\d+\.\d+ \(data: BLS OEWS May 2025 \(release 2025A01\)", r.out)


def test_help_short_and_long(hm):
    assert hm("-h").code == 0 and "salary" in hm("-h").out
    for command in ("roles", "salary", "certs", "education", "paths", "associations", "outlook", "sources", "validate"):
        r = hm(command, "--help")
        assert r.code == 0 and "Example" in r.out, command


def test_no_arguments_shows_help(hm):
    r = hm()
    assert "Usage" in r.out + r.err


def test_bad_format_is_a_usage_error(hm):
    r = hm("roles", "--format", "xml")
    assert r.code == 2 and r.out == ""


def test_every_command_is_documented_in_the_readme():
    from conftest import REPO
    from typer.main import get_command

    from hmcareer.cli import app

    readme = (REPO / "README.md").read_text()
    for name in get_command(app).commands:
        assert f"hmcareer {name}" in readme, name


def test_missing_data_dir_is_a_usage_error(hm, tmp_path):
    r = hm("--data-dir", str(tmp_path / "nope"), "roles")
    assert r.code == 2 and r.out == "" and "does not exist" in r.err


def test_data_dir_overrides_and_validate_reports_problems(hm, data_copy):
    path = data_copy / "roles.yaml"
    path.write_text(path.read_text().replace("- id: clinical-manager", "- id: clinical-manager\n    bogus: [", 1))
    r = hm("--data-dir", str(data_copy), "roles")
    assert r.code == 1 and r.out == "" and "roles.yaml" in r.err and "Traceback" not in r.err
    r = hm("validate", str(data_copy))
    assert r.code == 1 and "problem(s)" in r.err


# --- start-up: only the command that runs is built -------------------------------------


@pytest.mark.parametrize("args, command", [
    (["roles"], "roles"),
    (["--no-color", "salary", "--metro", "boston"], "salary"),
    (["--data-dir", "some/dir", "certs"], "certs"),
    (["--data-dir=some/dir", "--debug", "paths", "nha"], "paths"),
])
def test_a_run_builds_only_its_own_command(args, command):
    assert [c.callback.__name__ for c in app_for(args).registered_commands] == [command]


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["rolez"], ["--data-dir"], ["--frobnicate", "roles"]])
def test_anything_else_gets_the_whole_app(args):
    assert app_for(args) is app


def test_shell_completion_gets_the_whole_app(monkeypatch):
    monkeypatch.setenv("_HMCAREER_COMPLETE", "complete_bash")
    assert app_for(["roles"]) is app


@pytest.mark.parametrize("args", [
    ["roles", "--help"], ["salary", "--metro", "springfield"], ["certs", "--bogus"], ["--no-color", "roles", "nha", "-f", "json"],
])
def test_the_trimmed_app_behaves_like_the_whole_one(args):
    runner = CliRunner()
    whole, trimmed = runner.invoke(app, args), runner.invoke(app_for(args), args)
    assert (trimmed.exit_code, trimmed.stdout, trimmed.stderr) == (whole.exit_code, whole.stdout, whole.stderr)
