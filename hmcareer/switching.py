"""`switch`: from the user's occupation to medical and health services manager, in one place.

Pay now and as a manager there (and inside the industries both are published in, nationally), how many manager jobs
there are per 100 of the user's, what each side's education looks like, which skills and knowledge transfer and which
to build, the technology managers use that the user's occupation does not list, and the roles that fit the background.
Every figure is BLS's or O*NET's as bundled; nothing is estimated.
"""

from __future__ import annotations

import re
from typing import Any

from .catalog import MANAGERS_SOC, Catalog
from .errors import Conflict, NotFound
from .models import OccupationEntry, OnetJobZone, OnetTechnology, Release, WageEstimate
from .profiles import Gap, Level, SkillGaps, education_levels, skill_gaps, technology_to_learn
from .query import national_rows, wage_rows
from .record import Record
from .rolepay import PayChange, Place, RolePay, change_of, find_place, occupation_in, role_pay

PAY_STATS = ("p25", "median", "p75")
SHOWN_INDUSTRIES = 5  # the shared industries with the most manager jobs


class IndustryPay(Record):
    """Both occupations' national pay in one industry where BLS publishes both."""

    industry_code: str
    industry_name: str
    now: WageEstimate
    manager: WageEstimate
    median: PayChange


class Side(Record):
    """One occupation in the view: its place row and its O*NET summary."""

    occupation: OccupationEntry
    release: Release
    place: WageEstimate
    job_zone: OnetJobZone | None
    education: tuple[Level, ...]  # O*NET required-education shares, largest first
    onet_soc: str | None = None  # the O*NET-SOC occupation whose profile stands for it
    onet_title: str | None = None
    onet_note: str | None = None  # O*NET's profile is not simply the SOC code's own: which it is


class RoleFit(Record):
    role_id: str
    title: str
    score: int
    pay: RolePay


class SwitchReport(Record):
    named: str  # what the user typed
    background: str | None  # the background the answer named, when it named a background rather than an occupation
    place_kind: str  # nation | state | metro
    now: Side
    manager: Side
    pay: tuple[PayChange, ...]
    industries: tuple[IndustryPay, ...]  # national, largest manager employment first
    shared_industries: int  # how many industries both are published in
    managers_per_100: float | None  # manager jobs per 100 jobs of the user's occupation in the place
    gaps: SkillGaps | None  # None when O*NET rates no skills for the user's occupation
    technology: tuple[OnetTechnology, ...]  # examples managers list and the user's occupation does not
    technology_total: int
    roles: tuple[RoleFit, ...]
    onet_source: str | None
    licence_state: Any = None  # licensing.StateSteps: the NHA licence in the state compared (set after remembering)


# Every record class a SwitchReport holds, for remembered.py; a new one goes at the end.
RECORDS = (SwitchReport, Side, IndustryPay, RoleFit, PayChange, RolePay, Level, Gap, SkillGaps, OccupationEntry, WageEstimate,
           Release, OnetJobZone, OnetTechnology)


def _side(c: Catalog, entry: OccupationEntry, place: WageEstimate) -> Side:
    from .occupations import occupation_wages

    release = occupation_wages(c, entry).release
    try:
        profile = c.onet_of(entry.soc)
    except NotFound:
        return Side(entry, release, place, None, ())
    return Side(entry, release, place, profile.job_zone, education_levels(profile), profile.onet_soc, profile.title,
                profile.note)


def _shared_industries(c: Catalog, soc: str) -> list[IndustryPay]:
    """National four-digit industries where BLS publishes both occupations' median pay."""
    own = {e.industry_code: e for e in national_rows(c, soc)}
    found = []
    for manager in wage_rows(c).select("N", industry_codes=own.keys()):
        # Four-digit industries, not their totals, and not BLS's ownership splits ("Hospitals, Privately Owned", codes
        # such as 622005), which overlap the industries they split.
        if manager.industry_level != 4 or re.fullmatch(r"\d{3}00[1-9]", manager.industry_code):
            continue
        now = own.get(manager.industry_code)
        if now is not None and now.annual_median is not None and manager.annual_median is not None:
            found.append(IndustryPay(manager.industry_code, manager.industry_name, now, manager, change_of("median", now, manager)))
    return sorted(found, key=lambda i: -(i.manager.employment or 0))


def switch_report(c: Catalog, named: str, state: str | None = None, metro: str | None = None, top_roles: int = 3) -> SwitchReport:
    """The view, remembered between runs while every data file it read is unchanged (hmcareer/remembered.py); a
    remembered one imports none of the code that computes it."""
    from .remembered import remembered

    report = remembered(c, "switch", (named, state, metro, top_roles),
                        lambda: _switch_report(c, named, state, metro, top_roles), RECORDS)
    if state is None:
        return report
    from .licensing import steps_in

    return report._replace(licence_state=steps_in(c, state))


def _switch_report(c: Catalog, named: str, state: str | None, metro: str | None, top_roles: int) -> SwitchReport:
    from .occupations import resolve_from

    resolved = resolve_from(c, named)
    entry = resolved.occupation
    if entry.soc == MANAGERS_SOC:
        raise Conflict("occupation", "11-9111 is the managers' own occupation; name the job you hold now")
    place = find_place(c, state, metro, entry.soc)
    own_place, manager_place = occupation_in(c, entry.soc, place), place.managers
    managers = next(e for e in c.occupation_index if e.soc == MANAGERS_SOC)
    now, manager = _side(c, entry, own_place), _side(c, managers, manager_place)
    pay = tuple(change_of(stat, own_place, manager_place) for stat in PAY_STATS)
    shared = _shared_industries(c, entry.soc)
    per_100 = (round(manager_place.employment / own_place.employment * 100, 1)
               if manager_place.employment is not None and own_place.employment else None)
    gaps = skill_gaps(c, entry.soc) if now.onet_soc else None
    technology, total = technology_to_learn(c, entry.soc) if now.onet_soc else ((), 0)
    return SwitchReport(named, resolved.background, place.kind, now, manager, pay, tuple(shared[:SHOWN_INDUSTRIES]), len(shared),
                        per_100, gaps, technology, total,
                        role_fits(c, entry, place, top_roles), _onet_source(c, entry.soc))


def _onet_source(c: Catalog, soc: str) -> str | None:
    try:
        return c.onet_of(soc).source
    except NotFound:
        return None


def role_fits(c: Catalog, entry: OccupationEntry, place: Place, top: int) -> tuple[RoleFit, ...]:
    """The roles `match --occupation` ranks best for someone in the occupation who says nothing more, each with its
    pay (matching.ranked_by_points gives match's order for such a profile without marking every step)."""
    from .matching import make_profile, ranked_by_points, with_occupation

    if entry.background is None:
        return ()
    ranked = ranked_by_points(c, with_occupation(make_profile(entry.background), entry))[:top]
    return tuple(RoleFit(role.id, role.title, points, role_pay(c, role, place, entry)) for role, points in ranked)
