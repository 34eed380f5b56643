"""The nursing home administrator licence by state: the import, the facts of several states, every source, the
conflicts between sources, the command and its formats, and the state carried into paths, match, switch and certs."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re

import pytest
from conftest import REPO

from hmcareer import licensing
from hmcareer.catalog import Catalog
from hmcareer.errors import NotFound
from hmcareer.explore import Explorer
from hmcareer.render.terminal import Terminal

spec = importlib.util.spec_from_file_location("import_nha", REPO / "scripts" / "import_nha.py")
import_nha = importlib.util.module_from_spec(spec)
spec.loader.exec_module(import_nha)

OHIO_BOARD = "https://beltss.ohio.gov/board-info"


@pytest.fixture
def lic():
    """A catalog of its own: reading the licence facts adds their sources to `sources` (the shared one stays as is)."""
    return Catalog(cache_dir=None)


# --- the import ----------------------------------------------------------------------------------------------------

def test_committed_file_equals_a_fresh_import(tmp_path):
    out = tmp_path / "nha_licensing.json"
    assert import_nha.main(["--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (REPO / "data" / "nha_licensing.json").read_text(encoding="utf-8")


def test_check_mode_detects_drift(tmp_path):
    out = tmp_path / "nha_licensing.json"
    out.write_text("{}\n")
    assert import_nha.main(["--out", str(out), "--check"]) == 1
    assert import_nha.main(["--out", str(out)]) == 0
    assert import_nha.main(["--out", str(out), "--check"]) == 0


def test_every_cell_and_status_of_the_facts_survives(lic):
    with (import_nha.RAW / "nha_licensing.csv").open(newline="", encoding="utf-8") as handle:
        rows = {row["state_code"]: row for row in csv.DictReader(handle)}
    states = {s.code: s for s in lic.licensing.states}
    assert len(rows) == len(states) == 52  # 50 states, DC and Puerto Rico (searched, nothing found)
    for code, row in rows.items():
        for field in import_nha.FIELDS:
            cell = states[code].fields[field]
            assert cell.status == row[f"status_{field}"], (code, field)
            # Only the citations change spelling: [OH2 OFF] -> [nha-oh2].
            assert re.sub(r"\[([A-Z]+\d+) [A-Z0-9]+\]", lambda m: f"[nha-{m[1].lower()}]", row[field]) == cell.text
        assert states[code].sources == tuple(f"nha-{x.lower()}" for x in row["sources"].split(";") if x)


def test_every_source_id_resolves_with_its_date(lic):
    data = lic.licensing
    assert len(data.sources) == 287
    cited = set()
    for s in data.states:
        cited.update(s.sources)
        for field in s.fields.values():
            cited.update(field.sources)
            cited.update(re.findall(r"\[(nha-[a-z0-9]+)\]", field.text))
    for note in (*data.federal, *data.nab, *data.conflicts):
        cited.update(note.sources)
    assert cited <= set(data.sources)
    assert cited <= set(lic.sources)  # joined the catalog's sources, so every view resolves them
    assert len(cited) == 287  # every source is used somewhere
    assert data.sources["nha-az4"].date == "current through 2024-09-20"
    assert data.sources["nha-f1"].tag == "CFR"


def test_a_source_id_resolves_on_the_command_line(hm):
    r = hm("sources", "nha-az4")
    assert r.code == 0
    assert "nha-az4  copy of an official document, current through 2024-09-20" in r.out
    assert "https://regulations.justia.com/states/arizona/title-4/chapter-33/article-2/r4-33-206" in r.out


# --- the facts of several states ----------------------------------------------------------------------------------

def test_ohio_steps_durations_and_board(lic):
    oh = licensing.state_steps(lic, "ohio")
    assert (oh.code, oh.board_url) == ("OH", OHIO_BOARD)
    assert oh.board.text.startswith("Ohio Board of Executives of Long-Term Services and Supports (BELTSS)")
    education, ait, exams, ce = oh.steps
    assert [s.kind for s in oh.steps] == ["education", "ait", "exams", "ce"]
    assert education.short == "bachelor's" and "100-clock-hr Core of Knowledge course" in education.text
    assert ait.short == "6-9mo"
    assert ait.text.startswith("Registered internship: 9 months full-time with bachelor's, 6 months with master's")
    assert exams.short == "NAB+state" and exams.text == "National exam + Ohio state exam [nha-oh2]"
    assert ce.short == "40h/2yr" and ce.text.startswith("40+ clock hrs per biennium (27-month window)")
    assert {s.status for s in oh.steps} == {"V"}
    assert [(s.id, s.date) for s in ce.sources][:1] == [("nha-oh5", "current through 2024-09-16")]


def test_texas(lic):
    tx = licensing.state_steps(lic, "TX")
    assert tx.name == "Texas" and tx.board.text.startswith("Texas Health and Human Services Commission (HHSC)")
    assert [s.short for s in tx.steps] == ["bachelor's", "500-1,000h", "NAB+state", "40h/2yr"]
    assert tx.steps[1].text.startswith("1,000-hr internship under an approved preceptor; 500 hrs with")
    assert tx.steps[3].text.startswith("40 hrs per 2-yr licence period")


def test_arizona_expiry_conflict_keeps_both_values_with_their_dates(lic, hm):
    detail = licensing.licence_detail(lic, "arizona")
    expiry = detail.conflicts[0]
    assert expiry.label == "Arizona licence expiry"
    assert "June 30 of even-numbered years [nha-az2]" in expiry.text
    assert "30 days after the birthday in even-numbered years [nha-az4]" in expiry.text
    r = hm("licence", "AZ", env={"COLUMNS": "120"})
    assert r.code == 0
    out = " ".join(r.out.split())
    assert "Where sources disagree (both shown, none picked)" in out
    assert "nha-az2: official, Arizona NCIA Board, undated" in out
    assert "nha-az4: copy of an official document, Justia Regulations, current through 2024-09-20" in out
    md = hm("licence", "AZ", "--format", "markdown").out
    assert "(nha-az2: undated; nha-az4: current through 2024-09-20; nha-az3: current through 2024-09-20)" in md


def test_oregon_ce_conflict_is_shown_not_resolved(lic):
    orr = licensing.state_steps(lic, "oregon")
    ce = orr.steps[3]
    assert ce.short == "conflict" and ce.status == "P"
    assert "20 hrs per licence year [nha-or3]" in ce.text and "10+ hrs/yr" in ce.text
    assert licensing.licence_detail(lic, "OR").conflicts[0].label == "Oregon CE hours"


def test_not_found_says_where_to_check(hm):
    pa = " ".join(hm("licence", "pennsylvania", env={"COLUMNS": "200"}).out.split())
    assert ("Exams [not found] not found: check https://www.pa.gov/agencies/dos/department-and-"
            "offices/bpoa/boards-commissions/nursing-home-administrators/resources-and-documents.html") in pa
    hi = " ".join(hm("licence", "HI", env={"COLUMNS": "200"}).out.split())
    assert "Board website: not found" in hi
    assert ("Reciprocity and HSE [not found] not found: check Hawaii Board of Examiners of "
            "Nursing Home Administrators, attached to DCCA") in hi
    assert "Continuing education and renewal: 3P only [third-party only]" in hi


def test_puerto_rico_is_searched_not_a_state_of_the_table(lic):
    table = licensing.licence_table(lic)
    assert len(table.states) == 51 and [s.code for s in table.missing] == ["PR"]
    pr = licensing.state_steps(lic, "puerto rico")
    assert {s.status for s in pr.steps} == {"N"} and pr.board_url is None


def test_hse_states_as_far_as_the_facts_say(lic):
    assert licensing.hse_states(lic) == ("AZ", "CO", "IN", "IA", "MN", "NV", "ND", "OH", "UT", "WA", "WI")


def test_unknown_state_suggests_the_closest(lic, hm):
    with pytest.raises(NotFound) as exc:
        licensing.find_state(lic, "Ohoi")
    assert exc.value.choices == ("OH (Ohio)",)
    r = hm("licence", "Ohoi")
    assert r.code == 2 and r.out == ""
    assert r.err == "hmcareer: unknown licence state 'Ohoi'. Did you mean: OH (Ohio)? Run `hmcareer licence` to list them.\n"


# --- the command ---------------------------------------------------------------------------------------------------

def test_table_of_every_state_fits_80_columns(hm):
    r = hm("licence", env={"COLUMNS": "80"})
    assert r.code == 0
    lines = r.out.splitlines()
    assert max(map(len, lines)) <= 80
    assert "OH beltss.ohio.gov              bachelor's    6-9mo        NAB+state  40h/2yr" in lines
    assert "TX hhs.texas.gov                bachelor's    500-1,000h   NAB+state  40h/2yr" in lines
    assert sum(bool(re.match(r"[A-Z]{2} ", line)) for line in lines) == 51
    assert "Puerto Rico (PR): searched; no nursing home administrator licence found." in lines


def test_table_is_readable_at_40_columns(hm):
    r = hm("licence", env={"COLUMNS": "40"})
    assert r.code == 0 and max(map(len, r.out.splitlines())) <= 40
    assert "OH\n  board site:\n    beltss.ohio.gov\n  lowest degree:\n    bachelor's\n  AIT:\n    6-9mo" in r.out


def test_license_is_the_same_command(hm):
    assert hm("license", "OH").out == hm("licence", "ohio").out


def test_state_json_is_a_stable_contract(hm):
    r = hm("licence", "OH", "--format", "json")
    assert r.code == 0
    doc = json.loads(r.out)
    assert doc["kind"] == "licence" and doc["schema"] == "hmcareer/1"
    assert set(doc) == {"schema", "kind", "app_version", "data_release", "state", "reciprocity_hse", "conflicts",
                        "federal_basis", "hse", "state_sources", "sources", "nothing_found"}
    state = doc["state"]
    assert set(state) == {"code", "name", "board", "board_url", "steps", "compiled"}
    assert (state["code"], state["board_url"], state["compiled"]) == ("OH", OHIO_BOARD, "2026-12-01")
    ait = state["steps"][1]
    assert set(ait) == {"kind", "label", "short", "text", "status", "status_label", "sources"}
    assert (ait["kind"], ait["short"], ait["status"], ait["sources"]) == ("ait", "6-9mo", "V", ["nha-oh2", "nha-oh7"])
    sources = {s["id"]: s for s in doc["sources"]}
    assert sources["nha-oh5"]["date"] == "current through 2024-09-16" and sources["nha-oh5"]["tag"] == "MIR"
    assert doc["federal_basis"]["label"] == "Basis" and doc["federal_basis"]["sources"] == ["nha-f1"]


def test_table_json_csv_and_markdown(hm):
    doc = json.loads(hm("licence", "--format", "json").out)
    assert doc["kind"] == "licences" and len(doc["records"]) == 51 and doc["not_found"] == ["PR"]
    oh = next(r for r in doc["records"] if r["code"] == "OH")
    assert (oh["degree"], oh["ait"], oh["exams"], oh["ce"]) == ("bachelor's", "6-9mo", "NAB+state", "40h/2yr")
    assert oh["status"]["ce"] == "V"
    rows = list(csv.DictReader(io.StringIO(hm("licence", "--format", "csv").out)))
    assert len(rows) == 51 and rows[0]["code"] == "AL" and rows[0]["status_ce"] == "3"
    md = hm("licence", "OH", "--format", "markdown").out
    assert md.startswith("# Ohio (OH): nursing home administrator licence")
    assert f"- **Board website**: <{OHIO_BOARD}>" in md
    assert "- `nha-oh5`, copy of an official document: Justia Regulations, *OAC 4751-1-13 CE* (current through " in md


# --- the state carried into the other views ------------------------------------------------------------------------

def test_paths_puts_the_states_steps_under_the_licence(hm):
    r = hm("paths", "nha", "--from", "rn", "--degree", "bachelor", "--state", "OH", env={"COLUMNS": "200"})
    assert r.code == 0
    out = " ".join(r.out.split())
    assert "Ohio licence (board site beltss.ohio.gov)" in out
    assert "Administrator in training (AIT): 6-9mo; [verified] Registered internship: 9 months full-time" in out
    assert f"Board website: {OHIO_BOARD}" in out
    assert out.index("licence: NHA") < out.index("Ohio licence") < out.index("role: Nursing home administrator")
    doc = json.loads(hm("paths", "nha", "--state", "texas", "--format", "json").out)
    assert doc["licence_state"]["code"] == "TX" and doc["licence_state"]["steps"][1]["short"] == "500-1,000h"
    assert json.loads(hm("paths", "nha", "--format", "json").out)["licence_state"] is None


def test_state_needs_the_nha_role_or_licence(hm):
    r = hm("paths", "clinical-manager", "--state", "OH")
    assert r.code == 2 and "Clinical manager needs no state licence" in r.err
    r = hm("certs", "FACHE", "--state", "OH")
    assert r.code == 2 and "FACHE is not set state by state" in r.err


def test_match_switch_and_certs_carry_the_state(hm):
    doc = json.loads(hm("match", "--background", "nurse", "--state", "OH", "--format", "json").out)
    assert doc["licence_state"]["code"] == "OH"
    doc = json.loads(hm("switch", "--from", "rn", "--state", "OH", "--format", "json").out)
    assert doc["kind"] == "switch" and doc["licence_state"]["steps"][3]["short"] == "40h/2yr"
    assert json.loads(hm("switch", "--from", "rn", "--format", "json").out)["licence_state"] is None
    out = " ".join(hm("switch", "--from", "rn", "--state", "OH", env={"COLUMNS": "200"}).out.split())
    assert "If you aim for nursing home administrator: the licence in Ohio" in out
    doc = json.loads(hm("certs", "NHA", "--state", "OH", "--format", "json").out)
    assert doc["kind"] == "cert" and doc["licence_state"]["state"]["code"] == "OH"


def test_explorer_asks_for_a_state_on_the_nha_role_and_keeps_it_for_the_path(lic):
    feed = ["roles", "nha", "licence", "ohoi", "OH", "b", "path", "q"]
    out = io.StringIO()

    def read_line(prompt: str) -> str:
        out.write(prompt)
        item = feed.pop(0)
        out.write(item + "\n")
        return item

    assert Explorer(lic, Terminal(out, io.StringIO(), color=False, width=120, unicode=True), read_line).run() == 0
    text = " ".join(out.getvalue().split())
    assert "4 licence the licence in your state: steps, durations, board" in text
    assert "No licence state matches 'ohoi'. Did you mean OH (Ohio)?" in text
    assert "Ohio (OH): nursing home administrator licence" in text
    assert text.index("next> path") < text.index("Ohio licence (board site beltss.ohio.gov)")
    assert "hmcareer licence" not in text  # the explorer names no commands


# --- HSE: NAB's own pathway ------------------------------------------------------------------------------------------

def test_hse_is_described_by_nab_not_a_third_party(catalog):
    hse = next(x for x in catalog.credentials if x.id == "hse")
    assert "nelssummit-hse" not in hse.sources
    assert [r.sources for r in hse.requires] == [("nab-hse-education-path",)]
    nha = next(r for r in catalog.roles if r.id == "nursing-home-administrator")
    assert all("nelssummit-hse" not in f.sources for f in nha.ladder)
    assert any("National Practitioner Data Bank check and a 1,000-hour" in f.text for f in nha.ladder)


def test_validate_names_a_broken_licence_file(hm, data_copy):
    path = data_copy / "nha_licensing.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["states"][0]["fields"]["ait"]["sources"] = ["nha-nowhere"]
    path.write_text(json.dumps(data), encoding="utf-8")
    r = hm("validate", str(data_copy))
    assert r.code == 1
    assert f"{path}: states[0].fields.ait: unknown source id 'nha-nowhere'" in r.err
