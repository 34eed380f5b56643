"""The cache's form of an O*NET profile: its fields as plain tuples, each table's rows as tuples of values.

Decoding builds each table's records in one call per table (`map` over the record class's `_make`) instead of walking
every value as the generic codec does: a profile holds some four hundred records, and two are read by `switch`.
"""

from __future__ import annotations

from typing import Any

from ..models import OnetInterest, OnetJobZone, OnetProfile, OnetRating, OnetRelated, OnetShare, OnetTask, OnetTechnology, OnetTitle
from ..record import Record

# Each field of OnetProfile that holds records: the record class of its rows.
TABLES: dict[str, type[Record]] = {
    "skills": OnetRating, "knowledge": OnetRating, "work_styles": OnetRating, "technology": OnetTechnology,
    "education": OnetShare, "interests": OnetInterest, "tasks": OnetTask, "alternate_titles": OnetTitle,
    "reported_titles": OnetTitle, "related": OnetRelated,
}
SCALARS = frozenset({str, int, float, bool, type(None)})


def to_plain(profile: OnetProfile) -> tuple[Any, ...]:
    fields = []
    for name, value in zip(OnetProfile._fields, profile, strict=True):
        if name in TABLES:
            value = tuple(map(tuple, value))
        elif name == "job_zone" and value is not None:
            value = tuple(value)
        fields.append(value)
    return tuple(fields)


def from_plain(value: Any) -> OnetProfile:
    """The profile back from `to_plain`'s values; an error for anything else."""
    if type(value) is not tuple or len(value) != len(OnetProfile._fields):
        raise ValueError("not an O*NET profile")
    fields = []
    for name, item in zip(OnetProfile._fields, value, strict=True):
        if name in TABLES:
            rows = tuple(map(TABLES[name]._make, item))
            if not all(type(v) in SCALARS for row in rows for v in row):
                raise ValueError("not an O*NET profile")
            item = rows
        elif name == "job_zone":
            item = None if item is None else OnetJobZone._make(item)
        elif type(item) not in SCALARS:
            raise ValueError("not an O*NET profile")
        fields.append(item)
    return OnetProfile._make(fields)
