"""The 2012 job description: every claim it makes listed with its check, and the word "seed" nowhere a user looks."""

from __future__ import annotations

import json
import re

import pytest
from test_explore import session
from test_terminal import VIEWS
from typer.main import get_command

from hmcareer import query
from hmcareer.cli import app
from hmcareer.models import VERDICTS

FORMATS = ("table", "json", "csv", "markdown")


def _no_seed(*texts: str) -> None:
    for text in texts:
        found = re.search(r".{0,60}seed.{0,60}", text, re.IGNORECASE | re.DOTALL)
        assert found is None, found.group(0)


# --- no "seed" in any output ---------------------------------------------------------------


def _commands(catalog) -> list[list[str]]:
    """Every view (VIEWS), every role, credential and source on its own, and every listing filter."""
    return [*VIEWS, *(["roles", r.id] for r in catalog.roles), *(["certs", x.abbreviation] for x in catalog.credentials),
            ["sources", "job-description-2012"], ["certs", "--body", "aaham"], ["education"], ["associations"],
            ["salary", "-i", "nursing"], ["salary", "-i", "all"], ["paths", "clinical-manager", "--from", "nurse"],
            *(["claims", "--verdict", v.replace(" ", "-")] for v in VERDICTS)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_says_seed(hm, catalog, fmt):
    for command in _commands(catalog):
        r = hm(*command, "--format", fmt)
        assert r.code == 0, (command, r.err)
        _no_seed(r.out, r.err)


def test_no_help_validate_or_error_says_seed(hm):
    runs = [hm(), hm("--help"), hm("--version"), hm("validate"), hm("sources"), hm("claims", "--verdict", "nonsense"),
            hm("roles", "nope"), hm("certs", "cpamm"), hm("nope")]
    runs += [hm(name, "--help") for name in get_command(app).commands]
    for r in runs:
        _no_seed(r.out, r.err)


def test_validate_problems_use_the_new_names(hm, data_copy):
    claims = data_copy / "claims.yaml"
    claims.write_text(claims.read_text().replace("verdict: wrong", "verdict: inconsistent", 1))
    sources = data_copy / "sources.yaml"
    sources.write_text(sources.read_text().replace("tag: CLAIMS", "tag: BLOG", 1))
    r = hm("validate", str(data_copy))
    assert r.code == 1
    assert "claims[hitech-ten-year-mandate].verdict: expected one of true, out of date, wrong, unverified, got 'inconsistent'" in r.err
    _no_seed(r.out, r.err)


def test_the_explorer_says_no_seed(catalog):
    walks = [("roles", "health-agency", "b", "b"), ("roles", "clinical", "b", "b"), ("salary", "pharma", "b"),
             ("education", "degrees", "b"), ("credentials", "cpam", "b", "b"), ("associations",), ("claims",)]
    for walk in walks:
        code, out, err = session(catalog, *walk, "q", width=80)
        assert code == 0
        _no_seed(out, err)


# --- the 2012 text named once, its claims only beside their checks -------------------------


def test_the_2012_text_is_explained_once_where_it_first_appears(hm):
    for command in (["salary", "-i", "pharma"], ["roles"], ["certs"], ["education"], ["associations"], ["roles", "clinical"]):
        out = hm(*command, env={"COLUMNS": "200"}).out
        assert out.count("The 2012 job description: a widely copied web text") == 1, command
        assert "(hmcareer claims lists every check)" in out


def test_a_role_only_the_2012_text_describes_says_so(hm):
    for role in ("health-agency-administrator", "small-facility-manager"):
        out = " ".join(hm("roles", role).out.split())
        assert "Only the 2012 job description describes this role" in out
        assert "Checked claim:" in out and "Verdict: unverified." in out
    out = " ".join(hm("roles", "assistant-administrator").out.split())
    assert "Only the 2012 job description describes this role" not in out


def test_the_clinical_licence_is_shown_as_that_texts_claim(hm):
    out = " ".join(hm("roles", "clinical-manager").out.split())
    assert "Licence: no source names one for the post itself" in out
    assert 'Checked claim: "At a minimum, clinical department managers will possess licensure' in out
    assert "a clinical licence in their specialty" not in out


def test_coursework_is_a_checked_claim_not_a_list_of_facts(hm):
    out = " ".join(hm("education").out.split())
    assert 'Checked claim: "Coursework will include classes in health economics' in out
    assert "Seed text (2012)" not in out


# --- every claim has a check ---------------------------------------------------------------


def test_every_claim_has_a_verdict_a_check_sources_and_a_period(catalog):
    assert len(catalog.claims) == 42
    ids = [x.id for x in catalog.claims]
    assert len(set(ids)) == len(ids)
    for x in catalog.claims:
        assert x.verdict in VERDICTS and x.check and x.sources and x.period, x.id
        assert set(x.sources) <= set(catalog.sources), x.id
        assert "job-description-2012" not in x.sources, x.id  # a check rests on other evidence


def test_the_claims_the_issue_names_are_all_checked(catalog):
    claims = " ".join(x.claim for x in catalog.claims)
    for words in ("sometimes called healthcare administrators or healthcare executives", "no official distinction",
                  "almost always graduates of four year programs", "public administration, or business administration",
                  "biostatistics, epidemiology, marketing", "licensure or credentialing in their chosen clinical specialty",
                  "accredited bachelors or masters degree programs in health information management",
                  "private industry tend to earn more", "nursing care facilities make the least",
                  "Certification is not a standard requirement", "does offer five levels of certification",
                  "Certified Compliance Technician (CCT)", "American Public Health Association (APHA) at both the national",
                  "Professional Resources chapters of the American Medical Association", "(AMIA)", "(ASLME)", "(AHIMA)",
                  "According to the BLS, http://www.bls.gov/oco/", "At the agency level", "Assistant medical manager report",
                  "Medical managers of small facilities", "Clinical managers are often healthcare providers",
                  "Health information managers are responsible", "group medical practice may be responsible"):
        assert words in claims, words
    by_id = {x.id: x for x in catalog.claims}
    assert by_id["ama-professional-resources"].verdict == "unverified"
    assert by_id["aaham-five-levels"].verdict == "out of date"
    assert by_id["pharma-pay"].verdict == "wrong"


def _mean(row):
    return row.annual_mean


def test_nursing_care_rank_is_computed_from_the_wage_table(catalog):
    """The nursing-care check's figures, counted from data/oews.jsonl (national industry rows with a published
    annual mean): at its own level (4, four-digit industries) and over every level below the sector (3 to 5)."""
    rows = [e for e in query.national_rows(catalog) if e.annual_mean is not None]
    nursing = next(e for e in rows if e.industry_code == "623100")
    assert (nursing.industry_level, nursing.annual_mean) == (4, 114750)
    level4 = [e for e in rows if e.industry_level == 4]
    assert len(level4) == 69 and sum(e.annual_mean < nursing.annual_mean for e in level4) + 1 == 18
    lowest = min(level4, key=_mean)
    assert (lowest.industry_code, lowest.annual_mean) == ("812100", 79700)
    below_sector = [e for e in rows if e.industry_level in (3, 4, 5)]
    assert len(below_sector) == 137 and sum(e.annual_mean < nursing.annual_mean for e in below_sector) + 1 == 34
    health = [e for e in level4 if e.industry_code.startswith("62")]
    assert len(health) == 21 and sum(e.annual_mean < nursing.annual_mean for e in health) == 9
    check = " ".join(next(x for x in catalog.claims if x.id == "nursing-care-least").check.split())
    for figure in ("$114,750", "18th-lowest of the 69", "812100, $79,700", "137 industry rows", "34th-lowest",
                   "9 of its 21"):
        assert figure in check


def test_private_industry_comparison_is_computed_from_the_wage_table(catalog):
    rows = {e.industry_code: e for e in query.national_rows(catalog)}
    health, hospitals = rows["62--63"], rows["622000"]
    others = [e for e in query.national_rows(catalog) if e.industry_level == 2
              and e.industry_code not in ("62--63", "99-100", "999101", "999201", "999301")]
    published = [e for e in others if e.annual_mean is not None]
    assert (health.annual_mean, hospitals.annual_mean, health.employment) == (134810, 154470, 465700)
    assert (len(others), len(published)) == (14, 13)
    assert sum(e.annual_mean > health.annual_mean for e in published) == 11
    assert sum(e.annual_mean > hospitals.annual_mean for e in published) == 10
    assert sorted(e.annual_mean for e in published if e.annual_mean < health.annual_mean) == [121920, 131110]
    assert sum(e.employment for e in others) == 87490
    assert (rows["000001"].annual_mean, rows["999001"].annual_mean) == (140290, 145280)
    check = " ".join(next(x for x in catalog.claims if x.id == "private-industry-pays-more").check.split())
    for figure in ("11 of the 13", "$134,810", "10 more than hospitals (622000, $154,470)", "87,490", "465,700",
                   "$140,290", "$145,280", "$121,920", "$131,110"):
        assert figure in check


def test_pay_range_in_the_check_is_computed_from_the_wage_table(catalog):
    level4 = [e for e in query.national_rows(catalog) if e.industry_level == 4 and e.annual_mean is not None]
    states = [e for e in query.area_rows(catalog, "S") if e.annual_mean is not None]
    low, high = min(level4, key=_mean), max(level4, key=_mean)
    assert (low.industry_code, low.annual_mean, high.industry_code, high.annual_mean) == ("812100", 79700, "711200", 259080)
    assert len(states) == 54
    assert (min(states, key=_mean).area_name, min(states, key=_mean).annual_mean) == ("Arkansas", 101500)
    assert (max(states, key=_mean).area_name, max(states, key=_mean).annual_mean) == ("New York", 184960)
    government = {e.industry_code: e.employment for e in query.national_rows(catalog)}
    assert (government["999101"], government["999201"], government["999301"]) == (22820, 25160, 33880)


# --- the claims command --------------------------------------------------------------------


def test_claims_json_contract(hm):
    r = hm("claims", "--format", "json")
    assert r.code == 0 and r.err == ""
    doc = json.loads(r.out)
    assert (doc["schema"], doc["kind"], doc["filters"]) == ("hmcareer/1", "claims", {})
    assert len(doc["records"]) == 42
    by_id = {x["id"]: x for x in doc["records"]}
    assert by_id["pharma-pay"] == {
        "id": "pharma-pay", "subject_kind": "industry", "subject_ref": "325400",
        "claim": "Medical and health managers who work in the pharmaceutical industry earn the highest amount with mean "
                 "hourly earnings of $72.05 and yearly gross salaries of $156,050",
        "verdict": "wrong", "check": by_id["pharma-pay"]["check"], "sources": ["bls-oews-may2025", "bls-cpi-u"], "period": "May 2025"}
    assert "72.05 x 2,080 = 149,864" in by_id["pharma-pay"]["check"]
    assert "the pair is $101.03 an hour and $218,818 a year in 2025 dollars" in " ".join(by_id["pharma-pay"]["check"].split())
    assert by_id["bls-oco-citation"] == {
        "id": "bls-oco-citation", "subject_kind": "general", "subject_ref": None,
        "claim": "According to the BLS, http://www.bls.gov/oco/", "verdict": "out of date",
        "check": by_id["bls-oco-citation"]["check"], "sources": ["bls-ooh-2010", "bls-ooh-2023"], "period": "2012-10-17"}
    assert by_id["ama-professional-resources"]["verdict"] == "unverified"
    assert {"bls-oews-may2025", "onet-29-3-db"} <= {s["id"] for s in doc["sources"]}


def test_claims_filtered_by_verdict(hm):
    doc = json.loads(hm("claims", "--verdict", "Out-of-Date", "-f", "json").out)
    assert doc["filters"] == {"verdict": "out of date"}
    assert [x["id"] for x in doc["records"]] == ["bls-oco-citation", "aaham-five-levels", "aaham-cpam", "aaham-ccam",
                                                 "aaham-cpat", "aaham-ccat"]
    doc = json.loads(hm("claims", "--verdict", "wrong", "-f", "json").out)
    # "Nursing care makes the least" is false in May 2025 but could not be checked for 2012: unverified, not wrong.
    assert [x["id"] for x in doc["records"]] == ["hitech-ten-year-mandate", "standard-masters", "pharma-pay"]


def test_claims_csv(hm):
    r = hm("claims", "--verdict", "wrong", "--format", "csv")
    lines = r.out.splitlines()
    assert lines[0] == "id,verdict,claim,check,sources,period,subject_kind,subject_ref"
    assert lines[3].startswith('pharma-pay,wrong,"Medical and health managers who work in the pharmaceutical industry')
    assert lines[3].endswith(",bls-oews-may2025; bls-cpi-u,May 2025,industry,325400")
    assert len(lines) == 4


def test_claims_markdown_is_for_people(hm):
    r = hm("claims", "--verdict", "unverified", "--format", "markdown")
    assert r.out.startswith("# Checked claims of the 2012 job description: unverified\n")
    assert "## ama-professional-resources: unverified\n\n> the Professional Resources chapters of the American Medical " \
           "Association\n\n- **Check:** The American Medical Association exists" in r.out
    assert "|" not in r.out.split("\nSources:\n")[0]  # a heading and a block per claim, not a table
    assert "- `britannica-ama`, third party: " in r.out and "<https://" in r.out  # the sources, with their addresses, at the end


@pytest.mark.parametrize("value", ["wrng", "out of dte", "ture"])
def test_a_bad_verdict_is_one_line_with_a_suggestion(hm, value):
    r = hm("claims", "--verdict", value)
    assert r.code == 2 and r.out == ""
    assert r.err.count("\n") == 1 and "did you mean" in r.err and r.err.startswith("hmcareer: unknown --verdict")


def test_a_verdict_that_resembles_none_lists_them(hm):
    r = hm("claims", "--verdict", "maybe")
    assert r.code == 2 and r.out == ""
    assert r.err == "hmcareer: unknown --verdict 'maybe'; Verdicts: true, out-of-date, wrong, unverified\n"


@pytest.mark.parametrize("width", ["40", "80"])
def test_claims_table_reads_at_40_and_80_columns(hm, width):
    r = hm("claims", env={"COLUMNS": width})
    assert r.code == 0
    assert all(len(line) <= int(width) for line in r.out.splitlines())
    assert "42 claims: 17 true, 6 out of date, 3 wrong, 16 unverified." in " ".join(r.out.split())
