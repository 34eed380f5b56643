"""The registry from result types to their views: complete, resolvable, and cheap for machine output."""

from __future__ import annotations

import re
import subprocess
import sys
import typing

import pytest

from hmcareer import compare, licensing, matching, occupations, query, search, switching
from hmcareer.record import Record
from hmcareer.render.registry import VIEWS, human_view, type_name, view_for
from hmcareer.render.registry import function as view_function

# The JSON document's "kind" values: a stable contract (README, "JSON output").
KINDS = {"roles", "role", "salary", "where", "history", "certs", "cert", "education", "paths", "plan", "match", "search",
         "associations", "outlook", "sources", "claims", "switch", "occupations", "occupation", "licences", "licence",
         "compare"}


def _result_types() -> set[type]:
    """Every record type a public query or matching function returns."""
    found = set()
    for module in (query, matching, occupations, search, switching, licensing, compare):
        for name, function in vars(module).items():
            if callable(function) and not name.startswith("_") and getattr(function, "__module__", None) == module.__name__:
                returned = typing.get_type_hints(function).get("return") if not isinstance(function, type) else None
                if isinstance(returned, type) and issubclass(returned, Record) and returned.__name__.endswith(
                        ("List", "Report", "Detail", "Path", "Table", "InState", "Comparison")):
                    found.add(returned)
    return found


def test_every_result_a_command_can_show_has_its_views():
    names = {type_name(t) for t in _result_types()}
    assert names <= set(VIEWS), names - set(VIEWS)
    assert {view.kind for view in VIEWS.values()} == KINDS


def test_every_view_function_resolves():
    for view in VIEWS.values():
        assert callable(human_view(view)), view.human
        for name in (view.body, view.rows, view.markdown or view.rows):
            assert callable(view_function(name)), name


def test_an_unregistered_result_is_a_programming_error():
    try:
        view_for(("roles",))
    except TypeError as exc:
        assert str(exc) == "no views registered for tuple"
    else:
        raise AssertionError("no TypeError")


def test_machine_output_never_imports_rich():
    code = ("import sys; from hmcareer.cli import main; sys.argv = ['hmcareer', 'roles', '--format', 'json']; "
            "import contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try: main()\n"
            "    except SystemExit: pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr


MARKDOWN_VIEWS = [["roles"], ["roles", "nha"], ["salary", "--state", "OH", "--percentiles"], ["salary", "--where", "states"],
                  ["salary", "--history"], ["certs"], ["certs", "cpam"], ["education"], ["paths", "nha"],
                  ["paths", "nha", "--from", "nurse"], ["match", "--background", "nurse"], ["search", "billing"],
                  ["associations"], ["outlook"], ["switch", "--from", "rn"], ["occupations"], ["occupations", "rn"]]


@pytest.mark.parametrize("command", MARKDOWN_VIEWS, ids=" ".join)
def test_markdown_is_for_people_in_every_view(hm, command):
    """Names and formatted figures, as the table view has them, and the cited sources with addresses; never the raw
    field dump that csv and json give."""
    r = hm(*command, "-f", "markdown")
    assert r.code == 0, r.err
    for raw in ("named_in_2012_text", "area_type", "annual_p10", "industry_level", "any_field", "[0].", "| field | value |"):
        assert raw not in r.out, f"{command}: {raw}"
    view = re.sub(r"^\| \d{6} \|", "|", r.out.split("\nSources:\n")[0], flags=re.M)  # a BLS industry code, as tables show
    assert not re.search(r"(?<![\d,.$])\d{5,}(?![\d,])", view), command  # figures are formatted: 140,970 not 140970
    assert re.search(r"^(#|\*\*|\| )", r.out, re.M)  # a heading, a table caption or a table
    if "\nSources:\n" in r.out:
        assert re.search(r"^- `[a-z0-9-]+`, .*<https?://", r.out.split("\nSources:\n")[1], re.M)
