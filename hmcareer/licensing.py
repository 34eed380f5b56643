"""Queries over the nursing home administrator licence by state (data/nha_licensing.json).

    licence_table(c)         every state and DC: board, lowest degree, AIT, exams, CE (`hmcareer licence`)
    licence_detail(c, s)     one state in full, with its conflicts between sources (`hmcareer licence OH`)
    state_steps(c, s)        one state's steps (education, AIT, exams, CE) as typed records with their sources:
                             what `paths`, `match`, `switch`, `certs` and the career brief show for the NHA role
"""

from __future__ import annotations

import re
from typing import Any

from .catalog import Catalog
from .errors import Ambiguous, Conflict, NotFound
from .licence_models import FIELD_LABELS, STATUSES, LicenceField, LicensingNote, StateLicence
from .models import Source
from .query import lookup
from .record import Record

NHA_LICENCE = "nha-licence"  # the credential id of the licence in data/credentials.yaml
STEP_KINDS = ("education", "ait", "exams", "ce")  # a state's steps, in the order a candidate meets them
SHORT_LABELS = {"education": "lowest degree", "ait": "AIT", "exams": "exams", "ce": "CE"}
NOT_A_STATE = "PR"  # searched, nothing found: kept for `licence PR`, left out of the table of states


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
        return lookup(states, value, lambda s: (s.name, s.code), "licence state", lambda s: s.code)
    except NotFound as exc:
        # Suggest names as well as codes: "Ohoi" is closer to "Ohio" than to any code.
        import difflib

        names = {s.name.lower(): s for s in states}
        close = difflib.get_close_matches(value.lower(), list(names), n=3, cutoff=0.6)
        raise NotFound("licence state", value, tuple(f"{names[n].code} ({names[n].name})" for n in close)
                       or exc.choices) from None


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
    except (NotFound, Ambiguous):
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
        cited = tuple(dict.fromkeys(re.findall(r"\[(nha-[a-z0-9]+)\]", text)))
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
