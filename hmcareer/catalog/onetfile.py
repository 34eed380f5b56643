"""An O*NET profile file (data/onet/SOC.json, written by scripts/import_onet.py): parsing and checking.

One JSON document: the profile's header (soc, onet_soc, title, description, release, source, note,
job_zone), then one table per kind of rating, {"columns": [...], "rows": [[...], ...]}, a row being
an array in the order of the columns. The columns of each table are fixed (TABLES), so that a
position means one thing; every value is checked for its kind and for O*NET's scale (importance
1-5, level 0-7, interests 1-7, percentages 0-100, job zone 1-5).
"""

from __future__ import annotations

import re
from typing import Any

from ..models import (
    ONET_EDUCATION_SCALES,
    OnetInterest,
    OnetJobZone,
    OnetProfile,
    OnetRating,
    OnetRelated,
    OnetShare,
    OnetTask,
    OnetTechnology,
    OnetTitle,
)
from ..record import Record
from .checker import Checker, is_finite, join_path, kind_of
from .files import decode_text
from .wagefile import load_json

_RATING = OnetRating._fields
# Each table: its record, and the columns a file gives (the record's fields; work styles have no level scale).
TABLES: dict[str, tuple[type[Record], tuple[str, ...]]] = {
    "skills": (OnetRating, _RATING),
    "knowledge": (OnetRating, _RATING),
    "work_styles": (OnetRating, _RATING[:8] + _RATING[-2:]),
    "technology": (OnetTechnology, OnetTechnology._fields),
    "education": (OnetShare, OnetShare._fields),
    "interests": (OnetInterest, OnetInterest._fields),
    "tasks": (OnetTask, OnetTask._fields),
    "alternate_titles": (OnetTitle, ("title", "short_title", "sources")),
    "reported_titles": (OnetTitle, ("title", "shown_in_my_next_move")),
    "related": (OnetRelated, OnetRelated._fields),
}
# The columns no two rows of a table share.
_KEYS = {"technology": ("example", "commodity_code"), "education": ("scale", "category"), "tasks": ("task_id",),
         "alternate_titles": ("title",), "reported_titles": ("title",), "related": ("onet_soc",)}

SOC = re.compile(r"\d\d-\d{4}")
ONET_SOC = re.compile(r"\d\d-\d{4}\.\d\d")
_DATE = re.compile(r"(0[1-9]|1[0-2])/(19|20)\d\d")  # O*NET's MM/YYYY
_ELEMENT = re.compile(r"\d+(\.[0-9A-Za-z]+)+")  # 2.A.1.a
_RELEASE = re.compile(r"O\*NET \d+\.\d+")
_IMPORTANCE, _LEVEL, _PERCENT = (1, 5), (0, 7), (0, 100)
# Each column: (kind, required, rule): a text's pattern or its choices; a number's (lowest, highest).
_TEXT, _WHOLE, _NUMBER, _FLAG = "text", "whole number", "number", "flag"
COLUMNS: dict[str, tuple[str, bool, Any]] = {
    "element_id": (_TEXT, True, _ELEMENT), "name": (_TEXT, True, None),
    "importance": (_NUMBER, True, _IMPORTANCE), "importance_n": (_WHOLE, False, None), "importance_se": (_NUMBER, False, None),
    "importance_lower": (_NUMBER, False, _IMPORTANCE), "importance_upper": (_NUMBER, False, _IMPORTANCE),
    "importance_suppressed": (_FLAG, False, None),
    "level": (_NUMBER, True, _LEVEL), "level_n": (_WHOLE, False, None), "level_se": (_NUMBER, False, None),
    "level_lower": (_NUMBER, False, _LEVEL), "level_upper": (_NUMBER, False, _LEVEL), "level_suppressed": (_FLAG, False, None),
    "not_relevant": (_FLAG, False, None), "date": (_TEXT, True, _DATE), "domain_source": (_TEXT, True, None),
    "example": (_TEXT, True, None), "commodity_code": (_WHOLE, True, None), "commodity_title": (_TEXT, True, None),
    "hot": (_FLAG, False, None), "in_demand": (_FLAG, False, None),
    "scale": (_TEXT, True, tuple(ONET_EDUCATION_SCALES)), "category": (_WHOLE, True, None), "description": (_TEXT, True, None),
    "percent": (_NUMBER, True, _PERCENT), "n": (_WHOLE, False, None), "se": (_NUMBER, False, None),
    "lower": (_NUMBER, False, _PERCENT), "upper": (_NUMBER, False, _PERCENT), "suppressed": (_FLAG, False, None),
    "value": (_NUMBER, True, (1, 7)),
    "task_id": (_WHOLE, True, None), "text": (_TEXT, True, None), "task_type": (_TEXT, False, ("Core", "Supplemental")),
    "incumbents_responding": (_WHOLE, False, None),
    "title": (_TEXT, True, None), "short_title": (_TEXT, False, None), "sources": (_TEXT, False, None),
    "shown_in_my_next_move": (_FLAG, False, None),
    "onet_soc": (_TEXT, True, ONET_SOC), "tier": (_TEXT, True, ("Primary-Short", "Primary-Long", "Supplemental")),
    "index": (_WHOLE, True, None),
}


def build_profile(ck: Checker, raw: bytes, label: str) -> OnetProfile:
    """The profile a file holds; its problems are in `ck` (a file that is no JSON at all raises DataError)."""
    root = ck.mapping(load_json(decode_text(raw, label), label), "")
    header = {key: ck.text(root, key, "") or "" for key in ("soc", "onet_soc", "title", "description", "release", "source")}
    for key, pattern, example in (("soc", SOC, "29-1141"), ("onet_soc", ONET_SOC, "29-1141.00"), ("release", _RELEASE,
                                                                                                   "O*NET 29.3")):
        if header[key] and not pattern.fullmatch(header[key]):
            ck.problem(key, f"expected the form {example!r}, got {header[key]!r}")
    ck.text(root, "comment", "", required=False)
    tables = {}
    for name, (record, columns) in TABLES.items():
        tables[name] = _table(ck, root, name, record, columns)
    profile = OnetProfile(**header, note=ck.text(root, "note", "", required=False), job_zone=_job_zone(ck, root), **tables)
    ck.unknown_keys()
    return profile


def _job_zone(ck: Checker, root: dict) -> OnetJobZone | None:
    if root.get("job_zone") is None:
        return None
    node = ck.mapping(root["job_zone"], "job_zone")
    zone = ck.number(node, "zone", "job_zone", required=True)
    if zone is not None and not 1 <= zone <= 5:
        ck.problem("job_zone.zone", f"expected a job zone from 1 to 5, got {zone}")
    texts = ck.texts(node, "job_zone", "name", "date", "domain_source")
    if texts["date"] and not _DATE.fullmatch(texts["date"]):
        ck.problem("job_zone.date", f"expected a month as MM/YYYY, got {texts['date']!r}")
    return OnetJobZone(zone or 0, **texts)


def _table(ck: Checker, root: dict, name: str, record: type[Record], columns: tuple[str, ...]) -> tuple:
    if name not in root or root[name] is None:
        ck.problem(name, "missing required key (a table with no rows has \"rows\": [])")
        return ()
    node = ck.mapping(root[name], name)
    given = tuple(ck.strings(node, "columns", name, required=True))
    if given != columns:
        if given:
            ck.problem(join_path(name, "columns"), f"expected {list(columns)}")
        return ()
    if "rows" not in node:
        ck.problem(join_path(name, "rows"), "missing required key")
    fields, keys = record._fields, _KEYS.get(name, ("element_id",))
    out, seen = [], set()
    for i, row in enumerate(ck.seq(node, "rows", name, required=False)):
        path = f"{name}.rows[{i}]"
        if type(row) is not list or len(row) != len(columns):
            ck.problem(path, f"expected a list of {len(columns)} values (the columns), got "
                             f"{len(row) if isinstance(row, list) else kind_of(row)}")
            continue
        values = {column: _value(ck, value, column, f"{path}.{column}") for column, value in zip(columns, row, strict=True)}
        key = tuple(values[k] for k in keys)
        if key in seen:
            ck.problem(path, f"a second row for {', '.join(map(str, key))}")
        seen.add(key)
        out.append(record._make([values.get(field) for field in fields]))
    return tuple(out)


def _value(ck: Checker, value: Any, column: str, path: str) -> Any:
    """The value if it is what `column` holds; else None, with its problem."""
    kind, required, rule = COLUMNS[column]
    if value is None:
        if required:
            ck.problem(path, "must not be null")
        return None
    if kind == _FLAG:
        if type(value) is bool:
            return value
        wrong = f"expected true, false or null, got {kind_of(value)}"
    elif kind == _TEXT:
        if type(value) is not str or not value.strip():
            wrong = f"expected text, got {kind_of(value) if type(value) is not str else 'blank text'}"
        elif isinstance(rule, re.Pattern) and not rule.fullmatch(value):
            wrong = f"{value!r} is not of the form O*NET gives"
        elif isinstance(rule, tuple) and value not in rule:
            wrong = f"expected one of {', '.join(rule)}, got {value!r}"
        else:
            return value
    elif type(value) is bool or type(value) not in (int, float) or (kind == _WHOLE and type(value) is not int):
        wrong = f"expected a {kind}, got {kind_of(value) if type(value) is not float else repr(value)}"
    elif not is_finite(value) or value < 0:
        wrong = f"expected a finite number, not negative, got {value!r}"
    elif rule and not rule[0] <= value <= rule[1]:
        wrong = f"{value!r} is outside O*NET's scale ({rule[0]}-{rule[1]})"
    else:
        return value
    ck.problem(path, wrong)
    return None
