"""The OEWS wage table in memory: rows as plain values, made into records only when looked up.

What a command needs on every run, so it imports nothing it does not use; reading and checking
the file is in wagefile.py, needed only when the cache has no entry for it.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from ..models import OEWS_COLUMNS, OewsRelease, Release, WageEstimate
from ..vocabulary import normalize

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
