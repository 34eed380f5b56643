"""Other occupations and the move into management: salary --occupation, top-coded wages, occupations, switch, match pay.

Every figure is the one in raw/oews_may2025_related_occupations.csv, raw/oews_may2025_11-9111.csv or raw/onet_29_3/.
"""

from __future__ import annotations

import csv
import json

import pytest
from conftest import REPO

from hmcareer.catalog import Catalog
from hmcareer.errors import Ambiguous, Conflict
from hmcareer.occupations import find_occupation, list_occupations, resolve_from
from hmcareer.profiles import skill_gaps
from hmcareer.query import sort_estimates
from hmcareer.salary import salary_report
from hmcareer.switching import switch_report

CATALOG_ENTRIES = Catalog(cache_dir=None).occupation_index


def _csv_row(soc: str, area_name: str) -> dict[str, str]:
    with open(REPO / "raw" / "oews_may2025_related_occupations.csv", newline="", encoding="utf-8") as f:
        return next(r for r in csv.DictReader(f) if r["soc_code"] == soc and r["area_name"] == area_name)


@pytest.mark.parametrize(("typed", "soc"), [
    ("rn", "29-1141"), ("lpn", "29-2061"), ("np", "29-1171"), ("pa", "29-1071"), ("coder", "29-2072"), ("pt", "29-1123"),
    ("medical assistant", "31-9092"), ("29-1141", "29-1141"), ("291141", "29-1141"), ("Registered Nurses", "29-1141"),
    ("respiratory", "29-1126"), ("11-9111", "11-9111"),
])
def test_an_occupation_is_found_by_code_title_alias_or_prefix(catalog, typed, soc):
    assert find_occupation(catalog, typed).soc == soc


def test_a_name_several_occupations_share_lists_them_by_code_and_title(catalog):
    with pytest.raises(Ambiguous) as info:
        find_occupation(catalog, "nurse")
    assert info.value.choices == ("29-1141 Registered Nurses", "29-2061 Licensed Practical and Licensed Vocational Nurses",
                                  "29-1171 Nurse Practitioners")


def test_a_background_stands_for_its_usual_occupation_or_asks(catalog):
    assert resolve_from(catalog, "nurse").occupation.soc == "29-1141"
    assert resolve_from(catalog, "nurse").background == "nurse"
    assert resolve_from(catalog, "rn").background is None  # named directly
    with pytest.raises(Ambiguous) as info:
        resolve_from(catalog, "clinician")
    assert "29-1123 Physical Therapists" in info.value.choices
    with pytest.raises(Conflict, match="a student has no job to compare"):
        resolve_from(catalog, "student")


def test_salary_of_another_occupation_is_the_csvs_to_the_dollar(catalog):
    report = salary_report(catalog, metros=("boston",), soc="29-1141")
    assert report.release.occupation == "Registered Nurses" and report.release.soc == "29-1141"
    row = _csv_row("29-1141", "Boston-Cambridge-Newton, MA-NH")
    boston = report.selected[0]
    assert (boston.employment, boston.annual_p25, boston.annual_median, boston.annual_p75) == (
        int(row["employment"]), int(row["annual_p25"]), int(row["annual_median"]), int(row["annual_p75"]))
    assert (boston.employment, boston.annual_median, boston.location_quotient) == (64240, 106180, 1.09)
    assert report.national.annual_median == 97550
    wyoming = salary_report(catalog, states=("WY",), soc="29-2061").selected[0]
    assert (wyoming.employment, wyoming.annual_median, wyoming.hourly_median) == (480, 63460, 30.51)
    nonmetro = salary_report(catalog, metros=("western wyoming",), soc="29-2061").selected[0]
    assert (nonmetro.area_code, nonmetro.annual_median) == ("5600006", 64540)


def test_a_cell_bls_did_not_publish_says_so_and_an_area_without_a_row_is_not_published(hm):
    r = hm("salary", "--occupation", "rn", "--metro", "albany, ga", "-f", "json")
    doc = json.loads(r.out)
    albany = doc["selected"][0]
    assert albany["employment"] is None and "employment" in albany["not_published"]
    assert albany["annual_median"] == 80390
    r = hm("salary", "--occupation", "epidemiologist", "--state", "WY", env={"COLUMNS": "80"})
    assert r.code == 0
    # In a table each 'not published' takes two lines, so that its column stays as narrow as a figure.
    lines = r.out.splitlines()
    at = lines.index("Wyoming                      not         not         not         not         not")
    assert lines[at + 1].split() == ["published"] * 5


def test_a_top_coded_wage_is_at_or_above_the_top_code_never_a_number(hm):
    doc = json.loads(hm("salary", "--occupation", "29-1229", "--metro", "bend, or", "-f", "json").out)
    bend = doc["selected"][0]
    assert doc["top_code"] == {"hourly": 115.0, "annual": 239200}
    assert bend["annual_median"] is None and "annual_median" in bend["top_coded"]
    assert "annual_median" not in bend["not_published"]
    assert bend["location_quotient"] == 0.63
    out = hm("salary", "--occupation", "29-1229", "--metro", "bend, or", env={"COLUMNS": "100"}).out
    flat = " ".join(out.split())
    assert "Bend, OR 150 >= $239,200 >= $239,200 1.38 0.63" in flat
    assert "Bend, OR: p10 >= $239,200, p25 >= $239,200, median >= $239,200, p75 >= $239,200, p90 >= $239,200 (no plot" in flat
    assert ("'>=' = BLS's footnote: the wage is equal to or greater than $239,200, and BLS gives no exact figure for it "
            "(cells without the footnote can be higher).") in flat
    hourly = hm("salary", "--occupation", "29-1229", "--metro", "bend, or", "--hourly", env={"COLUMNS": "100"}).out
    assert ">= $115.00" in hourly
    rows = list(csv.DictReader(hm("salary", "--occupation", "29-1229", "--metro", "bend, or", "-f", "csv").out.splitlines()))
    assert rows[1]["annual_median"] == ">= 239200" and rows[1]["hourly_median"] == ">= 115.00"


def test_top_coded_rows_sort_after_every_published_figure(catalog):
    rows = catalog.wages_of("29-1229").rows.select("M")
    ranked = sort_estimates(rows, "median")
    published = [r for r in ranked if r.annual_median is not None]
    top = [r for r in ranked if "annual_median" in r.top_coded]
    assert published and top
    assert ranked[:len(published)] == published  # numbers first, largest first
    assert ranked[len(published):len(published) + len(top)] == top
    assert [r.annual_median for r in published] == sorted((r.annual_median for r in published), reverse=True)


def test_history_is_the_managers_only(hm):
    r = hm("salary", "--history", "--occupation", "rn")
    assert (r.code, r.err) == (2, "hmcareer: --history is the managers' (11-9111) pay over time only; leave out --occupation\n")


def test_occupations_lists_the_thirty_managers_first(catalog, hm):
    report = list_occupations(catalog)
    assert len(report.rows) == 30 and report.rows[0].occupation.soc == "11-9111"
    rn = next(r for r in report.rows if r.occupation.soc == "29-1141")
    assert (rn.national.employment, rn.national.annual_median, rn.job_zone) == (3379720, 97550, 4)
    assert (rn.education.percent, rn.education.suppressed) == (55.92, True)  # shown, and flagged as O*NET flags it
    doc = json.loads(hm("occupations", "-f", "json").out)
    assert doc["kind"] == "occupations" and len(doc["records"]) == 30
    assert doc["records"][0]["most_named_education"]["percent"] == 46.43
    assert doc["onet_data"] == {"source": "onet-29-3-db",
                                "attribution": "O*NET 29.3 Database (May 2025) by USDOL/ETA, used under CC BY 4.0"}


def test_switch_compares_pay_in_the_place_exactly(catalog):
    r = switch_report(catalog, "rn", metro="boston")
    assert r.place_kind == "metro" and r.now.occupation.soc == "29-1141"
    nurse, manager = _csv_row("29-1141", "Boston-Cambridge-Newton, MA-NH"), (89920, 107900, 136760, 188550)
    assert [(c.stat, c.now, c.manager) for c in r.pay] == [
        ("p25", int(nurse["annual_p25"]), manager[1]), ("median", int(nurse["annual_median"]), manager[2]),
        ("p75", int(nurse["annual_p75"]), manager[3])]
    assert [(c.change, c.change_pct) for c in r.pay] == [(13030, 13.7), (30580, 28.8), (35170, 22.9)]
    assert r.managers_per_100 == round(12990 / 64240 * 100, 1) == 20.2
    national = switch_report(catalog, "nurse")
    assert national.background == "nurse" and national.place_kind == "nation"
    assert [c.change for c in national.pay] == [94700 - 80330, 123860 - 97550, 166100 - 112350]
    general = next(i for i in national.industries if i.industry_code == "622100")
    assert (general.median.now, general.median.manager, general.median.change) == (100210, 134050, 33840)
    assert not any(i.industry_code == "622005" for i in national.industries)  # an ownership split overlaps its industry


def test_a_top_coded_side_gives_no_change(catalog):
    r = switch_report(catalog, "29-1229", metro="bend, or")
    median = next(c for c in r.pay if c.stat == "median")
    assert (median.now, median.now_state, median.change) == (None, "top-coded", None)


def test_the_skill_gap_from_nurse_to_manager_ranks_by_level_gap(catalog):
    gaps = skill_gaps(catalog, "29-1141")
    transfer, build, left_out = gaps.transfer, gaps.build, gaps.left_out
    assert (len(transfer), len(build)) == (8, 8) and gaps.transfer_total >= 8 and gaps.build_total >= 8
    assert [g.name for g in build[:3]] == ["Administration and Management", "Personnel and Human Resources",
                                           "Management of Financial Resources"]
    first = build[0]
    assert (first.manager_importance, first.manager_level, first.own_importance, first.own_level) == (4.68, 5.5, 3.29, 2.89)
    assert first.level_gap == 2.61
    gaps = [round(g.manager_level - g.own_level, 6) for g in build]
    assert gaps == sorted(gaps, reverse=True)
    assert all(g.manager_importance >= 3 and g.own_importance >= 3 for g in transfer)
    # O*NET recommends suppressing the nurses' Economics and Accounting rating: it ranks nothing
    assert "Economics and Accounting" not in {g.name for g in (*transfer, *build)}
    assert "Economics and Accounting" in left_out


def test_switch_lists_technology_the_nurses_profile_lacks_hot_first(catalog):
    r = switch_report(catalog, "rn")
    own = {t.example for t in catalog.onet_of("29-1141").technology}
    assert r.technology and not any(t.example in own for t in r.technology)
    assert [t.hot for t in r.technology] == sorted((t.hot for t in r.technology), reverse=True)
    assert r.technology_total == len([t for t in catalog.onet_of("11-9111").technology if t.example not in own])


def test_switch_in_every_format(hm):
    r = hm("switch", "--from", "rn", "--metro", "boston", env={"COLUMNS": "80"})
    assert r.code == 0, r.err
    flat = " ".join(r.out.split())
    assert "median $106,180 $136,760 +$30,580 (+28.8%)" in flat
    assert "20.2 manager jobs for every 100 jobs of registered nurses in Boston-Cambridge-Newton, MA-NH." in flat
    assert "O*NET 29.3 Database (May 2025) by USDOL/ETA, used under CC BY 4.0." in flat
    doc = json.loads(hm("switch", "--from", "rn", "--metro", "boston", "-f", "json").out)
    assert doc["kind"] == "switch" and doc["current"]["soc"] == "29-1141" and doc["manager"]["soc"] == "11-9111"
    assert doc["pay"][1] == {"stat": "median", "now": 106180, "manager": 136760, "now_state": "", "manager_state": "",
                             "change": 30580, "change_pct": 28.8}
    assert doc["onet_data"]["source"] == "onet-29-3-db"
    assert {s["id"] for s in doc["sources"]} >= {"bls-oews-may2025", "onet-29-3-db"}
    rows = list(csv.DictReader(hm("switch", "--from", "rn", "--metro", "boston", "-f", "csv").out.splitlines()))
    assert (rows[1]["section"], rows[1]["item"], rows[1]["current"], rows[1]["manager"], rows[1]["change"]) == (
        "pay", "median", "106180", "136760", "30580")
    assert rows[1]["current_occupation"] == "29-1141 Registered Nurses"
    assert rows[1]["source"] == "bls-oews-may2025-related; bls-oews-may2025"
    sections = {r["section"] for r in rows}
    assert sections == {"pay", "jobs", "industry median", "required education", "transfers", "to build", "technology to learn",
                        "role that fits"}
    build = next(r for r in rows if r["section"] == "to build")
    assert (build["item"], build["current"], build["manager"], build["change"]) == (
        "Administration and Management (knowledge)", "3.29 / 2.89", "4.68 / 5.5", "2.61")
    markdown = hm("switch", "--from", "rn", "-f", "markdown").out
    assert markdown.startswith("# From registered nurses (29-1141) to medical and health services manager, in the United "
                               "States\n")
    assert "| median | $97,550 | $123,860 | +$26,310 (+27.0%) |" in markdown
    assert markdown.rstrip().endswith("O*NET 29.3 Database (May 2025) by USDOL/ETA, used under CC BY 4.0")
    top = list(csv.DictReader(hm("switch", "--from", "29-1229", "--metro", "bend, or", "-f", "csv").out.splitlines()))
    assert (top[1]["current"], top[1]["change"]) == (">= 239200", "not computed")


@pytest.mark.parametrize(("args", "message"), [
    (("--from", "11-9111"), "hmcareer: 11-9111 is the managers' own occupation; name the job you hold now\n"),
    (("--from", "rn", "--state", "OH", "--metro", "boston"), "hmcareer: give one place: --state or --metro, not both\n"),
    (("--from", "astronaut"), "hmcareer: unknown occupation 'astronaut'. Run `hmcareer occupations` to list them.\n"),
])
def test_switch_refuses_in_one_line(hm, args, message):
    r = hm("switch", *args)
    assert (r.code, r.err, r.out) == (2, message, "")


def test_match_shows_each_roles_pay_and_the_change_from_the_occupation(hm):
    doc = json.loads(hm("match", "--occupation", "rn", "-f", "json").out)
    first = doc["records"][0]
    assert doc["current_occupation"] == "29-1141" and doc["profile"]["occupation"] == "Registered Nurses (29-1141)"
    assert first["pay"]["industry_code"] == "622100" and first["pay"]["annual_median"] == 134050
    assert first["change_from_current"]["change"] == 134050 - 100210
    boston = hm("match", "--occupation", "rn", "--metro", "boston", env={"COLUMNS": "80"}).out
    assert "Pay for every role: median $136,760" in " ".join(boston.split())
    assert doc["current_occupation_assumed"] is False
    assert "licence: Registered nurse (RN) licence (assumed from your occupation; say --licence none if not)" in " ".join(
        hm("match", "--occupation", "rn", env={"COLUMNS": "80"}).out.split())


def test_match_with_a_background_compares_with_its_usual_occupation_and_says_so(hm):
    doc = json.loads(hm("match", "--from", "nurse", "-f", "json").out)
    assert (doc["current_occupation"], doc["current_occupation_assumed"]) == ("29-1141", True)
    assert doc["profile"]["occupation"] is None  # the profile (and its licence) stays the background's
    first = doc["records"][0]
    assert first["role"] == "clinical-manager" and first["change_from_current"]["change"] == 134050 - 100210
    text = " ".join(hm("match", "--from", "nurse", env={"COLUMNS": "80"}).out.split())
    assert ("the change is from registered nurses (29-1141) in the same industry or place, the usual occupation of the "
            "background Nurse (RN, LPN) (name yours with --occupation).") in text
    # A background with no usual occupation compares with none.
    clinician = json.loads(hm("match", "--from", "clinician", "-f", "json").out)
    assert clinician["current_occupation"] is None and clinician["records"][0]["change_from_current"] is None


def test_occupation_and_background_must_agree(hm):
    r = hm("match", "--from", "billing", "--occupation", "rn")
    assert r.code == 2 and "Registered Nurses is the background Nurse (RN, LPN), not 'billing'" in r.err


def test_search_finds_occupations_and_onet_technology(hm):
    out = " ".join(hm("search", "registered", "nurse", env={"COLUMNS": "100"}).out.split())
    assert "29-1141 Registered Nurses" in out
    doc = json.loads(hm("search", "epic", "-f", "json").out)
    epic = next(h for h in doc["records"] if h["id"] == "Epic Systems")
    assert epic["kind"] == "technology" and epic["source"] == "onet-29-3-db"
    assert "listed for 11-9111" in epic["label"]


def test_the_managers_profile_shows_onet_and_the_handbook(hm):
    r = hm("occupations", "11-9111", env={"COLUMNS": "100"})
    assert r.code == 0, r.err
    assert "Tasks (O*NET 11-9111.00; core first)" in r.out and "What they do (BLS Occupational Outlook Handbook)" in r.out
    assert "Important qualities" in r.out and "Work environment" in r.out
    doc = json.loads(hm("occupations", "11-9111", "-f", "json").out)
    assert len(doc["onet"]["tasks"]) == 18 and doc["onet"]["job_zone"]["zone"] == 4
    rows = list(csv.DictReader(hm("occupations", "rn", "-f", "csv").out.splitlines()))
    economics = next(r for r in rows if r["name"] == "Economics and Accounting")
    assert (economics["importance_suppressed"], economics["level_suppressed"], economics["onet_soc"]) == (
        "false", "true", "29-1141.00")
    bachelor = next(r for r in rows if r["kind"] == "education RL" and r["name"] == "Bachelor's Degree")
    assert (bachelor["percent"], bachelor["suppressed"]) == ("55.92", "true")
    assert economics["attribution"] == "O*NET 29.3 Database (May 2025) by USDOL/ETA, used under CC BY 4.0"


@pytest.mark.parametrize("soc", [e.soc for e in CATALOG_ENTRIES if e.background])
def test_switch_ranks_roles_as_match_does_for_the_occupation(catalog, soc):
    """switch ranks by fit points alone; for a profile of an occupation and nothing more that is match's order, since
    no answer shows a step still to do."""
    from hmcareer.matching import make_profile, match_roles, ranked_by_points, with_occupation

    entry = find_occupation(catalog, soc)
    profile = with_occupation(make_profile(entry.background), entry)
    report = match_roles(catalog, profile)
    assert all(not m.to_do for m in report.matches)
    assert [m.role.id for m in report.matches] == [role.id for role, _ in ranked_by_points(catalog, profile)]
    assert [f.role_id for f in switch_report(catalog, soc).roles] == [m.role.id for m in report.matches[:3]]


def test_switch_flags_what_bls_marks_imprecise(hm):
    out = " ".join(hm("switch", "--from", "21-1091", env={"COLUMNS": "100"}).out.split())
    assert "Offices of Other Health Practitioners ! $51,550 $98,960 +$47,410 (+92.0%)" in out
    assert ("! less reliable estimate, health education specialists in Offices of Other Health Practitioners: employment "
            "RSE 35.8%, wage RSE 27.0%") in out
    assert "'!' = relative standard error above 25% (jobs) or 10% (wages)." in out


def test_switch_names_the_onet_profile_that_stands_for_the_occupation(hm):
    out = " ".join(hm("switch", "--from", "29-1229", env={"COLUMNS": "100"}).out.split())
    assert "Other physicians (O*NET 29-1229.02, Hospitalists):" in out
    doc = json.loads(hm("switch", "--from", "29-1229", "-f", "json").out)
    assert (doc["current"]["onet_soc"], doc["current"]["onet_title"]) == ("29-1229.02", "Hospitalists")
    assert doc["current"]["onet_note"]


@pytest.mark.parametrize(("typed", "area"), [("boston, ma", "Boston-Cambridge-Newton, MA-NH"),
                                             ("los angeles ca", "Los Angeles-Long Beach-Anaheim, CA")])
def test_a_metro_as_people_write_it(catalog, typed, area):
    from hmcareer.query import find_metro

    assert find_metro(catalog, typed).area_name == area
    assert find_metro(catalog, typed, "29-1141").area_name == area


def test_onets_own_code_and_a_background_word_find_occupations(catalog, hm):
    assert find_occupation(catalog, "29-1141.00").soc == "29-1141"
    r = hm("salary", "--occupation", "clinician")
    assert r.code == 2 and "matches several: 29-1071 Physician Assistants; 29-1051 Pharmacists" in r.err
    r = hm("switch", "--from", "rn", "--metro", "all")
    assert (r.code, r.err) == (2, "hmcareer: this view compares one place: give one state or metro (salary --state all lists "
                                  "them all)\n")
    assert hm("salary", "--occupation", "11-9111", "--history").code == 0


def test_validate_holds_the_occupation_index_to_the_wage_tables(hm, data_copy):
    index = data_copy / "occupation_index.yaml"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("    title: Registered Nurses\n", "    title: Registered Nurse\n", 1), encoding="utf-8")
    r = hm("validate", str(data_copy))
    assert r.code == 1
    assert ("occupations[29-1141].title: 'Registered Nurse' is not its wage table's title, 'Registered Nurses'" in r.err)
    start = text.index("  - soc: 29-2061")
    index.write_text(text[:start] + text[text.index("  - soc: 29-1171"):], encoding="utf-8")
    r = hm("validate", str(data_copy))
    assert r.code == 1 and "occupations: no entry for 29-2061, which has a wage table; add one" in r.err
