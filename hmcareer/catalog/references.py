"""Checks of the ids one data file uses from another (or from itself).

Each check is registered with the files it reads and runs as soon as the catalog has read all of
them, so a command whose files disagree fails naming the file, without reading files it does
not need. The checks take the catalog (`hmcareer.catalog.Catalog`) and read only its records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..errors import Problem

Check = Callable[[Any, "References"], None]


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


_REFERENCE_CHECKS: list[tuple[frozenset[str], Check]] = []


def _references(*files: str):
    """Register a check of the ids that `files[0]` uses from `files[-1]` (the same file for internal references)."""
    def register(check: Check):
        _REFERENCE_CHECKS.append((frozenset(files), check))
        return check

    return register


class References:
    """Collects unknown ids, per file that uses them."""

    def __init__(self, catalog: Any):
        self.catalog = catalog
        self.found: dict[str, list[Problem]] = {}

    def need(self, name: str, path: str, ref: str | None, known: Any, kind: str) -> None:
        if ref is not None and ref not in known:
            self.found.setdefault(name, []).append(Problem(self.catalog.label(name), path, f"unknown {kind} {ref!r}"))

    def sources(self, name: str, path: str, ids: Iterable[str]) -> None:
        for sid in ids:
            self.need(name, _join(path, "sources"), sid, self.catalog.sources, "source id")


def _industry_codes(c: Any) -> frozenset[str]:
    return c.oews.rows.industry_codes


@_references("roles", "sources")
def _role_sources(c: Any, refs: References) -> None:
    for r in c.roles:
        p = f"roles[{r.id}]"
        refs.sources("roles", p, r.sources)
        refs.sources("roles", f"{p}.education", r.education_sources)
        if r.experience:
            refs.sources("roles", f"{p}.experience", r.experience.sources)
        for i, f in enumerate(r.ladder):
            refs.sources("roles", f"{p}.ladder[{i}]", f.sources)
        for i, s in enumerate(r.path):
            refs.sources("roles", f"{p}.path[{i}]", s.sources)
            if s.requires:
                refs.sources("roles", f"{p}.path[{i}].requires", s.requires.sources)


@_references("roles", "education")
def _role_degrees(c: Any, refs: References) -> None:
    degree_ids = {d.id for d in c.education.degrees}
    for r in c.roles:
        p = f"roles[{r.id}]"
        for d in r.degrees:
            refs.need("roles", f"{p}.education.degrees", d, degree_ids, "degree")
        for i, s in enumerate(r.path):
            if s.step == "degree":
                refs.need("roles", f"{p}.path[{i}].ref", s.ref, degree_ids, "degree")


@_references("roles", "credentials")
def _role_credentials(c: Any, refs: References) -> None:
    cred_ids = {x.id for x in c.credentials}
    for r in c.roles:
        p = f"roles[{r.id}]"
        refs.need("roles", f"{p}.licence", r.licence, cred_ids, "credential")
        for x in r.certifications:
            refs.need("roles", f"{p}.certifications", x, cred_ids, "credential")
        for i, s in enumerate(r.path):
            if s.step in ("licence", "certification"):
                refs.need("roles", f"{p}.path[{i}].ref", s.ref, cred_ids, "credential")


@_references("roles", "associations")
def _role_associations(c: Any, refs: References) -> None:
    assoc_ids = {a.id for a in c.associations}
    for r in c.roles:
        for a in r.associations:
            refs.need("roles", f"roles[{r.id}].associations", a, assoc_ids, "association")


@_references("roles", "oews")
def _role_industries(c: Any, refs: References) -> None:
    codes = _industry_codes(c)
    for r in c.roles:
        for code in r.industries:
            refs.need("roles", f"roles[{r.id}].industries", code, codes, "OEWS industry code")


@_references("credentials")
def _credential_successors(c: Any, refs: References) -> None:
    cred_ids = {x.id for x in c.credentials}
    for x in c.credentials:
        for r in x.replaced_by:
            refs.need("credentials", f"credentials[{x.id}].replaced_by", r, cred_ids, "credential")


@_references("credentials", "associations")
def _credential_associations(c: Any, refs: References) -> None:
    assoc_ids = {a.id for a in c.associations}
    for x in c.credentials:
        refs.need("credentials", f"credentials[{x.id}].association", x.association, assoc_ids, "association")


@_references("credentials", "sources")
def _credential_sources(c: Any, refs: References) -> None:
    for x in c.credentials:
        facts = (*x.eligibility, *x.exam, *x.renewal, *([x.replacement_note] if x.replacement_note else []), *x.requires)
        refs.sources("credentials", f"credentials[{x.id}]", x.sources + tuple(s for f in facts for s in f.sources))


@_references("associations", "credentials")
def _association_credentials(c: Any, refs: References) -> None:
    cred_ids = {x.id for x in c.credentials}
    for a in c.associations:
        for x in a.credentials:
            refs.need("associations", f"associations[{a.id}].credentials", x, cred_ids, "credential")


@_references("associations", "sources")
def _association_sources(c: Any, refs: References) -> None:
    for a in c.associations:
        named = tuple(v for v in (a.founded, a.headquarters) if v)
        facts = (*a.members, *a.offers, *([a.purpose] if a.purpose else []))
        refs.sources("associations", f"associations[{a.id}]", a.sources + tuple(s for f in (*facts, *named) for s in f.sources))


@_references("education")
def _degree_accreditors(c: Any, refs: References) -> None:
    accreditor_ids = {a.id for a in c.education.accreditors}
    for d in c.education.degrees:
        refs.need("education", f"degrees[{d.id}].accreditor", d.accreditor, accreditor_ids, "accreditor")


@_references("education", "sources")
def _education_sources(c: Any, refs: References) -> None:
    edu = c.education
    for d in edu.degrees:
        facts = (*d.prerequisites, *d.notes, *([d.duration] if d.duration else []))
        refs.sources("education", f"degrees[{d.id}]", d.sources + tuple(s for f in facts for s in f.sources))
    for a in edu.accreditors:
        facts = (*a.notes, *([a.scope] if a.scope else []), *([a.founded] if a.founded else []), *a.program_counts)
        refs.sources("education", f"accreditors[{a.id}]", tuple(s for f in facts for s in f.sources))
    for cw in (*edu.coursework, *edu.example_programs):
        refs.sources("education", "coursework", cw.sources)


@_references("occupation", "sources")
def _occupation_sources(c: Any, refs: References) -> None:
    occ = c.occupation
    for group in (occ.quick_facts, occ.unverified, occ.duties, occ.types, occ.tasks, occ.qualities,
                  occ.advancement, occ.work_environment, occ.outlook_growth, occ.outlook_reasons,
                  (occ.definition, occ.sample_titles, *([occ.job_zone] if occ.job_zone else []))):
        for item in group:
            refs.sources("occupation", "", item.sources)


@_references("seed_claims", "sources")
def _claim_sources(c: Any, refs: References) -> None:
    for claim in c.seed_claims:
        refs.sources("seed_claims", f"claims[{claim.id}]", claim.sources)


SUBJECT_KINDS = {"industry": "oews", "role": "roles", "credential": "credentials", "education": "education",
                 "accreditor": "education", "association": "associations", "general": None}


@_references("seed_claims")
def _claim_kinds(c: Any, refs: References) -> None:
    for claim in c.seed_claims:
        refs.need("seed_claims", f"claims[{claim.id}].subject.kind", claim.subject_kind, SUBJECT_KINDS, "subject kind")


def _claim_subjects(kind: str, known: Callable[[Any], set[str]]) -> None:
    @_references("seed_claims", SUBJECT_KINDS[kind])
    def check(c: Any, refs: References) -> None:
        for claim in c.seed_claims:
            if claim.subject_kind == kind:
                refs.need("seed_claims", f"claims[{claim.id}].subject.ref", claim.subject_ref, known(c), kind)


_claim_subjects("industry", _industry_codes)
_claim_subjects("role", lambda c: {r.id for r in c.roles})
_claim_subjects("credential", lambda c: {x.id for x in c.credentials})
_claim_subjects("education", lambda c: {d.id for d in c.education.degrees})
_claim_subjects("accreditor", lambda c: {a.id for a in c.education.accreditors})
_claim_subjects("association", lambda c: {a.id for a in c.associations})


@_references("wage_history", "sources")
def _wage_history_sources(c: Any, refs: References) -> None:
    for point in c.wage_history:
        refs.sources("wage_history", f"{'third_party' if point.third_party else 'points'}[{point.year}]", point.sources)


@_references("industry_aliases", "oews")
def _alias_codes(c: Any, refs: References) -> None:
    codes = _industry_codes(c)
    for word, code in c.industry_aliases.items():
        refs.need("industry_aliases", f"aliases.{word}", code, codes, "OEWS industry code")


@_references("oews", "sources")
def _release_source(c: Any, refs: References) -> None:
    refs.need("oews", "release.source", c.oews.release.source, c.sources, "source id")


def reference_problems(catalog: Any, name: str, loaded: Iterable[str]) -> dict[str, list[Problem]]:
    """Unknown ids between `name` and every file already loaded, per file that uses them (each pair is checked
    once, when the second of its files is loaded)."""
    refs = References(catalog)
    done = set(loaded)
    for files, check in _REFERENCE_CHECKS:
        if name in files and files <= done:
            check(catalog, refs)
    return refs.found
