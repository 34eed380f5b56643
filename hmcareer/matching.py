"""Find my fit: rank the roles for a user's profile and show what each still needs.

Pure functions over the catalog, like `query`. Scoring is deliberately simple and shown to
the user: background +3 when the role lists it, each shared interest +2, and +1 when the
user already holds the licence the role requires. The fit traits behind it are hmcareer's
editorial judgement; every requirement in the gap comes from a sourced record.
"""

from __future__ import annotations

from collections.abc import Sequence

from .catalog import Catalog
from .errors import Conflict, NotFound, OutOfRange
from .models import Credential, Requirement, Role, Source, unconfirmed_by
from .query import ResolvedStep, find_role, lookup, resolve_steps
from .record import Record
from .vocabulary import DEGREE_LEVELS, FIT_BACKGROUNDS, FIT_INTERESTS, LICENCE_OF_CREDENTIAL, LICENCE_SATISFIES, LICENCES

BACKGROUND_POINTS, INTEREST_POINTS, LICENCE_POINTS = 3, 2, 1
# A background that by definition holds a licence; said so wherever it is used.
LICENCE_IMPLIED_BY = {"nurse": "rn", "physician": "clinical"}
LICENCE_WANTED = {"rn": "an RN licence", "clinical": "a clinical licence (RN, physician, therapist...)",
                  "nha": "a nursing home administrator licence", "none": "no licence"}


def _vocabulary_lookup(vocabulary: dict[str, tuple[str, tuple[str, ...]]], value: str, kind: str) -> str:
    """An id of `vocabulary` by id, label or other word; NotFound names every id (the lists are short)."""
    items = tuple(vocabulary)
    try:
        return lookup(items, value, lambda key: (key, vocabulary[key][0], *vocabulary[key][1]), kind, lambda key: key)
    except NotFound:
        raise NotFound(kind, value, items) from None


def find_background(value: str) -> str:
    return _vocabulary_lookup(FIT_BACKGROUNDS, value, "background")


def find_interest(value: str) -> str:
    return _vocabulary_lookup(FIT_INTERESTS, value, "interest")


def find_degree_level(value: str) -> str:
    return _vocabulary_lookup(DEGREE_LEVELS, value, "degree level")


def find_licence(value: str) -> str:
    return _vocabulary_lookup(LICENCES, value, "licence")


class Profile(Record):
    """What the user told us; None or () means they did not say."""

    background: str | None = None
    degree: str | None = None
    years: int | None = None
    licences: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    licence_assumed: bool = False  # licences were inferred from the background, not given

    def holds(self, licence: str) -> bool | None:
        if not self.licences:
            return None
        return any(licence in LICENCE_SATISFIES[held] for held in self.licences)

    def degree_at_least(self, level: str) -> bool | None:
        if self.degree is None:
            return None
        order = list(DEGREE_LEVELS)
        return order.index(self.degree) >= order.index(level)


def make_profile(background: str | None = None, degree: str | None = None, years: int | None = None,
                 licences: Sequence[str] = (), interests: Sequence[str] = ()) -> Profile:
    """A profile from the user's words, each looked up forgivingly (unknown values raise NotFound, exit 2)."""
    if years is not None and not 0 <= years <= 70:
        raise OutOfRange("years", str(years), ("0", "70"))
    bg = find_background(background) if background is not None else None
    held = tuple(dict.fromkeys(find_licence(x) for x in licences))
    if "none" in held and len(held) > 1:
        raise Conflict("licence", "none")
    assumed = False
    if not held and bg in LICENCE_IMPLIED_BY:
        held, assumed = (LICENCE_IMPLIED_BY[bg],), True
    return Profile(bg, find_degree_level(degree) if degree is not None else None, years, held,
                   tuple(dict.fromkeys(find_interest(x) for x in interests)), assumed)


# --- requirements ------------------------------------------------------------------------

DONE, TO_DO, CHECK, UNKNOWN, OPEN = "done", "to do", "check", "unknown", "open"
UNSTRUCTURED = "see details"  # a credential whose requirements exist only as prose


class Condition(Record):
    what: str  # degree | licence | years
    wanted: str  # in words: "a master's degree", "an RN licence", "5 years of executive healthcare management"
    met: bool | None  # None: the user did not say


class RequirementCheck(Record):
    requirement: Requirement
    conditions: tuple[Condition, ...]

    @property
    def unmet(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if c.met is False)

    @property
    def unknown(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if c.met is None)


def check_requirement(req: Requirement, p: Profile) -> RequirementCheck:
    conditions = []
    if req.licence:
        conditions.append(Condition("licence", LICENCE_WANTED[req.licence], p.holds(req.licence)))
    if req.degree:
        conditions.append(Condition("degree", f"{_degree_word(req.degree)} or higher", p.degree_at_least(req.degree)))
    if req.years is not None:
        # "2 years of healthcare work", but "2 years as a nurse manager" / "in an executive role"
        joiner = " " if (req.experience or "").startswith(("as ", "in ")) else " of "
        wanted = f"{req.years} year{'s' if req.years != 1 else ''}" + (joiner + req.experience if req.experience else "")
        conditions.append(Condition("years", wanted, None if p.years is None else p.years >= req.years))
    return RequirementCheck(req, tuple(conditions))


class CredentialCheck(Record):
    """How close the user is to a credential: the pathway that fits best and its verdict."""

    credential: Credential
    status: str  # open (no prerequisites) | done (every stated condition met) | to do | unknown | see details
    best: RequirementCheck | None


def check_credential(x: Credential, p: Profile) -> CredentialCheck:
    if not x.requires:
        return CredentialCheck(x, UNSTRUCTURED, None)
    checks = [check_requirement(r, p) for r in x.requires]
    if any(not c.conditions for c in checks):
        return CredentialCheck(x, OPEN, next(c for c in checks if not c.conditions))
    # Closest pathway: fewest conditions missing; among equals, one that builds on the degree the user has.
    best = min(checks, key=lambda c: (len(c.unmet), len(c.unknown), any(x.what == "degree" for x in c.unmet),
                                      _years_short(c, p)))
    status = TO_DO if best.unmet else UNKNOWN if best.unknown else DONE
    return CredentialCheck(x, status, best)


def _years_short(check: RequirementCheck, p: Profile) -> int:
    """How many more years a pathway asks for than the user has; breaks ties between pathways."""
    wanted = check.requirement.years or 0
    return max(0, wanted - (p.years or 0))


class StepCheck(Record):
    step: ResolvedStep
    status: str  # done | to do | check | unknown; certifications: done (in reach) | to do | unknown | open | see details
    why: str
    credential: CredentialCheck | None = None


DEGREE_WORDS = {"none": "no diploma", "high-school": "a high-school diploma", "associate": "an associate degree",
                "bachelor": "a bachelor's degree", "master": "a master's degree", "doctorate": "a doctorate"}


def _degree_word(level: str) -> str:
    """The level in running text, with its article: "an associate degree"."""
    return DEGREE_WORDS[level]


def check_steps(c: Catalog, role: Role, p: Profile) -> tuple[StepCheck, ...]:
    """Each step of the role's path, marked against the profile."""
    steps = resolve_steps(c, role)
    degrees = {d.id: d for d in c.education.degrees}
    creds = {x.id: x for x in c.credentials}
    holds_role_licence = bool(role.licence in LICENCE_OF_CREDENTIAL and p.holds(LICENCE_OF_CREDENTIAL[role.licence]))
    licence_at = next((i for i, s in enumerate(steps) if s.step == "licence"), -1)
    out: list[StepCheck] = []
    for i, s in enumerate(steps):
        if holds_role_licence and i < licence_at:
            out.append(StepCheck(s, DONE, "done before licensure, since you hold the licence"))
        elif s.step == "degree" and s.ref in degrees:
            level = degrees[s.ref].level
            met = p.degree_at_least(level)
            if met is None:
                out.append(StepCheck(s, UNKNOWN, f"needs {_degree_word(level)}; you did not give your highest degree"))
            elif met and s.any_field:
                out.append(StepCheck(s, DONE, f"you have {_degree_word(p.degree)}, and any field counts here"))
            elif met:
                out.append(StepCheck(s, CHECK, f"you have {_degree_word(p.degree)}; check that its field fits this step"))
            else:
                out.append(StepCheck(s, TO_DO, f"needs {_degree_word(level)}; you have {_degree_word(p.degree)}"))
        elif s.step == "licence" and s.ref in LICENCE_OF_CREDENTIAL:
            held = p.holds(LICENCE_OF_CREDENTIAL[s.ref])
            out.append(StepCheck(s, {True: DONE, False: TO_DO, None: UNKNOWN}[held],
                                 "you hold it" if held else "you did not say whether you hold it" if held is None
                                 else "you do not hold it yet"))
        elif s.step == "certification" and s.ref in creds:
            check = check_credential(creds[s.ref], p)
            out.append(StepCheck(s, check.status, _credential_why(check, c.sources), check))
        elif s.requires is not None:
            rc = check_requirement(s.requires, p)
            status = TO_DO if rc.unmet else UNKNOWN if rc.unknown else DONE
            out.append(StepCheck(s, status, _conditions_why(rc)))
        elif p.years is None:
            out.append(StepCheck(s, UNKNOWN, "you did not give your years of experience"))
        elif p.years == 0:
            out.append(StepCheck(s, TO_DO, "you report no work experience yet"))
        else:
            out.append(StepCheck(s, CHECK, f"you report {p.years} year{'s' if p.years != 1 else ''}; check they match this step"))
    return tuple(out)


def _conditions_why(rc: RequirementCheck) -> str:
    parts = []
    for cond in rc.conditions:
        mark = {True: "have", False: "missing", None: "not said"}[cond.met]
        parts.append(f"{cond.wanted} ({mark})")
    return "; ".join(parts) if parts else "no formal prerequisites"


def _credential_why(check: CredentialCheck, sources: dict[str, Source]) -> str:
    if check.best is None:
        return "requirements not structured here; see the credential's own page"
    req = check.best.requirement
    if not check.best.conditions:
        why = req.note or "no formal prerequisites"
    else:
        why = _conditions_why(check.best) + (f"; {req.note}" if req.note else "")
    who = unconfirmed_by({sources[s].tag for s in req.sources if s in sources})
    if who:
        why += f"; source: {who} only, unconfirmed"
    if check.status == DONE and any(cond.what == "years" for cond in check.best.conditions):
        why += "; if your years were that kind of work"
    return why


# --- ranking ---------------------------------------------------------------------------


class Reason(Record):
    points: int
    text: str


class RoleMatch(Record):
    role: Role
    score: int
    reasons: tuple[Reason, ...]
    steps: tuple[StepCheck, ...]

    @property
    def to_do(self) -> tuple[StepCheck, ...]:
        return tuple(s for s in self.steps if s.status == TO_DO and not s.step.optional)

    @property
    def unknown(self) -> tuple[StepCheck, ...]:
        return tuple(s for s in self.steps if s.status == UNKNOWN and not s.step.optional)


class MatchReport(Record):
    profile: Profile
    matches: tuple[RoleMatch, ...]  # best first
    top: int  # how many get a full gap analysis


def _reasons(role: Role, p: Profile) -> list[Reason]:
    reasons = []
    if p.background:
        label = FIT_BACKGROUNDS[p.background][0]
        if p.background in role.backgrounds:
            reasons.append(Reason(BACKGROUND_POINTS, f"background {label}: one this role commonly draws on"))
        else:
            reasons.append(Reason(0, f"background {label}: not among the usual ones ({', '.join(role.backgrounds)})"))
    for interest in p.interests:
        if interest in role.interests:
            reasons.append(Reason(INTEREST_POINTS, f"interest {FIT_INTERESTS[interest][0]}: central to this role"))
    if role.clinical_licence:
        held = p.holds("clinical")
        if held:
            reasons.append(Reason(LICENCE_POINTS, "you hold a clinical licence, which this role requires"))
        else:
            reasons.append(Reason(0, "requires a clinical licence in the specialty" + (" (you have none)" if held is False else "")))
    if role.licence in LICENCE_OF_CREDENTIAL:
        licence = LICENCE_OF_CREDENTIAL[role.licence]
        name = LICENCES[licence][0].lower()
        if p.holds(licence):
            reasons.append(Reason(LICENCE_POINTS, f"you hold the {name} it requires"))
        else:
            reasons.append(Reason(0, f"requires a state {name}"))
    return reasons


def match_roles(c: Catalog, p: Profile, top: int = 3) -> MatchReport:
    """Every role ranked by fit points, then by fewest required steps still to do."""
    scored = []
    for order, role in enumerate(c.roles):
        reasons = _reasons(role, p)
        result = RoleMatch(role, sum(r.points for r in reasons), tuple(reasons), check_steps(c, role, p))
        scored.append((-result.score, len(result.to_do), order, result))
    ranked = tuple(item[-1] for item in sorted(scored, key=lambda item: item[:3]))
    return MatchReport(p, ranked, min(top, len(ranked)))


class PlannedPath(Record):
    """`paths ROLE --from BACKGROUND`: one role's path, each step marked for this profile."""

    role: Role
    profile: Profile
    fits_background: bool | None
    steps: tuple[StepCheck, ...]


def plan_path(c: Catalog, role: str, p: Profile) -> PlannedPath:
    r = find_role(c, role)
    fits = None if p.background is None else p.background in r.backgrounds
    return PlannedPath(r, p, fits, check_steps(c, r, p))
