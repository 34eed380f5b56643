"""The OEWS wage table in memory: the columns lookups search, and each row made into a record only when found.

What a command needs on every run, so it imports nothing it does not use; reading and checking
the file is in wagefile.py, needed only when the cache has no entry for it.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any

from ..models import OewsRelease, Release, WageEstimate
from ..vocabulary import normalize


class Keys:
    """What lookups search, one entry per row in file order: area codes without leading zeros, industry codes and
    area names in `normalize`d form (computed once, when the rows were checked), and where each area type's rows are."""

    def __init__(self, area_codes: tuple[str, ...], industry_codes: tuple[str, ...], name_keys: tuple[str, ...],
                 positions: dict[str, tuple[int, ...]]):
        self.area_codes, self.industry_codes, self.name_keys, self.positions = area_codes, industry_codes, name_keys, positions

    @classmethod
    def of(cls, estimates: Iterable[WageEstimate]) -> Keys:
        estimates = tuple(estimates)
        positions: dict[str, list[int]] = {}
        for i, e in enumerate(estimates):
            positions.setdefault(e.area_type, []).append(i)
        return cls(tuple(e.area_code.lstrip("0") for e in estimates), tuple(e.industry_code for e in estimates),
                   tuple(normalize(e.area_name) for e in estimates), {t: tuple(p) for t, p in positions.items()})

    def plain(self) -> tuple[Any, ...]:
        return self.area_codes, self.industry_codes, self.name_keys, self.positions


class WageTable:
    """A release's rows, each made into a WageEstimate only when a lookup returns it.

    `rows[i]` is what `make` turns into a record: the record itself for rows just checked, or its
    marshal bytes for rows read from the cache, so a command decodes only the rows it shows
    (a tenth of the time decoding every row took, with ten times the data).
    """

    def __init__(self, keys: Keys, rows: tuple[Any, ...], make: Callable[[Any], WageEstimate]):
        self.keys, self.rows, self.make = keys, rows, make

    @cached_property
    def industry_codes(self) -> frozenset[str]:
        """The industry codes of the national rows (what references to an industry may name)."""
        codes = self.keys.industry_codes
        return frozenset(codes[i] for i in self.keys.positions.get("N", ()))

    def select(self, area_type: str | None = None, *, industry_code: str | None = None, area_code: str | None = None,
               name_contains: str | None = None) -> tuple[WageEstimate, ...]:
        """Rows in file order, by area type (N, S, M), industry code, area code (leading zeros ignored)
        and a fragment of the area name in `normalize`d form."""
        keys = self.keys
        code = area_code.lstrip("0") if area_code is not None else None
        positions = range(len(self.rows)) if area_type is None else keys.positions.get(area_type, ())
        return tuple(
            self.make(self.rows[i]) for i in positions
            if (industry_code is None or keys.industry_codes[i] == industry_code)
            and (code is None or keys.area_codes[i] == code)
            and (name_contains is None or name_contains in keys.name_keys[i])
        )


def table_of(estimates: list[WageEstimate]) -> WageTable:
    return WageTable(Keys.of(estimates), tuple(estimates), _itself)


def _itself(row: WageEstimate) -> WageEstimate:
    return row


def _unpacked(row: bytes) -> WageEstimate:
    return WageEstimate._make(marshal.loads(row))


# --- the cache's form: plain values only ---------------------------------------------------


def to_plain(oews: OewsRelease) -> tuple[Any, ...]:
    table = oews.rows
    rows = tuple(marshal.dumps(tuple(row)) for row in table.rows) if table.make is _itself else table.rows
    return tuple(oews.release), table.keys.plain(), rows


def from_plain(value: Any) -> OewsRelease:
    """The release back from `to_plain`'s values; ValueError for anything else."""
    release, (area_codes, industry_codes, name_keys, positions), rows = value
    columns = (area_codes, industry_codes, name_keys, rows)
    if any(type(column) is not tuple or len(column) != len(rows) for column in columns) or type(positions) is not dict:
        raise ValueError("not a wage table")
    if sum(map(len, positions.values())) != len(rows):
        raise ValueError("not a wage table")
    return OewsRelease(Release._make(release), WageTable(Keys(area_codes, industry_codes, name_keys, positions), rows, _unpacked))
