"""A remembered `switch` result is served only while it equals a fresh computation: same files, same code, same question."""

from __future__ import annotations

import shutil

import pytest

from hmcareer import remembered, switching
from hmcareer.catalog import Catalog, bundled_data_dir


def _types(value):
    """Every type inside a result, in order: a served result must be made of the same record classes."""
    if isinstance(value, tuple):
        return (type(value), *(t for item in value for t in _types(item)))
    return (type(value),)


def _no_compute(*args, **kwargs):
    raise AssertionError("computed again although a remembered result was expected")


def _remember(data_dir, cache, *args, **kwargs):
    """The first run with an empty cache parses the data and remembers nothing; the second, from the cache, remembers."""
    switching.switch_report(Catalog(data_dir, cache_dir=cache), *args, **kwargs)
    return switching.switch_report(Catalog(data_dir, cache_dir=cache), *args, **kwargs)


def test_a_first_run_after_a_data_change_remembers_nothing(tmp_path):
    switching.switch_report(Catalog(cache_dir=tmp_path), "rn", metro="boston")
    assert not list(tmp_path.glob("switch*.entry")) and list(tmp_path.glob("oews-*.entry"))
    switching.switch_report(Catalog(cache_dir=tmp_path), "rn", metro="boston")
    assert len(list(tmp_path.glob("switch*.entry"))) == 2


def test_a_served_result_is_the_computed_one(tmp_path, monkeypatch):
    fresh = switching.switch_report(Catalog(cache_dir=None), "rn", metro="boston")
    first = _remember(None, tmp_path, "rn", metro="boston")
    monkeypatch.setattr(switching, "_switch_report", _no_compute)
    served = switching.switch_report(Catalog(cache_dir=tmp_path), "rn", metro="boston")
    assert served == first == fresh and _types(served) == _types(fresh)


def test_other_arguments_are_another_question(tmp_path):
    _remember(None, tmp_path, "rn", metro="boston")
    ohio = switching.switch_report(Catalog(cache_dir=tmp_path), "rn", state="OH")
    assert ohio.manager.place.area_name == "Ohio"
    assert ohio == switching.switch_report(Catalog(cache_dir=None), "rn", state="OH")


def test_a_data_directory_is_never_served_from_an_old_result(tmp_path, data_copy):
    """Computed from the bundled data first; then a data directory's own table, which shadows the bundled one, is
    edited: the answer follows the data directory's file every time."""
    cache = tmp_path / "cache"
    _remember(None, cache, "rn", metro="boston")
    (data_copy / "occupations").mkdir()
    table = data_copy / "occupations" / "29-1141.jsonl"
    shutil.copy(bundled_data_dir() / "occupations" / "29-1141.jsonl", table)
    before = switching.switch_report(Catalog(data_copy, cache_dir=cache), "rn", metro="boston")
    assert before.now.place.annual_median == 106180
    lines = table.read_text(encoding="utf-8").split("\n")
    (at,) = [i for i, line in enumerate(lines) if '"Boston-Cambridge-Newton, MA-NH"' in line]
    assert lines[at].count(", 106180, ") == 1
    lines[at] = lines[at].replace(", 106180, ", ", 106181, ")  # within BLS's rounding of 2,080 hours' pay
    table.write_text("\n".join(lines), encoding="utf-8")
    after = switching.switch_report(Catalog(data_copy, cache_dir=cache), "rn", metro="boston")
    assert after.now.place.annual_median == 106181 and after.pay[1].change == 136760 - 106181


def test_changed_query_code_is_a_new_question(tmp_path, monkeypatch):
    _remember(None, tmp_path, "rn")
    monkeypatch.setattr(remembered, "query_code", lambda: b"other code")
    calls = []
    real = switching._switch_report
    monkeypatch.setattr(switching, "_switch_report", lambda *a: calls.append(a) or real(*a))
    switching.switch_report(Catalog(cache_dir=tmp_path), "rn")
    assert len(calls) == 1


@pytest.mark.parametrize("damage", ["flip", "truncate"])
def test_a_damaged_entry_is_computed_again(tmp_path, monkeypatch, damage):
    expected = _remember(None, tmp_path, "rn", metro="boston")
    (entry,) = tmp_path.glob("switch-*.entry")
    data = bytearray(entry.read_bytes())
    if damage == "flip":
        data[-10] ^= 0x01
    else:
        del data[len(data) // 2:]
    entry.write_bytes(bytes(data))
    assert switching.switch_report(Catalog(cache_dir=tmp_path), "rn", metro="boston") == expected


def test_without_a_cache_it_computes(monkeypatch):
    calls = []
    real = switching._switch_report
    monkeypatch.setattr(switching, "_switch_report", lambda *a: calls.append(a) or real(*a))
    switching.switch_report(Catalog(cache_dir=None), "rn")
    switching.switch_report(Catalog(cache_dir=None), "rn")
    assert len(calls) == 2


def test_a_changed_bundled_file_is_never_served_from_an_old_result(tmp_path, monkeypatch):
    """The bundled data as another install would hold it: a copy whose wage cell changes between two runs."""
    import hmcareer.catalog as catalog_module

    bundled = tmp_path / "bundled"
    shutil.copytree(bundled_data_dir(), bundled)
    monkeypatch.setattr(catalog_module, "bundled_data_dir", lambda: bundled)
    cache = tmp_path / "cache"
    assert _remember(None, cache, "rn", metro="boston").now.place.annual_median == 106180
    table = bundled / "occupations" / "29-1141.jsonl"
    lines = table.read_text(encoding="utf-8").split("\n")
    (at,) = [i for i, line in enumerate(lines) if '"Boston-Cambridge-Newton, MA-NH"' in line]
    lines[at] = lines[at].replace(", 106180, ", ", 106181, ")
    table.write_text("\n".join(lines), encoding="utf-8")
    assert switching.switch_report(Catalog(cache_dir=cache), "rn", metro="boston").now.place.annual_median == 106181


def _counting(monkeypatch) -> list:
    calls = []
    real = switching._switch_report
    monkeypatch.setattr(switching, "_switch_report", lambda *a: calls.append(a) or real(*a))
    return calls


def test_a_data_directory_is_remembered_while_it_holds_the_same_files(tmp_path, data_copy, monkeypatch):
    cache = tmp_path / "cache"
    fresh = switching.switch_report(Catalog(cache_dir=None), "rn", metro="boston")
    first = _remember(data_copy, cache, "rn", metro="boston")
    monkeypatch.setattr(switching, "_switch_report", _no_compute)
    served = switching.switch_report(Catalog(data_copy, cache_dir=cache), "rn", metro="boston")
    assert served == first == fresh and _types(served) == _types(fresh)


def test_a_file_added_to_a_data_directory_is_a_new_question(tmp_path, data_copy, monkeypatch):
    """The added table shadows the bundled one the result was computed from: its figure is the one shown."""
    cache = tmp_path / "cache"
    assert _remember(data_copy, cache, "rn", metro="boston").now.place.annual_median == 106180
    (data_copy / "occupations").mkdir()
    table = data_copy / "occupations" / "29-1141.jsonl"
    text = (bundled_data_dir() / "occupations" / "29-1141.jsonl").read_text(encoding="utf-8")
    lines = text.split("\n")
    (at,) = [i for i, line in enumerate(lines) if '"Boston-Cambridge-Newton, MA-NH"' in line]
    lines[at] = lines[at].replace(", 106180, ", ", 106181, ")
    table.write_text("\n".join(lines), encoding="utf-8")
    calls = _counting(monkeypatch)
    assert switching.switch_report(Catalog(data_copy, cache_dir=cache), "rn", metro="boston").now.place.annual_median == 106181
    assert len(calls) == 1


def test_a_link_that_starts_to_lead_somewhere_is_a_new_question(tmp_path, data_copy, monkeypatch):
    """A dangling link is not a file to the catalog; once its target exists, it is (the names listed stay the same)."""
    cache = tmp_path / "cache"
    (data_copy / "occupations").mkdir()
    target = tmp_path / "later.jsonl"
    (data_copy / "occupations" / "29-1141.jsonl").symlink_to(target)
    _remember(data_copy, cache, "rn", metro="boston")
    shutil.copy(bundled_data_dir() / "occupations" / "29-1141.jsonl", target)
    calls = _counting(monkeypatch)
    switching.switch_report(Catalog(data_copy, cache_dir=cache), "rn", metro="boston")
    assert len(calls) == 1


def test_another_data_directory_is_another_question(tmp_path, data_copy, monkeypatch):
    cache = tmp_path / "cache"
    _remember(data_copy, cache, "rn")
    other = tmp_path / "other"
    shutil.copytree(data_copy, other)
    calls = _counting(monkeypatch)
    switching.switch_report(Catalog(other, cache_dir=cache), "rn")
    assert len(calls) == 1
