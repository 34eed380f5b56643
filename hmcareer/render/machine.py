"""Machine output: one JSON document, CSV with a header row, or a markdown pipe table.

The JSON document is a stable contract (documented in README.md):
    {"schema": "hmcareer/1", "kind": ..., "app_version": ..., "data_release": ...,
     <kind-specific keys>, "sources": [ {id, publisher, title, url, date, tag, note} ]}
Record field names are the data's own (docs/data-schema.md, the OEWS column names).
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from .. import __version__
from ..matching import BACKGROUND_POINTS, INTEREST_POINTS, LICENCE_POINTS, MatchReport, PlannedPath, StepCheck
from ..models import OEWS_COLUMNS, Source, WageEstimate
from ..query import (
    CredentialDetail,
    CredentialList,
    EducationReport,
    HistoryReport,
    OutlookReport,
    RoleDetail,
    RolePath,
    SalaryReport,
    SearchReport,
    SourcesReport,
    WhereReport,
    concentration,
)

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
    used: dict[str, None] = {}
    _source_ids(body, used)
    doc["sources"] = [plain(sources[s]) for s in used if s in sources]
    return doc


def wage_record(est: WageEstimate) -> dict[str, Any]:
    record = {name: getattr(est, name) for name in OEWS_COLUMNS}
    record["not_published"] = list(est.not_published)
    return record


def step_record(c: StepCheck) -> dict[str, Any]:
    record = {**plain(c.step), "status": c.status, "why": c.why}
    if c.credential and c.credential.best:
        record["checked_against"] = plain(c.credential.best.requirement)
    return record


def body_for(kind: str, result: Any) -> dict[str, Any]:
    """The kind-specific part of the JSON document."""
    if isinstance(result, MatchReport):
        return {
            "profile": plain(result.profile),
            "scoring": {"background": BACKGROUND_POINTS, "interest": INTEREST_POINTS, "licence": LICENCE_POINTS},
            "top": result.top,
            "records": [{"rank": rank, "role": m.role.id, "title": m.role.title, "score": m.score,
                         "reasons": plain(m.reasons), "to_do": len(m.to_do), "steps": [step_record(c) for c in m.steps]}
                        for rank, m in enumerate(result.matches, 1)],
        }
    if isinstance(result, PlannedPath):
        return {"role": result.role.id, "title": result.role.title, "profile": plain(result.profile),
                "fits_background": result.fits_background, "steps": [step_record(c) for c in result.steps],
                "ladder": plain(result.role.ladder)}
    if isinstance(result, SearchReport):
        return {"term": result.term, "records": plain(result.hits)}
    if isinstance(result, SalaryReport):
        return {
            "release": result.release,
            "source": result.source,
            "reference_period": result.release,
            "unit": "hourly" if result.hourly else "annual",
            "national": wage_record(result.national),
            "selected": [wage_record(e) for e in result.selected],
            "listing": result.listing_kind or None,
            "sort": result.sort or ("employment" if result.listing_kind else None),
            "rows": [wage_record(e) for e in result.listing],
            "seed_claims": plain(result.seed_claims),
        }
    if isinstance(result, WhereReport):
        return {
            "release": result.release,
            "source": result.source,
            "reference_period": result.release,
            "level": result.level,
            "pays_most": [wage_record(e) for e in result.pays_most],
            "most_jobs": [wage_record(e) for e in result.most_jobs],
            "most_concentrated": [{**wage_record(e), "concentration": concentration(e.location_quotient)}
                                  for e in result.most_concentrated],
        }
    if isinstance(result, HistoryReport):
        return {
            "records": plain(result.points),
            "growth": {"from": result.first.reference, "to": result.last.reference, "percent": result.growth_pct,
                       "basis": "BLS national median annual wage, nominal dollars"},
        }
    if isinstance(result, RoleDetail):
        return {
            "record": plain(result.role),
            "release": result.release,
            "source": result.source,
            "industries": [wage_record(e) for e in result.industries],
            "national": wage_record(result.national),
            "seed_claims": plain(result.seed_claims),
        }
    if isinstance(result, CredentialDetail):
        return {
            "record": plain(result.credential),
            "replaced_by": [x.id for x in result.replaced_by],
            "replaces": [x.id for x in result.replaces],
            "roles": [r.id for r in result.roles],
            "seed_claims": plain(result.seed_claims),
        }
    if isinstance(result, CredentialList):
        return {"filters": result.filters, "records": plain(result.credentials)}
    if isinstance(result, EducationReport):
        return {**plain(result.education), "seed_claims": plain(result.seed_claims)}
    if isinstance(result, OutlookReport):
        return {
            "occupation": plain(result.occupation),
            "history": plain(result.history),
            "latest": {"release": result.release, "source": result.source,
                       "annual_median": result.national.annual_median, "hourly_median": result.national.hourly_median,
                       "annual_mean": result.national.annual_mean, "employment": result.national.employment},
        }
    if isinstance(result, SourcesReport):
        return {"records": plain(result.sources), "data_dir": result.data_dir, "data_files": plain(result.data_files)}
    if isinstance(result, tuple) and result and isinstance(result[0], RolePath):
        return {"records": [{"role": p.role.id, "title": p.role.title, "steps": plain(p.steps),
                             "ladder": plain(p.role.ladder)} for p in result]}
    if isinstance(result, tuple):
        return {"records": plain(result)}
    return {"record": plain(result)}


# json.dumps escapes C0 controls but passes these through; a terminal may act on them.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def to_json(doc: dict[str, Any]) -> str:
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
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


WAGE_TABLE = ["area_type", "area_code", "area_name", "industry_code", "industry_name", *OEWS_COLUMNS[6:], "not_published"]


def tabular(result: Any) -> tuple[list[str], list[dict[str, Any]]]:
    """Columns and rows for csv and markdown output."""
    if isinstance(result, MatchReport):
        rows = body_for("match", result)["records"]
        for row in rows:
            row["reasons"] = [f"{r['points']:+d} {r['text']}" for r in row["reasons"]]
        return ["rank", "role", "title", "score", "to_do", "reasons"], rows
    if isinstance(result, PlannedPath):
        rows = [{"role": result.role.id, "order": i, **step_record(c)} for i, c in enumerate(result.steps, 1)]
        return ["role", "order", "step", "label", "optional", "status", "why", "sources"], rows
    if isinstance(result, SearchReport):
        return ["kind", "id", "label", "matched", "snippet"], plain(result.hits)
    if isinstance(result, SalaryReport):
        rows = [result.national, *result.selected, *result.listing]
        return WAGE_TABLE, [wage_record(e) for e in rows]
    if isinstance(result, WhereReport):
        groups = (("pays_most", result.pays_most), ("most_jobs", result.most_jobs),
                  ("most_concentrated", result.most_concentrated))
        return ["view", *WAGE_TABLE], [{"view": name, **wage_record(e)} for name, rows in groups for e in rows]
    if isinstance(result, HistoryReport):
        return ["year", "reference", "median_annual", "median_hourly", "change_pct", "third_party", "annual_p10", "annual_p25",
                "annual_p75", "annual_p90", "note", "sources"], \
            plain(result.points)
    if isinstance(result, (RoleDetail, CredentialDetail)):
        return ["field", "value"], _flat(body_for("", result)["record"])
    if isinstance(result, CredentialList):
        rows = [{**plain(x), "issuer": x.issuer_abbreviation or x.issuer_name} for x in result.credentials]
        return ["id", "abbreviation", "name", "kind", "issuer", "status", "level", "seed_named", "replaced_by"], rows
    if isinstance(result, EducationReport):
        rows = [{**plain(d), "duration": d.duration.text if d.duration else None} for d in result.education.degrees]
        return ["id", "name", "level", "field", "accreditor", "seed_named", "duration"], rows
    if isinstance(result, OutlookReport):
        cols = ["edition", "median_annual", "median_hourly", "pay_period", "jobs", "jobs_year", "growth_pct",
                "growth_label", "employment_change", "openings_per_year", "sources"]
        return cols, [plain(q) for q in result.occupation.quick_facts]
    if isinstance(result, tuple) and result and isinstance(result[0], RolePath):
        rows = [{"role": p.role.id, "order": i + 1, **plain(s)} for p in result for i, s in enumerate(p.steps)]
        return ["role", "order", "step", "label", "ref", "optional", "detail", "sources"], rows
    if isinstance(result, SourcesReport):
        return tabular(result.sources)
    if isinstance(result, tuple) and result and isinstance(result[0], Source):
        return ["id", "tag", "publisher", "title", "url", "date", "note"], plain(result)
    records = plain(result) if isinstance(result, tuple) else [plain(result)]
    if records and "abbreviation" in records[0]:  # associations
        for r in records:
            r["founded"] = (r.get("founded") or {}).get("value")
        return ["id", "abbreviation", "name", "website", "founded", "seed_named", "credentials"], records
    return ["id", "title", "setting", "licence", "certifications", "associations", "seed_named"], records
