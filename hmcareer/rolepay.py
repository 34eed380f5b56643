"""What a role pays, as far as BLS shows it, and how that compares with the user's occupation.

BLS publishes no pay for a role (a nursing home administrator is one kind of 11-9111 manager), only for the occupation,
by industry nationally and across all industries in a state or metro. So a role's pay is 11-9111's in the role's
industry with the most manager jobs, nationally, or every 11-9111 manager's in a chosen state or metro; the view says
which. The user's occupation is compared in the same industry or place, where BLS publishes it.
"""

from __future__ import annotations

from typing import Any

from .catalog import Catalog
from .errors import Conflict, NotFound
from .models import OccupationEntry, Release, Role, WageEstimate
from .query import find_metro, find_state, national_industry, national_total, unpublished_like
from .record import Record
from .vocabulary import normalize


class PayChange(Record):
    """One statistic (p25, median, p75) of annual pay: the user's occupation, the managers', and the change."""

    stat: str
    now: int | None
    manager: int | None
    now_state: str  # "" (a figure), "not published" or "top-coded"
    manager_state: str
    change: int | None  # only when both are figures
    change_pct: float | None


def change_of(stat: str, now: WageEstimate | None, manager: WageEstimate) -> PayChange:
    field = f"annual_{stat}"

    def state(e: WageEstimate | None) -> str:
        if e is None:
            return ""
        return "top-coded" if field in e.top_coded else "not published" if field in e.not_published else ""

    a, b = getattr(now, field) if now is not None else None, getattr(manager, field)
    change = b - a if a is not None and b is not None else None
    pct = round(change / a * 100, 1) if change is not None and a else None
    return PayChange(stat, a, b, state(now), state(manager), change, pct)


class Place(Record):
    """Where pay is compared: the nation, a state or a metro, with the managers' row there."""

    kind: str  # nation | state | metro
    managers: WageEstimate
    release: Release  # the managers' OEWS release


def find_place(c: Catalog, state: str | None, metro: str | None, soc: str | None = None) -> Place:
    """The nation, or the state or metro named, with the managers' row there; with the user's occupation (`soc`), a
    place BLS publishes for it alone is found too, the managers' figures there not published."""
    if state is not None and metro is not None:
        raise Conflict("place", "--state and --metro")
    if normalize(state or metro or "") == "all":
        raise Conflict("place", "all")
    if state is None and metro is None:
        return Place("nation", national_total(c), c.oews.release)
    kind, finder, value = ("state", find_state, state) if state is not None else ("metro", find_metro, metro)
    try:
        return Place(kind, finder(c, value), c.oews.release)
    except NotFound:
        if soc is None:
            raise
    return Place(kind, unpublished_like(finder(c, value, soc)), c.oews.release)


def occupation_in(c: Catalog, soc: str, place: Place) -> WageEstimate:
    """An occupation's row in the place (not published where BLS has none)."""
    if place.kind == "state":
        return find_state(c, place.managers.state_code, soc)
    if place.kind == "metro":
        return find_metro(c, place.managers.area_code, soc)
    return national_total(c, soc)


class RolePay(Record):
    role_id: str
    pay: WageEstimate  # 11-9111 in the role's largest industry (nationally) or in the place
    where: str  # how that figure is drawn, in words
    change: PayChange | None  # the median against the user's occupation in the same industry or place


def role_pay(c: Catalog, role: Role, place: Place, current: OccupationEntry | None) -> RolePay:
    if place.kind != "nation":
        pay, where = place.managers, f"every 11-9111 manager in {place.managers.area_name} (BLS gives no industry detail there)"
    else:
        published = [r for r in (national_industry(c, code) for code in role.industries) if r.employment is not None]
        pay = max(published, key=lambda r: r.employment or 0) if published else national_total(c)
        where = (f"11-9111 managers in {pay.industry_name}, nationally (its industry with the most manager jobs)"
                 if published else "every 11-9111 manager, nationally")
    if current is None:
        return RolePay(role.id, pay, where, None)
    own = occupation_in(c, current.soc, place) if place.kind != "nation" else national_industry(c, pay.industry_code, current.soc)
    return RolePay(role.id, pay, where, change_of("median", own, pay))


def priced(c: Catalog, report: Any, current: OccupationEntry | None, state: str | None, metro: str | None,
           assumed: bool = False) -> Any:
    """A matching.MatchReport with each role's pay in the place (national by default) and, for a user who named their
    occupation (or whose background stands for one: `assumed`), the change from its pay."""
    place = find_place(c, state, metro, current.soc if current is not None else None)
    return report._replace(pay=tuple(role_pay(c, m.role, place, current) for m in report.matches), place=place,
                           current=current, current_assumed=assumed)
