"""Builders, one per hand-curated subject: parsed YAML -> typed records, with a Problem for each mismatch.

Each builder reads only through its `Checker`, which records what is wrong (file and key path)
and what was read, so `validate` can also name keys no builder knows.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from ..models import (
    SOURCE_KINDS,
    VERDICTS,
    Accreditor,
    Association,
    CheckedClaim,
    Coursework,
    Credential,
    Degree,
    Education,
    ExampleProgram,
    Fact,
    Occupation,
    OccupationEntry,
    PathStep,
    ProgramCount,
    Quality,
    QuickFacts,
    Requirement,
    Role,
    Source,
    Task,
    WagePoint,
)
from ..vocabulary import DEGREE_FIELDS, DEGREE_LEVELS, EXPERIENCE_FIELDS, FIT_BACKGROUNDS, FIT_INTERESTS, LICENCES, normalize
from .checker import Checker, annual_disagrees, compact_name, distinct_names, kind_of, out_of_order, records
from .pricefile import build_prices

SOURCE_TAGS = frozenset(SOURCE_KINDS)


def build_sources(ck: Checker, raw: Any) -> dict[str, Source]:
    out = {}
    for path, n in records(ck, raw, "sources"):
        tag = ck.text(n, "tag", path)
        if tag is not None and tag not in SOURCE_TAGS:
            ck.problem(f"{path}.tag", f"unknown provenance tag {tag!r} (one of {', '.join(sorted(SOURCE_TAGS))})")
        src = Source(**ck.texts(n, path, "id", "publisher", "title", "date"), **ck.optional_texts(n, path, "url", "note"),
                     tag=tag or "")
        if src.url is not None and not re.fullmatch(r"https?://[!-~]+", src.url):
            ck.problem(f"{path}.url", f"expected a web address: http:// or https://, then printable ASCII with no spaces "
                                      f"(percent-encode the rest), got {src.url!r}")
        out[src.id] = src
    return out


def build_roles(ck: Checker, raw: Any) -> tuple[Role, ...]:
    roles = []
    for path, n in records(ck, raw, "roles"):
        edu = ck.mapping(n.get("education") or {}, f"{path}.education")
        fit = ck.mapping(n.get("fit") or {}, f"{path}.fit")
        steps = []
        for i, s in enumerate(ck.seq(n, "path", path)):
            sp = f"{path}.path[{i}]"
            s = ck.mapping(s, sp)
            kind = ck.text(s, "step", sp)
            if kind not in (None, "degree", "experience", "licence", "certification"):
                ck.problem(f"{sp}.step", f"expected degree, experience, licence or certification, got {kind!r}")
            ref = ck.text(s, "ref", sp, required=False)
            text = ck.text(s, "text", sp, required=False)
            if ref is None and text is None:
                ck.problem(sp, "a step needs a ref (degree or credential id) or a text")
            steps.append(PathStep(
                step=kind or "", ref=ref, text=text, note=ck.text(s, "note", sp, required=False),
                optional=ck.flag(s, "optional", sp), sources=ck.source_ids(s, sp, required=False),
                period=ck.text(s, "period", sp, required=False),
                requires=_requirement(ck, s["requires"], f"{sp}.requires") if s.get("requires") is not None else None,
                any_field=ck.flag(s, "any_field", sp), accredited=ck.flag(s, "accredited", sp), varies=ck.flag(s, "varies", sp),
                lowest=_one_of(ck, s, "lowest", sp, DEGREE_LEVELS),
            ))
        roles.append(Role(
            **ck.texts(n, path, "id", "title", "setting", "summary"),
            aliases=ck.strings(n, "aliases", path),
            named_in_2012_text=ck.flag(n, "named_in_2012_text", path),
            responsibilities=ck.strings(n, "responsibilities", path, required=True),
            sources=ck.source_ids(n, path),
            degrees=ck.strings(edu, "degrees", f"{path}.education"),
            education_note=ck.text(edu, "note", f"{path}.education", required=False),
            education_sources=ck.source_ids(edu, f"{path}.education", required=False),
            experience=ck.fact(n.get("experience"), f"{path}.experience"),
            licence=ck.text(n, "licence", path, required=False),
            clinical_licence=ck.flag(n, "clinical_licence", path),
            certifications=ck.strings(n, "certifications", path),
            associations=ck.strings(n, "associations", path),
            industries=ck.strings(n, "industries", path),
            path=tuple(steps),
            ladder=ck.facts(n, "ladder", path),
            backgrounds=_vocabulary(ck, fit, "backgrounds", f"{path}.fit", FIT_BACKGROUNDS),
            interests=_vocabulary(ck, fit, "interests", f"{path}.fit", FIT_INTERESTS),
        ))
    distinct_names(ck, "role", [(f"roles[{r.id}]", r.id, (("title", r.title), *(("aliases", a) for a in r.aliases)))
                                for r in roles])
    return tuple(roles)


def _one_of(ck: Checker, node: dict, key: str, path: str, allowed: Collection[str], default: str | None = None,
            required: bool = False) -> str | None:
    """The word under `key`, checked against `allowed` (a tuple, or a vocabulary's ids); `default` when it is absent."""
    value = ck.text(node, key, path, required=required)
    if value is None:
        return default
    if value not in allowed:
        ck.problem(f"{path}.{key}", f"expected one of {', '.join(allowed)}, got {value!r}")
    return value


def _vocabulary(ck: Checker, parent: dict, key: str, path: str, known: dict) -> tuple[str, ...]:
    words = ck.strings(parent, key, path)
    for i, word in enumerate(words):
        if word not in known:
            ck.problem(f"{path}.{key}[{i}]", f"expected one of {', '.join(known)}, got {word!r}")
    return words


def _requirement(ck: Checker, value: Any, path: str) -> Requirement:
    node = ck.mapping(value, path)
    words = {key: _one_of(ck, node, key, path, known) for key, known in (
        ("degree", DEGREE_LEVELS), ("degree_field", DEGREE_FIELDS), ("field", EXPERIENCE_FIELDS), ("licence", LICENCES))}
    years = {key: ck.number(node, key, path) for key in ("years", "manager_years", "executive_years")}
    if words["field"] is not None and not any(v is not None for v in years.values()):
        ck.problem(f"{path}.field", "a field of experience needs years, manager_years or executive_years")
    degree_from = ck.text(node, "degree_from", path, required=False)
    if (words["degree_field"] or degree_from) and not words["degree"]:
        ck.problem(f"{path}.degree", "degree_field and degree_from need the degree level they qualify")
    return Requirement(**words, **years, degree_from=degree_from, manager_only=ck.flag(node, "manager_only", path),
                       cannot_show=ck.strings(node, "cannot_show", path), usual=ck.flag(node, "usual", path),
                       note=ck.text(node, "note", path, required=False),
                       sources=ck.source_ids(node, path), period=ck.text(node, "period", path, required=False))


CREDENTIAL_STATUSES = ("current", "replaced", "discontinued", "uncertain")


def build_credentials(ck: Checker, raw: Any) -> tuple[Credential, ...]:
    out = []
    for path, n in records(ck, raw, "credentials"):
        issuer = ck.mapping(n.get("issuer") or {}, f"{path}.issuer")
        kind = ck.text(n, "kind", path)
        if kind not in (None, "certification", "licence"):
            ck.problem(f"{path}.kind", f"expected certification or licence, got {kind!r}")
        status = ck.text(n, "status", path)
        if status not in (None, *CREDENTIAL_STATUSES):
            ck.problem(f"{path}.status", f"expected one of {', '.join(CREDENTIAL_STATUSES)}, got {status!r}")
        out.append(Credential(
            **ck.texts(n, path, "id", "abbreviation", "name", "audience"),
            **ck.optional_texts(n, path, "association", "level"),
            variants=ck.strings(n, "variants", path),
            kind=kind or "",
            issuer_abbreviation=ck.text(issuer, "abbreviation", f"{path}.issuer", required=False),
            issuer_name=ck.text(issuer, "name", f"{path}.issuer") or "",
            status=status or "",
            named_in_2012_text=ck.flag(n, "named_in_2012_text", path),
            eligibility=ck.facts(n, "eligibility", path),
            exam=ck.facts(n, "exam", path),
            renewal=ck.facts(n, "renewal", path),
            replaced_by=ck.strings(n, "replaced_by", path),
            replacement_note=ck.fact(n.get("replacement_note"), f"{path}.replacement_note"),
            sources=ck.source_ids(n, path),
            requires=tuple(_requirement(ck, r, f"{path}.requires[{i}]") for i, r in enumerate(ck.seq(n, "requires", path, False))),
        ))
    distinct_names(ck, "credential", [(f"credentials[{x.id}]", x.id, (("abbreviation", x.abbreviation), ("name", x.name),
                                                                      *(("variants", v) for v in x.variants))) for x in out])
    return tuple(out)


def build_associations(ck: Checker, raw: Any) -> tuple[Association, ...]:
    out = []
    for path, n in records(ck, raw, "associations"):
        out.append(Association(
            **ck.texts(n, path, "id", "abbreviation", "name"),
            named_in_2012_text=ck.flag(n, "named_in_2012_text", path),
            website=ck.text(n, "website", path, required=False),
            founded=ck.named(n.get("founded"), f"{path}.founded"),
            headquarters=ck.named(n.get("headquarters"), f"{path}.headquarters"),
            members=ck.facts(n, "members", path),
            purpose=ck.fact(n.get("purpose"), f"{path}.purpose"),
            offers=ck.facts(n, "offers", path),
            credentials=ck.strings(n, "credentials", path),
            sources=ck.source_ids(n, path),
        ))
    return tuple(out)


def _coursework(ck: Checker, value: Any, label: str, path: str) -> Coursework:
    node = ck.mapping(value or {}, path)
    older = node.get("older")
    return Coursework(label, ck.strings(node, "items", path, required=True), ck.source_ids(node, path),
                      ck.text(node, "period", path, required=False), ck.fact(node.get("note"), f"{path}.note"),
                      _coursework(ck, older, f"{label}, earlier list", f"{path}.older") if older is not None else None)


def build_education(ck: Checker, raw: Any) -> Education:
    root = ck.mapping(raw, "")
    degrees = []
    for path, n in records(ck, root, "degrees"):
        level = _one_of(ck, n, "level", path, DEGREE_LEVELS, required=True)
        degrees.append(Degree(
            **ck.texts(n, path, "id", "name", "field", "summary"), level=level if level in DEGREE_LEVELS else "",
            named_in_2012_text=ck.flag(n, "named_in_2012_text", path),
            duration=ck.fact(n.get("duration"), f"{path}.duration"),
            prerequisites=ck.facts(n, "prerequisites", path),
            accreditor=ck.text(n, "accreditor", path, required=False),
            sources=ck.source_ids(n, path),
            notes=ck.facts(n, "notes", path),
        ))
    accreditors = []
    for path, n in records(ck, root, "accreditors"):
        counts = []
        for i, c in enumerate(ck.seq(n, "program_counts", path, required=False)):
            cp = f"{path}.program_counts[{i}]"
            c = ck.mapping(c, cp)
            counts.append(ProgramCount(
                count=ck.number(c, "count", cp, required=True) or 0,
                what=ck.text(c, "what", cp) or "",
                period=ck.text(c, "period", cp) or "",
                sources=ck.source_ids(c, cp),
            ))
        accreditors.append(Accreditor(
            **ck.texts(n, path, "id", "abbreviation", "name"),
            scope=ck.fact(n.get("scope"), f"{path}.scope"),
            founded=ck.named(n.get("founded"), f"{path}.founded"),
            program_counts=tuple(counts),
            notes=ck.facts(n, "notes", path),
            review=_one_of(ck, n, "review", path, ("accreditation", "certification"), "accreditation"),
        ))
    cw = ck.mapping(root.get("coursework") or {}, "coursework")
    coursework = []
    if "ooh" in cw:
        coursework.append(_coursework(ck, cw["ooh"], "Occupational Outlook Handbook", "coursework.ooh"))
    programs = []
    for i, p in enumerate(ck.seq(cw, "example_programs", "coursework", required=False)):
        pp = f"coursework.example_programs[{i}]"
        p = ck.mapping(p, pp)
        programs.append(ExampleProgram(
            name=ck.text(p, "name", pp) or "",
            length=ck.fact(p.get("length"), f"{pp}.length"),
            topics=ck.strings(p, "topics", pp),
            admission=ck.facts(p, "admission", pp),
            sources=ck.source_ids(p, pp),
        ))
    return Education(tuple(degrees), tuple(accreditors), tuple(coursework), tuple(programs))


def build_occupation(ck: Checker, raw: Any) -> Occupation:
    root = ck.mapping(raw, "")
    editions = []
    for i, q in enumerate(ck.seq(root, "quick_facts", "")):
        qp = f"quick_facts[{i}]"
        q = ck.mapping(q, qp)
        facts = QuickFacts(
            edition=ck.text(q, "edition", qp) or "",
            median_annual=ck.number(q, "median_annual", qp),
            median_hourly=ck.number(q, "median_hourly", qp, float),
            pay_period=ck.text(q, "pay_period", qp, required=False),
            jobs=ck.number(q, "jobs", qp),
            jobs_year=ck.text(q, "jobs_year", qp, required=False),
            growth_pct=ck.number(q, "growth_pct", qp),
            growth_label=ck.text(q, "growth_label", qp, required=False),
            employment_change=ck.number(q, "employment_change", qp),
            openings_per_year=ck.number(q, "openings_per_year", qp),
            entry_education=ck.text(q, "entry_education", qp, required=False),
            work_experience=ck.text(q, "work_experience", qp, required=False),
            on_the_job_training=ck.text(q, "on_the_job_training", qp, required=False),
            sources=ck.source_ids(q, qp),
            note=ck.fact(q.get("note"), f"{qp}.note"),
        )
        check_hourly_and_annual(ck, qp, facts.median_hourly, facts.median_annual)
        editions.append(facts)
    tasks = []
    for i, t in enumerate(ck.seq(root, "tasks", "")):
        tp = f"tasks[{i}]"
        t = ck.mapping(t, tp)
        tasks.append(Task(ck.number(t, "rank", tp, required=True) or 0, ck.number(t, "importance", tp),
                          ck.text(t, "text", tp) or "", ck.source_ids(t, tp)))
    qualities = []
    for i, q in enumerate(ck.seq(root, "qualities", "")):
        qp = f"qualities[{i}]"
        q = ck.mapping(q, qp)
        qualities.append(Quality(ck.text(q, "name", qp) or "", ck.text(q, "text", qp) or "", ck.source_ids(q, qp)))
    outlook = ck.mapping(root.get("outlook") or {}, "outlook")
    definition = ck.fact(root.get("definition"), "definition")
    if definition is None:
        ck.problem("definition", "missing required key")
    return Occupation(
        soc=ck.text(root, "soc", "") or "",
        title=ck.text(root, "title", "") or "",
        definition=definition or Fact("", ()),
        quick_facts=tuple(editions),
        unverified=ck.facts(root, "unverified", ""),
        duties=ck.facts(root, "duties", ""),
        types=ck.facts(root, "types", ""),
        tasks=tuple(tasks),
        sample_titles=_coursework(ck, root.get("sample_titles"), "Sample titles", "sample_titles"),
        qualities=tuple(qualities),
        advancement=ck.facts(root, "advancement", ""),
        work_environment=ck.facts(root, "work_environment", ""),
        outlook_growth=ck.facts(outlook, "growth", "outlook"),
        outlook_reasons=ck.facts(outlook, "reasons", "outlook"),
        job_zone=ck.fact(root.get("job_zone"), "job_zone"),
    )


def build_claims(ck: Checker, raw: Any) -> tuple[CheckedClaim, ...]:
    """The checked claims of the 2012 job description (data/claims.yaml), each with its verdict and check."""
    out = []
    for path, n in records(ck, raw, "claims", may_be_empty=True):
        subject = ck.mapping(n.get("subject") or {}, f"{path}.subject")
        verdict = ck.text(n, "verdict", path)
        if verdict is not None and verdict not in VERDICTS:
            ck.problem(f"{path}.verdict", f"expected one of {', '.join(VERDICTS)}, got {verdict!r}")
        out.append(CheckedClaim(
            **ck.texts(n, path, "id", "claim", "check"),
            verdict=verdict or "",
            subject_kind=ck.text(subject, "kind", f"{path}.subject") or "",
            subject_ref=ck.text(subject, "ref", f"{path}.subject", required=False),
            sources=ck.source_ids(n, path),
            period=ck.text(n, "period", path, required=False),
        ))
    return tuple(out)


def build_wage_history(ck: Checker, raw: Any) -> tuple[WagePoint, ...]:
    root = ck.mapping(raw, "")
    out = []
    for key, third_party in (("points", False), ("third_party", True)):
        years: set[int] = set()
        for i, p in enumerate(ck.seq(root, key, "", required=key == "points")):
            pp = f"{key}[{i}]"
            p = ck.mapping(p, pp)
            year = p.get("year")
            if isinstance(year, int) and not isinstance(year, bool) and year < 1900:
                ck.problem(f"{pp}.year", f"{year} is not a plausible survey year")
            point = WagePoint(
                year=ck.number(p, "year", pp, required=True) or 0,
                reference=ck.text(p, "reference", pp) or "",
                median_annual=ck.number(p, "median_annual", pp),
                median_hourly=ck.number(p, "median_hourly", pp, float),
                sources=ck.source_ids(p, pp),
                third_party=third_party,
                **{f"annual_{q}": ck.number(p, q, pp) for q in ("p10", "p25", "p75", "p90")},
                note=ck.text(p, "note", pp, required=False),
            )
            if point.year and point.year in years:
                ck.problem(f"{pp}.year", f"a second point for {point.year}; each year has one "
                                         f"{'point' if third_party else 'BLS median'}")
            years.add(point.year)
            _check_point(ck, point, pp)
            out.append(point)
    return tuple(sorted(out, key=lambda p: (p.year, p.third_party)))


def _check_point(ck: Checker, point: WagePoint, path: str) -> None:
    """A point's figures agree with each other as BLS's do: percentiles in order, the annual median 2,080 hours' pay."""
    for a, va, b, vb in out_of_order([("p10", point.annual_p10), ("p25", point.annual_p25), ("median_annual", point.median_annual),
                                      ("p75", point.annual_p75), ("p90", point.annual_p90)]):
        ck.problem(path, f"figures out of order: {a} {va} > {b} {vb}")
    check_hourly_and_annual(ck, path, point.median_hourly, point.median_annual)
    if point.year and str(point.year) not in point.reference:
        ck.problem(f"{path}.reference", f"{point.reference!r} does not name the point's year, {point.year}")


def check_hourly_and_annual(ck: Checker, path: str, hourly: float | None, annual: int | None) -> None:
    """A median stated both ways: BLS's annual figure is the hourly one x 2,080 hours."""
    if annual_disagrees(hourly, annual):
        ck.problem(path, f"median_annual {annual} does not match median_hourly {hourly} x 2080 = {hourly * 2080:.0f}")


def build_industry_aliases(ck: Checker, raw: Any) -> dict[str, str]:
    root = ck.mapping(raw, "")
    aliases = ck.mapping(root.get("aliases") or {}, "aliases")
    out: dict[str, str] = {}
    spelled: dict[str, tuple[str, str]] = {}  # compact word -> (the word as written first, its code)
    for word, code in aliases.items():
        if not isinstance(code, str):
            ck.problem(f"aliases.{word}", f"expected an industry code in quotes, got {kind_of(code)}")
            continue
        if not compact_name(word):
            ck.problem(f"aliases.{word}", f"{word!r} holds no letter or digit; a word must")
            continue
        first, first_code = spelled.setdefault(compact_name(word), (word, code))
        if first != word and (first_code != code or normalize(first) == normalize(word)):
            ck.problem(f"aliases.{word}", f"the same word as {first!r} (words are matched without regard to case, accents and "
                                          "punctuation); keep one of them")
            continue
        out[word.lower()] = code
    return out


SOC_CODE = r"\d\d-\d{4}"


def build_occupation_index(ck: Checker, raw: Any) -> tuple[OccupationEntry, ...]:
    """The occupations with pay (data/occupation_index.yaml): names, background, and at most one usual occupation per
    background."""
    out: list[OccupationEntry] = []
    usual: dict[str, str] = {}
    for path, n in records(ck, raw, "occupations"):
        soc = ck.text(n, "soc", path) or ""
        if soc and not re.fullmatch(SOC_CODE, soc):
            ck.problem(f"{path}.soc", f"expected a SOC code such as 29-1141, got {soc!r}")
        background = _one_of(ck, n, "background", path, FIT_BACKGROUNDS)
        entry = OccupationEntry(soc=soc, title=ck.text(n, "title", path) or "", short=ck.text(n, "short", path) or "",
                                aliases=ck.strings(n, "aliases", path), background=background,
                                usual=ck.flag(n, "usual", path), why=ck.text(n, "why", path, required=background is not None),
                                sources=ck.source_ids(n, path, required=background is not None),
                                licence=_one_of(ck, n, "licence", path, LICENCES))
        if entry.usual and background is None:
            ck.problem(f"{path}.usual", "only an occupation with a background can be its background's usual one")
        elif entry.usual and background in usual:
            ck.problem(f"{path}.usual", f"{usual[background]} is already the usual occupation of {background!r}; keep one")
        elif entry.usual and background is not None:
            usual[background] = soc
        out.append(entry)
    distinct_names(ck, "occupation", [(f"occupations[{i}]", e.soc,
                                       (("title", e.title), ("short", e.short), *(("aliases", a) for a in e.aliases)))
                                      for i, e in enumerate(out)])
    if len({e.soc for e in out}) != len(out):
        ck.problem("occupations", "a SOC code is listed twice; list each occupation once")
    return tuple(out)


BUILDERS = {
    "sources": build_sources,
    "roles": build_roles,
    "credentials": build_credentials,
    "associations": build_associations,
    "education": build_education,
    "occupation": build_occupation,
    "claims": build_claims,
    "wage_history": build_wage_history,
    "industry_aliases": build_industry_aliases,
    "occupation_index": build_occupation_index,
    "prices": build_prices,
}
