"""Queries over the nursing home administrator licence by state (data/nha_licensing.json).

    licence_table(c)         every state and DC: board, lowest degree, AIT, exams, CE (`hmcareer licence`)
    licence_detail(c, s)     one state in full, with its conflicts between sources (`hmcareer licence OH`)
    state_steps(c, s)        one state's steps (education, AIT, exams, CE) as typed records with their sources:
                             what `paths`, `match`, `switch`, `certs` and the career brief show for the NHA role
    state_reading(step, s)   what a state asks at one step of the path (degree, AIT, exams), for paths and the brief
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from .catalog import Catalog
from .errors import Ambiguous, Conflict, NotCovered, NotFound
from .licence_models import CITED, FIELD_LABELS, STATUSES, LicenceField, LicensingNote, StateLicence
from .models import Source
from .query import lookup
from .record import Record

NHA_LICENCE = "nha-licence"  # the credential id of the licence in data/credentials.yaml
STEP_KINDS = ("education", "ait", "exams", "ce")  # a state's steps, in the order a candidate meets them
SHORT_LABELS = {"education": "lowest degree", "ait": "AIT", "exams": "exams", "ce": "CE"}
NOT_A_STATE = "PR"  # searched, nothing found: kept for `licence PR`, left out of the table of states
# Names the facts do not use that people do: "washington dc" is DC, not Washington state.
STATE_ALIASES = {"DC": ("Washington DC", "Washington D.C.", "D.C.")}
# The path steps a state's licence facts answer for that state: path step -> the state's step kind.
STATE_STEP_OF = {"degree": "education", "experience": "ait", "licence": "exams"}


class LicenceStep(Record):
    """One of a state's steps: the short reading (e.g. "6-9 mo"), the full text, its status and its sources."""

    kind: str  # board | education | ait | exams | ce | reciprocity_hse (FIELD_LABELS' keys, less url)
    label: str
    short: str | None  # the table's reading; None for board and reciprocity_hse
    text: str
    status: str  # V | P | 3 | N
    status_label: str  # verified, partly verified, third-party only, not found
    sources: tuple[Source, ...]  # each with its publisher, title, URL, date and tag


class StateSteps(Record):
    """A state's licence as steps: what the brief, paths, match and switch show for the NHA role."""

    code: str
    name: str
    board: LicenceStep
    board_url: str | None  # where to check; None when no address was found
    steps: tuple[LicenceStep, ...]  # education, ait, exams, ce
    compiled: str  # when the facts were compiled


class StateReading(Record):
    """What one state asks at a step of the path (degree, AIT, exams), in place of what states in general ask."""

    step: LicenceStep  # the state's own step, with its status and sources
    label: str  # the path step's label in the state: the AIT step takes the state's ("Administrator in training (AIT)")
    reading: str  # "6-9mo (verified)", "exams: NAB+state (partly verified)", "not found: check beltss.ohio.gov"


class LicenceTable(Record):
    states: tuple[StateLicence, ...]  # 50 states and DC, in the facts' order
    missing: tuple[StateLicence, ...]  # jurisdictions searched without result (Puerto Rico)
    federal: LicensingNote
    hse_states: tuple[str, ...]  # states whose facts say they accept or license NAB's HSE
    compiled: str


class LicenceDetail(Record):
    state: StateLicence
    steps: StateSteps
    reciprocity: LicenceStep
    conflicts: tuple[LicensingNote, ...]  # the parts of each conflict between sources that concern this state
    federal: LicensingNote
    hse: LicensingNote | None  # NAB's HSE pathway
    compiled: str
    cited: tuple[Source, ...] = ()  # every source the state's facts and its conflicts cite, with its date


class CredentialInState(Record):
    """`certs NHA --state OH`: the licence as a credential, then the state's requirements."""

    credential: Any  # query.CredentialDetail
    licence: LicenceDetail


def find_state(c: Catalog, value: str) -> StateLicence:
    """A state (or DC, PR) by postal code or name, any case, or a unique prefix; NotFound with close names."""
    states = c.licensing.states
    try:
        return lookup(states, value, lambda s: (s.name, s.code, *STATE_ALIASES.get(s.code, ())), "licence state",
                      lambda s: s.code)
    except NotFound as exc:
        _not_covered(c, value)
        # Suggest names as well as codes: "Ohoi" is closer to "Ohio" than to any code.
        import difflib

        names = {s.name.lower(): s for s in states}
        close = difflib.get_close_matches(value.lower(), list(names), n=3, cutoff=0.6)
        raise NotFound("licence state", value, tuple(f"{names[n].code} ({names[n].name})" for n in close)
                       or exc.choices) from None


def _not_covered(c: Catalog, value: str) -> None:
    """A place BLS publishes pay for (Guam, the Virgin Islands) but the licence facts do not cover: say so, rather than
    suggest a state whose code looks alike ("guam" is not Georgia)."""
    from .query import POSTAL_BY_FIPS
    from .query import find_state as find_pay_state

    try:
        place = find_pay_state(c, value)
    except (NotFound, Ambiguous):
        return
    code = POSTAL_BY_FIPS.get(place.state_code, place.state_code)
    if code not in {s.code for s in c.licensing.states}:
        raise NotCovered("licence state", f"{place.area_name} is not covered by the licence facts (the 50 states, DC, "
                                          "and Puerto Rico, searched)") from None


def where_to_check(s: StateSteps, site_only: bool = False) -> str | None:
    """Where a reader can check a state's rules: the board's website (`site_only`: its host, "pa.gov", where the full
    address is shown nearby), else the board's name; None when neither was found."""
    if s.board_url:
        return (urlsplit(s.board_url).hostname or s.board_url).removeprefix("www.") if site_only else s.board_url
    return board_name(s) if s.board.status != "N" else None


def board_name(s: StateSteps) -> str:
    """The board's name, without its citations or notes in brackets."""
    return re.split(r" \[| \(", s.board.text)[0]


def nothing_found(s: StateSteps) -> bool:
    """Whether the facts hold nothing for the place: searched, every field not found (Puerto Rico)."""
    return all(step.status == "N" for step in (s.board, *s.steps))


def state_reading(step: Any, state: StateSteps | None) -> StateReading | None:
    """What `state` asks at a path step (query.ResolvedStep) that varies by state: the degree, the AIT, the licence
    exams; None for other steps, without a state, or where the facts hold nothing for it. A field not found reads
    "not found: check" and where; one the facts do not reduce to a figure says so; a value is followed by its status."""
    kind = STATE_STEP_OF.get(step.step)
    if state is None or kind is None or nothing_found(state) or (step.step == "experience" and not step.varies):
        return None
    found = next((x for x in state.steps if x.kind == kind), None)
    if found is None:
        return None
    if found.status == "N" or not found.short or found.short == "not found":
        where = where_to_check(state, site_only=True)  # the step's full text and the board's address follow it
        reading = f"not found: check {where}" if where else "not found"
    else:
        value = "no single figure" if found.short == "see state" else found.short
        reading = ("exams: " if kind == "exams" else "") + value + f" ({found.status_label})"
    return StateReading(found, found.label if kind == "ait" else step.label, reading)


def _federal_basis(c: Catalog) -> LicensingNote:
    return c.licensing.federal[0]


def _step(c: Catalog, state: StateLicence, kind: str) -> LicenceStep:
    field: LicenceField = state.fields[kind]
    short = getattr(state, kind if kind != "education" else "degree") if kind in STEP_KINDS else None
    return LicenceStep(kind, FIELD_LABELS[kind], short, field.text, field.status, STATUSES[field.status],
                       tuple(c.sources[s] for s in field.sources))


def _steps_of(c: Catalog, state: StateLicence) -> StateSteps:
    return StateSteps(state.code, state.name, _step(c, state, "board"), state.board_url,
                      tuple(_step(c, state, kind) for kind in STEP_KINDS), c.licensing.compiled)


def state_steps(c: Catalog, value: str) -> StateSteps:
    """One state's licence steps (education, AIT, exams, CE), each with its status and its sources (dated)."""
    return _steps_of(c, find_state(c, value))


def steps_in(c: Catalog, place: str) -> StateSteps | None:
    """The licence steps of a place another option named (match, switch --state): None where no licence facts exist
    (Guam, the Virgin Islands); the option itself has already said whether the place is known."""
    try:
        return state_steps(c, place)
    except (NotFound, Ambiguous, NotCovered):
        return None


def licence_table(c: Catalog) -> LicenceTable:
    lic = c.licensing
    states = tuple(s for s in lic.states if s.code != NOT_A_STATE)
    missing = tuple(s for s in lic.states if s.code == NOT_A_STATE)
    return LicenceTable(states, missing, _federal_basis(c), hse_states(c), lic.compiled)


def licence_detail(c: Catalog, value: str) -> LicenceDetail:
    state = find_state(c, value)
    hse = next((n for n in c.licensing.nab if n.label.startswith("HSE")), None)
    conflicts = conflicts_for(c, state)
    ids = dict.fromkeys((*state.sources, *(s for n in conflicts for s in n.sources)))
    return LicenceDetail(state, _steps_of(c, state), _step(c, state, "reciprocity_hse"), conflicts, _federal_basis(c), hse,
                         c.licensing.compiled, tuple(c.sources[s] for s in ids))


def conflicts_for(c: Catalog, state: StateLicence) -> tuple[LicensingNote, ...]:
    """The conflicts that concern `state`; of one that lists several states, only the parts naming this one."""
    found = []
    names = re.compile(rf"\b(?:{re.escape(state.name)}|{state.code})\b")
    for note in c.licensing.conflicts:
        if state.code not in note.states:
            continue
        parts = re.split(r";\s+|\.\s+(?=Also\b)", note.text)
        mine = [p for p in parts if names.search(p)]
        text = "; ".join(mine) if mine and len(mine) < len(parts) else note.text
        cited = tuple(dict.fromkeys(CITED.findall(text)))
        # The heading's own source (the third-party table) stays with every part.
        heading = tuple(s for s in note.sources if s in note.label)
        found.append(note._replace(text=text, sources=tuple(dict.fromkeys(heading + cited)) or note.sources))
    return tuple(found)


def hse_states(c: Catalog) -> tuple[str, ...]:
    """The states whose reciprocity, education or AIT facts name NAB's HSE (Health Services Executive)."""
    return tuple(s.code for s in c.licensing.states
                 if any(re.search(r"\bHSE\b|health services executive", s.fields[k].text, re.I)
                        for k in ("reciprocity_hse", "education", "ait", "exams")))


def with_state(c: Catalog, result: Any, role: str, state: str | None) -> Any:
    """A paths result with the state's licence steps, when the role is the nursing home administrator's; a state given
    for another role is a usage error (no other role needs a state licence)."""
    if state is None:
        return result
    from .query import find_role

    found = find_role(c, role)
    if found.licence != NHA_LICENCE:
        raise Conflict("licence-state", f"--state shows a state's licence steps, and {found.title} needs no state "
                                        "licence; leave out --state (it applies to nursing-home-administrator)")
    return result._replace(licence_state=state_steps(c, state))


def credential_in_state(c: Catalog, credential: str, state: str) -> CredentialInState:
    """`certs NHA --state OH`: the licence, then that state's requirements in full."""
    from .query import credential_detail, find_credential

    found = find_credential(c, credential)
    if found.id != NHA_LICENCE:
        raise Conflict("licence-state", "--state applies to the nursing home administrator licence (NHA); "
                                        f"{found.abbreviation} is not set state by state")
    return CredentialInState(credential_detail(c, found), licence_detail(c, state))
