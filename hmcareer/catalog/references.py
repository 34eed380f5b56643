"""Checks of the ids one data file uses from another (or from itself).

Each file's uses are listed by one generator of (what the id names, key path, id); TARGETS says
which file holds each kind of id. A use is checked as soon as the catalog has read both files,
so a command whose files disagree fails naming the file, without reading files it does not need.
The functions take the catalog (`hmcareer.catalog.Catalog`) and read only its records.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any

from ..errors import Problem

Use = tuple[str, str, str | None]  # (target, key path, id)

# What an id can name: (the file that holds them, the word for it in messages, the ids it holds).
TARGETS: dict[str, tuple[str, str, Callable[[Any], Collection[str]]]] = {
    "source": ("sources", "source id", lambda c: c.sources),
    "credential": ("credentials", "credential", lambda c: {x.id for x in c.credentials}),
    "association": ("associations", "association", lambda c: {a.id for a in c.associations}),
    "degree": ("education", "degree", lambda c: {d.id for d in c.education.degrees}),
    "accreditor": ("education", "accreditor", lambda c: {a.id for a in c.education.accreditors}),
    "industry": ("oews", "OEWS industry code", lambda c: c.oews.rows.industry_codes),
    "role": ("roles", "role", lambda c: {r.id for r in c.roles}),
    "subject kind": ("claims", "subject kind", lambda c: CLAIM_TARGETS),
}
# A checked claim's subject kind, and what its ref names (None: a claim about the text in general names nothing).
CLAIM_TARGETS = {"industry": "industry", "role": "role", "credential": "credential", "education": "degree",
                 "accreditor": "accreditor", "association": "association", "general": None}


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _sources(path: str, *holders: Any) -> Iterator[Use]:
    """The source ids of each record or fact given (None skipped), all reported at `path`.sources."""
    for holder in holders:
        if holder is not None:
            for sid in holder.sources:
                yield "source", _join(path, "sources"), sid


def _uses_in_roles(c: Any) -> Iterator[Use]:
    for r in c.roles:
        p = f"roles[{r.id}]"
        yield from _sources(p, r)
        yield from (("source", f"{p}.education.sources", sid) for sid in r.education_sources)
        yield from _sources(f"{p}.experience", r.experience)
        for i, fact in enumerate(r.ladder):
            yield from _sources(f"{p}.ladder[{i}]", fact)
        yield from (("degree", f"{p}.education.degrees", d) for d in r.degrees)
        yield "credential", f"{p}.licence", r.licence
        yield from (("credential", f"{p}.certifications", x) for x in r.certifications)
        yield from (("association", f"{p}.associations", a) for a in r.associations)
        yield from (("industry", f"{p}.industries", code) for code in r.industries)
        for i, s in enumerate(r.path):
            yield from _sources(f"{p}.path[{i}]", s)
            yield from _sources(f"{p}.path[{i}].requires", s.requires)
            if s.step == "degree":
                yield "degree", f"{p}.path[{i}].ref", s.ref
            elif s.step in ("licence", "certification"):
                yield "credential", f"{p}.path[{i}].ref", s.ref


def _uses_in_credentials(c: Any) -> Iterator[Use]:
    for x in c.credentials:
        p = f"credentials[{x.id}]"
        yield from _sources(p, x, *x.eligibility, *x.exam, *x.renewal, x.replacement_note, *x.requires)
        yield from (("credential", f"{p}.replaced_by", r) for r in x.replaced_by)
        yield "association", f"{p}.association", x.association


def _uses_in_associations(c: Any) -> Iterator[Use]:
    for a in c.associations:
        p = f"associations[{a.id}]"
        yield from _sources(p, a, a.founded, a.headquarters, a.purpose, *a.members, *a.offers)
        yield from (("credential", f"{p}.credentials", x) for x in a.credentials)


def _uses_in_education(c: Any) -> Iterator[Use]:
    edu = c.education
    for d in edu.degrees:
        yield from _sources(f"degrees[{d.id}]", d, d.duration, *d.prerequisites, *d.notes)
        yield "accreditor", f"degrees[{d.id}].accreditor", d.accreditor
    for a in edu.accreditors:
        yield from _sources(f"accreditors[{a.id}]", a.scope, a.founded, *a.program_counts, *a.notes)
    yield from _sources("coursework", *edu.coursework, *edu.example_programs)


def _uses_in_occupation(c: Any) -> Iterator[Use]:
    occ = c.occupation
    yield from _sources("", occ.definition, occ.sample_titles, occ.job_zone, *occ.quick_facts, *occ.unverified, *occ.duties,
                        *occ.types, *occ.tasks, *occ.qualities, *occ.advancement, *occ.work_environment, *occ.outlook_growth,
                        *occ.outlook_reasons)


def _uses_in_claims(c: Any) -> Iterator[Use]:
    for claim in c.claims:
        p = f"claims[{claim.id}]"
        yield from _sources(p, claim)
        yield "subject kind", f"{p}.subject.kind", claim.subject_kind
        if CLAIM_TARGETS.get(claim.subject_kind):
            yield CLAIM_TARGETS[claim.subject_kind], f"{p}.subject.ref", claim.subject_ref


def _uses_in_wage_history(c: Any) -> Iterator[Use]:
    for point in c.wage_history:
        yield from _sources(f"{'third_party' if point.third_party else 'points'}[{point.year}]", point)


def _uses_in_industry_aliases(c: Any) -> Iterator[Use]:
    yield from (("industry", f"aliases.{word}", code) for word, code in c.industry_aliases.items())


def _uses_in_oews(c: Any) -> Iterator[Use]:
    yield "source", "release.source", c.oews.release.source


def _uses_in_occupation_index(c: Any) -> Iterator[Use]:
    for e in c.occupation_index:
        yield from _sources(f"occupations[{e.soc}]", e)


def _uses_in_prices(c: Any) -> Iterator[Use]:
    yield "source", "cpi.source", c.prices.cpi_source
    yield "source", "rpp.source", c.prices.rpp_source


USES: dict[str, Callable[[Any], Iterator[Use]]] = {
    "roles": _uses_in_roles, "credentials": _uses_in_credentials, "associations": _uses_in_associations,
    "education": _uses_in_education, "occupation": _uses_in_occupation, "claims": _uses_in_claims,
    "wage_history": _uses_in_wage_history, "industry_aliases": _uses_in_industry_aliases, "oews": _uses_in_oews,
    "occupation_index": _uses_in_occupation_index, "prices": _uses_in_prices,
}


def _history_within_release(c: Any) -> Iterator[tuple[str, str]]:
    """(key path, message) for each wage-history year the OEWS release cannot be the end of: the release is the
    history's last BLS point, so BLS points come before its year, and third-party ones no later."""
    release = c.oews.release
    year = int(release.name.split()[-1])  # the wage file's checks hold the name to "Month YYYY"
    for point in c.wage_history:
        if point.year > year or (point.year == year and not point.third_party):
            key = "third_party" if point.third_party else "points"
            yield f"{key}[{point.year}].year", f"{point.year} is not before the wage release ({release.name}), which ends the history"


# Checks between two files that are not ids: (the file checked, the file it is checked against) -> its problems.
CONSISTENCY: dict[tuple[str, str], Callable[[Any], Iterator[tuple[str, str]]]] = {
    ("wage_history", "oews"): _history_within_release,
}


def reference_problems(catalog: Any, name: str, loaded: Iterable[str]) -> dict[str, list[Problem]]:
    """Unknown ids (and inconsistencies) between `name` and every file already loaded, per file that uses them: each
    pair of files is checked once, when the second of them is loaded."""
    loaded = set(loaded)
    known: dict[str, Collection[str]] = {}
    found: dict[str, list[Problem]] = {}
    for user, uses in USES.items():
        if user not in loaded:
            continue
        for target, path, ref in uses(catalog):
            holder, kind, ids = TARGETS[target]
            if ref is None or holder not in loaded or name not in (user, holder):
                continue
            if target not in known:
                known[target] = ids(catalog)
            if ref not in known[target]:
                found.setdefault(user, []).append(Problem(catalog.label(user), path, f"unknown {kind} {ref!r}"))
    for (checked, against), check in CONSISTENCY.items():
        if {checked, against} <= loaded and name in (checked, against):
            found.setdefault(checked, []).extend(Problem(catalog.label(checked), path, message) for path, message in check(catalog))
    return found
