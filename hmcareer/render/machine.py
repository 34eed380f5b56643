"""Machine output: one JSON document, or CSV with a header row (markdown for people is render/markdown.py).

The JSON document is a stable contract (documented in README.md):
    {"schema": "hmcareer/1", "kind": ..., "app_version": ..., "data_release": ...,
     <kind-specific keys>, "sources": [ {id, publisher, title, url, date, tag, note, kind_label} ]}
A source's `date` is its own; `kind_label` is its tag in words (models.SOURCE_KINDS).
Record field names are the data's own (docs/data-schema.md, the OEWS column names).
"""

from __future__ import annotations

import io
import re
from typing import Any

from .. import __version__
from ..matching import BACKGROUND_POINTS, INTEREST_POINTS, LICENCE_POINTS, MatchReport, PlannedPath, StepCheck
from ..models import OEWS_COLUMNS, ONET_ATTRIBUTION, Release, Source, WageEstimate, kind_label
from ..query import (
    AssociationList,
    ClaimList,
    CredentialDetail,
    CredentialList,
    EducationReport,
    OutlookReport,
    PathsReport,
    RoleDetail,
    RoleList,
    SourceList,
    SourcesReport,
)
from ..search import SearchReport
from .licence_data import in_state, licence_state
from .terminal import json_escape, printable

SCHEMA = "hmcareer/1"


def plain(value: Any) -> Any:
    """Records, tuples and dicts as JSON-ready values."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {name: plain(item) for name, item in zip(value._fields, value, strict=True)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def _source_ids(value: Any, found: dict[str, None]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "sources" and isinstance(item, list):
                for sid in item:
                    if isinstance(sid, str):
                        found[sid] = None
            elif key == "source" and isinstance(item, str):
                found[item] = None
            else:
                _source_ids(item, found)
    elif isinstance(value, list):
        for item in value:
            _source_ids(item, found)


def document(kind: str, body: dict[str, Any], sources: dict[str, Source], data_release: str) -> dict[str, Any]:
    """Wrap a kind's body with the envelope and every source it cites."""
    doc = {"schema": SCHEMA, "kind": kind, "app_version": __version__, "data_release": data_release}
    doc.update(body)
    doc["sources"] = [source_record(s) for s in cited_sources(body, sources)]
    return doc


def source_record(s: Source) -> dict[str, Any]:
    """A source as JSON, csv and markdown give it: its fields, then its kind in words."""
    return {**plain(s), "kind_label": kind_label(s.tag)}


def cited_sources(body: dict[str, Any], sources: dict[str, Source]) -> list[Source]:
    """The sources a view's body cites, in the order it first cites them."""
    used: dict[str, None] = {}
    _source_ids(body, used)
    return [sources[s] for s in used if s in sources]


def markdown_sources(cited: list[Source]) -> str:
    """The sources under a markdown table, for a reader: publisher, title, date and address of each."""
    if not cited:
        return ""

    def text(value: str) -> str:  # as written, not as markdown emphasis, code or tags
        return re.sub(r"([\\`*_<>\[\]|])", r"\\\1", value)

    lines = [f"- `{s.id}`, {text(kind_label(s.tag))}: {text(s.publisher)}, *{text(s.title)}* ({text(s.date)})"
             + (f", <{s.url}>" if s.url else "") for s in cited]
    return "\nSources:\n\n" + "\n".join(lines) + "\n"


def wage_record(est: WageEstimate) -> dict[str, Any]:
    """A row as JSON has it: a figure BLS did not publish, or one at or above its top code, is null, and its name is in
    `not_published` or `top_coded` (the document's `top_code` gives the code)."""
    record = {name: getattr(est, name) for name in OEWS_COLUMNS}
    record["not_published"] = list(est.not_published)
    record["top_coded"] = list(est.top_coded)
    return record


def top_code(release: Release) -> dict[str, Any] | None:
    """BLS's top code of a release: a top-coded wage is at or above it."""
    if release.top_annual is None and release.top_hourly is None:
        return None
    return {"hourly": release.top_hourly, "annual": release.top_annual}


def step_record(c: StepCheck) -> dict[str, Any]:
    record = {**plain(c.step), "status": c.status, "why": c.why}
    if c.credential and c.credential.best:
        record["checked_against"] = plain(c.credential.best.requirement)
        record["conditions"] = plain(c.credential.best.conditions)
    return record


def to_json(doc: dict[str, Any], ascii_only: bool = False) -> str:
    """The document as JSON text; exact whatever it holds.

    json.dumps escapes C0 controls; the other characters `printable` hides (C1 controls, bidi and
    zero-width characters, U+2028...) are escaped here too, as JSON's `\\uXXXX`, so that printed
    on a terminal JSON can neither drive it nor reorder what it shows. ascii_only: every other
    non-ASCII character escaped too, for a stream whose encoding could not carry it (LANG=C,
    PYTHONIOENCODING=ascii or latin-1): replacing it with "?" would alter the data.
    """
    import json  # imported here: table output never needs it
    return printable(json.dumps(doc, indent=2, ensure_ascii=ascii_only) + "\n", json_escape)


def to_csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    import csv
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return out.getvalue()


def to_markdown(columns: list[str], rows: list[dict[str, Any]]) -> str:
    def esc(value: Any) -> str:
        return _cell(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(esc(row.get(c)) for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def _flat(record: dict[str, Any], prefix: str = "") -> list[dict[str, Any]]:
    rows = []
    for key, value in record.items():
        if isinstance(value, dict):
            rows += _flat(value, f"{prefix}{key}.")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for i, item in enumerate(value):
                rows += _flat(item, f"{prefix}{key}[{i}].")
        else:
            rows.append({"field": prefix + key, "value": value})
    return rows


WAGE_TABLE = ["area_type", "area_code", "area_name", "industry_code", "industry_name", *OEWS_COLUMNS[6:], "not_published",
              "top_coded"]
Rows = tuple[list[str], list[dict[str, Any]]]


# --- each result type's JSON body and csv/markdown rows (registered in render/registry.py) ---------------


def roles_body(r: RoleList) -> dict[str, Any]:
    return {"records": plain(r.roles)}


def roles_rows(r: RoleList) -> Rows:
    return ["id", "title", "setting", "licence", "certifications", "associations", "named_in_2012_text"], plain(r.roles)


def role_body(d: RoleDetail) -> dict[str, Any]:
    return {"record": plain(d.role), "release": d.release.name, "source": d.release.source,
            "industries": [wage_record(e) for e in d.industries], "national": wage_record(d.national),
            "checked_claims": plain(d.checked_claims)}


def role_rows(d: RoleDetail) -> Rows:
    return ["field", "value"], _flat(plain(d.role))


def wage_row(est: WageEstimate, release: Release) -> dict[str, Any]:
    """A wage record as a csv/markdown row: a cell BLS did not publish says so (a blank cell is one that does not
    apply, such as the nation's location quotient), and every row names its source and reference period."""
    row = wage_record(est)
    row.update(dict.fromkeys(est.not_published, NOT_PUBLISHED), source=release.source, reference_period=release.name,
               soc=release.soc, occupation=release.occupation)
    row.update({name: top_coded_cell(release, name.startswith("hourly")) for name in est.top_coded})
    return row


def top_coded_cell(release: Release, hourly: bool) -> str:
    """A wage at or above BLS's top code, as csv and markdown give it: `>= 239200` (hourly `>= 115.00`)."""
    return f">= {release.top_hourly:.2f}" if hourly else f">= {release.top_annual}"


NOT_PUBLISHED = "not published"
# In csv and markdown a blank cell means not applicable; a figure a source did not give says so.
NOT_GIVEN, NOT_SHOWN = "not given", "not shown"
WAGE_ROWS = [*WAGE_TABLE, "source", "reference_period", "soc", "occupation"]


def certs_body(r: CredentialList) -> dict[str, Any]:
    return {"filters": r.filters, "records": plain(r.credentials)}


def certs_rows(r: CredentialList) -> Rows:
    rows = [{**plain(x), "issuer": x.issuer_abbreviation or x.issuer_name} for x in r.credentials]
    return ["id", "abbreviation", "name", "kind", "issuer", "status", "level", "named_in_2012_text", "replaced_by"], rows


def cert_body(d: CredentialDetail) -> dict[str, Any]:
    return {"record": plain(d.credential), "replaced_by": [x.id for x in d.replaced_by], "replaces": [x.id for x in d.replaces],
            "roles": [r.id for r in d.roles], "checked_claims": plain(d.checked_claims)}


def cert_rows(d: CredentialDetail) -> Rows:
    return ["field", "value"], _flat(plain(d.credential))


def education_body(e: EducationReport) -> dict[str, Any]:
    return {**plain(e.education), "checked_claims": plain(e.checked_claims)}


def education_rows(e: EducationReport) -> Rows:
    rows = [{**plain(d), "duration": d.duration.text if d.duration else None} for d in e.education.degrees]
    return ["id", "name", "level", "field", "accreditor", "named_in_2012_text", "duration"], rows


def paths_body(r: PathsReport) -> dict[str, Any]:
    return {"records": [{"role": p.role.id, "title": p.role.title,
                         "steps": [{**plain(s), **in_state(s, r.licence_state)} for s in p.steps],
                         "ladder": plain(p.role.ladder)} for p in r.paths],
            "licence_state": licence_state(r.licence_state)}



def paths_rows(r: PathsReport) -> Rows:
    rows = [{"role": p.role.id, "order": i + 1, **plain(s)} for p in r.paths for i, s in enumerate(p.steps)]
    return ["role", "order", "step", "label", "ref", "optional", "detail", "sources"], rows


def plan_body(p: PlannedPath) -> dict[str, Any]:
    return {"role": p.role.id, "title": p.role.title, "profile": plain(p.profile), "fits_background": p.fits_background,
            "steps": [{**step_record(c), **in_state(c.step, p.licence_state)} for c in p.steps], "ladder": plain(p.role.ladder),
            "licence_state": licence_state(p.licence_state)}


def plan_rows(p: PlannedPath) -> Rows:
    rows = [{"role": p.role.id, "order": i, **step_record(c)} for i, c in enumerate(p.steps, 1)]
    return ["role", "order", "step", "label", "optional", "status", "why", "sources"], rows


def match_body(m: MatchReport) -> dict[str, Any]:
    return {
        "profile": plain(m.profile),
        "scoring": {"background": BACKGROUND_POINTS, "interest": INTEREST_POINTS, "licence": LICENCE_POINTS},
        "top": m.top,
        "records": [{"rank": rank, "role": r.role.id, "title": r.role.title, "score": r.score, "reasons": plain(r.reasons),
                     "to_do": len(r.to_do), "steps": [step_record(c) for c in r.steps],
                     **({"pay_where": p.where, "pay": wage_record(p.pay),
                         "change_from_current": plain(p.change) if p.change is not None else None} if p else {})}
                    for rank, (r, p) in enumerate(zip(m.matches, m.pay or [None] * len(m.matches), strict=True), 1)],
        "place": m.place.kind if m.place else None,
        "current_occupation": m.current.soc if m.current else None,
        "current_occupation_assumed": m.current_assumed if m.current else None,
        "licence_state": licence_state(m.licence_state),
    }


def match_rows(m: MatchReport) -> Rows:
    rows = match_body(m)["records"]
    for row in rows:
        row["reasons"] = [f"{r['points']:+d} {r['text']}" for r in row["reasons"]]
        pay, change = row.get("pay") or {}, row.get("change_from_current")
        median = pay.get("annual_median")
        if pay and median is None:
            median = top_coded_cell(m.place.release, False) if "annual_median" in pay["top_coded"] else NOT_PUBLISHED
        row.update(annual_median=median, change_pct=change and change["change_pct"],
                   change_from_current=None if change is None else change["change"] if change["change"] is not None
                   else "not computed")
    return ["rank", "role", "title", "score", "to_do", "annual_median", "pay_where", "change_from_current", "change_pct",
            "reasons"], rows


def search_body(r: SearchReport) -> dict[str, Any]:
    onet = next((x.source for x in r.hits if x.source), None)
    return {"term": r.term, "records": plain(r.hits),
            **({"onet_data": {"source": onet, "attribution": ONET_ATTRIBUTION}} if onet else {})}


def search_rows(r: SearchReport) -> Rows:
    rows = [{**plain(x), "attribution": ONET_ATTRIBUTION if x.source else None} for x in r.hits]
    return ["kind", "id", "label", "matched", "snippet", "source", "attribution"], rows


def associations_body(r: AssociationList) -> dict[str, Any]:
    return {"records": plain(r.associations), "checked_claims": plain(r.checked_claims)}


def associations_rows(r: AssociationList) -> Rows:
    records = plain(r.associations)
    for record in records:
        record["founded"] = (record.get("founded") or {}).get("value")
    return ["id", "abbreviation", "name", "website", "founded", "named_in_2012_text", "credentials"], records


def outlook_body(o: OutlookReport) -> dict[str, Any]:
    n = o.national
    return {"occupation": plain(o.occupation), "history": plain(o.history),
            "latest": {"release": o.release.name, "source": o.release.source, "annual_median": n.annual_median,
                       "hourly_median": n.hourly_median, "annual_mean": n.annual_mean, "employment": n.employment}}


def outlook_rows(o: OutlookReport) -> Rows:
    columns = ["edition", "median_annual", "median_hourly", "pay_period", "jobs", "jobs_year", "growth_pct", "growth_label",
               "employment_change", "openings_per_year", "sources"]
    # Every quick fact is a figure an edition's page either shows or does not: none is "not applicable".
    return columns, [{name: NOT_SHOWN if value is None else value for name, value in plain(q).items()}
                     for q in o.occupation.quick_facts]


def sources_body(r: SourcesReport) -> dict[str, Any]:
    return {"records": [source_record(s) for s in r.sources], "data_dir": r.data_dir, "data_files": plain(r.data_files)}


def source_list_body(r: SourceList | SourcesReport) -> dict[str, Any]:
    return {"records": [source_record(s) for s in r.sources]}


def sources_rows(r: SourceList | SourcesReport) -> Rows:
    return ["id", "tag", "kind_label", "publisher", "title", "url", "date", "note"], [source_record(s) for s in r.sources]


def claims_body(r: ClaimList) -> dict[str, Any]:
    return {"filters": {"verdict": r.verdict} if r.verdict else {}, "records": plain(r.claims)}


def claims_rows(r: ClaimList) -> Rows:
    return ["id", "verdict", "claim", "check", "sources", "period", "subject_kind", "subject_ref"], plain(r.claims)


def claims_markdown(r: ClaimList, cited: list[Source]) -> str:
    """The checked claims for a reader: a heading, then each claim quoted under its verdict with its check, and the
    sources with their addresses at the end."""

    def text(value: str) -> str:  # as written, never as markdown markup
        return re.sub(r"([\\`*_<>\[\]|#])", r"\\\1", " ".join(value.split()))

    title = "Checked claims of the 2012 job description" + (f": {r.verdict}" if r.verdict else "")
    lines = [f"# {title}", "", 'A widely copied 2012 web text on "Medical and Health Manager", checked here claim by claim: '
             "each claim as written, then the verdict and the evidence.", ""]
    if not r.claims:
        lines += ["No claim has this verdict.", ""]
    for x in r.claims:
        period = f" ({text(x.period)})" if x.period and x.period != "undated" else ""
        lines += [f"## {text(x.id)}: {x.verdict}", "", f"> {text(x.claim)}", "",
                  f"- **Check:** {text(x.check)}", f"- **Evidence:** {', '.join(f'`{sid}`' for sid in x.sources)}{period}", ""]
    return "\n".join(lines) + markdown_sources(cited)
