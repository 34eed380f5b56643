"""The OEWS wage table in memory: the columns lookups search, and each row made into a record only when found.

What a command needs on every run, so it imports nothing it does not use; reading and checking
the file is in wagefile.py, needed only when the cache has no entry for it.

The cache keeps a table as a handful of values, not one object per row and column: each key
column as one string (rows separated by newlines), each row as marshal bytes inside one blob,
with the rows' offsets and each area type's positions as arrays of unsigned ints. Reading that
back creates a few objects whatever the size of the table; a lookup then splits the one key
column it searches and decodes only the rows it returns.
"""

from __future__ import annotations

import marshal
from array import array
from bisect import bisect_left
from collections.abc import Collection, Iterable, Sequence
from functools import cached_property
from typing import Any

from ..models import OewsRelease, Release, WageEstimate
from ..vocabulary import normalize

SEPARATOR = "\n"  # between rows in a key column; codes and names hold none (wagefile.py checks codes)


def _uints(values: Iterable[int]) -> bytes:
    return array("I", values).tobytes()


def _view(data: bytes) -> Sequence[int]:
    """Unsigned ints stored by `_uints`, readable without building a Python int for each."""
    return memoryview(data).cast("I")


class WageTable:
    """A release's rows, each made into a WageEstimate only when a lookup returns it.

    area_codes (without leading zeros), industry_codes, name_keys (`normalize`d area names): one
    string each, a row per line; positions: for each area type, the array of its rows' indexes;
    offsets and blob: row i is marshal.loads(blob[offsets[i]:offsets[i + 1]]).
    """

    def __init__(self, area_codes: str, industry_codes: str, name_keys: str, positions: dict[str, bytes], offsets: bytes,
                 blob: bytes):
        self._columns = {"area_codes": area_codes, "industry_codes": industry_codes, "name_keys": name_keys}
        self._split: dict[str, list[str]] = {}
        self.positions = {area_type: _view(rows) for area_type, rows in positions.items()}
        self.offsets, self.blob = _view(offsets), blob
        self.plain = (area_codes, industry_codes, name_keys, positions, offsets, blob)  # what the cache keeps
        if len(self.offsets) != sum(map(len, self.positions.values())) + 1:
            raise ValueError("not a wage table")

    @classmethod
    def of(cls, estimates: Iterable[WageEstimate]) -> WageTable:
        estimates = tuple(estimates)
        positions: dict[str, list[int]] = {}
        for i, e in enumerate(estimates):
            positions.setdefault(e.area_type, []).append(i)
        rows = [marshal.dumps(tuple(e)) for e in estimates]
        offsets = [0]
        for row in rows:
            offsets.append(offsets[-1] + len(row))
        return cls(SEPARATOR.join(e.area_code.lstrip("0") for e in estimates), SEPARATOR.join(e.industry_code for e in estimates),
                   SEPARATOR.join(normalize(e.area_name) for e in estimates),
                   {area_type: _uints(rows) for area_type, rows in positions.items()}, _uints(offsets), b"".join(rows))

    def column(self, name: str) -> list[str]:
        """One key column, a value per row (split on first use)."""
        if name not in self._split:
            self._split[name] = self._columns[name].split(SEPARATOR)
        return self._split[name]

    @cached_property
    def industry_codes(self) -> frozenset[str]:
        """The industry codes of the national rows (what references to an industry may name)."""
        codes = self.column("industry_codes")
        return frozenset(codes[i] for i in self.positions.get("N", ()))

    def row(self, i: int) -> WageEstimate:
        return WageEstimate._make(marshal.loads(self.blob[self.offsets[i]:self.offsets[i + 1]]))

    def select(self, area_type: str | None = None, *, industry_code: str | None = None, area_code: str | None = None,
               name_contains: str | None = None, industry_codes: Collection[str] | None = None) -> tuple[WageEstimate, ...]:
        """Rows in file order, by area type (N, S, M), industry code (or any of `industry_codes`), area code (leading
        zeros ignored) and a fragment of the area name in `normalize`d form."""
        found: list[int] | None = None  # the rows an area code or a name fragment narrows to, in order
        if area_code is not None:
            found = self._rows_where("area_codes", area_code.lstrip("0"), whole=True)
        if name_contains is not None:
            named = self._rows_where("name_keys", name_contains, whole=False)
            found = named if found is None else sorted(set(found).intersection(named))
        positions: Iterable[int]
        if found is None:
            positions = range(len(self.offsets) - 1) if area_type is None else self.positions.get(area_type, ())
        else:
            positions = found if area_type is None else [i for i in found if self._has_type(i, area_type)]
        if industry_code is not None:
            keys = self.column("industry_codes")
            positions = [i for i in positions if keys[i] == industry_code]
        if industry_codes is not None:
            keys = self.column("industry_codes")
            positions = [i for i in positions if keys[i] in industry_codes]
        return tuple(map(self.row, positions))

    def _has_type(self, row: int, area_type: str) -> bool:
        rows = self.positions.get(area_type, ())  # ascending
        at = bisect_left(rows, row)
        return at < len(rows) and rows[at] == row

    def _rows_where(self, column: str, wanted: str, whole: bool) -> list[int]:
        """The rows whose value in a key column is `wanted` (whole) or contains it, in order: searched in the column's
        one string, which for the few rows a code or a name finds is much faster than splitting it into a value per row."""
        if SEPARATOR in wanted:
            return []  # no value holds one
        if not wanted and not whole:
            return list(range(len(self.offsets) - 1))
        text = self._columns[column]
        if whole:  # each value between two separators
            text, wanted = f"{SEPARATOR}{text}{SEPARATOR}", f"{SEPARATOR}{wanted}{SEPARATOR}"
        rows: list[int] = []
        row = counted = 0
        at = text.find(wanted)
        while at >= 0:
            row += text.count(SEPARATOR, counted, at)  # a row's number is the count of separators before it
            counted = at
            rows.append(row)
            end = text.find(SEPARATOR, at + whole)  # the end of this row's value (whole: `at` is the separator before it)
            if end < 0:
                break
            at = text.find(wanted, end if whole else end + 1)  # on from the next row
        return rows


def table_of(estimates: list[WageEstimate]) -> WageTable:
    return WageTable.of(estimates)


# --- the cache's form: plain values only ---------------------------------------------------


def to_plain(oews: OewsRelease) -> tuple[Any, ...]:
    return tuple(oews.release), oews.rows.plain


def from_plain(value: Any) -> OewsRelease:
    """The release back from `to_plain`'s values; an error for anything else."""
    release, (area_codes, industry_codes, name_keys, positions, offsets, blob) = value
    if not all(type(text) is str for text in (area_codes, industry_codes, name_keys)) or type(blob) is not bytes:
        raise ValueError("not a wage table")
    table = WageTable(area_codes, industry_codes, name_keys, dict(positions), offsets, blob)
    rows = len(table.offsets) - 1
    if table.offsets[-1] != len(blob) or any(text.count(SEPARATOR) != max(rows - 1, 0) for text in (area_codes, industry_codes,
                                                                                                   name_keys)):
        raise ValueError("not a wage table")
    return OewsRelease(Release._make(release), table)
