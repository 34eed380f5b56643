"""Commands end to end through Typer's CliRunner: exact figures, exit codes, streams."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import resource
import signal
import stat
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hmcareer.cli import app, app_for

ANSI = re.compile(r"\x1b\[")


def test_roles_lists_every_role_with_a_sources_footer(hm):
    r = hm("roles")
    assert r.code == 0, r.err
    for title in ("Health agency administrator", "Clinical manager", "Nursing home administrator"):
        assert title in r.out
    assert hm("roles", env={"COLUMNS": "80"}).out.endswith("\n\nSources: 7 (O*NET 2, official 1, copy of an official document 3, 2012 job\n"
                          "description (checked) 1); to list them, rerun with --sources.\n")
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
    assert r.out.endswith("\n\nSources: 1 (BLS); to list them, rerun with --sources.\n")


def test_salary_pharma_beside_national_with_its_checked_claim(hm):
    r = hm("salary", "--industry", "pharma")
    assert r.code == 0, r.err
    assert "$251,570" in r.out and "$140,970" in r.out and "1,660" in r.out
    assert "$72.05" in r.out and "$156,050" in r.out  # the 2012 text's claim, shown ...
    assert "149,864" in r.out  # ... next to its check
    assert "Verdict: wrong" in r.out and "hmcareer claims" in r.out


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
    assert [c["id"] for c in doc["checked_claims"]] == ["pharma-pay"]
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
    assert [row["industry_code"] for row in rows] == ["000000", "622000"]
    assert rows[1]["annual_mean"] == "154470" and rows[1]["employment"] == "175570"


def test_markdown_is_the_view_for_people(hm):
    """Markdown shows what the table shows (names, formatted figures, headings and lists), not the raw fields."""
    lines = hm("certs", "--body", "aaham", "-f", "markdown").out.splitlines()
    assert lines[:4] == ["**Credentials (hmcareer certs ABBR for one in full)**", "", "| abbr | name | issuer | status |",
                         "|---|---|---|---|"]
    assert "| CPAM | Certified Patient Account Manager \\* | AAHAM | replaced (likely CRCE/CRCP, unconfirmed) |" in lines
    assert not any("named_in_2012_text" in line or "replaced_by" in line for line in lines)
    role = hm("roles", "nha", "-f", "markdown").out
    assert role.startswith("# Nursing home administrator\n\nAlso called: NHA, long-term care administrator\n")
    assert "\n## What they do\n\n- Manage the facility's staff\n" in role
    assert "| 623100 | · Nursing Care Facilities (Skilled Nursing Facilities) | 30,930 | $114,750 | $105,550 |" in role
    assert "path[0]" not in role and "140970" not in role


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
    assert 'Checked claim: "Certified Patient Account Manager (CPAM)"' in r.out and "Verdict: out of date" in r.out
    doc = json.loads(hm("certs", "cpam", "--format", "json").out)
    assert doc["record"]["status"] == "replaced" and doc["replaced_by"]


def test_unknown_cert(hm):
    r = hm("certs", "CPAMX")
    assert r.code == 2 and "Did you mean: CPAM, " in r.err


def test_education_shows_accreditation_counts_and_checked_claims(hm):
    r = hm("education")
    assert r.code == 0, r.err
    assert "CAHME" in r.out and "106" in r.out
    assert "72 colleges" in r.out  # the 2012 text's claim, next to its check


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


def test_a_body_with_no_letters_matches_no_body(hm):
    r = hm("certs", "--body", "-")
    assert r.code == 2 and r.out == ""
    assert r.err.startswith("hmcareer: unknown issuing body '-'. Bodies: AAHAM, AAPC,")


# --- --output and --force ------------------------------------------------------------------

OUTPUT_VIEWS = [["roles"], ["roles", "nha"], ["salary", "-i", "pharma"], ["salary", "--history"], ["salary", "--where", "states"],
                ["certs"], ["certs", "cpam"], ["education"], ["paths"], ["associations"], ["outlook"], ["sources"],
                ["sources", "job-description-2012"]]


@pytest.mark.parametrize("fmt", ["table", "json"])
@pytest.mark.parametrize("command", OUTPUT_VIEWS, ids=" ".join)
def test_output_writes_what_stdout_would_show(hm, tmp_path, command, fmt):
    target = tmp_path / "out.txt"
    r = hm(*command, "-f", fmt, "-o", str(target))
    assert (r.code, r.out, r.err) == (0, "", f"hmcareer: wrote {target}\n")
    assert target.read_text(encoding="utf-8") == hm(*command, "-f", fmt).out


def test_every_data_command_takes_output_and_force():
    from typer.main import get_command

    from hmcareer.cli import app

    data_commands = 0
    for name, command in get_command(app).commands.items():
        options = {o for p in command.params for o in getattr(p, "opts", [])}
        if "--format" in options:  # a data command
            data_commands += 1
            assert {"--output", "-o", "--force"} <= options, name
    assert data_commands >= 8


def test_an_existing_file_is_not_replaced_without_force(hm, tmp_path):
    target = tmp_path / "report.csv"
    target.write_text("keep me\n")
    r = hm("salary", "-f", "csv", "--output", str(target))
    assert (r.code, r.out) == (2, "")
    assert r.err == f"hmcareer: {target} already exists; add --force to replace it, or choose another --output path\n"
    assert target.read_text() == "keep me\n"
    r = hm("salary", "-f", "csv", "--output", str(target), "--force")
    assert r.code == 0
    assert target.read_text().startswith("area_type,area_code,area_name,")


@pytest.mark.parametrize("where, message", [
    ("missing/out.txt", "cannot write {path}: its folder does not exist; create it or choose another --output path"),
    (".", "{path} is a directory; give a file name for --output"),
    ("x" * 300, "cannot write {path}: File name too long. Choose another --output path"),
])
def test_an_output_path_that_cannot_be_written_is_a_usage_error(hm, tmp_path, where, message):
    path = tmp_path / where
    r = hm("roles", "-o", str(path), "--force")
    assert (r.code, r.out) == (2, "")
    assert r.err == f"hmcareer: {message.format(path=path)}\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_disk_is_one_line(hm):
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "hmcareer", "salary"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert (r.returncode, r.stderr) == (1, "hmcareer: cannot write the output: No space left on device\n")
    r = hm("salary", "-o", "/dev/full", "--force")
    assert (r.code, r.err) == (1, "hmcareer: cannot write /dev/full: No space left on device\n")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # written to, never replaced


def _with_file_size_limit(limit: int):
    def limit_size():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limit_size


def test_a_write_that_fails_midway_leaves_the_old_file_and_no_partial_one(tmp_path):
    """A full disk or file-size limit while writing: the original stays whole, no partial file blocks a rerun."""
    import subprocess
    import sys

    out = tmp_path / "out"
    out.mkdir()
    report = out / "report.md"
    report.write_text("the report from last week\n")
    report.chmod(0o640)
    command = [sys.executable, "-m", "hmcareer", "salary", "--industry", "all", "-f", "markdown", "-o", str(report)]
    r = subprocess.run([*command, "--force"], capture_output=True, text=True, timeout=60, preexec_fn=_with_file_size_limit(4096))
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == f"hmcareer: cannot write {report}: File too large; the existing file is unchanged\n"
    assert report.read_text() == "the report from last week\n"
    new = out / "new.md"
    r = subprocess.run([*command[:-1], str(new)], capture_output=True, text=True, timeout=60,
                       preexec_fn=_with_file_size_limit(4096))
    assert r.returncode == 1 and r.stderr.endswith(": File too large; no file was written\n")
    assert sorted(p.name for p in out.iterdir()) == ["report.md"]  # no temporary or partial file
    r = subprocess.run([*command, "--force"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and report.read_text().startswith("# Medical and Health Services Managers (11-9111)")
    assert stat.S_IMODE(report.stat().st_mode) == 0o640  # replaced, with its permissions kept


def test_a_replaced_output_file_keeps_its_permissions_but_never_setuid(hm, tmp_path):
    report = tmp_path / "report.md"
    report.write_text("old\n")
    report.chmod(0o4750)
    assert hm("roles", "-f", "markdown", "-o", str(report), "--force").code == 0
    assert stat.S_IMODE(report.stat().st_mode) == 0o750


def test_output_through_a_symlink_replaces_the_file_it_names(hm, tmp_path):
    real = tmp_path / "reports" / "2026.md"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    r = hm("roles", "-f", "markdown", "-o", str(link), "--force")
    assert r.code == 0, r.err
    assert link.is_symlink() and real.read_text().startswith("**Management roles")


def test_a_failed_command_leaves_no_output_file(hm, data_copy, tmp_path):
    (data_copy / "roles.yaml").write_text("roles: [\n")
    target = tmp_path / "roles.txt"
    r = hm("--data-dir", str(data_copy), "roles", "-o", str(target))
    assert r.code == 1 and not target.exists()
    r = hm("roles", "nobody", "-o", str(target))
    assert r.code == 2 and not target.exists()


def _snapshot(root):
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_hmcareer_writes_nothing_but_its_cache_and_the_named_file(hm, data_copy, tmp_path, monkeypatch):
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HMCAREER_CACHE_DIR")
    data_before = _snapshot(data_copy)
    for command in (*OUTPUT_VIEWS, ["validate"], ["validate", str(data_copy)]):
        assert hm("--data-dir", str(data_copy), *command).code == 0, command
    assert hm("salary", "-f", "json", "-o", "pay.json").code == 0
    assert _snapshot(data_copy) == data_before
    assert [p.name for p in work.iterdir()] == ["pay.json"]
    written = {p.relative_to(home).parts[:2] for p in home.rglob("*") if p.is_file()}
    assert written == {(".cache", "hmcareer")}


# --- which data files are in use ---------------------------------------------------------------


def test_sources_says_which_data_files_come_from_the_user_data_dir(hm, tmp_path, data_copy):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "roles.yaml").write_bytes((data_copy / "roles.yaml").read_bytes())
    r = hm("--data-dir", str(mine), "sources", env={"COLUMNS": "200"})
    assert r.code == 0, r.err
    assert f"Data files: from {mine} where present there, else the bundled copy" in " ".join(r.out.split())
    assert re.search(rf"roles\.yaml +your data dir +{re.escape(str(mine / 'roles.yaml'))}", r.out)
    assert re.search(r"oews\.jsonl +bundled +\S+oews\.jsonl", r.out)
    doc = json.loads(hm("--data-dir", str(mine), "sources", "-f", "json").out)
    assert doc["data_dir"] == str(mine)
    files = {f["file"]: f for f in doc["data_files"]}
    assert files["roles.yaml"] == {"file": "roles.yaml", "origin": "user", "path": str(mine / "roles.yaml")}
    assert [f["origin"] for name, f in files.items() if name != "roles.yaml"] == ["bundled"] * 11
    assert len(doc["records"]) > 100  # the sources listing is still there


def test_sources_without_a_data_dir_lists_no_data_files(hm):
    assert "Data files" not in hm("sources").out
    doc = json.loads(hm("sources", "-f", "json").out)
    assert doc["data_dir"] is None and {f["origin"] for f in doc["data_files"]} == {"bundled"}


def test_validate_says_how_many_files_it_read_from_the_folder(hm, tmp_path, data_copy):
    r = hm("validate", str(data_copy))
    assert (r.code, r.err) == (0, f"{data_copy}: all data files are valid (12 of 12 read from there, the rest bundled)\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    r = hm("validate", str(empty))
    assert r.code == 2 and r.err.startswith(f"hmcareer: {empty} holds none of the data files (sources.yaml, roles.yaml,")
    assert r.err.endswith("nothing of yours to check. Is it the right folder?\n")
    r = hm("validate", "")  # Click would read "" as the current folder
    assert (r.code, r.err) == (2, "hmcareer: DIR: needs a folder name ('' is none) (see hmcareer validate -h)\n")


@pytest.mark.parametrize("args, message", [
    (["salary", "--sort", ""], "unknown sort key ''; use one of employment, mean, median, p90, lq, adjusted"),
    (["salary", "--sort", "lq"], "--sort lq compares places with the nation; BLS publishes no location quotient for an "
                                 "industry. Sort industries by employment, mean, median, p90"),
    (["salary", "-i", "pharma", "-i", "hospitals", "--sort", "lq"], "--sort lq compares places with the nation; BLS "
     "publishes no location quotient for an industry. Sort industries by employment, mean, median, p90"),
    (["salary", "--where", ""], "--where takes states or metros, not ''"),
    (["salary", "--history", "--top", "2", "-i", "pharma"], "--history is a view of its own; it does not combine with "
                                                            "--industry, --top"),
    (["salary", "--where", "states", "--sort", "mean"], "--where is a view of its own; it does not combine with --sort"),
    (["certs", "cpam", "--body", "ahima"], "--body and --role filter the list; leave them out when you name one credential"),
    (["certs", "--role", ""], "unknown role ''. Run `hmcareer roles` to list them."),
    (["match", "--background", ""], "unknown background ''. Valid --background values: nurse, physician, clinician, "
                                    "billing, records, it, public-health, business, administrative, student."),
    (["roles", "--force"], "--force only applies with --output FILE (it allows replacing an existing file)"),
])
def test_empty_or_conflicting_values_are_usage_errors(hm, args, message):
    r = hm(*args)
    assert (r.code, r.out, r.err) == (2, "", f"hmcareer: {message}\n")


def test_output_dash_is_stdout_and_format_is_case_insensitive(hm, tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    r = hm("roles", "-o", "-", "-f", "JSON")
    assert r.code == 0 and json.loads(r.out)["kind"] == "roles"
    assert list(work.iterdir()) == []


@pytest.mark.parametrize("value, shown", [("0", False), ("false", False), ("no", False), ("off", False), ("", False),
                                          (" OFF ", False), ("1", True), ("yes", True), ("true", True), ("ON", True)])
def test_hmcareer_debug_values(hm, data_copy, value, shown):
    (data_copy / "roles.yaml").write_text("roles: [\n")
    r = hm("--data-dir", str(data_copy), "roles", env={"HMCAREER_DEBUG": value})
    assert r.code == 1 and ("Traceback" in r.err) is shown


def test_closed_stdout_is_one_line():
    import subprocess

    r = subprocess.run(f"{sys.executable} -m hmcareer roles >&-", shell=True, capture_output=True, text=True, timeout=60)
    assert (r.returncode, r.stderr) == (1, "hmcareer: standard output is closed; nothing to write the answer to\n")


def test_undecodable_bytes_in_a_metro_are_an_unknown_metro(hm):
    r = hm("salary", "--metro", "bost\udcc3zz")  # what Python makes of invalid UTF-8 on the command line
    assert r.code == 2 and r.err.startswith("hmcareer: unknown metro")


# --- tracebacks only when asked ----------------------------------------------------------------


@pytest.fixture
def broken_data(data_copy):
    (data_copy / "roles.yaml").write_text("roles: [\n")
    return data_copy


def test_a_data_error_is_one_line_without_debug(hm, broken_data):
    r = hm("--data-dir", str(broken_data), "roles")
    assert (r.code, r.out) == (1, "")
    assert r.err == f"hmcareer: data error: {broken_data}/roles.yaml:2: invalid YAML: did not find expected node content\n"


@pytest.mark.parametrize("switch", [{"args": ["--debug"]}, {"env": {"HMCAREER_DEBUG": "1"}}])
def test_debug_shows_the_traceback_of_a_data_error(hm, broken_data, switch):
    r = hm(*switch.get("args", []), "--data-dir", str(broken_data), "roles", env=switch.get("env"))
    assert (r.code, r.out) == (1, "")
    assert r.err.startswith("Traceback (most recent call last):\n")
    assert "hmcareer.errors.DataError:" in r.err
    assert r.err.endswith(f"hmcareer: data error: {broken_data}/roles.yaml:2: invalid YAML: did not find expected node content\n")


@pytest.fixture
def bug(monkeypatch):
    def broken(_catalog):
        raise RuntimeError("boom")

    monkeypatch.setattr("hmcareer.query.list_associations", broken)


def test_an_internal_error_is_one_line_without_debug(hm, bug):
    r = hm("associations")
    assert (r.code, r.out) == (1, "")
    assert r.err == "hmcareer: internal error (RuntimeError: boom). Rerun with --debug for the traceback and please report it.\n"


@pytest.mark.parametrize("switch", [{"args": ["--debug"]}, {"env": {"HMCAREER_DEBUG": "1"}}])
def test_debug_shows_the_traceback_of_an_internal_error(hm, bug, switch):
    r = hm(*switch.get("args", []), "associations", env=switch.get("env"))
    assert (r.code, r.out) == (1, "")
    assert r.err.startswith("Traceback (most recent call last):\n")
    assert 'raise RuntimeError("boom")' in r.err
    assert r.err.endswith("hmcareer: internal error (RuntimeError: boom); please report it with the traceback above.\n")


@pytest.mark.parametrize("debug", [False, True])
def test_the_installed_entry_point_shows_tracebacks_only_with_debug(broken_data, debug):
    import os
    import subprocess
    import sys

    env = {**os.environ, "HMCAREER_NO_CACHE": "1"}
    env.pop("HMCAREER_DEBUG", None)
    args = [sys.executable, "-m", "hmcareer", *(["--debug"] if debug else []), "--data-dir", str(broken_data), "roles"]
    r = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)
    assert (r.returncode, r.stdout) == (1, "")
    assert ("Traceback" in r.stderr) is debug
    assert r.stderr.endswith(f"hmcareer: data error: {broken_data}/roles.yaml:2: invalid YAML: did not find expected node content\n")


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


def test_csv_tells_not_published_from_not_applicable_and_names_its_source(hm):
    rows = list(csv.DictReader(io.StringIO(hm("salary", "--industry", "513000", "-f", "csv").out)))
    national, publishing = rows
    # Publishing Industries: BLS published the jobs (130) and no wage; the nation has no location quotient at all.
    assert (publishing["employment"], publishing["annual_mean"], publishing["annual_p90"]) == ("130", "not published",
                                                                                             "not published")
    assert (national["location_quotient"], national["annual_mean"]) == ("", "140970")
    assert {(r["source"], r["reference_period"]) for r in rows} == {("bls-oews-may2025", "May 2025")}


def test_markdown_ends_with_the_sources_it_cites_in_full(hm):
    out = hm("salary", "--industry", "pharma", "-f", "markdown").out
    view, sources = out.split("\nSources:\n\n")
    assert "| 325400 | Pharmaceutical and Medicine Manufacturing | 1,660 | $251,570 | $221,020 |" in view
    assert sources.splitlines() == [
        "- `bls-oews-may2025`, BLS: U.S. Bureau of Labor Statistics, *Occupational Employment and Wage Statistics (OEWS), May "
        "2025, 11-9111 Medical and Health Services Managers (time-series flat files oe.data.0.Current, release 2025A01)* "
        "(2026-05-15), <https://download.bls.gov/pub/time.series/oe/>",
        "- `job-description-2012`, 2012 job description (checked): Unknown publisher (a widely copied web job description), "
        "*Medical and Health Manager Job Description & Career Opportunities, a 2012 web text that hmcareer checks claim by "
        "claim* (2012-02-14)",
        "- `bls-cpi-u`, BLS: U.S. Bureau of Labor Statistics, *Consumer Price Index for All Urban Consumers (CPI-U), U.S. city "
        "average, all items (series CUUR0000SA0), not seasonally adjusted, annual averages 2000-2025, 1982-84=100 (flat files "
        "cu.data)* (2026), <https://download.bls.gov/pub/time.series/cu/>"]


def test_csv_says_which_figures_a_source_did_not_give(hm):
    outlook = list(csv.DictReader(io.StringIO(hm("outlook", "-f", "csv").out)))
    assert [(r["edition"], r["openings_per_year"]) for r in outlook[1:3]] == [("2022-32", "54700"), ("2019-29", "not shown")]
    history = list(csv.DictReader(io.StringIO(hm("salary", "--history", "-f", "csv").out)))
    assert (history[0]["year"], history[0]["median_hourly"], history[0]["change_pct"]) == ("2002", "not given", "")


def test_top_level_help_fits_forty_columns_lists_explore_first_and_cuts_nothing(hm):
    out = hm("--help", env={"COLUMNS": "40"}).out
    assert max(map(len, out.splitlines())) <= 40
    commands = out.split("Commands:")[1]
    assert commands.split()[0] == "explore"
    assert "Browse everything interactively:\n      menus by number or name, b to go\n      back, q to quit." in commands
    assert "    [env var: HMCAREER_DATA_DIR]\n" in out and "  --install-completion\n" in out  # names kept whole
    wide = hm("--help", env={"COLUMNS": "80"}).out
    assert "  explore       Browse everything interactively: menus by number or name, b to\n" in wide
    assert "(including what an\n                old credential became)." in wide  # a description whole, not cut to "..."


def test_command_help_gives_one_example_a_line(hm):
    out = hm("salary", "--help", env={"COLUMNS": "80"}).out
    assert ("\n  Examples:\n    hmcareer salary --industry pharma --industry hospitals\n"
            "    hmcareer salary --state NY --state TX --percentiles\n") in out
    for command in ("roles", "certs", "paths", "match", "switch", "occupations", "search", "claims", "sources", "licence",
                    "brief"):
        help_text = hm(command, "--help", env={"COLUMNS": "80"}).out
        assert " | hmcareer" not in help_text and "\n    hmcareer " in help_text, command


def test_a_command_help_at_forty_columns_stacks_its_options(hm):
    out = hm("salary", "--help", env={"COLUMNS": "40"}).out
    assert "\n  -i, --industry NAME\n      Industry by BLS code, alias or\n" in out
    assert [line for line in out.splitlines() if len(line) > 40] == []
    # A long example broken between its arguments, an option with its value, as one shell command.
    assert ("\n    hmcareer salary --state all \\\n        --cost-of-living \\\n        --sort adjusted\n") in out
    for command in ("match", "brief", "paths", "switch", "search", "certs", "licence"):
        lines = hm(command, "--help", env={"COLUMNS": "40"}).out.splitlines()
        assert [line for line in lines if len(line) > 40] == [], command


def test_top_level_help_gives_a_few_examples(hm):
    for width in ("40", "80"):
        out = hm("--help", env={"COLUMNS": width}).out
        assert ("\n  Examples:\n    hmcareer explore\n    hmcareer salary --industry pharma\n    hmcareer roles\n"
                "    hmcareer certs\n") in out


# --- leaving without tearing the interpreter down (hmcareer/__main__.py) -----------------------------------------------

EXIT_HANDLERS = """
import atexit, sys
registered = []
atexit.register = lambda function, *args, **kwargs: registered.append(function) or function
sys.argv = ["hmcareer", *sys.argv[1:]]
from hmcareer.cli import main
try:
    main()
except SystemExit:
    pass
others = [f"{f.__module__}.{f.__qualname__}" for f in registered if (f.__module__, f.__qualname__) != ("logging", "shutdown")]
sys.stderr.write(f"exit handlers: {others}")
"""


@pytest.mark.parametrize("args", [["roles"], ["salary", "--metro", "boston", "-f", "json"], ["switch", "--from", "rn"],
                                  ["brief", "nha", "--state", "OH"], ["explore"], ["nonsense"]])
def test_no_command_registers_an_exit_handler_that_leaving_early_would_skip(args):
    """hmcareer/__main__.py ends with os._exit, which runs no exit handler: only logging's (Rich 13 imports logging) may be
    registered, and it is run there."""
    import subprocess

    done = subprocess.run([sys.executable, "-c", EXIT_HANDLERS, *args], capture_output=True, text=True, input="q\n",
                          timeout=120)
    assert done.stderr.endswith("exit handlers: []"), done.stderr[-300:]


@pytest.mark.parametrize(("args", "code", "out", "err"), [
    (["roles", "--format", "csv"], 0, "id,title,", ""),
    (["salary", "--metro", "nowhere-at-all"], 2, "", "hmcareer: unknown metro 'nowhere-at-all'"),
    (["salary", "--bogus"], 2, "", "hmcareer: no such option: --bogus"),
    (["explore"], 0, "", ""),
])
def test_the_console_script_leaves_with_the_commands_code_and_all_its_output(args, code, out, err):
    import subprocess

    done = subprocess.run([sys.executable, "-m", "hmcareer", *args], capture_output=True, text=True, input="q\n", timeout=120)
    assert done.returncode == code, done.stderr
    assert done.stdout.startswith(out) and done.stderr.startswith(err)
    if args[0] == "roles":
        assert done.stdout.endswith("\n") and len(done.stdout.splitlines()) > 7  # every row, flushed


def test_the_console_script_leaves_a_data_error_with_exit_1_and_its_one_line(broken_data, tmp_path):
    import subprocess

    done = subprocess.run([sys.executable, "-m", "hmcareer", "--data-dir", str(broken_data), "roles"], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "HMCAREER_CACHE_DIR": str(tmp_path / "cache")})
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"hmcareer: data error: {broken_data}/roles.yaml:2: invalid YAML: did not find expected node content\n"
