"""Human output for find my fit: the ranked roles and each path step marked for the user."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..matching import (
    BACKGROUND_POINTS,
    CHECK,
    CHECK_ISSUER,
    DONE,
    IN_REACH,
    INTEREST_POINTS,
    LICENCE_POINTS,
    NOT_YET,
    OPEN,
    TO_DO,
    UNKNOWN,
    MatchReport,
    PlannedPath,
    Profile,
    StepCheck,
)
from ..models import ALL_INDUSTRIES
from ..rolepay import RolePay
from ..vocabulary import DEGREE_FIELDS, DEGREE_LEVELS, FIT_BACKGROUNDS, FIT_INTERESTS, LICENCES
from .human import Human, money
from .paths import path_tree, step_label

STATUS_WIDTH = 12
NARROW = 60  # below this many columns, a step's status goes before it rather than in a column of its own
STATUS_STYLE = {DONE: "green", TO_DO: "yellow", CHECK: "cyan", UNKNOWN: "dim", IN_REACH: "green", NOT_YET: "yellow",
                CHECK_ISSUER: "cyan", OPEN: "green"}


def _checked_step(h: Human, c: StepCheck, licence_state: Any = None) -> Text:
    """A step with why it has its status; a certification cites only the requirement it was checked against."""
    s = c.step
    if c.credential:
        if c.credential.best:
            h.cite(c.credential.best.requirement.sources, c.credential.best.requirement.period)
        line = Text(f"{s.step}: ", style="cyan") + Text(s.label)
    else:
        line = step_label(h, s, licence_state)
    line.append(f" ({c.why})", style="italic")
    return line


def _short_label(c: StepCheck, brief: bool = False) -> str:
    """A step named briefly: a credential's abbreviation and name (brief: its abbreviation), else the step's label up
    to its first dash (brief: its abbreviation in brackets, when it has one: "MHA")."""
    if c.credential:
        return c.step.label.split(":")[0] if brief else c.step.label
    label = c.step.label.split(" - ")[0]
    if brief and label.endswith(")") and "(" in label:
        return label[label.rindex("(") + 1:-1]
    return label


def _status(c: StepCheck) -> Text:
    return Text(c.status, style=STATUS_STYLE[c.status])


def describe_profile(p: Profile, commands: bool = True) -> str:
    parts = [f"occupation {p.occupation}"] if p.occupation else []
    if p.background:
        parts.append(f"background {FIT_BACKGROUNDS[p.background][0]}")
    degree = f"degree: {DEGREE_LEVELS[p.degree][0]}" if p.degree else "degree: level not given"
    if p.degree_field:
        degree += f"{',' if not p.degree else ''} in {DEGREE_FIELDS[p.degree_field][0].lower()}"
    parts.append(degree)
    parts.append(f"experience: {_experience(p)}")
    if p.licences:
        held = ", ".join(LICENCES[x][0] for x in p.licences)
        correct = "say --licence none if not" if commands else "answer none to the licence question if not"
        parts.append(f"licence: {held}" + (f" ({p.assumed_from}; {correct})" if p.licence_assumed else ""))
    else:
        parts.append("licence: not given")
    if p.interests:
        parts.append("interests: " + ", ".join(FIT_INTERESTS[x][0] for x in p.interests))
    return "; ".join(parts)


def _experience(p: Profile) -> str:
    """ "8 years, 3 of them managing, none as an executive"; a kind not given is said to be not given."""
    def years(n: int) -> str:
        return f"{n} year{'s' if n != 1 else ''}"

    text = years(p.years) if p.years is not None else "years not given"
    if p.manager_years is not None:
        text += f", {p.manager_years or 'none'} of them as a manager"
    elif p.years:
        text += ", years as a manager not given"
    if p.executive_years is not None:
        text += f", {p.executive_years or 'none'} in an executive role"
    elif p.manager_years:
        text += ", executive years not given"
    return text


def show_plan(h: Human, plan: PlannedPath) -> None:
    p = plan.profile
    title = f"Path to {plan.role.title}" + (f" from {FIT_BACKGROUNDS[p.background][0]}" if p.background else "")
    h.line(Text("You: " + describe_profile(p, h.commands), style="dim"))
    if plan.fits_background is False:
        h.line(Text(f"This background is not among the usual ones for this role ({', '.join(plan.role.backgrounds)}); "
                    "the path still applies.", style="yellow"))
    tree = Tree(Text(title, style="bold"), guide_style="dim")
    path_tree(h, tree, plan.role, plan.steps,
              lambda c: Text("[") + _status(c) + Text("] ") + _checked_step(h, c, plan.licence_state), plan.licence_state)
    h.print_tree(tree)
    if plan.licence_state is not None:
        from .licence import state_glossary

        state_glossary(h, plan.licence_state)
    _status_legend(h)


STATUS_MEANINGS = {
    DONE: "your answers show it", TO_DO: "still needed",
    CHECK: "your answers cannot show it (the field of a degree, the kind of work)", UNKNOWN: "you did not say",
    IN_REACH: "your answers show the issuer's degree, licence and experience rules (membership, fees and the exam remain)",
    NOT_YET: "one is missing", CHECK_ISSUER: "a rule your answers cannot show, or one known only from a third party",
    OPEN: "the issuer sets no prerequisites",
}
CERTIFICATION_STATUSES = (IN_REACH, NOT_YET, CHECK_ISSUER, OPEN)


def _status_legend(h: Human, shown: set[str] | None = None) -> None:
    """What each status means: every one, or those `shown` (a certification's `unknown` is a step's)."""
    def said(statuses: tuple[str, ...]) -> str:
        return "; ".join(f"{x} = {STATUS_MEANINGS[x]}" for x in statuses if shown is None or x in shown)

    steps = said((DONE, TO_DO, CHECK, UNKNOWN))
    certifications = said(CERTIFICATION_STATUSES)
    text = (f"{steps}." if steps else "") + (f" Certifications: {certifications}." if certifications else "")
    if text:
        h.line(Text(text.strip(), style="dim"))


def _pay_heading(h: Human, m: MatchReport) -> None:
    if not m.pay or m.place is None:
        return
    where = "nationally" if m.place.kind == "nation" else f"in {m.place.managers.area_name}"
    h.cite([m.place.release.source], m.place.release.name)
    text = f"Pay: annual medians, BLS OEWS {m.place.release.name}, {where}"
    if m.place.kind == "nation":  # said once here, not beside every role
        text += ", of 11-9111 managers in each role's industry with the most manager jobs"
    if m.current is not None:
        text += f"; the change is from {m.current.short} ({m.current.soc}) in the same industry or place"
        if m.current_assumed:
            background = FIT_BACKGROUNDS[m.profile.background][0]
            text += (f", the usual occupation of the background {background} (name yours with --occupation)" if h.commands
                     else f", the usual occupation of the background {background}")
    h.line(Text(text + ".", style="dim"))
    if m.place.kind != "nation":  # one figure for every role: said once
        h.line(Text("Pay for every role: ") + _pay(m, m.pay[0]))
    h.line()


def _pay(m: MatchReport, p: RolePay, brief: bool = False) -> Text:
    """Nationally, the heading says whose pay it is; the role's line names the industry (or, where none is published,
    says it is every manager's). brief: without the word the heading says (median), for a narrow terminal."""
    by_industry = m.place is not None and m.place.kind == "nation" and p.pay.industry_code != ALL_INDUSTRIES
    text = Text(("" if brief else "median ") + f"{money(p.pay.annual_median, False, p.pay, 'annual_median')}"
                + (f" in {p.pay.industry_name}" if by_industry else f", {p.where}"))
    if p.change is not None and m.current is not None:
        from .moving import change_text

        text.append(f"; from {m.current.short}: {change_text(p.change)}")
    return text


def show_match(h: Human, m: MatchReport) -> None:
    h.heading("Find my fit: the roles ranked for you")
    h.line(Text("You: " + describe_profile(m.profile, h.commands), style="dim"))
    h.line()
    # Stacked rather than a table: the reasons stay readable at any width, down to 40 columns.
    _pay_heading(h, m)
    for rank, r in enumerate(m.matches, 1):
        left, unknown = len(r.to_do), len(r.unknown)
        head = Text(f"{rank}. ", style="bold") + Text(r.role.title, style="bold")
        head.append(f"  {r.score} point{'s' if r.score != 1 else ''}, ", style="green")
        head.append(f"{left} required step{'s' if left != 1 else ''} to do", style="yellow" if left else "green")
        if unknown:
            head.append(f", {unknown} unknown", style="dim")
        h.line(head)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column()
        narrow = h.console.width < NARROW
        lead = "" if narrow else "  "  # on a narrow terminal the reasons keep their room
        # There, a role below the top ones shows only the reasons that gave it points (its path lists the rest).
        reasons = [x for x in r.reasons if x.points or not narrow or rank <= m.top]
        for x in reasons:
            grid.add_row(Text(f"{lead} {x.points:+d}" if x.points else f"{lead}  0", style="green" if x.points else "dim"),
                         Text(x.text))
        if not r.reasons:
            grid.add_row(Text(f"{lead}  "), Text("none of your answers bears on this role's traits", style="dim"))
        if m.pay and m.place is not None and m.place.kind == "nation":
            grid.add_row(Text(f"{lead}pay", style="cyan"), _pay(m, m.pay[rank - 1], brief=narrow))
        h.print_table(grid)
    h.line(Text(f"Points: background +{BACKGROUND_POINTS}, each shared interest +{INTEREST_POINTS}, holding the licence a "
                f"role requires or usually draws on +{LICENCE_POINTS}. The fit traits are hmcareer's editorial reading of each role; the "
                "requirements below come from the sources cited.", style="dim"))
    # A status column where there is room for it beside the steps; on a narrow terminal, each required step after its
    # status, and the optional ones by name on one line (the role's path has them in full).
    beside = h.console.width >= NARROW
    said: dict[str, str] = {}  # an optional step shown in full for an earlier role: the role, to refer back to
    shown: set[str] = set()  # the statuses shown, for the legend
    for r in m.matches[:m.top]:
        h.line()
        h.heading(f"What {r.role.title} still needs ({r.role.id})")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=STATUS_WIDTH)  # "check with the issuer" wraps rather than narrow every step
        grid.add_column()
        optional: dict[str, list[str]] = {}  # the optional steps by status, in the order first met
        for c in r.steps:
            shown.add(c.status)
            full = _checked_step(h, c)  # (also cites its sources, which the footer counts at every width)
            key = f"{c.step.step}:{c.step.ref or c.step.label}:{c.status}:{c.why}"
            if not beside:
                if c.step.optional:
                    optional.setdefault(c.status, []).append(_short_label(c, brief=True))
                else:
                    h.hanging("  ", Text("[") + _status(c) + Text("] ") + Text(f"{c.step.step}: ", style="cyan")
                              + Text(_short_label(c)) + Text(f" ({c.why})", style="italic"))
                continue
            status = _status(c)
            step = full
            if c.step.optional and key in said:  # the same step, the same verdict: once in full is enough
                step = Text(f"{c.step.step}: ", style="cyan") + Text(_short_label(c)) + Text(
                    f" (as for {said[key]}, above)", style="italic")
            elif c.step.optional:
                said[key] = r.role.title
            if c.step.optional:
                status.append("\n(optional)", style="dim")
            grid.add_row(status, step)
        if beside:
            h.print_table(grid)
        elif optional:
            h.hanging("  ", Text("optional: ", style="dim") + Text("; ").join(
                Text(", ".join(names)) + " (" + Text(status, style=STATUS_STYLE[status]) + ")"
                for status, names in optional.items()))
    if m.licence_state is not None:
        from .licence import show_state_section

        show_state_section(h, m.licence_state)
    h.line()
    _status_legend(h, shown)
    if h.commands:
        h.line(Text("Next: hmcareer paths ROLE --from BACKGROUND for the full path; hmcareer roles ROLE for pay and duties.",
                    style="dim"))
