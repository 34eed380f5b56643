"""Loading, validation and the parsed-data cache."""

from __future__ import annotations

import json
import re

import pytest

from hmcareer.catalog import SUBJECTS, Catalog, parse_yaml, validate
from hmcareer.errors import DataError


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
    problems = _problems(data_copy)
    assert any("roles.yaml: roles[clinical-manager].title: missing required key" in p for p in problems), problems


def test_duplicate_id(data_copy):
    path = data_copy / "credentials.yaml"
    path.write_text(path.read_text().replace("- id: ccam", "- id: cpam", 1))
    assert any("duplicate id 'cpam'" in p for p in _problems(data_copy))


def test_dangling_reference(data_copy):
    path = data_copy / "roles.yaml"
    text = path.read_text()
    path.write_text(re.sub(r"licence: nha-licence", "licence: nha-permit", text, count=1))
    assert any("unknown credential 'nha-permit'" in p for p in _problems(data_copy))


def test_percentiles_out_of_order_and_hourly_annual_mismatch(data_copy):
    path = data_copy / "oews.yaml"
    text = path.read_text()
    # National row: annual p25 94700 -> 994700 (above the median) and annual mean 140970 -> 150970.
    text = text.replace("73390, 94700, 123860", "73390, 994700, 123860", 1).replace("140970", "150970", 1)
    path.write_text(text)
    problems = _problems(data_copy)
    assert any("percentiles out of order" in p for p in problems), problems
    assert any("annual mean 150970 does not match hourly 67.77 x 2080" in p for p in problems), problems


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
     (b"roles: [\n", "invalid YAML")],
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


def test_cache_is_used_and_never_stale(data_copy, tmp_path):
    cache = tmp_path / "cache"
    assert Catalog(data_copy, cache_dir=cache).roles[0].title == "Health agency administrator"
    assert len(list(cache.glob("roles-*.json"))) == 1
    path = data_copy / "roles.yaml"
    path.write_text(path.read_text().replace("title: Health agency administrator", "title: Agency chief", 1))
    assert Catalog(data_copy, cache_dir=cache).roles[0].title == "Agency chief"


def test_corrupt_cache_is_ignored(data_copy, tmp_path):
    cache = tmp_path / "cache"
    _ = Catalog(data_copy, cache_dir=cache).roles
    for entry in cache.glob("roles-*.json"):
        entry.write_text("{not json")
    assert len(Catalog(data_copy, cache_dir=cache).roles) == 7
    # A cache that parses but is not our data cannot slip past validation either.
    for entry in cache.glob("roles-*.json"):
        entry.write_text(json.dumps({"roles": "oops"}))
    with pytest.raises(DataError):
        _ = Catalog(data_copy, cache_dir=cache).roles


def test_unwritable_cache_directory_still_works(tmp_path):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    assert len(Catalog(cache_dir=blocker / "cache").roles) == 7


def test_only_the_needed_files_are_parsed():
    catalog = Catalog(cache_dir=None)
    _ = catalog.roles
    assert set(catalog.origins) == {"roles"}
    assert set(SUBJECTS) >= {"roles", "oews", "sources"}
