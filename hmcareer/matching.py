"""Find my fit: rank the roles for a user's profile and show what each still needs.

Pure functions over the catalog, like `query`. Scoring is deliberately simple and shown to
the user: background +3 when the role lists it, each shared interest +2, and +1 when the
user already holds the licence the role requires. The fit traits behind it are hmcareer's
editorial judgement; every requirement in the gap comes from a sourced record.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .catalog import Catalog
from .errors import Conflict, NotFound, OutOfRange
from .models import OFFICIAL_TAGS, Credential, OccupationEntry, Requirement, Role, Source, unconfirmed_by
from .query import ResolvedStep, find_role, lookup, resolve_steps
from .record import Record
from .rolepay import Place, RolePay
from .vocabulary import (
    DEGREE_FIELDS,
    DEGREE_LEVELS,
    EXPERIENCE_FIELDS,
    EXPERIENCE_LEVELS,
    FIELD_OF_DEGREE_WORD,
    FIELDS_OF_BACKGROUND,
    FIT_BACKGROUNDS,
    FIT_INTERESTS,
    LICENCE_OF_CREDENTIAL,
    LICENCE_SATISFIES,
    LICENCES,
    normalize,
)

BACKGROUND_POINTS, INTEREST_POINTS, LICENCE_POINTS = 3, 2, 1
# A background that by definition holds a licence; said so wherever it is used. "Nurse" covers LPNs, so only the words
# "rn" and "registered nurse" imply an RN licence.
LICENCE_IMPLIED_BY = {"nurse": "clinical", "physician": "clinical"}
RN_WORDS = ("rn", "registered nurse")
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


def find_degree_field(value: str) -> str:
    return _vocabulary_lookup(DEGREE_FIELDS, value, "degree field")


def find_licence(value: str) -> str:
    return _vocabulary_lookup(LICENCES, value, "licence")


class Profile(Record):
    """What the user told us; None or () means they did not say."""

    background: str | None = None
    degree: str | None = None
    years: int | None = None  # years of work in the background's field
    licences: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    licence_assumed: bool = False  # licences were inferred from the background, not given
    degree_field: str | None = None  # a DEGREE_FIELDS id
    manager_years: int | None = None  # of `years`, as a manager (executive years included)
    executive_years: int | None = None  # of `manager_years`, in an executive role
    occupation: str | None = None  # the occupation the user named (--occupation), as "title (SOC)"

    @property
    def assumed_from(self) -> str:
        """What an assumed licence was inferred from, as the user is told: the occupation they named, else the background."""
        return "assumed from your occupation" if self.occupation else "assumed from your background"

    def holds(self, licence: str) -> bool | None:
        if not self.licences:
            return None
        if any(licence in LICENCE_SATISFIES[held] for held in self.licences):
            return True
        # An assumed licence is the least the background implies (a nurse may be an RN or an LPN): nothing beyond it
        # is ruled out.
        return None if self.licence_assumed else False

    def degree_at_least(self, level: str) -> bool | None:
        if self.degree is None:
            return None
        order = list(DEGREE_LEVELS)
        return order.index(self.degree) >= order.index(level)

    def years_at(self, level: str) -> int | None:
        """The fewest years at `level` or above (any, manager, executive) the answers show: executive years are years as a
        manager too, and every year as a manager is a year of work."""
        given = {"any": self.years, "manager": self.manager_years, "executive": self.executive_years}
        shown = [given[x] for x in EXPERIENCE_LEVELS[EXPERIENCE_LEVELS.index(level):] if given[x] is not None]
        return max(shown) if shown else None

    def years_at_most(self, level: str) -> int | None:
        """The most years at `level` the answers allow: the years given for it, else those of a wider level."""
        wider = EXPERIENCE_LEVELS[:EXPERIENCE_LEVELS.index(level) + 1]
        given = [y for y in (self.years_at(x) for x in wider) if y is not None]
        return min(given) if given else None


def with_occupation(profile: Profile, entry: OccupationEntry) -> Profile:
    """The profile of someone in the occupation: its background (`make_profile` was given it), the occupation named, and
    its licence assumed when the user named none."""
    if entry.licence and (not profile.licences or profile.licence_assumed):
        profile = profile._replace(licences=(entry.licence,), licence_assumed=True)
    return profile._replace(occupation=f"{entry.title} ({entry.soc})")


def make_profile(background: str | None = None, degree: str | None = None, years: int | None = None,
                 licences: Sequence[str] = (), interests: Sequence[str] = (), *, degree_field: str | None = None,
                 manager_years: int | None = None, executive_years: int | None = None) -> Profile:
    """A profile from the user's words, each looked up forgivingly (unknown values raise NotFound, exit 2)."""
    for kind, value, most in (("years", years, 70), ("manager-years", manager_years, years if years is not None else 70),
                              ("executive-years", executive_years, min(y for y in (years, manager_years, 70) if y is not None))):
        if value is not None and not 0 <= value <= most:
            raise OutOfRange(kind, str(value), ("0", str(most)))
    bg = find_background(background) if background is not None else None
    held = tuple(dict.fromkeys(find_licence(x) for x in licences))
    if "none" in held and len(held) > 1:
        raise Conflict("licence", "none")
    assumed = False
    if not held and bg in LICENCE_IMPLIED_BY:
        held, assumed = ("rn" if normalize(background or "") in RN_WORDS else LICENCE_IMPLIED_BY[bg],), True
    level = find_degree_level(degree) if degree is not None else None
    implied = FIELD_OF_DEGREE_WORD.get(normalize(degree or "")) or ("nursing" if level == "nursing-diploma" else None)
    field = find_degree_field(degree_field) if degree_field is not None else implied
    if degree_field is not None and (level in ("none", "high-school") or (implied and field != implied)):
        raise Conflict("degree-field", degree_field)
    return Profile(bg, level, years, held, tuple(dict.fromkeys(find_interest(x) for x in interests)), assumed,
                   field, manager_years, executive_years)


# --- requirements ------------------------------------------------------------------------

# A step's verdict; a certification's verdicts are CREDENTIAL_VERDICTS.
DONE, TO_DO, CHECK, UNKNOWN = "done", "to do", "check", "unknown"
# A certification: every stated condition shown by the answers and the rule from the issuer | one missing | an answer
# not given | the answers cannot show a condition, the rule is known only from a third party, or it is not
# structured here | an official source says there are no formal prerequisites.
IN_REACH, NOT_YET, CHECK_ISSUER, OPEN = "in reach", "not yet", "check with the issuer", "open"
# A condition: the answers show it | show it is not met | do not say | cannot show it either way.
HAVE, MISSING, NOT_SAID, UNPROVEN = "have", "missing", "not said", "check"


class Condition(Record):
    what: str  # licence | degree | degree field | degree programme | years | manager years | executive years
    wanted: str  # in words: "a master's degree or higher", "2 years as a manager in nursing"
    state: str  # HAVE | MISSING | NOT_SAID | UNPROVEN
    why: str | None = None  # for UNPROVEN: what the answers leave open


class RequirementCheck(Record):
    requirement: Requirement
    conditions: tuple[Condition, ...]
    unofficial: bool  # no source of the requirement is the issuer's own or an official copy

    def count(self, state: str) -> int:
        return sum(c.state == state for c in self.conditions)


def years_wanted(years: int, level: str, field: str | None) -> str:
    """ "6 years of work in healthcare", "2 years as a manager in nursing"."""
    amount = f"{years} year{'s' if years != 1 else ''}"
    place = f" in {EXPERIENCE_FIELDS[field]}" if field else ""
    return {"any": f"{amount} of work{place}", "manager": f"{amount} as a manager{place}",
            "executive": f"{amount} in an executive role{place}"}[level]


def _years_condition(needed: int, level: str, field: str | None, p: Profile, below_executive: bool = False) -> Condition:
    what = {"any": "years", "manager": "manager years", "executive": "executive years"}[level]
    wanted = years_wanted(needed, level, field) + (", not as an executive" if below_executive else "")
    given, most = p.years_at(level), p.years_at_most(level)
    if below_executive:  # only the manager years that were not executive ones
        given = None if p.manager_years is None or p.executive_years is None else p.manager_years - p.executive_years
    if most is not None and most < needed:
        return Condition(what, wanted, MISSING)
    if given is None:
        return Condition(what, wanted, NOT_SAID, "you did not say how many were executive years" if below_executive
                         and p.manager_years is not None else None)
    if given < needed:
        return Condition(what, wanted, MISSING)
    if field is None:
        return Condition(what, wanted, HAVE)
    if p.background is None:
        return Condition(what, wanted, UNPROVEN, "you did not say in what field")
    if field in FIELDS_OF_BACKGROUND[p.background]:
        return Condition(what, wanted, HAVE)
    return Condition(what, wanted, UNPROVEN, f"your background does not show work in {EXPERIENCE_FIELDS[field]}")


def _degree_field_condition(field: str, p: Profile) -> Condition:
    wanted = f"a degree in {DEGREE_FIELDS[field][0].lower()}"
    if p.degree_field is None:
        return Condition("degree field", wanted, NOT_SAID)
    if p.degree_field == field:
        return Condition("degree field", wanted, HAVE)
    return Condition("degree field", wanted, UNPROVEN, f"your highest degree is in {DEGREE_FIELDS[p.degree_field][0].lower()}")


SHOWN = {True: HAVE, False: MISSING, None: NOT_SAID}  # what an answer shows of a yes/no condition


def years_needed(req: Requirement) -> tuple[tuple[str, int], ...]:
    """(level, years) for each kind of years the requirement asks for: any work, as a manager, as an executive."""
    return tuple((level, years) for level, years in (("any", req.years), ("manager", req.manager_years),
                                                     ("executive", req.executive_years)) if years is not None)


def check_requirement(req: Requirement, p: Profile, sources: dict[str, Source]) -> RequirementCheck:
    conditions = []
    if req.licence:
        held = p.holds(req.licence)
        conditions.append(Condition("licence", LICENCE_WANTED[req.licence], SHOWN[held],
                                    p.assumed_from if held and p.licence_assumed else None))
    if req.degree:
        met = p.degree_at_least(req.degree)
        conditions.append(Condition("degree", f"{_degree_word(req.degree)} or higher", SHOWN[met]))
        if req.degree_field:
            conditions.append(_degree_field_condition(req.degree_field, p))
        if req.degree_from:
            conditions.append(Condition("degree programme", f"the degree from {req.degree_from}", UNPROVEN,
                                        "your answers cannot show where your degree is from"))
    for level, needed in years_needed(req):
        conditions.append(_years_condition(needed, level, req.field, p, req.manager_only and level == "manager"))
    conditions += [Condition("other", wanted, UNPROVEN, "your answers cannot show it") for wanted in req.cannot_show]
    if req.usual:  # a usual route, not a rule: what is missing is to compare, not to do
        conditions = [c._replace(state=UNPROVEN, why="usual, not required") if c.state == MISSING else c for c in conditions]
    tags = {sources[s].tag for s in req.sources if s in sources}
    return RequirementCheck(req, tuple(conditions), not tags & OFFICIAL_TAGS)


class CredentialCheck(Record):
    """How close the user is to a credential: the pathway that fits best and its verdict."""

    credential: Credential
    status: str  # IN_REACH | NOT_YET | UNKNOWN | CHECK_ISSUER | OPEN
    best: RequirementCheck | None


def check_credential(x: Credential, p: Profile, sources: dict[str, Source]) -> CredentialCheck:
    if not x.requires:
        return CredentialCheck(x, CHECK_ISSUER, None)
    checks = [check_requirement(r, p, sources) for r in x.requires]
    # Closest pathway: fewest conditions missing; an issuer's own rule before a third party's; then fewest unanswered,
    # then unproven; then one that builds on the degree the user has; then the fewest years still to gain.
    best = min(checks, key=lambda c: (c.count(MISSING), c.unofficial, c.count(NOT_SAID), c.count(UNPROVEN),
                                      any(x.what == "degree" and x.state == MISSING for x in c.conditions),
                                      _years_short(c.requirement, p), _years_asked(c.requirement)))
    if not best.conditions:
        return CredentialCheck(x, CHECK_ISSUER if best.unofficial else OPEN, best)
    # A third party's rule is never a verdict of ours either way, short of a condition the answers show is missing.
    status = (NOT_YET if best.count(MISSING) else CHECK_ISSUER if best.unofficial else UNKNOWN if best.count(NOT_SAID)
              else CHECK_ISSUER if best.count(UNPROVEN) else IN_REACH)
    return CredentialCheck(x, status, best)


def _years_asked(req: Requirement) -> int:
    """The most years a pathway asks for at any level: between pathways the answers cannot tell apart, the one that
    counts the user's education for most (CHPS: a bachelor's and 2 years, rather than a diploma and 6)."""
    return max((years for _, years in years_needed(req)), default=0)


def _years_short(req: Requirement, p: Profile) -> int:
    """How many more years a pathway asks for than the user has; breaks ties between pathways."""
    return sum(max(0, wanted - (p.years_at(level) or 0)) for level, wanted in years_needed(req))


class StepCheck(Record):
    step: ResolvedStep
    status: str  # a step: DONE | TO_DO | CHECK | UNKNOWN; a certification: IN_REACH | NOT_YET | UNKNOWN | CHECK_ISSUER | OPEN
    why: str
    credential: CredentialCheck | None = None


DEGREE_WORDS = {"none": "no diploma", "high-school": "a high-school diploma", "nursing-diploma": "a nursing diploma",
                "associate": "an associate degree", "bachelor": "a bachelor's degree", "master": "a master's degree",
                "doctorate": "a doctorate"}
STEP_STATUS = {HAVE: DONE, MISSING: TO_DO, NOT_SAID: UNKNOWN, UNPROVEN: CHECK}


def _degree_word(level: str) -> str:
    """The level in running text, with its article: "an associate degree"."""
    return DEGREE_WORDS[level]


def _your_degree(p: Profile) -> str:
    field = (f" in {DEGREE_FIELDS[p.degree_field][0].lower()}" if p.degree_field and p.degree_field != "other"
             and p.degree != "nursing-diploma" else "")
    return _degree_word(p.degree or "none") + field


def _degree_step(s: ResolvedStep, level: str, field: str, accreditor: str | None, p: Profile) -> StepCheck:
    met = p.degree_at_least(level)
    if met is None:
        return StepCheck(s, UNKNOWN, f"needs {_degree_word(level)}; you did not give your highest degree")
    if not met:
        if s.lowest and p.degree_at_least(s.lowest):
            return StepCheck(s, CHECK, f"usually {_degree_word(level)}; you have {_your_degree(p)}, which some routes "
                                       "accept with more experience: check the rules that apply to you")
        return StepCheck(s, TO_DO, f"needs {_degree_word(level)}; you have {_your_degree(p)}")
    if s.any_field:
        return StepCheck(s, DONE, f"you have {_your_degree(p)}, and any field counts here")
    if p.degree_field != field.replace(" ", "-"):
        return StepCheck(s, CHECK, f"you have {_your_degree(p)}; this step is in {field}, so check that yours is accepted")
    if s.accredited:
        approved = f"{accreditor}-accredited" if accreditor else "accredited"
        return StepCheck(s, CHECK, f"you have {_your_degree(p)}; check that your programme was {approved}")
    return StepCheck(s, DONE, f"you have {_your_degree(p)}")


def _experience_step(s: ResolvedStep, p: Profile) -> StepCheck:
    """A step whose source gives no structured rule: the answers can show only that no experience is there yet."""
    if p.years is None:
        return StepCheck(s, UNKNOWN, "you did not give your years of experience")
    if p.years == 0:
        if s.varies:
            return StepCheck(s, CHECK, "you report no work experience yet; whether this step is needed depends on the "
                                       "rules that apply to you")
        return StepCheck(s, TO_DO, "you report no work experience yet")
    managing = "" if p.manager_years is None else f", {p.manager_years or 'none'} of them as a manager"
    return StepCheck(s, CHECK, f"you report {p.years} year{'s' if p.years != 1 else ''}{managing}; "
                               "check they are the kind of work this step describes")


def check_steps(c: Catalog, role: Role, p: Profile) -> tuple[StepCheck, ...]:
    """Each step of the role's path, marked against the profile."""
    steps = resolve_steps(c, role)
    degrees = {d.id: d for d in c.education.degrees}
    accreditors = {a.id: a.abbreviation for a in c.education.accreditors}
    creds = {x.id: x for x in c.credentials}
    holds_role_licence = bool(role.licence in LICENCE_OF_CREDENTIAL and p.holds(LICENCE_OF_CREDENTIAL[role.licence]))
    licence_at = next((i for i, s in enumerate(steps) if s.step == "licence"), -1)
    out: list[StepCheck] = []
    for i, s in enumerate(steps):
        if s.step == "degree" and s.ref in degrees:
            d = degrees[s.ref]
            accreditor = accreditors.get(d.accreditor or "", d.accreditor)
            out.append(_licensed(_degree_step(s, d.level, d.field, accreditor, p), holds_role_licence and i < licence_at))
        elif s.step == "licence" and s.ref in LICENCE_OF_CREDENTIAL:
            held = p.holds(LICENCE_OF_CREDENTIAL[s.ref])
            out.append(StepCheck(s, STEP_STATUS[SHOWN[held]],
                                 "you hold it" if held else "you did not say whether you hold it" if held is None
                                 else "you do not hold it yet"))
        elif s.step == "certification" and s.ref in creds:
            check = check_credential(creds[s.ref], p, c.sources)
            out.append(StepCheck(s, check.status, _credential_why(check, c.sources), check))
        elif s.requires is not None:
            rc = check_requirement(s.requires, p, c.sources)
            status = next((STEP_STATUS[state] for state in (MISSING, NOT_SAID, UNPROVEN) if rc.count(state)), DONE)
            out.append(StepCheck(s, status, _conditions_why(rc)))
        else:
            out.append(_licensed(_experience_step(s, p), holds_role_licence and i < licence_at))
    return tuple(out)


def _licensed(check: StepCheck, before_a_licence_held: bool) -> StepCheck:
    """A step before a licence the user holds: met by the user's own route to it, which need not be this step."""
    if not before_a_licence_held or check.status == DONE:
        return check
    return StepCheck(check.step, CHECK, "you hold the licence, so you met your state's rules for it, which may differ from "
                                        "this step")


def _conditions_why(rc: RequirementCheck) -> str:
    parts = [f"{c.wanted} ({c.state}" + (f", {c.why})" if c.state == HAVE and c.why else f": {c.why})" if c.why else ")")
             for c in rc.conditions]
    return "; ".join(parts) if parts else "no formal prerequisites"


def _credential_why(check: CredentialCheck, sources: dict[str, Source]) -> str:
    issuer = check.credential.issuer_abbreviation or check.credential.issuer_name
    if check.best is None:
        return f"its requirements are not broken down here; check with {issuer}"
    req = check.best.requirement
    why = _conditions_why(check.best) if check.best.conditions else ""
    if req.note:
        why = f"{why}; {req.note}" if why else req.note
    if check.best.unofficial:
        who = unconfirmed_by({sources[s].tag for s in req.sources if s in sources}) or "unofficial"
        named = ", ".join(sources[s].publisher for s in req.sources if s in sources)
        why += f"; only {who} sources give this rule ({named}): check with {issuer}"
    elif check.status == CHECK_ISSUER:
        why += f"; check with {issuer}"
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
    pay: tuple[RolePay, ...] = ()  # each match's pay, in the same order (rolepay.priced)
    place: Place | None = None  # where the pay is: the nation, a state or a metro
    current: OccupationEntry | None = None  # the user's occupation the pay is compared with
    current_assumed: bool = False  # `current` is the usual occupation of the user's background; they named none
    licence_state: Any = None  # licensing.StateSteps: the NHA licence in the state asked for (match --state)


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
            assumed = f" ({p.assumed_from})" if p.licence_assumed else ""
            reasons.append(Reason(LICENCE_POINTS, f"you hold a clinical licence{assumed}; this role usually draws on "
                                                  "clinical practice"))
        else:
            reasons.append(Reason(0, "usually filled from clinical practice in the specialty, though no licence is required"
                                     + (" (you have none)" if held is False else "")))
    if role.licence in LICENCE_OF_CREDENTIAL:
        licence = LICENCE_OF_CREDENTIAL[role.licence]
        name = LICENCES[licence][0].lower()
        if p.holds(licence):
            assumed = f" ({p.assumed_from})" if p.licence_assumed else ""
            reasons.append(Reason(LICENCE_POINTS, f"you hold the {name} it requires{assumed}"))
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


def ranked_by_points(c: Catalog, p: Profile) -> tuple[tuple[Role, int], ...]:
    """Every role with its fit points, best first, ties in the data's order: `match_roles`' order without marking any
    step. For a profile of a background alone that is exactly match's order: no answer shows a step still to do (a
    degree, years or a licence not held must be given to be missing), so every role ties on that count."""
    scored = [(-sum(r.points for r in _reasons(role, p)), order, role) for order, role in enumerate(c.roles)]
    return tuple((role, -points) for points, _, role in sorted(scored, key=lambda item: item[:2]))


class PlannedPath(Record):
    """`paths ROLE --from BACKGROUND`: one role's path, each step marked for this profile."""

    role: Role
    profile: Profile
    fits_background: bool | None
    steps: tuple[StepCheck, ...]
    licence_state: Any = None  # licensing.StateSteps: the NHA licence in the state asked for (paths --state)


def plan_path(c: Catalog, role: str, p: Profile) -> PlannedPath:
    r = find_role(c, role)
    fits = None if p.background is None else p.background in r.backgrounds
    return PlannedPath(r, p, fits, check_steps(c, r, p))
