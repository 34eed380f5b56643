"""The malformed-data corpus: each broken file gives exit 1, one stderr line naming the file, no traceback.

A file in tests/malformed/ named TARGET__CASE.EXT is installed as TARGET.EXT in a copy of
the data directory; then a command that reads it runs, and `validate` checks the copy.
Cases that cannot live in git (a directory, a pipe, unreadable permissions) are made here.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

MALFORMED = Path(__file__).parent / "malformed"

# case file -> (a command that reads it, what the stderr line says after the file's path; {dir} is the data copy)
CASES = {
    # YAML syntax
    "roles__unclosed-bracket.yaml": (
        ["roles"], ":6: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence that starts on line 5)"),
    "credentials__bad-indentation.yaml": (
        ["certs"], ":5: invalid YAML: did not find expected '-' indicator (while parsing a block collection that starts on line 3)"),
    "sources__tab-indentation.yaml": (
        ["sources"], ":4: invalid YAML: found a tab character that violates indentation (while scanning a plain scalar that "
                     "starts on line 3)"),
    "associations__unterminated-quote.yaml": (
        ["associations"], ":7: invalid YAML: found unexpected end of stream (while scanning a quoted scalar that starts on line 5)"),
    "education__duplicate-key.yaml": (
        ["education"], ":6: invalid YAML: duplicate key 'name' (while reading a mapping that starts on line 3)"),
    # wrong types
    "roles__top-level-is-a-list.yaml": (
        ["roles"], ": expected a mapping, got a list (and 1 more; run `hmcareer validate {dir}` to list them)"),
    "occupation__quick-facts-not-a-list.yaml": (
        ["outlook"], ":8: quick_facts: expected a list, got text (and 4 more; run `hmcareer validate {dir}` to list them)"),
    "prices__negative-rpp-and-unquoted-fips.yaml": (
        ["salary", "--state", "MS", "--cost-of-living"],
        ":14: rpp.states.28.annual.2023: must not be negative (and 1 more; run `hmcareer validate {dir}` to list them)"),
    "wage_history__year-is-text.yaml": (["salary", "--history"], ":3: points[0].year: expected a whole number, got text"),
    "credentials__named-in-2012-text-not-true-or-false.yaml": (
        ["certs"], ":11: credentials[cpam].named_in_2012_text: expected true or false, got text"),
    "sources__unknown-tag.yaml": (
        ["sources"], ":7: sources[some-blog].tag: unknown provenance tag 'BLOG' (one of 3P, BLS, CFR, CH, CLAIMS, MIR, O*NET, OFF, "
                          "WIKI)"),
    # missing keys
    "roles__missing-title.yaml": (["roles"], ":3: roles[clinical-manager].title: missing required key"),
    "roles__blank-title.yaml": (["roles"], ":150: roles[clinical-manager].title: must not be empty"),
    "education__missing-degrees.yaml": (["education"], ": degrees: missing required key"),
    # duplicate ids
    "credentials__duplicate-id.yaml": (["certs"], ":11: credentials[1].id: duplicate id 'cpam'"),
    "sources__duplicate-id.yaml": (["sources"], ":8: sources[1].id: duplicate id 'job-description-2012'"),
    # dangling references (whole copies of a data file with one id changed)
    "roles__unknown-credential.yaml": (
        ["roles", "nha"], ":327: roles[nursing-home-administrator].licence: unknown credential 'nha-permit'"),
    "credentials__unknown-association.yaml": (
        ["certs", "cpam"], ":12: credentials[cpam].association: unknown association 'aahamm'"),
    "industry_aliases__unknown-industry-code.yaml": (
        ["salary", "-i", "pharma"], ":6: aliases.pharma: unknown OEWS industry code '325499'"),
    "wage_history__unknown-source-id.yaml": (
        ["salary", "--history"], ":8: points[2010].sources: unknown source id 'bls-ooh-2010-typo'"),
    "claims__unknown-accreditor.yaml": (
        ["education"], ":29: claims[cahme-72-programs-2008].subject.ref: unknown accreditor 'cahmee'"),
    # the wage table (JSON Lines)
    "oews__employment-is-text.jsonl": (
        ["salary"], ":2: rows[0].employment: expected a whole number, \"-\" or null, got 'about 600k'"),
    "oews__huge-number.jsonl": (
        ["salary"], ":3: rows[1].employment: expected a whole number, \"-\" or null, got 99999999999999999999999999999999999999"),
    "oews__row-too-short.jsonl": (["salary"], ":3: rows[1]: expected a list of 24 values, got 6"),
    "oews__row-is-an-object.jsonl": (["salary"], ":3: rows[1]: expected a list of 24 values, got a mapping"),
    "oews__wrong-columns.jsonl": (
        ["salary"], ":1: columns: expected the 24 OEWS columns of the bundled oews.jsonl, in its order (unknown: yearly_mean; "
                    "missing: annual_mean)"),
    "oews__percentiles-out-of-order.jsonl": (
        ["salary"], ":2: rows[0] (National / Cross-Industry, Private, Federal, State, and Local): percentiles out of order: "
                    "annual p25 994700 > median 123860 (and 1 more; run `hmcareer validate {dir}` to list them)"),
    "oews__hourly-annual-mismatch.jsonl": (
        ["salary"], ":2: rows[0] (National / Cross-Industry, Private, Federal, State, and Local): annual mean 150970 does not "
                    "match hourly 67.77 x 2080 = 140962"),
    "oews__not-a-number.jsonl": (["salary"], ":3: invalid JSON: NaN is not a number"),
    "oews__code-with-a-line-break.jsonl": (
        ["salary"], ":2: rows[0].area_code: expected a BLS code (letters, digits and hyphens), got '00\\n00000'"),
    "oews__thousands-of-digits.jsonl": (["salary"], ":2: invalid JSON: a number too long to be a figure"),
    "oews__unclosed-bracket.jsonl": (["salary"], ":3: invalid JSON: Expecting ',' delimiter (column 220)"),
    "oews__duplicate-key.jsonl": (["salary"], ":1: invalid JSON: duplicate key 'release'"),
    # round two: values YAML cannot read, keys it reads as something else, names that lead to two records, years and
    # wages that contradict the release
    "sources__impossible-date.yaml": (
        ["sources"],
        ":4: sources[bls-oews-may2025].date: '2025-02-30' cannot be read as a date (day is out of range for "
        "month); quote it if it is meant as text"),
    "sources__month-thirteen.yaml": (
        ["sources"],
        ":3: sources[bls-oews-may2025].date: '2026-13-45' cannot be read as a date (month must be in 1..12); "
        "quote it if it is meant as text"),
    "sources__year-zero.yaml": (
        ["sources"],
        ":4: sources[job-description-2012].date: '0000-01-01' cannot be read as a date (year 0 is out of range); quote "
        "it if it is meant as text"),
    "roles__float-tag-on-a-word.yaml": (
        ["roles"], ":3: roles[clinical-manager].title: 'abc' cannot be read as a number; quote it if it is meant as text"),
    "credentials__int-tag-on-a-word.yaml": (
        ["certs"],
        ":4: credentials[cpam].exam[0].text: 'abc' cannot be read as a whole number; quote it if it is meant "
        "as text"),
    "associations__bool-tag-maybe.yaml": (
        ["associations"], ":3: associations[ache].member: 'maybe' cannot be read as true/false; quote it if it is meant as text"),
    "occupation__five-thousand-digits.yaml": (
        ["outlook"],
        ":3: definition.count: a value of 5,000 characters cannot be read as a whole number; quote it if it "
        "is meant as text"),
    "industry_aliases__same-word-in-capitals.yaml": (
        ["salary", "-i", "pharma"],
        ":7: aliases.PHARMA: the same word as 'pharma' (words are matched without regard to case, accents "
        "and punctuation); keep one of them"),
    "industry_aliases__yes-as-a-word.yaml": (
        ["salary", "-i", "pharma"], ":12: invalid YAML: the key 'yes' is read by YAML as true/false, not as a word; put it in quotes"),
    "industry_aliases__null-as-a-word.yaml": (
        ["salary", "-i", "pharma"], ":13: invalid YAML: the key 'null' is read by YAML as nothing (null), not as a word; put it in quotes"),
    "roles__alias-is-another-roles-id.yaml": (
        ["roles"],
        ":9: roles[health-agency-administrator].aliases: 'clinical-manager' also names the role "
        "'clinical-manager' (its id); a name a user types must lead to one role"),
    "wage_history__year-after-the-release.yaml": (
        ["salary", "--history"], ":3: points[2999].year: 2999 is not before the wage release (May 2025), which ends the history"),
    "wage_history__two-points-for-a-year.yaml": (
        ["salary", "--history"], ":8: points[1].year: a second point for 2010; each year has one BLS median (and 1 more; "
                                 "run `hmcareer validate {dir}` to list them)"),
    "oews__release-name-revised.jsonl": (
        ["salary"],
        ":1: release.name: expected the month and year of the survey, such as 'May 2025', got 'May 2025 "
        "(revised)'"),
    "oews__no-national-row.jsonl": (
        ["salary"],
        ":1: rows: no national row for all industries (area type N, industry 000000); every pay view "
        "compares with it"),
    "wage_history__median-not-2080-hours-pay.yaml": (
        ["salary", "--history"], ":8: points[1]: median_annual 150000 does not match median_hourly 45.43 x 2080 = 94494"),
    "roles__empty-list.yaml": (["paths"], ":2: roles: the list is empty; it needs one entry at least"),
    "associations__list-left-blank.yaml": (["associations"], ":1: associations: the list is empty; it needs one entry at least"),
    "sources__id-is-a-list.yaml": (
        ["sources"], ":2: sources[0].id: ids are lowercase letters, digits and '-', got [1, [2, [3]]] (and 4 more; run "
                     "`hmcareer validate {dir}` to list them)"),
    "sources__url-not-a-web-address.yaml": (
        ["sources"], ":7: sources[job-description-2012].url: expected a web address: http:// or https://, then printable ASCII with "
                     "no spaces (percent-encode the rest), got 'javascript:alert(1)'"),
    # found by a hostile review of round two
    "occupation__hourly-median-read-as-base-60.yaml": (
        ["outlook"],
        ":12: invalid YAML: '53:21' is read by YAML as a base-60 number; write the number with a decimal "
        "point, or quote it if it is text"),
    "wage_history__reference-after-the-release.yaml": (
        ["salary", "--history"],
        ":14: points[2].reference: 'May 2031' does not name the point's year, 2016"),
    "wage_history__no-bls-points.yaml": (
        ["salary", "--history"],
        ":2: points: the list is empty; it needs one entry at least"),
    "credentials__variant-spelled-with-dots.yaml": (
        ["certs"],
        ":142: credentials[crcp].variants: 'C.R.C.E.' also names the credential 'crce' (its id); a name a "
        "user types must lead to one credential"),
    "roles__blank-alias.yaml": (
        ["roles"],
        ":9: roles[health-agency-administrator].aliases[1]: must not be empty"),
    "roles__no-responsibilities.yaml": (
        ["roles"],
        ":16: roles[health-agency-administrator].responsibilities: the list is empty; it needs one entry at "
        "least"),
    "roles__merge-key.yaml": (
        ["roles"],
        ":2: invalid YAML: merge keys (<<) are not allowed; write the keys out"),
    # not YAML text at all
    "roles__empty.yaml": (["roles"], ": file is empty (or only comments)"),
    "associations__only-comments.yaml": (["associations"], ": file is empty (or only comments)"),
    "credentials__binary-garbage.yaml": (["certs"], ": binary data (or UTF-16 text), not a UTF-8 text file"),
    "roles__utf-16.yaml": (["roles"], ": the file is UTF-16 text; save it as UTF-8"),
    "sources__latin-1.yaml": (["sources"], ":4: not UTF-8 text (byte 124); save the file as UTF-8"),
    # hostile
    "roles__alias-bomb.yaml": (["roles"], ":3: invalid YAML: anchors and aliases (&name / *name) are not allowed"),
    "roles__python-tag.yaml": (
        ["roles"], ":2: invalid YAML: YAML tags such as !!python/... are not allowed (nothing was executed)"),
    "credentials__nested-too-deeply.yaml": (["certs"], ":2: invalid YAML: exceeded maximum nesting depth"),
}


@pytest.fixture(autouse=True)
def _shared_cache(monkeypatch, tmp_path_factory):
    # The cache is keyed by content, so sharing it is safe; it saves re-parsing the good files for every case.
    monkeypatch.setenv("HMCAREER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "malformed-cache"))


def _assert_one_clear_line(hm, data_dir: Path, target: Path, command: list[str], expected: str) -> None:
    r = hm("--data-dir", str(data_dir), *command)
    assert (r.code, r.out) == (1, ""), r.err
    assert r.err == f"hmcareer: data error: {target}{expected.format(dir=data_dir)}\n"
    v = hm("validate", str(data_dir))
    assert v.code == 1 and v.out == ""
    problem = expected.split(" (and ")[0].format(dir=data_dir)
    assert f"{target}{problem}" in v.err.splitlines()
    assert v.err.endswith(f"problem(s) in {data_dir}\n")
    assert "Traceback" not in r.err + v.err


def test_the_corpus_is_large_and_every_file_has_a_case():
    assert sorted(p.name for p in MALFORMED.iterdir()) == sorted(CASES)
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_file(case, hm, data_copy, tmp_path, monkeypatch):
    command, expected = CASES[case]
    target = data_copy / f"{case.split('__')[0]}{Path(case).suffix}"
    shutil.copyfile(MALFORMED / case, target)
    monkeypatch.chdir(tmp_path)  # where the python-tag case's `touch` would leave its file, had it run
    _assert_one_clear_line(hm, data_copy, target, command, expected)
    assert not (tmp_path / "hmcareer-was-here").exists()


def _directory(path: Path) -> None:
    path.mkdir()


def _fifo(path: Path) -> None:
    os.mkfifo(path)  # reading it would block forever


def _endless_device(path: Path) -> None:
    path.symlink_to("/dev/zero")  # reading it would never end


def _dangling_symlink(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere.yaml")


def _symlink_loop(path: Path) -> None:
    path.symlink_to(path)


def _oversized(path: Path) -> None:
    with path.open("wb") as f:
        f.truncate(257 * 1024)  # sparse: costs no disk space or write time


MADE_HERE = {
    "directory": (_directory, ": is a directory, expected a data file"),
    "fifo": (_fifo, ": is not a regular file (a device, pipe or socket); expected a data file"),
    "endless-device": (_endless_device, ": is not a regular file (a device, pipe or socket); expected a data file"),
    "dangling-symlink": (_dangling_symlink, ": file not found"),
    "symlink-loop": (_symlink_loop, ": cannot read: Too many levels of symbolic links"),
    "oversized": (_oversized, ": file is larger than 256 KB, the most a data file of its kind may hold; refusing to read it"),
}


@pytest.mark.parametrize("case", sorted(MADE_HERE))
def test_unreadable_file(case, hm, data_copy):
    make, expected = MADE_HERE[case]
    target = data_copy / "roles.yaml"
    target.unlink()
    make(target)
    _assert_one_clear_line(hm, data_copy, target, ["roles"], expected)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read a file whatever its permissions")
def test_unreadable_permissions(hm, data_copy):
    target = data_copy / "roles.yaml"
    target.chmod(0)
    try:
        _assert_one_clear_line(hm, data_copy, target, ["roles"], ": permission denied; make the file and its folder readable")
    finally:
        target.chmod(0o644)


def _first_fifty_and_a_count(hm, data_dir: Path) -> list[str]:
    """validate's stderr lines for a folder with more than 50 problems: 50 problems, then the count."""
    v = hm("validate", str(data_dir))
    lines = v.err.splitlines()
    assert (v.code, v.out, len(lines)) == (1, "", 51)
    return lines


def test_a_file_with_thousands_of_problems_lists_the_first_fifty_and_counts_the_rest(hm, data_copy):
    # Each problem once cost a scan of the whole document for its line: minutes for a file like this one.
    roles = data_copy / "roles.yaml"
    roles.write_text("roles: [" + ",".join(["0"] * 4_000) + "]\n", encoding="utf-8")
    r = hm("--data-dir", str(data_copy), "roles")
    assert (r.code, r.out) == (1, "")
    assert r.err == (f"hmcareer: data error: {roles}:1: roles[0]: expected a mapping, got a number (and 3999 more; run "
                     f"`hmcareer validate {data_copy}` to list the first 50)\n")
    lines = _first_fifty_and_a_count(hm, data_copy)
    assert lines[49] == f"{roles}:1: roles[49]: expected a mapping, got a number"
    assert lines[50] == f"4000 problem(s) in {data_copy}; the first 50 are listed: fix them and run validate again"


def test_a_wage_file_with_every_row_wrong_lists_the_first_fifty(hm, data_copy):
    wages = data_copy / "oews.jsonl"
    header, *rows = wages.read_text(encoding="utf-8").splitlines()
    broken = [json.dumps([*row[:7], "lots", *row[8:]]) for row in map(json.loads, rows)]
    wages.write_text("\n".join([header, *broken]) + "\n", encoding="utf-8")
    lines = _first_fifty_and_a_count(hm, data_copy)
    assert lines[0] == f"{wages}:2: rows[0].employment: expected a whole number, \"-\" or null, got 'lots'"
    assert lines[50] == f"{len(rows)} problem(s) in {data_copy}; the first 50 are listed: fix them and run validate again"


def test_a_list_or_a_wage_table_too_long_to_be_data_is_refused_before_any_check(hm, data_copy):
    # Checking costs time with every entry: a list far longer than any real one is one problem, found at once.
    roles = data_copy / "roles.yaml"
    roles.write_text("roles: [" + ",".join(["{}"] * 5_001) + "]\n", encoding="utf-8")
    r = hm("--data-dir", str(data_copy), "roles")
    assert (r.code, r.err) == (1, f"hmcareer: data error: {roles}:1: roles: 5,001 entries, more than the 5,000 a list in a "
                                  "data file may hold; is this the right file?\n")
    roles.unlink()
    wages = data_copy / "oews.jsonl"
    wages.write_text(wages.read_text(encoding="utf-8") + "[]\n" * 30_000, encoding="utf-8")
    r = hm("--data-dir", str(data_copy), "salary")
    assert (r.code, r.err) == (1, f"hmcareer: data error: {wages}: 30,745 lines, more than the 30,000 a wage table may hold "
                                  "(one row per area and industry); is this the right file?\n")


def test_a_byte_order_mark_is_no_part_of_the_text(hm, data_copy):
    for name in ("oews.jsonl", "roles.yaml"):
        path = data_copy / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # as some editors save UTF-8
    r = hm("--data-dir", str(data_copy), "salary", "--industry", "pharma", "-f", "json")
    assert (r.code, r.err) == (0, "")
    assert json.loads(r.out)["selected"][0]["annual_mean"] == 251570


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="root reads any folder without setpriv")
def test_a_data_folder_that_cannot_be_read_is_a_data_error(data_copy):
    import subprocess
    import sys

    data_copy.chmod(0)
    try:
        # As root, drop the capabilities that let root read any folder.
        prefix = (["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]
                  if os.geteuid() == 0 else [])
        r = subprocess.run([*prefix, sys.executable, "-m", "hmcareer", "--data-dir", str(data_copy), "roles"],
                           capture_output=True, text=True, env={**os.environ, "HMCAREER_NO_CACHE": "1"})
    finally:
        data_copy.chmod(0o755)
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == f"hmcareer: data error: {data_copy}/roles.yaml: permission denied; make the file and its folder readable\n"
