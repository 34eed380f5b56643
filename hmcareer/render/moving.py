"""Views of moving into management: `switch` (from the user's occupation) and `occupations` (every occupation with pay).

Figures are BLS's and O*NET's as bundled; a change is shown only between two published figures, and says so otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from ..models import ONET_ATTRIBUTION, WageEstimate
from ..profiles import ELEMENT_IMPORTANT, Gap, Level
from ..rolepay import PayChange
from ..switching import SwitchReport
from ..vocabulary import background_label
from .human import NOT_APPLICABLE, NOT_PUBLISHED, Human, at_or_above, count, money, reliability

if TYPE_CHECKING:
    from ..occupations import OccupationList

PLACE_WORDS = {"nation": "the United States"}


def change_text(c: PayChange) -> str:
    """"+$12,340 (+11.2%)"; or why there is no change to show."""
    if c.change is not None:
        sign = "+" if c.change >= 0 else "-"
        pct = f" ({c.change_pct:+.1f}%)" if c.change_pct is not None else ""
        return f"{sign}${abs(c.change):,}{pct}"
    if "top-coded" in (c.now_state, c.manager_state):
        return "not computed (top-coded)"
    return "not computed (not published)"


def pay_cell(value: int | None, state: str, top: int | None) -> str:
    if value is not None:
        return money(value, False)
    if state == "top-coded":
        return at_or_above(top, False)
    return NOT_PUBLISHED if state else NOT_APPLICABLE


def short_level(level: Level) -> str:
    """O*NET's category words up to its explanation ("Post-Baccalaureate Certificate - awarded for..." ends at the
    dash)."""
    return level.label.split(" - ")[0].split(" (")[0]


def education_text(levels: tuple[Level, ...], top: int = 3) -> str:
    if not levels:
        return "O*NET gives no education shares"
    words = [f"{lvl.percent:g}% {short_level(lvl)}" + (" (O*NET: not reliable)" if lvl.suppressed else "")
             for lvl in levels[:top]]
    return "; ".join(words)


def _place(e: WageEstimate, kind: str) -> str:
    return PLACE_WORDS.get(kind) or e.area_name


def _flagged(h: Human, e: WageEstimate, label: str, notes: list[str]) -> str:
    """"!" after a figure BLS marks as imprecise (its relative standard error), with a note saying which."""
    flag = reliability(e)
    if flag:
        notes.append(f"{label}: {flag}")
    return " !" if flag else ""


def show_switch(h: Human, r: SwitchReport) -> None:
    own, managers = r.now, r.manager
    place = _place(managers.place, r.place_kind)
    h.cite([own.release.source, managers.release.source], managers.release.name)
    h.heading(f"From {own.occupation.short} ({own.occupation.soc}) to medical and health services manager, in {place}")
    if r.background is not None:
        others = "" if not h.commands else " (name another with --from, e.g. --from lpn; hmcareer occupations lists them)"
        h.line(Text(f"\"{r.named}\" is the background {background_label(r.background)}, shown as its usual occupation, "
                    f"{own.occupation.title}{others}.", style="dim"))
    h.line()
    notes: list[str] = []
    # Short headers, so the table fits 40 columns; the title says who "now" is.
    t = h.table(f"Annual pay in {place}, OEWS {managers.release.name}: now = {own.occupation.short}, manager = medical "
                "and health services managers")
    t.add_column("")
    t.add_column("now" + _flagged(h, own.place, own.occupation.short, notes), justify="right", no_wrap=True)
    t.add_column("manager" + _flagged(h, managers.place, "managers", notes), justify="right", no_wrap=True)
    t.add_column("change", justify="right")
    for c in r.pay:
        t.add_row(c.stat, pay_cell(c.now, c.now_state, own.release.top_annual),
                  pay_cell(c.manager, c.manager_state, managers.release.top_annual), change_text(c))
    t.add_row("jobs", count(own.place.employment, own.place, "employment"),
              count(managers.place.employment, managers.place, "employment"), "")
    h.print_table(t)
    if r.managers_per_100 is not None:
        h.line(Text(f"{r.managers_per_100:g} manager jobs for every 100 jobs of {own.occupation.short} in {place}."))
    else:
        h.line(Text(f"Manager jobs per 100 jobs of {own.occupation.short} in {place}: not computed (a job count is not "
                    "published)."))
    h.line()
    if r.industries:
        t = h.table(f"Median pay inside the same industries, nationally ({len(r.industries)} of the {r.shared_industries} "
                    "where BLS publishes both, most manager jobs first)")
        t.add_column("industry", min_width=12)
        t.add_column("now", justify="right", no_wrap=True)
        t.add_column("manager", justify="right", no_wrap=True)
        t.add_column("change", justify="right")
        for i in r.industries:
            flags = (_flagged(h, i.now, f"{own.occupation.short} in {i.industry_name}", notes),
                     _flagged(h, i.manager, f"managers in {i.industry_name}", notes))
            flag = " !" if any(flags) else ""
            t.add_row(i.industry_name + flag, money(i.median.now, False), money(i.median.manager, False), change_text(i.median))
        h.print_table(t)
    for note in notes:
        h.line(Text(f"! less reliable estimate, {note}", style="yellow"))
    h.line()
    _preparation(h, r)
    _gaps(h, r)
    _technology(h, r)
    _roles(h, r)
    if r.licence_state is not None:
        from .licence import show_state_section

        show_state_section(h, r.licence_state)
        h.line()
    h.line(Text("OEWS counts wage and salary jobs only (no self-employed); 'not published' = BLS did not release the "
                "estimate; '!' = relative standard error above 25% (jobs) or 10% (wages).", style="dim"))
    if r.onet_source:
        h.cite([r.onet_source])
        h.line(Text(f"Skills, knowledge, technology and education: {ONET_ATTRIBUTION}.", style="dim"))


def _preparation(h: Human, r: SwitchReport) -> None:
    h.heading("Preparation (O*NET job zone, 1-5; required education as respondents report it)")
    for side, name in ((r.now, r.now.occupation.short), (r.manager, "managers")):
        zone = f"job zone {side.job_zone.zone}" if side.job_zone else "no O*NET job zone"
        profile = f" (O*NET {side.onet_soc}{'' if side.onet_note is None else ', ' + str(side.onet_title)})" if side.onet_soc else ""
        h.hanging("  ", Text(f"{name[0].upper()}{name[1:]}{profile}: ", style="bold")
                  + Text(f"{zone}; {education_text(side.education)}"))
        if side.onet_note:
            h.hanging("    ", Text(side.onet_note, style="dim"))
    h.line()


def _gap_table(h: Human, title: str, gaps: tuple[Gap, ...], own: str) -> None:
    t = h.table(title)
    t.add_column("skill or knowledge", min_width=12)
    t.add_column("manager", justify="right", no_wrap=True)
    t.add_column("now", justify="right", no_wrap=True)
    for g in gaps:
        t.add_row(f"{g.name} ({g.kind})", f"{g.manager_importance:.2f} / {g.manager_level:.2f}",
                  f"{g.own_importance:.2f} / {g.own_level:.2f}")
    h.print_table(t)


def _gaps(h: Human, r: SwitchReport) -> None:
    own = r.now.occupation.short
    g = r.gaps
    if g is None or not (g.transfer or g.build):
        h.line(Text(f"O*NET 29.3 rates no skills or knowledge for {own}, so none are compared.", style="dim"))
        h.line()
        return
    h.line(Text(f"Skills and knowledge: importance (1-5) / level (0-7), as O*NET rates them, for managers and for {own} "
                f"(now); important = importance {ELEMENT_IMPORTANT:g} or more.", style="dim"))
    if g.transfer:
        _gap_table(h, f"What transfers: important for both ({len(g.transfer)} of {g.transfer_total}, the managers' most "
                      "important first)", g.transfer, own)
    if g.build:
        _gap_table(h, f"What to build: important for managers, needed at a higher level ({len(g.build)} of {g.build_total}, "
                      "largest gap first; it may also transfer)", g.build, own)
    if g.left_out:
        named = "; ".join(g.left_out[:3]) + (f"; and {len(g.left_out) - 3} more" if len(g.left_out) > 3 else "")
        h.line(Text(f"Left out: {named}: O*NET recommends suppressing a rating of theirs, or marks a level not relevant.",
                    style="dim"))
    h.line()


def _technology(h: Human, r: SwitchReport) -> None:
    if not r.technology:
        return
    h.heading(f"Technology managers use that {r.now.occupation.short}' O*NET profile does not list "
              f"({len(r.technology)} of {r.technology_total}; Hot Technology first, in demand next)")
    h.bullets(Text(t.example) + Text(f" ({t.commodity_title}" + ("; hot" if t.hot else "") + ("; in demand" if t.in_demand else "")
                                     + ")", style="dim") for t in r.technology)
    h.line()


def _roles(h: Human, r: SwitchReport) -> None:
    if not r.roles:
        return
    h.heading(f"Roles that fit the {background_label(r.now.occupation.background)} background best")
    same = r.place_kind != "nation"  # one figure for every role: say it once
    if same:
        first = r.roles[0].pay
        text = f"Pay for each: median {money(first.pay.annual_median, False, first.pay, 'annual_median')}, {first.where}"
        if first.change is not None:
            text += f"; versus {r.now.occupation.short} there: {change_text(first.change)}"
        h.line(Text(text + "."))
    for rank, fit in enumerate(r.roles, 1):
        pay = fit.pay
        text = Text(f"{rank}. ", style="bold") + Text(fit.title, style="bold")
        if not same:
            median = money(pay.pay.annual_median, False, pay.pay, "annual_median")
            text.append(f": median {median}, {pay.where}")
            if pay.change is not None:
                text.append(f"; versus {r.now.occupation.short} in that industry: {change_text(pay.change)}")
        h.hanging("", text)
    if h.commands:
        soc = r.now.occupation.soc
        h.line(Text(f"Next: hmcareer match --occupation {soc} ranks every role; hmcareer paths ROLE --occupation {soc} "
                    "shows the path.", style="dim"))
    h.line()


def show_occupations(h: Human, r: OccupationList) -> None:
    h.cite(r.sources, r.release_name)
    h.heading(f"Occupations with pay in hmcareer (BLS OEWS {r.release_name}; O*NET 29.3 job zone and education)")
    t = h.table()
    t.add_column("SOC", no_wrap=True, style="cyan")
    t.add_column("occupation", min_width=12)
    t.add_column("jobs", justify="right", no_wrap=True)
    t.add_column("median", justify="right", no_wrap=True)
    t.add_column("zone", justify="right", no_wrap=True)
    t.add_column("most-named education", min_width=10)
    for row in r.rows:
        e, level = row.national, row.education
        education = (f"{level.percent:g}% {short_level(level)}" + (" (O*NET: not reliable)" if level.suppressed else "")
                     if level else "not rated")
        t.add_row(row.occupation.soc, row.occupation.title, count(e.employment, e, "employment"),
                  money(e.annual_median, False, e, "annual_median"), str(row.job_zone) if row.job_zone else "not rated",
                  education)
    h.print_table(t)
    h.line(Text("jobs and median: national, all industries. zone: O*NET job zone (1 little preparation ... 5 extensive). "
                "education: the required education most O*NET respondents name, with their share; not rated: O*NET "
                "gives none.", style="dim"))
    if r.onet_source:
        h.cite([r.onet_source])
        h.line(Text(f"{ONET_ATTRIBUTION}.", style="dim"))
    if h.commands:
        h.line(Text("hmcareer salary --occupation SOC for pay by place; hmcareer switch --from SOC to compare with managers.",
                    style="dim"))
