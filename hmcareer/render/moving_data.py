"""JSON bodies and csv/markdown rows of the views of moving into management: switch, occupations, an occupation's
profile, and the pay `match` gives each role (registered in render/registry.py)."""

from __future__ import annotations

from typing import Any

from ..models import ONET_ATTRIBUTION, Release
from ..occupations import OccupationList, OccupationProfile
from ..profiles import ELEMENT_IMPORTANT
from ..rolepay import PayChange, RolePay
from ..switching import Side, SwitchReport
from .licence_data import licence_state
from .machine import Rows, plain, top_code, top_coded_cell, wage_record

NOT_PUBLISHED = "not published"


def onet_data(source: str | None) -> dict[str, Any]:
    """Where O*NET figures are in a body: their source and the attribution its licence asks for."""
    return {"onet_data": {"source": source, "attribution": ONET_ATTRIBUTION}} if source else {}


def change_record(c: PayChange | None) -> dict[str, Any] | None:
    return plain(c) if c is not None else None


def role_pay_record(p: RolePay) -> dict[str, Any]:
    return {"role": p.role_id, "pay_where": p.where, "pay": wage_record(p.pay), "change_from_current": change_record(p.change)}


def _side(s: Side) -> dict[str, Any]:
    return {"soc": s.occupation.soc, "title": s.occupation.title, "source": s.release.source,
            "reference_period": s.release.name, "top_code": top_code(s.release), "place": wage_record(s.place),
            "onet_soc": s.onet_soc, "onet_title": s.onet_title, "onet_note": s.onet_note,
            "job_zone": s.job_zone.zone if s.job_zone else None, "required_education": plain(s.education)}


def switch_body(r: SwitchReport) -> dict[str, Any]:
    g = r.gaps
    return {
        "named": r.named, "background": r.background, "place_kind": r.place_kind,
        "current": _side(r.now), "manager": _side(r.manager),
        "pay": plain(r.pay),
        "managers_per_100": r.managers_per_100,
        "industries": [{"industry_code": i.industry_code, "industry_name": i.industry_name, "current": wage_record(i.now),
                        "manager": wage_record(i.manager), "median": plain(i.median)} for i in r.industries],
        "shared_industries": r.shared_industries,
        "important_from": ELEMENT_IMPORTANT,
        "transfer": [{**plain(x), "level_gap": x.level_gap} for x in g.transfer] if g else [],
        "build": [{**plain(x), "level_gap": x.level_gap} for x in g.build] if g else [],
        "transfer_total": g.transfer_total if g else 0, "build_total": g.build_total if g else 0,
        "left_out": list(g.left_out) if g else [],
        "technology": plain(r.technology), "technology_total": r.technology_total,
        "roles": [{"role": f.role_id, "title": f.title, "score": f.score, **role_pay_record(f.pay)} for f in r.roles],
        "licence_state": licence_state(r.licence_state),
        **onet_data(r.onet_source),
    }



def _pay_value(value: Any, state: str, release: Release) -> Any:
    """A pay figure as csv and markdown give it: the figure, `not published`, or `>= ` the top code."""
    if value is not None:
        return value
    if state == "top-coded":
        return top_coded_cell(release, False)
    return NOT_PUBLISHED if state else None


SWITCH_COLUMNS = ["section", "item", "current", "manager", "change", "change_pct", "current_occupation", "place", "source",
                  "reference_period"]


def switch_rows(r: SwitchReport) -> Rows:
    """Every figure of the view, one row each: pay and jobs in the place, the industries' medians, the education
    shares, the skills that transfer and those to build (importance / level), the technology, the roles."""
    own, mgr = r.now, r.manager
    place = mgr.place.area_name if r.place_kind != "nation" else "United States"
    base = {"current_occupation": f"{own.occupation.soc} {own.occupation.title}", "place": place}
    bls = {"source": f"{own.release.source}; {mgr.release.source}", "reference_period": mgr.release.name}
    onet = {"source": r.onet_source, "reference_period": "O*NET 29.3"}
    rows: list[dict[str, Any]] = []
    for c in r.pay:
        rows.append({"section": "pay", "item": c.stat, "current": _pay_value(c.now, c.now_state, own.release),
                     "manager": _pay_value(c.manager, c.manager_state, mgr.release),
                     "change": c.change if c.change is not None else "not computed",
                     "change_pct": c.change_pct, **base, **bls})
    rows.append({"section": "jobs", "item": "employment (change: manager jobs per 100 of the current occupation's)",
                 "current": own.place.employment if own.place.employment is not None else NOT_PUBLISHED,
                 "manager": mgr.place.employment if mgr.place.employment is not None else NOT_PUBLISHED,
                 "change": r.managers_per_100, **base, **bls})
    for i in r.industries:
        rows.append({"section": "industry median", "item": f"{i.industry_code} {i.industry_name}", "current": i.median.now,
                     "manager": i.median.manager, "change": i.median.change, "change_pct": i.median.change_pct, **base,
                     **bls, "place": "United States"})
    for side, key in ((own, "current"), (mgr, "manager")):
        for level in side.education:
            rows.append({"section": "required education", "item": level.label + (" (suppressed)" if level.suppressed else ""),
                         key: level.percent, **base, **onet})
    g = r.gaps
    for section, gaps in (("transfers", g.transfer if g else ()), ("to build", g.build if g else ())):
        for x in gaps:
            rows.append({"section": section, "item": f"{x.name} ({x.kind})", "current": f"{x.own_importance} / {x.own_level}",
                         "manager": f"{x.manager_importance} / {x.manager_level}", "change": x.level_gap, **base, **onet})
    for t in r.technology:
        rows.append({"section": "technology to learn", "item": t.example, "manager": "hot" if t.hot else "listed", **base, **onet})
    for f in r.roles:
        p = f.pay
        rows.append({"section": "role that fits", "item": f.title, "current": p.change.now if p.change else None,
                     "manager": p.pay.annual_median, "change": p.change.change if p.change else None,
                     "change_pct": p.change.change_pct if p.change else None, **base, **bls, "place": p.where})
    return SWITCH_COLUMNS, rows


def occupations_body(r: OccupationList) -> dict[str, Any]:
    return {"release": r.release_name, "sources": list(r.sources), "reference_period": r.release_name,
            "records": [{"soc": x.occupation.soc, "title": x.occupation.title, "short": x.occupation.short,
                         "aliases": list(x.occupation.aliases), "background": x.occupation.background,
                         "usual_for_background": x.occupation.usual, "national": wage_record(x.national),
                         "job_zone": x.job_zone, "most_named_education": plain(x.education)} for x in r.rows],
            **onet_data(r.onet_source)}


def occupations_rows(r: OccupationList) -> Rows:
    rows = [{"soc": x.occupation.soc, "title": x.occupation.title, "background": x.occupation.background,
             "employment": x.national.employment, "annual_median": x.national.annual_median, "pay_source": src,
             "reference_period": r.release_name, "job_zone": x.job_zone,
             "most_named_education": x.education.label if x.education else None,
             "most_named_education_pct": x.education.percent if x.education else None,
             "education_suppressed": x.education.suppressed if x.education else None,
             "onet_source": r.onet_source, "onet_attribution": ONET_ATTRIBUTION if r.onet_source else None}
            for x in r.rows for src in (x.source,)]
    return ["soc", "title", "background", "employment", "annual_median", "pay_source", "reference_period", "job_zone",
            "most_named_education", "most_named_education_pct", "education_suppressed", "onet_source", "onet_attribution"], rows


def profile_body(p: OccupationProfile) -> dict[str, Any]:
    body = {"soc": p.occupation.soc, "title": p.occupation.title, "background": p.occupation.background,
            "release": p.release.name, "source": p.release.source, "national": wage_record(p.national)}
    if p.onet is not None:
        body["onet"] = plain(p.onet)
        body.update(onet_data(p.onet.source))
    if p.handbook is not None:
        body["handbook"] = {"duties": plain(p.handbook.duties), "qualities": plain(p.handbook.qualities),
                            "work_environment": plain(p.handbook.work_environment)}
    return body


PROFILE_COLUMNS = ["soc", "onet_soc", "kind", "name", "importance", "level", "importance_suppressed", "level_suppressed",
                   "not_relevant", "percent", "suppressed", "hot", "in_demand", "source", "attribution"]


def profile_rows(p: OccupationProfile) -> Rows:
    """Every O*NET rating (each scale's suppress flag on its own), required-education share and technology example."""
    rows: list[dict[str, Any]] = []
    o = p.onet
    if o is not None:
        base = {"soc": p.occupation.soc, "onet_soc": o.onet_soc, "source": o.source, "attribution": ONET_ATTRIBUTION}
        for kind, ratings in (("skill", o.skills), ("knowledge", o.knowledge), ("work style", o.work_styles)):
            rows += [{**base, "kind": kind, "name": r.name, "importance": r.importance, "level": r.level,
                      "importance_suppressed": r.importance_suppressed, "level_suppressed": r.level_suppressed,
                      "not_relevant": r.not_relevant} for r in ratings]
        rows += [{**base, "kind": f"education {s.scale}", "name": s.description, "percent": s.percent,
                  "suppressed": s.suppressed} for s in o.education]
        rows += [{**base, "kind": "technology", "name": t.example, "hot": t.hot, "in_demand": t.in_demand} for t in o.technology]
    return PROFILE_COLUMNS, rows
