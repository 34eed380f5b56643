"""The OEWS wage file: the JSON Lines scripts/import_oews.py writes, parsed and checked row by row.

The file's first line is a JSON object naming the release and the columns; every later line is
one row, a JSON array of values in that column order. BLS's "-" (not published) stays "-" in the
file and becomes None here, with the column named in `not_published`; null means not applicable.
JSON rather than YAML: the C parser that comes with Python reads a row in microseconds, a row's
line number is its position in the file, and the format has no tags, anchors or aliases to refuse.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from operator import itemgetter
from typing import Any

from ..errors import DataError, Problem
from ..models import ALL_INDUSTRIES, OEWS_COLUMNS, WAGE_FIELDS, OewsRelease, Release, WageEstimate
from .checker import ANNUAL_TOLERANCE, MAX_FIGURE, Checker, annual_disagrees, is_finite, kind_of, out_of_order
from .files import decode_text
from .wages import table_of

_INT_COLUMNS = {"industry_level", "employment", "annual_mean", "annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90"}
_TEXT_COLUMNS = ("area_type", "area_code", "area_name", "state_code", "industry_code", "industry_name")
_CODE_COLUMNS = ("area_code", "state_code", "industry_code")
# Rows a wage table may hold: the bundled one has 743, the benchmark's synthetic one 7,430; 4 MB of real rows is
# about 17,000. Checking 30,000 rows of any content takes well under a second.
MAX_LINES = 30_000
_CODE = r"[0-9A-Za-z-]+"  # as BLS writes them: 0000000, 06, 622000, 31--34
_RELEASE_NAME = r"(January|February|March|April|May|June|July|August|September|October|November|December) (19|20)\d\d"


class _Refused(ValueError):
    """A value the JSON parser accepts and hmcareer does not."""


def _reject_constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise _Refused(f"duplicate key {key!r}")
        mapping[key] = value
    return mapping


@cache
def _decoder() -> Any:
    """One decoder for every line: json.loads with options would build a new one for each (a third of a wage table's
    parse time)."""
    import json

    return json.JSONDecoder(parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys)


def load_json(text: str, label: str, line: int | None = None) -> Any:
    """The JSON value `text` holds, without NaN, Infinity or duplicate keys; else a DataError naming `label` and the
    line (`line`, or for a whole document the parser's)."""
    import json

    try:
        return _decoder().decode(text)
    except json.JSONDecodeError as exc:
        where = line if line is not None else exc.lineno
        raise DataError([Problem(label, "", f"invalid JSON: {exc.msg} (column {exc.colno})", where)]) from None
    except _Refused as exc:
        raise DataError([Problem(label, "", f"invalid JSON: {exc}", line)]) from None
    except ValueError:  # Python refuses to convert an integer of thousands of digits
        raise DataError([Problem(label, "", "invalid JSON: a number too long to be a figure", line)]) from None
    except RecursionError:
        raise DataError([Problem(label, "", "invalid JSON: nested too deeply", line)]) from None


def parse_wage_file(raw: bytes, label: str) -> tuple[int, Any, list[tuple[int, Any]]]:
    """(line of the header, the header, [(line, row)...]) of a JSON Lines wage file; blank lines are skipped."""
    text = decode_text(raw, label)
    lines = text.count("\n") + 1
    if lines > MAX_LINES:  # each line costs a parse and a check: refuse before either
        raise DataError([Problem(label, "", f"{lines:,} lines, more than the {MAX_LINES:,} a wage table may hold (one row per "
                                            "area and industry); is this the right file?")])
    header: tuple[int, Any] | None = None
    rows = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        value = load_json(line, label, number)
        if header is None:
            header = (number, value)
        else:
            rows.append((number, value))
    if header is None:
        raise DataError([Problem(label, "", "file is empty")])
    return header[0], header[1], rows


def build_oews(ck: Checker, header_line: int, header: Any, rows: list[tuple[int, Any]]) -> OewsRelease:
    """The release from a parsed wage file; every problem names its line."""
    root = ck.mapping(header, "")
    rel = ck.mapping(root.get("release") or {}, "release")
    release = Release(
        name=ck.text(rel, "name", "release") or "",
        code=ck.text(rel, "code", "release") or "",
        soc=ck.text(rel, "soc", "release") or "",
        occupation=ck.text(rel, "occupation", "release") or "",
        source=ck.text(rel, "source", "release") or "",
        **_top_code(ck, root),
    )
    if release.name and not re.fullmatch(_RELEASE_NAME, release.name):
        ck.problem("release.name", f"expected the month and year of the survey, such as 'May 2025', got {release.name!r}")
    ck.text(root, "comment", "", required=False)
    columns = tuple(ck.strings(root, "columns", "", required=True))
    estimates: list[WageEstimate] = []
    if columns != OEWS_COLUMNS:
        if "columns" in root:
            unknown = [c for c in columns if c not in OEWS_COLUMNS]
            missing = [c for c in OEWS_COLUMNS if c not in columns]
            differences = "; ".join(f"{label}: {', '.join(names)}" for label, names in (("unknown", unknown), ("missing", missing))
                                    if names)
            ck.problem("columns", f"expected the {len(OEWS_COLUMNS)} OEWS columns of the bundled oews.jsonl, in its order "
                                  f"({differences or 'same names, other order'})")
    else:
        estimates = _checked_rows(ck, rows)
        if release.top_annual is None and any(e.top_coded for e in estimates):
            ck.problem("top_code", "rows mark wages at or above the top code (\">=\"), but the header gives no top_code")
        if not any(e.area_type == "N" and e.industry_code == ALL_INDUSTRIES for e in estimates):
            ck.problem("rows", f"no national row for all industries (area type N, industry {ALL_INDUSTRIES}); every pay view "
                               "compares with it")
    ck.unknown_keys()
    ck.problems = [p if p.line is not None else p._replace(line=header_line) for p in ck.problems]
    return OewsRelease(release, table_of(estimates))


def _top_code(ck: Checker, root: dict) -> dict[str, Any]:
    """BLS's top code from the header ({"hourly": 115.0, "annual": 239200}), when the file has one."""
    if root.get("top_code") is None:
        return {}
    node = ck.mapping(root["top_code"], "top_code")
    hourly = ck.number(node, "hourly", "top_code", kind=float, required=True)
    annual = ck.number(node, "annual", "top_code", required=True)
    if annual_disagrees(hourly, annual):
        ck.problem("top_code", f"annual {annual} does not match hourly {hourly} x 2080")
    return {"top_hourly": hourly, "top_annual": annual}


# Wage columns: only these can be at or above the top code.
_WAGE_COLUMNS = frozenset(f"{unit}_{stat}" for unit in ("hourly", "annual") for stat in WAGE_FIELDS)
# Each column's kind, by position: rows are checked as lists, at a few microseconds a row.
_TEXT, _CODE_TEXT, _WHOLE, _NUMBER = range(4)
_KINDS = tuple(_CODE_TEXT if name in _CODE_COLUMNS else _TEXT if name in _TEXT_COLUMNS else _WHOLE if name in _INT_COLUMNS
               else _NUMBER for name in OEWS_COLUMNS)
_STATS = ("p10", "p25", "median", "p75", "p90")
# (unit, the positions of its p10..p90, of its mean)
_UNITS = tuple((unit, tuple(OEWS_COLUMNS.index(f"{unit}_{stat}") for stat in _STATS), OEWS_COLUMNS.index(f"{unit}_mean"))
               for unit in ("hourly", "annual"))
_AREA_TYPE, _AREA_CODE, _AREA_NAME, _INDUSTRY_CODE, _INDUSTRY_NAME = (
    OEWS_COLUMNS.index(name) for name in ("area_type", "area_code", "area_name", "industry_code", "industry_name"))


def _checked_rows(ck: Checker, rows: list[tuple[int, Any]]) -> list[WageEstimate]:
    estimates, seen = [], set()
    width, code = len(OEWS_COLUMNS), re.compile(_CODE).fullmatch
    for i, (line, row) in enumerate(rows):
        if type(row) is not list or len(row) != width:
            got = kind_of(row) if not isinstance(row, list) else len(row)
            ck.problem(f"rows[{i}]", f"expected a list of {width} values, got {got}", line)
            continue
        values = list(row)
        missing, top_coded = ((), ()) if _plainly_valid(row, code) else _checked_values(ck, values, i, line, code)
        if values[_AREA_TYPE] not in ("N", "S", "M"):
            ck.problem(f"rows[{i}].area_type", f"expected N, S or M, got {values[_AREA_TYPE]!r}", line)
        key = (values[_AREA_TYPE], values[_AREA_CODE], values[_INDUSTRY_CODE])
        if key in seen:
            ck.problem(f"rows[{i}]", f"duplicate row for area {key[1]} and industry {key[2]}", line)
        seen.add(key)
        _check_wages(ck, values, i, line)
        values += (missing, top_coded)
        estimates.append(WageEstimate._make(values))
    return estimates


# Per column: the types a value may have there without a closer look (a wage's "-" and ">=" take the long way).
_PLAIN_TYPES = tuple(frozenset({str}) if kind <= _CODE_TEXT else frozenset({int, type(None)}) if kind == _WHOLE
                     else frozenset({int, float, type(None)}) for kind in _KINDS)
_CODES = itemgetter(*(i for i, kind in enumerate(_KINDS) if kind == _CODE_TEXT))
_FIGURES = itemgetter(*(i for i, kind in enumerate(_KINDS) if kind > _CODE_TEXT))


def _plainly_valid(row: list[Any], code: Callable[[str], Any]) -> bool:
    """Whether every value of a row is what its column takes as it is (text, a code, a figure in range or null): then
    `_checked_values` would change and report nothing. Most rows are; checking them this way is several times faster."""
    if not all(map(frozenset.__contains__, _PLAIN_TYPES, map(type, row))):
        return False
    if not all(map(code, _CODES(row))):
        return False
    figures = [v for v in _FIGURES(row) if v is not None]
    if not figures:
        return True
    total = sum(figures)  # NaN makes it NaN, which min and max could pass over
    return total == total and min(figures) >= 0 and max(figures) <= MAX_FIGURE


def _checked_values(ck: Checker, values: list[Any], i: int, line: int,
                    code: Callable[[str], Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Check one row's values column by column, in place: a "-" or ">=" becomes None and its column is listed (the
    returned columns not published, and top-coded); a wrong value becomes None (text: its str) and is reported."""
    missing, top_coded = [], []
    for index, kind in enumerate(_KINDS):
        value = values[index]
        if kind <= _CODE_TEXT:
            if type(value) is str and (kind == _TEXT or code(value)):
                continue
            values[index] = str(value)
            wrong = (f"expected text in quotes, got {kind_of(value)}" if not isinstance(value, str) else
                     f"expected a BLS code (letters, digits and hyphens), got {value!r}")
        elif value is None:
            continue
        elif (type(value) is int or (type(value) is float and kind == _NUMBER)) and 0 <= value <= MAX_FIGURE:
            continue  # the common case; NaN fails the comparison and goes on below
        elif value == "-":
            values[index] = None
            missing.append(OEWS_COLUMNS[index])
            continue
        elif value == ">=" and OEWS_COLUMNS[index] in _WAGE_COLUMNS:
            values[index] = None
            top_coded.append(OEWS_COLUMNS[index])
            continue
        else:
            values[index] = None
            if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind == _WHOLE and not isinstance(value, int)) \
                    or not is_finite(value):
                wrong = (f"expected a {'whole ' if kind == _WHOLE else ''}number, \"-\"" +
                         (", \">=\"" if OEWS_COLUMNS[index] in _WAGE_COLUMNS else "") + f" or null, got {value!r}")
            else:
                wrong = "must not be negative"
        ck.problem(f"rows[{i}].{OEWS_COLUMNS[index]}", wrong, line)
    return tuple(missing), tuple(top_coded)


# Each unit's mean then p10..p90, for the check of a row whose wages are all published (most rows).
_HOURLY = itemgetter(_UNITS[0][2], *_UNITS[0][1])
_ANNUAL = itemgetter(_UNITS[1][2], *_UNITS[1][1])


def _check_wages(ck: Checker, values: list[Any], i: int, line: int) -> None:
    h0, h1, h2, h3, h4, h5 = _HOURLY(values)
    a0, a1, a2, a3, a4, a5 = _ANNUAL(values)
    tolerance = ANNUAL_TOLERANCE
    try:
        if h1 <= h2 <= h3 <= h4 <= h5 and a1 <= a2 <= a3 <= a4 <= a5 and abs(h0 * 2080 - a0) <= tolerance \
                and abs(h1 * 2080 - a1) <= tolerance and abs(h2 * 2080 - a2) <= tolerance \
                and abs(h3 * 2080 - a3) <= tolerance and abs(h4 * 2080 - a4) <= tolerance \
                and abs(h5 * 2080 - a5) <= tolerance:
            return  # every wage published and in order: the rules below, in one pass
    except TypeError:  # a wage not published (None): the rules below skip it
        pass
    _check_wages_one_by_one(ck, values, i, line)


def _check_wages_one_by_one(ck: Checker, values: list[Any], i: int, line: int) -> None:
    def where() -> str:
        return f"rows[{i}] ({values[_AREA_NAME]} / {values[_INDUSTRY_NAME]})"

    # No check of the mean against p10 and p90: BLS's percentiles come from wage intervals, and real rows have a mean
    # outside them (registered nurses in local-government colleges: mean $59.15, p10 $59.92).
    for unit, positions, _ in _UNITS:
        for a, va, b, vb in out_of_order([(stat, values[at]) for stat, at in zip(_STATS, positions, strict=True)]):
            ck.problem(where(), f"percentiles out of order: {unit} {a} {va} > {b} {vb}", line)
    (_, hourly_at, hourly_mean_at), (_, annual_at, annual_mean_at) = _UNITS
    for stat, h, a in zip(WAGE_FIELDS, (hourly_mean_at, *hourly_at), (annual_mean_at, *annual_at), strict=True):
        hourly, annual = values[h], values[a]
        if annual_disagrees(hourly, annual):
            ck.problem(where(), f"annual {stat} {annual} does not match hourly {hourly} x 2080 = {hourly * 2080:.0f}", line)
