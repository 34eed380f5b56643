"""The explorer's "from your current job" section: pick an occupation and a place, see the switch view, then drill into
the occupation's skills, its pay beside the managers', and the roles that fit.

A mixin of the Explorer (explore.py): it uses the explorer's ask, choose, loop and screen, and imports nothing of it.
"""

from __future__ import annotations

from typing import Any

from .catalog import MANAGERS_SOC
from .errors import Ambiguous, UsageError
from .explore_flow import GoBack
from .models import WageEstimate
from .render.interactive import NARROW


class CurrentJobSection:
    """Needs `self.c`, `self.screen`, `self.ask`, `self.choose`, `self.loop` and `self.open_role` (see explore.Explorer)."""

    c: Any
    screen: Any
    ask: Any
    choose: Any
    loop: Any
    open_role: Any

    def job_menu(self) -> None:
        from .occupations import find_occupation, list_occupations, resolve_from

        self.screen.say("From your current job: type it (rn, lpn, coder, 'medical assistant', physical therapist, 29-1141), "
                        "or list for every occupation.", "dim")
        text = self.ask("your job")
        if not text or text.lower() in ("list", "l"):
            self.screen.result(list_occupations(self.c))
            return
        try:
            resolved = resolve_from(self.c, text)
        except Ambiguous as exc:  # its choices are "SOC title"
            entries = [find_occupation(self.c, choice.split(" ", 1)[0]) for choice in exc.choices]
            try:
                index = self.choose(f"{text!r} could mean", [(e.soc, e.title) for e in entries], "which",
                                    aliases={e.soc: (e.title, e.short, *e.aliases) for e in entries})
            except GoBack:  # back to the job question
                return
            resolved = resolve_from(self.c, entries[index].soc)
        if resolved.occupation.background is None:
            self.screen.hint("That is the managers' own occupation; type the job you hold now.")
            return
        try:
            place = self.ask_place()
        except GoBack:  # b at the place question: back to the job question
            return
        self.loop(lambda: self.job_view(resolved.occupation.soc, place))

    def job_named(self, text: str) -> str | None:
        """The short name of the job `text` names (rn, nurse: registered nurses), None where it names none; for a place
        question answered with a job."""
        from .occupations import resolve_from

        try:
            entry = resolve_from(self.c, text).occupation
        except Ambiguous:
            return "those jobs"
        except UsageError:
            return None
        return entry.short if entry.background is not None else None

    def ask_place(self) -> tuple[str | None, str | None]:
        """(state, metro) as BLS codes, for what the user types; Enter for the whole country."""
        from .query import find_metro, find_state

        wide = self.screen.console.width >= NARROW
        if not wide:  # a narrow screen: the question on a line of its own, the prompt short, leaving room to type
            self.screen.say("Where? A state or metro; Enter for the whole US.", "dim")
        while True:
            text = self.ask("where (state, metro; Enter: whole US)" if wide else "where")
            if not text:
                return None, None
            found: list[tuple[str, WageEstimate]] = []
            several = []
            for kind, finder in (("state", find_state), ("metro", find_metro)):
                try:
                    found.append((kind, finder(self.c, text)))
                except Ambiguous as exc:
                    several += exc.choices
                except UsageError:
                    continue
            if not found:
                self.screen.hint(f"Several places match {text!r}: {'; '.join(several[:6])}. Give more of the name."
                                 if several else f"No state or metro is called {text!r}; try NY, ohio or boston.")
                continue
            if len(found) > 1:
                index = self.choose(f"{text!r} could mean", [(e.area_name, kind) for kind, e in found], "which")
                found = [found[index]]
            kind, place = found[0]
            return (place.state_code, None) if kind == "state" else (None, place.area_code)

    def job_view(self, soc: str, place: tuple[str | None, str | None]) -> None:
        from .occupations import find_occupation, occupation_profile
        from .render.moving import change_text, pay_cell
        from .salary import salary_report
        from .switching import switch_report

        state, metro = place
        report = switch_report(self.c, soc, state, metro)
        self.screen.result(report)
        median = next(c for c in report.pay if c.stat == "median")
        # The view is long: its answer again, next to the menu, so that it stays on screen.
        where = report.manager.place.area_name if report.place_kind != "nation" else "the United States"
        self.screen.say(f"In short, in {where}: median {report.now.occupation.short} "
                        f"{pay_cell(median.now, median.now_state, None)}, managers "
                        f"{pay_cell(median.manager, median.manager_state, None)}: {change_text(median)}.", "bold")
        options = [("skills", f"{report.now.occupation.short}: the whole O*NET profile"),
                   ("pay", f"{report.now.occupation.short}' pay there, beside the national figures"),
                   ("managers", "managers' pay there"), *((f.role_id, f"fits: {f.title}") for f in report.roles)]
        while True:
            index = self.choose("From your current job: more", options, "next")
            if index == 0:
                self.screen.result(occupation_profile(self.c, find_occupation(self.c, soc)))
            elif index in (1, 2):
                code = soc if index == 1 else MANAGERS_SOC
                places = {"states": (state,)} if state else {"metros": (metro,)} if metro else {}
                self.screen.result(salary_report(self.c, soc=code, **places))
            else:
                role = next(r for r in self.c.roles if r.id == report.roles[index - 3].role_id)
                self.open_role(role)

