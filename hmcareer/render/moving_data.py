"""JSON bodies and csv/markdown rows of the views of moving into management: switch, occupations, an occupation's
profile, and the pay `match` gives each role (registered in render/registry.py)."""

from __future__ import annotations

from typing import Any

from ..models import ONET_ATTRIBUTION
from ..occupations import OccupationList, OccupationProfile
from ..profiles import ELEMENT_IMPORTANT
from ..rolepay import RolePay
from ..switching import SwitchReport
from .machine import Rows, plain, top_code, wage_record


def _onet(source: str | None) -> dict[str, Any]:
    """Where O*NET figures are in a body: their source and the attribution its licence asks for."""
    return {"onet_data": {"source": source, "attribution": ONET_ATTRIBUTION}} if source else {}


def role_pay_record(p: RolePay) -> dict[str, Any]:
    return {"role": p.role_id, "pay_where": p.where, "pay": wage_record(p.pay),
            "change_from_current": plain(p.change) if p.change is not None else None}


def switch_body(r: SwitchReport) -> dict[str, Any]:
    def side(s: Any) -> dict[str, Any]:
        return {"soc": s.occupation.soc, "title": s.occupation.title, "source": s.release.source,
                "reference_period": s.release.name, "top_code": top_code(s.release), "place": wage_record(s.place),
                "job_zone": s.job_zone.zone if s.job_zone else None, "required_education": plain(s.education)}

    return {
        "named": r.named, "background": r.background, "place_kind": r.place_kind,
        "current": side(r.now), "manager": side(r.manager),
        "pay": plain(r.pay),
        "managers_per_100": r.managers_per_100,
        "industries": [{"industry_code": i.industry_code, "industry_name": i.industry_name, "current": wage_record(i.now),
                        "manager": wage_record(i.manager), "median": plain(i.median)} for i in r.industries],
        "shared_industries": r.shared_industries,
        "important_from": ELEMENT_IMPORTANT,
        "transfer": [{**plain(g), "level_gap": g.level_gap} for g in r.transfer],
        "build": [{**plain(g), "level_gap": g.level_gap} for g in r.build],
        "unreliable_left_out": r.left_out,
        "technology": plain(r.technology), "technology_total": r.technology_total,
        "roles": [{"role": f.role_id, "title": f.title, "score": f.score, **role_pay_record(f.pay)} for f in r.roles],
        **_onet(r.onet_source),
    }


def switch_rows(r: SwitchReport) -> Rows:
    """One row per figure compared: pay statistics in the place, then the industries' medians."""
    place = r.manager.place.area_name if r.place_kind != "nation" else "United States"
    rows = [{"section": "pay", "place": place, "statistic": c.stat, "current": c.now or c.now_state or None,
             "manager": c.manager or c.manager_state or None, "change": c.change, "change_pct": c.change_pct,
             "source": r.manager.release.source, "reference_period": r.manager.release.name} for c in r.pay]
    rows += [{"section": "industry", "place": f"{i.industry_code} {i.industry_name}", "statistic": "median",
              "current": i.median.now, "manager": i.median.manager, "change": i.median.change,
              "change_pct": i.median.change_pct, "source": r.manager.release.source,
              "reference_period": r.manager.release.name} for i in r.industries]
    return ["section", "place", "statistic", "current", "manager", "change", "change_pct", "source", "reference_period"], rows


def occupations_body(r: OccupationList) -> dict[str, Any]:
    return {"release": r.release_name, "source": r.source, "reference_period": r.release_name,
            "records": [{"soc": x.occupation.soc, "title": x.occupation.title, "short": x.occupation.short,
                         "aliases": list(x.occupation.aliases), "background": x.occupation.background,
                         "usual_for_background": x.occupation.usual, "national": wage_record(x.national),
                         "job_zone": x.job_zone, "most_named_education": plain(x.education)} for x in r.rows],
            **_onet(r.onet_source)}


def occupations_rows(r: OccupationList) -> Rows:
    rows = [{"soc": x.occupation.soc, "title": x.occupation.title, "background": x.occupation.background,
             "employment": x.national.employment, "annual_median": x.national.annual_median, "job_zone": x.job_zone,
             "most_named_education": x.education.label if x.education else None,
             "most_named_education_pct": x.education.percent if x.education else None,
             "education_suppressed": x.education.suppressed if x.education else None,
             "source": r.source, "reference_period": r.release_name} for x in r.rows]
    return ["soc", "title", "background", "employment", "annual_median", "job_zone", "most_named_education",
            "most_named_education_pct", "education_suppressed", "source", "reference_period"], rows


def profile_body(p: OccupationProfile) -> dict[str, Any]:
    body = {"soc": p.occupation.soc, "title": p.occupation.title, "background": p.occupation.background,
            "release": p.release.name, "source": p.release.source, "national": wage_record(p.national)}
    if p.onet is not None:
        body["onet"] = plain(p.onet)
        body.update(_onet(p.onet.source))
    if p.handbook is not None:
        body["handbook"] = {"duties": plain(p.handbook.duties), "qualities": plain(p.handbook.qualities),
                            "work_environment": plain(p.handbook.work_environment)}
    return body


def profile_rows(p: OccupationProfile) -> Rows:
    """Every O*NET rating as a row (suppress flags included), then technology examples."""
    rows: list[dict[str, Any]] = []
    if p.onet is not None:
        for kind, ratings in (("skill", p.onet.skills), ("knowledge", p.onet.knowledge), ("work style", p.onet.work_styles)):
            rows += [{"kind": kind, "name": r.name, "importance": r.importance, "level": r.level,
                      "suppressed": r.suppressed, "not_relevant": r.not_relevant, "source": p.onet.source} for r in ratings]
        rows += [{"kind": "technology", "name": t.example, "hot": t.hot, "in_demand": t.in_demand, "source": p.onet.source}
                 for t in p.onet.technology]
    return ["kind", "name", "importance", "level", "suppressed", "not_relevant", "hot", "in_demand", "source"], rows
