"""What a new user's review of the licence and the brief found: each defect, as the user met it."""

from __future__ import annotations

import re

import pytest

from hmcareer import licensing
from hmcareer.catalog import Catalog
from hmcareer.industries import nested
from hmcareer.licence_models import abbreviations_in
from hmcareer.query import national_industry


@pytest.fixture(scope="module")
def cat():
    return Catalog()


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- 1. a place with nothing found (Puerto Rico) -------------------------------------------------------------------

def test_licence_for_a_place_with_nothing_found_is_one_clear_line(hm):
    r = hm("licence", "PR", env={"COLUMNS": "80"})
    assert r.code == 0
    out = _flat(r.out)
    assert ("Puerto Rico (PR): searched; no nursing home administrator licence facts were found (searches surfaced only "
            "Departamento de la Familia facility licensing for elder-care establishments, not an NHA licence).") in out
    assert "ask the not found" not in out and "Sources for Puerto Rico" not in out and "Education" not in out
    import json

    assert json.loads(hm("licence", "PR", "--format", "json").out)["nothing_found"] is True
    assert json.loads(hm("licence", "OH", "--format", "json").out)["nothing_found"] is False
    md = hm("licence", "PR", "--format", "markdown").out
    assert "searched; no nursing home administrator licence facts were found" in md and "nha-h1" not in md


def test_brief_for_a_place_with_nothing_found_reads_no_field_as_a_value(hm):
    out = hm("brief", "nha", "--state", "PR").out
    assert "not found (not found)" not in out and "in Puerto Rico: not found" not in out
    assert "Puerto Rico was searched and no licence facts were found for it" in out
    assert "check the Puerto Rico licensing board" not in out


def test_brief_reads_a_field_not_found_as_where_to_check(hm):
    out = hm("brief", "nha", "--metro", "boston").out
    assert "in Massachusetts: not found, not found" not in out
    assert "in Massachusetts: not found: check mass.gov; how long" in out
    assert "**Education:** not found (statute only sets exam admission" in out and "): check mass.gov" in out


# --- 2. paths and the brief read the state's steps from one place --------------------------------------------------

def test_state_reading_replaces_what_states_in_general_ask(cat):
    ohio = licensing.state_steps(cat, "OH")
    steps = {s.step: s for s in licensing_steps(cat)}
    assert licensing.state_reading(steps["degree"], ohio).reading == "bachelor's (verified)"
    ait = licensing.state_reading(steps["experience"], ohio)
    assert (ait.label, ait.reading) == ("Administrator in training (AIT)", "6-9mo (verified)")
    assert licensing.state_reading(steps["licence"], ohio).reading == "exams: NAB+state (verified)"
    assert licensing.state_reading(steps["degree"], licensing.state_steps(cat, "PR")) is None


def licensing_steps(cat):
    from hmcareer.query import find_role, resolve_steps

    return resolve_steps(cat, find_role(cat, "nha"))


def test_paths_with_a_state_show_its_steps_not_the_general_ones(hm):
    for args in (("paths", "nha", "--state", "OH"), ("paths", "nha", "--from", "nurse", "--state", "OH")):
        out = _flat(hm(*args, env={"COLUMNS": "80"}).out)
        assert "Alabama" not in out and "in many states" not in out, args
        assert "experience: Administrator in training (AIT) - in Ohio: 6-9mo (verified)" in out, args
        assert "- in Ohio: exams: NAB+state (verified)" in out, args
    md = hm("paths", "nha", "--state", "OH", "--format", "markdown").out
    assert "in many states" not in md and "in Ohio: 6-9mo (verified)" in md


def test_paths_json_adds_the_state_reading(hm):
    import json

    doc = json.loads(hm("paths", "nha", "--state", "OH", "--format", "json").out)
    steps = {s["step"]: s for s in doc["records"][0]["steps"]}
    assert steps["experience"]["state_reading"] == {
        "kind": "ait", "label": "Administrator in training (AIT)", "reading": "6-9mo (verified)", "short": "6-9mo",
        "status": "V", "status_label": "verified"}
    assert steps["experience"]["detail"] is not None or "label" in steps["experience"]  # the general step stays too
    plain = json.loads(hm("paths", "nha", "--format", "json").out)
    assert "state_reading" not in plain["records"][0]["steps"][0]


# --- 3. industry totals and their parts -------------------------------------------------------------------------

def test_role_industries_nest_their_totals(cat):
    rows = [national_industry(cat, code) for code in ("623100", "623000", "623300", "623900")]
    assert [(e.industry_code, depth, total) for e, depth, total in nested(rows)] == [
        ("623000", 0, True), ("623100", 1, False), ("623300", 1, False), ("623900", 1, False)]


def test_role_view_marks_totals_and_indents_their_parts(hm):
    out = hm("roles", "nha", env={"COLUMNS": "80"}).out
    assert "623000   Nursing and Residential     58,820" in out and "Care Facilities (total)" in out
    assert "623100     Nursing Care              30,930" in out
    assert "(total) = the rows indented under it are part of it: do not add them to it." in out
    md = hm("roles", "nha", "--format", "markdown").out
    assert "| 623000 | Nursing and Residential Care Facilities (total) | 58,820 |" in md
    assert "| 623100 | · Nursing Care Facilities (Skilled Nursing Facilities) | 30,930 |" in md


def test_brief_marks_totals_in_its_table_and_chart(hm, tmp_path):
    out = hm("brief", "nha").out
    assert "| Nursing and Residential Care Facilities (total) | 58,820 |" in out
    assert "An industry marked (total) includes the ones listed under it (marked · in a table): do not add them up." in out
    page = tmp_path / "b.html"
    assert hm("brief", "nha", "-o", str(page)).code == 0
    html = page.read_text()
    assert "Nursing and Residential Care Facilities (total): 58,820 jobs" in html
    assert 'fill="#ffffff" stroke="#2f6aa3"' in html  # the total is an outline


# --- 4. a legend and a glossary of what the page abbreviates ----------------------------------------------------

def test_state_page_explains_the_abbreviations_it_shows(hm):
    out = _flat(hm("licence", "OH", env={"COLUMNS": "80"}).out)
    assert "3P (old): about 1,500 hrs with BA [nha-oh7]" in out  # the facts stay literal
    assert "Abbreviations: 3P a third-party source only, not the board's own: unconfirmed;" in out
    assert "BA bachelor of arts (a bachelor's degree)" in out and "NPDB National Practitioner Data Bank" in out
    assert "SNF skilled nursing facility" in out and "AL assisted living (in SNF/AL)" in out
    assert "ICF" not in out  # only what the page uses
    md = hm("licence", "OH", "--format", "markdown").out
    assert "Abbreviations: 3P a third-party source only" in md


def test_glossary_finds_whole_words_only():
    assert abbreviations_in(["RNs and LPNs in a NH"]) == (("RN", "registered nurse"), ("LPN", "licensed practical nurse"),
                                                          ("NH", "nursing home"))
    assert abbreviations_in(["NHA exam"]) == (("NHA", "nursing home administrator"),)
    assert abbreviations_in(["a NH"], ("NH",)) == ()


def test_brief_explains_the_abbreviations_of_its_state(hm):
    out = hm("brief", "nha", "--state", "OH").out
    assert "Abbreviations: 3P a third-party source only, not the board's own: unconfirmed; BA bachelor of arts" in out


# --- 5. a mark stays with its value -----------------------------------------------------------------------------

def test_table_marks_stay_with_their_values_and_the_legend_matches(hm):
    out = hm("licence", env={"COLUMNS": "80"}).out
    lines = out.splitlines()
    assert not [line for line in lines if line.strip() in ("~", "(3P)")]
    assert "CO dpo.colorado.gov             see state     1,000h       NAB+state~ 3P only" in lines
    legend = _flat(out)
    assert "~ after a value: partly verified" in legend and "3P only: only a third-party source gives it" in legend
    assert "(3P) after a value" not in legend  # no cell shows it


# --- 6. lookups --------------------------------------------------------------------------------------------------

def test_a_territory_without_licence_facts_says_so(hm):
    r = hm("licence", "guam")
    assert r.code == 2 and r.out == ""
    assert r.err == ("hmcareer: Guam is not covered by the licence facts (the 50 states, DC, and Puerto Rico, searched); "
                     "run `hmcareer licence` to list them.\n")


@pytest.mark.parametrize("name", ["washington dc", "Washington D.C.", "DC", "district of columbia"])
def test_washington_dc_is_dc(cat, name):
    assert licensing.find_state(cat, name).code == "DC"


def test_licence_takes_state_as_an_option_too(hm):
    assert hm("licence", "--state", "OH").out == hm("licence", "OH").out
    assert hm("licence", "OH", "--state", "ohio").code == 0
    r = hm("licence", "OH", "--state", "TX")
    assert r.code == 2 and r.out == ""
    assert r.err == "hmcareer: the state is given twice and differs ('OH', --state 'TX'): give one\n"


# --- 7. a metro over several states -----------------------------------------------------------------------------

@pytest.mark.parametrize(("metro", "line"), [
    ("boston", "These are Massachusetts's steps, where BLS files the Boston-Cambridge-Newton, MA-NH area; it also covers "
               "New Hampshire: hmcareer licence NH."),
    ("philadelphia", "These are Pennsylvania's steps, where BLS files the Philadelphia-Camden-Wilmington, PA-NJ-DE-MD "
                     "area; it also covers New Jersey, Delaware and Maryland: hmcareer licence NJ (or DE, MD)."),
])
def test_brief_for_a_metro_over_several_states_says_so(hm, metro, line):
    assert line in hm("brief", "nha", "--metro", metro).out


# --- 8. help ------------------------------------------------------------------------------------------------------

def test_brief_help_names_its_values(hm):
    out = hm("brief", "--help", env={"COLUMNS": "100"}).out
    assert "<str>" not in out and "{role}" not in out
    assert re.search(r"--state STATE", out) and "--metro METRO" in out and "ROLE" in out
