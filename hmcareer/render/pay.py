"""Pay views: the salary explorer (national figures, comparisons, listings), where it pays most, and the
national median by year. Figures are never wrapped or cut: their columns are no_wrap (see `layout`)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text

from ..models import Release, WageEstimate, kind_label
from ..query import LQ_BANDS, POSTAL_BY_FIPS, HistoryReport, SalaryReport, WhereReport, concentration, wage_field
from .human import Human, count, money, wage_text


def reliability(est: WageEstimate) -> str:
    """Flag estimates BLS itself marks as imprecise (relative standard error)."""
    flags = []
    if est.employment_rse_pct is not None and est.employment_rse_pct > 25:
        flags.append(f"employment RSE {est.employment_rse_pct}%")
    if est.wage_rse_pct is not None and est.wage_rse_pct > 10:
        flags.append(f"wage RSE {est.wage_rse_pct}%")
    return ", ".join(flags)


def row_label(e: WageEstimate, national: WageEstimate | None) -> tuple[str, str]:
    if e is national:
        return e.industry_code, "United States, all industries"
    if e.area_type == "N":
        return e.industry_code, e.industry_name
    if e.area_type == "S":
        return POSTAL_BY_FIPS.get(e.state_code, e.state_code), e.area_name
    return e.area_code, e.area_name


THIRD_PARTY = kind_label("3P")  # how a third-party point of the history is marked
BAR_LABELS = {"employment": "bar: jobs", "lq": "bar: LQ", "mean": "bar: mean", "median": "bar: median", "p90": "bar: p90"}


def pay_table(h: Human, title: str, national: WageEstimate | None, rows: Iterable[WageEstimate], hourly: bool = False,
              percentiles: bool = False, bar: str = "mean", release: Release | None = None) -> None:
    """One row per estimate (national first when given); a bar for `bar`; areas also get their LQ.

    Figures are never wrapped or cut: their columns get the width of their longest value and
    only the name column shrinks. With --percentiles, or on a narrow terminal, the code, LQ
    and bar columns give way.
    """
    rows = list(rows)
    shown = [national, *rows] if national is not None else rows
    areas = any(e.area_type != "N" for e in rows)
    stats = ["p10", "p25", "median", "p75", "p90"] if percentiles else ["mean", "median"]
    # The nation's job count and LQ are not comparable with a row's, so it never sets the bar scale for them.
    scaled = rows if bar in ("employment", "lq") else shown
    top = max([v for e in scaled if (v := _bar_value(e, bar, hourly))] or [0])
    table_rows, notes = [], []
    for e in shown:
        code, label = row_label(e, national)
        flag = reliability(e)
        if flag:
            notes.append(f"{label}: {flag}")
        cells = {"code": code, "name": label + (" !" if flag else ""), "jobs": count(e.employment, e, "employment")}
        for stat in stats:
            cells[stat] = wage_text(e, stat, hourly, release)
        lq = e.location_quotient
        cells["LQ"] = f"{lq:.2f}" if lq is not None else count(None, e, "location_quotient")
        skip = e is national and bar in ("employment", "lq")
        table_rows.append((e, cells, Text("") if skip else h.bar(_bar_value(e, bar, hourly), top, 12)))
    columns = ([] if percentiles else ["code"]) + ["name", "jobs", *stats] + (["LQ"] if areas and not percentiles else [])
    columns += [] if percentiles else ["bar"]

    def build(columns: list[str]) -> Table:
        t = h.table(title)
        for col in columns:
            if col == "name":
                t.add_column("area" if areas else "industry", min_width=12)
            elif col == "bar":
                t.add_column(BAR_LABELS[bar], no_wrap=True)  # whole or not at all: a cropped bar misstates its figure
            else:  # a figure or a code: whole, as wide as its longest value (see layout)
                t.add_column(col, justify="left" if col == "code" else "right", no_wrap=True, style="cyan" if col == "code" else None)
        for e, cells, bar_text in table_rows:
            t.add_row(*(bar_text if c == "bar" else Text(cells[c]) for c in columns), style="bold" if e is national else None)
        return t

    t = build(columns)
    # On a narrow terminal the bar, then the code, then the LQ give way; if that is not enough,
    # print_table shows every column as blocks, one per row.
    narrower = list(columns)
    for extra in ("bar", "code", "LQ"):
        if extra in narrower and not h.fits(t):
            narrower.remove(extra)
            candidate = build(narrower)
            if h.fits(candidate):
                t = candidate
    h.print_table(t)
    for note in notes:
        h.line(Text(f"! less reliable estimate, {note}", style="yellow"))


def _bar_value(e: WageEstimate, key: str, hourly: bool):
    if key == "employment":
        return e.employment
    if key == "lq":
        return e.location_quotient
    return e.wage(key, hourly)


LQ_NOTE = f"LQ (location quotient) compares this occupation's share of local jobs with its national share: {LQ_BANDS}."


def occupation_heading(release: Release) -> str:
    """The occupation a pay view is about, as its heading names it: BLS's title and SOC code."""
    return f"{release.occupation} ({release.soc})"


def show_salary(h: Human, s: SalaryReport) -> None:
    unit = "hourly" if s.hourly else "annual"
    h.cite([s.release.source], s.release.name)
    n = s.national
    h.heading(f"{occupation_heading(s.release)}: {unit} pay, OEWS {s.release.name}")
    h.line(Text(f"National: {count(n.employment)} jobs; mean {wage_text(n, 'mean', s.hourly, s.release)}, "
                f"median {wage_text(n, 'median', s.hourly, s.release)}"))
    h.line(box_line(h, n, s.hourly, s.release))
    h.line()
    if s.selected:
        title = "Compared with the national figures" if len(s.selected) > 1 else "Beside the national figures"
        pay_table(h, title, n, s.selected, s.hourly, s.percentiles, s.sort or "mean", s.release)
        if len(s.selected) == 1:
            label = row_label(s.selected[0], n)[1]
            h.line(Text(f"{label}: ", style="bold") + box_line(h, s.selected[0], s.hourly, s.release))
        h.line()
    if s.listing_kind:
        hint = {"industries": "--industry X for one", "states": "--state NY for one", "metros": "--metro NAME for one"}
        order = s.sort or "employment"
        shown = f"{len(s.listing)} shown" + (f"; {hint[s.listing_kind]}, --top N, --sort" if h.commands else "")
        pay_table(h, f"{s.listing_kind.capitalize()} by {order} ({shown})", n, s.listing, s.hourly, s.percentiles, order,
                  s.release)
        if any(wage_field(order, s.hourly) in e.top_coded for e in s.listing):
            h.line(Text(f"Rows at or above BLS's top code ({_top_code(s.release, s.hourly)}) come after the rows with a "
                        f"published {order}: their figure is not known.", style="dim"))
    if any(e.area_type != "N" for e in (*s.selected, *s.listing)):
        h.line(Text(LQ_NOTE, style="dim"))
    h.claims(s.checked_claims)
    top_coded = any(e.top_coded for e in (n, *s.selected, *s.listing))
    h.line(Text("OEWS counts wage and salary jobs only (no self-employed). 'not published' = BLS did not "
                "release the estimate; '!' = relative standard error above 25% (jobs) or 10% (wages)."
                + (f" '>=' = BLS's footnote: the wage is equal to or greater than {_top_code(s.release, s.hourly)}, and BLS "
                   "gives no exact figure for it (cells without the footnote can be higher)."
                   if top_coded else ""), style="dim"))


def _top_code(release: Release, hourly: bool) -> str:
    return money(release.top_hourly if hourly else release.top_annual, hourly)



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
    whisker, box_char, mid = ("-", "=", "|") if h.ascii_only else ("─", "█", "┃")
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
    for title, rows, sort in (("Where it pays most (mean pay)", w.pays_most, "mean"),
                              ("Where the jobs are (employment)", w.most_jobs, "employment"),
                              ("Where the jobs are most concentrated (location quotient)", w.most_concentrated, "lq")):
        pay_table(h, title, None, rows, w.hourly, bar=sort, release=w.release)
        if sort == "lq":
            words = [f"{row_label(e, None)[1]}: {concentration(e.location_quotient)}" for e in rows[:3]]
            h.line(Text("In plain words: " + "; ".join(words) + ".", style="dim"))
        h.line()
    h.line(Text(LQ_NOTE, style="dim"))


def show_history(h: Human, r: HistoryReport) -> None:
    h.heading("National median pay of medical and health services managers, by reference year")
    top = max(p.median_annual or 0 for p in r.points)
    rows = []
    for p, change_pct in zip(r.points, r.changes, strict=True):
        h.cite(p.sources, p.reference)
        source = Text(p.sources[0] + (" +" if len(p.sources) > 1 else ""), style="dim")
        if p.third_party:
            source = Text(f"{THIRD_PARTY} ", style="yellow") + source
        change = f"{change_pct:+.1f}%" if change_pct is not None else ""
        rows.append((p, [Text(p.reference), Text(money(p.median_annual, False)), Text(money(p.median_hourly, True)),
                         Text(change), h.bar(p.median_annual, top, 10), source]))

    def build(bars: bool) -> Table:
        t = h.table()
        t.add_column("period", no_wrap=True, min_width=8)
        t.add_column("median/yr", justify="right", no_wrap=True, min_width=9)
        t.add_column("/hr", justify="right", no_wrap=True, min_width=6)
        t.add_column("change", justify="right", no_wrap=True, min_width=6)
        if bars:
            t.add_column("", no_wrap=True)
        t.add_column("source", no_wrap=True)
        for p, cells in rows:
            t.add_row(*(cells if bars else cells[:4] + cells[5:]), style="dim" if p.third_party else None)
        return t

    # The bars give way on a narrower terminal (a cropped bar would misstate its figure).
    t = build(bars=True)
    if not h.fits(t) and h.fits(without := build(bars=False)):
        t = without
    h.print_table(t)
    if r.growth_pct is not None:
        h.line(Text(f"Growth of the BLS median from {r.first.reference} (${r.first.median_annual:,}) to "
                    f"{r.last.reference} (${r.last.median_annual:,}): {r.growth_pct:+.1f}% in nominal dollars "
                    "(not adjusted for inflation).", style="bold"))
    for p in r.points:
        spread = ", ".join(f"{q} ${v:,}" for q, v in (("p10", p.annual_p10), ("p25", p.annual_p25), ("p75", p.annual_p75),
                                                     ("p90", p.annual_p90)) if v is not None)
        for text in filter(None, (spread and f"spread: {spread}", p.note)):
            h.hanging(f"{p.reference}{f' ({THIRD_PARTY})' if p.third_party else ''}: ", Text(text) + Text(f" [{', '.join(p.sources)}]",
                                                                                        style="dim"))
    h.line(Text("change = versus the previous BLS point. BLS points come from OOH editions, the OES May 2019 "
                "profile and OEWS May 2025; third party = a page quoting BLS, unconfirmed, shown for context only "
                "and not used for growth. n/a = no hourly figure in that source.", style="dim"))

