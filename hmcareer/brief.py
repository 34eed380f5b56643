"""A career brief: one role, its pay nationally and in a place, the path from a background, licence, certifications,
associations and outlook, assembled from the queries that answer each on its own (`roles`, `salary`, `paths`, `certs`,
`outlook`). The renderers (render/brief_doc.py and the html and markdown writers) turn it into a handout.
"""

from __future__ import annotations

from .catalog import Catalog
from .errors import Conflict
from .licensing import NHA_LICENCE, StateSteps, steps_in
from .models import Credential, QuickFacts, Release, WageEstimate
from .query import OutlookReport, ResolvedStep, RoleDetail, find_metro, find_role, find_state, outlook_report, resolve_steps, role_detail
from .record import Record


class LicenceSection(Record):
    """The licence a role needs, with what the credential's record says of eligibility, exam and renewal.

    `state_steps`: for a licence each state sets (the nursing home administrator's), that state's board, education, AIT,
    exams and CE with their status and sources; None elsewhere, and then the renderers say to check the state's board.
    """

    licence: Credential | None
    state: str | None  # the state's name, when the brief is for a state or a metro in one
    state_steps: StateSteps | None = None
    metro: str | None = None  # the metro area's name, when the brief is for one
    also: tuple[tuple[str, str], ...] = ()  # (code, name) of the other states a metro spans ("NH", "New Hampshire")


class BriefPath(Record):
    """The path to the role: each step, and for a user who named a background, each step's status for them."""

    background: str | None  # the background's name in words
    fits_background: bool | None  # whether the role is one people with that background usually move to
    steps: tuple[ResolvedStep, ...]
    statuses: tuple[tuple[str, str], ...] = ()  # (status, why) per step, with a background


class CareerBrief(Record):
    detail: RoleDetail  # the role, its degrees, licence, certifications, associations, industries' pay, checked claims
    place: WageEstimate | None  # the state's or metro's row, all industries
    place_kind: str  # "" | state | metro
    path: BriefPath
    licence: LicenceSection
    outlook: OutlookReport
    latest_facts: QuickFacts | None  # the newest Occupational Outlook Handbook edition with its figures
    release: Release


def licence_section(c: Catalog, licence: Credential | None, state: WageEstimate | None,
                    metro: WageEstimate | None = None) -> LicenceSection:
    """The licence part of a brief, with the state's own steps where the licence is set state by state; for a metro
    area that spans several states, the states besides the one BLS files it under."""
    if state is None:
        return LicenceSection(licence, None)
    steps = steps_in(c, state.area_name) if licence is not None and licence.id == NHA_LICENCE else None
    also: tuple[tuple[str, str], ...] = ()
    if metro is not None and steps is not None:
        also = tuple((code, other.name) for code in metro_states(metro) if code != steps.code
                     for other in [steps_in(c, code)] if other is not None)
    return LicenceSection(licence, state.area_name, steps, metro.area_name if metro is not None else None, also)


def metro_states(metro: WageEstimate) -> tuple[str, ...]:
    """The postal codes a metro area's name ends with: "Boston-Cambridge-Newton, MA-NH" spans MA and NH."""
    _, _, codes = metro.area_name.rpartition(", ")
    return tuple(code for code in codes.split("-") if len(code) == 2 and code.isalpha() and code.isupper())


def career_brief(c: Catalog, role: str, state: str | None = None, metro: str | None = None,
                 background: str | None = None) -> CareerBrief:
    if state is not None and metro is not None:
        raise Conflict("place", "--state and --metro")
    r = find_role(c, role)
    detail = role_detail(c, r)
    place, kind = None, ""
    if state is not None:
        place, kind = find_state(c, state), "state"
    elif metro is not None:
        place, kind = find_metro(c, metro), "metro"
    steps = resolve_steps(c, r)
    if background is not None:
        from .matching import make_profile, plan_path
        from .vocabulary import FIT_BACKGROUNDS

        planned = plan_path(c, r.id, make_profile(background))
        path = BriefPath(FIT_BACKGROUNDS[planned.profile.background][0], planned.fits_background,
                         tuple(s.step for s in planned.steps), tuple((s.status, s.why) for s in planned.steps))
    else:
        path = BriefPath(None, None, steps)
    home_state = place if kind == "state" else _state_of_metro(c, place) if place is not None else None
    outlook = outlook_report(c)
    latest = next((q for q in outlook.occupation.quick_facts if q.median_annual and q.growth_pct is not None), None)
    licence = licence_section(c, detail.licence, home_state, place if kind == "metro" else None)
    return CareerBrief(detail, place, kind, path, licence, outlook, latest,
                       c.oews.release)


def _state_of_metro(c: Catalog, metro: WageEstimate) -> WageEstimate | None:
    """The state BLS files a metro area under (its state code); None where it gives none."""
    return next((e for e in c.oews.rows.select("S") if e.state_code == metro.state_code), None)
