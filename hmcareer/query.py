"""Pure functions over the catalog's records: forgiving lookups, filters, comparisons.

Nothing here prints or knows about YAML; results are plain records (`Record` tuples) that a renderer
turns into tables or JSON.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from .catalog import MANAGERS_SOC, Catalog
from .errors import Ambiguous, DataError, InvalidChoice, NotFound, Problem
from .models import (
    ALL_INDUSTRIES,
    OEWS_COLUMNS,
    VERDICTS,
    Association,
    CheckedClaim,
    Credential,
    DataFile,
    Degree,
    Education,
    Fact,
    Occupation,
    Release,
    Requirement,
    Role,
    Source,
    WageEstimate,
    WagePoint,
    WageRows,
)
from .record import Record
from .vocabulary import normalize

T = TypeVar("T")


def lookup(items: Sequence[T], value: str, names: Callable[[T], Iterable[str]], kind: str, label: Callable[[T], str],
           prefix_wins_over_words: bool = True) -> T:
    """Find one item by its label (id or code), else by any of its names: exact, then unique prefix, then unique word.

    `prefix_wins_over_words` False: a value that begins one item's name but is a whole word in others' is ambiguous
    ("manager" begins one role's title and is a word in five more); True: "new york" finds the one metro it begins.
    Raises NotFound with close matches, or Ambiguous listing the candidates.
    """
    wanted = normalize(value)
    if not wanted:
        raise NotFound(kind, value)
    by_label = [item for item in items if normalize(label(item)) == wanted]
    if len(by_label) == 1:  # an id (or code) always finds its own item, whatever other items call themselves
        return by_label[0]
    keyed = [(item, {normalize(n) for n in names(item) if n}) for item in items]
    exact = _unique([item for item, keys in keyed if wanted in keys])
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise Ambiguous(kind, value, tuple(label(h) for h in exact))
    for matcher in (
        lambda keys: any(k.startswith(wanted) for k in keys),
        lambda keys: any(re.search(rf"\b{re.escape(wanted)}", k) for k in keys),
    ):
        hits = _unique([item for item, keys in keyed if matcher(keys)])
        if len(hits) == 1 and not prefix_wins_over_words:
            hits = _unique([item for item, keys in keyed if matcher(keys) or any(re.search(rf"\b{re.escape(wanted)}\b", k)
                                                                                  for k in keys)])
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise Ambiguous(kind, value, tuple(label(h) for h in hits))
    import difflib  # only for a value that matched nothing

    all_keys = {k: item for item, keys in keyed for k in keys}
    close = difflib.get_close_matches(wanted, list(all_keys), n=5, cutoff=0.6)
    suggestions = list(dict.fromkeys(label(all_keys[k]) for k in close))[:3]
    raise NotFound(kind, value, tuple(suggestions))


def _unique(items: list[T]) -> list[T]:
    seen, out = set(), []
    for item in items:
        if id(item) not in seen:
            seen.add(id(item))
            out.append(item)
    return out


# --- roles ------------------------------------------------------------------------------


class RoleList(Record):
    roles: tuple[Role, ...]


def list_roles(c: Catalog) -> RoleList:
    return RoleList(c.roles)


def find_role(c: Catalog, value: str) -> Role:
    return lookup(c.roles, value, lambda r: (r.id, r.title, *r.aliases), "role", lambda r: r.id, prefix_wins_over_words=False)


def find_credential(c: Catalog, value: str) -> Credential:
    return lookup(c.credentials, value, lambda x: (x.id, x.abbreviation, x.name, *x.variants), "credential",
                  lambda x: x.abbreviation)


def claims_about(c: Catalog, kind: str, ref: str | None = None) -> tuple[CheckedClaim, ...]:
    return tuple(x for x in c.claims if x.subject_kind == kind and (ref is None or x.subject_ref == ref))


class RoleDetail(Record):
    role: Role
    degrees: tuple[Degree, ...]
    licence: Credential | None
    certifications: tuple[Credential, ...]
    associations: tuple[Association, ...]
    industries: tuple[WageEstimate, ...]
    national: WageEstimate
    checked_claims: tuple[CheckedClaim, ...]
    release: Release  # the OEWS release the pay figures come from


def role_detail(c: Catalog, role: Role) -> RoleDetail:
    creds = {x.id: x for x in c.credentials}
    assocs = {a.id: a for a in c.associations}
    degrees = {d.id: d for d in c.education.degrees}
    return RoleDetail(
        role=role,
        degrees=tuple(degrees[d] for d in role.degrees),
        licence=creds.get(role.licence) if role.licence else None,
        certifications=tuple(creds[x] for x in role.certifications),
        associations=tuple(assocs[a] for a in role.associations),
        industries=tuple(national_industry(c, code) for code in role.industries),
        national=national_total(c),
        checked_claims=claims_about(c, "role", role.id),
        release=c.oews.release,
    )


# --- wages ------------------------------------------------------------------------------

SORT_KEYS = ("employment", "mean", "median", "p90", "lq")


def wage_rows(c: Catalog, soc: str = MANAGERS_SOC) -> WageRows:
    """One occupation's OEWS rows (11-9111 unless another SOC code is given)."""
    return c.wages_of(soc).rows


def national_rows(c: Catalog, soc: str = MANAGERS_SOC) -> tuple[WageEstimate, ...]:
    return wage_rows(c, soc).select("N")


def national_total(c: Catalog, soc: str = MANAGERS_SOC) -> WageEstimate:
    return national_industry(c, ALL_INDUSTRIES, soc)


def national_industry(c: Catalog, code: str, soc: str = MANAGERS_SOC) -> WageEstimate:
    for est in wage_rows(c, soc).select("N", industry_code=code):
        return est
    if soc != MANAGERS_SOC:  # an industry where managers are published and this occupation is not
        return unpublished_like(national_industry(c, code))
    # Codes come from checked data (aliases, roles) or from national rows themselves: a missing row is the data's fault.
    raise DataError([Problem(c.label("oews"), "rows", f"no national row for industry {code} in OEWS {c.oews.release.name}")],
                    str(c.data_dir) if c.data_dir is not None else None)


VALUE_COLUMNS = OEWS_COLUMNS[OEWS_COLUMNS.index("employment"):]


def unpublished_like(template: WageEstimate) -> WageEstimate:
    """A row for the same area and industry as `template` where BLS published nothing for an occupation: every figure
    that applies there is "not published" (the nation's location quotient still does not apply)."""
    missing = tuple(f for f in VALUE_COLUMNS if getattr(template, f) is not None or f in template.not_published
                    or f in template.top_coded)
    return template._replace(**dict.fromkeys(VALUE_COLUMNS), not_published=missing, top_coded=())


def find_industry(c: Catalog, value: str, soc: str = MANAGERS_SOC) -> WageEstimate:
    """An industry by BLS code, alias (`pharma`), name or prefix of its name: the industries where 11-9111 is published,
    which are those of every other occupation's table too."""
    wanted = normalize(value)
    alias = c.industry_aliases.get(wanted) or c.industry_aliases.get(value.strip().lower())
    if alias:
        return national_industry(c, alias, soc)
    aliases_by_code: dict[str, list[str]] = {}
    for word, code in c.industry_aliases.items():
        aliases_by_code.setdefault(code, []).append(word)
    found = lookup(
        national_rows(c), value,
        lambda e: (e.industry_code, e.industry_name, *aliases_by_code.get(e.industry_code, ())),
        "industry", lambda e: f"{e.industry_code} {e.industry_name}",
    )
    return found if soc == MANAGERS_SOC else national_industry(c, found.industry_code, soc)


def sort_value(est: WageEstimate, key: str, hourly: bool = False):
    """The figure a listing is ordered by; None for one not published or top-coded (those go last: a top-coded wage is
    not a number, see sort_estimates)."""
    if key == "employment":
        return est.employment
    if key == "lq":
        return est.location_quotient
    return est.wage(key, hourly)


def sort_estimates(rows: Iterable[WageEstimate], key: str, hourly: bool = False) -> list[WageEstimate]:
    """Largest first; then rows at or above BLS's top code (their figure is not known, and published figures can be
    higher: a top-coded p90 can sit beside a published p75 above it), then rows whose value is not published; both in
    their original order."""
    if key not in SORT_KEYS:
        raise InvalidChoice("sort key", key, SORT_KEYS)
    rows = list(rows)
    known = [r for r in rows if sort_value(r, key, hourly) is not None]
    field = wage_field(key, hourly)
    top = [r for r in rows if sort_value(r, key, hourly) is None and field in r.top_coded]
    unknown = [r for r in rows if sort_value(r, key, hourly) is None and field not in r.top_coded]
    return sorted(known, key=lambda r: sort_value(r, key, hourly), reverse=True) + top + unknown


def wage_field(key: str, hourly: bool) -> str:
    """The WageEstimate field a sort key names (`median` hourly: hourly_median)."""
    return {"employment": "employment", "lq": "location_quotient"}.get(key) or f"{'hourly' if hourly else 'annual'}_{key}"


POSTAL_BY_FIPS = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT", "10": "DE", "11": "DC",
    "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL", "18": "IN", "19": "IA", "20": "KS", "21": "KY",
    "22": "LA", "23": "ME", "24": "MD", "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT",
    "31": "NE", "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND", "39": "OH",
    "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD", "47": "TN", "48": "TX", "49": "UT",
    "50": "VT", "51": "VA", "53": "WA", "54": "WV", "55": "WI", "56": "WY", "66": "GU", "72": "PR", "78": "VI",
}


def area_rows(c: Catalog, area_type: str, soc: str = MANAGERS_SOC) -> tuple[WageEstimate, ...]:
    return wage_rows(c, soc).select(area_type)


def find_state(c: Catalog, value: str, soc: str = MANAGERS_SOC) -> WageEstimate:
    """A state or territory by postal code (NY, DC, PR), name or prefix, or FIPS code. For another occupation, a state
    BLS publishes for managers but not for it is found and shown as not published."""
    def find(rows: WageRows) -> WageEstimate:
        return lookup(rows.select("S"), value, lambda e: (e.area_name, POSTAL_BY_FIPS.get(e.state_code, ""), e.state_code),
                      "state", lambda e: f"{POSTAL_BY_FIPS.get(e.state_code, e.state_code)} {e.area_name}")

    return _place_of(c, find, soc)


def find_metro(c: Catalog, value: str, soc: str = MANAGERS_SOC) -> WageEstimate:
    """A metro or nonmetro area by BLS area code or any fragment of its name (boston, honolulu)."""
    return _place_of(c, lambda rows: _find_metro_in(rows, value), soc)


def _place_of(c: Catalog, find: Callable[[WageRows], WageEstimate], soc: str) -> WageEstimate:
    """One occupation's row for the place `find` finds: among the managers' places first, so that a name means the same
    place whatever the occupation; a place BLS publishes for managers but not for the occupation is not published, and
    one it publishes for the occupation alone is found among the occupation's own."""
    if soc == MANAGERS_SOC:
        return find(wage_rows(c))
    try:
        place = find(wage_rows(c))
    except NotFound:
        return find(wage_rows(c, soc))
    same = wage_rows(c, soc).select(place.area_type, area_code=place.area_code)
    return same[0] if same else unpublished_like(place)


def _find_metro_in(rows: WageRows, value: str) -> WageEstimate:
    wanted = normalize(value)
    by_code = rows.select("M", area_code=value.strip()) if value.strip() else ()
    if by_code:
        return by_code[0]
    # A fragment from the start of a word of the name: "rn" is none of Auburn, Eastern or Southern.
    hits = [e for e in (rows.select("M", name_contains=wanted) if wanted else ()) if f" {wanted}" in f" {normalize(e.area_name)}"]
    exact = [e for e in hits if normalize(e.area_name) == wanted]  # a whole name wins over the names that contain it
    if len(hits) == 1 or len(exact) == 1:
        return exact[0] if exact else hits[0]
    # A city before the nonmetro areas named after its state: "new york" is New York-Newark-Jersey City, not "Capital/
    # Northern New York nonmetropolitan area". Between two metros ("auburn": Auburn-Opelika, Lewiston-Auburn) the user picks.
    first = [e for e in hits if normalize(e.area_name).startswith(wanted)]
    if len(first) == 1 and all("nonmetropolitan" in e.area_name for e in hits if e is not first[0]):
        return first[0]
    if len(hits) > 1:
        raise Ambiguous("metro", value, tuple(e.area_name for e in hits))
    # Words as people write a place ("boston, ma", "los angeles ca"): each word begins a word of the name.
    words = wanted.split()
    by_words = [e for e in rows.select("M") if words and all(
        any(part.startswith(w) for part in normalize(e.area_name).split()) for w in words)]
    if len(by_words) == 1:
        return by_words[0]
    if len(by_words) > 1:
        raise Ambiguous("metro", value, tuple(e.area_name for e in by_words))
    # Each city of a name is a name too, for the suggestions a misspelt one gets ("bostn": Boston-Cambridge-Newton).
    return lookup(rows.select("M"), value, lambda e: (e.area_name, *re.split(r"[-/]", e.area_name.split(",")[0])), "metro",
                  lambda e: e.area_name)


# The location-quotient bands, defined once for the words in tables and JSON, the legend and the README: above 1.2
# is above average; 0.8 to 1.2, both included, about average; below 0.8, below average.
LQ_ABOVE, LQ_BELOW = 1.2, 0.8
LQ_BANDS = (f"above {LQ_ABOVE} = above-average concentration, {LQ_BELOW} to {LQ_ABOVE} (both included) = about average, "
            f"below {LQ_BELOW} = below average")


def concentration(lq: float | None) -> str | None:
    """Plain words for a location quotient: how concentrated these jobs are versus the nation (LQ_BANDS)."""
    if lq is None:
        return None
    return "above average" if lq > LQ_ABOVE else "about average" if lq >= LQ_BELOW else "below average"


# --- credentials ----------------------------------------------------------------------


class CredentialList(Record):
    credentials: tuple[Credential, ...]
    filters: dict[str, str]


def list_credentials(c: Catalog, body: str | None = None, role: str | None = None) -> CredentialList:
    creds = list(c.credentials)
    filters = {}
    if body is not None:
        wanted = normalize(body)
        bodies = {normalize(x.issuer_abbreviation or ""): x.issuer_abbreviation for x in creds if x.issuer_abbreviation}
        # A value with no letters or digits ("-", "") names no body, rather than every body.
        creds = [x for x in creds if wanted and (wanted in (normalize(x.issuer_abbreviation or ""), normalize(x.issuer_name))
                                                 or normalize(x.issuer_name).startswith(wanted))]
        if not creds:
            raise NotFound("issuing body", body, tuple(sorted(set(bodies.values()))))
        filters["body"] = body
    if role is not None:
        r = find_role(c, role)
        wanted_ids = set(r.certifications) | ({r.licence} if r.licence else set())
        creds = [x for x in creds if x.id in wanted_ids]
        filters["role"] = r.id
    return CredentialList(tuple(creds), filters)


class CredentialDetail(Record):
    credential: Credential
    replaced_by: tuple[Credential, ...]
    replaces: tuple[Credential, ...]
    association: Association | None
    roles: tuple[Role, ...]
    checked_claims: tuple[CheckedClaim, ...]


def credential_detail(c: Catalog, cred: Credential) -> CredentialDetail:
    by_id = {x.id: x for x in c.credentials}
    assoc = next((a for a in c.associations if a.id == cred.association), None)
    return CredentialDetail(
        credential=cred,
        replaced_by=tuple(by_id[i] for i in cred.replaced_by if i in by_id),
        replaces=tuple(x for x in c.credentials if cred.id in x.replaced_by),
        association=assoc,
        roles=tuple(r for r in c.roles if cred.id in r.certifications or r.licence == cred.id),
        checked_claims=claims_about(c, "credential", cred.id),
    )


# --- education and paths ----------------------------------------------------------------


class EducationReport(Record):
    education: Education
    checked_claims: tuple[CheckedClaim, ...]


def education_report(c: Catalog) -> EducationReport:
    claims = tuple(x for x in c.claims if x.subject_kind in ("education", "accreditor"))
    return EducationReport(c.education, claims)


class ResolvedStep(Record):
    step: str
    label: str
    ref: str | None
    optional: bool
    detail: str | None
    sources: tuple[str, ...]
    period: str | None
    duration: Fact | None = None  # how long a degree takes, where a source says
    notes: tuple[Fact, ...] = ()  # more sourced facts about a degree (credits, full-time length)
    requires: Requirement | None = None
    any_field: bool = False
    accredited: bool = False
    varies: bool = False
    lowest: str | None = None


class RolePath(Record):
    role: Role
    steps: tuple[ResolvedStep, ...]


class PathsReport(Record):
    paths: tuple[RolePath, ...]
    licence_state: Any = None  # licensing.StateSteps: the NHA licence in the state asked for (paths --state)


def resolve_steps(c: Catalog, role: Role) -> tuple[ResolvedStep, ...]:
    """A role's path with each degree and credential id replaced by its name and sources."""
    degrees = {d.id: d for d in c.education.degrees}
    creds = {x.id: x for x in c.credentials}
    steps = []
    for s in role.path:
        duration, notes = None, ()
        if s.step == "degree" and s.ref in degrees:
            d = degrees[s.ref]
            label, sources, duration, notes = d.name, d.sources, d.duration, d.notes
        elif s.ref in creds:
            x = creds[s.ref]
            label, sources = f"{x.abbreviation}: {x.name}", x.sources
        else:
            label, sources = s.text or s.ref or "", s.sources
        steps.append(ResolvedStep(s.step, label, s.ref, s.optional, s.note, s.sources or sources, s.period, duration, notes,
                                  s.requires, s.any_field, s.accredited, s.varies, s.lowest))
    return tuple(steps)


def role_paths(c: Catalog, role: str | None = None) -> PathsReport:
    roles = (find_role(c, role),) if role else c.roles
    return PathsReport(tuple(RolePath(r, resolve_steps(c, r)) for r in roles))


# --- the 2012 job description's checked claims -------------------------------------------

# The verdicts a check can give (catalog.schema.VERDICTS), as --verdict spells them: one word each.
VERDICT_WORDS = {v.replace(" ", "-"): v for v in VERDICTS}


class ClaimList(Record):
    """The 2012 job description's checked claims, in the text's order, with the verdict they were filtered by."""

    claims: tuple[CheckedClaim, ...]
    verdict: str | None  # one of VERDICT_WORDS' values, or None for every claim


def find_verdict(value: str) -> str:
    """A verdict as the user typed it (`out-of-date`, `Out of date`, `wrong`) -> its form in the data."""
    wanted = "-".join(normalize(value).split())
    if wanted in VERDICT_WORDS:
        return VERDICT_WORDS[wanted]
    hits = [w for w in VERDICT_WORDS if wanted and w.startswith(wanted)]
    if len(hits) == 1:
        return VERDICT_WORDS[hits[0]]
    import difflib

    close = hits or difflib.get_close_matches(wanted, list(VERDICT_WORDS), n=2, cutoff=0.5)
    raise InvalidChoice("verdict", value, tuple(close))


def list_claims(c: Catalog, verdict: str | None = None) -> ClaimList:
    wanted = find_verdict(verdict) if verdict is not None else None
    return ClaimList(tuple(x for x in c.claims if wanted is None or x.verdict == wanted), wanted)


# --- associations, outlook, sources ---------------------------------------------------


class AssociationList(Record):
    associations: tuple[Association, ...]
    checked_claims: tuple[CheckedClaim, ...] = ()  # what the 2012 job description says about them, with the checks


def list_associations(c: Catalog) -> AssociationList:
    return AssociationList(c.associations, claims_about(c, "association"))


class OutlookReport(Record):
    occupation: Occupation
    history: tuple[WagePoint, ...]
    national: WageEstimate
    release: Release  # the OEWS release the pay figures come from


def outlook_report(c: Catalog) -> OutlookReport:
    return OutlookReport(c.occupation, c.wage_history, national_total(c), c.oews.release)


class SourcesReport(Record):
    """Every source, and where each data file is read from when a user data directory is in use."""

    sources: tuple[Source, ...]
    data_dir: str | None
    data_files: tuple[DataFile, ...]


def sources_report(c: Catalog) -> SourcesReport:
    return SourcesReport(tuple(c.sources.values()), str(c.data_dir) if c.data_dir is not None else None, c.data_files())


def find_source(c: Catalog, value: str) -> Source:
    if value.strip().lower().startswith("nha-"):  # the licence facts' sources join c.sources when that file is read
        _ = c.licensing
    return lookup(tuple(c.sources.values()), value, lambda s: (s.id,), "source id", lambda s: s.id)


class SourceList(Record):
    """Some sources: one by id (`hmcareer sources ID`), or those behind one view (`--sources`, of_view)."""

    sources: tuple[Source, ...]
    of_view: bool = False


def source_detail(c: Catalog, value: str) -> SourceList:
    return SourceList((find_source(c, value),))
