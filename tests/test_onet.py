"""O*NET 29.3 profiles (data/onet/SOC.json): figures exactly as O*NET's CSVs give them, flags kept, damage named."""

from __future__ import annotations

import csv
import importlib.util
import json

import pytest
from conftest import REPO

from hmcareer.catalog import Catalog, validate
from hmcareer.errors import DataError, NotFound
from hmcareer.models import ONET_ATTRIBUTION, OnetProfile

RAW = REPO / "raw" / "onet_29_3"
spec = importlib.util.spec_from_file_location("import_onet", REPO / "scripts" / "import_onet.py")
import_onet = importlib.util.module_from_spec(spec)
spec.loader.exec_module(import_onet)


def _csv(name: str, code: str) -> list[dict[str, str]]:
    with (RAW / name).open(newline="", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["O*NET-SOC Code"] == code]


def _number(raw: str) -> float | None:
    return None if raw == "" else float(raw)


def _flag(raw: str) -> bool | None:
    return None if raw == "" else raw == "Y"


def test_every_bls_code_has_one_profile(catalog):
    assert catalog.onet_codes() == catalog.occupation_codes() and len(catalog.onet_codes()) == 30
    for soc in catalog.onet_codes():
        profile = catalog.onet_of(soc)
        assert type(profile) is OnetProfile and profile.soc == soc
        assert profile.onet_soc == import_onet.CHOICES[soc][0]
        assert (profile.release, profile.source) == ("O*NET 29.3", "onet-29-3-db")
        assert profile.source in catalog.sources
        if profile.onet_soc != f"{soc}.00":
            assert profile.note
    assert catalog.onet_of("29-1141") is catalog.onet_of("29-1141")  # read once
    with pytest.raises(NotFound) as exc:
        catalog.onet_of("29-9999")
    assert exc.value.kind == "occupation profile" and "29-1141" in exc.value.choices


def test_the_managers_profile_as_the_data_readme_counts_it(catalog):
    managers = catalog.onet_of("11-9111")
    assert (managers.onet_soc, managers.title, managers.note) == ("11-9111.00", "Medical and Health Services Managers", None)
    assert (managers.job_zone.zone, managers.job_zone.date) == (4, "08/2022")
    assert managers.job_zone.name == "Job Zone Four: Considerable Preparation Needed"
    assert (len(managers.tasks), sum(t.core for t in managers.tasks)) == (18, 17)
    assert (len(managers.skills), len(managers.knowledge), len(managers.work_styles)) == (35, 33, 16)
    assert (len(managers.technology), sum(t.hot is True for t in managers.technology)) == (127, 41)
    assert (len(managers.alternate_titles), len(managers.reported_titles), len(managers.related)) == (95, 10, 20)
    assert [r.onet_soc for r in managers.related[:2]] == ["15-1211.01", "29-1141.04"]
    required = {s.description: s.percent for s in managers.education if s.scale == "RL"}
    rows = {r["Category"]: r["Data Value"] for r in _csv("education_training_and_experience.csv", "11-9111.00")
            if r["Scale ID"] == "RL"}
    assert (rows["6"], rows["8"]) == ("46.43", "21.43")  # the data README's 46.4% and 21.4%
    assert (required["Bachelor's Degree"], required["Master's Degree"]) == (46.43, 21.43)
    assert [i.name for i in managers.interests] == ["Realistic", "Investigative", "Artistic", "Social", "Enterprising",
                                                    "Conventional"]
    assert [t.title for t in managers.reported_titles if t.shown_in_my_next_move] == sorted(
        r["Reported Job Title"] for r in _csv("sample_of_reported_titles.csv", "11-9111.00") if r["Shown in My Next Move"] == "Y")


def test_a_nurse_skill_exactly_as_in_the_csv(catalog):
    listening = next(r for r in catalog.onet_of("29-1141").skills if r.name == "Active Listening")
    assert (listening.element_id, listening.importance, listening.level) == ("2.A.1.b", 4, 4.25)
    assert (listening.importance_n, listening.importance_se, listening.level_se, listening.level_lower,
            listening.level_upper) == (8, 0, 0.1637, 3.9292, 4.5708)
    assert (listening.date, listening.domain_source, listening.suppressed, listening.not_relevant) == (
        "08/2021", "Analyst", False, False)


def test_the_code_that_stands_for_part_of_a_bls_code_says_so(catalog):
    labs = catalog.onet_of("29-2010")
    assert (labs.onet_soc, labs.title) == ("29-2011.00", "Medical and Clinical Laboratory Technologists")
    assert "29-2011" in labs.note and "29-2012" in labs.note and "technologists" in labs.note
    physicians = catalog.onet_of("29-1229")
    assert physicians.onet_soc == "29-1229.02" and "29-1229.00" in physicians.note and len(physicians.skills) == 35
    assert "15-1211.01 Health Informatics Specialists" in catalog.onet_of("15-1211").note
    records = catalog.onet_of("29-2072")  # O*NET rates only its technology, interests and job zone
    assert (records.skills, records.knowledge, records.education) == ((), (), ())
    assert records.technology and "no skills, knowledge, work styles or education ratings" in records.note


def test_a_suppressed_rating_is_kept_and_flagged(catalog):
    im, lv = _csv("knowledge.csv", "29-1141.00")[4:6]
    assert (im["Element Name"], lv["Recommend Suppress"], lv["Not Relevant"]) == ("Economics and Accounting", "Y", "N")
    economics = next(r for r in catalog.onet_of("29-1141").knowledge if r.element_id == "2.C.1.c")
    assert (economics.importance, economics.importance_suppressed) == (1.74, False)
    assert (economics.level, economics.level_suppressed, economics.not_relevant, economics.suppressed) == (
        0.93, True, False, True)


def test_a_rating_not_relevant_is_kept_and_flagged(catalog):
    selection = next(r for r in catalog.onet_of("11-9111").skills if r.name == "Equipment Selection")
    assert (selection.importance, selection.level, selection.not_relevant, selection.suppressed) == (1, 0, True, False)


def test_work_styles_have_no_level_and_blank_cells_stay_none(catalog):
    styles = catalog.onet_of("11-9111").work_styles
    assert all(s.level is None and s.level_n is None and s.not_relevant is None for s in styles)
    share = catalog.onet_of("11-9111").education[0]  # O*NET gives no error or flag for these expert ratings
    assert (share.scale, share.category, share.percent, share.se, share.lower, share.suppressed) == (
        "RL", 1, 0, None, None, None)


@pytest.mark.parametrize("soc", import_onet.CHOICES)
def test_every_rating_of_every_profile_is_the_csvs(catalog, soc):
    profile = catalog.onet_of(soc)
    code = profile.onet_soc
    for table, name in (("skills", "skills.csv"), ("knowledge", "knowledge.csv"), ("work_styles", "work_styles.csv")):
        ratings = {r.element_id: r for r in getattr(profile, table)}
        rows = _csv(name, code)
        assert len(rows) == len(ratings) * (1 if table == "work_styles" else 2)
        for row in rows:
            rating = ratings[row["Element ID"]]
            scale = "importance" if row["Scale ID"] == "IM" else "level"
            assert (rating.name, rating.date, rating.domain_source) == (row["Element Name"], row["Date"], row["Domain Source"])
            assert getattr(rating, scale) == float(row["Data Value"])
            for field, column in (("n", "N"), ("se", "Standard Error"), ("lower", "Lower CI Bound"), ("upper", "Upper CI Bound")):
                assert getattr(rating, f"{scale}_{field}") == _number(row[column]), (table, row["Element ID"], column)
            assert getattr(rating, f"{scale}_suppressed") is _flag(row["Recommend Suppress"])
            if scale == "level":
                assert rating.not_relevant is _flag(row["Not Relevant"])
    shares = {(s.scale, s.category): s for s in profile.education}
    rows = [r for r in _csv("education_training_and_experience.csv", code) if r["Scale ID"] != "IM"]
    assert len(rows) == len(shares)
    for row in rows:
        share = shares[row["Scale ID"], int(row["Category"])]
        assert (share.percent, share.n, share.se, share.lower, share.upper) == tuple(
            _number(row[c]) for c in ("Data Value", "N", "Standard Error", "Lower CI Bound", "Upper CI Bound"))
        assert (share.suppressed, share.date, share.domain_source) == (_flag(row["Recommend Suppress"]), row["Date"],
                                                                       row["Domain Source"])
    technology = {(t.example, t.commodity_code): t for t in profile.technology}
    rows = _csv("technology_skills.csv", code)
    assert len(rows) == len(technology)
    for row in rows:
        item = technology[row["Example"], int(row["Commodity Code"])]
        assert (item.commodity_title, item.hot, item.in_demand) == (row["Commodity Title"], row["Hot Technology"] == "Y",
                                                                    row["In Demand"] == "Y")
    interests = [(r["Element Name"], float(r["Data Value"])) for r in _csv("interests.csv", code) if r["Scale ID"] == "OI"]
    assert [(i.name, i.value) for i in profile.interests] == interests
    (zone,) = _csv("job_zones.csv", code)
    assert (profile.job_zone.zone, profile.job_zone.date) == (int(zone["Job Zone"]), zone["Date"])


def test_the_attribution_names_the_release_and_usdol_eta():
    assert "O*NET 29.3" in ONET_ATTRIBUTION and "USDOL/ETA" in ONET_ATTRIBUTION and "CC BY 4.0" in ONET_ATTRIBUTION


# --- a data directory's own profiles -------------------------------------------------------------------------------


def _copy(data_copy, soc: str, edit=None) -> object:
    folder = data_copy / "onet"
    folder.mkdir(exist_ok=True)
    text = (REPO / "data" / "onet" / f"{soc}.json").read_text(encoding="utf-8")
    if edit is not None:
        changed = edit(text)
        assert changed != text
        text = changed
    path = folder / f"{soc}.json"
    path.write_text(text, encoding="utf-8")
    return path


def _document_edit(change):
    def edit(text: str) -> str:
        document = json.loads(text)
        change(document)
        return json.dumps(document)
    return edit


def _set_row(table: str, index: int, column: str, value):
    def change(document):
        document[table]["rows"][index][document[table]["columns"].index(column)] = value
    return _document_edit(change)


@pytest.mark.parametrize(("edit", "message"), [
    (_set_row("skills", 0, "importance", 9), "skills.rows[0].importance: 9 is outside O*NET's scale (1-5)"),
    (_set_row("knowledge", 2, "level", 7.5), "knowledge.rows[2].level: 7.5 is outside O*NET's scale (0-7)"),
    (_set_row("education", 5, "percent", 146.43), "education.rows[5].percent: 146.43 is outside O*NET's scale (0-100)"),
    (_set_row("technology", 0, "hot", "Y"), "technology.rows[0].hot: expected true, false or null, got text"),
    (_set_row("skills", 3, "importance_n", 8.5), "skills.rows[3].importance_n: expected a whole number, got 8.5"),
    (_set_row("tasks", 0, "task_type", "Essential"), "tasks.rows[0].task_type: expected one of Core, Supplemental"),
    (_set_row("education", 0, "scale", "XX"), "education.rows[0].scale: expected one of RL, RW, PT, OJ, got 'XX'"),
    (_set_row("skills", 0, "date", "2022-08"), "skills.rows[0].date: '2022-08' is not of the form O*NET gives"),
    (_set_row("skills", 1, "element_id", "2.A.1.a"), "skills.rows[1]: a second row for 2.A.1.a"),
    (_document_edit(lambda d: d["job_zone"].update(zone=6)), "job_zone.zone: expected a job zone from 1 to 5, got 6"),
    (_document_edit(lambda d: d.pop("knowledge")), "knowledge: missing required key"),
    (_document_edit(lambda d: d.pop("title")), "title: missing required key"),
    (_document_edit(lambda d: d["work_styles"]["columns"].pop()), "work_styles.columns: expected ["),
    (_document_edit(lambda d: d["skills"]["rows"][0].pop()), "skills.rows[0]: expected a list of 17 values"),
    (_document_edit(lambda d: d.update(soc="11-9112")), "soc: expected '11-9111' (the file's name), got '11-9112'"),
    (lambda text: text.replace('"release":"O*NET 29.3"', '"release":"ONET"', 1), "release: expected the form 'O*NET 29.3'"),
    (lambda text: text.replace('"Analyst"]', '"Analyst",]', 1), "invalid JSON: "),
])
def test_a_damaged_profile_names_its_file_and_key(data_copy, edit, message):
    path = _copy(data_copy, "11-9111", edit)
    with pytest.raises(DataError) as exc:
        Catalog(data_copy, cache_dir=None).onet_of("11-9111")
    problems = [str(p) for p in exc.value.problems]
    assert any(p.startswith(f"{path}") and message in p for p in problems), problems


def test_a_data_directory_replaces_one_profile(data_copy):
    _copy(data_copy, "29-1141", lambda text: text.replace('"title":"Registered Nurses"', '"title":"Nurses (local copy)"', 1))
    catalog = Catalog(data_copy, cache_dir=None)
    assert catalog.onet_of("29-1141").title == "Nurses (local copy)"
    assert (catalog.onet_origin("29-1141"), catalog.onet_origin("29-2061")) == ("user", "bundled")
    assert catalog.onet_of("29-2061").title.startswith("Licensed Practical")


def test_the_cache_serves_exactly_what_the_file_says(data_copy, tmp_path):
    cache = tmp_path / "cache"
    path = _copy(data_copy, "11-9111")
    assert Catalog(data_copy, cache_dir=cache).onet_of("11-9111").job_zone.zone == 4
    assert list(cache.glob("onet-*.entry"))
    again = Catalog(data_copy, cache_dir=cache).onet_of("11-9111")
    assert again == Catalog(data_copy, cache_dir=None).onet_of("11-9111")
    path.write_text(path.read_text(encoding="utf-8").replace('{"zone":4,', '{"zone":5,', 1), encoding="utf-8")
    assert Catalog(data_copy, cache_dir=cache).onet_of("11-9111").job_zone.zone == 5
    listening = '["2.A.1.b","Active Listening",4,'
    assert listening in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(listening, '["2.A.1.b","Active Listening",4.6,'), encoding="utf-8")
    assert Catalog(data_copy, cache_dir=cache).onet_of("11-9111").skills[1].importance == 4.6


def test_validate_checks_a_folders_own_profiles(hm, data_copy):
    _copy(data_copy, "29-2061")
    assert hm("validate", str(data_copy)).code == 0
    _copy(data_copy, "29-2061", _set_row("skills", 0, "level", -1))
    r = hm("validate", str(data_copy))
    assert r.code == 1 and "onet/29-2061.json: skills.rows[0].level: expected a finite number, not negative, got -1" in r.err
    _copy(data_copy, "29-2061", lambda text: text.replace('"source":"onet-29-3-db"', '"source":"onet-99"', 1))
    problems, _ = validate(Catalog(data_copy, cache_dir=None, check_keys=True))
    assert [str(p) for p in problems] == [f"{data_copy}/onet/29-2061.json: source: unknown source id 'onet-99'"]


def test_validate_reports_an_unknown_key(data_copy):
    _copy(data_copy, "29-2061", _document_edit(lambda d: d.update(titel="x")))
    problems, _ = validate(Catalog(data_copy, cache_dir=None, check_keys=True))
    assert len(problems) == 1 and problems[0].path == "titel" and "unknown key" in problems[0].message
