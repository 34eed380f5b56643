"""One registry from each result type to its three views: the human one, the JSON body and csv/markdown rows.

A new view is one query returning a new result type, one line here, and a few lines in cli.py.
The human view is named as "module.function" in hmcareer.render, so that JSON, csv and markdown
output never import Rich; `tests/test_render.py` checks every name resolves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..matching import MatchReport, PlannedPath
from ..query import (
    AssociationList,
    CredentialDetail,
    CredentialList,
    EducationReport,
    HistoryReport,
    OutlookReport,
    PathsReport,
    RoleDetail,
    RoleList,
    SalaryReport,
    SearchReport,
    SourceList,
    SourcesReport,
    WhereReport,
)
from ..record import Record
from . import machine as m


class View(Record):
    kind: str  # the JSON document's "kind": part of the stable contract
    human: str  # "module.function" in hmcareer.render that draws it for people
    body: Callable[[Any], dict[str, Any]]  # the kind-specific keys of the JSON document
    rows: Callable[[Any], m.Rows]  # columns and rows for csv and markdown


VIEWS: dict[type, View] = {
    RoleList: View("roles", "views.show_roles", m.roles_body, m.roles_rows),
    RoleDetail: View("role", "views.show_role", m.role_body, m.role_rows),
    SalaryReport: View("salary", "pay.show_salary", m.salary_body, m.salary_rows),
    WhereReport: View("where", "pay.show_where", m.where_body, m.where_rows),
    HistoryReport: View("history", "pay.show_history", m.history_body, m.history_rows),
    CredentialList: View("certs", "views.show_credentials", m.certs_body, m.certs_rows),
    CredentialDetail: View("cert", "views.show_credential", m.cert_body, m.cert_rows),
    EducationReport: View("education", "views.show_education", m.education_body, m.education_rows),
    PathsReport: View("paths", "paths.show_paths", m.paths_body, m.paths_rows),
    PlannedPath: View("plan", "fit.show_plan", m.plan_body, m.plan_rows),
    MatchReport: View("match", "fit.show_match", m.match_body, m.match_rows),
    SearchReport: View("search", "views.show_search", m.search_body, m.search_rows),
    AssociationList: View("associations", "views.show_associations", m.associations_body, m.associations_rows),
    OutlookReport: View("outlook", "views.show_outlook", m.outlook_body, m.outlook_rows),
    SourcesReport: View("sources", "views.show_sources_report", m.sources_body, m.sources_rows),
    SourceList: View("sources", "views.show_sources", m.source_list_body, m.sources_rows),
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
