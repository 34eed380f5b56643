"""The national median over time for people: one table, nominal first, the same medians in today's dollars (CPI-U)
beside them, then the spread each source gives (the May 2025 percentiles included) and the notes."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from ..salary import HistoryReport
from .human import Human, money
from .machine import NOT_GIVEN
from .pay import THIRD_PARTY


def _pct(value: float | None) -> str:
    return f"{value:+.1f}%" if value is not None else ""


def show_history(h: Human, r: HistoryReport) -> None:
    base = r.cpi.base_year if r.cpi is not None else None
    h.heading("National median pay of medical and health services managers, by reference year")
    rows = []
    for i, (p, change_pct) in enumerate(zip(r.points, r.changes, strict=True)):
        h.cite(p.sources, p.reference)
        source = Text(p.sources[0] + (f" +{len(p.sources) - 1}" if len(p.sources) > 1 else ""), style="dim")
        real = r.real[i] if r.real else None
        cells = [Text(p.reference + ("*" if p.third_party else " ")), Text(money(p.median_annual, False)),
                 Text(money(real, False) if real is not None else NOT_GIVEN), Text(_pct(change_pct)),
                 Text(_pct(r.real_changes[i] if r.real_changes else None)), source]
        rows.append((p, cells))

    def build(hourly: bool) -> Table:
        t = h.table()
        t.add_column("period", no_wrap=True)
        t.add_column("median", justify="right", no_wrap=True)
        if hourly:
            t.add_column("/hr", justify="right", no_wrap=True)
        t.add_column(f"in {base} $" if base else "real", justify="right", no_wrap=True)
        t.add_column("change", justify="right", no_wrap=True)
        t.add_column("real", justify="right", no_wrap=True)
        t.add_column("source", no_wrap=True)
        for p, cells in rows:
            hour = [Text(money(p.median_hourly, True) if p.median_hourly is not None else NOT_GIVEN)] if hourly else []
            t.add_row(*cells[:2], *hour, *cells[2:], style="dim" if p.third_party else None)
        return t

    # The hourly column gives way on a narrower terminal, so the table stays one table.
    t = build(hourly=True)
    if not h.fits(t) and h.fits(without := build(hourly=False)):
        t = without
    h.print_table(t)
    if r.growth_pct is not None:
        real = (f"; after inflation (in {base} dollars, CPI-U: {money(r.real[r.points.index(r.first)], False)} to "
                f"{money(r.real[r.points.index(r.last)], False)}): {_pct(r.real_growth_pct)}"
                if r.cpi is not None and r.real_growth_pct is not None else "")
        h.line(Text(f"Growth of the BLS median from {r.first.reference} (${r.first.median_annual:,}) to "
                    f"{r.last.reference} (${r.last.median_annual:,}): {r.growth_pct:+.1f}% in nominal dollars{real}.",
                    style="bold"))
    for p in r.points:
        spread = ", ".join(f"{q} ${v:,}" for q, v in (("p10", p.annual_p10), ("p25", p.annual_p25), ("p75", p.annual_p75),
                                                     ("p90", p.annual_p90)) if v is not None)
        for text in filter(None, (spread and f"spread: {spread}", p.note)):
            h.hanging(f"{p.reference}{f' ({THIRD_PARTY})' if p.third_party else ''}: ",
                      Text(text) + Text(f" [{', '.join(p.sources)}]", style="dim"))
    if r.cpi is not None:
        h.cite([r.cpi.source], f"{min(r.points, key=lambda p: p.year).year}-{base}")
        h.line(Text(f"in {base} $ = the median times the CPI-U annual average of {base} ({r.cpi.base_index}) over that of "
                    f"its year ({r.cpi.series}, all items, U.S. city average), to the dollar; real = the change in those "
                    f"dollars. Nominal figures are BLS's own.", style="dim"))
    h.line(Text("change = versus the previous BLS point. BLS points come from OOH editions, the OES May 2019 "
                "profile and OEWS May 2025; * = third party: a page quoting BLS, unconfirmed, shown for context only "
                "and not used for growth. source +N = N more sources, named in the notes above; 'not given' = that source gives no "
                "such figure.", style="dim"))
