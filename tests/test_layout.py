"""Layout: our own column widths (render/layout.py), and the invariants every view keeps at every width.

At 40, 60, 80, 100, 120 and 200 columns, for each view in test_terminal.VIEWS, printed to a pipe:
no line is wider than the terminal, unless it holds nothing but one word longer than the terminal
(a URL, whole, for the terminal to soft-wrap); nothing is cut to "…"; no token the data holds
(ids, URLs, figures, names, words) is broken across lines; and there are no escape codes or
trailing spaces. Tokens come from the view's own JSON document.
"""

from __future__ import annotations

import json
import re

import pytest
from rich import box
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from test_terminal import VIEWS
from typer.testing import CliRunner

from hmcareer.cli import app
from hmcareer.render import layout, tables

WIDTHS = (40, 60, 80, 100, 120, 200)
RULES = "\u2500-\u259f"  # box drawing (table rules, tree guides, the box plot) and block elements (bars)
EDGES = "()[]{},;:.'\"*!~"  # punctuation that can stand before or after a token in running text; ~ marks a partly
# verified licence cell ("12mo~"), as ! marks a less reliable figure


# --- the policy itself ------------------------------------------------------------------------


def _table(*columns: dict, rows: list[tuple[str, ...]]) -> Table:
    table = Table(box=None, show_edge=False, pad_edge=False)
    for options in columns:
        table.add_column(**options)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _draw(table: Table, width: int) -> list[str]:
    widths = layout.column_widths(table, width)
    assert widths is not None
    return [line.plain.rstrip() for line in tables.draw(table, widths)]


NAMES = [("id", "code-123", "$140,970", "Health agency administrator of a very large district")]


def test_natural_widths_are_used_when_they_fit():
    table = _table({"header": "id", "no_wrap": True}, {"header": "code"}, {"header": "pay", "no_wrap": True}, {"header": "name"},
                   rows=NAMES)
    assert layout.column_widths(table, 200) == [2, 8, 8, 52]


def test_only_wrapping_columns_shrink_widest_first_and_never_below_their_longest_word():
    table = _table({"header": "id", "no_wrap": True}, {"header": "text"}, {"header": "name"},
                   rows=[("an-identifier", "short words only here", "administrator and more words than fit")])
    # 40 cells less 4 of padding between the columns; the id keeps its 13, leaving 23 for the two others.
    # Both are cut down to the same level, but "name" stops at its longest word.
    assert layout.column_widths(table, 40) == [13, 10, 13]
    assert layout.column_widths(table, 60) == [13, 21, 22]  # "text" whole; "name" takes the rest
    assert layout.column_widths(table, 4 + 13 + 5 + 13) == [13, 5, 13]
    assert layout.column_widths(table, 4 + 13 + 5 + 12) is None  # "administrator" no longer fits


def test_cropped_columns_shrink_to_their_min_width_and_set_widths_stay():
    table = _table({"header": "bar", "overflow": "crop", "no_wrap": True, "min_width": 3}, {"header": "w", "width": 5},
                   rows=[("##########", "x")])
    assert layout.column_widths(table, 100) == [10, 5]
    assert layout.column_widths(table, 2 + 3 + 5) == [3, 5]
    assert layout.column_widths(table, 2 + 2 + 5) is None


@pytest.mark.parametrize("width", [61, 67, 80])
def test_tables_are_drawn_at_exactly_the_widths_chosen(width):
    """No figure is cut and no line overflows: the columns are drawn at the widths layout chose, whatever Rich's
    own arithmetic (which differed between 13.7 and 15)."""
    rows = [("health-agency-administrator", "$140,970", "597,080", "Government health agencies, working outside any single "
             "care facility"), ("nha", "$1", "1", "Nursing homes")]
    for ruled in (False, True):
        table = _table({"header": "id", "no_wrap": True}, {"header": "mean", "no_wrap": True, "justify": "right"},
                       {"header": "jobs", "no_wrap": True, "justify": "right"}, {"header": "setting"}, rows=rows)
        table.box = box.ASCII if ruled else None
        widths = layout.column_widths(table, width)
        lines = _draw(table, width)
        assert max(map(cell_len, lines)) <= width
        text = "\n".join(lines)
        assert "health-agency-administrator" in text and "$140,970" in text and "597,080" in text
        assert "…" not in text
        # The figure ends where our widths put its column's edge: each column got exactly its width.
        row = next(line for line in lines if "$140,970" in line)
        assert row.index("$140,970") + len("$140,970") == widths[0] + 1 + ruled + 1 + widths[1]


def test_wrap_breaks_at_spaces_only_and_gives_a_long_word_its_own_line():
    url = "https://www.example.org/" + "a" * 60
    text = Text("see the page ") + Text(url, style="dim") + Text(" for more, and then some more words")
    lines = layout.wrap(text, 20)
    assert [line.plain for line in lines] == ["see the page", url, "for more, and then", "some more words"]
    assert lines[1].spans and lines[1].spans[0].style == "dim"  # styles survive the wrapping
    assert [line.plain for line in layout.wrap(Text("a\n\n  indented b"), 30)] == ["a", "", "  indented b"]


# --- every view, every width ------------------------------------------------------------------


def _normal(token: str) -> str:
    return token.strip(EDGES)


def _money(value: float | int | None, hourly: bool) -> str | None:
    if value is None:
        return None
    return f"${value:,.2f}" if hourly else f"${value:,.0f}"


def _wage_tokens(rows: list[dict], unit: str, stats: tuple[str, ...]) -> set[str]:
    tokens = {f"{e['employment']:,}" for e in rows if e["employment"] is not None}
    return tokens | {_money(e[f"{unit}_{stat}"], unit == "hourly") for stat in stats for e in rows} - {None}


def _words(*texts: str) -> set[str]:
    return {_normal(word) for text in texts for word in text.split()} - {""}


def shown(command: list[str], doc: dict) -> set[str]:
    """Tokens the view must show whole at every width: its ids, URLs, names and figures, read from its JSON."""
    kind, records = doc["kind"], doc.get("records", [])
    if kind == "roles":
        return {r["id"] for r in records} | _words(*(r["title"] for r in records))
    if kind == "role":
        rows = [doc["national"], *doc["industries"]]
        return _words(doc["record"]["title"]) | _wage_tokens(rows, "annual", ("mean", "median"))
    if kind == "salary":
        stats = ("p10", "p25", "median", "p75", "p90") if "--percentiles" in command else ("mean", "median")
        rows = [doc["national"], *doc["selected"], *doc["rows"]]
        if doc["overview"]:  # plain `salary` shows an overview of the rows its JSON holds in full
            wanted = set(doc["overview"]["largest"]) | set(doc["overview"]["best_paying"])
            rows = [doc["national"], *(r for r in doc["rows"] if r["industry_code"] in wanted)]
        return _wage_tokens(rows, doc["unit"], stats) | _words(*(e["area_name"] for e in rows if e["area_type"] != "N"))
    if kind == "where":
        rows = doc["pays_most"] + doc["most_jobs"] + doc["most_concentrated"]
        return _wage_tokens(rows, "annual", ("mean", "median")) | _words(*(e["area_name"] for e in rows))
    if kind == "history":
        return ({_money(p["median_annual"], False) for p in records} | {f"{p['change_pct']:+.1f}%" for p in records
                if p["change_pct"] is not None} | {s for p in records for s in p["sources"][:1]}) - {None}
    if kind == "certs":
        return {x["abbreviation"] for x in records} | _words(*(x["name"] for x in records))
    if kind == "cert":
        return {doc["record"]["abbreviation"]} | _words(doc["record"]["name"])
    if kind == "education":
        return {d["id"] for d in doc["degrees"]} | {a["abbreviation"] for a in doc["accreditors"]}
    if kind in ("paths", "plan"):
        return _words(*(r["title"] for r in records)) if kind == "paths" else _words(doc["title"])
    if kind == "match":  # every role ranked; the top ones in full, with their ids
        return _words(*(r["title"] for r in records)) | {r["role"] for r in records[:doc["top"]]}
    if kind == "associations":
        return {a["abbreviation"] for a in records} | {a["website"] for a in records if a["website"]}
    if kind == "outlook":
        return {f"${q['median_annual']:,}" for q in doc["occupation"]["quick_facts"] if q["median_annual"]}
    if kind == "sources":
        return {s["id"] for s in records} | {s["url"] for s in records if s["url"]}
    if kind == "search":  # a technology or skill is named by its words
        return {w for x in records for w in (_words(x["id"]) if " " in x["id"] else {x["id"]})}
    if kind == "occupations":
        return {x["soc"] for x in records} | _wage_tokens([x["national"] for x in records], "annual", ("median",))
    if kind == "occupation":
        return {doc["soc"]} | _words(doc["title"]) | _wage_tokens([doc["national"]], "annual", ("median", "mean"))
    if kind == "switch":  # the pay compared, the industries, the roles that fit
        pay = {_money(c[side], False) for c in doc["pay"] for side in ("now", "manager")} - {None}
        return pay | _words(*(i["industry_name"] for i in doc["industries"])) | _words(*(r["title"] for r in doc["roles"]))
    if kind == "claims":  # each claim's id and the figures and sources of its check
        return {x["id"] for x in records} | {s for x in records for s in x["sources"]} | {
            w for x in records for w in _words(x["claim"], x["check"]) if w.startswith("$")}
    if kind == "licences":  # each state's code and short cells
        return {r["code"] for r in records} | _words(*(r[k] for r in records for k in ("degree", "ait", "exams", "ce")))
    if kind == "licence":  # the board's address, each step's reading (a view of one state omits "see state") and sources
        state = doc["state"]
        steps = state["steps"]
        return ({state["code"]} | ({state["board_url"]} if state["board_url"] else set())
                | _words(*(s["short"] for s in steps if s["short"] not in ("see state", "not found")))
                | {sid for s in steps for sid in s["sources"]})
    raise AssertionError(f"no tokens listed for the {kind} view")  # a new view: say what it must show


def everything(doc: object) -> set[str]:
    """Every token the document holds: each string's words, and each number as the views print it."""
    tokens: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            tokens.update(_words(value))
        elif isinstance(value, bool) or value is None:
            pass
        elif isinstance(value, int):
            tokens.update({f"{value:,}", f"${value:,}"})
        elif isinstance(value, float):
            tokens.update({f"{value:.2f}", f"${value:,.2f}", f"{value:+.1f}%", f"{value:.1f}%"})

    walk(doc)
    return {token for token in tokens if len(token) > 1}


def starts_of(tokens: set[str]) -> dict[str, list[str]]:
    """Each proper start of a token (a piece a fold would leave at the end of a line), with the tokens it starts."""
    starts: dict[str, list[str]] = {}
    for token in tokens:
        for cut in range(1, len(token)):
            starts.setdefault(token[:cut], []).append(token)
    return starts


def _folds(lines: list[str], starts: dict[str, list[str]]) -> list[str]:
    """Tokens folded across lines as Rich folds a word too long for its column: a start of one fills a line of
    its cell (alone between the cell's edges: the line's ends, column gaps, rules), and the next line goes on
    with the rest of it where the start began."""
    found = []
    at = [{m.start(): m.group() for m in re.finditer(rf"[^\s{RULES}]+", line)} for line in lines]
    for i in range(len(lines) - 1):
        for x, piece in at[i].items():
            after = at[i + 1].get(x, "").rstrip(EDGES)
            alone = (re.search(rf"(^|\s\s|[|{RULES}])\s*$", lines[i][:x])
                     and re.match(rf"\s*($|\s\s|[|{RULES}])", lines[i][x + len(piece):]))
            for token in starts.get(_normal(piece), ()) if after and alone else ():
                rest = token[len(_normal(piece)):]
                if rest.startswith(after) and (after == rest or len(after) > 1):
                    found.append(f"line {i + 1}: {token!r} broken into {piece!r} and {after!r}")
    return found


def problems(out: str, width: int, must_show: set[str], starts: dict[str, list[str]]) -> list[str]:
    lines = out.splitlines()
    found = [f"wider than {width}: {line!r}" for line in lines if cell_len(line) > width and len(line.split()) != 1]
    found += [f"trailing space: {line!r}" for line in lines if line.endswith(" ")]
    if "\x1b" in out:
        found.append("an escape code in a pipe")
    if "…" in out:
        found.append("cut with …: " + ", ".join(repr(t) for t in re.findall(r"\S*…", out)))
    raw = re.findall(rf"[^\s{RULES}]+", out)
    words = set(raw) | {_normal(token) for token in raw}
    found += [f"not shown whole: {token!r}" for token in sorted(must_show - words)]
    found += _folds(lines, starts)
    for cut in re.findall(r"(\S+?)(?:\.\.\.|…)(?:\s|$)", out):  # a token that ends in an ellipsis
        if _normal(cut) in starts:
            found.append(f"cut short: {cut!r}...")
    return found


@pytest.fixture(scope="module")
def render(tmp_path_factory):
    """Runs a command in-process; one warm cache for the whole module, so the data is parsed once."""
    runner = CliRunner()
    cache = str(tmp_path_factory.mktemp("layout-cache"))
    done: dict[tuple[tuple[str, ...], int | None], str] = {}

    def run(command: list[str], columns: int | None = None) -> str:
        if (tuple(command), columns) not in done:
            env = {"HMCAREER_CACHE_DIR": cache, **({"COLUMNS": str(columns)} if columns else {})}
            result = runner.invoke(app, command, env=env)
            assert result.exit_code == 0, (command, result.stderr, result.exception)
            done[tuple(command), columns] = result.stdout
        return done[tuple(command), columns]

    return run


@pytest.mark.parametrize("command", VIEWS, ids=" ".join)
def test_views_fit_and_keep_every_token_whole_at_every_width(render, command):
    doc = json.loads(render([*command, "--format", "json"]))
    must_show, starts = shown(command, doc), starts_of(everything(doc))
    assert must_show
    found = {width: problems(render(command, width), width, must_show, starts) for width in WIDTHS}
    assert {width: issues for width, issues in found.items() if issues} == {}


def test_a_url_longer_than_the_terminal_has_a_line_of_its_own(render):
    out = render(["sources"], 60)
    long = [line for line in out.splitlines() if cell_len(line) > 60]
    assert long and all(line.startswith("https://") or line.startswith("http://") for line in long)
    assert "  https://download.bls.gov/pub/time.series/oe/" in out.splitlines()  # a shorter one: on its own line, indented


def test_a_name_longer_than_the_line_breaks_only_after_its_hyphens_and_ids_and_urls_never():
    from rich.text import Text

    from hmcareer.render.layout import wrap

    lines = [line.plain for line in wrap(Text("area: Nashville-Davidson--Murfreesboro--Franklin, TN"), 30)]
    assert lines == ["area: Nashville-Davidson--", "Murfreesboro--Franklin, TN"]
    for whole in ("[publichealthdegrees-salary]", "https://www.bls.gov/ooh/management/medical-and-health-services-managers.htm"):
        assert [line.plain for line in wrap(Text(f"see {whole} now"), 20)] == ["see", whole, "now"]


def test_the_longest_metro_name_fits_forty_columns(hm):
    r = hm("salary", "--metro", "nashville", env={"COLUMNS": "40"})
    assert r.code == 0
    assert all(len(line) <= 40 for line in r.out.splitlines())
    assert "\nNashville-Davidson--Murfreesboro--\nFranklin, TN\n  code:      0034980\n" in r.out  # the name heads the block


def test_match_at_forty_columns_is_short_and_keeps_each_step_and_status(render):
    """Each required step after its status, the optional ones by name on one line: under 150 lines at 40 columns."""
    out = render(["match", "--background", "nurse", "--degree", "bachelor", "--years", "4", "--interest", "ltc"], 40)
    assert len(out.splitlines()) < 150
    flat = " ".join(out.split())
    assert "[unknown] licence: NHA: Nursing home administrator licence (you did not say whether you hold it)" in flat
    assert "optional: HSE, CNHA (check with the issuer); FACHE (not yet)" in flat
    assert "optional: CNML, CENP (unknown); MHA (to do); FACHE (not yet)" in flat
    assert "open = " not in flat and "in reach = " not in flat  # the legend explains the statuses shown
    assert "Sources: 23, of which 1 third party" in flat  # the same sources as at any width
    wide = " ".join(render(["match", "--background", "nurse", "--degree", "bachelor", "--years", "4", "--interest", "ltc"],
                           100).split())
    assert "Sources: 23 (BLS 2, official 15," in wide
    assert "(MHA) (as for Clinical manager, above)" in wide  # an optional step said in full once


def test_a_block_is_headed_by_its_name_not_its_code(hm):
    out = hm("salary", "--metro", "providence", env={"COLUMNS": "40"}).out
    assert "\nProvidence-Warwick, RI-MA\n  code:      0039300\n" in out
    assert not re.search(r"^\d{6,7}$", out, re.MULTILINE)
    out = hm("occupations", env={"COLUMNS": "40"}).out  # a SOC code, an association's abbreviation: after the name
    assert "\nMedical and Health Services Managers\n  SOC:\n    11-9111\n" in out and not re.search(r"^\d\d-\d{4}$", out, re.M)
    out = hm("associations", env={"COLUMNS": "40"}).out
    assert "\nAmerican Public Health Association *\n  abbr:\n    APHA\n" in out and not re.search(r"^APHA$", out, re.M)


@pytest.mark.parametrize("names", [["boston", "hartford", "providence"], ["pharma", "hospitals", "NY"],
                                   ["bend, or", "urban honolulu"]])
def test_the_side_by_side_comparison_fits_and_keeps_every_token_whole(catalog, names):
    import io

    from hmcareer import compare
    from hmcareer.render import emit
    from hmcareer.render.terminal import Terminal

    report = compare.compare_pay(catalog, [compare.readings(catalog, name)[0].estimate for name in names])
    out = io.StringIO()
    emit(Terminal(out, io.StringIO(), color=False, width=100), catalog, report, "json")
    doc = json.loads(out.getvalue())
    rows = [doc["national"], *doc["rows"]]
    must_show = _wage_tokens(rows, "annual", ("mean", "median", "p10", "p90")) | _words(
        *(e["area_name"] for e in rows if e["area_type"] != "N"), *(e["industry_name"] for e in rows if e["area_type"] == "N"
                                                                    and e["industry_code"] != "000000"))
    found = {}
    for width in WIDTHS:
        out = io.StringIO()
        emit(Terminal(out, io.StringIO(), color=False, width=width, unicode=True), catalog, report, "table", commands=False)
        found[width] = problems(out.getvalue(), width, must_show, starts_of(everything(doc)))
    assert {width: issues for width, issues in found.items() if issues} == {}
