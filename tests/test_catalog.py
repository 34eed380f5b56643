"""Loading and validation. The cache has its own tests (test_cache.py)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from hmcareer.catalog import SUBJECTS, Catalog, WageTable, bundled_data_dir, parse_yaml, validate
from hmcareer.errors import DataError, NotFound
from hmcareer.vocabulary import normalize

YAML_SUBJECTS = [name for name in SUBJECTS if name != "oews"]


def test_bundled_data_is_valid(catalog):
    assert validate(catalog) == ([], 0)


def test_every_fact_with_a_figure_has_a_period_and_every_record_a_source(catalog):
    # The loader enforces periods; here we check the records that carry sources really have them.
    for r in catalog.roles:
        assert r.sources, r.id
    for x in catalog.credentials:
        assert x.sources, x.id
    for a in catalog.associations:
        assert a.sources, a.id
    assert all(p.sources for p in catalog.wage_history)


def test_third_party_sources_are_tagged(catalog):
    tags = {s.tag for s in catalog.sources.values()}
    assert tags <= {"BLS", "O*NET", "OFF", "CH", "MIR", "CFR", "WIKI", "3P", "CLAIMS"}
    assert catalog.sources["job-description-2012"].tag == "CLAIMS"


def test_oews_extract_is_complete(catalog):
    est = catalog.oews.estimates
    assert len(est) == 743
    assert sum(e.area_type == "N" for e in est) == 163
    assert sum(e.area_type == "S" for e in est) == 54
    assert sum(e.area_type == "M" for e in est) == 526


def _problems(data_dir):
    return [str(p) for p in validate(Catalog(data_dir, cache_dir=None))[0]]


def test_missing_key_names_file_and_path(data_copy):
    path = data_copy / "roles.yaml"
    path.write_text(path.read_text().replace("    title: Clinical manager\n", "", 1))
    # The line is the record's (the key is missing), found by composing the YAML after the problem.
    assert _problems(data_copy) == [f"{data_copy}/roles.yaml:148: roles[clinical-manager].title: missing required key"]


def test_duplicate_id(data_copy):
    path = data_copy / "credentials.yaml"
    path.write_text(path.read_text().replace("- id: ccam", "- id: cpam", 1))
    assert _problems(data_copy) == [f"{path}:25: credentials[1].id: duplicate id 'cpam'"]


def test_dangling_reference_with_its_line(data_copy):
    path = data_copy / "roles.yaml"
    text = path.read_text()
    path.write_text(re.sub(r"licence: nha-licence", "licence: nha-permit", text, count=1))
    assert _problems(data_copy) == [f"{path}:323: roles[nursing-home-administrator].licence: unknown credential 'nha-permit'"]


def test_a_reference_inside_a_list_points_at_its_own_line(data_copy):
    path = data_copy / "roles.yaml"
    lines = path.read_text().splitlines(keepends=True)
    assert lines[175] == "    certifications: [cnml, cenp, cphq, fache]\n"
    lines[175] = "    certifications:\n      - cnml\n      - cenpx\n"
    path.write_text("".join(lines))
    assert _problems(data_copy) == [f"{path}:178: roles[clinical-manager].certifications: unknown credential 'cenpx'"]


def test_percentiles_out_of_order_and_hourly_annual_mismatch(data_copy):
    path = data_copy / "oews.jsonl"
    text = path.read_text()
    # National row: annual p25 94700 -> 994700 (above the median) and annual mean 140970 -> 150970.
    text = text.replace("73390, 94700, 123860", "73390, 994700, 123860", 1).replace("140970", "150970", 1)
    path.write_text(text)
    row = f"{path}:2: rows[0] (National / Cross-Industry, Private, Federal, State, and Local)"
    assert _problems(data_copy) == [
        f"{row}: percentiles out of order: annual p25 994700 > median 123860",
        f"{row}: annual mean 150970 does not match hourly 67.77 x 2080 = 140962",
        f"{row}: annual p25 994700 does not match hourly 45.53 x 2080 = 94702",
    ]


def test_a_wrong_cell_points_at_its_row(data_copy):
    path = data_copy / "oews.jsonl"
    lines = path.read_text().splitlines(keepends=True)
    lines[3] = lines[3].replace(", 2320, ", ", -2320, ", 1)  # row 2: Manufacturing
    path.write_text("".join(lines))
    assert _problems(data_copy) == [f"{path}:4: rows[2].employment: must not be negative"]


def test_duplicate_keys_are_refused_with_their_line():
    with pytest.raises(DataError) as info:
        parse_yaml(b"roles:\n  - id: a\n    title: One\n    title: Two\n", "roles.yaml")
    assert str(info.value.problems[0]) == ("roles.yaml:4: invalid YAML: duplicate key 'title' "
                                           "(while reading a mapping that starts on line 2)")


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1" * 400 + ".0", "9" * 400])
def test_numbers_must_be_finite(tmp_path, value):
    # NaN and infinity would print as "nan" and make invalid JSON; a 400-digit integer overflows a float.
    (tmp_path / "wage_history.yaml").write_text(
        f"points:\n  - year: 2010\n    reference: May 2010\n    median_hourly: {value}\n    sources: [bls-ooh-2010]\n")
    with pytest.raises(DataError) as info:
        _ = Catalog(tmp_path, cache_dir=None).wage_history
    assert "points[0].median_hourly: expected a finite number" in str(info.value.problems[0])


def test_bls_rounding_is_tolerated():
    # 59.70 x 2080 = 124,176 is published as 124,180 (BLS rounds the unrounded hourly x 2080 to $10).
    from hmcareer.catalog.checker import ANNUAL_TOLERANCE

    assert abs(59.70 * 2080 - 124180) <= ANNUAL_TOLERANCE


def test_python_tags_are_refused_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    raw = f'roles: !!python/object/apply:os.system ["touch {marker}"]\n'.encode()
    with pytest.raises(DataError) as info:
        parse_yaml(raw, "roles.yaml")
    assert "not allowed" in str(info.value.problems[0])
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly():
    bomb = b'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n".encode()
        for i in range(9)
    )
    with pytest.raises(DataError) as info:
        parse_yaml(bomb, "x.yaml")
    assert "anchors and aliases" in str(info.value.problems[0])


@pytest.mark.parametrize(
    "raw, message",
    [(b"", "empty"), (b"\x00\x01\x02", "binary"), ("caf\u00e9: 1".encode("latin-1"), "not UTF-8"),
     (b"roles: [\n", "invalid YAML"), ("roles: []".encode("utf-16"), "UTF-16"), ("roles: []".encode("utf-32"), "UTF-32")],
)
def test_unreadable_content(tmp_path, raw, message):
    (tmp_path / "roles.yaml").write_bytes(raw)
    with pytest.raises(DataError) as info:
        _ = Catalog(tmp_path, cache_dir=None).roles
    assert message in str(info.value.problems[0])
    assert str(tmp_path / "roles.yaml") in str(info.value.problems[0])


def test_missing_file_falls_back_to_bundled(tmp_path):
    catalog = Catalog(tmp_path, cache_dir=None)
    assert len(catalog.roles) == 7
    assert catalog.origins["roles"].parent != tmp_path


@pytest.mark.parametrize(("file", "anchor", "typo", "subject"), [
    ("roles.yaml", "title: Clinical manager", "\n    titel: typo", "roles"),
    ("oews.jsonl", '"soc": "11-9111"', ', "titel": "typo"', "oews"),
])
def test_validate_reads_the_file_itself(data_copy, tmp_path, file, anchor, typo, subject):
    # Cache entries hold records, not the keys they came from: validate must read the file to report an unknown key.
    cache = tmp_path / "cache"
    path = data_copy / file
    path.write_text(path.read_text().replace(anchor, f"{anchor}{typo}", 1))
    _ = getattr(Catalog(data_copy, cache_dir=cache), subject)  # commands skip the unknown-key check, and cache
    assert list(cache.glob(f"{subject}-*"))
    assert any("titel" in str(p) for p in validate(Catalog(data_copy, cache_dir=cache, check_keys=True))[0])


class Reference:
    """The lookups of WageTable done the obvious way, over every row."""

    def __init__(self, estimates):
        self.estimates = estimates
        self.industry_codes = frozenset(e.industry_code for e in estimates if e.area_type == "N")

    def select(self, area_type=None, *, industry_code=None, area_code=None, name_contains=None):
        return tuple(e for e in self.estimates if (area_type is None or e.area_type == area_type)
                     and (industry_code is None or e.industry_code == industry_code)
                     and (area_code is None or e.area_code.lstrip("0") == area_code.lstrip("0"))
                     and (name_contains is None or name_contains in normalize(e.area_name)))


@pytest.fixture(scope="module")
def wage_rows(tmp_path_factory) -> tuple[Reference, WageTable]:
    """The obvious lookups over the bundled rows, and the rows as a command reads them back from the cache."""
    cache_dir = tmp_path_factory.mktemp("cache")
    _ = Catalog(cache_dir=cache_dir).oews
    cached = Catalog(cache_dir=cache_dir).oews.rows
    return Reference(Catalog(cache_dir=None).oews.estimates), cached


def test_wage_lookups_match_the_obvious_ones(wage_rows):
    reference, cached = wage_rows
    assert isinstance(cached, WageTable)
    queries = [{}, {"area_type": "N"}, {"area_type": "S"}, {"area_type": "M"}, {"area_type": "N", "industry_code": "325400"},
               {"industry_code": "000000"}, {"area_type": "M", "area_code": "14460"}, {"area_type": "M", "area_code": "0014460"},
               {"area_code": "2500000"}, {"area_type": "M", "name_contains": "boston"}, {"name_contains": "new"},
               {"area_type": "M", "name_contains": ""}, {"area_type": "S", "name_contains": "nowhere"}]
    # Codes and names are searched in each column's one string: every code, the first and last rows, both together,
    # and values no row can hold.
    codes = sorted({e.area_code for e in reference.estimates})
    first, last = (normalize(e.area_name) for e in (reference.estimates[0], reference.estimates[-1]))
    queries += [{"area_type": t, "area_code": code} for t in (None, "N", "S", "M") for code in codes]
    queries += [{"name_contains": first}, {"name_contains": last}, {"area_type": "M", "area_code": "14460", "name_contains": "boston"},
                {"area_code": "14460", "name_contains": "honolulu"}, {"area_code": "boston"}, {"area_code": ""},
                {"name_contains": "boston\nma"}, {"area_code": "14460\n26180"}, {"area_type": "Q", "area_code": "14460"}]
    for q in queries:
        assert cached.select(**q) == reference.select(**q), q
    assert cached.industry_codes == reference.industry_codes == {e.industry_code for e in reference.select("N")}
    assert len(reference.industry_codes) == 163


@given(data=st.data())
@settings(max_examples=60, deadline=None)
def test_name_search_matches_the_reference_for_any_fragment(wage_rows, data):
    reference, cached = wage_rows
    name = normalize(data.draw(st.sampled_from([e.area_name for e in reference.select()])))
    start = data.draw(st.integers(0, len(name)))
    fragment = name[start:start + data.draw(st.integers(1, 12))]
    for area_type in ("M", "S", None):
        assert cached.select(area_type, name_contains=fragment) == reference.select(area_type, name_contains=fragment)


def test_pure_python_yaml_loader_gives_identical_data(monkeypatch):
    import yaml

    fast = {name: parse_yaml((bundled_data_dir() / f"{name}.yaml").read_bytes(), name) for name in YAML_SUBJECTS}
    monkeypatch.setenv("HMCAREER_PURE_YAML", "1")
    monkeypatch.setattr(yaml, "CSafeLoader", None)  # any use of libyaml would now fail
    assert {name: parse_yaml((bundled_data_dir() / f"{name}.yaml").read_bytes(), name) for name in YAML_SUBJECTS} == fast


def test_only_the_needed_files_are_parsed():
    catalog = Catalog(cache_dir=None)
    _ = catalog.roles
    assert set(catalog.origins) == {"roles"}
    assert set(SUBJECTS) >= {"roles", "oews", "sources"}


def test_references_are_checked_between_the_files_a_command_reads(data_copy):
    path = data_copy / "roles.yaml"
    path.write_text(path.read_text().replace("licence: nha-licence", "licence: nha-permit", 1))
    catalog = Catalog(data_copy, cache_dir=None)
    assert len(catalog.roles) == 7  # roles alone are fine ...
    with pytest.raises(DataError) as info:
        _ = catalog.credentials  # ... until the file they refer to is read
    assert "roles[nursing-home-administrator].licence: unknown credential 'nha-permit'" in str(info.value.problems[0])
    assert set(catalog.origins) == {"roles", "credentials"}


def test_data_files_say_where_each_comes_from(data_copy, tmp_path):
    user = tmp_path / "mine"
    user.mkdir()
    (user / "roles.yaml").write_bytes((data_copy / "roles.yaml").read_bytes())
    files = {f.file: f for f in Catalog(user, cache_dir=None).data_files()}
    assert len(files) == len(SUBJECTS)
    assert (files["roles.yaml"].origin, files["roles.yaml"].path) == ("user", str(user / "roles.yaml"))
    assert files["oews.jsonl"].origin == "bundled"
    assert {f.origin for f in Catalog(cache_dir=None).data_files()} == {"bundled"}


def test_validate_reports_keys_no_builder_reads(hm, data_copy):
    path = data_copy / "wage_history.yaml"
    path.write_text(path.read_text().replace("    note: Shown on an archived", "    nte: Shown on an archived", 1))
    r = hm("validate", str(data_copy))
    assert r.code == 1
    assert r.err.splitlines()[0] == (
        f"{path}:32: points[4].nte: unknown key (a typo?); known here: median_annual, median_hourly, note, p10, p25, p75, "
        "p90, reference, sources, year")
    assert hm("--data-dir", str(data_copy), "salary", "--history").code == 0  # commands do not pay for this check


def test_history_shows_notes_and_spreads_from_the_data(hm):
    flat = " ".join(hm("salary", "--history", env={"COLUMNS": "200"}).out.split())
    assert "May 2019: spread: p10 $58,820, p25 $76,770, p75 $133,520, p90 $189,000 [bls-oes-may2019]" in flat
    assert "May 2020: Shown on an archived 2019-29 Handbook page whose archive stamp (2019-11-21) predates the pay it " \
           "shows. [bls-ooh-2019]" in flat


def test_outlook_shows_the_onet_sample_titles(hm):
    flat = " ".join(hm("outlook", env={"COLUMNS": "200"}).out.split())
    assert "Sample titles: Cancer Center Director, Clinical Director," in flat
    assert "Sample titles, earlier list: Office Manager, Nurse Manager," in flat


def test_validate_points_at_an_unquoted_comma(hm, data_copy):
    path = data_copy / "credentials.yaml"
    quoted = 'note: "Pathway 3; MGMA membership"'
    path.write_text(path.read_text().replace(quoted, 'note: Pathway 3, MGMA membership', 1))
    r = hm("validate", str(data_copy))
    assert r.code == 1
    assert r.err.splitlines()[0] == (
        f"{path}:484: credentials[cmpe].requires[1].MGMA membership: unknown key (text after an unquoted comma? Quote "
        "the value); known here: cannot_show, degree, degree_field, degree_from, executive_years, field, licence, "
        "manager_only, manager_years, note, period, sources, usual, years")


def test_a_broken_row_is_reported_at_its_line(data_copy):
    path = data_copy / "oews.jsonl"
    lines = path.read_text().splitlines(keepends=True)
    lines[600] = lines[600].replace("]", ", [", 1)  # an unclosed array on line 601
    path.write_text("".join(lines))
    assert _problems(data_copy)[0].startswith(f"{path}:601: invalid JSON: ")


def test_blank_lines_are_skipped_and_rows_keep_their_own_lines(data_copy):
    path = data_copy / "oews.jsonl"
    lines = path.read_text().splitlines(keepends=True)
    lines[3] = "\n" + lines[3].replace(", 2320, ", ", -2320, ", 1)  # row 2 moves to line 5
    path.write_text("".join(lines) + "\n\n")
    assert _problems(data_copy) == [f"{path}:5: rows[2].employment: must not be negative"]


def test_a_wage_table_in_the_old_yaml_is_not_silently_replaced_by_ours(hm, data_copy):
    (data_copy / "oews.jsonl").unlink()
    (data_copy / "oews.yaml").write_text("release: {}\n")
    r = hm("--data-dir", str(data_copy), "salary", "-i", "pharma")
    assert (r.code, r.out) == (1, "")
    assert r.err == (f"hmcareer: data error: {data_copy}/oews.yaml: the wage table is now oews.jsonl (JSON Lines, see "
                     f"docs/data-schema.md); regenerate it with scripts/import_oews.py --out {data_copy}/oews.jsonl\n")


def test_the_wage_header_is_checked_like_any_record(data_copy):
    path = data_copy / "oews.jsonl"
    header, rest = path.read_text().split("\n", 1)
    document = json.loads(header)
    del document["release"]["source"]
    path.write_text(json.dumps(document) + "\n" + rest)
    assert _problems(data_copy) == [f"{path}:1: release.source: missing required key"]


def test_other_occupations_wage_tables(catalog):
    assert len(catalog.occupation_codes()) == 30 and catalog.occupation_codes()[0] == "11-1011"
    assert catalog.wages_of("11-9111") is catalog.oews
    nurses = catalog.wages_of("29-1141")
    assert nurses.release.occupation == "Registered Nurses" and nurses.release.name == "May 2025"
    assert catalog.wages_of("29-1141") is nurses  # read once
    with pytest.raises(NotFound) as exc:
        catalog.wages_of("29-9999")
    assert exc.value.kind == "occupation" and "29-1141" in exc.value.choices


def test_a_data_directory_replaces_one_occupation_table(data_copy):
    folder = data_copy / "occupations"
    folder.mkdir(exist_ok=True)
    bundled = (REPO / "data" / "occupations" / "29-1141.jsonl").read_text(encoding="utf-8")
    (folder / "29-1141.jsonl").write_text(bundled.replace('"Registered Nurses"', '"Nurses (local copy)"', 1))
    catalog = Catalog(data_copy, cache_dir=None)
    assert catalog.wages_of("29-1141").release.occupation == "Nurses (local copy)"
    assert catalog.wages_of("29-2061").release.occupation.startswith("Licensed Practical")
    (folder / "29-1141.jsonl").write_text(bundled.replace('"soc": "29-1141"', '"soc": "29-2061"', 1))
    with pytest.raises(DataError) as exc:
        Catalog(data_copy, cache_dir=None).wages_of("29-1141")
    assert str(exc.value.problems[0]).endswith(
        "occupations/29-1141.jsonl:1: release.soc: expected '29-1141' (the file's name), got '29-2061'")


@pytest.mark.parametrize(("edit", "message"), [
    (lambda text: text.replace(', "top_code": {"hourly": 115.0, "annual": 239200}', "", 1),
     "top_code: rows mark wages at or above the top code (\">=\"), but the header gives no top_code"),
    (lambda text: text.replace('"National", "00", "000000", "Cross-Industry, Private, Federal, State, and Local", 0, 107510',
                               '"National", "00", "000000", "Cross-Industry, Private, Federal, State, and Local", 0, ">="', 1),
     "employment: expected a whole number, \"-\" or null, got '>='"),
])
def test_top_code_marks_are_checked(data_copy, edit, message):
    folder = data_copy / "occupations"
    folder.mkdir(exist_ok=True)
    bundled = (REPO / "data" / "occupations" / "29-1215.jsonl").read_text(encoding="utf-8")
    changed = edit(bundled)
    assert changed != bundled
    (folder / "29-1215.jsonl").write_text(changed)
    with pytest.raises(DataError) as exc:
        Catalog(data_copy, cache_dir=None).wages_of("29-1215")
    assert message in str(exc.value.problems[0])


def test_an_occupation_table_from_the_cache_is_the_same_table(tmp_path):
    first = Catalog(cache_dir=tmp_path).wages_of("29-1215")
    assert any(name.startswith("other_wages-") for name in (p.name for p in tmp_path.iterdir()))
    again = Catalog(cache_dir=tmp_path).wages_of("29-1215")
    assert again.release == first.release and again.rows.select() == first.rows.select()
    assert any(e.top_coded for e in again.rows.select())


def test_validating_a_folder_checks_its_own_occupation_tables_only(hm, data_copy):
    r = hm("validate", str(data_copy))
    assert r.code == 0
    (data_copy / "occupations").mkdir()
    broken = (REPO / "data" / "occupations" / "29-2061.jsonl").read_text(encoding="utf-8").replace(
        '"National", "00", "000000", "Cross-Industry, Private, Federal, State, and Local", 0, ',
        '"National", "00", "000000", "Cross-Industry, Private, Federal, State, and Local", 0.5, ', 1)
    (data_copy / "occupations" / "29-2061.jsonl").write_text(broken)
    r = hm("validate", str(data_copy))
    assert r.code == 1
    assert "occupations/29-2061.jsonl:2: rows[0].industry_level: expected a whole number" in r.err
