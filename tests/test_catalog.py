"""Loading, validation and the parsed-data cache."""

from __future__ import annotations

import os
import pickle
import re
import sqlite3
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hmcareer import catalog as catalog_module
from hmcareer import query
from hmcareer.catalog import SUBJECTS, Catalog, SqliteWageRows, WageRows, _cache_stamp, bundled_data_dir, parse_yaml, validate
from hmcareer.errors import DataError
from hmcareer.models import normalize


def test_bundled_data_is_valid(catalog):
    assert validate(catalog) == []


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
    assert tags <= {"BLS", "O*NET", "OFF", "CH", "MIR", "WIKI", "3P", "SEED"}
    assert catalog.sources["seed-2012"].tag == "SEED"


def test_oews_extract_is_complete(catalog):
    est = catalog.oews.estimates
    assert len(est) == 743
    assert sum(e.area_type == "N" for e in est) == 163
    assert sum(e.area_type == "S" for e in est) == 54
    assert sum(e.area_type == "M" for e in est) == 526


def _problems(data_dir):
    return [str(p) for p in validate(Catalog(data_dir, cache_dir=None))]


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
    assert _problems(data_copy) == [f"{path}:326: roles[nursing-home-administrator].licence: unknown credential 'nha-permit'"]


def test_a_reference_inside_a_list_points_at_its_own_line(data_copy):
    path = data_copy / "roles.yaml"
    lines = path.read_text().splitlines(keepends=True)
    assert lines[176] == "    certifications: [cnml, cenp, cphq, fache]\n"
    lines[176] = "    certifications:\n      - cnml\n      - cenpx\n"
    path.write_text("".join(lines))
    assert _problems(data_copy) == [f"{path}:179: roles[clinical-manager].certifications: unknown credential 'cenpx'"]


def test_percentiles_out_of_order_and_hourly_annual_mismatch(data_copy):
    path = data_copy / "oews.yaml"
    text = path.read_text()
    # National row: annual p25 94700 -> 994700 (above the median) and annual mean 140970 -> 150970.
    text = text.replace("73390, 94700, 123860", "73390, 994700, 123860", 1).replace("140970", "150970", 1)
    path.write_text(text)
    row = f"{path}:11: rows[0] (National / Cross-Industry, Private, Federal, State, and Local)"
    assert _problems(data_copy) == [
        f"{row}: percentiles out of order: annual p25 994700 > median 123860",
        f"{row}: annual mean 150970 does not match hourly 67.77 x 2080 = 140962",
        f"{row}: annual p25 994700 does not match hourly 45.53 x 2080 = 94702",
    ]


def test_a_wrong_cell_points_at_its_row(data_copy):
    path = data_copy / "oews.yaml"
    lines = path.read_text().splitlines(keepends=True)
    lines[12] = lines[12].replace(", 2320, ", ", -2320, ", 1)  # row 2: Manufacturing
    path.write_text("".join(lines))
    assert _problems(data_copy) == [f"{path}:13: rows[2].employment: must not be negative"]


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


def test_only_records_that_pass_the_checks_are_cached(data_copy, tmp_path):
    cache = tmp_path / "cache"
    path = data_copy / "roles.yaml"
    path.write_text(path.read_text().replace("title: Clinical manager", "title: !!binary Q2xpbmljYWw=", 1))
    for _ in range(2):
        with pytest.raises(DataError) as info:
            _ = Catalog(data_copy, cache_dir=cache).roles
        assert "roles[clinical-manager].title: expected text, got bytes" in str(info.value.problems[0])
    assert not list(cache.glob("roles-*"))


def test_an_alias_loop_is_refused_and_not_cached(tmp_path):
    cache = tmp_path / "cache"
    (tmp_path / "roles.yaml").write_text("roles: &loop [*loop]\n")
    for _ in range(2):
        with pytest.raises(DataError):
            _ = Catalog(tmp_path, cache_dir=cache).roles
    assert not list(cache.glob("roles-*"))


def test_bls_rounding_is_tolerated():
    # 59.70 x 2080 = 124,176 is published as 124,180 (BLS rounds the unrounded hourly x 2080 to $10).
    from hmcareer.catalog import ANNUAL_TOLERANCE

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


def _forge_entry(path, raw: bytes, records) -> None:
    """A cache entry as hmcareer writes one (a header line with stamp and checksum, then a pickle), holding anything."""
    payload = pickle.dumps((raw, records), protocol=5)
    path.write_bytes(f"hmcareer-cache {_cache_stamp()} {zlib.crc32(payload):08x}\n".encode() + payload)


def test_cache_is_used_and_never_stale(data_copy, tmp_path):
    cache = tmp_path / "cache"
    roles = Catalog(data_copy, cache_dir=cache).roles
    assert roles[0].title == "Health agency administrator"
    (entry,) = cache.glob("roles-*.cache")
    raw = (data_copy / "roles.yaml").read_bytes()
    _forge_entry(entry, raw, (roles[0]._replace(title="From the cache"), *roles[1:]))
    assert Catalog(data_copy, cache_dir=cache).roles[0].title == "From the cache"  # the entry is what is read
    path = data_copy / "roles.yaml"
    path.write_text(path.read_text().replace("title: Health agency administrator", "title: Agency chief", 1))
    assert Catalog(data_copy, cache_dir=cache).roles[0].title == "Agency chief"


def test_corrupt_cache_is_ignored(data_copy, tmp_path):
    cache = tmp_path / "cache"
    _ = Catalog(data_copy, cache_dir=cache).roles
    (entry,) = cache.glob("roles-*.cache")
    good = entry.read_bytes()
    header, _, payload = good.partition(b"\n")
    flipped = bytearray(payload)
    flipped[len(flipped) // 2] ^= 0xFF
    for damaged in (b"", b"{not an entry", good[: len(good) // 2], header + b"\n" + bytes(flipped),
                    good.replace(_cache_stamp().encode(), b"0.0.0-cpython-311-00000000")):
        entry.write_bytes(damaged)
        assert len(Catalog(data_copy, cache_dir=cache).roles) == 7
        assert entry.read_bytes() == good  # and rewritten
    raw = (data_copy / "roles.yaml").read_bytes()
    for not_ours in ("oops", (raw,), (raw, os.system), (raw, [sqlite3.connect])):
        payload = pickle.dumps(not_ours)
        entry.write_bytes(f"hmcareer-cache {_cache_stamp()} {zlib.crc32(payload):08x}\n".encode() + payload)
        assert len(Catalog(data_copy, cache_dir=cache).roles) == 7
        assert entry.read_bytes() == good


def test_cache_entry_for_other_bytes_is_not_used(data_copy, tmp_path):
    # Entries are found by a checksum of the YAML; what decides is the copy of the YAML inside.
    cache = tmp_path / "cache"
    roles = Catalog(data_copy, cache_dir=cache).roles
    (entry,) = cache.glob("roles-*.cache")
    raw = (data_copy / "roles.yaml").read_bytes()
    _forge_entry(entry, raw.replace(b"Health agency administrator", b"Health agency administrat0r", 1),
                 (roles[0]._replace(title="Served from a stale cache"), *roles[1:]))
    assert Catalog(data_copy, cache_dir=cache).roles[0].title == "Health agency administrator"


@pytest.mark.parametrize(("file", "anchor", "subject"), [
    ("roles.yaml", "title: Clinical manager", "roles"),
    ("oews.yaml", 'soc: "11-9111"', "oews"),
])
def test_validate_reads_the_yaml_itself(data_copy, tmp_path, file, anchor, subject):
    # Cache entries hold records, not the keys they came from: validate must read the file to report an unknown key.
    cache = tmp_path / "cache"
    path = data_copy / file
    indent = " " * (len(path.read_text().partition(anchor)[0].rpartition("\n")[2]))
    path.write_text(path.read_text().replace(anchor, f"{anchor}\n{indent}titel: typo", 1))
    _ = getattr(Catalog(data_copy, cache_dir=cache), subject)  # commands skip the unknown-key check, and cache
    assert list(cache.glob(f"{subject}-*"))
    assert any("titel" in str(p) for p in validate(Catalog(data_copy, cache_dir=cache, check_keys=True)))


def test_entries_of_the_older_json_format_are_removed(data_copy, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "roles-0123abcd.json").write_text("{}")
    _ = Catalog(data_copy, cache_dir=cache).roles
    assert not (cache / "roles-0123abcd.json").exists()
    assert len(list(cache.glob("roles-*.cache"))) == 1


def test_unwritable_cache_directory_still_works(tmp_path):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    assert len(Catalog(cache_dir=blocker / "cache").roles) == 7
    assert Catalog(cache_dir=blocker / "cache").oews.release.name == "May 2025"


def _refuse(*args, **kwargs):
    raise PermissionError(13, "Read-only file system")


@pytest.mark.parametrize("warm", [True, False])
def test_read_only_cache_directory_works(data_copy, tmp_path, monkeypatch, warm):
    cache = tmp_path / "cache"
    cache.mkdir()
    if warm:
        _ = Catalog(data_copy, cache_dir=cache).roles, Catalog(data_copy, cache_dir=cache).oews.estimates
    entries = sorted(cache.iterdir())
    cache.chmod(0o555)
    # root ignores file modes: refuse the final rename too, as a read-only file system would.
    monkeypatch.setattr(os, "replace", _refuse)
    try:
        catalog = Catalog(data_copy, cache_dir=cache)
        assert len(catalog.roles) == 7
        (boston,) = catalog.oews.rows.select("M", name_contains="boston")
        assert boston.annual_mean == Catalog(data_copy, cache_dir=None).oews.rows.select("M", name_contains="boston")[0].annual_mean
        path = data_copy / "roles.yaml"
        path.write_text(path.read_text().replace("title: Health agency administrator", "title: Agency chief", 1))
        assert Catalog(data_copy, cache_dir=cache).roles[0].title == "Agency chief"
    finally:
        cache.chmod(0o755)
    assert sorted(cache.iterdir()) == entries  # nothing written, no temporary files left behind


def test_wage_cache_is_never_stale(data_copy, tmp_path):
    cache = tmp_path / "cache"
    assert query.national_total(Catalog(data_copy, cache_dir=cache)).annual_mean == 140970
    assert len(list(cache.glob("oews-*.sqlite"))) == 1
    path = data_copy / "oews.yaml"
    # The national row, annual and hourly mean together (67.77 -> 67.78 keeps hourly x 2080 ~ annual).
    path.write_text(path.read_text().replace("67.77, 140970", "67.78, 140980", 1))
    assert query.national_total(Catalog(data_copy, cache_dir=cache)).annual_mean == 140980


def _set_every_annual_mean(entry, value: int) -> None:
    connection = sqlite3.connect(entry)
    connection.execute("UPDATE estimates SET annual_mean = ?", (value,))
    connection.commit()
    connection.close()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "zeroed rows", "other yaml", "other token", "no copy"])
def test_damaged_wage_cache_is_ignored(data_copy, tmp_path, monkeypatch, damage):
    monkeypatch.setattr(catalog_module, "_RACY_NS", 10**18)  # the YAML is always compared, never trusted by its signature
    cache = tmp_path / "cache"
    expected = Catalog(data_copy, cache_dir=None).oews.estimates
    _ = Catalog(data_copy, cache_dir=cache).oews
    (entry,) = cache.glob("oews-*.sqlite")
    if damage == "garbage":
        entry.write_bytes(b"not a database" * 100)
    elif damage == "truncated":
        entry.write_bytes(entry.read_bytes()[: 256 * 1024])
    elif damage == "zeroed rows":  # the file opens and the YAML copy checks out; reading rows then fails
        damaged = bytearray(entry.read_bytes())
        damaged[len(damaged) // 3: len(damaged) * 2 // 3] = bytes(len(damaged) * 2 // 3 - len(damaged) // 3)
        entry.write_bytes(bytes(damaged))
    elif damage == "other yaml":  # a copy of other YAML, with the right token
        copy = entry.with_suffix(".source")
        copy.write_bytes(copy.read_bytes()[:16] + b"rows: []")
        _set_every_annual_mean(entry, 1)
    elif damage == "other token":  # the right YAML, but a copy another writer left beside this database
        copy = entry.with_suffix(".source")
        copy.write_bytes(bytes(16) + copy.read_bytes()[16:])
        _set_every_annual_mean(entry, 1)
    else:
        entry.with_suffix(".source").unlink()
    catalog = Catalog(data_copy, cache_dir=cache)
    assert catalog.oews.release.name == "May 2025"
    assert catalog.oews.estimates == expected
    assert Catalog(data_copy, cache_dir=cache).oews.estimates == expected  # and the cache was rebuilt


def test_an_unchanged_wage_file_is_not_even_read(data_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(catalog_module, "_RACY_NS", -1)  # treat the just-written file as long settled
    cache = tmp_path / "cache"
    expected = Catalog(data_copy, cache_dir=cache).oews.estimates
    assert len(list(cache.glob("oews-*.stat"))) == 1

    def unread(self, name):
        raise AssertionError(f"{name} was read")

    monkeypatch.setattr(Catalog, "_read_signed", unread)
    assert Catalog(data_copy, cache_dir=cache).oews.estimates == expected


def test_a_rewrite_that_keeps_size_and_mtime_is_still_seen(data_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(catalog_module, "_RACY_NS", -1)
    cache = tmp_path / "cache"
    assert query.national_total(Catalog(data_copy, cache_dir=cache)).annual_mean == 140970
    path = data_copy / "oews.yaml"
    before = path.stat()
    path.write_text(path.read_text().replace("67.77, 140970", "67.78, 140980", 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` or a careless copy would
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert query.national_total(Catalog(data_copy, cache_dir=cache)).annual_mean == 140980


def test_a_file_changed_moments_ago_is_compared_byte_for_byte(data_copy, tmp_path):
    # Its ctime could still be the current clock tick, so a further write might not move it: no signature is kept.
    cache = tmp_path / "cache"
    _ = Catalog(data_copy, cache_dir=cache).oews.estimates, Catalog(data_copy, cache_dir=cache).oews.estimates
    assert not list(cache.glob("oews-*.stat"))


@pytest.fixture(scope="module")
def wage_rows(tmp_path_factory) -> tuple[WageRows, SqliteWageRows]:
    """The bundled rows parsed into memory, and the same rows read back from the SQLite cache."""
    cache_dir = tmp_path_factory.mktemp("cache")
    _ = Catalog(cache_dir=cache_dir).oews
    return Catalog(cache_dir=None).oews.rows, Catalog(cache_dir=cache_dir).oews.rows


def test_wage_lookups_match_the_in_memory_reference(wage_rows):
    reference, cached = wage_rows
    assert isinstance(cached, SqliteWageRows) and isinstance(reference, WageRows)
    queries = [{}, {"area_type": "N"}, {"area_type": "S"}, {"area_type": "M"}, {"area_type": "N", "industry_code": "325400"},
               {"industry_code": "000000"}, {"area_type": "M", "area_code": "14460"}, {"area_type": "M", "area_code": "0014460"},
               {"area_code": "2500000"}, {"area_type": "M", "name_contains": "boston"}, {"name_contains": "new"},
               {"area_type": "M", "name_contains": ""}, {"area_type": "S", "name_contains": "nowhere"}]
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

    fast = {name: parse_yaml((bundled_data_dir() / f"{name}.yaml").read_bytes(), name) for name in SUBJECTS}
    monkeypatch.setenv("HMCAREER_PURE_YAML", "1")
    monkeypatch.setattr(yaml, "CSafeLoader", None)  # any use of libyaml would now fail
    assert {name: parse_yaml((bundled_data_dir() / f"{name}.yaml").read_bytes(), name) for name in SUBJECTS} == fast


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
    assert files["oews.yaml"].origin == "bundled"
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


def test_no_home_means_no_cache_and_nothing_created(monkeypatch, tmp_path):
    from hmcareer.catalog import default_cache_dir

    monkeypatch.delenv("HMCAREER_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "nonexistent"))
    assert default_cache_dir() is None
    assert len(Catalog().roles) == 7 and not (tmp_path / "nonexistent").exists()


def test_validate_points_at_an_unquoted_comma(hm, data_copy):
    path = data_copy / "credentials.yaml"
    quoted = 'experience: "healthcare work, 4 of them in management or leadership"'
    path.write_text(path.read_text().replace(quoted, quoted.replace('"', ""), 1))
    r = hm("validate", str(data_copy))
    assert r.code == 1
    assert r.err.splitlines()[0] == (
        f"{path}:484: credentials[cmpe].requires[1].4 of them in management or leadership: unknown key (text after an "
        "unquoted comma? Quote the value); known here: degree, experience, licence, note, period, sources, years")


def test_oews_rows_parsed_in_chunks_read_as_the_whole_file_does(tmp_path, monkeypatch):
    # A large oews.yaml is parsed a few hundred rows at a time (bounded memory); it must read exactly the same.
    monkeypatch.setattr(catalog_module, "_ROWS_PER_CHUNK", 7)  # many chunk boundaries, one partial chunk
    for raw in ((bundled_data_dir() / "oews.yaml").read_bytes(),):
        assert catalog_module.parse_oews(raw, "oews.yaml") == parse_yaml(raw, "oews.yaml")
    loads = []
    real_load = __import__("yaml").load
    monkeypatch.setattr("yaml.load", lambda text, Loader: loads.append(len(text)) or real_load(text, Loader=Loader))
    catalog_module.parse_oews((bundled_data_dir() / "oews.yaml").read_bytes(), "oews.yaml")
    assert len(loads) == 1 + -(-743 // 7)  # the header, then the chunks


@pytest.mark.parametrize("layout", ["block rows", "comment after a row", "a key after the rows", "an anchor"])
def test_other_oews_layouts_get_the_whole_file_parse(layout, monkeypatch):
    raw = (bundled_data_dir() / "oews.yaml").read_text()
    head, _, rows = raw.partition("\nrows:\n")
    first, rest = rows.split("\n", 1)
    if layout == "block rows":
        first = "-\n" + "\n".join(f"  - {value.strip()}" for value in first[3:-1].split(","))
    elif layout == "comment after a row":
        first += "  # checked"
    elif layout == "a key after the rows":
        rest += "notes: none\n"
    else:
        head = head.replace("release:", "release: &r", 1)
    text = f"{head}\nrows:\n{first}\n{rest}".encode()
    whole = []
    monkeypatch.setattr(catalog_module, "parse_yaml", lambda raw, file: whole.append(file) or parse_yaml(raw, file))
    try:
        expected = parse_yaml(text, "oews.yaml")
    except DataError as exc:
        expected = str(exc.problems[0])
    try:
        got = catalog_module.parse_oews(text, "oews.yaml")
    except DataError as exc:
        got = str(exc.problems[0])
    assert got == expected and whole == ["oews.yaml"]


def test_a_broken_row_is_reported_at_its_line_in_the_whole_file():
    lines = (bundled_data_dir() / "oews.yaml").read_text().splitlines(keepends=True)
    lines[600] = lines[600].replace("]", ", [", 1)  # an unclosed flow list on line 601
    raw = "".join(lines).encode()
    errors = []
    for parse in (parse_yaml, catalog_module.parse_oews):
        with pytest.raises(DataError) as info:
            parse(raw, "oews.yaml")
        errors.append(str(info.value.problems[0]))
    assert errors[0] == errors[1] and errors[0].startswith(("oews.yaml:601:", "oews.yaml:602:"))


def test_a_named_pipe_in_the_cache_is_ignored_not_waited_on(data_copy, tmp_path):
    cache = tmp_path / "cache"
    _ = Catalog(data_copy, cache_dir=cache).roles, Catalog(data_copy, cache_dir=cache).oews
    for entry in [*cache.glob("roles-*.cache"), *cache.glob("oews-*.source")]:
        entry.unlink()
        os.mkfifo(entry)
    catalog = Catalog(data_copy, cache_dir=cache)
    assert len(catalog.roles) == 7 and catalog.oews.release.name == "May 2025"


def test_oews_with_no_rows_reads_as_the_whole_file_does():
    raw = (bundled_data_dir() / "oews.yaml").read_bytes().partition(b"\nrows:\n")[0] + b"\nrows:\n# none yet\n"
    assert catalog_module.parse_oews(raw, "oews.yaml") == parse_yaml(raw, "oews.yaml")
