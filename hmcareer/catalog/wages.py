"""The OEWS wage table: the JSON Lines file scripts/import_oews.py writes, checked row by row, and lookups over it.

The file's first line is a JSON object naming the release and the columns; every later line is
one row, a JSON array of values in that column order. BLS's "-" (not published) stays "-" in the
file and becomes None here, with the column named in `not_published`; null means not applicable.
JSON rather than YAML: the C parser that comes with Python reads a row in microseconds, a row's
line number is its position in the file, and the format has no tags, anchors or aliases to refuse.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from ..errors import DataError, Problem
from ..models import OEWS_COLUMNS, WAGE_FIELDS, OewsRelease, Release, WageEstimate
from ..vocabulary import normalize
from .checker import Checker, is_finite, kind_of
from .files import decode_text

# BLS annual figures are hourly x 2,080 from unrounded hourly values, rounded to $10.
ANNUAL_TOLERANCE = 15.5
_INT_COLUMNS = {"industry_level", "employment", "annual_mean", "annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90"}
_TEXT_COLUMNS = ("area_type", "area_code", "area_name", "state_code", "industry_code", "industry_name")
_ROW_WIDTH = len(WageEstimate._fields)
_AREA_TYPE, _AREA_CODE, _INDUSTRY_CODE = (OEWS_COLUMNS.index(name) for name in ("area_type", "area_code", "industry_code"))


class WageTable:
    """A release's rows as plain tuples in WageEstimate's field order, made into records only when looked up.

    `name_keys` holds each row's area name in `normalize`d form, computed once when the rows
    were checked (and cached with them), so a name search costs no normalizing.
    """

    def __init__(self, rows: tuple[tuple[Any, ...], ...], name_keys: tuple[str, ...]):
        self.rows = rows
        self.name_keys = name_keys

    @cached_property
    def industry_codes(self) -> frozenset[str]:
        """The industry codes of the national rows (what references to an industry may name)."""
        return frozenset(self.rows[i][_INDUSTRY_CODE] for i in self._positions.get("N", ()))

    @cached_property
    def _positions(self) -> dict[str, list[int]]:
        """The positions of each area type's rows, so a lookup scans only the rows of the type it asks for."""
        positions: dict[str, list[int]] = {}
        for i, row in enumerate(self.rows):
            positions.setdefault(row[_AREA_TYPE], []).append(i)
        return positions

    def select(self, area_type: str | None = None, *, industry_code: str | None = None, area_code: str | None = None,
               name_contains: str | None = None) -> tuple[WageEstimate, ...]:
        """Rows in file order, by area type (N, S, M), industry code, area code (leading zeros ignored)
        and a fragment of the area name in `normalize`d form."""
        rows, keys = self.rows, self.name_keys
        code = area_code.lstrip("0") if area_code is not None else None
        positions = range(len(rows)) if area_type is None else self._positions.get(area_type, ())
        return tuple(
            WageEstimate._make(rows[i]) for i in positions
            if (industry_code is None or rows[i][_INDUSTRY_CODE] == industry_code)
            and (code is None or rows[i][_AREA_CODE].lstrip("0") == code)
            and (name_contains is None or name_contains in keys[i])
        )


def table_of(estimates: list[WageEstimate]) -> WageTable:
    return WageTable(tuple(map(tuple, estimates)), tuple(normalize(e.area_name) for e in estimates))


# --- the cache's form: plain values only ---------------------------------------------------


def to_plain(oews: OewsRelease) -> tuple[Any, ...]:
    return tuple(oews.release), oews.rows.rows, oews.rows.name_keys


def from_plain(value: Any) -> OewsRelease:
    """The release back from `to_plain`'s values; ValueError for anything else."""
    release, rows, keys = value
    if type(rows) is not tuple or type(keys) is not tuple or len(rows) != len(keys):
        raise ValueError("not a wage table")
    if not all(type(row) is tuple and len(row) == _ROW_WIDTH for row in rows):
        raise ValueError("not a wage table")
    return OewsRelease(Release._make(release), WageTable(rows, keys))


# --- reading and checking the file ----------------------------------------------------------


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


def parse_wage_file(raw: bytes, label: str) -> tuple[int, Any, list[tuple[int, Any]]]:
    """(line of the header, the header, [(line, row)...]) of a JSON Lines wage file; blank lines are skipped."""
    import json

    text = decode_text(raw, label)
    header: tuple[int, Any] | None = None
    rows = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line, parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys)
        except json.JSONDecodeError as exc:
            raise DataError([Problem(label, "", f"invalid JSON: {exc.msg} (column {exc.colno})", number)]) from None
        except _Refused as exc:
            raise DataError([Problem(label, "", f"invalid JSON: {exc}", number)]) from None
        except ValueError:  # Python refuses to convert an integer of thousands of digits
            raise DataError([Problem(label, "", "invalid JSON: a number too long to be a figure", number)]) from None
        except RecursionError:
            raise DataError([Problem(label, "", "invalid JSON: nested too deeply", number)]) from None
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
    )
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
    ck.unknown_keys()
    ck.problems = [p if p.line is not None else p._replace(line=header_line) for p in ck.problems]
    return OewsRelease(release, table_of(estimates))


def _checked_rows(ck: Checker, rows: list[tuple[int, Any]]) -> list[WageEstimate]:
    estimates, seen = [], set()
    for i, (line, row) in enumerate(rows):
        path = f"rows[{i}]"
        if not isinstance(row, list) or len(row) != len(OEWS_COLUMNS):
            got = kind_of(row) if not isinstance(row, list) else len(row)
            ck.problem(path, f"expected a list of {len(OEWS_COLUMNS)} values, got {got}", line)
            continue
        values: dict[str, Any] = {}
        missing = []
        for name, value in zip(OEWS_COLUMNS, row, strict=True):
            wrong = None
            if name in _TEXT_COLUMNS:
                if not isinstance(value, str):
                    wrong = f"expected text in quotes, got {kind_of(value)}"
                value = str(value)
            elif value == "-":
                value = None
                missing.append(name)
            elif value is None:
                pass
            elif (isinstance(value, bool) or not isinstance(value, (int, float)) or (name in _INT_COLUMNS and not isinstance(value, int))
                  or not is_finite(value)):
                wrong = f"expected a {'whole ' if name in _INT_COLUMNS else ''}number, \"-\" or null, got {value!r}"
                value = None
            elif value < 0:
                wrong, value = "must not be negative", None
            if wrong:
                ck.problem(f"{path}.{name}", wrong, line)
            values[name] = value
        if values["area_type"] not in ("N", "S", "M"):
            ck.problem(f"{path}.area_type", f"expected N, S or M, got {values['area_type']!r}", line)
        key = (values["area_type"], values["area_code"], values["industry_code"])
        if key in seen:
            ck.problem(path, f"duplicate row for area {key[1]} and industry {key[2]}", line)
        seen.add(key)
        est = WageEstimate(**values, not_published=tuple(missing))
        _check_wages(ck, est, f"{path} ({est.area_name} / {est.industry_name})", line)
        estimates.append(est)
    return estimates


def _check_wages(ck: Checker, est: WageEstimate, path: str, line: int) -> None:
    for unit in (True, False):
        pcts = [(s, est.wage(s, unit)) for s in ("p10", "p25", "median", "p75", "p90")]
        shown = [(s, v) for s, v in pcts if v is not None]
        for (a, va), (b, vb) in zip(shown, shown[1:], strict=False):
            if va > vb:
                ck.problem(path, f"percentiles out of order: {'hourly' if unit else 'annual'} {a} {va} > {b} {vb}", line)
    for stat in WAGE_FIELDS:
        hourly, annual = est.wage(stat, True), est.wage(stat, False)
        if hourly is not None and annual is not None and abs(hourly * 2080 - annual) > ANNUAL_TOLERANCE:
            ck.problem(path, f"annual {stat} {annual} does not match hourly {hourly} x 2080 = {hourly * 2080:.0f}", line)
