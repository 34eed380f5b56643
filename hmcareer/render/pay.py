"""Pay views: the salary explorer (national figures, comparisons, listings), where it pays most, and the
national median by year. Figures are never wrapped or cut: their columns are no_wrap (see `layout`)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text

from ..industries import depth
from ..models import Release, WageEstimate, kind_label
from ..prices import CostOfLiving, adjusted, level_of
from ..query import LQ_BANDS, POSTAL_BY_FIPS, concentration, wage_field
from ..salary import ADJUSTED, HIERARCHY, MIXED_NOTE, SalaryReport, WhereReport
from . import layout
from .human import NOT_APPLICABLE, NOT_PUBLISHED, Human, count, money, reliability, wage_text


def row_label(e: WageEstimate, national: WageEstimate | None) -> tuple[str, str]:
    if e is national:
        return e.industry_code, "United States, all industries"
    if e.area_type == "N":
        return e.industry_code, e.industry_name
    if e.area_type == "S":
        return POSTAL_BY_FIPS.get(e.state_code, e.state_code), e.area_name
    return e.area_code, e.area_name


THIRD_PARTY = kind_label("3P")  # how a third-party point of the history is marked
BAR_LABELS = {"employment": "bar: jobs", "lq": "bar: LQ", "mean": "bar: mean", "median": "bar: median", "p90": "bar: p90",
              ADJUSTED: "bar: mean adj."}


SORT_WORDS = {"employment": "employment", "mean": "mean pay", "median": "median pay", "p90": "90th percentile pay",
              "lq": "location quotient", ADJUSTED: "mean pay after prices"}
PRICE_COLUMNS = ("RPP", "mean adj.", "median adj.")
DROPPABLE = ("code", "per 1k", "LQ")  # give way on a narrow terminal, in this order, and the view says so


def _figure(h: Human, text: str) -> str:
    """A figure cell. 'not published' goes on two lines in a table, so that one unpublished cell does not widen its
    figure column (and squeeze every name) by the five cells it is longer than a figure."""
    return text if h.writes_markdown or text != NOT_PUBLISHED else text.replace(" ", "\n")


def pay_table(h: Human, title: str, national: WageEstimate | None, rows: Iterable[WageEstimate], hourly: bool = False,
              percentiles: bool = False, bar: str = "mean", release: Release | None = None, totals: tuple[str, ...] | None = None,
              col: CostOfLiving | None = None, bars: bool = True, indent: bool = True, codes: bool = True,
              depths: dict[str, int] | None = None) -> bool:
    """One row per estimate (national first when given); a bar for `bar`; areas also get jobs per 1,000 and their LQ.

    Figures are never wrapped or cut: their columns get the width of their longest value and only the name column
    shrinks. On a narrow terminal the bar gives way first; then the figures after prices (`col`: states also after
    prices) move to a table of their own; then the code, jobs per 1,000 and the LQ give way, in that order, and a line
    says which. `totals`: an industry listing, its totals marked, and (`indent`: in BLS's order) its names indented by
    industry level (or by `depths`, for some rows). `percentiles`: the p10-p90 spread follows in a table of its own,
    so that the mean and LQ stay. Returns whether the LQ column is shown (and with it jobs per 1,000: it gives way
    first), for the legend.
    """
    shown = [national] if national is not None else []
    shown += [e for e in rows if e != national]  # the national row named again (--industry 000000) is shown once
    rows = shown[1:] if national is not None else shown
    areas = any(e.area_type != "N" for e in rows)
    stats = ["mean", "median"] + ([bar] if bar in ("p10", "p25", "p75", "p90") else [])
    # The nation's job count and LQ are not comparable with a row's, so it never sets the bar scale for them.
    scaled = rows if bar in ("employment", "lq", ADJUSTED) else shown
    top = max([v for e in scaled if (v := _bar_value(e, bar, hourly, col))] or [0])
    names = [row_label(e, national)[1] for e in shown]
    table_rows, notes = [], []
    for e, name in zip(shown, names, strict=True):
        code = row_label(e, national)[0]
        label = name
        if totals is not None and e is not national:
            if indent:  # Markdown drops the spaces that lead a cell: a mark a level shows the depth there.
                level = depths[e.industry_code] if depths else depth(e)
                label = ("· " if h.writes_markdown else "  ") * level + label
            label += " (total)" if e.industry_code in totals else ""
        flag = reliability(e)
        if flag:  # two rows can share a name (425000 and 425100): the code tells them apart
            notes.append(f"{name}{f' ({code})' if names.count(name) > 1 else ''}: {flag}")
        cells = {"code": code, "name": label + (" !" if flag else ""), "jobs": _figure(h, count(e.employment, e, "employment"))}
        for stat in stats:
            cells[stat] = _figure(h, wage_text(e, stat, hourly, release))
        lq = e.location_quotient
        cells["LQ"] = f"{lq:.2f}" if lq is not None else _figure(h, count(None, e, "location_quotient"))
        per = e.employment_per_1000_jobs
        cells["per 1k"] = f"{per:.2f}" if per is not None else _figure(h, count(None, e, "employment_per_1000_jobs"))
        if col is not None:
            rpp = level_of(e, col)
            cells["RPP"] = f"{rpp:.1f}" if rpp is not None else NOT_APPLICABLE
            for stat in ("mean", "median"):
                cells[f"{stat} adj."] = money(adjusted(e, stat, hourly, col), hourly) if rpp is not None else NOT_APPLICABLE
        skip = e is national and bar in ("employment", "lq", ADJUSTED)
        table_rows.append((e, cells, Text("") if skip else h.bar(_bar_value(e, bar, hourly, col), top, 12)))
    prices = list(PRICE_COLUMNS) if col is not None else []
    columns = ["code"] * codes + ["name", "jobs", *stats] + (["per 1k", "LQ"] if areas else []) + prices + (["bar"] if bars else [])

    def build(columns: list[str], title: str | None = title) -> Table:
        t = h.table(title)
        for col_name in columns:
            if col_name == "name":
                t.add_column("area" if areas else "industry", min_width=12)
            elif col_name == "bar":
                t.add_column(BAR_LABELS[bar], no_wrap=True)  # whole or not at all: a cropped bar misstates its figure
            else:  # a figure or a code: whole, as wide as its longest value (see layout)
                t.add_column(col_name, justify="left" if col_name == "code" else "right", no_wrap=True,
                             style="cyan" if col_name == "code" else None)
        for e, cells, bar_text in table_rows:
            t.add_row(*(bar_text if c == "bar" else Text(cells[c]) for c in columns), style="bold" if e is national else None)
        return t

    t, after_prices, dropped = build(columns), None, []

    def unbar() -> None:  # a bar is worth less than names on one or two lines
        nonlocal t, columns
        if "bar" in columns and h.fits(t) and not _roomy(h, t, columns.index("name")):
            t = build(columns := [c for c in columns if c != "bar"])

    def split() -> None:  # the figures after prices: a table of their own, with their bar when ranked by them
        nonlocal t, columns, after_prices
        if h.fits(t) or not prices:
            return
        columns = [c for c in columns if c not in prices and not (c == "bar" and bar == ADJUSTED)]
        after_prices = build(["name", *prices] + (["bar"] if bars and bar == ADJUSTED else []), "After state prices")
        if not h.fits(after_prices):
            after_prices = build(["name", *prices], "After state prices")
        t = build(columns)

    def narrow() -> None:  # the bar, then the code, jobs per 1,000 and the LQ; where none of it helps, blocks of all
        nonlocal t, columns, dropped
        narrower = list(columns)
        for extra in ("bar", *DROPPABLE):
            if extra in narrower and not h.fits(t):
                narrower.remove(extra)
                if h.fits(candidate := build(narrower)):
                    dropped = [c for c in DROPPABLE if c in columns and c not in narrower]
                    t, columns = candidate, narrower
                    return

    # Ranked by pay after prices, those figures stay beside the rest; otherwise they are the first to move.
    unbar()
    for step in (narrow, split) if bar == ADJUSTED else (split, narrow):
        step()
    unbar()
    if after_prices is not None and not h.fits(t) and not h.fits(after_prices):  # blocks: one a row, prices in it
        t = build(columns := [c for c in columns if c != "bar"] + prices + [c for c in columns if c == "bar"])
        after_prices = None
    h.print_table(t)
    if dropped:
        h.line(Text(f"Not shown at this width: {', '.join(dropped)} (-f csv shows every column).",
                    style="dim"))
    for note in notes:
        h.line(Text(f"! less reliable estimate, {note}", style="yellow"))
    if after_prices is not None:
        h.line()
        h.print_table(after_prices)
    if percentiles:
        h.line()
        spread_table(h, [(e, row_label(e, national)[1]) for e in shown], hourly, release, national, "area" if areas else "industry")
    return any(column.header == "LQ" for column in t.columns)


def _roomy(h: Human, t: Table, name: int, least: int = 24) -> bool:
    """Whether the table fits and leaves its name column `least` cells (or all its longest name needs)."""
    widths = layout.column_widths(t, h.console.width)
    return widths is not None and widths[name] >= min(least, layout.measure(t)[name][0])


def spread_table(h: Human, rows: list[tuple[WageEstimate, str]], hourly: bool, release: Release | None,
                 national: WageEstimate | None, header: str) -> None:
    """The same rows' percentiles: p10, p25, median, p75, p90."""
    stats = ("p10", "p25", "median", "p75", "p90")
    t = h.table("Spread: a tenth earn less than p10, the middle half between p25 and p75, a tenth more than p90")
    t.add_column(header, min_width=12)
    for stat in stats:
        t.add_column(stat, justify="right", no_wrap=True)
    for e, label in rows:
        t.add_row(Text(label), *(Text(wage_text(e, stat, hourly, release)) for stat in stats),
                  style="bold" if e is national else None)
    h.print_table(t)


def _bar_value(e: WageEstimate, key: str, hourly: bool, col: CostOfLiving | None = None):
    if key == ADJUSTED:
        return adjusted(e, "mean", hourly, col)
    if key == "employment":
        return e.employment
    if key == "lq":
        return e.location_quotient
    return e.wage(key, hourly)


LQ_ONLY_NOTE = f"LQ (location quotient) compares this occupation's share of local jobs with its national share: {LQ_BANDS}."
LQ_NOTE = f"{LQ_ONLY_NOTE} per 1k = these jobs per 1,000 jobs of all kinds there."  # for tables with a per 1k column


def occupation_heading(release: Release) -> str:
    """The occupation a pay view is about, as its heading names it: BLS's title and SOC code."""
    return f"{release.occupation} ({release.soc})"


BOX_LEGEND = "Box line: {whisker} p10 to p90, {box} p25 to p75 (the middle half), {mid} median."
SELF_EMPLOYED = "OEWS counts wage and salary jobs only (no self-employed)."
TOTALS_NOTE = "(total) = the rows {indented} under it are part of it: do not add them to it."
TREE_NOTE = ("Names are {indented} by BLS industry level (sector, three-digit, four-digit, detail). (total) = the rows "
             "indented under it are part of it; rows at one indent can overlap (ownership splits beside sub-industries), "
             "so do not add them up. Ownership totals come last.")
RANKED_TREE_NOTE = ("(total) = the row includes other rows of BLS's industry hierarchy (--industry all without --sort shows "
                    "them under it), so do not add rows up.")


def show_salary(h: Human, s: SalaryReport) -> None:
    unit = "hourly" if s.hourly else "annual"
    h.cite([s.release.source], s.release.name)
    n = s.national
    h.heading(f"{occupation_heading(s.release)}: {unit} pay, OEWS {s.release.name}")
    h.line(Text(f"National: {count(n.employment)} jobs; mean {wage_text(n, 'mean', s.hourly, s.release)}, "
                f"median {wage_text(n, 'median', s.hourly, s.release)}"))
    if s.overview is not None:  # one screen: the spread in words, without the plot and its legend
        h.line(Text(f"A tenth earn less than {wage_text(n, 'p10', s.hourly, s.release)}, a tenth more than "
                    f"{wage_text(n, 'p90', s.hourly, s.release)}."))
    else:
        h.line(box_line(h, n, s.hourly, s.release))
        if not h.writes_markdown:  # markdown gives the box line's figures without its plot
            h.line(Text(box_legend(h), style="dim"))
    h.line()
    lq_shown = False
    if s.overview is not None:
        show_overview(h, s)
    elif s.selected:
        lq_shown = _selected(h, s)
    if s.listing_kind and s.overview is None:
        lq_shown = _listing(h, s) or lq_shown
    if lq_shown:
        h.line(Text(LQ_NOTE, style="dim"))
    if s.cost_of_living is not None:
        h.cite([s.cost_of_living.source], str(s.cost_of_living.year))
        h.line(Text(cost_note(s.cost_of_living), style="dim"))
    h.claims(s.checked_claims)
    shown = (n, *s.selected, *(s.listing if s.overview is None else (*s.overview.largest, *s.overview.best_paying)))
    top_coded = any(e.top_coded for e in shown)
    legend = [SELF_EMPLOYED]  # each mark explained where it is used
    if any(e.not_published for e in shown):
        legend.append("'not published' = BLS did not release the estimate.")
    if any(reliability(e) for e in shown):
        legend.append("'!' = relative standard error above 25% (jobs) or 10% (wages).")
    if top_coded:
        legend.append(f"'>=' = BLS's footnote: the wage is equal to or greater than {_top_code(s.release, s.hourly)}, and "
                      "BLS gives no exact figure for it (cells without the footnote can be higher).")
    h.line(Text(" ".join(legend), style="dim"))


def box_legend(h: Human) -> str:
    whisker, box, mid = BOX_CHARS[h.ascii_only]
    return BOX_LEGEND.format(whisker=whisker * 2, box=box * 2, mid=mid)


def cost_note(col: CostOfLiving) -> str:
    return (f"adj. = pay divided by the state's price level (RPP: BEA regional price parity, all items, U.S. = 100, "
            f"{col.year}; older than the May 2025 wages; a copy of BEA's file): what it buys at U.S. average prices. "
            "BLS's own figures are unchanged beside it. n/a = BEA publishes no price parity for the territories, so their "
            "pay after prices is not known; no metro price levels are bundled.")


def _selected(h: Human, s: SalaryReport) -> bool:
    """The rows the user named, beside the national figures: industries and places in tables of their own."""
    n = s.national
    # BLS's hierarchy orders a listing, not a comparison: the comparison's bar is the mean then.
    bar = s.sort if s.sort not in (None, HIERARCHY) else "mean"
    parts = ([f"{len(s.selected)} of {s.selected_of}"] if len(s.selected) < s.selected_of else []) + (
        [f"by {SORT_WORDS[s.sort]}"] if s.sort not in (None, HIERARCHY) else [])
    cut = f" ({', '.join(parts)})" if parts else ""
    industries = [e for e in s.selected if e.area_type == "N"]
    places = [e for e in s.selected if e.area_type != "N"]
    if industries and places:
        h.line(Text(MIXED_NOTE + ".", style="bold"))
        pay_table(h, f"Industries, national{cut}", n, industries, s.hourly, s.percentiles, bar, s.release)
        h.line()
        lq_shown = pay_table(h, f"Places, all industries{cut}", n, places, s.hourly, s.percentiles, bar,
                             s.release, col=s.cost_of_living)
    else:
        title = "Compared with the national figures" if len(s.selected) > 1 else "Beside the national figures"
        lq_shown = pay_table(h, title + cut, n, s.selected, s.hourly, s.percentiles, bar, s.release, col=s.cost_of_living)
    if len(s.selected) == 1 and s.selected[0] != n:
        label = row_label(s.selected[0], n)[1]
        h.line(Text(f"{label}: ", style="bold") + box_line(h, s.selected[0], s.hourly, s.release))
    h.line()
    return lq_shown


def _listing(h: Human, s: SalaryReport) -> bool:
    hint = {"industries": "--industry X for one", "states": "--state NY for one", "metros": "--metro NAME for one"}
    order = s.sort or "employment"
    tree = s.listing_kind == "industries"
    counted = (f"all {s.listing_of}" if len(s.listing) == s.listing_of else f"{len(s.listing)} of {s.listing_of}")
    if tree:
        counted += " national industry rows"
    shown = counted + (f"; {hint[s.listing_kind]}, --top N, --sort" if h.commands else "")
    by = "in BLS's hierarchy" if order == HIERARCHY else f"by {SORT_WORDS[order]}"
    # In BLS's order the names need the room a bar would take; a ranking keeps its bar, and its names lose the
    # hierarchy's indent (the rows are no longer under their totals).
    lq_shown = pay_table(h, f"{s.listing_kind.capitalize()} {by} ({shown})", s.national, s.listing, s.hourly,
                         s.percentiles, "employment" if order == HIERARCHY else order, s.release, s.totals if tree else None,
                         s.cost_of_living, bars=order != HIERARCHY, indent=order == HIERARCHY)
    if tree:
        h.line(Text((TREE_NOTE if order == HIERARCHY else RANKED_TREE_NOTE).format(
            indented="marked with one dot a level" if h.writes_markdown else "indented"), style="dim"))
    if order not in (HIERARCHY, ADJUSTED) and any(wage_field(order, s.hourly) in e.top_coded for e in s.listing):
        h.line(Text(f"Rows at or above BLS's top code ({_top_code(s.release, s.hourly)}) come after the rows with a "
                    f"published {SORT_WORDS[order]}: their figure is not known.", style="dim"))
    return lq_shown


def show_overview(h: Human, s: SalaryReport) -> None:
    """Plain `salary`: the largest and the best-paying industry groups, and how to see more, on one screen."""
    o = s.overview
    assert o is not None
    pay_table(h, "The largest industry groups (by jobs)", None, o.largest, s.hourly, bar="employment", release=s.release, bars=False,
              codes=False)
    h.line()
    pay_table(h, f"The best-paying groups with {o.min_jobs:,}+ jobs (by mean pay)", None, o.best_paying,
              s.hourly, bar="mean", release=s.release, bars=False, codes=False)
    h.line()
    if h.commands:
        h.hanging("", Text("More: ", style="bold") + Text(
            f"--industry all (all {s.listing_of} industry rows), --industry NAME, --state all, --where states, "
            "--cost-of-living, --history; hmcareer salary -h for all."))


def _top_code(release: Release, hourly: bool) -> str:
    return money(release.top_hourly if hourly else release.top_annual, hourly)


BOX_CHARS = {True: ("-", "=", "|"), False: ("─", "█", "┃")}  # whisker, box, median: ASCII-only or not


def box_line(h: Human, e: WageEstimate, hourly: bool, release: Release | None = None) -> Text:
    """A text box plot: whiskers p10-p90, box p25-p75, a mark at the median, then the figures.

    The plot narrows on a narrow terminal so "p10 $X <plot> p90 $Y" still fits one line. A percentile at or above BLS's
    top code has no figure to plot: the figures are listed without a plot.
    """
    width = max(10, min(30, h.console.width - 28))
    stats = ("p10", "p25", "median", "p75", "p90")
    vals = [e.wage(s, hourly) for s in stats]
    if any(f"{'hourly' if hourly else 'annual'}_{s}" in e.top_coded for s in stats):
        return Text(", ".join(f"{s} {wage_text(e, s, hourly, release)}" for s in stats) + " (no plot: BLS gives no exact "
                    "figure for a top-coded wage)")
    if any(v is None for v in vals):
        return Text("percentiles not published", style="dim")
    low, high = vals[0], vals[4]
    span = (high - low) or 1
    pos = [round((v - low) / span * (width - 1)) for v in vals]
    whisker, box_char, mid = BOX_CHARS[h.ascii_only]
    chars = [whisker] * width
    for i in range(pos[1], pos[3] + 1):
        chars[i] = box_char
    chars[pos[2]] = mid
    text = Text(f"p10 {money(low, hourly)} ")
    text.append("".join(chars), style="cyan")
    text.append(f" p90 {money(high, hourly)}  (p25 {money(vals[1], hourly)}, median {money(vals[2], hourly)}, "
                f"p75 {money(vals[3], hourly)})")
    return text


def show_where(h: Human, w: WhereReport) -> None:
    h.cite([w.release.source], w.release.name)
    h.heading(f"Where {w.release.occupation} ({w.release.soc}) are paid most and work most ({w.level}, OEWS {w.release.name})")
    least = f"{w.level} with at least {w.min_jobs:,} jobs" + (", --min-jobs N to change" if h.commands else "")
    ranked, every = f"{len(w.pays_most)} of {w.ranked_of}", f"{len(w.most_jobs)} of {w.areas_of}"  # what --top cut
    views = [(f"Where it pays most: {ranked} (mean pay; {least})", w.pays_most, "mean"),
             (f"Where the jobs are: {every} (employment)", w.most_jobs, "employment"),
             (f"Where the jobs are most concentrated: {ranked} (location quotient; {least})", w.most_concentrated, "lq")]
    if w.cost_of_living is not None:
        views.append((f"Where pay goes furthest: {ranked} (mean pay after state prices; {least})", w.goes_furthest,
                      ADJUSTED))
    for title, rows, sort in views:
        if not rows:
            h.line(Text(f"{title}: none", style="bold"))
            h.line()
            continue
        pay_table(h, title, None, rows, w.hourly, bar=sort, release=w.release,
                  col=w.cost_of_living if sort == ADJUSTED else None)
        if sort == "lq":
            words = [f"{row_label(e, None)[1]}: {concentration(e.location_quotient)}" for e in rows[:3]]
            h.line(Text("In plain words: " + "; ".join(words) + ".", style="dim"))
        h.line()
    h.line(Text(LQ_NOTE, style="dim"))
    if w.cost_of_living is not None:
        h.cite([w.cost_of_living.source], str(w.cost_of_living.year))
        h.line(Text(cost_note(w.cost_of_living), style="dim"))
    h.line(Text(f"{SELF_EMPLOYED} '!' = relative standard error above 25% (jobs) or 10% (wages).", style="dim"))
