"""One registry from each result type to its three views: the human one, the JSON body and csv/markdown rows.

A new view is one query returning a new result type, one line here, and a few lines in cli.py.
Types and functions are named as strings ("module.Name") and imported only when a result is shown, so that a command
imports the views of its own result and no other: JSON, csv and markdown output never import Rich, and a command
about roles does not import the code of `switch`. `tests/test_render.py` checks every name resolves.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from ..record import Record


class View(Record):
    kind: str  # the JSON document's "kind": part of the stable contract
    human: str  # "module.function" in hmcareer.render that draws it for people
    body: str  # "module.function" in hmcareer.render: the kind-specific keys of the JSON document
    rows: str  # "module.function": columns and rows for csv
    # "module.function": markdown of its own, (result, cited sources) -> text; else the human view, written as markdown
    markdown: str | None = None


# The result's type, as "module.Name" in hmcareer, to its views.
VIEWS: dict[str, View] = {
    "query.RoleList": View("roles", "views.show_roles", "machine.roles_body", "machine.roles_rows"),
    "query.RoleDetail": View("role", "views.show_role", "machine.role_body", "machine.role_rows"),
    "salary.SalaryReport": View("salary", "pay.show_salary", "pay_data.salary_body", "pay_data.salary_rows"),
    "salary.WhereReport": View("where", "pay.show_where", "pay_data.where_body", "pay_data.where_rows"),
    "salary.HistoryReport": View("history", "pay_history.show_history", "pay_data.history_body", "pay_data.history_rows"),
    "compare.PayComparison": View("compare", "compare.show_comparison", "compare.comparison_body", "compare.comparison_rows"),
    "query.CredentialList": View("certs", "views.show_credentials", "machine.certs_body", "machine.certs_rows"),
    "query.CredentialDetail": View("cert", "views.show_credential", "machine.cert_body", "machine.cert_rows"),
    "query.EducationReport": View("education", "views.show_education", "machine.education_body", "machine.education_rows"),
    "query.PathsReport": View("paths", "paths.show_paths", "machine.paths_body", "machine.paths_rows"),
    "matching.PlannedPath": View("plan", "fit.show_plan", "machine.plan_body", "machine.plan_rows"),
    "matching.MatchReport": View("match", "fit.show_match", "machine.match_body", "machine.match_rows"),
    "search.SearchReport": View("search", "views.show_search", "machine.search_body", "machine.search_rows"),
    "query.AssociationList": View("associations", "views.show_associations", "machine.associations_body",
                                  "machine.associations_rows"),
    "query.OutlookReport": View("outlook", "views.show_outlook", "machine.outlook_body", "machine.outlook_rows"),
    "query.SourcesReport": View("sources", "views.show_sources_report", "machine.sources_body", "machine.sources_rows"),
    "query.SourceList": View("sources", "views.show_sources", "machine.source_list_body", "machine.sources_rows"),
    "query.ClaimList": View("claims", "views.show_claims", "machine.claims_body", "machine.claims_rows",
                            "machine.claims_markdown"),
    "licensing.LicenceTable": View("licences", "licence.show_licences", "licence.licences_body", "licence.licences_rows",
                                   "licence.licences_markdown"),
    "licensing.LicenceDetail": View("licence", "licence.show_licence", "licence.licence_body", "licence.licence_rows",
                                    "licence.licence_markdown"),
    # certs NHA --state OH: the licence's own document ("cert") with the state's under licence_state.
    "licensing.CredentialInState": View("cert", "licence.show_credential_in_state", "licence.credential_in_state_body",
                                        "licence.credential_in_state_rows"),
    "switching.SwitchReport": View("switch", "moving.show_switch", "moving_data.switch_body", "moving_data.switch_rows"),
    "occupations.OccupationList": View("occupations", "moving.show_occupations", "moving_data.occupations_body",
                                       "moving_data.occupations_rows"),
    "occupations.OccupationProfile": View("occupation", "profile.show_occupation_profile", "moving_data.profile_body",
                                          "moving_data.profile_rows"),
}


def type_name(cls: type) -> str:
    """A result type as VIEWS names it: its module within hmcareer, and its name."""
    return f"{cls.__module__.removeprefix('hmcareer.')}.{cls.__qualname__}"


def view_for(result: Any) -> View:
    """The views of `result`'s type; TypeError for a type nobody registered (a programming error)."""
    try:
        return VIEWS[type_name(type(result))]
    except KeyError:
        raise TypeError(f"no views registered for {type(result).__name__}") from None


def function(name: str) -> Callable[..., Any]:
    """A view function named "module.function" in hmcareer.render, imported on first use."""
    module, _, attribute = name.rpartition(".")
    return getattr(importlib.import_module(f"{__package__}.{module}"), attribute)


def human_view(view: View) -> Callable[[Any, Any], None]:
    """The function that draws `view` for people."""
    return function(view.human)
