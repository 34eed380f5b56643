"""BLS's industry hierarchy for the national rows: tree order, which rows are totals, and a short overview.

BLS industry levels: 0 all industries, 1 ownership totals, 2 NAICS sectors, 3 three-digit, 4 four-digit, 5 further
detail (often ownership splits). Rows in code order form the tree, except the government rows that include schools and
hospitals (999001 and its parts 999101, 999201, 999301): they overlap the sectors, so they come last, with the
private-ownership total, as the ownership totals they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .models import ALL_INDUSTRIES, WageEstimate
from .record import Record

OWNERSHIP = 1  # the industry level of ownership totals
GROUP_LEVEL = 3  # three-digit industries: the overview's groups
OVERVIEW_ROWS = 3  # each of the overview's lists: plain `salary` fits one 80x24 screen
BEST_PAYING_MIN_JOBS = 1000  # the overview's best-paying groups: at least this many jobs, so a tiny cell cannot lead


def _ownership_group(e: WageEstimate) -> bool:
    code = e.industry_code
    return e.industry_level == OWNERSHIP or (code.startswith("999") and code.endswith("1"))


def tree_order(rows: Iterable[WageEstimate]) -> list[WageEstimate]:
    """National industry rows (not the all-industries row) in BLS's hierarchy: each total before the rows under it."""
    return sorted((e for e in rows if e.industry_code != ALL_INDUSTRIES), key=lambda e: (_ownership_group(e), e.industry_code))


def totals(tree: Sequence[WageEstimate]) -> tuple[str, ...]:
    """The codes of the rows that are totals: ownership totals, and every row with deeper rows right under it."""
    found = []
    for i, e in enumerate(tree):
        below = tree[i + 1] if i + 1 < len(tree) else None
        if e.industry_level == OWNERSHIP or (below is not None and below.industry_level > e.industry_level):
            found.append(e.industry_code)
    return tuple(found)


def depth(e: WageEstimate) -> int:
    """How far a name is indented: one step a level below the ownership totals (sectors 1, three-digit 2, ...)."""
    return max(e.industry_level - OWNERSHIP, 0)


class Overview(Record):
    largest: tuple[WageEstimate, ...]  # three-digit groups by employment
    best_paying: tuple[WageEstimate, ...]  # three-digit groups by mean, at least BEST_PAYING_MIN_JOBS jobs
    group_level: int
    min_jobs: int


def overview(rows: Iterable[WageEstimate], hourly: bool = False) -> Overview:
    groups = [e for e in rows if e.industry_level == GROUP_LEVEL]
    largest = sorted((e for e in groups if e.employment is not None), key=lambda e: -(e.employment or 0))
    paying = [e for e in groups if (e.employment or 0) >= BEST_PAYING_MIN_JOBS and e.wage("mean", hourly) is not None]
    paying.sort(key=lambda e: -(e.wage("mean", hourly) or 0))
    return Overview(tuple(largest[:OVERVIEW_ROWS]), tuple(paying[:OVERVIEW_ROWS]), GROUP_LEVEL, BEST_PAYING_MIN_JOBS)


def nested(rows: Iterable[WageEstimate]) -> list[tuple[WageEstimate, int, bool]]:
    """Some national industry rows (a role's) in tree order, each with its depth among them (how many of the others
    contain it) and whether it is a total of others among them (623000 contains 623100, 623300 and 623900)."""
    ordered = tree_order(rows)

    def contains(outer: WageEstimate, inner: WageEstimate) -> bool:
        return (inner is not outer and inner.industry_level > outer.industry_level > OWNERSHIP
                and inner.industry_code.startswith(outer.industry_code.rstrip("0")))

    return [(e, sum(contains(o, e) for o in ordered), any(contains(e, i) for i in ordered)) for e in ordered]
