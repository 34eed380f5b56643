"""Pay side by side: a few industries and places as columns, the figures as rows, the nation first.

Where the columns do not fit the terminal, they are headed US, 1, 2, 3 (the places named under the table); where that
does not fit either, each place becomes a row, and where even that does not fit, a
block per place headed by its name (Human.print_table). The JSON body and csv rows live here too; they need no Rich.
"""

from __future__ import annotations

from typing import Any

from ..compare import PayComparison
from ..models import WageEstimate

STATS = ("mean", "median", "p10", "p25", "p75", "p90")


def place_name(e: WageEstimate, national: WageEstimate) -> str:
    """What a column is headed with: the area's or the industry's name; the nation's, plainly."""
    if e is national:
        return "United States"
    return e.industry_name if e.area_type == "N" else e.area_name


def short_name(name: str) -> str:
    """A metro area by its first city and its states ("Boston-Cambridge-Newton, MA-NH" -> "Boston, MA-NH"), so that
    columns stay narrow without breaking a name; anything else as it is."""
    place, comma, states = name.partition(", ")
    return f"{place.split('-')[0]}, {states}" if comma and "-" in place else name


def show_comparison(h: Any, r: PayComparison) -> None:
    from rich.text import Text

    from .human import count, reliability, wage_text
    from .pay import LQ_ONLY_NOTE, occupation_heading

    unit = "hourly" if r.hourly else "annual"
    h.cite([r.release.source], r.release.name)
    h.heading(f"{occupation_heading(r.release)}: {unit} pay side by side, OEWS {r.release.name}")
    shown = [r.national, *r.rows]
    areas = any(e.area_type != "N" for e in r.rows)
    figures = [("jobs", lambda e: count(e.employment, e, "employment")),
               *((stat, lambda e, stat=stat: wage_text(e, stat, r.hourly, r.release)) for stat in STATS)]
    if areas:
        figures.append(("LQ", lambda e: f"{e.location_quotient:.2f}" if e.location_quotient is not None
                        else count(None, e, "location_quotient")))
    names = [place_name(e, r.national) + (" !" if reliability(e) else "") for e in shown]

    # Columns headed by short names, wrapped at spaces only; the full names follow the table.
    headers = [short_name(name) for name in names]
    side_by_side = h.table()
    side_by_side.add_column("", no_wrap=True, style="cyan")
    for header in headers:
        side_by_side.add_column(header, justify="right", min_width=8)
    for label, value in figures:
        side_by_side.add_row(Text(label), *(Text(value(e)) for e in shown))
    compact = None
    if not h.fits(side_by_side):
        side_by_side = None
        # Narrow: columns headed US, 1, 2, 3, the median's row med, the places named under the table.
        keys = ["US" if e is r.national else str(i) for i, e in enumerate(shown)]
        from rich.table import Table

        compact = Table(box=None, padding=(0, 0, 0, 1), show_edge=False, pad_edge=False)  # one space between columns
        compact.add_column("", no_wrap=True, style="cyan")
        for key in keys:
            compact.add_column(key, justify="right", no_wrap=True)
        for label, value in figures:
            compact.add_row(Text("med" if label == "median" else label), *(Text(value(e)) for e in shown))
        if not h.fits(compact):
            compact = None
    if side_by_side is not None:
        h.print_table(side_by_side)
        shortened = [f"{header} = {name}" for header, name in zip(headers, names, strict=True) if header != name]
        if shortened:
            h.line(Text("; ".join(shortened) + ".", style="dim"))
    elif compact is not None:
        h.print_table(compact)
        h.line(Text("US = United States; med = median.", style="dim"))
        for key, name in zip(keys, names, strict=True):
            if key != "US":
                h.hanging(Text(f"{key} = ", style="cyan"), Text(name))
    else:  # one row per place, or (Human.print_table) a block per place headed by its name
        by_place = h.table()
        by_place.add_column("area" if areas else "industry", min_width=12)
        for label, _ in figures:
            by_place.add_column(label, justify="right", no_wrap=True)
        for e, name in zip(shown, names, strict=True):
            by_place.add_row(Text(name), *(Text(value(e)) for _, value in figures), style="bold" if e is r.national else None)
        h.print_table(by_place)
    for e, name in zip(shown, names, strict=True):
        if reliability(e):
            h.line(Text(f"! less reliable estimate, {name.removesuffix(' !')}: {reliability(e)}", style="yellow"))
    if areas:
        h.line(Text(LQ_ONLY_NOTE, style="dim"))  # no per 1k row here
    top_coded = any(e.top_coded for e in shown)
    h.line(Text("OEWS counts wage and salary jobs only (no self-employed). 'not published' = BLS did not release the "
                "estimate" + ("; '>=' = at or above BLS's top code, which gives no exact figure" if top_coded else "")
                + ".", style="dim"))


def comparison_body(r: PayComparison) -> dict[str, Any]:
    from .machine import top_code, wage_record

    return {"release": r.release.name, "source": r.release.source, "reference_period": r.release.name,
            "soc": r.release.soc, "occupation": r.release.occupation, "top_code": top_code(r.release),
            "unit": "hourly" if r.hourly else "annual", "national": wage_record(r.national),
            "rows": [wage_record(e) for e in r.rows]}


def comparison_rows(r: PayComparison) -> tuple[list[str], list[dict[str, Any]]]:
    from .machine import WAGE_ROWS, wage_row

    return WAGE_ROWS, [wage_row(e, r.release) for e in (r.national, *r.rows)]
