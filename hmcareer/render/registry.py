"""One registry from each result type to its three views: the human one, the JSON body and csv/markdown rows.

A new view is one query returning a new result type, one line here, and a few lines in cli.py.
The human view is named as "module.function" in hmcareer.render, so that JSON, csv and markdown
output never import Rich; `tests/test_render.py` checks every name resolves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import matching, occupations, profiles, query, search, switching
from ..record import Record
from . import machine as m
from . import moving_data as md


class View(Record):
    kind: str  # the JSON document's "kind": part of the stable contract
    human: str  # "module.function" in hmcareer.render that draws it for people
    body: Callable[[Any], dict[str, Any]]  # the kind-specific keys of the JSON document
    rows: Callable[[Any], m.Rows]  # columns and rows for csv (and markdown, unless `markdown` is given)
    markdown: Callable[[Any, list[Any]], str] | None = None  # markdown of its own: (result, cited sources) -> text


VIEWS: dict[type, View] = {
    query.RoleList: View("roles", "views.show_roles", m.roles_body, m.roles_rows),
    query.RoleDetail: View("role", "views.show_role", m.role_body, m.role_rows),
    query.SalaryReport: View("salary", "pay.show_salary", m.salary_body, m.salary_rows),
    query.WhereReport: View("where", "pay.show_where", m.where_body, m.where_rows),
    query.HistoryReport: View("history", "pay.show_history", m.history_body, m.history_rows),
    query.CredentialList: View("certs", "views.show_credentials", m.certs_body, m.certs_rows),
    query.CredentialDetail: View("cert", "views.show_credential", m.cert_body, m.cert_rows),
    query.EducationReport: View("education", "views.show_education", m.education_body, m.education_rows),
    query.PathsReport: View("paths", "paths.show_paths", m.paths_body, m.paths_rows),
    matching.PlannedPath: View("plan", "fit.show_plan", m.plan_body, m.plan_rows),
    matching.MatchReport: View("match", "fit.show_match", m.match_body, m.match_rows),
    search.SearchReport: View("search", "views.show_search", m.search_body, m.search_rows),
    query.AssociationList: View("associations", "views.show_associations", m.associations_body, m.associations_rows),
    query.OutlookReport: View("outlook", "views.show_outlook", m.outlook_body, m.outlook_rows),
    query.SourcesReport: View("sources", "views.show_sources_report", m.sources_body, m.sources_rows),
    query.SourceList: View("sources", "views.show_sources", m.source_list_body, m.sources_rows),
    query.ClaimList: View("claims", "views.show_claims", m.claims_body, m.claims_rows, m.claims_markdown),
    switching.SwitchReport: View("switch", "moving.show_switch", md.switch_body, md.switch_rows),
    occupations.OccupationList: View("occupations", "moving.show_occupations", md.occupations_body, md.occupations_rows),
    profiles.OccupationProfile: View("occupation", "profile.show_occupation_profile", md.profile_body, md.profile_rows),
}


def view_for(result: Any) -> View:
    """The views of `result`'s type; TypeError for a type nobody registered (a programming error)."""
    try:
        return VIEWS[type(result)]
    except KeyError:
        raise TypeError(f"no views registered for {type(result).__name__}") from None


def human_view(view: View) -> Callable[[Any, Any], None]:
    """The function that draws `view` for people, imported on first use."""
    import importlib

    module, _, function = view.human.rpartition(".")
    return getattr(importlib.import_module(f"{__package__}.{module}"), function)
